"""Findings: the differences between outlets, said in plain sentences, each with its evidence.

:func:`generate_findings` reads whichever analysis tables a run produced and writes
one sentence per difference a reader should notice, for example::

    Sputnik International introduces Antony Blinken's statements with 'claimed' 2 times out of 6; VOI (Jakarta) never does.
    Only Sputnik International quotes Russian officials (Maria Zakharova, Yury Ushakov).
    Sputnik International writes Kiev (5 times); VOI (Jakarta) writes Kyiv (2 times).

Every outlet name, count and example is computed from the tables; nothing is
written for particular articles. Each finding needs evidence: a frequency contrast
needs at least ``min_count`` occurrences in the outlet that stands out, and a
contrast of presence ("only X quotes ...") needs the quotes themselves. With
more than two outlets the sentences say "only X", "all outlets except Z" or rank
the outlets.

Tables used (any may be missing; the findings that need it are then skipped):

=================  ===================================================================
``articles``       article_id, outlet, headline, body, word_count, credits
``quotes``         article_id, speaker, speaker_mention, cue, cue_lemma, stance,
                   anonymous, content_start, content_end, cue_start, cue_end
``quote_pairs``    speaker, similarity, diff, article_id_a/_b, outlet_a/_b, kind_a/_b,
                   content_a/_b (``newsprism.quotes.pairs.align_quotes``)
``naming``         concept, variant, outlet, count
``entities``       article_id, start, end, text, actor, role (roles of speakers)
``markers``        article_id, type, text, start, end, category, about, where
``exclusive_facts``  from :func:`newsprism.compare.align.exclusive_facts`
``alignment``      from :func:`newsprism.compare.align.align_sentences`
=================  ===================================================================
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from collections.abc import Iterable

import pandas as pd

from newsprism.text.datafiles import read_data_csv
from newsprism.framing.lexicons import load_lexicon
from newsprism.text.quote_spans import DOUBLE_MARKS, SINGLE_CLOSERS, SINGLE_OPENERS

FINDING_COLUMNS = ["topic", "finding", "evidence", "weight", "outlets"]
TOPICS = ("voices", "naming", "framing", "sourcing", "selection")
# Ordering of topics when findings are equally strong: who speaks and how first,
# because that is what the lesson starts with.
_TOPIC_BASE = {"voices": 5.0, "naming": 4.0, "framing": 4.0, "sourcing": 3.0, "selection": 3.0}

# How each framing marker type is described to a reader; the key is the marker type.
_MARKER_PHRASES = {
    "scare_quote": ("puts {n} words or phrases in scare quotes", "uses none"),
    "hedge": ("uses {n} hedges that cast doubt", "uses none"),
    "loaded_label": ("uses {n} loaded labels", "uses none"),
    "distancing": ("uses {n} reporting words that cast doubt", "uses none"),
}
_DOUBT_CLASSES = {"distancing", "doubting", "doubt"}
_VERB_TYPES = {"attribution_verb", "distancing_verb"}
# Quotation marks stripped from examples, and those a sentence split leaves at the start of a fact.
_ALL_MARKS = DOUBLE_MARKS + SINGLE_OPENERS + SINGLE_CLOSERS
_LEADING_MARKS = re.compile(rf"^[{re.escape(DOUBLE_MARKS)}\s]+(?=[A-Z])")


# ---------------------------------------------------------------- small helpers

def join_names(names: Iterable[str]) -> str:
    """Names as a reader lists them: "A", "A and B", "A, B and C" ("" for none).

    >>> join_names(["Fox News", "NYT", "HuffPost"])
    'Fox News, NYT and HuffPost'
    >>> join_names(["Sputnik"]), join_names([])
    ('Sputnik', '')
    """
    names = [str(n) for n in names]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", str(text)).strip()


def _unquote(text: str) -> str:
    return _clean(text).strip(_ALL_MARKS)


def _examples(texts: Iterable[str], limit: int, quote: str = '"') -> str:
    """Distinct examples in quotation marks, "…" when there are more.

    >>> _examples(["imminent", "invasion", "imminent", "high enough"], 2)
    '"imminent", "invasion", …'
    """
    distinct = list(dict.fromkeys(_unquote(t) for t in texts if _unquote(t)))
    shown = ", ".join(f"{quote}{t}{quote}" for t in distinct[:limit])
    return shown + (", …" if len(distinct) > limit else "")


def _evidence(rows: pd.DataFrame, start: str = "start", end: str = "end", text: str = "text",
              limit: int = 8) -> list[dict]:
    items = []
    for row in rows.head(limit).itertuples(index=False):
        row = row._asdict()
        item = {"article_id": row.get("article_id"),
                "start": None if pd.isna(row.get(start)) else int(row.get(start)),
                "end": None if pd.isna(row.get(end)) else int(row.get(end)),
                "text": _clean(row.get(text, ""))}
        if row.get("where") and not pd.isna(row.get("where")) and row.get("where") != "body":
            item["where"] = row["where"]
        items.append(item)
    return items


def _finding(topic: str, sentence: str, evidence: list[dict], outlets: Iterable[str], strength: float) -> dict:
    return {"topic": topic, "finding": sentence, "evidence": json.dumps(evidence, ensure_ascii=False),
            "weight": round(_TOPIC_BASE[topic] + min(strength, 10) / 10, 3),
            "outlets": ", ".join(dict.fromkeys(outlets))}


class _Run:
    """The tables of one run, with each row's outlet attached."""

    def __init__(self, tables: dict[str, pd.DataFrame]):
        self.tables = {k: v for k, v in tables.items() if isinstance(v, pd.DataFrame)}
        articles = self.tables.get("articles")
        self.articles = articles if articles is not None and {"article_id", "outlet"} <= set(articles.columns) else None
        self.outlet_of = dict(zip(self.articles.article_id, self.articles.outlet)) if self.articles is not None else {}

    def table(self, name: str, needs: Iterable[str] = ()) -> pd.DataFrame | None:
        """Table ``name`` with an ``outlet`` column, or None when it is missing or lacks ``needs``."""
        df = self.tables.get(name)
        if df is None or df.empty:
            return None
        if "outlet" not in df.columns:
            if "article_id" not in df.columns or not self.outlet_of:
                return None
            df = df.assign(outlet=df.article_id.map(self.outlet_of))
        df = df[df.outlet.notna()]
        if not set(needs) <= set(df.columns) or df.empty:
            return None
        return df

    @property
    def outlets(self) -> list[str]:
        """Every outlet of the run, in the order of the articles table."""
        if self.articles is not None:
            return list(dict.fromkeys(self.articles.outlet))
        seen: list[str] = []
        for df in self.tables.values():
            if "outlet" in df.columns:
                seen += [o for o in df.outlet.dropna() if o not in seen]
        return seen

    def words(self) -> dict[str, int]:
        """Words per outlet, for rates (empty when unknown)."""
        if self.articles is None:
            return {}
        if "word_count" in self.articles.columns:
            counts = self.articles.word_count
        elif "body" in self.articles.columns:
            counts = self.articles.body.fillna("").str.split().str.len()
        else:
            return {}
        return counts.groupby(self.articles.outlet).sum().astype(int).to_dict()


