"""Sourcing: the agencies and outlets each article credits, and its unnamed sources."""

from __future__ import annotations

import functools
import json
import re

import pandas as pd

from newsprism.compare.verify import named_outlets, unnamed_source_words
from newsprism.framing.lexicons import load_lexicon
from newsprism.compare.topics.common import (FindingOptions, RunTables, Topic, _agencies, _clean, _clear_lead, _media,
                                             _evidence, _examples, _finding, _is_self, _squash, join_names)
from newsprism.text.rows import records


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
    """Every credit of the run: the markers' credits in the text and the credit lines of the articles table.

    A name the markers only mention ("Newsweek's cover", "the Hill") is no credit: only a crediting
    construction ("according to", "told", "a Reuters poll", a dateline) or a credit line counts. An
    outlet named in a headline is what the story is about (a magazine's cover), not its source.
    """
    rows = []
    markers = run.table("markers", ["type", "text"])
    subjects: set[str] = set()
    if markers is not None:
        credit = markers[markers["type"] == "source_credit"]
        for row in records(credit):
            about = row.get("about")
            name = about if isinstance(about, str) and about.strip() else _credited_name(row["text"])
            if row.get("where") == "headline":
                subjects.add(_squash(name))
            if row.get("category") == "mentioned":
                continue
            rows.append({"article_id": row.get("article_id"), "outlet": row["outlet"], "text": row["text"],
                         "where": row.get("where") or "body", "start": row.get("start"), "end": row.get("end"),
                         "name": name})
    if run.articles is not None and "credits" in run.articles:
        # Three plain columns, not a tuple of every column per article (the bodies included).
        for article_id, outlet, credits in zip(run.articles.article_id.tolist(), run.articles.outlet.tolist(),
                                               run.articles.credits.tolist()):
            try:
                items = json.loads(credits) if isinstance(credits, str) and credits else []
            except json.JSONDecodeError:
                items = []
            for item in items:
                name = _credited_name(item.get("text", ""))
                # A byline's author is no cited source: only a news organisation the lists
                # know, or the outlet itself, is credited from the page's credit lines.
                if not (_squash(re.sub(r"^the\s+", "", name, flags=re.I)) in _media() or _is_self(name, outlet)):
                    continue
                rows.append({"article_id": article_id, "outlet": outlet, "text": item.get("text", ""),
                             "where": item.get("where", ""), "start": None, "end": None,
                             "name": name})
    table = pd.DataFrame(rows, columns=["article_id", "outlet", "text", "where", "start", "end", "name"])
    if table.empty:
        return table
    table = table[~table.name.map(_squash).isin(subjects) | table.name.map(lambda n: any(
        _is_self(n, o) for o in set(table.outlet)))]
    table["where"] = table["where"].fillna("body").replace("", "body")
    table["key"] = table.text.map(lambda t: _clean(t).lower())
    # The same credit from the markers table and from the articles table is one credit
    # (the markers' row comes first and carries the canonical name).
    return table.drop_duplicates(["outlet", "key"]).reset_index(drop=True)


def _agency_findings(run: RunTables, options: FindingOptions) -> list[dict]:
    """Which outlets credit themselves, relay a news agency or use an agency's photo, when they differ.

    The narrow half of the credits: each clause is a phrase in that outlet's own text ("citing
    Reuters", "(Sputnik)"), or "names no other agency or outlet" when its raw text names none.
    Which other outlets each one cites is :func:`_credit_findings`: hand checks found those lists
    often incomplete.
    """
    return _credit_sentences(run, with_outlets=False)


def _credit_findings(run: RunTables, options: FindingOptions) -> list[dict]:
    """The agencies and outlets each outlet credits (relays, cites, itself), when they differ.

    An outlet without a credit is said to name none only when its raw text names no other news
    organisation at all (:func:`newsprism.compare.verify.named_outlets`); otherwise it is left out,
    since a venue ("said on Fox News") or a name the lists miss may stand there. Stated only when
    some outlet cites another outlet or names none: otherwise :func:`_agency_findings` says it all.
    """
    return _credit_sentences(run, with_outlets=True)


