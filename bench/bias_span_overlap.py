"""Framing markers against BASIL's lexical-bias spans (Fan et al. 2019), on a few triplets.

    .venv/bin/python bench/bias_span_overlap.py [--triplets N] [--examples K]

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
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter
from pathlib import Path

import pandas as pd

from newsprism import find_markers
from newsprism.run.runfolder import PROJECT_ROOT
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--triplets", type=int, default=5)
    parser.add_argument("--examples", type=int, default=4, help="false alarms and misses to print")
    args = parser.parse_args()
    if not BASIL.exists():
        raise SystemExit(f"{BASIL} not found: this measurement needs the shared evaluation data")

    rows, all_spans = [], []
    with tempfile.TemporaryDirectory(prefix="basil-") as tmp:
        for group in pick_triplets(BASIL, args.triplets):
            for path in group:
                record = json.loads(path.read_text(encoding="utf-8"))
                ann_path = BASIL / "annotations" / path.parent.name / f"{path.stem}_ann.json"
                annotation = json.loads(ann_path.read_text(encoding="utf-8"))
                written, sentences = write_article(record, Path(tmp))
                body = written.read_text(encoding="utf-8").split("\n", 2)[2].rstrip("\n")
                spans = lexical_spans(annotation, sentences, body)
                found = find_markers(body)
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
    print(f"BASIL: {args.triplets} triplets, {n_articles} articles, {len(spans)} lexical-bias spans")
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
    print("\nFalse alarms (flagged markers outside every lexical-bias span):")
    for m in flagged[~flagged["in_span"]].groupby("type").head(2).head(args.examples * 2).to_dict("records"):
        print(f"  [{m['type']}/{m['category']}] {m['text']!r}  ...{m['context']}...")
    print("\nMisses (lexical-bias spans no marker touches):")
    for s in spans[~touched].head(args.examples * 2).to_dict("records"):
        print(f"  {s['article']}: {s['text']!r}")


if __name__ == "__main__":
    main()
