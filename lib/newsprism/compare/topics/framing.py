"""Framing: scare quotes, hedges, loaded labels and doubting reporting words, in the body and the headline."""

from __future__ import annotations

import pandas as pd

from newsprism.compare.topics.common import (_DOUBT_CLASSES, FindingOptions, RunTables, Topic, _clear_lead,
                                             _evidence, _examples, _finding, _others, _unquote, join_names)


# How each framing marker type is described to a reader; the key is the marker type.
_MARKER_PHRASES = {
    "scare_quote": ("puts {n} words or phrases in scare quotes", "uses none"),
    "partial_quote": ("puts {n} fragments of {whose} words in quotation marks", "uses none"),
    "hedge": ("uses {n} hedges that cast doubt", "uses none"),
    "loaded_label": ("uses {n} loaded labels", "uses none"),
    "evaluative": ("uses {n} evaluative words of its own", "uses none"),
    "distancing": ("uses {n} reporting words that cast doubt", "uses none"),
}

_VERB_TYPES = {"attribution_verb", "distancing_verb"}
# Kinds that are words in quotation marks: "Y uses none" means Y marks none of them, not
# that Y never writes the word.
_QUOTE_MARK_KINDS = {"scare_quote", "partial_quote"}
_PRONOUNS = frozenset("he she they it we i you his her their its who".split())


def _whose(rows: pd.DataFrame) -> str:
    """Whose words partial quotations pass on: "Antony Blinken's and the West's"; "others'" for speakers not named.

    >>> _whose(pd.DataFrame({"about": ["Antony Blinken", "the West", "he"]}))
    "Antony Blinken's, the West's and others'"
    """
    about = [str(a) for a in rows["about"].fillna("")] if "about" in rows else []
    named = [a for a in dict.fromkeys(about) if a and a.split(" (")[0].lower() not in _PRONOUNS]
    owners = [f"{n}'" if n.endswith("s") else f"{n}'s" for n in named[:3]]
    if len(named) > 3 or len(named) < len(set(about)) or not owners:
        owners.append("others'")
    return join_names(owners)


def _marker_kind(markers: pd.DataFrame) -> pd.Series:
    """Marker type, with non-neutral reporting verbs folded into one kind, ``distancing``."""
    kind = markers["type"].astype(str)
    category = markers.category.astype(str).str.lower() if "category" in markers else pd.Series("", index=markers.index)
    verbs = kind.isin(_VERB_TYPES)
    kind = kind.where(~verbs, "other_verb")
    kind = kind.mask(verbs & (category.isin(_DOUBT_CLASSES) | (markers["type"] == "distancing_verb")), "distancing")
    return kind


def _outlet_markers(run: RunTables) -> pd.DataFrame | None:
    """The markers that are the outlet's own choice, each with its ``kind``; None without a markers table."""
    markers = run.table("markers", ["type", "text"])
    if markers is None:
        return None
    if "flagged" in markers:
        # Unflagged markers are the speaker's own words inside a quotation, not the outlet's choice.
        markers = markers[markers.flagged.fillna(True).astype(bool)]
    return markers.assign(kind=_marker_kind(markers))


def _framing_findings(run: RunTables, options: FindingOptions) -> list[dict]:
    """One outlet that uses a kind of framing marker far more than the others."""
    markers = _outlet_markers(run)
    if markers is None:
        return []
    min_count, outlets = options.min_count, run.outlets
    words = run.words()
    findings = []
    for kind, (found, none) in _MARKER_PHRASES.items():
        rows = markers[markers.kind == kind]
        counts = rows.outlet.value_counts().reindex(outlets, fill_value=0)
        if counts.max() < min_count or len(outlets) < 2:
            continue
        rates = {o: counts[o] / words[o] * 1000 for o in outlets if words.get(o)}
        leader = counts.idxmax()
        # The next outlet must be well behind, and the contrast must hold per word too.
        if not _clear_lead(int(counts[leader]), int(counts.drop(leader).max()), min_count):
            continue
        if rates and len(rates) == len(outlets) and sorted(rates.values())[-2] * 2 > rates[leader]:
            continue
        ordered = counts.sort_values(ascending=False, kind="stable")
        parts = [f"{leader} {found.format(n=int(counts[leader]), whose=_whose(rows.loc[rows.outlet == leader]))} "
                 f"({_examples(rows.loc[rows.outlet == leader, 'text'], options.max_examples)})"]
        zero = [o for o in ordered.index if ordered[o] == 0]
        for outlet in ordered.index[1:]:
            if ordered[outlet]:
                parts.append(f"{outlet} {int(ordered[outlet])} "
                             f"({_examples(rows.loc[rows.outlet == outlet, 'text'], 2)})")
        if zero:
            parts.append(f"{join_names(zero)} {none}" if len(zero) == 1 else f"{join_names(zero)} use none")
        sentence = "; ".join(parts) + "."
        evidence = _evidence(rows.sort_values(["outlet"], key=lambda s: s.map(outlets.index)))
        # "Y uses none" is re-checked in Y's raw text: none of X's examples may stand there
        # in the writer's own words.
        claim = {"kind": "quoted_words" if kind in _QUOTE_MARK_KINDS else "count_contrast",
                 "outlet": leader, "none": zero, "outside_quotes": True,
                 "examples": [_unquote(t) for t in dict.fromkeys(rows.loc[rows.outlet == leader, "text"])]} \
            if zero else None
        findings.append(_finding(sentence, evidence, [leader, *zero], int(counts[leader]), claim, measured_as=kind))
    return findings


def _headline_findings(run: RunTables, options: FindingOptions) -> list[dict]:
    """Framing in the headline, which most readers see and many read alone."""
    markers, outlets = _outlet_markers(run), run.outlets
    if markers is None or "where" not in markers:
        return []
    framing = markers[(markers["where"] == "headline") & markers.kind.isin(set(_MARKER_PHRASES))]
    if framing.empty or len(outlets) < 2:
        return []
    names = {"scare_quote": "scare quotes", "partial_quote": "a speaker's words in quotation marks", "hedge": "hedge",
             "loaded_label": "loaded label", "evaluative": "an evaluative word", "distancing": "a word that casts doubt"}
    with_markers = [o for o in outlets if (framing.outlet == o).any()]
    without = _others(outlets, with_markers)
    if not without:
        return []
    parts = []
    for outlet in with_markers:
        rows = framing[framing.outlet == outlet]
        listed = ", ".join(f"'{_unquote(t)}' ({names[k]})" for t, k in zip(rows.text, rows.kind))
        parts.append(f"{outlet}'s headline already frames the story: {listed}")
    sentence = "; ".join(parts) + f"; {join_names(without)}'s headline{'s have' if len(without) > 1 else ' has'} no such words."
    return [_finding(sentence, _evidence(framing), with_markers, 2 * len(framing), measured_as="headline_framing")]


TOPIC = Topic("framing", 4.0, (_framing_findings, _headline_findings))