def _credit_sentences(run: RunTables, with_outlets: bool) -> list[dict]:
    outlets = run.outlets
    credits = run.shared("credits", lambda: _credits(run))  # both credit finders read them
    if len(outlets) < 2 or credits.empty:
        return []
    parts, involved, none, signature = [], [], [], {}
    # Plain (name, text, self, photo) rows per outlet, not a pandas selection per outlet and kind of credit.
    by_outlet: dict[object, list[tuple[str, str, bool, bool]]] = {}
    for outlet, name, where, text in zip(credits.outlet, credits.name, credits["where"], credits.text):
        photo = re.search("photo", where, flags=re.IGNORECASE) is not None  # as pandas' case-blind str.contains
        by_outlet.setdefault(outlet, []).append((name, text, bool(_is_self(name, outlet)), photo))
    for outlet in outlets:
        rows = by_outlet.get(outlet, [])
        clauses, named = [], set()
        if any(is_self for _, _, is_self, _ in rows):
            named.add("itself")
            clauses.append(f"credits itself ({_examples([t for _, t, is_self, _ in rows if is_self], 2)})")
        text_credits = [(n, t) for n, t, is_self, photo in rows if not is_self and not photo]
        if text_credits:
            # An agency's copy is relayed; another outlet is only cited.
            agency = [_squash(n) in _agencies() for n, _ in text_credits]
            for verb, part in (("relays", [c for c, a in zip(text_credits, agency) if a]),
                               ("cites", [c for c, a in zip(text_credits, agency) if not a])):
                if part and (with_outlets or verb == "relays"):
                    names = list(dict.fromkeys(n for n, _ in part))
                    named.update(n.lower() for n in names)
                    clauses.append(f"{verb} {join_names(names)} ({_examples([t for _, t in part], 3)})")
        cited = {n for n, _ in text_credits}
        photo_only = [n for n, _, is_self, photo in rows if not is_self and photo and n not in cited]
        if photo_only:
            named.update(f"photo {n.lower()}" for n in photo_only)
            clauses.append(f"uses a photo from {join_names(dict.fromkeys(photo_only))}")
        shown = {n for n, _, is_self, _ in rows if is_self} \
            | {n for n, _, _, _ in rows if n.lower() in named or f"photo {n.lower()}" in named}
        if clauses and not with_outlets and _names_others(run, outlet, shown):
            # Hand checks found "X credits itself" read as X's only credit when X also cited
            # other papers the lists had missed: say that there are others.
            clauses.append("names other outlets too")
        if clauses:
            listed = clauses[0] if len(clauses) == 1 else ", ".join(clauses[:-1]) + " and " + clauses[-1]
            parts.append(f"{outlet} {listed}")
        elif run.shared(("names no outlet", outlet), lambda o=outlet: _names_no_outlet(run, o)):
            parts.append(f"{outlet} names no other agency or outlet")
            none.append(outlet)
        else:
            continue  # no credit found, but it may have one: say nothing about it
        involved.append(outlet)
        signature[outlet] = frozenset(named)
    if len(involved) < 2 or len(set(signature.values())) == 1:
        return []  # one outlet alone is no contrast; or every outlet credits the same names
    if with_outlets and not any(" cites " in p for p in parts):
        return []  # nothing beyond the agencies and self-credits, which _agency_findings states
    claim = {"kind": "credits", "none": none} if none else None
    return [_finding("; ".join(parts) + ".", _evidence(credits), involved, len(credits), claim,
                     measured_as="credits" if with_outlets else "agency_credits")]


def _outlet_texts(run: RunTables, outlet: str) -> list[str]:
    """All of an outlet's text: bodies, headlines and credit lines."""
    raw = run.raw
    return raw.of_outlet(outlet) + [raw.extra[a] for a, o in raw.outlet_of.items() if o == outlet and raw.extra[a]]


def _names_others(run: RunTables, outlet: str, credited: set[str]) -> bool:
    """True when the outlet's text names a news organisation besides itself and those it is credited with."""
    known = {_squash(c) for c in credited}
    return any(_squash(name) not in known for t in _outlet_texts(run, outlet) for name in named_outlets(t, outlet))


