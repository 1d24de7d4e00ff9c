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
    text = '"Is the bridge safe yet? Probably not," Ms. Reed said.'
    assert _rows(text) == [("Is the bridge safe yet? Probably not", "Ms. Reed")]


def test_a_short_quotation_handing_over_with_a_comma_is_the_content():
    text = '"Done," she said of the harvest, in which she was sure the barley would fail.'
    assert _rows(text)[0] == ("Done", "she")


def test_a_quotation_of_several_sentences_before_the_cue_is_the_content():
    text = ('"Pack the tents. Leave the stoves where the river bends," '
            "Ms. Ortiz told the scouts, after they admitted that the map was wet.")
    content, speaker = _row_for(text, "told")
    assert content == "Pack the tents. Leave the stoves where the river bends"
    assert speaker == "Ms. Ortiz"


def test_a_short_quoted_sentence_continues_the_previous_speaker():
    text = '"Not me," Dana said to the dog. "Not me, Rex."'
    assert _rows(text) == [("Not me … Not me, Rex.", "Dana")]


def test_an_abbreviation_does_not_end_the_reporting_sentence_of_a_split_quotation():
    text = ('"The orchard looks healthy," Smith said at a fair in Dover, Del., '
            '"but the frost could still come in May."')
    assert _rows(text) == [
        ("The orchard looks healthy … but the frost could still come in May.", "Smith")]


def test_a_later_reporting_verb_takes_the_second_half_of_a_split_quotation():
    text = ('"The ferry runs late on Sundays," Jones said, adding later, '
            '"The timetable has not changed in ten years."')
    assert _row_for(text, "said") == ("The ferry runs late on Sundays", "Jones")
    assert _row_for(text, "adding") == ("The timetable has not changed in ten years.", "Jones")


def test_a_closing_mark_at_the_start_of_a_paragraph_opens_a_quotation():
    text = 'The baker spoke at length.\n\n\u201d What the oven taught me is patience," he said.'
    content, speaker = _rows(text)[0]
    assert content.startswith("What the oven taught me") and speaker == "he"


# ---------------------------------------------------------------- content boundaries


def test_an_infinitive_cue_reports_its_object_and_infinitive_not_what_came_next():
    text = "The governor has urged lawmakers to fund the schools but has said she will veto the budget."
    assert _row_for(text, "urged") == ("lawmakers to fund the schools", "The governor")


def test_an_aside_after_the_reported_clause_is_not_content():
    text = "The coach claimed that the pitch was dry, although he again refused to show the photos."
    assert _row_for(text, "claimed") == ("the pitch was dry", "The coach")
    text = "Farmers said the rain has raised the wheat price, citing the floods in the valley."
    assert _row_for(text, "said") == ("the rain has raised the wheat price", "Farmers")


def test_an_aside_after_a_parenthetical_reporting_clause_is_not_content():
    text = "The new kiln, the potter said, was her best yet, although it may take weeks to dry the clay."
    assert _row_for(text, "said") == ("The new kiln … was her best yet", "the potter")


def test_an_object_cue_reports_the_object_without_its_aside():
    text = "The judges praised the recipe for lemon tart, which uses a pinch of salt."
    assert _row_for(text, "praised") == ("the recipe for lemon tart", "The judges")


# ---------------------------------------------------------------- thought and intention


def test_a_stated_aim_with_an_infinitive_is_reported():
    text = "The gardener wants to repaint every bench in the park."
    assert _rows(text) == [("to repaint every bench in the park", "The gardener")]


def test_an_aim_that_only_describes_someone_is_not_reported():
    assert _rows("The map is handy for anyone wanting to hike the northern ridge.") == []
    assert _rows("It lists every prize the team might seek to win.") == []


def test_a_thought_inside_another_report_is_part_of_that_report():
    # "plans" and "thinks" are what she said, not a second statement of theirs
    text = "The baker said she plans to open a second shop in the spring."
    assert _rows(text) == [("she plans to open a second shop in the spring", "The baker")]
    text = "The coach said he thinks the team can win the league."
    assert _rows(text) == [("he thinks the team can win the league", "The coach")]


