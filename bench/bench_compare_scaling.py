"""Do the cross-outlet comparisons grow with the articles, not with their square? Time them on n, 2n, 4n.

    .venv/bin/python bench/bench_compare_scaling.py [--events 48] [--basil ../shared/eval/basil-dev]

The input is BASIL's same-event triplets (Fox News, The New York Times, HuffPost), written into a
temporary folder (never into the repository: BASIL carries no licence to redistribute) and read by
``ingest_folder``, each article's event given as its story; ``events`` of them (144 articles by
default), then that set two and four times over, each copy's articles a story of their own under new
ids (the same texts and parses: BASIL has no more events). Timed in this one process, each the best of ``--repeat`` runs
(:func:`timing.best_of`), after one parse: the sentence alignment (:func:`align_sentences`), the
naming table with its spelling variants (:func:`naming_table`) and the quote pairs
(:func:`align_quotes`), once per story as a run does and once with the story column removed (the
whole folder as one story, as before issue 14). Prints seconds and time(kn) / time(n): a linear
stage shows ratios near 2 and 4, a quadratic one near 4 and 16.
"""

from __future__ import annotations

import argparse
import csv
import json
import tempfile
from pathlib import Path

import pandas as pd

from newsprism.compare.align import align_sentences
from newsprism.entities.extract import canonicalise_across, entities_from_doc
from newsprism.entities.naming import naming_table
from newsprism.ingest.folder import ingest_folder
from newsprism.quotes.extract import quotes_table
from newsprism.quotes.pairs import align_quotes
from newsprism.text.nlp import parse_cached
from timing import best_of
from triplet_folders import DEFAULT_BASIL, OUTLETS, pick_triplets

FACTORS = (1, 2, 4)


def write_events(triplets: list[list[Path]], out: Path) -> None:
    """The triplets' articles as .txt files in ``out``, with a manifest naming each one's story (its event)."""
    rows = []
    for files in triplets:
        for path in files:
            article = json.loads(path.read_text(encoding="utf-8"))
            name = f"{path.parent.name}_{path.stem}.txt"
            paragraphs = [" ".join(sentences) for sentences in article["body-paragraphs"]]
            (out / name).write_text(article["title"] + "\n\n" + "\n".join(paragraphs) + "\n", encoding="utf-8")
            rows.append({"file": name, "outlet": OUTLETS.get(article["source"].lower(), article["source"]),
                         "published": article.get("date", ""), "story": path.stem.rsplit("_", 1)[0]})
    with open(out / "manifest.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["file", "outlet", "published", "story"])
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=48, help="events (three articles each) in the smallest input")
    parser.add_argument("--basil", type=Path, default=DEFAULT_BASIL)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    triplets = pick_triplets(args.basil, args.events)
    with tempfile.TemporaryDirectory() as tmp:
        write_events(triplets, Path(tmp))
        everything = ingest_folder(Path(tmp)).articles
        docs, _ = parse_cached(everything.body, Path(tmp) / "cache")
        entities = canonicalise_across(pd.concat(
            [entities_from_doc(doc).assign(article_id=aid) for doc, aid in zip(docs, everything.article_id)],
            ignore_index=True))
        quotes = quotes_table(everything, docs, entities)
        print(f"{len(everything)} articles of {everything.story.nunique()} stories parsed; "
              f"best of {args.repeat} runs, seconds and time(kn) / time(n)")
        print(f"{'stage':<28}" + "".join(f"{len(everything) * k:>10} art." for k in FACTORS) + "   ratios")
        for grouping in ("per story", "one story"):
            for stage, work in (("align_sentences", lambda a, d, e, q: align_sentences(a, d)),
                                ("naming_table", lambda a, d, e, q: naming_table(e, a)),
                                ("align_quotes", lambda a, d, e, q: align_quotes(q, a))):
                seconds = []
                for factor in FACTORS:
                    articles, ents, quoted = (copies(table, factor) for table in (everything, entities, quotes))
                    if grouping == "one story":
                        articles = articles.drop(columns="story")
                    seconds.append(best_of(args.repeat, lambda: work(articles, docs * factor, ents, quoted)))
                ratios = " ".join(f"{s / seconds[0]:.1f}" for s in seconds[1:])
                print(f"{stage + ', ' + grouping:<28}" + "".join(f"{s:>14.3f}" for s in seconds) + f"   {ratios}")


def copies(table: pd.DataFrame, factor: int) -> pd.DataFrame:
    """``table`` ``factor`` times over, each copy's article ids (and stories) made its own."""
    parts = []
    for copy in range(factor):
        part = table.assign(article_id=table.article_id.astype(str) + f"-{copy}")
        if "story" in part.columns:
            part = part.assign(story=part.story.astype(str) + f"-{copy}")
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


if __name__ == "__main__":
    main()
