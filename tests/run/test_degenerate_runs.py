"""Degenerate runs: tiny, one-outlet or near-identical inputs still give a report that says something true.

Four whole-suite runs (each about 20 s), each on a folder written here, plus fast
checks of the findings on hand-built tables. The inputs:

* two one-sentence reports whose only "speakers" are "forecasters" and "officials"
  (no quotation marks, no names): 05-summary used to fail with
  ``'DataFrame' object has no attribute 'speaker'``;
* a single article (one outlet: nothing to compare);
* two articles with the same sentences but one word, and no manifest (outlets unknown);
* a headline and one short line each, one of them naming a person without quoting anyone.
"""

from __future__ import annotations

import html
import json
import re
import shutil

import pandas as pd
import pytest

from newsprism.compare.findings import FINDING_COLUMNS, generate_findings
from newsprism.compare.mentions import MENTION_COLUMNS
from newsprism.run.runfolder import read_table
from newsprism.present.summary import findings_html, mentions_html

from conftest import SEEDS, SPUTNIK

NO_FINDING = "The tables show no difference strong enough to state as a finding."


def write_folder(folder, files: dict[str, str], outlets: dict[str, str] | None = None):
    """Write ``files`` (name -> text) and, when ``outlets`` is given, a manifest naming each file's outlet."""
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    if outlets:
        rows = "".join(f"{name},{outlet},,,\n" for name, outlet in outlets.items())
        (folder / "manifest.csv").write_text("file,outlet,url,published,country\n" + rows, encoding="utf-8")
    return folder


def report_text(result) -> str:
    """The report's visible text: tags, styles and scripts removed, entities decoded, spaces squeezed."""
    page = (result.run.root / "report.html").read_text(encoding="utf-8")
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def assert_clean_report(result) -> str:
    """The run finished, wrote report.html, and no cell printed a traceback; returns the report's text."""
    assert result.ok and [nb.name[:2] for nb in result.notebooks] == ["01", "02", "03", "04", "05"]
    page = (result.run.root / "report.html").read_text(encoding="utf-8")
    assert "Traceback" not in page
    for notebook in result.run.notebooks.glob("*.ipynb"):
        outputs = [o for cell in json.loads(notebook.read_text())["cells"] for o in cell.get("outputs", [])]
        assert not [o for o in outputs if o.get("output_type") == "error"], notebook.name
    return report_text(result)


# ---------------------------------------------------------------- whole runs

@pytest.mark.slow
def test_unnamed_speakers_without_quotation_marks(tmp_path):
    from newsprism.run.runner import run_suite

    folder = write_folder(tmp_path / "weather", {
        "north.txt": "The weather was mild on Tuesday, forecasters said.\n",
        "south.txt": "Rain is expected later this week, officials said.\n",
    }, {"north.txt": "North Daily", "south.txt": "South Post"})
    result = run_suite(folder, tmp_path / "run")
    text = assert_clean_report(result)
    assert "How North Daily and South Post covered the story" in text

    # Each report has one attribution, to a group rather than a named person.
    quotes = read_table(result.run, "quotes")
    assert sorted(quotes.speaker) == ["forecasters", "officials"]
    assert (quotes.kind == "indirect").all()
    # Nobody named speaks, so there is no finding about voices; the two sentences share nothing.
    findings = read_table(result.run, "findings")
    assert list(findings.columns) == FINDING_COLUMNS
    assert "voices" not in set(findings.topic)
    # Nor does either name a person, body, place or figure: nothing to compare, and no finding.
    assert findings.empty


@pytest.mark.slow
def test_one_article(tmp_path):
    from newsprism.run.runner import run_suite

    folder = tmp_path / "one"
    folder.mkdir()
    shutil.copy(SEEDS / SPUTNIK, folder / SPUTNIK)
    result = run_suite(folder, tmp_path / "run")
    text = assert_clean_report(result)
    assert "How Sputnik International covered the story" in text
    # One outlet: nothing to compare, and the report says so instead of inventing a difference.
    assert read_table(result.run, "findings").empty
    assert NO_FINDING in text
    assert "This run has a single outlet, so there is nothing to compare its selection of facts with." in text
    # The analyses of the one article still ran.
    assert "Antony Blinken" in set(read_table(result.run, "entities").actor)
    assert len(read_table(result.run, "quotes")) > 0


@pytest.mark.slow
def test_same_sentences_from_unknown_outlets(tmp_path):
    from newsprism.run.runner import run_suite

    body = ("Heavy rain fell across the region on Monday. Several roads were closed near the river. "
            "Schools will open as usual on Tuesday.")
    # One word differs, as ingest rightly drops a body it has already read; no manifest names the outlets.
    folder = write_folder(tmp_path / "twins", {
        "one.txt": f"Rain closes roads\n\n{body}\n",
        "two.txt": f"Rain closes roads\n\n{body.replace('Several', 'Some')}\n",
    })
    result = run_suite(folder, tmp_path / "run")
    text = assert_clean_report(result)

    articles = read_table(result.run, "articles")
    assert sorted(articles.outlet) == ["unknown outlet (one.txt)", "unknown outlet (two.txt)"]
    assert "unknown outlet (one.txt)" in text and "unknown outlet (two.txt)" in text
    # Every sentence has its twin: no name or figure of one alone, and no finding at all.
    assert read_table(result.run, "exclusive_mentions").empty
    alignment = read_table(result.run, "alignment")
    assert alignment.matched.all() and len(alignment) == 6
    assert read_table(result.run, "findings").empty
    assert "Every person, body, place and figure named here appears in more than one outlet." in text


