"""A corpus' work story by story, a slice of stories at a time: 05-summary's comparisons and the story pages.

Each story's comparison (sentence alignment, exclusive mentions, findings) and each story's page need its
own rows only, but a corpus' tables are large: 05 had held every table at once (1.4 GB at 10,000
articles) to hand each worker its stories' rows, and the story pages did the same. For a corpus of
:data:`~newsprism.text.parallel.MIN_STORIES_FOR_PROCESSES` stories or more, :func:`compare_stories`
cuts the tables once into slices of whole stories on disk (one table read at a time, as Arrow
tables), and each worker reads its slice, compares its stories exactly as a whole run does, writes the
slice's alignment and returns its mentions and findings. The slices are consecutive stories in the
order the findings and the alignment are reported in (most articles first), so putting the slices'
results one after the other gives the whole run's tables. :func:`map_slices` is the part both use.
"""

from __future__ import annotations

import functools
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from newsprism.compare.align import align_sentence_table
from newsprism.compare.findings import DROPPED_COLUMNS, generate_findings, story_tables
from newsprism.compare.mentions import exclusive_mentions
from newsprism.ingest.stories import joined_rows, stories_largest_first, story_of_articles, story_rows
from newsprism.run.runfolder import RunFolder, neutralise_formulas, read_tables, write_table
from newsprism.run.stream import parts_dir, read_parts
from newsprism.text.parallel import (MIN_STORIES_FOR_PROCESSES, map_in_processes, release_memory, start_fresh_server,
                                     write_parquet)

#: Tables with a row per article (or per pair of articles), cut into slices of stories.
SLICED_TABLES = ("entities", "quotes", "quote_pairs", "markers")
#: Small tables every story's findings may read whole.
WHOLE_TABLES = ("stories", "rejected", "naming", "marker_rates")
#: Most slices per worker: a worker holds one slice's rows at a time. On the 10,000-article benchmark's tables,
#: 05's comparisons with two workers peaked at 1.56 GB with 8 (each worker 0.5 GB), 1.41 GB with 16 (95 s),
#: 1.37 GB with 32 (111 s: more files to cut and read).
SLICES_PER_WORKER = 16
#: Articles a slice holds at most, as 16 slices a worker give the 10,000-article benchmark (about 310): a
#: smaller corpus is cut into fewer slices, each a file per table to write and read (at 1,000 articles, 8
#: slices instead of 32 took 8.8 s instead of 10.2 s; 4 took 9.3 s, the two workers ending less together).
ARTICLES_PER_SLICE = 310
#: Fewest slices per worker, so that the workers end about together.
MIN_SLICES_PER_WORKER = 4

# Where the slices are written, inside the run's data folder (removed when the work is done).
SCRATCH = Path("parts") / "by_story"
#: A slice's tables are Arrow streams, not Parquet: Arrow reads Parquet (and Arrow files) in threads of its own,
#: and the fresh workers that read the slices have never run a second thread (glibc's allocator is quicker so:
#: see :data:`newsprism.text.parallel.SINGLE_THREAD_ENVIRONMENT`).
SLICE_SUFFIX = ".arrows"


