"""Framing: scare quotes, hedges, loaded labels and doubting reporting words, in the body and the headline."""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd

from newsprism.compare.topics.common import (_DOUBT_CLASSES, FindingOptions, RunTables, Topic, _clear_lead,
                                             _evidence, _examples, _finding, _is_self, _media, _others,
                                             _same_sentence, _squash, _unquote, join_names)
from newsprism.compare.verify import quoted_fragments


# Words found by a word list: an outlet with none of them may use others of the kind ("supposedly",
# "self-proclaimed"), as held-out hand checks found. Its absence is stated as what it is: none of ours.
_NONE_LISTED = "uses none from newsprism's word list"
# How each framing marker type is described to a reader; the key is the marker type.
_MARKER_PHRASES = {
    "scare_quote": ("puts {n} words or phrases in scare quotes", "uses none"),
    # "at least": hand checks found the counts short far more often than long (a clause inside the
    # writer's sentence is left out)
    "partial_quote": ("puts at least {n} fragments of {whose} words in quotation marks", "uses none"),
    "hedge": ("uses {n} hedges that cast doubt", _NONE_LISTED),
    "loaded_label": ("uses {n} loaded labels", _NONE_LISTED),
    "evaluative": ("uses {n} evaluative words of its own", _NONE_LISTED),
    "distancing": ("uses {n} reporting words that cast doubt", _NONE_LISTED),
}

_VERB_TYPES = {"attribution_verb", "distancing_verb"}
# Kinds that are words in quotation marks: "Y uses none" means Y marks none of them, not
# that Y never writes the word.
_QUOTE_MARK_KINDS = {"scare_quote", "partial_quote"}
_PRONOUNS = frozenset("he she they it we i you his her their its who".split())


def _whose(rows: pd.DataFrame, sure: set[str] | None = None, more: bool = False) -> str:
    """Whose words partial quotations pass on: "Antony Blinken's and the West's"; "others'" for speakers not named.

    Only speakers in ``sure`` (when given) are named; "speakers'" when none is. ``more``: there
    are fragments beyond ``rows`` (whose speakers are unknown), so "others'" ends the list.

    >>> _whose(pd.DataFrame({"about": ["Antony Blinken", "the West", "he"]}))
    "Antony Blinken's, the West's and others'"
    >>> _whose(pd.DataFrame({"about": ["Antony Blinken", "John Kerry"]}), sure={"Antony Blinken"})
    "Antony Blinken's and others'"
    >>> _whose(pd.DataFrame({"about": ["Joe Roe", "he", "he", "Ann Lee"]}), sure={"Joe Roe"})
    "speakers'"
    """
    about = [str(a) for a in rows["about"].fillna("")] if "about" in rows else []
    counts = Counter(about)
    named = [a for a in counts if a and a.split(" (")[0].lower() not in _PRONOUNS and (sure is None or a in sure)]
    named.sort(key=lambda a: -counts[a])  # most fragments first; a stable sort keeps text order on ties
    if not named or 2 * sum(counts[a] for a in named[:3]) < len(about):
        # Hand checks found "Joe Roe's and others'" read as mostly Roe's words when most were someone
        # else's whom the text does not name next to them: name nobody then.
        return "speakers'"
    owners = [f"{n}'" if n.endswith("s") else f"{n}'s" for n in named[:3]]
    if len(named) > 3 or len(named) < len(set(about)) or more:
        owners.append("others'")
    return join_names(owners)


# Other outlets' quoted fragments are counted in their raw text up to this many words: a longer
# quoted clause inside the writer's sentence is a partial quotation too, and an absence claim
# ("uses none") must not miss it.
_RAW_FRAGMENT_WORDS = 12
_PRONOUN_MENTION = re.compile(r"^(he|she|they|it|who|his|her|their|its|him|them|even he|even she)$", re.I)


def _sure_speakers(run: RunTables, rows: pd.DataFrame) -> set[str] | None:
    """The ``about`` of partial quotations whose speaker the text names: the full name stands in
    the fragment's sentence before it, or a quote of the same article holds the fragment and
    names its speaker (not "he") in the sentence of the reporting verb. A news outlet
    "reporting" someone's words is not whose words they are.
    """
    quotes = run.tables.get("quotes")
    needs = {"article_id", "content_start", "content_end", "speaker", "speaker_mention"}
    if quotes is None or not needs <= set(quotes.columns) or not {"article_id", "start", "about"} <= set(rows.columns) \
            or run.articles is None or "body" not in run.articles:
        return None  # hand-built tables without offsets or text: nothing to check the speakers against
    bodies = dict(zip(run.articles.article_id, run.articles.body))
    sure = set()
    where = rows["where"] if "where" in rows else pd.Series("body", index=rows.index)
    for aid, start, about, place in zip(rows.article_id, rows.start, rows.about, where):
        about = str(about) if isinstance(about, str) else ""
        if place == "headline":
            continue  # its offsets count in the headline, where no speaker is named
        if not about or _squash(re.sub(r"^the ", "", about, flags=re.I)) in _media() \
                or any(_is_self(about, o) for o in run.outlets) or not 2 <= len(about.split()) <= 4 \
                or not (about.split()[-1][:1].isupper() and (about[:1].isupper() or about.startswith("the "))):
            continue  # a full name: "Republican" (from "the Arizona Republican") names no one
        body = bodies.get(aid, "")
        at = body.rfind(about, 0, int(start)) if body and pd.notna(start) else -1
        if at >= 0 and _same_sentence(body, at, start):
            sure.add(about)  # 'the West calls it "imminent"': the name itself stands in the fragment's sentence
            continue
        surname = about.split()[-1].lower()
        held = quotes[(quotes.article_id == aid) & (quotes.content_start <= start) & (quotes.content_end > start)
                      & (quotes.speaker == about)]
        for mention, s_start, c_start in zip(held.speaker_mention, held.get("speaker_start", held.content_start),
                                             held.get("cue_start", held.content_start)):
            mention = str(mention) if isinstance(mention, str) else ""
            if mention and not _PRONOUN_MENTION.match(mention.strip()) and surname in mention.lower() \
                    and _same_sentence(bodies.get(aid, ""), s_start, c_start):
                sure.add(about)
                break
    return sure


