"""Headless Chromium for the report tests: a DOM dump after scripts had their chance, and a screenshot."""

from __future__ import annotations

import html
import re
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


# Headless Chromium will not make a window narrower than 500 pixels, so a phone's width is
# measured in a frame of that width instead: the page, as the frame's document, lays out for the
# frame's width (its media queries included) as it would on a phone's screen.
_FRAME = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{{margin:0}}
iframe{{border:0;display:block;width:{width}px;height:{height}px}}</style></head><body>
<iframe id="page" srcdoc="{page}"></iframe>
<script>window.addEventListener("load", () => {{
  const frame = document.getElementById("page"), root = frame.contentDocument.documentElement;
  document.body.setAttribute("data-metrics",
    [root.scrollWidth, frame.contentWindow.innerWidth, root.scrollHeight].join(","));
}});</script></body></html>"""


def framed(page: Path, width: int, height: int, folder: Path) -> Path:
    """A page in ``folder`` that shows ``page`` in a frame ``width`` by ``height`` pixels; ``page`` is not changed."""
    wrapper = folder / f"framed-{width}-{page.name}"
    text = page.read_text(encoding="utf-8")
    wrapper.write_text(_FRAME.format(width=width, height=height, page=html.escape(text, quote=True)),
                       encoding="utf-8")
    return wrapper


def page_metrics(page: Path, width: int, height: int = 800) -> dict[str, int]:
    """The page's scroll width, its viewport's width and its height when shown ``width`` pixels wide."""
    with tempfile.TemporaryDirectory() as folder:
        wrapper = framed(page, width, height, Path(folder))
        dom = _run([f"--window-size={max(width, 500)},{height}", "--dump-dom", wrapper.as_uri()]).stdout
    found = re.search(r'data-metrics="(\d+),(\d+),(\d+)"', dom)
    if not found:
        raise RuntimeError(f"Chromium did not report the layout of {page}")
    scroll_width, inner_width, scroll_height = map(int, found.groups())
    return {"scroll_width": scroll_width, "inner_width": inner_width, "height": scroll_height}


def print_pdf(page: Path, out: Path) -> Path:
    """The page printed to PDF as a reader would (default paper size, no header or footer)."""
    _run([f"--print-to-pdf={out}", "--no-pdf-header-footer", page.resolve().as_uri()])
    if not out.exists():
        raise RuntimeError(f"Chromium did not print {page} to {out}")
    return out


# Run in a copy of a page only: after layout, the text a reader sees (closed <details> hide theirs).
_VISIBLE_PROBE = """<script>window.addEventListener("load", () => {
  document.body.setAttribute("data-visible-text", document.body.innerText);
});</script>"""


def visible_text(page: Path) -> str:
    """The text of ``page`` that a reader sees before clicking anything, white space squeezed."""
    with tempfile.TemporaryDirectory() as folder:
        probed = Path(folder) / page.name
        probed.write_text(page.read_text(encoding="utf-8").replace("</body>", _VISIBLE_PROBE + "</body>"),
                          encoding="utf-8")
        dom = dump_dom(probed)
    found = re.search(r'data-visible-text="([^"]*)"', dom)
    if not found:
        raise RuntimeError(f"Chromium did not report the visible text of {page}")
    return " ".join(html.unescape(found.group(1)).split())
