"""Find the spans of text between quotation marks, tolerating the messes of real pages.

News text mixes straight and curly marks, forgets closing marks, closes a double
mark with a single one (``"imminent'``) and, in a quotation running over several
paragraphs, repeats the opening mark at each paragraph but closes only at the
end. A strict pairing scanner crashes or swallows half the article on such text;
this one never raises and never lets a quotation run past its paragraph unless
the next paragraph opens with a quotation mark (the newspaper convention for a
continued quotation).
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

# The quotation marks newsprism knows, defined here once for every module that
# looks for quotations. Single marks are left out of the scan on purpose:
# ’ and ' are mostly apostrophes ("Russia's"), so a single-quoted span is only
# looked for as the closing half of a double-quoted one (and by the scare-quote finder).
OPENING = "\u201c\u201e\u00ab"  # “ „ «
CLOSING = "\u201d\u00bb"  # ” »
AMBIGUOUS = '"'
DOUBLE_MARKS = OPENING + CLOSING + AMBIGUOUS
SINGLE_OPENERS = "'\u2018"  # ' ‘
SINGLE_CLOSERS = "'\u2019"  # ' ’ (also closes a double-quoted span: "imminent')
# Where the marks stand, found by the regex engine: a Python loop over every character of a
# body costs more than the rest of the scan (and each stage scans its bodies).
DOUBLE_MARK = re.compile(f"[{DOUBLE_MARKS}]")
SINGLE_OPENER = re.compile(f"[{SINGLE_OPENERS}]")
SINGLE_CLOSER = re.compile(f"[{SINGLE_CLOSERS}]")


# Wire and archive copies type a double quotation mark as two apostrophes or two backticks (''a genius'').
_DOUBLED_MARK = re.compile(r"''|``")


def doubled_apostrophes_as_marks(text: str, keep_length: bool = False) -> str:
    """Two apostrophes or two backticks typed for a quotation mark, made one straight mark.

    Archive copies of newspapers (the New York Times in LexisNexis) write ``''a genius''``;
    read as two apostrophes, every quotation in them is lost. With ``keep_length`` a space pads
    the mark on its outer side, so offsets into the result are offsets into ``text``.

    >>> doubled_apostrophes_as_marks("Aides called him ''a genius'' on Sunday.")
    'Aides called him "a genius" on Sunday.'
    >>> doubled_apostrophes_as_marks("called him ''a genius''.", keep_length=True)
    'called him  "a genius" .'
    """
    if "''" not in text and "``" not in text:
        return text

    def one_mark(match: re.Match) -> str:
        if not keep_length:
            return '"'
        after = text[match.end() : match.end() + 1]
        opens = after != "" and not after.isspace() and after not in ".,;:!?)]}"
        return ' "' if opens else '" '

    return _DOUBLED_MARK.sub(one_mark, text)


@dataclass(frozen=True)
class QuotedSpan:
    """One quotation: ``start``/``end`` include the marks, ``inner_*`` exclude them.

    ``closed`` is False when the closing mark was missing and the span was cut
    at the end of its paragraph.
    """

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool

    def words(self, text: str) -> int:
        """Number of words inside the marks."""
        return len(text[self.inner_start : self.inner_end].split())


def _role(text: str, i: int) -> str:
    """Is the mark at ``i`` opening, closing, or impossible to tell?"""
    ch = text[i]
    if ch in OPENING:
        return "open"
    if ch in CLOSING:
        # a closing mark typed at the start of a paragraph or after a space, before a
        # word, is an opening mark in the wrong shape (”Mr. Trump's ...)
        before = text[i - 1] if i > 0 else "\n"
        after = text[i + 1] if i + 1 < len(text) else " "
        if before.isspace() and after.isalnum():
            return "open"
        if before == "\n":
            return "open"  # no paragraph starts by closing a quotation: ”… what I learned
        return "close"
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    space_before = before.isspace() or before in "([{-\u2014\u2013/" or i == 0
    space_after = after.isspace() or after in ".,;:!?)]}-\u2014\u2013" or i + 1 == len(text)
    if space_before and not space_after:
        return "open"
    if space_after and not space_before:
        return "close"
    return "either"


def _single_closer(text: str, start: int, stop: int) -> int | None:
    """Position of a single mark closing a double-opened scare quote ("imminent'), if any."""
    for m in re.finditer(r"[A-Za-z0-9.,!?][" + SINGLE_CLOSERS + r"](?=[\s.,;:!?)]|$)", text[start:stop]):
        pos = start + m.start() + 1
        # "Russians' " is a plural possessive, not a closing mark; accept only short spans
        if len(text[start:pos].split()) <= 6:
            return pos
        return None
    return None


def scan_quotes(text: str) -> list[QuotedSpan]:
    """All quoted spans of ``text`` in order; never raises.

    >>> [text[s.inner_start:s.inner_end] for text in ['He said "yes" and "no'] for s in scan_quotes(text)]
    ['yes', 'no']
    >>> t = 'the West has dubbed it "imminent\\'. Moscow denied it.'
    >>> [t[s.inner_start:s.inner_end] for s in scan_quotes(t)]
    ['imminent']
    """
    marks = [m.start() for m in DOUBLE_MARK.finditer(text)]
    spans: list[QuotedSpan] = []
    open_at: int | None = None
    checked_from = 0  # where the open quotation's current paragraph starts
    for i in marks:
        role = _role(text, i)
        if open_at is None:
            if role in ("open", "either"):
                open_at = checked_from = i
            continue
        between = text[checked_from + 1 : i]
        if "\n" in between:
            # The open quotation ran into a new paragraph. Newspaper style repeats the
            # opening mark at the start of each continued paragraph: keep going then.
            para_end = checked_from + 1 + between.index("\n")
            next_para = text[para_end:i].strip()
            continued = next_para == "" and role in ("open", "either") and _starts_paragraph(text, i)
            if continued:
                checked_from = i
                continue
            spans.append(_cut_unclosed(text, open_at, para_end))
            open_at = checked_from = i
            if role == "close":
                open_at = None
            continue
        if role in ("close", "either"):
            spans.append(QuotedSpan(open_at, i + 1, open_at + 1, i, True))
            open_at = None
        else:
            # Two opening marks in a row: the first was never closed; cut it at the second.
            spans.append(_cut_unclosed(text, open_at, i))
            open_at = checked_from = i
    if open_at is not None:
        stop = text.find("\n", open_at)
        spans.append(_cut_unclosed(text, open_at, len(text) if stop < 0 else stop))
    return _merge_continued_paragraphs(text, spans)


def _starts_paragraph(text: str, i: int) -> bool:
    line_start = text.rfind("\n", 0, i) + 1
    return text[line_start:i].strip() == ""


def _cut_unclosed(text: str, open_at: int, stop: int) -> QuotedSpan:
    """A quotation whose closing mark is missing: close it at a single mark or at ``stop``."""
    single = _single_closer(text, open_at + 1, stop)
    if single is not None:
        return QuotedSpan(open_at, single + 1, open_at + 1, single, True)
    inner_end = stop
    while inner_end > open_at + 1 and text[inner_end - 1].isspace():
        inner_end -= 1
    return QuotedSpan(open_at, inner_end, open_at + 1, inner_end, False)


def _merge_continued_paragraphs(text: str, spans: list[QuotedSpan]) -> list[QuotedSpan]:
    """Join an unclosed paragraph-final quotation with the quotation opening the next paragraph."""
    merged: list[QuotedSpan] = []
    for span in spans:
        if merged:
            prev = merged[-1]
            gap = text[prev.end : span.start]
            if not prev.closed and "\n" in gap and gap.strip() == "":
                merged[-1] = QuotedSpan(prev.start, span.end, prev.inner_start, span.inner_end, span.closed)
                continue
        merged.append(span)
    return merged


class RangeIndex:
    """Character ranges ``(start, end)`` sorted once, to answer "is there a range around ...?" in log time.

    A loop asking, for each of n items, whether any of n ranges holds it costs
    n * n; on an article with thousands of quotation marks that never ends.
    Ranges may overlap: the running maximum of ``end`` over the ranges sorted by
    ``start`` answers every question below with one binary search.

    >>> ranges = RangeIndex([(10, 20), (0, 5), (12, 30)])
    >>> ranges.covers(13, 25), ranges.covers(3, 8), ranges.holds(4), ranges.holds(7)
    (True, False, True, False)
    >>> ranges.overlaps(5, 10), ranges.overlaps(4, 10)
    (False, True)
    """

    def __init__(self, ranges):
        ordered = sorted(ranges)
        self._starts = [start for start, _ in ordered]
        self._reach = list(itertools.accumulate((end for _, end in ordered), max))

    def _reach_from(self, count: int) -> float:
        # the furthest end among the first ``count`` ranges by start
        return self._reach[count - 1] if count else float("-inf")

    def covers(self, start: int, end: int) -> bool:
        """Is ``start:end`` inside one of the ranges (``a <= start`` and ``end <= b``)?"""
        return self._reach_from(bisect.bisect_right(self._starts, start)) >= end

    def holds(self, position: int) -> bool:
        """Is ``position`` inside one of the ranges (``a <= position < b``)?"""
        return self._reach_from(bisect.bisect_right(self._starts, position)) > position

    def overlaps(self, start: int, end: int) -> bool:
        """Does one of the ranges share a character with ``start:end`` (``a < end`` and ``start < b``)?"""
        return self._reach_from(bisect.bisect_left(self._starts, end)) > start


class LineIndex:
    """Where each line of a text starts and ends, found by binary search instead of a scan.

    ``text.rfind("\\n", 0, i)`` walks back over the whole line; asked once per
    quotation on a page that is one long line, it costs lines * quotations.

    >>> lines = LineIndex("ab\\ncd\\n\\nef")
    >>> lines.start(4), lines.end(4), lines.start(7), lines.end(7), lines.end(2)
    (3, 5, 7, 9, 2)
    """

    def __init__(self, text: str):
        self._breaks = [m.start() for m in re.finditer("\n", text)]
        self._length = len(text)

    def start(self, i: int) -> int:
        """Start of the line holding ``i``: ``text.rfind("\\n", 0, i) + 1``."""
        k = bisect.bisect_left(self._breaks, i)
        return self._breaks[k - 1] + 1 if k else 0

    def end(self, i: int) -> int:
        """End of the line from ``i`` on: ``text.find("\\n", i)``, or the text's length."""
        k = bisect.bisect_left(self._breaks, i)
        return self._breaks[k] if k < len(self._breaks) else self._length
