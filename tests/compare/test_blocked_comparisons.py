"""The blocked, sparse comparisons find exactly what comparing every pair finds, on the seeds.

Each test computes the answer the plain way (a dense sentences x terms matrix and its product, every
pair of names, every pair of quoted sentences) and checks the fast code against it.
"""

from __future__ import annotations

import difflib
import json

import numpy as np

from newsprism.compare.align import NAME_BOOST, _sentence_table, _weighted_entries, align_sentences
from newsprism.entities.naming import _close_spellings, _fold
from newsprism.quotes.pairs import MIN_SHARED_WORDS, MIN_SIMILARITY, _candidate_pairs, _content_words, _sentences
from newsprism.quotes.pairs import similarity as remark_similarity
from newsprism.text.nlp import parse


def test_sparse_alignment_matches_the_dense_product(seeds_tables):
    articles = seeds_tables["articles"]
    docs = [parse(body) for body in articles.body]
    sentences, bags = _sentence_table(articles, docs)
    names = {item["term"] for terms in sentences.key_terms for item in json.loads(terms)}
    # The dense way: a full matrix of weights and every sentence against every sentence.
    vocab = sorted({t for bag in bags for t in bag})
    counts = np.array([[bag.get(t, 0.0) for t in vocab] for bag in bags])
    idf = np.log((len(bags) + 1) / ((counts > 0).sum(axis=0) + 1)) + 1.0
    dense = np.sqrt(counts) * idf * np.array([NAME_BOOST if t in names else 1.0 for t in vocab])
    dense /= np.linalg.norm(dense, axis=1, keepdims=True)
    rows, columns, weights = _weighted_entries(bags, names)
    assert np.allclose(dense[rows, columns], weights) and np.count_nonzero(dense) == len(weights)
    product = dense @ dense.T
    table = align_sentences(articles, docs)
    outlets = sentences.outlet.to_numpy()
    position = {(a, s): i for i, (a, s) in enumerate(zip(sentences.article_id, sentences.sentence))}
    for row in table.itertuples():
        i = position[row.article_id, row.sentence]
        others = np.flatnonzero(outlets == row.match_outlet)
        best = others[product[i, others].argmax()]
        assert abs(row.similarity - round(product[i, best], 4)) < 1e-9
        if row.similarity > 0:
            assert position[row.best_match_article_id, row.best_match_sentence] == best
    assert table.matched.sum() > 0


def test_blocked_spelling_pairs_are_every_close_pair():
    names = ["Zelensky", "Zelenskiy", "Zelenskyy", "Navalny", "Navalnyi", "Nawalny", "Lavrov", "Lawrow",
             "Kyiv Post", "Blinken", "Blinkin", "Antony Blinken", "Anthony Blinken", "Ushakov", "Ushakoff"]
    folded = {name: _fold(name) for name in names}
    plain = [(a, b) for i, a in enumerate(names) for b in names[i + 1:]
             if folded[a] != folded[b] and folded[a][0] == folded[b][0]
             and difflib.SequenceMatcher(None, folded[a], folded[b]).ratio() >= 0.8]
    assert _close_spellings(names, folded, 0.8) == plain
    assert ("Zelensky", "Zelenskiy") in plain and ("Antony Blinken", "Anthony Blinken") in plain


def test_quote_pairs_found_through_rare_words_are_every_pair(seeds_tables):
    quotes = seeds_tables["quotes"].dropna(subset=["speaker"])
    outlets = seeds_tables["articles"].set_index("article_id")["outlet"]
    rows = list(quotes.assign(outlet=quotes.article_id.map(outlets)).itertuples())
    plain = set()
    for i, qa in enumerate(rows):
        for qb in rows[i + 1:]:
            if qa.speaker != qb.speaker or qa.outlet == qb.outlet:
                continue
            for sa in _sentences(qa.content):
                for sb in _sentences(qb.content):
                    if len(set(_content_words(sa)) & set(_content_words(sb))) >= MIN_SHARED_WORDS \
                            and remark_similarity(sa, sb) >= MIN_SIMILARITY:
                        plain.add(frozenset({(qa.Index, sa), (qb.Index, sb)}))
    blocked = set()
    for speaker in quotes.speaker.unique():
        for _, qa, sa, qb, sb in _candidate_pairs([r for r in rows if r.speaker == speaker], MIN_SIMILARITY):
            assert qa.outlet < qb.outlet
            blocked.add(frozenset({(qa.Index, sa), (qb.Index, sb)}))
    assert blocked == plain and len(plain) >= 3
