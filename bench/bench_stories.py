"""How well are a mixed folder's articles grouped into stories? BASIL's same-event triplets as the key.

    .venv/bin/python bench/bench_stories.py [--basil ../shared/eval/basil-dev] [--window 3] [--similarity 0.15]

Every BASIL article (each event told by Fox News, The New York Times and HuffPost) is written into
one temporary folder (never into the repository: BASIL carries no licence to redistribute) with a
manifest giving outlet and date, read by ``ingest_folder`` as a user's folder would be, and grouped
by :func:`newsprism.ingest.stories.find_stories`. The events are the gold stories. Prints pairwise
precision and recall of "same story" (over all pairs of articles), the count of stories found and of
events split or merged, and the seconds the grouping took.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import logging
import tempfile
import time
from collections import Counter
from pathlib import Path

from newsprism.ingest.folder import ingest_folder
from newsprism.ingest.stories import STORY_SIMILARITY, STORY_WINDOW_DAYS, find_stories
from triplet_folders import DEFAULT_BASIL, OUTLETS


def write_mixed_folder(basil: Path, out: Path) -> dict[str, str]:
    """All BASIL articles in one folder with a manifest; returns each file's event (its gold story)."""
    rows, event_of = [], {}
    for path in sorted((basil / "articles").glob("*/*.json")):
        article = json.loads(path.read_text(encoding="utf-8"))
        name = f"{path.parent.name}_{path.stem}.txt"
        paragraphs = [" ".join(sentences) for sentences in article["body-paragraphs"]]
        (out / name).write_text(article["title"] + "\n\n" + "\n".join(paragraphs) + "\n", encoding="utf-8")
        rows.append({"file": name, "outlet": OUTLETS.get(article["source"].lower(), article["source"]),
                     "published": article.get("date", "")})
        event_of[name] = f"{path.parent.name}/{path.stem.rsplit('_', 1)[0]}"
    with open(out / "manifest.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["file", "outlet", "published"])
        writer.writeheader()
        writer.writerows(rows)
    return event_of


def pairwise(gold: list[str], found: list[str]) -> tuple[float, float]:
    """Precision and recall of "these two articles are one story" over every pair of articles.

    >>> pairwise(["a", "a", "b"], ["1", "1", "1"])
    (0.3333333333333333, 1.0)
    """
    both = same_found = same_gold = 0
    for (g1, f1), (g2, f2) in itertools.combinations(zip(gold, found), 2):
        same_found += f1 == f2
        same_gold += g1 == g2
        both += f1 == f2 and g1 == g2
    return both / max(same_found, 1), both / max(same_gold, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--basil", type=Path, default=DEFAULT_BASIL)
    parser.add_argument("--window", type=int, default=STORY_WINDOW_DAYS)
    parser.add_argument("--similarity", type=float, default=STORY_SIMILARITY)
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        event_of = write_mixed_folder(args.basil, Path(tmp))
        articles = ingest_folder(tmp).articles
    started = time.perf_counter()
    story, stories = find_stories(articles, window_days=args.window, min_similarity=args.similarity)
    seconds = time.perf_counter() - started
    gold = [event_of[name] for name in articles["file"]]
    precision, recall = pairwise(gold, story.tolist())
    events_per_story = Counter(len({g for g, s in zip(gold, story) if s == name}) for name in stories["story"])
    stories_per_event = Counter(len({s for g, s in zip(gold, story) if g == event}) for event in set(gold))
    print(f"{len(articles)} articles, {len(set(gold))} events -> {len(stories)} stories in {seconds:.2f} s")
    print(f"stories holding more than one event: {sum(n for k, n in events_per_story.items() if k > 1)}; "
          f"events split over more than one story: {sum(n for k, n in stories_per_event.items() if k > 1)}")
    print(f"same story, pairwise: precision {precision:.3f} recall {recall:.3f}")


if __name__ == "__main__":
    main()
