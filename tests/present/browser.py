"""Headless Chromium for the report tests: a DOM dump after scripts had their chance, and a screenshot."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

# Flags for a sandboxed machine with no network: no first-run UI, no background
# connections (they are refused here and slow every start), a throwaway profile.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--virtual-time-budget=3000"]
INSTALL_HINT = "install Chromium to run it: apt-get install chromium (Debian) — .ci/run does this"


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    return None


def _run(args: list[str]) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run([find_chromium(), *FLAGS, f"--user-data-dir={profile}", *args],
                              capture_output=True, text=True, timeout=120)


def dump_dom(page: Path) -> str:
    """The page's DOM as serialised after loading it and letting any script run."""
    return _run(["--dump-dom", page.resolve().as_uri()]).stdout


def screenshot(page: Path, out: Path, width: int = 1280, height: int = 6000) -> Path:
    """A PNG of the top ``height`` pixels of the page."""
    _run([f"--screenshot={out}", f"--window-size={width},{height}", page.resolve().as_uri()])
    return out
