"""The lesson pack: four offline pages for a class, written from a run's ``articles`` and ``findings`` tables.

* ``student.html``: the clean articles side by side (stacked on a phone), headline, outlet and date,
  every line numbered, nothing highlighted; then the questions, with ruled lines to answer on.
* ``worksheet.html``: the same questions as sentences with one blank per outlet, and no answer.
* ``answers.html``: for the teacher: a plan for a 45-minute lesson, what each part teaches, the
  findings to check before class (every finding a hand check has not shown right often enough);
  then each question with its answer, the evidence highlighted where it stands in the text, and a
  prompt for discussion, folded on screen until clicked and printed open.

The questions come from :mod:`newsprism.present.questions` (one generator per kind of finding); only
findings the run states are asked about, and a run without findings gets pages that say so. Every
piece of article text goes through :func:`html.escape` (or :func:`newsprism.present.highlight.highlight_text`,
which escapes); the pages load nothing from anywhere.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from newsprism.compare.findings import join_names
from newsprism.present.highlight import CSS as HIGHLIGHT_CSS
from newsprism.present.highlight import highlight_text
from newsprism.present.questions import BLANK, Question, discussion_for, question_for
from newsprism.present.surety import kind_precision

__all__ = ["LESSON_FILES", "LessonQuestion", "lesson_links_html", "lesson_pages", "lesson_questions",
           "numbered_lines", "write_lesson_pack"]

#: The pack's files, in the order a teacher hands them out.
LESSON_FILES = ("student.html", "worksheet.html", "answers.html")
#: Characters per numbered line: two columns of this width fit side by side on a printed page.
LINE_WIDTH = 48
LESSON_MINUTES = 45
#: Careful reading speed of a class (words per minute), and minutes a question takes to answer.
READING_WORDS_PER_MINUTE, MINUTES_PER_QUESTION = 150, 3
INTRO_MINUTES, LEAST_DISCUSSION_MINUTES = 5, 5
NO_FINDINGS = ("This run states no differences between the outlets, so there are no questions to ask about "
               "it. Read the articles side by side and ask the class what, if anything, each outlet tells "
               "differently.")
# Findings' evidence is highlighted in the colour of the marker type it is about (present/highlight.py).
_EVIDENCE_TYPE = {"variant_choice": "naming_variant", "verb_contrast": "attribution_verb",
                  "never_uses": "attribution_verb", "distancing": "attribution_verb",
                  "partial_quote": "partial_quote", "scare_quote": "scare_quote", "hedge": "hedge",
                  "loaded_label": "loaded_label", "evaluative": "evaluative", "agency_credits": "source_credit",
                  "credits": "source_credit", "anonymous_sources": "anonymous_source"}

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:1180px;margin:0 auto;
  padding:1.2rem 1.6rem 3rem;color:#1b1b1b;line-height:1.5}
h1{font-size:1.7rem;margin:.2rem 0}h2{font-size:1.3rem;border-bottom:2px solid #ddd;margin-top:2rem}
p,li,td,th,summary,h1,h2,h3{overflow-wrap:anywhere}
.texts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(21em,100%),1fr));gap:1rem 1.2rem}
.text{border:1px solid #ccc;border-radius:6px;padding:.6rem .6rem}
.text .outlet{font-size:.8rem;text-transform:uppercase;letter-spacing:.04em;color:#555}
.text h3{font-family:Georgia,serif;font-size:1.1rem;margin:.2rem 0 .5rem}
.lines{font-family:Georgia,serif;font-size:13.5px;line-height:1.45}
.line{display:flex;gap:.6em}.line .n{flex:0 0 2.2em;text-align:right;color:#888;font-size:.75em;
  font-family:system-ui,sans-serif;padding-top:.15em;user-select:none}
.line .t{white-space:pre-wrap;overflow-wrap:anywhere;min-width:0}.line.para{margin-top:.45em}
ol.questions{padding-left:1.6rem}ol.questions>li{margin:0 0 1.2rem;break-inside:avoid}
.ask{font-weight:600;margin:.2rem 0 .4rem}
.answer-line{display:flex;gap:.6em;align-items:flex-end;margin:.25rem 0}
.answer-line .who{flex:0 0 auto;max-width:45%;font-size:.9rem}
.answer-line .rule{flex:1 1 auto;border-bottom:1px solid #888;height:1.7em}
.blank{display:inline-block;min-width:8em;border-bottom:1px solid #333;height:1.1em;vertical-align:bottom}
.blanks{margin:.3rem 0}.name-date{display:flex;gap:2rem;flex-wrap:wrap;margin:.6rem 0 1rem}
.name-date span{flex:1 1 12em;border-bottom:1px solid #888;padding-bottom:.2rem;color:#555}
details.lesson-answer{background:#fffbe6;border:1px solid #e8d98a;border-radius:6px;padding:.4rem .8rem;margin:.5rem 0}
details.lesson-answer summary{cursor:pointer;font-weight:600}
.evidence{margin:.3rem 0 .6rem 1rem;font-family:Georgia,serif}.evidence .where{font-family:system-ui,sans-serif;
  font-size:.85rem;color:#555}.caution{color:#7a3100;font-size:.9rem}
table.plan{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
table.plan th,table.plan td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
table.plan thead th{background:#f0f0f0}
table.plan td,table.plan th{overflow-wrap:break-word}table.plan td:nth-child(-n+2){white-space:nowrap}
.teaches{font-size:.85rem;color:#555;margin:.1rem 0}
.notice{background:#eef6fb;border-left:5px solid #0072B2;padding:.5rem .9rem}
@media (max-width:600px){body{padding:.7rem .8rem 2rem}h1{font-size:1.35rem}
  table.plan{font-size:.85rem}.answer-line{flex-wrap:wrap}.answer-line .who{max-width:100%}
  .text{padding:.5rem .5rem}.lines{font-size:13px}.line{gap:.4em}.line .n{flex-basis:1.7em}
  /* The plan's rows stack, each cell under its column's name, rather than squeezing four columns. */
  table.plan thead{display:none}table.plan tr{display:block;border:1px solid #ddd;margin:0 0 .5rem}
  table.plan td{display:block;border:none;white-space:normal!important}
  table.plan td::before{content:attr(data-label) ": ";font-weight:600}}
@media print{
  body{max-width:none;padding:0;font-size:10pt;line-height:1.35}
  h2{margin-top:1rem}h2,h3,summary{break-after:avoid}
  .texts{grid-template-columns:repeat(auto-fit,minmax(22em,1fr));gap:.4rem .8rem}
  .text{border:none;padding:0}.lines{font-size:8.5pt;line-height:1.3}
  .text,.answers>li,table.plan tr{break-inside:auto}.line{break-inside:avoid}
  details.lesson-answer{background:none;border-color:#bbb}
  details::details-content{content-visibility:visible;display:block;height:auto}
  mark{print-color-adjust:exact;-webkit-print-color-adjust:exact}
}
"""
# Printing opens every folded answer, also in browsers without ``::details-content``.
OPEN_FOR_PRINT = ('<script>addEventListener("beforeprint",function(){document.querySelectorAll("details")'
                  '.forEach(function(d){d.open=true})});</script>')


