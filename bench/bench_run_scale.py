"""A whole run on a few hundred real articles: wall time, peak memory of all its processes, and the
ratio to spaCy's bare parse of the same texts.

    .venv/bin/python bench/bench_run_scale.py [--articles 300] [--project /work/main --project .]

The folder holds BASIL's 150 dev articles (50 events, three outlets each) and PolNeAR's 84 dev
articles (US election coverage of 7 outlets), written into a temporary folder (never into the
repository: neither carries a licence to redistribute); above 234 articles, BASIL articles come again
with their first line marked as a copy (said so in the output). No manifest names a story: the run
groups them itself. Each ``--project`` (a checkout of newsprism, for before/after) runs
``newsprism run`` on the folder with its own library, one after the other; its process tree
(runner, kernels, parse processes) is sampled every half second with psutil, and the peak of the
summed resident memory is reported (shared pages count once per process, so this overstates).
Last, the same bodies are parsed bare with ``nlp.pipe(n_process=2)`` in this process, the baseline
of the ratio.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import psutil

from triplet_folders import DEFAULT_BASIL, OUTLETS

POLNEAR = DEFAULT_BASIL.parent / "polnear-dev"


def write_folder(out: Path, count: int) -> int:
    """BASIL and PolNeAR articles as .txt files with a manifest (outlet, date); returns the copies made."""
    rows, texts = [], []
    for path in sorted((DEFAULT_BASIL / "articles").glob("*/*.json")):
        article = json.loads(path.read_text(encoding="utf-8"))
        body = "\n".join(" ".join(sentences) for sentences in article["body-paragraphs"])
        texts.append((f"basil_{path.parent.name}_{path.stem}", article["title"], body,
                      OUTLETS.get(article["source"].lower(), article["source"]), article.get("date", "")))
    meta = {r["filename"]: r for r in csv.DictReader(open(POLNEAR / "metadata.tsv", encoding="utf-8"), delimiter="\t")}
    for path in sorted((POLNEAR / "text").glob("*.txt")):
        row = meta[path.stem]
        texts.append((f"polnear_{path.stem}", row["title"], path.read_text(encoding="utf-8"), row["publisher"],
                      row["publication_date"]))
    copies = 0
    while len(texts) < count:
        name, title, body, outlet, date = texts[copies % 150]
        texts.append((f"{name}_copy{copies}", f"{title} (copy {copies})", body, outlet, date))
        copies += 1
    for name, title, body, outlet, date in texts[:count]:
        (out / f"{name}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
        rows.append({"file": f"{name}.txt", "outlet": outlet, "published": date})
    with open(out / "manifest.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["file", "outlet", "published"])
        writer.writeheader()
        writer.writerows(rows)
    return copies


def measured_run(project: Path, folder: Path, out: Path) -> tuple[float, float, str]:
    """Seconds and peak resident GB (summed over the process tree) of one ``newsprism run``, and its last line."""
    env = {**os.environ, "PYTHONPATH": str(project / "lib")}
    command = [sys.executable, "-m", "newsprism.cli", "run", str(folder), "--out", str(out)]
    t0 = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    root, peak = psutil.Process(process.pid), 0
    while process.poll() is None:
        total = 0
        try:
            for member in [root, *root.children(recursive=True)]:
                try:
                    total += member.memory_info().rss
                except psutil.Error:
                    pass
        except psutil.Error:
            pass
        peak = max(peak, total)
        time.sleep(0.5)
    seconds = time.perf_counter() - t0
    output = process.stdout.read().strip().splitlines()
    if process.returncode:
        raise SystemExit(f"{project}: the run failed:\n" + "\n".join(output[-20:]))
    return seconds, peak / 1e9, output[-1] if output else ""


def bare_parse(bodies: list[str], processes: int = 2) -> float:
    """Seconds spaCy takes to parse ``bodies`` with ``nlp.pipe(n_process=processes)``, model loaded before."""
    from newsprism.text.nlp import load_pipeline

    nlp = load_pipeline()
    list(nlp.pipe(bodies[:2]))
    t0 = time.perf_counter()
    for _ in nlp.pipe(bodies, batch_size=16, n_process=processes):
        pass
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--project", type=Path, action="append", help="a newsprism checkout (repeat for before/after)")
    args = parser.parse_args()
    projects = args.project or [Path(__file__).resolve().parents[1]]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        copies = write_folder(folder, args.articles)
        print(f"{args.articles} articles ({copies} of them BASIL articles again, marked as copies)")
        bodies, results = None, []
        for number, project in enumerate(projects):
            out = Path(tmp) / f"run{number}"
            seconds, peak, last = measured_run(project.resolve(), folder, out)
            stories = pd.read_parquet(out / "data" / "stories.parquet")
            bodies = pd.read_parquet(out / "data" / "articles.parquet")["body"].tolist()
            print(f"{project}: {seconds:.0f} s wall, peak {peak:.2f} GB (all processes), {len(stories)} stories; {last}")
            results.append((project, seconds))
        parse_seconds = bare_parse(bodies)
        print(f"bare nlp.pipe(n_process=2) on the same {len(bodies)} bodies: {parse_seconds:.0f} s")
        for project, seconds in results:
            print(f"{project}: run / bare parse = {seconds / parse_seconds:.2f}")


if __name__ == "__main__":
    main()
