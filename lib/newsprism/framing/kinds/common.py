"""What every marker kind shares: the article it reads, the attributions found in it, the row it writes.

An :class:`Article` is built once per parsed text by
:func:`newsprism.framing.markers.markers_from_doc` and handed to every kind in
:data:`newsprism.framing.kinds.KINDS`; each kind returns marker rows made with
:func:`row` or :func:`span_row`.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, field
from typing import Callable

import pandas as pd
from spacy.tokens import Doc, Span, Token

from newsprism.framing.lexicons import PhraseIndex
from newsprism.framing.scare_quotes import QuotedFragment, quoted_fragments
from newsprism.quotes.attribution import XCOMP_CUES, cue_lemma, reporting_verbs, speaker_of_verb
from newsprism.text.datafiles import read_data_csv
from newsprism.text.nlp import doc_ents, doc_text, token_lowers

MARKER_COLUMNS = ["type", "text", "start", "end", "category", "about", "explanation", "source", "where", "flagged", "in_quote"]
ACTOR_LABELS = frozenset("PERSON ORG GPE NORP LOC FAC".split())
# Reporting verbs with common non-reporting senses ("found dead", "show strength"):
# counted only when they govern a clause ("found that ...").
CLAUSE_ONLY_VERBS = frozenset("find show prove note observe maintain repeat add state call describe".split())


@dataclass(frozen=True)
class MarkerKind:
    """One kind of framing marker: its ``type`` name, the function that finds it, and its glossary entry.

    ``in_quote`` says what happens to a marker inside a genuine quotation (the
    speaker's words): ``keep`` it, ``unflag`` it (the speaker's verb, not the
    outlet's choice) or ``drop`` it (a loaded word there is the speaker's).
    ``lexicon_rows(article, type_, table, index, source)`` reads markers of this kind
    from a phrase lexicon, for a user's extra list of the same type (default:
    :func:`lexicon_rows`).
    """

    name: str
    find: Callable[["Article"], list[dict]]
    in_quote: str = "keep"
    lexicon_rows: Callable[..., list[dict]] | None = None

    @property
    def glossary(self) -> dict[str, str]:
        """This kind's entry in ``data/glossary.csv`` (term, what_it_is, what_to_look_for, example)."""
        entries = _glossary()
        if self.name not in entries:
            raise LookupError(f"data/glossary.csv has no row with type '{self.name}': add one for the marker kind")
        return entries[self.name]


@functools.lru_cache(maxsize=1)
def _glossary() -> dict[str, dict[str, str]]:
    return {entry["type"]: entry for entry in read_data_csv("glossary").to_dict("records")}


