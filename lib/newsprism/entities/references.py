"""References back to actors: "he", "its", "the president", "the country", appositions.

A person is named once and then called "he" or "the president"; a state becomes
"the country". Counting those references tells how much of an article is about
an actor, and lets a quote introduced by "He specified" be credited to its
speaker. Resolution here is deliberately conservative: a reference is resolved
only when the evidence is clear, otherwise it is left out.

Used by :func:`newsprism.entities.extract.entities_from_doc`; rows it adds carry the
label ``PRON`` (pronouns) or ``NOM`` (noun phrases such as "the president").
"""

from __future__ import annotations

import bisect
import functools
from types import MappingProxyType
from typing import Mapping

from spacy.tokens import Doc

from newsprism.text.datafiles import read_data_csv
from newsprism.entities.mentions import (
    NOMINAL_LABEL, PERSON_PRONOUNS, PRONOUN_LABEL, Mention, combine_genders, countries, given_name_gender,
    is_title_word, name_gender,
)
from newsprism.text.nlp import token_lowers, token_texts
from newsprism.text.quote_spans import AMBIGUOUS, CLOSING, DOUBLE_MARKS, OPENING

# Token texts that open or close a double quotation; the straight mark does both.
_OPENING_QUOTES = frozenset(OPENING + AMBIGUOUS)
_CLOSING_QUOTES = frozenset(CLOSING + AMBIGUOUS)


# The last document's quotation mask: four resolvers ask for it in turn on the same Doc.
_last_quotes: list = [None, None]


def _inside_quotes(doc: Doc) -> bytearray:
    """1 for each token inside double quotation marks (a quotation is closed at a paragraph end)."""
    if _last_quotes[0] is doc:
        return _last_quotes[1]
    inside = _quote_mask(doc)
    _last_quotes[:] = [doc, inside]
    return inside


def _quote_mask(doc: Doc) -> bytearray:
    texts = token_texts(doc)
    inside = bytearray(len(texts))
    is_open = False
    # A token's own white space is one space or none: a line break is a token of its own.
    for i, text in enumerate(texts):
        if "\n" in text:
            inside[i] = is_open
            is_open = False
            continue
        if is_open and text in _CLOSING_QUOTES:
            is_open = False
        elif not is_open and text in _OPENING_QUOTES:
            is_open = True
        else:
            inside[i] = is_open
    return inside


def titled_person_mentions(doc: Doc, people: list[Mention]) -> list[Mention]:
    """Resolve "the president", "the spokeswoman" to the person last given that title.

    Only "the" + a title word not followed by a name ("the President said", not
    "the President Obama"), and only when a person named earlier in the article
    carries that word in their role; labelled ``NOM``.
    """
    found = []
    starts = [m.start for m in people]
    lowers = token_lowers(doc)
    # The words as strings first: a Token is made only for a title word after "the".
    for i, text in enumerate(token_texts(doc)):
        if i == 0 or not is_title_word(text, ("title",)) or lowers[i - 1] != "the":
            continue
        token = doc[i]
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if nxt is not None and (nxt.pos_ == "PROPN" or nxt.lower_ == "of" or is_title_word(nxt.text, ("title",))):
            continue
        word = token.lower_
        before = people[:bisect.bisect_left(starts, token.i)]
        choice = next((m for m in reversed(before)
                       if m.role and word in {w.lower().strip(".'’s") for w in m.role.split()}), None)
        if choice is not None and choice.end <= token.i - 1:
            found.append(Mention(token.i - 1, token.i + 1, NOMINAL_LABEL, source="titled", actor=choice.actor,
                                 gender=choice.gender))
    return found


def person_genders(people: list[Mention]) -> dict[str, str]:
    """Actor -> "m" / "f" for the people whose gender the text or the name says.

    Titles, honorifics and gendered nouns written with any of the actor's mentions
    ("Mr.", "Queen", "his wife, Jane Doe") decide; when they say nothing, the first
    name does (``data/first_names.csv``). Evidence that disagrees leaves the actor out.

    >>> person_genders([Mention(0, 2, "PERSON", actor="Hillary Clinton"), Mention(3, 5, "PERSON", actor="Bill Clinton"),
    ...                 Mention(6, 7, "PERSON", actor="Kim", gender="f")])
    {'Hillary Clinton': 'f', 'Bill Clinton': 'm', 'Kim': 'f'}
    """
    strong: dict[str, list[str]] = {}
    for m in people:
        if m.actor:
            strong.setdefault(m.actor, []).append(m.gender)
    genders = {}
    for actor, found in strong.items():
        gender = combine_genders(found) if any(found) else (name_gender(actor) or given_name_gender(actor))
        if gender:
            genders[actor] = gender
    return genders