def _others(outlets: list[str], shown: Iterable[str]) -> list[str]:
    shown = set(shown)
    return [o for o in outlets if o not in shown]


# ---------------------------------------------------------------- voices

def _cue_findings(run: _Run, min_count: int) -> list[dict]:
    """Doubting reporting verbs for a speaker that other outlets quote without them."""
    quotes = run.table("quotes", ["speaker", "cue_lemma", "stance"])
    if quotes is None:
        return []
    quotes = quotes[quotes.speaker.notna() & quotes.cue_lemma.notna()]
    if "anonymous" in quotes.columns:
        quotes = quotes[~quotes.anonymous.fillna(False).astype(bool)]
    quotes = quotes.assign(speaker=_merge_surnames(quotes.speaker))
    findings = []
    for speaker, group in quotes.groupby("speaker"):
        by_outlet = group.groupby("outlet")
        if by_outlet.ngroups < 2:
            continue
        doubting = group[group.stance.isin(_DOUBT_CLASSES)]
        total = {o: len(g) for o, g in by_outlet}
        for lemma, uses in doubting.groupby("cue_lemma"):
            counts = uses.outlet.value_counts()
            leader = counts.index[0]
            if counts.iloc[0] < min_count:
                continue
            # The verb must set the outlet apart: at least twice as often, per quote, as anywhere else.
            share = {o: counts.get(o, 0) / total[o] for o in total}
            if any(share[o] * 2 > share[leader] for o in total if o != leader):
                continue
            written = uses.cue.dropna().astype(str).str.lower() if "cue" in uses else pd.Series(dtype=str)
            cue = Counter(written).most_common(1)[0][0] if len(written) else str(lemma)
            rest = []
            never = [o for o in total if o != leader and counts.get(o, 0) == 0]
            for outlet in total:
                if outlet != leader and counts.get(outlet, 0):
                    rest.append(f"{outlet} {_times(int(counts[outlet]))} out of {total[outlet]}")
            if never:
                rest.append(f"{join_names(never)} never {'does' if len(never) == 1 else 'do'}")
            sentence = (f"{leader} introduces {speaker}'s statements with '{cue}' "
                        f"{_times(int(counts.iloc[0]))} out of {total[leader]}; " + "; ".join(rest) + ".")
            neutral = group[(group.outlet.isin(never)) & (group.stance == "neutral")]
            if len(neutral) and "cue" in neutral:
                usual = Counter(neutral.cue.dropna().str.lower()).most_common(1)
                if usual:
                    sentence = sentence[:-1] + f" ({'they use' if len(never) > 1 else 'it uses'} '{usual[0][0]}')."
            rows = uses.sort_values(["outlet", "cue_start"] if "cue_start" in uses else ["outlet"])
            evidence = _evidence(rows, "cue_start", "cue_end", "cue") if "cue_start" in rows else []
            # The verb that frames a speaker is the first thing the lesson points at.
            findings.append(_finding("voices", sentence, evidence, [leader, *never],
                                     4 * counts.iloc[0] + len(never)))
    return findings


