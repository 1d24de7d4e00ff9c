"""The run's one cross-outlet model: who is who across outlets, and which statements correspond.

Every text here is written for these tests. A split actor ("Bill Clinton" in one outlet,
"William J. Clinton" in another) used to produce a false "only X quotes Y".
"""

from __future__ import annotations

import pandas as pd
import pytest

from newsprism.compare.findings import generate_findings
from newsprism.compare.model import merge_actors, person_key, state_of


def _tables(*articles: tuple[str, str, str, str]) -> dict[str, pd.DataFrame]:
    """Articles of outlets A, B, C, each with one quote: (body, speaker as resolved, mention, cue)."""
    rows, quotes = [], []
    for n, (outlet, body, speaker, mention) in enumerate(articles):
        aid = f"art{n}"
        rows.append({"article_id": aid, "outlet": outlet, "body": body, "headline": ""})
        start, cue_start = body.index(mention), body.index("said")
        quotes.append({"article_id": aid, "speaker": speaker, "speaker_mention": mention, "resolved": True,
                       "speaker_start": start, "speaker_end": start + len(mention), "cue": "said",
                       "cue_lemma": "say", "cue_start": cue_start, "cue_end": cue_start + 4,
                       "stance": "neutral", "anonymous": False})
    return {"articles": pd.DataFrame(rows), "quotes": pd.DataFrame(quotes)}


def _only_findings(tables: dict[str, pd.DataFrame]) -> list[str]:
    findings = generate_findings(tables, dropped=[])
    return [f for f in findings.finding if f.startswith(("Only", "All outlets except"))]


@pytest.mark.parametrize("a, b", [
    ("Bill Clinton", "William J. Clinton"),      # nickname and middle initial
    ("President Joe Biden", "Joseph Biden"),     # title and nickname
    ("Ms. Ann Lee", "Ann Lee"),                  # honorific
])
def test_one_person_under_two_names_is_one_voice(a, b):
    assert person_key(a) == person_key(b)
    tables = _tables(("Daily A", f"{a} said the plant will close in May.", a, a),
                     ("Daily B", f"The plant will close, {b} said on Monday.", b, b))
    assert _only_findings(tables) == []


def test_a_surname_two_people_share_supports_no_finding():
    actors = merge_actors(["Clinton", "Bill Clinton", "Hillary Clinton"])
    assert actors["Clinton"].kind == "ambiguous"
    assert actors["Bill Clinton"].name == "Bill Clinton" and actors["Hillary Clinton"].name == "Hillary Clinton"


def test_a_state_and_its_ministry_are_one_voice():
    assert state_of("the US State Department") == state_of("Washington") == state_of("United States")
    tables = _tables(("Daily A", "The US State Department said staff would leave Kyiv.", "US State Department",
                      "The US State Department"),
                     ("Daily B", "Washington said staff would leave the capital.", "United States", "Washington"))
    assert _only_findings(tables) == []


def test_people_of_one_country_are_named_not_claimed_as_a_group():
    # Daily B quotes a Russian official too: "only A quotes Russian officials" would be false,
    # "only A quotes the Russian officials X and Y" names who A quotes and stays true.
    body_a = ("Kremlin aide Yury Petrov said talks went well. Foreign Ministry spokeswoman Anna Orlova said "
              "the embassy stays open. Kremlin aide Yury Petrov said more talks would follow.")
    articles = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["Daily A", "Daily B"],
                             "body": [body_a, "Russian President Ivan Sokolov said the talks failed."],
                             "headline": ["", ""]})
    quotes = []
    for aid, body, speaker, mention in [("a", body_a, "Yury Petrov", "Kremlin aide Yury Petrov"),
                                        ("a", body_a, "Anna Orlova", "Foreign Ministry spokeswoman Anna Orlova"),
                                        ("b", articles.body[1], "Ivan Sokolov", "Russian President Ivan Sokolov")]:
        start = body.index(mention)
        cue = body.index("said", start)
        quotes.append({"article_id": aid, "speaker": speaker, "speaker_mention": mention, "resolved": True,
                       "speaker_start": start, "speaker_end": start + len(mention), "cue": "said",
                       "cue_lemma": "say", "cue_start": cue, "cue_end": cue + 4, "stance": "neutral",
                       "anonymous": False})
    found = _only_findings({"articles": articles, "quotes": pd.DataFrame(quotes)})
    assert "Only Daily B quotes Ivan Sokolov." in found
    assert not any("quotes Russian officials" in f for f in found)


def test_a_generation_suffix_is_not_the_surname():
    actors = merge_actors(["Thomas M. Davis III", "Davis", "John G. Roberts, Jr.", "Roberts"], {})
    assert actors["Davis"].key == actors["Thomas M. Davis III"].key
    assert actors["Roberts"].key == actors["John G. Roberts, Jr."].key
