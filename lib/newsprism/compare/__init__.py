"""Stage 5: the outlets side by side.

In: the tables of every article of a run (articles, entities, quotes, markers)
and their parses. Out: sentence ``alignment`` across outlets, ``exclusive_facts``
(what only one outlet reports; ``align``) and the plain-language ``findings``
with their evidence (``findings``: one module per finding topic in ``topics/``,
registered in order in ``topics/__init__.py``). Imports every stage below it.
"""
