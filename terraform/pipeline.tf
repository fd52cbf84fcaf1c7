# The analysis pipeline: Mapper → Map(Worker) → Aggregator → Notifier, failures to the DLQ.
# The definition is the ASL in analysis/statemachine/ with the ARNs filled in here.
resource "aws_cloudwatch_log_group" "pipeline" {
  #checkov:skip=CKV_AWS_158:AWS-managed encryption by default; var.kms_key_arn switches to a customer-managed key.
  #checkov:skip=CKV_AWS_338:Execution logs, errors only; 30 days by default, var.log_retention_days to change.
  name              = "/aws/vendedlogs/states/${local.state_machine_name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
}

data "aws_iam_policy_document" "states_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["states.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "pipeline" {
  name               = "${local.state_machine_name}-role"
  assume_role_policy = data.aws_iam_policy_document.states_assume.json
}

data "aws_iam_policy_document" "pipeline" {
  statement {
    sid     = "InvokePipelineFunctions"
    actions = ["lambda:InvokeFunction"]
    resources = flatten([
      for key in ["mapper", "worker", "aggregator", "notifier"] :
      [aws_lambda_function.fn[key].arn, "${aws_lambda_function.fn[key].arn}:*"]
    ])
  }
  statement {
    sid       = "DistributedMapChildren"
    actions   = ["states:StartExecution"]
    resources = [local.state_machine_arn]
  }
  statement {
    sid       = "DistributedMapRuns"
    actions   = ["states:DescribeExecution", "states:StopExecution"]
    resources = ["arn:${local.partition}:states:${local.region}:${local.account_id}:execution:${local.state_machine_name}/*"]
  }
  statement {
    sid       = "MapItemsAndResults"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:ListMultipartUploadParts", "s3:AbortMultipartUpload"]
    resources = ["${aws_s3_bucket.state.arn}/jobs/*"]
  }
  statement {
    sid       = "FailedExecutionsToDlq"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.dlq.arn]
  }
  statement {
    sid = "ExecutionLogs"
    actions = [
      "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery",
      "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies",
      "logs:DescribeLogGroups",
    ]
    resources = ["*"] # CloudWatch Logs delivery actions take no resource ARNs
  }
  statement {
    sid       = "Traces"
    actions   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"]
    resources = ["*"]
  }
  dynamic "statement" {
    for_each = var.kms_key_arn == null ? [] : [var.kms_key_arn]
    content {
      sid       = "CustomerManagedKey"
      actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
      resources = [statement.value]
    }
  }
}

resource "aws_iam_role_policy" "pipeline" {
  name   = "pipeline"
  role   = aws_iam_role.pipeline.id
  policy = data.aws_iam_policy_document.pipeline.json
}

resource "aws_sfn_state_machine" "pipeline" {
  name     = local.state_machine_name
  type     = "STANDARD" # execution names dedupe for 90 days: the idempotency key of an analysis
  role_arn = aws_iam_role.pipeline.arn
  definition = templatefile(var.state_machine_definition, {
    mapper_arn     = aws_lambda_function.fn["mapper"].arn
    worker_arn     = aws_lambda_function.fn["worker"].arn
    aggregator_arn = aws_lambda_function.fn["aggregator"].arn
    notifier_arn   = aws_lambda_function.fn["notifier"].arn
    dlq_url        = aws_sqs_queue.dlq.url
  })

  logging_configuration {
    log_destination        = "${aws_cloudwatch_log_group.pipeline.arn}:*"
    include_execution_data = true
    level                  = "ERROR"
  }

  tracing_configuration {
    enabled = true
  }

  dynamic "encryption_configuration" {
    for_each = var.kms_key_arn == null ? [] : [var.kms_key_arn]
    content {
      type                              = "CUSTOMER_MANAGED_KMS_KEY"
      kms_key_id                        = encryption_configuration.value
      kms_data_key_reuse_period_seconds = 300
    }
  }

  depends_on = [aws_iam_role_policy.pipeline]
}
