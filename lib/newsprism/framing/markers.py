"""Framing markers: the small word choices that tilt a story, found where they stand.

One row per marker, with offsets into the text it was found in:

============  ==========================================================================
column        meaning
============  ==========================================================================
type          attribution_verb | scare_quote | hedge | loaded_label | naming_variant |
              source_credit | anonymous_source (or a type from a user's extra lexicon)
text          the marker as written
start, end    character offsets into the text named by ``where`` (the article body, the
              headline, or the credit text itself for dateline and photo credits)
category      finer class: the stance for attribution verbs (neutral | distancing |
              endorsing | emphatic), the lexicon category for the others
about         the actor the marker concerns, when there is one ("Antony Blinken")
explanation   one sentence a student understands
source        the lexicon file or rule that found the marker
where         body | headline | dateline | photo credit | ...
flagged       True when the marker tilts the text: every marker except neutral
              attribution verbs and the canonical spelling of a name
in_quote      True when the marker stands inside a genuine quotation (the speaker's
              words, not the writer's)
============  ==========================================================================

The Doc-level function :func:`markers_from_doc` works on a cached parse;
:func:`find_markers` parses a text and calls it.
"""

from __future__ import annotations

import bisect
import functools
import json
from pathlib import Path

import pandas as pd
from spacy.attrs import LOWER
from spacy.tokens import Doc, Span, Token

from newsprism.quotes.attribution import XCOMP_CUES, cue_lemma, noun_phrase, reporting_verbs, speaker_of_verb, stance_of
from newsprism.framing.lexicons import PhraseIndex, load_extra_lexicon, load_lexicon, packaged_index
from newsprism.entities.naming import find_known_variants, known_variants
from newsprism.text.quote_spans import RangeIndex
from newsprism.framing.scare_quotes import QuotedFragment, quoted_fragments, scare_quote_spans

MARKER_COLUMNS = ["type", "text", "start", "end", "category", "about", "explanation", "source", "where", "flagged", "in_quote"]
MARKER_TYPES = ("attribution_verb", "scare_quote", "hedge", "loaded_label", "naming_variant", "source_credit", "anonymous_source")

STANCE_EXPLANATIONS = {
    "neutral": "'{w}' reports the words without judging them.",
    "distancing": "'{w}' signals doubt where 'said' would be neutral.",
    "endorsing": "'{w}' presents what is reported as true, where 'said' would leave that open.",
    "emphatic": "'{w}' adds force to what is reported, where 'said' would be neutral.",
}
# Reporting verbs with common non-reporting senses ("found dead", "show strength"):
# counted only when they govern a clause ("found that ...").
CLAUSE_ONLY_VERBS = frozenset("find show prove note observe maintain repeat add state call describe".split())
# Words before an epistemic adjective that turn it into an ordinary one ("as soon as possible").
NON_EPISTEMIC_BEFORE = frozenset("as if where whenever best only".split())
ACTOR_LABELS = frozenset("PERSON ORG GPE NORP LOC FAC".split())
INDEFINITE = frozenset("a an some several two three four many other another various multiple one".split())
# Words that turn an agency's name into the person or piece the article relies on.
CREDIT_HEADS = frozenset("witness reporter correspondent journalist photographer cameraman report tally count calculation analysis poll survey investigation review source".split())
CITING_CUES = ("citing", "according to", "told", "cited by", "quoted by", "reported by", "in an interview with", "speaking to", "said to")


@functools.lru_cache(maxsize=1)
def _reporting_words() -> frozenset[str]:
    """Verbs and nouns that introduce reported speech ("said", "claim"), for the scare-quote rule."""
    table = reporting_verbs()
    return frozenset(table.loc[table["pos"].isin(["verb", "noun"]), "lemma"])


@functools.lru_cache(maxsize=1)
def _reporting_nouns() -> frozenset[str]:
    table = reporting_verbs()
    return frozenset(table.loc[table["pos"] == "noun", "lemma"])


@functools.lru_cache(maxsize=1)
def _credit_table() -> tuple[pd.DataFrame, dict[str, int], dict[str, int]]:
    """Source credits: the table, plus case-sensitive and lower-case name -> row lookups."""
    table = load_lexicon("source_credits", ("text", "category", "country", "source"))
    exact, folded = {}, {}
    for row, cell in enumerate(table["text"]):
        for name in cell.split("|"):
            name = name.strip()
            if name.isupper() and len(name) <= 5:
                exact[name] = row  # "AP", "RT", "DW": as a word only in capitals
            else:
                folded[name.lower()] = row
    return table, exact, folded


