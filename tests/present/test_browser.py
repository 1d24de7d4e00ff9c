"""The report as a reader sees it: rendered in headless Chromium, screenshot included."""

from __future__ import annotations

import re

import numpy as np
import pytest
from matplotlib.image import imread

from browser import INSTALL_HINT, dump_dom, find_chromium, screenshot

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(find_chromium() is None, reason=f"headless Chromium not found; {INSTALL_HINT}"),
]


@pytest.fixture(scope="module")
def rendered(hostile_run, tmp_path_factory):
    report = hostile_run.run.root / "report.html"
    # Tall enough to hold the whole report, so the framing section's highlights are in the picture.
    shot = screenshot(report, tmp_path_factory.mktemp("shots") / "report.png", height=20000)
    return dump_dom(report), imread(shot)


def test_article_text_with_scripts_runs_nothing(rendered):
    dom, _ = rendered
    body_tag = re.search(r"<body[^>]*>", dom).group(0)
    assert "data-pwned" not in body_tag  # neither the <script> nor the onerror handler ran
    assert "document.body.setAttribute" in dom  # the payload is shown as text


def _has_colour(pixels, rgb, tolerance=3) -> bool:
    return bool((np.abs(pixels[..., :3] * 255 - np.array(rgb)).max(axis=-1) <= tolerance).any())


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
    colours = np.unique((pixels[..., :3] * 255).astype(np.uint8).reshape(-1, 3), axis=0)
    assert len(colours) > 50
