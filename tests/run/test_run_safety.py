"""Run safety: newsprism deletes or replaces only what it wrote, checks everything before it
writes, keeps earlier results when a run fails or is interrupted, and refuses a second run
into the same folder.

Most tests use two tiny notebooks (the runner does not care what a notebook computes), so
each run costs two kernel starts rather than a whole analysis.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from newsprism.run.runfolder import MARKER, NotARunFolder, RunFolder, notebook_settings, write_table
from newsprism.run.runner import RunFailed, RunLocked, plan_run, run_lock, run_suite, typed_parameters

from conftest import SEEDS

PARAMETERS = 'input_dir = ""  # articles\nrun_dir = ""  # run folder\nfail_in = ""  # notebook that fails\nteaching = False  # lesson'


def _notebook(path: Path, heading: str, body: str) -> None:
    nb = new_notebook()
    parameters = new_code_cell(PARAMETERS)
    parameters.metadata["tags"] = ["parameters"]
    nb.cells = [new_markdown_cell(f"# {heading}"), parameters, new_code_cell(body)]
    nb.metadata["kernelspec"] = {"name": "newsprism", "display_name": "newsprism", "language": "python"}
    nbformat.write(nb, path)


@pytest.fixture(scope="module")
def tiny_notebooks(tmp_path_factory) -> Path:
    """Two notebooks: the first lists the input files and writes the rejected table, the second
    writes one more table; ``fail_in`` makes either raise."""
    folder = tmp_path_factory.mktemp("notebooks")
    _notebook(folder / "01-list.ipynb", "Files", (
        "import pandas as pd\n"
        "from newsprism.run.runfolder import notebook_settings, write_table\n"
        "settings = notebook_settings(input_dir, run_dir)\n"
        "run = settings.run.create()\n"
        "write_table(pd.DataFrame({'file': sorted(p.name for p in settings.input_dir.iterdir())}), run, 'files')\n"
        "write_table(pd.DataFrame({'file': ['=cmd.txt'], 'reason': ['empty file']}), run, 'rejected')\n"
        "if fail_in == '01': raise RuntimeError('asked to fail in 01')\n"
        "print('teaching is', teaching)\n"
    ))
    _notebook(folder / "02-more.ipynb", "More", (
        "import pandas as pd\n"
        "from newsprism.run.runfolder import notebook_settings, write_table\n"
        "run = notebook_settings(input_dir, run_dir).run\n"
        "if fail_in == '02': raise RuntimeError('asked to fail in 02')\n"
        "write_table(pd.DataFrame({'n': [len(list(run.data.glob('*.csv')))]}), run, 'more')\n"
    ))
    return folder


@pytest.fixture
def articles(tmp_path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Talks resumed in Geneva on Monday, officials said.", encoding="utf-8")
    return folder


def _snapshot(folder: Path) -> dict[str, bytes]:
    # The lock file records which process last held it: housekeeping, not a result.
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != ".newsprism-lock"}


# --- checked before anything is touched ------------------------------------------------------

def test_a_users_folder_given_as_out_keeps_every_file(articles, tmp_path):
    project = tmp_path / "project"
    (project / "data").mkdir(parents=True)
    (project / "data" / "survey.csv").write_text("a,b\n1,2\n")
    (project / "notebooks").mkdir()
    (project / "notebooks" / "analysis.ipynb").write_text("{}")
    (project / "report.html").write_text("<p>my report</p>")
    before = _snapshot(project)
    with pytest.raises(NotARunFolder, match="not a newsprism run folder and is not empty"):
        run_suite(articles, project)
    assert _snapshot(project) == before


@pytest.mark.parametrize("out", ["articles", "articles/run", "."])
def test_input_and_run_folder_may_not_nest_either_way(articles, tmp_path, out):
    before = _snapshot(tmp_path)
    with pytest.raises(ValueError, match="input folder"):
        plan_run(articles, tmp_path / out)
    assert _snapshot(tmp_path) == before


def test_without_out_the_run_goes_under_the_working_directory(articles, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSPRISM_OUTPUTS", raising=False)
    assert plan_run(articles).run.root == tmp_path / "outputs" / "articles"


@pytest.mark.parametrize("overrides, message", [
    ({"teachng": "true"}, "unknown parameter 'teachng'"),
    ({"teaching": "maybe"}, "must be true or false"),
    ({"max_mb": "five"}, "must be a number"),
    ({"top_n": "2.5"}, "must be a whole number"),
    ({"input_dir": "/etc"}, "input_dir cannot be set with -p"),
    ({"run_dir": "elsewhere"}, "run_dir cannot be set with -p"),
])
def test_bad_parameters_are_refused_before_anything_is_written(articles, tmp_path, overrides, message):
    with pytest.raises(ValueError, match=message):
        plan_run(articles, tmp_path / "run", overrides)
    assert not (tmp_path / "run").exists()


@pytest.mark.parametrize("raw, expected", [("no", False), ("off", False), ("0", False), ("Yes", True), ("true", True)])
def test_teaching_words_are_typed_as_booleans(raw, expected):
    assert typed_parameters({"teaching": raw}, {"05": {"teaching": False}}) == {"teaching": expected}


# --- publishing only a finished run ----------------------------------------------------------

def test_a_rerun_replaces_only_its_own_results(articles, tmp_path, tiny_notebooks):
    out = tmp_path / "run"
    first = run_suite(articles, out, notebooks_dir=tiny_notebooks)
    assert first.ok and (out / MARKER).is_file() and (out / "report.html").is_file()
    (out / "notes.txt").write_text("my notes")  # a user's own file in the run folder
    (out / "data" / "stale.csv").write_text("from an older version")
    (articles / "b.txt").write_text("A second article about the talks in Geneva.", encoding="utf-8")
    run_suite(articles, out, notebooks_dir=tiny_notebooks)
    assert (out / "notes.txt").read_text() == "my notes"
    assert not (out / "data" / "stale.csv").exists()
    assert pd.read_parquet(out / "data" / "files.parquet")["file"].tolist() == ["a.txt", "b.txt"]
    assert not (out / ".newsprism-partial").exists()
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["status"] == "ok" and manifest["run_dir"] == str(out.resolve())


def test_a_teaching_run_whose_notebooks_write_no_findings_finishes_without_a_lesson_pack(
        articles, tmp_path, tiny_notebooks, capsys):
    out = tmp_path / "run"
    assert run_suite(articles, out, {"teaching": "true"}, notebooks_dir=tiny_notebooks).ok
    console = capsys.readouterr().err
    assert "lesson pack not written:" in console and "articles.parquet is missing" in console
    assert (out / "report.html").is_file() and not (out / "student.html").exists()


def test_a_failed_rerun_leaves_the_earlier_results_byte_identical(articles, tmp_path, tiny_notebooks):
    out = tmp_path / "run"
    run_suite(articles, out, notebooks_dir=tiny_notebooks)
    before = _snapshot(out)
    with pytest.raises(RunFailed, match=r"(?s)02-more.*asked to fail in 02.*earlier results .* are unchanged"):
        run_suite(articles, out, {"fail_in": "02"}, notebooks_dir=tiny_notebooks)
    after = {name: data for name, data in _snapshot(out).items() if not name.startswith("failed-run/")}
    assert after == before
    failed = json.loads((out / "failed-run" / "manifest.json").read_text())
    assert failed["status"] == "failed"
    assert (out / "failed-run" / "notebooks" / "02-more.ipynb").is_file()
    # The next successful run clears the failed attempt away.
    run_suite(articles, out, notebooks_dir=tiny_notebooks)
    assert not (out / "failed-run").exists()


def test_a_first_run_that_fails_says_so_in_its_manifest(articles, tmp_path, tiny_notebooks):
    out = tmp_path / "run"
    with pytest.raises(RunFailed, match="01-list"):
        run_suite(articles, out, {"fail_in": "01"}, notebooks_dir=tiny_notebooks)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["status"] == "failed"
    assert not (out / "report.html").exists()


def test_an_interrupted_rerun_leaves_the_earlier_results_byte_identical(articles, tmp_path, tiny_notebooks,
                                                                         monkeypatch):
    import papermill

    out = tmp_path / "run"
    run_suite(articles, out, notebooks_dir=tiny_notebooks)
    before = _snapshot(out)
    real = papermill.execute_notebook

    def interrupted_in_the_second(path, *args, **kwargs):
        if "02-" in str(path):
            raise KeyboardInterrupt
        return real(path, *args, **kwargs)

    monkeypatch.setattr(papermill, "execute_notebook", interrupted_in_the_second)
    with pytest.raises(KeyboardInterrupt):
        run_suite(articles, out, notebooks_dir=tiny_notebooks)
    assert _snapshot(out) == before


def test_a_second_run_into_the_same_folder_is_refused(articles, tmp_path, tiny_notebooks):
    out = RunFolder(tmp_path / "run")
    with run_lock(out):
        with pytest.raises(RunLocked, match="another newsprism run is writing"):
            run_suite(articles, out.root, notebooks_dir=tiny_notebooks)
    assert not (out.root / "report.html").exists()


def test_rejected_inputs_are_named_at_the_top_of_the_report(articles, tmp_path, tiny_notebooks):
    result = run_suite(articles, tmp_path / "run", notebooks_dir=tiny_notebooks)
    page = (result.run.root / "report.html").read_text(encoding="utf-8")
    assert page.index("1 input not analysed") < page.index("<h1 id=\"Files\"") if '<h1 id="Files"' in page else True
    assert "=cmd.txt" in page and "empty file" in page


# --- exports and places ----------------------------------------------------------------------

def test_csv_cells_cannot_run_as_spreadsheet_formulas(tmp_path):
    df = pd.DataFrame({"text": ["=HYPERLINK(\"http://x\")", "  +1", "-2 said", "@SUM(A1)", "Kyiv"], "n": [1, -2, 3, 4, 5]})
    write_table(df, RunFolder(tmp_path), "demo")
    cells = pd.read_csv(tmp_path / "data" / "demo.csv")["text"].tolist()
    assert cells == ["'=HYPERLINK(\"http://x\")", "'  +1", "'-2 said", "'@SUM(A1)", "Kyiv"]
    assert pd.read_csv(tmp_path / "data" / "demo.csv")["n"].tolist() == [1, -2, 3, 4, 5]
    assert pd.read_parquet(tmp_path / "data" / "demo.parquet")["text"].tolist() == df["text"].tolist()


def test_manifest_never_reads_a_file_outside_the_input_folder(articles, tmp_path):
    from newsprism.run.runner import _input_files

    outside = tmp_path / "secret.txt"
    outside.write_text("not for the report")
    (articles / "secret.txt").symlink_to(outside)
    (articles / "big.txt").write_bytes(b"x" * 2000)
    rows = {row["file"]: row for row in _input_files(articles.resolve(), max_bytes=1000)}
    assert rows["secret.txt"]["sha256"] == "" and "outside the input folder" in rows["secret.txt"]["note"]
    assert rows["big.txt"]["sha256"] == "" and rows["big.txt"]["bytes"] == 2000
    assert len(rows["a.txt"]["sha256"]) == 64


def test_lab_notebooks_find_their_folders_from_the_project_root(monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSPRISM_OUTPUTS", str(tmp_path / "outputs"))
    monkeypatch.setenv("NEWSPRISM_TEACHING", "true")
    settings = notebook_settings()
    assert settings.input_dir == SEEDS
    assert settings.run.root == tmp_path / "outputs" / "seeds"
    assert settings.teaching
    # A papermill run names its folders, and the Lab-only switch does not reach it.
    assert not notebook_settings(str(SEEDS), str(tmp_path / "run")).teaching


def test_command_line_reports_an_unwritable_run_folder_without_a_traceback(articles, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file, not a folder")
    proc = subprocess.run([sys.executable, "-m", "newsprism.cli", "run", str(articles), "--out", str(blocker / "run")],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("newsprism: starting a run")
    assert "newsprism: cannot write the run" in proc.stderr