@functools.lru_cache(maxsize=1)
def _credit_index() -> PhraseIndex:
    table, exact, folded = _credit_table()
    # Case is checked after matching, so one index serves both lookups.
    return PhraseIndex(list(exact) + list(folded), plurals=False)


def _typed(table: pd.DataFrame) -> pd.DataFrame:
    """Fixed column types, so that an empty table concatenates like a full one."""
    return table.astype({"type": str, "text": str, "start": "int64", "end": "int64", "category": str, "about": str,
                         "explanation": str, "source": str, "where": str, "flagged": bool, "in_quote": bool})


def _row(type_, text, start, end, category, explanation, source, where, about="", flagged=True, in_quote=False) -> dict:
    return {"type": type_, "text": text, "start": int(start), "end": int(end), "category": category,
            "about": about or "", "explanation": explanation, "source": source, "where": where,
            "flagged": bool(flagged), "in_quote": bool(in_quote)}


def _span_row(type_, span: Span, category, explanation, source, where, about="", flagged=True) -> dict:
    return _row(type_, span.text, span.start_char, span.end_char, category, explanation, source, where, about, flagged)


def _actor_of(span: Span | None) -> str:
    """A readable name for the actor a span refers to: the named entity at its head, else its text."""
    if span is None or not len(span):
        return ""
    root = span.root
    if root.ent_iob_ in ("B", "I"):
        # Walk the entity around the root through the IOB tags: ``doc.ents`` rebuilds
        # every entity of the document on each access.
        doc, start, end = span.doc, root.i, root.i + 1
        while doc[start].ent_iob_ == "I" and start > 0:
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return doc[start:end].text
    return span.text


class _Entities:
    """The doc's named entities, read once, with the entities inside a span found by binary search.

    ``Span.ents`` walks every entity of the document (and ``Doc.ents`` rebuilds them
    all) on each access: once per loaded label, that grew with labels * entities.

    >>> from newsprism.text.nlp import parse
    >>> doc = parse("Rebels shelled the city of Donetsk near Lugansk.")
    >>> [e.text for e in _Entities(doc).within(doc[2:6])]
    ['Donetsk']
    """

    def __init__(self, doc: Doc):
        self._ents = list(doc.ents)
        self._starts = [ent.start for ent in self._ents]

    def within(self, span: Span) -> list[Span]:
        """The entities inside ``span``, in order (what ``span.ents`` gives)."""
        found = []
        for ent in self._ents[bisect.bisect_left(self._starts, span.start):]:
            if ent.end > span.end:
                break  # entities do not overlap: every later one ends later too
            found.append(ent)
        return found


def _named_in(np: Span | None, exclude: Span, from_token: int = 0, ents: _Entities | None = None) -> str:
    """The first named actor or place in a noun phrase ("the rebel-held city of Donetsk" -> Donetsk)."""
    if np is None:
        return ""
    for ent in (ents.within(np) if ents is not None else np.ents):
        if ent.label_ in ACTOR_LABELS and ent.end > from_token and (ent.end <= exclude.start or ent.start >= exclude.end):
            return ent.text
    return ""


# -- attribution verbs ------------------------------------------------------------------

def _is_reporting_use(token: Token, lemma: str, stance: str, where: str) -> bool:
    """Does this verb report what someone said, rather than being used in another sense?"""
    if where == "headline" or token.dep_ == "parataxis":
        return True
    deps = {c.dep_ for c in token.children}
    # A parataxis child is the cue of a quotation ("... will continue, Blinken said"), not this verb.
    if "ccomp" in deps or any(c.text == ":" for c in token.children):
        return True
    if "xcomp" in deps and lemma in XCOMP_CUES:
        return True  # "urging Moscow to de-escalate"
    # "reiterating Washington's claims", "claimed victory": a loaded verb with an object still reports.
    return "dobj" in deps and stance != "neutral" and lemma not in CLAUSE_ONLY_VERBS


def _owners(token: Token) -> list[Token]:
    # "Washington's claims", "its claims"; not "'Imminent Threat' Claims", where a closing
    # quotation mark was parsed as a possessive.
    return [c for c in token.children if c.dep_ == "poss"
            and (c.tag_ == "PRP$" or any(g.dep_ == "case" and g.text in ("'s", "\u2019s") for g in c.children))]


