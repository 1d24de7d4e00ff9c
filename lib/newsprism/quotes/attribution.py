"""Reporting cues and their speakers: "X said", "according to X", "X's warning that".

The reporting-verb lexicon (``data/reporting_verbs.csv``) is loaded here, so the
quote extractor and the framing markers read the same list and the same stance
classes. Cue finding works on the dependency parse: a reporting verb's nominal
subject is its speaker, its clausal complement is the reported content.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pandas as pd
from spacy.tokens import Span, Token

from newsprism.text.datafiles import read_data_csv
from newsprism.text.nlp import token_lemmas, token_lowers

LEXICON_FILE = "reporting_verbs.csv"
STANCES = ("neutral", "distancing", "endorsing", "emphatic")

# Head nouns of unnamed sources. "a German source", "sources", "a senior official
# in the administration", "a Reuters witness": the agency is named but the person is
# not, so the witness counts as anonymous too.
ANONYMOUS_HEADS = frozenset(
    """source official aide witness diplomat insider person people adviser advisor
    spokesperson spokesman spokeswoman staffer analyst expert observer officer employee
    member someone somebody resident critic supporter ally""".split()
)
INDEFINITE = frozenset("a an some several one two three many another other various few multiple".split())
# Subject pronouns that can stand for a speaker; "it" counts (organizations speak).
SPEAKER_PRONOUNS = frozenset("he she they we i it you".split())
# Complementizers dropped from the start of a reported clause ("said that ...").
COMPLEMENTIZERS = frozenset(["that"])
# Verbs that take "X to do Y" as what was said: "urged Moscow to de-escalate".
XCOMP_CUES = frozenset("urge tell ask warn call promise pledge vow demand encourage".split())
# Verbs of intention that report a stated aim with an infinitive: "wants to triple the
# program", "plans to open a shop", and the aims one commits to: "agreed to clean up the
# site". Mostly not in the reporting-verb lexicon: they are cues only with an infinitive,
# and framing does not count them as reporting verbs. ("threaten" is left out: "the storm
# threatens to flood the town" is no one's aim.)
INTENTION_CUES = frozenset("want plan intend hope seek agree".split())
# Subjects that make an intention verb the writer's or speaker's own voice, or a description.
_NOT_THIRD_PARTY = frozenset("i we you who that which anyone everyone someone".split())
# Verbs of thought and intention: what they report is someone's mind, which a text
# knows only from what that person said. Inside another cue's reported clause ("she
# said she plans to ...", "he said he thinks ...") they are part of that report, not
# a second statement.
# Verbs of conjecture and realisation (Levin 1993, class 29.5): a view the
# subject holds or came to, reported like a thought ("assumed that the deal was done").
CONJECTURE_CUES = frozenset("realize realise recognize recognise assume presume suspect imagine".split())
MENTAL_CUES = frozenset("think believe know expect feel fear worry hope learn understand suppose".split()) \
    | INTENTION_CUES | CONJECTURE_CUES
# Cues of thought, not speech: a row they make says what someone thinks, knows or feels,
# which the text reports but the person may never have said in those words. A finding
# about who is quoted must not count them ("learn" is left out: "The Post has learned
# that ..." is how an outlet reports what its sources told it).
THOUGHT_CUES = frozenset("think believe know expect feel fear worry hope understand suppose".split()) \
    | CONJECTURE_CUES | frozenset(read_data_csv("attitude_adjectives")["adjective"]) \
    | frozenset(read_data_csv("clause_nouns").query("`class` == 'thought'")["noun"])
# Verbs that name, label or perform words, outside the reporting-verb lexicon: quoted
# words they govern are the subject's words ('dubbed the threat "imminent"', 'branded
# the goalkeeper "the Wall"', 'sang "Happy Birthday"'). Levin (1993) classes 29.2-29.3
# (characterize, dub) and performance verbs (sing, read, recite). Other verbs governing
# a quotation ('bought "vintage" bicycles') attribute nothing.
NAMING_CUES = frozenset(
    """dub brand label term nickname christen characterize characterise liken compare portray
    depict cast sing recite read chant""".split())
# Verbs whose object is what was said when no clause or quotation follows: "praised
# the mayor's leadership", "blamed the governor for the delays", "cited a study",
# "acknowledged the delay" (verbs of admitting and noting: Levin 1993 class 37.7).
OBJECT_CUES = frozenset(
    """praise hail laud commend applaud blame fault condemn denounce slam blast attack criticize
    criticise chide scold rebuke lambaste castigate decry deride mock ridicule berate cite quote
    invoke accuse endorse reject propose recommend question dismiss deny defend demand promise
    pledge announce mention describe call acknowledge admit concede note claim reveal repeat reiterate
    tweet predict lament urge suggest highlight vow stress emphasize emphasise estimate explain report disclose""".split())
# Verbs whose prepositional object is what was said: "called for a moratorium",
# "talked about the plan", "warned against hackers", "accused her of lying".
PREP_OBJECT_CUES = {
    "call": ("for",), "talk": ("about",), "speak": ("about", "of", "against"), "complain": ("about", "of"),
    "warn": ("against", "about", "of"), "argue": ("for", "against"), "advocate": ("for",), "accuse": ("of",),
    "criticize": ("for",), "criticise": ("for",), "blame": ("for",), "praise": ("for",), "attack": ("for",),
    "blast": ("for",), "slam": ("for",), "ask": ("for",), "comment": ("on",), "boast": ("about", "of"),
    "brag": ("about",), "joke": ("about",), "write": ("about",), "tweet": ("about",),
}
# Verbs that put a question: what follows "asked whether ..." is not anybody's statement.
QUESTION_CUES = frozenset("ask wonder inquire enquire".split())
# Verbs under which a reporting verb reports nothing: "declined to comment", "refused to say".
REFUSALS = frozenset("decline refuse fail".split())
# Nouns of what one answers or ignores, not of what one states: "did not respond to
# queries", "answering questions".
REQUEST_NOUNS = frozenset("question query request inquiry enquiry call email message interview".split())
# Verbs that answer a question or request: without a clause or a quotation they report no content.
ANSWER_CUES = frozenset("answer respond reply comment".split())
# Documents that carry words for whoever issued them: "issued a statement saying ...".
DOCUMENT_NOUNS = frozenset("statement letter release report memo email message tweet post note".split())
ISSUING_VERBS = frozenset("issue release send post publish write deliver give make file put tweet".split())


def reporting_verbs() -> pd.DataFrame:
    """The reporting-verb lexicon: one row per cue with columns ``lemma``, ``pos``, ``stance``, ``note``.

    ``pos`` is verb, noun or phrase (a multiword cue such as "according to" or
    "point out"); ``stance`` is one of neutral, distancing, endorsing, emphatic.
    The file's ``#`` header names the sources of the classes.

    The table is a copy: changing it does not change what later calls return.

    >>> verbs = reporting_verbs()
    >>> verbs.set_index("lemma").loc["claim", "stance"].tolist()
    ['distancing', 'distancing']
    """
    return _reporting_verbs().copy()


@functools.lru_cache(maxsize=1)
def _reporting_verbs() -> pd.DataFrame:
    table = read_data_csv(LEXICON_FILE)
    bad = table[~table["stance"].isin(STANCES)]
    if len(bad):
        raise ValueError(
            f"{LEXICON_FILE}: stance must be one of {', '.join(STANCES)}; "
            f"fix the rows for {', '.join(bad['lemma'])}"
        )
    table["lemma"] = table["lemma"].str.strip().str.lower()
    return table


@functools.lru_cache(maxsize=1)
def _stances() -> dict[tuple[str, str], str]:
    return {(row.pos, row.lemma): row.stance for row in _reporting_verbs().itertuples()}


def stance_of(lemma: str, pos: str | None = None) -> str | None:
    """Stance of a reporting cue ("claim" -> "distancing"), or None when it is not in the lexicon.

    ``pos`` (verb, noun, phrase) picks one reading when a word is both; without it
    verbs are tried first, then phrases, then nouns. Plural nouns are accepted.

    >>> stance_of("claim"), stance_of("said"), stance_of("point out"), stance_of("claims", "noun")
    ('distancing', 'neutral', 'endorsing', 'distancing')
    """
    key = " ".join(lemma.lower().split())
    table = _stances()
    for p in (pos,) if pos else ("verb", "phrase", "noun"):
        for form in (key, _verb_lemma(key), key[:-1] if key.endswith("s") else key):
            if (p, form) in table:
                return table[(p, form)]
    return None


def _verb_lemma(word: str) -> str:
    """Crude inflection stripping so that ``stance_of("said")`` works without a parser."""
    irregular = {"said": "say", "says": "say", "told": "tell", "tells": "tell", "wrote": "write",
                 "thought": "think", "knew": "know", "found": "find", "shown": "show",
                 "pointed out": "point out", "points out": "point out"}
    if word in irregular:
        return irregular[word]
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ed", "e"), ("ed", ""), ("es", ""), ("s", ""), ("ing", "e"), ("ing", "")):
        if word.endswith(suffix):
            stem = word[: -len(suffix)] + repl
            if ("verb", stem) in _stances():
                return stem
    return word


@dataclass
class Cue:
    """A reporting cue found in the parse, before its content is delimited."""

    tokens: list[Token]  # the cue as written: "said", "pointed out", "according to"
    lemma: str  # lexicon key: "say", "point out", "according to", "warning"
    kind: str  # verb | phrase | noun
    head: Token  # the token that governs the content (the verb, "according", the noun)
    speaker: Span | None
    # for a 'Name: "..."' label: the quotation it introduces and the mark's offsets
    # (the tokenizer may glue the mark to a quotation mark: '”―')
    quote: object | None = None
    span: tuple[int, int] | None = None

    @property
    def start(self) -> int:
        return self.span[0] if self.span else self.tokens[0].idx

    @property
    def end(self) -> int:
        return self.span[1] if self.span else self.tokens[-1].idx + len(self.tokens[-1])


def cue_lemma(token: Token) -> str | None:
    """Lexicon key of ``token`` as a reporting verb, or None.

    >>> from newsprism.text.nlp import parse
    >>> cue_lemma(parse("He pointed out the flaw.")[1])
    'point out'
    """
    if token.dep_ in ("amod", "compound", "nmod"):  # "self-proclaimed republic"
        return None
    if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
        lemma = token.lemma_.lower()  # here: most tokens are no verb, and callers ask of every token
        if lemma == "point" and any(c.dep_ == "prt" and c.lower_ == "out" for c in token.children):
            return "point out"
        if lemma == "put" and _puts_it(token):
            return "put it"
        if ("verb", lemma) in _stances():
            return lemma
    return None


def _puts_it(verb: Token) -> bool:
    """True for the idiom "as X put it, ..." / "X put it this way: ..." (a way of saying), not "put it on the shelf".

    The verb's object is "it" and the words follow as a comma-set clause or after
    a colon: the verb opens with "as", or "it" (and any manner word) is followed by
    ":" or ",".
    """
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if len(objects) != 1 or objects[0].lower_ != "it":
        return False
    if any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return True
    after = objects[0].i + 1
    doc = verb.doc
    while after < len(doc) and doc[after].lower_ in ("this", "that", "way", "bluntly", "simply", "best", "succinctly"):
        after += 1
    return after < len(doc) and doc[after].text in (":",)


def find_cues(sent: Span) -> list[Cue]:
    """Reporting cues of one sentence with their speaker spans (None when unnamed).

    >>> from newsprism.text.nlp import parse
    >>> sent = next(parse("According to the Kremlin, Putin claimed the talks failed.").sents)
    >>> [(c.lemma, c.kind, c.speaker.text) for c in find_cues(sent)]
    [('according to', 'phrase', 'the Kremlin'), ('claim', 'verb', 'Putin')]
    """
    cues: list[Cue] = []
    # The words as strings first: a Token only for a word that may be a cue (see _may_cue).
    lemmas, lowers, start = token_lemmas(sent.doc), token_lowers(sent.doc), sent.start
    for i in range(start, sent.end):
        if not _may_cue(lemmas[i], lowers[i]):
            continue
        token = sent.doc[i]
        lemma = cue_lemma(token)
        if lemma:
            words = [token] + [c for c in token.children if c.dep_ == "prt" and lemma == "point out"]
            cues.append(Cue(sorted(words, key=lambda t: t.i), lemma, "verb", token, speaker_of_verb(token)))
        elif token.lemma_.lower() in INTENTION_CUES and token.pos_ == "VERB" and token.dep_ not in ("relcl", "acl") \
                and any(c.dep_ == "xcomp" and c.i > token.i for c in token.children):
            # "The mayor wants to widen the road": a stated aim, reported as what was said.
            # Not "the prize she might seek to win" or "anyone wanting to bake" (a
            # description, not a report), nor "I want to thank you" (the speaker talking)
            speaker = speaker_of_verb(token)
            if speaker is not None and speaker.root.lower_ not in _NOT_THIRD_PARTY:
                cues.append(Cue([token], token.lemma_.lower(), "verb", token, speaker))
        elif token.lower_ in _attitude_adjectives() and token.dep_ in ("acomp", "advcl", "oprd", "xcomp") \
                and token.head.lemma_.lower() != "make" and token.head.tag_ != "VB" \
                and any(c.dep_ == "ccomp" and c.i > token.i for c in token.children):
            # "Residents are afraid that the bridge will close": the subject of the verb the
            # adjective completes holds the view ("it is clear that" names nobody; "make sure
            # you have ...", "be sure to ..." and "just to be sure you have ..." are an order or
            # a purpose, not a view)
            speaker = speaker_of_verb(token.head)
            if speaker is not None and speaker.root.lower_ not in ("it", "there", "this", "that"):
                cues.append(Cue([token], token.lower_, "adjective", token, speaker))
        elif token.lower_ == "according" and token.i + 1 < sent.end and token.nbor().lower_ == "to":
            to = token.nbor()
            objs = [c for c in to.children if c.dep_ == "pobj"] or [c for c in token.children if c.dep_ == "pobj"]
            if objs:
                cues.append(Cue([token, to], "according to", "phrase", token, noun_phrase(objs[0])))
        elif token.pos_ == "NOUN" and (stance_of(token.lemma_, "noun") or token.lemma_.lower() in _clause_nouns()):
            # a reporting noun ("Washington's claims that"), or a noun of saying or thinking that
            # reports only with its "that"-clause ("growing concerns that ...")
            owner = [c for c in token.children if c.dep_ == "poss"]
            clause = [c for c in token.children if c.dep_ in ("acl", "ccomp", "relcl") and _has_that(c)]
            if owner and clause:
                cues.append(Cue([token], token.lemma_.lower(), "noun", token, noun_phrase(owner[0])))
            elif clause and clause[0].i > token.i and token.dep_ != "compound":
                # "the announcement that ...", "a statement from X that ...": the issuer
                # when the text names one, else no speaker
                cues.append(Cue([token], token.lemma_.lower(), "noun", token, _noun_cue_speaker(token)))
    return cues


@functools.lru_cache(maxsize=4096)
def _may_cue(lemma: str, lower: str) -> bool:
    """Whether a word with this lemma and lower-case form may be a cue of :func:`find_cues`: a
    reporting verb (:func:`cue_lemma`), a verb of intention, an attitude adjective, "according",
    or a reporting or clause noun. Any other word passes through every test there without a cue.

    >>> _may_cue("say", "said"), _may_cue("the", "the")
    (True, False)
    """
    lemma_lower = lemma.lower()
    return (("verb", lemma_lower) in _stances() or lemma_lower in ("point", "put") or lemma_lower in INTENTION_CUES
            or lower in _attitude_adjectives() or lower == "according"
            or stance_of(lemma, "noun") is not None or lemma_lower in _clause_nouns())


@functools.cache
def _clause_nouns() -> dict[str, str]:
    """Nouns that report with a "that"-clause, and their class, speech or thought (``data/clause_nouns.csv``)."""
    table = read_data_csv("clause_nouns")
    return dict(zip(table["noun"], table["class"]))


@functools.cache
def _attitude_adjectives() -> frozenset[str]:
    """Adjectives that report a thought or feeling with a clause (``data/attitude_adjectives.csv``)."""
    return frozenset(read_data_csv("attitude_adjectives")["adjective"])


def _noun_cue_speaker(noun: Token) -> Span | None:
    """The speaker of an unowned noun cue: "the claim by X that", "X made the announcement that"."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            objs = [c for c in child.children if c.dep_ == "pobj" and c.pos_ in ("PROPN", "NOUN", "PRON")]
            if objs:
                return noun_phrase(objs[0])
    return _subject_of_issuing_verb(noun)