@functools.lru_cache(maxsize=1)
def _synonym_table() -> pd.DataFrame:
    return read_data_csv("align_synonyms.csv")


@functools.lru_cache(maxsize=1)
def _country_words() -> dict[str, str]:
    table = _synonym_table()
    table = table[table.kind.isin(["demonym", "metonym"])]
    return dict(zip(table.term.str.lower(), table.canonical))


def _affiliation(texts: Iterable[str]) -> str | None:
    """The country a speaker speaks for, from the words around their name ("Kremlin aide").

    >>> _affiliation(["Kremlin aide Yury Ushakov"])
    'russia'
    """
    lookup = _country_words()
    found = Counter()
    for text in texts:
        words = re.findall(r"[A-Za-z][A-Za-z.]*", str(text).lower())
        bigrams = {f"{a} {b}" for a, b in zip(words, words[1:])}
        for candidate in [*bigrams, *words]:
            if candidate in lookup:
                found[lookup[candidate]] += 1
    return found.most_common(1)[0][0] if found else None


def _demonym(country: str) -> str:
    table = _synonym_table()
    rows = table[(table.kind == "demonym") & (table.canonical == country) & ~table.term.str.endswith("s")]
    return rows.term.iloc[0].capitalize() if len(rows) else country.title()


def _speaker_findings(run: _Run) -> list[dict]:
    """Speakers quoted by one outlet only (or, with three or more outlets, by all but one)."""
    quotes = run.table("quotes", ["speaker"])
    if quotes is None:
        return []
    quotes = quotes[quotes.speaker.notna() & (quotes.speaker.astype(str).str.strip() != "")]
    outlets = run.outlets
    if len(outlets) < 2 or quotes.empty:
        return []
    anonymous = quotes.anonymous.fillna(False).astype(bool) if "anonymous" in quotes else pd.Series(False, index=quotes.index)
    # A speaker the quotes table could not resolve to a name ("countries like the United
    # Kingdom, ...", "Many of Washington's allies") is not one voice to list by name.
    named = quotes[~anonymous & quotes.speaker.map(_looks_like_name)]
    named = named.assign(speaker=_merge_surnames(named.speaker))
    # A news outlet or agency "saying" something is a source credit (see sourcing), not a voice.
    media = set(outlets)
    # A boolean Series, not a list: an empty list would select no columns instead of no rows.
    is_voice = named.speaker.map(lambda s: not any(_is_self(str(s), m) for m in media)
                                 and _squash(str(s)) not in _agencies()).astype(bool)
    named = named[is_voice]
    if named.empty:
        return []
    entities = run.tables.get("entities")
    if entities is not None and {"actor", "label"} <= set(entities.columns):
        # Only people, organisations and places speak; "Republican" (a group adjective) or
        # "Some" are parser slips, not voices.
        actors = set(_merge_surnames(entities.loc[entities.label.isin(_SPEAKER_LABELS), "actor"].dropna()))
        named = named[named.speaker.isin(actors)]
    roles = run.table("entities", ["actor", "role"])
    speakers_of: dict[frozenset, list[str]] = {}
    for speaker, group in named.groupby("speaker"):
        speakers_of.setdefault(frozenset(group.outlet), []).append(speaker)
    findings = []
    for quoting, speakers in speakers_of.items():
        missing = _others(outlets, quoting)
        if len(quoting) == 1:
            (outlet,) = quoting
            lead = f"Only {outlet} quotes"
        elif len(outlets) >= 3 and len(missing) == 1:
            lead = f"All outlets except {missing[0]} quote"
        else:
            continue
        # Most quoted first; people who speak for the same country are grouped.
        rows = named[named.speaker.isin(speakers)]
        order = rows.speaker.value_counts()
        speakers = sorted(speakers, key=lambda s: (-order[s], s))
        people = [s for s in speakers if s not in _countries()]
        groups: dict[str, list[str]] = {}
        for person in people:
            texts = list(rows.loc[rows.speaker == person, "speaker_mention"].dropna()) if "speaker_mention" in rows else []
            if roles is not None:
                texts += list(roles.loc[roles.actor == person, "role"].dropna())
            country = _affiliation(texts)
            if country:
                groups.setdefault(country, []).append(person)
        parts, grouped = [], set()
        for country, members in groups.items():
            if len(members) >= 2:
                parts.append(f"{_demonym(country)} officials ({', '.join(members)})")
                grouped.update(members)
        parts += [_with_article(s) for s in speakers if s not in grouped]
        sentence = f"{lead} {join_names(parts)}."
        ev_rows = rows.sort_values("speaker", key=lambda s: s.map(lambda x: speakers.index(x)))
        evidence = _evidence(ev_rows.drop_duplicates("speaker"), "speaker_start", "speaker_end", "speaker_mention") \
            if "speaker_start" in ev_rows else []
        findings.append(_finding("voices", sentence, evidence, quoting, len(rows)))
    return findings