def attribution_markers(doc: Doc, where: str = "body", cue_starts: frozenset[int] = frozenset(), lowers: list[str] | None = None) -> list[dict]:
    """Reporting verbs, nouns ("Washington's claims") and idioms ("doubling down") with their stance.

    ``cue_starts`` are offsets of cues the quote extractor found; those verbs are kept
    even when the parse does not show a reported clause.
    """
    rows = []
    nouns = _reporting_nouns()
    for token in doc:
        lemma = cue_lemma(token)
        stance = (stance_of(lemma, "phrase" if " " in lemma else "verb") or "neutral") if lemma else ""
        if lemma and (token.idx in cue_starts or _is_reporting_use(token, lemma, stance, where)):
            words = [token] + [c for c in token.children if c.dep_ == "prt" and " " in lemma]
            span = doc[min(t.i for t in words) : max(t.i for t in words) + 1]
            rows.append(_span_row("attribution_verb", span, stance, STANCE_EXPLANATIONS[stance].format(w=span.text),
                                  "reporting_verbs.csv", where, _actor_of(_speaker(token)), stance != "neutral"))
            continue
        if token.pos_ in ("NOUN", "PROPN") or (where == "headline" and token.is_alpha):
            noun_lemma = token.lemma_.lower() if token.pos_ == "NOUN" else token.lower_
            if noun_lemma not in nouns and noun_lemma[:-1] not in nouns:
                continue
            stance = stance_of(noun_lemma, "noun")
            if stance is None:
                continue
            owners = _owners(token)
            if stance == "neutral" and not owners:
                continue  # "a report", "the statement": only a cue when someone owns it
            start = min([token.i] + [o.left_edge.i for o in owners])
            span = doc[start : token.i + 1]
            about = _actor_of(noun_phrase(owners[0])) if owners else ""
            rows.append(_span_row("attribution_verb", span, stance,
                                  STANCE_EXPLANATIONS[stance].format(w=token.text).replace("'said'", "'statement'"),
                                  "reporting_verbs.csv (noun)", where, about, stance != "neutral"))
        elif token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            span = doc[token.i : token.i + 2]
            objs = [c for c in doc[token.i + 1].children if c.dep_ == "pobj"]
            rows.append(_span_row("attribution_verb", span, "neutral", STANCE_EXPLANATIONS["neutral"].format(w=span.text),
                                  "reporting_verbs.csv", where, _actor_of(noun_phrase(objs[0])) if objs else "", False))
    idioms = load_lexicon("attribution_idioms", ("text", "stance", "explanation"))
    for match in packaged_index("attribution_idioms").find(doc, lowers):
        entry = idioms.iloc[match.row]
        span = doc[match.start : match.end]
        rows.append(_span_row("attribution_verb", span, entry["stance"], entry["explanation"],
                              "attribution_idioms.csv", where, _actor_of(speaker_of_subject(span.root)), entry["stance"] != "neutral"))
    return rows


def _speaker(verb: Token) -> Span | None:
    """Who speaks through ``verb``; "X will continue, Blinken said, reiterating ..." gives Blinken."""
    if verb.dep_ in ("xcomp", "advcl", "conj"):
        for sibling in verb.head.children:
            if sibling.dep_ == "parataxis" and sibling is not verb and cue_lemma(sibling):
                return speaker_of_verb(sibling)
    return speaker_of_verb(verb)


def speaker_of_subject(token: Token) -> Span | None:
    """The subject of the verb a token belongs to, for idioms such as "doubling down"."""
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    return _speaker(verb)


# -- lexicon markers: hedges, loaded labels, a user's own list --------------------------

def _extend_to_head(span: Span) -> Span:
    """"alleged" -> "alleged preparation": a doubt adjective is shown with the noun it doubts."""
    last = span[-1]
    head = last.head
    if last.dep_ == "amod" and head.pos_ in ("NOUN", "PROPN") and 0 < head.i - last.i <= 4:
        return span.doc[span.start : head.i + 1]
    return span


