"""The per-article stage of a run: parse and analyse the articles batch by batch, in bounded memory.

Every analysis that reads one article's parse alone runs here, right where the articles are parsed,
a batch of :data:`BATCH_ARTICLES` articles at a time, in ``workers`` processes; each batch's results
are written as Parquet parts (``<run>/data/parts/<table>/batch-NNNNN.parquet``) and its parsed
``Doc`` objects are dropped. The later notebooks read these tables and never hold every parse of
the run at once.

Two passes over the articles, because speakers are named with the run's canonical names:

1. parse (or read the stored parse), then each article's entity mentions and the sentences with
   the key terms the alignment needs (:func:`newsprism.compare.align.sentences_table`); the process
   that found them writes them, and sends back only the person names it counted;
2. with each person given one name across the run (:class:`~newsprism.entities.actors.PersonNames`,
   from the names the batches counted: no process holds every article's entities), read each batch's
   stored parse again, rename its entities and find its attributions and framing markers.

Speaker resolution reads the actor names themselves (the longest name with a surname, whether a
pronoun's actor agrees with it), so naming the speakers with an article's own names and renaming
them afterwards would not give the same table; reading a stored parse again costs a few
milliseconds per article, a small part of its parse.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from spacy.tokens import Doc
from tqdm import tqdm

from newsprism.compare.align import SENTENCE_COLUMNS, sentences_table
from newsprism.entities.actors import PersonNames, rename_people
from newsprism.entities.extract import ENTITY_COLUMNS, entities_from_doc
from newsprism.framing.kinds.common import empty_markers
from newsprism.framing.lexicons import load_extra_lexicon
from newsprism.framing.markers import MARKER_COLUMNS, markers_table
from newsprism.quotes.extract import quotes_table
from newsprism.text.parallel import process_pool, release_memory, start_fresh_server, write_parquet
from newsprism.text.nlp import cache_path, load_pipeline, model_label, text_hash
from newsprism.text.parse_bytes import doc_from_bytes, doc_to_bytes, store_parse

#: Articles analysed together: a batch's parses are all that a process holds at once.
BATCH_ARTICLES = 16
#: The tables the per-article stage writes, as parts, for the notebooks to read.
PART_TABLES = ("entities", "quotes", "markers", "sentences")
#: Each batch's entities before the run names its people (scratch, between the two passes, as pickles: Arrow
#: reads Parquet in threads of its own, and the stage's workers start none).
RAW_ENTITIES = "raw_entities"
#: Below this many articles the stage runs in the notebook's own process: starting processes costs more.
MIN_ARTICLES_FOR_PROCESSES = 16
#: What the server the stage's workers fork from imports as it starts: this module and the default pipeline.
WORKER_PRELOAD = ("newsprism.run.stream", "newsprism.text.preload_pipeline")


def parts_dir(data_dir: str | Path, table: str) -> Path:
    """Where the parts of ``table`` are written.

    >>> parts_dir(Path("run/data"), "quotes").as_posix()
    'run/data/parts/quotes'
    """
    return Path(data_dir) / "parts" / table


def read_parts(data_dir: str | Path, table: str) -> pd.DataFrame:
    """The whole ``table`` from its parts, in batch order; an empty table with its columns when it has none.

    Raises ``FileNotFoundError`` naming the notebook to run when the stage has not written it.

    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = write_part(pd.DataFrame({"article_id": ["a"], "start": [3]}), tmp, "demo", 0)
    ...     read_parts(tmp, "demo").values.tolist()
    [['a', 3]]
    """
    folder = parts_dir(data_dir, table)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder} does not exist: run 01-ingest of this run first (it parses and analyses "
                                "each article and writes these tables batch by batch).")
    frames = [pd.read_parquet(path) for path in sorted(folder.glob("batch-*.parquet"))]
    found = [frame for frame in frames if len(frame)]
    if not found:
        return frames[0] if frames else pd.DataFrame()
    return pd.concat(found, ignore_index=True) if len(found) > 1 else found[0]


def write_part(frame: pd.DataFrame, data_dir: str | Path, table: str, batch: int) -> Path:
    """Write one batch's rows of ``table`` as ``batch-NNNNN.parquet`` (through a temporary file).

    Written as :func:`~newsprism.text.parallel.write_parquet` writes it: the stage's workers start no thread.
    """
    folder = parts_dir(data_dir, table)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"batch-{batch:05d}.parquet"
    temporary = folder / f".{path.name}.part"
    write_parquet(frame, temporary)
    os.replace(temporary, path)
    return path


def _stored_docs(bodies: list[str], cache_dir: Path, model: str | None) -> tuple[list[Doc], int]:
    """The parse of each body as stored in the cache, parsing and storing those not stored yet; and how many were parsed.

    A new parse is read back from its stored bytes, so that every analysis sees the same ``Doc``
    whether this run parsed it or an earlier one did.
    """
    nlp = load_pipeline(model)
    label = model_label(nlp)
    paths = [cache_path(cache_dir, label, text_hash(body)) for body in bodies]
    todo = [i for i, path in enumerate(paths) if not path.exists()]
    data: dict[int, bytes] = {}
    for i, doc in zip(todo, nlp.pipe((bodies[i] for i in todo), batch_size=BATCH_ARTICLES)):
        data[i] = doc_to_bytes(doc)
        store_parse(paths[i], data[i])
    docs = [doc_from_bytes(data[i] if i in data else path.read_bytes(), nlp.vocab) for i, path in enumerate(paths)]
    return docs, len(todo)


@dataclass
class FirstPass:
    """What the first pass finds in one batch: raw entity mentions, sentences, and parse counts."""

    entities: pd.DataFrame
    sentences: pd.DataFrame
    parsed: int
    sentence_count: int
    tokens: int


def first_pass(articles: pd.DataFrame, cache_dir: str | Path, model: str | None = None) -> FirstPass:
    """Parse one batch of ``articles`` (or read the stored parses) and find what each article holds alone.

    ``articles`` needs ``article_id``, ``outlet`` and ``body``. The entities are each article's own
    (:func:`entities_from_doc`, before :func:`canonicalise_across`).

    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "body": ["Antony Blinken met Lavrov in Geneva."]})
    >>> with tempfile.TemporaryDirectory() as cache:
    ...     found = first_pass(arts, cache)
    >>> found.entities[["article_id", "actor"]].values.tolist(), found.parsed, found.sentence_count
    ([['a', 'Antony Blinken'], ['a', 'Lavrov'], ['a', 'Geneva']], 1, 1)
    """
    docs, parsed = _stored_docs(articles["body"].tolist(), Path(cache_dir), model)
    frames = []
    for article_id, doc in zip(articles["article_id"], docs):
        ents = entities_from_doc(doc)
        ents.insert(0, "article_id", article_id)
        frames.append(ents)
    entities = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["article_id", *ENTITY_COLUMNS])
    sentence_count = sum(len(list(doc.sents)) for doc in docs)
    return FirstPass(entities, sentences_table(articles, docs), parsed, sentence_count, sum(len(d) for d in docs))


def second_pass(articles: pd.DataFrame, entities: pd.DataFrame, cache_dir: str | Path, model: str | None = None,
                extra_lexicon: str | Path | pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The attributions and framing markers of one batch of ``articles``, from their stored parses.

    ``entities`` are the run's canonical entities of these articles (rows of other articles are
    ignored); the result is the rows :func:`quotes_table` and :func:`markers_table` give these
    articles in a whole run.

    >>> arts = pd.DataFrame({"article_id": ["a"], "headline": ["Talks"], "outlet": ["X"],
    ...                      "body": ["Blinken claimed the threat was 'imminent'."]})
    >>> with tempfile.TemporaryDirectory() as cache:
    ...     entities = first_pass(arts, cache).entities
    ...     quotes, markers = second_pass(arts, entities, cache)
    >>> quotes["speaker"].tolist(), markers["type"].tolist()
    (['Blinken'], ['attribution_verb', 'partial_quote'])
    """
    docs, _ = _stored_docs(articles["body"].tolist(), Path(cache_dir), model)
    own = entities[entities["article_id"].isin(set(articles["article_id"]))]
    quotes = quotes_table(articles, docs, own)
    markers = markers_table(articles, docs, quotes, own, extra_lexicon, model)
    return quotes, markers


