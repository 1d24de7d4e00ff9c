"""The seeds' report.html as a reader's report, its details.html for analysts, and the teaching-mode report:
every finding and chart kept, short plain tables, sections numbered in reading order, links that travel with
the run folder, a bounded height, and in teaching mode no answer before its question."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd
import pytest

from browser import INSTALL_HINT, find_chromium, page_metrics, visible_text

# Measured on 2026-12-02 with Chromium 150 at 1280 px: the seeds report was 30,093 px tall before it was
# split into a reader's report and details.html, 8,662 px after (findings, charts and articles all kept). The
# bound is the target of issue 13 (a third of 26,000 px), so little room is left: a longer report fails here.
MAX_HEIGHT_1280 = 8_700
# 05-summary's max_findings: the report lists at most this many findings.
MAX_FINDINGS = 12

chromium = pytest.mark.skipif(find_chromium() is None, reason=f"headless Chromium not found; {INSTALL_HINT}")


@pytest.fixture(scope="module")
def run_root(seeds_run) -> Path:
    return seeds_run.run.root


@pytest.fixture(scope="module")
def report(run_root) -> str:
    return (run_root / "report.html").read_text(encoding="utf-8")


def _tables(page: str) -> list[str]:
    return re.findall(r"<table\b.*?</table>", page, re.S)


def test_the_report_keeps_every_finding_and_every_chart(run_root, report):
    findings = pd.read_csv(run_root / "data" / "findings.csv")
    assert report.count('<li class="finding">') == min(len(findings), MAX_FINDINGS) > 0
    for sentence in findings["finding"].head(MAX_FINDINGS):
        assert html.escape(sentence, quote=False) in report, sentence
    charts = sorted(p.stem for p in (run_root / "figures").glob("*.png"))
    assert len(charts) == 4
    assert len(re.findall(r'<img\b[^>]*class="chart chart-wide"', report)) == len(charts)
    assert report.count('class="np-article') == 2  # the highlighted articles, side by side


def test_the_report_tables_are_for_readers(report):
    tables = _tables(report)
    assert tables
    for table in tables:
        cells = [html.unescape(c).strip() for c in re.findall(r"<t[dh]\b[^>]*>(.*?)</t[dh]>", table, re.S)]
        for developer_word in ("True", "False", "<NA>", "NaN", "None", "article_id", "start", "end"):
            assert developer_word not in cells, (developer_word, table[:300])
    assert "all offsets checked" not in report and "attributions checked" not in report
    assert "<th></th>" not in report  # no pandas index
    # A table cut short says so, and where its every row is.
    for note in re.findall(r'<p class="table-note">(.*?)</p>', report):
        assert re.fullmatch(r"First .* of \d+ rows; all rows are in data/\w+\.csv\.", note), note


def test_sections_are_numbered_in_reading_order(report):
    toc = re.search(r'<nav class="toc">(.*?)</nav>', report, re.S).group(1)
    labels = re.findall(r'<a href="#part-(\d+)">(\d+) · ', toc)
    assert [int(a) for a, _ in labels] == [int(n) for _, n in labels] == list(range(1, len(labels) + 1))
    assert len(labels) >= 5
    sections = report.split('<section class="notebook" id="part-')[1:]
    headings = [re.search(r"<h[12][^>]*>(\d+) · ", section).group(1) for section in sections]
    assert headings == [str(n) for n in range(1, len(labels) + 1)]


@pytest.mark.parametrize("name", ["report.html", "details.html"])
def test_every_link_stays_inside_the_run_folder(run_root, name):
    page = (run_root / name).read_text(encoding="utf-8")
    links = re.findall(r'\b(?:href|src)="([^"]*)"', page)
    assert links
    for link in links:
        if link.startswith(("#", "data:")):
            continue
        path = link.split("#")[0]
        assert not re.match(r"[a-z]+:|/", path), link  # no scheme, no absolute path
        assert (run_root / path).exists(), link


def test_details_hold_every_row_the_checks_and_the_provenance(run_root):
    details = (run_root / "details.html").read_text(encoding="utf-8")
    markers = pd.read_csv(run_root / "data" / "markers.csv")
    for check in ("markers, all offsets checked", "attributions checked", "Provenance", "Findings we did not state",
                  "What we removed from each page"):
        assert check in details, check
    # Every flagged marker is a row of the markers table there.
    rows = re.search(r"<table[^>]*>\s*<thead>\s*<tr[^>]*>\s*<th>outlet</th>\s*<th>where</th>\s*<th>type</th>.*?</table>",
                     details, re.S).group(0)
    assert rows.count("<tr") - 1 == int(markers["flagged"].sum())


@chromium
@pytest.mark.slow
def test_the_report_is_at_most_a_third_of_its_old_height(run_root):
    metrics = page_metrics(run_root / "report.html", 1280)
    assert metrics["height"] <= MAX_HEIGHT_1280, metrics


@pytest.fixture(scope="module")
def lesson(teaching_run) -> Path:
    return teaching_run.run.root / "report.html"


def test_in_teaching_mode_questions_and_answers_alternate(lesson):
    page = lesson.read_text(encoding="utf-8")
    order = [m.group(0) for m in re.finditer(r'class="lesson-question"|<details class="lesson-answer"[^>]*>', page)]
    assert sum(o == 'class="lesson-question"' for o in order) >= 6
    assert all(o == '<details class="lesson-answer">' for o in order[1:] if o != 'class="lesson-question"')  # closed
    for at, found in enumerate(order):
        if found == 'class="lesson-question"':
            assert at + 1 < len(order) and order[at + 1].startswith("<details"), f"question {at} has no answer after it"


@chromium
@pytest.mark.slow
def test_in_teaching_mode_no_answer_is_visible_before_a_click(lesson, teaching_run):
    seen = visible_text(lesson)
    assert "Question." in seen and "Show the answer" in seen
    data = teaching_run.run.data
    answers = list(pd.read_csv(data / "findings.csv")["finding"].head(MAX_FINDINGS))
    answers += [v for v in pd.read_csv(data / "voices.csv")["verbs"].dropna() if "," in v]  # verbs per speaker
    markers = pd.read_csv(data / "markers.csv")
    answers += list(markers.loc[markers["flagged"], "explanation"].dropna().unique())
    assert len(answers) > 10
    for answer in answers:
        assert " ".join(answer.split()) not in seen, answer
    # The naming question comes before any explanation of the variants it asks about.
    assert "romanised from Russian" not in seen
