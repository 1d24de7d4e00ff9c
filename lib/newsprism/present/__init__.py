"""Stage 6: what a reader sees in the notebooks and the report.

In: the tables of a run. Out: charts (``charts``), highlighted articles side by
side (``highlight``), the outlets overview and provenance tables
(``overview``), findings and glossary as HTML (``summary``), how sure the
findings are, in plain words (``surety``), teaching-mode questions and folded
answers (``lesson``), the lesson pack for a class (``lessonpack``, its questions
from ``questions``), short tables in plain words for readers (``tables``) and
the notebooks' common look (``notebook``). Computes no analysis itself.
"""
