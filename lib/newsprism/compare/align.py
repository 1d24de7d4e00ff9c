"""Sentence alignment: each sentence's best match in every other outlet, and its names and numbers.

The ``alignment`` table is for reading the outlets side by side (which sentence of one
tells what a sentence of another tells, by shared words). The selection findings do not
rest on its matches, which cannot see a fact told in other words: they read only each
sentence's names and numbers (``key_terms``, :func:`sentence_terms`) in
:mod:`newsprism.compare.mentions`.

Every sentence of every article is compared with every sentence of the other
outlets' articles of the same story (the articles table's ``story`` column): two articles
about different events are never compared. No embedding model is available offline, so the comparison is
lexical: a sentence becomes a bag of *key terms*

* content lemmas (nouns, verbs, adjectives, adverbs; spaCy stop words and
  ``data/stopwords_extra.csv`` left out, so "said" and "claimed" do not decide
  whether two sentences report the same fact),
* numbers, written without separators ("100,000" -> ``#100000``),
* named entities, one term per name (a person by surname, so "Antony Blinken" and
  "Blinken" agree), mapped through ``data/align_synonyms.csv`` so that "US",
  "Washington" and "the United States" are one term, as are "Kiev" and "Kyiv",

each weighted by TF-IDF over all sentences of the story (a word that occurs
in every sentence says nothing), names and numbers counting
:data:`NAME_BOOST` times more. Two sentences match when the cosine of their
weighted bags reaches :data:`MATCH_THRESHOLD`.

On the seeds the threshold separates Blinken's quote, rendered by both outlets
("we ordered the departure ...", cosine 0.45-0.9), from sentences that merely
share the cast of the story (Russia, NATO, borders: 0.1-0.25).
"""

from __future__ import annotations

import functools
import json
import re

import numpy as np
import pandas as pd
from spacy.tokens import Doc, Span, Token

from newsprism.ingest.stories import story_of_articles
from newsprism.text.datafiles import read_data_csv
from newsprism.text.nlp import doc_ents, doc_text, token_lowers, token_pos, token_texts

#: Cosine similarity from which two sentences count as reporting the same fact.
MATCH_THRESHOLD = 0.30
#: Key terms two sentences must share to match: a short sentence ("This is America's
#: war.") reaches any threshold with one common word, which is not the same fact.
MIN_SHARED = 2
#: Weight of names and numbers relative to ordinary content words: a shared
#: "100,000" or "Scholz" is stronger evidence of the same fact than a shared "talks".
NAME_BOOST = 1.5

ALIGNMENT_COLUMNS = [
    "article_id", "outlet", "sentence", "sent_start", "sent_end", "text",
    "match_outlet", "best_match_article_id", "best_match_sentence",
    "best_match_start", "best_match_end", "best_match_text",
    "similarity", "matched", "shared", "terms", "key_terms",
]

_CONTENT_POS = {"NOUN", "VERB", "ADJ", "ADV", "PROPN", "NUM"}
_NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"}
_CLAUSE_DEPS = {"ROOT", "relcl", "ccomp", "advcl", "acl", "xcomp", "conj", "pcomp", "csubj", "parataxis"}


@functools.lru_cache(maxsize=1)
def extra_stopwords() -> frozenset[str]:
    """Lemmas ignored when aligning sentences, from ``data/stopwords_extra.csv``.

    >>> "claim" in extra_stopwords()
    True
    """
    table = read_data_csv("stopwords_extra.csv")
    if "term" not in table.columns:
        raise ValueError("newsprism/data/stopwords_extra.csv lacks a 'term' column")
    return frozenset(table.term.str.lower())


@functools.lru_cache(maxsize=1)
def synonyms() -> dict[str, str]:
    """Lower-case term -> canonical form, from ``data/align_synonyms.csv``.

    >>> synonyms()["kiev"], synonyms()["washington"]
    ('kyiv', 'united states')
    """
    table = read_data_csv("align_synonyms.csv")
    missing = {"term", "canonical"} - set(table.columns)
    if missing:
        raise ValueError(f"newsprism/data/align_synonyms.csv lacks columns {sorted(missing)}")
    return dict(zip(table.term.str.lower(), table.canonical.str.lower()))


def normalise_name(text: str) -> str:
    """The key under which a written name is compared across outlets.

    >>> normalise_name("the United States'"), normalise_name("U.S."), normalise_name("Kiev")
    ('united states', 'united states', 'kyiv')
    """
    name = re.sub(r"^(the)\s+", "", text.strip().lower())
    name = re.sub(r"(['’]s|['’])$", "", name).strip()
    return synonyms().get(name, name)