def pronoun_mentions(doc: Doc, people: list[Mention], sent_of) -> list[Mention]:
    """Resolve he/she/his/her to the person the evidence clearly points to.

    Candidates are the people named earlier in the same sentence or in the two
    sentences before. In the same sentence the subject wins, else the nearest;
    from earlier sentences, the subject of the latest sentence that names a
    person (the speaker of "Blinken said ... He specified ..."), else its first
    person. A candidate whose known gender (from a title, a gendered noun such as
    "his wife", an earlier "he"/"she", or the first name; see :func:`person_genders`)
    contradicts the pronoun is skipped. When two people fit equally well (no subject
    among them) the pronoun is left out.
    """
    gender_of = person_genders(people)
    starts = [m.start for m in people]
    quoted = _inside_quotes(doc)
    # "the president", "the spokesman": an unnamed person who may be the one meant.
    titled = {i for m in people if m.source == "titled" for i in range(m.start, m.end)}
    # The words as strings: a Token is made only for the few words these passes look for.
    texts, lowers = token_texts(doc), token_lowers(doc)
    unnamed = [i for i, text in enumerate(texts) if is_title_word(text, ("title",)) and text.islower() and i > 0
               and lowers[i - 1] in {"the", "a", "an"} and i not in titled
               and not (i + 1 < len(doc) and doc[i + 1].pos_ == "PROPN")]
    resolved = []
    for i, lower in enumerate(lowers):
        gender = PERSON_PRONOUNS.get(lower)
        if gender is None or quoted[i]:
            # Inside a quotation "he" is whoever the speaker talks about: not resolved here.
            continue
        token = doc[i]  # a Token only for a pronoun outside quotations
        if token.pos_ != "PRON":
            continue
        sent = sent_of(token.i)
        before = people[:bisect.bisect_left(starts, token.i)]
        # A person named inside a quotation is the speaker's topic, not the one "he said" refers to.
        candidates = [m for m in before if sent - sent_of(m.start) <= 2 and not quoted[m.start]]
        if not candidates:
            continue

        def fits(m: Mention) -> bool:
            return gender_of.get(m.actor, gender) == gender

        def is_subject(m: Mention) -> bool:
            return doc[m.start:m.end].root.dep_ in {"nsubj", "nsubjpass"}

        choice = None
        same = [m for m in candidates if sent_of(m.start) == sent and fits(m)]
        if same:
            subjects = [m for m in same if is_subject(m)]
            if subjects or len({m.actor for m in same}) == 1:
                choice = (subjects or same)[-1]
        else:
            for s in sorted({sent_of(m.start) for m in candidates}, reverse=True):
                in_sent = [m for m in candidates if sent_of(m.start) == s]
                # a person whose known gender disagrees is no candidate ("Bill ... Mary ... she")
                fitting = [m for m in in_sent if fits(m)]
                if not fitting:
                    continue
                subjects = [m for m in fitting if is_subject(m)]
                # The subject of the main clause ("Walsh suggested Reid would...") comes first.
                main = [m for m in subjects if doc[m.start:m.end].root.head.dep_ == "ROOT"]
                best = main or subjects or fitting
                if len({m.actor for m in best}) == 1:
                    choice = best[0]
                break  # two people fit equally well: evidence unclear
        if choice is None:
            continue
        blocker = bisect.bisect_right(unnamed, choice.end)
        if blocker < len(unnamed) and unnamed[blocker] < token.i:
            continue  # "Reid ... the president ... he": the evidence is not clear
        if choice.label == NOMINAL_LABEL and gender_of.get(choice.actor, gender) != gender:
            continue
        if token.lower_ in ("he", "she"):  # "his", "her" are too often about someone else to teach a gender
            gender_of.setdefault(choice.actor, gender)
        resolved.append(Mention(token.i, token.i + 1, PRONOUN_LABEL, source="pronoun", actor=choice.actor))
    return resolved


@functools.lru_cache(maxsize=1)
def nominal_heads() -> Mapping[str, frozenset[str]]:
    """Nouns that refer back to a named actor: "the organization", "the country".

    From ``data/nominals.csv``: noun -> the labels of actors it can refer to (read-only).

    >>> sorted(nominal_heads()["country"])
    ['GPE']
    """
    table = read_data_csv("nominals.csv")
    return MappingProxyType({n: frozenset(labels.split()) for n, labels in zip(table.noun, table.labels)})


