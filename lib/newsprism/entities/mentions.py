"""What entity finding, actor naming and reference resolution share: the mention and the name lists.

:mod:`newsprism.entities.extract` builds mentions, :mod:`newsprism.entities.actors` names their
actors and :mod:`newsprism.entities.references` adds pronouns and descriptions; all three
import the pieces they share from here, so none of them imports another's
private helpers.

The lookups read ``data/*.csv`` once and are cached; they return read-only
views, so a caller cannot change what every later call sees.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

from newsprism.text.datafiles import read_data_csv

PRONOUN_LABEL = "PRON"
NOMINAL_LABEL = "NOM"
PERSON_PRONOUNS = MappingProxyType({"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"})


@dataclass
class Mention:
    """One mention while it is being built (token offsets, end exclusive).

    >>> Mention(0, 2, "PERSON").source
    'ner'
    """

    start: int
    end: int
    label: str
    role: str = ""
    source: str = "ner"  # ner | propagated | nested | pronoun
    actor: str = ""
    gender: str = ""
    fixed_label: bool = False  # label set by the alias table; not open to the vote
    title_start: int = -1  # where a title inside spaCy's span began, if any


@functools.lru_cache(maxsize=1)
def title_words() -> Mapping[str, tuple[str, str]]:
    """Lower-cased title words from ``data/titles.csv``: word -> (kind, gender), read-only.

    >>> title_words()["spokeswoman"]
    ('title', 'f')
    """
    table = read_data_csv("titles.csv")
    return MappingProxyType({w.lower(): (k, g) for w, k, g in zip(table.word, table.kind, table.gender)})


def is_title_word(token_text: str, kinds: tuple[str, ...] = ("title", "honorific")) -> bool:
    """Whether a word is listed in ``data/titles.csv`` with one of ``kinds`` (title | honorific | office).

    >>> is_title_word("Secretary"), is_title_word("Mr."), is_title_word("State", ("office",))
    (True, True, True)
    """
    entry = title_words().get(token_text.lower())
    return bool(entry) and entry[0] in kinds


@functools.lru_cache(maxsize=1)
def actor_aliases() -> Mapping[str, tuple[str, str]]:
    """Alias -> (actor, label) from ``data/actor_aliases.csv`` ("U.S." -> United States), read-only.

    >>> actor_aliases()["U.S."]
    ('United States', 'GPE')
    """
    table = read_data_csv("actor_aliases.csv")
    return MappingProxyType({a: (b, label) for a, b, label in zip(table.alias, table.actor, table.label)})


@functools.lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """Country names known to newsprism (from ``demonyms.csv`` and ``actor_aliases.csv``).

    >>> "Canada" in countries()
    True
    """
    names = set(read_data_csv("demonyms.csv").country)
    names |= {a for a, (_, label) in actor_aliases().items() if label == "GPE"}
    return frozenset(names)