# Made once: every token of every sentence is asked whether it is a number, and whether its lemma has a letter.
_DIGITS = re.compile(r"\d+(\.\d+)?")
_LETTER = re.compile(r"[a-z]")


def _number_key(token: Token) -> str | None:
    digits = token.text.replace(",", "").replace("\u202f", "")
    if _DIGITS.fullmatch(digits):
        return "#" + digits
    return None


def _entity_key(span: Span) -> str:
    whole = normalise_name(span.text)
    if whole != re.sub(r"^(the)\s+", "", span.text.strip().lower()):
        return whole  # a listed synonym
    if span.label_ == "PERSON":
        # Surname: "Antony Blinken", "Blinken" and "Secretary Blinken" agree.
        words = [t for t in span if t.is_alpha and not t.is_punct]
        return normalise_name(words[-1].text) if words else whole
    return whole


def _lemma_key(token: Token) -> str | None:
    lemma = token.lemma_.lower()
    if token.is_stop or token.is_punct or token.is_space or token.pos_ not in _CONTENT_POS:
        return None
    if lemma in extra_stopwords() or token.text.lower() in extra_stopwords() or not _LETTER.search(lemma):
        return None
    return synonyms().get(lemma, lemma)


def _clause(token: Token, sent: Span) -> Span:
    """The smallest clause around ``token`` (the subtree of its nearest clause head) within ``sent``."""
    head = token
    while head.dep_ not in _CLAUSE_DEPS and head.head is not head:
        head = head.head
    left = max(head.left_edge.i, sent.start)
    right = min(head.right_edge.i, sent.end - 1)
    return token.doc[left:right + 1]


def sentence_terms(sent: Span, ents: list[Span] | None = None) -> tuple[dict[str, float], list[dict]]:
    """Key terms of one sentence: counts per term and the names/numbers with their spans.

    The second value lists each name or number once, as
    ``{"term", "kind", "text", "start", "end", "clause_start", "clause_end"}``
    with character offsets into the document's text. ``kind`` is ``number``,
    ``year`` ("since 2014"), ``date`` (another number inside a date: "February 13"),
    ``name``, or ``group`` (a nationality or group adjective such as "Western",
    weaker evidence of a fact); ``label`` is the spaCy entity label (``PROPN``
    for a proper noun spaCy did not tag, ``NUM`` for numbers).

    >>> from newsprism.text.nlp import parse
    >>> counts, names = sentence_terms(next(parse("Russia has 100,000 troops near Kiev.").sents))
    >>> sorted(t for t in counts if t.startswith("#") or t in {"russia", "kyiv"})
    ['#100000', 'kyiv', 'russia']
    """
    counts: dict[str, float] = {}
    names: dict[str, dict] = {}
    covered: set[int] = set()

    def note(key: str, kind: str, span: Span, label: str) -> None:
        counts[key] = counts.get(key, 0.0) + 1.0
        if key not in names:
            clause = _clause(span.root, sent)
            names[key] = {"term": key, "kind": kind, "label": label, "text": span.text,
                          "start": span.start_char, "end": span.end_char,
                          "clause_start": clause.start_char, "clause_end": clause.end_char}

    # ``sent.ents`` rebuilds the document's entities on every call; callers that
    # walk a whole doc pass each sentence's entities in.
    ents = list(sent.ents) if ents is None else ents
    # The words as strings, read once per Doc: a Token only for a word that may be a term.
    doc = sent.doc
    texts, lowers, pos = token_texts(doc), token_lowers(doc), token_pos(doc)
    for ent in ents:
        if ent.label_ in _NAME_LABELS:
            span = ent[1:] if lowers[ent.start] == "the" and len(ent) > 1 else ent
            # A possessive or punctuation inside the entity does not belong to the name.
            while len(span) > 1 and (span[-1].is_punct or span[-1].tag_ == "POS"):
                span = span[:-1]
            covered.update(range(ent.start, ent.end))
            key = _entity_key(span)
            if key not in extra_stopwords() and len(key) > 1:  # "State" of "Secretary of State"
                note(key, "group" if ent.label_ == "NORP" else "name", span, ent.label_)
    in_date = {i for ent in ents if ent.label_ in {"DATE", "TIME"} for i in range(ent.start, ent.end)}
    for i in range(sent.start, sent.end):
        # A number is written with digits, after any "," or narrow space (see _number_key).
        number = _number_key(doc[i]) if texts[i].lstrip(",\u202f")[:1].isdigit() else None
        if number:
            # A year is a fact ("since 2014"); a day of the month mostly dates the report.
            is_year = re.fullmatch(r"#(1[89]|20)\d\d", number) is not None
            kind = "year" if is_year else "date" if i in in_date else "number"
            note(number, kind, doc[i:i + 1], "NUM")
            covered.add(i)
            continue
        # Only a content word can be a name or a term (see _lemma_key).
        if i in covered or pos[i] not in _CONTENT_POS:
            continue
        token = doc[i]
        if pos[i] == "PROPN" and token.is_alpha and token.text[0].isupper() and len(token) > 1 \
                and not token.is_stop \
                and lowers[i] not in extra_stopwords():
            # A proper noun spaCy did not tag as an entity is still a name.
            note(normalise_name(token.text), "name", doc[i:i + 1], "PROPN")
            continue
        key = _lemma_key(token)
        if key:
            counts[key] = counts.get(key, 0.0) + 1.0
    return counts, list(names.values())


