"""Small tables that introduce a run: the outlets, what was cleaned away, provenance."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from newsprism.compare.findings import join_names


def label_unknown_outlets(articles: pd.DataFrame) -> pd.DataFrame:
    """Name each article whose outlet is unknown after its file, so it stays an outlet of its own.

    Every comparison groups by outlet; two articles without a known outlet must
    not be merged into one nameless outlet.

    >>> df = pd.DataFrame({"outlet": ["VOI", ""], "file": ["a.txt", "b.txt"]})
    >>> label_unknown_outlets(df)["outlet"].tolist()
    ['VOI', 'unknown outlet (b.txt)']
    """
    unknown = articles["outlet"].fillna("").str.strip() == ""
    labelled = articles.copy()
    labelled.loc[unknown, "outlet"] = "unknown outlet (" + articles.loc[unknown, "file"] + ")"
    return labelled


def outlet_overview(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per article with the metadata a reader checks first.

    >>> df = pd.DataFrame([{"outlet": "VOI", "published": "", "dateline": "JAKARTA", "headline": "H",
    ...                     "word_count": 12, "language": "en", "file": "a.txt", "furniture": "[]"}])
    >>> int(outlet_overview(df).loc[0, "removed lines"])
    0
    """
    removed = articles["furniture"].map(lambda raw: len(json.loads(raw or "[]")))
    return pd.DataFrame({
        "outlet": articles["outlet"],
        "published": articles["published"].replace("", "(no date)"),
        "dateline": articles["dateline"],
        "headline": articles["headline"],
        "words": articles["word_count"],
        "language": articles["language"],
        "file": articles["file"],
        "removed lines": removed,
    })


def furniture_table(articles: pd.DataFrame) -> pd.DataFrame:
    """Every line removed as page furniture, one row each, in page order.

    >>> df = pd.DataFrame([{"outlet": "X", "file": "a.txt", "furniture": '["Subscribe"]'}])
    >>> furniture_table(df)["removed"].tolist()
    ['Subscribe']
    """
    rows = [
        {"outlet": art.outlet, "file": art.file, "removed": line}
        for art in articles.itertuples()
        for line in json.loads(art.furniture or "[]")
    ]
    return pd.DataFrame(rows, columns=["outlet", "file", "removed"])


def read_run_manifest(run_root: str | Path) -> dict:
    """The run's ``manifest.json`` (written by the runner), or ``{}`` outside a runner run."""
    path = Path(run_root) / "manifest.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def provenance_tables(manifest: dict) -> dict[str, pd.DataFrame]:
    """Inputs (with SHA-256), parameters and versions of a run, as three tables.

    >>> tables = provenance_tables({"inputs": [{"file": "a.txt", "bytes": 3, "sha256": "ab"}],
    ...                             "parameters": {"model": ""}, "versions": {"spacy": "3.8"}})
    >>> sorted(tables)
    ['inputs', 'parameters', 'versions']
    """
    return {
        "inputs": pd.DataFrame(manifest.get("inputs", []), columns=["file", "bytes", "sha256"]),
        "parameters": pd.DataFrame(sorted(manifest.get("parameters", {}).items()), columns=["parameter", "value"]),
        "versions": pd.DataFrame(
            sorted({**manifest.get("versions", {}), "spaCy model": manifest.get("model") or "?"}.items()),
            columns=["package", "version"],
        ),
    }


def headlines_question(outlets: list[str]) -> str:
    """The question that opens the findings in teaching mode, phrased for this run's outlets.

    >>> headlines_question(["VOI", "Sputnik", "Reuters"])[:76]
    'Before you open the findings: read the headlines of Reuters, Sputnik and VOI'
    >>> "the headline in the table" in headlines_question(["VOI"])
    True
    """
    names = sorted(set(outlets))
    if len(names) < 2:
        return ("Before you open the findings: read the headline in the table above. What do you expect the "
                "article to stress, and whom do you expect it to quote?")
    return (f"Before you open the findings: read the headlines of {join_names(names)} in the table above. "
            "Which three differences between the outlets' articles do you expect to find?")