_SPEAKER_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC"}


def _merge_surnames(names: pd.Series) -> pd.Series:
    """A one-word name that is the surname of exactly one fuller name becomes that name.

    >>> _merge_surnames(pd.Series(["Obama", "Barack Obama", "DeMint", "Jim DeMint", "Kim", "Kim Jong Un", "Kim Yo Jong"])).tolist()
    ['Barack Obama', 'Barack Obama', 'Jim DeMint', 'Jim DeMint', 'Kim', 'Kim Jong Un', 'Kim Yo Jong']
    """
    full = [n for n in pd.unique(names.dropna()) if len(str(n).split()) > 1]
    mapping = {}
    for name in pd.unique(names.dropna()):
        if len(str(name).split()) == 1:
            fuller = [f for f in full if str(f).split()[-1] == name]
            if len(fuller) == 1:
                mapping[name] = fuller[0]
    return names.map(lambda n: mapping.get(n, n))


def _looks_like_name(speaker: object) -> bool:
    """True for "Joe Biden", "US State Department"; False for "countries like the United Kingdom, ...".

    >>> _looks_like_name("Yury Ushakov"), _looks_like_name("Many of Washington's European allies and others")
    (True, False)
    """
    words = str(speaker).split()
    return 0 < len(words) <= 5 and words[0][:1].isupper() and not re.search(r",| and | like ", str(speaker)) \
        or str(speaker).endswith(("Department", "Ministry")) and len(words) <= 6


