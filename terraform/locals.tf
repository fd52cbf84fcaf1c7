locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.name

  # One code package, six entry points: the agreed handler names. tests/contract checks each against the code,
  # and the cost model in tests/bench reads memory_mb from here.
  functions = {
    bot = {
      handler     = "bot.handler.slack_handler"
      description = "Slack requests (Function URL): acks within 3 s, then answers through lazy self-invocations"
      memory_mb   = 512
      timeout_s   = 120
      charts      = false
    }
    mapper = {
      handler     = "analysis.pipeline.handlers.mapper_handler"
      description = "Pipeline: splits an analysis into batches"
      memory_mb   = 256
      timeout_s   = 60
      charts      = false
    }
    worker = {
      handler     = "analysis.pipeline.handlers.worker_handler"
      description = "Pipeline: runs one batch (Cost Explorer query, inventory checks)"
      memory_mb   = 512
      timeout_s   = 300
      charts      = false
    }
    aggregator = {
      handler     = "analysis.pipeline.handlers.aggregator_handler"
      description = "Pipeline: merges batch results into report.json"
      memory_mb   = 1024
      timeout_s   = 120
      charts      = false
    }
    notifier = {
      handler     = "bot.notifier.notifier_handler"
      description = "Pipeline: posts the finished report and the persona summary into the Slack thread"
      memory_mb   = 512
      timeout_s   = 300
      charts      = true
    }
    digest = {
      handler     = "bot.digests.digest_handler"
      description = "EventBridge Scheduler target: posts a digest to its channel, or emails it"
      memory_mb   = 1024
      timeout_s   = 300
      charts      = true
    }
  }

  # Built from names, not resource references: the bot's environment names the state machine, and the
  # state machine names the pipeline functions, which would otherwise be a dependency cycle.
  function_names = { for key, _ in local.functions : key => "${var.name}-${key}" }
  function_arns = {
    for key, name in local.function_names :
    key => "arn:${local.partition}:lambda:${local.region}:${local.account_id}:function:${name}"
  }
  state_machine_name = "${var.name}-pipeline"
  state_machine_arn  = "arn:${local.partition}:states:${local.region}:${local.account_id}:stateMachine:${local.state_machine_name}"
  bucket_name        = "${var.name}-${local.account_id}-${local.region}"

  # Environment per function, in layers whose keys are literal: tests/contract checks every key against the
  # settings classes the function's code reads, and builds those settings from these values.
  environment_layers = {
    analysis = {
      FINOPS_SOURCE          = "aws"
      FINOPS_BUCKET          = local.bucket_name
      FINOPS_FRESHNESS_HOURS = tostring(var.freshness_hours)
    }
    bot = {
      FINOPS_PIPELINE = "stepfunctions"
      FINOPS_LANGUAGE = var.default_language
    }
    # Slack credentials: the functions read the secret once per container (never plain variables)
    slack = {
      SLACK_SECRET_ARN = aws_secretsmanager_secret.slack.arn
    }
    # who may ask, and which accounts a channel sees (README "Slack access"); unset: everyone, everything
    access = {
      FINOPS_ACCESS = var.slack_access
    }
    # waste checks read member accounts through this role
    inventories = {
      FINOPS_MEMBER_ROLE = var.member_role_name
    }
    # analyses started from Slack or a digest run on the state machine (a literal ARN: the machine's own
    # would be a cycle through the Lambdas it invokes)
    pipeline = {
      FINOPS_STATE_MACHINE_ARN = local.state_machine_arn
    }
    # digest subscriptions made from Slack become schedules in the stack's group, invoking the digest function
    digest_schedules = {
      FINOPS_DIGEST_FUNCTION_ARN = local.function_arns["digest"]
      FINOPS_SCHEDULER_ROLE_ARN  = aws_iam_role.scheduler.arn
      FINOPS_SCHEDULE_GROUP      = aws_scheduler_schedule_group.digests.name
      FINOPS_DIGEST_DLQ_ARN      = aws_sqs_queue.dlq.arn
    }
    # digest delivery: undeliverable digests to the DLQ, email copies from the SES identity
    digests = {
      FINOPS_DIGEST_DLQ_URL = aws_sqs_queue.dlq.url
      FINOPS_EMAIL_SENDER   = var.email_sender
    }
    assistant = {
      FINOPS_LLM                      = var.llm_backend
      FINOPS_BEDROCK_MODEL_ID         = (var.llm_backend == "bedrock" ? var.bedrock_model_id : null)
      FINOPS_QBUSINESS_APPLICATION_ID = (var.llm_backend == "qbusiness" ? var.qbusiness_application_id : null)
    }
  }
  function_environment_layers = {
    bot        = ["analysis", "bot", "assistant", "slack", "access", "pipeline", "inventories", "digest_schedules"]
    mapper     = ["analysis", "inventories"]
    worker     = ["analysis", "inventories"]
    aggregator = ["analysis"]
    notifier   = ["analysis", "bot", "assistant", "slack"]
    digest     = ["analysis", "bot", "assistant", "slack", "pipeline", "digests"]
  }
  environments = {
    for key, layers in local.function_environment_layers : key => {
      for name, value in merge([for layer in layers : local.environment_layers[layer]]...) : name => value
      if value != null # a feature that is off leaves its variable unset, not empty
    }
  }

  bedrock_inference_profile = can(regex("^(us|eu|apac|us-gov|global)\\.", var.bedrock_model_id))
  bedrock_foundation_model  = local.bedrock_inference_profile ? join(".", slice(split(".", var.bedrock_model_id), 1, length(split(".", var.bedrock_model_id)))) : var.bedrock_model_id
  bedrock_model_arns = local.bedrock_inference_profile ? [
    "arn:${local.partition}:bedrock:${local.region}:${local.account_id}:inference-profile/${var.bedrock_model_id}",
    # a cross-region profile routes to the model in any region of its geography
    "arn:${local.partition}:bedrock:*::foundation-model/${local.bedrock_foundation_model}",
  ] : ["arn:${local.partition}:bedrock:${local.region}::foundation-model/${var.bedrock_model_id}"]
}
