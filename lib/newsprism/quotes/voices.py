"""Share of voice: who gets to speak in each outlet, how much, and in whose words."""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pandas as pd

from newsprism.text.quote_spans import DOUBLE_MARKS

NO_SPEAKER = "(no speaker found)"
# One row per outlet for the attributions whose mention ("he") has no clear antecedent
# (``resolved`` False in the quotes table): they are no named person.
UNRESOLVED_SPEAKER = "(speaker unresolved)"
# Column types are fixed, so that a run without quotations writes the same schema as any other.
_VOICE_DTYPES = {"outlet": "object", "speaker": "object", "quotes": "int64", "direct": "int64", "mixed": "int64",
                 "indirect": "int64", "words": "int64", "words_quoted": "int64", "anonymous": "int64",
                 "share_of_outlet": "float64", "verbs": "object"}
_SUMMARY_DTYPES = {"outlet": "object", "quotes": "int64", "speakers": "int64", "words_quoted": "int64",
                   "direct_share": "float64", "anonymous_share": "float64"}
VOICE_COLUMNS = list(_VOICE_DTYPES)
SUMMARY_COLUMNS = list(_SUMMARY_DTYPES)
_MARK = re.escape(DOUBLE_MARKS)
_QUOTED = re.compile(f"[{_MARK}]([^{_MARK}]+)[{_MARK}]")


def _empty(dtypes: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series(dtype=dtype) for column, dtype in dtypes.items()})


def _typed(columns: dict[str, list], dtypes: dict[str, str]) -> pd.DataFrame:
    """A table of the columns ``dtypes`` names, each of its type, made from plain lists (one step: a table
    made first and converted after cost three times as much for a story's few rows)."""
    return pd.DataFrame({name: np.array(columns[name], dtype=dtype) for name, dtype in dtypes.items()})


def _words(text: str) -> int:
    return len(re.findall(r"[\w'’-]+", text or ""))


def words_in_quotation_marks(kind: str, content: str) -> int:
    """Words the outlet gives in the speaker's own words: all of a direct quote, the quoted fragments of a mixed one.

    >>> words_in_quotation_marks("mixed", 'Russia had outlined "our considerations" to the media')
    2
    >>> words_in_quotation_marks("direct", "We ordered the departure")
    4
    """
    if kind == "direct":
        return _words(content)
    if kind == "mixed":
        return sum(_words(m) for m in _QUOTED.findall(content or ""))
    return 0


def _verb_list(cues) -> str:
    counts = Counter(cue.lower() for cue in cues if isinstance(cue, str))
    # Most used first; ties in alphabetical order.
    return ", ".join(f"{cue} ×{n}" if n > 1 else cue for cue, n in sorted(counts.items(), key=lambda c: (-c[1], c[0])))


