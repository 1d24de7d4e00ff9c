"""One cross-outlet model of a run, computed once, from which the findings are derived.

A finding such as "only Sputnik quotes Maria Zakharova" or "only VOI reports the 14,000
dead" is a statement about every outlet at once, so it needs to know who is who across
the articles and which statements and facts correspond. If each finding topic worked
that out for itself, two findings could disagree about the same thing ("only VOI quotes
Vladimir Putin" beside "only Sputnik quotes Russian officials"). This module answers both
once:

* **actors** (:class:`StoryModel`, ``RunTables.model``): every speaker name of every
  outlet mapped to one cross-outlet actor. People
  are merged by surname, nickname (Bill = William, ``data/nicknames.csv``), middle
  initials and titles ("President Joe Biden", "Joseph R. Biden"), with the one person key
  the entities stage also uses (``entities.actors.person_key``); a surname that more than
  one person of the run carries stays ambiguous and supports no finding. A state speaks
  through its capital, its seat of government and its ministries ("Washington", "the US
  State Department", "the United States"): those are one voice, the state's.
* **statements**: which quotes of one outlet correspond to a quote or paraphrase of
  another: the quotes stage's ``quote_pairs``, read by the voices findings.
* **names and figures**: which people, bodies and figures each outlet mentions,
  in any spelling (:mod:`newsprism.compare.mentions`, read by the selection findings).

The verifier (:mod:`newsprism.compare.verify`) then re-checks each finding against the
raw text.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

# person_key is imported by callers from here too (the model's key for a person)
from newsprism.entities.actors import bare_surname, generations_apart, person_key, person_key_apart
from newsprism.text.datafiles import read_data_csv

# The words that make a name an institution of a state when it starts with the state's
# name or adjective ("US State Department", "Russian Foreign Ministry", "French Embassy").
_INSTITUTION_HEADS = ("department", "ministry", "government", "administration", "embassy", "office",
                      "foreign ministry", "state department", "white house", "kremlin", "pentagon")


@functools.lru_cache(maxsize=1)
def _state_words() -> dict[str, str]:
    """Lower-case country names, abbreviations, adjectives and seats of government -> the country."""
    table = read_data_csv("align_synonyms")
    table = table[table.kind.isin(["spelling", "demonym", "metonym"])]
    words = dict(zip(table.term.str.lower(), table.canonical.str.lower()))
    words.update({c: c for c in set(words.values())})
    return words


def state_of(name: str) -> str | None:
    """The state a speaker speaks for when the speaker is the state itself or one of its institutions.

    >>> state_of("US State Department"), state_of("Washington"), state_of("the Kremlin"), state_of("Maria Zakharova")
    ('united states', 'united states', 'russia', None)
    """
    text = re.sub(r"^the\s+", "", str(name).strip(), flags=re.IGNORECASE).lower()
    words = _state_words()
    if text in words:
        return words[text]
    for head in _INSTITUTION_HEADS:
        if text.endswith(head):
            rest = text[: -len(head)].strip()
            rest = re.sub(r"['’]s$", "", rest)
            if rest in words:
                return words[rest]
    return None


@dataclass
class Actor:
    """One actor across the run: its display ``name``, its ``kind`` and every ``names`` the outlets use."""

    key: str
    name: str
    kind: str  # person | state | other | ambiguous
    names: set[str] = field(default_factory=set)


def merge_actors(names: Iterable[str], labels: dict[str, str] | None = None) -> dict[str, Actor]:
    """Map each speaker name of a run to one :class:`Actor` shared by every outlet.

    A surname alone joins the one full name with that surname; carried by two people it is
    ``ambiguous``. A state and its institutions are one actor, named by its most used form.
    ``labels`` (name -> spaCy label, from the entities table) keeps organisations such as
    "Foreign Ministry" from being read as a person with the surname "Ministry".

    >>> actors = merge_actors(["Joe Biden", "Joseph R. Biden", "Biden", "US State Department",
    ...                        "United States", "Clinton", "Bill Clinton", "Hillary Clinton"])
    >>> actors["Biden"].name, actors["Joseph R. Biden"].name, actors["United States"].key
    ('Joe Biden', 'Joe Biden', 'state:united states')
    >>> actors["Clinton"].kind, actors["William Clinton" if "William Clinton" in actors else "Bill Clinton"].kind
    ('ambiguous', 'person')
    """
    names = [str(n) for n in names if isinstance(n, str) and n.strip()]
    counts = pd.Series(names, dtype=object).value_counts() if names else pd.Series(dtype=int)
    full: dict[tuple[str, str], list[str]] = {}
    labels = labels or {}
    # Names that survive the entities stage a generation apart ("Jesse L. Jackson Jr." and "Jesse
    # L. Jackson") are two people there: the stage merges them otherwise.
    apart = generations_apart([[n for n in counts.index if labels.get(n, "PERSON") == "PERSON"]])

    def key_of(name: str) -> tuple[str, str] | None:
        if labels.get(name, "PERSON") != "PERSON":
            return None
        return person_key_apart(name, apart)

    for name in counts.index:
        key = key_of(name)
        if key and key[0]:
            full.setdefault(key, []).append(name)
    by_surname: dict[str, list[tuple[str, str]]] = {}
    for key in full:
        by_surname.setdefault(bare_surname(key), []).append(key)
    actors: dict[str, Actor] = {}
    made: dict[str, Actor] = {}

    def actor(key: str, kind: str, members: list[str]) -> Actor:
        if key not in made:
            best = max(members, key=lambda n: (counts.get(n, 0), len(n.split()) > 1, -len(n)))
            made[key] = Actor(key, best, kind, set())
        made[key].names.update(members)
        return made[key]

    states = {name: state_of(name) for name in counts.index}
    for name in counts.index:
        state = states[name]
        if state is not None:
            members = [n for n in counts.index if states[n] == state]
            # The state's own name, when an outlet uses it, names the voice.
            plain = [n for n in members if re.sub(r"^the\s+", "", n, flags=re.I).lower() == state]
            actors[name] = actor(f"state:{state}", "state", plain or members)
            actors[name].names.add(name)
            continue
        key = key_of(name)
        if key is None:
            actors[name] = actor(f"other:{name}", "other", [name])
        elif key[0]:
            actors[name] = actor(f"person:{key[0]} {key[1]}", "person", full[key])
        else:
            fuller = by_surname.get(key[1], [])
            if len(fuller) == 1:
                actors[name] = actor(f"person:{fuller[0][0]} {fuller[0][1]}", "person", full[fuller[0]])
                actors[name].names.add(name)
            elif len(fuller) > 1:
                actors[name] = actor(f"ambiguous:{name}", "ambiguous", [name])
            else:
                actors[name] = actor(f"person:{key[1]}", "person", [name])
    return actors


def _usual_labels(entities: pd.DataFrame) -> dict[str, str]:
    """Each actor's most frequent label (the first in order on a tie), actors in sorted order.

    Counted in a dict: a pandas mode per actor cost more than the rest of the model.

    >>> _usual_labels(pd.DataFrame({"actor": ["Kyiv", "Kyiv", "Kyiv", None], "label": ["GPE", "ORG", "ORG", "GPE"]}))
    {'Kyiv': 'ORG'}
    """
    counts: dict[str, Counter] = {}
    for actor, label in zip(entities["actor"], entities["label"]):
        if pd.notna(actor) and pd.notna(label):
            counts.setdefault(actor, Counter())[label] += 1
    labels = {}
    for actor in sorted(counts):
        most = max(counts[actor].values())
        labels[actor] = min(label for label, n in counts[actor].items() if n == most)
    return labels


@dataclass
class StoryModel:
    """The run's cross-outlet model of who is who (its actors), built once per run.

    >>> model = StoryModel.build({"quotes": pd.DataFrame({"speaker": ["Biden", "Joe Biden"]})})
    >>> model.actor("Biden").name
    'Joe Biden'
    """

    actors: dict[str, Actor]

    @classmethod
    def build(cls, tables: dict[str, pd.DataFrame]) -> "StoryModel":
        quotes = tables.get("quotes")
        names = list(quotes.speaker.dropna().astype(str)) if quotes is not None and "speaker" in quotes else []
        entities = tables.get("entities")
        labels = {}
        if entities is not None and {"actor", "label"} <= set(entities.columns) and not entities.empty:
            labels = _usual_labels(entities)
        # Names the articles use without quoting them count too: "Clinton" quoted in a
        # story that also names Bill and Hillary Clinton is nobody in particular.
        names += list(labels)
        return cls(merge_actors(names, labels))

    def actor(self, name: str) -> Actor:
        """The actor ``name`` belongs to (a name the model has not seen is its own actor)."""
        return self.actors.get(name) or Actor(f"other:{name}", name, "other", {name})
