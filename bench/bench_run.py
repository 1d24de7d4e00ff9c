"""Time a full run on a folder (default seeds/) per notebook, and ingest+parse against bare nlp.pipe.

    .venv/bin/python bench/bench_run.py [INPUT_DIR] [--repeat N]

Machines here are small and noisy, so the parse figures are ratios against a
baseline (spaCy's ``nlp.pipe`` on the same texts) measured in this process.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from newsprism.ingest.folder import ingest_folder
from newsprism.text.nlp import load_pipeline, parse_cached
from newsprism.run.runfolder import PROJECT_ROOT
from newsprism.run.runner import run_suite
from timing import best_of


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("input_dir", nargs="?", default=str(PROJECT_ROOT / "seeds"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    nlp = load_pipeline()
    bodies = list(ingest_folder(args.input_dir).articles["body"])
    baseline = best_of(args.repeat, lambda: list(nlp.pipe(bodies)))

    def ingest_and_parse():
        with tempfile.TemporaryDirectory() as cache:
            texts = ingest_folder(args.input_dir).articles["body"]
            parse_cached(texts, cache)

    full = best_of(args.repeat, ingest_and_parse)
    print(f"nlp.pipe alone          {baseline * 1000:8.1f} ms  (baseline, {len(bodies)} texts)")
    print(f"ingest + parse + store  {full * 1000:8.1f} ms  ratio {full / baseline:.2f}")

    with tempfile.TemporaryDirectory() as out:
        t0 = time.perf_counter()
        result = run_suite(args.input_dir, Path(out) / "run")
        wall = time.perf_counter() - t0
    for nb in result.notebooks:
        print(f"notebook {nb.name:<14} {nb.seconds:6.1f} s")
    print(f"full run (wall, incl. report) {wall:6.1f} s")


if __name__ == "__main__":
    main()
