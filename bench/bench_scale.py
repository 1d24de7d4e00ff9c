"""A whole run at corpus scale against the bare parse of the same texts (issue 14: at most 1.3x, peak < 2 GB).

    .venv/bin/python bench/bench_scale.py --articles 1000 [--cluster local] [--bare-after] [--single-thread-bare]
        [--sampled-apart] [--keep DIR] [--project DIR ...]

The corpus is real news from the evaluation sets (../shared/eval: PolNeAR's 84 election articles and
BASIL's 150 triplet articles, never copied into the project), written into a temporary folder with a
manifest (outlet, date, headline). Beyond those 234 texts they are repeated, each copy with a line of its
own added ("Copy 5 of this article, for the scale benchmark."), so that no two texts, and no two parses,
are the same, and dated 30 days later per round of copies (outside a story's window of a few days), so
that a copy reads as a later event of the same kind, as in months of feeds: undated alike, the 10,000
articles would be 129 stories of some 80 copies each, a corpus nobody brings. Say so wherever the
figures are quoted.

Measured in this one process, one after the other on the same texts:
- the bare parse: ``nlp.pipe(texts, n_process=2)`` with spaCy's pipeline as ``spacy.load`` gives it,
  nothing stored (``--memoised-bare``: also with newsprism's memoised rule components, which give the
  same parse sooner; ``--single-thread-bare``: also in the environment newsprism gives its workers, where
  spaCy's workers fork from a process that never ran a second thread; at 1,000 articles it took as long
  as without it, 61.9 s against 61.3, so newsprism's quicker workers are no head start over this baseline);
- ``newsprism run`` on the folder (a fresh run folder, so everything is parsed), and with ``--cluster``
  the same run on a Dask cluster. Each ``--project`` (a checkout of newsprism: repeat it to compare
  before and after a change) runs with its own library (``PYTHONPATH``, which the kernels inherit);
  without one, this checkout runs.
For each: wall time, articles per second and the peak memory of the whole process tree (the command and
every kernel, worker and pool process it starts), sampled every 0.2 s with psutil, as the sum of the
processes' PSS (shared pages counted once) and, beside it, of their RSS (shared pages once per process). The ratio is the run's
time over the bare parse's (``--bare-after``: over the mean of the bare parse timed before the runs and again after them:
the speed of a shared machine drifts, by 20% within a session on one of ours). The sampler is not free: it
reads every process's memory map five times a second, which took 5.7 CPU-s during a 1,000-article run of
82 s on two cores (each run prints its sampler's CPU time), more than during the bare parse, which has
fewer processes. ``--sampled-apart`` times each command without the sampler and takes its peak memory from a
second run with it ("sampled s" gives that run's time).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import psutil

from newsprism.text.parallel import SINGLE_THREAD_ENVIRONMENT

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
BASIL_OUTLETS = {"fox": "Fox News", "nyt": "The New York Times", "hpo": "HuffPost"}


def real_articles(eval_dir: Path = EVAL) -> list[dict]:
    """PolNeAR's and BASIL's articles as ``{"outlet", "published", "headline", "body"}``, in a stable order."""
    found = []
    metadata = eval_dir / "polnear-dev" / "metadata.tsv"
    with metadata.open(encoding="utf-8") as stream:
        for row in csv.DictReader(stream, delimiter="\t"):
            text = (eval_dir / "polnear-dev" / "text" / f"{row['filename']}.txt").read_text(encoding="utf-8")
            body = text.split("\n", 1)[1].strip() if text.startswith(row["title"][:20]) else text.strip()
            found.append({"outlet": row["publisher"], "published": row["publication_date"],
                          "headline": row["title"], "body": body})
    for path in sorted((eval_dir / "basil-dev" / "articles").glob("*/*.json")):
        article = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = [" ".join(sentences) for sentences in article["body-paragraphs"]]
        found.append({"outlet": BASIL_OUTLETS.get(article["source"], article["source"]),
                      "published": str(article.get("date", ""))[:10], "headline": article["title"],
                      "body": "\n\n".join(paragraphs)})
    return found


def _later(published: str, days: int) -> str:
    """``published`` (an ISO date, or a text that starts with one) ``days`` later; as it is when it is no date."""
    try:
        return (datetime.date.fromisoformat(published[:10]) + datetime.timedelta(days=days)).isoformat()
    except ValueError:
        return published


def write_corpus(count: int, folder: Path) -> list[str]:
    """``count`` articles as .txt files with a manifest.csv in ``folder``; returns their bodies."""
    folder.mkdir(parents=True, exist_ok=True)
    articles = real_articles()
    rows, bodies = [], []
    for number in range(count):
        article = articles[number % len(articles)]
        copy = number // len(articles)
        body = article["body"] + (f"\n\nCopy {copy} of this article, for the scale benchmark." if copy else "")
        name = f"{number:05d}.txt"
        (folder / name).write_text(f"{article['headline']}\n\n{body}\n", encoding="utf-8")
        rows.append({"file": name, "outlet": article["outlet"], "published": _later(article["published"], 30 * copy),
                     "headline": article["headline"]})
        bodies.append(body)
    with (folder / "manifest.csv").open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return bodies


class PeakMemory:
    """The peak memory of a process and all its descendants, sampled in a thread, counted two ways.

    ``peak`` sums each process's proportional set size (PSS): a page that forked processes share
    (the spaCy pipeline a parse worker inherits) counts once in all, split among them; this is the
    memory the tree takes from the machine. ``peak_rss`` sums resident sizes, counting such a page
    once per process that maps it: an upper bound, the figure ``ps`` or ``top`` would add up.
    """

    def __init__(self, pid: int, every: float = 0.2):
        self.root, self.every, self.peak, self.peak_rss = psutil.Process(pid), every, 0, 0
        self.at_peak: list[tuple[str, int]] = []  # (process, PSS) of each process at the peak
        self.peak_seconds = 0.0  # when the peak came, from the start
        self.cpu_seconds = 0.0  # the sampler's own CPU time, once it has stopped
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        start = time.perf_counter()
        try:
            self._sample_until_stopped(start)
        finally:
            self.cpu_seconds = time.thread_time()  # this thread's own CPU: what sampling took from the machine

    def _sample_until_stopped(self, start: float) -> None:
        while not self._stop.is_set():
            pss = rss = 0
            sizes = []
            try:
                processes = [self.root, *self.root.children(recursive=True)]
            except psutil.NoSuchProcess:
                break
            for process in processes:
                try:
                    info = process.memory_full_info()
                    sizes.append((_process_name(process), info.pss))
                except psutil.Error:
                    continue
                pss, rss = pss + info.pss, rss + info.rss
            if pss > self.peak:
                self.peak, self.at_peak, self.peak_seconds = pss, sizes, time.perf_counter() - start
            self.peak_rss = max(self.peak_rss, rss)
            self._stop.wait(self.every)

    def where(self) -> str:
        """The processes at the peak, largest first: "at 512 s: kernel 0.90, worker 0.41, ..." (GB of PSS)."""
        parts = ", ".join(f"{name} {size / 1e9:.2f}" for name, size in sorted(self.at_peak, key=lambda p: -p[1]))
        return f"at {self.peak_seconds:.0f} s: {parts} (sampling took {self.cpu_seconds:.1f} CPU-s)"

    def __enter__(self) -> "PeakMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def _process_name(process: psutil.Process) -> str:
    """A short name: "kernel" (Jupyter), "dask" (scheduler, nanny, worker), "runner" or "worker" (a pool's)."""
    try:
        command = " ".join(process.cmdline())
        parent = process.parent()
        forked = parent is not None and parent.cmdline() == process.cmdline()
    except psutil.Error:
        return "?"
    if forked:  # a pool's worker has its parent's command line (a kernel's, or the bare parse's)
        return "worker"
    if "ipykernel" in command:
        return "kernel"
    if "distributed" in command or "dask" in command:
        return "dask"
    if "newsprism.cli" in command or "-c import sys, json, spacy" in command:
        return "runner"
    return "worker"


def timed(command: list[str], label: str, sample: bool = True, stdin: str | None = None,
          environment: dict | None = None) -> tuple[float, int | None, int | None]:
    """Seconds and peak memory (PSS, RSS) of ``command``; without ``sample``, seconds only (memory None)."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdin=subprocess.PIPE if stdin is not None else None, text=True,
                             env=environment)
    with PeakMemory(child.pid) if sample else contextlib.nullcontext() as memory:
        child.communicate(stdin)
    seconds = time.perf_counter() - start
    if child.returncode:
        raise SystemExit(f"{label}: {' '.join(command)} failed (exit {child.returncode})")
    if memory is None:
        return seconds, None, None
    print(f"{label}: peak memory {memory.where()}")
    return seconds, memory.peak, memory.peak_rss


def bare_parse(bodies: list[str], memoised: bool = False, single_thread: bool = False, sample: bool = True
               ) -> tuple[float, int | None, int | None]:
    """Seconds and peak memory (PSS, RSS) of ``nlp.pipe(bodies, n_process=2)`` in a child process.

    The pipeline is spaCy's own, as ``spacy.load`` gives it; ``memoised``: as newsprism loads it,
    its attribute ruler and lemmatizer memoised (``newsprism.text.memoised_pipes``). ``single_thread``: the
    child runs in newsprism's :data:`~newsprism.text.parallel.SINGLE_THREAD_ENVIRONMENT`, so that it never
    starts a second thread and spaCy's workers fork from a single-threaded process, as newsprism's do.
    """
    load = ("load_pipeline()" if memoised else
            "spacy.load(next(name for name in DEFAULT_MODELS if spacy.util.is_package(name)))")
    code = ("import sys, json, spacy\n"
            "from newsprism.text.nlp import DEFAULT_MODELS, load_pipeline\n"
            "bodies = json.load(sys.stdin)\n"
            f"for _ in {load}.pipe(bodies, n_process=2, batch_size=16): pass\n")
    environment = {**SINGLE_THREAD_ENVIRONMENT, **os.environ} if single_thread else None
    return timed([sys.executable, "-c", code], "bare parse", sample, json.dumps(bodies), environment)


def newsprism_run(project: Path, folder: Path, out: Path, *extra: str, sample: bool = True
                  ) -> tuple[float, int | None, int | None]:
    """Seconds and peak memory (PSS, RSS) of ``newsprism run folder --out out`` with the library of ``project``."""
    command = [sys.executable, "-m", "newsprism.cli", "run", str(folder), "--out", str(out), *extra]
    return timed(command, f"{project.name} run", sample, environment={**os.environ, "PYTHONPATH": str(project / "lib")})


def run_summary(out: Path) -> str:
    """How many articles the run analysed, set aside and grouped into stories (from its tables)."""
    import pandas as pd

    data = out / "data"
    counts = [f"{len(pd.read_parquet(data / 'articles.parquet'))} articles"]
    for table, what in (("rejected", "rejected"), ("stories", "stories")):
        if (data / f"{table}.parquet").exists():
            counts.append(f"{len(pd.read_parquet(data / f'{table}.parquet'))} {what}")
    return ", ".join(counts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--cluster", help="also run with --cluster ADDRESS (e.g. local)")
    parser.add_argument("--memoised-bare", action="store_true",
                        help="also time the bare parse with newsprism's memoised attribute ruler and lemmatizer")
    parser.add_argument("--single-thread-bare", action="store_true",
                        help="also time the bare parse in newsprism's single-thread environment (OpenBLAS without "
                             "threads), whose spaCy workers fork from a process that never ran a second thread, "
                             "as newsprism's workers do: how much of the ratio that gives newsprism")
    parser.add_argument("--bare-after", action="store_true",
                        help="time the bare parse again after the runs and give each ratio to the mean of the two "
                             "bare times: on a machine whose speed drifts, how far apart they are says how much")
    parser.add_argument("--sampled-apart", action="store_true",
                        help="time each command without the memory sampler, and sample its memory in a second run: "
                             "the sampler reads every process's memory map 5 times a second (5.7 CPU-s in a "
                             "1,000-article run), which slows a run of many processes more than the bare parse")
    parser.add_argument("--keep", type=Path, help="write the corpus and runs here instead of a temporary folder")
    parser.add_argument("--project", type=Path, action="append",
                        help="a newsprism checkout whose library runs (repeat for before/after); default: this one")
    args = parser.parse_args()
    projects = [project.resolve() for project in args.project or [Path(__file__).resolve().parents[1]]]
    with tempfile.TemporaryDirectory(prefix="newsprism-scale-") as temporary:
        root = args.keep or Path(temporary)
        bodies = write_corpus(args.articles, root / "corpus")
        words = sum(len(body.split()) for body in bodies)
        print(f"{args.articles} articles, {words} words ({len(real_articles())} real texts, the rest copies "
              "with a line of their own)")
        def measured(label: str, command: Callable[..., tuple]) -> tuple:
            """``(label, seconds, peak, peak RSS, seconds while sampled)``: ``command(sample=True)``, and with
            ``--sampled-apart`` then ``command(sample=False)`` for the seconds, timed without the sampler."""
            sampled = command(sample=True)
            seconds = command(sample=False)[0] if args.sampled_apart else sampled[0]
            return (label, seconds, *sampled[1:], sampled[0])

        rows = [measured("bare nlp.pipe(n_process=2)", lambda sample: bare_parse(bodies, sample=sample))]
        if args.memoised_bare:
            rows.append(measured("  the same, rule components memoised",
                                 lambda sample: bare_parse(bodies, memoised=True, sample=sample)))
        if args.single_thread_bare:
            rows.append(measured("  the same, single-thread environment",
                                 lambda sample: bare_parse(bodies, single_thread=True, sample=sample)))
        for number, project in enumerate(projects):
            label = "newsprism run" + (f" ({project.name})" if len(projects) > 1 else "")
            runs = [(label, root / f"run-{number}", ())]
            if args.cluster:
                runs.append((f"{label} --cluster {args.cluster}", root / f"run-{number}-cluster",
                             ("--cluster", args.cluster)))
            for name, out, extra in runs:
                # The unsampled run writes beside the sampled one: each run starts from an empty run folder.
                rows.append(measured(name, lambda sample: newsprism_run(
                    project, root / "corpus", out if sample else out.with_name(out.name + "-timed"), *extra,
                    sample=sample)))
                print(f"{name}: {run_summary(out)}")
    base = rows[0][1]
    if args.bare_after:
        seconds, peak, peak_rss = bare_parse(bodies, sample=not args.sampled_apart)  # timed once only
        rows.append(("bare nlp.pipe(n_process=2), after", seconds, peak, peak_rss,
                     None if args.sampled_apart else seconds))
        base = (base + seconds) / 2
        print(f"ratios to the mean of the two bare parses, {base:.1f} s")
    if args.sampled_apart:
        print("seconds and ratios: each command timed without the memory sampler; its peak memory, and 'sampled s', "
              "from a second run with it")
    print(f"{'':36} {'seconds':>8} {'articles/s':>10} {'peak GB':>8} {'(RSS sum)':>9} {'ratio':>6} {'sampled s':>9}")
    for name, seconds, peak, peak_rss, sampled_seconds in rows:
        memory = (f"{peak / 1e9:8.2f} {peak_rss / 1e9:9.2f}" if peak is not None else f"{'':8} {'':9}")
        sampled = f"{sampled_seconds:9.1f}" if sampled_seconds is not None else ""
        print(f"{name:36} {seconds:8.1f} {args.articles / seconds:10.2f} {memory} {seconds / base:6.2f} {sampled}")


if __name__ == "__main__":
    main()
