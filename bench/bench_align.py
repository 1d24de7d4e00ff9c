"""Speed of the comparison layer against spaCy's bare ``nlp.pipe`` on the same texts.

Run from the project root::

    .venv/bin/python bench/bench_align.py            # seeds, and BASIL if ../shared is there
    .venv/bin/python bench/bench_align.py --articles 40

Prints, per corpus, the seconds of ``nlp.pipe`` and of the comparison
(:func:`newsprism.compare.align.align_sentences` + :func:`newsprism.compare.mentions.exclusive_mentions`
+ :func:`newsprism.compare.findings.generate_findings`) over the already parsed docs, and
their ratio. The comparison is O(sentences^2) in its similarity matrix; the
ratio grows with the number of articles.
"""

from __future__ import annotations

import argparse
import glob
import json
import time
from pathlib import Path

import pandas as pd

from newsprism.compare.align import align_sentences
from newsprism.compare.findings import generate_findings
from newsprism.compare.mentions import exclusive_mentions
from newsprism.text.nlp import load_pipeline

ROOT = Path(__file__).resolve().parents[1]
BASIL = ROOT.parent / "shared" / "eval" / "basil-dev" / "articles"


def seeds_corpus(copies: int) -> pd.DataFrame:
    """The two seed files (raw text, furniture and all), each copied ``copies`` times as separate outlets."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    rows = [{"article_id": f"seed{i:03d}{k}", "outlet": f"outlet {k}-{i}", "body": text}
            for i in range(copies) for k, text in enumerate(texts)]
    return pd.DataFrame(rows)


def basil_corpus(n: int) -> pd.DataFrame | None:
    """``n`` BASIL articles spread over ten pseudo-outlets (read at bench time only, never stored)."""
    files = sorted(glob.glob(str(BASIL / "*" / "*.json")))[:n]
    if not files:
        return None
    rows = []
    for i, path in enumerate(files):
        record = json.loads(Path(path).read_text(encoding="utf-8"))
        body = "\n".join(" ".join(p) for p in record["body-paragraphs"])
        rows.append({"article_id": f"basil{i:07d}", "outlet": f"{record['source']} {i % 10}", "body": body})
    return pd.DataFrame(rows)


def measure(name: str, articles: pd.DataFrame, repeat: int = 3) -> None:
    nlp = load_pipeline()
    nlp.pipe(["warm up"])
    pipe_times, compare_times = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        docs = list(nlp.pipe(articles.body))
        pipe_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        alignment = align_sentences(articles, docs)
        mentions = exclusive_mentions(alignment, articles)
        generate_findings({"articles": articles, "alignment": alignment, "exclusive_mentions": mentions})
        compare_times.append(time.perf_counter() - start)
    sentences = alignment.drop_duplicates(["article_id", "sentence"]).shape[0]
    pipe, compare = min(pipe_times), min(compare_times)
    print(f"{name}: {len(articles)} articles, {articles.outlet.nunique()} outlets, {sentences} sentences, "
          f"{articles.body.str.split().str.len().sum()} words | nlp.pipe {pipe:.2f} s | "
          f"comparison {compare:.2f} s | ratio {compare / pipe:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=5, help="copies of each seed (each a separate outlet)")
    parser.add_argument("--articles", type=int, default=20, help="BASIL articles to read from ../shared")
    args = parser.parse_args()
    measure("seeds", seeds_corpus(1))
    measure(f"seeds x{args.copies}", seeds_corpus(args.copies))
    basil = basil_corpus(args.articles)
    if basil is None:
        print(f"BASIL not found under {BASIL}: skipped")
    else:
        measure("BASIL", basil)


if __name__ == "__main__":
    main()