def _sentence_table(articles: pd.DataFrame, docs: list[Doc]) -> tuple[pd.DataFrame, list[dict[str, float]]]:
    if len(articles) != len(docs):
        raise ValueError(f"align_sentences: {len(articles)} articles but {len(docs)} parsed docs")
    missing = {"article_id", "outlet", "body"} - set(articles.columns)
    if missing:
        raise ValueError(f"align_sentences: the articles table lacks columns {sorted(missing)}")
    rows, bags = [], []
    for article_id, outlet, body, doc in zip(articles.article_id, articles.outlet, articles.body, docs):
        if doc_text(doc) != body:
            raise ValueError(f"align_sentences: article {article_id} ({outlet}): the parsed doc is not its body text")
        sents = list(doc.sents)
        ents_of: list[list[Span]] = [[] for _ in sents]
        starts = np.array([sent.start for sent in sents])
        for ent in doc_ents(doc):
            ents_of[int(np.searchsorted(starts, ent.start, side="right")) - 1].append(ent)
        for number, sent in enumerate(sents):
            counts, names = sentence_terms(sent, ents_of[number])
            # Offsets of the sentence without its surrounding white space, for highlighting.
            # The body is the doc's text (checked above): ``sent.text`` would join its tokens again.
            text = body[sent.start_char:sent.end_char]
            start = sent.start_char + len(text) - len(text.lstrip())
            end = sent.start_char + len(text.rstrip())
            rows.append({"article_id": article_id, "outlet": outlet, "sentence": number,
                         "sent_start": start, "sent_end": end,
                         "text": body[start:end], "terms": counts,
                         "key_terms": json.dumps(names, ensure_ascii=False)})
            bags.append(counts)
    return pd.DataFrame(rows), bags