def _marker_kind(markers: pd.DataFrame) -> pd.Series:
    """Marker type, with non-neutral reporting verbs folded into one kind, ``distancing``."""
    # Over plain columns: a story's markers are a few dozen rows, and a Series per step cost more than the tests.
    types = markers["type"].tolist()
    categories = [str(c).lower() for c in markers["category"].tolist()] if "category" in markers else [""] * len(types)
    kinds = [("distancing" if category in _DOUBT_CLASSES or kind == "distancing_verb" else "other_verb")
             if str(kind) in _VERB_TYPES else str(kind) for kind, category in zip(types, categories)]
    return pd.Series(kinds, index=markers.index, dtype=object, name="type")


def _outlet_markers(run: RunTables) -> pd.DataFrame | None:
    """The markers that are the outlet's own choice, each with its ``kind``; None without a markers table.

    Made once per run: both framing finders read them (each made copy of the wide markers table costs).
    """
    return run.shared("outlet markers", lambda: _own_markers(run))


def _own_markers(run: RunTables) -> pd.DataFrame | None:
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
    # Counted once for every kind: most kinds fall short of min_count in every outlet, and a
    # selection and a value count per kind cost more than the rest of the finder.
    tally = Counter(zip(markers.kind, markers.outlet))
    for kind, (found, none) in _MARKER_PHRASES.items():
        if len(outlets) < 2 or max(tally.get((kind, o), 0) for o in outlets) < min_count:
            continue  # (the test below, on the counts not yet made)
        rows = markers[markers.kind == kind]
        counts = rows.outlet.value_counts().reindex(outlets, fill_value=0)
        if counts.max() < min_count or len(outlets) < 2:
            continue
        raw_examples: dict[str, list[str]] = {}
        if kind == "partial_quote":
            # The markers miss fragments the quotes stage took for whole quotations; another outlet's
            # count is at least the short quoted spans its raw text holds inside its own sentences.
            leader = counts.idxmax()
            for outlet in outlets:
                spans = [f for t in run.raw.of_outlet(outlet) for f in quoted_fragments(t, _RAW_FRAGMENT_WORDS)]
                if len(spans) > counts[outlet]:
                    # The leader's own count too: its examples stay the marked ones, whose speakers are known.
                    counts[outlet] = len(spans)
                    raw_examples[outlet] = spans
        rates = {o: counts[o] / words[o] * 1000 for o in outlets if words.get(o)}
        if kind == "partial_quote" and counts.idxmax() != leader:
            continue  # another outlet's raw text has as many fragments: no lead to state
        leader = counts.idxmax()
        # The next outlet must be well behind, and the contrast must hold per word too.
        if not _clear_lead(int(counts[leader]), int(counts.drop(leader).max()), min_count):
            continue
        if rates and len(rates) == len(outlets) and sorted(rates.values())[-2] * 2 > rates[leader]:
            continue
        ordered = counts.sort_values(ascending=False, kind="stable")
        led = rows.loc[rows.outlet == leader]
        whose = _whose(led, _sure_speakers(run, led) if kind == "partial_quote" else None,
                       more=leader in raw_examples)
        parts = [f"{leader} {found.format(n=int(counts[leader]), whose=whose)} "
                 f"({_examples(led['text'], options.max_examples)})"]
        zero = [o for o in ordered.index if ordered[o] == 0]
        for outlet in ordered.index[1:]:
            if ordered[outlet]:
                shown = raw_examples.get(outlet) or rows.loc[rows.outlet == outlet, 'text']
                least = "at least " if kind == "partial_quote" else ""
                parts.append(f"{outlet} {least}{int(ordered[outlet])} ({_examples(shown, 2)})")
        if zero:
            parts.append(f"{join_names(zero)} {none}" if len(zero) == 1 else f"{join_names(zero)} use {none[5:]}")
        sentence = "; ".join(parts) + "."
        evidence = _evidence(rows.sort_values(["outlet"], key=lambda s: s.map(outlets.index)))
        # "Y uses none" is re-checked in Y's raw text: none of X's examples may stand there
        # in the writer's own words.
        claim = {"kind": "quoted_words" if kind in _QUOTE_MARK_KINDS else "count_contrast",
                 "outlet": leader, "none": zero, "outside_quotes": True, **({"fragments": True} if kind == "partial_quote" else {}),
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