def _subject_of_issuing_verb(noun: Token) -> Span | None:
    """The subject of the verb that issued ``noun`` ("X made the announcement", "X issued a statement")."""
    verb = noun.head
    if noun.dep_ == "dobj" and verb.lemma_.lower() in ISSUING_VERBS:
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if subjects:
            return noun_phrase(subjects[0])
    return None


# Modal verbs and heads of "is expected to say", "is due to announce": the words are not said yet.
_FUTURE_MODALS = frozenset("will would shall 'll wo".split())
_PROSPECTIVE_HEADS = frozenset("expect due set schedule plan intend prepare go".split())


def _prospective(verb: Token) -> bool:
    """True for a speech verb whose words are still to come: "would explain", "is expected to say".

    >>> from newsprism.text.nlp import parse
    >>> doc = parse("A source said Scholz would explain his plan. Scholz explained his plan.")
    >>> _prospective(doc[5]), _prospective(doc[10])
    (True, False)
    """
    if any(c.dep_ == "aux" and c.lower_ in _FUTURE_MODALS for c in verb.children):
        return True
    climb = verb
    for _ in range(2):  # "is expected to say", "is going to announce"
        if climb.dep_ != "xcomp" or climb.head is climb:
            return False
        climb = climb.head
        if climb.lemma_.lower() in _PROSPECTIVE_HEADS:
            return True
    return False


