# Least privilege per function: one role each, a common policy (its logs, traces, the DLQ) and an access
# policy with what its code calls. tests/contract checks these actions against the boto3 calls in the code.
data "aws_iam_policy_document" "lambda_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "fn" {
  for_each           = local.functions
  name               = "${local.function_names[each.key]}-role"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
}

data "aws_iam_policy_document" "common" {
  for_each = local.functions

  statement {
    sid       = "OwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.function[each.key].arn}:*"]
  }
  statement {
    sid       = "Traces"
    actions   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
    resources = ["*"] # X-Ray has no resource-level permissions
  }
  statement {
    sid       = "DeadLetters"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.dlq.arn]
  }
  dynamic "statement" {
    for_each = var.kms_key_arn == null ? [] : [var.kms_key_arn]
    content {
      sid       = "CustomerManagedKey"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [statement.value]
    }
  }
}

resource "aws_iam_role_policy" "common" {
  for_each = local.functions
  name     = "common"
  role     = aws_iam_role.fn[each.key].id
  policy   = data.aws_iam_policy_document.common[each.key].json
}

locals {
  bucket_objects = "${aws_s3_bucket.state.arn}/*"
  access_policies = {
    bot        = data.aws_iam_policy_document.bot.json
    mapper     = data.aws_iam_policy_document.mapper.json
    worker     = data.aws_iam_policy_document.worker.json
    aggregator = data.aws_iam_policy_document.aggregator.json
    notifier   = data.aws_iam_policy_document.notifier.json
    digest     = data.aws_iam_policy_document.digest.json
  }
}

resource "aws_iam_role_policy" "access" {
  for_each = local.access_policies
  name     = "access"
  role     = aws_iam_role.fn[each.key].id
  policy   = each.value
}

data "aws_iam_policy_document" "state_access" {
  statement {
    sid       = "StateObjects"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = [local.bucket_objects]
  }
  statement {
    sid       = "StateListing"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.state.arn]
  }
}

data "aws_iam_policy_document" "slack_secret" {
  statement {
    sid       = "SlackTokens"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_secretsmanager_secret.slack.arn]
  }
}

data "aws_iam_policy_document" "assistant" {
  dynamic "statement" {
    for_each = var.llm_backend == "bedrock" ? [1] : []
    content {
      sid       = "BedrockStreaming"
      actions   = ["bedrock:InvokeModelWithResponseStream"] # ConverseStream
      resources = local.bedrock_model_arns
    }
  }
  dynamic "statement" {
    for_each = var.llm_backend == "qbusiness" ? [var.qbusiness_application_id] : []
    content {
      sid       = "QBusinessChat"
      actions   = ["qbusiness:ChatSync", "qbusiness:PutFeedback"]
      resources = ["arn:${local.partition}:qbusiness:${local.region}:${local.account_id}:application/${statement.value}"]
    }
  }
}

data "aws_iam_policy_document" "bot" {
  source_policy_documents = [
    data.aws_iam_policy_document.state_access.json,
    data.aws_iam_policy_document.slack_secret.json,
    data.aws_iam_policy_document.assistant.json,
    data.aws_iam_policy_document.cost_insights.json,
    data.aws_iam_policy_document.inventories.json,
  ]
  statement {
    sid       = "LazyListeners"
    actions   = ["lambda:InvokeFunction"]
    resources = [local.function_arns["bot"]]
  }
  statement {
    sid       = "StartAnalyses"
    actions   = ["states:StartExecution"]
    resources = [local.state_machine_arn]
  }
  statement {
    sid       = "FollowAnalyses"
    actions   = ["states:DescribeExecution"]
    resources = ["arn:${local.partition}:states:${local.region}:${local.account_id}:execution:${local.state_machine_name}:*"]
  }
  statement {
    sid       = "DigestSchedules" # `/finops digest add|remove|pause|resume`
    actions   = ["scheduler:CreateSchedule", "scheduler:UpdateSchedule", "scheduler:DeleteSchedule"]
    resources = ["arn:${local.partition}:scheduler:${local.region}:${local.account_id}:schedule/${aws_scheduler_schedule_group.digests.name}/*"]
  }
  statement {
    sid       = "PassSchedulerRole"
    actions   = ["iam:PassRole"]
    resources = [aws_iam_role.scheduler.arn]
    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["scheduler.amazonaws.com"]
    }
  }
}

# Forecast, anomalies and commitments (answered by the bot from Cost Explorer directly).
data "aws_iam_policy_document" "cost_insights" {
  statement {
    sid = "CostExplorerInsights"
    actions = [
      "ce:GetCostAndUsage", "ce:GetCostForecast", "ce:GetReservationCoverage", "ce:GetReservationUtilization",
      "ce:GetSavingsPlansCoverage", "ce:GetSavingsPlansUtilization",
    ]
    resources = ["*"] # Cost Explorer's read actions take no resource ARNs
  }
  statement {
    sid       = "CostAnomalies"
    actions   = ["ce:GetAnomalies"]
    resources = ["arn:${local.partition}:ce::${local.account_id}:anomalymonitor/*"]
  }
  statement {
    sid       = "SavingsPlansInventory"
    actions   = ["savingsplans:DescribeSavingsPlans"]
    resources = ["arn:${local.partition}:savingsplans::${local.account_id}:savingsplan/*"]
  }
  statement {
    sid       = "ReservedInstances"
    actions   = ["ec2:DescribeReservedInstances"]
    resources = ["*"] # no resource-level permissions
  }
  statement {
    sid       = "ReservedDatabases"
    actions   = ["rds:DescribeReservedDBInstances"]
    resources = ["arn:${local.partition}:rds:*:${local.account_id}:ri:*"]
  }
}

