"""Framing markers against BASIL's lexical-bias spans (Fan et al. 2019), on a few triplets.

    .venv/bin/python bench/bias_span_overlap.py [--triplets N] [--examples K] [--half all|first|second]

BASIL (../shared/eval/basil-dev, evaluation only, never copied into the project)
covers each event by Fox News, The New York Times and HuffPost, and marks the
phrases annotators judged lexically biased (``bias: lex``). At run time each
article is written to a temporary folder as a plain-text file (title line, blank
line, body: the layout of bench/triplet_folders.py), read back, and run through
:func:`newsprism.find_markers`; sentence offsets are kept to place BASIL's spans.

Reported per marker type: markers found, how many fall inside (overlap) a
lexical-bias span, and the share of lexical-bias spans that some marker touches.
BASIL annotates bias of any wording, so most of its spans are evaluative words
no list can hold; the figure says how far the markers go, not a precision.

The second table sets each flagged marker type against chance. Span precision is
the share of its markers that overlap a lexical-bias span; span recall the share of
lexical-bias spans that one of its markers overlaps. CHANCE places the same number
of spans, each as many words long as one of the type's markers and in the same
article, at random word positions outside quotation marks, and averages both
figures over ``--draws`` draws with a fixed seed. A marker type is worth more than
its word list only where it beats chance.

``--half first`` / ``--half second`` keep the first or the last half of the picked
triplets, so that a rule tuned while reading one half can be checked on the other.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import tempfile
from collections import Counter
from pathlib import Path

import pandas as pd

from newsprism import find_markers
from newsprism.run.runfolder import PROJECT_ROOT
from newsprism.text.quote_spans import RangeIndex, scan_quotes
from triplet_folders import pick_triplets

BASIL = PROJECT_ROOT.parent / "shared" / "eval" / "basil-dev"


def write_article(record: dict, folder: Path) -> tuple[Path, list[tuple[int, str]]]:
    """Write one BASIL article as a text file; returns the path and each sentence's body offset."""
    sentences, parts, offset = [], [], 0
    for paragraph in record["body-paragraphs"]:
        line = []
        for sentence in paragraph:
            sentences.append((offset, sentence))
            line.append(sentence)
            offset += len(sentence) + 1
        parts.append(" ".join(line))
    body = "\n".join(parts)
    path = folder / f"{record['triplet-uuid'][:8]}_{record['source']}.txt"
    path.write_text(f"{record['title']}\n\n{body}\n", encoding="utf-8")
    return path, sentences


def lexical_spans(annotation: dict, sentences: list[tuple[int, str]], body: str) -> list[tuple[int, int, str]]:
    """Body offsets of the ``bias: lex`` phrases (each found in the sentence that holds it)."""
    spans = []
    for phrase in annotation.get("phrase-level-annotations", []):
        if phrase.get("bias") != "lex":
            continue
        txt, start = phrase["txt"], int(phrase.get("start", -1))
        hit = next((off + start for off, s in sentences if s[start : start + len(txt)] == txt), None)
        if hit is None:
            hit = body.find(txt)
        if hit >= 0:
            spans.append((hit, hit + len(txt), txt))
    return spans


def words_outside_quotes(body: str) -> list[tuple[int, int]]:
    """(start, end) of every whitespace-separated word of ``body`` that stands outside quotation marks."""
    quoted = RangeIndex((q.start, q.end) for q in scan_quotes(body))
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", body) if not quoted.overlaps(m.start(), m.end())]


