"""Slack bot, CLI and delivery surfaces."""
