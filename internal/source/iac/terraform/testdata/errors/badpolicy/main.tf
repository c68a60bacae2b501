resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = "{\"Statement\": \"nope\"}"
}

# lambdasec:ignore EXP-001 missing prefix
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = aws_iam_role.r.arn
  runtime       = "nodejs20.x"
}
