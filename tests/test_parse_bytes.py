"""A parse stored by newsprism is a spaCy DocBin, byte for byte, and reads back as the Doc DocBin gives."""

from __future__ import annotations

import numpy
import pytest
from spacy.attrs import intify_attr
from spacy.tokens import DocBin
from spacy.tokens._serialize import ALL_ATTRS

from conftest import SEEDS
from newsprism.ingest.folder import ingest_folder
from newsprism.text.nlp import load_pipeline
from newsprism.text.parse_bytes import doc_from_bytes, doc_to_bytes

TEXTS = [
    "Blinken told Lavrov on Friday that Kyiv was ready. \"We will not be intimidated,\" he said.",
    "The ministry   \"denied\" the claims.\n\nNobody else spoke.",  # runs of spaces, a paragraph break
    "",
]
EVERY_ATTRIBUTE = [intify_attr(name) for name in ALL_ATTRS]


@pytest.fixture(scope="module")
def docs():
    nlp = load_pipeline()
    return nlp, list(nlp.pipe(list(ingest_folder(SEEDS).articles.body) + TEXTS))


def test_the_bytes_are_those_of_a_doc_bin(docs):
    _, parsed = docs
    for doc in parsed:
        assert doc_to_bytes(doc) == DocBin(docs=[doc], store_user_data=False).to_bytes()


def test_a_doc_read_back_is_the_one_doc_bin_gives(docs):
    nlp, parsed = docs
    for doc in parsed:
        data = DocBin(docs=[doc], store_user_data=False).to_bytes()
        (expected,) = DocBin().from_bytes(data).get_docs(nlp.vocab)
        found = doc_from_bytes(data, nlp.vocab)
        assert found.text == doc.text
        assert found.to_json() == expected.to_json()
        assert numpy.array_equal(found.to_array(EVERY_ATTRIBUTE), expected.to_array(EVERY_ATTRIBUTE))
        assert [sentence.text for sentence in found.sents] == [sentence.text for sentence in expected.sents]
        assert [(e.text, e.label_) for e in found.ents] == [(e.text, e.label_) for e in expected.ents]


def test_a_seed_article_keeps_its_entities_through_the_bytes(docs):
    nlp, parsed = docs
    found = doc_from_bytes(doc_to_bytes(parsed[0]), nlp.vocab)
    assert [(e.text, e.label_) for e in found.ents] == [(e.text, e.label_) for e in parsed[0].ents]
    assert "Blinken" in {e.text for e in found.ents if e.label_ == "PERSON"}


def test_bytes_that_are_no_parse_are_refused_with_a_reason(docs):
    nlp, _ = docs
    with pytest.raises(ValueError, match="not the bytes of a spaCy DocBin"):
        doc_from_bytes(b"not a parse", nlp.vocab)
