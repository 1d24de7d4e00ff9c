"""Entities keep people apart by what the text says of them. Texts written for these tests."""

from __future__ import annotations

from newsprism.entities.extract import extract_entities


def _actors(text: str, label: str = "PERSON") -> list[tuple[str, str]]:
    ents = extract_entities(text)
    return [(t, a) for t, a, lab in zip(ents.text, ents.actor, ents.label) if lab == label]


def test_mr_is_not_the_only_woman_of_that_name():
    people = _actors("Jane Calder opened the bakery in 1990. Mr. Calder said the rent had doubled.")
    assert ("Calder", "Jane Calder") not in people


def test_mrs_goes_to_the_woman_of_that_name():
    people = _actors("Jane Calder opened the bakery in 1990. Mrs. Calder said the rent had doubled.")
    assert ("Calder", "Jane Calder") in people


def test_a_name_stops_at_a_line_break():
    people = _actors('"We will win this one." - Jane Roe\nWriting in a blog post, Roe said so.')
    assert all("\n" not in text and "\n" not in actor for text, actor in people)
    assert ("Jane Roe", "Jane Roe") in people


def test_she_is_not_a_man_named_by_a_given_name_alone():
    ents = extract_entities("Kevin fell asleep before the debate began. She said it was dull.")
    assert not ((ents.label == "PRON") & (ents.actor == "Kevin")).any()