# ---------------------------------------------------------------- quoted words under other verbs


def test_quoted_words_under_a_naming_verb_are_the_subjects_words():
    text = 'The fans branded the goalkeeper "the Wall" after the final.'
    assert _rows(text) == [('the goalkeeper "the Wall" after the final', "The fans")]


def test_quoted_words_under_any_other_verb_attribute_nothing():
    assert _rows('The club bought "vintage" bicycles and a boat for the lake.') == []
    assert _rows('The school sent its "star pupil" to a chess camp in Maine.') == []


# ---------------------------------------------------------------- paragraphs and stance


def test_reported_words_never_run_into_the_next_paragraph():
    text = ('The skipper says she hopes to win, but she knows that "the wind decides."\n\n'
            "The harbor master posted that the race was off and urged sailors to stay ashore.")
    rows = _rows(text)
    assert rows and all("\n" not in content for content, _ in rows), rows


def test_a_phrasal_reporting_verb_keeps_its_stance():
    q = extract_quotes("The auditor pointed out that the figures were wrong.")
    assert q[["cue_lemma", "stance"]].values.tolist() == [["point out", "endorsing"]]


# ---------------------------------------------------------------- speakers the parser loses


def test_a_second_subject_inside_the_quotation_is_not_the_speaker():
    text = ('"The pier is unsafe. Not old, unsafe. One of the weakest structures on the coast," '
            "Rep. Ann Lee (D-Me.) said in a phone interview.")
    assert _rows(text) == [("The pier is unsafe. Not old, unsafe. One of the weakest structures on the coast",
                            "Rep. Ann Lee")]


def test_the_name_after_an_inverted_cue_speaks_when_the_parser_took_a_pronoun():
    text = ('"If it does not rain by Friday, it will flood next week, most likely on the coast," '
            "said Jane Roe, a forecaster at the station.")
    assert _rows(text)[0][1] == "Jane Roe"


def test_a_name_the_parser_lost_between_the_quotation_and_the_cue_speaks():
    text = ('The board is reviewing the vote.\n'
            '"I will make one pledge to you: we will count every ballot in this county," Dayton police Chief '
            'Sam Hill said Monday.')
    assert _rows(text) == [("I will make one pledge to you: we will count every ballot in this county",
                            "Dayton police Chief Sam Hill")]


# ---------------------------------------------------------------- reporting clause in mid-sentence


def test_a_quotation_in_lower_case_completes_the_clause_before_the_cue():
    text = 'So when the bakery announced that it would close, Mr. Barr said, "we were stunned."'
    content, speaker = _row_for(text, "said")
    assert content == "So when the bakery announced that it would close … we were stunned." and speaker == "Mr. Barr"
    # a capitalised quotation is a sentence of its own: the phrase before the cue is not said
    assert _row_for('At a rally on Monday, Smith said, "We will win this state."', "said") == (
        "We will win this state.", "Smith")


def test_a_gerund_subject_after_a_parenthetical_cue_is_content():
    text = "Though the first climb was easy, he said, crossing the glacier would be much harder."
    assert _row_for(text, "said") == (
        "Though the first climb was easy … crossing the glacier would be much harder", "he")


# ---------------------------------------------------------------- participles and citing


def test_a_participle_after_a_comma_reports_its_own_object_not_the_clause_before():
    text = "The tenants sent a letter to the landlord, calling for new windows."
    assert _rows(text) == [("new windows", "The tenants")]


def test_citing_a_reason_is_the_speakers_words_but_citing_a_source_is_not():
    text = "The council closed the pool, citing a crack in the deep end."
    assert _rows(text) == [("a crack in the deep end", "The council")]
    assert _rows("Prices rose sharply on Monday, citing Reuters.") == []


