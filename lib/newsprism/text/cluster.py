"""The parse on a Dask cluster: workers elsewhere fill the run's parse cache.

Parsing is the per-article work that costs most (:mod:`newsprism.text.nlp`).
With a cluster, the texts not yet in the cache are sent in batches to the
workers of a Dask scheduler (``dask.distributed``); each worker parses its
batch with the same spaCy model and sends back the serialised parses, which
are stored where :func:`newsprism.text.nlp.parse_cached` looks for them. The
notebooks then read the cache as in any run: the tables are the same, byte for
byte, as a run on one machine (the test suite checks it).

A worker needs newsprism and the same spaCy model installed (``make install``
on each machine); it needs neither the articles folder nor the run folder,
since texts and parses travel through the scheduler. ``"local"`` starts a
``LocalCluster`` on this machine instead.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsprism.text.nlp import cache_path, load_pipeline, model_label, text_hash
from newsprism.text.parse_bytes import doc_to_bytes, store_parse

#: Texts per task sent to a worker: large enough that the scheduler's overhead per task is small
#: beside the parse, small enough that the cluster's workers all get work on a few hundred articles.
BATCH_TEXTS = 16
#: Seconds to wait for a scheduler to answer before the run stops with a message.
CONNECT_SECONDS = 30


class ClusterProblem(RuntimeError):
    """The cluster cannot be reached or cannot parse like this machine."""


def parse_batch(texts: list[str], model: str | None = None) -> tuple[str, list[bytes]]:
    """Parse ``texts`` with ``nlp.pipe`` in this process; the model's label and each parse as ``DocBin`` bytes.

    This is the function a worker runs; it loads the pipeline once per worker process.

    >>> from spacy.tokens import DocBin
    >>> label, parses = parse_batch(["Kyiv is the capital."])
    >>> len(parses), len(DocBin().from_bytes(parses[0]))
    (1, 1)
    """
    nlp = load_pipeline(model)
    return model_label(nlp), [doc_to_bytes(doc) for doc in nlp.pipe(texts)]


@contextlib.contextmanager
def cluster_client(address: str, workers: int | None = None, connect_seconds: float = CONNECT_SECONDS) -> Iterator:
    """A ``distributed.Client`` for ``address``: ``"local"`` starts a ``LocalCluster`` of ``workers``
    processes (default: this machine's cores) and closes it afterwards; otherwise the address of a
    running scheduler (``tcp://host:8786``), which is left running; :class:`ClusterProblem` when none
    answers within ``connect_seconds`` or it has no workers.

    >>> with cluster_client("local", workers=1) as client:  # doctest: +SKIP
    ...     len(client.scheduler_info()["workers"])
    1
    """
    from distributed import Client, LocalCluster

    if address == "local":
        count = workers or os.cpu_count() or 1
        # One thread per worker process: spaCy's parse holds the GIL, so threads would not run in parallel.
        # The workers' scratch space is a folder of this run's own, removed afterwards (not /tmp/dask-scratch-space).
        with tempfile.TemporaryDirectory(prefix="newsprism-dask-") as scratch, \
                LocalCluster(n_workers=count, threads_per_worker=1, processes=True, dashboard_address=None,
                             local_directory=scratch) as cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(address, timeout=connect_seconds)
    except (OSError, TimeoutError) as error:
        raise ClusterProblem(f"no Dask scheduler answered at {address} within {connect_seconds:g} s ({error})") from error
    with client:
        if not client.scheduler_info().get("workers"):
            raise ClusterProblem(f"the Dask scheduler at {address} has no workers")
        yield client


def parse_on_cluster(texts: Iterable[str], cache_dir: str | Path, client, model: str | None = None,
                     batch_texts: int = BATCH_TEXTS) -> dict:
    """Parse on ``client``'s workers the texts whose parse ``cache_dir`` does not hold yet, and store them there.

    Each parse is stored as soon as its batch comes back, so memory holds a few batches, not the
    corpus, and an interrupted run keeps what was parsed. A text given twice is parsed once. Raises
    :class:`ClusterProblem` when a worker's model differs from this machine's (its parses would be
    stored under another model's name and never read). Returns ``{"model", "parsed", "reused",
    "workers"}``.

    >>> import tempfile
    >>> with cluster_client("local", workers=1) as client, tempfile.TemporaryDirectory() as cache:  # doctest: +SKIP
    ...     parse_on_cluster(["Kyiv is the capital."], cache, client)["parsed"]
    1
    """
    from distributed import as_completed

    label = model_label(load_pipeline(model))
    cache_dir = Path(cache_dir)
    todo: dict[str, str] = {}
    texts = list(texts)
    for text in texts:
        digest = text_hash(text)
        if digest not in todo and not cache_path(cache_dir, label, digest).exists():
            todo[digest] = text
    digests = list(todo)
    batches = [digests[i:i + batch_texts] for i in range(0, len(digests), batch_texts)]
    futures = {client.submit(parse_batch, [todo[d] for d in batch], model, pure=False): batch for batch in batches}
    for future in as_completed(futures):
        worker_label, parses = future.result()
        if worker_label != label:
            client.cancel(list(futures))
            raise ClusterProblem(f"a worker parses with {worker_label}, this machine with {label}: install the "
                                 "same model on every worker")
        for digest, data in zip(futures.pop(future), parses):
            store_parse(cache_path(cache_dir, label, digest), data)
    return {"model": label, "parsed": len(digests), "reused": len(texts) - len(digests),
            "workers": len(client.scheduler_info().get("workers", {}))}
