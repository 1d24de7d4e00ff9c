"""Sentence alignment across outlets and the facts only one outlet reports, on the seeds and on small texts."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import yaml

from newsprism.compare.align import (
    ALIGNMENT_COLUMNS,
    EXCLUSIVE_COLUMNS,
    MATCH_THRESHOLD,
    align_sentences,
    exclusive_facts,
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
    return articles, alignment, exclusive_facts(alignment, articles)


def _row(alignment: pd.DataFrame, outlet: str, words: str) -> pd.Series:
    rows = alignment[(alignment.outlet == outlet) & alignment.text.str.contains(words, regex=False)]
    assert len(rows) == 1, f"{len(rows)} sentences of {outlet} contain {words!r}"
    return rows.iloc[0]


def test_alignment_columns_and_offsets(seeds):
    articles, alignment, _ = seeds
    assert list(alignment.columns) == ALIGNMENT_COLUMNS
    body = dict(zip(articles.article_id, articles.body))
    for row in alignment.itertuples():
        assert body[row.article_id][row.sent_start:row.sent_end] == row.text
        if row.best_match_article_id is not None:
            assert body[row.best_match_article_id][row.best_match_start:row.best_match_end].strip() == row.best_match_text


def test_blinken_quote_aligns_across_outlets(seeds):
    _, alignment, _ = seeds
    sputnik = _row(alignment, "Sputnik International", "we ordered the departure")
    assert sputnik.matched and sputnik.similarity >= MATCH_THRESHOLD
    assert "We ordered the departure of most of the Americans who are still" in sputnik.best_match_text
    # Kiev and Kyiv are the same city for the comparison.
    assert "kyiv" in sputnik.shared.split(", ")
    voi = _row(alignment, "VOI (Jakarta)", "The risk of Russian military action is high and")
    # Sputnik says it twice (Blinken's quote and the reporter's paraphrase); either is a right match.
    assert voi.matched and "imminent enough" in voi.best_match_text


def test_paraphrase_road_path_aligns(seeds):
    _, alignment, _ = seeds
    voi = _row(alignment, "VOI (Jakarta)", "The diplomatic road remains open")
    assert voi.matched
    assert "a diplomatic path remains open" in voi.best_match_text
    assert {"path", "remain", "open"} <= set(voi.shared.split(", "))


def test_only_voi_reports(seeds):
    _, _, facts = seeds
    assert list(facts.columns) == EXCLUSIVE_COLUMNS
    voi = facts[facts.outlet == "VOI (Jakarta)"]
    terms = ", ".join(voi.key_terms)
    for fact in ["100,000", "Olaf Scholz", "OSCE", "Donetsk", "14,000", "2014"]:
        assert fact in terms, f"{fact} not among VOI's exclusive facts: {terms}"
    troops = voi[voi.key_terms == "100,000"].iloc[0]
    # The troops are a detail inside a sentence both outlets tell (Blinken after talks with his counterparts).
    assert troops.kind == "detail"
    assert troops.text == "which has more than 100,000 troops assembled near Ukraine"
    # The four gold facts come first for a reader.
    top = " ".join(voi.head(4).text)
    assert all(word in top for word in ["100,000", "Scholz", "OSCE", "14,000"])


def test_only_sputnik_reports(seeds):
    _, _, facts = seeds
    sputnik = facts[facts.outlet == "Sputnik International"]
    texts = " ".join(sputnik.text)
    assert '"optimize" the staff' in texts
    assert "NATO's military activity" in texts
    assert "deliberately false information" in texts
    assert "Maria Zakharova" in ", ".join(sputnik.key_terms) and "Yury Ushakov" in ", ".join(sputnik.key_terms)


def test_shared_facts_are_not_exclusive(seeds):
    _, _, facts = seeds
    assert not facts.text.str.contains("ordered the departure").any()
    assert not facts.text.str.contains("diplomatic road remains open").any()


def test_offsets_of_facts_point_into_body(seeds):
    articles, _, facts = seeds
    body = dict(zip(articles.article_id, articles.body))
    for row in facts.itertuples():
        assert body[row.article_id][row.start:row.end] == row.text
        assert row.sent_start <= row.start and row.end <= row.sent_end


def test_three_outlets_and_max_outlets():
    bodies = {
        "Daily A": "The senate passed the budget bill by 51 votes to 49. Protesters gathered outside.",
        "Daily B": "By 51 votes to 49 the senate passed the budget bill. Protesters gathered outside the building.",
        "Daily C": "The budget bill passed the senate, 51 to 49. The president will sign it on Friday.",
    }
    articles = pd.DataFrame({"article_id": ["a1", "b1", "c1"], "outlet": list(bodies), "body": list(bodies.values())})
    alignment = align_sentences(articles, [parse(b) for b in articles.body])
    # Two rows per sentence: its best match in each other outlet.
    assert alignment.groupby(["article_id", "sentence"]).size().eq(2).all()
    only = exclusive_facts(alignment, articles, max_outlets=1)
    assert only.outlet.tolist() == ["Daily C"]
    assert "president will sign" in only.text.iat[0]
    two = exclusive_facts(alignment, articles)  # every outlet but one, by default
    protest = two[two.text.str.contains("Protesters")]
    assert set(protest.outlet) == {"Daily A", "Daily B"}
    assert set(protest.also_in) == {"Daily A", "Daily B"}


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


def test_foreign_language_outlet_is_not_evidence_of_absence():
    bodies = {"Daily A": "Scholz will visit Moscow on Tuesday. The talks are expected to fail.",
              "Diario B": "Scholz visitará Moscú el martes con 300 asesores."}
    articles = pd.DataFrame({"article_id": ["a1", "b1"], "outlet": list(bodies), "body": list(bodies.values()),
                             "english": [True, False]})
    facts = exclusive_facts(align_sentences(articles, [parse(b) for b in articles.body]), articles)
    # No whole sentence is "only in" either outlet; the number only Diario B gives is still a fact.
    assert set(facts.kind) == {"detail"}
    assert "300" in facts.loc[facts.outlet == "Diario B", "key_terms"].iat[0]
