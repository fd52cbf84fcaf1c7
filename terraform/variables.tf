variable "region" {
  description = "AWS region for the stack. Cost Explorer is global (served from us-east-1) whatever this is."
  type        = string
  default     = "us-east-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.region))
    error_message = "region must look like us-east-1 or eu-west-2."
  }
}

variable "name" {
  description = "Prefix of every resource name (functions, bucket, queue, state machine, secret)."
  type        = string
  default     = "finops"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,20}[a-z0-9]$", var.name))
    error_message = "name: 3-22 characters, lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "tags" {
  description = "Extra tags on every resource (added to Project and ManagedBy)."
  type        = map(string)
  default     = {}
}

variable "package_dir" {
  description = "Folder with lambda-code.zip and lambda-layer.zip, as built by `make package` (relative to terraform/)."
  type        = string
  default     = "../build"
}

variable "state_machine_definition" {
  description = "The pipeline's ASL (JSONPath) with $${mapper_arn}, $${worker_arn}, $${aggregator_arn}, $${notifier_arn} and $${dlq_url} placeholders."
  type        = string
  default     = "../analysis/statemachine/pipeline.asl.json"
}

variable "default_language" {
  description = "Language of the bot's messages when a user has not chosen one."
  type        = string
  default     = "en"

  validation {
    condition     = contains(["en", "pt-BR"], var.default_language)
    error_message = "default_language must be en or pt-BR."
  }
}

variable "freshness_hours" {
  description = "How long a report is reused before Cost Explorer is asked again (Cost Explorer refreshes up to 3 times a day; every request costs US$0.01)."
  type        = number
  default     = 6

  validation {
    condition     = var.freshness_hours > 0 && var.freshness_hours <= 48
    error_message = "freshness_hours must be more than 0 and at most 48."
  }
}

variable "llm_backend" {
  description = "Who writes the persona summaries: offline (templates, no AI), bedrock, or qbusiness."
  type        = string
  default     = "offline"

  validation {
    condition     = contains(["offline", "bedrock", "qbusiness"], var.llm_backend)
    error_message = "llm_backend must be offline, bedrock or qbusiness."
  }
}

variable "bedrock_model_id" {
  description = "Bedrock model or inference profile id used with ConverseStream when llm_backend = bedrock (e.g. us.anthropic.claude-3-5-haiku-20241022-v1:0)."
  type        = string
  default     = "us.anthropic.claude-3-5-haiku-20241022-v1:0"

  validation {
    condition     = can(regex("^[a-z0-9.:-]+$", var.bedrock_model_id))
    error_message = "bedrock_model_id must be a model or inference profile id such as anthropic.claude-3-5-haiku-20241022-v1:0."
  }
}

variable "qbusiness_application_id" {
  description = "Existing Amazon Q Business application id (only with llm_backend = qbusiness)."
  type        = string
  default     = null

  validation {
    condition     = var.qbusiness_application_id == null || can(regex("^[a-zA-Z0-9][a-zA-Z0-9-]{35}$", var.qbusiness_application_id))
    error_message = "qbusiness_application_id must be a 36-character Q Business application id."
  }

  validation {
    condition     = var.llm_backend != "qbusiness" || var.qbusiness_application_id != null
    error_message = "llm_backend = \"qbusiness\" needs qbusiness_application_id (an existing Q Business application)."
  }
}

variable "member_role_name" {
  description = "Read-only role the waste checks assume in each member account (create it there with terraform/member-account)."
  type        = string
  default     = "FinOpsReadOnly"

  validation {
    condition     = can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", var.member_role_name))
    error_message = "member_role_name must be an IAM role name (1-64 characters: letters, digits, +=,.@_-)."
  }
}

variable "slack_access" {
  description = "Access configuration as JSON (who may ask; channel → accounts it may see), see the README's Slack access section. null: everyone in the workspace sees every account."
  type        = string
  default     = null

  validation {
    condition     = var.slack_access == null || can(jsondecode(var.slack_access))
    error_message = "slack_access must be a JSON document."
  }
}

variable "email_sender" {
  description = "SES v2 identity the digests are sent from: an email address (verified by a link AWS mails to it) or a domain (verified through DKIM DNS records). null: no email."
  type        = string
  default     = null

  validation {
    condition     = var.email_sender == null || can(regex("^([^@\\s]+@)?[a-z0-9.-]+\\.[a-z]{2,}$", var.email_sender))
    error_message = "email_sender must be an email address or a domain name."
  }
}

variable "log_retention_days" {
  description = "Retention of the functions' and the state machine's logs (they can hold users' questions)."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a value CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ... 3653)."
  }
}

variable "report_retention_days" {
  description = "Days reports (reports/) are kept; older versions go after 7 days."
  type        = number
  default     = 400

  validation {
    condition     = var.report_retention_days >= 30
    error_message = "report_retention_days must be at least 30 so month-over-month comparisons keep their reports."
  }
}

variable "job_retention_days" {
  description = "Days pipeline state (jobs/) and the Cost Explorer response cache (cache/) are kept."
  type        = number
  default     = 14

  validation {
    condition     = var.job_retention_days >= 1 && var.job_retention_days <= 90
    error_message = "job_retention_days must be between 1 and 90."
  }
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key for the bucket, queue, logs, secrets and function environments. null: AWS-managed keys (no US$1/month key)."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID)."
  }
}

variable "alarm_email" {
  description = "Address subscribed to the dead-letter-queue alarm (confirm the subscription email). null: the alarm has no action."
  type        = string
  default     = null

  validation {
    condition     = var.alarm_email == null || can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", var.alarm_email))
    error_message = "alarm_email must be an email address."
  }
}

variable "anomaly_monitor" {
  description = "Create a Cost Anomaly Detection monitor over AWS services (free). Leave false if the account already has one: AWS allows one service monitor per account."
  type        = bool
  default     = false
}

variable "anomaly_alert_emails" {
  description = "Addresses that get the anomaly monitor's daily summary (only with anomaly_monitor = true; 1-10)."
  type        = list(string)
  default     = []

  validation {
    condition     = length(var.anomaly_alert_emails) <= 10
    error_message = "Cost Anomaly Detection takes at most 10 email subscribers."
  }
}

variable "anomaly_threshold_usd" {
  description = "Total impact in US$ above which an anomaly is reported to anomaly_alert_emails."
  type        = number
  default     = 50

  validation {
    condition     = var.anomaly_threshold_usd > 0
    error_message = "anomaly_threshold_usd must be positive."
  }
}
