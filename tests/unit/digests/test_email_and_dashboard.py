"""The email a stakeholder receives and the dashboard page: structure, languages, provenance, safety."""

from __future__ import annotations

import email
import re
import subprocess
import sys
from email import policy

import pytest

from bot.dashboard.build import build_dashboard
from bot.digests.content import compose
from bot.digests.errors import DigestUsageError
from bot.digests.ports import Attachment
from bot.email.addresses import normalise_address
from bot.email.compose import compose_email
from tests.unit.digests.conftest import Harness

PNG = b"\x89PNG\r\n\x1a\n fake chart"


def _email(harness: Harness, language: str = "en", **extra: object) -> email.message.EmailMessage:
    subscription = harness.add("weekly", f"lang:{language}").model_copy(update=extra)
    report = harness.report(subscription)
    content = compose(subscription, report, dashboard_url="https://example.com/d?a=1&b=2", summary="<b>hi</b>")
    raw = compose_email(content, sender="finops@example.com", recipient="cfo@example.com",
                        charts=[Attachment("daily-cost.png", PNG, "image/png", "Daily cost")]).raw
    return email.message_from_bytes(raw, policy=policy.default)  # type: ignore[return-value]


def test_email_has_text_and_html_with_the_chart_inline_by_cid(harness: Harness) -> None:
    message = _email(harness)
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    related = next(p for p in message.iter_parts() if p.get_content_type() == "multipart/related")
    image = next(p for p in related.iter_parts() if p.get_content_type() == "image/png")
    assert image.get_content() == PNG and image.get_content_disposition() == "inline"
    assert f'src="cid:{image["Content-ID"].strip("<>")}"' in html
    assert "Basis: amortized" in text and "Basis: amortized" in html
    assert "/finops email remove cfo@example.com" in text
    assert message["List-Unsubscribe"].startswith("<mailto:finops@example.com?subject=unsubscribe%20")
    assert message["Content-Language"] == "en"


def test_html_escapes_what_it_did_not_write_and_the_text_part_does_not(harness: Harness) -> None:
    message = _email(harness)
    html = message.get_body(("html",)).get_content()
    assert "&lt;b&gt;hi&lt;/b&gt;" in html and "<b>hi</b>" not in html
    assert 'href="https://example.com/d?a=1&amp;b=2"' in html
    assert "<b>hi</b>" in message.get_body(("plain",)).get_content()


def test_email_in_portuguese_formats_numbers_the_brazilian_way(harness: Harness) -> None:
    message = _email(harness, "pt-BR")
    text = message.get_body(("plain",)).get_content()
    assert message["Subject"].startswith("Resumo FinOps semanal")
    assert "Base: amortizado" in text or "amortizado" in text
    assert re.search(r"US\$ \d{1,3}(\.\d{3})*,\d{2}", text)
    assert "Para parar" in text and message["Content-Language"] == "pt-BR"


@pytest.mark.parametrize("address", ["not-an-address", "a@b", "two@@example.com", "x@example..com"])
def test_bad_addresses_are_refused_with_a_reason(address: str) -> None:
    with pytest.raises(DigestUsageError, match="not an email address"):
        normalise_address(address)


def test_slack_mailto_links_are_unwrapped() -> None:
    assert normalise_address("<mailto:cfo@Example.COM|cfo@Example.COM>") == "cfo@example.com"


def test_dashboard_is_self_contained_and_shows_every_section(harness: Harness) -> None:
    subscription = harness.add("daily")
    report = harness.report(subscription)
    html = build_dashboard(report, "en", summaries={"cto": "Spend <fell>."}, charts=True)
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)  # no external assets
    assert "<script" not in html and "<link" not in html
    assert html.count("<svg") == 2  # trend and services, inline
    for heading in ("Top services", "By account", "Anomalies", "Savings", "What it means", "CTO"):
        assert heading in html
    assert report.total.format("en") in html and "Spend &lt;fell&gt;." in html
    assert "Basis: amortized" in html


def test_importing_the_slack_side_never_loads_matplotlib_or_jinja_environments() -> None:
    modules = ["bot.digests", "bot.digests.slack_blocks", "bot.digests.commands", "bot.digests.store",
               "bot.cli"]
    from importlib.util import find_spec

    modules += [m for m in ("bot.handler", "bot.app") if find_spec(m) is not None]
    code = ("import sys\n" + "".join(f"import {m}\n" for m in modules)
            + "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('matplotlib', 'email_validator'))\n"
            + "print(','.join(heavy))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
