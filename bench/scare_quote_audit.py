"""Print every scare quote (or partial quote) newsprism flags in BASIL triplets, with its context, for a hand check.

    .venv/bin/python bench/scare_quote_audit.py [--split even|odd|all] [--kind scare_quote] [--width 100]
                                                [--verdicts FILE]

BASIL (../shared/eval/basil-dev, evaluation only, never copied into the project)
covers each event by Fox News, The New York Times and HuffPost. Each triplet is
written to a temporary folder as bench/triplet_folders.py writes it, read back by
:func:`newsprism.ingest_folder` and run through the markers stage as a run does
(:func:`newsprism.framing.markers.markers_table`: bodies and headlines).

Triplets are numbered in the order of :func:`triplet_folders.pick_triplets`; rules
are developed on the even-numbered ones and their precision is measured on the odd
ones (``--split odd``), which nobody read while writing them.

Each flagged row is printed with a key (``triplet/outlet/where/start``) and about
``--width`` characters either side. To count precision, write a CSV (outside the
repository: it is judged evaluation material) with columns ``key,verdict`` where
verdict is one of ``writer`` (the writer's own distancing: a correct scare quote),
``attributed`` (words someone in the text is said to have used), ``whole``
(a whole quotation), ``title`` (title or name), ``word`` (a word cited as a word),
``other``; for ``--kind partial_quote`` the correct verdict is ``attributed``. Pass it
as ``--verdicts FILE``: rows without a verdict are listed as unjudged, and the
figure counts judged rows only.
"""

from __future__ import annotations

import argparse
import csv
import logging
import tempfile
from collections import Counter
from pathlib import Path

from newsprism import ingest_folder
from newsprism.framing.markers import markers_table
from newsprism.text.nlp import parse_cached
from triplet_folders import DEFAULT_BASIL, pick_triplets, write_triplet

CORRECT = {"scare_quote": "writer", "partial_quote": "attributed"}
VERDICTS = ("writer", "attributed", "whole", "title", "word", "other")


def flagged_rows(basil: Path, split: str, kind: str, width: int, cache: Path) -> list[dict]:
    """Every row of ``kind`` in the chosen triplets, with its key and context."""
    groups = pick_triplets(basil, 10_000)  # every complete triplet, in a stable order
    chosen = [(i, g) for i, g in enumerate(groups) if split == "all" or (i % 2 == 0) == (split == "even")]
    found = []
    with tempfile.TemporaryDirectory(prefix="scare-audit-") as tmp:
        for index, files in chosen:
            folder = write_triplet(files, Path(tmp))
            articles = ingest_folder(folder).articles
            docs, _ = parse_cached(articles["body"].tolist(), cache)
            markers = markers_table(articles, docs)
            markers = markers[markers["type"] == kind]
            by_id = articles.set_index("article_id")
            for m in markers.to_dict("records"):
                article = by_id.loc[m["article_id"]]
                text = article["body"] if m["where"] == "body" else article["headline"]
                outlet = Path(article["file"]).stem
                context = (text[max(0, m["start"] - width) : m["start"]] + "[[" + text[m["start"] : m["end"]] + "]]"
                           + text[m["end"] : m["end"] + width]).replace("\n", " / ")
                found.append({"key": f"{index:02d}/{outlet}/{m['where']}/{m['start']}", "text": m["text"],
                              "category": m["category"], "about": m["about"], "context": context})
    return found


def read_verdicts(path: Path | None) -> dict[str, str]:
    if path is None or not path.exists():
        return {}
    with open(path, newline="", encoding="utf-8") as handle:
        return {r["key"]: r["verdict"].strip() for r in csv.DictReader(handle) if r.get("verdict", "").strip()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("even", "odd", "all"), default="even")
    parser.add_argument("--kind", choices=tuple(CORRECT), default="scare_quote")
    parser.add_argument("--width", type=int, default=100, help="characters of context either side")
    parser.add_argument("--basil", type=Path, default=DEFAULT_BASIL)
    parser.add_argument("--verdicts", type=Path, help="CSV key,verdict of rows judged by hand")
    parser.add_argument("--cache", type=Path, help="folder for stored parses (default: a temporary one)")
    args = parser.parse_args()
    if not args.basil.exists():
        raise SystemExit(f"{args.basil} not found: this audit needs the shared evaluation data")
    logging.disable(logging.WARNING)  # ingest's notes on each file would bury the rows

    with tempfile.TemporaryDirectory(prefix="scare-parse-") as tmp_cache:
        rows = flagged_rows(args.basil, args.split, args.kind, args.width, args.cache or Path(tmp_cache))
    verdicts = read_verdicts(args.verdicts)
    for r in rows:
        verdict = verdicts.get(r["key"], "?")
        about = f" about={r['about']!r}" if r["about"] else ""
        print(f"{r['key']}  {verdict}  {r['text']}  ({r['category']}{about})\n    {r['context']}")
    judged = [verdicts[r["key"]] for r in rows if r["key"] in verdicts]
    print(f"\n{len(rows)} {args.kind} rows on {args.split} triplets")
    if verdicts:
        counts = Counter(judged)
        right = counts[CORRECT[args.kind]]
        print(f"judged {len(judged)}: correct ({CORRECT[args.kind]}) {right}/{len(judged)}"
              f" = {right / len(judged):.2f}" if judged else "judged 0")
        print("verdicts:", dict(counts.most_common()), f"unjudged {len(rows) - len(judged)}")


if __name__ == "__main__":
    main()
