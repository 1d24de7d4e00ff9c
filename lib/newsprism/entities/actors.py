"""Actors: grouping mentions under one canonical name, in an article and across outlets.

* :func:`assign_actors` (used by :func:`newsprism.entities.extract.entities_from_doc`)
  names the actor of each mention in one article.
* :func:`canonicalise_across` gives an actor the same name in every article of a run.
* :func:`actors_table` summarises who appears where: per article and per outlet.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from types import MappingProxyType
from typing import Mapping

import pandas as pd
from spacy.tokens import Doc

from newsprism.text.accents import strip_accents
from newsprism.text.datafiles import read_data_csv
from newsprism.entities.mentions import (
    Mention, actor_aliases, combine_genders, is_title_word, name_gender, words_gender,
)
from newsprism.entities.naming import known_variants, metonyms
from newsprism.text.nlp import token_texts

# Ties in the label vote go to the first of these.
LABEL_PRIORITY = ["PERSON", "GPE", "ORG", "LOC", "FAC", "NORP"]
_ORG_FILLER = {"of", "and", "for", "the", "in", "on", "&"}
ACTOR_COLUMNS = ["scope", "article_id", "outlet", "actor", "label", "mentions", "pronoun_mentions",
                 "first_position", "first_sentence", "in_headline", "roles", "texts"]


@functools.lru_cache(maxsize=1)
def _place_spellings() -> dict[str, str]:
    """Spelling/transliteration variant -> canonical form, for places (Kiev -> Kyiv)."""
    kv = known_variants()
    # Places only: people's names keep the spelling the article uses.
    kv = kv[kv.kind.isin(["spelling", "transliteration"]) & kv.concept.str.contains(r"\((?:capital|city|region|country|town)")]
    return dict(zip(kv.variant, kv.canonical))


@functools.lru_cache(maxsize=1)
def _metonym_lookup() -> dict[str, tuple[str, str]]:
    table = metonyms()
    return {t: (s, scope) for t, s, scope in zip(table.term, table.state, table.scope)}


@functools.lru_cache(maxsize=1)
def demonyms() -> Mapping[str, str]:
    """Demonym -> country from ``data/demonyms.csv`` ("Russian" -> Russia), read-only.

    >>> demonyms()["Afghans"]
    'Afghanistan'
    """
    table = read_data_csv("demonyms.csv")
    return MappingProxyType(dict(zip(table.demonym, table.country)))


_GENERATIONS = {"jr", "sr", "ii", "iii", "iv"}  # "Jr.", "III" after a name: a generation, not the surname


def _words(doc: Doc, m: Mention) -> list[str]:
    """The words of a mention as written, without honorifics ("Mr. Blinken" -> ["Blinken"]).

    Asked several times for each mention of every article: read from the Doc's strings (no ``Token`` made).
    """
    texts = token_texts(doc)
    return [texts[i] for i in range(m.start, m.end) if not is_title_word(texts[i], ("honorific",))]


def _without_generation(words: list[str], keep: int = 1) -> tuple[list[str], str]:
    """A name's words without a trailing generation, and the generation ("jr", "iii") or "".

    At least ``keep`` words stay: a lone "II" is no generation of anyone.

    >>> _without_generation(["William", "Taylor", "III"]), _without_generation(["John", "Roberts,", "Jr."])
    ((['William', 'Taylor'], 'iii'), (['John', 'Roberts,'], 'jr'))
    """
    generation = ""
    while len(words) > keep and words[-1].lower().strip(".,") in _GENERATIONS:
        generation, words = words[-1].lower().strip(".,"), words[:-1]
    return words, generation


def _surname(words: list[str]) -> str:
    """The last name word, after a generation: "Taylor" of "William Taylor III". The generation stays
    in the name itself, so "Jesse Jackson Jr." and "Jesse Jackson" remain two people."""
    words, _ = _without_generation(words, keep=2)
    return words[-1] if words else ""


def _name_text(doc: Doc, m: Mention) -> str:
    """The name as written (spacing kept: "Chung Eui-yong"), without a leading "Mr."."""
    start = m.start
    while start < m.end - 1 and is_title_word(doc[start].text, ("honorific",)):
        start += 1
    return doc[start:m.end].text


def _vote_labels(doc: Doc, mentions: list[Mention]) -> None:
    """Give every mention of one written name the label most of its mentions got.

    The small model tags "Trump" PERSON in one sentence and ORG in the next; a
    surname also votes PERSON each time it ends a tagged full name.
    """
    votes: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        if m.fixed_label:
            continue
        words = _words(doc, m)
        key = " ".join(words)
        weight = 1 if m.source == "ner" else 0.5
        votes[key][m.label] += weight
        if m.label == "PERSON" and len(words) >= 2:
            votes[words[-1]]["PERSON"] += 1
    # The surname of a person the article names in full is that person, even where the
    # model read it as a place ("Valeska Paris ... Paris claims").
    # Acronyms ("NPP DAB" mistagged as a person) are not surnames.
    surnames = {_words(doc, m)[-1] for m in mentions
                if m.label == "PERSON" and not m.fixed_label and len(_words(doc, m)) >= 2
                and not any(w.isupper() for w in _words(doc, m))}
    for m in mentions:
        if m.fixed_label:
            continue
        words = _words(doc, m)
        if len(words) == 1 and words[0] in surnames:
            m.label = "PERSON"
            continue
        counts = votes.get(" ".join(words))
        if counts:
            best = max(counts.values())
            m.label = next(lab for lab in LABEL_PRIORITY if counts.get(lab) == best)


def _compatible_first_names(a: list[str], b: list[str]) -> bool:
    """Two full names with the same surname name one person ("Joe Biden", "Joe R. Biden")."""
    fa, fb = a[0].rstrip("."), b[0].rstrip(".")
    return fa == fb or (len(fa) == 1 and fb.startswith(fa)) or (len(fb) == 1 and fa.startswith(fb))


def _mention_gender(doc: Doc, m: Mention) -> str:
    """The gender an honorific or title written with the mention says ("Mr. Clinton"), else ""."""
    if m.gender:
        return m.gender
    start = m.start
    while start > 0 and is_title_word(doc[start - 1].text, ("honorific",)):
        start -= 1
    return words_gender([t.text for t in doc[start:m.start]]) if start < m.start else ""


def _person_gender(person: dict) -> str:
    """A grouped person's gender: what titles and honorifics say, else what the first names say."""
    return combine_genders(person.get("genders", [])) or combine_genders(person.get("name_genders", []))


