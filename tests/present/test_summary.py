"""The summary's HTML views: evidence in context, escaped; facts per outlet; the glossary."""

from __future__ import annotations

import json

import pandas as pd

from newsprism.present.summary import evidence_html, findings_html, glossary, glossary_html, mentions_html

ARTICLES = pd.DataFrame({
    "article_id": ["sput", "voi"],
    "outlet": ["Sputnik International", "VOI (Jakarta)"],
    "body": ["Blinken claimed that the risk was <script>alert(1)</script> high.",
             "German Chancellor Olaf Scholz is due to meet Putin. The war has killed more than 14,000 people."],
})


def test_findings_list_the_sentence_and_its_evidence_in_context():
    evidence = json.dumps([{"article_id": "sput", "start": 8, "end": 15, "text": "claimed"}])
    findings = pd.DataFrame({"topic": ["voices"], "finding": ["Sputnik International writes 'claimed'."],
                             "evidence": [evidence]})
    page = findings_html(findings, ARTICLES)
    assert "Sputnik International writes &#x27;claimed&#x27;." in page
    assert "Blinken <mark>claimed</mark> that the risk" in page
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_credit_outside_the_body_is_shown_with_where_it_stood():
    evidence = json.dumps([{"article_id": "sput", "start": None, "end": None, "text": "(Sputnik)", "where": "dateline"}])
    assert evidence_html(evidence, ARTICLES) == (
        "<li><strong>Sputnik International</strong>: <mark>(Sputnik)</mark> (dateline)</li>")


def test_one_sentence_standing_as_evidence_twice_is_shown_once():
    # Two names of one finding found in the same sentence give that sentence twice.
    sentence = {"article_id": "voi", "start": 0, "end": 51, "text": "German Chancellor Olaf Scholz is due to meet Putin."}
    page = evidence_html(json.dumps([sentence, sentence]), ARTICLES)
    assert page.count("<li>") == 1 and "<mark>German Chancellor Olaf Scholz is due to meet Putin.</mark>" in page


def test_no_findings_says_so():
    empty = pd.DataFrame(columns=["topic", "finding", "evidence"])
    assert "no difference strong enough" in findings_html(empty, ARTICLES)


def test_mentions_are_grouped_by_outlet_with_their_sentence():
    body = ARTICLES.body[1]
    start = body.index("The war")
    evidence = [json.dumps([{"article_id": "voi", "start": s, "end": e, "text": body[s:e]}])
                for s, e in [(0, body.index(" is due")), (start, len(body))]]
    mentions = pd.DataFrame({"outlet": ["VOI (Jakarta)"] * 2, "relation": ["only"] * 2,
                             "shown": ["Olaf Scholz", "14,000 people"], "salience": [1.5, 2.0], "evidence": evidence})
    page = mentions_html(mentions, ARTICLES)
    assert page.startswith("<h4>Only VOI (Jakarta) mentions</h4>")
    assert page.index("14,000") < page.index("Olaf Scholz")  # most salient first


def test_glossary_explains_every_marker_type():
    types = set(glossary()["type"])
    assert {"attribution_verb", "scare_quote", "hedge", "loaded_label", "naming_variant",
            "source_credit", "anonymous_source", "headline"} <= types
    assert glossary_html().count("<dt>") == len(types)


def test_headline_evidence_is_cut_from_the_headline_not_the_body():
    articles = ARTICLES.assign(headline=["Blinken Doubles Down on 'Imminent Threat' Claims", "Talks"])
    evidence = json.dumps([{"article_id": "sput", "start": 24, "end": 41, "text": "'Imminent Threat'",
                            "where": "headline"}])
    item = evidence_html(evidence, articles)
    assert "on <mark>&#x27;Imminent Threat&#x27;</mark> Claims (headline)" in item