def test_a_predicate_after_an_apposition_is_not_a_name():
    text = "Jane Roe, the club's treasurer, called Friday for publishing the accounts."
    assert _rows(text)[0][0] == "publishing the accounts"


# ---------------------------------------------------------------- longer quotations around the cue


def test_a_quotation_after_the_cues_own_object_is_the_content():
    text = ('Mr. Lamb told his cooking class on Monday, "Salt early. '
            'The sauce needs time to take it in."')
    assert _rows(text) == [("Salt early. The sauce needs time to take it in.", "Mr. Lamb")]


def test_a_quotation_after_a_participle_goes_on_with_the_quoting_cue():
    text = ('"You cannot fix a roof you have never climbed," Ava said, '
            'stressing why ladders matter. "What we need first is a ladder."')
    assert _row_for(text, "said") == (
        "You cannot fix a roof you have never climbed … What we need first is a ladder.", "Ava")


# ---------------------------------------------------------------- more cues


def test_as_someone_put_it_reports_the_rest_of_the_sentence():
    assert _rows("As the ferryman put it in a letter, the crossing is safe for walkers.") == [
        ("the crossing is safe for walkers", "the ferryman")]
    assert _rows("The coach put it bluntly: the team needs a new keeper.") == [
        ("the team needs a new keeper", "The coach")]


def test_putting_a_thing_somewhere_is_not_a_way_of_saying():
    assert _rows("She put it on the shelf by the door.") == []


def test_an_admission_with_a_noun_object_reports_the_object():
    # "acknowledged the delay", "noted the shortfall": what was acknowledged or noted
    assert _row_for("The harbor master acknowledged the delay at the north pier.", "acknowledged") == (
        "the delay at the north pier", "The harbor master")


def test_a_gerund_object_is_what_was_proposed():
    # the parser hangs the gerund as an xcomp, not as an object
    assert _row_for("The board proposed raising the levy on boats.", "proposed") == (
        "raising the levy on boats", "The board")


def test_a_poll_or_study_reports_what_it_shows_or_found():
    assert _rows("Polls show a close contest in the valley.") == [("a close contest in the valley", "Polls")]
    assert _rows("The audit found errors in the ledger of the port.") == [
        ("errors in the ledger of the port", "The audit")]


def test_a_person_showing_a_thing_reports_nothing():
    assert _rows("She showed the photo to the visitors.") == []


def test_a_colon_closing_the_paragraph_hands_over_to_the_next():
    text = ("The governor added:\n\nIt is typical of the council. It plans nothing, but the talk never stops.\n"
            "The vote is on Monday.")
    assert _rows(text) == [("It is typical of the council. It plans nothing, but the talk never stops", "The governor")]


def test_a_relative_clause_with_a_cue_is_not_a_parenthetical_reporting_clause():
    # "..., the mayor said" hands the sentence before it to the mayor; "..., who talked of X" does not
    text = "The storm was the worst in years, and the reason was the mayor, who had talked about the dam."
    assert _rows(text) == [("the dam", "who")]


def test_calling_someone_or_a_meeting_is_not_saying_anything():
    assert _rows("The mayor called Ms. Reed on Friday to thank her.") == []
    assert _rows("The council called an emergency meeting.") == []
    assert _rows("The mayor called the plan a disaster.") == [("the plan a disaster", "The mayor")]


def test_an_object_of_urging_or_reporting_is_what_was_said():
    assert _rows("The mayor urged restraint after the storm.") == [("restraint", "The mayor")]
    assert _rows("The agency reported 31 deaths in the valley.") == [("31 deaths in the valley", "The agency")]


def test_an_infinitive_under_another_verb_reports_nothing_yet():
    # only the urging happened: the staff have reported nothing
    assert _rows("The ministry urged staff to report abuses to the ombudsman.") == [
        ("staff to report abuses to the ombudsman", "The ministry")]