def _name_people(doc: Doc, people: list[Mention]) -> None:
    """Group person mentions: full names first, then surnames to the right full name."""
    persons: list[dict] = []  # {"forms": [words...], ...}
    person_of: dict[int, dict] = {}
    for m in people:
        words = _words(doc, m)
        if len(words) < 2:
            continue
        match = next((p for p in persons if p["forms"][0][-1] == words[-1]
                      and any(_compatible_first_names(words, f) for f in p["forms"])), None)
        if match is None:
            match = {"forms": []}
            persons.append(match)
        match["forms"].append(words)
        match.setdefault("genders", []).append(m.gender)
        match.setdefault("name_genders", []).append(name_gender(" ".join(words)))
        match.setdefault("texts", {})[tuple(words)] = _name_text(doc, m)
        person_of[id(m)] = match
    for m in people:
        words = _words(doc, m)
        if not words:
            words = [doc[m.start:m.end].text]
        person = person_of.get(id(m))
        if person is None and len(words) == 1:
            word = words[0]
            candidates = [p for p in persons if any(_surname(f) == word for f in p["forms"])] or [
                p for p in persons if any(f[0] == word for f in p["forms"])]
            # "Mr. Clinton" when "Bill Clinton" and "Hillary Clinton" are both named: the man.
            gender = _mention_gender(doc, m)
            if gender:
                # "Mr. Clinton" is not Hillary Clinton, even when she is the only Clinton named in
                # full: a "Mr." no named person agrees with is someone of their own
                candidates = [p for p in candidates if _person_gender(p) in (gender, "")]
            if len(candidates) == 1:
                person = candidates[0]
            # Two people with this surname and nothing to tell them apart ("Mark Mattioli, whose son,
            # James Mattioli, ... Mattioli praised"): the surname stays as written. Picking the one
            # named last gave a father's words to his son; across the run a surname takes the full
            # name only where one clearly dominates (canonicalise_across).
        if person is None:
            m.actor = _name_text(doc, m)
            continue
        m.actor = person["texts"][tuple(max(person["forms"], key=len))]


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w.lower() not in _ORG_FILLER and w[:1].isupper())


