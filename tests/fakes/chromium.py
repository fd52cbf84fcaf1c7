"""Headless Chromium (Debian's `chromium`) for looking at the dashboard like a person would.

`ensure_chromium()` installs it with apt only when allowed (root, apt present, and CI or
FINOPS_INSTALL_CHROMIUM set); otherwise it returns None with the reason, and the test skips.
Run as a script to take a screenshot: `python -m tests.fakes.chromium PAGE.html OUT.png`.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--enable-logging=stderr", "--v=0")
# Chromium logs page console messages as `…:INFO:CONSOLE(line)] "message", source: url (line)`;
# uncaught exceptions and Content-Security-Policy violations (a blocked external asset) show there too.
_CONSOLE = re.compile(r":(?:INFO|WARNING|ERROR):CONSOLE[^\]]*\] (?P<message>.*)")


@dataclass(frozen=True)
class PageRun:
    dom: str
    console: list[str]


def find_chromium() -> str | None:
    return next((path for name in ("chromium", "chromium-browser") if (path := shutil.which(name))), None)


def ensure_chromium() -> tuple[str | None, str]:
    """(path, reason it is missing)."""
    found = find_chromium()
    if found:
        return found, ""
    allowed = os.environ.get("CI") or os.environ.get("FINOPS_INSTALL_CHROMIUM")
    if not allowed:
        return None, "chromium is not installed (set FINOPS_INSTALL_CHROMIUM=1 to let the tests apt-get it)"
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return None, "chromium is not installed and apt-get is not usable here (needs root and apt)"
    lock_path = Path(tempfile.gettempdir()) / "finops-chromium-install.lock"
    with lock_path.open("w") as lock:  # xdist workers may get here together: one installs
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not find_chromium():
            env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
            install = ["apt-get", "install", "-y", "--no-install-recommends", "chromium"]
            if subprocess.run(install, env=env, capture_output=True, timeout=900).returncode != 0:
                subprocess.run(["apt-get", "update"], env=env, capture_output=True, timeout=600)
                subprocess.run(install, env=env, capture_output=True, timeout=900)
    found = find_chromium()
    return found, "" if found else "apt-get install chromium failed"


def _run(chromium: str, page: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(prefix="finops-chromium-") as profile:
        return subprocess.run([chromium, *FLAGS, f"--user-data-dir={profile}", *extra, page.resolve().as_uri()],
                              capture_output=True, text=True, timeout=120, check=False)


def open_page(chromium: str, page: Path) -> PageRun:
    """The DOM after scripts ran, and every console message the page produced."""
    result = _run(chromium, page, "--dump-dom", "--virtual-time-budget=2000")
    console = [m["message"] for line in result.stderr.splitlines() if (m := _CONSOLE.search(line))]
    return PageRun(result.stdout, console)


def screenshot(chromium: str, page: Path, out: Path, width: int = 1280, height: int = 2000) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    _run(chromium, page, f"--screenshot={out.resolve()}", f"--window-size={width},{height}",
         "--hide-scrollbars", "--virtual-time-budget=2000")
    if not out.exists():
        raise RuntimeError(f"chromium wrote no screenshot to {out}")
    return out


def main(argv: list[str]) -> int:
    chromium, reason = ensure_chromium()
    if chromium is None:
        print(f"no screenshot: {reason}", file=sys.stderr)
        return 3
    print(screenshot(chromium, Path(argv[0]), Path(argv[1])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
