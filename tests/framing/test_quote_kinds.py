"""Quoted words, told apart: the writer's scare quotes, a speaker's words (partial quotes), and neither.

Each text is written for this test: one short case per class, asserting the exact
marker type of its quoted words (or that they get none).
"""

from __future__ import annotations

import pytest

from newsprism.framing.markers import find_markers

QUOTE_TYPES = ("scare_quote", "partial_quote")


def _quoted(text: str) -> list[tuple[str, str, str]]:
    """(type, text, about) of the quoted-word markers of ``text``."""
    m = find_markers(text)
    m = m[m["type"].isin(QUOTE_TYPES)]
    return list(zip(m["type"], m["text"], m["about"]))


@pytest.mark.parametrize("text, quoted", [
    ('Troops gathered near the border in preparation for an "invasion".', '"invasion"'),
    ("The \u2018referendum\u2019 was held under armed guard.", "\u2018referendum\u2019"),
    ('Police moved in to "protect" the square before dawn.', '"protect"'),
])
def test_the_writers_own_marks_are_scare_quotes(text, quoted):
    # nobody in the text is said to have used these words
    assert _quoted(text) == [("scare_quote", quoted, "")]


@pytest.mark.parametrize("text, quoted, speaker", [
    ('Maria Lopez said the risk was "high enough" to close the embassy.', '"high enough"', "Maria Lopez"),
    ('Maria Lopez claimed that the "imminent" threat justified the move.', '"imminent"', "Maria Lopez"),
    ('The council approved what Mayor Jane Doe called "reckless spending" on roads.', '"reckless spending"', "Jane Doe"),
    ('The ministry described the protest as a "riot" on Monday.', '"riot"', "The ministry"),
    ('Aid will reach the "worst-hit areas" this week, the minister said.', '"worst-hit areas"', "the minister"),
])
def test_a_speakers_words_are_partial_quotes_with_the_speaker(text, quoted, speaker):
    assert _quoted(text) == [("partial_quote", quoted, speaker)]


@pytest.mark.parametrize("text", [
    '"Progress," the senator declared, "is slow."',
    'The senator paused. "Teachers should teach."',
    'He answered with a curt, "No."',
])
def test_whole_direct_quotes_are_neither(text):
    assert _quoted(text) == []


@pytest.mark.parametrize("text", [
    'She was interviewed on the show "Morning Report" on Sunday.',
    'He reread the book "Fire and Fury" on the flight.',
    'The bill "Clean Water Act" passed the Senate by a wide margin on Tuesday.',
    'Doctors joined a campaign called "Operation Clean Hands" last year.',
    'The senator appeared on NBC\'s "Meet the Press" on Sunday.',
    'The new ad "Strong" runs in Iowa.',
    'The governor picked William "Mo" Cowan for the seat.',
])
def test_titles_and_names_are_neither(text):
    assert _quoted(text) == []


@pytest.mark.parametrize("text", [
    'Officials avoided the word "invasion" in the statement.',
    'The term "marriage penalty" covers couples who pay more tax.',
    'The letter never uses the words "God" and "Creator".',
])
def test_words_cited_as_words_are_neither(text):
    assert _quoted(text) == []


def test_a_headline_gives_claims_to_their_speaker():
    m = find_markers("Smith Doubles Down on 'Safe Streets' Claims", where="headline")
    assert m.loc[m["type"].isin(QUOTE_TYPES), ["type", "text", "about"]].values.tolist() == [
        ["partial_quote", "'Safe Streets'", "Smith"]]