def _batches(count: int) -> list[slice]:
    return [slice(start, min(start + BATCH_ARTICLES, count)) for start in range(0, count, BATCH_ARTICLES)]


def _progress(sizes: list[int], desc: str, started: float | None = None) -> tqdm:
    """A progress bar in articles per second on stderr; ``started``: when the work began (``time.time()``)."""
    progress = tqdm(total=sum(sizes), unit="article", desc=desc, file=sys.stderr, mininterval=2.0, disable=not sizes)
    if started is not None:
        progress.start_t = started  # the rate counts from when the workers began, not from when the bar is shown
    return progress


def _run_batches(function, tasks: list[tuple], pool, desc: str, sizes: list[int]):
    """Yield ``(number, result)`` of ``function(*task)`` for each task, in ``pool``'s processes (None: here),
    with a progress bar in articles per second on stderr."""
    if pool is None:
        with _progress(sizes, desc) as progress:
            for number, task in enumerate(tasks):
                yield number, function(*task)
                progress.update(sizes[number])
        return
    yield from _completed({pool.submit(function, *task): number for number, task in enumerate(tasks)}, desc, sizes)


def _completed(futures: dict[Future, int], desc: str, sizes: list[int], started: float | None = None):
    """Yield ``(number, result)`` of each of ``futures`` as it completes, with a progress bar."""
    with _progress(sizes, desc, started) as progress:
        for future in as_completed(futures):
            number = futures[future]
            yield number, future.result()
            progress.update(sizes[number])


