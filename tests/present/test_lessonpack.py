"""The lesson pack written from a run's findings: questions with one blank per outlet, no answer before it is asked."""

from __future__ import annotations

import html
import json
import re

import pandas as pd
import pytest

from newsprism.compare.findings import generate_findings
from newsprism.present.lessonpack import (LESSON_MINUTES, LINE_WIDTH, NO_FINDINGS, lesson_pages, lesson_plan,
                                          lesson_questions, numbered_lines)


@pytest.fixture(scope="module")
def seeds_findings(seeds_tables) -> pd.DataFrame:
    """The findings a run states on the seeds, each checked against the articles' text."""
    return generate_findings(seeds_tables, dropped=[])


@pytest.fixture(scope="module")
def seeds_pack(seeds_tables, seeds_findings) -> dict[str, str]:
    return lesson_pages(seeds_tables["articles"], seeds_findings)


def visible_text(page: str) -> str:
    """What a reader sees before clicking anything: no tags, styles, scripts or folded answers."""
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r'<details class="lesson-answer">.*?</details>', " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def evidence_texts(findings: pd.DataFrame) -> set[str]:
    return {" ".join(item["text"].split()) for cell in findings.evidence for item in json.loads(cell)}


def questions_of(page: str) -> list[str]:
    return re.findall(r"<li><p class=\"ask\">.*?(?=<li><p class=\"ask\">|</ol>)", page, re.S)


def test_the_seeds_worksheet_names_both_outlets_with_a_blank_each_and_no_answer(seeds_pack, seeds_findings):
    worksheet = seeds_pack["worksheet.html"]
    naming = seeds_findings[seeds_findings.measured_as == "variant_choice"]
    assert "Kiev" in naming.finding.iloc[0] and "Kyiv" in naming.finding.iloc[0]
    assert "What name does each outlet use for the capital of Ukraine?" in worksheet
    assert "Sputnik International writes <span class=\"blank\"" in worksheet
    assert "VOI (Jakarta) writes <span class=\"blank\"" in worksheet
    text = visible_text(worksheet)
    assert "Kiev" not in text and "Kyiv" not in text
    for question in questions_of(worksheet):
        assert question.count('class="blank"') == 2
    # No finding's sentence or evidence, word for word, anywhere on the sheet.
    for sentence in seeds_findings.finding:
        assert sentence not in text
    shown = [t for t in evidence_texts(seeds_findings) if re.search(rf"(?<!\w){re.escape(t)}(?!\w)", text)]
    assert shown == []


def test_the_questions_follow_the_findings_and_share_one_question_per_kind(seeds_findings):
    questions = lesson_questions(seeds_findings)
    assert sum(len(q.findings) for q in questions) == len(seeds_findings)
    # Each outlet quotes someone the other does not: two findings, one question.
    only_quotes = [q for q in questions if q.findings[0]["measured_as"] == "only_quotes"]
    assert len(only_quotes) == 1 and len(only_quotes[0].findings) == 2


def test_an_answer_of_two_findings_of_one_kind_says_its_caution_once_and_each_prompt(seeds_pack):
    [item] = [q for q in questions_of(seeds_pack["answers.html"]) if "Whose words does each outlet quote" in q]
    assert item.count('class="caution"') == 1 and item.count('class="finding"') == 2
    assert item.count('class="discuss"') == 2  # each names the outlet and the people only it lets speak


THREE = pd.DataFrame({
    "article_id": ["a", "b", "c"], "outlet": ["Sputnik", "VOI", "TASS"],
    "headline": ["Blinken in Kiev", "Blinken in Kyiv", "Blinken leaves Kiev"],
    "body": ["Staff left Kiev on Saturday.", "Staff left Kyiv on Saturday.", "Staff left Kiev, TASS says."],
    "word_count": [5, 5, 5], "published": ["2022-02-13"] * 3,
})
NAMING = pd.DataFrame({
    "topic": ["naming"], "finding": ["Sputnik and TASS write Kiev (1 time each); VOI writes Kyiv (1 time)."],
    "evidence": [json.dumps([{"article_id": "a", "start": 11, "end": 15, "text": "Kiev"},
                             {"article_id": "b", "start": 11, "end": 15, "text": "Kyiv"}])],
    "weight": [2.0], "outlets": ["Sputnik, TASS, VOI"],
    "claim": [json.dumps({"kind": "variant_choice", "concept": "Kyiv (capital of Ukraine)"})],
    "measured_as": ["variant_choice"], "caution": [""],
})


