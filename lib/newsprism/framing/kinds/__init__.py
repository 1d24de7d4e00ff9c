"""The registry of framing marker kinds: one module per kind, listed here in the order of ``MARKER_TYPES``.

Each module defines ``KIND``, a :class:`~newsprism.framing.kinds.common.MarkerKind`:
its name (the ``type`` column), a function from an
:class:`~newsprism.framing.kinds.common.Article` (the parse, its attributions from
the quotes stage, quoted fragments, naming context) to marker rows, what happens to
it inside a quotation, and its entry in ``data/glossary.csv``. A kind that builds on
another asks ``article.rows(name)``: loaded labels defer to naming variants,
anonymous sources leave out source credits; evaluative words leave out what a
reporting verb, a hedge or a loaded label already shows.

To add a kind: write its module with a ``KIND``, add a row to ``data/glossary.csv``,
and add the module to the tuple below.
"""

from __future__ import annotations

from newsprism.framing.kinds import (anonymous_source, attribution_verb, evaluative, hedge, loaded_label, naming_variant,
                                     partial_quote, scare_quote, source_credit)
from newsprism.framing.kinds.common import MarkerKind

KINDS: tuple[MarkerKind, ...] = tuple(module.KIND for module in (
    attribution_verb,
    scare_quote,
    partial_quote,
    hedge,
    loaded_label,
    evaluative,
    naming_variant,
    source_credit,
    anonymous_source,
))
KIND_BY_NAME: dict[str, MarkerKind] = {kind.name: kind for kind in KINDS}

__all__ = ["KINDS", "KIND_BY_NAME", "MarkerKind"]
