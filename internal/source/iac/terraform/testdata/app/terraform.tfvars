account_id = "111122223333"
env        = "prod"

functions = {
  eu = { memory = 512, public = true }
  us = { memory = 256, public = false }
}
