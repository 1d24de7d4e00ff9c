"""Loaded labels: words for a person, group or place that carry a judgement ("regime", "rebel-held").

A label that is also a listed naming variant ("separatist republic") is shown
once, as the variant: this kind reads the naming-variant rows of the article.
"""

from __future__ import annotations

import pandas as pd

from newsprism.framing.kinds.common import Article, MarkerKind, lexicon_matches, lexicon_row, named_in
from newsprism.framing.lexicons import PhraseIndex, load_lexicon, packaged_index
from newsprism.quotes.attribution import noun_phrase
from newsprism.text.quote_spans import RangeIndex

NAME = "loaded_label"


def label_rows(article: Article, type_: str, table: pd.DataFrame, index: PhraseIndex, source: str) -> list[dict]:
    """Labels from a lexicon, each with the actor or place it concerns."""
    rows = []
    for entry, span in lexicon_matches(article, table, index):
        head = span.root.head if span.root.dep_ in ("amod", "compound") else span.root
        # A modifier ("rebel-held city of Donetsk") concerns what follows it; a noun
        # ("the Assad regime") concerns the name that goes with it.
        about = named_in(noun_phrase(head), span, head.i if head is not span.root else 0, article.ents)
        rows.append(lexicon_row(type_, span, entry, source, article.where, about))
    return rows


def find(article: Article) -> list[dict]:
    """The labels of ``data/loaded_labels.csv``, minus those listed as naming variants."""
    variants = RangeIndex((r["start"], r["end"]) for r in article.rows("naming_variant") if r["category"] == "label")
    rows = label_rows(article, NAME, load_lexicon("loaded_labels"), packaged_index("loaded_labels"), "loaded_labels.csv")
    return [r for r in rows if not variants.covers(r["start"], r["end"])]


# A label inside someone's quotation is the speaker's choice, not the outlet's.
KIND = MarkerKind(NAME, find, in_quote="drop", lexicon_rows=label_rows)
