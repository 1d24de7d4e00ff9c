"""What the per-article stage costs beyond the parse, per article, on a finished run's stored parses.

    .venv/bin/python bench/bench_article_stage.py RUN_DIR [--save DIR] [--compare DIR]

``RUN_DIR`` is a run folder whose ``cache/parse`` holds every article's parse (a run of
``bench/bench_scale.py --keep``, say). Its articles are analysed again in this one process by the stage
itself (:func:`newsprism.run.stream.analyse_articles`, one worker, into a temporary folder): both passes,
every parse read from the cache (the first pass's entities and sentences, then, with each person named once
across the run, the attributions and framing markers). Printed: the CPU seconds in all and per article, what
a run adds to its parse.

``--save DIR`` writes the four tables (entities, sentences, quotes, markers) as pickles; ``--compare DIR``
also says whether each is the same as those saved there by another checkout: a change meant to make the
stage faster must leave them the same. Run each checkout with its own library (``PYTHONPATH=lib``).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import pandas as pd

from newsprism.run.runfolder import RunFolder
from newsprism.run.stream import PART_TABLES, analyse_articles, read_parts


def analyse_again(run: RunFolder) -> tuple[dict[str, pd.DataFrame], float, int]:
    """The run's per-article tables made again from its stored parses; the CPU seconds it took; the articles."""
    articles = pd.read_parquet(run.table("articles"))
    with tempfile.TemporaryDirectory(prefix="newsprism-article-stage-") as scratch:
        data = Path(scratch) / "data"
        started = time.process_time()
        info = analyse_articles(articles, data, run.parse_cache)
        seconds = time.process_time() - started
        if info["parsed"]:
            raise SystemExit(f"{run.parse_cache} lacked {info['parsed']} parses: this bench times the analysis of "
                             "stored parses only")
        tables = {name: read_parts(data, name) for name in PART_TABLES}
    return tables, seconds, len(articles)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("run_dir", type=Path)
    parser.add_argument("--save", type=Path, help="write the tables here")
    parser.add_argument("--compare", type=Path, help="say whether the tables are those saved here")
    args = parser.parse_args()
    tables, seconds, count = analyse_again(RunFolder(args.run_dir))
    print(f"{count} articles: both passes {seconds:.2f} CPU-s ({1000 * seconds / count:.1f} ms an article)")
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
        for name, table in tables.items():
            table.to_pickle(args.save / f"{name}.pkl")
    if args.compare:
        for name, table in tables.items():
            saved = pd.read_pickle(args.compare / f"{name}.pkl")
            same = saved.equals(table) and list(saved.dtypes) == list(table.dtypes)
            print(f"{name}: {len(table)} rows, {'the same' if same else 'DIFFERENT'} as in {args.compare}")


if __name__ == "__main__":
    main()
