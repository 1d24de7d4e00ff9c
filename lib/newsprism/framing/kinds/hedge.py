"""Hedges: words that make a statement less certain ("alleged", "reportedly"), from ``data/hedges.csv``."""

from __future__ import annotations

import functools

import pandas as pd
from spacy.tokens import Span

from newsprism.framing.kinds.common import Article, MarkerKind, lexicon_matches, lexicon_row
from newsprism.framing.lexicons import PhraseIndex, load_lexicon, packaged_index

NAME = "hedge"
# Words before an epistemic adjective that turn it into an ordinary one ("as soon as possible").
NON_EPISTEMIC_BEFORE = frozenset("as if where whenever best only".split())


def _extend_to_head(span: Span) -> Span:
    """"alleged" -> "alleged preparation": a doubt adjective is shown with the noun it doubts."""
    last = span[-1]
    head = last.head
    if last.dep_ == "amod" and head.pos_ in ("NOUN", "PROPN") and 0 < head.i - last.i <= 4:
        return span.doc[span.start : head.i + 1]
    return span


def hedge_rows(article: Article, type_: str, table: pd.DataFrame, index: PhraseIndex, source: str) -> list[dict]:
    """Hedges from a lexicon, each shown with the noun it doubts; degree words ("as soon as possible") left out."""
    rows = []
    for entry, span in lexicon_matches(article, table, index):
        before = article.doc[span.start - 1] if span.start else None
        # "as soon as possible", "the best possible": degree, not doubt.
        if before is not None and (before.lower_ in NON_EPISTEMIC_BEFORE or before.tag_ in ("JJS", "RBS")):
            continue
        rows.append(lexicon_row(type_, _extend_to_head(span), entry, source, article.where))
    return rows


@functools.lru_cache(maxsize=1)
def _hedges() -> pd.DataFrame:
    # Read once: a copy of the lexicon per article costs more than finding its hedges.
    return load_lexicon("hedges")


def find(article: Article) -> list[dict]:
    return hedge_rows(article, NAME, _hedges(), packaged_index("hedges"), "hedges.csv")


# A hedge inside someone's quotation is the speaker's choice, not the outlet's.
KIND = MarkerKind(NAME, find, in_quote="drop", lexicon_rows=hedge_rows)