def _name_organisations(doc: Doc, orgs: list[Mention]) -> None:
    """Group organisation mentions: acronyms with their long form, "State Department"
    with "US State Department"; the acronym names the group when there is one."""
    forms = {}
    texts = {}
    for m in orgs:
        words = _words(doc, m) or [doc[m.start:m.end].text]
        forms[id(m)] = words
        texts.setdefault(tuple(words), _name_text(doc, m))
    # Longest first, then alphabetical: the order (and so the names) must not depend on set order.
    long_forms = sorted({tuple(w) for w in forms.values() if len(w) >= 2}, key=lambda w: (-len(w), w))
    acronyms = {w[0] for w in forms.values() if len(w) == 1 and w[0].isupper() and len(w[0]) >= 2}
    name_of: dict[tuple, str] = {}
    for words in long_forms:
        acronym = _initials(list(words))
        if acronym in acronyms:
            name_of[words] = acronym
            continue
        name_of[words] = _container_name(words, long_forms, name_of, texts)
    # A one-word name that starts or ends exactly one longer name ("Church" for
    # "Church of Scientology") is its short form.
    for word in sorted({w[0] for w in forms.values() if len(w) == 1}):
        if word in acronyms:
            continue
        containers = {lf for lf in long_forms if word in (lf[0], lf[-1])}
        if len({name_of[lf] for lf in containers}) == 1:
            name_of[(word,)] = name_of[containers.pop()]
    for m in orgs:
        words = tuple(forms[id(m)])
        m.actor = name_of.get(words, texts[words])


def _container_name(words: tuple, long_forms: list[tuple], name_of: dict[tuple, str], texts: dict[tuple, str]) -> str:
    """The name of the one longest name that ends with ``words`` ("US State Department" for
    "State Department"), else ``words`` as written.

    Two longest containers naming different actors ("British Defence Ministry" and
    "Russian Defence Ministry" for "Defence Ministry") leave the short form apart:
    which one is meant cannot be told.
    """
    size = len(words)
    containers = [lf for lf in long_forms if len(lf) > size and lf[-size:] == words]
    if not containers:
        return texts[words]
    longest = [lf for lf in containers if len(lf) == len(containers[0])]
    names = {name_of.get(lf, texts[lf]) for lf in longest}
    return names.pop() if len(names) == 1 else texts[words]


def _name_place_acronyms(doc: Doc, places: list[Mention]) -> None:
    """ "LA" and "L.A." name the "Los Angeles" of the same article."""
    long_forms = {_initials(_words(doc, m)): " ".join(_words(doc, m)) for m in places if m.end - m.start >= 2}
    for m in places:
        text = doc[m.start:m.end].text.replace(".", "")
        if m.end - m.start == 1 and text.isupper() and text in long_forms:
            m.actor = long_forms[text]


def _acts(doc: Doc, m: Mention) -> bool:
    """The mention is the subject of a verb or a possessor: the place acts as a state."""
    root = doc[m.start:m.end].root
    follows = doc[m.end].text if m.end < len(doc) else ""
    return root.dep_ in {"nsubj", "nsubjpass", "poss"} or follows in {"'s", "’s"}


def _lookup_form(text: str) -> str:
    """The form looked up in the data files: a dateline's "WASHINGTON" is "Washington"."""
    if len(text) > 4 and text.isupper() and text.isalpha():
        return text.title()
    return text


