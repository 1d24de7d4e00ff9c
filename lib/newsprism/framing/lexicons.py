"""Word lists for the framing markers, read from data files, and a phrase matcher over a parse.

Every list lives in ``newsprism/data/*.csv`` with a ``#`` header naming where its
categories come from. Entries are phrases written as a reader would ("so-called",
"rebel-held", "double down|doubled down"), tokenised with spaCy's English
tokenizer so that they line up with the tokens of a parsed article.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import spacy
from spacy.tokens import Doc

from newsprism.text.datafiles import read_csv_file, read_data_csv
from newsprism.text.nlp import token_lowers

# Columns of a user's own list (the ``extra_lexicon`` parameter of find_markers).
EXTRA_COLUMNS = ["type", "text", "category", "explanation"]


@functools.lru_cache(maxsize=16)
def _packaged(name: str) -> pd.DataFrame:
    return read_data_csv(name)


def load_lexicon(name: str, required: tuple[str, ...] = ("text", "category", "explanation")) -> pd.DataFrame:
    """A lexicon shipped with newsprism, by file stem (``"hedges"`` reads ``data/hedges.csv``).

    Raises ``ValueError`` naming the file when a required column is missing.

    >>> load_lexicon("hedges").set_index("text").loc["alleged", "category"]
    'expression of doubt'
    """
    table = _packaged(name)
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise ValueError(f"newsprism/data/{name}.csv lacks the column(s) {missing}")
    return table.copy()


def load_extra_lexicon(path: str | Path) -> pd.DataFrame:
    """A user's own marker list: CSV with columns ``type,text,category,explanation``.

    ``type`` is a marker type (``hedge``, ``loaded_label``, or a new one such as
    ``euphemism``); ``text`` may hold alternatives separated by ``|``.

    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "mine.csv")
    >>> _ = open(p, "w").write("type,text,category,explanation\\nloaded_label,hardliner,label,'hardliner' judges.\\n")
    >>> load_extra_lexicon(p)["text"].tolist()
    ['hardliner']
    """
    path = Path(path)
    table = read_csv_file(path, f"lexicon {path}")
    missing = [c for c in EXTRA_COLUMNS if c not in table.columns]
    if missing:
        raise ValueError(f"extra lexicon {path} lacks the column(s) {missing}; expected {EXTRA_COLUMNS}")
    empty = table[table["type"].str.strip().eq("") | table["text"].str.strip().eq("")]
    if len(empty):
        raise ValueError(f"extra lexicon {path}: rows {list(empty.index + 2)} have an empty type or text")
    table["source"] = path.name
    return table


@functools.lru_cache(maxsize=1)
def _tokenizer():
    # The rule-based English tokenizer is the one the trained pipelines use, and it
    # needs no model, so lexicon phrases split exactly as article text does.
    return spacy.blank("en").tokenizer


@functools.lru_cache(maxsize=4096)
def phrase_words(phrase: str) -> tuple[str, ...]:
    """Lower-case tokens of a lexicon phrase, as spaCy splits them.

    >>> phrase_words("Rebel-held")
    ('rebel', '-', 'held')
    """
    return tuple(t.lower_ for t in _tokenizer()(phrase.strip()) if not t.is_space)


@dataclass(frozen=True)
class PhraseMatch:
    """Tokens ``start``..``end`` (exclusive) of a doc matched by lexicon row ``row``."""

    start: int
    end: int
    row: int


class PhraseIndex:
    """Finds lexicon phrases in a parsed doc, case-insensitively, longest match first.

    A plural ``-s``/``-es`` on the last word also matches ("regimes", "provocations").

    >>> index = PhraseIndex(["so-called", "regime"])
    >>> doc = spacy.blank("en")("The so-called regimes fell.")
    >>> [(doc[m.start:m.end].text, m.row) for m in index.find(doc)]
    [('so-called', 0), ('regimes', 1)]
    """

    def __init__(self, phrases: list[str], plurals: bool = True):
        self._by_first: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        for row, cell in enumerate(phrases):
            for phrase in str(cell).split("|"):
                words = phrase_words(phrase)
                if not words:
                    continue
                forms = {words}
                if plurals and words[-1].isalpha():
                    forms |= {words[:-1] + (words[-1] + "s",), words[:-1] + (words[-1] + "es",)}
                for form in forms:
                    self._by_first.setdefault(form[0], []).append((form, row))
        for entries in self._by_first.values():
            entries.sort(key=lambda e: -len(e[0]))

    def find(self, doc: Doc, lowers: list[str] | None = None) -> list[PhraseMatch]:
        """Non-overlapping matches in ``doc`` in text order; ``lowers`` = precomputed lower-case tokens."""
        lowers = lowers if lowers is not None else token_lowers(doc)
        by_first = self._by_first
        found: list[PhraseMatch] = []
        after = 0  # a match ends here: the next may start no earlier
        # Only the tokens that start some phrase are tried, in order (the others only step on).
        for i in [i for i, word in enumerate(lowers) if word in by_first]:
            if i < after:
                continue
            for words, row in by_first[lowers[i]]:
                k = len(words)
                if tuple(lowers[i : i + k]) == words:
                    found.append(PhraseMatch(i, i + k, row))
                    after = i + k
                    break
        return found


@functools.lru_cache(maxsize=16)
def packaged_index(name: str) -> PhraseIndex:
    """The :class:`PhraseIndex` of a packaged lexicon's ``text`` column, built once per process."""
    return PhraseIndex(_packaged(name)["text"].tolist())
