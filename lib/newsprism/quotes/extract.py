"""Quotes and reported speech: who speaks, in whose words, introduced by which verb.

One row per attribution (a speaker, a reporting cue and what was reported):

=================  ==================================================================
column             meaning
=================  ==================================================================
kind               direct (the speaker's words in quotation marks), mixed (a reported
                   clause holding a quoted fragment) or indirect (no quotation marks)
content            the reported words; the parts of a split quotation are joined by " … "
content_start/end  character offsets of the content in the text (a split quotation spans
                   from the first part's start to the last part's end)
cue                the reporting verb or phrase as written ("claimed", "according to"),
                   or the colon or dash of 'Blinken: "..."' / '"..." ― Name'
cue_lemma          the cue's lexicon key ("claim", "point out", "according to"); for a
                   verb outside the lexicon its lemma ("joke")
cue_start/end      offsets of the cue
speaker_mention    how the text names the speaker here ("he", "the source", "Kremlin aide
                   Yury Ushakov")
speaker_start/end  offsets of that mention
speaker            the actor the mention refers to ("Antony Blinken"); for an unnamed
                   source the mention lower-cased without its article ("german source")
anonymous          True for unnamed sources ("a senior official", "sources",
                   "a Reuters witness": the agency is named, the witness is not)
stance             neutral | distancing | endorsing | emphatic, from
                   ``data/reporting_verbs.csv``; <NA> when the cue is not listed
sentence           index of the sentence holding the cue (or the content) in the doc
resolved           True when ``speaker`` says who speaks (an actor, or an unnamed source as
                   described); False when there is no speaker mention, or when the mention
                   ("he", "they") could not be tied to one antecedent that agrees with it
                   in gender, number and kind (person or organisation): ``speaker`` is
                   then the mention lower-cased with " (unresolved)" ("he (unresolved)"),
                   never a guess, and it must not be counted as a named person
=================  ==================================================================

What is not a statement gets no row (``attribution.not_a_statement``): a question
put to someone ("asked whether she believed ...": neither the asker nor the one
asked stated it; a quoted question, '"Why now?" she asked', is the asker's words and
stays), a refusal or a negated cue ("declined to comment", "refused to say", "did
not respond to queries", "haven't said whether ..."), an answer to requests with no
content ("answering questions"), a name ("known as HFCs") and a verb that only
continues another ("continued to call ...": the second verb is the cue). A row
always means that its speaker said or wrote its content.

Offsets are nullable ``Int64``. The extractor never raises on odd text: a
sentence it cannot make sense of yields no row rather than an exception.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import logging
import re
from dataclasses import dataclass

import pandas as pd
from spacy.tokens import Doc, Span, Token

from newsprism.quotes.attribution import (
    COMPLEMENTIZERS,
    INTENTION_CUES,
    NAMING_CUES,
    OBJECT_CUES,
    PREP_OBJECT_CUES,
    XCOMP_CUES,
    Cue,
    cue_lemma,
    find_cues,
    not_a_statement,
    noun_phrase,
    speaker_of_verb,
    reporting_verbs,
    stance_of,
)
from newsprism.entities.extract import entities_from_doc
from newsprism.text.datafiles import read_data_csv
from newsprism.text.nlp import doc_text
from newsprism.quotes.speakers import resolve_speakers
from newsprism.text.quote_spans import AMBIGUOUS, CLOSING, OPENING, LineIndex, QuotedSpan, RangeIndex, doubled_apostrophes_as_marks, scan_quotes

__all__ = ["extract_quotes", "quotes_from_doc", "quotes_table", "reporting_verbs", "stance_of", "QUOTE_COLUMNS"]

log = logging.getLogger(__name__)

QUOTE_COLUMNS = [
    "kind", "content", "content_start", "content_end", "cue", "cue_lemma", "cue_start", "cue_end",
    "speaker_mention", "speaker_start", "speaker_end", "speaker", "anonymous", "stance", "sentence", "resolved",
]
_OFFSETS = ["content_start", "content_end", "cue_start", "cue_end", "speaker_start", "speaker_end", "sentence"]

# A quotation shorter than this many words is a scare quote or a title unless a cue
# claims it ("the "imminent" threat"): it is not a speaker's quotation by itself.
MIN_QUOTE_WORDS = 4
# How many words may stand between a quotation and its cue besides the speaker:
# '"...," Blinken said on Saturday' / 'Blinken told reporters on Saturday: "..."'.
MAX_GAP_WORDS_COMMA = 3
MAX_GAP_WORDS_COLON = 10
_SPLIT = " … "
# how each kind of cue is looked up in the lexicon (a ":" label has no stance)
_LEXICON_POS = {"verb": "verb", "predicate": "verb", "phrase": "phrase", "noun": "noun"}
_WORD = re.compile(r"[A-Za-z0-9]")


@dataclass
class _Attribution:
    kind: str
    parts: list[tuple[int, int]]  # content character ranges
    cue: Cue | None
    sentence: int
    speaker: Span | None = None
    resolved: str | None = None
    anonymous: bool = False
    unresolved: bool = False  # the mention could not be tied to one antecedent
    sentence_end: int = 0  # character where the cue's sentence ends

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]

    def block_end(self) -> int:
        ends = [self.end]
        if self.cue:
            ends.append(self.cue.end)
        if self.speaker is not None:
            ends.append(self.speaker.end_char)
        return max(ends)


class _Quoted:
    """The quotation spans of one text, indexed once for the questions every cue and sentence asks.

    Each sentence, cue and attribution used to walk the whole list of quotations
    (and ``list.index`` to name one), which made an article with thousands of
    quotation marks cost quotations * sentences. :func:`scan_quotes` returns spans in
    order and without overlap, so their starts and ends are both sorted and a
    binary search finds the few that matter.
    """

    def __init__(self, spans: list[QuotedSpan], text: str):
        self.spans = spans
        self.words = [q.words(text) for q in spans]
        self.starts = [q.start for q in spans]
        self.ends = [q.end for q in spans]
        self.inner_starts = [q.inner_start for q in spans]
        # the furthest end so far: sorted even if spans were ever to overlap
        self._reach = list(itertools.accumulate(self.ends, max))
        self.position = {}
        for i, q in enumerate(spans):
            self.position.setdefault(q, i)  # what list.index gave: the first equal span
        self.inner = RangeIndex((q.inner_start, q.inner_end) for q in spans)
        self.inner_to_end = RangeIndex((q.inner_start, q.end) for q in spans)
        self.lines = LineIndex(text)

    def near(self, start: int, end: int) -> range:
        """Indices of the spans that end at or after ``start`` and start at or before ``end``."""
        return range(bisect.bisect_left(self._reach, start), bisect.bisect_right(self.starts, end))

    def inner_within(self, start: int, end: int) -> list[int]:
        """Indices of the spans whose inner text lies within ``start:end``, in order."""
        found = []
        for i in range(bisect.bisect_left(self.inner_starts, start), len(self.spans)):
            q = self.spans[i]
            if q.inner_start > end:
                break  # later spans start later still
            if q.inner_end <= end:
                found.append(i)
        return found


def extract_quotes(text: str, model: str | None = None) -> pd.DataFrame:
    """Quotes and reported speech in ``text``, one row per attribution (columns in the module doc).

    >>> quotes = extract_quotes('"The road remains open," Blinken said. Moscow denied that it was a threat.')
    >>> quotes[["kind", "content", "cue", "speaker_mention"]].values.tolist()
    [['direct', 'The road remains open', 'said', 'Blinken'], ['indirect', 'it was a threat', 'denied', 'Moscow']]
    """
    from newsprism.text.nlp import parse

    # offsets stay those of ``text``: the marks are made in place, padded to the same length
    return quotes_from_doc(parse(doubled_apostrophes_as_marks(text, keep_length=True), model))


def quotes_from_doc(doc: Doc, entities: pd.DataFrame | None = None) -> pd.DataFrame:
    """Quotes and reported speech in a parsed ``doc`` (columns in the module doc).

    ``entities`` is the entities table of the same text (``newsprism.entities.extract.
    entities_from_doc``); speakers are resolved to its actors. When it is None it is
    computed here. A speaker the entities table does not cover (no entity with an
    actor at the head of the mention) is named from the parse: pronouns go to the
    last speaker, surnames to the full name written earlier.

    >>> from newsprism.text.nlp import parse
    >>> doc = parse("A German source said Berlin expected nothing. The source said talks would go on.")
    >>> quotes_from_doc(doc)[["speaker", "anonymous"]].values.tolist()
    [['german source', True], ['german source', True]]
    """
    return _to_frame(_quote_rows(doc, entities))


def _quote_rows(doc: Doc, entities: pd.DataFrame | None) -> list[dict]:
    """The rows of :func:`quotes_from_doc`, before they become a table."""
    text = doc_text(doc)
    try:
        quoted = scan_quotes(text)
    except Exception:  # pragma: no cover - scan_quotes is written not to raise
        log.exception("quotation-mark scan failed; continuing without quotation spans")
        quoted = []
    quoted = _Quoted(quoted, text)
    found: list[_Attribution] = []
    claimed: set[int] = set()  # quotations already given to a cue
    sents = list(doc.sents)  # iterating doc.sents rebuilds the spans each time
    for index, sent in enumerate(sents):
        try:
            found.extend(_attributions_in_sentence(sent, index, quoted, text, claimed))
        except Exception as exc:  # one odd sentence must not lose the article
            log.warning("skipped sentence %d (%r): %s: %s", index, sent.text[:60], type(exc).__name__, exc)
    try:
        found.extend(_paragraph_labels(doc, sents, quoted))
    except Exception as exc:
        log.warning("name-and-colon paragraphs skipped: %s: %s", type(exc).__name__, exc)
    found = _deduplicate(found)
    sentence_ends = [sent.end_char for sent in sents]
    for a in found:
        a.sentence_end = sentence_ends[a.sentence] if 0 <= a.sentence < len(sentence_ends) else a.end
    try:
        _continue_quotations(found, quoted, text)
    except Exception as exc:  # the attributions found so far are still good
        log.warning("continued quotations skipped: %s: %s", type(exc).__name__, exc)
    found.sort(key=lambda a: (a.start, a.end))
    if entities is None:
        entities = entities_from_doc(doc)  # an error here is a bug in entities: let it surface
    try:
        resolve_speakers(found, doc, entities, sents, quoted)
    except Exception as exc:  # keep the mentions as written rather than lose the rows
        log.warning("speaker resolution failed (%s: %s); speakers left as written", type(exc).__name__, exc)
        for a in found:
            a.resolved = a.resolved or (a.speaker.text if a.speaker is not None else None)
    return _rows(found, text)


def quotes_table(articles: pd.DataFrame, docs: list[Doc], entities: pd.DataFrame | None = None) -> pd.DataFrame:
    """The quotes table of a run: :func:`quotes_from_doc` for each article, keyed by ``article_id``.

    ``docs`` are the parsed bodies in the order of ``articles`` (``newsprism.text.nlp.
    load_cached(articles.body, ...)``); ``entities`` is the run's entities table
    (with ``article_id``), or None to compute entities per article.

    >>> import pandas as pd
    >>> from newsprism.text.nlp import parse
    >>> arts = pd.DataFrame({"article_id": ["a1"], "body": ["Blinken said the path remains open."]})
    >>> quotes_table(arts, [parse(arts.body[0])])[["article_id", "speaker_mention"]].values.tolist()
    [['a1', 'Blinken']]

    Articles without any attribution give an empty table with the same columns and types:

    >>> quotes_table(arts.iloc[:0], []).dtypes["content_start"]
    Int64Dtype()
    """
    if len(docs) != len(articles):
        raise ValueError(f"quotes_table: {len(articles)} articles but {len(docs)} parsed docs; parse every body once")
    # Each article's entities, split once: filtering the whole table per article costs more.
    own_of, none_own = None, None
    if entities is not None and "article_id" in entities:
        own_of, none_own = dict(tuple(entities.groupby("article_id", sort=False))), entities.iloc[:0]
    # Plain rows for the whole run and one table at the end: a typed table per article costs more than its rows.
    rows, ids = [], []
    for article_id, doc in zip(articles["article_id"], docs):
        own = None if own_of is None else own_of.get(article_id, none_own)
        try:
            found = _quote_rows(doc, own)
        except Exception as exc:
            raise RuntimeError(f"quote extraction failed on article {article_id}: {type(exc).__name__}: {exc}") from exc
        rows += found
        ids += [article_id] * len(found)
    frame = _to_frame(rows)
    frame.insert(0, "article_id", pd.Series(ids, dtype=object))
    return frame


# ---------------------------------------------------------------- sentence level


def _attributions_in_sentence(sent: Span, index: int, quoted: _Quoted, text: str,
                              claimed: set[int]) -> list[_Attribution]:
    found = []
    # only the quotations touching the sentence (every test below is within these)
    near = quoted.near(sent.start_char, sent.end_char + 1)
    inside_quotes = RangeIndex((quoted.spans[i].inner_start, quoted.spans[i].inner_end) for i in near
                               if quoted.spans[i].closed and quoted.words[i] >= MIN_QUOTE_WORDS
                               and quoted.spans[i].start < sent.end_char and quoted.spans[i].end > sent.start_char)
    for cue in find_cues(sent):
        if inside_quotes.holds(cue.head.idx):
            continue  # a verb inside someone's quotation is part of what they said
        if not_a_statement(cue):
            continue  # "declined to comment", "asked whether ...": no statement to report
        attribution = _attribute(cue, sent, index, quoted, text, claimed)
        if attribution is not None and attribution.parts and attribution.end > attribution.start:
            found.append(attribution)
    # A long quotation next to "NP verb" whose verb is not in the lexicon
    # ('"...," Trump joked'): the verb is the cue all the same.
    verbs = None  # the sentence's verbs, listed on first need
    for q_index in near:
        q = quoted.spans[q_index]
        if q_index in claimed or quoted.words[q_index] < MIN_QUOTE_WORDS:
            continue
        if not (sent.start_char <= q.end <= sent.end_char + 1 or sent.start_char <= q.start < sent.end_char):
            continue
        if any(a.start <= q.inner_start < a.end for a in found):
            continue
        verbs = _Verbs(sent) if verbs is None else verbs
        cue = _generic_cue_after(q, text, verbs) or _label_cue(q, sent, text, quoted.lines)
        if cue is not None and not not_a_statement(cue):
            attribution = _attribute(cue, sent, index, quoted, text, claimed)
            if attribution is not None:
                found.append(attribution)
    # Quoted words inside a predicate: 'Clinton called his supporters "deplorables"',
    # 'Trump tweeted that Machado was "disgusting"': the verb's subject used those words.
    for q_index in near:
        q = quoted.spans[q_index]
        if q_index in claimed or quoted.words[q_index] < 1 or not (sent.start_char <= q.inner_start < sent.end_char):
            continue
        if any(a.start <= q.inner_start < a.end for a in found):
            continue
        cue = _predicate_cue(q, sent)
        if cue is not None and not not_a_statement(cue):
            attribution = _attribute(cue, sent, index, quoted, text, claimed)
            if attribution is not None:
                found.append(attribution)
    return found


# "PENCE: Well, look, ..." (a transcript) or "Pence: Flowers Won't Be at Debate" (a
# headline): a short capitalised name, a colon, and the rest of the paragraph.
_PARAGRAPH_LABEL = re.compile(
    r"^[ \t" + re.escape(OPENING + AMBIGUOUS) + r"]{0,3}((?:[A-Z][\w.'’-]*)(?: [A-Z][\w.'’-]*){0,3}):[ \t]+(\S[^\n]*)$",
    re.MULTILINE)
# Words that open a line with a colon but name no speaker.
_NOT_SPEAKERS = frozenset(
    """update updated note editor editor's photo photos video watch read related see source
    sources breaking correction image images credit advertisement listen subscribe tags
    topics category share warning""".split())


def _paragraph_labels(doc: Doc, sents: list[Span], quoted: _Quoted) -> list[_Attribution]:
    """Paragraphs opened by 'Name:' — transcripts and headline attributions."""
    text = doc_text(doc)
    sent_starts = [sent.start_char for sent in sents]
    found = []
    for m in _PARAGRAPH_LABEL.finditer(text):
        name_text = m.group(1)
        if name_text.split()[0].lower() in _NOT_SPEAKERS or _gap_words(m.group(2)) < 4:
            continue
        name = doc.char_span(m.start(1), m.end(1), alignment_mode="contract")
        colon = m.end(1)
        start, end = _strip_range(text, m.start(2), m.end(2))
        while end > start and text[end - 1] in CLOSING + AMBIGUOUS:
            end -= 1
        while start < end and text[start] in OPENING + AMBIGUOUS:
            start += 1
        if name is None or end <= start or any(t.pos_ in ("VERB", "AUX") and t.is_lower for t in name):
            continue
        # the speaker's own words: a transcript (capitals) or a quoted paragraph
        inside = name_text.isupper() or quoted.inner_to_end.covers(start, end)
        cue = Cue([doc.char_span(colon, colon + 1, alignment_mode="expand")[0]], ":", "label",
                  doc.char_span(colon, colon + 1, alignment_mode="expand")[0], name, span=(colon, colon + 1))
        found.append(_Attribution("direct" if inside else "indirect", [(start, end)], cue,
                                  _sentence_of(sents, sent_starts, colon), name))
    return found


def _sentence_of(sents: list[Span], starts: list[int], char: int) -> int:
    """Index of the sentence holding ``char`` (-1 between sentences); ``starts`` are the sentences' start_char."""
    i = bisect.bisect_right(starts, char) - 1
    return i if i >= 0 and char < sents[i].end_char else -1


