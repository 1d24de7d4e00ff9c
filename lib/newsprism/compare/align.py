"""Information selection: which facts each outlet reports and the others leave out.

Every sentence of every article is compared with every sentence of the other
outlets' articles. No embedding model is available offline, so the comparison is
lexical: a sentence becomes a bag of *key terms*

* content lemmas (nouns, verbs, adjectives, adverbs; spaCy stop words and
  ``data/stopwords_extra.csv`` left out, so "said" and "claimed" do not decide
  whether two sentences report the same fact),
* numbers, written without separators ("100,000" -> ``#100000``),
* named entities, one term per name (a person by surname, so "Antony Blinken" and
  "Blinken" agree), mapped through ``data/align_synonyms.csv`` so that "US",
  "Washington" and "the United States" are one term, as are "Kiev" and "Kyiv",

each weighted by TF-IDF over all sentences of the collection (a word that occurs
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
from collections import Counter

import numpy as np
import pandas as pd
from spacy.tokens import Doc, Span, Token

from newsprism.compare.model import statement_sentences
from newsprism.text.datafiles import read_data_csv

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
EXCLUSIVE_COLUMNS = [
    "outlet", "article_id", "sentence", "sent_start", "sent_end", "start", "end",
    "text", "kind", "key_terms", "also_in", "similarity", "salience", "by_names",
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


def _number_key(token: Token) -> str | None:
    digits = token.text.replace(",", "").replace("\u202f", "")
    if re.fullmatch(r"\d+(\.\d+)?", digits):
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
    if lemma in extra_stopwords() or token.text.lower() in extra_stopwords() or not re.search(r"[a-z]", lemma):
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
    for ent in ents:
        if ent.label_ in _NAME_LABELS:
            span = ent[1:] if ent[0].lower_ == "the" and len(ent) > 1 else ent
            # A possessive or punctuation inside the entity does not belong to the name.
            while len(span) > 1 and (span[-1].is_punct or span[-1].tag_ == "POS"):
                span = span[:-1]
            covered.update(range(ent.start, ent.end))
            key = _entity_key(span)
            if key not in extra_stopwords() and len(key) > 1:  # "State" of "Secretary of State"
                note(key, "group" if ent.label_ == "NORP" else "name", span, ent.label_)
    in_date = {t.i for ent in ents if ent.label_ in {"DATE", "TIME"} for t in ent}
    for token in sent:
        number = _number_key(token)
        if number:
            # A year is a fact ("since 2014"); a day of the month mostly dates the report.
            is_year = re.fullmatch(r"#(1[89]|20)\d\d", number) is not None
            kind = "year" if is_year else "date" if token.i in in_date else "number"
            note(number, kind, token.doc[token.i:token.i + 1], "NUM")
            covered.add(token.i)
            continue
        if token.i in covered:
            continue
        if token.pos_ == "PROPN" and token.is_alpha and token.text[0].isupper() and len(token) > 1 \
                and not token.is_stop \
                and token.lower_ not in extra_stopwords():
            # A proper noun spaCy did not tag as an entity is still a name.
            note(normalise_name(token.text), "name", token.doc[token.i:token.i + 1], "PROPN")
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
        if doc.text != body:
            raise ValueError(f"align_sentences: article {article_id} ({outlet}): the parsed doc is not its body text")
        sents = list(doc.sents)
        ents_of: list[list[Span]] = [[] for _ in sents]
        starts = np.array([sent.start for sent in sents])
        for ent in doc.ents:
            ents_of[int(np.searchsorted(starts, ent.start, side="right")) - 1].append(ent)
        for number, sent in enumerate(sents):
            counts, names = sentence_terms(sent, ents_of[number])
            # Offsets of the sentence without its surrounding white space, for highlighting.
            start = sent.start_char + len(sent.text) - len(sent.text.lstrip())
            end = sent.start_char + len(sent.text.rstrip())
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
    name_terms = {item["term"] for terms in sentences.key_terms for item in json.loads(terms)}
    unit, vocab = _weighted_matrix(bags, name_terms)
    column = {term: k for k, term in enumerate(vocab)}
    weight_of = [dict(zip(bag, unit[row, [column[t] for t in bag]].tolist())) for row, bag in enumerate(bags)]
    # Terms heaviest first, so that a reader sees the telling words of a sentence first.
    sentences["terms"] = [" | ".join(sorted(w, key=lambda t, w=w: -w[t])) for w in weight_of]
    similarity = unit @ unit.T
    outlets = sentences.outlet.to_numpy()
    base = sentences.reset_index(drop=True)
    parts = []
    if len(set(outlets)) == 1:
        parts.append(base.assign(match_outlet=None, **_NO_MATCH))
    else:
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
        parts.append(base.iloc[rows_i].reset_index(drop=True).assign(
            match_outlet=other,
            best_match_article_id=target.article_id.where(has_match, None),
            best_match_sentence=target.sentence.where(has_match),
            best_match_start=target.sent_start.where(has_match),
            best_match_end=target.sent_end.where(has_match),
            best_match_text=target.text.where(has_match, None),
            similarity=np.round(best_sim, 4),
            matched=(best_sim >= threshold) & np.array([len(c) >= MIN_SHARED for c in shared], dtype=bool),
            shared=[", ".join(t.lstrip("#") for t in c[:8]) for c in shared],
        ))
    table = pd.concat(parts, ignore_index=True)[ALIGNMENT_COLUMNS]
    for column in ("best_match_sentence", "best_match_start", "best_match_end"):
        table[column] = table[column].astype("Int64")
    return table.sort_values(["outlet", "article_id", "sentence", "match_outlet"], kind="stable").reset_index(drop=True)


def _terms_by_outlet(alignment: pd.DataFrame) -> dict[str, set[str]]:
    sentences = alignment.drop_duplicates(["article_id", "sentence"])
    used: dict[str, set[str]] = {}
    for outlet, terms in zip(sentences.outlet, sentences.terms):
        used.setdefault(outlet, set()).update(t for t in str(terms).split(" | ") if t)
    return used


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of ``text[start:end]`` without surrounding white space."""
    piece = text[start:end]
    return start + len(piece) - len(piece.lstrip()), start + len(piece.rstrip())