def _cut_at_line_break(doc: Doc, m: Mention) -> None:
    """A name never runs across a line break: "Matthew Ingram" of '... - Matthew Ingram' at the
    end of a line and "Writing in a blog post" on the next is one name, not three words."""
    for i in range(m.start + 1, m.end):
        if "\n" in doc[i].text or "\n" in doc[i - 1].whitespace_:
            m.end = i
            while m.end > m.start + 1 and doc[m.end - 1].is_space:
                m.end -= 1
            return


def assign_actors(doc: Doc, mentions: list[Mention]) -> None:
    """Set ``label`` votes and the canonical ``actor`` of each mention of one article, in place.

    >>> from newsprism.text.nlp import parse
    >>> doc = parse("A quote. - Jane Roe\\nWriting in a blog post, Roe said so.")
    >>> m = Mention(4, 8, "PERSON")
    >>> assign_actors(doc, [m])
    >>> m.actor
    'Jane Roe'
    """
    for m in mentions:
        _cut_at_line_break(doc, m)
    aliases = actor_aliases()
    for m in mentions:
        text = _lookup_form(doc[m.start:m.end].text)
        if text in aliases:
            m.actor, m.label = aliases[text]
            m.fixed_label = True
    spellings = _place_spellings()
    for m in mentions:
        text = doc[m.start:m.end].text
        # A curated place name (Kiev, Luhansk) is a place whatever the small model says.
        if text in spellings and not m.fixed_label:
            m.actor, m.label, m.fixed_label = spellings[text], "GPE", True
    _vote_labels(doc, mentions)
    people = [m for m in mentions if m.label == "PERSON" and not m.fixed_label]
    _name_people(doc, people)
    _name_organisations(doc, [m for m in mentions if m.label == "ORG" and not m.fixed_label])
    _name_place_acronyms(doc, [m for m in mentions if m.label in {"GPE", "LOC"} and not m.fixed_label])
    lookup = _metonym_lookup()
    for m in mentions:
        text = _lookup_form(doc[m.start:m.end].text)
        if m.label in {"GPE", "LOC", "FAC", "NORP"} and not m.fixed_label:
            m.actor = spellings.get(text, m.actor or text)
        if m.label == "NORP":
            m.actor = demonyms().get(text, m.actor)
        if m.label != "PERSON" and text in lookup:
            state, scope = lookup[text]
            if scope == "always" or _acts(doc, m):
                m.actor = state


_MIDDLE_INITIAL = re.compile(r"^[A-Z]\.?$")
# Titles dropped before two spellings of one person are compared ("President Joe Biden").
_TITLES = frozenset("mr mrs ms miss dr sir dame president sen senator rep representative gov governor "
                    "secretary minister chancellor prime premier king queen prince princess lord judge "
                    "justice gen general col adm pope rev reverend".split())
_INITIAL = _MIDDLE_INITIAL


@functools.lru_cache(maxsize=1)
def _nicknames() -> dict[str, str]:
    table = read_data_csv("nicknames")
    return dict(zip(table.nickname.str.lower(), table.formal.str.lower()))


def _fold_name(name: str) -> str:
    """A name as spelled in any outlet's style: accents, apostrophe and hyphen styles do not count."""
    text = strip_accents(str(name))
    return re.sub(r"[\u2018\u2019\u02bc`´]", "'", text).replace("\u2010", "-").replace("\u2011", "-")