def _label_cue(q: QuotedSpan, sent: Span, text: str, lines: LineIndex) -> Cue | None:
    """'Blinken: "The road remains open."', 'Sonya Herridge ― "..."' or '"..." ― Sonya Herridge'.

    A name, a colon or dash, and a quotation (or the quotation first, then a dash and
    the name, as in a collection of readers' voices).
    """
    return _label_before(q, sent, text, lines) or _label_after(q, sent, text, lines)


_LABEL_AFTER = re.compile(r"\s*([\u2015\u2014\u2013-])\s*(\S.{0,80}?)[.\s]*$")
# How far back from a 'Name:' colon the sentence start is looked for at first: a
# name has at most 8 words, so a stretch this long without a full stop and with
# more words than that rules a name out without reading the rest of the line.
_NAME_WINDOW = 400


def _label_after(q: QuotedSpan, sent: Span, text: str, lines: LineIndex) -> Cue | None:
    # matched in place up to the line's end (a slice of the rest of the line per
    # quotation made a one-line page quadratic)
    m = _LABEL_AFTER.match(text, q.end, lines.end(q.end))
    if not m or _gap_words(m.group(2)) > 8:
        return None
    doc = sent.doc
    mark = m.start(1)
    name = doc.char_span(m.start(2), m.end(2), alignment_mode="expand")
    cue = doc.char_span(mark, mark + 1, alignment_mode="expand")
    if name is None or cue is None or any(t.pos_ in ("VERB", "AUX") and t.is_lower for t in name):
        return None
    return Cue([cue[0]], text[mark], "label", cue[0], name, quote=q, span=(mark, mark + 1))


