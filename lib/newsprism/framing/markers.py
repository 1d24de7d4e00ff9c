"""Framing markers: the small word choices that tilt a story, found where they stand.

One row per marker, with offsets into the text it was found in:

============  ==========================================================================
column        meaning
============  ==========================================================================
type          attribution_verb | scare_quote | partial_quote | hedge | loaded_label |
              evaluative | naming_variant | source_credit | anonymous_source (or a type
              from a user's extra lexicon)
text          the marker as written
start, end    character offsets into the text named by ``where`` (the article body, the
              headline, or the credit text itself for dateline and photo credits)
category      finer class: the stance for attribution verbs (neutral | distancing |
              endorsing | emphatic), the lexicon category for the others
about         the actor the marker concerns, when there is one ("Antony Blinken"; for a
              partial quotation, the speaker whose words are quoted)
explanation   one sentence a student understands
source        the lexicon file or rule that found the marker
where         body | headline | dateline | photo credit | ...
flagged       True when the marker tilts the text: every marker except neutral
              attribution verbs and the canonical spelling of a name
in_quote      True when the marker stands inside a genuine quotation (the speaker's
              words, not the writer's)
============  ==========================================================================

The Doc-level function :func:`markers_from_doc` works on a cached parse;
:func:`find_markers` parses a text and calls it. Each marker type is found by
one module of :mod:`newsprism.framing.kinds`; this module runs them in turn on
one :class:`~newsprism.framing.kinds.common.Article` and applies the rules that
hold for all of them (markers inside quotations, the actor in ``about``).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from spacy.tokens import Doc

from newsprism.framing.kinds import KIND_BY_NAME, KINDS
from newsprism.framing.kinds.common import MARKER_COLUMNS, Article, Attributions, empty_markers, lexicon_rows
from newsprism.framing.kinds.source_credit import credit_markers, credit_rows
from newsprism.framing.lexicons import PhraseIndex, load_extra_lexicon
from newsprism.quotes.extract import quotes_from_doc
from newsprism.text.nlp import doc_text
from newsprism.text.quote_spans import RangeIndex

MARKER_TYPES = tuple(kind.name for kind in KINDS)


def _extra_rows(article: Article, extra_lexicon) -> list[dict]:
    """Markers from a user's own list; a type that is also a marker kind is read as that kind reads a lexicon."""
    if extra_lexicon is None:
        return []
    table = extra_lexicon if isinstance(extra_lexicon, pd.DataFrame) else load_extra_lexicon(extra_lexicon)
    if "source" not in table.columns:
        table = table.assign(source="extra lexicon")
    rows = []
    for type_, group in table.groupby("type"):
        group = group.reset_index(drop=True)
        kind = KIND_BY_NAME.get(type_)
        read = kind.lexicon_rows if kind is not None and kind.lexicon_rows is not None else lexicon_rows
        rows += read(article, type_, group, PhraseIndex(group["text"].tolist()), "extra lexicon")
    return rows


def _resolve_about(rows: list[dict], entities: pd.DataFrame | None) -> None:
    """Replace the local name in ``about`` with the canonical actor, when the entities know it."""
    if entities is not None and len(entities) and {"start", "end", "actor", "text"} <= set(entities.columns):
        by_text = {}
        for text, actor in zip(entities["text"], entities["actor"]):  # columns, not a namedtuple class per call
            if isinstance(actor, str) and actor:
                by_text.setdefault(text, actor)
        for row in rows:
            if row["about"] in by_text and row["type"] != "naming_variant":
                row["about"] = by_text[row["about"]]


def markers_from_doc(
    doc: Doc,
    quotes: pd.DataFrame | None = None,
    entities: pd.DataFrame | None = None,
    where: str = "body",
    extra_lexicon: str | Path | pd.DataFrame | None = None,
    context: str | None = None,
) -> pd.DataFrame:
    """All framing markers of a parsed text, one row per marker (columns: see the module doc).

    ``quotes`` are the attributions of the text (from
    :func:`newsprism.quotes.extract.quotes_from_doc`; computed here when None): the
    cues, stances and speakers of attribution verbs and partial quotations come
    from them, and whole direct quotations are kept out of the scare quotes. ``entities`` (from
    :func:`newsprism.entities.extract.entities_from_doc`), when given, name the
    actor in ``about``.
    ``extra_lexicon`` is a CSV path (or table) with columns type,text,category,explanation.
    ``context`` is the text in which generic naming labels ("rebels") must find the
    words that tie them to a conflict (default: the parsed text; for a headline, pass
    the whole article).

    >>> from newsprism.text.nlp import parse
    >>> m = markers_from_doc(parse("Blinken claimed the threat was 'imminent'."))
    >>> m[["type", "text", "category"]].values.tolist()
    [['attribution_verb', 'claimed', 'distancing'], ['partial_quote', "'imminent'", 'fragment in reported speech']]
    """
    table = pd.DataFrame(_marker_rows(doc, quotes, entities, where, extra_lexicon, context), columns=MARKER_COLUMNS)
    return table if len(table) else empty_markers()


