"""Stage 7: running the notebooks and writing the report.

In: an input folder and parameters. Out: a run folder (``runfolder``: tables,
figures, the parse cache, executed notebooks, ``manifest.json``), filled by
papermill running the numbered notebooks (``runner``), and ``report.html``
rendered from them (``report``). ``newsprism.cli`` sits on top of it.
"""