def lexicon_markers(doc: Doc, type_: str, table: pd.DataFrame, index: PhraseIndex, source: str, where: str, lowers: list[str]) -> list[dict]:
    """Markers of one type from a phrase lexicon with columns text, category, explanation."""
    rows = []
    ents = _Entities(doc) if type_ == "loaded_label" else None
    for match in index.find(doc, lowers):
        entry = table.iloc[match.row]
        span = doc[match.start : match.end]
        if type_ == "hedge":
            before = doc[match.start - 1] if match.start else None
            # "as soon as possible", "the best possible": degree, not doubt.
            if before is not None and (before.lower_ in NON_EPISTEMIC_BEFORE or before.tag_ in ("JJS", "RBS")):
                continue
            span = _extend_to_head(span)
        about = ""
        if type_ == "loaded_label":
            head = span.root.head if span.root.dep_ in ("amod", "compound") else span.root
            # A modifier ("rebel-held city of Donetsk") concerns what follows it; a noun
            # ("the Assad regime") concerns the name that goes with it.
            about = _named_in(noun_phrase(head), span, head.i if head is not span.root else 0, ents)
        rows.append(_span_row(type_, span, entry["category"], entry["explanation"],
                              entry.get("source", source) or source, where, about))
    return rows


# -- scare quotes -------------------------------------------------------------------------

SCARE_EXPLANATIONS = {
    "scare quote": "Quotation marks around {w} in the writer's own sentence keep a distance from the word, as if to say 'so they call it'.",
    "quoted label": "Quotation marks around {w} present it as someone else's word for the thing, one the writer does not adopt.",
    "fragment in reported speech": "Picking out {w} in quotation marks from what someone said invites the reader to doubt those words.",
}


def scare_quote_markers(doc: Doc, fragments: list[QuotedFragment], where: str, quotes: pd.DataFrame | None, text: str | None = None) -> list[dict]:
    """Scare quotes, minus fragments that the quote extractor found as a whole direct quotation."""
    direct = set()
    if quotes is not None and len(quotes) and {"kind", "content_start", "content_end"} <= set(quotes.columns):
        for q in quotes[quotes["kind"] == "direct"].itertuples():
            if pd.notna(q.content_start):
                direct.add((int(q.content_start), int(q.content_end)))
    rows = []
    text = doc.text if text is None else text
    for frag, category in scare_quote_spans(doc, fragments, _reporting_words(), text):
        if (frag.inner_start, frag.inner_end) in direct:
            continue
        if where == "headline" and category == "fragment in reported speech":
            category = "scare quote"  # a headline is the outlet's own voice
        quoted = text[frag.start : frag.end]
        rows.append(_row("scare_quote", quoted, frag.start, frag.end, category,
                         SCARE_EXPLANATIONS[category].format(w=quoted), "scare_quotes rule", where))
    return rows


# -- naming variants ----------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _forms_of_concept() -> dict[str, list[str]]:
    """Every written form of each concept in :func:`newsprism.entities.naming.known_variants`, for the explanations."""
    variants = known_variants()
    return {concept: sorted(group["variant"]) for concept, group in variants.groupby("concept")}


