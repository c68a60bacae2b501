# feedback-api: customer feedback form backend behind a public function URL.
# Deliberately misconfigured; the same stack as ../dump, ../sam and
# ../serverless (and ../terraform-plan/plan.json, its plan).

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.0"
    }
  }
}

provider "aws" {
  region              = var.region
  allowed_account_ids = ["111122223333"]
}

variable "region" {
  type    = string
  default = "us-east-1"
}

variable "db_password" {
  type    = string
  default = "Feedback-Db-2025!"
}

locals {
  name = "feedback-api"
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "api" {
  name               = "${local.name}-role"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role_policy" "uploads" {
  name = "feedback-uploads"
  role = aws_iam_role.api.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }]
  })
}

resource "aws_iam_role_policy_attachment" "logs" {
  role       = aws_iam_role.api.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

resource "aws_lambda_function" "api" {
  function_name = local.name
  description   = "Customer feedback form backend"
  role          = aws_iam_role.api.arn
  runtime       = "python3.9"
  handler       = "app.handler"
  filename      = "build/feedback-api.zip"
  memory_size   = 256
  timeout       = 10

  environment {
    variables = {
      DB_HOST     = "feedback.cluster-c8x1fj2kq3ab.us-east-1.rds.amazonaws.com"
      DB_USER     = "feedback_app"
      DB_PASSWORD = var.db_password
    }
  }
}

resource "aws_lambda_function_url" "api" {
  function_name      = aws_lambda_function.api.function_name
  authorization_type = "NONE"

  cors {
    allow_origins = ["*"]
    allow_methods = ["POST"]
    allow_headers = ["content-type"]
    max_age       = 300
  }
}

resource "aws_lambda_permission" "url" {
  statement_id           = "FunctionURLAllowPublicAccess"
  action                 = "lambda:InvokeFunctionUrl"
  function_name          = aws_lambda_function.api.function_name
  principal              = "*"
  function_url_auth_type = "NONE"
}

resource "aws_lambda_permission" "url_invoke" {
  statement_id             = "FunctionURLAllowInvokeAction"
  action                   = "lambda:InvokeFunction"
  function_name            = aws_lambda_function.api.function_name
  principal                = "*"
  invoked_via_function_url = true
}