def voices_table(quotes: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per outlet and speaker: how often and how the speaker is reported.

    Columns (:data:`VOICE_COLUMNS`): ``quotes`` attributions, ``direct``/``mixed``/
    ``indirect`` counts, ``words`` reported, ``words_quoted`` in the speaker's own
    words (inside quotation marks), ``anonymous`` attributions to unnamed sources,
    ``share_of_outlet`` the speaker's share of the outlet's attributions, ``verbs``
    the cues the outlet uses for the speaker ("said ×2, claimed").

    >>> arts = pd.DataFrame({"article_id": ["a1"], "outlet": ["Sputnik"]})
    >>> qs = pd.DataFrame({"article_id": ["a1", "a1"], "speaker": ["Antony Blinken"] * 2,
    ...     "kind": ["direct", "indirect"], "content": ["We ordered the departure", "a path remains open"],
    ...     "cue": ["said", "claimed"], "anonymous": [False, False]})
    >>> voices_table(qs, arts)[["speaker", "quotes", "words_quoted", "verbs"]].values.tolist()
    [['Antony Blinken', 2, 4, 'claimed, said']]

    A run without any attribution gets an empty table with the same columns and types:

    >>> voices_table(qs.iloc[:0], arts).dtypes["quotes"]
    dtype('int64')
    """
    if quotes.empty:
        return _empty(_VOICE_DTYPES)
    # Plain lists, not a copy of the table: a story page makes this table for one story's few attributions,
    # where each pandas step costs more than the counting. An attribution whose article is not listed is left out.
    outlet_of = dict(zip(articles["article_id"], articles["outlet"]))
    outlets = [outlet_of.get(article) for article in quotes["article_id"]]
    speakers = [NO_SPEAKER if pd.isna(speaker) else speaker for speaker in quotes["speaker"]]
    if "resolved" in quotes:
        resolved = [not pd.isna(value) and bool(value) for value in quotes["resolved"]]
        speakers = [speaker if resolved[i] or speaker == NO_SPEAKER else UNRESOLVED_SPEAKER
                    for i, speaker in enumerate(speakers)]
    contents, kinds = quotes["content"].tolist(), quotes["kind"].tolist()
    groups: dict[tuple, list] = {}
    for outlet, speaker, kind, content, anonymous, cue in zip(outlets, speakers, kinds, contents,
                                                               quotes["anonymous"], quotes["cue"]):
        if pd.isna(outlet):
            continue
        groups.setdefault((outlet, speaker), []).append(
            (kind, _words(content), words_in_quotation_marks(kind, content), anonymous, cue))
    rows = []
    for (outlet, speaker), group in sorted(groups.items(), key=lambda g: g[0]):
        kinds = [g[0] for g in group]
        rows.append({
            "outlet": outlet, "speaker": speaker, "quotes": len(group),
            "direct": kinds.count("direct"), "mixed": kinds.count("mixed"), "indirect": kinds.count("indirect"),
            "words": int(sum(g[1] for g in group)), "words_quoted": int(sum(g[2] for g in group)),
            "anonymous": sum(bool(g[3]) for g in group),
            "verbs": _verb_list(g[4] for g in group),
        })
    if not rows:  # no attribution belongs to a listed article
        return _empty(_VOICE_DTYPES)
    totals: Counter = Counter()
    for row in rows:
        totals[row["outlet"]] += row["quotes"]
    # Rounded as pandas rounds (numpy's), so that the shares are those of a whole-table computation.
    shares = np.round(np.array([row["quotes"] for row in rows], dtype="int64")
                      / np.array([totals[row["outlet"]] for row in rows], dtype="int64"), 3)
    for row, share in zip(rows, shares.tolist()):
        row["share_of_outlet"] = share
    rows.sort(key=lambda row: (row["outlet"], -row["quotes"], row["speaker"]))
    return _typed({name: [row[name] for row in rows] for name in VOICE_COLUMNS}, _VOICE_DTYPES)


def outlet_summary(voices: pd.DataFrame) -> pd.DataFrame:
    """Per outlet: attributions, speakers, direct share and anonymous share.

    Columns (:data:`SUMMARY_COLUMNS`): ``outlet``, ``quotes``, ``speakers``,
    ``words_quoted``, ``direct_share``, ``anonymous_share``; empty (same columns)
    when ``voices`` is.

    >>> v = pd.DataFrame({"outlet": ["VOI", "VOI"], "speaker": ["Biden", "german source"], "quotes": [3, 1],
    ...     "direct": [1, 0], "mixed": [0, 0], "indirect": [2, 1], "anonymous": [0, 1], "words_quoted": [9, 0]})
    >>> outlet_summary(v)[["outlet", "speakers", "direct_share", "anonymous_share"]].values.tolist()
    [['VOI', 2, 0.25, 0.25]]
    >>> outlet_summary(v.iloc[:0]).columns.tolist() == SUMMARY_COLUMNS
    True
    """
    if voices.empty:
        return _empty(_SUMMARY_DTYPES)
    # Summed over plain columns (one story's voices are a few rows: pandas groups cost more than the sums).
    sums: dict[object, list] = {}
    for outlet, speaker, quotes, words_quoted, direct, anonymous in zip(
            voices["outlet"], voices["speaker"], voices["quotes"], voices["words_quoted"], voices["direct"],
            voices["anonymous"]):
        if pd.isna(outlet):
            continue
        total = sums.setdefault(outlet, [0, set(), 0, 0, 0])
        total[0] += quotes
        if speaker != UNRESOLVED_SPEAKER and not pd.isna(speaker):
            total[1].add(speaker)
        total[2] += words_quoted
        total[3] += direct
        total[4] += anonymous
    outlets = sorted(sums)
    quotes = np.array([sums[o][0] for o in outlets], dtype="int64")

    def share(position: int) -> list[float]:  # rounded as pandas rounds (numpy's)
        return np.round(np.array([sums[o][position] for o in outlets], dtype="int64") / quotes, 3).tolist()

    return _typed({"outlet": outlets, "quotes": quotes.tolist(), "speakers": [len(sums[o][1]) for o in outlets],
                   "words_quoted": [sums[o][2] for o in outlets], "direct_share": share(3),
                   "anonymous_share": share(4)}, _SUMMARY_DTYPES)