def _label_before(q: QuotedSpan, sent: Span, text: str, lines: LineIndex) -> Cue | None:
    line_start = lines.start(q.start)
    mark = q.start - 1  # the last character before the quotation that is not a space
    while mark >= line_start and text[mark].isspace():
        mark -= 1
    if mark < line_start or text[mark] not in ":\u2015\u2014\u2013-":
        return None
    name_start = _name_start(text, line_start, mark)
    if name_start is None:
        return None
    doc = sent.doc
    name = doc.char_span(name_start, mark, alignment_mode="expand")
    cue = doc.char_span(mark, mark + 1, alignment_mode="expand")
    if name is None or cue is None or not (1 <= _gap_words(name.text) <= 8):
        return None
    # a name, not a clause: no lower-case verb ("He said:" is a verb cue's business);
    # the tagger often calls a lone capitalised name a verb, so capitals decide
    if any(t.pos_ in ("VERB", "AUX") and t.is_lower for t in name) or not name[0].is_title:
        return None
    return Cue([cue[0]], text[mark], "label", cue[0], name, quote=q, span=(mark, mark + 1))


def _name_start(text: str, line_start: int, mark: int) -> int | None:
    """Where the name before a label mark starts: after the sentence's last . ! or ?, or at the line start.

    None when the stretch before the mark is too long to be a name (more than 8
    words without a full stop), found without reading back to the line's start.
    """
    window = max(line_start, mark - _NAME_WINDOW)
    stop = max(text.rfind(p, window, mark) for p in ".!?")
    if stop < 0 and window > line_start:
        if _gap_words(text[window:mark]) > 8:
            return None  # the name would hold all these words and more
        stop = max(text.rfind(p, line_start, mark) for p in ".!?")
    return stop + 1 if stop >= 0 else line_start


def _predicate_cue(q: QuotedSpan, sent: Span) -> Cue | None:
    """The nearest verb outside quotation ``q`` that governs it, when its subject precedes the quotation."""
    doc = sent.doc
    inner = doc.char_span(q.inner_start, q.inner_end, alignment_mode="expand")
    if inner is None or len(inner) == 0:
        return None
    words = [t for t in inner if not (t.is_punct or t.is_space)]
    if not words:
        return None
    ancestors = [a for a in words[0].ancestors if not (q.start <= a.idx < q.end)]
    # a reporting verb higher up wins: 'Ryan said ... Americans engage in "more listening"'
    reporting = [a for a in ancestors if cue_lemma(a) and speaker_of_verb(a) is not None]
    if reporting:
        return Cue([reporting[-1]], cue_lemma(reporting[-1]), "predicate", reporting[-1], speaker_of_verb(reporting[-1]))
    for ancestor in ancestors:
        if ancestor.pos_ not in ("VERB", "AUX") or not ancestor.is_alpha:
            continue
        speaker = speaker_of_verb(ancestor)
        if speaker is None or speaker.end_char > q.start or speaker.root.pos_ not in ("PROPN", "NOUN", "PRON"):
            return None
        if speaker.root.lower_ in ("it", "this", "that", "there"):
            return None
        if ancestor.lemma_.lower() not in NAMING_CUES:
            return None  # 'They bought "vintage" bicycles': quoted words under any verb are not the subject's words
        return Cue([ancestor], ancestor.lemma_.lower(), "predicate", ancestor, speaker)
    return None


class _Verbs:
    """The verbs of a sentence (alphabetic, tagged VERB) and their character offsets, in order."""

    def __init__(self, sent: Span):
        self.tokens = [t for t in sent if t.pos_ == "VERB" and t.is_alpha]
        self.starts = [t.idx for t in self.tokens]

    def first_from(self, char: int) -> Token | None:
        """The first verb starting at or after ``char``."""
        k = bisect.bisect_left(self.starts, char)
        return self.tokens[k] if k < len(self.tokens) else None


def _generic_cue_after(q: QuotedSpan, text: str, verbs: _Verbs) -> Cue | None:
    """'"...," NP VERB' or '"...," VERB NP' right after a quotation, with any verb."""
    token = verbs.first_from(q.end)  # looked up, not scanned for: one sentence may hold many quotations
    if token is None:
        return None
    speaker = _subject(token)
    if speaker is None:
        return None
    block_start = min(speaker.start_char, token.idx)
    if _gap_words(text[q.end:block_start]) == 0 and text[q.end:block_start].strip() in ("", ",", ",\u2019", "—"):
        return Cue([token], token.lemma_.lower(), "verb", token, speaker)
    return None


def _subject(verb: Token) -> Span | None:
    for child in verb.children:
        if child.dep_ == "nsubj":
            return noun_phrase(child)
    return None


def _gap_words(gap: str) -> int:
    return sum(1 for w in gap.split() if _WORD.search(w))


