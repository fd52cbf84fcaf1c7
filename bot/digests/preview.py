"""`finops digest preview`: the demo digest as an email (.eml and .html) and its dashboard, in a folder."""

from __future__ import annotations

import base64
import email
from datetime import datetime
from decimal import Decimal
from email import policy
from pathlib import Path

from bot.digests.bootstrap import DigestApp
from bot.digests.subscription import Cadence, Subscription
from bot.email.compose import compose_email

PREVIEW_RECIPIENT = "cfo@example.com"


def write_preview(app: DigestApp, out: Path, language: str, now: datetime) -> list[Path]:
    subscription = Subscription(id="preview", team="local", channel="#finops-demo", cadence=Cadence.DAILY,
                                language=language, email_to=(PREVIEW_RECIPIENT,), quiet_pct=Decimal(0), created_at=now)
    report = app.runner.answers.answer(app.runner.request_for(subscription, now))
    if report is None:
        raise RuntimeError("the local pipeline always answers synchronously")
    digest = app.runner.prepare(subscription, report, now)
    sender = app.runner.delivery.email.sender if app.runner.delivery.email else "finops@localhost"
    raw = compose_email(digest.content, sender=sender, recipient=PREVIEW_RECIPIENT, charts=digest.charts).raw
    out.mkdir(parents=True, exist_ok=True)
    eml, html, dashboard = out / "digest-preview.eml", out / "digest-preview.html", out / "dashboard.html"
    eml.write_bytes(raw)
    html.write_text(_browser_html(raw), encoding="utf-8")
    stored = app.state.get(digest.dashboard_key) if digest.dashboard_key else None
    if stored is None:
        raise RuntimeError("the digest was prepared without a stored dashboard")
    dashboard.write_bytes(stored)
    return [dashboard, eml, html]


def _browser_html(raw: bytes) -> str:
    """The HTML part with its cid: images inlined as data: URLs, so a browser shows what a mail client would."""
    message = email.message_from_bytes(raw, policy=policy.default)
    body = message.get_body(("html",))
    html = str(body.get_content()) if body is not None else ""
    for part in message.walk():
        cid = part.get("Content-ID")
        if cid and part.get_content_maintype() == "image":
            data = base64.b64encode(part.get_content()).decode()
            html = html.replace(f"cid:{cid.strip('<>')}", f"data:{part.get_content_type()};base64,{data}")
    return html