@dataclass(frozen=True)
class Attributions:
    """What the quotes stage found in one text (its ``quotes`` rows), looked up by the offset of each cue.

    ``speakers`` are the actors the quotes stage resolved; ``mentions`` the offsets
    of the words that name the speaker there ("Blinken", "a senior official").

    >>> a = Attributions.of(pd.DataFrame({"cue_start": [3], "speaker": ["Jane Doe"], "stance": [pd.NA]}))
    >>> 3 in a.cue_starts, a.speakers[3], a.stances
    (True, 'Jane Doe', {})
    >>> Attributions.of(pd.DataFrame({"cue_start": [3], "speaker": ["Jane Doe"]}), resolved=False).speakers
    {}
    """

    cue_starts: frozenset[int] = frozenset()
    speakers: dict[int, str] = field(default_factory=dict)
    mentions: dict[int, tuple[int, int]] = field(default_factory=dict)
    stances: dict[int, str] = field(default_factory=dict)  # for cues in the lexicon
    direct: frozenset[tuple[int, int]] = frozenset()  # content offsets of direct quotations
    # (content_start, content_end, cue_start) of every attribution with a cue: what each cue reports
    reported: tuple[tuple[int, int, int], ...] = ()

    @classmethod
    def of(cls, quotes: pd.DataFrame | None, resolved: bool = True) -> "Attributions":
        """From a quotes table (:func:`newsprism.quotes.extract.quotes_from_doc`); any of its columns may be missing.

        ``resolved=False`` keeps the speakers as the text names them (``mentions``
        only), for attributions found without the caller's entities.
        """
        if quotes is None or not len(quotes):
            return cls()
        # Plain lists: pandas filtering and casting cost more than the few rows of an article.
        columns = set(quotes.columns)
        # Only the columns read below: a column of pandas' string or Int64 type costs its rows to list.
        values = {c: quotes[c].tolist() for c in columns & _ATTRIBUTION_COLUMNS}
        has_cue = [pd.notna(c) for c in values["cue_start"]] if "cue_start" in columns else [False] * len(quotes)

        def of_cues(column: str) -> list:
            return [v for v, keep in zip(values[column], has_cue) if keep]

        starts = [int(c) for c in of_cues("cue_start")] if any(has_cue) else []

        def by_cue(column: str) -> dict[int, str]:
            if column not in columns:
                return {}
            return {start: value for start, value in zip(starts, of_cues(column)) if isinstance(value, str)}

        mentions = {}
        if {"speaker_start", "speaker_end"} <= columns:
            mentions = {start: (int(a), int(b)) for start, a, b in zip(starts, of_cues("speaker_start"),
                                                                        of_cues("speaker_end"))
                        if pd.notna(a) and pd.notna(b)}
        direct = frozenset()
        if {"kind", "content_start", "content_end"} <= columns:
            # A missing kind is no direct quotation (a mask's missing value selects nothing).
            direct = frozenset((int(a), int(b)) for k, a, b in zip(values["kind"], values["content_start"],
                                                                   values["content_end"])
                               if isinstance(k, str) and k == "direct" and pd.notna(a))
        reported = ()
        if {"content_start", "content_end"} <= columns and starts:
            reported = tuple(sorted((int(a), int(b), cue) for a, b, cue in zip(
                of_cues("content_start"), of_cues("content_end"), starts) if pd.notna(a) and pd.notna(b)))
        return cls(frozenset(starts), by_cue("speaker") if resolved else {}, mentions, by_cue("stance"), direct, reported)


# The columns of a quotes table that Attributions.of reads.
_ATTRIBUTION_COLUMNS = frozenset({"cue_start", "speaker", "stance", "speaker_start", "speaker_end", "kind",
                                  "content_start", "content_end"})


@dataclass
class Article:
    """One parsed text with what every kind reads, built once (see :meth:`build`).

    ``found`` holds the rows of the kinds already run; a kind that needs another
    kind's rows (loaded labels defer to naming variants) asks :meth:`rows`.
    """

    doc: Doc
    text: str
    where: str
    lowers: list[str]  # lower-case form of every token, for the phrase lexicons
    attributions: Attributions
    fragments: list[QuotedFragment]  # every quoted span of the text
    context: str | None = None  # the text in which naming labels must find their conflict
    found: dict[str, list[dict]] = field(default_factory=dict)

    @classmethod
    def build(cls, doc: Doc, attributions: Attributions, where: str = "body", context: str | None = None,
              text: str | None = None) -> "Article":
        # doc.text re-joins every token on each access: read it once per Doc (or take the caller's ``text``).
        text = doc_text(doc) if text is None else text
        return cls(doc, text, where, token_lowers(doc), attributions, quoted_fragments(text), context)

    def rows(self, kind: str) -> list[dict]:
        """The rows of marker kind ``kind`` (a name in the registry), found once and kept."""
        if kind not in self.found:
            from newsprism.framing.kinds import KIND_BY_NAME

            self.found[kind] = KIND_BY_NAME[kind].find(self)
        return self.found[kind]

    @functools.cached_property
    def ents(self) -> "Entities":
        """The doc's named entities, read once."""
        return Entities(self.doc)


# -- rows ---------------------------------------------------------------------------------

def row(type_, text, start, end, category, explanation, source, where, about="", flagged=True, in_quote=False) -> dict:
    """One marker row (columns: see :mod:`newsprism.framing.markers`)."""
    return {"type": type_, "text": text, "start": int(start), "end": int(end), "category": category,
            "about": about or "", "explanation": explanation, "source": source, "where": where,
            "flagged": bool(flagged), "in_quote": bool(in_quote)}


def span_row(type_, span: Span, category, explanation, source, where, about="", flagged=True) -> dict:
    return row(type_, span.text, span.start_char, span.end_char, category, explanation, source, where, about, flagged)


