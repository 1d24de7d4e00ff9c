"""Who speaks: the actor each attribution's speaker mention refers to.

:func:`resolve_speakers` fills ``resolved``, ``anonymous`` and ``unresolved`` of the
attributions :mod:`newsprism.quotes.extract` found, in text order. A name is looked up
in the entities table (its actor); a pronoun goes to the one antecedent that agrees
with it in gender, number and kind (person or organisation), else it stays
unresolved ("he (unresolved)"), never guessed; a description ("the minister",
"Australian woman") goes to the one named person described that way; an unnamed
source keeps its description ("german source").
"""

from __future__ import annotations

import bisect
import re
from collections import Counter

from typing import TYPE_CHECKING

import pandas as pd
from spacy.tokens import Doc, Span

from newsprism.text.nlp import doc_ents, doc_text
from newsprism.quotes.attribution import SPEAKER_PRONOUNS, is_anonymous, noun_phrase
from newsprism.entities.mentions import (
    NOMINAL_LABEL, PERSON_PRONOUNS, PRONOUN_LABEL, combine_genders, given_name_gender, name_gender, words_gender,
    written_gender,
)

if TYPE_CHECKING:  # the attributions and quotation index extract.py builds (it imports this module)
    from newsprism.quotes.extract import _Attribution, _Quoted

__all__ = ["UNRESOLVED", "resolve_speakers"]

UNRESOLVED = " (unresolved)"  # appended to the mention of a speaker left unresolved


_PREFERRED_LABELS = {"PERSON": 0, "PRON": 0, "ORG": 1, "GPE": 1, "NORP": 2}


class _EntityRows:
    """(start, end, label, actor) of each entity row with an actor, read once per article and sorted.

    Speakers are looked up among the rows overlapping their head word; scanning
    every row for every attribution grew with attributions * entities.
    """

    def __init__(self, entities: pd.DataFrame | None):
        self.rows: list[tuple[int, int, str, str]] = []
        if entities is not None and len(entities) and {"start", "end", "actor"} <= set(entities.columns):
            labels = entities["label"] if "label" in entities else pd.Series("", index=entities.index)
            for start, end, label, actor in zip(entities["start"], entities["end"], labels, entities["actor"]):
                if pd.isna(actor) or pd.isna(start) or pd.isna(end) or not str(actor):
                    continue
                self.rows.append((int(start), int(end), str(label), str(actor)))
        # table order is kept as the tie-breaker; the search runs over rows sorted by start
        self._order = sorted(range(len(self.rows)), key=lambda i: self.rows[i][0])
        self._starts = [self.rows[i][0] for i in self._order]
        # a row overlapping start:end begins less than the longest row's length before start
        self._longest = max((row_end - row_start for row_start, row_end, _, _ in self.rows), default=0)

    def pronoun_actor(self, start: int, end: int) -> str | None:
        """The actor of the pronoun row at exactly ``start:end`` (the entities stage's answer), else None."""
        for row_start, row_end, label, actor in self.overlapping(start, end):
            if (row_start, row_end, label) == (start, end, PRONOUN_LABEL):
                return actor
        return None

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, str, str]]:
        """The rows sharing a character with ``start:end``, in table order."""
        lo = bisect.bisect_right(self._starts, start - self._longest)
        hi = bisect.bisect_left(self._starts, end)
        hits = sorted(i for i in self._order[lo:hi] if self.rows[i][1] > start)
        return [self.rows[i] for i in hits]


def _actor_from_entities(rows: _EntityRows, start: int, end: int) -> str | None:
    """The actor of the entity overlapping ``start:end``; people and pronouns first, then the widest overlap."""
    best, best_key = None, None
    for row_start, row_end, label, actor in rows.overlapping(start, end):
        key = (_PREFERRED_LABELS.get(label, 3), -(min(end, row_end) - max(start, row_start)))
        if best_key is None or key < best_key:
            best, best_key = actor, key
    return best


