module "svc" {
  for_each = toset(["billing", "search"])
  source   = "./svc"
  name     = each.key
}

module "batch" {
  count  = 2
  source = "./svc"
  name   = "batch-${count.index}"
}

resource "aws_lambda_permission" "partner" {
  function_name = module.svc["billing"].function_name
  action        = "lambda:InvokeFunction"
  principal     = "210987654321"
}
