"""Work spread over processes, one way for the whole library: reading a folder, the per-article stage, the
stories' alignment, mentions and findings, and the story pages.

Reading a folder forks its workers from the calling process (the platform's default on Linux), as
``nlp.pipe(n_process=...)`` does. The per-article stage and the work over the tables of a whole corpus (the
stories' comparisons, their pages) use fresh workers instead (``fresh=True``), forked from a small server
process that has never run a second thread and holds none of the notebook's tables: forked from a notebook
holding those tables, each worker came to hold its own copy of most of them (05-summary's comparisons of the
10,000-article benchmark's stories peaked at 3.4 GB forked, 2.6 GB with fresh workers), and a notebook's
kernel runs threads, which make the parse slower in every process forked from it
(:data:`SINGLE_THREAD_ENVIRONMENT`).
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import gc
import multiprocessing
import multiprocessing.forkserver
import os
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor


def default_workers() -> int:
    """How many processes parse at once when a run does not say: the cores this process may use.

    >>> default_workers() >= 1
    True
    """
    counted = getattr(os, "process_cpu_count", None)  # Python 3.13: the cores this process may run on
    if counted is not None:
        return counted() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


#: Set in the environment of the server that fresh workers fork from (unless already set), so that no library
#: the server or its workers load starts a thread of its own: NumPy's OpenBLAS starts its threads when it is
#: imported, Arrow's jemalloc a background thread. glibc's allocator (and the C++ runtime's reference counts)
#: take a quicker path in a process that has never had a second thread: spaCy's parse takes about 10% less
#: time in such a worker (measured on machine B: 150 articles, two workers at once, 15.7 s against 17.5 s).
SINGLE_THREAD_ENVIRONMENT = {"OPENBLAS_NUM_THREADS": "1", "JE_ARROW_MALLOC_CONF": "background_thread:false"}
#: Below this many stories, comparing them (or writing their pages) in one process is quicker than starting processes.
MIN_STORIES_FOR_PROCESSES = 64
#: Most items sent to a worker at once by :func:`map_in_processes`.
MAX_CHUNK = 8


@contextlib.contextmanager
def process_pool(processes: int, fresh: bool = False, preload: Iterable[str] = ()):
    """``processes`` worker processes, or None for one (the work then runs in this process).

    A worker is forked from this process (it finds the spaCy pipeline and the libraries loaded), or
    with ``fresh``, from a small server process that holds none of this process's tables: work over
    tables of a whole corpus sends each worker its own share, and a worker forked from a process holding
    them would soon hold its own copy of every page this process touches (copy on write). The server
    imports the modules ``preload`` names when it starts (the first fresh pool of this process); as with
    Python's "spawn", a fresh worker imports the caller's main script again, so a script that asks for
    fresh workers needs the ``if __name__ == "__main__":`` guard (notebooks, ``newsprism`` and pytest have it).

    >>> with process_pool(1) as pool:
    ...     pool is None
    True
    """
    if processes <= 1:
        yield None
        return
    if fresh:
        context = multiprocessing.get_context("forkserver")
        _start_server(preload)
        # Each worker sets what it inherited from the server (the modules, the pipeline) aside from garbage
        # collection: a worker comparing stories collects once per slice, and each full collection walked some
        # 170,000 such objects (about 40 ms), writing to pages the worker otherwise shares with the server.
        with ProcessPoolExecutor(max_workers=processes, mp_context=context, initializer=gc.freeze) as pool:
            yield pool
        return
    # A forked worker shares its parent's memory until either writes to it, and a garbage collection in
    # the worker writes to every container object it inherited: frozen first, they are left alone.
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=processes, mp_context=multiprocessing.get_context()) as pool:
            yield pool
    finally:
        gc.unfreeze()


def map_in_processes(function: Callable, items: Iterable, workers: int, min_items: int, fresh: bool = False,
                     chunk: int | None = None) -> list:
    """``[function(item) for item in items]``, in ``workers`` processes when there are ``min_items`` or more.

    Below ``min_items`` starting processes costs more than the work. ``function`` must be picklable (a
    module's function, or a ``functools.partial`` of one); the results keep the order of ``items``.
    ``fresh``: workers that do not share this process's memory (see :func:`process_pool`). ``chunk``: items
    a worker takes at once (default: a quarter of each worker's share, at most :data:`MAX_CHUNK`); 1 for a
    few large items, so that no worker is left alone with the last several.

    >>> map_in_processes(abs, [-2, 3, -1], workers=2, min_items=2)
    [2, 3, 1]
    >>> map_in_processes(abs, [-2, 3, -1], workers=2, min_items=2, fresh=True, chunk=1)
    [2, 3, 1]
    """
    items = list(items)
    processes = workers if len(items) >= min_items else 1
    with process_pool(processes, fresh, _modules_of(function)) as pool:
        if pool is None:
            return [function(item) for item in items]
        # Small chunks: a worker holds a chunk's items and results at once (250 stories' tables, at 2,000 stories).
        chunk = chunk or max(1, min(MAX_CHUNK, len(items) // (4 * processes)))
        return list(pool.map(function, items, chunksize=chunk))


def start_fresh_server(function: Callable | None = None, preload: Iterable[str] = ()) -> None:
    """Start the server that fresh workers fork from (see :func:`process_pool`), without waiting for it.

    The server imports the modules of ``function`` and those ``preload`` names (about 1 s for the comparisons)
    as it starts; a caller that has a long step of its own to do before ``map_in_processes(function, ...,
    fresh=True)`` calls this first, so that the two overlap. Nothing happens when the server is running already.

    >>> start_fresh_server(functools.partial(map, abs))
    """
    _start_server([*(_modules_of(function) if function is not None else ()), *preload])


def _start_server(preload: Iterable[str]) -> None:
    """Start the server fresh workers fork from, importing ``preload``, in :data:`SINGLE_THREAD_ENVIRONMENT`.

    A server already running is left as it is (its preloads were set when it started).
    """
    multiprocessing.get_context("forkserver").set_forkserver_preload(list(preload))
    added = {name: value for name, value in SINGLE_THREAD_ENVIRONMENT.items() if name not in os.environ}
    os.environ.update(added)  # the server inherits this process's environment as it is when it starts
    try:
        multiprocessing.forkserver.ensure_running()
    finally:
        for name in added:
            os.environ.pop(name, None)


def write_parquet(frame, path) -> None:
    """Write ``frame`` as ``frame.to_parquet(path, index=False)`` does (the same bytes), converted in this thread alone.

    pandas lets Arrow convert a long table's columns in threads of its own; a fresh worker runs none
    (see :data:`SINGLE_THREAD_ENVIRONMENT`).

    >>> import pandas as pd, tempfile, pathlib
    >>> frame = pd.DataFrame({"article_id": ["a", "b"], "start": [3, 9]})
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     write_parquet(frame, pathlib.Path(tmp) / "here.parquet")
    ...     frame.to_parquet(pathlib.Path(tmp) / "pandas.parquet", index=False)
    ...     (pathlib.Path(tmp) / "here.parquet").read_bytes() == (pathlib.Path(tmp) / "pandas.parquet").read_bytes()
    True
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False, nthreads=1), path, compression="snappy")