class _Speakers:
    """The speakers resolved so far in text order, kept ready for the look-ups that name later ones.

    Pronouns, "the source" and bare surnames are resolved against earlier
    speakers; searching back through all of them for each attribution grew with
    attributions squared, so each question's answer is kept up to date instead.
    """

    def __init__(self):
        self.by_lemma: dict[str, _Attribution] = {}  # a word of the speaker mention -> the last such attribution
        self.last_named: _Attribution | None = None  # the last named (not anonymous) speaker
        self.last_person: _Attribution | None = None  # the last named one a "he" or "she" can stand for
        self.longest: dict[str, str] = {}  # last word of a speaker's name -> the longest name with it (the first one)

    def add(self, a: _Attribution) -> None:
        if a.speaker is not None:
            for t in a.speaker:
                self.by_lemma[t.lemma_.lower()] = a
            if a.resolved and not a.anonymous and not a.unresolved:
                self.last_named = a
                if any(t.ent_type_ == "PERSON" or t.lower_ in ("he", "she") for t in a.speaker):
                    self.last_person = a
        words = a.resolved.split() if a.resolved and not a.unresolved else []
        if words and len(a.resolved) > len(self.longest.get(words[-1], "")):
            self.longest[words[-1]] = a.resolved


class _People:
    """The PERSON entities of a doc, with the look-ups speaker naming needs, by binary search."""

    def __init__(self, ents: list[Span]):
        self.people = [e for e in ents if e.label_ == "PERSON"]
        self._ends = [p.end_char for p in self.people]
        # per surname: start offsets and the longest name so far (the first of that length)
        self._by_surname: dict[str, tuple[list[int], list[str]]] = {}
        for p in self.people:
            words = p.text.split()
            if not words:
                continue
            starts, longest = self._by_surname.setdefault(words[-1], ([], []))
            best = longest[-1] if longest and len(longest[-1]) >= len(p.text) else p.text
            starts.append(p.start_char)
            longest.append(best)

    def last_before(self, char: int) -> Span | None:
        """The last person mention ending at or before ``char``."""
        k = bisect.bisect_right(self._ends, char)
        return self.people[k - 1] if k else None

    def longest_before(self, surname: str, char: int) -> str:
        """The longest name ending in ``surname`` that starts before ``char`` ("" when none)."""
        starts, longest = self._by_surname.get(surname, ([], []))
        k = bisect.bisect_left(starts, char)
        return longest[k - 1] if k else ""