def not_a_statement(cue: Cue) -> str | None:
    """Why a cue reports no statement by its speaker, or None when it does.

    "declined to comment", "refused to say", "did not respond", "haven't said whether"
    (a refusal or a negation), "would explain", "is expected to say" (words not said
    yet), "asked whether she believed ..." (a question put to
    someone: neither the asker nor the one asked stated it), "known as HFCs" (a name,
    not a quotation), "continued to call ..." (the verb that continues is the cue).

    >>> from newsprism.text.nlp import parse
    >>> sent = next(parse("A spokesman declined to say whether talks had failed.").sents)
    >>> [not_a_statement(c) for c in find_cues(sent)]
    ['refusal']
    """
    head = cue.head
    if cue.kind == "adjective":
        # "weren't sure that ...", "is not convinced that ...", "said she was afraid that ..."
        verb = head.head if head.dep_ != "ROOT" else head
        if _negated(head) or _negated(verb):
            return "negated"
        clause = next((c for c in head.children if c.dep_ == "ccomp" and c.i > head.i), None)
        if clause is not None and _is_question(clause):
            return "open question"  # "unsure whether ...", "aware of how ..."
        if _reported_by_another(verb):
            return "inside another report"
        return None
    if cue.kind not in ("verb", "predicate"):
        if cue.kind == "noun" and _negated(head):
            return "negated"
        return None
    if _negated(head):
        return "negated"
    lemma = head.lemma_.lower()
    climb = head
    for _ in range(4):  # "declined to comment", "did not want to say", "refused to even answer"
        if climb.dep_ != "xcomp" or climb.head is climb:
            break
        climb = climb.head
        if climb.lemma_.lower() in REFUSALS:
            return "refusal"
        if _negated(climb):
            return "negated"
    if (lemma not in MENTAL_CUES or lemma in CONJECTURE_CUES) and _prospective(head):
        return "not yet said"  # "Scholz would explain ...", "she will announce", "is expected to say"
    if lemma in MENTAL_CUES and _reported_by_another(head):
        return "inside another report"  # "she said she plans to ...": the row for "said" holds it
    if lemma == "continue" and any(c.dep_ == "xcomp" for c in head.children):
        return "continues another verb"
    if head.tag_ == "VBN" and head.dep_ in ("acl", "amod") and not any(c.dep_ == "agent" for c in head.children) \
            and not (head.i > 0 and head.doc[head.i - 1].text == ","):
        # "gases known as HFCs", "a group called Acme"; after a comma the verb is a
        # predicate the parser hung on a noun ("Jane Doe, the mayor, called for ...")
        return "a name"
    clause = next((c for c in head.children if c.dep_ in ("ccomp", "advcl") and c.i > head.i), None)
    if clause is not None and lemma not in ("question", "doubt") and _opens_with(clause, ("whether",)):
        return "open question"  # "haven't said whether ...", "did not say whether ..."
    if lemma in QUESTION_CUES and clause is not None and _is_question(clause):
        return "question"
    if lemma in MENTAL_CUES and clause is not None and _is_question(clause):
        return "open question"  # "knows how the deal works", "decide who will run": no view stated
    if lemma in _HYPOTHESES and head.tag_ == "VBG" and not any(c.dep_ == "nsubj" for c in head.children):
        return "supposition"  # "..., assuming the plan works": the writer's "if"
    if lemma in ANSWER_CUES and clause is None:
        objects = [o for c in head.children if c.dep_ in ("dobj", "prep")
                   for o in ([c] if c.dep_ == "dobj" else [g for g in c.children if g.dep_ == "pobj"])]
        if any(o.lemma_.lower() in REQUEST_NOUNS for o in objects):
            return "answer"
    # a cue inside a question put to someone: "asked whether she believed ..."
    token = head
    for _ in range(6):
        if token.head is token:
            break
        parent = token.head
        if token.dep_ in ("ccomp", "advcl") and parent.lemma_.lower() in QUESTION_CUES and _is_question(token):
            return "inside a question"
        if token.dep_ in ("ccomp", "advcl") and _opens_with(token, ("whether",)):
            return "inside a question"
        token = parent
    return None


