"""Render the executed notebooks of a run as one self-contained ``report.html``.

The report is for readers, not programmers: code cells, prompts, parameter
cells and console warnings are left out; figures are embedded as data URIs;
no script or stylesheet is fetched from anywhere, so the file opens offline.
Article text reaches the report only through outputs that escaped it
(pandas tables, :mod:`newsprism.present.highlight`), never through Markdown.
"""

from __future__ import annotations

import copy
import logging
import html
import re
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

from newsprism.compare.findings import join_names
from newsprism.run.runfolder import RunFolder

# Cells with these tags never reach the report.
HIDDEN_TAGS = {"parameters", "injected-parameters", "remove-cell", "report-hide"}
# nbconvert's templates may reference CDNs (MathJax, require.js); a report must not.
EXTERNAL_SCRIPT = re.compile(r"<script[^>]*\bsrc=[\"']https?://[^>]*>\s*</script>", re.I)

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; max-width: 1180px;
       margin: 0 auto; padding: 1.5rem 2rem 4rem; color: #1b1b1b; line-height: 1.5; }
h1 { font-size: 2rem; margin-bottom: .2rem; } h2 { border-bottom: 2px solid #ddd; padding-bottom: .2rem; margin-top: 2.5rem; }
nav.toc { background: #f6f6f6; padding: .6rem 1rem; border-radius: 6px; }
nav.toc a { margin-right: 1rem; }
table { border-collapse: collapse; font-size: .9rem; margin: .5rem 0 1rem; }
th, td { border: 1px solid #ddd; padding: .25rem .5rem; text-align: left !important; vertical-align: top; }
a.anchor-link { display: none; }
thead th { background: #f0f0f0; }
img { max-width: 100%; height: auto; }
pre { white-space: pre-wrap; background: #fafafa; padding: .5rem; }
details { background: #fffbe6; border: 1px solid #e8d98a; border-radius: 6px; padding: .4rem .8rem; margin: .6rem 0; }
.jp-OutputArea-output pre { background: none; }
section.notebook { margin-top: 3rem; }
ol.findings li { margin: .5rem 0; }
ol.findings .topic { display: inline-block; min-width: 5.5rem; font-size: .75rem; text-transform: uppercase;
                     letter-spacing: .05em; color: #fff; background: #0072B2; border-radius: 3px; padding: 0 .4rem; margin-right: .4rem; }
ol.findings .check, div.surety .check { display: inline-block; font-size: .75rem; text-transform: uppercase; letter-spacing: .05em;
                     color: #fff; background: #D55E00; border-radius: 3px; padding: 0 .4rem; margin-right: .4rem; }
ol.findings p.caution { margin: .2rem 0; font-size: .9rem; color: #7a3100; }
div.surety h4 { margin: 1.2rem 0 .3rem; } div.surety th { white-space: nowrap; } div.surety p .check { margin: 0 .15rem; }
mark { background: #fde68a; }
dl.glossary dt { font-weight: bold; margin-top: .6rem; }
.lesson-answer summary, details summary { cursor: pointer; font-weight: 600; }
aside.input-problems { background: #fff4f0; border: 1px solid #e6a08a; border-radius: 6px; padding: .2rem 1rem .6rem; margin: 1rem 0; }
aside.input-problems h2 { border: none; margin-top: .6rem; font-size: 1.2rem; }
footer { margin-top: 4rem; font-size: .85rem; color: #555; }
"""


def _reader_cells(nb: nbformat.NotebookNode) -> list:
    cells = []
    for cell in nb.cells:
        if HIDDEN_TAGS & set(cell.get("metadata", {}).get("tags", [])):
            continue
        cell = copy.deepcopy(cell)
        if cell.cell_type == "code":
            # Warnings and progress text on stderr are for the operator, not the reader.
            cell.outputs = [o for o in cell.get("outputs", []) if o.get("name") != "stderr"]
            if not cell.outputs:
                continue
        cells.append(cell)
    return cells


def _title(run: RunFolder) -> str:
    articles = run.table("articles")
    if not articles.exists():
        return "newsprism report"
    import pandas as pd

    outlets = sorted({o for o in pd.read_parquet(articles, columns=["outlet"])["outlet"] if o})
    if not outlets:
        return "How the outlets covered the story"
    return f"How {join_names(outlets)} covered the story"


def _heading(cells: list) -> str:
    """The first Markdown heading of a part, without its "3 · " numbering."""
    for cell in cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return re.sub(r"^\d+\s*·\s*", "", line.lstrip("# ").strip())
    return ""


def report_parts(notebooks: list[Path]) -> list[tuple[Path, list]]:
    """The report's parts in reading order, as (notebook, cells) pairs.

    The summary (the last notebook) opens the report with the findings; the
    analysis notebooks follow as sections; the summary's cells tagged
    ``report-end`` (information selection, glossary, provenance) close it; the
    ingest notebook (the first), which shows how the pages were cleaned, comes
    last as an appendix for readers who want to check the input.
    """
    loaded = [(path, _reader_cells(nbformat.read(path, as_version=4))) for path in notebooks]
    if len(loaded) == 1:
        return [part for part in loaded if part[1]]
    ingest, *analyses, (summary_path, summary_cells) = loaded
    closing = [c for c in summary_cells if "report-end" in c.metadata.get("tags", [])]
    opening = [c for c in summary_cells if c not in closing]
    parts = [(summary_path, opening), *analyses, (summary_path, closing), ingest]
    return [(path, cells) for path, cells in parts if cells]


def input_problems_html(run: RunFolder) -> str:
    """A box naming every input that was not analysed, with the reason, for the top of the report.

    Empty when every file was analysed. The names and reasons come from the
    run's ``rejected`` table and are escaped: a file name is user input too.

    >>> import tempfile, pandas as pd
    >>> from newsprism.run.runfolder import write_table
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = write_table(pd.DataFrame({"file": ["<b>.txt"], "reason": ["empty file"]}), RunFolder(tmp), "rejected")
    ...     "&lt;b&gt;.txt" in input_problems_html(RunFolder(tmp))
    True
    """
    path = run.table("rejected")
    if not path.exists():
        return ""
    import pandas as pd

    rejected = pd.read_parquet(path)
    if rejected.empty:
        return ""
    rows = "".join(
        f"<tr><td>{html.escape(str(row.file))}</td><td>{html.escape(str(row.reason))}</td></tr>"
        for row in rejected.itertuples()
    )
    count = len(rejected)
    return (
        f'<aside class="input-problems"><h2>{count} input{"s" if count != 1 else ""} not analysed</h2>'
        "<p>These files (or records) were left out of every analysis below, for the reason given. "
        "The input folder itself was not changed.</p>"
        f"<table><thead><tr><th>file</th><th>reason</th></tr></thead><tbody>{rows}</tbody></table></aside>"
    )


def stories_note_html(run: RunFolder) -> str:
    """A box at the top of the report when the run's articles look like more than one story, else "".

    >>> import tempfile, pandas as pd
    >>> from newsprism.run.runfolder import write_table
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = write_table(pd.DataFrame({"story": ["1", "2"], "label": ["Ferry", "<i>Tram</i>"], "articles": [8, 4],
    ...                                   "given": [False, False]}), RunFolder(tmp), "stories")
    ...     note = stories_note_html(RunFolder(tmp))
    >>> "look like 2 different stories" in note, "&lt;i&gt;Tram" in note
    (True, True)
    """
    path = run.table("stories")
    if not path.exists():
        return ""
    import pandas as pd

    from newsprism.ingest.stories import stories_warning

    warning = stories_warning(pd.read_parquet(path))
    if not warning:
        return ""
    return ('<aside class="input-problems stories-note"><h2>More than one story</h2>'
            f"<p>{html.escape(warning[0].upper() + warning[1:])}.</p></aside>")


def render_report(run: RunFolder, notebooks: list[Path], out: Path | None = None, name: str | None = None) -> Path:
    """Write ``report.html`` for ``run`` from its executed ``notebooks``; returns its path.

    ``name`` is the run folder's name as the reader knows it (the runner renders
    the report in a staging folder before it replaces the earlier results).

    >>> render_report(RunFolder("outputs/seeds"), sorted(Path("outputs/seeds/notebooks").glob("*.ipynb")))  # doctest: +SKIP
    PosixPath('.../outputs/seeds/report.html')
    """
    exporter = HTMLExporter(
        template_name="basic", exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True
    )
    # nbconvert gives charts a generic alt text and warns once per notebook; the sentence
    # beside each chart describes it, so the warning is noise on the console.
    exporter.log.setLevel(logging.ERROR)
    sections, toc = [], []
    for number, (path, cells) in enumerate(report_parts(notebooks)):
        nb = nbformat.read(path, as_version=4)
        nb.cells = cells
        body, _ = exporter.from_notebook_node(nb)
        anchor = f"part-{number}"
        label = _heading(cells) or path.stem
        toc.append(f'<a href="#{anchor}">{html.escape(label)}</a>')
        sections.append(
            f'<section class="notebook" id="{anchor}">{EXTERNAL_SCRIPT.sub("", body)}'
            f'<p class="source">Details: <a href="notebooks/{html.escape(path.name)}">'
            f"executed notebook {html.escape(path.name)}</a></p></section>"
        )
    title = html.escape(_title(run))
    page = (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title>"
        f"<style>{STYLE}</style></head><body>"
        f"<header><h1>{title}</h1><p>A newsprism report: one story, refracted by each outlet.</p>"
        f"<nav class=\"toc\">{''.join(toc)}</nav></header>"
        + input_problems_html(run)
        + stories_note_html(run)
        + "".join(sections)
        + f"<footer>Made by newsprism from the run folder {html.escape(name or run.root.name)}; "
        "inputs, parameters and versions are in manifest.json.</footer></body></html>\n"
    )
    out = out or run.root / "report.html"
    out.write_text(page, encoding="utf-8")
    return out
