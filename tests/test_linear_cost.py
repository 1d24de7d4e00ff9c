"""Stages that must stay linear in their input: pathological pages finish, and the work grows with n.

These are hang tests, not speed tests. Before the fix an article with 5,000
unbalanced quotation marks never finished notebook 03 (quote scanning grew as
n^2.7) and a 4,000-line page took minutes to clean (every line was compared with
every kept line). Each call here runs under a generous alarm, so a return of the
quadratic code fails the test instead of hanging the suite, and each result is
checked for values that make sense. The last tests count work (calls of the
inner helpers) rather than time, so machine noise cannot make them flaky.
"""

from __future__ import annotations

import signal
from contextlib import contextmanager

import pytest

from newsprism.ingest import furniture
from newsprism.ingest.furniture import clean_page
from newsprism.framing.markers import find_markers
from newsprism.text.nlp import parse
from newsprism.text.quote_spans import QuotedSpan, scan_quotes
from newsprism.quotes.extract import extract_quotes, quotes_from_doc
from newsprism.framing.scare_quotes import quoted_fragments

# Far above what the linear code needs on a slow machine (the largest case takes
# ~20 s with spaCy's parse), far below what the quadratic code took.
LIMIT_SECONDS = 120
MARKS = 5000


@contextmanager
def finishes_within(seconds: int = LIMIT_SECONDS):
    """Fail (rather than hang) when the block runs longer than ``seconds``."""

    def too_slow(signum, frame):
        raise TimeoutError(f"did not finish within {seconds} s: a stage is no longer linear in its input")

    previous = signal.signal(signal.SIGALRM, too_slow)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def unbalanced_paragraphs(n: int) -> str:
    """``n`` paragraphs, each opening a quotation it never closes."""
    return "\n".join(f'Talks "stalled again in round {i}, officials said.' for i in range(n))


def unbalanced_line(n: int, opening: str = '"', closing: str = '"') -> str:
    """One line with ``n`` opening marks and no closing one (alternating mark shapes when they differ)."""
    marks = [opening, closing] if opening != closing else [opening]
    return " ".join(f"Talks {marks[i % len(marks)]}stalled again in round {i}" for i in range(n)) + "."


# -- 5,000 unbalanced quotation marks ---------------------------------------------------


@pytest.mark.parametrize("text", [
    unbalanced_paragraphs(MARKS),
    unbalanced_line(MARKS),
    unbalanced_line(MARKS, "\u201c", '"'),  # curly and straight, mixed
], ids=["paragraphs", "one line", "curly and straight"])
def test_scan_of_5000_unbalanced_marks_finishes_with_one_span_per_mark(text):
    with finishes_within(30):
        spans = scan_quotes(text)
        fragments = quoted_fragments(text)
    assert len(spans) == MARKS  # each mark opens a quotation, cut at the next mark or paragraph end
    assert not any(span.closed for span in spans)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))  # in order, without overlap
    assert len(fragments) == MARKS and not any(f.closed for f in fragments)


def test_5000_single_marks_without_a_closer_finish_and_pair_nothing():
    text = unbalanced_line(MARKS, "'", "'") + "\n" + unbalanced_line(MARKS, "\u2018", "\u2018")
    with finishes_within(30):
        fragments = quoted_fragments(text)
    assert fragments == []  # an opening single mark with no closer on its line is an apostrophe or a typo


@pytest.fixture(scope="module")
def unbalanced_article():
    return unbalanced_paragraphs(MARKS)


def test_extract_quotes_on_5000_unbalanced_marks_finishes(unbalanced_article):
    with finishes_within():
        quotes = extract_quotes(unbalanced_article)
    text = unbalanced_article
    # "officials said" in each paragraph reports the words before it: one attribution each,
    # never content running across a paragraph break
    assert len(quotes) >= 0.9 * MARKS
    assert set(quotes["cue"]) == {"said"}
    assert (quotes["content_end"] > quotes["content_start"]).all()
    assert not any("\n" in text[s:e] for s, e in zip(quotes["content_start"], quotes["content_end"]))


def test_find_markers_on_5000_unbalanced_marks_finishes(unbalanced_article):
    with finishes_within():
        markers = find_markers(unbalanced_article)
    said = markers[markers["type"] == "attribution_verb"]
    assert len(said) >= 0.9 * MARKS and set(said["text"]) == {"said"}
    # an unclosed quotation mark is a typo or a cut, not a choice of words
    assert not (markers["type"] == "scare_quote").any()


def test_2000_scare_quotes_on_one_line_finish_and_are_found():
    n = 1000  # sentences, each with a double- and a single-quoted label that nobody is said to have used
    text = " ".join(f'The plan in round {i} was an "imminent threat" and a \'regime\' again.' for i in range(n))
    with finishes_within():
        markers = find_markers(text)
    scare = markers[markers["type"] == "scare_quote"]
    assert len(scare) >= 0.95 * 2 * n  # the parser reads a few sentences its own way
    assert set(scare["text"]) == {'"imminent threat"', "'regime'"}


# -- a 4,000-line page --------------------------------------------------------------------


def _name(i: int) -> str:
    """A made-up word for ``i`` (numbers are not words to the repeated-line check)."""
    letters = ""
    while True:
        i, rest = divmod(i, 26)
        letters += "abcdefghijklmnopqrstuvwxyz"[rest]
        if not i:
            return "k" + letters


def long_page(n: int) -> tuple[str, int, int]:
    """A page of ``n`` body lines, every tenth one repeating an earlier line; also the kept and repeated counts."""
    lines = ["Subscribe", "Talks End Without Deal In Geneva"]
    kept = repeated = 0
    for i in range(n):
        day = i - 9 if i % 10 == 9 else i
        lines.append(f"The delegations met again in {_name(day)} and talked for several hours without a deal.")
        repeated += i % 10 == 9
        kept += i % 10 != 9
    lines.append("log in or register")
    return "\n".join(lines), kept, repeated


def test_clean_page_of_4000_lines_finishes_with_each_line_kept_or_dropped_once():
    page, kept, repeated = long_page(4000)
    with finishes_within(60):
        result = clean_page(page)
    assert result.headline == "Talks End Without Deal In Geneva"
    assert len(result.paragraphs) == kept == 3600
    assert sum(r.category == "repeated line" for r in result.removed) == repeated == 400
    assert [r.text for r in result.removed if r.category != "repeated line"] == ["Subscribe", "log in or register"]


# -- work grows linearly ------------------------------------------------------------------


def _calls(monkeypatch, owner, name: str) -> list[int]:
    """Count the calls of ``owner.name`` (one list item per call)."""
    original = getattr(owner, name)
    calls: list[int] = []

    def counted(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


def test_clean_page_reads_the_words_of_each_line_a_bounded_number_of_times(monkeypatch):
    calls = _calls(monkeypatch, furniture, "words")
    counts = []
    for n in (500, 2000):
        calls.clear()
        clean_page(long_page(n)[0])
        counts.append(len(calls))
    # comparing every line with every kept one made this grow 16-fold for 4 times the lines
    assert counts[1] <= 4.5 * counts[0]


def test_quote_extraction_counts_words_of_each_quotation_a_bounded_number_of_times(monkeypatch):
    calls = _calls(monkeypatch, QuotedSpan, "words")
    counts = []
    for n in (100, 400):
        doc = parse(unbalanced_paragraphs(n))
        calls.clear()
        quotes_from_doc(doc)
        counts.append(len(calls))
    # every sentence once asked every quotation for its word count (n * n); now each is asked once
    assert counts[1] <= 4.5 * counts[0]
