"""Turn BASIL same-event triplets (../shared/eval/basil-dev) into folders newsprism can read.

    .venv/bin/python bench/triplet_folders.py OUT_DIR [--count 5] [--basil ../shared/eval/basil-dev]

Each triplet becomes OUT_DIR/<year>-<triplet>/ with one .txt per outlet (headline,
blank line, paragraphs) and a manifest.csv giving outlet, url and date. The
folders are evaluation material: write them to a temporary place, never into
the repository (BASIL carries no licence to redistribute).
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import defaultdict
from pathlib import Path

OUTLETS = {"fox": "Fox News", "nyt": "The New York Times", "hpo": "HuffPost"}
DEFAULT_BASIL = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "basil-dev"


def pick_triplets(basil_dir: Path, count: int) -> list[list[Path]]:
    """``count`` triplets (three article files each), spread evenly over the years, in a stable order."""
    groups: dict[tuple[str, str], list[Path]] = defaultdict(list)
    for path in sorted((basil_dir / "articles").glob("*/*.json")):
        groups[(path.parent.name, path.stem.rsplit("_", 1)[0])].append(path)
    complete = [sorted(files) for _, files in sorted(groups.items()) if len(files) == 3]
    # Spread the picks over the years instead of taking the first few of 2010.
    step = max(1, len(complete) // max(count, 1))
    return complete[::step][:count]


def write_triplet(files: list[Path], out: Path) -> Path:
    """Write one triplet as a folder of .txt files plus manifest.csv; returns the folder."""
    first = json.loads(files[0].read_text(encoding="utf-8"))
    folder = out / f"{files[0].parent.name}-{first['triplet-uuid'][:8]}"
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for path in files:
        article = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = [" ".join(sentences) for sentences in article["body-paragraphs"]]
        name = f"{article['source']}.txt"
        (folder / name).write_text(article["title"] + "\n\n" + "\n".join(paragraphs) + "\n", encoding="utf-8")
        rows.append({"file": name, "outlet": OUTLETS.get(article["source"].lower(), article["source"]),
                     "url": article.get("url", ""), "published": article.get("date", ""), "country": "United States"})
    with open(folder / "manifest.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=5)
    parser.add_argument("--basil", type=Path, default=DEFAULT_BASIL)
    args = parser.parse_args()
    for files in pick_triplets(args.basil, args.count):
        print(write_triplet(files, args.out))


if __name__ == "__main__":
    main()
