"""The runner's pieces that need no kernel: notebook discovery, parameters, report rendering."""

from __future__ import annotations

import shutil

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from newsprism.run.report import render_report
from newsprism.run.runfolder import RunFolder
from newsprism.run.runner import discover_notebooks, parse_parameter


def test_notebooks_run_in_numbered_order():
    names = [p.stem for p in discover_notebooks()]
    assert names[0] == "01-ingest" and names[-1] == "05-summary"
    assert names == sorted(names)


@pytest.mark.parametrize("pair, expected", [
    ("top_n=10", ("top_n", 10)),
    ("threshold=0.5", ("threshold", 0.5)),
    ("teaching=True", ("teaching", True)),
    ("model=en_core_web_sm", ("model", "en_core_web_sm")),
    ("title=Kyiv or Kiev?", ("title", "Kyiv or Kiev?")),
])
def test_parameters_from_the_command_line_are_typed(pair, expected):
    assert parse_parameter(pair) == expected


@pytest.mark.parametrize("pair", ["novalue", "2bad=1", "=3"])
def test_malformed_parameters_are_refused(pair):
    with pytest.raises(ValueError, match="NAME=VALUE"):
        parse_parameter(pair)


def test_report_hides_code_parameters_and_warnings(tmp_path):
    run = RunFolder(tmp_path / "run").create()
    nb = new_notebook()
    params = new_code_cell("run_dir = 'x'")
    params.metadata["tags"] = ["parameters"]
    shown = new_code_cell("secret_code_line()", outputs=[
        new_output("stream", name="stderr", text="WARNING noisy\n"),
        new_output("display_data", data={"text/html": "<table><td>&lt;b&gt;escaped&lt;/b&gt;</td></table>",
                                         "text/plain": "table"}),
    ])
    nb.cells = [new_markdown_cell("# Title for readers"), params, shown]
    path = run.notebooks / "01-demo.ipynb"
    nbformat.write(nb, path)
    page = render_report(run, [path]).read_text()
    assert "Title for readers" in page
    assert "&lt;b&gt;escaped&lt;/b&gt;" in page
    for hidden in ("secret_code_line", "run_dir", "WARNING noisy"):
        assert hidden not in page
    # No link to a notebook: a handed-out copy of the report would find it dead.
    assert ".ipynb" not in page and "notebooks/</code>" in page
    assert not (run.root / "details.html").exists()  # no cell is tagged for the details


def _notebook(path, *cells):
    nb = new_notebook()
    nb.cells = list(cells)
    nbformat.write(nb, path)
    return path


def test_report_opens_with_the_summary_and_ends_with_the_appendix(tmp_path):
    run = RunFolder(tmp_path / "run").create()
    closing = new_markdown_cell("## Glossary")
    closing.metadata["tags"] = ["report-end"]
    paths = [
        _notebook(run.notebooks / "01-ingest.ipynb", new_markdown_cell("# 1 · Ingest")),
        _notebook(run.notebooks / "02-entities.ipynb", new_markdown_cell("# 2 · Entities")),
        _notebook(run.notebooks / "05-summary.ipynb", new_markdown_cell("# Findings"), closing),
    ]
    page = render_report(run, paths).read_text()
    body = page[page.index("</nav>"):]  # after the table of contents, which names them too
    order = [body.index(h) for h in ("Findings", "Entities", "Glossary", "Ingest")]
    assert order == sorted(order)
    # Numbered in reading order, whatever numbers the notebooks' own headings carried.
    for number, heading in enumerate(("Findings", "Entities", "Glossary", "Ingest"), start=1):
        assert f"{number} · {heading}" in body
        assert f'<a href="#part-{number}">{number} · {heading}</a>' in page


def _tagged(cell, *tags):
    cell.metadata["tags"] = list(tags)
    return cell


def test_cells_tagged_details_go_to_details_html_and_the_report_links_there(tmp_path):
    run = RunFolder(tmp_path / "run").create()
    every_row = new_code_cell("show_all()", outputs=[new_output(
        "display_data", data={"text/html": "<table><td>every row, offsets 0-4</td></table>", "text/plain": "t"})])
    paths = [
        _notebook(run.notebooks / "01-ingest.ipynb", _tagged(new_markdown_cell("# 1 · Ingest"), "details"),
                  _tagged(new_markdown_cell("## What we removed from each page"), "details")),
        _notebook(run.notebooks / "02-entities.ipynb", new_markdown_cell("# 2 · Entities"),
                  new_markdown_cell("A short table for readers."), _tagged(every_row, "details")),
        _notebook(run.notebooks / "05-summary.ipynb", new_markdown_cell("# Findings")),
    ]
    page = render_report(run, paths).read_text()
    details = (run.root / "details.html").read_text()
    assert "A short table for readers." in page and "every row, offsets 0-4" not in page
    assert "What we removed from each page" not in page and "Ingest" not in page
    assert "every row, offsets 0-4" in details and "What we removed from each page" in details
    assert "A short table for readers." not in details
    # details.html follows the notebooks' order, each part under its notebook's heading.
    assert details.index("1 · Ingest") < details.index("2 · Entities") < details.index("every row, offsets")
    assert details.count("1 · Ingest") == 2  # in the table of contents and once as a heading
    # The entities section links to its detail; the summary, which has none, links nowhere.
    assert page.count('href="details.html#part-2"') == 1 and "details.html#part-3" not in page
    assert 'href="report.html"' in details


def test_parts_prepared_as_the_notebooks_finish_give_the_same_pages(tmp_path, monkeypatch):
    from newsprism.run import report

    plain_run = RunFolder(tmp_path / "plain").create()
    table = new_code_cell("show()", outputs=[new_output(
        "display_data", data={"text/html": "<table><td>Kyiv 3, Kiev 2</td></table>", "text/plain": "t"})])
    names = ["01-ingest.ipynb", "02-entities.ipynb", "05-summary.ipynb"]
    _notebook(plain_run.notebooks / names[0], new_markdown_cell("# 1 · Ingest"),
              _tagged(new_markdown_cell("## Removed lines"), "details"))
    _notebook(plain_run.notebooks / names[1], new_markdown_cell("# 2 · Entities"), table)
    _notebook(plain_run.notebooks / names[2], new_markdown_cell("# Findings"))
    shutil.copytree(plain_run.root, tmp_path / "prepared")
    plain = render_report(plain_run, [plain_run.notebooks / name for name in names], name="run").read_text()
    run = RunFolder(tmp_path / "prepared")
    paths = [run.notebooks / name for name in names]
    prepared: dict[str, str] = {}
    for path in paths[:-1]:  # as the runner does while the summary runs
        report.prepare_parts(run, path, prepared)
    converted = []
    exporter = report._html_exporter()
    monkeypatch.setattr(report, "_html_exporter", lambda: converted.append(1) or exporter)
    page = render_report(run, paths, name="run", prepared=prepared).read_text()
    assert page == plain and (run.root / "details.html").read_text() == (plain_run.root / "details.html").read_text()
    assert len(prepared) == 3 and len(converted) == 1  # only the summary's part was left to convert


def test_a_run_folder_inside_the_input_folder_is_refused(tmp_path):
    from newsprism.run.runner import run_suite

    (tmp_path / "a.txt").write_text("text")
    with pytest.raises(ValueError, match="inside the input folder"):
        run_suite(tmp_path, tmp_path / "run")
