"""Scare quotes: the writer's own quotation marks on words nobody in the text is said to have used.

Which quoted fragments are scare quotes, and which are a speaker's words
(:mod:`newsprism.framing.kinds.partial_quote`), whole quotations, titles or words
cited as words, is first read from the parse in
:func:`newsprism.framing.scare_quotes.read_quoted`. What the parse leaves as a
scare quote is then checked against the attributions of the quotes stage
(:func:`quoted_readings`): words inside what a reporting cue reports are that
speaker's; words in a sentence that reports someone's speech, or words that
someone is quoted saying elsewhere in the text, may be theirs, and a false
scare quote is worse than none, so they are not flagged.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import defaultdict

from newsprism.framing.kinds.common import Article, MarkerKind, reporting_lemmas, row
from newsprism.framing.scare_quotes import QuoteReading, quoted_fragments, read_quoted
from newsprism.text.datafiles import read_data_csv
from newsprism.text.quote_spans import RangeIndex

NAME = "scare_quote"
SCARE_EXPLANATION = ("Nobody in the text is said to have used {w}: the writer's own quotation marks keep a distance "
                     "from the word, as if to say 'so-called'.")
# Sentences of the same paragraph after one that reports speech in which quoted words may still be the speaker's:
# a summary of what someone said often runs on for a sentence without a new "she said" (two sentences back
# already reaches the writer's own sentences after a quotation).
SPEECH_GOES_ON = 1
ECHO = "words quoted elsewhere"  # category of a partial quotation repeating someone's quoted words
# Texts whose words a writer quotes without a speaker: quoted words in a sentence naming one may be its words.
DOCUMENT_NOUNS = frozenset(read_data_csv("document_nouns")["noun"])
# A headline opening with a name and a colon ('Mayor Cole: ...') gives what follows to that name.
_SPEAKER_COLON = re.compile(r"\s*[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3}\s*:\s")
_WORD = re.compile(r"[\w'\-]+")


def quoted_readings(article: Article) -> list[QuoteReading]:
    """The article's short quoted fragments read as scare quotes or partial quotations (shared by both kinds).

    >>> from newsprism.text.nlp import parse
    >>> from newsprism.framing.kinds.common import Attributions
    >>> doc = parse('The "reform" failed.')
    >>> [(r.kind, r.category) for r in quoted_readings(Article.build(doc, Attributions()))]
    [('scare_quote', 'scare quote')]
    """
    global _last
    if _last[0] is article:
        return _last[1]  # the partial quotes ask for the same article's readings right after the scare quotes
    direct = RangeIndex(article.attributions.direct)
    readings = read_quoted(article.doc, article.fragments, reporting_lemmas("verb", "noun"), article.text, direct)
    if any(r.kind == NAME for r in readings):
        told = _Told(article)
        readings = [r for r in (told.reread(r) if r.kind == NAME else r for r in readings) if r is not None]
    _last = (article, readings)
    return readings


_last: tuple[Article | None, list[QuoteReading]] = (None, [])


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text.lower().replace("\u2019", "'")))


def _ngrams(text: str, offset: int, found: dict[tuple[str, ...], int], longest: int = 4) -> None:
    """Every run of one to ``longest`` words of ``text``, with where the text starts (the first place kept)."""
    words = _words(text)
    for n in range(1, longest + 1):
        for i in range(len(words) - n + 1):
            found.setdefault(words[i : i + n], offset)


class _Told:
    """What the quotes stage says around a quoted fragment, looked up by sentence."""

    def __init__(self, article: Article):
        self.article = article
        doc, cues = article.doc, article.attributions
        self._token_at = {}  # the token each cue starts, found once
        for cue in {c for _, _, c in cues.reported}:
            span = doc.char_span(cue, cue + 1, alignment_mode="expand")
            if span is not None and len(span) and span[0].idx == cue:
                self._token_at[cue] = span[0]
        # Only cues of the reporting-verb lexicon (those with a stance) say that someone spoke: the quotes
        # stage also reads a quoted fragment under any other verb ('passed the "quick fix"') as a mixed quote.
        self.by_sentence: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
        for start, end, cue in cues.reported:
            token = self._token_at.get(cue)
            if token is not None and cue in cues.stances:
                self.by_sentence[token.sent.start].append((start, end, cue))
        self.all_cues = [(s, e, c) for s, e, c in cues.reported if c in self._token_at]  # sorted by start
        self._cue_starts = [s for s, _, _ in self.all_cues]
        self._quoted = None  # word runs inside whole quotations: built on the first fragment that asks
        self._body_quoted = None  # for a headline, word runs inside the body's quotation marks

    def reread(self, reading: QuoteReading) -> QuoteReading | None:
        """The reading of a would-be scare quote once the attributions are known (None: neither, leave it out)."""
        frag = reading.fragment
        article = self.article
        span = article.doc.char_span(frag.inner_start, frag.inner_end, alignment_mode="expand")
        if span is None or not len(span):
            return None
        # 'But "truthers" have demanded hearings': quoted words that name who speaks are not what is said
        sent = span.sent
        cues_here = [c for c in self.by_sentence.get(sent.start, ())
                     if not self._names_speaker(c[2], frag) and not _deep_below(self._token_at[c[2]], span.root)]
        for start, end, cue in cues_here:
            if start <= frag.inner_start and frag.inner_end <= end:
                return QuoteReading(frag, "partial_quote", "fragment in reported speech", self._token_at[cue])
        if any(self._token_at[cue].is_ancestor(span.root) for _, _, cue in cues_here):
            # 'accusing the board of having "lost the plot."': the words sit under the cue,
            # past the end of what the quotes stage took as its content; perhaps the speaker's too
            return None
        said = self._quoted_elsewhere(frag)
        if said is not None:
            cue = self._cue_of(said)
            return QuoteReading(frag, "partial_quote", ECHO, cue) if cue is not None else None
        before = sent
        for _ in range(SPEECH_GOES_ON):
            before = self._sentence_before(before)
            if before is None:
                break
            if self.by_sentence.get(before.start) or _names_document(before):
                return None  # reported speech (or a document's words) goes on: 'Ms. Park said ... Buses run "when they like."'
        if _names_document(sent):
            return None  # 'the memo asks offices to "streamline and simplify" forms': the document's words
        if article.where == "headline" and (_SPEAKER_COLON.match(article.text[: frag.start]) or self._quoted_in_body(frag)):
            # 'Mayor Cole: Budget Is "Pure Folly"' gives the words to the one before the colon; a headline that
            # repeats words the article quotes leaves them to the body, which says whose they are
            return None
        return reading

    def _sentence_before(self, sent):
        """The sentence before ``sent`` in the same paragraph, or None."""
        if sent.start == 0:
            return None
        before = self.article.doc[sent.start - 1].sent
        between = self.article.text[before.start_char : sent.start_char]
        # the parse keeps a line break inside the sentence before it: look at the spaces that end it
        return None if "\n" in between[len(between.rstrip()):] else before

    def _names_speaker(self, cue: int, frag) -> bool:
        mention = self.article.attributions.mentions.get(cue)
        return mention is not None and mention[0] < frag.end and frag.start < mention[1]

    def _quoted_elsewhere(self, frag) -> int | None:
        """Where a whole quotation elsewhere in the text holds the same words, or None."""
        if self._quoted is None:
            self._quoted = {}
            text = self.article.text
            spans = [(f.inner_start, f.inner_end) for f in self.article.fragments if f.genuine]
            for start, end in sorted(set(spans) | set(self.article.attributions.direct)):
                _ngrams(text[start:end], start, self._quoted)
        words = _words(self.article.text[frag.inner_start : frag.inner_end])
        where = self._quoted.get(words)
        return where if where is not None and not (frag.start <= where < frag.end) else None

    def _cue_of(self, position: int):
        """The cue token of the attribution whose content holds ``position``, if any."""
        # Contents seldom overlap: the few that start last before the position are enough to look at.
        k = bisect.bisect_right(self._cue_starts, position)
        for start, end, cue in reversed(self.all_cues[max(0, k - 4) : k]):
            if start <= position < end:
                return self._token_at[cue]
        return None

    def _quoted_in_body(self, frag) -> bool:
        if self._body_quoted is None:
            self._body_quoted = {}
            context = self.article.context or ""
            body = context[len(self.article.text) + 1 :]  # the context is the headline, a line break, then the body
            for f in quoted_fragments(body):
                _ngrams(body[f.inner_start : f.inner_end], f.inner_start, self._body_quoted, 8)
        return _words(self.article.text[frag.inner_start : frag.inner_end]) in self._body_quoted


def _deep_below(cue, token) -> bool:
    """The quoted words hang under the cue through two prepositions and nouns only: the writer's description.

    'accused Russia of a build-up in preparation for an "invasion"': what the cue
    reports is the build-up; "invasion" is the writer's word, a noun of a noun further
    down, as :func:`newsprism.framing.scare_quotes.read_quoted` reads it. A verb on the
    way ('accused the council of joining a "scheme"') keeps the words in what
    was reported.
    """
    preps = 0
    for _ in range(12):
        if token.head.i == token.i:
            return False  # the cue is not above the words
        preps += token.dep_ == "prep"
        token = token.head
        if token.i == cue.i:
            return preps >= 2
        if token.pos_ in ("VERB", "AUX"):
            return False
    return False


def _names_document(sent) -> bool:
    """Does the sentence name a text or an utterance with words of its own (a memo, a bill, an ad, a claim, a call)?"""
    nouns = _text_nouns()
    return any(t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in nouns for t in sent)


@functools.lru_cache(maxsize=1)
def _text_nouns() -> frozenset[str]:
    return DOCUMENT_NOUNS | reporting_lemmas("noun")


def find(article: Article) -> list[dict]:
    """Scare quotes: quoted fragments that no reporting verb or noun gives to a speaker.

    >>> from newsprism.text.nlp import parse
    >>> from newsprism.framing.kinds.common import Attributions
    >>> [r["text"] for r in find(Article.build(parse('Troops massed for an "invasion".'), Attributions()))]
    ['"invasion"']
    """
    text = article.text
    rows = []
    for reading in quoted_readings(article):
        if reading.kind != NAME:
            continue
        frag = reading.fragment
        quoted = text[frag.start : frag.end]
        rows.append(row(NAME, quoted, frag.start, frag.end, reading.category, SCARE_EXPLANATION.format(w=quoted),
                        "scare_quotes rule", article.where))
    return rows


KIND = MarkerKind(NAME, find)
