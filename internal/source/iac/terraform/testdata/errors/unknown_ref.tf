resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = aws_iam_role.missing.arn
  runtime       = "nodejs20.x"
}