# Verbs whose bare participle is a condition: "assuming the plan works" = "if the plan works".
_HYPOTHESES = frozenset("assume suppose presume".split())


def _reported_by_another(verb: Token) -> bool:
    """True when ``verb`` stands in the clause another reporting verb reports ("said she hopes ...")."""
    token = verb
    for _ in range(6):
        if token.head is token or token.dep_ not in ("ccomp", "xcomp", "conj", "advcl"):
            return False
        parent = token.head
        if token.dep_ in ("ccomp", "xcomp") and cue_lemma(parent) and parent.lemma_.lower() not in MENTAL_CUES:
            return True
        token = parent
    return False


def _negated(token: Token) -> bool:
    """True when ``token`` has a negation outside quotation marks ("did not say").

    The parser may hang a quotation's own "not" on the cue after it ('"Probably not,"
    she said'): a negation with a quotation mark between it and the cue is the
    speaker's word, not a negated cue.
    """
    for child in token.children:
        if child.dep_ == "neg":
            low, high = sorted((child.i, token.i))
            if not any(t.is_quote for t in token.doc[low + 1 : high]):
                return True
    return False


def _opens_with(clause: Token, words: tuple[str, ...]) -> bool:
    """True when the clause's first word (or its marker) is one of ``words``."""
    first = clause.left_edge
    return first.lower_ in words or any(c.dep_ == "mark" and c.lower_ in words for c in clause.children)


