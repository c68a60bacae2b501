resource "aws_lambda_function" "f" {
  function_name = "f"
  runtime       = "nodejs20.x"
  environment {
    variables = { A = "1" 
  }
}
