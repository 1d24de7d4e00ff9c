"""Importing this module loads the default spaCy pipeline (:func:`newsprism.text.nlp.load_pipeline`).

The per-article stage's workers fork from a server process that imports this module as it starts
(:func:`newsprism.text.parallel.process_pool` with ``fresh``), so that each worker finds the pipeline
loaded and shares its memory, instead of loading one of its own (about a second each). A run that
names another model loads it in each worker on first use.

>>> import newsprism.text.preload_pipeline
>>> from newsprism.text.nlp import load_pipeline
>>> load_pipeline.cache_info().currsize >= 1
True
"""

from newsprism.text.nlp import ModelNotInstalled, load_pipeline

try:
    load_pipeline()
except ModelNotInstalled:  # a worker that needs it says so, with the message, when it parses
    pass