def numbered_lines(body: str, width: int = LINE_WIDTH) -> list[tuple[int, int, bool]]:
    """The body cut into lines of at most ``width`` characters, at spaces: ``(start, end, new_paragraph)``.

    Offsets are into ``body``, so a finding's evidence maps to its line. A word longer than
    ``width`` gets a line of its own.

    >>> body = "Kiev is the capital.\\nIt is on the Dnieper river."
    >>> [(body[s:e], para) for s, e, para in numbered_lines(body, width=12)]
    [('Kiev is the', True), ('capital.', False), ('It is on the', True), ('Dnieper', False), ('river.', False)]
    """
    lines, offset = [], 0
    for paragraph in body.split("\n"):
        line_start = line_end = None
        first = True  # the paragraph's first line
        for word in re.finditer(r"\S+", paragraph):
            start, end = offset + word.start(), offset + word.end()
            if line_start is not None and end - line_start > width:
                lines.append((line_start, line_end, first))
                line_start, first = None, False
            if line_start is None:
                line_start = start
            line_end = end
        if line_start is not None:
            lines.append((line_start, line_end, first))
        offset += len(paragraph) + 1
    return lines


def _line_of(lines: list[tuple[int, int, bool]], offset: int) -> int:
    """The 1-based number of the last line that starts at or before ``offset``."""
    number = 1
    for index, (start, _, _) in enumerate(lines, 1):
        if start <= offset:
            number = index
    return number


