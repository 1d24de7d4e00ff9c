"""Shared pieces of the bench scripts: the best of several timings, and the seed bodies as a workload."""

from __future__ import annotations

import time

from newsprism.ingest.folder import ingest_folder
from newsprism.run.runfolder import PROJECT_ROOT


def best_of(repeat: int, work) -> float:
    """The shortest of ``repeat`` timings of ``work()``, in seconds: the least disturbed by a noisy machine."""
    timings = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        work()
        timings.append(time.perf_counter() - t0)
    return min(timings)


def seed_articles():
    """The seeds' articles table, as ingest gives it."""
    return ingest_folder(PROJECT_ROOT / "seeds").articles


def seed_bodies(copies: int = 1) -> list[str]:
    """The seeds' clean bodies, repeated ``copies`` times to make a workload big enough to time."""
    return list(seed_articles()["body"]) * copies


def timed_parse(texts: list[str]):
    """Parse ``texts`` with ``nlp.pipe`` after a warm-up; returns the docs and the seconds it took.

    This is the baseline every analysis ratio is measured against.
    """
    from newsprism.text.nlp import load_pipeline

    nlp = load_pipeline()
    list(nlp.pipe(texts[:2]))  # the first call pays for lazy initialisation
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts))
    return docs, time.perf_counter() - t0
