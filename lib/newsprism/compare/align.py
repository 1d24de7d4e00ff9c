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
from typing import NamedTuple

import numpy as np
import pandas as pd
from spacy.tokens import Doc, Span, Token

from newsprism.ingest.stories import stories_largest_first, story_of_articles
from newsprism.text.parallel import MIN_STORIES_FOR_PROCESSES, map_in_processes
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


#: Columns of :func:`sentences_table`: what the alignment needs of each article, read from its parse alone.
SENTENCE_COLUMNS = ["article_id", "outlet", "sentence", "sent_start", "sent_end", "text", "terms", "key_terms"]


def sentences_table(articles: pd.DataFrame, docs: list[Doc]) -> pd.DataFrame:
    """The per-article half of :func:`align_sentences`: each sentence's offsets, text and key terms.

    One row per sentence (columns :data:`SENTENCE_COLUMNS`); ``terms`` holds the sentence's
    weighted key terms as JSON (``{"term": count}``, in the order found), so that the table can
    be written batch by batch while the articles are parsed and aligned later without any parse
    (:func:`align_sentence_table`).

    >>> from newsprism.text.nlp import parse
    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "body": ["Russia has 100,000 troops."]})
    >>> sentences_table(arts, [parse(arts.body[0])])[["sentence", "text", "terms"]].values.tolist()
    [[0, 'Russia has 100,000 troops.', '{"russia": 1.0, "#100000": 1.0, "troops": 1.0}']]
    """
    sentences, bags = _sentence_table(articles, docs)
    if sentences.empty:
        return pd.DataFrame(columns=SENTENCE_COLUMNS)
    return sentences.assign(terms=[json.dumps(bag, ensure_ascii=False) for bag in bags])[SENTENCE_COLUMNS]


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