def resolve_speakers(found: list[_Attribution], doc: Doc, entities: pd.DataFrame | None,
                     sents: list[Span] | None = None, quoted: _Quoted | None = None) -> None:
    """Fill ``resolved``, ``anonymous`` and ``unresolved`` for each attribution, in text order.

    ``found`` are the attributions of ``doc`` (:func:`newsprism.quotes.extract.quotes_from_doc`
    calls this); ``entities`` is the entities table of the same text.

    >>> from newsprism.quotes.extract import extract_quotes
    >>> text = "Robert Vance met Lena Brandt on Monday. She said the port would reopen. They said it would not."
    >>> extract_quotes(text).speaker.tolist()
    ['Lena Brandt', 'they (unresolved)']
    """
    text = doc_text(doc)  # doc.text re-joins every token on each access: read it once per Doc
    history = _Speakers()
    entity_rows = _EntityRows(entities)
    ents = list(doc_ents(doc))
    people = _People(ents)
    ent_starts = [e.start for e in ents]
    antecedents = None  # built on the first pronoun: many articles have none
    sents = sents if sents is not None else list(doc.sents)
    descriptions: list[_Descriptions] = []  # built on the first description: many articles have none

    def described(mention: Span) -> str | None:
        if not descriptions:
            descriptions.append(_Descriptions(entities, text, [sent.start_char for sent in sents]))
        return _described_actor(mention, entity_rows, descriptions[0])

    for a in found:
        mention = a.speaker
        if mention is None:
            continue
        if len(mention) == 1 and mention[0].lower_ == "who" and mention[0].head.dep_ == "relcl":
            antecedent = noun_phrase(mention[0].head.head)  # "Clarke, who said": resolve "Clarke"
            mention = antecedent if antecedent is not None else mention
        first = mention[0].lower_
        if is_anonymous(mention):
            head = mention.root.lemma_.lower()
            if first in ("the", "this", "that"):
                # "Jane Doe, a spokeswoman for the ministry, ... The spokeswoman said": the one
                # named person described so is meant, not an unnamed source
                actor = described(mention)
                if actor is not None:
                    a.resolved = actor
                    history.add(a)
                    continue
                earlier = history.by_lemma.get(head)
                if earlier is not None and not earlier.unresolved:
                    a.resolved, a.anonymous = earlier.resolved, earlier.anonymous
                    history.add(a)
                    continue
            a.anonymous = True
            start = mention[1].idx if len(mention) > 1 and first in ("a", "an", "the", "some") else mention.start_char
            a.resolved = text[start:mention.end_char].lower()
            history.add(a)
            continue
        if len(mention) == 1 and first in SPEAKER_PRONOUNS:
            if antecedents is None:
                antecedents = _Antecedents(doc, entity_rows, sents, quoted)
            # the entities stage resolved the pronouns of the article already: its answer is
            # the speaker, so the entities table and the quotes table never name two
            # different people for one "he"; this resolver only answers where it gave none
            given = entity_rows.pronoun_actor(mention.start_char, mention.end_char)
            if given is not None:
                actor = given if antecedents.agrees(given, first) else None
            else:
                actor = antecedents.resolve(mention)
            if actor is None:
                a.resolved, a.unresolved = first + UNRESOLVED, True
            else:
                a.resolved = actor
            history.add(a)
            continue
        # the entity at the head of the mention names the speaker: "Many of Washington's
        # allies" are not Washington
        root = mention.root
        actor = _actor_from_entities(entity_rows, root.idx, root.idx + len(root))
        if actor is None:
            named = _name_in_phrase(mention, entity_rows)
            if named is not None:
                # "American academic and professor Jane Doe commented": the name ends the phrase
                a.speaker, actor = named
        if actor is None:
            named = _named_after(mention, entity_rows, ents, ent_starts)
            if named is not None:
                # "the book Blown for Good", "a user called "Anonymous"": the name follows
                a.speaker, actor = named
        if actor is None:
            # "the minister", "Australian woman" (a headline): the one named person described so
            actor = described(mention)
        if actor is None:
            # a person the entities table found inside the mention, with the name it gave them
            # (spaCy's own span may run past the name: "Jane Roe\nWriting")
            names = [row for row in entity_rows.overlapping(mention.start_char, mention.end_char)
                     if row[2] == "PERSON" and row[0] >= mention.start_char and row[1] <= mention.end_char]
            actor = names[-1][3] if names else None
        if actor is None:
            inside = _ents_within(ents, ent_starts, mention)
            actor = _fallback_actor(mention, history, people, inside)
        if actor is not None and _tells_themself(a, actor, entity_rows):
            # "a letter to Harry Reid warning him that ...": the parse made Reid the subject of
            # "warning", but a speaker is not the "him" they speak to; whoever warns is not said
            a.resolved, a.unresolved = mention.text + UNRESOLVED, True
            history.add(a)
            continue
        a.resolved = actor
        history.add(a)


_LISTENER_DEPS = ("dobj", "dative", "iobj")


def _tells_themself(a, actor: str, rows: _EntityRows) -> bool:
    """Whether the cue is a participle whose object is a pronoun that stands for the speaker found
    ("a letter to Reid warning him"). A finite verb keeps its subject ("Lee told him"): there the
    pronoun is more likely wrong than the parse."""
    head = a.cue.head if a.cue is not None else None
    if head is None or head.tag_ not in ("VBG", "VBN"):
        return False
    for child in head.children:
        if child.dep_ in _LISTENER_DEPS and child.lower_ in ("him", "her", "them"):
            if rows.pronoun_actor(child.idx, child.idx + len(child)) == actor:
                return True
    return False


