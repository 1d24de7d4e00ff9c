"""The corpus report on BASIL's 150 dev articles in one folder: its size, its stories and pages, the report step's time.

    PYTHONPATH=lib .venv/bin/python bench/bench_corpus_report.py [--run OUT] [--basil ../shared/eval/basil-dev]

Writes every BASIL article into one temporary folder (as ``bench_stories.py`` does; never into the
repository: BASIL carries no licence to redistribute), runs newsprism on it into ``--run`` (a run folder
newsprism wrote before is re-used, with its stored parse), then renders the report again, timed. Prints the
size of ``report.html``, the stories found, the story pages written, how many of the ten stories the
report lists first (most outlets, then most articles) are exactly one BASIL triplet (all three of its
articles and nothing else), and the seconds the report step took.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from bench_stories import write_mixed_folder
from triplet_folders import DEFAULT_BASIL
from newsprism.compare.corpus import coverage
from newsprism.present.corpus import TOP_STORIES
from newsprism.run.report import render_report
from newsprism.run.runfolder import RunFolder


def whole_triplets(articles: pd.DataFrame, event_of: dict[str, str], stories: list[str]) -> int:
    """How many of ``stories`` hold all the articles of one gold event and nothing else."""
    events = articles["file"].map(event_of)
    matched = 0
    for story in stories:
        mine = events[articles["story"] == story]
        matched += mine.nunique() == 1 and (events == mine.iloc[0]).sum() == len(mine)
    return matched


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--run", type=Path, default=Path(tempfile.gettempdir()) / "newsprism-corpus-bench")
    parser.add_argument("--basil", type=Path, default=DEFAULT_BASIL)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        event_of = write_mixed_folder(args.basil, Path(folder))
        started = time.perf_counter()
        subprocess.run([str(Path(sys.executable).parent / "newsprism"), "run", folder, "--out", str(args.run)],
                       check=True, stdout=subprocess.DEVNULL)
        run_seconds = time.perf_counter() - started
    run = RunFolder(args.run)
    started = time.perf_counter()
    render_report(run, sorted(run.notebooks.glob("*.ipynb")))
    report_seconds = time.perf_counter() - started
    articles = pd.read_parquet(run.table("articles"))
    table = coverage(articles)
    pages = [p for p in (run.root / "stories").glob("story-*.html")]
    top = list(table.index[:TOP_STORIES])
    print(f"run: {run_seconds:.0f} s; report step (render_report, story pages included): {report_seconds:.1f} s")
    print(f"report.html: {(run.root / 'report.html').stat().st_size:,} bytes; stories: {len(table)}; "
          f"story pages: {len(pages)} ({sum(p.stat().st_size for p in pages):,} bytes)")
    print(f"top {len(top)} stories that are exactly one BASIL triplet: {whole_triplets(articles, event_of, top)}; "
          f"all stories: {whole_triplets(articles, event_of, list(table.index))} of {len(table)}")


if __name__ == "__main__":
    main()
