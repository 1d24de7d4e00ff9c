"""Render the executed notebooks of a run as self-contained pages: ``report.html``, ``details.html`` and,
for a run of several stories, one page per story in ``stories/``.

``report.html`` is for readers: the findings with their evidence, the charts, the articles side by side
and short tables in plain words. ``details.html`` is for analysts: the cells tagged ``details`` in the
notebooks (every row, the checks, provenance, how each page was cleaned). In both, code cells, prompts,
parameter cells and console warnings are left out; figures are embedded as data URIs; no script or
stylesheet is fetched from anywhere, so the files open offline, and they link only to each other.
Article text reaches them only through outputs that escaped it (pandas tables,
:mod:`newsprism.present.highlight`), never through Markdown.

When the run's articles are more than one story, ``report.html`` is the corpus report: the cells of
the summary tagged ``corpus`` (coverage, the outlets across the stories, the best-covered stories with
their findings, a link to every story), then the summary's closing cells. The sections that grow with
the articles (the length chart, the articles side by side) are left to the stories' pages, built from
each story's rows of the run's tables (:func:`newsprism.present.corpus.story_sections`). With one
story the ``corpus`` cells are left out, and the report is the single-story report.
"""

from __future__ import annotations

import copy
import functools
import html
import json
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from newsprism.compare.findings import join_names, story_tables
from newsprism.ingest.stories import story_rows
from newsprism.present.corpus import STORIES_FOLDER, story_links_html, story_page_name, story_sections
from newsprism.present.lessonpack import lesson_links_html
from newsprism.present.tables import DETAIL_ROWS
from newsprism.run.by_story import map_slices, read_slice
from newsprism.run.runfolder import RunFolder, story_count
from newsprism.text.parallel import default_workers
from newsprism.text.parallel import MIN_STORIES_FOR_PROCESSES

if TYPE_CHECKING:  # imported where a report is rendered (1.5 s): 05-summary writes the story pages without them
    import nbformat
    from nbconvert import HTMLExporter

# Cells with these tags never reach the report.
HIDDEN_TAGS = {"parameters", "injected-parameters", "remove-cell", "report-hide"}
# Cells with this tag go to details.html instead of report.html.
DETAILS_TAG = "details"
# Cells with this tag open the report of a run of several stories, and are left out of any other.
CORPUS_TAG = "corpus"
# The run's tables a story's page shows its rows of.
STORY_TABLES = ("articles", "stories", "findings", "dropped_findings", "entities", "naming", "quotes", "markers",
                "exclusive_mentions")
# nbconvert's templates may reference CDNs (MathJax, require.js); a report must not.
EXTERNAL_SCRIPT = re.compile(r"<script[^>]*\bsrc=[\"']https?://[^>]*>\s*</script>", re.I)

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; max-width: 1240px;
       margin: 0 auto; padding: 1.5rem 2rem 4rem; color: #1b1b1b; line-height: 1.5; }
