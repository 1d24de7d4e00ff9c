"""Pairs of the same remark across outlets: same words, trimmed, reworded, or an altered quotation.

Every text here is written for the test: a change only of punctuation, case,
quotation-mark style or spacing is the same words; a phrase changed between
quotation marks in both outlets is an altered quotation.
"""

from __future__ import annotations

import pandas as pd
import pytest

from newsprism.compare.findings import generate_findings
from newsprism.quotes.pairs import CHANGES, PAIR_COLUMNS, align_quotes, classify_change, word_diff

ARTICLES = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["Daily A", "Daily B"]})


def _pairs(content_a: str, content_b: str, kind_a: str = "direct", kind_b: str = "direct",
           speaker: str = "Ann Lee", resolved: tuple[bool, bool] = (True, True)) -> pd.DataFrame:
    quotes = pd.DataFrame({"article_id": ["a", "b"], "speaker": [speaker] * 2, "resolved": list(resolved),
                           "kind": [kind_a, kind_b], "cue": ["said", "said"], "content": [content_a, content_b]})
    return align_quotes(quotes, ARTICLES)


def _one(*args, **kwargs) -> pd.Series:
    pairs = _pairs(*args, **kwargs)
    assert len(pairs) == 1, pairs.to_dict("records")
    return pairs.iloc[0]


def test_punctuation_only_is_the_same_words():
    row = _one("The port will reopen in May, after the repairs, and not before.",
               "The port will reopen in May after the repairs -- and not before")
    assert (row.change, row["diff"]) == ("same", "(same words)")
    assert list(row.index) == PAIR_COLUMNS and row.change in CHANGES


def test_curly_and_straight_quotation_marks_are_the_same_words():
    row = _one("She called the plan \u201ca \u2018bold\u2019 step\u201d and the town\u2019s best hope",
               "She called the plan \"a 'bold' step\" and the town's best hope", "mixed", "mixed")
    assert (row.change, row["diff"]) == ("same", "(same words)")


def test_case_spacing_abbreviations_and_british_full_stop_are_the_same_words():
    assert classify_change('The U.S. Congress   must "act now."', 'the US congress must "act now".').change == "same"
    assert word_diff("We don't know yet", "we do not know yet") == "(same words)"


def test_changed_phrase_inside_quotation_marks_is_an_altered_quote():
    row = _one("Closing the bridge is the prudent thing to do this winter",
               "Closing the bridge is a wise thing to do this winter")
    assert row.change == "altered_quote"
    assert row["diff"] == "… is [the prudent→a wise] thing …"
    assert (row.phrase_a, row.phrase_b) == ("is the prudent thing", "is a wise thing")


def test_changed_phrase_inside_the_marks_of_mixed_quotes_is_an_altered_quote():
    row = _one('the mayor said closing the bridge was "the prudent thing to do this winter"',
               'closing the bridge was "a wise thing to do this winter," the mayor said', "mixed", "mixed")
    assert row.change == "altered_quote"
    assert "[the prudent→a wise]" in row["diff"]


def test_a_dropped_negation_inside_the_marks_is_an_altered_quote():
    row = _one("We will not close the bridge before the storm arrives",
               "We will close the bridge before the storm arrives")
    assert (row.change, row["diff"]) == ("altered_quote", "We will [-not] close …")


def test_change_outside_the_quotation_marks_is_no_altered_quote():
    # The quoted words agree; only the reporter's own words around them differ.
    row = _one('the mayor warned that the storm was "a real danger to the harbour wall"',
               'the mayor stressed that the storm was "a real danger to the harbour wall"', "mixed", "mixed")
    assert row.change == "reworded"


def test_indirect_and_direct_in_different_words_are_reworded():
    row = _one("the harbour will stay shut until the engineers finish their survey",
               "The harbour will remain shut until the engineers finish the survey.", "indirect", "direct")
    assert row.change == "reworded"
    assert "[stay→remain]" in row["diff"] and row.phrase_a == row.phrase_b == ""