def _attribute(cue: Cue, sent: Span, index: int, quoted: _Quoted, text: str,
               claimed: set[int]) -> _Attribution | None:
    """Delimit the content of one cue: an adjacent quotation first, then the parse."""
    speaker = cue.speaker
    cue_start, cue_end = cue.start, cue.end
    if speaker is None and cue.kind == "verb" and cue.head.tag_ == "VB":
        return None  # "too early to tell whether ...": an infinitive reports nobody's words
    if cue.lemma in _CITING and cue.kind == "verb" and _cites_a_source(cue.head):
        return None  # "..., citing Reuters": the outlet naming its source, not the speaker's words
    # the reporting clause "Blinken said" as one block; a subject borrowed from another
    # verb ("Blinken claimed, saying ...") is not part of this cue's block
    own_speaker = speaker is not None and (
        speaker.root.head == cue.head  # or written right next to the cue, however the parser hung it
        or (speaker.end_char <= cue_start and not text[speaker.end_char:cue_start].strip(" ,"))
        or (cue_end <= speaker.start_char and not text[cue_end:speaker.start_char].strip(" ,")))
    block_start = min(cue_start, speaker.start_char) if own_speaker else cue_start
    block_end = max(cue_end, speaker.end_char) if own_speaker else cue_end

    if cue.kind == "verb":
        # 'X said North Korea had "..."': a verb with its reported clause on the right
        # does not take the quotation that ended the previous sentence
        clause_right = any(c.dep_ == "ccomp" and c.i > cue.head.i for c in cue.head.children)
        before = _quote_before(quoted, block_start, text, sent)
        if clause_right and before is not None and not _hands_over(before, text, sent):
            before = None
        after = _quote_after(quoted, block_end, text, sent, split=before is not None, verb=cue.head)
        picked = [q for q in (before, after) if q is not None and quoted.position[q] not in claimed]
        if picked:
            # A lone quotation after "said" that is only part of the reported clause
            # ('said that Russia had outlined "our considerations..."') is handled
            # by the clause below as a mixed quote.
            if picked == [after] and _clause_contains(cue.head, after) == "fragment":
                picked = []
        if picked:
            for q in picked:
                claimed.add(quoted.position[q])
            parts = [_quote_words(q, text) for q in picked]
            if picked == [after]:
                opening = _sentence_opening(sent, block_start, after, text, quoted)
                if opening is not None:
                    return _with_kind([opening] + parts, cue, index, quoted, text, speaker, claimed)
            return _Attribution("direct", parts, cue, index, speaker)
        colon = _colon_block(block_end, text, quoted)
        if colon is not None and speaker is not None:
            return _with_kind(colon, cue, index, quoted, text, speaker, claimed)
        clause = _complement_clause(cue.head)
        if clause is not None:
            return _clause_attribution(clause, cue, index, quoted, text, speaker, claimed)
        if cue.lemma == "put it":
            # "As the mayor put it, the bridge is safe" / "She put it bluntly: the bridge is safe":
            # the words are the rest of the sentence, after the colon when there is one
            colon = [t for t in sent if t.i > cue.head.i and t.text == ":"]
            own = {t.i for t in cue.head.subtree}
            rest = [t for t in sent if t.i > colon[0].i] if colon else [t for t in sent if t.i not in own]
            return _with_kind(_trim_tokens(rest), cue, index, quoted, text, speaker, claimed) if rest else None
        if speaker is not None and _as_parenthetical(cue.head, sent):
            # "As the engineer noted, the bridge is old" / "The pier, as the mayor said, is closed":
            # the words are the rest of the sentence, on either side of the reporting clause
            own = {t.i for t in cue.head.subtree}
            rest = [t for t in sent if t.i not in own]
            if sum(1 for t in rest if t.is_alpha) >= 3 and any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in rest):
                left, right = cue.head.left_edge.i, cue.head.right_edge.i
                parts = [_trim_tokens(side) for side in ([t for t in rest if t.i < left], [t for t in rest if t.i > right])]
                return _with_kind([p for p in parts if p[1] > p[0]], cue, index, quoted, text, speaker, claimed)
        tail = _content_before_parenthetical(cue, sent, block_start, block_end, text, quoted)
        if tail is not None:
            return _with_kind(tail, cue, index, quoted, text, speaker, claimed)
        if cue.lemma in XCOMP_CUES or cue.lemma in INTENTION_CUES:
            tokens = _xcomp_content(cue.head)
            if tokens:
                return _with_kind(_trim_tokens(tokens), cue, index, quoted, text, speaker, claimed)
        tokens = _object_content(cue)
        if tokens:
            return _with_kind(_trim_tokens(tokens), cue, index, quoted, text, speaker, claimed)
        return None
    if cue.kind == "label":
        q = cue.quote
        claimed.add(quoted.position[q])
        return _Attribution("direct", [_quote_words(q, text)], cue, index, speaker)
    if cue.kind == "predicate":
        verb = cue.head
        tokens = [t for t in sent.doc[verb.i + 1 : verb.right_edge.i + 1]]
        return _with_kind(_trim_tokens(tokens), cue, index, quoted, text, speaker, claimed)
    if cue.kind == "phrase":  # according to X: the rest of the clause is the content
        pp_tokens = set(t.i for t in cue.head.subtree) | {t.i for t in cue.tokens}
        if speaker is not None:
            pp_tokens |= set(range(speaker.start, speaker.end))
        rest = [t for t in sent if t.i not in pp_tokens]
        if cue.head.dep_ == "ROOT" and speaker is not None:
            # the parser, lost in the clause ("the plan reeks of ..." read as a noun phrase),
            # made "According" the root of the sentence: the clause is what follows the
            # comma after the source
            comma = next((t.i for t in sent if t.i >= speaker.end and t.text == ","), None)
            rest = [t for t in sent if comma is not None and t.i > comma]
            if sum(1 for t in rest if t.is_alpha) < 3:
                rest = []  # "According to the network, basically.": no clause to report
        start, end = _trim_tokens(rest)
        # 'According to Lee, "A. B."': a quotation that opens the content runs to its closing
        # mark, past the sentence the parser ended inside it
        k = bisect.bisect_left(quoted.starts, start - 1)
        if end > start and k < len(quoted.spans) and quoted.spans[k].start <= start \
                and quoted.spans[k].closed and quoted.spans[k].inner_end > end:
            end = _quote_words(quoted.spans[k], text)[1]
        return _with_kind((start, end), cue, index, quoted, text, speaker, claimed)
    if cue.kind == "adjective":  # "are afraid that ...": the clause the adjective takes
        clauses = [c for c in cue.head.children if c.dep_ == "ccomp" and c.i > cue.head.i]
        if clauses:
            return _clause_attribution(clauses[0], cue, index, quoted, text, speaker, claimed)
        return None
    if cue.kind == "noun":
        clauses = [c for c in cue.head.children if c.dep_ in ("acl", "ccomp", "relcl")]
        # "their hope to deflect attacks by arguing that ...": the clause the noun was found
        # by (opened by "that") is the content, not an infinitive before it
        clauses = sorted(clauses, key=lambda c: not any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children))
        if clauses:
            return _clause_attribution(clauses[0], cue, index, quoted, text, speaker, claimed)
    return None


# "added: It is ..." on the same line, or "added:" closing its paragraph before a block quotation
_COLON_AFTER_CUE = re.compile(r"[ \t]*:(?:[ \t]+|[ \t]*\n\s*)(?=\S)")


def _colon_block(block_end: int, text: str, quoted: _Quoted) -> tuple[int, int] | None:
    """'The governor added: It is typical. It knows nothing.': after a colon, the rest of the paragraph.

    A transcript or a statement set out after "said:" without quotation marks runs
    over several sentences, all the speaker's; when the colon ends its paragraph, the
    next paragraph is the statement (a block quotation). None when no colon follows the
    reporting clause, or when a quotation mark stands in the rest of the paragraph
    (a quotation is delimited by its marks instead).
    """
    m = _COLON_AFTER_CUE.match(text, block_end)
    if m is None:
        return None
    start = m.end()
    stop = text.find("\n", start)
    stop = len(text) if stop < 0 else stop
    if quoted.near(start, stop):
        return None
    start, end = _strip_range(text, start, stop)
    return (start, end) if _gap_words(text[start:end]) >= MIN_QUOTE_WORDS else None


def _xcomp_content(verb: Token) -> list[Token]:
    """What "urged Moscow to de-escalate" reports: who was urged and to do what.

    The object before the infinitive and the infinitive's phrase, not what the
    speaker did next ("urged Congress to act but has said ..."). A second infinitive
    the parser hung on the cue ("promised to meet and exceed the goals") is kept: a
    conjunct without a subject and not in the cue's own tense continues the infinitive.
    """
    xcomps = [c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i]
    if not xcomps:
        return []
    xcomp = xcomps[0]
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative") and verb.i < c.i < xcomp.i]
    first = objects[0].left_edge.i if objects else xcomp.left_edge.i
    last = xcomp.right_edge.i
    for child in verb.children:
        if child.i <= last:
            continue
        if child.dep_ in ("punct", "cc"):
            break  # "…, and has said …": what the speaker did next
        if child.dep_ == "conj" and (child.tag_ == verb.tag_ or not child.tag_.startswith("VB")
                                     or any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)):
            break
        if child.dep_ not in ("advcl", "parataxis"):
            # the rest of the verb phrase: the parser may hang the pieces of "de-escalate" on the cue
            last = child.right_edge.i
    return list(verb.doc[first : last + 1])