_WH_WORDS = ("whether", "if", "what", "why", "how", "when", "where", "who", "whom", "which")


def _is_question(clause: Token) -> bool:
    """An indirect question: "whether ...", "if ...", "what she meant", "why it failed", "exactly how it works"."""
    if _opens_with(clause, _WH_WORDS):
        return True
    # a wh-word of the clause itself after adverbs: "exactly how firms keep money"
    for token in clause.doc[clause.left_edge.i : clause.i]:
        if token.lower_ in _WH_WORDS and token.head == clause:
            return True
        if token.pos_ != "ADV":
            return False
    return False


def _has_that(clause_head: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause_head.children)


def speaker_of_verb(verb: Token) -> Span | None:
    """The subject of a reporting verb, climbing to the verb it depends on when it has none.

    "Blinken claimed, saying that ..." : "saying" has no subject of its own and
    borrows "Blinken" from "claimed".

    >>> from newsprism.text.nlp import parse
    >>> doc = parse("Blinken claimed, saying that a path remains open.")
    >>> speaker_of_verb(doc[3]).text
    'Blinken'
    """
    token: Token | None = verb
    if verb.dep_ in ("conj", "dep") and not any(c.dep_ == "nsubj" for c in verb.children) \
            and _quoted_away(verb.head, verb):
        # '"...," Dayton fire Chief Jane Doe said Monday': the parser, lost in the
        # name, tied "said" to the quotation's verb; the name before "said" speaks
        name = _name_before(verb)
        if name is not None:
            return name
    for _ in range(5):
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        if subjects:
            # '"... One of the worst," Rep. Doe said': the parser may give the verb a second
            # subject inside the quotation; the one nearest the verb is the speaker
            subject = min(subjects, key=lambda c: abs(c.i - token.i))
            if _quoted_away(subject, token):
                after = _subject_after(token)  # '"..., it will flood," said Jane Doe': the parser took "it"
                if after is not None:
                    return after
            if subject.lower_ in ("who", "that", "which") and token.dep_ == "relcl":
                # "Clarke, who said ...": annotators mark "who" as the mention; "a letter
                # that says ...": the antecedent is the speaker
                if subject.lower_ == "who":
                    return subject.doc[subject.i : subject.i + 1]
                return noun_phrase(token.head)
            # "A statement from the ministry said ...": the ministry speaks
            return document_issuer(subject) or noun_phrase(subject)
        if token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN"):
            # "House Speaker Paul Ryan, admitting that ...": the participle modifies its speaker;
            # "X issued a statement saying ...": the statement carries X's words
            return document_issuer(token.head) or noun_phrase(token.head)
        agents = [c for c in token.children if c.dep_ == "agent"]
        if agents:
            objs = [c for c in agents[0].children if c.dep_ == "pobj"]
            if objs:
                return noun_phrase(objs[0])
        if token.dep_ == "pcomp" and token.head.dep_ == "prep":  # "began by saying ..."
            token = token.head
        if token.dep_ not in ("advcl", "conj", "xcomp", "acl", "prep") or token.head is token:
            break
        head = token.head
        # "claimed, saying that a path remains open, and urging ...": the parser may hang
        # "urging" on "remains", a reported clause whose subject is not the speaker;
        # climb past reported clauses to the verb that reports them
        while head.dep_ == "ccomp" and head.head is not head:
            head = head.head
        # "Aid will continue, Blinken said, reiterating ...": the participle hangs on the reported
        # clause, whose subject ("aid") says nothing; the one who speaks is the subject of the
        # reporting verb set into that clause
        inserted = next((c for c in head.children if c is not token and cue_lemma(c) is not None
                         and (c.dep_ == "parataxis" or (c.dep_ in ("ccomp", "advcl") and cue_lemma(head) is None))
                         and any(g.dep_ == "nsubj" for g in c.children)), None)
        if inserted is not None:
            return noun_phrase(next(g for g in inserted.children if g.dep_ == "nsubj"))
        token = head
    return None


