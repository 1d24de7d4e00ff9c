"""The report as a reader sees it: rendered in headless Chromium, screenshot included."""

from __future__ import annotations

import re

import numpy as np
import pytest
from PIL import Image

from browser import INSTALL_HINT, dump_dom, find_chromium, screenshot

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(find_chromium() is None, reason=f"headless Chromium not found; {INSTALL_HINT}"),
]


@pytest.fixture(scope="module")
def rendered(hostile_run, tmp_path_factory):
    report = hostile_run.run.root / "report.html"
    # Tall enough to hold the whole report (about 8,700 pixels on the seeds), so the framing section's
    # highlights are in the picture whatever the summary above them holds. Read as 8-bit RGB: a float
    # copy of a page this tall would take gigabytes.
    shot = screenshot(report, tmp_path_factory.mktemp("shots") / "report.png", height=12000)
    return dump_dom(report), np.asarray(Image.open(shot).convert("RGB"))


def test_article_text_with_scripts_runs_nothing(rendered):
    dom, _ = rendered
    body_tag = re.search(r"<body[^>]*>", dom).group(0)
    assert "data-pwned" not in body_tag  # neither the <script> nor the onerror handler ran
    assert "document.body.setAttribute" in dom  # the payload is shown as text


def _has_colour(pixels, rgb, tolerance=3) -> bool:
    near = np.ones(pixels.shape[:2], dtype=bool)
    for channel, value in enumerate(rgb):
        near &= np.abs(pixels[..., channel].astype(np.int16) - value) <= tolerance
    return bool(near.any())


def _tint(hex_colour: str, alpha: float = 0.28) -> tuple:
    """The colour of a highlight: the marker colour at ``alpha`` over white paper."""
    rgb = [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]
    return tuple(round(255 * (1 - alpha) + c * alpha) for c in rgb)


def test_findings_and_highlights_are_visible(rendered):
    from newsprism.present.highlight import TYPE_STYLES

    dom, pixels = rendered
    assert '<ol class="findings' in dom
    assert "writes Kiev" in dom and "claimed" in dom
    for marker_type in ("scare_quote", "loaded_label", "hedge"):
        assert f"np-mark np-{marker_type}" in dom
        assert _has_colour(pixels, _tint(TYPE_STYLES[marker_type][1])), marker_type


def test_report_shows_title_charts_and_tables(rendered):
    dom, pixels = rendered
    assert re.search(r"<h1>How .*Sputnik International.* covered the story</h1>", dom)
    assert len(re.findall(r'<img[^>]+src="data:image/png;base64,', dom)) >= 1
    assert "<table" in dom
    # The screenshot is a page, not a blank: many distinct colours, dark text on white.
    assert pixels.shape[1] == 1280
    colours = np.unique(pixels.reshape(-1, 3), axis=0)
    assert len(colours) > 50


# Run in a copy of the seeds report only: after layout, say where the "How sure is this?" heading, its
# section, the findings list above it and the next section stand on the page, or that the section is not shown.
_SURETY_PROBE = """<script>window.addEventListener("load", () => {
  const heading = document.getElementById("How-sure-is-this?"), box = document.querySelector("div.surety");
  const findings = document.querySelector("ol.findings"), next = document.getElementById("part-2");
  const shown = heading && box && findings && next && heading.offsetParent && box.offsetParent
    && box.getBoundingClientRect().height > 100 && getComputedStyle(box).visibility === "visible";
  const top = (el) => Math.round(el.getBoundingClientRect().top + window.scrollY);
  document.body.setAttribute("data-surety", shown
    ? [top(findings) + findings.offsetHeight, top(heading), top(box), top(next)].join(",") : "hidden");
});</script>"""


@pytest.fixture(scope="module")
def seeds_report(seeds_run, tmp_path_factory):
    """The seeds report's DOM after layout, with where the "How sure is this?" section stands."""
    page = (seeds_run.run.root / "report.html").read_text(encoding="utf-8")
    probed = tmp_path_factory.mktemp("probe") / "report.html"
    probed.write_text(page.replace("</body>", _SURETY_PROBE + "</body>"), encoding="utf-8")
    dom = dump_dom(probed)
    where = re.search(r'data-surety="([^"]*)"', dom)
    return dom, where.group(1) if where else "no probe result"


def test_how_sure_is_this_is_shown_right_after_the_findings(seeds_report):
    dom, where = seeds_report
    assert '<h2 id="How-sure-is-this?">How sure is this?' in dom
    assert where != "hidden" and where.count(",") == 3, where
    findings_end, heading, section, not_stated = map(int, where.split(","))
    # Findings list, then the heading, then the section, then the next section (the findings that were not
    # stated are listed in details.html).
    assert findings_end <= heading < section < not_stated
    for part in ("The findings, kind by kind", "The steps underneath", "How findings are checked",
                 "quote speakers are the right person", "Each finding is checked once more"):
        assert part in dom, part