h1 { font-size: 2rem; margin-bottom: .2rem; } h2 { border-bottom: 2px solid #ddd; padding-bottom: .2rem; margin-top: 1.8rem; }
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
section.notebook { margin-top: 2rem; }
p.source { font-size: .85rem; margin: .3rem 0 0; }
ol.findings li { margin: .5rem 0; }
/* Folded evidence sits on its finding's last line; opened, it takes the full width. */
ol.findings li > details:not([open]) { display: inline-block; margin: 0 0 0 .5rem; padding: 0 .5rem; }
ol.findings li > details:not([open]) > summary { font-weight: normal; font-size: .9rem; }
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
p.table-note { font-size: .85rem; color: #555; margin: -.6rem 0 1rem; }
/* A story page's length chart: bars the browser draws, as wide as the column allows. */
table.length-bars { width: min(100%, 840px); } table.length-bars caption { text-align: left; font-weight: 600; }
table.length-bars td.words { text-align: right !important; white-space: nowrap; } table.length-bars td.bar { width: 45%; }
span.length-bar { display: block; height: .9rem; min-width: 1px; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
footer { margin-top: 2rem; font-size: .85rem; color: #555; }
/* Narrow screens: a wide table scrolls inside its own box, never the page; long words and addresses wrap. */
.table-scroll { overflow-x: auto; max-width: 100%; margin: .5rem 0 1rem; }
.table-scroll > table { margin: 0; }
p, li, dd, dt, pre, code, summary, h1, h2, h3, h4 { overflow-wrap: anywhere; }
img, svg, video, canvas { max-width: 100%; height: auto; }
img.chart-narrow { display: none; }
/* A chart as wide as the page would be taller than the screen; its labels stay about 10 px tall at this width. */
img.chart-wide { max-width: min(100%, 840px); display: block; margin: 0 auto; }
@media (max-width: 600px) {
  body { padding: .75rem .9rem 3rem; }
  h1 { font-size: 1.5rem; } h2 { font-size: 1.3rem; }
  table { font-size: .8rem; }
  /* A table keeps readable columns, none wider than 16em, and scrolls in its box, rather than
     squeezing its text to one word per line. */
  .table-scroll > table { width: max-content; }
  .table-scroll th, .table-scroll td { max-width: 16em; }
  /* Each chart is also drawn narrow and tall, so that its labels stay legible on a phone. */
  img.chart-wide { display: none; } img.chart-narrow { display: block !important; }
}
/* Paper: no navigation, evidence and answers open, tables within the page, nothing cut across two pages. */
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; line-height: 1.4; }
  nav, a.anchor-link, p.source { display: none; }
  a { color: inherit; text-decoration: none; }
  h2 { margin-top: 1.5rem; } h2, h3, h4, summary { break-after: avoid; }
  section.notebook { margin-top: 1.5rem; }
  details { border-color: #ccc; background: none; }
  details::details-content { content-visibility: visible; display: block; height: auto; }
  .table-scroll { overflow: visible; }
  table { width: 100%; font-size: 7.5pt; }
  th, td { padding: .1rem .25rem; overflow-wrap: break-word; }
  div.surety th { white-space: normal; }
  tr, li.finding, img, .output_png, aside.input-problems, .lesson-question { break-inside: avoid; }
  ol.findings .topic, ol.findings .check, div.surety .check, mark { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
"""

# The one script a report carries, inline: closed <details> (evidence, answers) are opened for printing
# and closed again afterwards. Printing without it, the print stylesheet shows their content anyway
# where the browser supports ``::details-content``.
PRINT_SCRIPT = """<script>(function () {
  var opened = [];
  addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (d) { d.open = true; opened.push(d); });
  });
  addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
})();</script>"""
TABLE = re.compile(r"<table\b.*?</table\s*>", re.I | re.S)
# A word this long in a table cell (a file name, a fingerprint, an address) would hold its column
# open and push the table past the page or the screen: it gets places where it may break.
LONG_WORD = re.compile(r"(?:[^\s<>&]|&#?\w+;){20,}")
WORD_PART = re.compile(r"&#?\w+;|.", re.S)


def _shown_cells(nb: nbformat.NotebookNode, details: bool = False, corpus: bool = False) -> list:
    """The cells of ``nb`` that ``report.html`` shows, or with ``details`` those that ``details.html`` shows.

    Cells tagged ``corpus`` are shown only with ``corpus`` (a run of several stories).
    """
    cells = []
    for cell in nb.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if HIDDEN_TAGS & tags or (DETAILS_TAG in tags) != details or (CORPUS_TAG in tags and not corpus):
            continue
        cell = copy.deepcopy(cell)
        if cell.cell_type == "code":
            # Warnings and progress text on stderr are for the operator, not the reader.
            cell.outputs = [o for o in cell.get("outputs", []) if o.get("name") != "stderr"]
            if not cell.outputs:
                continue
        cells.append(cell)
    return cells


def _title(run: RunFolder, stories: int = 1) -> str:
    articles = run.table("articles")
    if not articles.exists():
        return "newsprism report"
    import pandas as pd

    outlets = sorted({o for o in pd.read_parquet(articles, columns=["outlet"])["outlet"] if o})
    told = f"{stories} stories" if stories > 1 else "the story"
    if not outlets:
        return f"How the outlets covered {told}"
    return f"How {join_names(outlets)} covered {told}"


def _heading(cells: list) -> str:
    """The first Markdown heading of a part, without any "3 · " numbering."""
    for cell in cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return re.sub(r"^\d+\s*·\s*", "", line.lstrip("# ").strip())
    return ""


def report_parts(notebooks: list[Path], corpus: bool = False) -> list[tuple[Path, list]]:
    """The report's parts in reading order, as (notebook, cells) pairs.

    The summary (the last notebook) opens the report with the findings; the
    analysis notebooks follow as sections; the summary's cells tagged
    ``report-end`` (information selection, glossary) close it; whatever the
    ingest notebook (the first) shows outside ``details.html`` comes last.

    With ``corpus`` (a run of several stories), the summary's cells tagged ``corpus`` open the report, one
    part per Markdown heading, and its ``report-end`` cells close it: the other parts grow with the
    articles, and each story's page shows them for its own articles.
    """
    import nbformat

    loaded = [(path, _shown_cells(nbformat.read(path, as_version=4), corpus=corpus)) for path in notebooks]
    summary_path, summary_cells = loaded[-1]
    closing = [c for c in summary_cells if "report-end" in c.metadata.get("tags", [])]
    if corpus:
        parts: list[tuple[Path, list]] = []
        for cell in summary_cells:
            if CORPUS_TAG not in cell.metadata.get("tags", []):
                continue
            if not parts or cell.cell_type == "markdown" and cell.source.lstrip().startswith("#"):
                parts.append((summary_path, []))
            parts[-1][1].append(cell)
        # A part whose code showed nothing (a run that wrote no stories table) is left out.
        parts = [(path, cells) for path, cells in parts if any(c.cell_type == "code" for c in cells)]
        return [(path, cells) for path, cells in [*parts, (summary_path, closing)] if cells]
    if len(loaded) == 1:
        return [part for part in loaded if part[1]]
    ingest, *analyses, _ = loaded
    opening = [c for c in summary_cells if c not in closing]
    parts = [(summary_path, opening), *analyses, (summary_path, closing), ingest]
    return [(path, cells) for path, cells in parts if cells]


def details_parts(notebooks: list[Path]) -> list[tuple[Path, str, list]]:
    """The parts of ``details.html``, in the notebooks' order, as (notebook, heading, cells) triples.

    Each part holds a notebook's cells tagged ``details``, under the notebook's own heading.
    """
    import nbformat

    parts = []
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        cells = _shown_cells(nb, details=True)
        if cells:
            parts.append((path, _heading(nb.cells) or path.stem, cells))
    return parts


def breakable(word: str, every: int = 16) -> str:
    """``word`` (escaped HTML) with ``<wbr>`` after each ``_ / . -`` and within every run of ``every`` other characters.

    >>> breakable("000_70f9a31eafa2dbbe.txt")
    '000_<wbr>70f9a31eafa2dbbe.<wbr>txt'
    >>> breakable("e3b0c44298fc1c149afbf4c8996fb924")
    'e3b0c44298fc1c14<wbr>9afbf4c8996fb924'
    """
    out, run = [], 0
    for part in WORD_PART.findall(word):
        separator = part in "_/.-"
        if run == every and not separator:
            out.append("<wbr>")
            run = 0
        out.append(part + ("<wbr>" if separator else ""))
        run = 0 if separator else run + 1
    return "".join(out).removesuffix("<wbr>")


def scrollable_tables(page: str) -> str:
    """Every ``<table>`` of ``page`` in a box that scrolls sideways when the table is wider than the screen.

    Long words in a table get places to break (:func:`breakable`), so that on paper, where nothing
    scrolls, the table fits the page. Article text never holds a raw ``<table`` (every renderer
    escapes it), so the tags found are the report's own.

    >>> scrollable_tables("<p>x</p><table><tr><td>1</td></tr></table>")
    '<p>x</p><div class="table-scroll"><table><tr><td>1</td></tr></table></div>'
    """
    def wrap(table: re.Match) -> str:
        cells = re.sub(r">([^<]+)<", lambda text: ">" + LONG_WORD.sub(lambda w: breakable(w.group(0)), text.group(1)) + "<",
                       table.group(0))
        return f'<div class="table-scroll">{cells}</div>'

    return TABLE.sub(wrap, page)


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


HEADING = re.compile(r"(<h[12]\b[^>]*>)\s*(?:\d+\s*·\s*)?")


def numbered(body: str, number: int) -> str:
    """``body`` (HTML) with "``number`` · " before the text of its first ``<h1>`` or ``<h2>``, any old number gone.

    >>> numbered('<h1 id="x">4 · Framing</h1><h2>More</h2>', 2)
    '<h1 id="x">2 · Framing</h1><h2>More</h2>'
    """
    return HEADING.sub(lambda m: f"{m.group(1)}{number} · ", body, count=1)


def _page(title: str, header: str, body: str, footer: str) -> str:
    """One self-contained HTML page with the report's style and its one inline script."""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title>"
        f"<style>{STYLE}</style></head><body><header>{header}</header>{scrollable_tables(body)}"
        f"<footer>{footer}</footer>{PRINT_SCRIPT}</body></html>\n"
    )


@functools.cache
def _html_exporter() -> HTMLExporter:
    """nbconvert's exporter of cells without their code or prompts (one for the process: its templates load once)."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="basic", exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True
    )
    # nbconvert gives charts a generic alt text and warns once per notebook; the sentence
    # beside each chart describes it, so the warning is noise on the console.
    exporter.log.setLevel(logging.ERROR)
    return exporter


def _part_key(path: Path, cells: list) -> str:
    """What a part's HTML depends on: its notebook and its cells, outputs included."""
    return f"{path}\n{json.dumps(cells, sort_keys=True)}"


def _part_html(path: Path, cells: list, prepared: dict[str, str] | None = None,
               nb: nbformat.NotebookNode | None = None) -> str:
    """``cells`` of the notebook ``path`` as HTML, or as :func:`prepare_parts` converted them already
    (``nb``: the notebook, read already; its cells are replaced)."""
    body = (prepared or {}).get(_part_key(path, cells))
    if body is None:
        import nbformat

        nb = nb or nbformat.read(path, as_version=4)
        nb.cells = cells
        body, _ = _html_exporter().from_notebook_node(nb)
        body = EXTERNAL_SCRIPT.sub("", body)
    return body


def prepare_parts(run: RunFolder, notebook: Path, prepared: dict[str, str]) -> None:
    """Convert the parts that one executed notebook gives the report and ``details.html`` into ``prepared``.

    The runner calls this in a thread as each notebook but the last finishes, while the next ones run (a core is
    often idle then: a notebook running alone, kernels starting), so that :func:`render_report`, given
    ``prepared``, has only the last notebook's parts to convert; its pages are the same. The first call also
    imports nbconvert and loads its templates (about 1.2 s). A part is found again by its notebook and cells:
    one that a later change made different is converted again.

    >>> prepared = {}
    >>> prepare_parts(RunFolder("outputs/seeds"), Path("outputs/seeds/notebooks/02-entities.ipynb"), prepared)  # doctest: +SKIP
    >>> len(prepared)  # doctest: +SKIP
    2
    """
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    corpus = story_count(run) > 1  # a corpus report shows only the summary's parts; details.html every notebook's
    shown = [_shown_cells(nb, details=True)] + ([] if corpus else [_shown_cells(nb)])
    for cells in shown:
        if cells:
            prepared[_part_key(notebook, cells)] = _part_html(notebook, cells, nb=nb)


def _sections(parts: list[tuple[Path, str, list]], links: dict[Path, str] | None = None,
              prepared: dict[str, str] | None = None) -> tuple[list[str], list[str]]:
    """The numbered ``<section>``s of ``parts`` and their table-of-contents links.

    ``links`` maps a notebook to the ``details.html`` anchor of its detail, named under each of its sections;
    ``prepared`` holds parts converted already (:func:`prepare_parts`).
    """
    sections, toc = [], []
    for number, (path, label, cells) in enumerate(parts, start=1):
        body = _part_html(path, cells, prepared)
        anchor = f"part-{number}"
        if links is None and _heading(cells[:1]) != label:  # details.html: each part opens with its notebook's heading
            body = f"<h1>{number} · {html.escape(label)}</h1>{body}"
        else:
            body = numbered(body, number)
        toc.append(f'<a href="#{anchor}">{number} · {html.escape(label)}</a>')
        detail = (links or {}).get(path)
        more = (f'<p class="source">Every row of this section, and its checks: '
                f'<a href="{detail}">details.html</a>.</p>' if detail else "")
        sections.append(f'<section class="notebook" id="{anchor}">{body}{more}</section>')
    return sections, toc


def story_pages(run: RunFolder, folder: str = "", workers: int = 1) -> list[Path]:
    """Write one page per story of ``run`` into ``stories/`` beside the report, and ``stories/index.html``.

    05-summary writes these pages as it compares the stories (:func:`story_page_writer`); this writes them
    again from the run's tables, for a run folder that has none. Each page holds that story's rows of the
    run's tables only, in the views of the single-story report (:func:`newsprism.present.corpus.story_sections`),
    and links back to the report. ``folder`` is the run folder's name as the reader knows it. With ``workers``
    above 1 and at least :data:`MIN_STORIES_FOR_PROCESSES` stories, that many processes write the pages, a
    slice of stories at a time (:func:`newsprism.run.by_story.map_slices`; the same pages: each depends on its
    story's rows alone). Returns the pages written (the list of all stories last).

    >>> story_pages(RunFolder("outputs/blinken"))  # doctest: +SKIP
    [PosixPath('outputs/blinken/stories/story-1.html'), ..., PosixPath('outputs/blinken/stories/index.html')]
    """
    from newsprism.run.runfolder import read_tables

    write = story_page_writer(run, folder)
    articles = read_tables(run, ("articles",))["articles"]
    # Each worker reads a slice of the stories' rows from disk (no process holds every table); fewer stories
    # than are worth processes make one slice, written here.
    slices = None if articles["story"].nunique() >= MIN_STORIES_FOR_PROCESSES else 1
    by_slice = map_slices(run, articles, tuple(name for name in STORY_TABLES if name != "articles"),
                          functools.partial(_write_slice_pages, write=write), workers, slices)
    written = {page.name: page for pages in by_slice for page in pages}
    pages = [written[Path(story_page_name(story)).name] for story, _ in story_rows(articles)]
    return [*pages, write_story_index(run, folder)]


def story_page_writer(run: RunFolder, folder: str = "") -> Callable[[dict], list[Path]]:
    """Empty ``stories/`` beside the report; return a function writing there the page of each story of some tables.

    The function takes tables by name, as :func:`newsprism.compare.findings.story_tables` splits them (a
    slice's rows of the run's tables, or the whole run's), writes each story's page from the tables of
    :data:`STORY_TABLES` and returns the pages' paths; it can be sent to worker processes. ``folder`` is the
    run folder's name as the reader knows it. :func:`write_story_index` writes the list of every story once
    the pages are written.

    >>> write = story_page_writer(RunFolder("outputs/corpus"), "corpus")  # doctest: +SKIP
    >>> write(tables)  # doctest: +SKIP
    [PosixPath('outputs/corpus/stories/story-1.html'), PosixPath('outputs/corpus/stories/story-2.html')]
    """
    import shutil

    from newsprism.run.runfolder import read_tables

    stories = read_tables(run, ("stories",))["stories"]
    out = run.root / STORIES_FOLDER
    shutil.rmtree(out, ignore_errors=True)  # a page of a story this run no longer has must not stay
    out.mkdir(parents=True)
    labels = {str(story): str(label or "") for story, label in zip(stories["story"], stories["label"])}
    write = functools.partial(_write_story_page, out=out, labels=labels, footer=_story_footer(run, folder))
    return functools.partial(_write_pages_of, write=write)


def write_story_index(run: RunFolder, folder: str = "") -> Path:
    """Write ``stories/index.html``, the list of every story of ``run`` linking its page; returns its path."""
    from newsprism.run.runfolder import read_tables

    tables = read_tables(run, ("articles", "stories"))
    index = run.root / STORIES_FOLDER / "index.html"
    index.write_text(_page("Every story", f"<h1>Every story</h1>{STORY_PAGE_LINKS}",
                           story_links_html(tables["articles"], tables["stories"], limit=len(tables["stories"]),
                                            prefix="../"), _story_footer(run, folder)),
                     encoding="utf-8")
    return index


def _story_footer(run: RunFolder, folder: str) -> str:
    return (f"Made by newsprism from the run folder {html.escape(folder or run.root.name)}; inputs, parameters "
            "and versions are in manifest.json.")


# The links at the top of every story page, one folder below the report.
STORY_PAGE_LINKS = ('<p><a href="../report.html">Back to the report on every story</a> · '
                    '<a href="index.html">All stories</a> · the tables of every story: '
                    '<a href="../details.html">details.html</a> (their first rows), and every row in the folder '
                    '<code>data/</code>.</p>')


def _write_slice_pages(folder: Path, write) -> list[Path]:
    """Write the page of each story of a slice (:func:`newsprism.run.by_story.map_slices`' task)."""
    return write(read_slice(folder))


def _write_pages_of(tables: dict, write, split: dict[str, dict] | None = None) -> list[Path]:
    """Write the page of each story of ``tables`` (by name; only those of :data:`STORY_TABLES` are shown).

    ``split``: some of these tables already split story by story (:func:`story_tables`, as the findings
    split them); only the others are split here.
    """
    shown = {name: table for name, table in tables.items() if name in STORY_TABLES}
    if split is None:
        return [write(item) for item in story_tables(shown, shown["articles"]).items()]
    done = next(iter(split.values()), {})
    rest = story_tables({name: table for name, table in shown.items() if name == "articles" or name not in done},
                        shown["articles"])
    return [write((story, {name: (split[story] if name in done else rows)[name] for name in shown}))
            for story, rows in rest.items()]


def _write_story_page(item: tuple[str, dict], out: Path, labels: dict[str, str], footer: str) -> Path:
    """Write the page of one story, ``item`` being the story and its rows of the run's tables; returns its path."""
    story, rows = item
    outlets = sorted({o for o in rows["articles"]["outlet"] if o})
    title = html.escape(f"Story {story}" + (f": {labels[story]}" if labels.get(story) else "")
                        + (f" — how {join_names(outlets)} covered it" if outlets else ""))
    sections, toc = [], []
    for number, (heading, body) in enumerate(story_sections(rows, story, labels.get(story, "")), start=1):
        toc.append(f'<a href="#part-{number}">{number} · {html.escape(heading)}</a>')
        sections.append(f'<section class="notebook" id="part-{number}"><h2>{number} · {html.escape(heading)}</h2>'
                        f"{body}</section>")
    # The views link details.html as the report's neighbour; this page is one folder down.
    body = "".join(sections).replace('href="details.html', 'href="../details.html')
    header = f"<h1>{title}</h1>{STORY_PAGE_LINKS}<nav class=\"toc\">{''.join(toc)}</nav>"
    page = out / Path(story_page_name(story)).name
    page.write_text(_page(title, header, body, footer), encoding="utf-8")
    return page


def render_report(run: RunFolder, notebooks: list[Path], out: Path | None = None, name: str | None = None,
                  prepared: dict[str, str] | None = None) -> Path:
    """Write ``report.html`` and ``details.html`` for ``run`` from its executed ``notebooks``; returns the report's path.

    ``name`` is the run folder's name as the reader knows it (the runner renders
    the report in a staging folder before it replaces the earlier results); ``prepared``, the parts
    :func:`prepare_parts` converted while the run went on.
    ``details.html`` is written beside ``out``, and only when a notebook has cells tagged ``details``.
    When the articles are several stories, ``report.html`` is the corpus report and each story gets its
    page (:func:`story_pages`).

    >>> render_report(RunFolder("outputs/seeds"), sorted(Path("outputs/seeds/notebooks").glob("*.ipynb")))  # doctest: +SKIP
    PosixPath('.../outputs/seeds/report.html')
    """
    out = out or run.root / "report.html"
    stories = story_count(run)
    corpus = stories > 1
    title = html.escape(_title(run, stories))
    folder = html.escape(name or run.root.name)
    footer = (f"Made by newsprism from the run folder {folder}; inputs, parameters and versions are in "
              "manifest.json.")

    detail_parts = details_parts(notebooks)
    links = {path: f"details.html#part-{number}" for number, (path, _, _) in enumerate(detail_parts, start=1)}
    if detail_parts:
        sections, toc = _sections(detail_parts, prepared=prepared)
        header = (f'<h1>{title}: the details</h1><p>For analysts: the tables behind <a href="report.html">the '
                  f"report</a> (each table its first {DETAIL_ROWS} rows), the checks each notebook made, the "
                  "provenance of the run and how each page was cleaned. Every row of every table is in the folder "
                  "<code>data/</code> beside this page (CSV and Parquet), and the executed notebooks in "
                  "<code>notebooks/</code>.</p>"
                  f"<nav class=\"toc\">{''.join(toc)}</nav>")
        (out.parent / "details.html").write_text(_page(f"{title}: the details", header, "".join(sections), footer),
                                                 encoding="utf-8")
    parts = [(path, _heading(cells) or path.stem, cells) for path, cells in report_parts(notebooks, corpus)]
    sections, toc = _sections(parts, links, prepared)
    where = ('Every row of every table, the checks and the provenance of this run are in '
             '<a href="details.html">details.html</a>; the tables' if detail_parts else "The tables")
    lead = (f"A newsprism report on {stories} stories: which outlet covered which, and how the outlets told them. "
            "Each story has a page of its own, linked below, with its findings and its articles side by side. "
            if corpus else "A newsprism report: one story, refracted by each outlet. ")
    header = (f"<h1>{title}</h1><p>{lead}{where} are in the "
              "folder <code>data/</code> beside this page (CSV, for any spreadsheet), and the executed notebooks "
              f"in <code>notebooks/</code>.</p>{lesson_links_html(run.root)}<nav class=\"toc\">{''.join(toc)}</nav>")
    body = input_problems_html(run) + stories_note_html(run) + "".join(sections)
    out.write_text(_page(title, header, body, footer), encoding="utf-8")
    if corpus and not (run.root / STORIES_FOLDER / "index.html").exists():
        # 05-summary writes the stories' pages as it compares them; a run folder without them gets them here.
        story_pages(run, name or run.root.name, workers=default_workers())
    return out
