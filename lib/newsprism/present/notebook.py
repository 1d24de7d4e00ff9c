"""One call at the top of every notebook so tables and charts look the same everywhere."""

from __future__ import annotations

import matplotlib as mpl
import pandas as pd

from newsprism.present.charts import OKABE_ITO


def setup() -> None:
    """Show whole cell texts in tables and draw charts in colour-blind-safe colours.

    >>> setup(); pd.get_option("display.max_colwidth") is None
    True
    """
    # Truncated quotes ("The risk of Russian mil...") hide exactly the wording a reader compares.
    pd.set_option("display.max_colwidth", None)
    pd.set_option("display.max_rows", 200)
    # "$5 billion and $10 billion" is money, not mathematics: no MathJax in tables, no mathtext in charts.
    pd.set_option("display.html.use_mathjax", False)
    mpl.rcParams["text.parse_math"] = False
    mpl.rcParams["axes.prop_cycle"] = mpl.cycler(color=OKABE_ITO)
    mpl.rcParams["figure.dpi"] = 110
    mpl.rcParams["axes.spines.top"] = False
    mpl.rcParams["axes.spines.right"] = False
