"""Presentation: one view of a report, rendered as Block Kit for Slack or as text for a terminal."""
