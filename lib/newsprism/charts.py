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
    outlets = articles["outlet"].replace("", "(unknown outlet)")
    colours = outlet_palette(outlets)
    labels = [f"{o}: {h[:50]}{'…' if len(h) > 50 else ''}" for o, h in zip(outlets, articles["headline"])]
    fig, ax = plt.subplots(figsize=(8, 0.6 + 0.45 * len(articles)))
    ax.barh(labels, articles["word_count"], color=[colours[o] for o in outlets])
    ax.invert_yaxis()
    ax.set_xlabel("words in the article body")
    ax.set_title("How long is each article?")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    return fig
