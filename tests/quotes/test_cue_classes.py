"""Classes of reporting cue and content boundary, one test per class, on sentences written for these tests.

Each test names the class it guards: what the speaker said (content) and who said
it (speaker mention), as the quotes table reports them.
"""

from newsprism import extract_quotes


def _rows(text):
    q = extract_quotes(text)
    return [(r.content, r.speaker_mention) for r in q.itertuples()]


def _row_for(text, cue):
    q = extract_quotes(text)
    rows = [(r.content, r.speaker_mention) for r in q.itertuples() if r.cue == cue]
    assert len(rows) == 1, (cue, _rows(text))
    return rows[0]


# ---------------------------------------------------------------- quotations and their cues


def test_a_negation_inside_the_quotation_does_not_negate_the_cue():
    # the parser hangs the quotation's own "not" on "said"
    text = '"Are we ready for the vote? Probably not," Ms. Reed said.'
    assert _rows(text) == [("Are we ready for the vote? Probably not", "Ms. Reed")]


def test_a_short_quotation_handing_over_with_a_comma_is_the_content():
    text = '"It is over," she said of the long race, in which she was sure the mayor would win.'
    assert _rows(text)[0] == ("It is over", "she")


def test_a_quotation_of_several_sentences_before_the_cue_is_the_content():
    text = ('"You should step down. You should return the bonus you took while the scheme went on," '
            "Ms. Ortiz told the chief executive, after he admitted that nobody had been fired.")
    content, speaker = _row_for(text, "told")
    assert content == "You should step down. You should return the bonus you took while the scheme went on"
    assert speaker == "Ms. Ortiz"


def test_a_short_quoted_sentence_continues_the_previous_speaker():
    text = '"I would," Dana said to the screen. "I would, Tom."'
    assert _rows(text) == [("I would … I would, Tom.", "Dana")]


def test_an_abbreviation_does_not_end_the_reporting_sentence_of_a_split_quotation():
    text = ('"I think the referee will be fair," Smith said during a rally in Raleigh, N.C., '
            '"but many people will be watching closely."')
    assert _rows(text) == [
        ("I think the referee will be fair … but many people will be watching closely.", "Smith")]


def test_a_later_reporting_verb_takes_the_second_half_of_a_split_quotation():
    text = ('"We cannot afford this anymore," Jones said, adding later, '
            '"The alliance is costing us a fortune."')
    assert _row_for(text, "said") == ("We cannot afford this anymore", "Jones")
    assert _row_for(text, "adding") == ("The alliance is costing us a fortune.", "Jones")


def test_a_closing_mark_at_the_start_of_a_paragraph_opens_a_quotation():
    text = 'The president spoke at length.\n\n\u201d What I learned from these families is simple," he said.'
    content, speaker = _rows(text)[0]
    assert content.startswith("What I learned") and speaker == "he"


# ---------------------------------------------------------------- content boundaries


def test_an_infinitive_cue_reports_its_object_and_infinitive_not_what_came_next():
    text = "The governor has urged lawmakers to fund the schools but has said she will veto the budget."
    assert _row_for(text, "urged") == ("lawmakers to fund the schools", "The governor")


def test_an_aside_after_the_reported_clause_is_not_content():
    text = "The senator claimed that paying no tax was smart, although he again refused to release his returns."
    assert _row_for(text, "claimed") == ("paying no tax was smart", "The senator")
    text = "Analysts said regional factors have raised the price, citing the drought in the south."
    assert _row_for(text, "said") == ("regional factors have raised the price", "Analysts")


def test_an_aside_after_a_parenthetical_reporting_clause_is_not_content():
    text = "The latest test, the agency said, was its biggest yet, although it may take days to measure it."
    assert _row_for(text, "said") == ("The latest test … was its biggest yet", "the agency")


def test_an_object_cue_reports_the_object_without_its_aside():
    text = "The experts praised the proposals to help small farms, which include a new loan fund."
    assert _row_for(text, "praised") == ("the proposals to help small farms", "The experts")


# ---------------------------------------------------------------- thought and intention


def test_a_stated_aim_with_an_infinitive_is_reported():
    text = "The governor wants to double the size of the volunteer corps."
    assert _rows(text) == [("to double the size of the volunteer corps", "The governor")]


def test_an_aim_that_only_describes_someone_is_not_reported():
    assert _rows("The guide is useful for anyone wanting to learn more about pensions.") == []
    assert _rows("It closes every loophole the firm might seek to use.") == []


def test_a_thought_inside_another_report_is_part_of_that_report():
    # "plans" and "thinks" are what she said, not a second statement of theirs
    text = "The mayor said she plans to visit the flooded towns on Sunday."
    assert _rows(text) == [("she plans to visit the flooded towns on Sunday", "The mayor")]
    text = "The coach said he thinks the team can win the league."
    assert _rows(text) == [("he thinks the team can win the league", "The coach")]


