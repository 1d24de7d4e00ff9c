"""Stage 0, the ground floor: text utilities every other stage may use.

In: plain text. Out: quotation-mark spans (``quote_spans``), one spaCy parse per
text cached on disk (``nlp``), the packaged CSV data files (``datafiles``), and
names without their accents (``accents``).
Imports no other stage.
"""
