// Package tfgen writes large Terraform configurations for benchmarks.
package tfgen

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Write generates a configuration of n functions, each with its
// own role, inline policy document, log group, permission and, for one in
// ten, a public function URL, spread over files of 100 functions.
func Write(dir string, n int) error {
	head := `provider "aws" {
  region = var.region
}

variable "region" {
  default = "eu-west-1"
}

locals {
  env = { STAGE = "prod", LOG_LEVEL = "info" }
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(head), 0o644); err != nil {
		return err
	}
	for file := 0; file*100 < n; file++ {
		var b strings.Builder
		for i := file * 100; i < n && i < (file+1)*100; i++ {
			fmt.Fprintf(&b, `
data "aws_iam_policy_document" "fn%[1]d" {
  statement {
    actions   = ["dynamodb:GetItem", "dynamodb:PutItem"]
    resources = ["arn:aws:dynamodb:${var.region}:111122223333:table/t%[1]d"]
  }
}

resource "aws_iam_role" "fn%[1]d" {
  name = "fn%[1]d-role"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "fn%[1]d" {
  role   = aws_iam_role.fn%[1]d.id
  policy = data.aws_iam_policy_document.fn%[1]d.json
}

resource "aws_lambda_function" "fn%[1]d" {
  function_name = "fn%[1]d"
  role          = aws_iam_role.fn%[1]d.arn
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "build/fn.zip"
  environment {
    variables = merge(local.env, { INDEX = "%[1]d" })
  }
}

resource "aws_cloudwatch_log_group" "fn%[1]d" {
  name              = "/aws/lambda/${aws_lambda_function.fn%[1]d.function_name}"
  retention_in_days = 30
}

resource "aws_lambda_permission" "fn%[1]d" {
  function_name = aws_lambda_function.fn%[1]d.function_name
  action        = "lambda:InvokeFunction"
  principal     = "events.amazonaws.com"
  source_arn    = "arn:aws:events:${var.region}:111122223333:rule/r%[1]d"
}
`, i)
			if i%10 == 0 {
				fmt.Fprintf(&b, `
resource "aws_lambda_function_url" "fn%[1]d" {
  function_name      = aws_lambda_function.fn%[1]d.function_name
  authorization_type = "NONE"
}
`, i)
			}
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("functions_%02d.tf", file)), []byte(b.String()), 0o644); err != nil {
			return err
		}
	}
	return nil
}