@dataclass
class LessonQuestion:
    """A question and the findings it asks about (two findings of one kind may share a question)."""

    question: Question
    findings: list[dict] = field(default_factory=list)


def lesson_questions(findings: pd.DataFrame) -> list[LessonQuestion]:
    """The lesson's questions, one per distinct question, in the order of the run's findings.

    >>> claim = '{"kind": "only_quotes", "outlets": ["VOI"], "speakers": ["Joe Biden"]}'
    >>> table = pd.DataFrame({"topic": ["voices", "voices"], "measured_as": ["only_quotes"] * 2,
    ...                       "finding": ["Only VOI quotes Joe Biden.", "Only TASS quotes Putin."], "claim": [claim, ""]})
    >>> [(len(q.findings), q.question.ask[:25]) for q in lesson_questions(table)]
    [(2, 'Whose words does each out')]
    """
    grouped: dict[Question, LessonQuestion] = {}
    for finding in findings.to_dict("records"):
        question = question_for(finding)
        grouped.setdefault(question, LessonQuestion(question)).findings.append(finding)
    return list(grouped.values())


def _plain(value: object) -> str:
    """A table cell as text; "" for a missing value (None, NaN, NaT), never "nan".

    >>> _plain(float("nan")), _plain(pd.NaT), _plain("VOI")
    ('', '', 'VOI')
    """
    return "" if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)) else str(value)


def _outlet_of(article: Mapping) -> str:
    """The article's outlet; an article without one goes by its file name."""
    return _plain(article.get("outlet")).strip() or _plain(article.get("file")).strip() or "an unnamed outlet"


def _outlets(articles: pd.DataFrame) -> list[str]:
    """The run's outlets in the order of its articles."""
    return list(dict.fromkeys(_outlet_of(article) for article in articles.to_dict("records")))


def _letter(index: int) -> str:
    return chr(ord("A") + index) if index < 26 else str(index + 1)


def _page(title: str, body: str) -> str:
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(title)}</title><style>{STYLE}{HIGHLIGHT_CSS}</style></head><body>"
            f"{body}{OPEN_FOR_PRINT}</body></html>\n")


def _story_title(outlets: list[str]) -> str:
    return f"How {join_names(outlets)} covered the story" if outlets else "One story, several outlets"


def _article_html(index: int, article: Mapping) -> str:
    body = _plain(article.get("body"))
    outlet = html.escape(_outlet_of(article))
    date = _plain(article.get("published"))
    rows = "".join(f'<div class="line{" para" if para and number > 1 else ""}"><span class="n">{number}</span>'
                   f'<span class="t">{html.escape(body[start:end])}</span></div>'
                   for number, (start, end, para) in enumerate(numbered_lines(body), 1))
    return (f'<article class="text"><div class="outlet">Text {_letter(index)} · {outlet}'
            f'{" · " + html.escape(date) if date else ""}</div>'
            f'<h3>{html.escape(_plain(article.get("headline")))}</h3><div class="lines">{rows}</div></article>')


