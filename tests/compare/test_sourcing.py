"""Sourcing findings: credits stated only as far as the text shows them, unnamed sources never ranked on a low count."""

from __future__ import annotations

import pandas as pd

from newsprism.compare.findings import generate_findings
from newsprism.framing.markers import find_markers


def _findings(bodies: dict[str, str], dropped: list | None = None) -> pd.DataFrame:
    articles = pd.DataFrame({"article_id": list("abc")[: len(bodies)], "outlet": list(bodies),
                             "body": list(bodies.values()), "headline": [""] * len(bodies), "credits": ["[]"] * len(bodies)})
    markers = []
    for aid, body in zip(articles.article_id, articles.body):
        found = find_markers(body)
        markers.append(found.assign(article_id=aid))
    found = generate_findings({"articles": articles, "markers": pd.concat(markers, ignore_index=True)}, dropped=dropped)
    return found[found.topic == "sourcing"]


def test_an_outlet_that_names_an_outlet_is_never_said_to_credit_none():
    bodies = {
        "Daily A": "The mayor will resign, according to the Washington Post. She did not comment.",
        "Daily B": "The mayor will resign. She said on CNN that she was tired.",
        "Daily C": "The mayor will resign. She gave no reason.",
    }
    dropped: list[dict] = []
    assert _findings(bodies, dropped).empty
    # Which outlets each one cites is a kind hand checks found right too rarely to state: it is set
    # aside with the reason, and says what the text shows.
    (row,) = [d for d in dropped if d["measured_as"] == "credits"]
    assert row["reason"].startswith("not stated: when we checked")
    sentence = row["finding"]
    assert "Daily A cites The Washington Post" in sentence
    assert "Daily C names no other agency or outlet" in sentence
    assert "Daily B" not in sentence  # CNN is only where she spoke: no credit, but no "none" either


def test_a_magazine_the_story_is_about_is_no_credit():
    articles = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["Daily A", "Daily B"],
                             "body": ["Newsweek responded to the critics of its cover.", "The cover angered critics."],
                             "headline": ["Newsweek cover angers critics", "Cover angers critics"], "credits": ["[]"] * 2})
    markers = pd.concat([find_markers(text, where=where).assign(article_id=a)
                         for a, b, h in zip(articles.article_id, articles.body, articles.headline)
                         for text, where in ((b, "body"), (h, "headline"))], ignore_index=True)
    findings = generate_findings({"articles": articles, "markers": markers})
    assert not findings.finding.str.contains("cites Newsweek").any()


def test_unnamed_sources_are_contrasted_only_with_outlets_that_have_none():
    aide = "Two officials said the plan would pass. A senior aide said the vote was close. "
    findings = _findings({"Daily A": aide, "Daily B": "Aides said the vote was close.", "Daily C": "The vote was close."})
    sentence = findings[findings.measured_as == "anonymous_sources"].finding.iat[0]
    assert sentence.startswith("Daily A relies on at least 2 unnamed sources")
    assert sentence.endswith("Daily C on none.")
    # Daily B has an unnamed source the count may miss: it is never said to have none.
    assert "Daily B on none" not in sentence
    # No outlet without unnamed sources: no contrast to state.
    assert _findings({"Daily A": aide, "Daily B": "Officials said the vote was close."}).query(
        "measured_as == 'anonymous_sources'").empty


def test_a_spokesperson_and_a_back_reference_are_not_unnamed_sources():
    findings = _findings({"Daily A": "A spokesman for the senator said she would vote no. The aide said more would follow.",
                          "Daily B": "The vote was close."})
    assert findings[findings.measured_as == "anonymous_sources"].empty


def test_an_outlet_crediting_itself_and_citing_others_is_not_said_to_credit_only_itself():
    bodies = {
        "Fox News": "The mayor told Fox News she will resign, as the Kansas City Star first reported.",
        "HuffPost": "The mayor will resign, she told HuffPost on Monday.",
        "The New York Times": "The mayor will resign. She gave no reason.",
    }
    sentence = " ".join(_findings(bodies).finding)
    assert 'Fox News credits itself ("told Fox News") and names other outlets too;' in sentence
    assert 'HuffPost credits itself ("told HuffPost");' in sentence


def test_a_station_or_a_show_named_as_the_venue_is_no_credit_to_none():
    # Daily B names no outlet of the lists, but a station and a radio show are outlets all the same
    bodies = {
        "Fox News": "The mayor will not resign, she told Fox News. She did not comment further.",
        "HuffPost": "The mayor told WMUR she would stay, and repeated it on a radio show.",
    }
    assert _findings(bodies).empty
    bodies["HuffPost"] = "The mayor said she would stay, and repeated it later."
    assert _findings(bodies).finding.tolist() == [
        "Fox News credits itself (\"told Fox News\"); HuffPost names no other agency or outlet."]


def test_an_outlet_printing_another_outlets_sentences_word_for_word_is_not_said_to_name_no_source():
    copy = ("The school board approved the new boundaries in October after a long public hearing that drew "
            "more than two hundred parents and several local officials.")
    bodies = {
        "Fox News": f"The mayor will not resign, she told Fox News. {copy}",
        "HuffPost": f"The mayor said she would stay. {copy}",
    }
    dropped: list[dict] = []
    assert _findings(bodies, dropped).empty
    (row,) = [d for d in dropped if d["measured_as"] == "agency_credits"]
    assert "word for word" in row["reason"]
