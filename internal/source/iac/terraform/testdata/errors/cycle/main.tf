locals {
  a = "${local.b}-x"
  b = "${local.c}-y"
  c = local.a
}

resource "aws_lambda_function" "f" {
  function_name = local.a
  role          = "arn:aws:iam::111122223333:role/r"
  runtime       = "nodejs20.x"
}