def slice_count(articles: int, workers: int) -> int:
    """How many slices a corpus of ``articles`` is cut into for ``workers`` processes.

    >>> slice_count(985, 2), slice_count(3_000, 2), slice_count(9_832, 2), slice_count(50_000, 2)
    (8, 10, 32, 32)
    """
    wanted = -(-articles // ARTICLES_PER_SLICE)  # rounded up
    return max(workers * MIN_SLICES_PER_WORKER, min(wanted, workers * SLICES_PER_WORKER))


class StoryComparisons(NamedTuple):
    """05's tables of a run: the exclusive mentions, the findings and the findings set aside (the alignment is written)."""

    mentions: pd.DataFrame
    findings: pd.DataFrame
    dropped: pd.DataFrame


def compare_stories(run: RunFolder, articles: pd.DataFrame, min_count: int = 2, workers: int = 1,
                    slices: int | None = None, then: Callable[[dict], object] | None = None) -> StoryComparisons:
    """Align the run's sentences, find each outlet's exclusive mentions and the findings; write the alignment.

    ``articles`` is the run's articles table as written (with its ``story`` column). The other tables are read from
    the run folder: the ``sentences`` parts 01-ingest wrote, the ``entities``, ``quotes``, ``quote_pairs``,
    ``markers``, ``naming``, ``marker_rates``, ``stories`` and ``rejected`` tables (a missing one is left
    out). Every finding is checked against the articles' text; those that fail come back as ``dropped``.

    With :data:`~newsprism.text.parallel.MIN_STORIES_FOR_PROCESSES` stories or more (or when ``slices``
    says how many), the stories are compared a slice at a time, ``workers`` slices at once, each worker
    reading its slice's rows from disk; the tables are the same as from comparing the whole run at once.

    ``then``, when given, is called with the tables of each slice once compared (the slice's rows of the run's
    tables by name, with its ``exclusive_mentions``, ``findings`` and ``dropped_findings``; with few stories,
    the whole run's), where the slice was compared: the stories' pages are written so
    (:func:`newsprism.run.report.story_page_writer`), without reading and cutting the tables again. A slice's
    call also gives, as ``split``, those tables' rows story by story as the findings used them
    (:func:`~newsprism.compare.findings.story_tables`), so that they are not split again.

    >>> comparisons = compare_stories(RunFolder("outputs/seeds"), articles)  # doctest: +SKIP
    >>> comparisons.findings.finding.iloc[0]  # doctest: +SKIP
    'Sputnik International writes Kiev (3 times); VOI (Jakarta) writes Kyiv (2 times).'
    """
    stories = stories_largest_first(articles)
    if slices is None:
        slices = slice_count(len(articles), workers) if len(stories) >= MIN_STORIES_FOR_PROCESSES else 1
    if min(slices, len(stories)) <= 1:
        return _compare_whole_run(run, articles, min_count, workers, then)
    # Each slice writes its rows of the alignment here; they are joined into the run's table in order.
    written = parts_dir(run.data, "alignment_slices")
    shutil.rmtree(written, ignore_errors=True)
    written.mkdir(parents=True)
    try:
        compare = functools.partial(_compare_slice, whole=read_tables(run, WHOLE_TABLES), min_count=min_count,
                                    written=written, then=then)
        results = map_slices(run, articles, SLICED_TABLES, compare, workers, slices, sentences=True)
        _write_alignment(run, sorted(written.glob("slice-*.parquet")), sorted(written.glob("slice-*.csv")))
    finally:
        shutil.rmtree(written, ignore_errors=True)
    mentions = _rows_in_story_order([found for found, _, _ in results], articles)
    findings = _joined([found for _, found, _ in results])
    dropped = pd.DataFrame([row for _, _, rows in results for row in rows], columns=DROPPED_COLUMNS)
    return StoryComparisons(mentions, findings, dropped)


def _compare_whole_run(run: RunFolder, articles: pd.DataFrame, min_count: int, workers: int,
                       then: Callable[[dict], object] | None) -> StoryComparisons:
    """The comparisons of a run of few stories, every table held at once (each step spreads its stories over ``workers``)."""
    tables = {**read_tables(run, (*SLICED_TABLES, *WHOLE_TABLES)), "articles": articles}
    alignment = align_sentence_table(articles, read_parts(run.data, "sentences"), workers=workers)
    tables["exclusive_mentions"] = exclusive_mentions(alignment, articles, workers=workers)
    write_table(alignment, run, "alignment")
    del alignment  # the findings read it through the exclusive mentions only
    dropped: list[dict] = []
    findings = generate_findings(tables, min_count=min_count, dropped=dropped, workers=workers)
    compared = StoryComparisons(tables["exclusive_mentions"], findings, pd.DataFrame(dropped, columns=DROPPED_COLUMNS))
    if then is not None:
        then({**tables, "findings": compared.findings, "dropped_findings": compared.dropped})
    return compared


def _compare_slice(folder: Path, whole: dict[str, pd.DataFrame], min_count: int, written: Path,
                   then: Callable[[dict], object] | None = None) -> tuple[pd.DataFrame, pd.DataFrame, list[dict]]:
    """One slice's comparisons (a worker's task): writes its alignment into ``written``, returns its mentions,
    findings and the findings set aside."""
    tables = read_slice(folder)
    articles, sentences = tables["articles"], tables.pop("sentences")
    tables.update(whole)
    alignment = align_sentence_table(articles, sentences)
    del sentences
    tables["exclusive_mentions"] = exclusive_mentions(alignment, articles, several=True)
    write_parquet(alignment, written / f"{folder.name}.parquet")
    # The slice's rows of alignment.csv, made safe for spreadsheets as write_table does (the first slice's with
    # the header): written here, at the same time as the other slices', and joined as they are.
    neutralise_formulas(alignment).to_csv(written / f"{folder.name}.csv", header=folder.name == _slice_name(0),
                                         index=False)
    del alignment
    dropped: list[dict] = []
    split = story_tables(tables, articles)  # once, for the findings and the stories' pages
    findings = generate_findings(tables, min_count=min_count, dropped=dropped, several=True, split=split)
    if then is not None:
        then({**tables, "findings": findings, "dropped_findings": pd.DataFrame(dropped, columns=DROPPED_COLUMNS)},
             split=split)
    return tables["exclusive_mentions"], findings, dropped


def map_slices(run: RunFolder, articles: pd.DataFrame, names: tuple[str, ...], task: Callable, workers: int = 1,
               slices: int | None = None, sentences: bool = False) -> list:
    """``task(folder)`` once per slice of the run's stories, ``workers`` slices at once; the results in order.

    The slices are runs of consecutive stories (most articles first, as :func:`stories_largest_first`)
    holding about as many articles each, :func:`slice_count` of them unless ``slices``
    says. Each slice's folder holds its rows of the run's ``articles`` table and of the tables ``names``
    (and with ``sentences``, of the sentences 01-ingest wrote), one Arrow stream file per table, read by
    :func:`read_slice`: a table with a ``story`` column gives each slice its stories' rows, one with
    ``article_id`` (or a pair's ``article_id_a``) its articles' rows, any other the whole table.
    ``articles`` is the run's articles table as written (it decides the slices). The folders are removed
    when every task is done. ``task`` must be picklable: it runs in fresh worker processes, each
    handing its memory back to the system after each slice.

    >>> map_slices(RunFolder("outputs/corpus"), articles, ("quotes",), count_quotes, workers=2)  # doctest: +SKIP
    [412, 398, ...]
    """
    stories = stories_largest_first(articles)
    slices = max(1, min(slices or slice_count(len(articles), workers), len(stories)))
    scratch = run.data / SCRATCH
    shutil.rmtree(scratch, ignore_errors=True)
    slice_of = _slice_of_articles(articles, stories, slices)
    work = functools.partial(_call, task)
    if workers > 1 and slices > 1:
        start_fresh_server(work)  # its imports overlap the cutting of the tables below
    try:
        folders = _write_slices(run, articles, slice_of, ("articles", *names), sentences, scratch)
        release_memory()  # the tables were read to be cut: their pages go back before the workers start
        # One slice at a time: at 10,000 articles, chunks of 4 slices left one worker alone with the last chunk
        # for 8 s.
        return map_in_processes(work, folders, workers, min_items=2, fresh=True, chunk=1)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def read_slice(folder: Path) -> dict[str, pd.DataFrame]:
    """The tables of one slice written by :func:`map_slices`, by name (those read whole as they are)."""
    whole = sorted(folder.parent.glob(f"whole-*{SLICE_SUFFIX}"))
    return {path.stem.removeprefix("whole-"): _read_table_file(path)
            for path in [*whole, *sorted(folder.glob(f"*{SLICE_SUFFIX}"))]}


def _write_table_file(table: pa.Table, path: Path) -> None:
    """One table of a slice, as an Arrow stream: read back without a thread (see :data:`SLICE_SUFFIX`)."""
    with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)


