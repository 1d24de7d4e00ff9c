"""Stage 4: the small word choices that tilt a story.

In: a parsed article with its attributions (the ``quotes`` table) and entities.
Out: the ``markers`` table (one row per framing marker: type, text, offsets,
explanation) and per-outlet ``marker_rates``. Each marker kind is one module
behind the registry in ``markers``; ``lexicons`` reads the word lists and
``scare_quotes`` finds quoted fragments. Imports ``text``, ``entities`` and
``quotes``.
"""
