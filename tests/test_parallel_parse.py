"""Parsing in two processes gives the same parses, byte for byte, as parsing in one."""

from __future__ import annotations

import pytest
from spacy.tokens import DocBin

from conftest import SEEDS
from newsprism.ingest.folder import ingest_folder
from newsprism.text.nlp import parse_cached

SMALL_TEXTS = [
    "The council voted 7-2 on Tuesday to close the Elm Street library, the mayor said.",
    "\"We will appeal,\" said Ana Ruiz, who leads the Friends of the Library. Nobody else spoke.",
    "Rain is expected in Lisbon on Friday; the ferry to Barreiro may not run.",
    "A 4.1-magnitude earthquake shook the valley at 3 a.m., according to the survey.",
]


def test_two_processes_parse_exactly_as_one(tmp_path):
    texts = list(ingest_folder(SEEDS).articles.body) + SMALL_TEXTS
    one, info_one = parse_cached(texts, tmp_path / "one", workers=1)
    # Batches of two, so that two processes really share the six texts.
    two, info_two = parse_cached(texts, tmp_path / "two", workers=2, batch_size=2)
    assert info_one["parsed"] == info_two["parsed"] == len(texts)
    for a, b in zip(one, two):
        assert a.text == b.text
        assert DocBin(docs=[a]).to_bytes() == DocBin(docs=[b]).to_bytes()
    stored_one = sorted(p.read_bytes() for p in (tmp_path / "one").rglob("*.spacy"))
    stored_two = sorted(p.read_bytes() for p in (tmp_path / "two").rglob("*.spacy"))
    assert stored_one == stored_two


def test_no_process_is_started_for_fewer_texts_than_a_batch(tmp_path, capsys):
    parse_cached(SMALL_TEXTS, tmp_path, workers=2)
    assert "parse (1 process)" in capsys.readouterr().err


def test_workers_below_one_are_refused_with_a_reason(tmp_path):
    with pytest.raises(ValueError, match="workers must be 1 or more"):
        parse_cached(SMALL_TEXTS, tmp_path, workers=0)