def _blank_sentence(question: Question, outlets: list[str]) -> str:
    """The question's outlet lines as one sentence, each ``___`` an empty box to write in."""
    box = '<span class="blank" role="textbox" aria-label="your answer"></span>'
    parts = [html.escape(line).replace(BLANK, box) for line in question.blanks(outlets)]
    return f'<p class="blanks">{"; ".join(parts)}.</p>'


def _answer_lines(question: Question, outlets: list[str]) -> str:
    """Ruled lines to answer on: two per outlet, under the outlet's line of the question."""
    rows = []
    for line in question.blanks(outlets):
        label = html.escape(line.split(BLANK)[0].strip() or line)
        rows.append(f'<div class="answer-line"><span class="who">{label}</span><span class="rule"></span></div>'
                    '<div class="answer-line"><span class="rule"></span></div>')
    return "".join(rows) + '<div class="answer-line"><span class="who">Text and line(s):</span><span class="rule"></span></div>'


def student_html(articles: pd.DataFrame, questions: list[LessonQuestion]) -> str:
    """``student.html``: the articles side by side with numbered lines, then the questions with lines to answer on."""
    outlets = _outlets(articles)
    texts = "".join(_article_html(i, a) for i, a in enumerate(articles.to_dict("records")))
    if questions:
        items = "".join(f'<li><p class="ask">{html.escape(q.question.ask)}</p>{_answer_lines(q.question, outlets)}</li>'
                        for q in questions)
        asked = (f'<p>Answer from the texts above, and say where you found each answer (text and line).</p>'
                 f'<ol class="questions">{items}</ol>')
    else:
        asked = f'<p class="notice">{html.escape(NO_FINDINGS)}</p>'
    body = (f"<header><h1>{html.escape(_story_title(outlets))}</h1>"
            f"<p>{len(articles)} articles about the same event, side by side. Read them carefully: every line is "
            "numbered so that you can point to what you found.</p>"
            '<div class="name-date"><span>Name</span><span>Date</span></div></header>'
            f'<section class="lesson-articles"><h2>The articles</h2><div class="texts">{texts}</div></section>'
            f'<section class="lesson-questions"><h2>Questions</h2>{asked}</section>')
    return _page(f"Student sheet: {_story_title(outlets)}", body)


def worksheet_html(articles: pd.DataFrame, questions: list[LessonQuestion]) -> str:
    """``worksheet.html``: each question with one blank per outlet to fill in; no answers."""
    outlets = _outlets(articles)
    if questions:
        items = "".join(f'<li><p class="ask">{html.escape(q.question.ask)}</p>{_blank_sentence(q.question, outlets)}</li>'
                        for q in questions)
        asked = f'<ol class="questions">{items}</ol>'
    else:
        asked = f'<p class="notice">{html.escape(NO_FINDINGS)}</p>'
    listing = "; ".join(f"Text {_letter(i)}: {html.escape(_outlet_of(a))}"
                        for i, a in enumerate(articles.to_dict("records")))
    body = (f"<header><h1>Worksheet: {html.escape(_story_title(outlets))}</h1>"
            f"<p>Fill in each blank from the articles on the student sheet ({listing}), and note the line where "
            "you found it.</p>"
            '<div class="name-date"><span>Name</span><span>Date</span></div></header>'
            f'<section class="lesson-questions">{asked}</section>')
    return _page(f"Worksheet: {_story_title(outlets)}", body)


def _evidence_items(finding: Mapping) -> list[dict]:
    try:
        items = json.loads(finding.get("evidence") or "[]")
    except (TypeError, ValueError):
        return []
    unique = {}
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and item.get("text"):
            unique.setdefault((item.get("article_id"), item.get("start"), item.get("end"), item.get("text")), item)
    return list(unique.values())


