"""Anonymous sources: unnamed speakers ("a German source said", "according to officials", "people familiar with").

A name that is a source credit ("a Reuters witness") is counted there, not
here: this kind reads the source-credit rows of the article.
"""

from __future__ import annotations

import functools

import pandas as pd
from spacy.tokens import Span, Token

from newsprism.framing.kinds.common import Article, MarkerKind, is_reporting_use, span_row
from newsprism.framing.lexicons import PhraseIndex, load_lexicon
from newsprism.quotes.attribution import cue_lemma, noun_phrase, stance_of
from newsprism.text.nlp import token_lemmas
from newsprism.text.quote_spans import RangeIndex

NAME = "anonymous_source"
INDEFINITE = frozenset("a an some several two three four many other another various multiple one".split())


@functools.lru_cache(maxsize=1)
def _anonymous_lexicon() -> tuple[dict[str, pd.Series], PhraseIndex, pd.DataFrame]:
    table = load_lexicon("anonymous_sources", ("text", "kind", "category", "explanation"))
    heads = {}
    for _, entry in table[table["kind"] == "head"].iterrows():
        for word in entry["text"].split("|"):
            heads[word.strip().lower()] = entry
    phrases = table[table["kind"] == "phrase"].reset_index(drop=True)
    return heads, PhraseIndex(phrases["text"].tolist(), plurals=False), phrases


def _is_unnamed(np: Span, head: Token) -> bool:
    """No name for the person: "a senior official in President Biden's administration" is unnamed."""
    if head.pos_ == "PROPN" or head.ent_type_ == "PERSON":
        return False
    if any(t.ent_type_ == "PERSON" for t in np if t.i < head.i) or any(
        c.dep_ == "appos" and c.pos_ == "PROPN" for c in head.children
    ):
        return False
    first = np[0].lower_
    return first in INDEFINITE or (head.tag_ == "NNS" and first not in ("the", "these", "those", "their", "his", "her", "its"))


def find(article: Article) -> list[dict]:
    """Unnamed sources that speak, cite or are "familiar with" something, and the phrases of the lexicon."""
    heads, phrase_index, phrases = _anonymous_lexicon()
    doc, where = article.doc, article.where
    credits = RangeIndex((r["start"], r["end"]) for r in article.rows("source_credit"))
    rows, seen = [], set()
    # The lemmas as strings first: a Token only for a listed head word.
    for i, lemma in enumerate(token_lemmas(doc)):
        entry = heads.get(lemma.lower())
        if entry is None:
            continue
        token = doc[i]
        if token.pos_ != "NOUN":
            continue
        lemma = cue_lemma(token.head) if token.dep_ in ("nsubj", "nsubjpass") else None
        speaks = lemma is not None and is_reporting_use(token.head, lemma, stance_of(lemma, "verb") or "neutral", where)
        cited = token.dep_ == "pobj" and token.head.lower_ == "to" and token.head.i and doc[token.head.i - 1].lower_ == "according"
        familiar = any(c.lower_ == "familiar" for c in token.rights)
        if not (speaks or cited or familiar):
            continue
        np = noun_phrase(token)
        if np is None or not _is_unnamed(np, token):
            continue
        if credits.overlaps(np.start_char, np.end_char):
            continue  # "a Reuters witness" is counted as a source credit
        seen.add((np.start_char, np.end_char))
        rows.append(span_row(NAME, np, entry["category"], entry["explanation"], "anonymous_sources.csv", where, np.text))
    heads_found = RangeIndex(seen)
    for match in phrase_index.find(doc, article.lowers):
        entry = phrases.iloc[match.row]
        span = doc[match.start : match.end]
        if heads_found.holds(span.start_char):
            continue
        rows.append(span_row(NAME, span, entry["category"], entry["explanation"], "anonymous_sources.csv", where))
    return rows


# An unnamed source inside someone's quotation is the speaker's reference, not the outlet's.
KIND = MarkerKind(NAME, find, in_quote="drop")