def _with_article(name: str) -> str:
    """"United States" -> "the United States", "US State Department" -> "the US State Department"."""
    if re.match(r"(United|West\b|Kremlin|White House|European Union)", name) or \
            re.search(r"\b(Department|Ministry|Office|Agency|Council|Commission|Administration)$", name):
        return "the " + name
    return name


@functools.lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    """Names of states and blocs: quoted as institutions, never grouped as "officials"."""
    table = _synonym_table()
    names = set(table.canonical) | set(table.term)
    return frozenset({n.title() for n in names} | {"United States", "United Kingdom", "European Union", "NATO"})


_KIND_WORDS = {"direct": "quotes it word for word", "mixed": "quotes part of it",
               "indirect": "reports it in its own words"}


def _pair_findings(run: _Run, limit: int = 2) -> list[dict]:
    """The same remark of one speaker as two outlets render it (the ``quote_pairs`` table)."""
    pairs = run.tables.get("quote_pairs")
    needs = {"speaker", "diff", "outlet_a", "outlet_b", "content_a", "content_b"}
    if pairs is None or pairs.empty or not needs <= set(pairs.columns):
        return []
    if run.articles is not None:
        known = set(run.outlets)
        pairs = pairs[pairs.outlet_a.isin(known) & pairs.outlet_b.isin(known)]
    if "similarity" in pairs:
        pairs = pairs.sort_values("similarity", ascending=False, kind="stable")
    bodies = dict(zip(run.articles.article_id, run.articles.body)) if run.articles is not None and "body" in run.articles else {}
    parts, evidence, outlets = [], [], []
    for pair in pairs.to_dict("records"):
        kind_a, kind_b = pair.get("kind_a"), pair.get("kind_b")
        words_changed = _clean(pair["diff"]) not in {"", "(same words)"}
        if kind_a == kind_b and not words_changed:
            continue
        details = []
        if kind_a != kind_b and kind_a in _KIND_WORDS and kind_b in _KIND_WORDS:
            details.append(f"{pair['outlet_a']} {_KIND_WORDS[kind_a]}, {pair['outlet_b']} {_KIND_WORDS[kind_b]}")
        if words_changed:
            details.append(f"{pair['outlet_a']} → {pair['outlet_b']}: {_clean(pair['diff'])}")
        parts.append(f"{pair['speaker']}'s \"{_snippet(pair['content_a'], '', 8)}\" ({'; '.join(details)})")
        outlets += [pair["outlet_a"], pair["outlet_b"]]
        for side in ("a", "b"):
            article_id, content = pair.get(f"article_id_{side}"), _clean(pair[f"content_{side}"])
            start = bodies.get(article_id, "").find(content) if article_id in bodies else -1
            evidence.append({"article_id": article_id, "start": start if start >= 0 else None,
                             "end": start + len(content) if start >= 0 else None, "text": content})
        if len(parts) == limit:
            break
    if not parts:
        return []
    sentence = (f"The same remark{'s' if len(parts) > 1 else ''} reported by two outlets, in different words: "
                + "; ".join(parts) + ".")
    # Worth reading, but a side note next to who speaks and how: it ranks after the other voices findings.
    return [_finding("voices", sentence, evidence, outlets, -5)]


# ---------------------------------------------------------------- naming

def _naming_findings(run: _Run) -> list[dict]:
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
        findings.append(_finding("naming", sentence, _variant_evidence(run, choice), outlets,
                                 sum(c for forms in choice.values() for _, c in forms)))
    return findings


def _inflection_stem(word: str) -> str:
    """"Democrats", "Democratic" -> "democrat"; "Kiev" and "Kyiv" stay apart.

    >>> _inflection_stem("Democratic"), _inflection_stem("Muslims"), _inflection_stem("Kyiv")
    ('democrat', 'muslim', 'kyiv')
    """
    return re.sub(r"(['’]s|s|ic|ical|ically)$", "", str(word).lower())


def _variant_evidence(run: _Run, choice: dict[str, list[tuple[str, int]]]) -> list[dict]:
    if run.articles is None or "body" not in run.articles:
        return []
    evidence = []
    for article in run.articles.itertuples(index=False):
        for variant, _ in choice.get(article.outlet, []):
            for match in list(re.finditer(rf"(?<![\w-]){re.escape(variant)}(?![\w-])", article.body or ""))[:2]:
                evidence.append({"article_id": article.article_id, "start": match.start(),
                                 "end": match.end(), "text": match.group()})
    return evidence


