"""The registry of marker kinds: every kind named once, documented in the glossary, and run by find_markers."""

from __future__ import annotations

import pandas as pd

from newsprism.framing.kinds import KIND_BY_NAME, KINDS
from newsprism.framing.kinds.common import Article, Attributions
from newsprism.framing.markers import MARKER_TYPES, find_markers, markers_from_doc
from newsprism.present.summary import glossary
from newsprism.quotes.extract import quotes_from_doc
from newsprism.text.nlp import parse


def test_marker_types_are_the_registered_kinds_in_order():
    assert MARKER_TYPES == tuple(kind.name for kind in KINDS)
    assert len(set(MARKER_TYPES)) == len(MARKER_TYPES) == len(KIND_BY_NAME)


def test_every_kind_has_a_glossary_entry():
    terms = set(glossary()["type"])
    for kind in KINDS:
        assert kind.name in terms
        assert kind.glossary["term"] and kind.glossary["what_it_is"]


def test_every_kind_finds_its_own_type():
    # 'peace' is the senior official's word (a partial quote); nobody is said to have used "truce" (a scare quote).
    doc = parse("Rebels near Donetsk allegedly fired on the 'peace' talks held by the Assad regime, "
                "a senior official said, citing Reuters. The \"truce\" ended. Critics slammed the controversial plan.")
    article = Article.build(doc, Attributions())
    for kind in KINDS:
        rows = kind.find(article)
        assert rows, kind.name
        assert {row["type"] for row in rows} == {kind.name}


def test_cues_of_the_quotes_table_are_taken_with_their_stance_and_speaker():
    # "found" without a clause is not a reporting use to the parse; the quotes stage's cue is kept as it says.
    doc = parse("The inspectors found problems.")
    quotes = pd.DataFrame({"cue_start": [15], "speaker": ["UN inspectors"], "stance": ["endorsing"]})
    row = markers_from_doc(doc, quotes=quotes).query("type == 'attribution_verb'").iloc[0]
    assert (row["text"], row["category"], row["about"], row["flagged"]) == ("found", "endorsing", "UN inspectors", True)
    assert markers_from_doc(doc, quotes=quotes.iloc[:0]).query("type == 'attribution_verb'").empty


def test_without_a_quotes_table_the_quotes_stage_is_asked():
    text = ('"Why can\'t Mitt Romney run his race and I\'ll run mine?" Akin continued. '
            'He later said that Paul Ryan told him to "give some thought" to it.')
    doc = parse(text)
    asked = markers_from_doc(doc, quotes=quotes_from_doc(doc)).drop(columns="about")
    assert find_markers(text).drop(columns="about").equals(asked)
