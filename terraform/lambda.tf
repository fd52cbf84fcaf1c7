# Six functions from one code package (our packages only) plus a dependency layer, built by `make package`.
# The charts extra (matplotlib and numpy, ~110 MB unzipped) is a second layer, only where charts are drawn.
locals {
  code_zip         = "${var.package_dir}/lambda-code.zip"
  layer_zip        = "${var.package_dir}/lambda-layer.zip"
  charts_layer_zip = "${var.package_dir}/lambda-charts-layer.zip"
  # Graviton: 20% cheaper per GB-second than x86_64; `make package` builds the layer for manylinux2014_aarch64.
  architecture = "arm64"
  runtime      = "python3.11"
}

resource "aws_lambda_layer_version" "dependencies" {
  layer_name               = "${var.name}-dependencies"
  description              = "Runtime dependencies of finops-aws (pyproject.toml), boto3 included"
  filename                 = local.layer_zip
  source_code_hash         = filebase64sha256(local.layer_zip)
  compatible_runtimes      = [local.runtime]
  compatible_architectures = [local.architecture]
}

resource "aws_lambda_layer_version" "charts" {
  layer_name               = "${var.name}-charts"
  description              = "matplotlib and its dependencies (the charts extra) for digests and thread charts"
  filename                 = local.charts_layer_zip
  source_code_hash         = filebase64sha256(local.charts_layer_zip)
  compatible_runtimes      = [local.runtime]
  compatible_architectures = [local.architecture]
}

locals {
  layers             = [aws_lambda_layer_version.dependencies.arn]
  layers_with_charts = [aws_lambda_layer_version.dependencies.arn, aws_lambda_layer_version.charts.arn]
}

resource "aws_cloudwatch_log_group" "function" {
  #checkov:skip=CKV_AWS_158:AWS-managed encryption by default; var.kms_key_arn switches to a customer-managed key (US$1/month, a third of the stack's budget).
  #checkov:skip=CKV_AWS_338:Operational logs of a chat bot hold users' questions: 30 days by default for privacy and cost; raise var.log_retention_days if policy needs a year.
  for_each          = local.functions
  name              = "/aws/lambda/${local.function_names[each.key]}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
}

resource "aws_lambda_function" "fn" {
  #checkov:skip=CKV_AWS_117:No VPC: the functions call only public AWS APIs and Slack; a VPC would need a NAT gateway (~US$32/month) or a dozen interface endpoints for no data that needs a private network.
  #checkov:skip=CKV_AWS_115:Concurrency is bounded by the Map state's MaxConcurrency and Slack's request rate; reserving it fails outright on accounts whose concurrency quota is still 10.
  #checkov:skip=CKV_AWS_272:Code signing needs an AWS Signer profile; the zips are built reproducibly and pinned by source_code_hash.
  #checkov:skip=CKV_AWS_173:Environment holds names and ARNs only (secrets live in Secrets Manager), encrypted with the AWS-managed key; var.kms_key_arn switches to a customer-managed key.
  for_each         = local.functions
  function_name    = local.function_names[each.key]
  description      = each.value.description
  role             = aws_iam_role.fn[each.key].arn
  handler          = each.value.handler
  runtime          = local.runtime
  architectures    = [local.architecture]
  memory_size      = each.value.memory_mb
  timeout          = each.value.timeout_s
  filename         = local.code_zip
  source_code_hash = filebase64sha256(local.code_zip)
  layers           = each.value.charts ? local.layers_with_charts : local.layers
  kms_key_arn      = var.kms_key_arn

  environment {
    variables = local.environments[each.key]
  }

  # Async invocations (the bot's lazy listeners, the scheduler's digests) that still fail end here.
  dead_letter_config {
    target_arn = aws_sqs_queue.dlq.arn
  }

  tracing_config {
    mode = "Active"
  }

  logging_config {
    log_format = "JSON"
    log_group  = aws_cloudwatch_log_group.function[each.key].name
  }

  depends_on = [aws_iam_role_policy.common]
}

# Slack signs every request (HMAC with the signing secret, 5-minute window) and Bolt verifies it before any
# work, so the URL itself is public: Slack cannot sign AWS SigV4 requests.
resource "aws_lambda_function_url" "slack" {
  #checkov:skip=CKV_AWS_258:Slack cannot sign AWS_IAM requests; every request is verified with Slack's signing secret by Bolt before anything runs.
  function_name      = aws_lambda_function.fn["bot"].function_name
  authorization_type = "NONE"
  invoke_mode        = "BUFFERED"
}

resource "aws_lambda_permission" "slack_url" {
  #checkov:skip=CKV_AWS_301:Public on purpose for the Function URL only (function_url_auth_type NONE): Slack's signature is the authentication.
  statement_id           = "SlackFunctionUrl"
  action                 = "lambda:InvokeFunctionUrl"
  function_name          = aws_lambda_function.fn["bot"].function_name
  principal              = "*"
  function_url_auth_type = "NONE"
}

# Lazy listeners re-invoke the bot asynchronously. A retry would repeat a Slack post, so there is none: the
# lazy work is idempotent by execution name instead, and a failure goes to the dead-letter queue.
resource "aws_lambda_function_event_invoke_config" "bot" {
  function_name                = aws_lambda_function.fn["bot"].function_name
  maximum_retry_attempts       = 0
  maximum_event_age_in_seconds = 300

  destination_config {
    on_failure {
      destination = aws_sqs_queue.dlq.arn
    }
  }
}