def _names_no_outlet(run: RunTables, outlet: str) -> bool:
    """True when nothing in the outlet's text (body, headline, credit lines) names another news organisation."""
    texts = _outlet_texts(run, outlet)
    return bool(texts) and not any(named_outlets(t, outlet) for t in texts)


@functools.lru_cache(maxsize=1)
def _anonymous_heads() -> tuple[frozenset[str], frozenset[str]]:
    """The head nouns of unnamed sources (``anonymous_sources.csv``) and those of spokespeople among them."""
    table = load_lexicon("anonymous_sources", ("text", "kind", "category"))
    heads = {w.strip().lower() for text in table[table["kind"] == "head"].text for w in text.split("|")}
    spokes = {h for h in heads if h.startswith("spokes")}
    return frozenset(heads), frozenset(spokes)


def _head_words(text: str) -> set[str]:
    """The lexicon heads a mention holds, singular ("Senior officials" -> {"official"})."""
    heads, _ = _anonymous_heads()
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
    return {h for h in heads if h in words or h + "s" in words or h + "es" in words}


def _countable(text: str) -> bool:
    """Is the mention an unnamed source to count?

    Not a group that only holds an opinion ("Critics", "Supporters of the plan"), not an on-record
    spokesperson of a named body ("a spokesperson for the senator": a weak case at best), and not a
    bare back-reference ("the aide", "the official"), which points to someone introduced before.

    >>> [_countable(t) for t in ("Senior officials", "Critics", "a spokesman for the senator", "the aide", "a German source")]
    [True, False, False, False, True]
    """
    _, spokes = _anonymous_heads()
    found = _head_words(text)
    if not found or found <= spokes:
        return False
    return not re.fullmatch(r"(?:the|that|this)\s+\w+", _clean(text).strip(), flags=re.I)


def _anonymous_findings(run: RunTables, options: FindingOptions) -> list[dict]:
    """Unnamed sources ("a senior official"), from the markers and the quotes tables.

    Counts of unnamed sources run low (a group of "officials" is one mention, "those briefed" may be
    missed), so no outlet is ranked above another that has some: the finding contrasts an outlet that
    relies on unnamed sources with outlets whose text shows none at all (checked on the raw text).
    """
    rows = []
    markers = run.table("markers", ["type", "text"])
    if markers is not None:
        anon = markers[markers["type"] == "anonymous_source"]
        rows += [{"article_id": r.get("article_id"), "outlet": r["outlet"], "text": r["text"],
                  "start": r.get("start"), "end": r.get("end")} for r in records(anon)]
    quotes = run.table("quotes", ["anonymous", "speaker_mention"])
    if quotes is not None:
        anon = quotes[quotes.anonymous.fillna(False).astype(bool) & quotes.speaker_mention.notna()]
        rows += [{"article_id": r.get("article_id"), "outlet": r["outlet"], "text": r["speaker_mention"],
                  "start": r.get("speaker_start"), "end": r.get("speaker_end"),
                  "speaker": r.get("speaker")} for r in records(anon)]
    outlets = run.outlets
    rows = [r for r in rows if isinstance(r["text"], str) and _countable(r["text"])]
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
    if not _clear_lead(counts[leader], 0, options.min_count):
        return []
    # An outlet is said to have none only when its raw text has no word of an unnamed source at all.
    zero = [o for o in outlets if counts[o] == 0 and not unnamed_source_words(run.raw.of_outlet(o))]
    if not zero:
        return []
    examples = {o: list(dict.fromkeys(table.loc[table.outlet == o, "text"].map(_clean)))
                for o in counts[counts > 0].sort_values(ascending=False, kind="stable").index}
    n = int(counts[leader])
    parts = [f"{leader} relies on at least {n} unnamed source{'s' if n > 1 else ''} ({_examples(examples[leader], 3)})"]
    parts += [f"{o} also on some ({_examples(examples[o], 2)})" for o in examples if o != leader]
    parts += [f"{o} on none" for o in zero]
    claim = {"kind": "unnamed_sources", "outlets": examples, "none": zero}
    return [_finding("; ".join(parts) + ".", _evidence(table), [*examples, *zero], n, claim,
                     measured_as="anonymous_sources")]


TOPIC = Topic("sourcing", 3.0, (_agency_findings, _credit_findings, _anonymous_findings))