def test_a_quotation_after_a_long_reporting_sentence_carries_on():
    # the parser runs the reporting sentence on into the next quotation; its full stop ends it
    text = ('"A plan is coming," said Jane Doe, an economist who served as head of the Budget Office and '
            'now runs the Action Forum, a small, pro-growth advocacy group. "It is a good plan. The town will like it."')
    assert _rows(text) == [("A plan is coming … It is a good plan. The town will like it.", "Jane Doe")]


def test_a_participle_after_an_inserted_said_belongs_to_its_speaker():
    # the participle hangs on the reported clause; its subject ("aid") is not the one who speaks
    text = "Aid to the farmers will continue, Jane Doe said, repeating the council's warning of a poor harvest."
    speakers = {row["cue"]: row["speaker_mention"] for row in extract_quotes(text).to_dict("records")}
    assert speakers.get("repeating", "Jane Doe") == "Jane Doe"


# ---------------------------------------------------------------- objects the parser hung on the verb


def test_a_phrase_the_parser_hung_on_the_verb_goes_on_with_the_object():
    # "by the mayor" and "behind the scenes" describe the behavior, though the parser
    # attaches them to "described"
    text = "She described crass behavior by the mayor behind the scenes of the show."
    assert _rows(text) == [("crass behavior by the mayor behind the scenes of the show", "She")]


def test_a_second_gerund_joined_to_the_verb_is_a_second_object():
    text = "The governor mentioned refinancing student loans and forcing banks to lend more."
    assert _rows(text) == [("refinancing student loans and forcing banks to lend more", "The governor")]


def test_where_and_when_the_object_was_named_are_not_part_of_it():
    assert _rows("The mayor blamed the council in a speech.") == [("the council", "The mayor")]
    assert _rows("The mayor urged restraint after the storm.") == [("restraint", "The mayor")]


def test_a_second_verb_in_the_cue_tense_is_what_the_speaker_did_next():
    assert _rows("He praised the plan, and left.") == [("the plan", "He")]


# ---------------------------------------------------------------- thoughts, decisions and commitments


def test_a_conjecture_verb_reports_a_thought_with_its_clause():
    assert _rows("The inspectors assumed that the bridge was sound.") == [("the bridge was sound", "The inspectors")]
    assert _rows("The chef realised that the oven was cold.") == [("the oven was cold", "The chef")]


def test_a_court_ruling_reports_what_the_court_held():
    assert _rows("The court ruled that the fee was unlawful.") == [("the fee was unlawful", "The court")]


def test_a_bare_assuming_is_a_condition_not_a_thought():
    assert _rows("The bridge will hold, assuming the river stays low.") == []


def test_knowing_how_something_works_states_no_view():
    # an embedded question under a verb of knowing is not a statement of what is known
    assert _rows("The mayor knows how the budget works.") == []


def test_an_agreement_to_act_reports_the_aim():
    assert _rows("The firm agreed to clean up the river.") == [("to clean up the river", "The firm")]
    assert _rows("The storm threatened to flood the town.") == []


def test_a_reported_thought_does_not_count_as_quoting_its_thinker():
    # the voices findings ("only X quotes Lee") read quote rows: a thought is no quotation
    import pandas as pd

    from newsprism.compare.topics.voices import _gives_words
    from newsprism.quotes.attribution import THOUGHT_CUES

    assert {"think", "believe", "assume", "realize", "understand"} <= THOUGHT_CUES
    assert not {"say", "learn", "claim"} & THOUGHT_CUES
    rows = pd.DataFrame({"actor": ["p:lee"] * 3, "kind": ["indirect"] * 3,
                         "cue_lemma": ["say", "believe", "assume"], "speaker_mention": ["Lee"] * 3})
    assert _gives_words(rows, {"p:lee": {"Ann Lee", "Lee"}}).tolist() == [True, False, False]


