"""The memoised attribute ruler and lemmatizer give spaCy's own answers, word for word."""

from __future__ import annotations

import numpy as np
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, ORTH, POS, TAG
from spacy.pipeline import AttributeRuler

from conftest import SEEDS
from newsprism.ingest.folder import ingest_folder
from newsprism.text.memoised_pipes import MemoisedAttributeRuler, memoise_rule_components
from newsprism.text.nlp import load_pipeline

EVERY_ANSWER = [ORTH, TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]
# Words the several-word patterns and the dependency-label patterns of the ruler are for.
TRICKY = ["They're gonna say y'all ain't got nothin' to fear, let's go.",
          "I told you it. There is a dog; there were two. Did he? He did have it, and does.",
          "", "\n\n  "]


def test_same_answers_as_the_stock_pipeline_on_the_seeds():
    texts = list(ingest_folder(SEEDS).articles.body) + TRICKY
    fast = load_pipeline()
    stock = spacy.load(f"{fast.meta['lang']}_{fast.meta['name']}")  # the same package, as spaCy loads it
    assert isinstance(fast.get_pipe("attribute_ruler"), MemoisedAttributeRuler)
    # Twice: the second time every word's answer comes from the memo.
    for _ in range(2):
        for expected, got in zip(stock.pipe(texts), fast.pipe(texts)):
            assert np.array_equal(expected.to_array(EVERY_ANSWER), got.to_array(EVERY_ANSWER))
            assert [t.lemma_ for t in expected] == [t.lemma_ for t in got]
    gonna = fast(TRICKY[0])
    assert [t.lemma_ for t in gonna[2:4]] == ["go", "to"] and gonna[0].lemma_ == "they"
    assert len(fast.get_pipe("attribute_ruler").memo) > 300
    assert len(fast.get_pipe("lemmatizer").memo) > 100


def test_a_ruler_with_a_pattern_it_cannot_key_on_stays_as_it_is():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "kyiv"}]], {"LEMMA": "Kyiv"})
    ruler.add([[{"LIKE_NUM": True}]], {"POS": "NUM"})  # a word's shape, not its text, tag or label
    memoise_rule_components(nlp)
    assert type(nlp.get_pipe("attribute_ruler")) is AttributeRuler
    assert [t.lemma_ for t in nlp("Kyiv")] == ["Kyiv"]
