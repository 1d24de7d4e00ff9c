"""Lesson questions written from a run's findings: one generator per kind of finding, in a registry.

A generator reads one finding (a row of the ``findings`` table, its ``claim`` decoded) and says what
to ask about it, without giving the answer away: it never writes a name, word or figure the
finding is about, only what kind of thing to look for ("What name does each outlet use for the
capital of Ukraine?"). Each question has one blank per outlet of the run, so three outlets get
three blanks, and it names the outlets as the run does. Findings whose question is the same
(two outlets that each quote someone the other does not) share that question.

A kind with no generator of its own is asked about by its topic (voices, naming, framing,
sourcing, selection), so every finding a run states gets a question.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from newsprism.compare.findings import join_names

__all__ = ["BLANK", "Question", "QUESTION_MAKERS", "TOPIC_LESSONS", "discussion_for", "question_for"]

# Where a student writes in a sentence with blanks ("Sputnik writes ___").
BLANK = "___"


@dataclass(frozen=True)
class Question:
    """What to ask about a finding: ``ask`` (the question), ``blank`` (one outlet's line, with ``{outlet}``
    and one ``___``), ``teaches`` (what the question teaches, for the teacher)."""

    ask: str
    blank: str
    teaches: str

    def blanks(self, outlets: list[str]) -> list[str]:
        """The question's line for each outlet, in the run's order.

        >>> Question("Which?", "{outlet} writes ___", "").blanks(["Sputnik", "VOI", "TASS"])
        ['Sputnik writes ___', 'VOI writes ___', 'TASS writes ___']
        """
        return [self.blank.format(outlet=outlet) for outlet in outlets]


# What each topic teaches, in the order students meet the topics.
TOPIC_LESSONS: dict[str, str] = {
    "voices": "whom a story lets speak, and how the writer introduces their words",
    "naming": "that the name or spelling an outlet chooses for a place or a person carries a point of view",
    "framing": "that the writer's own choice of words can colour the same facts",
    "sourcing": "to ask where an outlet's information and pictures come from",
    "selection": "that what an outlet leaves out is a choice too",
}

# Questions for a kind that has no generator of its own, by topic.
_BY_TOPIC: dict[str, tuple[str, str]] = {
    "voices": ("Who speaks in each outlet, and how does the writer introduce their words?", "{outlet}: ___"),
    "naming": ("Find a person, place or group the outlets name differently. What does each outlet write?",
               "{outlet} writes ___"),
    "framing": ("Which words in each outlet judge or colour the story, rather than just report it?",
                "{outlet}: ___"),
    "sourcing": ("Where does each outlet say its information comes from?", "{outlet}: ___"),
    "selection": ("What does one outlet report that another leaves out?", "{outlet} alone reports ___"),
}

def _claim(finding: Mapping) -> dict:
    """The finding's claim as a dict ({} when it has none or it is not JSON)."""
    try:
        claim = json.loads(finding.get("claim") or "{}")
    except (TypeError, ValueError):
        return {}
    return claim if isinstance(claim, dict) else {}


def _described(concept: str) -> str | None:
    """What a naming concept names, without the name: "Kyiv (capital of Ukraine)" -> "capital of Ukraine".

    None when the concept carries no description of more than one word.

    >>> _described("Kyiv (capital of Ukraine)"), _described("Belarus (country)"), _described("rebels")
    ('capital of Ukraine', None, None)
    """
    head, _, rest = concept.partition(" (")
    description = rest.rstrip(")").strip()
    return description if len(description.split()) > 1 else None


def _naming(finding: Mapping) -> Question:
    description = _described(str(_claim(finding).get("concept", "")))
    teaches = TOPIC_LESSONS["naming"]
    if description is None:
        return Question(_BY_TOPIC["naming"][0], _BY_TOPIC["naming"][1], teaches)
    return Question(f"What name does each outlet use for the {description}?", "{outlet} writes ___", teaches)


