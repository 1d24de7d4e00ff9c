"""Evaluative words: the writer's own verbs, adjectives and adverbs that judge ("slammed", "embattled", "finally").

Only the writer's voice counts. A word inside a quotation, or inside what the
article reports someone as saying ("Smith said the plan was absurd"), is that
speaker's: the reported clauses are read from the cues the quotes stage found
(``article.attributions``), never from cues found again here. A word another kind
already shows (a doubting reporting verb, a hedge, a loaded label) is left to it.

Context keeps literal and technical senses out: each entry of
``data/evaluative_words.csv`` names its part of speech ("mock" the verb, not "a
mock trial"), whether it needs a person or group as its subject ("critics slammed
the plan", not "the storm slammed the coast"), and the words that make it literal
("slammed the door", "extreme weather").
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pandas as pd
from spacy.tokens import Span, Token

from newsprism.framing.kinds.common import ACTOR_LABELS, Article, MarkerKind, row
from newsprism.framing.lexicons import PhraseIndex, load_lexicon, phrase_words
from newsprism.quotes.attribution import speaker_of_verb
from newsprism.text.datafiles import read_data_csv
from newsprism.text.quote_spans import RangeIndex

NAME = "evaluative"
SOURCE = "evaluative_words.csv"
# Parts of speech the parser gives a word of each class; participles used as
# adjectives ("embattled", "disgraced") are often tagged as verbs.
POS_OK = {"VERB": ("VERB",), "ADJ": ("ADJ", "VERB"), "ADV": ("ADV",)}
# A clause a reporting cue governs holds the speaker's words: "said (that) ...",
# "called it absurd", "urged them to ...", and a fronted phrase the parser leaves unlabelled
# ("A dreadful plan, the mayor said": dep).
CONTENT_DEPS = frozenset("ccomp xcomp oprd acomp dep".split())
# Pronouns that stand for people; "it", "this" and "which" may stand for a storm.
PERSON_PRONOUNS = frozenset("i you he she we they who me him her us them".split())
# Agent-noun endings: "critics", "lawmakers", "opponents", "activists", "Democrats".
AGENT_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "ic", "crat", "ee", "ive", "man", "men", "woman", "women")
# Sentence adverbs that, first in a sentence and before a comma, order an argument ("Finally, ...").
ORDERING_ADVERBS = frozenset("finally".split())


@dataclass(frozen=True)
class Entry:
    """One row of ``data/evaluative_words.csv``, read for matching."""

    pos: str
    category: str
    actor: bool
    literal_with: frozenset[str]
    explanation: str


def verb_forms(lemma: str) -> set[str]:
    """The inflected forms of a regular verb, for text the parser cannot lemmatise (a title-case headline).

    >>> sorted(verb_forms("slam"))
    ['slam', 'slammed', 'slamming', 'slams']
    """
    forms = {lemma, lemma + "s", lemma + "ed", lemma + "ing"}
    if lemma.endswith("e"):
        forms |= {lemma + "d", lemma[:-1] + "ing"}
        forms -= {lemma + "ed"}
    elif lemma.endswith(("sh", "ch", "s", "x")):
        forms |= {lemma + "es"}
        forms -= {lemma + "s"}
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms = {lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif len(lemma) <= 4 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
        forms = {lemma, lemma + "s", lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # slam, slammed
    return forms


@functools.lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, Entry], PhraseIndex, list[Entry]]:
    """Single words by form, and an index of the phrases (several tokens) with their entries."""
    table = load_lexicon("evaluative_words", ("text", "pos", "category", "actor", "literal_with", "explanation"))
    words: dict[str, Entry] = {}
    phrases: list[str] = []
    phrase_entries: list[Entry] = []
    for record in table.to_dict("records"):
        literal = frozenset(w.strip().lower() for w in str(record["literal_with"] or "").split("|") if w.strip())
        entry = Entry(str(record["pos"]).strip().upper(), record["category"], str(record["actor"]).strip().lower() == "yes",
                      literal, record["explanation"])
        for form in str(record["text"]).split("|"):
            form = form.strip()
            if len(phrase_words(form)) == 1:
                for inflected in verb_forms(form.lower()) if entry.pos == "VERB" else {form.lower()}:
                    words.setdefault(inflected, entry)
            elif form:
                phrases.append(form)
                phrase_entries.append(entry)
    return words, PhraseIndex(phrases, plurals=False), phrase_entries


@functools.lru_cache(maxsize=1)
def _person_nouns() -> frozenset[str]:
    """Nouns for people from the packaged lists: job titles and the heads of anonymous sources."""
    titles = read_data_csv("titles")
    heads = read_data_csv("anonymous_sources")
    nouns = set(titles.loc[titles["kind"].isin(["title", "noun"]), "word"].str.lower())
    nouns |= set(heads.loc[heads["kind"] == "head", "text"].str.lower())
    return frozenset(nouns)


def is_person(token: Token) -> bool:
    """Does this subject stand for a person or group (so that "slammed" is criticism, not a blow)?

    >>> from newsprism.text.nlp import parse
    >>> doc = parse("Critics slammed the plan while the storm slammed the coast.")
    >>> is_person(doc[0]), is_person(doc[7])
    (True, False)
    """
    if token.ent_type_ in ACTOR_LABELS or token.pos_ == "PROPN":
        return True
    if token.pos_ == "PRON":
        return token.lower_ in PERSON_PRONOUNS
    lemma = token.lemma_.lower()
    return token.pos_ == "NOUN" and (lemma in _person_nouns() or lemma.endswith(AGENT_ENDINGS))


def _related(token: Token) -> set[str]:
    """Lemmas of the words that decide a sense: what the word describes, its subject and object."""
    related = {token.head.lemma_.lower()} if token.head is not token else set()
    for child in token.children:
        if child.dep_ in ("dobj", "nsubj", "nsubjpass", "prt", "attr", "compound"):
            related.add(child.lemma_.lower())
        elif child.dep_ in ("prep", "agent"):
            related.update(g.lemma_.lower() for g in child.children if g.dep_ == "pobj")
    if token.dep_ in ("acomp", "attr", "oprd"):
        # "the weather was extreme": the subject of the verb it completes
        related.update(c.lemma_.lower() for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass"))
    return related


def _has_person_actor(verb: Token) -> bool:
    """A person or group does the verb: its subject, the agent of a passive, or the subject it borrows."""
    speaker = speaker_of_verb(verb)
    return speaker is not None and is_person(speaker.root)


def _title_case_literal(token: Token, entry: Entry) -> bool:
    """In a title-case headline ("Senator Slams Plan") the parse tags every word a name: read the neighbours.

    The word before must name a person or group when the entry needs one, and
    neither neighbour may make the word literal ("Storm Slams Coast").
    """
    doc = token.doc
    before = doc[token.i - 1] if token.i else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if entry.literal_with and any(t is not None and t.lower_ in entry.literal_with for t in (before, after)):
        return True
    if entry.actor:
        word = before.lower_.rstrip("s") if before is not None else ""
        return before is None or not (before.ent_type_ in ACTOR_LABELS or word in _person_nouns() or word.endswith(AGENT_ENDINGS))
    return False


def _literal(token: Token, entry: Entry) -> bool:
    """Is this use literal or technical rather than the writer's judgement?"""
    if entry.literal_with and _related(token) & entry.literal_with:
        return True
    if entry.actor and not _has_person_actor(token):
        return True
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if token.lower_ in ORDERING_ADVERBS and token.is_sent_start and nxt is not None and nxt.text == ",":
        return True  # "Finally, the report lists ...": the last point of an argument
    if entry.category == "booster" and token.head.i < token.i:
        return True  # "spoke clearly": manner, not the writer's certainty ("clearly lied")
    return False


