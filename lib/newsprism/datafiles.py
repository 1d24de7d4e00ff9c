"""The data files shipped in ``newsprism/data``: lexicons, variants, outlets, glossary.

Each is a CSV whose ``#`` header says where its entries come from; one reader
serves them all, so every file is parsed the same way and a broken file is
reported by name.
"""

from __future__ import annotations

from importlib import resources

import pandas as pd


def read_data_csv(name: str) -> pd.DataFrame:
    """Read ``newsprism/data/<name>`` (``.csv`` optional) as text columns, ``#`` lines skipped.

    Empty cells stay empty strings, never NaN, so lookups need no NaN checks.

    >>> read_data_csv("glossary").columns[0]
    'type'
    """
    filename = name if name.endswith(".csv") else f"{name}.csv"
    path = resources.files("newsprism") / "data" / filename
    with resources.as_file(path) as real:
        try:
            table = pd.read_csv(real, comment="#", dtype=str, keep_default_na=False, skipinitialspace=True)
        except (OSError, pd.errors.ParserError, UnicodeDecodeError) as exc:
            raise ValueError(f"cannot read newsprism data file {real}: {exc}") from exc
    table.columns = [c.strip() for c in table.columns]
    return table