# ---------------------------------------------------------------- framing

def _marker_kind(markers: pd.DataFrame) -> pd.Series:
    """Marker type, with non-neutral reporting verbs folded into one kind, ``distancing``."""
    kind = markers["type"].astype(str)
    category = markers.category.astype(str).str.lower() if "category" in markers else pd.Series("", index=markers.index)
    verbs = kind.isin(_VERB_TYPES)
    kind = kind.where(~verbs, "other_verb")
    kind = kind.mask(verbs & (category.isin(_DOUBT_CLASSES) | (markers["type"] == "distancing_verb")), "distancing")
    return kind


def _framing_findings(run: _Run, min_count: int, max_examples: int) -> list[dict]:
    markers = run.table("markers", ["type", "text"])
    if markers is None:
        return []
    if "flagged" in markers:
        # Unflagged markers are the speaker's own words inside a quotation, not the outlet's choice.
        markers = markers[markers.flagged.fillna(True).astype(bool)]
    markers = markers.assign(kind=_marker_kind(markers))
    outlets = run.outlets
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
        parts = [f"{leader} {found.format(n=int(counts[leader]))} "
                 f"({_examples(rows.loc[rows.outlet == leader, 'text'], max_examples)})"]
        zero = [o for o in ordered.index if ordered[o] == 0]
        for outlet in ordered.index[1:]:
            if ordered[outlet]:
                parts.append(f"{outlet} {int(ordered[outlet])} "
                             f"({_examples(rows.loc[rows.outlet == outlet, 'text'], 2)})")
        if zero:
            parts.append(f"{join_names(zero)} {none}" if len(zero) == 1 else f"{join_names(zero)} use none")
        sentence = "; ".join(parts) + "."
        evidence = _evidence(rows.sort_values(["outlet"], key=lambda s: s.map(outlets.index)))
        findings.append(_finding("framing", sentence, evidence, [leader, *zero], int(counts[leader])))
    findings += _headline_findings(markers, outlets)
    return findings


def _headline_findings(markers: pd.DataFrame, outlets: list[str]) -> list[dict]:
    """Framing in the headline, which most readers see and many read alone."""
    if "where" not in markers:
        return []
    framing = markers[(markers["where"] == "headline") & markers.kind.isin(set(_MARKER_PHRASES))]
    if framing.empty or len(outlets) < 2:
        return []
    names = {"scare_quote": "scare quotes", "hedge": "hedge", "loaded_label": "loaded label",
             "distancing": "a word that casts doubt"}
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
    return [_finding("framing", sentence, _evidence(framing), with_markers, 2 * len(framing))]


# ---------------------------------------------------------------- sourcing

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


