"""Sentence alignment across outlets, on the seeds and on small texts."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import yaml

from newsprism.compare.align import (
    ALIGNMENT_COLUMNS,
    MATCH_THRESHOLD,
    align_sentences,
    normalise_name,
    sentence_terms,
)
from newsprism.text.nlp import parse

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "seeds_contrasts.yaml"


def _seed_articles() -> pd.DataFrame:
    """The two seed bodies, cut from seeds/ where the answer key says they start and end."""
    rows = []
    for seed in yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))["seed_bodies"]:
        raw = (ROOT / "seeds" / seed["file"]).read_text(encoding="utf-8")
        start = raw.index(seed["body_first"])
        body = raw[start:raw.index(seed["body_last"]) + len(seed["body_last"])]
        lines = [line for line in body.split("\n") if line.strip() not in seed["furniture"]]
        rows.append({"article_id": seed["article_id"], "outlet": seed["outlet"], "body": "\n".join(lines) + "."})
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def seeds():
    articles = _seed_articles()
    docs = [parse(body) for body in articles.body]
    alignment = align_sentences(articles, docs)
    return articles, alignment


def _row(alignment: pd.DataFrame, outlet: str, words: str) -> pd.Series:
    rows = alignment[(alignment.outlet == outlet) & alignment.text.str.contains(words, regex=False)]
    assert len(rows) == 1, f"{len(rows)} sentences of {outlet} contain {words!r}"
    return rows.iloc[0]


def test_alignment_columns_and_offsets(seeds):
    articles, alignment = seeds
    assert list(alignment.columns) == ALIGNMENT_COLUMNS
    body = dict(zip(articles.article_id, articles.body))
    for row in alignment.itertuples():
        assert body[row.article_id][row.sent_start:row.sent_end] == row.text
        if row.best_match_article_id is not None:
            assert body[row.best_match_article_id][row.best_match_start:row.best_match_end].strip() == row.best_match_text


def test_blinken_quote_aligns_across_outlets(seeds):
    _, alignment = seeds
    sputnik = _row(alignment, "Sputnik International", "we ordered the departure")
    assert sputnik.matched and sputnik.similarity >= MATCH_THRESHOLD
    assert "We ordered the departure of most of the Americans who are still" in sputnik.best_match_text
    # Kiev and Kyiv are the same city for the comparison.
    assert "kyiv" in sputnik.shared.split(", ")
    voi = _row(alignment, "VOI (Jakarta)", "The risk of Russian military action is high and")
    # Sputnik says it twice (Blinken's quote and the reporter's paraphrase); either is a right match.
    assert voi.matched and "imminent enough" in voi.best_match_text


def test_paraphrase_road_path_aligns(seeds):
    _, alignment = seeds
    voi = _row(alignment, "VOI (Jakarta)", "The diplomatic road remains open")
    assert voi.matched
    assert "a diplomatic path remains open" in voi.best_match_text
    assert {"path", "remain", "open"} <= set(voi.shared.split(", "))


def test_three_outlets_each_sentence_matched_in_each_other_outlet():
    bodies = {
        "Daily A": "The senate passed the budget bill by 51 votes to 49. Protesters gathered outside.",
        "Daily B": "By 51 votes to 49 the senate passed the budget bill. Protesters gathered outside the building.",
        "Daily C": "The budget bill passed the senate, 51 to 49. The president will sign it on Friday.",
    }
    articles = pd.DataFrame({"article_id": ["a1", "b1", "c1"], "outlet": list(bodies), "body": list(bodies.values())})
    alignment = align_sentences(articles, [parse(b) for b in articles.body])
    # Two rows per sentence: its best match in each other outlet.
    assert alignment.groupby(["article_id", "sentence"]).size().eq(2).all()
    budget = alignment[alignment.text.str.contains("budget")]
    assert budget.matched.all()  # the same vote told three ways
    assert not alignment[alignment.text.str.contains("president will sign")].matched.any()


def test_one_outlet_and_mismatched_docs():
    articles = pd.DataFrame({"article_id": ["a1"], "outlet": ["Daily A"], "body": ["Talks failed. Troops left."]})
    alignment = align_sentences(articles, [parse(articles.body.iat[0])])
    assert alignment.matched.tolist() == [False, False]
    assert alignment.match_outlet.isna().all()
    with pytest.raises(ValueError, match="a1"):
        align_sentences(articles, [parse("Another text.")])
    with pytest.raises(ValueError, match="1 articles but 0"):
        align_sentences(articles, [])


def test_names_and_numbers_are_normalised():
    assert normalise_name("the United States") == normalise_name("U.S.") == normalise_name("Washington")
    counts, names = sentence_terms(next(parse("More than 14,000 people died in Kiev in 2014.").sents))
    kinds = {n["text"]: n["kind"] for n in names}
    assert kinds["14,000"] == "number" and kinds["2014"] == "year"
    assert "#14000" in counts and "kyiv" in counts
    assert all(json.dumps(n) for n in names)
