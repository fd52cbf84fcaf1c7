"""Stores a dashboard next to the reports (S3 in production) and returns a link people can open."""

from __future__ import annotations

import hashlib

from analysis.domain.report import CostReport
from analysis.domain.report_json import report_to_json
from analysis.ports import StateStore
from bot.digests.ports import LinkSigner


def report_id(report: CostReport) -> str:
    """Same figures, same id: a dashboard is stored once per report, whoever asks for it."""
    return hashlib.sha256(report_to_json(report).encode()).hexdigest()[:20]


def dashboard_key(report: CostReport, language: str) -> str:
    return f"dashboards/{report_id(report)}/{language}/dashboard.html"


def publish_dashboard(state: StateStore, signer: LinkSigner | None, report: CostReport, language: str,
                      html: str) -> tuple[str, str | None]:
    key = dashboard_key(report, language)
    state.put(key, html.encode("utf-8"))
    return key, signer.link(key) if signer is not None else None
