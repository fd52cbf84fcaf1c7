# Digest subscriptions become EventBridge Scheduler schedules, created at runtime by the bot in this group.
resource "aws_scheduler_schedule_group" "digests" {
  name = "${var.name}-digests"
}

data "aws_iam_policy_document" "scheduler_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["scheduler.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "scheduler" {
  name               = "${var.name}-digest-scheduler-role"
  assume_role_policy = data.aws_iam_policy_document.scheduler_assume.json
}

data "aws_iam_policy_document" "scheduler" {
  statement {
    sid       = "InvokeDigest"
    actions   = ["lambda:InvokeFunction"]
    resources = [aws_lambda_function.fn["digest"].arn, "${aws_lambda_function.fn["digest"].arn}:*"]
  }
  statement {
    sid       = "UndeliveredToDlq"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.dlq.arn]
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

resource "aws_iam_role_policy" "scheduler" {
  name   = "invoke-digest"
  role   = aws_iam_role.scheduler.id
  policy = data.aws_iam_policy_document.scheduler.json
}

# Email copies of digests and the fallback when Slack refuses one. A new SES account is in the sandbox:
# it can only send to verified addresses until production access is requested (README "Deploy").
resource "aws_sesv2_email_identity" "sender" {
  count          = var.email_sender == null ? 0 : 1
  email_identity = var.email_sender
}
