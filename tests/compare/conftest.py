"""The seeds' tables built once, through the library, for the tests that check findings on real text."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="session")
def seeds_tables() -> dict[str, pd.DataFrame]:
    """The whole chain on seeds/ as the notebooks run it: ingest, entities, quotes, markers, alignment."""
    import newsprism.entities.extract as entities_mod
    import newsprism.entities.naming as naming_mod
    import newsprism.framing.markers as markers_mod
    import newsprism.ingest.folder as ingest
    import newsprism.quotes.extract as quotes_mod
    from newsprism.compare.align import align_sentences, exclusive_facts
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
            "alignment": alignment, "exclusive_facts": exclusive_facts(alignment, articles)}
