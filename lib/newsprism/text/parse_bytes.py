"""One article's parse as bytes and back, in the format of spaCy's ``DocBin``, in two thirds of DocBin's time;
and those bytes written to the parse cache (:func:`store_parse`).

The parse cache stores each article's ``Doc`` as the bytes of a ``DocBin`` holding it; a run writes each
parse once and reads it twice (the per-article stage's two passes). Made and read through ``DocBin`` itself,
those bytes took 2.7 ms to write and 1.7 ms to read for a news article (the 985 parses of the 1,000-article
benchmark, one process), 6 of the 28 ms an article the per-article stage adds to the parse, partly for two
reasons that have nothing to do with the data:

- each call into spaCy's msgpack layer (``srsly``) looks up its encoders or decoders in a registry that scans
  every installed package's entry points (about 0.6 ms a call: reading a parse took 0.6 ms less without it);
- ``DocBin.add`` collects the strings a Doc uses by asking each token for nine attributes one at a time.

Here the hooks are looked up once per process, and the strings are read from the Doc's array of hashes (1.8 ms
to write, 1.1 ms to read, on the same parses; what is left is mostly zlib and making the Doc). The
bytes are exactly ``DocBin(docs=[doc], store_user_data=False).to_bytes()``, and the Doc read back is the one
``DocBin().from_bytes(data).get_docs(vocab)`` gives (``tests/test_parse_bytes.py`` checks both), so a cache
written by either is read by both. They follow the ``DocBin`` of the spaCy version the project pins (3.8).
"""

from __future__ import annotations

import functools
import os
import tempfile
import zlib
from pathlib import Path

import numpy
from spacy.attrs import DEP, ENT_ID, ENT_KB_ID, ENT_TYPE, LEMMA, MORPH, NORM, ORTH, SPACY, TAG
from spacy.tokens import Doc, DocBin
from spacy.tokens.morphanalysis import MorphAnalysis
from spacy.vocab import Vocab
from srsly.msgpack import msgpack_decoders, msgpack_encoders
from srsly.msgpack import _Packer as PlainPacker
from srsly.msgpack import _unpackb as plain_unpackb
from thinc.api import NumpyOps

#: The token attributes whose strings ``DocBin.add`` collects as they are (text, tag, lemma, norm, dependency and
#: the entity's type, knowledge-base id and id): as hashes, each is a column of ``Doc.to_array``. It also
#: collects each token's morphology as ``str(token.morph)``, which is "" where the hash stands for "_".
STRING_ATTRS = (ORTH, TAG, LEMMA, NORM, DEP, ENT_TYPE, ENT_KB_ID, ENT_ID)


@functools.lru_cache(maxsize=1)
def _msgpack_hooks() -> tuple:
    """srsly's chains of msgpack encoders and decoders, as its ``Packer`` and ``unpackb`` build them on every call.

    Built once: the registries change only when a package that adds an encoder is installed.
    """
    default = object_hook = None
    for encoder in msgpack_encoders.get_all().values():
        default = functools.partial(encoder, chain=default)
    for decoder in msgpack_decoders.get_all().values():
        object_hook = functools.partial(decoder, chain=object_hook)
    return default, object_hook


@functools.lru_cache(maxsize=1)
def _doc_bin_layout() -> tuple[str, list[int]]:
    """The version and attributes (ORTH first) of a ``DocBin`` made with spaCy's defaults."""
    empty = DocBin(store_user_data=False)
    return empty.version, list(empty.attrs)