def _verbs(finding: Mapping) -> Question:
    about = _claim(finding).get("about")
    whose = f"{about}'s statements" if about else "the main speaker's statements"
    return Question(f"Which verb does each outlet use to introduce {whose}? Does any verb cast doubt on them?",
                    "{outlet} uses ___", "that a reporting verb can report a statement or cast doubt on it")


_FRAMING_TEACHES = "that the writer's own choice of words can colour the same facts"
# Kinds whose question needs nothing from the finding: kind -> (question, one outlet's line, what it teaches).
_FIXED: dict[str, tuple[str, str, str]] = {
    "only_quotes": ("Whose words does each outlet quote or report? List the people; then mark those whom no "
                    "other outlet lets speak.", "{outlet} quotes ___", TOPIC_LESSONS["voices"]),
    "altered_quote": ("Find a remark of one person that more than one outlet puts in quotation marks. Copy each "
                      "outlet's words: which words differ?", "{outlet} quotes ___",
                      "that a quotation in quotation marks should be a speaker's exact words"),
    "quote_pair": ("Find a remark that the outlets report in different words. How does each put it?",
                   "{outlet} writes ___", "that retelling a remark in other words can change it"),
    "only_mentions": ("Which people, organisations or figures does one outlet mention that no other outlet does?",
                      "{outlet} alone mentions ___", TOPIC_LESSONS["selection"]),
    "all_but_mentions": ("Which people, organisations or figures does every outlet mention except one?",
                         "{outlet} leaves out ___", TOPIC_LESSONS["selection"]),
    "agency_credits": ("Where does each outlet say its words and pictures come from: its own reporters, a news "
                       "agency, another outlet?", "{outlet} credits ___", TOPIC_LESSONS["sourcing"]),
    "anonymous_sources": ("Which sources does each outlet rely on without naming them (a person described, but "
                          "not by name)?", "{outlet} relies on ___",
                          "that an unnamed source cannot be checked by the reader"),
    # Framing words, one kind each: the question says what to look for in words a student knows.
    "scare_quote": ("Which words does each outlet put in quotation marks to keep its distance from them "
                    "(not a whole quotation of someone)?", "{outlet} puts ___ in quotation marks", _FRAMING_TEACHES),
    "partial_quote": ("Inside its own sentences, which few words of a speaker does each outlet put in "
                      "quotation marks?", "{outlet} puts ___ in quotation marks", _FRAMING_TEACHES),
    "hedge": ("Which words does each outlet use to hold back from saying something is true "
              "(words that cast doubt)?", "{outlet} writes ___", _FRAMING_TEACHES),
    "loaded_label": ("Which labels for people, groups or places take a side or judge them? "
                     "Find them in each outlet.", "{outlet} writes ___", _FRAMING_TEACHES),
    "evaluative": ("Where does the writer judge, in their own words, rather than report? "
                   "Find such words in each outlet.", "{outlet} writes ___", _FRAMING_TEACHES),
    "distancing": ("Which verbs does each outlet use to introduce what people say? Does any of them cast "
                   "doubt on the speaker?", "{outlet} uses ___", _FRAMING_TEACHES),
    "headline_framing": ("Read each headline. Which of its words already judge or frame the story?",
                         "{outlet}'s headline: ___", _FRAMING_TEACHES),
}
_FIXED["credits"] = _FIXED["agency_credits"]


def _fixed(kind: str) -> Callable[[Mapping], Question]:
    """The generator of a kind whose question is always the same (``_FIXED``)."""
    question = Question(*_FIXED[kind])

    def make(finding: Mapping) -> Question:
        return question

    make.__name__ = f"_question_{kind}"
    return make


#: kind of finding (the ``measured_as`` column) -> the generator of its question.
QUESTION_MAKERS: dict[str, Callable[[Mapping], Question]] = {
    "variant_choice": _naming,
    "verb_contrast": _verbs,
    "never_uses": _verbs,
    **{kind: _fixed(kind) for kind in _FIXED},
}


