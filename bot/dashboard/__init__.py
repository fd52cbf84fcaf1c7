"""The HTML dashboard: one self-contained page per report (inline CSS and SVG, no external assets)."""

from bot.dashboard.render import DashboardInputs, render_dashboard

__all__ = ["DashboardInputs", "render_dashboard"]
