"""Each class of quoted words that was once taken for the writer's scare quote, with a case of its own.

A hand check of flagged scare quotes on news coverage found most of them were
someone's words, names or rule names, not the writer's distancing. Each test
below is one such class, written for this file (short invented sentences), and
asserts what the quoted words are now: a partial quote with its speaker, or
nothing (neither). The last tests make sure the writer's own marks stay flagged.
"""

from __future__ import annotations

from newsprism.framing.markers import find_markers

QUOTE_TYPES = ("scare_quote", "partial_quote")


def _quoted(text: str, **kwargs) -> list[tuple[str, str, str]]:
    """(type, text, about) of the quoted-word markers of ``text``."""
    m = find_markers(text, **kwargs)
    m = m[m["type"].isin(QUOTE_TYPES)]
    return list(zip(m["type"], m["text"], m["about"]))


# -- someone's words ----------------------------------------------------------------------

def test_words_inside_what_a_reporting_cue_reports_are_the_speakers():
    # the quotes stage's content of "accused" holds the quoted word
    assert _quoted('The mayor accused the council of joining a "scheme" to raise taxes.') == [
        ("partial_quote", '"scheme"', "The mayor")]


def test_words_under_a_reporting_cue_are_not_the_writers():
    # whatever the quotes stage took as the content, the words hang under the cue: not a scare quote
    assert ("scare_quote", '"lost the plot."', "") not in _quoted(
        'Ms. Reyes scolded the board, accusing it of having "lost the plot."')


def test_words_in_a_sentence_that_goes_on_with_reported_speech_are_not_flagged():
    # the sentence before reports what Ms. Park said; these words may well be hers
    assert _quoted('Ms. Park said the plan had failed. Buses now run "when they like."') == []


def test_words_a_speaker_is_quoted_saying_elsewhere_are_a_partial_quote():
    text = ('"We will not accept a half measure on housing," Mayor Ann Cole said. '
            'The council passed the "half measure" anyway.')
    assert _quoted(text) == [("partial_quote", '"half measure"', "Ann Cole")]


def test_a_headline_repeating_the_bodys_quoted_words_is_left_to_the_body():
    body = 'Mr. Lund said the new tax was "plain theft" and vowed to fight it.'
    headline = "Lund vows fight over 'plain theft' tax"
    assert _quoted(headline, where="headline", context=f"{headline}\n{body}") == []


def test_a_headline_after_a_name_and_a_colon_gives_the_words_to_that_name():
    assert _quoted("Mayor Cole: Budget Plan Is 'Pure Folly'", where="headline") == []
    # without the colon the headline's marks are the writer's
    assert _quoted("Protesters Reject 'Reform' Plan", where="headline") == [("scare_quote", "'Reform'", "")]


def test_words_in_a_sentence_naming_a_document_are_not_flagged():
    # a memo, a bill or a ruling has words of its own that a writer quotes without a speaker
    assert ("scare_quote", '"streamline and simplify"', "") not in _quoted(
        'The memo asks every office to "streamline and simplify" its forms.')


def test_a_label_given_with_as_is_the_label_of_the_verbs_doer():
    assert _quoted('Local farmers oppose the new fee as "robbery."') == []
    assert _quoted('Mr. Lee referred to the driver as a "clown" on Monday.') == []


# -- names and words cited as words --------------------------------------------------------

def test_a_quoted_rule_name_before_policy_or_rule_is_a_name():
    assert _quoted('The board dropped its "last in, first out" policy in May.') == []


def test_a_capitalised_multiword_name_is_a_name():
    assert _quoted('Protesters gathered outside the "Green Valley tower" on Friday.') == []


def test_a_name_after_so_called_or_known_as_is_a_name_others_use():
    assert _quoted('Residents fear the so-called "bridge tax" will rise.') == []
    assert _quoted('The plan, known as "fair share", passed.') == []


def test_a_word_after_definition_of_is_cited_as_a_word():
    assert _quoted('The bill widens the definition of "family member" for paid leave.') == []
    assert _quoted('She explained the concept of "stewardship" to the class.') == []


def test_one_word_with_a_capital_inside_is_a_user_name_or_brand():
    assert _quoted('The clip was posted by "NightOwl77" on Sunday.') == []
    assert _quoted('The clip, posted by "NightOwl77," went round the town.') == []


# -- the writer's own marks stay scare quotes ------------------------------------------------

def test_the_writers_marks_beside_an_unrelated_cue_stay_scare_quotes():
    # the cue "stressing" reports something else, and does not govern the quoted word
    text = 'The city decided to "rationalise" its bus routes, with the mayor stressing that no line would close.'
    assert _quoted(text) == [("scare_quote", '"rationalise"', "")]


def test_quoted_words_that_name_the_speakers_stay_scare_quotes():
    # the writer's label for the ones who demand: nobody is said to call them so
    assert _quoted('But "truthers" have demanded new hearings, asserting the vote was stolen.') == [
        ("scare_quote", '"truthers"', "")]


def test_a_word_deep_in_a_chain_of_nouns_under_a_cue_stays_the_writers():
    # what the critics accused the firm of is the price rise; "shortage" is the writer's word
    assert _quoted('Critics accused the firm of a price rise in anticipation of a "shortage".') == [
        ("scare_quote", '"shortage"', "")]