def person_key(name: str, keep_generation: bool = False) -> tuple[str, str] | None:
    """The key two spellings of one person share: (formal first name, surname), or None for a non-person.

    Titles and middle initials are dropped and nicknames become the formal name.

    >>> person_key("President Joseph R. Biden"), person_key("Joe Biden"), person_key("Biden")
    (('joseph', 'biden'), ('joseph', 'biden'), ('', 'biden'))
    >>> person_key("Bill Clinton") == person_key("William J. Clinton"), person_key("Terry O’Neill") == person_key("Terry O'Neill")
    (True, True)
    >>> person_key("Thomas M. Davis III"), person_key("John G. Roberts, Jr.")
    (('thomas', 'davis'), ('john', 'roberts'))

    A generation is dropped, since outlets differ in writing it ("James R. Clapper Jr.", "James
    Clapper"); ``keep_generation`` keeps it in the surname, for a run where "Jesse Jackson Jr." and
    "Jesse Jackson" are a son and his father (:func:`generations_apart`).

    >>> person_key("Jesse L. Jackson Jr.", keep_generation=True)
    ('jesse', 'jackson jr')
    >>> person_key("Republican Mitt Romney") == person_key("Mitt Romney")
    True
    """
    words = [w.strip(",") for w in _fold_name(name).split()]
    while words and words[0].lower().rstrip(".") in _TITLES:
        words = words[1:]
    words, generation = _without_generation(without_affiliation(words))
    words = [w for w in words if not _INITIAL.match(w)]
    if not words or not all(w[:1].isupper() for w in words) or len(words) > 4:
        return None
    last = words[-1].lower() + (f" {generation}" if keep_generation and generation else "")
    if len(words) == 1:
        return ("", last)
    first = words[0].lower().rstrip(".")
    return (_nicknames().get(first, first), last)


def generations_apart(names_by_article) -> set[tuple[str, str]]:
    """The person keys under which one article names two people a generation apart ("Jesse L.
    Jackson Jr." and "the Rev. Jesse L. Jackson"): across the run they stay two people.

    ``names_by_article`` holds, per article (or for a whole run), the person names it uses.

    >>> sorted(generations_apart([["Jesse L. Jackson Jr.", "Jesse L. Jackson"], ["James R. Clapper Jr."]]))
    [('jesse', 'jackson')]
    """
    apart = set()
    for names in names_by_article:
        seen: dict[tuple[str, str], set[str]] = defaultdict(set)
        for name in names:
            key = person_key(name)
            if key and key[0]:
                seen[key].add(person_key(name, keep_generation=True)[1])
        apart |= {key for key, surnames in seen.items() if len(surnames) > 1}
    return apart


def person_key_apart(name: str, apart: set[tuple[str, str]]) -> tuple[str, str] | None:
    """:func:`person_key`, with the generation kept where the run names two people a generation
    apart under it (``apart``, from :func:`generations_apart`).

    >>> apart = generations_apart([["Jesse L. Jackson Jr.", "Jesse L. Jackson"]])
    >>> person_key_apart("Jesse Jackson Jr.", apart), person_key_apart("James Clapper Jr.", apart)
    (('jesse', 'jackson jr'), ('james', 'clapper'))
    """
    key = person_key(name)
    return person_key(name, keep_generation=True) if key in apart else key


def bare_surname(key: tuple[str, str]) -> str:
    """The surname of a :func:`person_key` without its generation: ("jesse", "jackson jr") -> "jackson".

    >>> bare_surname(person_key("Jesse L. Jackson Jr."))
    'jackson'
    """
    return key[1].split()[0] if key[1] else ""

#: Party words spaCy takes into a person's name span ("Republican Mitt Romney").
_PARTY_WORDS = frozenset({"Republican", "Democrat", "Democratic", "Independent", "GOP", "Libertarian", "Green",
                          "Labour", "Conservative", "Tory"})


def names_a_group(words: list[str]) -> bool:
    """Whether a name ends in a party's or a nation's plural: a group, never one person.

    The small model tags "Log Cabin Republicans" and even "Republicans" as a person, and a
    person's last word is read as their surname elsewhere in the run.

    >>> names_a_group(["Log", "Cabin", "Republicans"]), names_a_group(["Afghans"]), names_a_group(["Ann", "Green"])
    (True, True, False)
    """
    last = words[-1] if words else ""
    return last.endswith("s") and (last[:-1] in _PARTY_WORDS or last in demonyms() or last == "Tories")


