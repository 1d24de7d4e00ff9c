"""Scare quotes: a few words put in quotation marks by the writer, to keep a distance from them.

A scare quote ("imminent", the 'Imminent Threat') is told apart from a genuine
quotation by its length (one to four words), by where it stands (inside the
writer's own sentence, not followed by ``," he said``), and by what governs it:
inside reported speech, a longer fragment ("painful and severe sanctions") is
the speaker's phrase passed on, while one or two words picked out are the
writer's choice.

Double marks are paired by :func:`newsprism.text.quote_spans.scan_quotes` (shared with
the quote extractor); single marks are paired here, where apostrophes
(Russia's, don't, the countries' staff) must not be taken for quotation marks.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc

from newsprism.text.quote_spans import (AMBIGUOUS, OPENING, SINGLE_CLOSERS, SINGLE_OPENERS, LineIndex, QuotedSpan, RangeIndex,
                                   scan_quotes)

MAX_SCARE_WORDS = 4
# Inside reported speech only this many words are taken as the writer's distancing;
# longer fragments there are the speaker's own phrase (a partial quotation).
MAX_WORDS_IN_REPORTED_SPEECH = 2
# Characters after which a single mark opens a quotation: an opening bracket, a dash or a double mark.
_OPEN_BEFORE = "([{-\u2014\u2013/" + AMBIGUOUS + OPENING
_SENTENCE_END = re.compile(r"[.!?]\s+[A-Z" + re.escape(AMBIGUOUS + OPENING) + "]")
# Verbs that introduce a word as someone else's name for a thing: "the West has dubbed ... "imminent"".
NAMING_VERBS = frozenset("call dub term label describe brand style christen".split())
# Nouns after a capitalised quoted name that show it is the title of a work ("the "Today" show").
TITLE_NOUNS = frozenset("show program programme series book novel film movie documentary album song star host "
                        "magazine newspaper column podcast episode play musical report".split())
TITLE_ENTITIES = frozenset(["WORK_OF_ART", "PRODUCT", "EVENT", "LAW"])
# Words before a capitalised quoted name that make it a show or publication spoken to or on,
# or owned by a network or publisher ('ABC's "This Week"').
TITLE_BEFORE = frozenset("told on with to in 's ’s".split())


@dataclass(frozen=True)
class QuotedFragment:
    """A quoted span with what is known about it: marks included in ``start``/``end``."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    words: int
    genuine: bool  # a quotation with a speaker, not a scare quote candidate
    closed: bool = True  # False when the closing mark is missing


def _single_quoted(text: str, taken: list[QuotedSpan]) -> list[QuotedSpan]:
    """Spans between single marks, outside the double-quoted spans already found."""
    inside = RangeIndex((s.start, s.end) for s in taken)
    closers = _single_closers(text)
    lines = LineIndex(text)
    spans: list[QuotedSpan] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in SINGLE_OPENERS and not inside.holds(i):
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < n else " "
            if (before.isspace() or before in _OPEN_BEFORE) and after.isalnum():
                close = _single_close(closers, i + 1, lines.end(i))
                if close is not None:
                    spans.append(QuotedSpan(i, close + 1, i + 1, close, True))
                    i = close + 1
                    continue
        i += 1
    return spans


def _single_closers(text: str) -> list[int]:
    """Positions of the single marks that can close a quotation, in order.

    Whether a mark closes depends only on its neighbours, not on where the
    quotation opened, so the marks are listed once and each opening mark finds
    its closer by binary search; scanning forward from every opening mark would
    cost marks * line length on a line without a closer.
    """
    closers = []
    for j, ch in enumerate(text):
        if ch in SINGLE_CLOSERS and j > 0:
            before = text[j - 1]
            after = text[j + 1] if j + 1 < len(text) else " "
            if after.isalnum() or before.isspace():
                continue  # an apostrophe (Russia's, don't) or an opening mark
            closers.append(j)
    return closers


def _single_close(closers: list[int], start: int, stop: int) -> int | None:
    """The first closing single mark in ``start:stop``."""
    k = bisect.bisect_left(closers, start)
    return closers[k] if k < len(closers) and closers[k] < stop else None


def quoted_fragments(text: str) -> list[QuotedFragment]:
    """Every quoted span of ``text`` (double, single, curly, mismatched), in order.

    ``genuine`` is True for quotations longer than four words and for short ones
    that a speaker is credited with right beside them (``"No," he said``).

    >>> [(text[f.inner_start:f.inner_end], f.genuine) for text in
    ...  ["Russia's 'Imminent Threat' claims, \\"No,\\" he said."] for f in quoted_fragments(text)]
    [('Imminent Threat', False), ('No,', True)]
    """
    doubles = scan_quotes(text)
    spans = sorted(doubles + _single_quoted(text, doubles), key=lambda s: s.start)
    fragments = []
    for span in spans:
        inner = text[span.inner_start : span.inner_end]
        words = len(inner.split())
        genuine = words > MAX_SCARE_WORDS or _credited_beside(text, span, inner)
        fragments.append(QuotedFragment(span.start, span.end, span.inner_start, span.inner_end, words, genuine, span.closed))
    return fragments


