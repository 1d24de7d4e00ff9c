"""The data files shipped in ``newsprism/data``: lexicons, variants, outlets, glossary.

Each is a CSV whose ``#`` header says where its entries come from; one reader
serves them all, so every file is parsed the same way and a broken file is
reported by name.
"""

from __future__ import annotations

import functools
from importlib import resources

import pandas as pd


def read_csv_file(path, label: str | None = None) -> pd.DataFrame:
    """Read a ``#``-commented CSV as text columns; errors name the file.

    Used for the packaged data files and for a user's own lists alike.

    >>> read_csv_file("/no/such.csv")
    Traceback (most recent call last):
    ...
    ValueError: cannot read /no/such.csv: [Errno 2] No such file or directory: '/no/such.csv'
    """
    try:
        table = pd.read_csv(path, comment="#", dtype=str, keep_default_na=False, skipinitialspace=True)
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise ValueError(f"cannot read {label or path}: {exc}") from exc
    table.columns = [c.strip() for c in table.columns]
    return table


def read_data_csv(name: str) -> pd.DataFrame:
    """Read ``newsprism/data/<name>`` (``.csv`` optional) as text columns, ``#`` lines skipped.

    Empty cells stay empty strings, never NaN, so lookups need no NaN checks.

    >>> read_data_csv("glossary").columns[0]
    'type'
    """
    filename = name if name.endswith(".csv") else f"{name}.csv"
    return _packaged_csv(filename).copy()  # a copy: a caller may change its table


@functools.lru_cache(maxsize=None)
def _packaged_csv(filename: str) -> pd.DataFrame:
    # Read once per process: the files ship with the package, and a corpus run's story pages ask for
    # the same few (the measured precision of each kind of finding) hundreds of times.
    with resources.as_file(resources.files("newsprism") / "data" / filename) as real:
        return read_csv_file(real, f"newsprism data file {real}")
