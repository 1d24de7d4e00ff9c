"""The seeds' lesson pack in headless Chromium: no page wider than the screen, a bounded number of printed pages,
no answer on the students' pages, answers folded on screen and open on paper, nothing fetched from the network."""

from __future__ import annotations

import html
import json
import re
import unicodedata

import pytest
from pypdf import PdfReader

from browser import INSTALL_HINT, dump_dom, find_chromium, page_metrics, print_pdf
from newsprism.compare.findings import generate_findings
from newsprism.present.lessonpack import LESSON_FILES, write_lesson_pack

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(find_chromium() is None, reason=f"headless Chromium not found; {INSTALL_HINT}"),
]

# Measured on 2026-12-02 on the seeds' pack printed by Chromium 150 on its default paper (Letter):
# student.html 4 pages (the two texts side by side on 2, the 9 questions with ruled lines on 2),
# worksheet.html 1, answers.html 8 (plan, checks, every answer with its evidence printed open).
MAX_PRINTED_PAGES = {"student.html": 5, "worksheet.html": 2, "answers.html": 10}


@pytest.fixture(scope="session")
def seeds_lesson(seeds_tables, tmp_path_factory):
    """The lesson pack of the seeds, written from the seeds' tables as a run folder holds them."""
    run = tmp_path_factory.mktemp("lesson")
    (run / "data").mkdir()
    findings = generate_findings(seeds_tables, dropped=[])
    seeds_tables["articles"].to_parquet(run / "data" / "articles.parquet")
    findings.to_parquet(run / "data" / "findings.parquet")
    write_lesson_pack(run)
    return run, findings


@pytest.fixture(scope="session")
def printed(seeds_lesson, tmp_path_factory):
    """Each page of the pack printed to PDF: name -> (page count, text with white space squeezed)."""
    run, _ = seeds_lesson
    out = tmp_path_factory.mktemp("lesson-print")
    result = {}
    for name in LESSON_FILES:
        reader = PdfReader(print_pdf(run / name, out / f"{name}.pdf"))
        text = unicodedata.normalize("NFKC", " ".join(p.extract_text() for p in reader.pages))  # "ﬁ" -> "fi"
        result[name] = len(reader.pages), " ".join(text.split())
    return result


def _text(fragment: str) -> str:
    fragment = re.sub(r"<(style|script)\b.*?</\1>", " ", fragment, flags=re.S | re.I)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", LESSON_FILES)
def test_no_page_of_the_pack_is_wider_than_the_screen(seeds_lesson, name, width):
    run, _ = seeds_lesson
    metrics = page_metrics(run / name, width)
    assert metrics["inner_width"] == width
    assert metrics["scroll_width"] == metrics["inner_width"], metrics


@pytest.mark.parametrize("name", LESSON_FILES)
def test_the_printed_pack_stays_within_its_page_counts(printed, name):
    pages, _ = printed[name]
    assert 0 < pages <= MAX_PRINTED_PAGES[name], f"{name}: {pages} printed pages"


@pytest.mark.parametrize("name", ["student.html", "worksheet.html"])
def test_no_evidence_on_the_students_pages(seeds_lesson, name):
    run, findings = seeds_lesson
    dom = dump_dom(run / name)
    assert "<mark" not in dom and "<details" not in dom
    # The articles themselves hold every piece of evidence; nothing outside them may point at one.
    outside = _text(re.sub(r'<section class="lesson-articles">.*?</section>', " ", dom, flags=re.S))
    evidence = {" ".join(item["text"].split()) for cell in findings.evidence for item in json.loads(cell)}
    assert [t for t in evidence if re.search(rf"(?<!\w){re.escape(t)}(?!\w)", outside)] == []
    assert not any(sentence in outside for sentence in findings.finding)


def test_answers_follow_their_questions_folded_on_screen_and_open_on_paper(seeds_lesson, printed):
    run, findings = seeds_lesson
    dom = dump_dom(run / "answers.html")
    items = re.findall(r'<li><p class="ask">.*?(?=<li><p class="ask">|</ol>)', dom, re.S)
    assert items
    for item in items:
        assert item.index('class="ask"') < item.index("<details")
        assert re.findall(r"<details[^>]*>", item) == ['<details class="lesson-answer">']  # closed after loading
    on_screen = _text(re.sub(r"<details\b.*?</details>", " ", dom, flags=re.S))
    assert not any(sentence in on_screen for sentence in findings.finding)
    _, on_paper = printed["answers.html"]
    for sentence in findings.finding:
        assert " ".join(sentence.split())[:50] in on_paper, sentence


# Any of these would make a page fetch something when it is opened.
EXTERNAL = re.compile(r"<(?:script|link|img|source|iframe)\b[^>]*\b(?:src|href|srcset)\s*=\s*[\"']?\s*https?:"
                      r"|url\(\s*[\"']?\s*https?:|@import", re.I)


@pytest.mark.parametrize("name", LESSON_FILES)
def test_the_pack_fetches_nothing_from_the_network(seeds_lesson, name):
    run, _ = seeds_lesson
    page = (run / name).read_text(encoding="utf-8")
    assert not EXTERNAL.search(page)
    assert len(re.findall(r"<script\b", page)) == 1  # the inline one that opens the answers for printing
