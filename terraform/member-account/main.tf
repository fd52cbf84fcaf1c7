# The read-only role the waste checks assume in a member account (FINOPS_MEMBER_ROLE). Apply it in every
# member account the bot should inspect, with that account's credentials (or as a CloudFormation StackSet
# built from the same policy). Describe/list only: it can read inventories and recommendations, never change
# anything. tests/contract checks that it allows every inventory call the worker makes.
terraform {
  required_version = ">= 1.9.0, < 2.0.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = { Project = "finops-aws", ManagedBy = "terraform" }
  }
}

variable "region" {
  description = "Any region: IAM is global."
  type        = string
  default     = "us-east-1"
}

variable "stack_account_id" {
  description = "The account where the FinOps stack runs (its bot, mapper and worker roles assume this role)."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.stack_account_id))
    error_message = "stack_account_id must be a 12-digit AWS account id."
  }
}

variable "stack_name" {
  description = "The `name` variable of the stack (its roles are <name>-bot-role, <name>-mapper-role, <name>-worker-role)."
  type        = string
  default     = "finops"
}

variable "role_name" {
  description = "Name of this role; the stack's member_role_name must match."
  type        = string
  default     = "FinOpsReadOnly"

  validation {
    condition     = can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", var.role_name))
    error_message = "role_name must be an IAM role name."
  }
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${var.stack_account_id}:root"]
    }
    condition {
      test     = "ArnLike"
      variable = "aws:PrincipalArn"
      values = [for function in ["bot", "mapper", "worker"] :
      "arn:aws:iam::${var.stack_account_id}:role/${var.stack_name}-${function}-role"]
    }
  }
}

resource "aws_iam_role" "read_only" {
  name                 = var.role_name
  description          = "FinOps waste checks: describe/list-only inventories and recommendations"
  assume_role_policy   = data.aws_iam_policy_document.trust.json
  max_session_duration = 3600
}

data "aws_iam_policy_document" "read_only" {
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
      "arn:aws:rds:*:${data.aws_caller_identity.member.account_id}:*",
      "arn:aws:dynamodb:*:${data.aws_caller_identity.member.account_id}:table/*",
      "arn:aws:elasticache:*:${data.aws_caller_identity.member.account_id}:*",
      "arn:aws:elasticmapreduce:*:${data.aws_caller_identity.member.account_id}:cluster/*",
      "arn:aws:s3:::*",
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
}

data "aws_caller_identity" "member" {}

resource "aws_iam_role_policy" "read_only" {
  name   = "describe-only"
  role   = aws_iam_role.read_only.id
  policy = data.aws_iam_policy_document.read_only.json
}

output "role_arn" {
  description = "The role the stack assumes in this account."
  value       = aws_iam_role.read_only.arn
}