def _weighted_matrix(bags: list[dict[str, float]], name_terms: set[str]) -> tuple[np.ndarray, list[str]]:
    """Unit-length TF-IDF rows (one per sentence) and the vocabulary of the columns."""
    vocab = sorted({term for bag in bags for term in bag})
    index = {term: i for i, term in enumerate(vocab)}
    counts = np.zeros((len(bags), len(vocab)))
    for row, bag in enumerate(bags):
        for term, count in bag.items():
            counts[row, index[term]] = count
    present = counts > 0
    idf = np.log((len(bags) + 1) / (present.sum(axis=0) + 1)) + 1.0
    boost = np.array([NAME_BOOST if term in name_terms else 1.0 for term in vocab])
    # sqrt damps a word repeated within one sentence.
    weights = np.sqrt(counts) * idf * boost
    norms = np.linalg.norm(weights, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return weights / norms, vocab


_NO_MATCH = {"best_match_article_id": None, "best_match_sentence": None, "best_match_start": None,
             "best_match_end": None, "best_match_text": None, "similarity": 0.0, "matched": False, "shared": ""}


def align_sentences(articles: pd.DataFrame, docs: list[Doc], threshold: float = MATCH_THRESHOLD) -> pd.DataFrame:
    """Align every sentence with its closest sentence in each other outlet.

    ``articles`` needs ``article_id``, ``outlet`` and ``body``; ``docs`` are the
    parses of the bodies in the same order. One row per sentence and other
    outlet (so N-1 rows per sentence for N outlets; a sentence of an outlet that
    is alone gets one row with no match). Several sentences may share a best
    match (one-to-many): a long sentence often holds two facts that another
    outlet tells in two sentences.

    Columns: ``article_id``, ``outlet``, ``sentence`` (0-based number in the
    article), ``sent_start``, ``sent_end`` (offsets into ``body``), ``text``,
    ``match_outlet``, ``best_match_article_id``, ``best_match_sentence``,
    ``best_match_start``, ``best_match_end``, ``best_match_text`` (all empty
    when the sentence shares no key term with that outlet),
    ``similarity`` (cosine 0..1), ``matched`` (similarity >= ``threshold`` and at
    least :data:`MIN_SHARED` key terms in common),
    ``shared`` (the shared key terms, heaviest first, comma-separated),
    ``terms`` (all key terms of the sentence, `` | ``-separated) and
    ``key_terms`` (JSON list of the sentence's names and numbers with offsets and
    the clause around each, used by :func:`exclusive_facts`).

    >>> import pandas as pd
    >>> from newsprism.text.nlp import parse
    >>> bodies = ["Russia has 100,000 troops near Ukraine. Talks failed.",
    ...           "More than 100,000 Russian troops are near Ukraine. It rained."]
    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "body": bodies})
    >>> table = align_sentences(arts, [parse(b) for b in bodies])
    >>> table.loc[table.outlet == "X", ["sentence", "best_match_sentence", "matched"]].values.tolist()
    [[0, 0, True], [1, <NA>, False]]
    """
    sentences, bags = _sentence_table(articles, docs)
    if sentences.empty:
        return pd.DataFrame(columns=ALIGNMENT_COLUMNS)
    # Sentences are compared only within their story: two events share no facts to align.
    story_of_sentence = sentences.article_id.map(story_of_articles(articles)).to_numpy()
    parts = []
    for story in pd.unique(story_of_sentence):
        rows = np.flatnonzero(story_of_sentence == story)
        parts.append(_align_story(sentences.iloc[rows].reset_index(drop=True), [bags[i] for i in rows], threshold))
    table = pd.concat(parts, ignore_index=True)[ALIGNMENT_COLUMNS]
    for column in ("best_match_sentence", "best_match_start", "best_match_end"):
        table[column] = table[column].astype("Int64")
    return table.sort_values(["outlet", "article_id", "sentence", "match_outlet"], kind="stable").reset_index(drop=True)


def _align_story(sentences: pd.DataFrame, bags: list[dict[str, float]], threshold: float) -> pd.DataFrame:
    """The alignment rows of one story's sentences (see :func:`align_sentences`), unsorted."""
    name_terms = {item["term"] for terms in sentences.key_terms for item in json.loads(terms)}
    unit, vocab = _weighted_matrix(bags, name_terms)
    column = {term: k for k, term in enumerate(vocab)}
    weight_of = [dict(zip(bag, unit[row, [column[t] for t in bag]].tolist())) for row, bag in enumerate(bags)]
    # Terms heaviest first, so that a reader sees the telling words of a sentence first.
    sentences["terms"] = [" | ".join(sorted(w, key=lambda t, w=w: -w[t])) for w in weight_of]
    # Only a term two sentences share adds to their similarity: the product over those columns
    # alone is small, which spares OpenBLAS's threads (on a small machine they spin on after a
    # large product and slow whatever comes next). The diagonal, which this changes, is never read.
    shared_columns = np.flatnonzero(np.count_nonzero(unit, axis=0) > 1)
    similarity = unit[:, shared_columns] @ unit[:, shared_columns].T
    outlets = sentences.outlet.to_numpy()
    base = sentences.reset_index(drop=True)
    if len(set(outlets)) == 1:
        return base.assign(match_outlet=None, **_NO_MATCH)
    all_i, all_j, all_sim, all_other = [], [], [], []
    for other in pd.unique(outlets):
        columns = np.flatnonzero(outlets == other)
        rows_i = np.flatnonzero(outlets != other)
        sub = similarity[np.ix_(rows_i, columns)]
        all_i.append(rows_i)
        all_j.append(columns[sub.argmax(axis=1)])
        all_sim.append(sub.max(axis=1))
        all_other.append(np.full(len(rows_i), other, dtype=object))
    rows_i, best_j = np.concatenate(all_i), np.concatenate(all_j)
    best_sim, other = np.concatenate(all_sim), np.concatenate(all_other)
    shared = []
    for i, j in zip(rows_i.tolist(), best_j.tolist()):
        wi, wj = weight_of[i], weight_of[j]
        shared.append(sorted(wi.keys() & wj.keys(), key=lambda t: (-wi[t] * wj[t], t)))
    target = base.iloc[best_j].reset_index(drop=True)
    has_match = best_sim > 0  # not a single key term in common: no closest sentence to show
    return base.iloc[rows_i].reset_index(drop=True).assign(
        match_outlet=other,
        best_match_article_id=target.article_id.where(has_match, None),
        best_match_sentence=target.sentence.where(has_match),
        best_match_start=target.sent_start.where(has_match),
        best_match_end=target.sent_end.where(has_match),
        best_match_text=target.text.where(has_match, None),
        similarity=np.round(best_sim, 4),
        matched=(best_sim >= threshold) & np.array([len(c) >= MIN_SHARED for c in shared], dtype=bool),
        shared=[", ".join(t.lstrip("#") for t in c[:8]) for c in shared],
    )
