"""Scare quotes: the writer's own quotation marks on words nobody in the text is said to have used.

Which quoted fragments are scare quotes, and which are a speaker's words
(:mod:`newsprism.framing.kinds.partial_quote`), whole quotations, titles or words
cited as words, is decided in :func:`newsprism.framing.scare_quotes.read_quoted`.
"""

from __future__ import annotations

from newsprism.framing.kinds.common import Article, MarkerKind, reporting_lemmas, row
from newsprism.framing.scare_quotes import QuoteReading, read_quoted
from newsprism.text.quote_spans import RangeIndex

NAME = "scare_quote"
SCARE_EXPLANATION = ("Nobody in the text is said to have used {w}: the writer's own quotation marks keep a distance "
                     "from the word, as if to say 'so-called'.")


def quoted_readings(article: Article) -> list[QuoteReading]:
    """The article's short quoted fragments read as scare quotes or partial quotations (shared by both kinds)."""
    direct = RangeIndex(article.attributions.direct)
    return read_quoted(article.doc, article.fragments, reporting_lemmas("verb", "noun"), article.text, direct)


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
