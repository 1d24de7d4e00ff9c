"""PolNeAR's quote scores with two apostrophes ('') counted as a quotation mark, on both sides.

    .venv/bin/python bench/score_quotes_any_marks.py [../shared/eval/polnear-dev]

The New York Times articles of PolNeAR come from an archive that types a double quotation mark
as two apostrophes (''a genius''). ``score_quotes.py`` puts an attribution in its "quoted"
subset only when the content holds one of " “ ” „ « »; since newsprism reads '' as a quotation
mark, its direct quotes of those articles then count as quoted predictions without a quoted gold
attribution to match. This runs the same scorer, unchanged but for that one test: an
attribution is quoted when its content (gold) or the text around it (prediction) also holds ''.
The "all" figures are the scorer's own either way.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

SHARED_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
DOUBLED = "''"


def _shared_scorer():
    """The shared scorer module, loaded from its file (evaluation only: never copied into the project)."""
    spec = importlib.util.spec_from_file_location("score_quotes", SHARED_EVAL / "score_quotes.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    score_quotes = _shared_scorer()

    marks = score_quotes.QUOTE_CHARS
    by_marks = score_quotes.quoted_pred

    def quoted_gold(text, ev):
        return any(ch in text[a:b] for a, b in ev["Content"] for ch in marks) or \
            any(DOUBLED in text[a:b] for a, b in ev["Content"])

    def quoted_pred(text, row, rng):
        start, end = rng[0]
        return by_marks(text, row, rng) or DOUBLED in text[max(0, start - 2):end + 2]

    score_quotes.quoted_gold, score_quotes.quoted_pred = quoted_gold, quoted_pred
    sys.argv = [sys.argv[0], *(sys.argv[1:] or [str(SHARED_EVAL / "polnear-dev")])]
    score_quotes.main()


if __name__ == "__main__":
    main()