class _Descriptions:
    """What the text says each named person is: the role written with the name and the
    descriptions the entities table tied to them ("Jane Doe, a spokeswoman for the ministry"
    -> "a spokeswoman for the ministry"), as (where, actor, lower-cased words), in text order.

    Only people named somewhere in the article count: a description of nobody named is
    an unnamed source and stays one.
    """

    def __init__(self, entities: pd.DataFrame | None, text: str, sent_starts: list[int]):
        self.found: list[tuple[int, str, frozenset[str]]] = []
        self.people: list[tuple[int, int, str]] = []  # (start, end, actor) of each name of a person
        self.sent_starts = sent_starts
        # where the headline ends: a headline's "Australian woman" is named in the lead below it
        line_end = text.find("\n")
        self.headline_end = line_end if 0 < line_end <= _HEADLINE_CHARS else 0
        # the lead: the first sentence of the body that is more than a dateline
        self.lead_end = 0
        if self.headline_end:
            for k, start in enumerate(sent_starts):
                end = sent_starts[k + 1] if k + 1 < len(sent_starts) else len(text)
                # the parse may run the headline into the lead's sentence
                if end - max(start, self.headline_end) > _DATELINE_CHARS:
                    self.lead_end = end
                    break
        if entities is None or not len(entities) or not {"start", "end", "text", "label", "actor"} <= set(entities.columns):
            return
        # plain lists, not pandas selections: this runs once per article of a run
        labels, actors = entities["label"].tolist(), entities["actor"].tolist()
        roles = entities["role"].tolist() if "role" in entities else [""] * len(labels)
        people = {actor for label, actor in zip(labels, actors) if label == "PERSON" and isinstance(actor, str)}
        for start, end, words, label, actor, role in zip(entities["start"].tolist(), entities["end"].tolist(),
                                                         entities["text"].tolist(), labels, actors, roles):
            if actor not in people or pd.isna(start):
                continue
            if label == "PERSON":
                self.people.append((int(start), int(end), str(actor)))
            if label == "PERSON" and isinstance(role, str) and role:
                written = role
            elif label == NOMINAL_LABEL and isinstance(words, str):
                written = words
            else:
                continue
            self.found.append((int(start), str(actor), frozenset(_DESCRIPTION_WORD.findall(written.lower()))))


# A first line this short, above the body, is a headline; a line of the body this short
# ("Saturday, October 9, 2010") is a dateline, not the lead.
_HEADLINE_CHARS = 200
_DATELINE_CHARS = 60
_DESCRIPTION_WORD = re.compile(r"[^\W\d_]+")
# Determiners of a description that refers back (or, in a headline, forward to the lead)
# to a person already described; "a woman", "one poster", "another official" introduce someone new.
_DEFINITE = frozenset(["the", "this", "that"])


def _described_actor(mention: Span, rows: _EntityRows, descriptions: _Descriptions) -> str | None:
    """The one named person ``mention`` (a definite or bare description: "the minister",
    "the Afghan team's coach", a headline's "Australian woman") describes, or None.

    A person is described so when the head noun and each word modifying it ("Australian",
    "former") are among the words of their role or of a description tied to them. The
    description must come before the mention, except for a mention in the headline, which
    the lead below it explains. Two people described so, or none, give None.
    """
    root = mention.root
    in_headline = mention.start_char < descriptions.headline_end
    # a headline's first word is capitalised, and the tagger then often reads "Sailor" as a name
    headline_noun = in_headline and root.pos_ == "PROPN" and not root.ent_type_ and root.i == root.sent.start
    if (root.pos_ != "NOUN" and not headline_noun) or root.tag_ in ("NNS", "NNPS"):
        return None  # a name, a pronoun or a group ("her parents") is not one described person
    if any(t.dep_ == "det" and t.lower_ not in _DEFINITE for t in mention if t.i < root.i):
        return None
    if not descriptions.people:
        return None  # nobody is named
    wanted = {root.lower_, root.lemma_.lower()}
    modifiers = {t.lower_ for t in root.children
                 if t.i < root.i and t.dep_ in ("amod", "compound", "nmod") and t.is_alpha}
    actors = {actor for start, actor, words in descriptions.found
              if (in_headline or start < mention.start_char) and wanted & words and modifiers <= words}
    if not actors and in_headline:
        return _named_in_lead(root, wanted, descriptions)
    return actors.pop() if len(actors) == 1 else None


# How many sentences after the lead's "a defector ..." may pass before the person is named.
LEAD_NAMING_SENTENCES = 2