def analyse_articles(articles: pd.DataFrame, data_dir: str | Path, cache_dir: str | Path, model: str | None = None,
                     workers: int = 1) -> dict:
    """Parse and analyse every article batch by batch, writing the parts of :data:`PART_TABLES` under ``data_dir``.

    ``articles`` needs ``article_id``, ``outlet``, ``body`` (and ``headline``, ``credits`` when the
    run has them). Parses already in ``cache_dir`` are read, not parsed again (a cluster may have
    filled it). ``workers`` processes analyse batches at once; a run of fewer than
    :data:`MIN_ARTICLES_FOR_PROCESSES` articles runs here. Earlier parts are replaced. Returns the
    parse report: ``{"model", "parsed", "reused", "sentences", "tokens"}``. To do other work here while
    the workers parse, call :func:`start_analysis` and, after that work, its ``finish()``.

    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "headline": [""],
    ...                      "body": ["Blinken said the path remains open."]})
    >>> with tempfile.TemporaryDirectory() as run:
    ...     info = analyse_articles(arts, Path(run) / "data", Path(run) / "cache")
    ...     speakers = read_parts(Path(run) / "data", "quotes")["speaker"].tolist()
    >>> info["parsed"], info["sentences"], speakers
    (1, 1, ['Blinken'])
    """
    return start_analysis(articles, data_dir, cache_dir, model, workers).finish()


def prepare_workers(input_dir: str | Path, workers: int) -> bool:
    """Have the per-article stage's workers load the language pipeline now, if a folder this large will need them.

    The workers fork from a server that loads the pipeline as it starts (about 1 s of one core, see
    :func:`start_analysis`); started before the folder is read, it loads while this process reads and
    cleans the files instead of while the parse waits. Nothing is started for one worker or a folder of
    fewer than :data:`MIN_ARTICLES_FOR_PROCESSES` entries (the stage then runs in this process; a CSV or
    JSON Lines file of many articles counts as one entry, and its server starts with the stage). True
    when a server is starting or running. A folder that cannot be read starts nothing: reading it says why.

    >>> prepare_workers("seeds", workers=2), prepare_workers("no/such/folder", workers=2)  # seeds: two articles
    (False, False)
    """
    if workers < 2:
        return False
    try:
        with os.scandir(input_dir) as entries:
            found = sum(1 for _ in itertools.islice(entries, MIN_ARTICLES_FOR_PROCESSES))
    except OSError:  # missing, not a folder, not readable: ingest_folder names the problem
        return False
    if found < MIN_ARTICLES_FOR_PROCESSES:
        return False
    start_fresh_server(preload=WORKER_PRELOAD)
    return True