def doc_to_bytes(doc: Doc) -> bytes:
    """The bytes of ``DocBin(docs=[doc], store_user_data=False).to_bytes()``, made without DocBin's per-call costs.

    >>> import spacy
    >>> doc = spacy.blank("en")("Kyiv is the capital.")
    >>> doc_to_bytes(doc) == DocBin(docs=[doc], store_user_data=False).to_bytes()
    True
    """
    version, attrs = _doc_bin_layout()
    tokens = doc.to_array(attrs)
    if tokens.ndim == 1:
        tokens = tokens.reshape((tokens.shape[0], 1))
    spaces = numpy.asarray(doc.to_array(SPACY).reshape((-1, 1)), dtype=bool)
    strings = doc.vocab.strings
    # The same set as DocBin.add's, token by token: each distinct hash of the columns, as its string.
    found = {strings[value] for value in numpy.unique(doc.to_array(list(STRING_ATTRS))).tolist()}
    found.update(str(MorphAnalysis.from_id(doc.vocab, key)) for key in numpy.unique(doc.to_array(MORPH)).tolist())
    for group in doc.spans.values():
        for span in group:
            found.add(span.label_)
            if span.kb_id in strings:
                found.add(span.kb_id_)
            if span.id in strings:
                found.add(span.id_)
    message = {
        "version": version,
        "attrs": attrs,
        "tokens": tokens.tobytes("C"),
        "spaces": spaces.tobytes("C"),
        "lengths": numpy.asarray([len(tokens)], dtype="int32").tobytes("C"),
        "strings": sorted(found),
        "cats": [doc.cats],
        "flags": [{"has_unknown_spaces": doc.has_unknown_spaces}],
        "span_groups": [doc.spans.to_bytes()],
    }
    default, _ = _msgpack_hooks()
    return zlib.compress(PlainPacker(default=default, use_bin_type=True).pack(message))


def doc_from_bytes(data: bytes, vocab: Vocab) -> Doc:
    """The one Doc of a ``DocBin``'s bytes (:func:`doc_to_bytes`, or a ``DocBin`` of one Doc), with ``vocab``.

    The Doc is the one ``DocBin().from_bytes(data).get_docs(vocab)`` gives.

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> doc_from_bytes(doc_to_bytes(nlp("Kyiv is the capital.")), nlp.vocab).text
    'Kyiv is the capital.'
    """
    try:
        _, object_hook = _msgpack_hooks()
        message = plain_unpackb(zlib.decompress(data), raw=False, use_list=True, object_hook=object_hook)
    except zlib.error as error:
        raise ValueError(f"not the bytes of a spaCy DocBin: {error}") from None
    # What DocBin.from_bytes sets, for the one Doc; get_docs then makes it as for any DocBin.
    stored = DocBin(store_user_data=False)
    stored.attrs = message["attrs"]
    stored.strings = set(message["strings"])
    lengths = numpy.frombuffer(message["lengths"], dtype="int32")
    flat_tokens = numpy.frombuffer(message["tokens"], dtype="uint64")
    flat_tokens = flat_tokens.reshape((flat_tokens.size // len(stored.attrs), len(stored.attrs)))
    flat_spaces = numpy.frombuffer(message["spaces"], dtype=bool)
    flat_spaces = flat_spaces.reshape((flat_spaces.size, 1))
    ops = NumpyOps()
    stored.tokens = ops.unflatten(flat_tokens, lengths)
    stored.spaces = ops.unflatten(flat_spaces, lengths)
    stored.cats = message["cats"]
    stored.span_groups = message.get("span_groups", [b"" for _ in lengths])
    stored.flags = message.get("flags", [{} for _ in lengths])
    stored.user_data = list(message["user_data"]) if "user_data" in message else [None] * len(stored.tokens)
    docs = list(stored.get_docs(vocab))
    if len(docs) != 1:
        raise ValueError(f"the bytes hold {len(docs)} parses, not one")
    return docs[0]


def store_parse(path: Path, data: bytes) -> None:
    """Write one parse (``DocBin`` bytes) through a temporary file, so that an interrupted run leaves no
    half-written parse.

    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     store_parse(Path(tmp) / "model" / "abc.spacy", b"parse")
    ...     sorted(p.name for p in (Path(tmp) / "model").iterdir())
    ['abc.spacy']
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
    os.replace(temporary, path)
