"""The per-article stage: batches of parses analysed as they come, the same tables as the whole-run functions,
and memory that does not grow with the number of articles."""

from __future__ import annotations

import random
import tracemalloc

import pandas as pd
import pytest

from newsprism.compare.align import align_sentence_table, align_sentences
from newsprism.entities.extract import canonicalise_across, entities_from_doc
from newsprism.framing.markers import markers_table
from newsprism.ingest.folder import ingest_folder
from newsprism.quotes.extract import quotes_table
from newsprism.run import stream
from newsprism.run.stream import analyse_articles, read_parts, run_markers, start_analysis
from newsprism.text.nlp import load_cached
from newsprism.text.parallel import has_had_threads, process_pool

from conftest import SEEDS


@pytest.fixture(scope="module")
def seeds():
    articles = ingest_folder(SEEDS).articles.reset_index(drop=True)
    articles["story"] = "1"
    return articles


@pytest.fixture(scope="module")
def streamed(seeds, tmp_path_factory):
    run = tmp_path_factory.mktemp("run")
    info = analyse_articles(seeds, run / "data", run / "cache")
    return run, info


def test_the_seeds_give_the_tables_of_the_whole_run_functions(seeds, streamed):
    run, info = streamed
    docs = load_cached(seeds["body"], run / "cache")
    frames = []
    for article_id, doc in zip(seeds["article_id"], docs):
        frames.append(entities_from_doc(doc).assign(article_id=article_id))
    entities = canonicalise_across(pd.concat(frames, ignore_index=True)[["article_id", *frames[0].columns[:-1]]])
    quotes = quotes_table(seeds, docs, entities)
    markers = markers_table(seeds, docs, quotes, entities)
    pd.testing.assert_frame_equal(read_parts(run / "data", "entities"), entities)
    pd.testing.assert_frame_equal(read_parts(run / "data", "quotes"), quotes)
    pd.testing.assert_frame_equal(read_parts(run / "data", "markers"), markers)
    aligned = align_sentence_table(seeds, read_parts(run / "data", "sentences"))
    pd.testing.assert_frame_equal(aligned, align_sentences(seeds, docs))
    assert (info["parsed"], info["reused"], info["sentences"]) == (2, 0, sum(len(list(d.sents)) for d in docs))


def test_speakers_take_the_name_other_articles_give_them(seeds, streamed):
    # The VOI seed calls him "Secretary of State Blinken" only; the Sputnik seed gives "Antony Blinken".
    quotes = read_parts(streamed[0] / "data", "quotes")
    voi = seeds.loc[seeds["outlet"] == "VOI (Jakarta)", "article_id"].item()
    said = quotes[(quotes["article_id"] == voi) & (quotes["speaker_mention"] == "Secretary of State Blinken")]
    assert said["speaker"].tolist() == ["Antony Blinken"]
    assert "Maria Zakharova" in set(quotes["speaker"])
    markers = read_parts(streamed[0] / "data", "markers")
    assert {"claimed", "Kiev"} <= set(markers["text"])


def test_batches_give_each_person_the_name_other_batches_give_them(seeds, streamed, tmp_path, monkeypatch):
    # Each seed in a batch of its own: "Blinken" in the VOI batch takes "Antony Blinken" from the Sputnik
    # batch, though no process holds both articles' entities; the tables are those of one batch.
    monkeypatch.setattr(stream, "BATCH_ARTICLES", 1)
    analyse_articles(seeds, tmp_path / "data", streamed[0] / "cache")
    assert len(list((tmp_path / "data" / "parts" / "quotes").glob("batch-*.parquet"))) == 2
    for table in stream.PART_TABLES:
        pd.testing.assert_frame_equal(read_parts(tmp_path / "data", table), read_parts(streamed[0] / "data", table))
    assert not (tmp_path / "data" / "parts" / stream.RAW_ENTITIES).exists()