def start_analysis(articles: pd.DataFrame, data_dir: str | Path, cache_dir: str | Path, model: str | None = None,
                   workers: int = 1) -> "RunningAnalysis":
    """Start :func:`analyse_articles` in its worker processes and return at once; ``finish()`` completes it.

    The first pass (the parse, most of the work) runs in the workers while this process does something
    else: 01-ingest groups the articles into stories meanwhile (an article's analysis does not need its
    story), a step that otherwise left a core idle for 7.5 s at 10,000 articles. Without worker processes
    (one worker, or fewer than :data:`MIN_ARTICLES_FOR_PROCESSES` articles) all the work is done in
    ``finish()``. Until ``finish()`` returns, the tables of :data:`PART_TABLES` are not complete.

    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "headline": [""],
    ...                      "body": ["Lavrov claimed the talks were over."]})
    >>> with tempfile.TemporaryDirectory() as run:
    ...     analysis = start_analysis(arts, Path(run) / "data", Path(run) / "cache")
    ...     info = analysis.finish()
    ...     cues = read_parts(Path(run) / "data", "quotes")["cue"].tolist()
    >>> info["parsed"], cues
    (1, ['claimed'])
    """
    if workers < 1:
        raise ValueError(f"analyse_articles: workers must be 1 or more (the processes that work at once), not {workers}")
    return RunningAnalysis(articles, Path(data_dir), Path(cache_dir), model, workers)


