"""The parse on a Dask cluster: a LocalCluster of two workers fills the parse cache exactly as one process does."""

from __future__ import annotations

import json
import socket

import pytest

from newsprism.run.runner import run_suite
from newsprism.text.cluster import ClusterProblem, cluster_client, parse_on_cluster
from newsprism.text.nlp import parse_cached

from conftest import SEEDS

pytestmark = pytest.mark.slow

SHORT_TEXTS = [
    "Blinken said on Saturday that Russia could invade Ukraine at any time.",
    "The ferry strike in Helsinki ended on Friday, the union said.",
    "Kyiv rejected the claim. \"This is not true,\" a spokesman told reporters.",
]


@pytest.fixture(scope="module")
def two_workers():
    with cluster_client("local", workers=2) as client:
        yield client


def _files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.spacy"))}


def test_two_workers_store_the_same_parses_as_one_process(two_workers, tmp_path):
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts = seeds + SHORT_TEXTS + SHORT_TEXTS[:1]  # a text given twice is parsed once
    on_cluster = parse_on_cluster(texts, tmp_path / "cluster", two_workers, batch_texts=2)
    assert (on_cluster["parsed"], on_cluster["reused"], on_cluster["workers"]) == (5, 1, 2)
    parse_cached(texts, tmp_path / "here")
    assert len(_files(tmp_path / "cluster")) == 5
    assert _files(tmp_path / "cluster") == _files(tmp_path / "here")
    # a second time nothing is sent to the cluster, and no temporary file is left behind
    assert parse_on_cluster(texts, tmp_path / "cluster", two_workers)["parsed"] == 0
    assert not [p for p in (tmp_path / "cluster").rglob("*") if p.name.startswith(".")]


def test_a_scheduler_that_does_not_answer_is_named(tmp_path):
    with socket.socket() as probe:  # a port on this machine that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    with pytest.raises(ClusterProblem, match=f"no Dask scheduler answered at {address}"):
        with cluster_client(address, connect_seconds=1):
            pass


def test_a_run_on_a_local_cluster_gives_the_same_tables(seeds_run, tmp_path):
    on_cluster = run_suite(SEEDS, tmp_path / "cluster", {"cluster": "local"}, render=False)
    first, second = seeds_run.run.data, on_cluster.run.data
    tables = sorted(p.name for p in first.glob("*.csv"))
    assert tables == sorted(p.name for p in second.glob("*.csv"))
    for name in tables:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    # the notebook found every parse already stored by the cluster's workers
    parse_info = json.loads((on_cluster.run.root / "parse.json").read_text())
    assert parse_info["parsed"] == 0 and parse_info["reused"] == 2