# the right-hand dependents of an object cue that belong to what was said
_OBJECT_DEPS = ("dobj", "dative", "oprd", "attr", "acomp")
_OBJECT_PREPS = ("for", "as", "of", "over", "to")
_CITING = ("cite", "quote", "invoke")
# What an outlet cites when it names its source: "citing Reuters", "citing sources", "citing a report"
_SOURCE_NOUNS = frozenset(
    """source official report document person people witness statement agency radio television tv
    newspaper paper media outlet news website site channel network wire press publication broadcaster
    broadcast account""".split())


# Verbs under which an infinitive cue did take place: "continued to call for", "went on to praise".
_GOING_ON = frozenset("continue begin start keep resume go use".split())


def _cites_a_source(verb: Token) -> bool:
    """True for "..., citing Reuters" / "citing officials": a participle without a subject that names a source.

    "The board blocked the sale, citing a threat to public health" cites a reason: the
    board's words. "..., citing Reuters" is the outlet naming where it read the news.
    """
    if any(c.dep_ == "nsubj" for c in verb.children):
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects:
        return True
    obj = objects[0]
    return (obj.pos_ == "PROPN" or obj.ent_type_ in ("ORG", "PERSON", "NORP", "GPE")
            or obj.lemma_.lower() in _SOURCE_NOUNS)


def _object_content(cue: Cue) -> list[Token]:
    """What an object-taking cue reports: "praised the mayor for her leadership", "called for a ban".

    The object and the phrases that say what it was praised, blamed or called
    ("as reckless", "for the delays"); for a cue of ``PREP_OBJECT_CUES`` with no
    object, the object of its preposition ("called for a ban" -> "a ban").
    """
    head = cue.head
    if cue.speaker is None or head.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in head.children):
        return []
    if cue.lemma in _CITING and _cites_a_source(head):
        return []  # "..., citing Reuters": the outlet names its source; the speaker cited nothing
    if head.tag_ == "VB" and head.dep_ in ("xcomp", "pcomp", "acl") and head.head.lemma_.lower() not in _GOING_ON:
        return []  # "urged staff to report abuses", "plans to disclose": nothing reported yet
    right = [c for c in head.children if c.i > head.i]
    objects = [c for c in right if c.dep_ == "dobj"]
    if objects and cue.lemma in _EVIDENCE_CUES and cue.speaker.root.lemma_.lower() in _evidence_nouns():
        # "Polls show a close race", "The audit found errors": what the evidence shows, with
        # what it shows of it ("showed him with his hands up", "found the rule unconstitutional")
        tokens = []
        for child in right:
            if child.dep_ in _OBJECT_DEPS or child.dep_ in ("xcomp", "ccomp", "advcl") and child.i == child.doc[objects[0].right_edge.i + 1].i:
                tokens.extend(_without_aside(child))
            elif child.dep_ == "prep" and child.i == objects[0].right_edge.i + 1 and child.lower_ in ("with", "in", "at"):
                tokens.extend(_without_aside(child))
        return tokens
    if not objects and cue.lemma in OBJECT_CUES:
        # a gerund as the object, which the parser hangs as xcomp: "proposed raising the
        # levy", "mentioned refinancing loans and forcing banks to lend"
        gerunds = [c for c in right if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i == head.i + 1]
        if gerunds:
            return _without_aside(gerunds[0])
    if objects and cue.lemma == "call" and _phoned_or_convened(head, objects[0]):
        return []  # "called the mayor on Friday", "called a meeting": phoned or convened, said nothing
    if objects and cue.lemma in OBJECT_CUES:
        tokens = []
        for child in right:
            if child.dep_ in _OBJECT_DEPS or (child.dep_ == "prep" and child.lower_ in _OBJECT_PREPS) \
                    or (child.dep_ == "xcomp" and cue.lemma in XCOMP_CUES):
                tokens.extend(_without_aside(child))
        return tokens + _object_continued(head, objects[0], tokens)
    preps = PREP_OBJECT_CUES.get(cue.lemma, ())
    for child in right:
        if child.dep_ == "prep" and child.lower_ in preps:
            objs = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
            if objs:
                tokens = _without_aside(objs[0])
                if cue.lemma in ("accuse", "blame", "criticize", "criticise", "praise", "attack", "blast", "slam"):
                    tokens = _without_aside(child)
                return tokens
            break
    if cue.lemma in PREP_OBJECT_CUES:
        # "accused her of lying", "blamed him for the delays": the object and what it is accused of
        for child in right:
            if child.dep_ == "dobj":
                tail = [c for c in right if c.dep_ == "prep" and c.lower_ in preps and c.i > child.i]
                if tail:
                    return list(child.subtree) + list(tail[0].subtree)
    return []


# Prepositions that set the scene or time of the saying rather than go on with its object:
# "blamed the mayor in a speech", "at a rally", "after the storm", "on Twitter".
_SETTING_PREPS = frozenset("in at during on via through throughout since before after until following while amid".split())


def _object_continued(verb: Token, obj: Token, tokens: list[Token]) -> list[Token]:
    """The rest of an object the parser hung on the verb: "described rude conduct by the boss
    behind the scenes", "mentioned cutting fees and forcing banks to lend".

    Right after the object (no comma between), a prepositional phrase of the verb goes on
    describing the object, unless it says when ("on Monday"); a conjunct with no subject of
    its own that is not a second verb in the cue's tense ("and forcing ...", ", and a need
    to ...") is a second object.
    """
    if not tokens:
        return []
    doc = verb.doc
    last = max(t.i for t in tokens)
    extra: list[Token] = []
    for child in verb.children:
        if child.i <= last or child.dep_ in ("cc", "punct"):
            continue
        between = doc[last + 1 : child.left_edge.i]
        if child.dep_ == "prep" and child.lower_ not in _SETTING_PREPS and not any(t.is_punct for t in between) \
                and not any(g.ent_type_ in ("DATE", "TIME") for g in child.children):
            pass
        elif child.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children) \
                and (child.tag_ == "VBG" or not child.tag_.startswith("VB")) \
                and all(t.dep_ in ("cc", "punct") for t in between):
            pass
        else:
            break
        subtree = _without_aside(child)
        extra.extend(subtree)
        last = max(t.i for t in subtree)
    return extra


# Verbs by which a poll, study or recording reports what it found.
_EVIDENCE_CUES = frozenset("show find indicate suggest reveal confirm".split())


@functools.cache
def _evidence_nouns() -> frozenset[str]:
    """Lemmas of the nouns that report through their findings (``data/evidence_nouns.csv``)."""
    return frozenset(read_data_csv("evidence_nouns")["noun"])


# What one calls without saying anything: a meeting one convenes ("called an emergency session").
_CONVENED = frozenset("meeting session summit conference election vote strike".split())


def _phoned_or_convened(verb: Token, obj: Token) -> bool:
    """True for "called Ms. Reed on Friday" (a telephone call) and "called a meeting" (convened it).

    "Call" reports words only with what the object was called ("called the plan a
    disaster", "called it unsafe", "called him a 'con artist'"); with a person or a
    meeting alone as its object, and no such complement anywhere in the clause, it
    reports no words.
    """
    if any(t.dep_ in ("oprd", "attr", "acomp", "ccomp") for t in verb.subtree if t is not verb):
        return False
    if any(c.dep_ == "prep" and c.lower_ in ("for", "as") or c.dep_ == "xcomp" for c in verb.children):
        return False
    if sum(1 for t in verb.subtree if t.is_quote):
        return False  # a quoted name the parser hung anywhere: 'called the law a "crazy system"'
    return obj.pos_ == "PROPN" or obj.ent_type_ == "PERSON" or obj.lower_ in ("him", "her", "them", "me", "us") \
        or obj.lemma_.lower() in _CONVENED


def _without_aside(head: Token) -> list[Token]:
    """The phrase headed by ``head`` without an aside set off by a comma.

    "praised the recipe, which uses a pinch of salt" and "endorsed Smith, the
    club's treasurer": the relative clause or apposition after the comma is the
    writer describing the object, not part of what the speaker praised or endorsed.
    """
    doc = head.doc
    subtree = list(head.subtree)
    end = subtree[-1].i
    for token in subtree:  # at any depth: "the wisdom of the choice, which ..."
        comma = token.left_edge.i - 1
        if token.i > head.i and token.dep_ in ("relcl", "appos", "acl") and comma > head.i and doc[comma].text == ",":
            end = comma - 1
            break
    return [t for t in subtree if t.i <= end]