class RunningAnalysis:
    """The per-article stage of a run, its first pass started in worker processes (see :func:`start_analysis`)."""

    def __init__(self, articles: pd.DataFrame, data_dir: Path, cache_dir: Path, model: str | None, workers: int):
        self.data_dir, self.cache_dir, self.model = data_dir, cache_dir, model
        for table in (*PART_TABLES, RAW_ENTITIES):
            shutil.rmtree(parts_dir(data_dir, table), ignore_errors=True)
        articles = articles.reset_index(drop=True)
        columns = [c for c in ("article_id", "outlet", "headline", "credits", "body") if c in articles.columns]
        batches = _batches(len(articles))
        self.batches = [articles.iloc[s][columns] for s in batches]
        self.sizes = [s.stop - s.start for s in batches]
        self.processes = max(1, min(workers, len(batches))) if len(articles) >= MIN_ARTICLES_FOR_PROCESSES else 1
        # The pipeline is loaded where the articles are parsed: here only when no worker process parses them.
        self.label = model_label(load_pipeline(model)) if self.processes == 1 else None
        release_memory()  # hand back what reading the folder freed
        self._held = contextlib.ExitStack()  # the pool, open until finish()
        # Fresh workers, forked from a server that has the pipeline loaded and has never run a second thread: the
        # parse is quicker there than in a worker forked from the notebook's kernel, which runs several.
        self._pool = self._held.enter_context(process_pool(self.processes, fresh=True, preload=WORKER_PRELOAD))
        self._started = time.time()
        self._report: dict | None = None  # finish()'s, once it has run
        # The batches are handed to the pool in a thread of this process: the first hand-over waits for the server
        # to load the pipeline (about 1 s of one core), which the caller's own work (grouping the stories) overlaps.
        self._handed_over: Future | None = None  # gives the first pass's futures
        if self._pool is not None:
            hand_over = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsprism-batches")
            self._handed_over = hand_over.submit(self._submit_first_pass)
            hand_over.shutdown(wait=False)  # its thread ends when the batches are handed over

    def _submit_first_pass(self) -> dict[Future, int]:
        # Longest batches first: the second pass waits for the whole first pass, and a worker that takes the last
        # batch parses it alone (at 1,000 articles a core was idle 0.7 s there); left for last, the shortest batches
        # leave the least. What a batch finds does not depend on when it ran.
        longest_first = sorted(range(len(self.batches)), key=lambda n: -int(self.batches[n]["body"].str.len().sum()))
        return {self._pool.submit(_first_pass_batch, self.batches[number], number, self.data_dir, self.cache_dir,
                                  self.model): number
                for number in longest_first}

    def finish(self) -> dict:
        """Wait for the first pass, name each person once across the run, run the second pass; the parse report.

        Returns ``{"model", "parsed", "reused", "sentences", "tokens"}`` (see :func:`analyse_articles`); called
        again (a notebook's cell run twice), the same report, nothing done again.
        """
        if self._report is not None:
            return self._report
        try:
            found = self._first_pass()
            # Each person gets one name across the run, from the names the batches counted, in the run's order
            # (ties go to the name met first); no process holds every article's entities.
            names = PersonNames()
            for counts in found:
                names.merge(counts.names)
            rename = names.renames()
            tasks = [(batch, number, rename, self.data_dir, self.cache_dir, self.model)
                     for number, batch in enumerate(self.batches)]
            for _ in _run_batches(_second_pass_batch, tasks, self._pool,
                                  f"attributions and markers ({self._processes_named()})", self.sizes):
                pass
        finally:
            self._held.close()
        shutil.rmtree(parts_dir(self.data_dir, RAW_ENTITIES), ignore_errors=True)
        parsed = sum(counts.parsed for counts in found)
        self._report = {"model": self.label or found[0].model, "parsed": parsed, "reused": sum(self.sizes) - parsed,
                        "sentences": sum(counts.sentences for counts in found),
                        "tokens": sum(counts.tokens for counts in found)}
        return self._report

    def _first_pass(self) -> list["_BatchCounts"]:
        desc = f"parse and analyse ({self._processes_named()})"
        found: list[_BatchCounts | None] = [None] * len(self.batches)
        if self._pool is None:
            tasks = [(batch, number, self.data_dir, self.cache_dir, self.model) for number, batch in enumerate(self.batches)]
            batches = _run_batches(_first_pass_batch, tasks, None, desc, self.sizes)
        else:
            batches = _completed(self._handed_over.result(), desc, self.sizes, self._started)
        for number, counts in batches:
            found[number] = counts
        return found

    def _processes_named(self) -> str:
        return f"{self.processes} process{'es' if self.processes > 1 else ''}"


@dataclass
class _BatchCounts:
    """What a batch's first pass sends back: its person names and its parse counts (its tables are written)."""

    names: PersonNames
    parsed: int
    sentences: int
    tokens: int
    model: str  # the label of the pipeline that parsed them (:func:`newsprism.text.nlp.model_label`)


def _first_pass_batch(articles: pd.DataFrame, number: int, data_dir: Path, cache_dir: Path,
                      model: str | None) -> _BatchCounts:
    """:func:`first_pass` of batch ``number``, its sentences and raw entities written as parts where it runs."""
    found = first_pass(articles, cache_dir, model)
    write_part(found.sentences, data_dir, "sentences", number)
    scratch = parts_dir(data_dir, RAW_ENTITIES)
    scratch.mkdir(parents=True, exist_ok=True)
    found.entities.to_pickle(scratch / f"batch-{number:05d}.pickle")
    names = PersonNames()
    names.add(found.entities)
    return _BatchCounts(names, found.parsed, found.sentence_count, found.tokens, model_label(load_pipeline(model)))