def nominal_mentions(doc: Doc, named: list[Mention], sent_of) -> list[Mention]:
    """Resolve "the organization", "the country" to the latest fitting named actor.

    Only a definite noun phrase ("the"/"this" + noun, no "of" after it) whose
    noun is listed, and only when an actor of a fitting type was named in the same
    sentence or the two before; labelled ``NOM``.
    """
    heads = nominal_heads()
    starts = [m.start for m in named]
    found = []
    for i, lower in enumerate(token_lowers(doc)):
        labels = heads.get(lower)
        if not labels or i == 0:
            continue
        token = doc[i]  # a Token only for a listed noun
        if token.pos_ != "NOUN":
            continue
        det = doc[token.i - 1]
        if det.lower_ not in {"the", "this"}:
            continue
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        # "the company Hitwise" introduces a new name; "the city of X" names X itself.
        if nxt is not None and (nxt.lower_ == "of" or nxt.pos_ == "PROPN"):
            continue
        # "the capital in Kabul": the phrase is specified by the name after it, not a reference back.
        if nxt is not None and nxt.pos_ == "ADP" and token.i + 2 < len(doc) and doc[token.i + 2].pos_ == "PROPN":
            continue
        sent = sent_of(token.i)
        before = named[:bisect.bisect_left(starts, det.i)]
        # "the country" is a state, "the city" is not.
        wants_country = token.lower_ in {"country", "nation", "kingdom", "republic"}
        # "the mosque" after "the Grand Mosque", "the church" after "the Church of Scientology":
        # an actor whose own name holds the noun is meant, however far back it was named.
        choice = next((m for m in reversed(before) if m.label in labels and m.actor
                       and token.lower_ in m.actor.lower().split()), None)
        if choice is None:
            choice = next((m for m in reversed(before) if m.label in labels and m.actor
                           and sent - sent_of(m.start) <= 2
                           and (m.label != "GPE" or (m.actor in countries()) == wants_country)), None)
        if choice is not None:
            found.append(Mention(det.i, token.i + 1, NOMINAL_LABEL, source="nominal", actor=choice.actor))
    return found


FIRST_PERSON = {"i": "singular", "me": "singular", "my": "singular", "mine": "singular",
                "we": "plural", "us": "plural", "our": "plural", "ours": "plural"}
# Verbs that attribute a quotation to its speaker; a short list on purpose, only the
# verbs that in news copy almost always mean "these are the subject's words".
_SPEECH_VERBS = {"say", "tell", "add", "state", "explain", "write", "ask", "insist", "claim", "warn", "declare"}


def first_person_mentions(doc: Doc, mentions: list[Mention], sent_of) -> list[Mention]:
    """Resolve "I", "my" (and "we", "our" for an organisation or state) inside a
    quotation to its speaker: the subject of a speech verb outside the quotation
    in the same sentence ("'I am happy,' Key said").

    Quotations whose speaker is not a named or resolved actor are left alone;
    "we" of a person is left alone too (it may be their party, their team...).
    """
    quoted = _inside_quotes(doc)
    by_start = {m.start: m for m in mentions if m.actor}
    speaker_of_sent: dict[int, Mention | None] = {}
    found = []
    for i, lower in enumerate(token_lowers(doc)):
        number = FIRST_PERSON.get(lower)
        if number is None or not quoted[i]:
            continue
        token = doc[i]  # a Token only for a first-person word inside a quotation
        if token.pos_ != "PRON":
            continue
        sent = sent_of(token.i)
        if sent not in speaker_of_sent:
            speaker = _speaker(doc, token.sent, quoted, by_start)
            if speaker is None and _continues_quotation(doc, token.sent, quoted):
                # "'...,' Al-Maeena said. 'I think ...'": the quotation goes on in the
                # next sentence without a new speaker, so it is still the same speaker's.
                previous = doc[token.sent.start - 1].sent
                if sent - 1 not in speaker_of_sent:
                    speaker_of_sent[sent - 1] = _speaker(doc, previous, quoted, by_start)
                speaker = speaker_of_sent[sent - 1]
            speaker_of_sent[sent] = speaker
        speaker = speaker_of_sent[sent]
        if speaker is None:
            continue
        is_group = speaker.label in {"ORG", "GPE", "NORP"} or (
            speaker.label == NOMINAL_LABEL and speaker.source == "nominal")
        if (number == "singular") == is_group:
            continue
        found.append(Mention(token.i, token.i + 1, PRONOUN_LABEL, source="first_person", actor=speaker.actor))
    return found


