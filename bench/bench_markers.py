"""Time marker detection over parsed docs against bare ``nlp.pipe`` on the same texts.

    .venv/bin/python bench/bench_markers.py [--basil N] [--repeat N]

Texts: the seed bodies repeated, plus (when ../shared/eval/basil-dev exists) the
first N BASIL articles, read at bench time only. The figure that matters is the
ratio (pipe + markers) / pipe: the cost markers add to a run whose parse is cached.
Headlines are parsed inside the marker step, as :func:`markers_table` does.
"""

from __future__ import annotations

import argparse
import json

from newsprism.framing.markers import credit_markers, markers_from_doc
from newsprism.quotes.extract import quotes_from_doc
from newsprism.text.nlp import load_pipeline
from newsprism.run.runfolder import PROJECT_ROOT
from timing import best_of, seed_articles

BASIL = PROJECT_ROOT.parent / "shared" / "eval" / "basil-dev" / "articles"


def load_texts(basil: int, seed_copies: int) -> tuple[list[str], list[str], list[str]]:
    """Bodies, headlines and credits JSON of the bench texts."""
    seeds = seed_articles()
    bodies = list(seeds["body"]) * seed_copies
    heads = list(seeds["headline"]) * seed_copies
    credits = list(seeds["credits"]) * seed_copies
    if basil and BASIL.exists():
        for path in sorted(BASIL.glob("*/*.json"))[:basil]:
            record = json.loads(path.read_text(encoding="utf-8"))
            bodies.append("\n".join(" ".join(p) for p in record["body-paragraphs"]))
            heads.append(record.get("title", ""))
            credits.append("[]")
    return bodies, heads, credits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--basil", type=int, default=60, help="BASIL articles to add (0 = seeds only)")
    parser.add_argument("--seed-copies", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    nlp = load_pipeline()
    bodies, heads, credits = load_texts(args.basil, args.seed_copies)
    words = sum(len(b.split()) for b in bodies)
    docs = list(nlp.pipe(bodies))
    # A run's framing notebook reads the attributions that 03-quotes wrote; so does this bench
    # (the quote step has its own bench). Headlines get an empty table, as markers_table gives them.
    quotes = [quotes_from_doc(doc) for doc in docs]
    no_quotes = quotes[0].iloc[0:0]
    markers_from_doc(docs[0], quotes[0])  # load lexicons once, as any run does

    def markers_step():
        head_docs = list(nlp.pipe(heads))
        for doc, attributions, head, credit in zip(docs, quotes, head_docs, credits):
            markers_from_doc(doc, attributions)
            markers_from_doc(head, no_quotes, where="headline")
            credit_markers(credit)

    pipe = best_of(args.repeat, lambda: list(nlp.pipe(bodies)))
    markers = best_of(args.repeat, markers_step)
    headlines = best_of(args.repeat, lambda: list(nlp.pipe(heads)))
    print(f"texts {len(bodies)} ({words} words): {len(bodies) - args.basil if BASIL.exists() else len(bodies)} seed copies + BASIL")
    print(f"nlp.pipe alone           {pipe * 1000:8.1f} ms  (baseline)")
    print(f"markers over the parse   {markers * 1000:8.1f} ms  (of which parsing the headlines ~{headlines * 1000:.0f} ms)")
    print(f"ratio (pipe + markers) / pipe = {(pipe + markers) / pipe:.3f}   target <= 1.20")


if __name__ == "__main__":
    main()
