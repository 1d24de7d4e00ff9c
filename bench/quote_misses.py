"""List the attributions newsprism misses and the ones it makes up on a PolNeAR-style folder, by class.

    .venv/bin/python bench/quote_misses.py ../shared/eval/polnear-dev [--show 40] [--json OUT]

The folder is read and matched exactly as ``../shared/eval/score_quotes.py`` does
(content Jaccard >= 0.3, one to one): the scorer is loaded from the folder's parent,
so the classes add up to its figures. The data is evaluation material: read the
printed spans to find failure classes, never copy them into the project. Write
``--json`` outside the repository.

Classes printed:

- missed gold attributions by the last two words of their gold cue ("said",
  "according to", "called for"), and whether a row of newsprism has the same cue
  (then the cue was found and the content delimited wrongly) or not (cue not found);
- spurious rows by their cue, split into rows overlapping a missed gold span
  (boundary errors: "short" when inside it, "long" when holding it, else "crossing")
  and rows overlapping no missed gold span ("none": no gold there, or one already matched).
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
from pathlib import Path

from newsprism import extract_quotes


def _scorer(data: Path):
    path = data.parent / "score_quotes.py"
    spec = importlib.util.spec_from_file_location("score_quotes", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def classify(data: Path) -> list[dict]:
    """One dict per missed gold attribution (``t`` = MISS) and per spurious row (``t`` = SPUR)."""
    s = _scorer(data)
    out = []
    for name, text, events in s.load(str(data)):
        preds = []
        for r in s.rows_of(extract_quotes(text)):
            rng = s.span(r, "content_start", "content_end")
            if rng:
                preds.append(dict(_chars=s.chars(text, rng), rng=rng[0], cue=r.get("cue"),
                                  cue_rng=s.span(r, "cue_start", "cue_end")))
        gold = []
        for ev in events:
            ev["_chars"] = s.chars(text, ev["Content"])
            if ev["_chars"]:
                gold.append(ev)
        pairs = s.match(text, gold, preds, 0.3)
        hit_g, hit_p = {g for g, _ in pairs}, {p for _, p in pairs}
        for gi, g in enumerate(gold):
            if gi in hit_g:
                continue
            cue = " ".join(text[a:b] for a, b in g.get("Cue", []))
            same_cue = any(p["cue_rng"] and any(p["cue_rng"][0][0] < b and a < p["cue_rng"][0][1]
                                                for a, b in g.get("Cue", [])) for p in preds)
            out.append(dict(t="MISS", article=name, cue=cue, cue_found=same_cue,
                            content=" | ".join(text[a:b] for a, b in g["Content"])[:200]))
        missed = [g for gi, g in enumerate(gold) if gi not in hit_g]
        for pi, p in enumerate(preds):
            if pi in hit_p:
                continue
            over = [g for g in missed if g["_chars"] & p["_chars"]]
            kind = "none"
            if over:
                g = max(over, key=lambda g: len(g["_chars"] & p["_chars"]))
                span = s.chars(text, [(min(a for a, _ in g["Content"]), max(b for _, b in g["Content"]))])
                kind = "short" if p["_chars"] <= span else "long" if g["_chars"] <= p["_chars"] else "crossing"
            a, b = p["rng"]
            out.append(dict(t="SPUR", article=name, cue=p["cue"], overlap=kind, content=text[a:b][:200]))
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", type=Path, help="folder with text/ and attributions/ (next to score_quotes.py)")
    ap.add_argument("--show", type=int, default=30, help="how many classes of each list to print")
    ap.add_argument("--json", type=Path, help="write every row here (outside the repository)")
    args = ap.parse_args(argv)
    rows = classify(args.data)
    misses = [r for r in rows if r["t"] == "MISS"]
    spurious = [r for r in rows if r["t"] == "SPUR"]
    found = collections.Counter(r["cue_found"] for r in misses)
    print(f"missed {len(misses)}: cue found, content wrong {found[True]}; cue not found {found[False]}")
    by_cue = collections.Counter(" ".join(r["cue"].lower().split()[-2:]) for r in misses)
    print("  by gold cue:", by_cue.most_common(args.show))
    print(f"spurious {len(spurious)}:", dict(collections.Counter(r["overlap"] for r in spurious)))
    print("  by cue:", collections.Counter((r["cue"] or "").lower() for r in spurious).most_common(args.show))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=0), encoding="utf-8")


if __name__ == "__main__":
    main()
