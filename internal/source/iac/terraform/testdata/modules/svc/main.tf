variable "name" {
  type = string
}

resource "aws_lambda_function" "this" {
  function_name = var.name
  role          = "arn:aws:iam::111122223333:role/shared"
  runtime       = "go1.x"
  handler       = "bootstrap"
}

output "function_name" {
  value = aws_lambda_function.this.function_name
}