def _quote_words(q: QuotedSpan, text: str) -> tuple[int, int]:
    """The words inside a quotation, without the comma that hands over to "he said"."""
    start, end = q.inner_start, q.inner_end
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return (start, end)


def _quote_before(quoted: _Quoted, block_start: int, text: str, sent: Span) -> QuotedSpan | None:
    """The quotation ending just before 'Blinken said' ('"...," Blinken said')."""
    # the last quotation ending by block_start (spans are in order, so their ends are sorted)
    k = bisect.bisect_right(quoted.ends, block_start) - 1
    if k < 0 or quoted.ends[k] < sent.start_char - 3:
        return None
    best = quoted.spans[k]
    if quoted.words[k] < 1:
        return None
    gap = text[best.end:block_start]
    if "\n" in gap or _gap_words(gap) > 0:
        return None
    inner = text[best.inner_start:best.inner_end].rstrip()
    # '"imminent enough" threat was ...' is a scare quote inside the clause, not a
    # quotation ending before the cue: a real one ends with , ? ! or . inside or just after
    if quoted.words[k] < MIN_QUOTE_WORDS and not (inner[-1:] in ",.?!" or gap.strip().startswith(",")):
        return None
    return best


def _sentence_opening(sent: Span, block_start: int, after: QuotedSpan, text: str,
                      quoted: _Quoted) -> tuple[int, int] | None:
    """The clause opening a sentence that a quotation after the cue completes, or None.

    'So when the bakery closed, Ms. Roe said, "we were stunned."': the quotation
    goes on in lower case, so it ends the sentence begun before the reporting clause,
    and both are what she said. The opening must be a clause (a finite verb) set off by
    a comma, outside quotation marks, in the cue's paragraph.
    """
    inner = text[after.inner_start:after.inner_end].lstrip()
    if not inner[:1].islower():
        return None
    start = max(sent.start_char, quoted.lines.start(block_start))
    before = text[start:block_start].rstrip()
    if not before.endswith(",") or _gap_words(before) < 3 or quoted.inner_to_end.overlaps(start, block_start):
        return None
    span = sent.doc.char_span(start, start + len(before) - 1, alignment_mode="contract")
    if span is None or not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in span):
        return None
    return _strip_range(text, start, start + len(before) - 1)


def _hands_over(q: QuotedSpan, text: str, sent: Span) -> bool:
    """A quotation opening this sentence whose last word hands over to the cue with a comma ('"A," he said').

    A quotation after other words ('Speaking on "This Week," Smith said ...') is a title
    or a fragment, not the first half of what was said. A quotation of several sentences
    opens before the cue's sentence does ('"A. B," he told X, after ...'): it hands over
    too. A comma inside the closing mark is the speaker's own hand-over, so even a short
    quotation counts ('"It's over," she said of the race'); a comma after the mark is
    also how a title ends, so then the quotation must be long.
    """
    inner = text[q.inner_start:q.inner_end].rstrip()
    opens = q.start < sent.start_char or _gap_words(text[sent.start_char:q.start]) == 0
    if not opens or _gap_words(inner) < 1:
        return False
    return inner.endswith(",") or (text[q.end:q.end + 1] == "," and _gap_words(inner) >= MIN_QUOTE_WORDS)


def _quote_after(quoted: _Quoted, block_end: int, text: str, sent: Span, split: bool = False,
                 verb: Token | None = None) -> QuotedSpan | None:
    """The quotation right after 'Blinken said:' or 'said Blinken, "..."'.

    Between the cue and the quotation may stand a few words, or the cue's own objects
    and adverbials ('told his cooking class on Monday, "..."').
    """
    # only the first quotation starting at or after block_end can be it
    k = bisect.bisect_left(quoted.starts, block_end)
    if k == len(quoted.spans):
        return None
    q = quoted.spans[k]
    if q.start > sent.end_char + 2:
        return None
    gap = text[block_end:q.start]
    words = _gap_words(gap)
    stripped = gap.strip()
    if re.search(r"\bthat\b", gap):
        return None
    if stripped.endswith(":") and words <= MAX_GAP_WORDS_COLON:
        return q  # 'The minister said:' may stand in its own paragraph
    # the reporting sentence ended: a later quotation is not its second half (the full
    # stop of an abbreviation or initials, "in Raleigh, N.C., ...", ends nothing)
    if "\n" in gap or re.search(r"[.!?]", _ABBREVIATIONS.sub("", stripped)):
        return None
    if words and _cue_between(sent, block_end, q.start):
        return None  # 'said, adding later, "B"': the quotation is the later verb's
    if split and words <= MAX_GAP_WORDS_COMMA:  # '"A," he said, but "B"'
        return q
    if split and stripped.endswith(",") and words <= MAX_GAP_WORDS_COLON:
        return q  # '"A," he said during a rally in Springfield, Ohio, "but B"'
    if (stripped.endswith(",") or stripped == "") and words <= MAX_GAP_WORDS_COMMA:
        if quoted.words[k] >= MIN_QUOTE_WORDS or stripped.endswith(","):
            return q
    if verb is not None and stripped.endswith(",") and words <= MAX_GAP_WORDS_COLON \
            and quoted.words[k] >= MIN_QUOTE_WORDS and _verbs_own(verb, sent, block_end, q.start):
        return q
    return None


def _verbs_own(verb: Token, sent: Span, start: int, end: int) -> bool:
    """True when the words between ``start`` and ``end`` are the verb's objects and adverbials, no clause."""
    span = sent.doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return False
    for t in span:
        if t.is_punct or t.is_space:
            continue
        node = t
        for _ in range(len(sent)):
            if node.i == verb.i:
                break
            if node.dep_ in ("ccomp", "xcomp", "advcl", "conj", "relcl", "acl", "parataxis") or node.head.i == node.i:
                return False
            node = node.head
        else:
            return False
    return True


# initials and abbreviations before a comma: "N.C.", "U.S.", "Wash.,"
_ABBREVIATIONS = re.compile(r"(?:\b[A-Z]\.)+|\b[A-Z][a-z]{0,4}\.(?=\s*,)")


def _cue_between(sent: Span, start: int, end: int) -> bool:
    """True when a reporting verb of the sentence stands between characters ``start`` and ``end``."""
    span = sent.doc.char_span(start, end, alignment_mode="contract")
    return span is not None and any(cue_lemma(t) for t in span)


def _clause_contains(verb: Token, q: QuotedSpan) -> str:
    """Is quotation ``q`` the whole complement of ``verb`` ("whole"), a part ("fragment"), or outside ("none")?"""
    clause = _complement_clause(verb)
    if clause is None:
        return "none"
    start, end = _trim_tokens(list(clause.subtree))
    if end <= q.start or start >= q.end:
        return "none"
    if start < q.start - 2:
        return "fragment"
    return "whole"


def _complement_clause(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "ccomp" and child.i > verb.i:
            return child
    for child in verb.children:
        if child.dep_ == "ccomp":
            return child
    return None


def _clause_attribution(clause: Token, cue: Cue, index: int, quoted, text, speaker, claimed) -> _Attribution | None:
    tokens = [t for t in clause.subtree]
    # "saying that a path remains open, and urging Moscow ...": a second reporting verb
    # joined to the clause is a new attribution, not part of this content
    for child in clause.children:
        if child.dep_ == "conj" and child.i > clause.i and cue_lemma(child) and not any(
                c.dep_ == "nsubj" for c in child.children) and not quoted.inner.holds(child.idx):
            dropped = {t.i for t in child.subtree}
            tokens = [t for t in tokens if t.i not in dropped]
            cc = [t.i for t in tokens if t.i < child.i and t.dep_ in ("cc", "punct") and t.head == clause]
            tokens = [t for t in tokens if t.i not in cc[-2:]]
    # 'said the plan was "dead on arrival" and then left the room': after a closing
    # quotation mark, a conjoined verb without its own subject, in the tense of the cue,
    # is what the speaker did next, not what was said
    for child in clause.children:
        if (child.dep_ == "conj" and child.i > clause.i and child.tag_ == cue.head.tag_ == "VBD"
                and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in child.children)
                and quoted.inner_within(clause.left_edge.idx, child.idx)):
            dropped = {t.i for t in child.subtree}
            tokens = [t for t in tokens if t.i not in dropped]
            cc = [t.i for t in tokens if t.i < child.i and t.dep_ in ("cc", "punct") and t.head == clause]
            tokens = [t for t in tokens if t.i not in cc[-2:]]
    cut = _aside_start(clause, quoted)
    if cut is not None:
        tokens = [t for t in tokens if t.i < cut]
    if cue.speaker is not None:
        # "..., sources said" parsed with the speaker inside the clause: leave it out
        speaker_ids = set(range(cue.speaker.start, cue.speaker.end))
        tokens = [t for t in tokens if t.i not in speaker_ids]
    cue_ids = {t.i for t in cue.tokens}
    tokens = [t for t in tokens if t.i not in cue_ids]
    if not tokens:
        return None
    return _with_kind(_trim_tokens(tokens), cue, index, quoted, text, speaker, claimed)


