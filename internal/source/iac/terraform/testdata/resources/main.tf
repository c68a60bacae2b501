provider "aws" {
  region = "us-east-2"
  assume_role {
    role_arn = "arn:aws:iam::444455556666:role/deploy"
  }
}

variable "concurrency" {
  type = number
}

variable "workers" {
  type    = number
  default = 1
}

variable "org_id" {
  type = string
}

variable "trusted_accounts" {
  type    = list(string)
  default = []
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "private" {
  count             = 2
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet("10.0.0.0/16", 8, count.index)
  availability_zone = element(["us-east-2a", "us-east-2b"], count.index)
}

resource "aws_internet_gateway" "gw" {
  vpc_id = aws_vpc.main.id
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id
}

resource "aws_route" "default" {
  route_table_id         = aws_route_table.private.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.gw.id
}

resource "aws_route_table_association" "private" {
  count          = 2
  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private.id
}

resource "aws_security_group" "fn" {
  name   = "fn"
  vpc_id = aws_vpc.main.id

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_vpc_security_group_ingress_rule" "https" {
  security_group_id = aws_security_group.fn.id
  cidr_ipv4         = "10.0.0.0/8"
  from_port         = 443
  to_port           = 443
  ip_protocol       = "tcp"
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.us-east-2.s3"
  route_table_ids   = [aws_route_table.private.id]
}

resource "aws_lambda_layer_version" "deps" {
  layer_name          = "deps"
  compatible_runtimes = ["nodejs20.x"]
}

resource "aws_lambda_layer_version_permission" "org" {
  layer_name      = aws_lambda_layer_version.deps.layer_arn
  version_number  = 1
  statement_id    = "org"
  action          = "lambda:GetLayerVersion"
  principal       = "*"
  organization_id = "o-abc123"
}

resource "aws_lambda_code_signing_config" "csc" {
  allowed_publishers {
    signing_profile_version_arns = ["arn:aws:signer:us-east-2:444455556666:/signing-profiles/p/abc"]
  }
  policies {
    untrusted_artifact_on_deployment = "Enforce"
  }
}

data "aws_iam_policy_document" "base" {
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::bucket/*"]
  }
}

data "aws_iam_policy_document" "fn" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]

  dynamic "statement" {
    for_each = toset(["sqs", "sns"])
    content {
      sid       = upper(statement.value)
      actions   = ["${statement.value}:*"]
      resources = ["*"]
    }
  }

  statement {
    sid     = "Read"
    effect  = "Deny"
    actions = ["s3:GetObject"]
    not_resources = ["arn:aws:s3:::bucket/public/*"]
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_iam_policy" "fn" {
  name   = "fn"
  path   = "/app/"
  policy = data.aws_iam_policy_document.fn.json
}

resource "aws_iam_role" "fn" {
  name_prefix = "fn-"
  path        = "/app/"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "lambda.amazonaws.com", AWS = "arn:aws:iam::777788889999:root" }
    }]
  })
  inline_policy {
    name   = "logs"
    policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "logs:*", Resource = "*" }] })
  }
}

resource "aws_iam_role_policy_attachment" "fn" {
  role       = aws_iam_role.fn.name
  policy_arn = aws_iam_policy.fn.arn
}

resource "aws_lambda_function" "worker" {
  count                          = var.workers
  function_name                  = "worker-${count.index}"
  role                           = aws_iam_role.fn.arn
  runtime                        = "nodejs20.x"
  handler                        = "index.handler"
  layers                         = [aws_lambda_layer_version.deps.arn]
  code_signing_config_arn        = aws_lambda_code_signing_config.csc.arn
  reserved_concurrent_executions = var.concurrency

  vpc_config {
    subnet_ids         = aws_subnet.private[*].id
    security_group_ids = [aws_security_group.fn.id]
  }

  logging_config {
    log_format = "JSON"
    log_group  = aws_cloudwatch_log_group.shared.name
  }
}

resource "aws_cloudwatch_log_group" "shared" {
  name = "/app/functions"
}

resource "aws_lambda_function_event_invoke_config" "worker" {
  function_name                = aws_lambda_function.worker[0].function_name
  maximum_retry_attempts       = 0
  destination_config {
    on_failure {
      destination = "arn:aws:sqs:us-east-2:444455556666:failures"
    }
  }
}

resource "aws_lambda_event_source_mapping" "queue" {
  event_source_arn = "arn:aws:sqs:us-east-2:444455556666:jobs"
  function_name    = aws_lambda_function.worker[0].arn
  batch_size       = 10
  enabled          = false
}

resource "aws_lambda_permission" "org" {
  count            = length(var.trusted_accounts) > 0 ? 1 : 0
  function_name    = aws_lambda_function.worker[0].function_name
  action           = "lambda:InvokeFunction"
  principal        = var.trusted_accounts[0]
  principal_org_id = var.org_id
}

resource "aws_lambda_permission" "events" {
  function_name  = aws_lambda_function.worker[0].function_name
  action         = "lambda:InvokeFunction"
  principal      = "events.amazonaws.com"
  source_arn     = "arn:aws:events:us-east-2:444455556666:rule/nightly"
  source_account = "444455556666"
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "trail-bucket"
  is_multi_region_trail = true

  event_selector {
    read_write_type           = "All"
    include_management_events = true
    data_resource {
      type   = "AWS::Lambda::Function"
      values = ["arn:aws:lambda"]
    }
  }
}

resource "aws_iam_policy_attachment" "readonly" {
  name       = "readonly"
  roles      = [aws_iam_role.fn.name]
  policy_arn = "arn:aws:iam::aws:policy/AWSLambda_ReadOnlyAccess"
}