def _evidence_html(finding: Mapping, articles: dict[str, tuple[int, Mapping, list]]) -> str:
    """Each piece of the finding's evidence in the lines that hold it, highlighted, with text and line numbers."""
    kind = _plain(finding.get("measured_as"))
    marker_type = _EVIDENCE_TYPE.get(kind, "other")
    rows = []
    for item in _evidence_items(finding):
        index, article, lines = articles.get(item.get("article_id"), (None, {}, []))
        who = (f"Text {_letter(index)} ({html.escape(_outlet_of(article))})" if index is not None
               else "An article")
        text, start, end = str(item["text"]), item.get("start"), item.get("end")
        where = str(item.get("where") or "body")
        body = _plain(article.get("body"))
        if where == "body" and isinstance(start, int) and isinstance(end, int) and lines and body[start:end] == text:
            first, last = _line_of(lines, start), _line_of(lines, max(start, end - 1))
            excerpt_start, excerpt_end = lines[first - 1][0], lines[last - 1][1]
            mark = pd.DataFrame([{"type": marker_type, "text": text, "start": start - excerpt_start,
                                  "end": end - excerpt_start, "category": "", "flagged": True,
                                  "explanation": "the evidence for this answer"}])
            span = f"line {first}" if first == last else f"lines {first}–{last}"
            shown = highlight_text(body[excerpt_start:excerpt_end], mark)
        else:
            span = "the headline" if where == "headline" else html.escape(where)
            mark = pd.DataFrame([{"type": marker_type, "text": text, "start": 0, "end": len(text), "category": "",
                                  "flagged": True, "explanation": "the evidence for this answer"}])
            shown = highlight_text(text, mark)
        rows.append(f'<li class="evidence"><span class="where">{who}, {span}:</span> {shown}</li>')
    return f'<ul class="evidence-list">{"".join(rows)}</ul>' if rows else ""


def _answer_html(question: LessonQuestion, articles: dict) -> str:
    """The folded answer: each finding, its evidence, and its discussion prompt; a kind's caution said once."""
    parts, cautioned, prompts = [], set(), set()
    for finding in question.findings:
        caution = _plain(finding.get("caution"))
        prompt = discussion_for(finding)
        parts.append(f'<p class="finding"><strong>{html.escape(_plain(finding.get("finding")))}</strong></p>'
                     + (f'<p class="caution">{html.escape(caution)}</p>' if caution and caution not in cautioned else "")
                     + "<p>The evidence (highlighted where it stands):</p>" + _evidence_html(finding, articles)
                     + (f'<p class="discuss"><strong>Discuss:</strong> {html.escape(prompt)}</p>'
                        if prompt not in prompts else ""))
        cautioned.add(caution)
        prompts.add(prompt)
    return (f'<details class="lesson-answer"><summary>Answer and discussion</summary>'
            f'<div class="answer">{"".join(parts)}</div></details>')


