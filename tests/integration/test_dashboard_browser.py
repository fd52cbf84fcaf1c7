"""The dashboard in a real browser: headless Chromium opens it offline with no console errors."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from bot.cli import main
from tests.fakes.chromium import ensure_chromium, open_page, screenshot

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def chromium() -> str:
    path, reason = ensure_chromium()
    if path is None:
        pytest.skip(reason)
    return path


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dashboard") / "dashboard.html"
    assert main(["dashboard", "last-30d", "--as-of", "2026-10-15", "--out", str(out)]) == 0
    return out


def test_console_errors_are_seen_when_a_page_has_them(chromium: str, tmp_path: Path) -> None:
    """The check below means something: a broken page and a blocked external asset do show up."""
    bad = tmp_path / "bad.html"
    bad.write_text('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
                   'script-src \'unsafe-inline\'"><img src="https://example.com/x.png">'
                   "<script>missingFunction()</script>")
    console = open_page(chromium, bad).console
    assert any("missingFunction" in line for line in console)
    assert any("Content Security Policy" in line for line in console)


def test_dashboard_opens_offline_with_no_console_errors(chromium: str, dashboard: Path) -> None:
    page = open_page(chromium, dashboard)
    assert page.console == []
    assert "FinOps dashboard · last 30 days" in page.dom
    assert page.dom.count("<svg") == 2 and "Executive summary" in page.dom


def test_screenshot_is_a_full_width_png(chromium: str, dashboard: Path, tmp_path: Path) -> None:
    png = screenshot(chromium, dashboard, tmp_path / "dashboard.png", width=1280, height=1600).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (1280, 1600) and len(png) > 50_000  # a drawn page, not a blank one
