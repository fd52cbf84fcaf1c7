output "slack_request_url" {
  description = "Paste into the Slack app: Slash Commands, Event Subscriptions and Interactivity request URLs."
  value       = aws_lambda_function_url.slack.function_url
}

output "bucket" {
  description = "S3 bucket for state, caches and reports (FINOPS_BUCKET)."
  value       = aws_s3_bucket.state.id
}

output "state_machine_arn" {
  description = "The analysis pipeline."
  value       = aws_sfn_state_machine.pipeline.arn
}

output "slack_secret_arn" {
  description = "Put the Slack bot token and signing secret here (README \"Deploy\")."
  value       = aws_secretsmanager_secret.slack.arn
}

output "dead_letter_queue_url" {
  description = "Failed analyses and undeliverable digests, for inspection and replay."
  value       = aws_sqs_queue.dlq.url
}

output "digest_schedule_group" {
  description = "EventBridge Scheduler group the bot creates digest schedules in."
  value       = aws_scheduler_schedule_group.digests.name
}

output "function_names" {
  description = "Lambda function per entry point."
  value       = { for key, fn in aws_lambda_function.fn : key => fn.function_name }
}