def _continues_quotation(doc: Doc, sent, quoted: bytearray) -> bool:
    """The sentence is all quotation (it opens with a quotation mark and has no
    words outside quotes) and the sentence before it holds a quotation too."""
    if sent.start == 0 or sent[0].text not in _OPENING_QUOTES:
        return False
    if any(not quoted[t.i] and not t.is_punct and not t.is_space for t in sent):
        return False
    previous = doc[sent.start - 1].sent
    return any(quoted[t.i] for t in previous)


def _speaker(doc: Doc, sent, quoted: bytearray, by_start: dict[int, Mention]) -> Mention | None:
    """The actor mention that is the subject of a speech verb outside quotes in ``sent``."""
    for verb in sent:
        if quoted[verb.i] or verb.lemma_ not in _SPEECH_VERBS or verb.pos_ != "VERB":
            continue
        for child in verb.children:
            if child.dep_ != "nsubj" or quoted[child.i]:
                continue
            # The mention whose span holds the subject's head word.
            for start in range(child.left_edge.i, child.i + 1):
                m = by_start.get(start)
                if m is not None and m.start <= child.i < m.end:
                    return m
    return None


# Longest appositive description read as a mention; longer ones are clauses.
MAX_APPOSITIVE_TOKENS = 12
_APPOSITIVE_STOPS = frozenset([",", ";", ":", "(", ")", "—", "–", *DOUBLE_MARKS])


def _describes(token) -> bool:
    """A noun phrase head that can describe a named actor: a common noun or a title
    ("an editor", "the Secretary of State"), not a number, name or pronoun."""
    return token.pos_ == "NOUN" or (token.pos_ == "PROPN" and is_title_word(token.text, ("title",)))


def _description_span(doc: Doc, head, floor: int, ceiling: int) -> tuple[int, int] | None:
    """Tokens of the noun phrase headed by ``head``, cut at punctuation, within [floor, ceiling)."""
    start, end = head.i, head.i + 1
    while start - 1 >= max(floor, head.left_edge.i) and doc[start - 1].text not in _APPOSITIVE_STOPS:
        start -= 1
    while end <= min(ceiling - 1, head.right_edge.i) and doc[end].text not in _APPOSITIVE_STOPS:
        end += 1
    if end - start > MAX_APPOSITIVE_TOKENS:
        return None
    return start, end


def appositive_mentions(doc: Doc, named: list[Mention]) -> list[Mention]:
    """Descriptions set off by commas next to a name: mentions of the same actor.

    "Khaled Al-Maeena, editor at large at the Saudi Gazette, said" and "in the
    nation's capital, Wellington" each name one actor twice: once by name, once by
    description. The description (a common noun or a title, never a number or a
    second name) gets a ``NOM`` row with the actor of the name.

    >>> from newsprism.text.nlp import parse
    >>> from newsprism.entities.extract import entities_from_doc
    >>> ents = entities_from_doc(parse("Margaret Atwood, a novelist from Canada, spoke."))
    >>> ents[ents.label == "NOM"][["text", "actor"]].values.tolist()
    [['a novelist from Canada', 'Margaret Atwood']]
    """
    found = []
    taken = bytearray(len(doc))
    quoted = _inside_quotes(doc)
    person_tokens = bytearray(len(doc))
    for m in named:
        if m.label == "PERSON":
            person_tokens[m.start:m.end] = b"\x01" * (m.end - m.start)
    for m in named:
        # "Cool clock, Ahmed": inside a quotation a name after a comma is often an address.
        if not m.actor or m.label not in {"PERSON", "ORG", "GPE", "LOC", "FAC"} or quoted[m.start]:
            continue
        root = doc[m.start:m.end].root
        span = None
        # Name first: "Atwood, a Booker Prize-winner, ..."
        for child in root.children:
            if (child.dep_ == "appos" and child.i > m.end and doc[m.end].text == "," and _describes(child)):
                span = _description_span(doc, child, m.end + 1, len(doc))
                break
        # Description first: "the nation's capital, Wellington"; "Malaysia's Prime Minister, Najib Razak said".
        if span is None and m.start >= 2 and doc[m.start - 1].text == ",":
            head = root.head if root.dep_ == "appos" and root.head.i < m.start else doc[m.start - 2]
            if head.i < m.start and _describes(head) and (
                    root.dep_ == "appos" and root.head == head
                    or (is_title_word(head.text, ("title",)) and head.dep_ == root.dep_ and head.head == root.head)):
                span = _description_span(doc, head, 0, m.start - 1)
        if span is None or any(taken[span[0]:span[1]]):
            continue
        start, end = span
        # A plural ("players") or a description naming another person is a list, not an apposition.
        if doc[start:end].root.tag_ in {"NNS", "NNPS"} or any(person_tokens[start:end]):
            continue
        taken[start:end] = b"\x01" * (end - start)
        found.append(Mention(start, end, NOMINAL_LABEL, source="appositive", actor=m.actor, gender=m.gender))
    return found