# Words that open a concession or contrast the writer adds after what was said:
# "claimed that the pitch was dry, although he would not show the photos"
_ASIDE_OPENERS = frozenset("although though while whereas".split())


def _aside_start(head: Token, quoted: _Quoted) -> int | None:
    """Token index where the writer's aside after a reported clause begins, or None.

    After a comma, a concessive clause ("..., although he refused to ..."), a
    participle ("..., citing a study", "..., contradicting the police") or another
    speaker's reporting clause ("..., and when pressed, the aide replied ...") is the
    writer's account around the words, not part of them. Inside quotation marks it
    is the speaker's own.
    """
    doc = head.doc
    for child in head.children:
        if child.i <= head.i or quoted.inner.holds(child.idx):
            continue
        left = child.left_edge.i
        before = left - 1
        if before > head.i and doc[before].dep_ == "cc":
            before -= 1
        if before <= head.i or doc[before].text != ",":
            continue
        first = doc[left]
        aside = (child.dep_ == "advcl" and (first.lower_ in _ASIDE_OPENERS or (first == child and child.tag_ == "VBG"))
                 or child.dep_ == "conj" and cue_lemma(child) is not None
                 and any(c.dep_ == "nsubj" for c in child.children))
        if aside:
            return before
    return None


def _as_parenthetical(verb: Token, sent: Span) -> bool:
    """True for a reporting clause opened by "as" and set off from the sentence: "as the mayor said,".

    Not the comparison "as rich as he says": the clause must open the sentence or follow a
    comma or dash, and end the sentence or be followed by one.
    """
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return False
    # its own subject, and nothing said after the verb: "as the mayor said", "as experts have
    # pointed out"; not "as might be expected" (nobody), "as she called them, 'X'" (the words
    # are her object) or the "as" of time, "As he talked about the plan, ..."
    if not any(c.dep_ in ("nsubj", "agent") for c in verb.children):
        return False
    if any(c.dep_ in ("dobj", "dative", "oprd", "attr", "acomp", "ccomp", "xcomp") or (
            c.dep_ == "prep" and c.lower_ not in _SETTING_PREPS) for c in verb.children if c.i > verb.i):
        return False
    doc = verb.doc
    left, right = verb.left_edge.i, verb.right_edge.i
    if doc[left].lower_ != "as":
        return False
    opens = left == sent.start or doc[left - 1].text in (",", "\u2014", "\u2013", "-", "(")
    stops = (",", ".", ";", "!", "?", "\u2014", "\u2013", "-", ")")
    closes = right + 1 >= sent.end or doc[right].text in stops or doc[right + 1].text in stops
    return opens and closes


_RELATIVES = frozenset("who whom which that".split())


def _content_before_parenthetical(cue: Cue, sent: Span, block_start: int, block_end: int, text: str,
                                  quoted: _Quoted):
    """'Russia will act, the source said.' / 'Russia, the source said, will act.'

    The reporting clause is a parenthetical set off by commas; the content is the
    rest of the sentence (never reaching back past a paragraph break).
    """
    if cue.head.tag_ == "VBG" and not any(c.dep_ == "nsubj" for c in cue.head.children):
        return None  # "The group sent a letter, calling for ...": a participle, not "X, he said"
    if cue.head.dep_ in ("relcl", "acl") or (cue.speaker is not None and cue.speaker.root.lower_ in _RELATIVES):
        return None  # "The mayor, who talked of ..., smiled": a relative clause describes, it does not report
    start = max(sent.start_char, quoted.lines.start(block_start))
    before = text[start:block_start].rstrip()
    if not before.endswith((",", "\u2014", "\u2013", "-")) or _gap_words(before) < 1:
        return None
    head = cue.head
    if any(c.dep_ in ("dobj", "ccomp", "xcomp") and c.i > head.i for c in head.children):
        # 'X, he told reporters' keeps its object; anything else on the right is a real object
        if not all(c.dep_ == "dobj" and c.i > head.i and c.right_edge.i - c.i <= 1 for c in head.children
                   if c.dep_ in ("dobj", "ccomp", "xcomp") and c.i > head.i):
            return None
    # the tail after the reporting clause: adverbials of the cue ("on Saturday") end the
    # sentence, or a comma reopens the content ("Russia, he said, will act")
    end = text.find("\n", block_end, sent.end_char)
    end = sent.end_char if end < 0 else end
    after = text[block_end:end]
    comma = after.find(",")
    parts = [(start, start + len(before) - 1)]
    if comma >= 0 and _gap_words(after[:comma]) <= MAX_GAP_WORDS_COMMA:
        rest_start = block_end + comma + 1
        rest = sent.doc.char_span(rest_start, end, alignment_mode="contract")
        # ", reiterating Washington's claims" belongs to the reporting clause, not the content
        cue_clause = {t.i for t in cue.head.subtree}
        lead = [t for t in rest if not (t.is_space or t.is_punct)][:1] if rest is not None else []
        # (a gerund that is the subject of the rest, "crossing the glacier would be harder", is content)
        owned = bool(lead) and (lead[0].i in cue_clause or lead[0].tag_ == "VBG"
                                and lead[0].dep_ not in ("csubj", "csubjpass", "nsubj", "nsubjpass"))
        if rest is not None and _gap_words(rest.text) >= 2 and not owned:
            # "Russia, he said, will act, although ...": the aside after the content is the writer's
            cut = _aside_start(rest.root, quoted) if len(rest) else None
            parts.append((rest_start, sent.doc[cut].idx if cut is not None and cut > rest.start else end))
    # the content must hold a clause: "Russia will act, he said" or "Acts of protest, he
    # said, are acts of patriotism", not an opening phrase ("In an essay last week, she
    # acknowledged ...")
    spans = [sent.doc.char_span(a, b, alignment_mode="contract") for a, b in parts]
    if not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for span in spans if span is not None for t in span):
        return None
    if len(parts) == 1 and _gap_words(before) < 3:
        return None
    return [_strip_range(text, a, b) for a, b in parts]


def _within_paragraph(span: tuple[int, int], cue: Cue, quoted: _Quoted, text: str) -> tuple[int, int]:
    """The part of a content range in the cue's paragraph.

    The parser sometimes runs a sentence over a paragraph break (a quotation closing a
    paragraph, a headline without a full stop); reported words outside quotation marks
    never continue into the next paragraph. A quotation running over paragraphs is kept.
    """
    a, b = span
    breaks = [m.start() for m in re.finditer("\n", text[a:b])]
    breaks = [a + i for i in breaks if not quoted.inner_to_end.holds(a + i)]
    if not breaks:
        return span
    if cue is not None and cue.start >= b:
        return (breaks[-1] + 1, b)  # the content ends at the cue: keep its last paragraph
    if cue is not None and a < cue.start:
        after = [i for i in breaks if i >= cue.end]  # the cue stands inside: keep its paragraph
        before = [i for i in breaks if i < cue.start]
        return (before[-1] + 1 if before else a, after[0] if after else b)
    return (a, breaks[0])


def _with_kind(ranges, cue, index, quoted, text, speaker, claimed) -> _Attribution | None:
    if isinstance(ranges, tuple):
        ranges = [ranges]
    ranges = [_within_paragraph(r, cue, quoted, text) for r in ranges if r[1] > r[0]]
    ranges = [(a + len(text[a:b]) - len(text[a:b].lstrip()), b - len(text[a:b]) + len(text[a:b].rstrip()))
              for a, b in ranges]
    ranges = [r for r in ranges if r[1] > r[0]]
    if not ranges:
        return None
    kind = "indirect"
    start, end = ranges[0][0], ranges[-1][1]
    inside = [(i, quoted.spans[i]) for i in quoted.inner_within(start - 1, end + 1)]
    if inside:
        covered = sum(q.inner_end - q.inner_start for _, q in inside)
        starts_quoted = inside[0][1].inner_start <= start + 1
        kind = "direct" if starts_quoted and covered >= 0.85 * (end - start) else "mixed"
        for i, _ in inside:
            claimed.add(i)
    return _Attribution(kind, ranges, cue, index, speaker)