def lesson_plan(articles: pd.DataFrame, questions: list[LessonQuestion]) -> list[tuple[str, int, str, str]]:
    """The 45-minute lesson as ``(part, minutes, what the class does, what it teaches)`` rows.

    Reading time follows the articles' length (150 words a minute, at least 5 minutes); each question
    gets 3 minutes; discussion gets what is left, at least 5 minutes. When the questions do not all
    fit, the plan says how many to take (the first ones rest on the surest findings).

    >>> arts = pd.DataFrame({"word_count": [420, 510]})
    >>> asked = [LessonQuestion(Question("Who speaks?", "{outlet}: ___", "whom a story lets speak"))] * 4
    >>> [(part, minutes) for part, minutes, _, _ in lesson_plan(arts, asked)]
    [('Introduction', 5), ('Reading', 7), ('Questions', 12), ('Discussion', 21)]
    """
    words = int(pd.to_numeric(articles.get("word_count", pd.Series(dtype=float)), errors="coerce").fillna(0).sum())
    reading = max(5, math.ceil(words / READING_WORDS_PER_MINUTE))
    room = LESSON_MINUTES - INTRO_MINUTES - reading - LEAST_DISCUSSION_MINUTES
    taken = min(len(questions), max(room // MINUTES_PER_QUESTION, 0))
    asking = taken * MINUTES_PER_QUESTION
    discussion = LESSON_MINUTES - INTRO_MINUTES - reading - asking
    n_articles = len(articles)
    which = (f"questions 1–{taken} of {len(questions)} (the first rest on the surest findings; give the rest as "
             "homework)" if taken < len(questions) else f"all {len(questions)} questions")
    plan = [("Introduction", INTRO_MINUTES, f"Say what happened, and that {n_articles} outlets reported it. Ask the "
             "class how one event could be told differently.", "that the same event can be told in different ways"),
            ("Reading", reading, "Students read the texts on the student sheet side by side, without "
             "the questions.", "close, comparative reading")]
    if questions:
        plan.append(("Questions", asking, f"Students answer {which} on the worksheet or the student sheet, citing "
                     "text and line.", "to compare texts point by point: what each question teaches is said under it, below"))
    plan.append(("Discussion", discussion, "Go through the answers below; use one discussion prompt per answer.",
                 "to weigh why outlets differ, and what a careful reader checks"))
    return plan


def _check_before_class_html(findings: pd.DataFrame, questions: list[LessonQuestion]) -> str:
    """"Check these before class": one line per question and kind of finding below the top confidence."""
    if findings.empty:
        return ""
    kinds = kind_precision(findings).set_index("kind")
    counts: dict[tuple[int, str], int] = {}  # (question, kind) -> how many of the question's answers
    for number, question in enumerate(questions, 1):
        for finding in question.findings:
            if _plain(finding.get("caution")):
                key = (number, _plain(finding.get("measured_as")))
                counts[key] = counts.get(key, 0) + 1
    lines = []
    for (number, kind), count in counts.items():
        name = str(kinds.loc[kind, "name"]) if kind in kinds.index else kind.replace("_", " ")
        checked = int(kinds.loc[kind, "checked"]) if kind in kinds.index else 0
        record = (f"right in {int(kinds.loc[kind, 'correct'])} of {checked} hand checks so far" if checked
                  else "not checked by hand yet")
        name = name.split(" (")[0]  # "Partial quotes (a speaker's own words ...)" -> "Partial quotes"
        lines.append(f"<li>Question {number} ({html.escape(name[:1].lower() + name[1:])}"
                     f"{f', {count} answers' if count > 1 else ''}): findings of this kind were {record}; "
                     "the answer says why to check it.</li>")
    listed = (f"<ul>{''.join(lines)}</ul>" if lines else
              "<p>None: every finding below is of a kind that hand checks have shown right often enough to state "
              "as a fact.</p>")
    return ("<h2>Check these before class</h2><p>These answers rest on findings that hand checks have not shown "
            "right often enough to state as facts. Read each one's evidence in the texts before you teach it; drop "
            f"it if the text does not bear it out.</p>{listed}")


def answers_html(articles: pd.DataFrame, findings: pd.DataFrame, questions: list[LessonQuestion]) -> str:
    """``answers.html``: the teacher's plan and checks, then each question with its folded answer."""
    outlets = _outlets(articles)
    records = articles.to_dict("records")
    by_id = {a.get("article_id"): (i, a, numbered_lines(_plain(a.get("body")))) for i, a in enumerate(records)}
    plan_rows = "".join(f'<tr><td data-label="part">{html.escape(part)}</td><td data-label="time">{minutes} min</td>'
                        f'<td data-label="what the class does">{html.escape(does)}</td>'
                        f'<td data-label="what it teaches">{html.escape(teaches)}</td></tr>' for part, minutes, does, teaches in
                        lesson_plan(articles, questions))
    plan = ('<table class="plan"><thead><tr><th>part</th><th>time</th><th>what the class does</th>'
            f"<th>what it teaches</th></tr></thead><tbody>{plan_rows}</tbody></table>")
    check = _check_before_class_html(findings, questions)
    if questions:
        items = "".join(f'<li><p class="ask">{html.escape(q.question.ask)}</p>{_blank_sentence(q.question, outlets)}'
                        f'<p class="teaches">Teaches {html.escape(q.question.teaches)}.</p>'
                        f"{_answer_html(q, by_id)}</li>" for q in questions)
        asked = f'<ol class="questions answers">{items}</ol>'
    else:
        asked = f'<p class="notice">{html.escape(NO_FINDINGS)}</p>'
    body = (f"<header><h1>Answer key: {html.escape(_story_title(outlets))}</h1>"
            "<p>For the teacher. The student sheet (student.html) holds the articles with numbered lines and the "
            "questions; the worksheet (worksheet.html) the same questions with blanks. Each answer below is folded "
            "until you click it, so that this page can be shown to a class one answer at a time; printed, every "
            "answer is open.</p></header>"
            f"<section class=\"teacher\"><h2>A 45-minute lesson</h2>{plan}{check}</section>"
            f'<section class="lesson-questions"><h2>Questions and answers</h2>{asked}</section>')
    return _page(f"Answer key: {_story_title(outlets)}", body)


def lesson_pages(articles: pd.DataFrame, findings: pd.DataFrame) -> dict[str, str]:
    """The pack's pages, ``{file name: HTML}``, from a run's ``articles`` and ``findings`` tables.

    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["Sputnik", "VOI"], "headline": ["H1", "H2"],
    ...                      "body": ["Kiev said.", "Kyiv said."], "word_count": [2, 2]})
    >>> claim = '{"kind": "variant_choice", "concept": "Kyiv (capital of Ukraine)"}'
    >>> found = pd.DataFrame({"topic": ["naming"], "finding": ["Sputnik writes Kiev; VOI writes Kyiv."],
    ...                       "evidence": ["[]"], "outlets": ["Sputnik, VOI"], "claim": [claim],
    ...                       "measured_as": ["variant_choice"], "caution": [""]})
    >>> pages = lesson_pages(arts, found)
    >>> sorted(pages), "Kiev" in pages["worksheet.html"], "Sputnik writes <span class=\\"blank\\"" in pages["worksheet.html"]
    (['answers.html', 'student.html', 'worksheet.html'], False, True)
    """
    findings = findings.reset_index(drop=True) if findings is not None else pd.DataFrame()
    questions = lesson_questions(findings) if len(findings) else []
    return {"student.html": student_html(articles, questions),
            "worksheet.html": worksheet_html(articles, questions),
            "answers.html": answers_html(articles, findings, questions)}


def write_lesson_pack(run_root: str | Path) -> list[Path]:
    """Write the lesson pack into the run folder ``run_root`` from its ``data/`` tables; returns the files.

    Raises ``FileNotFoundError`` naming the missing table when the folder holds no finished run.
    """
    root = Path(run_root)
    tables = {}
    for name in ("articles", "findings"):
        path = root / "data" / f"{name}.parquet"
        if not path.is_file():
            raise FileNotFoundError(f"{path} is missing: the lesson pack is made from a finished run's tables "
                                    "(run `newsprism run` on the articles first)")
        tables[name] = pd.read_parquet(path)
    written = []
    for name, page in lesson_pages(tables["articles"], tables["findings"]).items():
        (root / name).write_text(page, encoding="utf-8")
        written.append(root / name)
    return written


def lesson_links_html(run_root: str | Path) -> str:
    """One line for the report linking the lesson pack, or "" when the run folder holds none.

    >>> lesson_links_html("/nonexistent")
    ''
    """
    root = Path(run_root)
    present = [name for name in LESSON_FILES if (root / name).is_file()]
    if not present:
        return ""
    links = ", ".join(f'<a href="{name}">{name}</a>' for name in present)
    return (f'<p class="lesson-pack">Lesson pack for a class, beside this report: {links} '
            "(the articles and questions, the worksheet, the answer key with a lesson plan).</p>")
