"""Shared test set-up: writable config folders, one suite run on the seeds per session, and the seeds' tables."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd
import pytest

# Jupyter, IPython and matplotlib write config/caches; point them somewhere writable
# (CI may run with a read-only or foreign HOME). Kernels started by papermill and
# nbval inherit these variables.
_CONFIG_ROOT = Path(tempfile.mkdtemp(prefix="newsprism-test-config-"))
for variable, sub in (("JUPYTER_CONFIG_DIR", "jupyter"), ("IPYTHONDIR", "ipython"),
                      ("MPLCONFIGDIR", "matplotlib"), ("JUPYTER_RUNTIME_DIR", "runtime")):
    os.environ.setdefault(variable, str(_CONFIG_ROOT / sub))

# Notebooks run by nbval with an empty run_dir write under $NEWSPRISM_OUTPUTS, never into the
# project; settings meant for a user's JupyterLab must not reach the tests.
os.environ["NEWSPRISM_OUTPUTS"] = str(_CONFIG_ROOT / "outputs")
for variable in ("NEWSPRISM_INPUT", "NEWSPRISM_TEACHING"):
    os.environ.pop(variable, None)

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SEEDS = PROJECT_ROOT / "seeds"
SPUTNIK = "000_70f9a31eafa2dbbe.txt"
VOI = "001_7e561b3991aa2c65.txt"


@pytest.fixture(scope="session")
def seeds_run(tmp_path_factory):
    """The whole suite run once on seeds/ into a temporary run folder."""
    from newsprism.run.runner import run_suite

    out = tmp_path_factory.mktemp("runs") / "seeds"
    return run_suite(SEEDS, out)


@pytest.fixture(scope="session")
def teaching_run(tmp_path_factory):
    """The whole suite run once on seeds/ in teaching mode."""
    from newsprism.run.runner import run_suite

    return run_suite(SEEDS, tmp_path_factory.mktemp("runs") / "lesson", overrides={"teaching": True})


# Article text that would run code if any part of the report failed to escape it.
SCRIPT_PAYLOAD = "<script>document.body.setAttribute('data-pwned', 'script')</script>"
IMG_PAYLOAD = "<img src=x onerror=\"document.body.setAttribute('data-pwned', 'img')\">"


@pytest.fixture(scope="session")
def hostile_run(tmp_path_factory):
    """The suite run on the Sputnik seed and a VOI copy whose headline and body carry script payloads."""
    from newsprism.run.runner import run_suite

    folder = tmp_path_factory.mktemp("hostile")
    (folder / SPUTNIK).write_bytes((SEEDS / SPUTNIK).read_bytes())
    text = (SEEDS / VOI).read_text(encoding="utf-8")
    text = text.replace("Ukraine's Border Crisis", f"Ukraine's Border {SCRIPT_PAYLOAD} Crisis", 1)
    text = text.replace("A flurry of meetings", f"A flurry {IMG_PAYLOAD} of meetings", 1)
    (folder / "hostile.txt").write_text(text, encoding="utf-8")
    return run_suite(folder, tmp_path_factory.mktemp("runs") / "hostile")


@pytest.fixture(scope="session")
def seeds_tables() -> dict[str, pd.DataFrame]:
    """The whole chain on seeds/ as the notebooks run it: ingest, entities, quotes, markers, alignment."""
    import newsprism.entities.extract as entities_mod
    import newsprism.entities.naming as naming_mod
    import newsprism.framing.markers as markers_mod
    import newsprism.ingest.folder as ingest
    import newsprism.quotes.extract as quotes_mod
    from newsprism.compare.align import align_sentences
    from newsprism.compare.mentions import exclusive_mentions
    from newsprism.text.nlp import parse

    articles = ingest.ingest_folder(SEEDS).articles
    docs = [parse(body) for body in articles.body]
    entities = pd.concat([entities_mod.entities_from_doc(doc).assign(article_id=aid)
                          for doc, aid in zip(docs, articles.article_id)], ignore_index=True)
    quotes = pd.concat([quotes_mod.quotes_from_doc(doc, entities[entities.article_id == aid].drop(columns="article_id"))
                        .assign(article_id=aid) for doc, aid in zip(docs, articles.article_id)], ignore_index=True)
    alignment = align_sentences(articles, docs)
    return {"articles": articles, "entities": entities, "quotes": quotes,
            "naming": naming_mod.naming_table(entities, articles),
            "markers": markers_mod.markers_table(articles, docs, quotes, entities),
            "alignment": alignment, "exclusive_mentions": exclusive_mentions(alignment, articles)}
