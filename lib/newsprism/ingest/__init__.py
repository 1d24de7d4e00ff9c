"""Stage 1: files -> articles.

In: a folder of .txt/.html/.md/.jsonl/.csv files and an optional manifest. Out:
the ``articles`` table (one clean body per article, with outlet, headline,
dateline, date, language, credits), the ``rejected`` table (every file or record
that could not be used, with the reason) and the removed page furniture
(``folder.ingest_folder``). Line rules for page furniture live in ``furniture``,
dates, datelines and outlets in ``metadata``. ``collect`` fills such a folder from
web addresses, feeds or a Media Cloud/GDELT export (the only module that uses the
network). Imports only ``text``.
"""
