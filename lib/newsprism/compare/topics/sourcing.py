"""Sourcing: the agencies and outlets each article credits, and its unnamed sources."""

from __future__ import annotations

import json
import re

import pandas as pd

from newsprism.compare.topics.common import (FindingOptions, RunTables, Topic, _agencies, _clean, _clear_lead, _media,
                                             _evidence, _examples, _finding, _is_self, _squash, join_names)


_CREDIT_NOISE = {"citing", "according", "to", "a", "an", "the", "witness", "witnesses", "correspondent",
                 "reporter", "photo", "pool", "via", "source", "file", "by", "and", "report", "reports"}


def _credited_name(text: str) -> str:
    """The agency or outlet a credit names: its first run of capitalised words.

    >>> _credited_name("a Reuters witness"), _credited_name("© REUTERS / POOL"), _credited_name("told Fox News")
    ('Reuters', 'Reuters', 'Fox News')
    """
    words = re.findall(r"[A-Za-z][A-Za-z&.'-]*", text)
    run: list[str] = []
    for word in words:
        if word[0].isupper() and word.lower() not in _CREDIT_NOISE:
            run.append(word.capitalize() if word.isupper() and len(word) > 4 else word)
        elif run:
            break
    return " ".join(run) if run else _clean(text)




def _credits(run: RunTables) -> pd.DataFrame:
    rows = []
    markers = run.table("markers", ["type", "text"])
    if markers is not None:
        credit = markers[markers["type"] == "source_credit"]
        for row in credit.to_dict("records"):
            about = row.get("about")
            rows.append({"article_id": row.get("article_id"), "outlet": row["outlet"], "text": row["text"],
                         "where": row.get("where") or "body", "start": row.get("start"), "end": row.get("end"),
                         "name": about if isinstance(about, str) and about.strip() else _credited_name(row["text"])})
    if run.articles is not None and "credits" in run.articles:
        for article in run.articles.itertuples(index=False):
            try:
                items = json.loads(article.credits) if isinstance(article.credits, str) and article.credits else []
            except json.JSONDecodeError:
                items = []
            for item in items:
                name = _credited_name(item.get("text", ""))
                # A byline's author is no cited source: only a news organisation the lists
                # know, or the outlet itself, is credited from the page's credit lines.
                if not (_squash(re.sub(r"^the\s+", "", name, flags=re.I)) in _media() or _is_self(name, article.outlet)):
                    continue
                rows.append({"article_id": article.article_id, "outlet": article.outlet, "text": item.get("text", ""),
                             "where": item.get("where", ""), "start": None, "end": None,
                             "name": name})
    table = pd.DataFrame(rows, columns=["article_id", "outlet", "text", "where", "start", "end", "name"])
    if table.empty:
        return table
    table["where"] = table["where"].fillna("body").replace("", "body")
    table["key"] = table.text.map(lambda t: _clean(t).lower())
    # The same credit from the markers table and from the articles table is one credit
    # (the markers' row comes first and carries the canonical name).
    return table.drop_duplicates(["outlet", "key"]).reset_index(drop=True)


