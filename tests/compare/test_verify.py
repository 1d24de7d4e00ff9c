"""Every finding is checked against the articles' raw text before it is stated; hand-built texts only."""

from __future__ import annotations

import json

import pandas as pd

from newsprism.compare.findings import DROPPED_COLUMNS, FINDING_COLUMNS, generate_findings
from newsprism.compare.verify import CHECKS, RawText, check_evidence, verify_findings


def _articles(*bodies: str) -> pd.DataFrame:
    outlets = ["Daily A", "Daily B", "Daily C"][:len(bodies)]
    return pd.DataFrame({"article_id": list("abc"[:len(bodies)]), "outlet": outlets, "body": list(bodies),
                         "headline": [""] * len(bodies)})


def _quotes(rows: list[tuple]) -> pd.DataFrame:
    """Quotes at their real offsets: (article_id, body, speaker, mention, cue, lemma, stance)."""
    records = []
    for aid, body, speaker, mention, cue, lemma, stance in rows:
        start, cue_start = body.index(mention), body.index(cue)
        records.append({"article_id": aid, "speaker": speaker, "speaker_mention": mention, "resolved": True,
                        "speaker_start": start, "speaker_end": start + len(mention), "cue": cue, "cue_lemma": lemma,
                        "cue_start": cue_start, "cue_end": cue_start + len(cue), "stance": stance,
                        "anonymous": False})
    return pd.DataFrame(records)


A_BODY = "Maria Zakharova said the talks would go on. Officials in Kiev met on Monday."
B_TRUE = "The talks will go on, officials in Kyiv said. Zakharova was not at the meeting in Kyiv."
B_FALSE = "The talks will go on, officials in Kyiv said. Zakharova, the spokeswoman, said so on Monday."


def _only_quotes_tables(b_body: str) -> dict[str, pd.DataFrame]:
    articles = _articles(A_BODY, b_body)
    quotes = _quotes([("a", A_BODY, "Maria Zakharova", "Maria Zakharova", "said", "say", "neutral"),
                      ("b", b_body, "Kyiv", "officials in Kyiv", "said", "say", "neutral")])
    return {"articles": articles, "quotes": quotes}


def _voices(findings: pd.DataFrame | list) -> list[str]:
    rows = pd.DataFrame(findings, columns=DROPPED_COLUMNS) if isinstance(findings, list) else findings
    return [f for f in rows.finding if "Zakharova" in f]


def test_a_true_only_quotes_finding_is_kept():
    dropped = []
    findings = generate_findings(_only_quotes_tables(B_TRUE), dropped=dropped)
    assert _voices(findings) == ["Only Daily A quotes Maria Zakharova."]
    claim = json.loads(findings.loc[findings.finding == "Only Daily A quotes Maria Zakharova.", "claim"].iat[0])
    assert claim == {"kind": "only_quotes", "outlets": ["Daily A"], "speakers": ["Maria Zakharova"]}
    assert _voices(dropped) == []


def test_a_false_only_quotes_finding_is_dropped_with_its_reason():
    # The quotes table missed Daily B's "Zakharova, the spokeswoman, said": the raw text has it.
    dropped = []
    findings = generate_findings(_only_quotes_tables(B_FALSE), dropped=dropped)
    assert _voices(findings) == []
    (row,) = [d for d in dropped if "Zakharova" in d["finding"]]
    assert row["finding"] == "Only Daily A quotes Maria Zakharova."
    assert row["reason"] == ('Daily B also names Maria Zakharova next to a reporting word '
                             '("…zakharova the spokeswoman said…"), so Maria Zakharova may be quoted there too')
    assert list(row) == DROPPED_COLUMNS and DROPPED_COLUMNS == [*FINDING_COLUMNS, "reason"]


def test_a_name_after_told_or_that_is_not_a_speaker():
    claim = {"kind": "only_quotes", "outlets": ["Daily A"], "speakers": ["Jane Roe", "United States"]}
    raw = RawText(_articles("Jane Roe said so.", "Biden told Roe to wait. He said that the United States would."))
    assert CHECKS["only_quotes"](claim, raw) is None


def _cue_tables(b_body: str) -> dict[str, pd.DataFrame]:
    a_body = "Ann Lee claimed it was over. Lee claimed it again. Lee said more."
    articles = _articles(a_body, b_body)
    rows = [("a", a_body, "Ann Lee", "Ann Lee", "claimed it was", "claim", "distancing"),
            ("a", a_body, "Ann Lee", "Lee claimed", "claimed it again", "claim", "distancing"),
            ("a", a_body, "Ann Lee", "Lee said", "said more", "say", "neutral"),
            ("b", b_body, "Ann Lee", "Ann Lee", "said", "say", "neutral")]
    quotes = _quotes(rows)
    # The cue is the verb itself; the longer strings above only locate it.
    quotes["cue"] = quotes.cue.str.split().str[0]
    quotes["cue_end"] = quotes.cue_start + quotes.cue.str.len()
    return {"articles": articles, "quotes": quotes}