def _named_in_lead(root, wanted: set[str], descriptions: _Descriptions) -> str | None:
    """The person a headline's description ("Scientology defector") stands for when the lead
    introduces them unnamed ("a defector from the group was arrested") and names them just
    after: the one person named in the first sentence after that introduction that names
    anybody, within :data:`LEAD_NAMING_SENTENCES`, as that sentence's subject. A sentence
    naming two people, or naming one only in passing, leaves it open.
    """
    doc = root.doc
    if not descriptions.people:
        return None
    intro = None
    for token in doc:
        if token.idx < descriptions.headline_end:
            continue
        if token.sent.start_char >= descriptions.lead_end:
            break  # only the lead introduces the headline's person
        if (token.pos_ == "NOUN" and token.tag_ not in ("NNS", "NNPS") and {token.lower_, token.lemma_.lower()} & wanted
                and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children)):
            intro = token
            break
    if intro is None:
        return None
    sent_starts = descriptions.sent_starts
    here = bisect.bisect_right(sent_starts, intro.idx) - 1
    by_sentence: dict[int, set[str]] = {}
    for start, end, actor in descriptions.people:
        if start <= intro.idx:
            continue
        sentence = bisect.bisect_right(sent_starts, start) - 1
        if here <= sentence <= here + LEAD_NAMING_SENTENCES:
            name = doc.char_span(start, end, alignment_mode="expand")
            # the person is what the sentence is about: its subject, or a caption's bare name
            about = name is not None and name.root.dep_ in ("nsubj", "nsubjpass", "ROOT")
            by_sentence.setdefault(sentence, []).append((actor, about))
    if not by_sentence:
        return None
    first = by_sentence[min(by_sentence)]
    actors = {actor for actor, _ in first}
    if len(actors) != 1 or not any(about for _, about in first):
        return None  # two people named, or one named only in passing ("police arrested Jane Doe")
    return actors.pop()


# Verbs that give the name of what they follow: "a user called "Anonymous"".
_NAMING_VERBS = frozenset(["call", "name", "label", "dub", "title", "nickname"])


def _named_after(mention: Span, rows: _EntityRows, ents: list[Span], starts: list[int]) -> tuple[Span, str] | None:
    """The name written right after a description, with its actor: "the book Blown for Good"
    (an apposition the parse left out of the mention), "a user labelled "Anonymous"" (a
    naming verb right after it). The name is an entity of the parse; its actor is the one
    the entities table gives it, else the name as written.
    """
    doc = mention.doc
    root = mention.root
    if root.pos_ != "NOUN" or mention.end >= len(doc):
        return None
    name_token = None
    for child in root.children:
        if child.i < mention.end or child.i > mention.end + 1:
            continue  # the name must follow at once (an opening quotation mark aside)
        if child.dep_ in ("appos", "compound") and child.pos_ == "PROPN":
            name_token, extend = child, True
        elif child.dep_ == "acl" and child.lemma_.lower() in _NAMING_VERBS and child.i == mention.end:
            name_token = next((g for g in child.children if g.dep_ in ("oprd", "attr", "dobj", "xcomp")
                               and g.pos_ == "PROPN" and g.i <= child.i + 2), None)
            extend = False
        if name_token is not None:
            break
    if name_token is None:
        return None
    k = bisect.bisect_right(starts, name_token.i) - 1
    if k < 0 or not (ents[k].start <= name_token.i < ents[k].end) or ents[k].start < mention.end:
        return None
    name = ents[k]
    hits = rows.overlapping(name.start_char, name.end_char)
    actor = hits[0][3] if hits else name.text.strip("\"'\u201c\u201d ")
    if not actor:
        return None
    return (doc[mention.start:name.end] if extend else mention), actor


# Pronouns a speaker can be named by, and the kinds of actor each can stand for:
# "he"/"she" a person (of that gender when it is known), "they" an organisation or a
# group, "it" an organisation or a state. "I", "we" and "you" outside a quotation are
# the writer or the reader: left unresolved.
_PRONOUN_KINDS = {"he": ("PERSON",), "she": ("PERSON",), "they": ("ORG", "NORP"), "it": ("ORG", "GPE")}
_PRONOUN_GENDER = {"he": "m", "she": "f"}
# How many sentences before the pronoun's own are searched for its antecedent.
ANTECEDENT_SENTENCES = 3
_SUBJECT_DEPS = ("nsubj", "nsubjpass")