def chance(markers: pd.DataFrame, articles: dict[str, dict], n_spans: int, draws: int, seed: int) -> tuple[float, float]:
    """Span precision and recall of random word spans shaped like ``markers`` (same article, same word count)."""
    rng = random.Random(seed)
    precisions, recalls = [], []
    for _ in range(draws):
        hits, touched = 0, set()
        for m in markers.itertuples():
            info = articles[m.article]
            words, spans = info["words"], info["spans"]
            length = max(1, len(str(m.text).split()))
            if len(words) < length:
                continue
            i = rng.randrange(len(words) - length + 1)
            start, end = words[i][0], words[i + length - 1][1]
            inside = [k for k, (a, b, _) in enumerate(spans) if a < end and start < b]
            hits += bool(inside)
            touched.update((m.article, k) for k in inside)
        precisions.append(hits / len(markers) if len(markers) else float("nan"))
        recalls.append(len(touched) / n_spans if n_spans else float("nan"))
    return sum(precisions) / draws, sum(recalls) / draws


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--triplets", type=int, default=5)
    parser.add_argument("--examples", type=int, default=4, help="false alarms and misses to print")
    parser.add_argument("--half", choices=("all", "first", "second"), default="all",
                        help="keep the first or the last half of the picked triplets")
    parser.add_argument("--draws", type=int, default=20, help="random draws for the chance figures")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--types", default="", help="comma-separated marker types whose examples to print (default: all)")
    args = parser.parse_args()
    if not BASIL.exists():
        raise SystemExit(f"{BASIL} not found: this measurement needs the shared evaluation data")

    rows, all_spans, articles = [], [], {}
    groups = pick_triplets(BASIL, args.triplets)
    half = (len(groups) + 1) // 2
    groups = {"all": groups, "first": groups[:half], "second": groups[half:]}[args.half]
    with tempfile.TemporaryDirectory(prefix="basil-") as tmp:
        for group in groups:
            for path in group:
                record = json.loads(path.read_text(encoding="utf-8"))
                ann_path = BASIL / "annotations" / path.parent.name / f"{path.stem}_ann.json"
                annotation = json.loads(ann_path.read_text(encoding="utf-8"))
                written, sentences = write_article(record, Path(tmp))
                body = written.read_text(encoding="utf-8").split("\n", 2)[2].rstrip("\n")
                spans = lexical_spans(annotation, sentences, body)
                found = find_markers(body)
                articles[written.stem] = {"words": words_outside_quotes(body), "spans": spans}
                for m in found.to_dict("records"):
                    m["in_span"] = any(a < m["end"] and m["start"] < b for a, b, _ in spans)
                    m["article"] = written.stem
                    m["context"] = body[max(0, m["start"] - 40) : m["end"] + 40].replace("\n", " ")
                    rows.append(m)
                for a, b, txt in spans:
                    touched = sorted({m["type"] for m in found.to_dict("records") if a < m["end"] and m["start"] < b})
                    all_spans.append({"article": written.stem, "text": txt, "touched_by": ",".join(touched)})
    markers = pd.DataFrame(rows)
    spans = pd.DataFrame(all_spans)
    n_articles = markers["article"].nunique() if len(markers) else 0
    print(f"BASIL: {len(groups)} triplets ({args.half} of {args.triplets}), {n_articles} articles, {len(spans)} lexical-bias spans")
    print(f"{'type':<18} {'found':>6} {'in span':>8} {'share':>6}   {'flagged':>7} {'in span':>8} {'share':>6}")
    for type_, group in markers.groupby("type"):
        flagged = group[group["flagged"]]
        share = group["in_span"].mean()
        fshare = flagged["in_span"].mean() if len(flagged) else float("nan")
        print(f"{type_:<18} {len(group):>6} {int(group['in_span'].sum()):>8} {share:>6.2f}   "
              f"{len(flagged):>7} {int(flagged['in_span'].sum()):>8} {fshare:>6.2f}")
    flagged = markers[markers["flagged"]]
    print(f"{'all flagged':<18} {len(flagged):>6} {int(flagged['in_span'].sum()):>8} {flagged['in_span'].mean():>6.2f}")
    touched = spans["touched_by"].ne("")
    print(f"lexical-bias spans touched by any marker: {int(touched.sum())}/{len(spans)} ({touched.mean():.2f})")
    print("touched by type:", dict(Counter(t for ts in spans.loc[touched, "touched_by"] for t in ts.split(","))))
    print(f"\nFlagged markers against chance ({args.draws} draws of random word spans outside quotes, seed {args.seed}):")
    print(f"{'type':<18} {'markers':>7} {'precision':>9} {'chance':>7}   {'spans hit':>9} {'recall':>6} {'chance':>7}")
    for type_, group in flagged.groupby("type"):
        hit = int(spans["touched_by"].map(lambda ts, t=type_: t in ts.split(",")).sum())
        p_chance, r_chance = chance(group, articles, len(spans), args.draws, args.seed)
        print(f"{type_:<18} {len(group):>7} {group['in_span'].mean():>9.3f} {p_chance:>7.3f}   "
              f"{hit:>9} {hit / len(spans):>6.3f} {r_chance:>7.3f}")
    shown = set(args.types.split(",")) if args.types else set(flagged["type"])
    print("\nFalse alarms (flagged markers outside every lexical-bias span):")
    alarms = flagged[~flagged["in_span"] & flagged["type"].isin(shown)]
    for m in alarms.groupby("type").head(args.examples).to_dict("records"):
        print(f"  [{m['type']}/{m['category']}] {m['text']!r}  ...{m['context']}...")
    print("\nMisses (lexical-bias spans no marker touches):")
    for s in spans[~touched].head(args.examples * 2).to_dict("records"):
        print(f"  {s['article']}: {s['text']!r}")
    print("\nHits (flagged markers inside a lexical-bias span):")
    for m in flagged[flagged["in_span"] & flagged["type"].isin(shown)].groupby("type").head(args.examples).to_dict("records"):
        print(f"  [{m['type']}/{m['category']}] {m['text']!r}")


if __name__ == "__main__":
    main()