# ---------------------------------------------------------------- quoted words under other verbs


def test_quoted_words_under_a_naming_verb_are_the_subjects_words():
    text = 'The rival campaign branded the senator "Lying Ted" at every rally.'
    assert _rows(text) == [('the senator "Lying Ted" at every rally', "The rival campaign")]


def test_quoted_words_under_any_other_verb_attribute_nothing():
    assert _rows('The couple bought "troubled" nursing homes and a forest in Belize.') == []
    assert _rows('The agency sent its "national reporter" into a living room in Ohio.') == []


# ---------------------------------------------------------------- paragraphs and stance


def test_reported_words_never_run_into_the_next_paragraph():
    text = ('The senator says she hopes to win, but she knows that "nothing is certain."\n\n'
            "The governor tweeted that the plan was dead and urged voters to stay home.")
    rows = _rows(text)
    assert rows and all("\n" not in content for content, _ in rows), rows


def test_a_phrasal_reporting_verb_keeps_its_stance():
    q = extract_quotes("The auditor pointed out that the figures were wrong.")
    assert q[["cue_lemma", "stance"]].values.tolist() == [["point out", "endorsing"]]


# ---------------------------------------------------------------- speakers the parser loses


def test_a_second_subject_inside_the_quotation_is_not_the_speaker():
    text = ('"She would be a fine judge. Not good, great. One of the sharpest minds in the state," '
            "Rep. Ann Lee (D-Md.) said in a phone interview.")
    assert _rows(text) == [("She would be a fine judge. Not good, great. One of the sharpest minds in the state",
                            "Rep. Ann Lee")]


def test_the_name_after_an_inverted_cue_speaks_when_the_parser_took_a_pronoun():
    text = ('"If it does not have the weapons yet, it will at some point, probably sooner rather than later," '
            "said Jane Roe, a physicist at the institute.")
    assert _rows(text)[0][1] == "Jane Roe"


def test_a_name_the_parser_lost_between_the_quotation_and_the_cue_speaks():
    text = ('The county is investigating the shooting.\n'
            '"I will make this promise to you: we will get justice in this case," Tulsa police Chief '
            'Sam Hill said Monday.')
    assert _rows(text) == [("I will make this promise to you: we will get justice in this case",
                            "Tulsa police Chief Sam Hill")]


# ---------------------------------------------------------------- reporting clause in mid-sentence


def test_a_quotation_in_lower_case_completes_the_clause_before_the_cue():
    text = 'So when the company signaled that it would make a deal, Mr. Barr said, "we were floored."'
    content, speaker = _row_for(text, "said")
    assert content == "So when the company signaled that it would make a deal … we were floored." and speaker == "Mr. Barr"
    # a capitalised quotation is a sentence of its own: the phrase before the cue is not said
    assert _row_for('At a rally on Monday, Smith said, "We will win this state."', "said") == (
        "We will win this state.", "Smith")


def test_a_gerund_subject_after_a_parenthetical_cue_is_content():
    text = "Though that transition was smooth, he said, replacing the chairman would be much harder."
    assert _row_for(text, "said") == (
        "Though that transition was smooth … replacing the chairman would be much harder", "he")


# ---------------------------------------------------------------- participles and citing


def test_a_participle_after_a_comma_reports_its_own_object_not_the_clause_before():
    text = "The group sent a letter to the university, calling for his dismissal."
    assert _rows(text) == [("his dismissal", "The group")]


def test_citing_a_reason_is_the_speakers_words_but_citing_a_source_is_not():
    text = "The board blocked the sale, citing a threat to public health and safety."
    assert _rows(text) == [("a threat to public health and safety", "The board")]
    assert _rows("Prices rose sharply on Monday, citing Reuters.") == []


def test_a_predicate_after_an_apposition_is_not_a_name():
    text = "Jane Roe, the governor's opponent, called Friday for releasing the police videos."
    assert _rows(text)[0][0] == "releasing the police videos"


# ---------------------------------------------------------------- longer quotations around the cue


def test_a_quotation_after_the_cues_own_object_is_the_content():
    text = ('Mr. Lamb told his radio audience on Monday, "What happened is simple. '
            'The campaign sent orders to its friends in the press."')
    assert _rows(text) == [("What happened is simple. The campaign sent orders to its friends in the press.",
                            "Mr. Lamb")]


def test_a_quotation_after_a_participle_goes_on_with_the_quoting_cue():
    text = ('"You cannot talk about change if you do not know what we are changing," Ava said, '
            'stressing why the past matters. "What we need to change is our thinking."')
    assert _row_for(text, "said") == (
        "You cannot talk about change if you do not know what we are changing … What we need to change is our thinking.",
        "Ava")