def test_small_words_or_a_name_spelling_alone_are_minor_not_altered():
    # Neither is "the same remark in other words": the naming topic covers Kiev/Kyiv.
    assert classify_change("We broke no rules or regulations of this committee",
                           "We broke no rules and regulations of this committee", "direct", "direct").change == "minor"
    assert classify_change("Most staff will leave Kiev by Sunday evening",
                           "Most staff will leave Kyiv by Sunday evening", "direct", "direct").change == "minor"


def test_words_cut_at_the_edges_or_at_an_ellipsis_are_trimmed():
    assert classify_change("To be clear, the bridge stays shut until the survey ends",
                           "the bridge stays shut until the survey ends", "direct", "direct").change == "trimmed"
    assert classify_change("the bridge, which we built in 1990, stays shut until spring",
                           "the bridge … stays shut until spring", "direct", "direct").change == "trimmed"


def test_unresolved_speakers_are_never_paired():
    assert _pairs("The port will reopen in May after the repairs", "The port will reopen in May after repairs",
                  speaker="he (unresolved)", resolved=(False, False)).empty
    assert _pairs("The port will reopen in May after the repairs", "The port will reopen in May after repairs",
                  resolved=(True, False)).empty


def _findings(pairs: pd.DataFrame) -> list[str]:
    articles = ARTICLES.assign(body=["", ""])
    return generate_findings({"articles": articles, "quote_pairs": pairs}).finding.tolist()


def test_findings_state_the_altered_quote_first_and_never_a_same_pair():
    altered = _pairs("Closing the bridge is the prudent thing to do this winter",
                     "Closing the bridge is a wise thing to do this winter", speaker="Antony Blinken")
    same = _pairs("The port will reopen in May, after the repairs.", "the port will reopen in May after the repairs",
                  "indirect", "direct")
    reworded = _pairs("the harbour will stay shut until the engineers finish their survey",
                      "The harbour will remain shut until the engineers finish the survey.", "indirect", "direct")
    dropped: list[dict] = []
    findings = generate_findings({"articles": ARTICLES.assign(body=["", ""]),
                                  "quote_pairs": pd.concat([same, reworded, altered], ignore_index=True)},
                                 dropped=dropped).finding.tolist()
    assert findings == ['Daily A quotes Antony Blinken as saying "…is the prudent thing…"; Daily B as '
                        '"…is a wise thing…". Both outlets put these words in quotation marks, '
                        "as Antony Blinken's own."]
    # The reworded remark is written, but hand checks found "the same remark in different words" right no
    # more than half of the time: it is set aside with the reason, not stated.
    (set_aside,) = dropped
    assert "[stay→remain]" in set_aside["finding"] and set_aside["reason"].startswith("not stated:")
    assert not any("port will reopen" in f for f in findings + [set_aside["finding"]])
    assert _findings(same) == []


@pytest.mark.parametrize("change", ["same", "trimmed"])
def test_findings_never_call_same_or_trimmed_pairs_different_words(change):
    pairs = _pairs("To be clear, the bridge stays shut until the survey ends",
                   "the bridge stays shut until the survey ends", "indirect", "direct")
    assert _findings(pairs.assign(change=change)) == []


def test_one_word_in_another_form_is_no_altered_quotation():
    # A transcription slip ("he saying"/"he said") is not one outlet changing the speaker's words.
    from newsprism.quotes.pairs import classify_change
    change = classify_change("I believe he saying that he would", "I believe he said that he would", "direct", "direct")
    assert change.change == "minor"
    assert classify_change("no rules or laws", "no rules and laws", "direct", "direct").change == "minor"
    real = classify_change("you'll be able to keep it", "you'll have to keep it", "direct", "direct")
    assert real.change == "altered_quote"


def test_an_editors_insertion_is_no_altered_quotation():
    # "(local)" and "[the union]" are the editor's, inside the speaker's quotation marks.
    found = classify_change("the (local) managers decide pay", "the managers decide pay", "direct", "direct")
    assert found.change == "same"
    found = classify_change("they [the union] will strike", "they will strike", "direct", "direct")
    assert found.change == "same"


def test_a_contraction_or_a_leading_but_is_no_altered_quotation():
    assert classify_change("It's not that simple", "It is not that simple", "direct", "direct").change == "same"
    assert classify_change("But it is not over", "It's not over", "direct", "direct").change == "trimmed"
