"""The whole analysis of a folder against bare ``nlp.pipe`` on the same texts (issue 11: within 1.20).

    .venv/bin/python bench/bench_analysis.py [INPUT_DIR ...] [--repeat N]

Each INPUT_DIR (default: seeds/) is one run's worth of articles. The baseline is spaCy's
``nlp.pipe`` over every body; the analysis is what the notebooks compute from the same
bodies, called as library functions in this process (no kernels, no charts, no report): ingest
with the language screening, parse, entities, actors, naming, quotes, voices, quote pairs,
markers, marker rates, sentence alignment, exclusive names and figures, findings with their
verification. Machines here are small and noisy, so the figure is the ratio
analysis / baseline, each the best of N runs; run it with nothing else busy. Before each timed
run the caches that hold the run's own texts are emptied (:func:`forget_texts`): a notebook sees
each text once, so a repeat must not find its sentences, names and bodies already worked out.
"""

from __future__ import annotations

import argparse
import functools
import sys

import pandas as pd

from newsprism.compare.align import align_sentences
from newsprism.compare.findings import DROPPED_COLUMNS, generate_findings
from newsprism.compare.mentions import exclusive_mentions
from newsprism.entities.extract import actors_table, canonicalise_across, entities_from_doc, naming_table
from newsprism.framing.markers import marker_rates, markers_table
from newsprism.ingest.folder import ingest_folder, set_aside_non_english
from newsprism.present.overview import label_unknown_outlets
from newsprism.quotes.extract import quotes_table
from newsprism.quotes.pairs import align_quotes
from newsprism.quotes.voices import voices_table
from newsprism.run.runfolder import PROJECT_ROOT
from newsprism.text.nlp import load_pipeline
from timing import best_of


def analyse_tables(folder: str, nlp) -> dict[str, pd.DataFrame]:
    """Every table the notebooks write for a folder, parse included, computed as they compute them."""
    ingested = ingest_folder(folder)  # 01-ingest
    articles, rejected = set_aside_non_english(ingested.articles, ingested.rejected)
    articles = label_unknown_outlets(articles)
    docs = list(nlp.pipe(articles["body"]))
    frames = []  # 02-entities
    for article_id, doc in zip(articles.article_id, docs):
        ents = entities_from_doc(doc)
        ents.insert(0, "article_id", article_id)
        frames.append(ents)
    entities = canonicalise_across(pd.concat(frames, ignore_index=True))
    tables = {"articles": articles, "rejected": rejected, "entities": entities,
              "actors": actors_table(entities, articles), "naming": naming_table(entities, articles)}
    tables["quotes"] = quotes = quotes_table(articles, docs, entities)  # 03-quotes
    tables["voices"] = voices_table(quotes, articles)
    tables["quote_pairs"] = align_quotes(quotes, articles)
    tables["markers"] = markers = markers_table(articles, docs, quotes, entities)  # 04-framing
    tables["marker_rates"] = marker_rates(markers, articles)
    tables["alignment"] = align_sentences(articles, docs)  # 05-summary
    tables["exclusive_mentions"] = exclusive_mentions(tables["alignment"], articles)
    dropped = []
    tables["findings"] = generate_findings(tables, dropped=dropped)
    tables["dropped_findings"] = pd.DataFrame(dropped, columns=DROPPED_COLUMNS)
    return tables


def analyse(folder: str, nlp) -> pd.DataFrame:
    """Every table of a run from a folder, parse included; returns the findings."""
    return analyse_tables(folder, nlp)["findings"]


# A cache this large holds texts of the run (bodies, sentences, names); the word lists and the model
# are cached in ones of a few entries and stay loaded, as in a notebook kernel that reads many articles.
TEXT_CACHE_SIZE = 256


def forget_texts() -> int:
    """Empty every newsprism cache of ``TEXT_CACHE_SIZE`` entries or more; returns how many were emptied."""
    emptied = 0
    for name, module in list(sys.modules.items()):
        if not name.startswith("newsprism"):
            continue
        for value in list(vars(module).values()):
            maxsize = getattr(value, "cache_parameters", lambda: {})().get("maxsize") if callable(value) else None
            if isinstance(maxsize, int) and maxsize >= TEXT_CACHE_SIZE and value.__module__ == name:
                value.cache_clear()
                emptied += 1
    return emptied


def analyse_all(folders: list[str], nlp) -> list[pd.DataFrame]:
    """The findings of every folder, from caches that hold none of their texts."""
    forget_texts()
    return [analyse(d, nlp) for d in folders]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("input_dirs", nargs="*", default=[str(PROJECT_ROOT / "seeds")])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    nlp = load_pipeline()
    bodies = [list(ingest_folder(d).articles["body"]) for d in args.input_dirs]
    analyse(args.input_dirs[0], nlp)  # warm the lazily loaded word lists once
    baseline = best_of(args.repeat, lambda: [list(nlp.pipe(b)) for b in bodies])
    whole = best_of(args.repeat, functools.partial(analyse_all, args.input_dirs, nlp))
    words = sum(len(t.split()) for b in bodies for t in b)
    print(f"{len(args.input_dirs)} folders, {sum(map(len, bodies))} articles, {words} words")
    print(f"nlp.pipe alone      {baseline:7.2f} s  (baseline)")
    print(f"whole analysis      {whole:7.2f} s  ratio {whole / baseline:.2f}")


if __name__ == "__main__":
    main()