_CREDIT_AFTER = re.compile(r"\s*[\w. ]{1,40}?\b(said|says|told|asked|added|replied)\b")


def _credited_beside(text: str, span: QuotedSpan, inner: str) -> bool:
    # "No," he said / He said: "No." / the whole sentence is the quotation.
    # Matched in place (no slice of the rest of the text, which made this quadratic).
    if inner.rstrip()[-1:] in (",", "?", "!") and _CREDIT_AFTER.match(text, span.end):
        return True
    before = text[max(0, span.start - 3) : span.start]
    if before.rstrip().endswith(":"):
        return True
    return _alone_on_line(text, span) and inner.strip()[-1:] in ".!?"


def _alone_on_line(text: str, span: QuotedSpan) -> bool:
    """Only spaces stand between the span and the line breaks around it.

    Looks at the spaces next to the span only, rather than cutting out the whole
    line (a page written as one line would be copied once per quotation).
    """
    i = span.start - 1
    while i >= 0 and text[i] != "\n" and text[i].isspace():
        i -= 1
    if i >= 0 and text[i] != "\n":
        return False
    j = span.end
    while j < len(text) and text[j] != "\n" and text[j].isspace():
        j += 1
    return j == len(text) or text[j] == "\n"


def scare_quote_spans(doc: Doc, fragments: list[QuotedFragment], reporting_lemmas: frozenset[str], text: str | None = None) -> list[tuple[QuotedFragment, str]]:
    """The fragments of ``doc`` that are scare quotes, each with its category.

    Categories: ``scare quote`` (in the writer's own sentence), ``quoted label``
    (after "dubbed", "called": someone's word for a thing, held at a distance),
    ``fragment in reported speech`` (one or two words picked out of what someone said).
    """
    found = []
    text = doc.text if text is None else text
    title_cased = None  # is the whole doc title-case? computed once, on the first fragment that asks
    for frag in fragments:
        if frag.genuine or not frag.closed or frag.words == 0 or frag.words > MAX_SCARE_WORDS:
            continue  # an unclosed mark ('A "d') is a typo or a cut, not a choice of words
        inner = text[frag.inner_start : frag.inner_end].strip()
        if sum(ch.isalpha() for ch in inner) < 2 or _SENTENCE_END.search(inner):
            continue  # "rock 'n' roll", '"1"'
        span = doc.char_span(frag.inner_start, frag.inner_end, alignment_mode="expand")
        if span is not None and _capitalised(inner):
            if title_cased is None:
                title_cased = _title_cased(doc)
            if _is_title(span, inner, title_cased):
                continue
        governors = _governing_lemmas(span) if span is not None and len(span) else []
        if any(lemma in NAMING_VERBS for lemma in governors[:3]):
            found.append((frag, "quoted label"))
        elif any(lemma in reporting_lemmas for lemma in governors):
            if frag.words <= MAX_WORDS_IN_REPORTED_SPEECH:
                found.append((frag, "fragment in reported speech"))
        else:
            found.append((frag, "scare quote"))
    return found


def _capitalised(inner: str) -> bool:
    """Every word of the quoted text starts with a capital (letters only)."""
    words = [w for w in inner.split() if w[:1].isalpha()]
    return bool(words) and all(w[:1].isupper() for w in words)


def _is_title(span, inner: str, title_cased: bool) -> bool:
    """A capitalised quoted name of a show, book or law: a title, not a scare quote.

    ``title_cased`` says whether the whole text is title-case (see :func:`_title_cased`);
    it is passed in because working it out reads every token of the doc.
    """
    if not _capitalised(inner) or title_cased:
        return False  # in a title-case headline every quoted word looks like a name
    after = span.doc[span.end + 1] if span.end + 1 < len(span.doc) else None  # skip the closing mark
    if after is not None and after.lemma_.lower() in TITLE_NOUNS:
        return True
    before = span.doc[span.start - 2] if span.start >= 2 else None  # skip the opening mark
    if before is not None and before.lower_ in TITLE_BEFORE:
        return True  # 'he told "Today"', 'an interview with "60 Minutes"'
    return any(t.ent_type_ in TITLE_ENTITIES for t in span)


def _title_cased(doc: Doc) -> bool:
    words = [t.text for t in doc if t.is_alpha]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) > 0.6


def _governing_lemmas(span) -> list[str]:
    """Lemmas of the verbs and nouns above the fragment in the parse, nearest first."""
    lemmas = []
    token = span.root
    for _ in range(8):
        if token.head is token:
            break
        token = token.head
        # Reporting nouns count too: "his claim that Afghanistan is a "war of Obama's choosing"".
        if token.pos_ in ("VERB", "AUX", "NOUN") or token.lower_ == "according":
            lemmas.append(token.lemma_.lower())
    return lemmas
