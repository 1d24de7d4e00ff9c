"""Speaker resolution respects agreement (gender, number, person or organisation) and
leaves a pronoun unresolved rather than guessing. Texts written for these tests."""

from __future__ import annotations

import pandas as pd

from newsprism.quotes.extract import extract_quotes
from newsprism.quotes.pairs import align_quotes
from newsprism.quotes.voices import UNRESOLVED_SPEAKER, outlet_summary, voices_table


def _by_cue(text: str, cue: str):
    quotes = extract_quotes(text)
    rows = quotes[quotes.cue == cue]
    assert len(rows) == 1, quotes[["cue", "speaker_mention", "speaker"]].values.tolist()
    return rows.iloc[0]


def test_she_goes_to_the_woman_not_the_nearer_man():
    row = _by_cue("Margaret Holloway met Peter Grant at the harbour on Monday. "
                  "Grant showed her the new cranes. She said the port would reopen in May.", "said")
    assert (row.speaker_mention, row.speaker, bool(row.resolved)) == ("She", "Margaret Holloway", True)


def test_he_goes_to_the_man_not_the_nearer_woman():
    row = _by_cue("Peter Grant met Margaret Holloway at the harbour on Monday. "
                  "Holloway showed him the new cranes. He said the port would reopen in May.", "said")
    assert (row.speaker_mention, row.speaker) == ("He", "Peter Grant")


def test_they_is_not_a_person():
    row = _by_cue("The Harbour Workers Union wrote to Peter Grant on Monday. "
                  "They said the cranes were unsafe.", "said")
    assert (row.speaker_mention, row.speaker) == ("They", "Harbour Workers Union")


def test_they_with_no_group_is_left_unresolved():
    row = _by_cue("Peter Grant visited the harbour on Monday. They said the cranes were unsafe.", "said")
    assert (row.speaker, bool(row.resolved)) == ("they (unresolved)", False)


def test_mr_goes_to_the_man_and_mrs_to_the_woman_of_one_family():
    quotes = extract_quotes("Bill Marsh and Hillary Marsh arrived in Leeds on Friday. "
                            "Mr. Marsh said the trip was private. Mrs. Marsh said it was not.")
    said = quotes[quotes.cue == "said"]
    assert said.speaker.tolist() == ["Bill Marsh", "Hillary Marsh"]


def test_his_wife_speaks_for_herself():
    quotes = extract_quotes("Senator Tom Baxter arrived in Leeds with his wife. "
                            "His wife, Jane Baxter, said the visit was private.")
    row = quotes[quotes.cue == "said"].iloc[0]
    assert row.speaker == "Jane Baxter"


def test_ambiguous_he_is_left_unresolved():
    # two men, neither the subject: nothing says which one "he" is
    row = _by_cue("The award went to Peter Grant and to David Moss. He said it was a surprise.", "said")
    assert (row.speaker_mention, row.speaker, bool(row.resolved)) == ("He", "he (unresolved)", False)


def test_an_organisation_is_not_he():
    row = _by_cue("Northwind Shipping cancelled the contract on Monday. He said the decision was final.", "said")
    assert (row.speaker, bool(row.resolved)) == ("he (unresolved)", False)


def test_named_speakers_are_resolved():
    row = _by_cue("Peter Grant said the port would reopen in May.", "said")
    assert (row.speaker, bool(row.resolved)) == ("Peter Grant", True)


def test_unresolved_speakers_are_no_named_voices_and_never_pair():
    quotes = pd.DataFrame({
        "article_id": ["a", "b", "b"], "speaker": ["he (unresolved)", "he (unresolved)", "Peter Grant"],
        "kind": ["direct"] * 3, "cue": ["said"] * 3, "anonymous": [False] * 3, "resolved": [False, False, True],
        "content": ["The port will reopen in May after the repairs"] * 3})
    articles = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["Daily A", "Daily B"]})
    voices = voices_table(quotes, articles)
    assert sorted(voices.speaker.unique()) == [UNRESOLVED_SPEAKER, "Peter Grant"]
    assert outlet_summary(voices).set_index("outlet").speakers.to_dict() == {"Daily A": 0, "Daily B": 1}
    assert align_quotes(quotes, articles).empty