def naming_markers(text: str, where: str, context: str | None = None) -> list[dict]:
    """Every written form of a name that outlets write in different ways (Kiev/Kyiv).

    The forms are found by :func:`newsprism.entities.naming.find_known_variants`, so that its
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
    for v in find_known_variants(text, context=context).to_dict("records"):
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
        rows.append(_row("naming_variant", written, v["start"], v["end"], v["kind"], why, "naming_variants.csv",
                         where, about=v["canonical"], flagged=not canonical))
    return rows


# -- source credits -----------------------------------------------------------------------

def _credit_name(doc: Doc, lowers: list[str]) -> list[tuple[Span, int]]:
    table, exact, folded = _credit_table()
    found = []
    for match in _credit_index().find(doc, lowers):
        span = doc[match.start : match.end]
        row = exact.get(span.text, folded.get(span.text.lower()))
        if row is None:
            continue  # "ap" or "Rt" in lower case is not the agency
        found.append((span, row))
    return found


def credit_markers_in_doc(doc: Doc, where: str, lowers: list[str], text: str | None = None) -> list[dict]:
    """Agencies and outlets credited or cited in the text: "citing Reuters", "(AFP)", "a Reuters witness"."""
    table, _, _ = _credit_table()
    text = doc.text if text is None else text
    lowered = None  # text.lower(), made once for the first "citing ..." and reused
    rows = []
    for span, row in _credit_name(doc, lowers):
        entry = table.iloc[row]
        start, end, category = span.start_char, span.end_char, "mentioned"
        before = text[max(0, start - 25) : start].lower()
        nxt = doc[span.end] if span.end < len(doc) else None
        if text[start - 1 : start] == "(" and text[end : end + 1] == ")":
            start, end, category = start - 1, end + 1, "dateline credit"
        elif any(before.rstrip().endswith(cue) for cue in CITING_CUES):
            cue = next(c for c in CITING_CUES if before.rstrip().endswith(c))
            lowered = text.lower() if lowered is None else lowered
            start, category = lowered.rfind(cue, 0, start), "cited"
        elif nxt is not None and nxt.lower_ in CREDIT_HEADS:
            det = doc[span.start - 1] if span.start and doc[span.start - 1].lower_ in ("a", "an", "the") else None
            start = det.idx if det is not None else start
            end, category = nxt.idx + len(nxt.text), f"{entry['category']} {nxt.lower_}"
        elif nxt is not None and (cue_lemma(nxt) or nxt.lower_ in ("reported", "reports", "said", "says")):
            category = "cited"
        name = entry["text"].split("|")[0]
        why = {
            "cited": f"The article relies on {name} ({entry['category']}, {entry['country']}) for this information.",
            "dateline credit": f"The story is credited to {name} ({entry['category']}, {entry['country']}).",
            "mentioned": f"{name} ({entry['category']}, {entry['country']}) is named here; check whether it is a source of the story.",
        }.get(category, f"The article relies on {name} ({entry['category']}, {entry['country']}) staff for what they saw or counted.")
        rows.append(_row("source_credit", text[start:end], start, end, category, why, "source_credits.csv", where, about=name))
    return rows


def credit_markers(credits_json: str | list | None) -> pd.DataFrame:
    """Markers for the credits that cleaning moved out of the body (the articles table's ``credits``).

    Offsets index into each credit's own text; ``where`` is the credit's place
    ("dateline", "photo credit").

    >>> credit_markers('[{"text": "(Sputnik)", "where": "dateline"}]')[["text", "where", "about"]].values.tolist()
    [['(Sputnik)', 'dateline', 'Sputnik']]
    """
    if credits_json is None or (isinstance(credits_json, float) and pd.isna(credits_json)) or credits_json == "":
        return _typed(pd.DataFrame(columns=MARKER_COLUMNS))
    try:
        credits = json.loads(credits_json) if isinstance(credits_json, str) else list(credits_json)
    except json.JSONDecodeError as exc:
        raise ValueError(f"credits must be a JSON list of {{'text','where'}} objects: {exc}: {credits_json[:80]!r}") from exc
    table, exact, folded = _credit_table()
    rows = []
    for item in credits:
        text, where = str(item.get("text", "")).strip(), str(item.get("where", "credit"))
        if not text:
            continue
        names = [n for n in list(exact) + list(folded) if (n in text if n in exact else n in text.lower())]
        name = max(names, key=len) if names else ""
        row = exact.get(name, folded.get(name))
        outlet = table.iloc[row]["text"].split("|")[0] if row is not None else ""
        kind = f" ({table.iloc[row]['category']}, {table.iloc[row]['country']})" if row is not None else ""
        why = (f"The {where} credits {outlet}{kind}: the story or picture comes from there."
               if outlet else f"The {where} credits who supplied the story or picture.")
        rows.append(_row("source_credit", text, 0, len(text), f"{where}", why, f"credits ({where})", where, about=outlet))
    return _typed(pd.DataFrame(rows, columns=MARKER_COLUMNS))


# -- anonymous sources --------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _anonymous_lexicon() -> tuple[dict[str, pd.Series], PhraseIndex, pd.DataFrame]:
    table = load_lexicon("anonymous_sources", ("text", "kind", "category", "explanation"))
    heads = {}
    for _, entry in table[table["kind"] == "head"].iterrows():
        for word in entry["text"].split("|"):
            heads[word.strip().lower()] = entry
    phrases = table[table["kind"] == "phrase"].reset_index(drop=True)
    return heads, PhraseIndex(phrases["text"].tolist(), plurals=False), phrases


def _is_unnamed(np: Span, head: Token) -> bool:
    """No name for the person: "a senior official in President Biden's administration" is unnamed."""
    if head.pos_ == "PROPN" or head.ent_type_ == "PERSON":
        return False
    if any(t.ent_type_ == "PERSON" for t in np if t.i < head.i) or any(
        c.dep_ == "appos" and c.pos_ == "PROPN" for c in head.children
    ):
        return False
    first = np[0].lower_
    return first in INDEFINITE or (head.tag_ == "NNS" and first not in ("the", "these", "those", "their", "his", "her", "its"))


def anonymous_markers(doc: Doc, where: str, credit_spans: list[tuple[int, int]], lowers: list[str] | None = None) -> list[dict]:
    """Unnamed sources that speak: "a German source said", "according to officials", "people familiar with"."""
    heads, phrase_index, phrases = _anonymous_lexicon()
    credits = RangeIndex(credit_spans)
    rows, seen = [], set()
    for token in doc:
        entry = heads.get(token.lemma_.lower()) if token.pos_ == "NOUN" else None
        if entry is None:
            continue
        lemma = cue_lemma(token.head) if token.dep_ in ("nsubj", "nsubjpass") else None
        speaks = lemma is not None and _is_reporting_use(token.head, lemma, stance_of(lemma, "verb") or "neutral", where)
        cited = token.dep_ == "pobj" and token.head.lower_ == "to" and token.head.i and doc[token.head.i - 1].lower_ == "according"
        familiar = any(c.lower_ == "familiar" for c in token.rights)
        if not (speaks or cited or familiar):
            continue
        np = noun_phrase(token)
        if np is None or not _is_unnamed(np, token):
            continue
        if credits.overlaps(np.start_char, np.end_char):
            continue  # "a Reuters witness" is counted as a source credit
        seen.add((np.start_char, np.end_char))
        rows.append(_span_row("anonymous_source", np, entry["category"], entry["explanation"], "anonymous_sources.csv", where, np.text))
    heads_found = RangeIndex(seen)
    for match in phrase_index.find(doc, lowers):
        entry = phrases.iloc[match.row]
        span = doc[match.start : match.end]
        if heads_found.holds(span.start_char):
            continue
        rows.append(_span_row("anonymous_source", span, entry["category"], entry["explanation"], "anonymous_sources.csv", where))
    return rows


# -- putting it together ------------------------------------------------------------------

def _extra_indexes(extra_lexicon) -> list[tuple[str, pd.DataFrame, PhraseIndex, str]]:
    if extra_lexicon is None:
        return []
    table = extra_lexicon if isinstance(extra_lexicon, pd.DataFrame) else load_extra_lexicon(extra_lexicon)
    if "source" not in table.columns:
        table = table.assign(source="extra lexicon")
    out = []
    for type_, group in table.groupby("type"):
        group = group.reset_index(drop=True)
        out.append((type_, group, PhraseIndex(group["text"].tolist()), "extra lexicon"))
    return out


def _resolve_about(rows: list[dict], quotes: pd.DataFrame | None, entities: pd.DataFrame | None) -> None:
    """Replace the local name in ``about`` with the canonical actor, when quotes or entities know it."""
    if quotes is not None and len(quotes) and {"cue_start", "speaker"} <= set(quotes.columns):
        by_cue = {int(q.cue_start): q.speaker for q in quotes.itertuples() if pd.notna(q.cue_start) and isinstance(q.speaker, str)}
        for row in rows:
            if row["type"] == "attribution_verb" and row["start"] in by_cue:
                row["about"] = by_cue[row["start"]]
    if entities is not None and len(entities) and {"start", "end", "actor", "text"} <= set(entities.columns):
        by_text = {}
        for e in entities.itertuples():
            if isinstance(e.actor, str) and e.actor:
                by_text.setdefault(e.text, e.actor)
        for row in rows:
            if row["about"] in by_text and row["type"] != "naming_variant":
                row["about"] = by_text[row["about"]]


def markers_from_doc(
    doc: Doc,
    quotes: pd.DataFrame | None = None,
    entities: pd.DataFrame | None = None,
    where: str = "body",
    extra_lexicon: str | Path | pd.DataFrame | None = None,
    context: str | None = None,
) -> pd.DataFrame:
    """All framing markers of a parsed text, one row per marker (columns: see the module doc).

    ``quotes`` (from :func:`newsprism.quotes.extract.quotes_from_doc`) and ``entities``
    (from :func:`newsprism.entities.extract.entities_from_doc`), when given, name the
    actor in ``about`` and keep whole direct quotations out of the scare quotes.
    ``extra_lexicon`` is a CSV path (or table) with columns type,text,category,explanation.
    ``context`` is the text in which generic naming labels ("rebels") must find the
    words that tie them to a conflict (default: the parsed text; for a headline, pass
    the whole article).

    >>> from newsprism.text.nlp import parse
    >>> m = markers_from_doc(parse("Blinken claimed the threat was 'imminent'."))
    >>> m[["type", "text", "category"]].values.tolist()
    [['attribution_verb', 'claimed', 'distancing'], ['scare_quote', "'imminent'", 'fragment in reported speech']]
    """
    # doc.text re-joins every token on each access: read it once.
    text = doc.text
    strings = doc.vocab.strings
    lowers = [strings[h] for h in doc.to_array(LOWER).tolist()] if len(doc) else []
    fragments = quoted_fragments(text)
    cue_starts = frozenset()
    if quotes is not None and len(quotes) and "cue_start" in quotes.columns:
        cue_starts = frozenset(int(c) for c in quotes["cue_start"].dropna())
    rows = attribution_markers(doc, where, cue_starts, lowers)
    rows += scare_quote_markers(doc, fragments, where, quotes, text)
    rows += lexicon_markers(doc, "hedge", load_lexicon("hedges"), packaged_index("hedges"), "hedges.csv", where, lowers)
    labels = lexicon_markers(doc, "loaded_label", load_lexicon("loaded_labels"), packaged_index("loaded_labels"), "loaded_labels.csv", where, lowers)
    naming = naming_markers(text, where, context)
    label_variants = RangeIndex((r["start"], r["end"]) for r in naming if r["category"] == "label")
    # A label that is also a listed naming variant ("separatist republic") is shown once, as the variant.
    rows += [r for r in labels if not label_variants.covers(r["start"], r["end"])]
    rows += naming
    credits = credit_markers_in_doc(doc, where, lowers, text)
    rows += credits
    rows += anonymous_markers(doc, where, [(r["start"], r["end"]) for r in credits], lowers)
    for type_, table, index, source in _extra_indexes(extra_lexicon):
        rows += lexicon_markers(doc, type_, table, index, source, where, lowers)
    genuine = RangeIndex((f.inner_start, f.inner_end) for f in fragments if f.genuine)
    kept = []
    for row in rows:
        row["in_quote"] = genuine.covers(row["start"], row["end"])
        if row["in_quote"] and row["type"] == "attribution_verb":
            row["flagged"] = False  # the speaker's own verb, not the outlet's choice
        # A loaded word inside someone's quotation is the speaker's choice, not the outlet's.
        if row["in_quote"] and row["type"] in ("hedge", "loaded_label", "anonymous_source"):
            continue
        kept.append(row)
    _resolve_about(kept, quotes, entities)
    kept.sort(key=lambda r: (r["start"], r["end"], r["type"]))
    table = pd.DataFrame(kept, columns=MARKER_COLUMNS)
    return table if len(table) else _typed(table)


def find_markers(text: str, where: str = "body", extra_lexicon: str | Path | None = None, model: str | None = None,
                 context: str | None = None) -> pd.DataFrame:
    """Framing markers of a text: parses it and calls :func:`markers_from_doc`.

    Use ``where="headline"`` for a headline, so that its markers are counted apart
    (and pass the article as ``context``, see :func:`markers_from_doc`).

    >>> m = find_markers("Rebels in the self-proclaimed republic near Donetsk allegedly fired, a senior official said.")
    >>> sorted(set(m["type"]))
    ['anonymous_source', 'attribution_verb', 'hedge', 'loaded_label', 'naming_variant']
    """
    from newsprism.text.nlp import parse

    return markers_from_doc(parse(text, model), where=where, extra_lexicon=extra_lexicon, context=context)


# -- tables for a run ---------------------------------------------------------------------

def _for_article(table: pd.DataFrame | None, article_id: str) -> pd.DataFrame | None:
    if table is None or "article_id" not in table.columns:
        return None
    return table[table["article_id"] == article_id]


def markers_table(
    articles: pd.DataFrame,
    docs: list[Doc],
    quotes: pd.DataFrame | None = None,
    entities: pd.DataFrame | None = None,
    extra_lexicon: str | Path | None = None,
    model: str | None = None,
) -> pd.DataFrame:
    """The ``markers`` table of a run: body, headline and credit markers of every article, keyed by ``article_id``.

    ``docs`` are the cached parses of ``articles.body`` in the same order.
    Headlines are short and parsed here in one batch. Generic naming labels
    ("rebels") are read against the article's headline and body together, as
    :func:`newsprism.entities.naming.naming_table` reads them. A run without articles gets
    an empty table with the same columns and types.

    >>> from newsprism.text.nlp import parse
    >>> arts = pd.DataFrame({"article_id": ["a1"], "headline": ["Rebels advance"], "body": ["Shelling near Lugansk."]})
    >>> markers_table(arts, [parse(arts.body[0])])[["where", "text"]].values.tolist()
    [['body', 'Lugansk'], ['headline', 'Rebels']]
    """
    if len(docs) != len(articles):
        raise ValueError(f"markers_table: {len(articles)} articles but {len(docs)} parsed bodies")
    from newsprism.text.nlp import load_pipeline

    extra = load_extra_lexicon(extra_lexicon) if extra_lexicon is not None else None
    headlines = articles["headline"].fillna("").astype(str).tolist() if "headline" in articles.columns else [""] * len(articles)
    heads = list(load_pipeline(model).pipe(headlines))
    parts = []
    for (_, article), doc, head_doc, headline in zip(articles.iterrows(), docs, heads, headlines):
        aid = article["article_id"]
        context = f"{headline}\n{doc.text}"
        found = [markers_from_doc(doc, _for_article(quotes, aid), _for_article(entities, aid), "body", extra, context)]
        if head_doc.text.strip():
            found.append(markers_from_doc(head_doc, None, _for_article(entities, aid), "headline", extra, context))
        found.append(credit_markers(article.get("credits")))
        frame = pd.concat(found, ignore_index=True)
        frame.insert(0, "article_id", aid)
        parts.append(frame)
    if not parts:
        return _typed(pd.DataFrame(columns=MARKER_COLUMNS)).assign(article_id="")[["article_id", *MARKER_COLUMNS]]
    return pd.concat(parts, ignore_index=True)


def marker_rates(markers: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per outlet, marker type and place (body, headline): counts and rates per 1,000 words.

    Columns: ``outlet``, ``where`` (body | headline | credits), ``type``, ``count``,
    ``flagged`` (markers that tilt the text), ``words`` (body words or headline words
    of the outlet's articles), ``per_1000_words``, ``flagged_per_1000_words``.
    Every outlet gets a row for every marker type, zero when none was found (so a
    run without any marker gets zero rates, not an empty table).

    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "headline": ["Kiev"], "word_count": [500]})
    >>> mk = pd.DataFrame({"article_id": ["a", "a"], "type": ["hedge", "hedge"], "where": ["body", "body"], "flagged": [True, True]})
    >>> marker_rates(mk, arts).query("type == 'hedge' and where == 'body'")["per_1000_words"].tolist()
    [4.0]
    >>> marker_rates(mk.iloc[:0], arts)["count"].tolist()[:3]
    [0, 0, 0]
    """
    arts = articles.copy()
    if "word_count" not in arts.columns:
        arts["word_count"] = arts["body"].fillna("").str.split().str.len()
    arts["headline_words"] = arts.get("headline", pd.Series([""] * len(arts), index=arts.index)).fillna("").astype(str).str.split().str.len()
    words = arts.groupby("outlet").agg(body=("word_count", "sum"), headline=("headline_words", "sum"))
    m = markers.merge(arts[["article_id", "outlet"]], on="article_id", how="left")
    m["place"] = m["where"].where(m["where"].isin(["body", "headline"]), "credits")
    # An empty table read back without types has object columns, which cannot be summed.
    m["flagged"] = m["flagged"].fillna(False).astype(bool)
    counts = m.groupby(["outlet", "place", "type"]).agg(count=("type", "size"), flagged=("flagged", "sum"))
    types = sorted(set(MARKER_TYPES) | set(m["type"]))
    grid = pd.MultiIndex.from_product([sorted(arts["outlet"].unique()), ["body", "headline"], types], names=["outlet", "place", "type"])
    extra = counts.index.difference(grid)
    table = counts.reindex(grid.append(extra), fill_value=0).reset_index().astype({"count": "int64", "flagged": "int64"})
    table["words"] = pd.array([int(words.loc[o, p]) if p in ("body", "headline") else 0
                               for o, p in zip(table["outlet"], table["place"])], dtype="int64")
    per = 1000 / table["words"].where(table["words"] > 0)
    table["per_1000_words"] = (table["count"] * per).round(2).fillna(0.0)
    table["flagged_per_1000_words"] = (table["flagged"] * per).round(2).fillna(0.0)
    table = table.rename(columns={"place": "where"})
    return table.sort_values(["outlet", "where", "type"]).reset_index(drop=True)


__all__ = ["MARKER_COLUMNS", "MARKER_TYPES", "find_markers", "markers_from_doc", "credit_markers",
           "markers_table", "marker_rates"]
