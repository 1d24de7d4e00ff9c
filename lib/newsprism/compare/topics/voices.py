"""Voices: who is quoted, and how each outlet introduces them.

Finders, in order: a doubting reporting verb one outlet uses for a speaker (``_cue_findings``),
speakers only one outlet quotes (``_speaker_findings``), the same remark in two outlets'
words (``_pair_findings``).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable

import numpy as np
import pandas as pd

from newsprism.compare.topics.common import (_DOUBT_CLASSES, FindingOptions, RunTables, Topic, _clean, _media,
                                             _evidence, _finding, _is_self, _others, _same_sentence, _snippet,
                                             _squash, _times, join_names, with_resolved_speaker)
from newsprism.compare.verify import check_only_quotes, person_titles
from newsprism.quotes.attribution import INTENTION_CUES, NAMING_CUES, OBJECT_CUES, PREP_OBJECT_CUES, THOUGHT_CUES
from newsprism.text.datafiles import read_data_csv
from newsprism.text.rows import records


# The columns of the quotes table that _cue_findings reads, with_resolved_speaker's and _evidence's among them.
_CUE_COLUMNS = frozenset({"article_id", "outlet", "speaker", "resolved", "anonymous", "cue", "cue_lemma", "cue_start",
                          "cue_end", "stance", "where"})


def _cue_findings(run: RunTables, options: FindingOptions) -> list[dict]:
    """Doubting reporting verbs for a speaker that other outlets quote without them."""
    quotes = run.table("quotes", ["speaker", "cue_lemma", "stance"])
    if quotes is None:
        return []
    # Only the columns read here (and by the evidence), and the rows kept found over plain columns, then
    # selected once: a selection of the table per test cost more than the tests.
    quotes = quotes[[c for c in quotes.columns if c in _CUE_COLUMNS]]
    speakers, lemmas = quotes["speaker"].tolist(), quotes["cue_lemma"].tolist()
    outlets, stances = quotes["outlet"].tolist(), quotes["stance"].tolist()
    resolved = quotes["resolved"].tolist() if "resolved" in quotes.columns else [True] * len(speakers)
    anonymous = quotes["anonymous"].tolist() if "anonymous" in quotes.columns else [False] * len(speakers)

    def known(value: object) -> bool:  # a missing truth value is false, as fillna(False) has it
        return not pd.isna(value) and bool(value)

    # An unresolved pronoun supports no finding (see with_resolved_speaker), nor does an attribution without a
    # reporting verb or to an unnamed source.
    kept = [i for i, speaker in enumerate(speakers)
            if not pd.isna(speaker) and str(speaker).strip() != "" and known(resolved[i])
            and not pd.isna(lemmas[i]) and not known(anonymous[i])]
    # One speaker across outlets, as the run's model has it ("Blinken" is "Antony Blinken").
    model = run.model
    kept = [i for i in kept if model.actor(speakers[i]).kind != "ambiguous"]
    named = {i: model.actor(speakers[i]).name for i in kept}
    # Only speakers two outlets quote can differ: the others are left out before the groups are made.
    outlets_of: dict[object, set] = {}
    for i in kept:
        if pd.notna(outlets[i]):
            outlets_of.setdefault(named[i], set()).add(outlets[i])
    kept = [i for i in kept if len(outlets_of.get(named[i], ())) >= 2]
    # Nor can a speaker lead to a finding whom no outlet gives one doubting verb min_count times
    # (the test on each verb's leading count below): left out before the groups are made too.
    doubts = Counter((named[i], lemmas[i], outlets[i], not pd.isna(stances[i]) and stances[i] in _DOUBT_CLASSES)
                     for i in kept)
    can_lead = {speaker for (speaker, _, outlet, doubt), n in doubts.items()
                if doubt and pd.notna(outlet) and n >= options.min_count}
    kept = [i for i in kept if named[i] in can_lead]
    quotes = quotes.iloc[kept].assign(speaker=[named[i] for i in kept])
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
            if counts.iloc[0] < options.min_count:
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
            claim = {"kind": "never_uses", "outlets": never, "word": cue, "lemma": str(lemma),
                     "about": speaker} if never else None
            findings.append(_finding(sentence, evidence, [leader, *never],
                                     4 * counts.iloc[0] + len(never), claim, measured_as="verb_contrast"))
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


def _speaker_findings(run: RunTables, options: FindingOptions) -> list[dict]:
    """Speakers quoted by one outlet only (or, with three or more outlets, by all but one)."""
    quotes = run.table("quotes", ["speaker"])
    if quotes is None:
        return []
    quotes = with_resolved_speaker(quotes)
    outlets = run.outlets
    if len(outlets) < 2 or quotes.empty:
        return []
    # The speakers are read as a plain list and filtered step by step by their position in
    # ``quotes``; the wide quotes table is selected once at the end (each selection of its rows
    # copies every column, and a Series per step costs more than the test it makes).
    speakers = quotes.speaker.tolist()
    anonymous = quotes.anonymous.fillna(False).astype(bool).tolist() if "anonymous" in quotes \
        else [False] * len(speakers)
    # A speaker the quotes table could not resolve to a name ("countries like the United
    # Kingdom, ...", "Many of Washington's allies") is not one voice to list by name.
    kept = [i for i, s in enumerate(speakers) if not anonymous[i] and _looks_like_name(s)]
    # A news outlet or agency "saying" something is a source credit (see sourcing), not a voice.
    media = set(outlets)
    kept = [i for i in kept if not any(_is_self(str(speakers[i]), m) for m in media)
            and _squash(re.sub(r"^the ", "", str(speakers[i]), flags=re.I)) not in _media()]
    if not kept:
        return []
    model = run.model
    entities = run.tables.get("entities")
    if entities is not None and {"actor", "label"} <= set(entities.columns):
        # Only people, organisations and places speak; "Republican" (a group adjective) or
        # "Some" are parser slips, not voices.
        # A person is named as a person somewhere: "the Spokesman-Review" (a newspaper) or "the
        # Senate", which the parser tags only as organisations, is not someone quoted.
        # Both read from the entities' plain columns, each actor's key made once (a row per mention).
        key_of: dict[object, str] = {}
        speaking: set[str] = set()
        counts: dict[str, list[int]] = {}
        for actor, label, present in zip(entities.actor.tolist(), entities.label.tolist(),
                                         entities.actor.notna().tolist()):
            if not present:
                continue
            if actor not in key_of:
                key_of[actor] = model.actor(actor).key
            key = key_of[actor]
            if label in _SPEAKER_LABELS:
                speaking.add(key)
            count = counts.setdefault(key, [0, 0])
            if isinstance(label, str):
                count[0] += label == "PERSON"
                count[1] += label in ("ORG", "GPE", "NORP", "FAC")
        people = {k for k, (persons, others) in counts.items() if persons >= others and persons}
        kept = [i for i in kept if model.actor(speakers[i]).key in speaking]
        kept = [i for i in kept if model.actor(speakers[i]).kind != "person" or model.actor(speakers[i]).key in people]
    # Who is who across outlets comes from the run's one model: "Biden" in one outlet and
    # "President Joseph R. Biden" in another are one voice, and so are "Washington" and
    # "the US State Department"; a surname two people of the run share supports nothing.
    actor_of = {name: model.actor(name) for name in dict.fromkeys(speakers[i] for i in kept)}
    # Only people: a hand check of ten three-outlet stories found "the Senate", newspapers and
    # groups that received a letter listed as voices; a state's or body's "saying" is too loose.
    kept = [i for i in kept if actor_of[speakers[i]].kind == "person"]
    named = quotes.iloc[kept]  # the rows of the speakers kept, in their order
    named = named.assign(actor=[actor_of[speakers[i]].key for i in kept])
    display = {actor_of[s].key: actor_of[s].name for s in actor_of}
    aliases = {actor_of[s].key: sorted(actor_of[s].names - {actor_of[s].name}) for s in actor_of}
    # Two readings of "quotes": an outlet QUOTES a person only where it gives that person's
    # words and names them as the speaker (``_gives_words``); it may still speak of them as a
    # speaker anywhere else (a pronoun resolved to them, "announced his plan"). "Only X quotes
    # A" needs the first in X and neither in any other outlet.
    bodies = dict(zip(run.articles.article_id, run.articles.body)) \
        if run.articles is not None and "body" in run.articles else {}
    strong = named[_gives_words(named, {actor_of[s].key: actor_of[s].names for s in actor_of}, bodies)]
    strong_actors = strong.actor.tolist()
    # Each person's own quoted words: another outlet that carries them under another name (his
    # office, a spokesman, "a statement") quotes the same person.
    # Plain columns, not a pandas group per person: the groups cost more than the rest of the finder.
    said: dict[str, list[str]] = {}
    if {"kind", "content"} <= set(strong.columns):
        for key, kind, content in zip(strong_actors, strong["kind"], strong.content):
            if kind in ("direct", "mixed"):
                words = said.setdefault(key, [])
                if pd.notna(content):
                    words.append(str(content))
        said = {key: said[key][:_WORDS_KEPT] for key in sorted(said)}
    # Everyone any outlet has speak, named or by a resolved pronoun: none of them is "not quoted".
    heard: dict[str, set] = {}
    for speaker, outlet in zip(speakers, quotes.outlet):
        heard.setdefault(model.actor(speaker).key, set()).add(outlet)
    speakers_of: dict[frozenset, list[str]] = {}
    unnamed = _unnamed_mentions(quotes) if "speaker_mention" in quotes else []
    quoted_by: dict[str, set] = {}  # each person's quoting outlets, people in the sorted order of a groupby
    rows_of: dict[str, list[int]] = {}  # each person's rows, by their position in ``strong``
    for position, (key, outlet) in enumerate(zip(strong_actors, strong.outlet)):
        quoted_by.setdefault(key, set()).add(outlet)
        rows_of.setdefault(key, []).append(position)
    for key in sorted(quoted_by):
        quoting = quoted_by[key]
        if heard.get(key, set()) - quoting:
            continue  # another outlet has this person speak too, in a way too loose to count as quoting
        if len(display[key].split()) < 2:
            continue  # "Emanuel" alone: no full name to tell who it is, nor to look for in the others
        # A person whose name another outlet's raw text has as the speaker of a reporting word
        # may be quoted there: left out here, so that the others of the sentence still stand.
        if _quoted_elsewhere(run, display[key], aliases[key], quoting, said.get(key, [])):
            continue
        # Someone another outlet quotes unnamed by this person's title ("a county spokesman") may be them.
        if _quoted_by_title(run, unnamed, model.actor(display[key]).names | {display[key]}, quoting):
            continue
        speakers_of.setdefault(frozenset(quoting), []).append(key)
    mentions = strong.speaker_mention.tolist() if "speaker_mention" in strong else None
    findings = []
    for quoting, keys in speakers_of.items():
        missing = _others(outlets, quoting)
        if len(quoting) == 1:
            (outlet,) = quoting
            lead = f"Only {outlet} quotes"
        elif len(outlets) >= 3 and len(missing) == 1:
            lead = f"All outlets except {missing[0]} quote"
        else:
            continue
        # Most quoted first; people who speak for the same country are named together.
        keys = sorted(keys, key=lambda k: (-len(rows_of[k]), display[k]))
        # the most quoted few: each name listed is one more chance of a wrong one
        more = len(keys) - MAX_SPEAKERS
        keys = keys[:MAX_SPEAKERS]
        rows = sorted(p for k in keys for p in rows_of[k])  # their rows, in the table's order
        people = [k for k in keys if k.startswith("person:")]
        groups: dict[str, list[str]] = {}
        for key in people:
            texts = [m for m in (mentions[p] for p in rows_of[key]) if not pd.isna(m)] if mentions is not None else []
            texts += _roles(run, model.actor(display[key]).names | {display[key]})
            country = _affiliation(texts)
            if country:
                groups.setdefault(country, []).append(key)
        parts, grouped = [], set()
        for country, members in groups.items():
            if len(members) >= 2:
                # "the Russian officials A and B": these people, not every Russian official
                # (another outlet may quote a Russian official this outlet leaves out).
                parts.append(f"the {_demonym(country)} officials {join_names([display[m] for m in members])}")
                grouped.update(members)
        parts += [_with_article(display[k]) for k in keys if k not in grouped]
        # "the Russian officials A and B, and the West": a group's own "and" must not run into the list's.
        listed = join_names(parts) if not any(" and " in p for p in parts) or len(parts) == 1 \
            else ", ".join(parts[:-1]) + ", and " + parts[-1]
        sentence = f"{lead} {listed}{f' (and {more} more)' if more > 0 else ''}."
        evidence = _evidence(strong.iloc[_first_of_each(rows, strong_actors, keys)], "speaker_start", "speaker_end",
                             "speaker_mention") if "speaker_start" in strong else []
        speakers_shown = [display[k] for k in keys]
        # In the run's outlet order: a set's order changes with the hash seed, and tables must not.
        claim = {"kind": "only_quotes", "outlets": [o for o in outlets if o in quoting], "speakers": speakers_shown}
        if any(aliases[k] for k in keys):
            claim["aliases"] = {display[k]: aliases[k] for k in keys if aliases[k]}
        if any(said.get(k) for k in keys):
            claim["words"] = {display[k]: said[k] for k in keys if said.get(k)}
        findings.append(_finding(sentence, evidence, [o for o in outlets if o in quoting], len(rows), claim,
                                 measured_as="only_quotes"))
    return findings


def _first_of_each(rows: list[int], actors: list[str], keys: list[str]) -> list[int]:
    """The first of ``rows`` of each person of ``keys``, in the order of ``keys``.

    "First" as pandas' ``sort_values`` by the position in ``keys`` (its default quicksort, whose
    order among one person's rows this repeats) and ``drop_duplicates`` find it, without a
    DataFrame for each step.

    >>> _first_of_each([0, 1, 2, 3], ["b", "a", "b", "a"], ["a", "b"])
    [1, 0]
    """
    codes = np.array([keys.index(actors[p]) for p in rows], dtype=np.int64)
    first: dict[str, int] = {}
    for position in codes.argsort(kind="quicksort").tolist():
        first.setdefault(actors[rows[position]], rows[position])
    return list(first.values())


def _roles(run: RunTables, names: set[str]) -> list[str]:
    """The roles the entities table gives any of ``names`` ("Kremlin aide"), in the table's order.

    Each actor's roles are gathered once per run (a plain index, not a selection of the entities
    table per person).
    """
    def index() -> dict[object, list[tuple[int, object]]]:
        roles = run.table("entities", ["actor", "role"])
        by_actor: dict[object, list[tuple[int, object]]] = {}
        if roles is not None:
            for position, (actor, role) in enumerate(zip(roles.actor.tolist(), roles.role.tolist())):
                if not pd.isna(role):
                    by_actor.setdefault(actor, []).append((position, role))
        return by_actor

    by_actor = run.shared("roles by actor", index)
    return [role for _, role in sorted(item for name in names for item in by_actor.get(name, ()))]


_SPEAKER_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC"}
#: Speakers named in one "only X quotes" finding; the others are counted ("and 3 more").
MAX_SPEAKERS = 4
# Cues that do not give the speaker's own words: reading a text aloud ("read the preamble"), or
# a verb whose object is a thing rather than words ("announced his plan", "called for his
# resignation", "endorsed Kerry"); an outlet that has them "quotes" nobody. Nor does a reported
# thought ("believes that ...", "assumed that ..."): what someone thinks is not their words.
_NOT_OWN_WORDS = frozenset({"read", "recite", "sing", "chant"} | NAMING_CUES | THOUGHT_CUES)
_OBJECT_ONLY = frozenset(OBJECT_CUES | INTENTION_CUES | set(PREP_OBJECT_CUES))
_PRONOUN_MENTION = re.compile(r"^(he|she|they|it|who|his|her|their|its|him|them|i|we|you)$", re.I)


def _clause_follows(body: str, cue_end: object, content_start: object) -> bool:
    """True when "that" or a colon stands between a reporting verb and what it reports ("stressed that ...").

    >>> _clause_follows("Lee stressed that talks go on.", 11, 19), _clause_follows("Lee stressed the risk.", 12, 13)
    (True, False)
    """
    if pd.isna(cue_end) or pd.isna(content_start) or not body:
        return False
    return re.search(r"\bthat\b|:", body[int(cue_end):int(content_start)]) is not None


_TOPIC_START = re.compile(r"\s*(?:about|of|on|regarding|concerning)\b", re.I)


def _gives_words(rows: pd.DataFrame, names: dict[str, set[str]], bodies: dict | None = None) -> pd.Series:
    """Rows that quote their speaker: the speaker's words (quoted, or a reported clause), and the
    speaker named in the sentence, alone.

    An unsure speaker supports no finding: a pronoun ("he said") resolved to a person, a
    group that spoke together ("Ashcroft, Blunt and Talent said"), a noun phrase an
    object cue takes ("announced his plan"), a topic ("tweeted about her opposition") and a
    text read aloud are left out.

    >>> rows = pd.DataFrame({"actor": ["p:lee"] * 6, "kind": ["direct", "direct", "indirect", "direct", "direct", "indirect"],
    ...                      "cue_lemma": ["say", "say", "announce", "read", "say", "tweet"],
    ...                      "content": ["We won.", "We won.", "his plan", "the text", "We won.", "about her opposition"],
    ...                      "speaker_mention": ["the senator, Ann Lee", "he", "Lee", "Lee", "Lee, Roe and Doe", "Lee"]})
    >>> _gives_words(rows, {"p:lee": {"Ann Lee", "Lee"}}).tolist()
    [True, False, False, False, False, False]
    """
    # Row by row on plain columns: a few dozen rows, where a Series per test costs more than the tests.
    n, columns = len(rows), set(rows.columns)
    lemmas = [str(lemma).lower() for lemma in rows.cue_lemma.fillna("").tolist()] if "cue_lemma" in columns \
        else [""] * n
    keep = [lemma not in _NOT_OWN_WORDS for lemma in lemmas]
    if "kind" in columns:
        kinds = rows["kind"].tolist()
        # A verb that may take a thing as its object ("stressed the risks") still reports words
        # when a clause follows it ("stressed that the missions go on"): only the object is no words.
        reads_clause = bool(bodies) and {"article_id", "cue_end", "content_start"} <= columns
        spans = zip(rows.article_id, rows.cue_end, rows.content_start) if reads_clause else [(None, None, None)] * n
        for i, (kind, lemma, (aid, cue_end, content_start)) in enumerate(zip(kinds, lemmas, spans)):
            if kind == "indirect" and lemma in _OBJECT_ONLY \
                    and not (reads_clause and _clause_follows(bodies.get(aid, ""), cue_end, content_start)):
                keep[i] = False
        if "content" in columns:
            # "tweeted about her opposition to the plan", "spoke of reform": the topic, none of the words
            for i, (kind, content) in enumerate(zip(kinds, rows.content.fillna("").tolist())):
                if kind in ("indirect", "mixed") and _TOPIC_START.match(str(content)):
                    keep[i] = False
    if "speaker_mention" in columns:
        def names_them(mention: object, actor: str) -> bool:
            mention = str(mention) if isinstance(mention, str) else ""
            if not mention.strip() or _PRONOUN_MENTION.match(mention.strip()):
                return False
            if re.search(r" and | or |&", mention):
                return False  # several people speak together: no one of them is "the" voice
            words = set(re.findall(r"[\w'-]+", mention.lower().replace("’", "'")))
            # The mention carries the person's surname (or the name itself): "Sen. Lee", "Ann Lee".
            return any(str(n).split()[-1].lower().replace("’", "'") in words
                       for n in names.get(actor, ()) if str(n).split())
        keep = [k and names_them(m, a) for k, m, a in zip(keep, rows.speaker_mention, rows.actor)]
    if bodies and {"speaker_start", "cue_start", "article_id"} <= columns:
        # The name stands in the sentence of its reporting verb: a name in the sentence before
        # ("The statement came from A, B and C. Romney released a statement saying: ...") is
        # the parser's nearest name, not the one who speaks.
        keep = [k and _same_sentence(bodies.get(aid, ""), s, c)
                for k, aid, s, c in zip(keep, rows.article_id, rows.speaker_start, rows.cue_start)]
    return pd.Series(keep, index=rows.index, dtype=bool)


# Quoted passages per person kept in a claim, for the check that no other outlet carries them.
_WORDS_KEPT = 6


def _quoted_elsewhere(run: RunTables, name: str, aliases: list[str], quoting: set[str], words: list[str]) -> bool:
    """True when an outlet not in ``quoting`` names ``name`` as the speaker of a reporting word
    in its raw text, or carries ``words`` (the verifier's own check, one person at a time)."""
    claim = {"kind": "only_quotes", "outlets": sorted(quoting), "speakers": [name], "aliases": {name: aliases},
             "words": {name: words}}
    return check_only_quotes(claim, run.raw) is not None


def _quoted_by_title(run: RunTables, unnamed: list[tuple[object, str]], names: set[str], quoting: set[str]) -> bool:
    """Whether another outlet quotes someone unnamed by one of this person's titles.

    ``unnamed`` is :func:`_unnamed_mentions` of the run's quotes, read once for all people.

    "Ed Roe, a spokesman for the county, said" in one outlet and "a county spokesman said"
    in another may well be one remark: "only the first quotes Ed Roe" cannot be said.

    >>> quotes = pd.DataFrame({"outlet": ["A", "B"], "speaker": ["Ed Roe", "county spokesman"],
    ...                        "speaker_mention": ["Roe", "a county spokesman"], "anonymous": [False, True]})
    >>> articles = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["A", "B"],
    ...     "body": ["Ed Roe, a spokesman for the county, said it was over.", "It was over, a county spokesman said."]})
    >>> _quoted_by_title(RunTables({"articles": articles}), _unnamed_mentions(quotes), {"Ed Roe"}, {"A"})
    True
    """
    mentions = [m for outlet, m in unnamed if outlet not in quoting]
    if not mentions:
        return False
    titles = person_titles(sorted(names), [t for o in run.outlets for t in run.raw.of_outlet(o)])
    # a speaker's mention is a few words: one of the titles in it is enough ("a county spokesman")
    return any(re.search(rf"\b{re.escape(t)}s?\b", m, re.I) for t in titles for m in mentions)


def _unnamed_mentions(quotes: pd.DataFrame) -> list[tuple[object, str]]:
    """(outlet, speaker_mention) of the attributions to someone unnamed, in the table's order."""
    anonymous = quotes.anonymous.fillna(False).astype(bool).tolist() if "anonymous" in quotes \
        else [False] * len(quotes)
    # Row by row on plain columns, not a Series per test.
    return [(outlet, str(m)) for unnamed, speaker, outlet, m in zip(anonymous, quotes.speaker, quotes.outlet,
                                                                    quotes.speaker_mention)
            if (unnamed or "(unresolved)" in str(speaker) or not _looks_like_name(speaker)) and pd.notna(m)]


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


# Remarks shown side by side, most alike first.
_PAIRS_SHOWN = 2
# Altered quotations stated, each as its own finding.
_ALTERED_SHOWN = 3
_KIND_WORDS = {"direct": "quotes it word for word", "mixed": "quotes part of it",
               "indirect": "reports it in its own words"}


def _change_of(pair: dict) -> str:
    """The pair's ``change`` (same | trimmed | minor | reworded | altered_quote).

    A table written before the column existed is read from its ``diff``: no
    bracketed word is the same words, anything else reworded (never an altered
    quotation, which needs the column's check of the quotation marks).

    >>> _change_of({"diff": "(same words)"}), _change_of({"diff": "… open [-—]"}), _change_of({"diff": "[path→road]"})
    ('same', 'same', 'reworded')
    """
    change = pair.get("change")
    if isinstance(change, str) and change:
        return change
    diff = _clean(pair.get("diff", ""))
    return "reworded" if re.search(r"\[[^\]]*\w", diff) else "same"


def _in_dots(phrase: str, sentence: str) -> str:
    """``phrase`` as a quotation, with "…" on each side where the sentence goes on.

    >>> _in_dots("the prudent thing", "this is the prudent thing to do")
    '"…the prudent thing…"'
    """
    phrase, sentence = _clean(phrase).strip('"“”„«»'), _clean(sentence).strip('"“”„«» .,;')
    head = "" if sentence.startswith(phrase) else "…"
    tail = "" if sentence.endswith(phrase) else "…"
    return f'"{head}{phrase}{tail}"'


def _located(bodies: dict, article_id: object, content: str, phrase: str = "") -> dict:
    """Evidence for a pair's sentence, narrowed to ``phrase`` when it is found inside it."""
    body = bodies.get(article_id, "") if article_id in bodies else ""
    start = body.find(content) if body else -1
    if start >= 0 and phrase:
        inner = content.find(phrase)
        if inner >= 0:
            return {"article_id": article_id, "start": start + inner, "end": start + inner + len(phrase),
                    "text": phrase}
    return {"article_id": article_id, "start": start if start >= 0 else None,
            "end": start + len(content) if start >= 0 else None, "text": content}


def _altered_finding(pair: dict, bodies: dict) -> dict:
    """One outlet quotes a phrase that the other outlet, also in quotation marks, words otherwise."""
    speaker, outlet_a, outlet_b = pair["speaker"], pair["outlet_a"], pair["outlet_b"]
    phrase_a, phrase_b = _clean(pair.get("phrase_a") or ""), _clean(pair.get("phrase_b") or "")
    content_a, content_b = _clean(pair["content_a"]), _clean(pair["content_b"])
    if not phrase_a or not phrase_b:  # no phrase recorded: show the sentences
        phrase_a, phrase_b = _snippet(content_a, "", 12), _snippet(content_b, "", 12)
    sentence = (f"{outlet_a} quotes {speaker} as saying {_in_dots(phrase_a, content_a)}; "
                f"{outlet_b} as {_in_dots(phrase_b, content_b)}. Both outlets put these words in quotation "
                f"marks, as {speaker}'s own.")
    evidence = [_located(bodies, pair.get("article_id_a"), content_a, phrase_a),
                _located(bodies, pair.get("article_id_b"), content_b, phrase_b)]
    # A quotation that differs inside its marks can be checked against the source: it leads the voices findings.
    return _finding(sentence, evidence, [outlet_a, outlet_b], 6, measured_as="altered_quote")


def _pair_findings(run: RunTables, options: FindingOptions) -> list[dict]:
    """The same remark of one speaker as two outlets render it (the ``quote_pairs`` table).

    Altered quotations (``change`` altered_quote) come first, one finding each; then
    remarks in different words (``reworded``). Pairs with the ``same`` words, or only
    trimmed, are never stated: nothing in them differs.
    """
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
    pair_rows = records(pairs)
    findings = [_altered_finding(pair, bodies) for pair in pair_rows
                if _change_of(pair) == "altered_quote"][:_ALTERED_SHOWN]
    parts, evidence, outlets = [], [], []
    for pair in pair_rows:
        if _change_of(pair) != "reworded":
            continue
        kind_a, kind_b = pair.get("kind_a"), pair.get("kind_b")
        details = []
        if kind_a != kind_b and kind_a in _KIND_WORDS and kind_b in _KIND_WORDS:
            details.append(f"{pair['outlet_a']} {_KIND_WORDS[kind_a]}, {pair['outlet_b']} {_KIND_WORDS[kind_b]}")
        details.append(f"{pair['outlet_a']} → {pair['outlet_b']}: {_clean(pair['diff'])}")
        parts.append(f"{pair['speaker']}'s \"{_snippet(pair['content_a'], '', 8)}\" ({'; '.join(details)})")
        outlets += [pair["outlet_a"], pair["outlet_b"]]
        for side in ("a", "b"):
            evidence.append(_located(bodies, pair.get(f"article_id_{side}"), _clean(pair[f"content_{side}"])))
        if len(parts) == _PAIRS_SHOWN:
            break
    if parts:
        sentence = (f"The same remark{'s' if len(parts) > 1 else ''} reported by two outlets, in different words: "
                    + "; ".join(parts) + ".")
        # Worth reading, but a side note next to who speaks and how: it ranks after the other voices findings.
        findings.append(_finding(sentence, evidence, outlets, -5, measured_as="quote_pair"))
    return findings


# Who speaks and how comes first among equally strong findings: that is what the lesson starts with.
TOPIC = Topic("voices", 5.0, (_cue_findings, _speaker_findings, _pair_findings))