def _reported(article: Article) -> RangeIndex:
    """Character ranges of what the article reports someone as saying, from the quotes stage's cues."""
    doc, ranges = article.doc, []
    for start in article.attributions.cue_starts:
        span = doc.char_span(start, start + 1, alignment_mode="expand")
        if span is None or not len(span):
            continue
        cue = span[0]
        contents = [c for c in cue.children if c.dep_ in CONTENT_DEPS]
        for content in contents:
            ranges.append((content.left_edge.idx, content.right_edge.idx + len(content.right_edge)))
        if not contents and cue.head is not cue and cue.dep_ in ("parataxis", "advcl", "ccomp", "prep", "conj"):
            # "The plan, Smith said, is absurd" / "according to Smith, the plan is absurd":
            # the clause the cue hangs on is the speaker's, apart from the cue's own words.
            head = cue.head
            own = (cue.left_edge.idx, cue.right_edge.idx + len(cue.right_edge))
            ranges.append((head.left_edge.idx, own[0]))
            ranges.append((own[1], head.right_edge.idx + len(head.right_edge)))
    ranges += list(article.attributions.direct)
    ranges += [(f.start, f.end) for f in article.fragments]
    return RangeIndex(ranges)


def _matches(article: Article) -> list[tuple[Span, Entry]]:
    words, phrases, phrase_entries = _lexicon()
    doc = article.doc
    found = [(doc[m.start : m.end], phrase_entries[m.row]) for m in phrases.find(doc, article.lowers)]
    taken = {i for span, _ in found for i in range(span.start, span.end)}
    # Every form of a verb is in the table (verb_forms): the lower-case forms read once per
    # article are enough, and the tokens themselves are touched only where a word matches.
    for i, lower in enumerate(article.lowers):
        entry = words.get(lower)
        if entry is not None and i not in taken:
            found.append((doc[i : i + 1], entry))
    return found


