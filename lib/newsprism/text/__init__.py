"""Stage 0, the ground floor: text utilities every other stage may use.

In: plain text. Out: quotation-mark spans (``quote_spans``), one spaCy parse per
text cached on disk (``nlp``), the packaged CSV data files (``datafiles``),
names without their accents (``accents``), and work spread over processes (``parallel``).
Imports no other stage.
"""
