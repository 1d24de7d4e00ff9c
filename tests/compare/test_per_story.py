"""Outlets are compared within each story: a folder holding two events never aligns or pairs across them.

The folder is the two seed articles (one story) and two short articles, written for this test, about
another event that shares the seeds' cast (Antony Blinken, the State Department) and one of their
remarks' words, so that a comparison across stories would find matches if it were made.
"""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from conftest import SEEDS

MEKONG_A = """Blinken Opens Talks On Mekong Water Dispute

BANGKOK - US Secretary of State Antony Blinken arrived in Bangkok on Tuesday to open talks on the Mekong \
water dispute with ministers from Thailand, Laos and Cambodia. "The diplomatic road remains open. We will \
keep talking until the rivers are shared fairly," Blinken said at the opening session. The talks follow a dry \
season in which river levels fell by 40 percent. Thai Foreign Minister Don Pramudwinai said the region needed \
a binding agreement before the next monsoon.
"""

MEKONG_B = """Mekong Talks Begin In Bangkok

Antony Blinken, the US Secretary of State, told reporters in Bangkok that a diplomatic path remains open, \
and that "we will keep talking until the rivers are shared fairly." Ministers from Thailand, Laos and Cambodia met \
for the first day of talks on the Mekong water dispute after river levels fell by 40 percent in the dry \
season. Cambodian officials said they hoped for a deal by December, and the State Department said the talks \
would resume in Vientiane.
"""


def _chain(folder) -> dict[str, pd.DataFrame]:
    """Ingest, stories, entities, quotes, alignment, mentions and findings, as the notebooks run them."""
    import newsprism.entities.extract as entities_mod
    import newsprism.quotes.extract as quotes_mod
    from newsprism.compare.align import align_sentences
    from newsprism.compare.findings import generate_findings
    from newsprism.compare.mentions import exclusive_mentions
    from newsprism.entities.naming import naming_table
    from newsprism.ingest.folder import ingest_folder
    from newsprism.ingest.stories import find_stories
    from newsprism.quotes.pairs import align_quotes
    from newsprism.text.nlp import parse

    articles = ingest_folder(folder).articles
    articles["story"], stories = find_stories(articles)
    docs = [parse(body) for body in articles.body]
    entities = entities_mod.canonicalise_across(pd.concat(
        [entities_mod.entities_from_doc(doc).assign(article_id=aid) for doc, aid in zip(docs, articles.article_id)],
        ignore_index=True))
    quotes = quotes_mod.quotes_table(articles, docs, entities)
    tables = {"articles": articles, "stories": stories, "entities": entities, "quotes": quotes,
              "quote_pairs": align_quotes(quotes, articles), "naming": naming_table(entities, articles),
              "alignment": align_sentences(articles, docs)}
    tables["exclusive_mentions"] = exclusive_mentions(tables["alignment"], articles)
    tables["findings"] = generate_findings(tables, dropped=[])
    return tables


@pytest.fixture(scope="module")
def two_stories(tmp_path_factory):
    folder = tmp_path_factory.mktemp("two-stories")
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    (folder / "mekong_a.txt").write_text(MEKONG_A, encoding="utf-8")
    (folder / "mekong_b.txt").write_text(MEKONG_B, encoding="utf-8")
    seeds = sorted(p.name for p in SEEDS.glob("*.txt"))
    (folder / "manifest.csv").write_text(
        "file,outlet,published,story\n"
        f"{seeds[0]},Sputnik International,2022-02-13,kyiv\n{seeds[1]},VOI (Jakarta),2022-02-13,kyiv\n"
        "mekong_a.txt,Harbor Times,2022-06-07,mekong\nmekong_b.txt,Valley Post,2022-06-07,mekong\n",
        encoding="utf-8")
    return _chain(folder), _chain(SEEDS)


def test_no_sentence_is_aligned_with_another_storys_sentence(two_stories):
    tables, _ = two_stories
    story_of = tables["articles"].set_index("article_id")["story"]
    alignment = tables["alignment"]
    matched = alignment.dropna(subset=["best_match_article_id"])
    assert set(tables["articles"].story) == {"kyiv", "mekong"}
    assert len(matched) > 0
    assert (matched.article_id.map(story_of) == matched.best_match_article_id.map(story_of)).all()
    # Each sentence is compared with the other outlet of its own story only: one row per sentence.
    assert alignment.groupby(["article_id", "sentence"]).size().max() == 1
    mekong = alignment[alignment.article_id.map(story_of) == "mekong"]
    assert set(mekong.match_outlet) == {"Harbor Times", "Valley Post"}


def test_the_same_remark_pairs_within_its_story_only(two_stories):
    tables, _ = two_stories
    story_of = tables["articles"].set_index("article_id")["story"]
    pairs = tables["quote_pairs"]
    assert (pairs.article_id_a.map(story_of) == pairs.article_id_b.map(story_of)).all()
    mekong = pairs[pairs.article_id_a.map(story_of) == "mekong"]
    assert mekong.content_a.str.contains("rivers are shared fairly").any()