def lexicon_matches(article: Article, table: pd.DataFrame, index: PhraseIndex):
    """(entry, span) for every match of a phrase lexicon in the article, in order."""
    for match in index.find(article.doc, article.lowers):
        yield table.iloc[match.row], article.doc[match.start : match.end]


def lexicon_row(type_: str, span: Span, entry: pd.Series, source: str, where: str, about: str = "") -> dict:
    """A marker from a lexicon entry with columns text, category, explanation (and maybe source)."""
    return span_row(type_, span, entry["category"], entry["explanation"], entry.get("source", source) or source, where, about)


def lexicon_rows(article: Article, type_: str, table: pd.DataFrame, index: PhraseIndex, source: str) -> list[dict]:
    """A marker of type ``type_`` for every match of a phrase lexicon, as written."""
    return [lexicon_row(type_, span, entry, source, article.where) for entry, span in lexicon_matches(article, table, index)]


def typed(table: pd.DataFrame) -> pd.DataFrame:
    """Fixed column types, so that an empty table concatenates like a full one."""
    return table.astype({"type": str, "text": str, "start": "int64", "end": "int64", "category": str, "about": str,
                         "explanation": str, "source": str, "where": str, "flagged": bool, "in_quote": bool})


@functools.lru_cache(maxsize=1)
def _empty_markers() -> pd.DataFrame:
    return typed(pd.DataFrame(columns=MARKER_COLUMNS))


def empty_markers() -> pd.DataFrame:
    """A markers table without rows, with the column types of :func:`typed` (made once: ``astype`` is slow).

    >>> empty_markers().dtypes["start"], len(empty_markers())
    (dtype('int64'), 0)
    """
    return _empty_markers().copy()


# -- who and what a marker concerns -------------------------------------------------------

def actor_of(span: Span | None) -> str:
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


class Entities:
    """The doc's named entities, read once, with the entities inside a span found by binary search.

    ``Span.ents`` walks every entity of the document (and ``Doc.ents`` rebuilds them
    all) on each access: once per loaded label, that grew with labels * entities.

    >>> from newsprism.text.nlp import parse
    >>> doc = parse("Rebels shelled the city of Donetsk near Lugansk.")
    >>> [e.text for e in Entities(doc).within(doc[2:6])]
    ['Donetsk']
    """

    def __init__(self, doc: Doc):
        self._ents = list(doc_ents(doc))
        self._starts = [ent.start for ent in self._ents]

    def within(self, span: Span) -> list[Span]:
        """The entities inside ``span``, in order (what ``span.ents`` gives)."""
        found = []
        for ent in self._ents[bisect.bisect_left(self._starts, span.start):]:
            if ent.end > span.end:
                break  # entities do not overlap: every later one ends later too
            found.append(ent)
        return found


def named_in(np: Span | None, exclude: Span, from_token: int = 0, ents: Entities | None = None) -> str:
    """The first named actor or place in a noun phrase ("the rebel-held city of Donetsk" -> Donetsk)."""
    if np is None:
        return ""
    for ent in (ents.within(np) if ents is not None else np.ents):
        if ent.label_ in ACTOR_LABELS and ent.end > from_token and (ent.end <= exclude.start or ent.start >= exclude.end):
            return ent.text
    return ""


# -- reporting verbs read from the parse --------------------------------------------------

@functools.lru_cache(maxsize=4)
def reporting_lemmas(*pos: str) -> frozenset[str]:
    """Lemmas of ``data/reporting_verbs.csv`` with one of the parts of speech ``pos`` ("verb", "noun")."""
    table = reporting_verbs()
    return frozenset(table.loc[table["pos"].isin(pos), "lemma"])


def is_reporting_use(token: Token, lemma: str, stance: str, where: str) -> bool:
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


def speaker_of(verb: Token) -> Span | None:
    """Who speaks through ``verb``; "X will continue, Blinken said, reiterating ..." gives Blinken."""
    if verb.dep_ in ("xcomp", "advcl", "conj"):
        for sibling in verb.head.children:
            if sibling.dep_ == "parataxis" and sibling is not verb and cue_lemma(sibling):
                return speaker_of_verb(sibling)
    return speaker_of_verb(verb)