@pytest.mark.slow
def test_headline_and_one_short_line(tmp_path):
    from newsprism.run.runner import run_suite

    folder = write_folder(tmp_path / "short", {
        "one.txt": "Storm hits coast\n\nMaria Lopez stayed at home.\n",
        "two.txt": "Storm reaches the coast\n\nDetails to follow.\n",
    }, {"one.txt": "North Daily", "two.txt": "South Post"})
    result = run_suite(folder, tmp_path / "run")
    text = assert_clean_report(result)
    assert "How North Daily and South Post covered the story" in text

    assert read_table(result.run, "quotes").empty and read_table(result.run, "voices").empty
    # The reader's report says so where the share of voice would be; details.html where the table would be.
    assert "No attributions were found in these articles, so there is no share of voice to draw." in text
    assert "No attributions were found in these articles." in (result.run.root / "details.html").read_text()
    entities = read_table(result.run, "entities")
    assert "Maria Lopez" in set(entities.actor)
    findings = read_table(result.run, "findings")
    assert not {"voices", "naming", "framing"} & set(findings.topic)
    # Whatever is found is stated for these two outlets only.
    assert all(set(o.split(", ")) <= {"North Daily", "South Post"} for o in findings.outlets)


# ---------------------------------------------------------------- the findings on hand-built tables

ARTICLES = pd.DataFrame({
    "article_id": ["a", "b"], "outlet": ["North Daily", "South Post"], "headline": ["", ""],
    "body": ["The weather was mild on Tuesday, forecasters said.", "Rain is expected later this week, officials said."],
    "word_count": [8, 8], "credits": ["[]", "[]"],
})


def test_findings_of_empty_tables_with_their_columns():
    tables = {
        "articles": ARTICLES,
        "quotes": pd.DataFrame(columns=["article_id", "speaker", "speaker_mention", "cue", "cue_lemma", "stance",
                                        "anonymous", "cue_start", "cue_end", "speaker_start", "speaker_end"]),
        "quote_pairs": pd.DataFrame(columns=["speaker", "similarity", "diff", "article_id_a", "article_id_b",
                                             "outlet_a", "outlet_b", "kind_a", "kind_b", "content_a", "content_b"]),
        "naming": pd.DataFrame(columns=["concept", "variant", "outlet", "count"]),
        "entities": pd.DataFrame(columns=["article_id", "start", "end", "text", "label", "actor", "role"]),
        "markers": pd.DataFrame(columns=["article_id", "type", "text", "start", "end", "category", "about", "where",
                                         "flagged"]),
        "exclusive_mentions": pd.DataFrame(columns=MENTION_COLUMNS),
        "alignment": pd.DataFrame(columns=["article_id", "outlet", "sentence", "matched"]),
    }
    findings = generate_findings(tables)
    assert findings.empty and list(findings.columns) == FINDING_COLUMNS
    assert NO_FINDING in findings_html(findings, ARTICLES)
    assert "appears in more than one outlet" in mentions_html(tables["exclusive_mentions"], ARTICLES)
    # No table at all is no finding either.
    assert generate_findings({}).empty


@pytest.mark.parametrize("anonymous", [True, False])
def test_speakers_that_are_not_names_give_no_voices_finding(anonymous):
    # "forecasters" and "officials" as 03-quotes records them: the run of the first test, without the run.
    quotes = pd.DataFrame({
        "article_id": ["a", "b"], "speaker": ["forecasters", "officials"],
        "speaker_mention": ["forecasters", "officials"], "cue": ["said", "said"], "cue_lemma": ["say", "say"],
        "stance": ["neutral", "neutral"], "anonymous": [anonymous, True],
        "cue_start": [45, 44], "cue_end": [49, 48], "speaker_start": [33, 34], "speaker_end": [44, 43],
    })
    entities = pd.DataFrame({"article_id": ["a"], "start": [32], "end": [39], "text": ["Tuesday"],
                             "label": ["DATE"], "actor": ["Tuesday"], "role": [None]})
    for tables in ({"articles": ARTICLES, "quotes": quotes},
                   {"articles": ARTICLES, "quotes": quotes, "entities": entities}):
        assert generate_findings(tables).empty


def test_an_outlet_quoting_itself_or_an_agency_is_no_voice():
    quotes = pd.DataFrame({"article_id": ["a", "b"], "speaker": ["North Daily", "Reuters"],
                           "speaker_mention": ["North Daily", "Reuters"], "cue_lemma": ["say", "say"],
                           "stance": ["neutral", "neutral"], "anonymous": [False, False]})
    assert "voices" not in set(generate_findings({"articles": ARTICLES, "quotes": quotes}).topic)


def test_findings_need_two_outlets():
    one = ARTICLES.iloc[:1]
    alignment = pd.DataFrame({"article_id": ["a"], "outlet": ["North Daily"], "sentence": [0], "matched": [False]})
    mentions = pd.DataFrame({"outlet": ["North Daily"], "relation": ["only"], "kind": ["name"], "label": ["PERSON"],
                             "shown": ["Ann Lee"], "forms": ['["Ann Lee"]'], "value": [None], "salience": [1.5],
                             "evidence": ["[]"]})
    naming = pd.DataFrame({"concept": ["Kyiv"], "variant": ["Kiev"], "outlet": ["North Daily"], "count": [5]})
    assert generate_findings({"articles": one, "alignment": alignment, "exclusive_mentions": mentions,
                              "naming": naming}).empty
