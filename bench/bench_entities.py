"""Speed of entity extraction over a cached parse, as a ratio to bare ``nlp.pipe``.

Usage (from the project root)::

    .venv/bin/python bench/bench_entities.py            # seeds bodies, repeated
    .venv/bin/python bench/bench_entities.py --eval ../shared/eval/gum-news-dev

Both timings are taken in this process on the same texts: first ``nlp.pipe``
alone (the parse a run caches), then :func:`newsprism.entities.extract.entities_from_doc`
over the parsed docs. The ratio printed is (parse + entities) / parse; the
target is <= 1.15. Evaluation texts are read at bench time only.
"""

from __future__ import annotations

import argparse
import glob
import os
import time

import pandas as pd

from newsprism.entities.extract import actors_table, canonicalise_across, entities_from_doc, naming_table
from timing import seed_bodies, timed_parse


def gum_texts(folder: str) -> list[str]:
    """Plain texts of GUM .conllu files (tokens joined by their SpaceAfter flags)."""
    texts = []
    for path in sorted(glob.glob(os.path.join(folder, "*.conllu"))):
        parts = []
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("# newdoc") and parts:
                    texts.append("".join(parts))
                    parts = []
                cols = line.rstrip("\n").split("\t")
                if len(cols) == 10 and cols[0].isdigit():
                    parts.append(cols[1] + ("" if "SpaceAfter=No" in cols[9] else " "))
        if parts:
            texts.append("".join(parts))
    return texts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--eval", help="a folder of GUM .conllu files to use instead of the seeds")
    ap.add_argument("--repeat", type=int, default=10, help="times the seed bodies are repeated")
    args = ap.parse_args()
    if args.eval:
        texts = gum_texts(args.eval)
    else:
        texts = seed_bodies(args.repeat)
    docs, parse_s = timed_parse(texts)
    entities_from_doc(docs[0])  # load the data files once
    t0 = time.perf_counter()
    frames = []
    for i, doc in enumerate(docs):
        ents = entities_from_doc(doc)
        ents.insert(0, "article_id", f"a{i:04d}")
        frames.append(ents)
    ents_s = time.perf_counter() - t0
    # The run-level tables the notebook builds from them (one outlet per two texts).
    articles = pd.DataFrame({"article_id": [f"a{i:04d}" for i in range(len(texts))],
                             "outlet": [f"outlet {i % 2}" for i in range(len(texts))],
                             "headline": [""] * len(texts), "body": texts})
    t0 = time.perf_counter()
    entities = canonicalise_across(pd.concat(frames, ignore_index=True))
    actors_table(entities, articles)
    naming_table(entities, articles)
    tables_s = time.perf_counter() - t0
    words = sum(len(d) for d in docs)
    print(f"{len(texts)} texts, {words} tokens, {len(entities)} entity rows")
    print(f"nlp.pipe {parse_s:.2f} s; entities over the parse {ents_s:.2f} s; actors+naming tables {tables_s:.2f} s")
    print(f"ratio (parse + entities) / parse = {(parse_s + ents_s) / parse_s:.3f}  (target <= 1.15)")
    print(f"ratio (parse + entities + tables) / parse = {(parse_s + ents_s + tables_s) / parse_s:.3f}")


if __name__ == "__main__":
    main()