def _merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


#: How much an exclusive name or number adds to a fact's salience. A count
#: (troops, deaths) is the hardest fact to paraphrase away; people are what a story
#: is about; places, years, dates and nationality adjectives are weaker evidence.
_KIND_WEIGHT = {"number": 4.0, "year": 1.0, "date": 0.5, "group": 0.5}
#: Added for a whole sentence without counterpart (times 2 - similarity, so at most
#: 2) or for a detail inside a shared sentence: the fact is there either way.
_DETAIL_BONUS = 1.5
_LABEL_WEIGHT = {"PERSON": 1.5, "ORG": 1.0, "GPE": 0.75, "LOC": 0.75, "FAC": 0.75, "PROPN": 0.5}
#: At most this many names count towards salience, so that a list of five countries
#: does not outrank a death toll.
_MAX_NAMES = 3


def _term_weight(name: dict, mentions: int = 1) -> float:
    """Weight of one exclusive name or number; a name the outlet returns to weighs more."""
    if name["kind"] in _KIND_WEIGHT:
        base = _KIND_WEIGHT[name["kind"]]
    else:
        base = _LABEL_WEIGHT.get(name.get("label", ""), 1.0)
    return base * (1.0 + float(np.log(max(mentions, 1))))


def _salience(names: list[dict], mentions: dict[str, int]) -> float:
    numbers = sum(_term_weight(n) for n in names if n["kind"] == "number")
    others = sorted((_term_weight(n, mentions.get(n["term"], 1)) for n in names if n["kind"] != "number"),
                    reverse=True)
    return round(float(numbers + sum(others[:_MAX_NAMES])), 3)


def _display_terms(names: list[dict], body: str) -> list[str]:
    """Names as written, adjacent ones joined ("Yury" + "Ushakov" -> "Yury Ushakov")."""
    spans = sorted((n["start"], n["end"]) for n in names)
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and body[joined[-1][1]:start].strip() == "" and start >= joined[-1][1]:
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return list(dict.fromkeys(body[a:b] for a, b in joined))