# Waste checks: describe/list-only inventories here and, through the member role, in member accounts.
data "aws_iam_policy_document" "inventories" {
  statement {
    sid = "DescribeOnlyInventories"
    actions = [
      "ec2:DescribeRegions", "ec2:DescribeInstances", "ec2:DescribeVolumes", "ec2:DescribeSnapshots",
      "ec2:DescribeImages", "ec2:DescribeAddresses", "ec2:DescribeNatGateways", "ec2:DescribeRouteTables",
      "elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeListeners",
      "elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetHealth",
      "dynamodb:ListTables", "application-autoscaling:DescribeScalableTargets", "redshift:DescribeClusters",
      "elasticmapreduce:ListClusters", "lambda:ListFunctions", "logs:DescribeLogGroups", "s3:ListAllMyBuckets",
      "cloudwatch:GetMetricData",
    ]
    resources = ["*"] # list/describe across the account, none takes a resource ARN; never a write
  }
  statement {
    sid = "DescribeOnlyInventoriesInThisAccount"
    actions = [
      "rds:DescribeDBInstances", "rds:DescribeDBSnapshots", "dynamodb:DescribeTable",
      "elasticache:DescribeCacheClusters", "elasticmapreduce:ListInstances", "s3:GetBucketLocation",
      "s3:GetLifecycleConfiguration",
    ]
    resources = [
      "arn:${local.partition}:rds:*:${local.account_id}:*",
      "arn:${local.partition}:dynamodb:*:${local.account_id}:table/*",
      "arn:${local.partition}:elasticache:*:${local.account_id}:*",
      "arn:${local.partition}:elasticmapreduce:*:${local.account_id}:cluster/*",
      "arn:${local.partition}:s3:::*",
    ]
  }
  statement {
    sid = "OptimizerRecommendations"
    actions = [
      "compute-optimizer:GetEC2InstanceRecommendations", "compute-optimizer:GetEBSVolumeRecommendations",
      "compute-optimizer:GetLambdaFunctionRecommendations", "compute-optimizer:GetAutoScalingGroupRecommendations",
      "cost-optimization-hub:ListRecommendations",
    ]
    resources = ["*"]
  }
  statement {
    sid       = "MemberAccounts"
    actions   = ["sts:AssumeRole"]
    resources = ["arn:${local.partition}:iam::*:role/${var.member_role_name}"]
  }
}

data "aws_iam_policy_document" "mapper" {
  source_policy_documents = [data.aws_iam_policy_document.state_access.json]
  statement {
    sid       = "PlanWasteBatches"
    actions   = ["ec2:DescribeRegions"] # the enabled regions of each account make the batches
    resources = ["*"]
  }
  statement {
    sid       = "MemberAccounts"
    actions   = ["sts:AssumeRole"]
    resources = ["arn:${local.partition}:iam::*:role/${var.member_role_name}"]
  }
}

data "aws_iam_policy_document" "worker" {
  source_policy_documents = [
    data.aws_iam_policy_document.state_access.json,
    data.aws_iam_policy_document.inventories.json,
  ]
  statement {
    sid       = "CostExplorerRead"
    actions   = ["ce:GetCostAndUsage"]
    resources = ["*"] # Cost Explorer's read actions take no resource ARNs
  }
  statement {
    sid       = "AccountNames"
    actions   = ["organizations:ListAccounts", "organizations:ListRoots"]
    resources = ["*"] # no resource-level permissions for these two
  }
  statement {
    sid     = "OrganizationalUnits"
    actions = ["organizations:ListOrganizationalUnitsForParent", "organizations:ListAccountsForParent"]
    resources = [
      "arn:${local.partition}:organizations::*:root/o-*/r-*",
      "arn:${local.partition}:organizations::*:ou/o-*/ou-*",
    ]
  }
}

data "aws_iam_policy_document" "aggregator" {
  source_policy_documents = [data.aws_iam_policy_document.state_access.json]
}

data "aws_iam_policy_document" "notifier" {
  source_policy_documents = [
    data.aws_iam_policy_document.state_access.json,
    data.aws_iam_policy_document.slack_secret.json,
    data.aws_iam_policy_document.assistant.json,
    data.aws_iam_policy_document.month_forecast.json,
  ]
}

# The persona summary a notifier or digest posts cites the month's forecast (actuals so far + GetCostForecast).
data "aws_iam_policy_document" "month_forecast" {
  statement {
    sid       = "MonthForecast"
    actions   = ["ce:GetCostAndUsage", "ce:GetCostForecast"]
    resources = ["*"] # Cost Explorer's read actions take no resource ARNs
  }
}

data "aws_iam_policy_document" "digest" {
  source_policy_documents = [
    data.aws_iam_policy_document.state_access.json,
    data.aws_iam_policy_document.slack_secret.json,
    data.aws_iam_policy_document.assistant.json,
    data.aws_iam_policy_document.month_forecast.json,
  ]
  statement {
    sid       = "StartAnalyses"
    actions   = ["states:StartExecution"]
    resources = [local.state_machine_arn]
  }
  statement {
    sid       = "FollowAnalyses"
    actions   = ["states:DescribeExecution"]
    resources = ["arn:${local.partition}:states:${local.region}:${local.account_id}:execution:${local.state_machine_name}:*"]
  }
  dynamic "statement" {
    for_each = aws_sesv2_email_identity.sender[*].arn
    content {
      sid       = "DigestEmail"
      actions   = ["ses:SendEmail"]
      resources = [statement.value]
    }
  }
}