class _Antecedents:
    """The actor mentions a speaker pronoun may refer back to, with what agreement needs.

    Each mention outside quotation marks (a name inside a quotation is the speaker's
    topic) is kept with its sentence and whether it is a subject. Each actor gets a
    kind (the label of its names: PERSON, ORG, GPE, NORP) and, for people, a gender:
    from titles, honorifics and gendered nouns written with a name ("Mr.", "the
    spokeswoman", "his wife, Jane Doe"), else from pronouns the entities table already
    linked to the actor, else from the first name (``data/first_names.csv``).
    """

    def __init__(self, doc: Doc, rows: _EntityRows, sents: list[Span], quoted: _Quoted | None):
        self.doc = doc
        self.quoted = quoted
        self.sent_starts = [sent.start_char for sent in sents]
        self.sents = sents
        labels: dict[str, Counter] = {}
        written: dict[str, list[str]] = {}
        pronouns: dict[str, list[str]] = {}
        self.mentions = []  # (start, end, sentence, actor, subject, main, plural), in text order
        for start, end, label, actor in sorted(rows.rows):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            if label in (PRONOUN_LABEL, NOMINAL_LABEL):
                if label == PRONOUN_LABEL and span.text.lower() in ("he", "she"):
                    # only a subject pronoun: "his", "her" point to the person talked about as often
                    pronouns.setdefault(actor, []).append(PERSON_PRONOUNS[span.text.lower()])
                elif label == NOMINAL_LABEL:
                    written.setdefault(actor, []).append(words_gender([t.text for t in span]))
            else:
                labels.setdefault(actor, Counter())[label] += 1
                if label == "PERSON":
                    written.setdefault(actor, []).append(written_gender(doc, span.start, span.end))
            if quoted is not None and quoted.inner.holds(start):
                continue
            root = span.root
            if (root.dep_ == "compound" and root.head.dep_ in _SUBJECT_DEPS and root.i < root.head.i
                    and "\n" in doc[root.i:root.head.i].text_with_ws):
                # the parse glued a name to the next line's first word ("Jane Roe\nWriting in a
                # blog post, ... said"), which it took for the subject: the name is that subject
                root = root.head
            subject = root.dep_ in _SUBJECT_DEPS
            main = subject and root.head.dep_ == "ROOT"
            sentence = bisect.bisect_right(self.sent_starts, start) - 1
            # "the Smiths": a family named in the plural is a "they", never a "he"
            plural = root.tag_ in ("NNS", "NNPS") or (span.start > 0 and doc[span.start - 1].lower_ == "the"
                                                      and label == "PERSON" and root.text.endswith("s"))
            self.mentions.append((start, end, sentence, actor, subject, main, plural))
        self._starts = [m[0] for m in self.mentions]
        self.kind = {actor: max(counts, key=lambda lab: (counts[lab], lab == "PERSON")) for actor, counts in labels.items()}
        self.gender = {}
        for actor in set(written) | set(pronouns) | set(self.kind):
            if self.kind.get(actor, "PERSON") != "PERSON":
                continue
            self.gender[actor] = (combine_genders(written.get(actor, [])) or combine_genders(pronouns.get(actor, []))
                                  or name_gender(actor) or given_name_gender(actor))

    def agrees(self, actor: str, pronoun: str, plural: bool = False) -> bool:
        kind = self.kind.get(actor, "PERSON")  # an actor known only by "the president" or "he" is a person
        if plural:
            return pronoun == "they"
        # "I", "we" and "you" outside a quotation are the writer or the reader: no actor agrees
        if kind not in _PRONOUN_KINDS.get(pronoun, ()):
            return False
        wanted = _PRONOUN_GENDER.get(pronoun)
        return not wanted or self.gender.get(actor, "") in ("", wanted)

    def resolve(self, mention: Span) -> str | None:
        """The one actor ``mention`` (a pronoun) clearly refers to, or None when none or several fit.

        The nearest sentence holding an agreeing actor decides; in it the subject of the
        main clause, then any subject, then the only actor named. Two actors that fit
        equally well, or an agreeing non-subject picked over an agreeing subject of the
        sentence before, leave the pronoun unresolved. So does a pronoun inside a quotation
        ('"He said it over and over," a voter said'): it is whoever the quoted speaker talks
        about, whom the names outside the quotation do not tell (the entities stage leaves
        it alone too).
        """
        pronoun = mention[0].lower_
        if pronoun not in _PRONOUN_KINDS:
            return None
        if self.quoted is not None and self.quoted.inner.holds(mention.start_char):
            return None
        here = bisect.bisect_right(self.sent_starts, mention.start_char) - 1
        k = bisect.bisect_left(self._starts, mention.start_char)
        by_sentence: dict[int, list[tuple]] = {}
        while k > 0:
            k -= 1
            m = self.mentions[k]
            if m[2] < here - ANTECEDENT_SENTENCES:
                break
            if m[1] > mention.start_char or not self.agrees(m[3], pronoun, m[6]):
                continue
            by_sentence.setdefault(m[2], []).append(m)
        order = sorted(by_sentence, reverse=True)
        for sentence in order:
            found = by_sentence[sentence]
            main = [m for m in found if m[5]]
            subjects = [m for m in found if m[4]]
            best = main or subjects or found
            actors = {m[3] for m in best}
            if len(actors) != 1:
                return None
            actor = actors.pop()
            if not subjects:
                # chosen by nearness alone: an agreeing subject of the sentence just before competes
                earlier = {m[3] for m in by_sentence.get(sentence - 1, []) if m[4]}
                if earlier - {actor}:
                    return None
            return actor
        return None


