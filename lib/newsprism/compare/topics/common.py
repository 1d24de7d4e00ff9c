"""What every finding topic shares: the run's tables, the options, a topic's declaration and
the helpers that turn table rows into a sentence with its evidence.

A finder is a function ``finder(run: RunTables, options: FindingOptions) -> list[dict]`` whose
rows come from :func:`_finding`; :func:`newsprism.compare.findings.generate_findings` stamps
each row with its topic and a weight from the topic's ``base``.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pandas as pd

from newsprism.compare.model import StoryModel
from newsprism.compare.verify import RawText, news_organisations
from newsprism.framing.lexicons import load_lexicon
from newsprism.text.quote_spans import DOUBLE_MARKS, SINGLE_CLOSERS, SINGLE_OPENERS

# Reporting-verb classes that cast doubt on a speaker (voices) or on a claim (framing).
_DOUBT_CLASSES = {"distancing", "doubting", "doubt"}
# Quotation marks stripped from examples, and those a sentence split leaves at the start of a fact.
_ALL_MARKS = DOUBLE_MARKS + SINGLE_OPENERS + SINGLE_CLOSERS
_LEADING_MARKS = re.compile(rf"^[{re.escape(DOUBLE_MARKS)}\s]+(?=[A-Z])")


@dataclass(frozen=True)
class FindingOptions:
    """The thresholds of :func:`newsprism.compare.findings.generate_findings`, passed to every finder."""

    min_count: int = 2
    max_examples: int = 4


@dataclass
class RunTables:
    """The tables of one run, with each row's outlet attached.

    >>> run = RunTables({"articles": pd.DataFrame({"article_id": ["a", "b"], "outlet": ["NYT", "Fox"]})})
    >>> run.outlets, run.outlet_of["b"]
    (['NYT', 'Fox'], 'Fox')
    """

    tables: dict[str, pd.DataFrame]
    articles: pd.DataFrame | None = field(init=False)
    outlet_of: dict[str, str] = field(init=False)
    # Each table with its outlet column, made once: finders ask for the same tables again and again.
    _with_outlet: dict[str, pd.DataFrame | None] = field(init=False, default_factory=dict, repr=False)
    # What finders derive and share (see :meth:`shared`), made once per run.
    _shared: dict[object, object] = field(init=False, default_factory=dict, repr=False)

    def __post_init__(self):
        self.tables = {k: v for k, v in self.tables.items() if isinstance(v, pd.DataFrame)}
        articles = self.tables.get("articles")
        self.articles = articles if articles is not None and {"article_id", "outlet"} <= set(articles.columns) else None
        self.outlet_of = dict(zip(self.articles.article_id, self.articles.outlet)) if self.articles is not None else {}

    def table(self, name: str, needs: Iterable[str] = ()) -> pd.DataFrame | None:
        """Table ``name`` with an ``outlet`` column, or None when it is missing or lacks ``needs``.

        The same table is handed to every finder that asks: finders read it and never change it.
        """
        if name not in self._with_outlet:
            self._with_outlet[name] = self._attach_outlet(self.tables.get(name))
        df = self._with_outlet[name]
        if df is None or not set(needs) <= set(df.columns) or df.empty:
            return None
        return df

    def shared(self, key: object, make: Callable[[], object]) -> object:
        """``make()``, called once per run for ``key``: two finders that derive the same thing share it.

        Like the tables, what it returns is read and never changed.

        >>> run = RunTables({})
        >>> run.shared("n", lambda: [1]) is run.shared("n", lambda: [2])
        True
        """
        if key not in self._shared:
            self._shared[key] = make()
        return self._shared[key]

    def _attach_outlet(self, df: pd.DataFrame | None) -> pd.DataFrame | None:
        if df is None or df.empty:
            return None
        if "outlet" not in df.columns:
            if "article_id" not in df.columns or not self.outlet_of:
                return None
            df = df.assign(outlet=df.article_id.map(self.outlet_of))
        known = df.outlet.notna()
        # Every row's outlet is known in a run: the table as it is, not a copy of all its rows.
        return df if known.all() else df[known]

    @functools.cached_property
    def raw(self) -> RawText:
        """The articles' raw text, as the verifier reads it (built once for the finders and the checks)."""
        return RawText(self.articles)

    @functools.cached_property
    def model(self) -> StoryModel:
        """The run's cross-outlet model (who is who, which statements and facts correspond), built once."""
        return StoryModel.build(self.tables)

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


Finder = Callable[[RunTables, FindingOptions], list[dict]]


@dataclass(frozen=True)
class Topic:
    """A finding topic: its name (the ``topic`` column), its base weight and its finders, run in order.

    A finding's weight is ``base`` plus its strength (capped at 10) over 10, so between equally
    strong findings the topic with the higher base comes first.
    """

    name: str
    base: float
    finders: tuple[Finder, ...]

    def findings(self, run: RunTables, options: FindingOptions) -> list[dict]:
        """Every finder's rows, in the order of the finders, with topic and weight."""
        return [{"topic": self.name, **row, "weight": round(self.base + min(row.pop("strength"), 10) / 10, 3)}
                for finder in self.finders for row in finder(run, options)]