def exclusive_facts(alignment: pd.DataFrame, articles: pd.DataFrame, max_outlets: int | None = None,
                    quote_pairs: pd.DataFrame | None = None) -> pd.DataFrame:
    """What each outlet reports that (almost) no other outlet does.

    ``alignment`` is the table of :func:`align_sentences`; ``articles`` needs
    ``article_id`` and ``body`` (the text of each fact is cut from it). A fact is
    reported by at most ``max_outlets`` outlets (1: only this one; raise it for
    "X and Y but not Z" with many outlets). Two kinds of row:

    * ``sentence``: a whole sentence with no counterpart (no sentence of the other
      outlets reaches the match threshold);
    * ``detail``: a sentence that does have a counterpart but carries a number or
      name no other outlet mentions anywhere ("more than 100,000 troops" inside
      a sentence both outlets tell); ``text`` is then the clause around it.

    A sentence is carried by another outlet, and so is no exclusive sentence, when that
    outlet reports its statement in other words (``quote_pairs``, the quotes stage's
    pairs of one speaker's remarks: "the prudent thing" against "a wise thing") or when
    that outlet names every one of its names and numbers (at least two): a paraphrase the
    word overlap missed. Its names and numbers nobody else has are still details.

    When ``articles`` has an ``english`` column, outlets with no English article
    are left out of the whole-sentence comparison (lexical matching cannot see a
    translation); their exclusive names and numbers are still listed.

    Columns: ``outlet``, ``article_id``, ``sentence``, ``sent_start``, ``sent_end``,
    ``start``, ``end`` (offsets of ``text`` in the body), ``text``, ``kind``,
    ``key_terms`` (the names and numbers only these outlets use, as written,
    comma-separated; for a sentence without any, its distinctive words),
    ``also_in`` (other outlets that report it too, comma-separated; empty when
    ``max_outlets`` is 1), ``similarity`` (to the closest sentence elsewhere) and
    ``salience`` (the order for a reader: 4 per exclusive number; per exclusive
    name 1.5 for a person, 1 for an organisation, 0.75 for a place, 1 for a year,
    0.5 for a date or group adjective, times 1 + ln(sentences of the outlet naming
    it), at most three names counted; plus 1 + (1 - similarity) for a whole
    sentence or 1.5 for a detail) and ``by_names`` (True when a name or number no other
    outlet uses marks it as exclusive; a sentence told only in other words, without one,
    may be a paraphrase the word overlap missed).

    >>> import pandas as pd
    >>> from newsprism.text.nlp import parse
    >>> bodies = ["Russia has 100,000 troops near Ukraine. Talks failed.",
    ...           "Russia has troops near Ukraine. Scholz will visit Moscow."]
    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "body": bodies})
    >>> facts = exclusive_facts(align_sentences(arts, [parse(b) for b in bodies]), arts)
    >>> facts[["outlet", "kind", "key_terms"]].values.tolist()
    [['X', 'detail', '100,000'], ['X', 'sentence', 'talk, fail'], ['Y', 'sentence', 'Scholz']]
    """
    if alignment.empty:
        return pd.DataFrame(columns=EXCLUSIVE_COLUMNS)
    if max_outlets is None:
        max_outlets = max(1, alignment.outlet.nunique() - 1)
    bodies = dict(zip(articles.article_id, articles.body))
    # Words cannot match across languages: an outlet writing in another language is no
    # evidence that a sentence is missing elsewhere, and its own sentences can only be
    # told apart by their names and numbers.
    foreign: set[str] = set()
    if "english" in articles.columns:
        english_by_outlet = articles.groupby("outlet").english.apply(lambda e: e.fillna(True).astype(bool).any())
        foreign = set(english_by_outlet[~english_by_outlet].index)
    used = _terms_by_outlet(alignment)
    outlets_of_term: dict[str, set[str]] = {}
    for outlet, terms in used.items():
        for term in terms:
            outlets_of_term.setdefault(term, set()).add(outlet)
    keys = ["article_id", "sentence"]
    sentences = alignment.drop_duplicates(keys)
    names_of = [json.loads(terms) for terms in sentences.key_terms]  # read once, used three times
    # In how many sentences each outlet names each term: a name it returns to matters more.
    mentions: dict[str, Counter] = {}
    sentence_terms_of: dict[str, list[set[str]]] = {}
    for outlet, names in zip(sentences.outlet, names_of):
        mentions.setdefault(outlet, Counter()).update(n["term"] for n in names)
        sentence_terms_of.setdefault(outlet, []).append({n["term"] for n in names})
    matched_in_of = (alignment[alignment.matched.astype(bool)].groupby(keys).match_outlet
                     .agg(lambda found: sorted(set(found.dropna()))).to_dict())
    for key, outlets in statement_sentences(quote_pairs, alignment, articles).items():
        matched_in_of[key] = sorted(set(matched_in_of.get(key, [])) | outlets)
    similarity_of = alignment.groupby(keys).similarity.max().to_dict()
    all_outlets = set(alignment.outlet)
    rows = []
    for first, names in zip(sentences.itertuples(index=False), names_of):
        article_id, number, outlet = first.article_id, first.sentence, first.outlet
        body = bodies.get(article_id)
        if body is None:
            raise ValueError(f"exclusive_facts: article {article_id} is in the alignment but not in the articles table")
        matched_in = matched_in_of.get((article_id, number), [])
        strong_terms = {n["term"] for n in names if n["kind"] in {"number", "year", "name"}}
        if len(strong_terms) >= 3 or (len(strong_terms) >= 2 and any(t.startswith("#") for t in strong_terms)):
            # One sentence of another outlet has every name and number of this one: the same
            # fact told in other words. (Two names alone, "Russia" and "NATO", co-occur by chance.)
            matched_in = sorted(set(matched_in) | {o for o, sets in sentence_terms_of.items()
                                                   if o != outlet and any(strong_terms <= t for t in sets)})
        comparable = all_outlets - foreign - {outlet}
        similarity = float(similarity_of[(article_id, number)])
        rare = [n for n in names if len(outlets_of_term.get(n["term"], {outlet})) <= max_outlets]
        base = {"outlet": outlet, "article_id": article_id, "sentence": int(number),
                "sent_start": int(first.sent_start), "sent_end": int(first.sent_end)}
        if 1 + len(matched_in) <= max_outlets and comparable and outlet not in foreign:
            strong = [n for n in rare if n["kind"] in {"number", "year", "name"}]
            if strong:
                key_terms = _display_terms(strong, body)
            else:
                # No telling name or number: the sentence's heaviest words say what it is
                # about, names as the outlet wrote them.
                written = {n["term"]: n["text"] for n in names}
                key_terms = [written.get(t, t.lstrip("#")) for t in str(first.terms).split(" | ") if t][:4]
            rows.append({**base, "start": int(first.sent_start), "end": int(first.sent_end),
                         "by_names": any(n["kind"] in {"number", "name"} for n in strong),
                         "text": body[first.sent_start:first.sent_end], "kind": "sentence",
                         "key_terms": ", ".join(key_terms),
                         "also_in": ", ".join(matched_in), "similarity": round(similarity, 4),
                         "salience": round(_salience(rare, mentions[outlet]) + 2 - similarity, 3)})
            continue
        # A detail inside a shared sentence needs a real name or number, not "Western".
        rare = [n for n in rare if n["kind"] in {"number", "year", "name"}]
        if not rare:
            continue
        for start, end in _merge_spans([(n["clause_start"], n["clause_end"]) for n in rare]):
            inside = [n for n in rare if start <= n["start"] < end]
            others = set().union(*(outlets_of_term.get(n["term"], set()) for n in inside)) - {outlet}
            start, end = _trim(body, start, end)
            rows.append({**base, "start": start, "end": end, "text": body[start:end], "kind": "detail",
                         "by_names": any(n["kind"] in {"number", "name"} for n in inside),
                         "key_terms": ", ".join(_display_terms(inside, body)),
                         "also_in": ", ".join(sorted(others)), "similarity": round(similarity, 4),
                         "salience": _salience(inside, mentions[outlet]) + _DETAIL_BONUS})
    facts = pd.DataFrame(rows, columns=EXCLUSIVE_COLUMNS)
    return facts.sort_values(["outlet", "salience", "article_id", "start"], ascending=[True, False, True, True],
                             kind="stable").reset_index(drop=True)
