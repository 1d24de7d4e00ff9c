"""Letters without their accents, so that names spelled with and without them compare equal."""

from __future__ import annotations

import unicodedata


def strip_accents(text: str) -> str:
    """``text`` with combining accents removed (letters kept, case and punctuation as they were).

    >>> strip_accents("Zakhárova, Ōsaka, Łódź")
    'Zakharova, Osaka, Łodz'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
