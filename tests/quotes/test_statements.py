"""Statements and non-statements: what the quotes table reports as someone's words, and what it must not.

Every text here is written for these tests. Questions put to someone, refusals and
negated cues give no row (see the module doc of ``newsprism.quotes.extract``).
"""

import pandas as pd
import pytest

from newsprism import extract_quotes


def _rows(text):
    q = extract_quotes(text)
    return [(r.content, r.speaker_mention, r.kind) for r in q.itertuples()]


def _one(text):
    rows = _rows(text)
    assert len(rows) == 1, rows
    return rows[0]


# ---------------------------------------------------------------- not statements

@pytest.mark.parametrize("text", [
    "Reporters asked whether she believed the plan would pass.",
    "He was asked whether the deal was dead.",
    "A spokesman declined to comment on the report.",
    "A spokesman declined to say whether the talks had failed.",
    "The company did not respond to requests for comment.",
    "The ministry did not respond to queries about the trip.",
    "Officials haven't said whether the road will reopen.",
    "He refused to say whether he would run again.",
    "She did not answer when asked if she would resign.",
    "The mayor did not say that the bridge was unsafe.",
    "The gases, known as HFCs, trap heat.",
])
def test_questions_refusals_and_negations_give_no_row(text):
    assert _rows(text) == []


def test_a_question_put_to_someone_is_not_her_statement():
    rows = _rows("The host asked the senator whether she believed the bill would pass, and she said it would.")
    assert all(speaker != "she" or "bill would pass" not in content for content, speaker, _ in rows), rows
    assert not any("whether" in content for content, _, _ in rows), rows


def test_continued_is_not_the_cue_of_what_follows():
    rows = _rows("Protesters continued to call for the minister's resignation.")
    assert [(c, s) for c, s, _ in rows] == [("the minister's resignation", "Protesters")]


def test_answering_questions_is_not_a_statement_but_the_answer_is():
    assert _rows("Answering questions from reporters, the minister said the talks would go on.") == [
        ("the talks would go on", "the minister", "indirect")]


# ---------------------------------------------------------------- still statements

def test_a_quoted_question_is_the_askers_words():
    assert _one('"Why should we wait any longer?" the mayor asked.') == (
        "Why should we wait any longer?", "the mayor", "direct")


def test_a_plain_statement_stays():
    assert _one("The minister said the talks would go on.") == ("the talks would go on", "The minister", "indirect")


def test_questioned_whether_casts_doubt_and_stays():
    content, speaker, kind = _one("The senator questioned whether the agency was ready for a flood.")
    assert (content, speaker, kind) == ("whether the agency was ready for a flood", "The senator", "indirect")


# ---------------------------------------------------------------- the issuer of a statement speaks

def test_issued_a_statement_saying_gives_the_issuer():
    content, speaker, kind = _one('The council issued a statement saying the vote was "a clear breach of the rules."')
    assert speaker == "The council"
    assert content.startswith("the vote was") and kind == "mixed"


def test_a_statement_from_someone_gives_that_someone():
    content, speaker, _ = _one("A statement from the port authority said the harbour would reopen on Monday.")
    assert (content, speaker) == ("the harbour would reopen on Monday", "the port authority")


# ---------------------------------------------------------------- verbs of speaking, praise, blame and citing

def test_manner_of_speaking_verb_with_a_clause():
    assert _one("The minister boasted that the economy was booming.") == (
        "the economy was booming", "The minister", "indirect")


def test_manner_of_speaking_verb_with_a_quotation():
    assert _one('"We will not back down," the organiser shouted.') == ("We will not back down", "the organiser", "direct")


def test_praise_with_a_quoted_fragment():
    assert _one('Smith praised the mayor for her "steady leadership" during the floods.') == (
        'the mayor for her "steady leadership" during the floods', "Smith", "mixed")


def test_blame_gives_the_object_and_the_reason():
    assert _one("Jones blamed the governor for the delays.") == ("the governor for the delays", "Jones", "indirect")


def test_cite_gives_what_was_cited():
    rows = _rows("The senator cited a study showing that wages fell by a third.")
    assert ("a study showing that wages fell by a third", "The senator", "indirect") in rows


def test_citing_a_news_agency_is_the_outlet_not_the_speaker():
    rows = _rows('"The road is open," the minister said on Monday, citing local radio.')
    assert rows == [("The road is open", "the minister", "direct")]


def test_called_for_gives_the_demand():
    assert _one("The union called for a moratorium on new charter schools.") == (
        "a moratorium on new charter schools", "The union", "indirect")


# ---------------------------------------------------------------- noun cues

def test_the_announcement_that_is_reported_speech_without_a_named_speaker():
    content, speaker, kind = _one("The group welcomed the announcement that the plant would close.")
    assert (content, kind) == ("the plant would close", "indirect")
    assert pd.isna(speaker)  # no speaker is named


# ---------------------------------------------------------------- where a quotation's content ends

def test_split_quotation_around_a_long_reporting_clause_takes_both_parts():
    content, speaker, kind = _one('"I think the judge will be fair," Smith said during a visit to Dayton, Ohio, '
                                  '"but many people will be watching closely."')
    assert (content, speaker, kind) == (
        "I think the judge will be fair … but many people will be watching closely.", "Smith", "direct")


def test_content_stops_before_what_the_speaker_did_next():
    content, speaker, kind = _one('She said the budget was "dead on arrival" and then left the chamber before the vote.')
    assert speaker == "She" and kind == "mixed"
    assert content.startswith("the budget was") and "left the chamber" not in content


def test_a_quoted_title_before_the_speaker_is_not_the_first_half_of_a_quotation():
    content, speaker, kind = _one('Speaking on the radio show "Good Morning," Mayor Jane Roe said the levy was "unfair" and had to go.')
    assert speaker == "Mayor Jane Roe" and kind == "mixed"
    assert content.startswith("the levy was") and "Good Morning" not in content


def test_words_not_said_yet_are_no_statement():
    # What someone "would explain" or "is expected to say" is a plan, not something they said.
    from newsprism.quotes.extract import extract_quotes
    quotes = extract_quotes("An aide said the mayor would explain the budget cuts on Tuesday. "
                            "The governor is expected to announce new limits next week. "
                            "The mayor explained that the cuts were needed.")
    assert quotes.cue.str.lower().tolist() == ["said", "explained"]
