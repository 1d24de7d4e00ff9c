"""Scare quotes: a few words put in quotation marks by the writer (rules in :mod:`newsprism.framing.scare_quotes`).

A fragment that the quotes stage took as a whole direct quotation is not one.
"""

from __future__ import annotations

from newsprism.framing.kinds.common import Article, MarkerKind, reporting_lemmas, row
from newsprism.framing.scare_quotes import scare_quote_spans

NAME = "scare_quote"
SCARE_EXPLANATIONS = {
    "scare quote": "Quotation marks around {w} in the writer's own sentence keep a distance from the word, as if to say 'so they call it'.",
    "quoted label": "Quotation marks around {w} present it as someone else's word for the thing, one the writer does not adopt.",
    "fragment in reported speech": "Picking out {w} in quotation marks from what someone said invites the reader to doubt those words.",
}


def find(article: Article) -> list[dict]:
    """Scare quotes, minus fragments that the quote extractor found as a whole direct quotation."""
    rows = []
    text, where = article.text, article.where
    for frag, category in scare_quote_spans(article.doc, article.fragments, reporting_lemmas("verb", "noun"), text):
        if (frag.inner_start, frag.inner_end) in article.attributions.direct:
            continue
        if where == "headline" and category == "fragment in reported speech":
            category = "scare quote"  # a headline is the outlet's own voice
        quoted = text[frag.start : frag.end]
        rows.append(row(NAME, quoted, frag.start, frag.end, category,
                        SCARE_EXPLANATIONS[category].format(w=quoted), "scare_quotes rule", where))
    return rows


KIND = MarkerKind(NAME, find)