def without_affiliation(words: list[str]) -> list[str]:
    """A person's name words without the party or nationality written before them.

    spaCy takes "Republican" or "Russian" into the name's span; two words are always kept,
    so "Green" in "Ann Green" stays.

    >>> without_affiliation(["Republican", "Mitt", "Romney"]), without_affiliation(["Russian", "Maria", "Zakharova"])
    (['Mitt', 'Romney'], ['Maria', 'Zakharova'])
    """
    while len(words) > 2 and (words[0] in _PARTY_WORDS or words[0] in demonyms()):
        words = words[1:]
    return words

# A one-word name takes the corpus' full name only when that full name has at least
# this share of the full-name mentions with the same surname ("Obama" -> "Barack Obama"
# even though "Michelle Obama" is also named, but not when two are named as often).
DOMINANT_SHARE = 0.75


def _person_key(name: str) -> tuple[str, str]:
    """First and last word of a full name, middle initials ignored ("Donald J. Trump")."""
    words = [w for w in name.split() if not _MIDDLE_INITIAL.match(w)]
    return (words[0], words[-1]) if len(words) >= 2 else ("", name)


class PersonNames:
    """What giving each person one name across a run needs to know of its entities, gathered a table at a time.

    ``counts``: mentions of each PERSON or PRON actor, in the order the run first names them (ties
    go to the name met first, so the order is part of the answer); ``apart``: the keys under which
    one article names two people a generation apart (:func:`generations_apart`). Add the tables in
    the run's order; the whole table never needs to be held at once.

    >>> names = PersonNames()
    >>> names.add(pd.DataFrame({"article_id": ["a"], "label": ["PERSON"], "actor": ["Antony Blinken"]}))
    >>> names.add(pd.DataFrame({"article_id": ["b"], "label": ["PERSON"], "actor": ["Blinken"]}))
    >>> names.renames()
    {'Blinken': 'Antony Blinken'}
    """

    def __init__(self) -> None:
        self.counts: Counter = Counter()
        self.apart: set[tuple[str, str]] = set()

    def add(self, entities: pd.DataFrame) -> None:
        """Count the person names of ``entities`` (one or more articles, column ``article_id``)."""
        if entities.empty:
            return
        self.counts.update(entities.loc[entities.label.isin(["PERSON", "PRON"]), "actor"])
        people = entities[entities.label == "PERSON"]
        self.apart |= generations_apart(set(group) for _, group in people.groupby("article_id").actor) \
            if "article_id" in entities else generations_apart([people.actor])

    def merge(self, other: "PersonNames") -> None:
        """Add what ``other`` gathered (from the next tables of the run) to this."""
        self.counts.update(other.counts)
        self.apart |= other.apart

    def renames(self) -> dict[str, str]:
        """Each person name that takes another across the run, and the name it takes (see :func:`canonicalise_across`)."""
        counts, apart = self.counts, self.apart
        full = {name: n for name, n in counts.items() if len(name.split()) >= 2}
        rename: dict[str, str] = {}
        by_key: dict[tuple[str, str], list[str]] = defaultdict(list)
        for name in full:
            # Nicknames, titles, initials and apostrophe styles do not split a person ("Bill"/"William").
            by_key[person_key_apart(name, apart) or _person_key(name)].append(name)
        key_total: Counter = Counter()
        key_name: dict[tuple[str, str], str] = {}
        for key, names in by_key.items():
            best = max(names, key=lambda n: (full[n], -len(n)))
            key_name[key] = best
            key_total[key] = sum(full[n] for n in names)
            for name in names:
                if name != best:
                    rename[name] = best
        by_surname: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for key in by_key:
            by_surname[bare_surname(key)].append(key)  # "Jackson" may be Jesse Jackson or Jesse Jackson Jr.
        for actor in counts:
            surname = (person_key(actor) or ("", actor))[1] if len(actor.split()) == 1 else None
            if surname is None or surname not in by_surname:
                continue
            keys = by_surname[surname]
            total = sum(key_total[k] for k in keys)
            top = max(keys, key=lambda k: key_total[k])
            if key_total[top] >= DOMINANT_SHARE * total:
                rename[actor] = key_name[top]
        return rename


