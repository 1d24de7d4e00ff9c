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
    shot = screenshot(report, tmp_path_factory.mktemp("shots") / "report.png")
    return dump_dom(report), imread(shot)


def test_article_text_with_scripts_runs_nothing(rendered):
    dom, _ = rendered
    body_tag = re.search(r"<body[^>]*>", dom).group(0)
    assert "data-pwned" not in body_tag  # neither the <script> nor the onerror handler ran
    assert "document.body.setAttribute" in dom  # the payload is shown as text


def test_report_shows_title_charts_and_tables(rendered):
    dom, pixels = rendered
    assert re.search(r"<h1>How .*Sputnik International.* covered the story</h1>", dom)
    assert len(re.findall(r'<img[^>]+src="data:image/png;base64,', dom)) >= 1
    assert "<table" in dom
    # The screenshot is a page, not a blank: many distinct colours, dark text on white.
    assert pixels.shape[1] == 1280
    colours = np.unique((pixels[..., :3] * 255).astype(np.uint8).reshape(-1, 3), axis=0)
    assert len(colours) > 50
