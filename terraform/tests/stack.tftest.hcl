# Applies the whole stack to a mocked AWS provider (no credentials, no network, nothing created) and checks
# what it would create. Run by `make infra-check` with the package_dir and ASL it prepares.
mock_provider "aws" {
  # policy documents are rendered by the provider; a mocked one only has to be valid JSON here
  # (tests/contract reads the statements themselves)
  mock_data "aws_iam_policy_document" {
    defaults = { json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}" }
  }
  # ARNs the provider validates where they are used
  mock_resource "aws_iam_role" {
    defaults = {
      arn = "arn:aws:iam::123456789012:role/mock"
    }
  }
  mock_resource "aws_lambda_layer_version" {
    defaults = {
      arn = "arn:aws:lambda:us-east-1:123456789012:layer:mock:1"
    }
  }
  mock_resource "aws_lambda_function" {
    defaults = {
      arn = "arn:aws:lambda:us-east-1:123456789012:function:mock"
    }
  }
  mock_resource "aws_sqs_queue" {
    defaults = {
      arn = "arn:aws:sqs:us-east-1:123456789012:finops-dlq"
      url = "https://sqs.us-east-1.amazonaws.com/123456789012/finops-dlq"
    }
  }
  mock_resource "aws_s3_bucket" {
    defaults = {
      arn = "arn:aws:s3:::finops-123456789012-us-east-1"
    }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = {
      arn = "arn:aws:logs:us-east-1:123456789012:log-group:mock"
    }
  }
  mock_resource "aws_secretsmanager_secret" {
    defaults = {
      arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:finops/slack-AbCdEf"
    }
  }
  mock_resource "aws_sns_topic" {
    defaults = {
      arn = "arn:aws:sns:us-east-1:123456789012:finops-alarms"
    }
  }
  mock_resource "aws_sesv2_email_identity" {
    defaults = {
      arn = "arn:aws:ses:us-east-1:123456789012:identity/finops@example.com"
    }
  }
  mock_resource "aws_ce_anomaly_monitor" {
    defaults = {
      arn = "arn:aws:ce::123456789012:anomalymonitor/mock"
    }
  }
  override_data {
    target = data.aws_caller_identity.current
    values = { account_id = "123456789012" }
  }
  override_data {
    target = data.aws_partition.current
    values = { partition = "aws" }
  }
  override_data {
    target = data.aws_region.current
    values = { name = "us-east-1" }
  }
}

run "default_stack" {
  command = apply

  assert {
    condition = alltrue([for key, handler in {
      bot        = "bot.handler.slack_handler"
      mapper     = "analysis.pipeline.handlers.mapper_handler"
      worker     = "analysis.pipeline.handlers.worker_handler"
      aggregator = "analysis.pipeline.handlers.aggregator_handler"
      notifier   = "bot.notifier.notifier_handler"
      digest     = "bot.digests.digest_handler"
    } : aws_lambda_function.fn[key].handler == handler])
    error_message = "Each function must run its agreed entry point."
  }

  assert {
    condition     = alltrue([for fn in aws_lambda_function.fn : tolist(fn.architectures) == tolist(["arm64"]) && fn.runtime == "python3.11"])
    error_message = "Every function runs python3.11 on arm64, the platform `make package` builds the layers for."
  }

  assert {
    condition     = aws_lambda_function.fn["bot"].environment[0].variables["FINOPS_PIPELINE"] == "stepfunctions"
    error_message = "The bot starts analyses on Step Functions."
  }

  assert {
    condition     = aws_lambda_function.fn["bot"].environment[0].variables["FINOPS_STATE_MACHINE_ARN"] == "arn:aws:states:us-east-1:123456789012:stateMachine:finops-pipeline"
    error_message = "The bot starts the stack's own state machine (analysis.bootstrap refuses stepfunctions without it)."
  }

  assert {
    condition     = aws_lambda_function.fn["bot"].environment[0].variables["FINOPS_BUCKET"] == "finops-123456789012-us-east-1"
    error_message = "Functions find their state in the stack's bucket."
  }

  assert {
    condition = alltrue([for key in ["bot", "notifier", "digest"] :
    aws_lambda_function.fn[key].environment[0].variables["SLACK_SECRET_ARN"] == aws_secretsmanager_secret.slack.arn])
    error_message = "Functions that post to Slack read its credentials from the secret, never from variables."
  }

  assert {
    condition     = aws_lambda_function.fn["bot"].environment[0].variables["FINOPS_SCHEDULE_GROUP"] == "finops-digests"
    error_message = "Digest schedules go into the stack's group, where the bot may manage them."
  }

  assert {
    condition     = !contains(keys(aws_lambda_function.fn["bot"].environment[0].variables), "FINOPS_BEDROCK_MODEL_ID")
    error_message = "With the offline assistant no Bedrock model is configured."
  }

  assert {
    condition     = !contains(keys(aws_lambda_function.fn["worker"].environment[0].variables), "FINOPS_LLM")
    error_message = "Pipeline functions get only analysis settings."
  }

  assert {
    condition     = length(aws_lambda_function.fn["digest"].layers) == 2 && length(aws_lambda_function.fn["bot"].layers) == 1
    error_message = "Only functions that draw charts carry the charts layer."
  }

  assert {
    condition     = aws_lambda_function_event_invoke_config.bot.maximum_retry_attempts == 0
    error_message = "Lazy listeners are never retried by Lambda (they are idempotent instead)."
  }

  assert {
    condition     = aws_lambda_function_url.slack.authorization_type == "NONE"
    error_message = "Slack cannot sign AWS_IAM requests."
  }

  assert {
    condition     = strcontains(aws_sfn_state_machine.pipeline.definition, "finops-dlq") || strcontains(aws_sfn_state_machine.pipeline.definition, aws_sqs_queue.dlq.url)
    error_message = "The state machine's failure path sends to the stack's DLQ."
  }

  assert {
    condition     = !strcontains(aws_sfn_state_machine.pipeline.definition, "$${")
    error_message = "Every ASL placeholder is filled by templatefile."
  }

  assert {
    condition     = length(aws_sesv2_email_identity.sender) == 0 && length(aws_sns_topic.alarms) == 0 && length(aws_ce_anomaly_monitor.services) == 0
    error_message = "Optional parts are off by default."
  }
}

run "bedrock_and_email" {
  command = apply

  variables {
    llm_backend     = "bedrock"
    email_sender    = "finops@example.com"
    alarm_email     = "oncall@example.com"
    anomaly_monitor = true
  }

  assert {
    condition     = aws_lambda_function.fn["notifier"].environment[0].variables["FINOPS_BEDROCK_MODEL_ID"] == "us.anthropic.claude-3-5-haiku-20241022-v1:0"
    error_message = "The notifier streams summaries with the configured Bedrock model."
  }

  assert {
    condition     = length(aws_sesv2_email_identity.sender) == 1 && length(aws_sns_topic.alarms) == 1 && length(aws_ce_anomaly_monitor.services) == 1
    error_message = "Email identity, alarm topic and anomaly monitor exist when asked for."
  }

  assert {
    condition     = local.bedrock_model_arns[1] == "arn:aws:bedrock:*::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0"
    error_message = "A cross-region inference profile is allowed to reach its model in every region it routes to."
  }
}

run "qbusiness_needs_an_application" {
  command = plan

  variables {
    llm_backend = "qbusiness"
  }

  expect_failures = [var.qbusiness_application_id]
}

run "invalid_language_is_rejected" {
  command = plan

  variables {
    default_language = "fr"
  }

  expect_failures = [var.default_language]
}