def _quoted_away(subject: Token, verb: Token) -> bool:
    """True when a quotation mark stands between a subject before the verb and the verb.

    The apostrophe of a plural possessive ("the Court of Appeals’ board says") is no quotation mark.

    >>> from newsprism.text.nlp import parse
    >>> doc = parse("The complaint to the Court of Appeals’ board says Mills erred.")
    >>> _quoted_away(doc[1], doc[9])
    False
    """
    return subject.i < verb.i and any(t.is_quote and not _possessive_apostrophe(t)
                                      for t in subject.doc[subject.i + 1 : verb.i])


def _possessive_apostrophe(token: Token) -> bool:
    """An apostrophe written straight after a word ending in "s" ("Appeals’"): a possessive, no closing mark."""
    if token.text not in ("'", "\u2019") or token.i == 0:
        return False
    before = token.doc[token.i - 1]
    return not before.whitespace_ and before.text[-1:] in ("s", "S") and before.is_alpha


_NAME_TAGS = ("PROPN", "NOUN", "ADJ", "DET", "PUNCT", "NUM")


def _name_before(verb: Token) -> Span | None:
    """The words between a closing quotation mark and the verb, when they can only be a name."""
    doc = verb.doc
    start = verb.i
    while start > 0 and not doc[start - 1].is_quote and verb.i - start < 8:
        start -= 1
    if start == verb.i or not doc[start - 1].is_quote:
        return None
    words = [t for t in doc[start:verb.i] if not (t.is_punct or t.is_space)]
    if not words or not any(t.pos_ in ("PROPN", "NOUN") for t in words) \
            or any(t.pos_ not in _NAME_TAGS and not t.is_title for t in words):
        return None
    span = doc[start:verb.i]
    while len(span) and (span[0].is_punct or span[0].is_space):
        span = span[1:]
    while len(span) and (span[-1].is_punct or span[-1].is_space):
        span = span[:-1]
    return span if len(span) else None


