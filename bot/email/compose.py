"""A digest as one MIME message: multipart/alternative (plain text, and HTML with inline chart images)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid
from urllib.parse import quote

from bot.digests.content import DigestContent
from bot.digests.ports import Attachment
from bot.i18n import Formatter
from bot.templating import render


@dataclass(frozen=True)
class EmailDigest:
    subject: str
    raw: bytes


def compose_email(content: DigestContent, *, sender: str, recipient: str, charts: Sequence[Attachment] = (),
                  note: str | None = None, sent_at: datetime | None = None) -> EmailDigest:
    """`note` explains an unusual delivery, such as Slack having refused the digest."""
    fmt = Formatter(content.language)
    t = fmt.t
    subscription = content.subscription
    subject = (t("digest.email.subject_quiet", title=content.title, total=content.amount)
               if content.quiet else
               t("digest.email.subject", title=content.title, total=content.amount,
                 pct=content.pct))
    domain = sender.rsplit("@", 1)[-1]
    cids = {chart.filename: make_msgid(idstring=chart.filename.rsplit(".", 1)[0], domain=domain) for chart in charts}
    values = {
        "c": content, "t": t, "note": note,
        "greeting": t("digest.email.greeting", period=fmt.period(content.report.period)),
        "unsubscribe": t("digest.email.unsubscribe", address=recipient,
                         cadence=t(f"digest.cadence.{subscription.cadence.value}"), channel=subscription.channel,
                         digest=subscription.id),
        "charts": [(chart.title, cids[chart.filename][1:-1]) for chart in charts],  # cid: URLs have no <>
    }
    message = EmailMessage(policy=SMTP)
    message["Subject"] = subject
    message["From"] = sender
    message["To"] = Address(addr_spec=recipient)
    message["Date"] = format_datetime(sent_at or datetime.now(UTC))
    message["Message-ID"] = make_msgid(idstring=f"digest-{subscription.id}", domain=domain)
    unsubscribe_subject = quote(f"unsubscribe {subscription.id} {recipient}")
    message["List-Unsubscribe"] = f"<mailto:{sender}?subject={unsubscribe_subject}>"
    message["List-Id"] = f"FinOps digest {subscription.id} <{subscription.id}.digests.{domain}>"
    message.set_content(render("bot.email", "digest.txt.j2", **values))
    message.add_alternative(render("bot.email", "digest.html.j2", **values), subtype="html")
    message["Content-Language"] = content.language  # after set_content, which resets Content-* headers
    html_part = next(part for part in message.iter_parts() if part.get_content_type() == "text/html")
    for chart in charts:
        maintype, subtype = chart.mime_type.split("/", 1)
        html_part.add_related(chart.content, maintype=maintype, subtype=subtype, cid=cids[chart.filename],
                              filename=chart.filename, disposition="inline")
    return EmailDigest(subject, message.as_bytes())
