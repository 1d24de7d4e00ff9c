"""Letters without their accents, so that names spelled with and without them compare equal."""

from __future__ import annotations

import unicodedata


def strip_accents(text: str) -> str:
    """``text`` with combining accents removed (letters kept, case and punctuation as they were).

    >>> strip_accents("Zakhárova, Ōsaka, Łódź")
    'Zakharova, Osaka, Łodz'
    """
    if text.isascii():
        return text  # nothing to decompose: most names and many whole articles
    decomposed = unicodedata.normalize("NFKD", text)
    # Each distinct character is asked once: a body has thousands of characters but few distinct ones.
    accents = {ord(c): None for c in set(decomposed) if unicodedata.combining(c)}
    return decomposed.translate(accents) if accents else decomposed
