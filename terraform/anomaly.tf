# Optional: AWS's own Cost Anomaly Detection (free), whose anomalies the bot reads through GetAnomalies.
resource "aws_ce_anomaly_monitor" "services" {
  count             = var.anomaly_monitor ? 1 : 0
  name              = "${var.name}-services"
  monitor_type      = "DIMENSIONAL"
  monitor_dimension = "SERVICE"
}

resource "aws_ce_anomaly_subscription" "daily" {
  count            = var.anomaly_monitor && length(var.anomaly_alert_emails) > 0 ? 1 : 0
  name             = "${var.name}-daily"
  frequency        = "DAILY"
  monitor_arn_list = [aws_ce_anomaly_monitor.services[0].arn]

  threshold_expression {
    dimension {
      key           = "ANOMALY_TOTAL_IMPACT_ABSOLUTE"
      match_options = ["GREATER_THAN_OR_EQUAL"]
      values        = [tostring(var.anomaly_threshold_usd)]
    }
  }

  dynamic "subscriber" {
    for_each = toset(var.anomaly_alert_emails)
    content {
      type    = "EMAIL"
      address = subscriber.value
    }
  }
}