def test_an_attitude_adjective_with_a_clause_reports_a_view():
    assert _rows("Many farmers are afraid that the harvest may be ruined by rain.") == [
        ("the harvest may be ruined by rain", "Many farmers")]
    assert _rows("She is so frustrated that the state is cutting funds for schools.") == [
        ("the state is cutting funds for schools", "She")]


def test_an_attitude_adjective_reports_nothing_when_negated_impersonal_or_an_order():
    assert _rows("They were not sure that the team would win.") == []
    assert _rows("It is certain that the road will close.") == []
    assert _rows("Voters should make sure they are registered.") == []


def test_an_attitude_inside_a_statement_is_part_of_the_statement():
    assert _rows("She said she was afraid that the harvest would fail.") == [
        ("she was afraid that the harvest would fail", "She")]


# ---------------------------------------------------------------- "according to"


def test_according_to_keeps_its_clause_when_the_parser_makes_it_the_root():
    # "reeks" read as a noun: the parser hangs the whole clause on "According"
    text = "According to radio host Sam Lee, the plan reeks of fear and panic."
    assert _rows(text) == [("the plan reeks of fear and panic", "radio host Sam Lee")]
    assert _rows("According to the network, basically.") == []


def test_according_to_takes_a_quotation_of_several_sentences_whole():
    text = ('According to Lee, "If it was up to the mayor, the road would close. '
            'Because the council wants it open, it stays open."')
    content, speaker = _rows(text)[0]
    assert content.endswith("Because the council wants it open, it stays open.") and speaker == "Lee"


# ---------------------------------------------------------------- nouns with a "that"-clause


def test_a_noun_of_saying_or_thinking_reports_its_that_clause():
    q = extract_quotes("There are growing concerns that the aid will stop.")
    assert q.content.tolist() == ["the aid will stop"] and q.speaker_mention.isna().all()
    q = extract_quotes("The minister made an acknowledgment that the bridge was unsafe.")
    assert q[["content", "speaker_mention"]].values.tolist() == [["the bridge was unsafe", "The minister"]]


def test_a_clause_noun_without_a_that_clause_is_no_cue():
    # unlike "his claim", "her message" alone reports nothing
    assert _rows("Her message was clear.") == []
    assert _rows("The message that he sent was short.") == []


def test_a_thought_noun_is_a_thought_cue_and_a_speech_noun_is_not():
    from newsprism.quotes.attribution import THOUGHT_CUES

    assert {"concern", "belief", "afraid"} <= THOUGHT_CUES
    assert not {"acknowledgment", "message", "charge"} & THOUGHT_CUES


# ---------------------------------------------------------------- "as X said"


def test_an_as_clause_reports_the_rest_of_the_sentence():
    assert _rows("As the mayor noted, the road is closed.") == [("the road is closed", "the mayor")]
    assert _rows("The pier is closed, as the mayor said in a speech.") == [("The pier is closed", "the mayor")]
    # set into the sentence: the words on either side of it, not the reporting clause
    assert _rows("The pier, as the mayor said, is closed.") == [("The pier … is closed", "the mayor")]


def test_an_as_clause_of_comparison_time_or_expectation_reports_nothing():
    assert _rows("He is not as rich as he says.") == []
    assert _rows("The plan failed, as might be expected.") == []
    assert _rows("As he talked about the plan, the mayor smiled.") == [("the plan", "he")]


def test_a_noun_cue_takes_its_that_clause_past_other_words():
    q = extract_quotes("The mayor voiced a concern to the council that the bridge would fail.")
    assert q.content.tolist() == ["the bridge would fail"]


def test_a_main_verb_spelt_like_an_attitude_adjective_is_no_attitude():
    # "concerned" as the verb "was about": the questioning holds no view
    assert _rows("A long line of questioning concerned how the attack spun out of control.") == []


def test_knowing_exactly_how_and_being_sure_in_order_to_state_no_view():
    assert _rows("Let us focus on understanding exactly how firms keep money abroad.") == []
    assert _rows("You pay a premium just to be sure you will have access to the money.") == []