# ---------------------------------------------------------------- sentences and evidence

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


def _evidence(rows: pd.DataFrame, start: str = "start", end: str = "end", text: str = "text",
              limit: int = 8) -> list[dict]:
    items = []
    # Plain lists of the columns read, not itertuples (a new namedtuple class on every call) nor
    # records of the table (pandas boxes every cell of every row): a few rows of a wide table.
    read = [c for c in dict.fromkeys(("article_id", start, end, text, "where")) if c in rows.columns]
    head = rows.head(limit)
    values = [head[c].tolist() for c in read]
    for row in [dict(zip(read, cells)) for cells in zip(*values)] if read else [{}] * len(head):
        item = {"article_id": row.get("article_id"),
                "start": None if pd.isna(row.get(start)) else int(row.get(start)),
                "end": None if pd.isna(row.get(end)) else int(row.get(end)),
                "text": _clean(row.get(text, ""))}
        if row.get("where") and not pd.isna(row.get("where")) and row.get("where") != "body":
            item["where"] = row["where"]
        items.append(item)
    return items


def _finding(sentence: str, evidence: list[dict], outlets: Iterable[str], strength: float,
             claim: dict | None = None, measured_as: str = "") -> dict:
    """One finding row; ``strength`` (more is stronger, up to 10) orders it within its topic.

    ``claim`` says what the sentence asserts in a form :mod:`newsprism.compare.verify` can test
    against the articles' raw text (``{"kind": "never_uses", "outlets": [...], "word": "claimed"}``);
    a finding without one gets only the check of its evidence. ``measured_as`` names the
    kind of finding whose hand-checked precision (``data/finding_precision.csv``) applies.
    """
    return {"finding": sentence, "evidence": json.dumps(evidence, ensure_ascii=False),
            "outlets": ", ".join(dict.fromkeys(outlets)), "strength": strength,
            "claim": json.dumps(claim, ensure_ascii=False) if claim else "", "measured_as": measured_as}


# A sentence ends between two offsets: a line break, or a full stop, "?" or "!" before a capital
# (not after an initial or a short abbreviation such as "Sen.", "Mr." or "U.S.").
_SENTENCE_BREAK = re.compile(r"\n|(?<![A-Z])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})[.!?][\"”’]?\s+[\"“]?[A-Z]")


def _same_sentence(body: str, a: object, b: object) -> bool:
    """True when offsets ``a`` and ``b`` of ``body`` stand in one sentence (True when either is unknown).

    >>> _same_sentence("Lee spoke. Roe said so.", 0, 15), _same_sentence("Sen. Lee, 60, said so.", 5, 14)
    (False, True)
    """
    if not body or a is None or b is None or pd.isna(a) or pd.isna(b):
        return True
    lo, hi = sorted((int(a), int(b)))
    return _SENTENCE_BREAK.search(body[lo:hi]) is None


def _others(outlets: list[str], shown: Iterable[str]) -> list[str]:
    shown = set(shown)
    return [o for o in outlets if o not in shown]


def _clear_lead(leader: int, runner_up: int, min_count: int) -> bool:
    """One outlet stands out: at least ``min_count`` cases, twice the next outlet and ``min_count`` more.

    >>> _clear_lead(6, 0, 2), _clear_lead(3, 1, 2), _clear_lead(2, 1, 2), _clear_lead(1, 0, 2)
    (True, True, False, False)
    """
    return leader >= min_count and leader >= 2 * runner_up and leader - runner_up >= min_count


# ---------------------------------------------------------------- news outlets and agencies

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


@functools.lru_cache(maxsize=1)
def _media() -> frozenset[str]:
    """Squashed names of every news organisation newsprism knows (credits and outlets lists).

    A news organisation "saying" something is a credit (sourcing), not a voice of the story.
    """
    aliases = [alias for group in news_organisations() for alias in group]
    # "The Hill" is also quoted as "Hill", "The Atlantic" as "Atlantic".
    names = {_squash(re.sub(r"^the\s+", "", alias, flags=re.I)) for alias in aliases} | {_squash(a) for a in aliases}
    return frozenset(n for n in names if n)


def with_resolved_speaker(quotes: pd.DataFrame) -> pd.DataFrame:
    """The attributions whose speaker is known: an unresolved pronoun ("he (unresolved)") supports no finding.

    >>> quotes = pd.DataFrame({"speaker": ["Antony Blinken", "he (unresolved)", None], "resolved": [True, False, False]})
    >>> with_resolved_speaker(quotes).speaker.tolist()
    ['Antony Blinken']
    """
    keep = quotes.speaker.notna() & (quotes.speaker.astype(str).str.strip() != "")
    if "resolved" in quotes.columns:
        keep &= quotes.resolved.fillna(False).astype(bool)
    return quotes[keep]