def _name_in_phrase(mention: Span, rows: _EntityRows) -> tuple[Span, str] | None:
    """The name that completes a speaker's noun phrase the parse cut short, with its actor.

    "American academic and professor Jane Doe", "The security firm Example.com",
    "Acme co-founder Jane Doe", "His wife, Jane Doe": the mention ends before the name. The name must start
    within a few words after the mention, be tied to it by the parse (a compound,
    apposition or conjunct of the same phrase) and have no verb or comma before it, but
    for an apposition right after the mention ("His wife, Jane Doe, said").
    """
    doc = mention.doc
    root = mention.root
    limit = min(mention.end + 4, len(doc), root.sent.end)
    comma = False
    for i in range(mention.end, limit):
        token = doc[i]
        if token.text == "," and i == mention.end:
            comma = True  # "His wife, Jane Doe, said": only an apposition may follow
            continue
        if token.pos_ in ("VERB", "AUX") or (token.is_punct and token.text not in "-\u2010\u2011"):
            return None
        hits = [row for row in rows.overlapping(token.idx, token.idx + len(token)) if row[2] in ("PERSON", "ORG")]
        if not hits:
            continue
        start, end, label, actor = hits[0]
        name = doc.char_span(start, end, alignment_mode="expand")
        if name is None or name.start < mention.end:
            return None
        head = name.root
        if comma:
            return (doc[mention.start:name.end], actor) if head.dep_ == "appos" and head.head == root else None
        linked = (head.head == root or root.head == head or root.is_ancestor(head) or head.is_ancestor(root)
                  or (head.head == root.head and head.dep_ in ("appos", "conj", "compound", root.dep_)))
        if not linked:
            return None
        return doc[mention.start:name.end], actor
    return None


def _ents_within(ents: list[Span], starts: list[int], mention: Span) -> list[Span]:
    """The entities inside ``mention`` (entities do not overlap, so they are a run found by bisection)."""
    inside = []
    for e in ents[bisect.bisect_left(starts, mention.start):]:
        if e.start >= mention.end:
            break
        if e.end <= mention.end:
            inside.append(e)
    return inside


def _fallback_actor(mention: Span, history: _Speakers, people: _People, inside: list[Span]) -> str:
    """Name a speaker the entities table has no actor for: pronouns to the last speaker, surnames to full names."""
    if len(mention) == 1 and mention[0].lower_ in SPEAKER_PRONOUNS:
        pronoun = mention[0].lower_
        last = history.last_person if pronoun in ("he", "she") else history.last_named
        if last is not None:
            return last.resolved
        earlier = people.last_before(mention.start_char)
        return earlier.text if earlier is not None and pronoun in ("he", "she") else mention.text
    names = [e for e in inside if e.label_ == "PERSON"]
    if names:
        name = names[-1].text
        surname = name.split()[-1]
        for longer in (people.longest_before(surname, mention.start_char), history.longest.get(surname, "")):
            if len(longer) > len(name):
                name = longer
        return name
    others = [e for e in inside if e.label_ in ("ORG", "GPE", "NORP") and e.start <= mention.root.i < e.end]
    if others:
        return re.sub(r"^(?i:the)\s+", "", others[-1].text)
    return re.sub(r"^(?i:the)\s+", "", mention.text)