def _marker_rows(doc: Doc, quotes: pd.DataFrame | None, entities: pd.DataFrame | None, where: str,
                 extra_lexicon, context: str | None, text: str | None = None) -> list[dict]:
    """The rows of :func:`markers_from_doc`, in its order, before they become a table.

    ``text`` is ``doc.text`` when the caller has it (spaCy joins every token again on each access).
    """
    # Found here, the attributions give cues and the speakers as written; the actors
    # they stand for come from the caller's entities, as for every other kind.
    attributions = Attributions.of(quotes) if quotes is not None else Attributions.of(quotes_from_doc(doc, entities), resolved=False)
    article = Article.build(doc, attributions, where, context, text)
    rows = [row for kind in KINDS for row in article.rows(kind.name)]
    rows += _extra_rows(article, extra_lexicon)
    genuine = RangeIndex((f.inner_start, f.inner_end) for f in article.fragments if f.genuine)
    kept = []
    for row in rows:
        row["in_quote"] = genuine.covers(row["start"], row["end"])
        rule = KIND_BY_NAME[row["type"]].in_quote if row["in_quote"] and row["type"] in KIND_BY_NAME else "keep"
        if rule == "unflag":
            row["flagged"] = False
        elif rule == "drop":
            continue
        kept.append(row)
    _resolve_about(kept, entities)
    kept.sort(key=lambda r: (r["start"], r["end"], r["type"]))
    return kept


def find_markers(text: str, where: str = "body", extra_lexicon: str | Path | None = None, model: str | None = None,
                 context: str | None = None) -> pd.DataFrame:
    """Framing markers of a text: parses it and calls :func:`markers_from_doc`.

    Use ``where="headline"`` for a headline, so that its markers are counted apart
    (and pass the article as ``context``, see :func:`markers_from_doc`).

    >>> m = find_markers("Rebels in the self-proclaimed republic near Donetsk allegedly fired, a senior official said.")
    >>> sorted(set(m["type"]))
    ['anonymous_source', 'attribution_verb', 'hedge', 'loaded_label', 'naming_variant']
    """
    from newsprism.text.nlp import parse

    return markers_from_doc(parse(text, model), where=where, extra_lexicon=extra_lexicon, context=context)


# -- tables for a run ---------------------------------------------------------------------

def _by_article(table: pd.DataFrame | None) -> dict | None:
    """Each article's rows of ``table``, split once (filtering the whole table per article costs more)."""
    if table is None or "article_id" not in table.columns:
        return None
    return {"empty": table.iloc[:0], **{aid: rows for aid, rows in table.groupby("article_id", sort=False)}}


def _for_article(split: dict | None, article_id: str) -> pd.DataFrame | None:
    if split is None:
        return None
    return split.get(article_id, split["empty"])


def markers_table(
    articles: pd.DataFrame,
    docs: list[Doc],
    quotes: pd.DataFrame | None = None,
    entities: pd.DataFrame | None = None,
    extra_lexicon: str | Path | None = None,
    model: str | None = None,
) -> pd.DataFrame:
    """The ``markers`` table of a run: body, headline and credit markers of every article, keyed by ``article_id``.

    ``docs`` are the cached parses of ``articles.body`` in the same order;
    ``quotes`` is the run's quotes table (without it, each body's attributions
    are found here, once per article). Headlines are short and parsed here in one batch. Generic naming labels
    ("rebels") are read against the article's headline and body together, as
    :func:`newsprism.entities.naming.naming_table` reads them. A run without articles gets
    an empty table with the same columns and types.

    >>> from newsprism.text.nlp import parse
    >>> arts = pd.DataFrame({"article_id": ["a1"], "headline": ["Rebels advance"], "body": ["Shelling near Lugansk."]})
    >>> markers_table(arts, [parse(arts.body[0])])[["where", "text"]].values.tolist()
    [['body', 'Lugansk'], ['headline', 'Rebels']]
    """
    if len(docs) != len(articles):
        raise ValueError(f"markers_table: {len(articles)} articles but {len(docs)} parsed bodies")
    from newsprism.text.nlp import load_pipeline

    extra = load_extra_lexicon(extra_lexicon) if extra_lexicon is not None else None
    headlines = articles["headline"].fillna("").astype(str).tolist() if "headline" in articles.columns else [""] * len(articles)
    heads = list(load_pipeline(model).pipe(headlines))
    quotes_of, entities_of = _by_article(quotes), _by_article(entities)
    credits = articles["credits"].tolist() if "credits" in articles.columns else [None] * len(articles)
    # Plain rows for the whole run and one table at the end: a table per article and place costs more than its rows.
    rows = []
    for aid, doc, head_doc, headline, credit in zip(articles["article_id"], docs, heads, headlines, credits):
        body, head = doc_text(doc), doc_text(head_doc)
        context = f"{headline}\n{body}"
        found = _marker_rows(doc, _for_article(quotes_of, aid), _for_article(entities_of, aid), "body", extra, context,
                             body)
        if head.strip():
            # The quotes stage reads bodies only: the run's quotes table has no attributions in a headline.
            found += _marker_rows(head_doc, pd.DataFrame(), _for_article(entities_of, aid), "headline", extra, context,
                                  head)
        found += credit_rows(credit)
        rows += [{"article_id": aid, **r} for r in found]
    if not rows:
        return empty_markers().assign(article_id="")[["article_id", *MARKER_COLUMNS]]
    return pd.DataFrame(rows, columns=["article_id", *MARKER_COLUMNS])


