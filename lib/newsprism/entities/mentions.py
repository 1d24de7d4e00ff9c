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
from newsprism.text.nlp import token_texts

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


@functools.lru_cache(maxsize=1)
def title_written_out() -> Mapping[str, str]:
    """Abbreviated titles of ``data/titles.csv`` and the word each stands for, read-only.

    >>> title_written_out()["sen."]
    'senator'
    """
    table = read_data_csv("titles.csv")
    pairs = zip(table.word, table.written_out.fillna(""))
    return MappingProxyType({w.lower(): full for w, full in pairs if full})


def is_title_word(token_text: str, kinds: tuple[str, ...] = ("title", "honorific")) -> bool:
    """Whether a word is listed in ``data/titles.csv`` with one of ``kinds`` (title | honorific | office).

    >>> is_title_word("Secretary"), is_title_word("Mr."), is_title_word("State", ("office",))
    (True, True, True)
    """
    entry = title_words().get(token_text.lower())
    return bool(entry) and entry[0] in kinds


def words_gender(words) -> str:
    """The gender the title, honorific or gendered words among ``words`` agree on ("m", "f"), else "".

    Words that disagree ("Mr. and Mrs.") give "". Nouns such as "wife" count here;
    callers only pass them when they stand right before a name.

    >>> words_gender(["Mr.", "Kim"]), words_gender(["the", "spokeswoman"]), words_gender(["Mr.", "and", "Mrs."])
    ('m', 'f', '')
    """
    titles = title_words()
    genders = {titles[w.lower()][1] for w in words if w.lower() in titles and titles[w.lower()][1]}
    return genders.pop() if len(genders) == 1 else ""


def written_gender(doc, start: int, end: int, role: str = "") -> str:
    """The gender the words written with a name say: a title or honorific just before or
    inside tokens ``start:end`` or in ``role``, or a gendered noun right before the name.

    "wife" counts in "his wife, Jane Doe" and "her husband John", not in "the wife of
    Bill Doe" (the noun must be the last word before the name, a comma aside).

    >>> from newsprism.text.nlp import parse
    >>> doc = parse("Bill Doe and his wife, Jane Doe, met the wife of John Roe.")
    >>> written_gender(doc, 6, 8), written_gender(doc, 13, 15), written_gender(doc, 0, 2)
    ('f', '', '')
    """
    texts = token_texts(doc)  # the words as strings, read once per Doc
    before = [w for w in texts[max(0, start - 2):start] if not is_title_word(w, ("noun",))]
    words = before + texts[start:end] + role.split()
    k = start - 1
    if k >= 1 and texts[k] == ",":
        k -= 1
    if k >= 0 and is_title_word(texts[k], ("noun",)):
        words.append(texts[k])
    return words_gender(words)


@functools.lru_cache(maxsize=1)
def first_names() -> Mapping[str, str]:
    """Given name -> "m" / "f" from ``data/first_names.csv`` (not exhaustive), read-only.

    >>> first_names()["Hillary"], "Kim" in first_names()
    ('f', False)
    """
    table = read_data_csv("first_names.csv")
    return MappingProxyType(dict(zip(table.name, table.gender)))


def name_gender(name: str) -> str:
    """The gender a full name's first name says ("Hillary Clinton" -> "f"), else "".

    A one-word name gives nothing: it may be a surname ("Kelly said").

    >>> name_gender("Bill Clinton"), name_gender("Mr. Bill Clinton"), name_gender("Clinton"), name_gender("Kim Jong Un")
    ('m', 'm', '', '')
    """
    words = [w for w in name.split() if not is_title_word(w, ("honorific", "title"))]
    if len(words) < 2:
        return ""
    return first_names().get(words[0].strip(",."), "")


def given_name_gender(actor: str) -> str:
    """The gender of a person the article names by a given name alone ("Kevin was asleep"), else "".

    Only an actor of one word that ``data/first_names.csv`` lists: a person named in full
    has that full name as actor, so a lone word is a given name far more often than a
    surname (names also common as surnames, such as Kelly, are not listed).

    >>> given_name_gender("Kevin"), given_name_gender("Clinton"), given_name_gender("Kevin Hart")
    ('m', '', '')
    """
    words = actor.split()
    return first_names().get(words[0], "") if len(words) == 1 else ""


def combine_genders(genders) -> str:
    """One gender from several pieces of evidence: the one they agree on, "" when none or they clash.

    >>> combine_genders(["m", "", "m"]), combine_genders(["m", "f"]), combine_genders([])
    ('m', '', '')
    """
    found = {g for g in genders if g}
    return found.pop() if len(found) == 1 else ""


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
