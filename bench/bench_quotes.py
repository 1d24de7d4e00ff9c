"""Speed of quote extraction over a cached parse, as a ratio to bare ``nlp.pipe``.

Usage (from the project root)::

    .venv/bin/python bench/bench_quotes.py                                   # seeds bodies, repeated
    .venv/bin/python bench/bench_quotes.py --eval ../shared/eval/polnear-dev  # PolNeAR texts

Timings are taken in this process on the same texts: first ``nlp.pipe`` alone
(the parse a run caches), then :func:`newsprism.quotes.extract.quotes_from_doc` over the
parsed docs, twice:

* with the article's entities table handed in (as in a run, where notebook 02
  already wrote it): quotes only, speakers looked up in the given table;
* with ``entities=None``, so that quotes computes the entities itself
  (``newsprism.entities.extract.entities_from_doc``), as the text-level ``extract_quotes`` does.

The ratio printed is (parse + quotes) / parse; the target is <= 1.20. Evaluation
texts are read at bench time only.
"""

from __future__ import annotations

import argparse
import glob
import os
import time

from newsprism.entities.extract import entities_from_doc
from newsprism.quotes.extract import quotes_from_doc
from timing import seed_bodies, timed_parse


def polnear_texts(folder: str) -> list[str]:
    """The article texts of a PolNeAR-style folder (``text/*.txt``)."""
    texts = []
    for path in sorted(glob.glob(os.path.join(folder, "text", "*.txt"))):
        with open(path, encoding="utf-8") as fh:
            texts.append(fh.read())
    return texts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--eval", help="a PolNeAR-style folder (text/*.txt) to use instead of the seeds")
    ap.add_argument("--repeat", type=int, default=10, help="times the seed bodies are repeated")
    args = ap.parse_args()
    if args.eval:
        texts = polnear_texts(args.eval)
    else:
        texts = seed_bodies(args.repeat)
    docs, parse_s = timed_parse(texts)

    entity_tables = [entities_from_doc(doc) for doc in docs]  # what notebook 02 hands over

    quotes_from_doc(docs[0], entity_tables[0])  # load the lexicon once
    t0 = time.perf_counter()
    rows = sum(len(quotes_from_doc(doc, ents)) for doc, ents in zip(docs, entity_tables))
    given_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    for doc in docs:
        quotes_from_doc(doc)  # entities computed inside
    with_entities_s = time.perf_counter() - t0

    tokens = sum(len(d) for d in docs)
    print(f"{len(texts)} texts, {tokens} tokens, {rows} attributions")
    print(f"nlp.pipe {parse_s:.2f} s; quotes (entities given) {given_s:.2f} s; "
          f"quotes computing entities {with_entities_s:.2f} s")
    print(f"ratio (parse + quotes) / parse = {(parse_s + given_s) / parse_s:.3f}  (target <= 1.20)")
    print(f"ratio (parse + quotes incl. entities lookup) / parse = {(parse_s + with_entities_s) / parse_s:.3f}")


if __name__ == "__main__":
    main()
