"""Stage 5: the outlets side by side.

In: the tables of every article of a run (articles, entities, quotes, markers)
and their parses. Out: sentence ``alignment`` across outlets, ``exclusive_mentions``
(the names and figures only some outlets use; ``mentions``) and the plain-language ``findings``
with their evidence (``findings``: one module per finding topic in ``topics/``,
registered in order in ``topics/__init__.py``). Imports every stage below it.
"""
