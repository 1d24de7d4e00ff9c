"""Chart conventions shared by the notebooks: colour-blind-safe colours, one per outlet."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency.
OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"]


def outlet_palette(outlets) -> dict[str, str]:
    """A fixed colour per outlet (sorted by name, so every chart of a run agrees).

    >>> outlet_palette(["VOI (Jakarta)", "Sputnik International"])
    {'Sputnik International': '#E69F00', 'VOI (Jakarta)': '#56B4E9'}
    """
    names = sorted({str(o) for o in outlets})
    return {name: OKABE_ITO[i % len(OKABE_ITO)] for i, name in enumerate(names)}


def article_length_chart(articles: pd.DataFrame):
    """Horizontal bars: words in each article's body, coloured by outlet.

    >>> fig = article_length_chart(pd.DataFrame({"outlet": ["A"], "headline": ["H"], "word_count": [10]}))
    >>> fig.axes[0].get_xlabel()
    'words in the article body'
    """
    outlets = articles["outlet"]
    colours = outlet_palette(outlets)
    labels = [f"{o}: {h[:50]}{'…' if len(h) > 50 else ''}" for o, h in zip(outlets, articles["headline"])]
    fig, ax = plt.subplots(figsize=(8, 0.6 + 0.45 * len(articles)))
    # Numeric positions: two articles with the same label must still get a bar each.
    positions = range(len(articles))
    ax.barh(positions, articles["word_count"], color=[colours[o] for o in outlets])
    ax.set_yticks(positions, labels)
    ax.invert_yaxis()
    ax.set_xlabel("words in the article body")
    ax.set_title("How long is each article?")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    return fig


def outlet_panels(count: int, panel_width: float, panel_height: float, columns: int = 3):
    """A figure with one panel per outlet, at most ``columns`` side by side.

    Two or three outlets sit in one row; ten wrap into rows of three, so each
    panel keeps a readable size instead of shrinking to a sliver.

    >>> fig, axes = outlet_panels(7, 5, 3)
    >>> len(axes), fig.get_size_inches().tolist()
    (7, [15.0, 9.0])
    """
    count = max(count, 1)
    cols = min(columns, count)
    rows = -(-count // cols)
    fig, grid = plt.subplots(rows, cols, figsize=(panel_width * cols, panel_height * rows), squeeze=False)
    axes = list(grid.flat)
    for spare in axes[count:]:
        spare.set_visible(False)
    return fig, axes[:count]
