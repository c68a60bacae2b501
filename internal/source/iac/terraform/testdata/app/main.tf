locals {
  name = "orders-${var.env}"
  common_env = {
    TABLE_NAME = aws_dynamodb_table.orders.name
    LOG_LEVEL  = "info"
  }
  tags = merge({ Service = "orders" }, { Environment = var.env })
}

resource "aws_dynamodb_table" "orders" {
  name         = "${local.name}-table"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }
}

module "api_role" {
  source    = "./modules/lambda-role"
  name      = "${local.name}-api"
  table_arn = aws_dynamodb_table.orders.arn
}

resource "aws_lambda_function" "api" {
  for_each = var.functions

  function_name = format("%s-api-%s", local.name, each.key)
  role          = module.api_role.arn
  runtime       = "python3.8"
  handler       = "app.handler"
  filename      = "build/api.zip"
  memory_size   = each.value.memory
  tags          = local.tags

  environment {
    variables = merge(local.common_env, { MARKET = upper(each.key) })
  }
}

resource "aws_lambda_function_url" "api" {
  for_each = { for k, v in var.functions : k => v if v.public }

  function_name      = aws_lambda_function.api[each.key].function_name
  authorization_type = "NONE"

  cors {
    allow_origins = ["*"]
    allow_methods = ["GET", "POST"]
  }
}

resource "aws_lambda_permission" "url" {
  statement_id           = "FunctionURLAllowPublicAccess"
  action                 = "lambda:InvokeFunctionUrl"
  function_name          = aws_lambda_function.api["eu"].function_name
  principal              = "*"
  function_url_auth_type = "NONE"
}

resource "aws_lambda_permission" "s3" {
  statement_id  = "AllowS3Invoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.api["us"].function_name
  principal     = "s3.amazonaws.com"
}

resource "aws_iam_role" "worker" {
  name = "${local.name}-worker"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
  managed_policy_arns = ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]
}

resource "aws_sqs_queue" "dlq" {
  name = "${local.name}-dlq"
}

resource "aws_kms_key" "env" {
  description = "orders environment encryption"
}

# lambdasec:ignore LAMBDA-NET-001 the worker only calls public AWS APIs
resource "aws_lambda_function" "worker" {
  function_name                  = "${local.name}-worker"
  role                           = aws_iam_role.worker.arn
  runtime                        = "python3.12"
  handler                        = "worker.handler"
  filename                       = "build/worker.zip"
  reserved_concurrent_executions = 5
  kms_key_arn                    = aws_kms_key.env.arn

  tracing_config {
    mode = "Active"
  }

  dead_letter_config {
    target_arn = aws_sqs_queue.dlq.arn
  }
}

resource "aws_cloudwatch_log_group" "worker" {
  name              = "/aws/lambda/${aws_lambda_function.worker.function_name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.env.arn
}
