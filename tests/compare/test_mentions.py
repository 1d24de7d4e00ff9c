"""Names and figures only some outlets use, checked against every article's raw text."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from newsprism.compare.align import align_sentences
from newsprism.compare.findings import generate_findings
from newsprism.compare.mentions import MENTION_COLUMNS, exclusive_mentions
from newsprism.compare.verify import CHECKS, RawText, mention_found, numbers_in
from newsprism.text.nlp import parse


def _mentions(bodies: dict[str, str], **columns) -> tuple[pd.DataFrame, pd.DataFrame]:
    articles = pd.DataFrame({"article_id": [f"a{i}" for i in range(len(bodies))], "outlet": list(bodies),
                             "body": list(bodies.values()), **columns})
    alignment = align_sentences(articles, [parse(b) for b in articles.body])
    return articles, exclusive_mentions(alignment, articles)


def test_seeds_names_and_figures_only_one_outlet_mentions(seeds_tables):
    table = seeds_tables["exclusive_mentions"]
    assert list(table.columns) == MENTION_COLUMNS
    only = {o: " | ".join(rows.shown) for o, rows in table[table.relation == "only"].groupby("outlet")}
    for shown in ["Olaf Scholz", "100,000 troops", "14,000 people", "Organization for Security and Cooperation"]:
        assert shown in only["VOI (Jakarta)"]
    for shown in ["Maria Zakharova", "Yury Ushakov"]:
        assert shown in only["Sputnik International"]
    everything = " | ".join(table.shown)
    # Both name these, in one spelling or another (Kiev/Kyiv, Blinken/Antony Blinken).
    for shared in ["Blinken", "NATO", "Kyiv", "Kiev", "Russia", "Putin"]:
        assert shared not in everything
    # The OSCE once, not as its acronym and its full name again.
    assert "OSCE" not in everything
    for row in table.itertuples():
        for item in json.loads(row.evidence):
            body = seeds_tables["articles"].set_index("article_id").body[item["article_id"]]
            assert body[item["start"]:item["end"]] == item["text"]


def test_another_spelling_is_no_exclusive():
    _, table = _mentions({
        "Daily A": "Chancellor Olaf Scholz met the CBO staff. About 14,000 people marched in Kiev.",
        "Daily B": "Scholz met the Congressional Budget Office. Fourteen thousand people marched in Kyiv.",
    })
    assert table.empty, table[["outlet", "shown"]]


def test_a_figure_within_ten_percent_may_be_the_same_fact():
    _, table = _mentions({"Daily A": "The plan cuts $716 billion from Medicare, Ann Lee said.",
                          "Daily B": "The plan cuts roughly $700 billion from Medicare, Lee said."})
    assert "$716 billion" not in set(table.shown)


def test_three_outlets_every_outlet_except_one():
    articles, table = _mentions({
        "Daily A": "Senator Ann Lee voted against the bill. Tom Ray backed it.",
        "Daily B": "The bill passed although Senator Ann Lee voted against it.",
        "Daily C": "The bill passed on Monday after a long debate.",
    })
    rows = table[table.relation == "all_but"]
    assert rows[["outlet", "shown"]].values.tolist() == [["Daily C", "Ann Lee"]]
    assert table[(table.relation == "only") & (table.shown == "Tom Ray")].outlet.tolist() == ["Daily A"]
    findings = generate_findings({"articles": articles, "exclusive_mentions": table}, dropped=[])
    assert "Every outlet except Daily C mentions Ann Lee." in findings.finding.tolist()
    assert "Only Daily A mentions Tom Ray." in findings.finding.tolist()


def test_an_earlier_article_may_predate_what_it_leaves_out():
    articles, table = _mentions({
        "Daily A": "Senator Ann Lee resigned on Friday.",
        "Daily B": "Senator Ann Lee resigned, her office said.",
        "Daily C": "The vote is next week.",
    }, published=["2012-05-04", "2012-05-04", "2012-05-02"])
    findings = generate_findings({"articles": articles, "exclusive_mentions": table}, dropped=[])
    assert ("Every outlet except Daily C mentions Ann Lee (Daily C was published 2 days before the others, "
            "so it may predate this).") in findings.finding.tolist()


def test_articles_not_in_english_are_not_compared():
    _, table = _mentions({"Daily A": "Scholz will visit Moscow on Tuesday with Ann Lee.",
                          "Diario B": "Scholz visitará Moscú el martes con 300 asesores."}, english=[True, False])
    assert table.empty


def test_news_organisations_are_left_to_the_credits():
    articles, table = _mentions({"Daily A": "Ann Lee resigned, the Associated Press reported.",
                                 "Daily B": "Lee resigned on Monday."})
    assert set(table.shown) == {"Associated Press"}
    assert generate_findings({"articles": articles, "exclusive_mentions": table}, dropped=[]).empty


@pytest.mark.parametrize("item, text, found", [
    ({"kind": "name", "label": "PERSON", "forms": ["Maria Zakharova"]}, "Zakharova's statement", True),
    ({"kind": "name", "label": "PERSON", "forms": ["John Smith"]}, "John Ray spoke.", False),
    ({"kind": "name", "label": "PERSON", "forms": ["Condoleezza Rice"]}, "rice prices rose", False),
    ({"kind": "name", "label": "GPE", "forms": ["Russia"]}, "Russian troops", True),
    ({"kind": "name", "label": "ORG", "forms": ["US State Department"]}, "the State Department said", True),
    ({"kind": "name", "label": "ORG", "forms": ["OSCE"]},
     "the Organization for Security and Co-operation in Europe", True),
    ({"kind": "number", "label": "NUM", "value": 1.6e6}, "1,600,000 women", True),
    ({"kind": "number", "label": "NUM", "value": 22.0}, "a 22% cut", True),
    ({"kind": "number", "label": "NUM", "value": 100000.0}, "10,000 troops", False),
    ({"kind": "number", "label": "NUM", "value": 1.6e6}, "1.5 million women", True),
    ({"kind": "name", "label": "ORG", "forms": ["Romney-Ryan"]}, "Mr. Ryan said", True),
    ({"kind": "name", "label": "PERSON", "forms": ["Mo Cowen"]}, "Cowan, the interim senator", True),
    ({"kind": "name", "label": "ORG", "forms": ["House of Representatives"]}, "the House voted", True),
    ({"kind": "name", "label": "ORG", "forms": ["GOP"]}, "Republicans in the Senate", True),
    ({"kind": "name", "label": "GPE", "forms": ["U.S."]}, "the United States", True),
    ({"kind": "name", "label": "GPE", "forms": ["Connecticut"]}, "Newtown, Conn., where", True),
    ({"kind": "name", "label": "GPE", "forms": ["CT"]}, "a Connecticut town", True),
    ({"kind": "name", "label": "ORG", "forms": ["Bureau of Alcohol, Tobacco, Firearms and Explosives"]},
     "the ATF director", True),
    ({"kind": "name", "label": "ORG", "forms": ["ATF"]}, "the Bureau of Alcohol, Tobacco, Firearms and Explosives",
     True),
    ({"kind": "name", "label": "LAW", "forms": ["SB 1062"]}, "Senate Bill 1062, or SB1062, passed", True),
    ({"kind": "name", "label": "LAW", "forms": ["H.R. 3590"]}, "HR3590 passed", True),
    ({"kind": "name", "label": "LAW", "forms": ["SB 1062"]}, "HB 1062 passed", False),
])
def test_mention_found_in_any_spelling(item, text, found):
    assert mention_found(item, text) is found


def test_numbers_in_reads_digits_words_and_scales():
    assert numbers_in("1.5 million women, two dozen, 3bn and 12,500") == [1.5e6, 3e9, 12500.0, 24.0]


def test_mentions_check_on_raw_text():
    raw = RawText(pd.DataFrame({"article_id": ["a", "b"], "outlet": ["Daily A", "Daily B"],
                                "body": ["Olaf Scholz spoke.", "The chancellor, Mr. Scholz, spoke."]}))
    claim = {"kind": "mentions", "outlet": "Daily A", "relation": "only",
             "items": [{"kind": "name", "label": "PERSON", "forms": ["Olaf Scholz"], "shown": "Olaf Scholz"}]}
    assert CHECKS["mentions"](claim, raw) == "Daily B's article also mentions Olaf Scholz"
    claim = {**claim, "outlet": "Daily B", "relation": "all_but"}
    assert CHECKS["mentions"](claim, raw) == "Daily B's article does mention Olaf Scholz"


def test_abbreviations_first_names_and_dates_are_no_names_or_figures_of_their_own():
    _, table = _mentions({
        "Daily A": "Joe spoke to Tom Ray, Okla. on the 9/11 anniversary. Ann Lee said 19 separate bills failed.",
        "Daily B": "Ann Lee spoke.",
    })
    assert set(table.shown) == {"Tom Ray", "19"}


def test_generic_bodies_and_scraps_of_text_are_no_names_of_their_own():
    _, table = _mentions({
        "Daily A": "The Senate and the White House met. W]e know, said Cong. Ray of Tom Wood's party. The lesbian "
                   "group met.",
        "Daily B": "Ray spoke.",
    })
    assert set(table.shown) == {"Tom Wood"}


def test_a_figure_counts_a_plural_noun_not_a_verb():
    _, table = _mentions({"Daily A": "The fund of $400,000 has grown to 300 schools.", "Daily B": "The fund grew."})
    assert set(table.shown) == {"$400,000", "300 schools"}


def test_two_people_who_share_a_surname_are_not_one_mention():
    articles, table = _mentions({
        "Daily A": "The host Ed Schultz moved to a new channel.",
        "Daily B": "Rep. Debbie Wasserman Schultz stepped down as party chair.",
        "Daily C": "The party chose a new chair.",
    })
    # neither "every outlet except Daily C mentions Debbie Wasserman Schultz" nor one Schultz for two people
    assert not table.shown.str.contains("Schultz").any()


def test_a_number_after_a_names_a_thing_and_counts_nothing():
    _, table = _mentions({
        "Daily A": "A 911 caller saw the crash, and a $25 million repair and a 40 percent rise in fares followed.",
        "Daily B": "The crash closed the line.",
    })
    assert set(table.shown) == {"$25 million", "40 percent"}  # the phone number is no figure


@pytest.mark.parametrize("item, text", [
    ({"kind": "name", "label": "ORG", "forms": ["NAACP"]}, "the N.A.A.C.P. said"),
    ({"kind": "name", "label": "ORG", "forms": ["Big Government"]}, "a post on biggovernment.com"),
])
def test_dotted_acronyms_and_web_addresses_name_the_same_body(item, text):
    assert mention_found(item, text)


def test_a_place_in_a_title_and_a_number_in_a_name_are_no_mentions_of_their_own():
    _, table = _mentions({
        "Daily A": "The former Alaska Gov. Sarah Palin spoke to the group Project 21.",
        "Daily B": "Palin spoke.",
    })
    assert set(table.shown) == {"Project 21"}  # the group's name, not the figure 21, nor Alaska


def test_a_lone_capitalised_word_opening_a_sentence_is_no_name():
    _, table = _mentions({"Daily A": "Batting last, Ann Lee won. Lee thanked Tom Ray.", "Daily B": "Ann Lee won."})
    assert set(table.shown) == {"Tom Ray"}


def test_a_date_gap_to_outlets_published_on_different_days_is_a_least():
    articles, table = _mentions({
        "Daily A": "Senator Ann Lee resigned on Friday.",
        "Daily B": "Senator Ann Lee resigned, her office said.",
        "Daily C": "The vote is next week.",
    }, published=["2012-05-05", "2012-05-04", "2012-05-02"])
    findings = generate_findings({"articles": articles, "exclusive_mentions": table}, dropped=[])
    assert ("Every outlet except Daily C mentions Ann Lee (Daily C was published at least 2 days before the "
            "others, so it may predate this).") in findings.finding.tolist()


def test_no_date_remark_when_the_page_address_contradicts_the_manifest():
    articles, table = _mentions({
        "Daily A": "Senator Ann Lee resigned on Friday.",
        "Daily B": "Senator Ann Lee resigned, her office said.",
        "Daily C": "The vote is next week.",
    }, published=["2012-05-04", "2012-05-04", "2012-05-02"],
       url=["", "", "http://daily-c.example/2012/05/04/lee.html"])
    findings = generate_findings({"articles": articles, "exclusive_mentions": table}, dropped=[])
    assert "Every outlet except Daily C mentions Ann Lee." in findings.finding.tolist()


def test_a_person_another_article_may_name_by_title_alone_is_not_listed():
    # "the senator" in Daily C may be Ann Lee: that Daily C leaves her out cannot be said
    articles, table = _mentions({
        "Daily A": "Senator Ann Lee resigned on Friday. Tom Ray, a spokesman for the county, confirmed it.",
        "Daily B": "Sen. Ann Lee resigned, her office said.",
        "Daily C": "The senator will decide next week, a county spokesman said.",
    })
    assert table.empty, table[["outlet", "relation", "shown"]]


def test_names_and_figures_only_in_quotation_marks_are_the_speakers_not_the_outlets():
    _, table = _mentions({
        "Daily A": 'Ann Lee said: "Even 45,000 people and Tom Ray could not stop us." Lee left with Kim Park.',
        "Daily B": "Ann Lee spoke.",
    })
    assert set(table.shown) == {"Kim Park"}


def test_a_first_name_alone_and_places_are_not_listed():
    # the other articles may name Sandra in full; a city names its state, which no text check can see
    _, table = _mentions({"Daily A": "Ann Lee and her wife Sandi flew from Miami to Boston with Tom Ray.",
                          "Daily B": "Ann Lee and Sandra Lee flew to Florida."})
    assert set(table.shown) == {"Tom Ray"}


@pytest.mark.parametrize("first, other", [
    # the same article writes the word in lower case
    ("Local Republican Party affiliates met. The local chapter agreed with Tom Ray.", "The Republican Party met."),
    # another article of the run does
    ("Local Republican Party affiliates met. Tom Ray agreed.", "The local party met with the Republican Party."),
], ids=["same_article", "another_article"])
def test_a_sentences_first_word_written_lower_in_the_run_makes_no_name(first, other):
    _, table = _mentions({"Daily A": first, "Daily B": other})
    assert set(table.shown) == {"Tom Ray"}


def test_a_person_another_article_names_by_their_tie_to_someone_is_not_listed():
    # "Lee's lawyer" and "her partner" in Daily B can only be the people Daily A names
    _, table = _mentions({
        "Daily A": "Ann Lee sent a letter from her lawyer, Tom Ray III, and thanked her partner, Kim Park. "
                   "Ray said she would not testify.",
        "Daily B": "Ann Lee's lawyer said she would not testify. Her partner stayed home.",
    })
    assert table.empty, table[["outlet", "relation", "shown"]]


def test_a_body_named_only_in_someones_job_title_is_no_mention():
    _, table = _mentions({
        "Daily A": "Acme Communications Director Ann Lee said the board met. Tom Ray agreed.",
        "Daily B": "A spokeswoman for the board said it met.",
    })
    assert set(table.shown) == {"Ann Lee", "Tom Ray"}


def test_a_laws_nickname_names_the_law():
    _, table = _mentions({"Daily A": "Tom Ray voted to keep the Affordable Care Act.",
                          "Daily B": "Tom Ray voted to keep Obamacare."})
    assert table.empty, table[["outlet", "relation", "shown"]]


def test_a_stations_letters_before_its_newscast_name_the_station():
    _, table = _mentions({"Daily A": "In an interview with KBFX Eyewitnesses News, Tom Ray said he would run.",
                          "Daily B": "Tom Ray told KBFX-TV in Bakersfield that he would run."})
    assert table.empty, table[["outlet", "relation", "shown"]]