def _subject_after(verb: Token) -> Span | None:
    """The name right after an inverted reporting verb ('said Jane Doe'), however the parser tagged it."""
    doc = verb.doc
    if verb.i + 1 >= len(doc):
        return None
    nxt = doc[verb.i + 1]
    if nxt.pos_ == "PROPN" or (nxt.pos_ == "DET" and verb.i + 2 < len(doc) and doc[verb.i + 2].pos_ in ("NOUN", "PROPN")):
        head = nxt
        while head.head.i > head.i and head.head.i <= verb.i + 6 and head.head.pos_ in ("PROPN", "NOUN"):
            head = head.head  # "said Jane Doe": climb from "Jane" to "Doe"
        if head.head == verb or head.head.head == verb:
            return noun_phrase(head)
    return None


def document_issuer(noun: Token) -> Span | None:
    """Who issued a document noun ("a statement from X", "X issued a statement"), or None.

    >>> from newsprism.text.nlp import parse
    >>> doc = parse("The council issued a statement saying the vote was void.")
    >>> document_issuer(doc[4]).text
    'The council'
    """
    if noun.lemma_.lower() not in DOCUMENT_NOUNS:
        return None
    for child in noun.children:
        if child.dep_ == "poss":
            return noun_phrase(child)
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return noun_phrase(objs[0])
    issuer = _subject_of_issuing_verb(noun)
    if issuer is None and noun.dep_ == "dobj" and noun.head.lemma_.lower() in ISSUING_VERBS \
            and noun.head.dep_ in ("xcomp", "conj", "advcl"):
        return speaker_of_verb(noun.head)  # "…, and issued a statement": the subject of the verb it joins
    return issuer