def test_an_extra_lexicon_finds_its_words_again_from_the_stored_parses(seeds, streamed, tmp_path):
    run = streamed[0]
    lexicon = tmp_path / "mine.csv"
    lexicon.write_text("type,text,category,explanation\neuphemism,departure,euphemism,a softer word for leaving\n",
                       encoding="utf-8")
    plain = run_markers(seeds, run / "data", run / "cache")
    mine = run_markers(seeds, run / "data", run / "cache", lexicon)
    added = mine[mine["type"] == "euphemism"]
    assert set(added["text"].str.lower()) == {"departure"} and len(added) >= 2
    pd.testing.assert_frame_equal(mine[mine["type"] != "euphemism"].reset_index(drop=True), plain)


def tiny_articles(count: int, seed: int = 7) -> pd.DataFrame:
    """``count`` short made-up articles, each different (its own parse), about a few people and places."""
    rng = random.Random(seed)
    people = ["Anna Berg", "Tomas Kral", "Lena Ortiz", "Omar Haddad", "Mei Tanaka", "Piotr Nowak"]
    places = ["Oslo", "Lisbon", "Nairobi", "Quito", "Hanoi", "Tallinn"]
    rows = []
    for i in range(count):
        person, place = rng.choice(people), rng.choice(places)
        body = (f"{person} said on Monday that {place} would spend {rng.randint(2, 900)} million on road number {i}. "
                f"\"This is a {rng.choice(['good', 'risky', 'late'])} plan,\" {person.split()[1]} told reporters.")
        rows.append({"article_id": f"a{i:04d}", "outlet": f"Outlet {i % 3}", "headline": f"Roads for {place}",
                     "story": str(i % 5), "body": body})
    return pd.DataFrame(rows)


def _peak_bytes(articles: pd.DataFrame, folder) -> int:
    tracemalloc.start()
    try:
        analyse_articles(articles, folder / "data", folder / "cache")
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.slow
def test_memory_does_not_grow_with_the_number_of_articles(tmp_path):
    analyse_articles(tiny_articles(4), tmp_path / "warm" / "data", tmp_path / "warm" / "cache")  # load the pipeline
    small = _peak_bytes(tiny_articles(100), tmp_path / "small")
    large = _peak_bytes(tiny_articles(400), tmp_path / "large")
    # Measured: 8.7 MB at 100 articles, 10.6 MB at 400 (the tables grow); a batch of parses is all that is held,
    # while holding every parse would make 400 articles cost about four times as much as 100.
    assert large < 1.5 * small, (small, large)
    print(f"peak traced memory: {small / 1e6:.1f} MB at 100 articles, {large / 1e6:.1f} MB at 400")
    assert read_parts(tmp_path / "large" / "data", "sentences")["article_id"].nunique() == 400


@pytest.mark.slow
def test_processes_give_the_same_tables_as_one(tmp_path):
    articles = tiny_articles(3 * stream.BATCH_ARTICLES + 5)
    one = analyse_articles(articles, tmp_path / "one" / "data", tmp_path / "one" / "cache", workers=1)
    info = analyse_articles(articles, tmp_path / "two" / "data", tmp_path / "two" / "cache", workers=2)
    assert info == one and info["parsed"] == len(articles)
    assert info["model"].startswith("en_core_web_sm")  # named by the workers that loaded it
    for table in stream.PART_TABLES:
        pd.testing.assert_frame_equal(read_parts(tmp_path / "two" / "data", table),
                                      read_parts(tmp_path / "one" / "data", table))
    again = analyse_articles(articles, tmp_path / "two" / "data", tmp_path / "two" / "cache", workers=2)
    assert (again["parsed"], again["reused"]) == (0, len(articles))


def test_a_run_folder_without_the_stage_names_the_notebook(tmp_path):
    with pytest.raises(FileNotFoundError, match="run 01-ingest"):
        read_parts(tmp_path, "quotes")


