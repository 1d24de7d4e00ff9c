"""Selection: the facts only some outlets report, and how much of each story has no counterpart elsewhere."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from newsprism.compare.topics.common import (FindingOptions, RunTables, Topic, _evidence, _finding, _others,
                                             _snippet, join_names)
from newsprism.compare.verify import check_exclusive_fact


def _diverse(facts: pd.DataFrame, limit: int) -> pd.DataFrame:
    """The most salient facts, skipping one whose key terms were all shown already."""
    seen: set[str] = set()
    keep = []
    for index, terms in zip(facts.index, facts.get("key_terms", pd.Series("", index=facts.index)).fillna("")):
        terms = {t.strip().lower() for t in terms.split(",") if t.strip()}
        if terms and terms <= seen:
            continue
        seen |= terms
        keep.append(index)
        if len(keep) == limit:
            break
    return facts.loc[keep]


def _fact_claim(group: Iterable[str], facts: Iterable[tuple[str, object]]) -> dict:
    """The claim "only these outlets report these facts", as :mod:`newsprism.compare.verify` reads it."""
    return {"kind": "exclusive_fact", "outlets": list(group),
            "facts": [{"text": t, "terms": [x.strip() for x in str(k or "").split(",") if x.strip()]} for t, k in facts]}


def _exclusive_findings(run: RunTables, options: FindingOptions) -> list[dict]:
    """The most salient facts that one outlet, or some outlets, report and the others do not."""
    facts = run.table("exclusive_facts", ["text", "salience"])
    outlets = run.outlets
    if facts is None or len(outlets) < 2:
        return []
    findings = []
    also = facts.also_in.fillna("") if "also_in" in facts else pd.Series("", index=facts.index)
    facts = facts.assign(group=[tuple(sorted({o, *[x.strip() for x in a.split(",") if x.strip()]}))
                                for o, a in zip(facts.outlet, also)])
    raw = run.raw
    for group, rows in facts.groupby("group", sort=False):
        missing = _others(outlets, group)
        if not missing:
            continue  # told by every outlet: nothing is exclusive
        if len(group) > 1 and "kind" in rows:
            # An omission stands on whole sentences the others share; a name two outlets use
            # and the third spells differently ("Preibus"/"Priebus") is no omission.
            rows = rows[rows["kind"] == "sentence"]
        rows = rows[rows.salience >= options.min_salience].sort_values("salience", ascending=False)
        # A fact whose every name and number another outlet's article also has may be told
        # there in other words: it is left out here rather than let it sink the finding.
        rows = rows[[check_exclusive_fact(_fact_claim(group, [(t, k)]), raw) is None
                     for t, k in zip(rows.text, rows.get("key_terms", pd.Series("", index=rows.index)))]]
        if rows.empty:
            continue
        if len(group) == 1:
            lead, kind = f"Only {group[0]} reports", "exclusive_fact"
        elif len(missing) == 1:
            # An omission: what every other outlet tells its readers and this one does not.
            lead, kind = f"Every outlet except {missing[0]} reports", "omission"
        else:
            lead, kind = f"{join_names(group)} but not {join_names(missing)} report", "omission"
        shown = _diverse(rows, options.max_examples)
        pieces = "; ".join(f"\"{_snippet(t, k)}\"" for t, k in zip(shown.text, shown.get("key_terms", [""] * len(shown))))
        more = f" (and {len(rows) - len(shown)} more)" if len(rows) > len(shown) else ""
        claim = _fact_claim(group, zip(shown.text, shown.get("key_terms", [""] * len(shown))))
        findings.append(_finding(f"{lead}: {pieces}{more}.", _evidence(shown), group,
                                 float(shown.salience.sum()) / 2, claim, measured_as=kind))
    return findings


def _alignment_findings(run: RunTables, options: FindingOptions) -> list[dict]:
    """How many sentences of each outlet have no counterpart in another outlet."""
    alignment = run.table("alignment", ["article_id", "sentence", "matched"])
    outlets = run.outlets
    if alignment is None or len(outlets) < 2:
        return []
    per_sentence = alignment.groupby(["outlet", "article_id", "sentence"]).matched.any().reset_index()
    per_sentence["matched"] = per_sentence.matched.astype(bool)
    parts, alone = [], {}
    for outlet in outlets:
        rows = per_sentence[per_sentence.outlet == outlet]
        if len(rows):
            alone[outlet] = int((~rows.matched).sum())
            parts.append(f"{alone[outlet]} of {outlet}'s {len(rows)} sentence{'s' if len(rows) > 1 else ''}")
    elsewhere = "the other outlet" if len(outlets) == 2 else "any other outlet"
    if len(parts) < 2:
        return []
    # Say "much of each story" only when it holds: every outlet has sentences of its own,
    # and together they make at least half of all sentences.
    if not any(alone.values()):
        sentence = f"Every sentence has a counterpart in {elsewhere}: {join_names(parts)} stand alone."
    elif all(alone.values()) and 2 * sum(alone.values()) >= len(per_sentence):
        sentence = f"Much of each story is told once: {join_names(parts)} have no counterpart in {elsewhere}."
    else:
        sentence = f"Some sentences are told by one outlet only: {join_names(parts)} have no counterpart in {elsewhere}."
    return [_finding(sentence, [], outlets, 0, measured_as="sentence_share")]


TOPIC = Topic("selection", 3.0, (_exclusive_findings, _alignment_findings))
