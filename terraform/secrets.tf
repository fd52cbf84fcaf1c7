# The Slack app's credentials. Terraform creates the secret, never its value: put it with the CLI
# (README "Deploy") so the tokens stay out of the state file.
resource "aws_secretsmanager_secret" "slack" {
  #checkov:skip=CKV2_AWS_57:Slack tokens are rotated in Slack (token rotation / reinstall), not by a Lambda here; put the new value when they change.
  #checkov:skip=CKV_AWS_149:AWS-managed key by default (aws/secretsmanager); var.kms_key_arn switches to a customer-managed key.
  name                    = "${var.name}/slack"
  description             = "Slack app credentials as JSON: {\"bot_token\": \"xoxb-...\", \"signing_secret\": \"...\"}"
  kms_key_id              = var.kms_key_arn
  recovery_window_in_days = 7
}