def marker_rates(markers: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per outlet, marker type and place (body, headline): counts and rates per 1,000 words.

    Columns: ``outlet``, ``where`` (body | headline | credits), ``type``, ``count``,
    ``flagged`` (markers that tilt the text), ``words`` (body words or headline words
    of the outlet's articles), ``per_1000_words``, ``flagged_per_1000_words``.
    Every outlet gets a row for every marker type, zero when none was found (so a
    run without any marker gets zero rates, not an empty table).

    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "headline": ["Kiev"], "word_count": [500]})
    >>> mk = pd.DataFrame({"article_id": ["a", "a"], "type": ["hedge", "hedge"], "where": ["body", "body"], "flagged": [True, True]})
    >>> marker_rates(mk, arts).query("type == 'hedge' and where == 'body'")["per_1000_words"].tolist()
    [4.0]
    >>> marker_rates(mk.iloc[:0], arts)["count"].tolist()[:3]
    [0, 0, 0]
    """
    arts = articles.copy()
    if "word_count" not in arts.columns:
        arts["word_count"] = arts["body"].fillna("").str.split().str.len()
    arts["headline_words"] = arts.get("headline", pd.Series([""] * len(arts), index=arts.index)).fillna("").astype(str).str.split().str.len()
    # Summed in a dict, as a groupby would (no outlet, no count: left out): a groupby with named
    # aggregations costs more than the rest of the table.
    words_of: dict[tuple, int] = {}
    for outlet, body_words, headline_words in zip(arts["outlet"], arts["word_count"], arts["headline_words"]):
        if pd.isna(outlet):
            continue
        for place, n in (("body", body_words), ("headline", headline_words)):
            words_of[outlet, place] = words_of.get((outlet, place), 0) + (0 if pd.isna(n) else n)
    m = markers.merge(arts[["article_id", "outlet"]], on="article_id", how="left")
    m["place"] = m["where"].where(m["where"].isin(["body", "headline"]), "credits")
    # An empty table read back without types has object columns, which cannot be summed.
    m["flagged"] = m["flagged"].fillna(False).astype(bool)
    # Counted in plain dicts: a groupby with named aggregations and a reindex cost more than the
    # few hundred markers of a run. Every outlet, place and type of the grid first, in sorted
    # order, then any other (outlet, place, type) found (credits), sorted.
    tally: dict[tuple, list[int]] = {}
    for key in zip(m["outlet"], m["place"], m["type"], m["flagged"]):
        if pd.isna(key[0]) or pd.isna(key[2]):
            continue  # a marker of an article that is not listed, as a groupby leaves it out
        counted = tally.setdefault(key[:3], [0, 0])
        counted[0] += 1
        counted[1] += int(key[3])
    types = sorted(set(MARKER_TYPES) | set(m["type"]))
    grid = [(o, p, t) for o in sorted(arts["outlet"].unique()) for p in ("body", "headline") for t in types]
    listed = set(grid)
    keys = grid + sorted(k for k in tally if k not in listed)
    table = pd.DataFrame(keys, columns=["outlet", "place", "type"])
    table["count"] = pd.array([tally.get(k, (0, 0))[0] for k in keys], dtype="int64")
    table["flagged"] = pd.array([tally.get(k, (0, 0))[1] for k in keys], dtype="int64")
    table["words"] = pd.array([int(words_of[o, p]) if p in ("body", "headline") else 0
                               for o, p in zip(table["outlet"], table["place"])], dtype="int64")
    per = 1000 / table["words"].where(table["words"] > 0)
    table["per_1000_words"] = (table["count"] * per).round(2).fillna(0.0)
    table["flagged_per_1000_words"] = (table["flagged"] * per).round(2).fillna(0.0)
    table = table.rename(columns={"place": "where"})
    return table.sort_values(["outlet", "where", "type"]).reset_index(drop=True)


__all__ = ["MARKER_COLUMNS", "MARKER_TYPES", "find_markers", "markers_from_doc", "credit_markers",
           "markers_table", "marker_rates"]