def has_had_threads() -> bool | None:
    """Whether this process has ever run a second thread, as glibc records it; None where that is not known.

    A worker from :func:`process_pool` with ``fresh`` should answer False (see :data:`SINGLE_THREAD_ENVIRONMENT`).

    >>> has_had_threads() in (True, False, None)
    True
    """
    try:
        flag = ctypes.c_char.in_dll(ctypes.CDLL(None), "__libc_single_threaded")  # glibc 2.32 and later
    except (OSError, ValueError):
        return None
    return flag.value == b"\x00"


def _modules_of(function: Callable) -> list[str]:
    """The modules of ``function`` and of the functions a ``functools.partial`` of it binds, at any depth.

    >>> _modules_of(functools.partial(map, functools.partial(os.path.join, "news")))
    ['posixpath', 'builtins']
    """
    if not isinstance(function, functools.partial):
        return [getattr(function, "__module__", None) or "builtins"]
    bound = [arg for arg in (*function.args, *function.keywords.values()) if callable(arg)]
    return list(dict.fromkeys(module for part in (*bound, function.func) for module in _modules_of(part)))


def release_memory() -> bool:
    """Hand the memory of freed objects back to the system; True when some was (glibc only).

    Python frees a large table's objects when it is dropped, but the C allocator keeps the pages
    for later use, and the process stays as large as at its peak; a notebook that has written and
    dropped a corpus-sized table calls this before the next step (and the per-article stage before
    its workers fork from it). Arrow's memory pool, when Arrow is loaded, gives back its unused pages too.

    >>> release_memory() in (True, False)
    True
    """
    gc.collect()
    if "pyarrow" in sys.modules:
        sys.modules["pyarrow"].default_memory_pool().release_unused()
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc (macOS, musl): nothing to trim
        return False
    return bool(libc.malloc_trim(0))