def _squash(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _is_self(name: str, outlet: str) -> bool:
    """True when a credit names the outlet itself ("(Sputnik)" in Sputnik International)."""
    a, b = _squash(name), _squash(outlet)
    return bool(a) and (a in b or b in a)


@functools.lru_cache(maxsize=1)
def _agencies() -> frozenset[str]:
    """Squashed names of news agencies, from the markers' ``data/source_credits.csv``."""
    table = load_lexicon("source_credits", ("text", "category"))
    agencies = table[table.category.str.contains("agency", case=False)]
    return frozenset(_squash(alias) for aliases in agencies.text for alias in aliases.split("|"))


def _credits(run: _Run) -> pd.DataFrame:
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
                rows.append({"article_id": article.article_id, "outlet": article.outlet, "text": item.get("text", ""),
                             "where": item.get("where", ""), "start": None, "end": None,
                             "name": _credited_name(item.get("text", ""))})
    table = pd.DataFrame(rows, columns=["article_id", "outlet", "text", "where", "start", "end", "name"])
    if table.empty:
        return table
    table["where"] = table["where"].fillna("body").replace("", "body")
    table["key"] = table.text.map(lambda t: _clean(t).lower())
    # The same credit from the markers table and from the articles table is one credit
    # (the markers' row comes first and carries the canonical name).
    return table.drop_duplicates(["outlet", "key"]).reset_index(drop=True)


def _sourcing_findings(run: _Run, min_count: int) -> list[dict]:
    outlets = run.outlets
    findings = []
    credits = _credits(run)
    if len(outlets) >= 2 and not credits.empty:
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
        if len(set(signature.values())) > 1:
            findings.append(_finding("sourcing", "; ".join(parts) + ".", _evidence(credits), involved, len(credits)))
    findings += _anonymous_findings(run, min_count)
    return findings


def _clear_lead(leader: int, runner_up: int, min_count: int) -> bool:
    """One outlet stands out: at least ``min_count`` cases, twice the next outlet and ``min_count`` more.

    >>> _clear_lead(6, 0, 2), _clear_lead(3, 1, 2), _clear_lead(2, 1, 2), _clear_lead(1, 0, 2)
    (True, True, False, False)
    """
    return leader >= min_count and leader >= 2 * runner_up and leader - runner_up >= min_count


def _anonymous_findings(run: _Run, min_count: int) -> list[dict]:
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
    if not _clear_lead(counts[leader], counts.drop(leader).max(), min_count):
        return []
    ordered = counts.sort_values(ascending=False, kind="stable")
    parts = [f"{leader} relies on {int(counts[leader])} unnamed source{'s' if counts[leader] > 1 else ''} "
             f"({_examples(table.loc[table.outlet == leader, 'text'], 3)})"]
    for outlet in ordered.index[1:]:
        parts.append(f"{outlet} on {int(ordered[outlet]) if ordered[outlet] else 'none'}")
    zero = [o for o in outlets if counts[o] == 0]
    return [_finding("sourcing", "; ".join(parts) + ".", _evidence(table), [leader, *zero], int(counts[leader]))]


# ---------------------------------------------------------------- selection

def _snippet(text: str, key_terms: str, max_words: int = 14) -> str:
    """A short piece of a fact's text around its first key term.

    >>> _snippet('"We need a chairman," he said.', "")
    'We need a chairman," he said'
    """
    # A quotation mark left over from the sentence split opens nothing.
    text = _LEADING_MARKS.sub("", _clean(text))
    words = _clean(text).split(" ")
    if len(words) <= max_words:
        return _clean(text).rstrip(".,;")
    terms = [t.strip() for t in (key_terms or "").split(",") if t.strip()]
    # Centre on a number when there is one: counts are what a reader remembers.
    first = next((t for t in terms if re.search(r"\d", t)), terms[0] if terms else "")
    position = next((i for i, w in enumerate(words) if first and first.split(" ")[0] in w), 0)
    start = max(0, min(position - max_words // 3, len(words) - max_words))
    piece = " ".join(words[start:start + max_words]).rstrip(".,;")
    return ("…" if start else "") + piece + ("…" if start + max_words < len(words) else "")


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


def _selection_findings(run: _Run, max_examples: int, min_salience: float) -> list[dict]:
    facts = run.table("exclusive_facts", ["text", "salience"])
    outlets = run.outlets
    findings = []
    if facts is not None and len(outlets) >= 2:
        also = facts.also_in.fillna("") if "also_in" in facts else pd.Series("", index=facts.index)
        facts = facts.assign(group=[tuple(sorted({o, *[x.strip() for x in a.split(",") if x.strip()]}))
                                    for o, a in zip(facts.outlet, also)])
        for group, rows in facts.groupby("group", sort=False):
            rows = rows[rows.salience >= min_salience].sort_values("salience", ascending=False)
            if rows.empty:
                continue
            missing = _others(outlets, group)
            lead = f"Only {group[0]} reports" if len(group) == 1 else f"{join_names(group)} but not {join_names(missing)} report"
            shown = _diverse(rows, max_examples)
            pieces = "; ".join(f"\"{_snippet(t, k)}\"" for t, k in zip(shown.text, shown.get("key_terms", [""] * len(shown))))
            more = f" (and {len(rows) - len(shown)} more)" if len(rows) > len(shown) else ""
            findings.append(_finding("selection", f"{lead}: {pieces}{more}.", _evidence(shown), group,
                                     float(shown.salience.sum()) / 2))
    alignment = run.table("alignment", ["article_id", "sentence", "matched"])
    if alignment is not None and len(outlets) >= 2:
        per_sentence = alignment.groupby(["outlet", "article_id", "sentence"]).matched.any().reset_index()
        per_sentence["matched"] = per_sentence.matched.astype(bool)
        parts, alone = [], {}
        for outlet in outlets:
            rows = per_sentence[per_sentence.outlet == outlet]
            if len(rows):
                alone[outlet] = int((~rows.matched).sum())
                parts.append(f"{alone[outlet]} of {outlet}'s {len(rows)} sentence{'s' if len(rows) > 1 else ''}")
        elsewhere = "the other outlet" if len(outlets) == 2 else "any other outlet"
        if len(parts) >= 2:
            # Say "much of each story" only when it holds: every outlet has sentences of its own,
            # and together they make at least half of all sentences.
            if not any(alone.values()):
                sentence = f"Every sentence has a counterpart in {elsewhere}: {join_names(parts)} stand alone."
            elif all(alone.values()) and 2 * sum(alone.values()) >= len(per_sentence):
                sentence = f"Much of each story is told once: {join_names(parts)} have no counterpart in {elsewhere}."
            else:
                sentence = f"Some sentences are told by one outlet only: {join_names(parts)} have no counterpart in {elsewhere}."
            findings.append(_finding("selection", sentence, [], outlets, 0))
    return findings


# ---------------------------------------------------------------- entry point

def generate_findings(tables: dict[str, pd.DataFrame], min_count: int = 2, max_examples: int = 4,
                      min_salience: float = 2.5) -> pd.DataFrame:
    """Plain-sentence findings comparing the outlets, strongest first.

    ``tables`` maps table names (``articles``, ``quotes``, ``quote_pairs``, ``naming``,
    ``entities``, ``markers``, ``exclusive_facts``, ``alignment``) to DataFrames; missing tables
    are skipped. ``min_count`` is the least number of occurrences that makes a
    frequency contrast ("uses 'claimed' 2 times"); ``max_examples`` caps the quoted
    examples per sentence; ``min_salience`` is the least salience of an exclusive
    fact worth stating (see :func:`newsprism.compare.align.exclusive_facts`).

    Rows are ordered for a reader: the strongest finding of each topic first
    (topics in turn, strongest first), then the second of each topic, and so on.

    Columns: ``topic`` (voices | naming | framing | sourcing | selection),
    ``finding`` (one sentence), ``evidence`` (JSON list of ``{article_id, start,
    end, text}``, offsets into the article body; a credit outside the body has
    ``start``/``end`` null and a ``where``), ``weight`` (ordering: higher first),
    ``outlets`` (the outlets the finding is about, comma-separated).

    >>> import pandas as pd
    >>> naming = pd.DataFrame({"concept": ["Kyiv", "Kyiv"], "variant": ["Kiev", "Kyiv"],
    ...                        "outlet": ["Sputnik", "VOI"], "count": [5, 2]})
    >>> generate_findings({"naming": naming}).finding.tolist()
    ['Sputnik writes Kiev (5 times); VOI writes Kyiv (2 times).']
    """
    run = _Run(tables)
    findings: list[dict] = []
    for step in (lambda: _cue_findings(run, min_count), lambda: _speaker_findings(run), lambda: _pair_findings(run),
                 lambda: _naming_findings(run), lambda: _framing_findings(run, min_count, max_examples),
                 lambda: _sourcing_findings(run, min_count), lambda: _selection_findings(run, max_examples, min_salience)):
        findings += step()
    table = pd.DataFrame(findings, columns=FINDING_COLUMNS)
    # Strongest first within each topic, and the topics taken in turns, so that the
    # first few findings already cover voices, naming, framing, sourcing and selection.
    table = table.assign(_topic=table.topic.map({t: i for i, t in enumerate(TOPICS)}))
    table = table.sort_values(["_topic", "weight"], ascending=[True, False], kind="stable")
    table["_round"] = table.groupby("_topic").cumcount()
    table = table.sort_values(["_round", "weight", "_topic"], ascending=[True, False, True], kind="stable")
    return table.drop(columns=["_topic", "_round"]).reset_index(drop=True)