def _trim_tokens(tokens: list[Token]) -> tuple[int, int]:
    """Character range of a token run without edge punctuation or a leading 'that'."""
    tokens = sorted(tokens, key=lambda t: t.i)
    # move two ends inward rather than slicing the list once per dropped token
    first, last = 0, len(tokens) - 1
    while first <= last and (tokens[first].is_punct or tokens[first].is_space or tokens[first].lower_ in COMPLEMENTIZERS):
        if tokens[first].is_quote and last > first:
            break
        first += 1
    while last >= first and (tokens[last].is_space or (tokens[last].is_punct and not tokens[last].is_quote)):
        last -= 1
    if first > last:
        return (0, 0)
    start = tokens[first].idx
    end = tokens[last].idx + len(tokens[last])
    return (start, end)


def _strip_range(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] in ",;:-\u2014\u2013"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;:-\u2014\u2013."):
        b -= 1
    return (a, b)


# ---------------------------------------------------------------- across sentences


def _deduplicate(found: list[_Attribution]) -> list[_Attribution]:
    """One row per content and one per cue.

    When two cues claim the same words the earlier cue wins; when one cue got two
    contents (its clause and a quotation it governs), the content nearer the cue wins.
    """
    kept: list[_Attribution] = []
    ranges: set[tuple[int, int]] = set()  # the content range of each kept attribution
    for a in sorted(found, key=lambda a: (a.start, -(a.end - a.start))):
        if (a.start, a.end) not in ranges:
            kept.append(a)
            ranges.add((a.start, a.end))
    by_cue: dict[int, _Attribution] = {}
    for a in kept:
        if a.cue is None:
            by_cue[-id(a)] = a
            continue
        key = a.cue.head.idx
        other = by_cue.get(key)
        if other is None or _distance_to_cue(a) < _distance_to_cue(other):
            by_cue[key] = a
    return sorted(by_cue.values(), key=lambda a: (a.start, a.end))


def _distance_to_cue(a: _Attribution) -> int:
    cue_start, cue_end = a.cue.start, a.cue.end
    return min(abs(a.start - cue_end), abs(cue_start - a.end))


def _continue_quotations(found: list[_Attribution], quoted: _Quoted, text: str) -> None:
    """Add cue-less quotations that carry on the previous speaker's quotation to that attribution.

    '"A," he said. "B."' : "B" is his too, and one attribution (content "A … B"),
    as annotators of reported speech mark it. Only a quotation that follows a direct
    or mixed attribution with nothing but punctuation between is taken.

    One sweep in text order: the attributions whose block ends before the quotation
    are taken in as the quotations advance (the last one is the furthest-reaching),
    rather than every attribution being compared with every quotation.
    """
    # Extending an attribution with a quotation never makes it reach a later
    # quotation (spans do not overlap), so the overlap test can use the ranges
    # as they are now.
    contents = RangeIndex((a.start, a.end) for a in found)
    by_block_end = sorted(range(len(found)), key=lambda k: found[k].block_end())
    taken = 0  # attributions in by_block_end whose block ends before the current quotation
    last_k = None  # index in found of the furthest-reaching of them (the first one on a tie)
    quoting_k = None  # the same among the direct and mixed ones
    for i, q in enumerate(quoted.spans):
        if quoted.words[i] < MIN_QUOTE_WORDS and not _is_sentence(q, text):
            continue  # a short quotation is a scare quote or a title unless it is a sentence ('"Absolutely."')
        if contents.overlaps(q.inner_start, q.inner_end):
            continue
        while taken < len(by_block_end) and found[by_block_end[taken]].block_end() <= q.start:
            k = by_block_end[taken]
            taken += 1
            if last_k is None or (found[k].block_end(), -k) > (found[last_k].block_end(), -last_k):
                last_k = k
            if found[k].kind in ("direct", "mixed") and (
                    quoting_k is None or (found[k].block_end(), -k) > (found[quoting_k].block_end(), -quoting_k)):
                quoting_k = k
        if last_k is None:
            continue
        last = found[last_k]
        if last.kind not in ("direct", "mixed"):
            # '"A," she said, stressing why ladders matter. "B."': the participle's report sits
            # in the quoting sentence; the quotation after it goes on with "she said"
            if quoting_k is None or found[quoting_k].sentence != last.sentence:
                continue
            last = found[quoting_k]
        # the rest of the reporting sentence may stand between: '"A," said Ryan Ellis,
        # a tax consultant. "B."'; the new quotation must then open its own sentence
        gap_from = max(last.block_end(), last.sentence_end if q.start >= last.sentence_end else 0)
        if gap_from < q.start < last.sentence_end:  # the parser ran the sentence on into the quotation
            gap_from = _reporting_sentence_end(text, gap_from, q.start)
        # a word in the gap is any letter or digit (what _gap_words counts); the search
        # stops at the first one instead of splitting the whole gap
        if _WORD.search(text, gap_from, q.start) or text.count("\n", gap_from, q.start) > 2:
            continue
        last.parts.append(_quote_words(q, text))


_SENTENCE_STOP = re.compile(r"[.!?](?=\s)")


def _reporting_sentence_end(text: str, start: int, stop: int) -> int:
    """Where the reporting sentence ends when the next quotation opens right after its full stop, else ``start``.

    The parser does not always end a sentence before a quotation that opens the next
    one (''...'' marks, an apposition with commas), so the full stop is read from the
    text: the only one between ``start`` and ``stop``, with nothing but space after it.
    """
    stops = [m.end() for m in _SENTENCE_STOP.finditer(text, start, stop)]
    if len(stops) == 1 and not text[stops[0]:stop].strip():
        return stops[0]
    return start


def _is_sentence(q: QuotedSpan, text: str) -> bool:
    """A quotation that ends like a sentence or hands over to a cue: '"Absolutely."', '"I would,"'."""
    return q.closed and q.words(text) >= 1 and text[q.inner_start:q.inner_end].rstrip()[-1:] in (".", "!", "?", ",")


# ---------------------------------------------------------------- table


def _stance(cue: Cue) -> str | None:
    """The lexicon stance of a cue; a phrasal verb ("pointed out") is listed as a phrase."""
    if cue.kind not in _LEXICON_POS:
        return None
    stance = stance_of(cue.lemma, _LEXICON_POS[cue.kind])
    if stance is None and " " in cue.lemma:
        stance = stance_of(cue.lemma, "phrase")
    return stance


def _rows(found: list[_Attribution], text: str) -> list[dict]:
    """One row per attribution (the columns of :data:`QUOTE_COLUMNS`), offsets into ``text``."""
    rows = []
    for a in found:
        cue, mention = a.cue, a.speaker
        cue_text = cue_lemma = cue_start = cue_end = None
        if cue is not None:
            cue_start, cue_end = cue.start, cue.end
            cue_text, cue_lemma = text[cue_start:cue_end], cue.lemma
        rows.append({
            "kind": a.kind,
            "content": _SPLIT.join(text[s:e] for s, e in a.parts),
            "content_start": a.start,
            "content_end": a.end,
            "cue": cue_text,
            "cue_lemma": cue_lemma,
            "cue_start": cue_start,
            "cue_end": cue_end,
            "speaker_mention": mention.text if mention is not None else None,
            "speaker_start": mention.start_char if mention is not None else None,
            "speaker_end": mention.end_char if mention is not None else None,
            "speaker": a.resolved,
            "anonymous": bool(a.anonymous),
            "stance": _stance(cue) if cue is not None else None,
            "sentence": a.sentence,
            "resolved": bool(a.resolved) and not a.unresolved,
        })
    return rows


def _to_frame(rows: list[dict]) -> pd.DataFrame:
    """The quotes table of :func:`_rows`' rows, with fixed column types (also when there are none)."""
    columns = {}
    for column in QUOTE_COLUMNS:
        values = [row[column] for row in rows]
        if column in _OFFSETS:
            columns[column] = pd.array(values, dtype="Int64")
        elif column in ("anonymous", "resolved"):
            columns[column] = pd.array(values, dtype=bool)
        else:
            columns[column] = pd.array(values, dtype="string")
    frame = pd.DataFrame(columns)
    return frame
