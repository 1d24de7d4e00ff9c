"""Edge runs: articles in which nobody is quoted still give typed tables, and the whole suite still runs."""

from __future__ import annotations

import pandas as pd
import pytest

from newsprism.compare.findings import generate_findings
from newsprism.framing.markers import MARKER_COLUMNS, MARKER_TYPES, marker_rates, markers_table
from newsprism.text.nlp import parse
from newsprism.quotes.extract import QUOTE_COLUMNS, quotes_table
from newsprism.run.runfolder import read_table
from newsprism.quotes.voices import SUMMARY_COLUMNS, VOICE_COLUMNS, outlet_summary, voices_table

# Two weather reports, written for this test: no quotation, no reporting verb, no marker.
WEATHER = {
    "weather-north.txt": ("Sunny weekend for the north",
                          "Temperatures will climb to 22 degrees on Saturday across the valley. Skies will be clear "
                          "in the morning, with light cloud later in the afternoon.\n\nOn Sunday a band of rain moves "
                          "in from the west and reaches the coast by midday."),
    "weather-south.txt": ("Rain and wind on the coast",
                          "Saturday will be bright and warm, with highs near 21 degrees in most towns. Heavy rain "
                          "arrives on Sunday morning, and gusts will reach 60 kilometres an hour on the headlands."),
}


@pytest.fixture(scope="module")
def plain_articles() -> pd.DataFrame:
    return pd.DataFrame({
        "article_id": ["a1", "b2"], "outlet": ["North Daily", "South Post"],
        "headline": [h for h, _ in WEATHER.values()], "body": [b for _, b in WEATHER.values()],
        "credits": ["[]", "[]"], "word_count": [len(b.split()) for _, b in WEATHER.values()],
    })


@pytest.fixture(scope="module")
def plain_docs(plain_articles):
    return [parse(body) for body in plain_articles.body]


def test_no_quotation_gives_empty_typed_quotes_and_voices(plain_articles, plain_docs):
    quotes = quotes_table(plain_articles, plain_docs)
    assert list(quotes.columns) == ["article_id", *QUOTE_COLUMNS] and len(quotes) == 0
    assert str(quotes.content_start.dtype) == "Int64" and quotes.anonymous.dtype == bool

    voices = voices_table(quotes, plain_articles)
    assert list(voices.columns) == VOICE_COLUMNS and len(voices) == 0
    assert voices.quotes.dtype == "int64" and voices.share_of_outlet.dtype == "float64"

    summary = outlet_summary(voices)
    assert list(summary.columns) == SUMMARY_COLUMNS and len(summary) == 0
    assert summary.direct_share.dtype == "float64"


def test_no_marker_gives_empty_markers_and_zero_rates(plain_articles, plain_docs):
    quotes = quotes_table(plain_articles, plain_docs)
    markers = markers_table(plain_articles, plain_docs, quotes)
    assert list(markers.columns) == ["article_id", *MARKER_COLUMNS] and len(markers) == 0
    assert markers.start.dtype == "int64" and markers.flagged.dtype == bool

    rates = marker_rates(markers, plain_articles)
    # Every outlet still gets a row per marker type and place, with zero counts.
    assert len(rates) == 2 * 2 * len(MARKER_TYPES)
    assert rates[["count", "flagged"]].to_numpy().sum() == 0
    assert (rates.per_1000_words == 0.0).all() and rates.words.dtype == "int64"


def test_rates_of_an_untyped_empty_markers_table(plain_articles):
    # As a markers table read back from CSV, or built by hand, arrives: object columns.
    untyped = pd.DataFrame(columns=["article_id", *MARKER_COLUMNS])
    rates = marker_rates(untyped, plain_articles)
    assert rates["count"].dtype == "int64" and rates["flagged_per_1000_words"].sum() == 0.0


def test_findings_of_a_run_without_quotations(plain_articles, plain_docs):
    quotes = quotes_table(plain_articles, plain_docs)
    tables = {"articles": plain_articles, "quotes": quotes, "voices": voices_table(quotes, plain_articles),
              "markers": markers_table(plain_articles, plain_docs, quotes)}
    assert generate_findings(tables).empty


@pytest.mark.slow
def test_whole_suite_runs_on_articles_without_quotations(tmp_path):
    from newsprism.run.runner import run_suite

    folder = tmp_path / "plain"
    folder.mkdir()
    for name, (headline, body) in WEATHER.items():
        (folder / name).write_text(f"{headline}\n\n{body}\n", encoding="utf-8")
    result = run_suite(folder, tmp_path / "run")
    assert result.ok and result.notebooks[-1].name.startswith("05")
    assert len(read_table(result.run, "articles")) == 2
    assert read_table(result.run, "quotes").empty
    assert read_table(result.run, "voices").empty
    assert "findings" in {p.stem for p in result.run.data.glob("*.parquet")}
    assert (result.run.root / "report.html").exists()
