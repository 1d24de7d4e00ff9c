"""Work spread over processes, one way for the whole library: the per-article stage, the stories' findings
and the story pages.

Processes are started the way ``nlp.pipe(n_process=...)`` starts its own (the platform's default, a fork
on Linux): a worker finds the pipeline, the tables and the libraries its parent has loaded instead of
loading them again. Spawned afresh, each would import them again, and a caller whose main module cannot
be imported again (a script read from standard input) would fail.
"""

from __future__ import annotations

import contextlib
import multiprocessing
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor

#: Below this many stories, comparing them (or writing their pages) in one process is quicker than starting processes.
MIN_STORIES_FOR_PROCESSES = 64


@contextlib.contextmanager
def process_pool(processes: int):
    """``processes`` worker processes, or None for one (the work then runs in this process).

    >>> with process_pool(1) as pool:
    ...     pool is None
    True
    """
    if processes <= 1:
        yield None
        return
    with ProcessPoolExecutor(max_workers=processes, mp_context=multiprocessing.get_context()) as pool:
        yield pool


def map_in_processes(function: Callable, items: Iterable, workers: int, min_items: int) -> list:
    """``[function(item) for item in items]``, in ``workers`` processes when there are ``min_items`` or more.

    Below ``min_items`` starting processes costs more than the work. ``function`` must be picklable (a
    module's function, or a ``functools.partial`` of one); the results keep the order of ``items``.

    >>> map_in_processes(abs, [-2, 3, -1], workers=2, min_items=2)
    [2, 3, 1]
    """
    items = list(items)
    processes = workers if len(items) >= min_items else 1
    with process_pool(processes) as pool:
        if pool is None:
            return [function(item) for item in items]
        return list(pool.map(function, items, chunksize=max(1, len(items) // (4 * processes))))