def test_each_story_gives_the_tables_it_gives_alone(two_stories):
    tables, seeds = two_stories
    kyiv_ids = set(tables["articles"].article_id[tables["articles"].story == "kyiv"])
    alignment = tables["alignment"][tables["alignment"].article_id.isin(kyiv_ids)].reset_index(drop=True)
    pd.testing.assert_frame_equal(alignment, seeds["alignment"])
    pairs = tables["quote_pairs"][tables["quote_pairs"].article_id_a.isin(kyiv_ids)].reset_index(drop=True)
    pd.testing.assert_frame_equal(pairs, seeds["quote_pairs"])
    for name in ("naming", "exclusive_mentions"):
        story_rows = tables[name][tables[name].story == "kyiv"].drop(columns="story").reset_index(drop=True)
        pd.testing.assert_frame_equal(story_rows, seeds[name].reset_index(drop=True), check_dtype=False)
    assert "story" not in seeds["naming"] and "story" not in seeds["exclusive_mentions"]


def test_every_finding_names_its_story(two_stories):
    tables, seeds = two_stories
    findings = tables["findings"]
    assert set(findings.story) >= {"kyiv"}
    assert all(f.startswith(f"In story {s}") for f, s in zip(findings.finding, findings.story))
    kyiv = findings[findings.story == "kyiv"]
    assert [f.split(": ", 1)[1] for f in kyiv.finding] == seeds["findings"].finding.tolist()
    assert "story" not in seeds["findings"]


def test_without_stories_the_two_events_would_be_compared(two_stories):
    # The folder is a real test: read as one story, the Mekong articles match the seeds.
    from newsprism.quotes.pairs import align_quotes

    tables, _ = two_stories
    articles = tables["articles"].drop(columns="story")
    story_of = tables["articles"].set_index("article_id")["story"]
    pairs = align_quotes(tables["quotes"], articles)
    assert (pairs.article_id_a.map(story_of) != pairs.article_id_b.map(story_of)).any()


def test_a_story_told_by_one_outlet_is_not_compared(two_stories, monkeypatch):
    # Most stories of a corpus may be one outlet's: each is skipped, not searched for contrasts it cannot hold.
    import newsprism.compare.findings as findings_mod
    from newsprism.compare.mentions import exclusive_mentions

    tables, _ = two_stories
    articles = tables["articles"].assign(outlet=lambda t: t.outlet.replace({"Valley Post": "Harbor Times"}))
    one_outlet = {**tables, "articles": articles}
    compared = []
    story_findings = findings_mod._story_findings
    monkeypatch.setattr(findings_mod, "_story_findings", lambda story_tables, *rest: compared.append(
        set(story_tables["articles"].story)) or story_findings(story_tables, *rest))
    findings = findings_mod.generate_findings(one_outlet, dropped=[])
    assert compared == [{"kyiv"}]
    pd.testing.assert_frame_equal(findings.reset_index(drop=True), tables["findings"][tables["findings"].story == "kyiv"]
                                  .reset_index(drop=True))
    mentions = exclusive_mentions(tables["alignment"], articles)
    assert set(mentions.story) == {"kyiv"} and len(mentions) == (tables["exclusive_mentions"].story == "kyiv").sum()


def test_stories_findings_found_by_two_processes_are_those_found_by_one(two_stories, monkeypatch):
    import newsprism.compare.findings as findings_mod

    tables, _ = two_stories
    alone, dropped_alone = findings_mod.generate_findings(tables, dropped=(dropped := [])), dropped
    monkeypatch.setattr(findings_mod, "MIN_STORIES_FOR_PROCESSES", 1)  # two stories: a pool only when told to
    pooled = findings_mod.generate_findings(tables, dropped=(dropped_pooled := []), workers=2)
    assert set(pooled.story) == {"kyiv", "mekong"} and len(pooled) > 2
    pd.testing.assert_frame_equal(pooled, alone)
    assert dropped_pooled == dropped_alone


def test_alignment_and_exclusive_mentions_found_by_two_processes_are_those_found_by_one(two_stories, monkeypatch):
    import newsprism.compare.align as align_mod
    import newsprism.ingest.stories as stories_mod
    from newsprism.compare.mentions import exclusive_mentions
    from newsprism.text.nlp import parse

    tables, _ = two_stories
    articles = tables["articles"]
    sentences = align_mod.sentences_table(articles, [parse(body) for body in articles.body])
    # Two stories: a pool only when told to.
    monkeypatch.setattr(align_mod, "MIN_STORIES_FOR_PROCESSES", 1)
    monkeypatch.setattr(stories_mod, "MIN_STORIES_FOR_PROCESSES", 1)
    pooled = align_mod.align_sentence_table(articles, sentences, workers=2)
    pd.testing.assert_frame_equal(pooled, tables["alignment"])
    mentions = exclusive_mentions(pooled, articles, workers=2)
    assert set(mentions.story) == {"kyiv", "mekong"}
    pd.testing.assert_frame_equal(mentions, tables["exclusive_mentions"])