def rename_people(entities: pd.DataFrame, rename: dict[str, str]) -> pd.DataFrame:
    """``entities`` with the PERSON and PRON actors renamed by ``rename`` (from :meth:`PersonNames.renames`).

    >>> ents = pd.DataFrame({"label": ["PERSON", "GPE"], "actor": ["Blinken", "Blinken"]})
    >>> rename_people(ents, {"Blinken": "Antony Blinken"}).actor.tolist()
    ['Antony Blinken', 'Blinken']
    """
    out = entities.copy()
    if out.empty:
        return out
    mask = out.label.isin(["PERSON", "PRON"])
    out.loc[mask, "actor"] = out.loc[mask, "actor"].replace(rename)
    return out


def canonicalise_across(entities: pd.DataFrame) -> pd.DataFrame:
    """Give each actor the same name in every article of a run.

    ``entities`` holds the entities of many articles (column ``article_id``).

    * Full names that differ only by middle initials ("Donald J. Trump", "Donald
      Trump") take the form used most often.
    * A one-word person name ("Blinken") used where the article gives no full name
      takes the full name other articles give it ("Antony Blinken"), when one full
      name with that surname clearly dominates (:data:`DOMINANT_SHARE`). Two people
      who share a surname, named about as often, are left apart.

    Pronoun rows (``PRON``) follow their person. Other actors are already named
    the same way everywhere by the article-level rules (aliases, metonyms, variants).
    A run too large to hold its entities at once gathers :class:`PersonNames` a part
    at a time and renames each part with :func:`rename_people`: the same table.

    >>> ents = pd.DataFrame({"article_id": ["a", "b"], "label": ["PERSON", "PERSON"],
    ...                      "text": ["Antony Blinken", "Blinken"], "actor": ["Antony Blinken", "Blinken"]})
    >>> canonicalise_across(ents).actor.tolist()
    ['Antony Blinken', 'Antony Blinken']
    """
    names = PersonNames()
    names.add(entities)
    return rename_people(entities, names.renames())


def _in_headline(headline: str, texts: set[str], actor: str) -> bool:
    headline = headline or ""
    for form in texts | {actor}:
        # The plain string first: most names are not in the headline, and a pattern costs more to make than to skip.
        if form and len(form) > 1 and form in headline and re.search(rf"(?<!\w){re.escape(form)}(?!\w)", headline):
            return True
    return False


def _actor_label(labels: list[str]) -> str:
    """The actor's type: its most frequent name label; demonyms (NORP) and
    pronouns only when nothing else names it ("Russian" x7 + "Russia" x4 -> GPE)."""
    for skip in ({"NORP", "PRON", "NOM"}, {"PRON", "NOM"}, set()):
        kept = Counter(label for label in labels if label not in skip)
        if kept:
            # Ties go to the label met first, so the table is the same on every run.
            best = max(kept.values())
            return next(label for label in labels if kept.get(label) == best)
    return "PRON"


