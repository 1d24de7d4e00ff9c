"""Stage 2: who is in each story.

In: an article's text or its parse. Out: the ``entities`` table (one row per
mention of a person, organisation or place, resolved to an actor), the
``actors`` table (one row per actor and article) and the ``naming`` table
(spelling and naming variants such as Kiev/Kyiv). ``extract.extract_entities``
is the public entry point; ``mentions`` and ``references`` find mentions and
resolve pronouns and titles; ``actors`` groups name forms; ``naming`` holds the
curated variants. Imports only ``text``.
"""
