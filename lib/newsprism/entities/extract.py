"""Entity mentions and the actors they belong to, from one parsed article.

spaCy's named-entity recogniser gives spans; a reader needs actors. This module
turns the spans of one ``Doc`` into one row per mention with the actor it
belongs to:

1. keep the entity types that can be actors (people, organisations, places,
   groups) and drop junk spans (numbers, lower-case words, bare titles);
2. split titles off names ("U.S. Secretary of State Blinken" -> role
   "U.S. Secretary of State", name "Blinken") and read the role written before a
   name ("Kremlin aide Yury Ushakov");
3. find the untagged repeats of names tagged elsewhere in the article (the small
   model tags a surname in one sentence and misses it in the next) and give all
   mentions of one name the label most of them got;
4. group the mentions into actors (see :mod:`newsprism.entities.actors`): full name,
   surname and title + surname are one person, two people who share a surname
   stay apart, "US"/"U.S."/"America" are one state, and "Moscow" or "the
   Kremlin" stand for Russia while the row keeps the word the outlet used;
5. resolve "he"/"she" to the person the evidence points to, "its"/"their" to an
   organisation or state, "I" in a quotation to its speaker (rows labelled
   ``PRON``), and "the president", "the country", and descriptions set off by
   commas ("Jane Doe, a spokeswoman for the ministry") to the actor they refer
   to (rows labelled ``NOM``); see :mod:`newsprism.entities.references`;
6. leave out the names written only in picture credits ("Image: Jane Doe"): a
   photographer is not an actor of the story.

Columns of every entities table: ``start``, ``end`` (character offsets into the
text), ``text``, ``label``, ``actor``, ``role``, ``sentence`` (0-based).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter

import pandas as pd
from spacy.attrs import IS_PUNCT, IS_SPACE, SENT_START
from spacy.tokens import Doc

from newsprism.entities.actors import actors_table, assign_actors, canonicalise_across, names_a_group
from newsprism.text.datafiles import read_data_csv
from newsprism.text.nlp import (
    doc_ents, doc_text, sentence_starts, span_text, token_deps, token_flags, token_lowers, token_pos, token_starts,
    token_texts,
)
from newsprism.entities.mentions import (
    NOMINAL_LABEL, PERSON_PRONOUNS, PRONOUN_LABEL, Mention, actor_aliases, countries, is_title_word, title_words,
    written_gender,
)
from newsprism.entities.naming import known_variants, naming_table
from newsprism.entities.references import (
    appositive_mentions, first_person_mentions, group_pronoun_mentions, nominal_mentions, pronoun_mentions,
    titled_person_mentions,
)

ENTITY_COLUMNS = ["start", "end", "text", "label", "actor", "role", "sentence"]
# spaCy labels that can name an actor; dates, numbers, laws and works of art cannot.
ACTOR_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}
_LEADING_JUNK = {"the", "a", "an", "The", "A", "An"}
_POSSESSIVE = {"'s", "’s", "'", "’"}
# Longest role read before a name; longer left contexts are clauses, not titles.
MAX_ROLE_TOKENS = 9


def _is_capitalised(text: str) -> bool:
    return text[:1].isupper() or (text[:1].isdigit() and any(c.isupper() for c in text))


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop articles, punctuation and possessive endings at the edges of a span."""
    texts, punct, space = token_texts(doc), token_flags(doc, IS_PUNCT), token_flags(doc, IS_SPACE)
    while start < end and (texts[start] in _LEADING_JUNK or punct[start] or space[start]):
        start += 1
    while end > start and (texts[end - 1] in _POSSESSIVE or space[end - 1]
                           or (punct[end - 1] and texts[end - 1] not in {".", ")"})):
        end -= 1
    # "Washington D.C. Image: ...": the word that opens a picture credit is not part of the name.
    if end - start >= 2 and token_lowers(doc)[end - 1] in credit_labels() and end < len(doc) and texts[end] == ":":
        end -= 1
    # A trailing "(" ... without its ")" or a lone ")" is tokenisation debris.
    if end > start and texts[end - 1] == ")" and "(" not in span_text(doc, start, end):
        end -= 1
    return start, end


