"""Naming variants: every written form of a name that outlets write in different ways (Kiev/Kyiv)."""

from __future__ import annotations

import functools

from newsprism.entities.naming import known_variant_rows, known_variants
from newsprism.framing.kinds.common import Article, MarkerKind, row

NAME = "naming_variant"


@functools.lru_cache(maxsize=1)
def _forms_of_concept() -> dict[str, list[str]]:
    """Every written form of each concept in :func:`newsprism.entities.naming.known_variants`, for the explanations."""
    variants = known_variants()
    return {concept: sorted(group["variant"]) for concept, group in variants.groupby("concept")}


def naming_markers(text: str, where: str, context: str | None = None) -> list[dict]:
    """Every written form of a name that outlets write in different ways (Kiev/Kyiv).

    The forms are found as :func:`newsprism.entities.naming.find_known_variants` finds them, so that its
    context rule holds here too: a generic label ("rebels") counts only when
    ``context`` (default: ``text``; for a headline, pass the whole article) names
    the conflict it belongs to.

    >>> [r["text"] for r in naming_markers("Rebels shelled Lugansk, not Kiev.", "body")]
    ['Rebels', 'Lugansk', 'Kiev']
    >>> naming_markers("Rebels attacked the town in Syria.", "body")
    []
    """
    alternatives = _forms_of_concept()
    rows, seen = [], set()
    for v in known_variant_rows(text, context):  # the rows of find_known_variants, without a table
        if (v["start"], v["end"]) in seen:
            continue  # a form listed under two concepts is marked once
        seen.add((v["start"], v["end"]))
        written = v["text"]
        others = [o for o in alternatives.get(v["concept"], []) if o != v["variant"]]
        if not others:
            continue
        canonical = v["variant"] == v["canonical"]
        if canonical:
            why = f"'{written}' is the form newsprism takes as standard for {v['concept']}; other outlets write {', '.join(others)}."
        elif v["kind"] == "label":
            why = f"'{written}' is one of several labels for {v['concept']} (also {', '.join(others)}); the label chosen frames the group."
        else:
            why = (f"'{written}' is a {v['kind']} variant of '{v['canonical']}' ({v['source']}); "
                   "which spelling an outlet uses can signal whose view it follows.")
        rows.append(row(NAME, written, v["start"], v["end"], v["kind"], why, "naming_variants.csv",
                        where, about=v["canonical"], flagged=not canonical))
    return rows


def find(article: Article) -> list[dict]:
    return naming_markers(article.text, article.where, article.context)


KIND = MarkerKind(NAME, find)
