"""The run folder: where every table, figure and cached parse of one run lives.

Notebooks are started in different working directories by papermill, nbval
and JupyterLab, so every path is derived from the run folder handed to the
notebook as a parameter, never from the current directory.

Layout::

    <run>/data/<table>.parquet  and  <table>.csv   tables passed between notebooks
    <run>/figures/<name>.png                       figures, beside their tables
    <run>/cache/parse/<model>/<sha256>.spacy        one stored parse per text
    <run>/notebooks/NN-name.ipynb                   executed notebooks
    <run>/report.html, <run>/details.html, <run>/manifest.json
    <run>/stories/story-N.html, index.html          with several stories: one page per story
    <run>/student.html, worksheet.html, answers.html  the lesson pack (teaching=true, or `newsprism lesson`)
    <run>/failed-run/                              the last failed attempt, when earlier results were kept
    <run>/.newsprism-run                           marks the folder as newsprism's

newsprism only ever deletes or replaces what it wrote itself: the entries
above in a folder that holds the marker. A folder without the marker is a
user's folder, and :meth:`RunFolder.create` refuses to write into it unless it
is empty; other files a user puts into a run folder are left alone.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

# Project root, for defaults only (seeds/ and notebooks/ of a source checkout).
PROJECT_ROOT = Path(__file__).resolve().parents[3]
MARKER = ".newsprism-run"
# What a run writes at the top of its folder; anything else in a run folder is the user's.
RUN_ENTRIES = ("data", "figures", "cache", "notebooks", "report.html", "details.html", "manifest.json", "parse.json",
               "failed-run", "student.html", "worksheet.html", "answers.html", "stories")
# Where notebooks opened in JupyterLab put their run folders when run_dir is empty; the
# tests point it at a temporary folder so that nbval never writes into the project.
OUTPUTS_VARIABLE = "NEWSPRISM_OUTPUTS"


class NotARunFolder(ValueError):
    """The chosen run folder holds files that newsprism did not write."""


def is_run_folder(folder: str | Path) -> bool:
    """Whether ``folder`` was written by newsprism (it holds the marker, or an older run's manifest).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     before = is_run_folder(tmp)
    ...     _ = RunFolder(Path(tmp) / "run").create()
    ...     before, is_run_folder(Path(tmp) / "run")
    (False, True)
    """
    folder = Path(folder)
    if (folder / MARKER).is_file():
        return True
    # Runs made before the marker existed: their manifest names newsprism and the run folder.
    manifest = folder / "manifest.json"
    try:
        data = json.loads(manifest.read_text(encoding="utf-8")) if manifest.is_file() else {}
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and "newsprism" in data and "run_dir" in data


def write_marker(folder: str | Path) -> Path:
    """Mark ``folder`` as a newsprism run folder (the entries of :data:`RUN_ENTRIES` in it are newsprism's)."""
    from newsprism import __version__

    marker = Path(folder) / MARKER
    marker.write_text(json.dumps({"newsprism": __version__, "owns": list(RUN_ENTRIES)}) + "\n", encoding="utf-8")
    return marker


def default_run_dir(input_dir: str | Path, base: str | Path | None = None) -> Path:
    """Where a run of ``input_dir`` goes when no run folder is given: ``<base>/outputs/<input name>``.

    ``base`` is the working directory for the command line; notebooks pass the
    project root. ``$NEWSPRISM_OUTPUTS``, when set, replaces ``<base>/outputs``.

    >>> saved = os.environ.pop(OUTPUTS_VARIABLE, None)  # the tests set it
    >>> default_run_dir("articles/blinken", base="/home/ana").as_posix()
    '/home/ana/outputs/blinken'
    >>> os.environ.update({OUTPUTS_VARIABLE: saved} if saved else {})
    """
    outputs = os.environ.get(OUTPUTS_VARIABLE) or Path(base if base is not None else Path.cwd()) / "outputs"
    return Path(outputs) / Path(input_dir).expanduser().resolve().name


@dataclass(frozen=True)
class RunFolder:
    """Paths of one run, all anchored to ``root``.

    >>> run = RunFolder("outputs/seeds")
    >>> run.table("articles").name
    'articles.parquet'
    """

    root: Path

    def __init__(self, root: str | Path):
        object.__setattr__(self, "root", Path(root).expanduser().resolve())

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def figures(self) -> Path:
        return self.root / "figures"

    @property
    def parse_cache(self) -> Path:
        return self.root / "cache" / "parse"

    @property
    def notebooks(self) -> Path:
        return self.root / "notebooks"

    @property
    def parse_info(self) -> Path:
        """``parse.json``: which model parsed the bodies, and how many parses were re-used."""
        return self.root / "parse.json"

    def table(self, name: str) -> Path:
        """Path of the Parquet copy of table ``name`` (the CSV copy sits beside it)."""
        return self.data / f"{name}.parquet"

    def figure(self, name: str) -> Path:
        """Path of figure ``name`` (PNG), creating the figures folder."""
        self.figures.mkdir(parents=True, exist_ok=True)
        return self.figures / f"{name}.png"

    def check_writable(self) -> None:
        """Raise :class:`NotARunFolder` unless ``root`` is new, empty, or an earlier newsprism run.

        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     _ = (Path(tmp) / "survey.csv").write_text("a,b")
        ...     RunFolder(tmp).check_writable()  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        newsprism.run.runfolder.NotARunFolder: ... is not a newsprism run folder and is not empty (it holds survey.csv)...choose another folder
        """
        if not self.root.exists():
            return
        if not self.root.is_dir():
            raise NotARunFolder(f"{self.root} is a file, not a folder: choose another run folder")
        if is_run_folder(self.root):
            return
        held = sorted(p.name for p in self.root.iterdir())
        if held:
            shown = ", ".join(held[:5]) + (f" and {len(held) - 5} more" if len(held) > 5 else "")
            raise NotARunFolder(
                f"{self.root} is not a newsprism run folder and is not empty (it holds {shown}); "
                "newsprism writes only into a new or empty folder, or one it wrote before: choose another folder"
            )

    def create(self) -> "RunFolder":
        """Create the folders of the run and its marker; returns self for chaining.

        Refuses (:class:`NotARunFolder`) a folder that holds files newsprism did not write.
        """
        self.check_writable()
        for folder in (self.data, self.figures, self.parse_cache, self.notebooks):
            folder.mkdir(parents=True, exist_ok=True)
        if not (self.root / MARKER).exists():
            write_marker(self.root)
        return self


# A cell starting with one of these is run as a formula by spreadsheet programs
# (CSV injection): an article can contain "=HYPERLINK(...)" or "@SUM(...)".
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text cells cannot run as spreadsheet formulas.

    A text cell that starts (after leading spaces) with ``=``, ``+``, ``-`` or ``@``,
    or with a tab or carriage return, gets a leading apostrophe, which spreadsheets
    read as "this is text". Numbers are left as they are; so is the Parquet copy.

    >>> neutralise_formulas(pd.DataFrame({"text": ["=1+1", " @SUM(A1)", "-- said", "Kyiv"], "n": [-1, 2, 3, 4]})).values.tolist()
    [["'=1+1", -1], ["' @SUM(A1)", 2], ["'-- said", 3], ['Kyiv', 4]]
    """
    safe = df.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(_neutralise_cell)
    return safe


def _neutralise_cell(value):
    if isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_table(df: pd.DataFrame, run: RunFolder, name: str) -> Path:
    """Write ``df`` as ``data/<name>.parquet`` and ``data/<name>.csv``.

    Parquet keeps the types (and the exact text) for the next notebook; CSV is for
    people and spreadsheets, so its text cells are made safe with
    :func:`neutralise_formulas`. Both are written without an index, so the same
    table always gives the same bytes.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = write_table(pd.DataFrame({"a": [1]}), RunFolder(tmp), "demo")
    ...     read_table(RunFolder(tmp), "demo")["a"].tolist()
    [1]
    """
    run.data.mkdir(parents=True, exist_ok=True)
    path = run.table(name)
    df.to_parquet(path, index=False)
    neutralise_formulas(df).to_csv(path.with_suffix(".csv"), index=False)
    return path


def read_table(run: RunFolder, name: str) -> pd.DataFrame:
    """Read table ``name`` written by an earlier notebook of the same run.

    Raises ``FileNotFoundError`` naming the notebook order when it is missing.
    """
    path = run.table(name)
    if not path.exists():
        raise FileNotFoundError(
            f"{path} does not exist: run the earlier notebooks of this run first "
            "(`newsprism run INPUT_DIR --out RUN_DIR` runs them in order)."
        )
    return pd.read_parquet(path)


def story_count(run: RunFolder) -> int:
    """How many stories the run's articles make (its ``stories`` table; 1 when there is none).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     run = RunFolder(Path(tmp))
    ...     before = story_count(run)
    ...     _ = write_table(pd.DataFrame({"story": ["1", "2"]}), run, "stories")
    ...     before, story_count(run)
    (1, 2)
    """
    path = run.table("stories")
    if not path.exists():
        return 1
    return max(1, len(pd.read_parquet(path, columns=["story"])))


def read_tables(run: RunFolder, names, columns: dict[str, list[str]] | None = None) -> dict[str, pd.DataFrame]:
    """The tables among ``names`` that this run has written, by name (missing ones left out).

    The summary uses it: a run whose notebooks were trimmed still gets a summary
    of what exists. ``columns`` names the columns to read of some tables (a corpus' tables are large).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = write_table(pd.DataFrame({"a": [1]}), RunFolder(tmp), "demo")
    ...     sorted(read_tables(RunFolder(tmp), ["demo", "no_such_table"]))
    ['demo']
    """
    columns = columns or {}
    return {name: pd.read_parquet(run.table(name), columns=columns.get(name)) for name in names
            if run.table(name).exists()}


# Set by `make lab INPUT=... TEACHING=true` for every notebook opened in that JupyterLab.
INPUT_VARIABLE = "NEWSPRISM_INPUT"
TEACHING_VARIABLE = "NEWSPRISM_TEACHING"


@dataclass(frozen=True)
class NotebookSettings:
    """Where a notebook reads and writes, and whether it asks questions first (teaching mode)."""

    input_dir: Path
    run: RunFolder
    teaching: bool


def notebook_settings(input_dir: str = "", run_dir: str = "", teaching: bool = False) -> NotebookSettings:
    """Turn a notebook's ``parameters`` cell into folders and the teaching switch.

    The runner always gives ``input_dir`` and ``run_dir``. Opened in JupyterLab,
    both may stay empty: the input is ``$NEWSPRISM_INPUT`` (set by ``make lab
    INPUT=...``) or ``seeds/``; relative paths are relative to the project root,
    wherever Jupyter started the kernel; the run folder is
    ``outputs/<input folder name>`` in the project (``$NEWSPRISM_OUTPUTS`` moves
    it); and ``$NEWSPRISM_TEACHING`` (``make lab TEACHING=true``) turns teaching
    on in every notebook at once.

    >>> settings = notebook_settings("seeds", "outputs/lesson", teaching=True)
    >>> settings.input_dir.name, settings.run.root.name, settings.teaching
    ('seeds', 'lesson', True)
    """
    in_lab = not run_dir
    chosen = input_dir or (os.environ.get(INPUT_VARIABLE, "") if in_lab else "") or "seeds"
    folder = Path(chosen).expanduser()
    if not folder.is_absolute():
        folder = PROJECT_ROOT / folder
    folder = folder.resolve()
    root = Path(run_dir).expanduser() if run_dir else default_run_dir(folder, base=PROJECT_ROOT)
    if not root.is_absolute():
        root = PROJECT_ROOT / root
    switched_on = in_lab and os.environ.get(TEACHING_VARIABLE, "").strip().lower() in ("1", "true", "yes", "on")
    return NotebookSettings(folder, RunFolder(root), bool(teaching) or switched_on)
