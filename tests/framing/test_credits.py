"""Source credits: an outlet named as a source, not as a job, an interviewer, a person's name or the page's author."""

from __future__ import annotations

import json

import pytest

from newsprism.framing.markers import credit_markers, find_markers


def _credits(text: str) -> list[tuple[str, str]]:
    markers = find_markers(text)
    credit = markers[markers["type"] == "source_credit"]
    return list(zip(credit["text"], credit["category"]))


@pytest.mark.parametrize("text", [
    "Fox News host Jane Roe opened the show with the vote.",
    "Jane Roe, CNN's anchor, asked about the vote.",
    "An NBC News correspondent asked the senator about the vote.",
    "The Washington Post's publisher, John Doe, backed the plan.",
    "The senator said in an interview with Reuters that she would run.",
    "The senator told NBC News in an interview that she would run.",
    '"We will appeal," the firm said in an email to HuffPost.',
    "The firm did not respond to CNN's request for comment.",
    "Mayor Michael Bloomberg backed the plan.",
])
def test_jobs_interviews_and_peoples_names_are_not_credits(text):
    assert _credits(text) == []


@pytest.mark.parametrize("text, expected", [
    ("The figures were reported by Reuters.", [("reported by Reuters", "cited")]),
    ("A Reuters witness saw the tanks.", [("A Reuters witness", "news agency witness")]),
    ("A Reuters reporter counted the bodies.", [("A Reuters reporter", "news agency reporter")]),
    ("The senator told Fox News that she would run.", [("told Fox News", "cited")]),
    ("Turnout was low, according to a Fox News poll.", [("a Fox News poll", "broadcaster poll")]),
])
def test_sources_the_article_relies_on_are_credits(text, expected):
    assert _credits(text) == expected


def test_the_pages_own_author_is_not_a_source_but_an_agency_in_the_byline_is():
    credits = [{"text": "By Jane Roe", "where": "byline"}, {"text": "By ROBERT SMITH", "where": "byline"},
               {"text": "By John Doe, Associated Press", "where": "byline"}, {"text": "(AFP)", "where": "dateline"}]
    markers = credit_markers(json.dumps(credits))
    assert markers[["text", "where", "about"]].values.tolist() == [
        ["By John Doe, Associated Press", "byline", "AP"], ["(AFP)", "dateline", "AFP"]]


@pytest.mark.parametrize("text", [
    'Speaking on "CNN Newsroom," the senator said she would run.',
    "The senator said on CNN that she would run.",
    'The senator told NBC\'s "Today" show that she would run.',
    "The senator told a CBS affiliate in Ohio that she would run.",
    "The senator spoke before the Fox News debate in Iowa.",
    '"According to ABC News, my rival changed his mind," the senator said.',
    "Selling the plan on the Hill will be hard.",
])
def test_venues_quotations_and_capitol_hill_are_not_credits(text):
    assert _credits(text) == []


def test_a_poll_two_outlets_share_credits_both():
    credits = _credits("Turnout was low in an NBC News/Wall Street Journal poll.")
    assert credits == [("an NBC News/Wall Street Journal poll", "broadcaster poll"),
                       ("Wall Street Journal poll", "newspaper poll")]


@pytest.mark.parametrize("text, expected", [
    ("The mayor will resign, The New York Times is reporting.", [("The New York Times", "cited")]),
    ("A national NBC/WSJ poll released Monday shows the mayor ahead.",
     [("NBC/WSJ poll", "broadcaster poll"), ("WSJ poll", "newspaper poll")]),
])
def test_reporting_after_a_name_is_a_credit_and_a_poll_that_shows_is_no_show(text, expected):
    assert _credits(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The plan costs $1 million, according to Jane Roe at Vanity Fair.", [("according to Jane Roe at Vanity Fair", "cited")]),
    ("Critics, including Vanity Fair magazine, which estimated the cost, objected.", [("Vanity Fair", "cited")]),
    ("As the Washington Examiner's John Doe notes, the plan is costly.", [("Washington Examiner", "cited")]),
    ("The mayor said so, according to the Tri-City Herald.", [("according to the Tri-City Herald", "cited")]),
])
def test_journalists_at_an_outlet_and_outlets_not_in_the_list_are_credits(text, expected):
    assert _credits(text) == expected


def test_a_name_glued_to_a_slash_and_a_short_back_reference():
    credits = _credits("He leads in an NBC/ Wall Street Journal poll.")
    assert ("NBC/ Wall Street Journal poll", "broadcaster poll") in credits
    credits = find_markers("The vote failed, the New York Times reports. According to the Times, she left. "
                           "According to the Post, he stayed.")
    credits = credits[credits["type"] == "source_credit"]
    assert credits["about"].tolist() == ["The New York Times", "The New York Times"]


def test_an_unlisted_outlet_that_reported_is_a_credit():
    assert _credits("Politics Weekly recently reported that the vote failed.") == [("Politics Weekly", "cited")]
    assert _credits("According to Jane Roe at Vanity Fair, it cost $1 million.") == [
        ("According to Jane Roe at Vanity Fair", "cited")]