def noun_phrase(head: Token) -> Span | None:
    """The noun phrase headed by ``head``, without trailing relative clauses or appositions.

    "Blinken, who flew in on Friday," -> "Blinken"; "A senior official in
    President Biden's administration" is kept whole.

    >>> from newsprism.text.nlp import parse
    >>> doc = parse("Blinken, who flew in on Friday, said so.")
    >>> noun_phrase(doc[0]).text
    'Blinken'
    """
    if head.dep_ == "expl" or head.lower_ in ("there", "which", "who", "that", "'s", "’s") or not head.text.strip():
        return None
    left = head.left_edge.i
    right = head.i
    for token in head.subtree:
        if token.i <= head.i:
            continue
        if token.dep_ in ("relcl", "appos", "acl", "punct", "cc", "conj") and token.head == head:
            break
        right = max(right, token.right_edge.i)
    doc = head.doc
    # live blogs: "12:15 p.m. Donald Trump says": the time stamp is not part of the speaker
    while left < head.i and (doc[left].ent_type_ == "TIME" or doc[left].lower_ in ("a.m.", "p.m.")):
        left += 1
    # "Washington's warning": the speaker is "Washington", not "Washington's"
    while right > left and doc[right].dep_ == "case":
        right -= 1
    while left < right and (doc[left].is_punct or doc[left].is_space):
        left += 1
    while right > left and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    return doc[left : right + 1]


def is_anonymous(mention: Span | None) -> bool:
    """True for unnamed sources: "a German source", "sources", "the official", "a Reuters witness".

    >>> from newsprism.text.nlp import parse
    >>> doc = parse("A German source said so.")
    >>> is_anonymous(doc[0:3])
    True
    """
    if mention is None or len(mention) == 0:
        return False
    head = mention.root
    if head.lemma_.lower() not in ANONYMOUS_HEADS or head.pos_ == "PROPN" or head.ent_type_ == "PERSON":
        return False
    first = mention[0].lower_
    return first in INDEFINITE or first in ("the", "this", "that") or head.tag_ in ("NNS",) or first == head.lower_
