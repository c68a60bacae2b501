variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "account_id" {
  type = string
}

variable "env" {
  type    = string
  default = "dev"
}

variable "functions" {
  description = "API handlers, one per market"
  type = map(object({
    memory = number
    public = bool
  }))
  default = {}
}

variable "log_retention_days" {
  type    = number
  default = 30
}
