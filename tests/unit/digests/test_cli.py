"""`finops digest …`, `finops email …` and `finops dashboard` as a person runs them (embedded mode)."""

from __future__ import annotations

import email
import re
from email import policy
from pathlib import Path

import pytest

from bot.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_digest_lifecycle_from_the_command_line(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FINOPS_AS_OF", "2026-10-15")
    code, out, _ = run(capsys, "digest", "add", "#finops", "daily", "08:30", "America/Sao_Paulo", "cto",
                       "quiet:0", "email:cfo@example.com")
    assert code == 0 and "(America/Sao_Paulo)" in out and "run `finops digest run-due`" in out
    ident = re.search(r"Digest (\w+) added", out)[1]  # type: ignore[index]
    code, out, _ = run(capsys, "digest", "list", "--lang", "pt-BR")
    assert code == 0 and f"{ident} · #finops · diário às 08:30 America/Sao_Paulo · CTO" in out

    code, out, _ = run(capsys, "digest", "run", ident, "--now", "2026-10-15T11:30:00Z")
    assert code == 0 and "── to #finops" in out and "Daily FinOps digest · last 7 days" in out
    assert f"Digest {ident} (#finops) for 2026-10-15T11:30+00:00: posted to Slack · 1 email copy(ies) sent." in out
    (eml,) = (tmp_path / "state" / "outbox").glob("*.eml")
    message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert message["To"] == "cfo@example.com"

    code, out, _ = run(capsys, "digest", "pause", ident)
    assert code == 0 and "paused" in out
    code, out, _ = run(capsys, "digest", "run-due", "--now", "2026-10-16T12:00:00Z")
    assert code == 0 and "No digest is due" in out
    code, out, _ = run(capsys, "email", "add", "ops@example.com", ident, "--fallback")
    assert code == 0 and "when Slack refuses it" in out
    code, out, _ = run(capsys, "email", "list")
    assert "cfo@example.com · every digest" in out and "ops@example.com · only when Slack refuses it" in out
    code, out, _ = run(capsys, "digest", "remove", ident)
    assert code == 0 and "removed" in out
    code, out, _ = run(capsys, "digest", "list")
    assert "No digests yet" in out


@pytest.mark.parametrize(("argv", "message"), [
    (["digest", "add", "#finops", "hourly"], "not a cadence"),
    (["digest", "add", "#finops", "daily", "Mars/Olympus"], "not an IANA time zone"),
    (["digest", "add", "#finops", "daily", "banana"], "I did not understand"),
    (["digest", "remove", "nope"], "No digest `nope`"),
    (["email", "add", "not-an-address"], "not an email address"),
])
def test_mistakes_are_one_line_and_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2 and message in err and "Traceback" not in err
    assert err.count("\n") == 1


def test_dashboard_command_writes_a_page(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "d.html"
    code, printed, _ = run(capsys, "dashboard", "mtd", "--as-of", "2026-10-15", "--out", str(out), "--no-charts",
                           "--lang", "pt-BR")
    assert code == 0 and printed.strip() == str(out.resolve())
    html = out.read_text()
    assert html.startswith("<!DOCTYPE html>") and 'lang="pt-BR"' in html and "Painel FinOps" in html