def _credit_findings(run: RunTables, options: FindingOptions) -> list[dict]:
    """The agencies and outlets each outlet credits (relays, cites, itself), when they differ."""
    outlets = run.outlets
    credits = _credits(run)
    if len(outlets) < 2 or credits.empty:
        return []
    parts, involved = [], []
    for outlet in outlets:
        rows = credits[credits.outlet == outlet]
        is_self = rows.name.map(lambda name, o=outlet: _is_self(name, o)).astype(bool)
        photo = rows["where"].str.contains("photo", case=False)
        clauses = []
        if is_self.any():
            clauses.append(f"credits itself ({_examples(rows.loc[is_self, 'text'], 2)})")
        text_credits = rows[~is_self & ~photo]
        if len(text_credits):
            # An agency's copy is relayed; another outlet is only cited.
            agency = text_credits.name.map(lambda n: _squash(n) in _agencies())
            for verb, part in (("relays", text_credits[agency]), ("cites", text_credits[~agency])):
                if len(part):
                    names = list(dict.fromkeys(part.name))
                    clauses.append(f"{verb} {join_names(names)} ({_examples(part.text, 3)})")
        photo_only = rows[~is_self & photo & ~rows.name.isin(set(text_credits.name))]
        if len(photo_only):
            clauses.append(f"uses a photo from {join_names(dict.fromkeys(photo_only.name))}")
        parts.append(f"{outlet} " + (" and ".join(clauses) if clauses else "credits no agency or outlet"))
        involved.append(outlet)
    signature = {o: frozenset(credits.loc[credits.outlet == o, "name"].str.lower()) for o in outlets}
    if len(set(signature.values())) == 1:
        return []  # every outlet credits the same names
    return [_finding("; ".join(parts) + ".", _evidence(credits), involved, len(credits), measured_as="credits")]


def _anonymous_findings(run: RunTables, options: FindingOptions) -> list[dict]:
    """Unnamed sources ("a senior official"), from the markers and the quotes tables."""
    rows = []
    markers = run.table("markers", ["type", "text"])
    if markers is not None:
        anon = markers[markers["type"] == "anonymous_source"]
        rows += [{"article_id": r.get("article_id"), "outlet": r["outlet"], "text": r["text"],
                  "start": r.get("start"), "end": r.get("end")} for r in anon.to_dict("records")]
    quotes = run.table("quotes", ["anonymous", "speaker_mention"])
    if quotes is not None:
        anon = quotes[quotes.anonymous.fillna(False).astype(bool) & quotes.speaker_mention.notna()]
        rows += [{"article_id": r.get("article_id"), "outlet": r["outlet"], "text": r["speaker_mention"],
                  "start": r.get("speaker_start"), "end": r.get("speaker_end"),
                  "speaker": r.get("speaker")} for r in anon.to_dict("records")]
    outlets = run.outlets
    if not rows or len(outlets) < 2:
        return []
    table = pd.DataFrame(rows)
    table["key"] = table.text.map(lambda t: re.sub(r"^(a|an|the)\s+", "", _clean(t).lower()))
    if "speaker" in table:
        # "a German source" and later "the source" resolve to one speaker: one source.
        table["key"] = table.speaker.where(table.speaker.notna(), table.key).map(lambda t: _clean(t).lower())
        table = table.sort_values("start", na_position="last")
        mention_key = dict(zip(table.text.map(lambda t: _clean(t).lower()), table.key))
        table["key"] = [mention_key.get(_clean(t).lower(), k) for t, k in zip(table.text, table.key)]
    table = table.drop_duplicates(["outlet", "start"]).drop_duplicates(["outlet", "key"])
    counts = table.outlet.value_counts().reindex(outlets, fill_value=0)
    leader = counts.idxmax()
    if not _clear_lead(counts[leader], counts.drop(leader).max(), options.min_count):
        return []
    ordered = counts.sort_values(ascending=False, kind="stable")
    parts = [f"{leader} relies on {int(counts[leader])} unnamed source{'s' if counts[leader] > 1 else ''} "
             f"({_examples(table.loc[table.outlet == leader, 'text'], 3)})"]
    for outlet in ordered.index[1:]:
        parts.append(f"{outlet} on {int(ordered[outlet]) if ordered[outlet] else 'none'}")
    zero = [o for o in outlets if counts[o] == 0]
    claim = {"kind": "count_contrast", "outlet": leader, "none": zero, "outside_quotes": True,
             "examples": list(dict.fromkeys(table.loc[table.outlet == leader, "text"].map(_clean)))}
    return [_finding("; ".join(parts) + ".", _evidence(table), [leader, *zero], int(counts[leader]), claim,
                     measured_as="anonymous_sources")]


TOPIC = Topic("sourcing", 3.0, (_credit_findings, _anonymous_findings))