def find(article: Article) -> list[dict]:
    """The writer's own evaluative words, outside quotations and reported speech, in their evaluative sense.

    >>> from newsprism.text.nlp import parse
    >>> from newsprism.framing.kinds.common import Attributions
    >>> doc = parse("Critics slammed the controversial plan. The storm slammed the coast.")
    >>> [r["text"] for r in find(Article.build(doc, Attributions()))]
    ['slammed', 'controversial']
    """
    shown = RangeIndex((r["start"], r["end"]) for kind in ("attribution_verb", "hedge", "loaded_label")
                       for r in article.rows(kind) if r["flagged"])
    reported = None  # built only when some word matches
    rows = []
    for span, entry in sorted(_matches(article), key=lambda m: m[0].start):
        token, allowed = span.root, POS_OK.get(entry.pos, (entry.pos,))
        if article.where == "headline" and token.pos_ == "PROPN" and token.text[:1].isupper():
            if _title_case_literal(token, entry):
                continue
        # A phrase ("lashed out", "at last") counts when one of its words has the part of speech.
        elif not any(t.pos_ in allowed for t in span) or _literal(token, entry):
            continue
        start, end = span.start_char, span.end_char
        if shown.overlaps(start, end):
            continue  # a doubting reporting verb, a hedge or a loaded label already shows it
        reported = _reported(article) if reported is None else reported
        if reported.overlaps(start, end):
            continue  # the speaker's words, not the writer's
        rows.append(row(NAME, span.text, start, end, entry.category, entry.explanation, SOURCE, article.where))
    return rows


def evaluative_rows(article: Article, type_: str, table: pd.DataFrame, index: PhraseIndex, source: str) -> list[dict]:
    """Words of a user's own list of this type, kept to the writer's voice like the packaged ones.

    >>> from newsprism.text.nlp import parse
    >>> from newsprism.framing.kinds.common import Attributions
    >>> article = Article.build(parse("A dreadful plan, the mayor said."), Attributions.of(pd.DataFrame({"cue_start": [27]})))
    >>> mine = pd.DataFrame({"text": ["dreadful"], "category": ["mine"], "explanation": ["my word"]})
    >>> evaluative_rows(article, "evaluative", mine, PhraseIndex(["dreadful"]), "extra lexicon")
    []
    """
    reported = _reported(article)
    rows = []
    for match in index.find(article.doc, article.lowers):
        span, entry = article.doc[match.start : match.end], table.iloc[match.row]
        if not reported.overlaps(span.start_char, span.end_char):
            rows.append(row(type_, span.text, span.start_char, span.end_char, entry["category"], entry["explanation"],
                            entry.get("source", source) or source, article.where))
    return rows


# An evaluative word inside someone's quotation is the speaker's choice, not the outlet's.
KIND = MarkerKind(NAME, find, in_quote="drop", lexicon_rows=evaluative_rows)