def test_never_uses_is_dropped_when_the_word_occurs():
    kept = generate_findings(_cue_tables("Ann Lee said it was over."), dropped=[])
    assert kept.finding.iat[0].startswith("Daily A introduces Ann Lee's statements with 'claimed' 2 times out of 3; "
                                          "Daily B never does")
    assert json.loads(kept.claim.iat[0])["kind"] == "never_uses"
    # Daily B does write "claims" (of someone the quotes table did not attribute): "never" is not sure.
    dropped = []
    findings = generate_findings(_cue_tables("Ann Lee said it was over. Critics dispute what she claims."),
                                 dropped=dropped)
    assert not findings.finding.str.contains("never does").any()
    (row,) = [d for d in dropped if "never does" in d["finding"]]
    assert row["reason"] == "Daily B does use the word 'claims', so it is not true that it never does"


def test_evidence_that_is_not_at_its_offsets_is_dropped():
    raw = RawText(_articles("Officials in Kiev met.", "Kyiv officials met."))
    assert check_evidence([{"article_id": "a", "start": 13, "end": 17, "text": "Kiev"}], raw) is None
    # Spacing, case and quotation-mark style do not count.
    raw2 = RawText(_articles("He called it a \u201creferendum\u201d\nthen.", "x"))
    assert check_evidence([{"article_id": "a", "start": 15, "end": 27, "text": '"Referendum"'}], raw2) is None
    findings = pd.DataFrame({"topic": ["naming"], "finding": ["Daily A writes Kiev."], "weight": [4.5],
                             "outlets": ["Daily A"], "claim": [""],
                             "evidence": [json.dumps([{"article_id": "a", "start": 0, "end": 4, "text": "Kiev"}])]})
    kept, dropped = verify_findings(findings, _articles("Officials in Kiev met.", "Kyiv."))
    assert kept.empty and dropped.reason.tolist() == [
        'the words "Kiev" shown as its evidence are not where the analysis placed them in Daily A\'s article']


def test_variant_choice_needs_the_raw_counts_to_agree():
    claim = {"kind": "variant_choice", "choices": {"Daily A": [["Kiev", 2]], "Daily B": [["Kyiv", 1]]}, "silent": []}
    assert CHECKS["variant_choice"](claim, RawText(_articles("Kiev and Kiev.", "Kyiv."))) is None
    assert CHECKS["variant_choice"](claim, RawText(_articles("Kiev, Kyiv and Kyiv.", "Kyiv."))) == \
        "Daily A's article writes Kyiv more often than Kiev"


def test_no_raw_text_means_nothing_is_checked():
    findings = pd.DataFrame({"finding": ["x"], "evidence": ['[{"article_id": "a", "start": 0, "end": 1, "text": "q"}]'],
                             "claim": ['{"kind": "never_uses", "outlets": ["A"], "word": "said"}']})
    kept, dropped = verify_findings(findings, pd.DataFrame({"article_id": ["a"], "outlet": ["A"]}))
    assert len(kept) == 1 and dropped.empty


def test_every_finding_of_the_seeds_passes_its_check(seeds_tables):
    """The whole chain on seeds/ (as in test_findings): nothing is dropped, the gold contrasts stay."""
    tables = seeds_tables
    dropped = []
    findings = generate_findings(tables, dropped=dropped)
    assert dropped == []
    assert findings.finding.tolist() == generate_findings(tables).finding.tolist()
    assert {json.loads(c)["kind"] for c in findings.claim if c} >= {"only_quotes", "never_uses", "variant_choice",
                                                                     "mentions", "count_contrast"}


def test_quotation_marks_claim_counts_marks_not_words():
    """'Daily B uses none' of Daily A's scare quotes: B may write the word, but not in quotation marks."""
    raw = RawText(_articles('Moscow will "optimize" its staff.', "Moscow will optimize its staff."))
    claim = {"kind": "quoted_words", "outlet": "Daily A", "examples": ["optimize"], "none": ["Daily B"]}
    assert CHECKS["quoted_words"](claim, raw) is None
    marked = RawText(_articles('Moscow will "optimize" its staff.', "Moscow will ‘optimize’ its staff."))
    assert CHECKS["quoted_words"](claim, marked) == "Daily B's article also puts \"optimize\" in quotation marks"
    unmarked = RawText(_articles("Moscow will optimize its staff.", "Talks went on."))
    assert CHECKS["quoted_words"](claim, unmarked) == "\"optimize\" is not in quotation marks in Daily A's article"
