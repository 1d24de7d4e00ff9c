"""Naming: the same place, person or group called differently ("Kiev" against "Kyiv")."""

from __future__ import annotations

import re

from newsprism.compare.topics.common import FindingOptions, RunTables, Topic, _finding, _others, _times, join_names


def _naming_findings(run: RunTables, options: FindingOptions) -> list[dict]:
    """Outlets that name the same place, person or group differently."""
    naming = run.table("naming", ["concept", "variant", "count"])
    if naming is None:
        return []
    findings = []
    for concept, group in naming.groupby("concept", sort=False):
        usage = group.groupby(["outlet", "variant"])["count"].sum().reset_index()
        usage = usage[usage["count"] > 0]
        if usage.outlet.nunique() < 2 or usage.variant.nunique() < 2 or usage["count"].max() < 2:
            continue
        if len({_inflection_stem(v) for v in usage.variant}) < 2:
            continue  # "Democrat" against "Democrats" is grammar, not a naming choice
        choice = {}
        for outlet, forms in usage.groupby("outlet", sort=False):
            forms = forms.sort_values("count", ascending=False)
            choice[outlet] = [(v, int(c)) for v, c in zip(forms.variant, forms["count"])]
        if len({forms[0][0] for forms in choice.values()}) < 2:
            continue  # every outlet prefers the same form: nothing to contrast
        outlets = [o for o in run.outlets if o in choice] + [o for o in choice if o not in run.outlets]
        parts = []
        for outlet in outlets:
            forms = " and ".join(f"{v} ({_times(c)})" for v, c in choice[outlet])
            parts.append(f"{outlet} writes {forms}")
        silent = [o for o in _others(run.outlets, choice)]
        sentence = "; ".join(parts) + "."
        if silent:
            sentence = sentence[:-1] + f"; {join_names(silent)} {'does' if len(silent) == 1 else 'do'} not name it."
        claim = {"kind": "variant_choice", "concept": concept, "choices": {o: choice[o] for o in outlets},
                 "silent": silent}
        findings.append(_finding(sentence, _variant_evidence(run, choice), outlets,
                                 sum(c for forms in choice.values() for _, c in forms), claim,
                                 measured_as="variant_choice"))
    return findings


def _inflection_stem(word: str) -> str:
    """"Democrats", "Democratic" -> "democrat"; "Kiev" and "Kyiv" stay apart.

    >>> _inflection_stem("Democratic"), _inflection_stem("Muslims"), _inflection_stem("Kyiv")
    ('democrat', 'muslim', 'kyiv')
    """
    return re.sub(r"(['’]s|s|ic|ical|ically)$", "", str(word).lower())


def _variant_evidence(run: RunTables, choice: dict[str, list[tuple[str, int]]]) -> list[dict]:
    if run.articles is None or "body" not in run.articles:
        return []
    evidence = []
    for article in run.articles.itertuples(index=False):
        for variant, _ in choice.get(article.outlet, []):
            for match in list(re.finditer(rf"(?<![\w-]){re.escape(variant)}(?![\w-])", article.body or ""))[:2]:
                evidence.append({"article_id": article.article_id, "start": match.start(),
                                 "end": match.end(), "text": match.group()})
    return evidence


TOPIC = Topic("naming", 4.0, (_naming_findings,))
