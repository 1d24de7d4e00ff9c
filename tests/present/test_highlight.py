"""HTML rendering of articles with their markers: escaping, explanations in text and on hover, colours, side by side."""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest

from newsprism.present.highlight import TYPE_STYLES, highlight_text, legend_html, render_article, render_side_by_side, save_html
from newsprism.framing.markers import markers_table
from newsprism.text.nlp import parse

HOSTILE = "Officials claimed <script>alert(1)</script> and <img src=x onerror=alert(1)> the alleged plot."


@pytest.fixture(scope="module")
def run_tables():
    articles = pd.DataFrame({
        "article_id": ["a1", "b2"], "outlet": ["Outlet <A>", "Outlet B"],
        "headline": ["Rebels 'Advance' on Kiev <b>now</b>", "Troops move near Kyiv"],
        "body": [HOSTILE, "The army said it moved troops, citing Reuters."],
        "credits": ['[{"text": "(Sputnik)", "where": "dateline"}]', "[]"],
        "published": ["2022-02-13", ""], "word_count": [12, 8],
    })
    return articles, markers_table(articles, [parse(b) for b in articles["body"]])


def test_hostile_article_text_is_shown_not_run(run_tables):
    articles, markers = run_tables
    page = render_side_by_side(articles, markers)
    assert "<script>" not in page and "<img" not in page and "<b>now" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "Outlet &lt;A&gt;" in page


def test_every_marker_is_highlighted_with_its_explanation(run_tables):
    articles, markers = run_tables
    block = render_article(articles.iloc[0].to_dict(), markers[markers["article_id"] == "a1"])
    titles = [html.unescape(t) for t in re.findall(r'title="([^"]*)"', block)]
    mine = markers[markers["article_id"] == "a1"]
    assert len(titles) == len(mine)
    assert any("signals doubt where 'said' would be neutral" in t for t in titles)
    assert '<mark class="np-mark np-hedge"' in block and ">alleged plot</mark>" in block
    assert "np-scare_quote" in block and "(Sputnik)" in block


def test_every_explanation_is_also_written_under_its_article(run_tables):
    # On paper and on a touch screen nothing shows a title: each explanation is in the text too.
    articles, markers = run_tables
    page = render_side_by_side(articles, markers)
    notes = "".join(re.findall(r'<details class="np-notes">.*?</details>', page, re.S))
    assert page.count('<details class="np-notes">') == 2
    shown = html.unescape(re.sub(r"<[^>]+>", "", notes))
    for tip in re.findall(r'<mark [^>]*title="([^"]*)"', page):
        assert html.unescape(tip) in shown
    assert 'title="' not in notes  # the lists themselves need no mouse
    assert "hover" not in re.sub(r"<[^>]+>", "", page).lower()


def test_quotes_in_explanations_cannot_break_the_attribute():
    m = pd.DataFrame([{"type": "loaded_label", "text": "regime", "start": 4, "end": 10, "category": "label",
                       "explanation": 'say "government" <not> regime', "flagged": True}])
    out = highlight_text("The regime fell.", m)
    assert 'title="Loaded label (label): say &quot;government&quot; &lt;not&gt; regime"' in out
    assert out.endswith(" fell.")


def test_overlapping_markers_nest_and_bad_offsets_are_skipped():
    m = pd.DataFrame([
        {"type": "loaded_label", "text": "provocations from Kiev", "start": 9, "end": 31, "flagged": True},
        {"type": "naming_variant", "text": "Kiev", "start": 27, "end": 31, "flagged": True},
        {"type": "hedge", "text": "nonsense", "start": 0, "end": 8, "flagged": True},  # text does not match
    ])
    out = highlight_text("possible provocations from Kiev.", m)
    assert out.count("<mark") == 3 and out.count("</mark>") == 3  # Kiev sits inside the label: nested
    assert "np-hedge" not in out
    assert re.sub(r"<[^>]+>", "", out) == "possible provocations from Kiev."


def test_legend_uses_colour_blind_safe_colours_and_line_styles():
    legend = legend_html()
    okabe_ito = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}
    assert {style[1] for style in TYPE_STYLES.values()} <= okabe_ito
    assert len({(style[1], style[2]) for style in TYPE_STYLES.values()}) == len(TYPE_STYLES)
    for label, *_ in TYPE_STYLES.values():
        assert label in legend


def test_side_by_side_page_is_saved(tmp_path, run_tables):
    articles, markers = run_tables
    path = save_html(render_side_by_side(articles, markers), tmp_path / "figures" / "highlighted.html")
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.count('class="np-article"') == 2
