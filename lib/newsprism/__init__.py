"""newsprism: one story, refracted by each outlet.

The text-level entry points return pandas DataFrames with documented columns,
so a notebook, a test, a scorer and a user's own script all call the same code::

    >>> import newsprism
    >>> newsprism.extract_entities("Antony Blinken spoke in Kyiv.")  # doctest: +SKIP
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

# Public name -> module that defines it. Imported on first use, so that
# `import newsprism` stays cheap and does not load spaCy until needed.
_PUBLIC = {
    "extract_entities": "newsprism.entities.extract",
    "extract_quotes": "newsprism.quotes.extract",
    "find_markers": "newsprism.framing.markers",
    "ingest_folder": "newsprism.ingest.folder",
    "load_pipeline": "newsprism.text.nlp",
    "RunFolder": "newsprism.run.runfolder",
}

__all__ = sorted(_PUBLIC)


def __getattr__(name: str):
    if name in _PUBLIC:
        return getattr(importlib.import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'newsprism' has no attribute {name!r}")
