"""What the per-article stage costs beyond the parse, per article, on a finished run's stored parses.

    .venv/bin/python bench/bench_article_stage.py RUN_DIR [--save DIR] [--compare DIR]

``RUN_DIR`` is a run folder whose ``cache/parse`` holds every article's parse (a run of
``bench/bench_scale.py --keep``, say). Its articles are analysed again in this one process, batch by batch
as ``01-ingest`` does: the first pass (reading the stored parse, entities, the sentences' key terms) and,
with each person named once across the run, the second pass (reading the parse again, attributions,
framing markers). Printed: CPU seconds of each pass in all and per article; these are what a run adds to
its parse (the parse itself is not timed: every parse is read from the cache).

``--save DIR`` writes the four tables (entities, sentences, quotes, markers) as pickles; ``--compare DIR``
also says whether each is the same as those saved there by another checkout: a change meant to make the
stage faster must leave them the same. Run each checkout with its own library (``PYTHONPATH=lib``).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pandas as pd

from newsprism.entities.actors import PersonNames, rename_people
from newsprism.run import stream
from newsprism.run.runfolder import RunFolder

TABLES = ("entities", "sentences", "quotes", "markers")


def analyse_again(run: RunFolder) -> tuple[dict[str, pd.DataFrame], float, float, int]:
    """The run's per-article tables made again from its stored parses; CPU seconds of each pass; articles."""
    articles = pd.read_parquet(run.table("articles"))
    batches = [articles.iloc[part] for part in stream._batches(len(articles))]
    started = time.process_time()
    firsts = [stream.first_pass(batch, run.parse_cache) for batch in batches]
    first_seconds = time.process_time() - started
    names = PersonNames()
    for found in firsts:
        names.add(found.entities)
    rename = names.renames()
    tables: dict[str, list[pd.DataFrame]] = {name: [] for name in TABLES}
    started = time.process_time()
    for batch, found in zip(batches, firsts):
        entities = rename_people(found.entities, rename)
        quotes, markers = stream.second_pass(batch, entities, run.parse_cache)
        for name, table in zip(TABLES, (entities, found.sentences, quotes, markers)):
            tables[name].append(table)
    second_seconds = time.process_time() - started
    if any(found.parsed for found in firsts):
        raise SystemExit(f"{run.parse_cache} lacked some parses: this bench times the analysis of stored parses only")
    joined = {name: pd.concat(frames, ignore_index=True) for name, frames in tables.items()}
    return joined, first_seconds, second_seconds, len(articles)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("run_dir", type=Path)
    parser.add_argument("--save", type=Path, help="write the tables here")
    parser.add_argument("--compare", type=Path, help="say whether the tables are those saved here")
    args = parser.parse_args()
    tables, first, second, count = analyse_again(RunFolder(args.run_dir))
    print(f"{count} articles: first pass {first:.2f} CPU-s ({1000 * first / count:.1f} ms an article), "
          f"second pass {second:.2f} CPU-s ({1000 * second / count:.1f} ms an article)")
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