def actors_table(entities: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Who appears where: one row per actor and article, and one per actor and outlet.

    ``entities`` needs ``article_id`` and the entity columns; ``articles`` needs
    ``article_id``, ``outlet``, ``headline`` and ``body``. Columns:
    ``scope`` (article | outlet), ``article_id`` ("" on outlet rows), ``outlet``,
    ``actor``, ``label`` (most frequent named label), ``mentions`` (all mentions,
    pronouns included), ``pronoun_mentions``, ``first_position`` (offset of the
    first mention divided by the body length: 0 = the top of the article),
    ``first_sentence``, ``in_headline`` (the actor is named in the headline),
    ``roles`` and ``texts`` (distinct roles / written forms, joined by " | ").

    >>> ents = pd.DataFrame({"article_id": ["a"], "start": [0], "end": [6], "text": ["Moscow"],
    ...     "label": ["GPE"], "actor": ["Russia"], "role": [""], "sentence": [0]})
    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "headline": ["Moscow says no"],
    ...     "body": ["Moscow denies it."]})
    >>> actors_table(ents, arts)[["scope", "actor", "mentions", "in_headline"]].values.tolist()
    [['article', 'Russia', 1, True], ['outlet', 'Russia', 1, True]]
    """
    if entities.empty:
        return pd.DataFrame(columns=ACTOR_COLUMNS)
    # Plain Python over columns read as lists: a pandas group per actor is slow when runs hold hundreds of
    # articles, and a dict per row (``records``) of every column of the articles costs more than the rest for a
    # story's few rows (the story pages make this table once per story).
    ids = articles["article_id"].tolist()
    outlet_of = dict(zip(ids, articles["outlet"].tolist()))
    headline_of = dict(zip(ids, articles["headline"].tolist())) if "headline" in articles else {}
    body_of = dict(zip(ids, articles["body"].tolist())) if "body" in articles else {}
    groups: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    columns = [entities[name].tolist() for name in ("article_id", "actor", "start", "text", "label", "role", "sentence")]
    for article_id, actor, start, text, label, role, sentence in zip(*columns):
        groups[(article_id, actor)].append((start, text, label, role, sentence))
    per_article = []
    for (article_id, actor), mentions in groups.items():
        if article_id not in outlet_of:
            raise KeyError(f"entities name article {article_id!r}, which is not in the articles table")
        labels = [label for _, _, label, _, _ in mentions]
        texts = {text for _, text, label, _, _ in mentions if label not in {"PRON", "NOM"}}
        per_article.append({
            "scope": "article", "article_id": article_id, "outlet": outlet_of[article_id], "actor": actor,
            "label": _actor_label(labels),
            "mentions": len(mentions), "pronoun_mentions": sum(label in {"PRON", "NOM"} for label in labels),
            "first_position": round(min(start for start, _, _, _, _ in mentions)
                                    / max(len(body_of.get(article_id) or ""), 1), 4),
            "first_sentence": int(min(sentence for _, _, _, _, sentence in mentions)),
            "in_headline": _in_headline(headline_of.get(article_id) or "", texts, actor),
            "roles": " | ".join(sorted({role for _, _, _, role, _ in mentions if role})),
            "texts": " | ".join(sorted(texts)),
        })
    by_outlet: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in per_article:
        by_outlet[(row["outlet"], row["actor"])].append(row)
    per_outlet = []
    for (outlet, actor), rows in by_outlet.items():
        per_outlet.append({
            "scope": "outlet", "article_id": "", "outlet": outlet, "actor": actor,
            "label": _actor_label([r["label"] for r in rows for _ in range(r["mentions"])]),
            "mentions": sum(r["mentions"] for r in rows),
            "pronoun_mentions": sum(r["pronoun_mentions"] for r in rows),
            "first_position": min(r["first_position"] for r in rows),
            "first_sentence": min(r["first_sentence"] for r in rows),
            "in_headline": any(r["in_headline"] for r in rows),
            "roles": " | ".join(sorted({x for r in rows for x in r["roles"].split(" | ") if x})),
            "texts": " | ".join(sorted({x for r in rows for x in r["texts"].split(" | ") if x})),
        })
    rows = per_article + per_outlet
    if all(isinstance(row[key], str) for row in rows for key in ("outlet", "article_id", "actor")):
        # Python's stable sort over plain keys gives pandas' order (a stable sort by the same keys) at a tenth
        # of its cost for a story's few rows, and the story pages make this table once per story.
        rows.sort(key=lambda row: (row["scope"], row["outlet"], row["article_id"], -row["mentions"], row["actor"]))
        return pd.DataFrame(rows, columns=ACTOR_COLUMNS)
    table = pd.DataFrame(rows, columns=ACTOR_COLUMNS)
    return table.sort_values(["scope", "outlet", "article_id", "mentions", "actor"],
                             ascending=[True, True, True, False, True]).reset_index(drop=True)
