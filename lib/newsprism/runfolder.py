"""The run folder: where every table, figure and cached parse of one run lives.

Notebooks are started in different working directories by papermill, nbval
and JupyterLab, so every path is derived from the run folder handed to the
notebook as a parameter, never from the current directory.

Layout::

    <run>/data/<table>.parquet  and  <table>.csv   tables passed between notebooks
    <run>/figures/<name>.png                       figures, beside their tables
    <run>/cache/parse/<model>/<sha256>.spacy        one stored parse per text
    <run>/notebooks/NN-name.ipynb                   executed notebooks
    <run>/report.html, <run>/manifest.json
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

# Project root, for defaults only (seeds/ and notebooks/ of a source checkout).
PROJECT_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class RunFolder:
    """Paths of one run, all anchored to ``root``.

    >>> run = RunFolder("/tmp/np-run")
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

    def clear_results(self) -> list[Path]:
        """Remove the tables, figures, executed notebooks and report of an earlier run here.

        The stored parse is kept: it is keyed by model and text, so it stays valid.
        Returns what was removed, so the caller can say so.
        """
        import shutil

        removed = []
        for folder in (self.data, self.figures, self.notebooks):
            if folder.exists() and any(folder.iterdir()):
                shutil.rmtree(folder)
                removed.append(folder)
        for leftover in (self.root / "report.html", self.parse_info):
            if leftover.exists():
                leftover.unlink()
                removed.append(leftover)
        return removed

    def create(self) -> "RunFolder":
        """Create the folders of the run; returns self for chaining."""
        for folder in (self.data, self.figures, self.parse_cache, self.notebooks):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def write_table(df: pd.DataFrame, run: RunFolder, name: str) -> Path:
    """Write ``df`` as ``data/<name>.parquet`` and ``data/<name>.csv``.

    Parquet keeps the types for the next notebook; CSV is for people and
    spreadsheets. Both are written without an index, so the same table always
    gives the same bytes.

    >>> import pandas as pd
    >>> path = write_table(pd.DataFrame({"a": [1]}), RunFolder("/tmp/np-run"), "demo")
    >>> read_table(RunFolder("/tmp/np-run"), "demo")["a"].tolist()
    [1]
    """
    run.data.mkdir(parents=True, exist_ok=True)
    path = run.table(name)
    df.to_parquet(path, index=False)
    df.to_csv(path.with_suffix(".csv"), index=False)
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


def read_tables(run: RunFolder, names) -> dict[str, pd.DataFrame]:
    """The tables among ``names`` that this run has written, by name (missing ones left out).

    The summary uses it: a run whose notebooks were trimmed still gets a summary
    of what exists.

    >>> sorted(read_tables(RunFolder("/tmp/np-run"), ["demo", "no_such_table"]))
    ['demo']
    """
    return {name: pd.read_parquet(run.table(name)) for name in names if run.table(name).exists()}
