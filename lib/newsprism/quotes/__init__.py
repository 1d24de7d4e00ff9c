"""Stage 3: who gets to speak, and how.

In: a parsed article and, when available, its entities. Out: the ``quotes``
table (one row per attribution: kind, content, cue, speaker, stance, offsets;
``extract.extract_quotes``), reporting verbs and their stance
(``attribution``), share of voice (``voices``) and the same remark matched
across outlets (``pairs``). Attributions are computed once per article here and
handed on: framing asks this table whether words are attributed. Imports
``text`` and ``entities``.
"""
