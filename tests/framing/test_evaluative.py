"""Evaluative words in the writer's own voice, and loaded labels read in context (hand-written sentences)."""

from __future__ import annotations

import pytest

from newsprism.framing.markers import find_markers


def _found(text: str, type_: str) -> list[str]:
    markers = find_markers(text)
    return markers.loc[markers["type"] == type_, "text"].tolist()


# -- evaluative words -----------------------------------------------------------------------

@pytest.mark.parametrize("text, words", [
    ("Critics slammed the plan on Monday.", ["slammed"]),
    ("The plan was blasted by Democrats.", ["blasted"]),
    ("The embattled mayor touted his record.", ["embattled", "touted"]),
    ("The council finally approved the controversial budget.", ["finally", "controversial"]),
    ("Shockingly, nobody checked the figures.", ["Shockingly"]),
    ("The senator lashed out at reporters.", []),  # a doubting reporting verb: shown once, as that
])
def test_the_writers_evaluative_words_are_marked(text, words):
    assert _found(text, "evaluative") == words


@pytest.mark.parametrize("text", [
    "The storm slammed the coast overnight.",        # no person does the slamming
    "He slammed the door and left.",                 # a literal object
    "Workers blasted a hole in the rock.",
    "The extreme weather closed the schools.",       # a literal collocation
    "Finally, the report lists three causes.",       # the last point of a list
    "The sign was clearly visible from the road.",   # manner, not certainty
    "The prosecutors held a mock trial.",            # another part of speech
])
def test_literal_and_technical_uses_are_not_marked(text):
    assert _found(text, "evaluative") == []


@pytest.mark.parametrize("text", [
    'The mayor said the plan was "absurd and reckless."',       # inside a quotation
    "The mayor said the plan was absurd.",                      # reported speech
    "The plan, the mayor said, is a disastrous mistake.",
    "According to the mayor, the plan is ridiculous.",
    "The mayor called the plan outrageous.",
])
def test_words_attributed_to_a_speaker_are_not_the_writers(text):
    assert _found(text, "evaluative") == []


def test_a_word_another_kind_shows_is_not_marked_twice():
    # "so-called" is a hedge, "notorious" a loaded label: each is shown once, by its own kind.
    markers = find_markers("The so-called reform helped the notorious lender.")
    assert markers[markers["text"].str.contains("so-called|notorious")]["type"].tolist() == ["hedge", "loaded_label"]


# -- loaded labels in context ---------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The new tax regime takes effect in May.",
    "A strict sanctions regime covers the exports.",
    "He responded to the terrorist attacks on Sept. 11, 2001.",
    "The Sept. 11 terrorist attacks changed air travel.",
    "She faces terrorism charges in two states.",
    "He was charged with terrorism last year.",
    "The president shifted the war on terrorism to another front.",
    "Free radicals damage the cells.",
    "The surgeon recommended a radical mastectomy.",
    "Protesters occupied the building for a week.",
    "All the seats were occupied.",
    "The city annexed farmland to the east.",
    "The People's Liberation Army held drills.",
    "The puppet show starts at noon.",
    'She called the group "terrorists" twice.',
])
def test_literal_technical_and_designated_uses_are_not_labels(text):
    assert _found(text, "loaded_label") == []


@pytest.mark.parametrize("text, label", [
    ("The regime jailed its critics.", "regime"),
    ("Terrorists attacked the village.", "Terrorists"),
    ("Radical clerics preached in the square.", "Radical"),
    ("The occupation of the West Bank continues.", "occupation"),
    ("Troops neutralized three gunmen.", "neutralized"),
    ("The rebel-held city of Donetsk was shelled.", "rebel-held"),
])
def test_judging_uses_are_still_labels(text, label):
    assert label in _found(text, "loaded_label")


@pytest.mark.parametrize("headline, words", [
    ("Critics Slam the Plan", ["Slam"]),
    ("Embattled Governor Finally Resigns", ["Embattled", "Finally"]),
    ("Storm Slams Coast", []),  # no person before the verb in a title-case headline
])
def test_title_case_headlines_are_read_word_by_word(headline, words):
    markers = find_markers(headline, where="headline")
    assert markers.loc[markers["type"] == "evaluative", "text"].tolist() == words