def question_for(finding: Mapping) -> Question:
    """The question a lesson asks about ``finding`` (a row of the findings table, as a dict).

    >>> claim = '{"kind": "variant_choice", "concept": "Kyiv (capital of Ukraine)"}'
    >>> q = question_for({"topic": "naming", "measured_as": "variant_choice", "claim": claim})
    >>> q.ask, q.blanks(["Sputnik", "VOI"])
    ('What name does each outlet use for the capital of Ukraine?', ['Sputnik writes ___', 'VOI writes ___'])
    >>> question_for({"topic": "sourcing", "measured_as": "a_new_kind"}).ask
    'Where does each outlet say its information comes from?'
    """
    maker = QUESTION_MAKERS.get(str(finding.get("measured_as") or ""))
    if maker is not None:
        return maker(finding)
    topic = str(finding.get("topic") or "")
    ask, blank = _BY_TOPIC.get(topic, ("What does each outlet do differently here?", "{outlet}: ___"))
    return Question(ask, blank, TOPIC_LESSONS.get(topic, "that outlets can tell one event differently"))


def _outlets_of(finding: Mapping) -> list[str]:
    return [o.strip() for o in str(finding.get("outlets") or "").split(",") if o.strip()]


def discussion_for(finding: Mapping) -> str:
    """One prompt for a class discussion of ``finding``, naming the outlets it is about.

    >>> discussion_for({"topic": "naming", "measured_as": "variant_choice", "outlets": "Sputnik, VOI"})
    'Sputnik and VOI write this name differently. Whose language does each spelling follow, and what might the choice tell a reader?'
    """
    kind, outlets = str(finding.get("measured_as") or ""), _outlets_of(finding)
    named = join_names(outlets) if outlets else "One outlet"
    claim = _claim(finding)
    if kind == "variant_choice":
        return (f"{named} write this name differently. Whose language does each spelling follow, and what might "
                "the choice tell a reader?")
    if kind in ("verb_contrast", "never_uses", "distancing"):
        return ("Read one of these sentences aloud with 'said' instead of the verb the outlet chose. Do you trust "
                "the speaker more or less? Why might a writer choose a doubting verb?")
    if kind == "only_quotes":
        speakers = claim.get("speakers") or []
        whom = join_names(speakers) if speakers else "these people"
        return (f"Only {named} {'lets' if len(outlets) < 2 else 'let'} {whom} speak. What does a reader of the other "
                "outlets miss, and why might an outlet leave these voices out?")
    if kind in ("altered_quote", "quote_pair"):
        return ("A quotation should be the speaker's exact words. Which version is closer to what was said, and how "
                "could you find the original (a transcript, a video)?")
    if kind in ("only_mentions", "all_but_mentions"):
        shown = [str(item.get("shown")) for item in claim.get("items", []) if isinstance(item, dict) and item.get("shown")]
        what = join_names(shown[:3]) if shown else "what it includes here"
        if kind == "all_but_mentions":
            return (f"{claim.get('outlet') or 'One outlet'} leaves out {what}, which the other outlets include. Does the story read differently "
                    "without it? Why might an outlet leave out a person or a figure?")
        return (f"Would the story read differently without {what}, which only {named} includes? Why might an outlet "
                "include or leave out a person or a figure?")
    if kind in ("agency_credits", "credits"):
        return ("If an outlet relays a news agency, whose reporting are you reading? Why does it matter who was "
                "there?")
    if kind == "anonymous_sources":
        return (f"{named} relies on people it does not name. Why might a source stay unnamed, and how far would you "
                "trust what they say?")
    if str(finding.get("topic")) == "framing":
        return (f"Replace the words {named} chose with neutral ones. Does the story's meaning change? Which version "
                "would you call fair?")
    return f"Why might {named} tell this part of the story the way it does? What would you want to check?"