def test_a_started_analysis_gives_the_tables_of_one_made_at_once_while_this_process_works(tmp_path):
    # 01-ingest starts the workers, groups the stories meanwhile, then finishes: the same tables as in one step.
    articles = tiny_articles(40)
    at_once = analyse_articles(articles, tmp_path / "one" / "data", tmp_path / "one" / "cache", workers=2)
    analysis = start_analysis(articles, tmp_path / "two" / "data", tmp_path / "two" / "cache", workers=2)
    assert analysis.processes == 2
    articles["story"] = "1"  # as 01-ingest writes the stories while the workers parse: they took their own copy
    info = analysis.finish()
    assert analysis.finish() is info  # a second call (a cell run again) does nothing again
    assert info == at_once
    for table in ("entities", "quotes", "markers", "sentences"):
        pd.testing.assert_frame_equal(read_parts(tmp_path / "one" / "data", table),
                                      read_parts(tmp_path / "two" / "data", table))


def test_workers_are_prepared_before_the_folder_is_read_only_for_a_folder_that_needs_them(tmp_path):
    # 01-ingest has the parse workers' server load the pipeline while it reads a large folder; a small one is
    # parsed in the notebook's own process, and one worker needs no server.
    for number in range(stream.MIN_ARTICLES_FOR_PROCESSES - 1):
        (tmp_path / f"{number:02d}.txt").write_text(f"Blinken said road {number} remains open.\n", encoding="utf-8")
    assert stream.prepare_workers(tmp_path, workers=2) is False
    (tmp_path / "last.txt").write_text("Lavrov claimed the talks were over.\n", encoding="utf-8")
    assert stream.prepare_workers(tmp_path, workers=1) is False
    assert stream.prepare_workers(tmp_path, workers=2) is True
    articles = ingest_folder(tmp_path).articles
    info = analyse_articles(articles, tmp_path / "run" / "data", tmp_path / "run" / "cache", workers=2)
    assert info["parsed"] == stream.MIN_ARTICLES_FOR_PROCESSES
    assert sorted(read_parts(tmp_path / "run" / "data", "quotes")["cue"].unique()) == ["claimed", "said"]


def test_a_started_analysis_whose_workers_fail_says_why_when_it_finishes(tmp_path):
    # The batches are handed to the workers in a thread; what goes wrong there is raised by finish().
    analysis = start_analysis(tiny_articles(40), tmp_path / "data", tmp_path / "cache", model="no_such_model",
                              workers=2)
    with pytest.raises(Exception, match="no_such_model"):
        analysis.finish()


def test_fresh_workers_leave_what_they_inherit_to_no_garbage_collection():
    # A fresh worker's collections (one per slice of stories in 05-summary) skip the modules and the pipeline it
    # inherited from the server: gc.freeze() as it starts (without it, nothing is frozen). The server this test
    # process started first decides what was preloaded, so only "some" is certain here (133,025 objects with the
    # stage's preloads).
    import gc

    with process_pool(2, fresh=True, preload=stream.WORKER_PRELOAD) as pool:
        assert pool.submit(gc.get_freeze_count).result() > 0


def _both_passes_then_whether_threads_ran(articles: pd.DataFrame, data_dir, cache_dir) -> bool | None:
    stream._first_pass_batch(articles, 0, data_dir, cache_dir, None)
    stream._second_pass_batch(articles, 0, {}, data_dir, cache_dir, None)
    return has_had_threads()


@pytest.mark.skipif(has_had_threads() is None, reason="glibc does not say whether a process has had threads")
def test_the_stage_workers_never_run_a_second_thread(tmp_path):
    # The parse is about 10% quicker in a process that has never had two threads (glibc's allocator); the
    # stage's workers keep it so through a batch's two passes (Parquet written, the scratch read back).
    articles = tiny_articles(40)
    with process_pool(2, fresh=True, preload=stream.WORKER_PRELOAD) as pool:
        answer = pool.submit(_both_passes_then_whether_threads_ran, articles, tmp_path / "data", tmp_path / "cache")
        assert answer.result() is False
    assert len(read_parts(tmp_path / "data", "quotes")) > 0
