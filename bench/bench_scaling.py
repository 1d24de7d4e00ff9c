"""Does each stage stay linear? Time it on inputs of n, 2n, 4n and 8n and print time(kn) / time(n).

Usage (from the project root)::

    .venv/bin/python bench/bench_scaling.py              # n = 2 copies of the seed bodies
    .venv/bin/python bench/bench_scaling.py --base 4 --repeat 5

The input of size k·n is the seeds' bodies written out k·n times as one article,
with an unclosed quotation mark opening every third paragraph and a stray one in
the middle of every fifth (the messy text that once made quote scanning grow as
n^2.7). The page for ``clean_page`` is the same text with page furniture (menus,
captions, repeated lines) between its paragraphs; the Markdown for
``markdown_to_text`` is the same text with headings, links and emphasis.

All timings are taken in this one process, each the best of ``--repeat`` runs
(:func:`timing.best_of`); the parse is done before timing, as in a run whose parse
is cached. A linear stage shows ratios near 2, 4 and 8; a quadratic one near 4,
16 and 64.
"""

from __future__ import annotations

import argparse

from newsprism.entities.extract import entities_from_doc
from newsprism.ingest.furniture import clean_page
from newsprism.ingest.folder import markdown_to_text
from newsprism.framing.markers import markers_from_doc
from newsprism.text.nlp import load_pipeline
from newsprism.text.quote_spans import scan_quotes
from newsprism.quotes.extract import quotes_from_doc
from newsprism.framing.scare_quotes import quoted_fragments
from timing import best_of, seed_bodies

FACTORS = (1, 2, 4, 8)
FURNITURE = ("Subscribe", "Share this article", "Photo: Reuters", "SEE ALSO:", "Newsfeed")


def paragraphs(copies: int) -> list[str]:
    """The seed bodies' paragraphs, ``copies`` times, with unbalanced quotation marks added."""
    paras = [p for body in seed_bodies(copies) for p in body.split("\n") if p.strip()]
    out = []
    for i, para in enumerate(paras):
        if i % 3 == 0:
            para = '"' + para  # a quotation opened and never closed
        if i % 5 == 0:
            middle = len(para) // 2
            para = para[:middle] + ' "' + para[middle:]  # a stray mark mid-sentence
        out.append(para)
    return out


def page(paras: list[str]) -> str:
    """A copied web page: the paragraphs with furniture lines and repeats between them."""
    lines = ["Subscribe", "Talks End Without Deal"]
    for i, para in enumerate(paras):
        lines.append(para)
        lines.append(FURNITURE[i % len(FURNITURE)])
        if i % 7 == 0:
            lines.append(paras[i // 2])  # a repeated paragraph
    return "\n".join(lines)


def markdown(paras: list[str]) -> str:
    """The paragraphs as a Markdown article, with headings, links and emphasis."""
    blocks = ["# Talks End Without Deal"]
    for i, para in enumerate(paras):
        if i % 10 == 0:
            blocks.append(f"## Part {i // 10}")
        blocks.append(f"{para} See [the **report**](https://example.org/{i}).")
    return "\n\n".join(blocks)


def stage_inputs(base: int) -> dict[int, dict]:
    """For each factor k: the text, its parse, entities and quotes, the page and the Markdown."""
    nlp = load_pipeline()
    inputs = {}
    for k in FACTORS:
        paras = paragraphs(base * k)
        text = "\n".join(paras)
        doc = nlp(text)
        entities = entities_from_doc(doc)
        inputs[k] = {"text": text, "doc": doc, "entities": entities, "quotes": quotes_from_doc(doc, entities),
                     "page": page(paras), "markdown": markdown(paras)}
    return inputs


STAGES = {
    "scan_quotes": lambda x: scan_quotes(x["text"]),
    "quoted_fragments": lambda x: quoted_fragments(x["text"]),
    "quotes_from_doc": lambda x: quotes_from_doc(x["doc"], x["entities"]),
    "markers_from_doc": lambda x: markers_from_doc(x["doc"], x["quotes"], x["entities"]),
    "clean_page": lambda x: clean_page(x["page"]),
    "markdown_to_text": lambda x: markdown_to_text(x["markdown"]),
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base", type=int, default=2, help="copies of the seed bodies in the smallest input (n)")
    ap.add_argument("--repeat", type=int, default=3, help="timings per stage and size; the best is kept")
    args = ap.parse_args()
    inputs = stage_inputs(args.base)
    sizes = ", ".join(f"{k}n = {len(inputs[k]['text']):,} chars / {len(inputs[k]['doc']):,} tokens" for k in FACTORS)
    print(f"sizes: {sizes}")
    print(f"{'stage':<18}" + "".join(f"{f'{k}n (s)':>11}" for k in FACTORS) + "   ratios time(kn)/time(n) for k = 2, 4, 8")
    for name, stage in STAGES.items():
        stage(inputs[FACTORS[0]])  # warm-up: lexicons and patterns load on first use
        times = {k: best_of(args.repeat, lambda: stage(inputs[k])) for k in FACTORS}
        ratios = "  ".join(f"{times[k] / times[1]:5.2f}" for k in FACTORS[1:])
        print(f"{name:<18}" + "".join(f"{times[k]:11.4f}" for k in FACTORS) + f"   {ratios}")
    print("linear: ratios near 2, 4, 8; quadratic: near 4, 16, 64")


if __name__ == "__main__":
    main()