def _split_title(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Where the name starts inside a span that begins with a title.

    Returns ``(name_start, title_end)``: tokens ``start..name_start`` are title
    words (the role), the rest is the name. Without a title, ``name_start == start``.
    "Secretary of State Antony Blinken" -> name starts at "Antony".
    """
    texts = token_texts(doc)
    last_title = -1
    for i in range(start, end):
        word = texts[i]
        if is_title_word(word):
            last_title = i
        elif not (_is_capitalised(word) or word.lower() in {"of", "and", "'s", "’s", "-"}):
            return start, start
    if last_title < 0:
        return start, start
    name_start = last_title + 1
    while name_start < end and is_title_word(texts[name_start], kinds=("office",)):
        name_start += 1
    if name_start >= end or not _is_capitalised(texts[name_start]) or is_title_word(texts[name_start]):
        return start, start
    # "Captain America", "General Motors": a title word followed by a place is a name of its own.
    rest = span_text(doc, name_start, end)
    if rest in countries() or rest in actor_aliases() or rest in _metonym_terms():
        return start, start
    return name_start, name_start


def _role_before(doc: Doc, name_start: int, name_end: int, floor: int) -> str:
    """The title or role written just before a person's name, or ""."""
    root = doc[name_start:name_end].root
    left = max(root.left_edge.i, floor, name_start - MAX_ROLE_TOKENS)
    if left >= name_start:
        return ""
    texts, lowers, pos, punct = token_texts(doc), token_lowers(doc), token_pos(doc), token_flags(doc, IS_PUNCT)
    # Cut at a comma, quote or verb: what precedes it is a clause, not a title.
    for k in range(name_start - 1, left - 1, -1):
        if punct[k] and texts[k] not in {".", "-"} or pos[k] in {"VERB", "AUX"}:
            left = k + 1
            break
    while left < name_start and (lowers[left] in {"the", "a", "an"} or punct[left]):
        left += 1
    if not any(is_title_word(texts[k], kinds=("title",)) for k in range(left, name_start)):
        return ""
    return span_text(doc, left, name_start)


def _title_run_before(doc: Doc, name_start: int, floor: int) -> str:
    """The capitalised run of title words just before a name ("Secretary of State"),
    for names the parser did not attach their title to."""
    texts, pos, sent_start = token_texts(doc), token_pos(doc), token_flags(doc, SENT_START)
    i = name_start
    while i - 1 >= floor and i - 1 >= name_start - MAX_ROLE_TOKENS:
        text = texts[i - 1]
        if is_title_word(text, ("title", "office")) or text in {"'s", "’s"} or (
                _is_capitalised(text) and pos[i - 1] in {"PROPN", "ADJ", "NOUN"} and not sent_start[i - 1]):
            i -= 1
        else:
            break
    while i < name_start and not (_is_capitalised(texts[i]) or is_title_word(texts[i], ("title",))):
        i += 1
    if not any(is_title_word(texts[k], ("title",)) for k in range(i, name_start)):
        return ""
    return span_text(doc, i, name_start)


def _honorific_gender(doc: Doc, start: int, end: int, role: str) -> str:
    return written_gender(doc, start, end, role)


def _is_junk(doc: Doc, start: int, end: int, label: str) -> bool:
    """Spans that are not names of actors, whatever spaCy tagged them."""
    if end <= start or end - start > 10:
        return True
    text = span_text(doc, start, end)
    if not any(c.isalpha() for c in text) or not any(c.isupper() for c in text):
        return True
    texts, lowers, pos = token_texts(doc), token_lowers(doc), token_pos(doc)
    # "Rathbun the Scientology": two names run together across "the", not one name.
    if any(lowers[k] == "the" and k > start and _is_capitalised(texts[k - 1]) for k in range(start, end)):
        return True
    # Places are not named with digits; "IE6" or "Windows XP 2" tagged as a place is a product.
    if label in {"GPE", "LOC"} and any(c.isdigit() for c in text):
        return True
    # "pro-Beijing", "anti-Kremlin": a stance word, not a name.
    if text[:1].islower():
        return True
    if all(is_title_word(texts[k], kinds=("title", "honorific", "office")) for k in range(start, end)):
        return True
    # A title-case chunk with a verb in it (a headline fragment) is not an organisation.
    if label in {"ORG", "GPE", "LOC", "FAC"} and end - start >= 3 and any(
            pos[k] in {"VERB", "AUX"} and not texts[k][:1].isupper() for k in range(start, end)):
        return True
    if label in {"ORG", "GPE", "LOC", "FAC"} and end - start >= 4 and any(pos[k] == "VERB" for k in range(start, end)):
        return True
    return False


def _ner_mentions(doc: Doc) -> list[Mention]:
    """Clean spaCy's entity spans into mentions, splitting titles off names."""
    mentions = []
    texts = token_texts(doc)
    for ent in doc_ents(doc):
        label = ent.label_
        # An all-capital word tagged as a number ("FIRST") is an acronym, not an ordinal.
        if label in {"ORDINAL", "CARDINAL"} and len(ent) == 1 and ent.text.isalpha() and ent.text.isupper() \
                and len(ent.text) >= 3:
            label = "ORG"
        if label not in ACTOR_LABELS:
            continue
        start, end = _trim(doc, ent.start, ent.end)
        if label == "PERSON" and names_a_group(texts[start:end]):
            label = "NORP" if end - start == 1 else "ORG"  # "Republicans", "Log Cabin Republicans"
        # "the State Department Spokesperson": the organisation, followed by a person's title.
        if label == "ORG" and end - start >= 2 and is_title_word(texts[end - 1], ("title",)):
            end -= 1
        title_start = start
        name_start, _ = _split_title(doc, start, end)
        role = ""
        if name_start > start:
            label = "PERSON"
            start = name_start
        if _is_junk(doc, start, end, label):
            continue
        mention = Mention(start, end, label)
        if label == "PERSON" and name_start > title_start:
            inner_role = span_text(doc, title_start, name_start)
            if any(is_title_word(text, ("title",)) for text in texts[title_start:name_start]):
                mention.role = inner_role
            mention.gender = _honorific_gender(doc, title_start, start, inner_role)
            mention.title_start = title_start
        mentions.append(mention)
    mentions = _add_acronyms(doc, _repair_boundaries(doc, mentions))
    sent_starts = sentence_starts(doc)
    for m in mentions:
        if m.label == "PERSON":
            _read_role(doc, m, sent_starts)
    return mentions


def _read_role(doc: Doc, m: Mention, sent_starts: list[int]) -> None:
    """Complete a person's role with the title written before the name."""
    start = m.title_start if m.title_start >= 0 else m.start
    floor = sent_starts[bisect.bisect_right(sent_starts, start) - 1]
    outer = max(_role_before(doc, start, m.end, floor), _title_run_before(doc, start, floor), key=len)
    m.role = " ".join(part for part in (outer, m.role) if part)
    m.gender = m.gender or _honorific_gender(doc, start, m.start, m.role)


def _repair_boundaries(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Fix three frequent span errors of the small model around person names.

    * a first name tagged apart from the surname that follows it ("Yury" ORG +
      "Ushakov" PERSON) is one person;
    * two one-word places side by side with nothing between them ("Valeska" GPE +
      "Paris" GPE) are a first name and a surname;
    * a person span that swallowed the state named after it ("Biden Washington"
      in "told President Biden Washington had failed") is a person and a state.
    """
    places = set(actor_aliases()) | set(countries()) | set(_metonym_terms())
    texts, pos = token_texts(doc), token_pos(doc)
    repaired: list[Mention] = []
    for m in mentions:
        prev = repaired[-1] if repaired else None
        if (prev is not None and m.label == "PERSON" and prev.end == m.start and prev.end - prev.start == 1
                and prev.label != "PERSON" and pos[prev.start] == "PROPN"
                and texts[prev.start] not in places):
            m.start, m.role, m.gender = prev.start, prev.role or m.role, prev.gender or m.gender
            repaired[-1] = m
            continue
        # "Valeska Paris" tagged as two places side by side: places are not written
        # that way ("Sydney, Australia"), a first name and a surname are.
        if (prev is not None and prev.end == m.start and prev.end - prev.start == 1 and m.end - m.start == 1
                and prev.label in {"GPE", "LOC"} and m.label in {"GPE", "LOC"}
                and pos[prev.start] == "PROPN" and texts[prev.start] not in places):
            repaired[-1] = Mention(prev.start, m.end, "PERSON")
            continue
        if m.label == "PERSON" and m.end - m.start >= 2 and texts[m.end - 1] in places:
            repaired.append(Mention(m.start, m.end - 1, "PERSON", m.role, gender=m.gender))
            repaired.append(Mention(m.end - 1, m.end, "GPE"))
            continue
        repaired.append(m)
    return repaired


@functools.lru_cache(maxsize=1)
def _demonyms() -> frozenset[str]:
    return frozenset(read_data_csv("demonyms.csv").demonym)


@functools.lru_cache(maxsize=1)
def _metonym_terms() -> frozenset[str]:
    return frozenset(read_data_csv("metonyms.csv").term)


def _add_acronyms(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Add "(OSCE)" after an organisation's name as a mention when spaCy left it out."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    extra = []
    texts = token_texts(doc)
    for m in mentions:
        j = m.end
        if (m.label == "ORG" and j + 2 < len(doc) and texts[j] == "(" and texts[j + 2] == ")"
                and texts[j + 1].isupper() and j + 1 not in covered):
            extra.append(Mention(j + 1, j + 2, "ORG"))
    return sorted(mentions + extra, key=lambda m: m.start)


def _propagate(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Tag the untagged repeats of names already tagged elsewhere in the article."""
    forms: dict[tuple[str, ...], Counter] = {}
    texts, pos, sent_start = token_texts(doc), token_pos(doc), token_flags(doc, SENT_START)
    for m in mentions:
        words = tuple(texts[m.start:m.end])
        forms.setdefault(words, Counter())[m.label] += 1
        if m.label == "PERSON" and len(words) >= 2:
            # The surname alone is how a person is named after the first mention.
            forms.setdefault(words[-1:], Counter())["PERSON"] += 1
        elif m.label in {"GPE", "LOC", "ORG"} and len(words) >= 2:
            # Initials stand for the full name later on ("Los Angeles" ... "LA", "L.A.").
            initials = "".join(w[0] for w in words if w[:1].isupper())
            if len(initials) >= 2 and len(initials) == len(words):
                forms.setdefault((initials,), Counter())[m.label] += 1
                forms.setdefault((".".join(initials) + ".",), Counter())[m.label] += 1
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for words in forms:
        if len(words) == 1 and (len(words[0]) < 3 or is_title_word(words[0], ("title", "honorific", "office"))):
            continue
        if not all(_is_capitalised(w) or w.lower() in {"of", "and", "for", "the", "in"} for w in words):
            continue
        by_first.setdefault(words[0], []).append(words)
    for candidates in by_first.values():
        candidates.sort(key=len, reverse=True)
    _widen_to_known_names(doc, mentions, forms, by_first)
    covered = bytearray(len(doc))
    for m in mentions:
        covered[m.start:m.end] = b"\x01" * (m.end - m.start)
    added = []
    # The words as strings, read once per Doc: no Token is made here.
    for i, text in enumerate(texts):
        if covered[i] or text not in by_first:
            continue
        for words in by_first[text]:
            end = i + len(words)
            if end > len(doc) or any(covered[i:end]):
                continue
            if tuple(texts[i:end]) != words:
                continue
            # Glued to a longer capitalised name ("Texas Rangers"): not this entity.
            if end < len(doc) and _is_capitalised(texts[end]) and pos[end] == "PROPN":
                continue
            start = i
            # One untagged capitalised word before it ("Google Chrome" after "Chrome",
            # "Mozilla Firefox" after "Firefox") is the fuller form of the same name.
            if start > 0 and _is_capitalised(texts[start - 1]) and pos[start - 1] == "PROPN" \
                    and not sent_start[start - 1]:
                before = start - 1
                if covered[before] or is_title_word(texts[before], ("title", "honorific", "office")) or (
                        before > 0 and _is_capitalised(texts[before - 1]) and pos[before - 1] == "PROPN"
                        and not sent_start[before - 1]):
                    continue
                start -= 1
            # "Image:", "Photo:" at the head of a caption is a label, not a name.
            if end < len(doc) and texts[end] == ":":
                continue
            # Part of a hyphenated word ("pro-Beijing"): a stance, not a mention of the name.
            if (i > 0 and texts[i - 1] == "-") or (end < len(doc) and texts[end] == "-"):
                continue
            if not any(pos[k] in {"PROPN", "NOUN", "ADJ"} for k in range(i, end)):
                continue
            label = forms[words].most_common(1)[0][0]
            added.append(Mention(start, end, label, source="propagated"))
            covered[start:end] = b"\x01" * (end - start)
            break
    return sorted(mentions + added, key=lambda m: m.start)


def _widen_to_known_names(doc: Doc, mentions: list[Mention], forms: dict, by_first: dict) -> None:
    """ "Internet [Explorer]": a one-word span the model cut out of a two-word name that the
    article tags in full elsewhere is widened to that name, in place."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    texts = token_texts(doc)
    for m in mentions:
        if m.end - m.start != 1 or m.start == 0 or (m.start - 1) in covered or m.fixed_label:
            continue
        for words in by_first.get(texts[m.start - 1], []):
            if len(words) == 2 and words[1] == texts[m.start]:
                m.start -= 1
                m.label = forms[words].most_common(1)[0][0]
                covered.add(m.start)
                break


def _nested(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Add the state or organisation named inside a longer name as a mention of its own.

    "US" in "US State Department", "Texas" in "University of Texas", "Google" in
    "Google Science Fair": the outer name is the actor being talked about, but the
    outlet has also named the inner one. Only names that are known states
    (``actor_aliases.csv``) or that the article tags on their own elsewhere count.
    """
    forms: dict[tuple[str, ...], str] = {}
    texts = token_texts(doc)
    for m in mentions:
        if m.source == "ner" and m.label in {"GPE", "LOC", "ORG"}:
            words = texts[m.start:m.end]
            forms.setdefault(tuple(words), m.label)
            if m.label != "ORG" and len(words) >= 2 and all(w[:1].isupper() for w in words):
                initials = "".join(w[0] for w in words)
                forms.setdefault((initials,), m.label)  # "LA" in "LA Weekly"
                forms.setdefault((".".join(initials) + ".",), m.label)  # "L.A." in "East L.A."
    for alias, (_, label) in actor_aliases().items():
        forms.setdefault(tuple(alias.split()), label)
    for country in countries():
        forms.setdefault(tuple(country.split()), "GPE")
    demonym_forms = {tuple(d.split()) for d in _demonyms()}
    longest = max((len(f) for f in forms), default=0)
    added = []
    for m in mentions:
        if m.label == "PERSON" or m.end - m.start < 2:
            continue
        words = texts[m.start:m.end]
        i = 0
        while i < len(words):
            for size in range(min(longest, len(words) - 1), 0, -1):
                part = tuple(words[i:i + size])
                label = forms.get(part) if len(part) == size else None
                # A place glued to a word before it inside a place's name is another place
                # ("America" in "North America", "Mexico" in "New Mexico").
                if label and m.label in {"GPE", "LOC"} and i > 0 and _is_capitalised(words[i - 1]):
                    label = None
                # "Indonesian Navy", "Russian Foreign Ministry": the state's organ names the state.
                if label is None and part in demonym_forms and m.label in {"ORG", "FAC"}:
                    label = "NORP"
                # An organisation inside an organisation's name is part of that name.
                if label and not (label == "ORG" and m.label == "ORG"):
                    added.append(Mention(m.start + i, m.start + i + size, label, source="nested"))
                    i += size - 1
                    break
            i += 1
    return sorted(mentions + added, key=lambda m: (m.start, -m.end))


_PLACE_PREPOSITIONS = {"in", "at", "from", "to", "near", "across", "into"}


_PLACE_NOUNS = {"city", "town", "village", "region", "regions", "province", "capital", "port", "state"}


def _after_place_word(doc: Doc, start: int) -> bool:
    """ "in X", "from X", "the city of X", "the X region": X is a place."""
    lowers = token_lowers(doc)
    prev = lowers[start - 1] if start else ""
    if prev in _PLACE_PREPOSITIONS:
        return True
    if prev == "of" and start >= 2 and lowers[start - 2] in _PLACE_NOUNS:
        return True
    return False


def _written_in_lower_case(text: str, name: str) -> bool:
    """The article also writes ``name`` all in lower case, as a common word."""
    lower = name.lower()
    # The plain string first: a pattern costs more to make than the look that mostly finds nothing.
    return lower in text and re.search(rf"(?<![\w-]){re.escape(lower)}(?![\w-])", text) is not None


def _untagged_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Add proper names the model never tagged but the article repeats ("Anonymous", "Immortals").

    A run of capitalised proper nouns, not at the start of a sentence, not a title
    word, written at least twice in the article and never inside a tagged span, is
    taken for a name: a place after "in"/"at"/"from"/"to", else an organisation.
    """
    covered = bytearray(len(doc))
    # Any tagged span counts, dates and numbers included ("Friday", "March").
    for start, end in [(ent.start, ent.end) for ent in doc_ents(doc)] + [(m.start, m.end) for m in mentions]:
        covered[start:end] = b"\x01" * (end - start)
    runs: dict[str, list[tuple[int, int]]] = {}
    # The words as strings, read once per Doc: no Token is made here.
    texts, lowers, pos, deps = token_texts(doc), token_lowers(doc), token_pos(doc), token_deps(doc)
    sent_start = token_flags(doc, SENT_START)
    i = 0
    while i < len(doc):
        text = texts[i]
        if covered[i] or not _is_capitalised(text) or not text[:1].isalpha() \
                or is_title_word(text, ("title", "honorific", "office")) or pos[i] != "PROPN" or sent_start[i]:
            i += 1
            continue
        j = i
        while j < len(doc) and not covered[j] and _is_capitalised(texts[j]) and pos[j] == "PROPN":
            j += 1
        runs.setdefault(span_text(doc, i, j), []).append((i, j))
        i = j
    # The tagger calls a name a common noun when it modifies one ("one Immortals player"):
    # a capitalised word that is a proper noun elsewhere in the article is that name again.
    for i, text in enumerate(texts):
        if text not in runs:
            continue
        if pos[i] == "NOUN" and deps[i] == "compound" and not covered[i] and not sent_start[i] \
                and not (i + 1 < len(doc) and texts[i + 1] == ":") and lowers[i] not in credit_labels():
            runs[text].append((i, i + 1))
    # A word the article also writes in lower case ("the Internet" ... "the internet") is a common noun.
    added = []
    for text, spans in runs.items():
        if len(spans) < 2 or len(text) < 3 or _written_in_lower_case(doc_text(doc), text):
            continue
        for start, end in spans:
            added.append(Mention(start, end, "GPE" if _after_place_word(doc, start) else "ORG", source="untagged"))
    # Written once but as an owner ("PC World's analysis"): two or more capitalised proper
    # nouns before a possessive "'s" are a name, even at the start of a sentence.
    for i, text in enumerate(texts):
        if text not in {"'s", "’s"} or i < 2:
            continue
        end, start = i, i
        while start > 0 and pos[start - 1] == "PROPN" and _is_capitalised(texts[start - 1]) \
                and not covered[start - 1] and not is_title_word(texts[start - 1], ("title", "honorific", "office")):
            start -= 1
        if end - start >= 2 and not any(m.start < end and start < m.end for m in added):
            added.append(Mention(start, end, "ORG", source="untagged"))
    return sorted(mentions + added, key=lambda m: m.start)


@functools.lru_cache(maxsize=1)
def credit_labels() -> frozenset[str]:
    """Words that open a picture credit ("Image: ..."), from ``data/credit_labels.csv``.

    >>> "photo" in credit_labels()
    True
    """
    return frozenset(w.lower() for w in read_data_csv("credit_labels.csv").word)


def _credit_tokens(doc: Doc) -> bytearray:
    """1 for each token of a picture credit: after "Image:" or "Photo:" to the sentence end."""
    inside = bytearray(len(doc))
    labels = credit_labels()
    texts = token_texts(doc)
    # The words as strings: a Token (for its sentence) only for a label before a colon.
    for i, lower in enumerate(token_lowers(doc)):
        if lower in labels and i + 1 < len(doc) and texts[i + 1] == ":":
            end = doc[i].sent.end
            inside[i:end] = b"\x01" * (end - i)
    return inside


def _without_credited_only(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Drop the actors named only in picture credits (a photographer is not in the story)."""
    credits = _credit_tokens(doc)
    if not any(credits):
        return mentions
    in_story = {m.actor for m in mentions if not credits[m.start]}
    return [m for m in mentions if not credits[m.start] or m.actor in in_story]


def _not_overlapping(new: list[Mention], old: list[Mention]) -> list[Mention]:
    """The mentions of ``new`` that share no token with a mention of ``old``."""
    used = {i for m in old for i in range(m.start, m.end)}
    return [m for m in new if not any(i in used for i in range(m.start, m.end))]


def entities_from_doc(doc: Doc) -> pd.DataFrame:
    """One row per actor mention in a parsed article, sorted by position.

    Columns: ``start``, ``end`` (character offsets into ``doc.text``), ``text``
    (as written), ``label`` (spaCy label; ``PRON`` for a resolved pronoun),
    ``actor`` (canonical name), ``role`` (title written with the name, else ""),
    ``sentence`` (0-based sentence index).

    >>> from newsprism.text.nlp import parse
    >>> ents = entities_from_doc(parse("US Secretary of State Antony Blinken spoke. Blinken's aides left."))
    >>> ents[ents.label == "PERSON"][["text", "actor", "role"]].values.tolist()
    [['Antony Blinken', 'Antony Blinken', 'US Secretary of State'], ['Blinken', 'Antony Blinken', '']]
    """
    sent_starts = sentence_starts(doc)

    def sent_of(i: int) -> int:
        return bisect.bisect_right(sent_starts, i) - 1

    mentions = _nested(doc, _propagate(doc, _untagged_names(doc, _ner_mentions(doc))))
    assign_actors(doc, mentions)
    titled = titled_person_mentions(doc, [m for m in mentions if m.label == "PERSON"])
    people = sorted([m for m in mentions if m.label == "PERSON"] + titled, key=lambda m: m.start)
    named = [m for m in mentions if m.source != "nested"]
    extra = titled + pronoun_mentions(doc, people, sent_of) + nominal_mentions(doc, named, sent_of)
    extra += _not_overlapping(appositive_mentions(doc, named), extra)
    extra += group_pronoun_mentions(doc, named + extra, sent_of)
    extra += first_person_mentions(doc, named + extra, sent_of)
    # Outer names before the names nested in them, so a lookup by position finds the outer first.
    mentions = _without_credited_only(doc, sorted(mentions + extra, key=lambda m: (m.start, -m.end)))
    rows = []
    # Offsets and text from the words read once per Doc, not from a Span per mention.
    starts, texts = token_starts(doc), token_texts(doc)
    for m in mentions:
        if m.end > m.start:
            start_char, end_char, text = starts[m.start], starts[m.end - 1] + len(texts[m.end - 1]), span_text(doc, m.start, m.end)
        else:  # never built, but an empty span has its own offsets
            span = doc[m.start:m.end]
            start_char, end_char, text = span.start_char, span.end_char, span.text
        rows.append((start_char, end_char, text, m.label, m.actor, m.role, sent_of(m.start)))
    return pd.DataFrame(rows, columns=ENTITY_COLUMNS)


def extract_entities(text: str) -> pd.DataFrame:
    """Parse ``text`` with :func:`newsprism.text.nlp.parse` and return its entity mentions.

    Same columns as :func:`entities_from_doc`; offsets index into ``text``.

    >>> ents = extract_entities("Moscow denies it. The Kremlin said so.")
    >>> ents[["text", "actor"]].values.tolist()
    [['Moscow', 'Russia'], ['Kremlin', 'Russia']]
    """
    from newsprism.text.nlp import parse

    return entities_from_doc(parse(text))


# The run-level helpers of newsprism.entities.actors and newsprism.entities.naming and the shared pieces of
# newsprism.entities.mentions are part of this module's interface, so callers need one import.
__all__ = ["ENTITY_COLUMNS", "entities_from_doc", "extract_entities", "canonicalise_across",
           "actors_table", "naming_table", "known_variants", "credit_labels", "title_words", "actor_aliases",
           "countries", "Mention", "PRONOUN_LABEL", "NOMINAL_LABEL", "PERSON_PRONOUNS"]