def test_three_outlets_get_three_blanks_and_are_named_in_the_run_order():
    pages = lesson_pages(THREE, NAMING)
    worksheet = pages["worksheet.html"]
    [question] = questions_of(worksheet)
    assert question.count('class="blank"') == 3
    blanks = re.search(r'<p class="blanks">(.*?)</p>', question).group(1)
    assert [o.strip() for o in re.findall(r"(?:^|;)\s*([^;<]+?) writes", blanks)] == ["Sputnik", "VOI", "TASS"]
    for page in pages.values():
        words = visible_text(page).lower()
        assert "both" not in words and "two outlets" not in words and "the two" not in words
    # Three texts on the student sheet, each with three rows to answer on, one per outlet.
    student = pages["student.html"]
    assert [t for t in re.findall(r"Text ([A-C]) · (\w+)", student)] == [("A", "Sputnik"), ("B", "VOI"), ("C", "TASS")]
    assert len(re.findall(r'<span class="who">(Sputnik|VOI|TASS) writes</span>', student)) == 3


def test_the_answer_key_points_to_the_line_the_student_sheet_numbers():
    answers = lesson_pages(THREE, NAMING)["answers.html"]
    assert "Text A (Sputnik), line 1:" in answers and "Text B (VOI), line 1:" in answers
    assert re.search(r'<mark class="np-mark np-naming_variant"[^>]*>Kyiv</mark>', answers)


def test_a_run_without_findings_gets_a_pack_that_says_so():
    empty = NAMING.iloc[0:0]
    pages = lesson_pages(THREE, empty)
    for name, page in pages.items():
        assert NO_FINDINGS in html.unescape(page), name
        assert '<ol class="questions' not in page, name
    assert "Check these before class" not in pages["answers.html"]
    assert "Staff left Kyiv on Saturday." in pages["student.html"]  # the texts are still there to read


def test_every_answer_follows_its_question_folded(seeds_pack, seeds_findings):
    answers = seeds_pack["answers.html"]
    questions = questions_of(answers)
    assert len(questions) == len(lesson_questions(seeds_findings))
    for question in questions:
        ask = question.index('class="ask"')
        fold = question.index('<details class="lesson-answer">')
        assert ask < fold and "<details open" not in question
    text = visible_text(answers)
    for sentence in seeds_findings.finding:
        assert sentence not in text
    assert "Check these before class" in text


def test_check_before_class_lists_each_question_whose_findings_carry_a_caution(seeds_pack, seeds_findings):
    questions = lesson_questions(seeds_findings)
    cautioned = {n for n, q in enumerate(questions, 1) if any(f["caution"] for f in q.findings)}
    listed = {int(n) for n in re.findall(r"<li>Question (\d+) \(", seeds_pack["answers.html"])}
    assert cautioned and listed == cautioned


def test_the_lesson_fills_45_minutes(seeds_tables, seeds_findings):
    plan = lesson_plan(seeds_tables["articles"], lesson_questions(seeds_findings))
    assert sum(minutes for _, minutes, _, _ in plan) == LESSON_MINUTES
    assert [part for part, *_ in plan] == ["Introduction", "Reading", "Questions", "Discussion"]
    assert all(minutes >= 5 for _, minutes, _, _ in plan)


def test_numbered_lines_keep_every_word_and_stay_short(seeds_tables):
    for body in seeds_tables["articles"].body:
        lines = numbered_lines(body)
        assert max(end - start for start, end, _ in lines) <= LINE_WIDTH
        assert " ".join(body[start:end] for start, end, _ in lines).split() == body.split()
        assert sum(new for _, _, new in lines) == len([p for p in body.split("\n") if p.strip()])


def test_student_sheet_highlights_nothing_and_escapes_article_text():
    hostile = THREE.assign(headline=["<script>alert(1)</script>", "B", "C"])
    student = lesson_pages(hostile, NAMING)["student.html"]
    assert "<mark" not in student and "<script>alert" not in student
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in student


def test_every_kind_of_finding_has_a_question_of_its_own_for_any_number_of_outlets():
    from newsprism.present.questions import QUESTION_MAKERS, question_for
    from newsprism.text.datafiles import read_data_csv

    kinds = set(read_data_csv("finding_kinds").kind)
    # count_contrast names a claim that framing findings make, never a finding's own kind: its topic asks.
    assert kinds - set(QUESTION_MAKERS) == {"count_contrast"}
    for kind in kinds:
        question = question_for({"topic": "framing", "measured_as": kind, "claim": ""})
        words = f"{question.ask} {question.blank}".lower()
        assert question.blank.count("___") == 1 and "{outlet}" in question.blank, kind
        assert not re.search(r"\b(both|two|the other outlet)\b", words), kind