def _weighted_entries(bags: list[dict[str, float]], name_terms: set[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The unit-length TF-IDF rows (one per sentence) stored sparse: ``(row, column, weight)`` of each
    term a sentence has, rows in order and each row's columns in the order of the sorted vocabulary.

    A story's sentences use a few thousandths of its vocabulary each: the dense matrix of a
    thousand articles (34,469 sentences x 22,672 terms, 0.04% non-zero) did not fit in 14 GB.
    """
    vocab = sorted({term for bag in bags for term in bag})
    index = {term: i for i, term in enumerate(vocab)}
    rows, columns, counts = [], [], []
    for row, bag in enumerate(bags):
        for column, count in sorted((index[term], count) for term, count in bag.items()):
            rows.append(row)
            columns.append(column)
            counts.append(count)
    rows, columns, counts = np.array(rows, dtype=np.int64), np.array(columns, dtype=np.int64), np.array(counts)
    present = np.bincount(columns, minlength=len(vocab))
    idf = np.log((len(bags) + 1) / (present + 1)) + 1.0
    boost = np.array([NAME_BOOST if term in name_terms else 1.0 for term in vocab])
    # sqrt damps a word repeated within one sentence.
    weights = np.sqrt(counts) * idf[columns] * boost[columns]
    norms = np.sqrt(np.bincount(rows, weights=weights * weights, minlength=len(bags)))
    norms[norms == 0] = 1.0
    return rows, columns, weights / norms[rows]


def _similar_pairs(rows: np.ndarray, columns: np.ndarray, weights: np.ndarray, n_rows: int,
                   group: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every pair of rows ``(i, j)`` of different ``group`` (outlet) sharing a column, with the dot
    product of the two rows: the non-zero entries of ``unit @ unit.T``, made column by column.

    Only a term two sentences share adds to their similarity, so the work is the pairs that share
    one, never the sentences x sentences product.
    """
    order = np.lexsort((rows, columns))
    rows, columns, weights = rows[order], columns[order], weights[order]
    starts = np.flatnonzero(np.r_[True, columns[1:] != columns[:-1]])
    sizes = np.diff(np.r_[starts, len(columns)])
    firsts, seconds, products = [], [], []
    for start, size in zip(starts[sizes > 1].tolist(), sizes[sizes > 1].tolist()):
        members, values = rows[start:start + size], weights[start:start + size]
        left, right = np.repeat(np.arange(size), size), np.tile(np.arange(size), size)
        keep = group[members[left]] != group[members[right]]
        firsts.append(members[left[keep]])
        seconds.append(members[right[keep]])
        products.append(values[left[keep]] * values[right[keep]])
    if not firsts:
        empty = np.array([], dtype=np.int64)
        return empty, empty, np.array([])
    first, second, product = np.concatenate(firsts), np.concatenate(seconds), np.concatenate(products)
    # Sum each pair's products in the order of the columns (the terms' order), as a product would.
    key = first * n_rows + second
    order = np.argsort(key, kind="stable")
    key, product = key[order], product[order]
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    pair = key[starts]
    return pair // n_rows, pair % n_rows, np.add.reduceat(product, starts)



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
    return align_sentence_table(articles, sentences_table(articles, docs), threshold)


def align_sentence_table(articles: pd.DataFrame, sentences: pd.DataFrame,
                         threshold: float = MATCH_THRESHOLD, workers: int = 1) -> pd.DataFrame:
    """The cross-article half of :func:`align_sentences`: align the sentences of :func:`sentences_table`.

    ``sentences`` may be written batch by batch and read back (``terms`` as JSON); no parse is
    needed here. ``articles`` gives each article's story; from
    :data:`~newsprism.text.parallel.MIN_STORIES_FOR_PROCESSES` stories on, ``workers`` processes
    align them at once (each story alone: the same table). Rows come story by story (most articles
    first, as the findings), then by outlet, article, sentence and other outlet.

    >>> from newsprism.text.nlp import parse
    >>> bodies = ["Russia has 100,000 troops near Ukraine.", "More than 100,000 Russian troops are near Ukraine."]
    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "body": bodies})
    >>> sentences = sentences_table(arts, [parse(b) for b in bodies])
    >>> align_sentence_table(arts, sentences)[["article_id", "best_match_article_id", "matched"]].values.tolist()
    [['a', 'b', True], ['b', 'a', True]]
    """
    if sentences.empty:
        return pd.DataFrame(columns=ALIGNMENT_COLUMNS)
    sentences = sentences.reset_index(drop=True)
    bags = [json.loads(terms) for terms in sentences["terms"]]
    # Sentences are compared only within their story: two events share no facts to align.
    story_of = story_of_articles(articles)
    members_of: dict[str, list[int]] = {}  # each story's sentences, found in one pass
    for position, article_id in enumerate(sentences.article_id):
        members_of.setdefault(story_of[article_id], []).append(position)
    terms = [""] * len(bags)
    rows_i, best_j, best_sim, other, shared = [], [], [], [], []
    stories = [np.array(members) for members in members_of.values()]
    aligned = map_in_processes(_align_story_of, [(sentences.iloc[members], [bags[i] for i in members])
                                                 for members in stories], workers, MIN_STORIES_FOR_PROCESSES,
                               fresh=True)
    for members, found in zip(stories, aligned):
        for i, text in zip(members.tolist(), found.terms):
            terms[i] = text
        rows_i.extend(members[found.rows].tolist())
        best_j.extend(np.where(found.best >= 0, members[np.maximum(found.best, 0)], -1).tolist())
        best_sim.extend(found.similarity)
        other.extend(found.other)
        shared.extend(found.shared)
    base = sentences.assign(terms=terms).reset_index(drop=True)
    best_sim = np.array(best_sim, dtype=float)
    has_match = best_sim > 0  # not a single key term in common: no closest sentence to show
    target = base.iloc[[max(j, 0) for j in best_j]].reset_index(drop=True)
    table = base.iloc[rows_i].reset_index(drop=True).assign(
        match_outlet=np.array(other, dtype=object),
        best_match_article_id=target.article_id.where(has_match, None),
        best_match_sentence=target.sentence.where(has_match),
        best_match_start=target.sent_start.where(has_match),
        best_match_end=target.sent_end.where(has_match),
        best_match_text=target.text.where(has_match, None),
        similarity=np.round(best_sim, 4),
        matched=(best_sim >= threshold) & np.array([len(c) >= MIN_SHARED for c in shared], dtype=bool),
        shared=[", ".join(t.lstrip("#") for t in c[:8]) for c in shared],
    )[ALIGNMENT_COLUMNS]
    for column in ("best_match_sentence", "best_match_start", "best_match_end"):
        table[column] = table[column].astype("Int64")
    # Each story's rows together, the stories in the order of the findings (then by outlet, article and
    # sentence): a corpus' alignment can be made and written a slice of its stories at a time.
    rank = {story: number for number, (story, _) in enumerate(stories_largest_first(articles))}
    table.insert(0, "story_rank", table["article_id"].map(story_of).map(rank))
    ordered = table.sort_values(["story_rank", "outlet", "article_id", "sentence", "match_outlet"], kind="stable")
    return ordered.drop(columns="story_rank").reset_index(drop=True)


class _StoryAlignment(NamedTuple):
    """One story's alignment, in positions among its sentences: for each row (a sentence and another
    outlet) the sentence, its best match (-1: none), their similarity, the other outlet (None when the
    story has one outlet) and the key terms they share, heaviest first; and each sentence's terms."""

    rows: np.ndarray
    best: np.ndarray
    similarity: list[float]
    other: list[object]
    shared: list[list[str]]
    terms: list[str]


def _align_story_of(story: tuple[pd.DataFrame, list[dict[str, float]]]) -> _StoryAlignment:
    return _align_story(*story)


def _align_story(sentences: pd.DataFrame, bags: list[dict[str, float]]) -> _StoryAlignment:
    """Each sentence of one story against the sentences of each other outlet of the story."""
    name_terms = {item["term"] for terms in sentences.key_terms for item in json.loads(terms)}
    rows, columns, weights = _weighted_entries(bags, name_terms)
    starts = np.searchsorted(rows, np.arange(len(bags) + 1))
    weight_of = []
    for row, bag in enumerate(bags):
        # A row's entries follow the sorted vocabulary; the dict keeps the bag's order, which breaks ties below.
        by_term = dict(zip(sorted(bag), weights[starts[row]:starts[row + 1]].tolist()))
        weight_of.append({term: by_term[term] for term in bag})
    # Terms heaviest first, so that a reader sees the telling words of a sentence first.
    terms = [" | ".join(sorted(w, key=lambda t, w=w: -w[t])) for w in weight_of]
    outlets = sentences.outlet.to_numpy()
    outlet_names = list(pd.unique(outlets))
    if len(outlet_names) == 1:
        n = len(bags)
        return _StoryAlignment(np.arange(n), np.full(n, -1), [0.0] * n, [None] * n, [[] for _ in range(n)], terms)
    outlet_code = np.array([outlet_names.index(o) for o in outlets])
    first, second, similarity = _similar_pairs(rows, columns, weights, len(bags), outlet_code)
    # The best match of each sentence in each other outlet: highest similarity, then the first sentence.
    group = first * len(outlet_names) + outlet_code[second]
    order = np.lexsort((second, -similarity, group))
    best = order[np.r_[True, group[order][1:] != group[order][:-1]]] if len(order) else order
    best_of = {(int(i), int(o)): (int(j), float(v))
               for i, o, j, v in zip(first[best], outlet_code[second[best]], second[best], similarity[best])}
    rows_i, best_j, best_sim, other, shared = [], [], [], [], []
    for code, name in enumerate(outlet_names):
        for i in np.flatnonzero(outlet_code != code).tolist():
            j, value = best_of.get((i, code), (-1, 0.0))
            wi, wj = weight_of[i], weight_of[j] if j >= 0 else {}
            rows_i.append(i)
            best_j.append(j)
            best_sim.append(value)
            other.append(name)
            shared.append(sorted(wi.keys() & wj.keys(), key=lambda t: (-wi[t] * wj[t], t)))
    return _StoryAlignment(np.array(rows_i, dtype=np.int64), np.array(best_j, dtype=np.int64), best_sim, other,
                           shared, terms)