# Pronouns that refer back to an organisation, a state or a group, and the labels of the
# actors each can stand for: "its" a company or a state ("Microsoft ... its goal");
# "they", "their", "them" an organisation or a group ("Twitter ... their company").
# "it" is left out: as a subject it is too often empty ("it is time to ...").
GROUP_PRONOUNS = {"its": {"ORG", "GPE", "FAC", "LOC"}, "their": {"ORG", "NORP"},
                  "they": {"ORG", "NORP"}, "them": {"ORG", "NORP"}}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}


def group_pronoun_mentions(doc: Doc, mentions: list[Mention], sent_of) -> list[Mention]:
    """Resolve "its", "their", "they", "them" to an organisation, state or group.

    Centering-style and conservative: the antecedent is the nearest subject before
    the pronoun in its sentence, else the subject of the main clause of the sentence
    before. The pronoun is resolved only when that subject is (the head of) a mention
    of an actor of a fitting type; a subject that is a person or a common noun ("the
    parents ... their") blocks it. Pronouns inside quotations are left alone.

    >>> from newsprism.text.nlp import parse
    >>> from newsprism.entities.extract import entities_from_doc
    >>> ents = entities_from_doc(parse("Microsoft released a browser. Its goal is speed."))
    >>> ents[ents.label == "PRON"][["text", "actor"]].values.tolist()
    [['Its', 'Microsoft']]
    """
    quoted = _inside_quotes(doc)
    # The mention that holds each token, named mentions before the nested ones.
    holder: dict[int, Mention] = {}
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if not m.actor:
            continue
        for i in range(m.start, m.end):
            holder.setdefault(i, m)
    # A "the company" or "they" stands for an actor of the type its names have.
    actor_label = {m.actor: m.label for m in mentions
                   if m.actor and m.label not in {NOMINAL_LABEL, PRONOUN_LABEL}}
    found = []
    resolved_at: dict[int, Mention] = {}

    def actor_of(token) -> Mention | None:
        return resolved_at.get(token.i) or holder.get(token.i)

    for i, lower in enumerate(token_lowers(doc)):
        labels = GROUP_PRONOUNS.get(lower)
        if labels is None or quoted[i]:
            continue
        token = doc[i]  # a Token only for a group pronoun outside quotations
        if token.pos_ != "PRON":
            continue
        sent = token.sent
        subjects = [t for t in doc[sent.start:token.i] if t.dep_ in _SUBJECT_DEPS and not quoted[t.i]]
        if subjects:
            subject = subjects[-1]
        elif sent.start > 0:
            previous = doc[sent.start - 1].sent
            subject = next((t for t in previous.root.children if t.dep_ in _SUBJECT_DEPS), None)
        else:
            subject = None
        if subject is None:
            continue
        m = actor_of(subject)
        if m is None:
            continue
        # "the Navy saved 200 more after they were found": a plural noun or a number
        # between the subject and "they" is the nearer candidate, so the case is unclear.
        if token.lower_ != "its" and any(t.tag_ in {"NNS", "CD"} for t in doc[m.end:token.i]):
            continue
        # "Mozilla Firefox, its main rival": a description of X does not call X "its".
        if any(a.dep_ == "appos" and m.start <= a.head.i < m.end for a in token.ancestors):
            continue
        label = actor_label.get(m.actor, "") if m.label in {NOMINAL_LABEL, PRONOUN_LABEL} else m.label
        if label not in labels:
            continue
        mention = Mention(token.i, token.i + 1, PRONOUN_LABEL, source="group_pronoun", actor=m.actor)
        resolved_at[token.i] = mention
        found.append(mention)
    return found
