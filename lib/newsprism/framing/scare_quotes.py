"""Short quoted fragments: the writer's scare quotes, a speaker's words passed on, or neither.

A quoted fragment of one to four words inside the writer's own sentence is read
in turn (:func:`read_quoted`):

* a whole quotation is neither: part of a direct quotation the quotes stage found,
  or a quoted sentence standing on its own ('"Teachers should teach."');
* a title or name is neither: a capitalised name after "show", "book", "law",
  "campaign", "dubbed", "titled", "called"..., before "show" or "book", or after
  'ABC's' (italics are lost in plain text);
* a name is neither: after "so-called" or "known as", a phrase before "policy" or
  "rule" ('its "last in, first out" policy'), a name of two capitalised words
  ('the "Green Valley tower"'), one word with a capital inside ('"NightOwl77"');
* a label given with "as" by the doer of a verb is neither ('farmers oppose the fee
  as "robbery"');
* a word cited as a word is neither ('the word "invasion"', 'the definition of "kin"');
* words that a reporting verb or noun governs as what was said ('Blinken claimed
  that the risk was "high enough"', 'what she called "pragmatism"') are a
  **partial quotation**: the speaker's words;
* the rest are **scare quotes**: the writer's own marks on words nobody in the
  text is said to have used ('an alleged preparation for an "invasion"'), unless the
  attributions of the quotes stage give them to someone
  (:func:`newsprism.framing.kinds.scare_quote.quoted_readings`).

Double marks are paired by :func:`newsprism.text.quote_spans.scan_quotes` (shared with
the quote extractor); single marks are paired here, where apostrophes
(Russia's, don't, the countries' staff) must not be taken for quotation marks.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.attrs import IS_ALPHA
from spacy.tokens import Doc, Token

from newsprism.text.nlp import doc_text, token_texts
from newsprism.text.quote_spans import (AMBIGUOUS, CLOSING, OPENING, SINGLE_CLOSER, SINGLE_CLOSERS, SINGLE_OPENER,
                                        LineIndex, QuotedSpan, RangeIndex, scan_quotes)

MAX_SCARE_WORDS = 4
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
TITLE_BEFORE = frozenset("told on with to in 's ’s ' ’".split())
# Words right before a capitalised quoted name that introduce it as the name of a work, law or campaign
# ('the ad "Strong"', 'a program called "Fast and Furious"'): italics are lost in plain text.
TITLE_INTRODUCERS = frozenset("show program programme series book novel memoir film movie documentary album song ad "
                              "advert commercial video play musical column report law act bill amendment program "
                              "campaign operation initiative plan project slogan dubbed titled entitled called named "
                              "nicknamed".split())
# Short linking words that stay lower-case in a title ("Face the Nation", "The Queen of Rage").
_MINOR_WORDS = frozenset("a an the and or of on in at to for with by from as".split())
# Nouns after a quoted phrase of two words or more that make it the name of a rule or policy
# ('its "last in, first out" policy', 'a "fit for work" test'), in any case.
RULE_NOUNS = frozenset("policy policies provision rule standard doctrine clause law act bill legislation amendment "
                       "statute regulation requirement mandate loophole exemption principle formula test".split())
# Words right before a quoted fragment that give it as a name others use: 'the so-called "X"', 'known as "X"'.
_OTHERS_NAME = re.compile(r"\b(so[-\s\u2010\u2011]called|known\s+as|also\s+called|nicknamed)\s*$", re.IGNORECASE)


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
    n = len(text)
    resume = 0  # where the text goes on after the last span found
    for mark in SINGLE_OPENER.finditer(text):
        i = mark.start()
        if i < resume or inside.holds(i):
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < n else " "
        if (before.isspace() or before in _OPEN_BEFORE) and after.isalnum():
            close = _single_close(closers, i + 1, lines.end(i))
            if close is not None:
                spans.append(QuotedSpan(i, close + 1, i + 1, close, True))
                resume = close + 1
    return spans


def _single_closers(text: str) -> list[int]:
    """Positions of the single marks that can close a quotation, in order.

    Whether a mark closes depends only on its neighbours, not on where the
    quotation opened, so the marks are listed once and each opening mark finds
    its closer by binary search; scanning forward from every opening mark would
    cost marks * line length on a line without a closer.
    """
    closers = []
    for mark in SINGLE_CLOSER.finditer(text, 1):  # a mark at 0 closes nothing
        j = mark.start()
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


@dataclass(frozen=True)
class QuoteReading:
    """What a short quoted fragment is: the writer's scare quote, or someone's words passed on.

    ``kind`` is ``scare_quote`` (nobody in the text is said to have used the words)
    or ``partial_quote`` (words of the speaker of ``cue``, the verb or noun that
    reports them); ``cue`` is None for a scare quote.
    """

    fragment: QuotedFragment
    kind: str
    category: str
    cue: Token | None = None


def read_quoted(doc: Doc, fragments: list[QuotedFragment], reporting_lemmas: frozenset[str], text: str | None = None,
                direct: RangeIndex | None = None) -> list[QuoteReading]:
    """The short quoted fragments of ``doc`` that are scare quotes or partial quotations.

    Left out, as neither: whole quotations (inside a direct quotation of the quotes
    stage, ``direct``, or a quoted sentence standing on its own), titles and names
    of shows, books, laws and campaigns, and words cited as words ("the word
    'invasion'"). A fragment that a reporting verb or noun governs as what was said
    ("claimed that the risk was "high enough"", "what he called "pragmatism"") is a
    partial quotation of that cue's speaker; the rest are the writer's scare quotes.

    >>> from newsprism.text.nlp import parse
    >>> doc = parse('Blinken said the risk was "high enough". The "reform" failed. The word "invasion" is banned.')
    >>> [(r.kind, doc.text[r.fragment.start:r.fragment.end], r.cue.text if r.cue else None)
    ...  for r in read_quoted(doc, quoted_fragments(doc.text), frozenset(["say"]))]
    [('partial_quote', '"high enough"', 'said'), ('scare_quote', '"reform"', None)]
    """
    found = []
    text = doc_text(doc) if text is None else text
    title_cased = None  # is the whole doc title-case? computed once, on the first fragment that asks
    previous_cited = -1  # end of the last fragment cited as a word ("the words "God" and "Creator"")
    for frag in fragments:
        if frag.genuine or not frag.closed or frag.words == 0 or frag.words > MAX_SCARE_WORDS:
            continue  # an unclosed mark ('A "d') is a typo or a cut, not a choice of words
        inner = text[frag.inner_start : frag.inner_end].strip()
        if sum(ch.isalpha() for ch in inner) < 2 or _SENTENCE_END.search(inner):
            continue  # "rock 'n' roll", '"1"'
        if (direct is not None and direct.covers(frag.inner_start, frag.inner_end)) or _whole_utterance(text, frag, inner):
            continue  # a speaker's whole sentence, or part of one the quotes stage took as a direct quotation
        span = doc.char_span(frag.inner_start, frag.inner_end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        if _capitalised(inner):
            if title_cased is None:
                title_cased = _title_cased(doc)
            if _is_title(span, inner, title_cased):
                continue
        if _cited_as_word(span) or (previous_cited >= 0 and _joined(text, previous_cited, frag.start)):
            previous_cited = frag.end
            continue
        if _named_by_others(text, frag, span, inner) or _characterised_as(span):
            continue  # a name or a label: 'the so-called "X"', 'the "X" policy', 'oppose the fee as "robbery"'
        cue, naming = _attributing_cue(span, reporting_lemmas)
        if cue is not None:
            found.append(QuoteReading(frag, "partial_quote", "quoted label" if naming else "fragment in reported speech", cue))
        else:
            found.append(QuoteReading(frag, "scare_quote", "scare quote"))
    return found


def _capitalised(inner: str) -> bool:
    """Every word of the quoted text starts with a capital (letters only), short linking words aside ("Face the Nation")."""
    words = [w for w in inner.split() if w[:1].isalpha()]
    return bool(words) and words[0][:1].isupper() and all(w[:1].isupper() or w.lower() in _MINOR_WORDS for w in words)


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
    if before is not None and before.lower_ in TITLE_BEFORE | TITLE_INTRODUCERS:
        return True  # 'he told "Today"', 'an interview with "60 Minutes"', 'the ad "Strong"'
    if (before is not None and before.is_title and not before.is_sent_start and span.end + 1 < len(span.doc)
            and span.doc[span.end + 1].is_title and len(inner.split()) == 1):
        return True  # a nickname inside a name: 'William "Mo" Cowan'
    return any(t.ent_type_ in TITLE_ENTITIES for t in span)


def _title_cased(doc: Doc) -> bool:
    alpha = doc.to_array(IS_ALPHA).tolist() if len(doc) else []
    words = [word for word, is_alpha in zip(token_texts(doc), alpha) if is_alpha]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) > 0.6


# Reporting verbs whose direct object can be the words themselves ('said "nothing"', 'wrote "Progressivism"');
# after other verbs ('reject the "reform" plan') a quoted word inside the object is the writer's choice.
WORDS_AS_OBJECT = NAMING_VERBS | frozenset("say write shout repeat tweet post chant utter yell scream whisper mutter cry "
                                           "declare answer reply add".split())
# Nouns that present what follows as a word or name, not as something said about the world.
WORD_NOUNS = frozenset("word words term terms phrase phrases expression expressions label labels name names slogan "
                       "slogans nickname moniker motto catchphrase buzzword epithet euphemism acronym".split())


# Nouns that, with "of", talk about what a word means ('the state's definition of "family member"').
DEFINING_NOUNS = WORD_NOUNS | frozenset("definition definitions meaning meanings spelling concept notion".split())


def _whole_utterance(text: str, frag: QuotedFragment, inner: str) -> bool:
    """A quoted sentence of its own ('"Teachers should teach."') or a whole answer after a comma ('a curt, "No."')."""
    if inner[-1:] not in ".!?\u2026" or not inner[:1].isalpha():
        return False
    before = text[: frag.start].rstrip()
    if not before or before[-1] == "\n" or before[-1] in ".!?":
        return True
    if before[-1] in AMBIGUOUS + CLOSING + SINGLE_CLOSERS and before[:-1].rstrip()[-1:] in ".!?,":
        return True  # after another quotation: '"Who can?" he asked. "Nobody."'
    return inner[:1].isupper() and before[-1] in ",:"


def _cited_as_word(span) -> bool:
    """'the word "invasion"', 'the term "marriage penalty"', 'the definition of "kin"', '"rage" is a word that ...'."""
    doc = span.doc
    before = [t for t in doc[max(0, span.start - 4) : span.start] if not t.is_punct]
    if before and before[-1].lower_ in WORD_NOUNS:
        return True
    if len(before) >= 2 and before[-1].lower_ == "of" and before[-2].lower_ in DEFINING_NOUNS:
        return True  # 'the definition of "family member"', 'the meaning of "shall"'
    after = [t for t in doc[span.end : span.end + 5] if not t.is_punct]
    return (len(after) >= 3 and after[0].lemma_ == "be" and after[1].lower_ in ("a", "an", "the")
            and after[2].lower_ in WORD_NOUNS)


def _named_by_others(text: str, frag: QuotedFragment, span, inner: str) -> bool:
    """A name, not the writer's word: after "so-called" or "known as", before "policy" or "rule", or a capitalised name.

    'its "last in, first out" policy' names a rule; 'the "Green Valley tower"' begins with a name of
    two capitalised words, as the nickname of a place, a group or a bill does. Quoted
    names are not the writer's distancing (see the glossary), even when others coined them.
    """
    if _OTHERS_NAME.search(text, max(0, frag.start - 16), frag.start):
        return True
    doc = span.doc
    after = doc[span.end + 1] if span.end + 1 < len(doc) else None  # skip the closing mark
    if len(inner.split()) >= 2 and after is not None and after.lemma_.lower() in RULE_NOUNS:
        return True
    named = [t for t in span if not t.is_punct]  # a comma inside the marks is not part of the name
    if len(named) == 1 and re.fullmatch(r"[A-Za-z]+[a-z][A-Z]\w*", named[0].text):
        return True  # one word with a capital inside: a user name or a brand ('posted by "NightOwl77"')
    words = [t for t in span if t.is_alpha]
    opens_sentence = span.start < 2 or doc[span.start - 2].is_sent_start or doc[span.start].is_sent_start
    # in a title-case headline every quoted word looks like a name: its words must stand out from the sentence
    sentence_case = sum(t.is_title for t in span.sent if t.is_alpha) <= len(span.sent) / 2
    return len(words) >= 2 and words[0].is_title and words[1].is_title and not opens_sentence and sentence_case


def _characterised_as(span) -> bool:
    """'farmers oppose the new fee as "robbery"', 'she dismissed the plan as "fantasy"': the label of the verb's doer.

    Someone (the subject of an active verb) gives the thing that name; a passive
    verb with no doer ('was described as "X"') is left to the naming verbs.
    """
    doc = span.doc
    before = doc[span.start - 2] if span.start >= 2 and doc[span.start - 1].is_quote else None
    if before is not None and before.lower_ in ("a", "an", "the") and span.start >= 3:
        before = doc[span.start - 3]  # 'referred to him as a "clown"'
    if before is None or before.lower_ != "as":
        return False
    verb = before.head
    return verb.pos_ in ("VERB", "AUX") and verb.tag_ != "VBN" and verb.i != before.i


def _joined(text: str, end: int, start: int) -> bool:
    """Only "and", "or" or a comma stands between two quoted fragments."""
    return text[end:start].strip(" ,") in ("", "and", "or")


def _attributing_cue(span, reporting_lemmas: frozenset[str]) -> tuple[Token | None, bool]:
    """The reporting verb or noun whose words the fragment passes on, and whether it names a thing ("dubbed").

    Climbs the parse from the fragment; a reporting verb counts when the fragment
    is part of what it reports: inside the reported clause ('claimed that the
    risk was "high enough"'), its complement ('called it "pragmatism"'), right
    after one preposition ('called for "a balanced approach"'), or, for verbs of
    saying and naming, its object. It does not count for the fragment in its
    subject, a word inside a thing it acts on ('reject the "reform" plan'), or a
    word deep in a chain of nouns ('accused Russia of a build-up in preparation
    for an "invasion"'), where the words are the writer's.
    """
    child, token = span.root, span.root
    governors = 0
    in_clause = False  # passed through a clause below the cue: all of it is the reported content
    preps = 0
    for _ in range(8):
        if token.head.i == token.i:
            break
        if token.dep_ in _CLAUSE_DEPS:
            in_clause = True
        elif token.dep_ == "prep":
            preps += 1
        child, token = token, token.head
        if not (token.pos_ in ("VERB", "AUX", "NOUN") or token.lower_ == "according"):
            continue
        governors += 1
        lemma = token.lemma_.lower()
        close = in_clause or preps <= 1
        if token.pos_ == "NOUN":
            if lemma in reporting_lemmas and child.dep_ != "nsubj" and close:
                return token, False
            continue
        naming = lemma in NAMING_VERBS and governors <= 3
        if (naming or lemma in reporting_lemmas or token.lower_ == "according") and close:
            if child.dep_ in ("nsubj", "nsubjpass", "csubj", "agent"):
                break  # the fragment stands in the speaker's place
            if child.dep_ == "dobj" and lemma not in WORDS_AS_OBJECT and child.i != span.root.i:
                break  # 'reject the "reform" plan'
            return token, naming
        said = [c for c in token.children if c.dep_ == "parataxis" and c.lemma_.lower() in reporting_lemmas]
        if said:
            return said[0], False  # 'the "reform" will fail, he said'
    return None, False


_CLAUSE_DEPS = frozenset("ccomp xcomp advcl parataxis relcl csubj".split())