def _second_pass_batch(articles: pd.DataFrame, number: int, rename: dict[str, str], data_dir: Path, cache_dir: Path,
                       model: str | None) -> None:
    """Batch ``number``'s canonical entities (its raw ones renamed), attributions and markers, written as parts."""
    raw = pd.read_pickle(parts_dir(data_dir, RAW_ENTITIES) / f"batch-{number:05d}.pickle")
    entities = rename_people(raw, rename)
    write_part(entities, data_dir, "entities", number)
    quotes, markers = second_pass(articles, entities, cache_dir, model)
    write_part(quotes, data_dir, "quotes", number)
    write_part(markers, data_dir, "markers", number)


def markers_with_lexicon(articles: pd.DataFrame, quotes: pd.DataFrame, entities: pd.DataFrame,
                         cache_dir: str | Path, extra_lexicon: str | Path, model: str | None = None,
                         workers: int = 1) -> pd.DataFrame:
    """The markers table again with a user's own lexicon, batch by batch from the stored parses.

    The per-article stage finds the markers of the project's lexicons; a notebook given an extra
    lexicon calls this instead of reading them. Same batches and processes as
    :func:`analyse_articles`.

    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "headline": [""], "body": ["A hardliner spoke."]})
    >>> with tempfile.TemporaryDirectory() as run:
    ...     entities = first_pass(arts, run).entities
    ...     lexicon = Path(run) / "mine.csv"
    ...     _ = lexicon.write_text("type,text,category,explanation\\nloaded_label,hardliner,label,a judging word\\n")
    ...     markers_with_lexicon(arts, second_pass(arts, entities, run)[0], entities, run, lexicon)["text"].tolist()
    ['hardliner']
    """
    load_extra_lexicon(extra_lexicon)  # a bad lexicon stops here, with its message, before any process starts
    load_pipeline(model)  # loaded once here, found loaded by the worker processes
    articles = articles.reset_index(drop=True)
    batches = _batches(len(articles))
    processes = max(1, min(workers, len(batches))) if len(articles) >= MIN_ARTICLES_FOR_PROCESSES else 1
    tasks = []
    for s in batches:
        ids = set(articles.iloc[s]["article_id"])
        tasks.append((articles.iloc[s], quotes[quotes["article_id"].isin(ids)], entities[entities["article_id"].isin(ids)],
                      Path(cache_dir), model, extra_lexicon))
    found = [None] * len(batches)
    with process_pool(processes) as pool:
        for number, markers in _run_batches(_markers_batch, tasks, pool, "markers", [s.stop - s.start for s in batches]):
            found[number] = markers
    kept = [frame for frame in found if len(frame)]
    if not kept:
        return empty_markers().assign(article_id="")[["article_id", *MARKER_COLUMNS]]
    return pd.concat(kept, ignore_index=True)


def _markers_batch(articles, quotes, entities, cache_dir, model, extra_lexicon) -> pd.DataFrame:
    docs, _ = _stored_docs(articles["body"].tolist(), cache_dir, model)
    return markers_table(articles, docs, quotes, entities, extra_lexicon, model)



def run_markers(articles: pd.DataFrame, data_dir: str | Path, cache_dir: str | Path,
                extra_lexicon: str | Path | None = None, model: str | None = None, workers: int = 1) -> pd.DataFrame:
    """The run's markers table: the parts the per-article stage wrote, or, with a user's own lexicon,
    the markers found again with it from the stored parses (:func:`markers_with_lexicon`).

    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "headline": [""],
    ...                      "body": ["Blinken claimed the threat was 'imminent'."]})
    >>> with tempfile.TemporaryDirectory() as run:
    ...     _ = analyse_articles(arts, Path(run) / "data", Path(run) / "cache")
    ...     run_markers(arts, Path(run) / "data", Path(run) / "cache")["text"].tolist()
    ['claimed', "'imminent'"]
    """
    if not extra_lexicon:
        return read_parts(data_dir, "markers")
    return markers_with_lexicon(articles, read_parts(data_dir, "quotes"), read_parts(data_dir, "entities"), cache_dir,
                                extra_lexicon, model, workers)
