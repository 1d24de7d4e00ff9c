"""Loaded labels: words for a person, group or place that carry a judgement ("regime", "rebel-held").

A label that is also a listed naming variant ("separatist republic") is shown
once, as the variant: this kind reads the naming-variant rows of the article.

A word of the list is a label only in its judging sense: the contexts in
``data/loaded_labels_contexts.csv`` leave out technical and literal uses ("tax
regime", "free radicals", "occupied seats"), legal terms and designated events
("terrorism charges", "the terrorist attacks on Sept. 11"); a word that is part of
a proper name ("Palestine Liberation Organization") or stands inside quotation
marks (the speaker's word, or the writer's scare quote, shown by those kinds) is
not the writer's label either.
"""

from __future__ import annotations

import functools

import pandas as pd
from spacy.tokens import Span, Token

from newsprism.framing.kinds.common import Article, MarkerKind, lexicon_matches, lexicon_row, named_in
from newsprism.framing.kinds.evaluative import is_person
from newsprism.framing.lexicons import PhraseIndex, load_lexicon, packaged_index
from newsprism.quotes.attribution import noun_phrase
from newsprism.text.datafiles import read_data_csv
from newsprism.text.quote_spans import RangeIndex

NAME = "loaded_label"
# Entities whose name may hold a listed word: the word is then part of a name.
NAME_LABELS = frozenset("ORG LAW EVENT WORK_OF_ART FAC PRODUCT PERSON".split())
PLACE_LABELS = frozenset("GPE LOC NORP".split())


@functools.lru_cache(maxsize=1)
def _contexts() -> tuple[dict[tuple[str, str], frozenset[str]], frozenset[str]]:
    """(label, rule) -> words of ``data/loaded_labels_contexts.csv``, and the nouns for places."""
    table = read_data_csv("loaded_labels_contexts")
    rules: dict[tuple[str, str], frozenset[str]] = {}
    places: frozenset[str] = frozenset()
    for record in table.to_dict("records"):
        words = frozenset(w.strip().lower() for w in str(record["words"]).split("|") if w.strip())
        if record["rule"] == "place":
            places = words
            continue
        for label in str(record["label"]).split("|"):
            key = (label.strip().lower(), record["rule"])
            rules[key] = rules.get(key, frozenset()) | words
    return rules, places


def _neighbours(token: Token) -> list[Token]:
    """The words that decide a label's sense: what it describes, its modifiers, subject and object."""
    found = [token.head] if token.head is not token else []
    if token.dep_ in ("amod", "compound", "nmod"):
        # "foreign terrorist organization": the other modifiers of the same noun
        found += [c for c in token.head.children if c.dep_ in ("amod", "compound", "nmod") and c is not token]
    for child in token.children:
        if child.dep_ in ("amod", "compound", "nmod", "poss", "dobj", "nsubj", "nsubjpass", "attr", "npadvmod"):
            found.append(child)
        elif child.dep_ in ("prep", "agent"):
            found += [g for g in child.children if g.dep_ == "pobj"]
    if token.dep_ in ("acomp", "attr", "oprd") or token.pos_ == "VERB":
        found += [c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass") and c is not token]
    return found


def _has_date(head: Token) -> bool:
    """Does the phrase of this noun carry a date ("the Sept. 11 attacks", "attacks on Sept. 11, 2001")?"""
    return any(t.ent_type_ == "DATE" or t.text == "9/11" for t in head.subtree if t is not head)


def literal_use(span: Span) -> bool:
    """Is this listed word used in a literal, technical or designating sense, not as the writer's label?

    >>> from newsprism.text.nlp import parse
    >>> doc = parse("The tax regime changed, but the regime jailed critics.")
    >>> literal_use(doc[1:3]), literal_use(doc[6:7])
    (True, False)
    """
    rules, places = _contexts()
    token = span.root
    keys = {span.text.lower(), token.lower_, token.lemma_.lower()}

    def words(rule: str) -> frozenset[str]:
        return frozenset().union(*(rules.get((key, rule), frozenset()) for key in keys))

    neighbours = _neighbours(token)
    near = words("near")
    if near and any(n.lemma_.lower() in near or n.lower_ in near for n in neighbours):
        return True
    governors = words("governor")
    if governors and token.dep_ == "pobj":
        prep = token.head
        # The parser may hang "on terrorism" on the verb ("shifted the war on terrorism"):
        # the word right before the preposition governs it too.
        before = prep.doc[prep.i - 1] if prep.i else prep.head
        if prep.head.lemma_.lower() in governors or before.lemma_.lower() in governors:
            return True
    events = words("dated")
    if events and token.dep_ in ("amod", "compound") and token.head.lemma_.lower() in events and _has_date(token.head):
        return True
    needs = words("needs")
    if "place" in needs and not any(n.ent_type_ in PLACE_LABELS or n.lemma_.lower() in places for n in neighbours + [token]):
        return True
    if "person" in needs and not any(is_person(n) for n in neighbours if n is not token.head or token.pos_ != "VERB"):
        return True
    return False


def _in_name(span: Span) -> bool:
    """Is the label a capitalised word inside a longer proper name ("People's Liberation Army", "Rebel Wilson")?"""
    token = span.root
    if not token.text[:1].isupper() or token.ent_iob_ not in ("B", "I") or token.ent_type_ not in NAME_LABELS:
        return False
    doc, start, end = span.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return end - start > len(span)


def label_rows(article: Article, type_: str, table: pd.DataFrame, index: PhraseIndex, source: str) -> list[dict]:
    """Labels from a lexicon, each with the actor or place it concerns; literal uses and names left out."""
    quoted = RangeIndex((f.start, f.end) for f in article.fragments)
    rows = []
    for entry, span in lexicon_matches(article, table, index):
        if quoted.overlaps(span.start_char, span.end_char) or _in_name(span) or literal_use(span):
            continue
        head = span.root.head if span.root.dep_ in ("amod", "compound") else span.root
        # A modifier ("rebel-held city of Donetsk") concerns what follows it; a noun
        # ("the Assad regime") concerns the name that goes with it.
        about = named_in(noun_phrase(head), span, head.i if head is not span.root else 0, article.ents)
        rows.append(lexicon_row(type_, span, entry, source, article.where, about))
    return rows


@functools.lru_cache(maxsize=1)
def _loaded_labels() -> pd.DataFrame:
    # Read once: a copy of the lexicon per article costs more than finding its labels.
    return load_lexicon("loaded_labels")


def find(article: Article) -> list[dict]:
    """The labels of ``data/loaded_labels.csv``, minus those listed as naming variants."""
    variants = RangeIndex((r["start"], r["end"]) for r in article.rows("naming_variant") if r["category"] == "label")
    rows = label_rows(article, NAME, _loaded_labels(), packaged_index("loaded_labels"), "loaded_labels.csv")
    return [r for r in rows if not variants.covers(r["start"], r["end"])]


# A label inside someone's quotation is the speaker's choice, not the outlet's.
KIND = MarkerKind(NAME, find, in_quote="drop", lexicon_rows=label_rows)