def _read_table_file(path: Path) -> pd.DataFrame:
    """A table :func:`_write_table_file` wrote, as ``pd.read_parquet`` gives the same table written as Parquet."""
    with pa.OSFile(str(path), "rb") as source:
        return pa.ipc.open_stream(source).read_all().to_pandas(use_threads=False)


def _call(task: Callable, folder: Path):
    result = task(folder)
    release_memory()  # a worker takes one slice after another: each slice's pages go back before the next
    return result


def _slice_of_articles(articles: pd.DataFrame, stories: list[tuple[str, list[int]]], slices: int) -> np.ndarray:
    """Each article's slice: at most ``slices`` runs of consecutive ``stories`` holding about as many articles each.

    A story larger than a slice's share takes its slice and the next ones' numbers: the slices are numbered
    again so that none is empty.

    >>> articles = pd.DataFrame({"article_id": list("abcdefg"), "story": list("AAAAABC")})
    >>> _slice_of_articles(articles, stories_largest_first(articles), 3).tolist()
    [0, 0, 0, 0, 0, 1, 1]
    """
    slice_of = np.zeros(len(articles), dtype=int)
    per_slice, done = len(articles) / slices, 0
    for _, positions in stories:
        slice_of[positions] = min(slices - 1, int(done // per_slice))
        done += len(positions)
    return np.unique(slice_of, return_inverse=True)[1].reshape(-1)


def _slice_name(number: int) -> str:
    return f"slice-{number:03d}"


def _write_slices(run: RunFolder, articles: pd.DataFrame, slice_of: np.ndarray, names: tuple[str, ...],
                  sentences: bool, scratch: Path) -> list[Path]:
    """Write each slice's rows of the tables ``names`` (and of the sentences) into a folder of its own."""
    folders = [scratch / _slice_name(number) for number in range(int(slice_of.max()) + 1 if len(slice_of) else 1)]
    for folder in folders:
        folder.mkdir(parents=True)
    slice_by_id = dict(zip(articles["article_id"], slice_of.tolist()))
    story_of = story_of_articles(articles)
    slice_by_story = {story_of[article]: number for article, number in slice_by_id.items()}
    sources = [(name, run.table(name)) for name in names if run.table(name).exists()]
    if sentences:
        parts = sorted(parts_dir(run.data, "sentences").glob("batch-*.parquet"))
        if not parts:
            raise FileNotFoundError(f"{parts_dir(run.data, 'sentences')} holds no sentences: run 01-ingest of "
                                    "this run first.")
        sources.insert(0, ("sentences", parts))
    for name, source in sources:
        # One table at a time, as Arrow columns: far smaller than the same rows as Python objects.
        table = (pa.concat_tables([pq.read_table(path) for path in source], promote_options="default")
                 if isinstance(source, list) else pq.read_table(source))
        # Keyed as story_tables keys a table: by its story, else by its article (or a pair's first one).
        key = next((column for column in ("story", "article_id", "article_id_a") if column in table.column_names), None)
        slice_by = slice_by_story if key == "story" else slice_by_id
        if key is None:
            _write_table_file(table, scratch / f"whole-{name}{SLICE_SUFFIX}")
            continue
        row_slice = np.array([slice_by.get(value if key != "story" else str(value), -1)
                              for value in table.column(key).to_pylist()], dtype=int)
        # The rows put in slice order once (each slice's rows in their own order), then cut where each slice starts.
        order = np.argsort(row_slice, kind="stable")
        table, bounds = table.take(order), np.searchsorted(row_slice[order], np.arange(len(folders) + 1))
        for number, folder in enumerate(folders):
            _write_table_file(table.slice(bounds[number], bounds[number + 1] - bounds[number]),
                              folder / f"{name}{SLICE_SUFFIX}")
        del table
    return folders


def _write_alignment(run: RunFolder, parquet_parts: list[Path], csv_parts: list[Path]) -> None:
    """Join the slices' alignments, one after the other, into the run's ``alignment`` table (Parquet and CSV)."""
    schema = pa.unify_schemas([pq.read_schema(path) for path in parquet_parts], promote_options="permissive")
    with pq.ParquetWriter(run.table("alignment"), schema) as parquet:
        for path in parquet_parts:
            parquet.write_table(pq.read_table(path).cast(schema))
    with open(run.table("alignment").with_suffix(".csv"), "wb") as csv:
        for path in csv_parts:
            with open(path, "rb") as part:
                shutil.copyfileobj(part, csv)


def _rows_in_story_order(frames: list[pd.DataFrame], articles: pd.DataFrame) -> pd.DataFrame:
    """The slices' mentions as one table, the stories in the order of their first article (as a whole run gives)."""
    found = [frame for frame in frames if len(frame)]
    if not found:
        return frames[0]
    table = joined_rows(found)
    rank = {story: number for number, (story, _) in enumerate(story_rows(articles))}
    order = np.argsort(table["story"].map(rank).to_numpy(), kind="stable")
    return table.iloc[order].reset_index(drop=True)


def _joined(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """The slices' tables one after the other (a slice without rows adds none, nor decides a column's type)."""
    found = [frame for frame in frames if len(frame)]
    return pd.concat(found, ignore_index=True) if found else frames[0]
