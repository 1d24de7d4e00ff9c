"""Whole ingest of saved web pages against trafilatura alone on the same pages (issue 12: at least 0.8x).

    .venv/bin/python bench/bench_ingest_pages.py [PAGES_DIR] [--repeat N]

PAGES_DIR (default ../shared/eval/pages-dev/html, evaluation data never copied into the project)
holds saved ``.html`` pages. They are linked into one temporary folder and read by
:func:`newsprism.ingest.folder.ingest_folder_following_links` (extraction, cleaning, metadata,
language, the articles table); the baseline is ``trafilatura.bare_extraction`` with newsprism's
settings on each page's text, read from disk. Machines here are noisy, so the figure is the ratio
of pages per second, each side the best of N runs, with the language cache emptied before each
newsprism run (a real run sees each body once).
"""

from __future__ import annotations

import argparse
import logging
import os
import tempfile
from pathlib import Path

import trafilatura

from newsprism.ingest import folder as ingest
from timing import best_of

DEFAULT_PAGES = Path(__file__).resolve().parents[2] / "shared" / "eval" / "pages-dev" / "html"


def extract_alone(pages: list[Path]) -> None:
    """trafilatura on every page, as newsprism calls it."""
    for page in pages:
        trafilatura.bare_extraction(page.read_text(encoding="utf-8", errors="replace"), with_metadata=True,
                                    include_comments=False, include_images=False, include_links=False,
                                    favor_precision=True)


def ingest_all(folder: str) -> int:
    """newsprism's whole ingest of the folder, from an empty language cache; returns the articles read."""
    ingest.detect_language.cache_clear()
    return len(ingest.ingest_folder_following_links(folder).articles)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pages_dir", nargs="?", default=str(DEFAULT_PAGES))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # the console notes on non-English pages
    pages = sorted(Path(args.pages_dir).glob("*.html"))
    with tempfile.TemporaryDirectory() as tmp:
        for number, page in enumerate(pages):
            os.symlink(page.resolve(), os.path.join(tmp, f"{number:04d}.html"))
        read = ingest_all(tmp)
        alone = best_of(args.repeat, lambda: extract_alone(pages))
        whole = best_of(args.repeat, lambda: ingest_all(tmp))
    print(f"{len(pages)} pages, {read} articles")
    print(f"trafilatura alone   {len(pages) / alone:6.1f} pages/s")
    print(f"newsprism ingest    {len(pages) / whole:6.1f} pages/s  ratio {alone / whole:.2f}")


if __name__ == "__main__":
    main()
