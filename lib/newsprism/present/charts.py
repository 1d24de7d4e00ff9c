"""The report's charts and their conventions: colour-blind-safe colours, one per outlet, and two layouts.

Each chart is drawn twice: wide, for a screen and for paper, and narrow (panels stacked, labels
wrapped), for a phone. :func:`chart_html` puts both in the page; the report's stylesheet shows the
narrow one on screens under 600 pixels. The wide drawing of a two-outlet chart is 11 to 13 inches,
which a phone would show about 360 pixels wide, shrinking 10-point labels to 4 pixels.
"""

from __future__ import annotations

import base64
import html
import io
import textwrap
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.ticker import MaxNLocator

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency.
OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"]


def outlet_palette(outlets) -> dict[str, str]:
    """A fixed colour per outlet (sorted by name, so every chart of a run agrees).

    >>> outlet_palette(["VOI (Jakarta)", "Sputnik International"])
    {'Sputnik International': '#E69F00', 'VOI (Jakarta)': '#56B4E9'}
    """
    names = sorted({str(o) for o in outlets})
    return {name: OKABE_ITO[i % len(OKABE_ITO)] for i, name in enumerate(names)}


# Charts are drawn at 110 dpi. A narrow chart, 5 inches (550 pixels), shrinks about 1.5 times on a
# phone, so its 10-point labels (15 pixels) stay about 10 pixels tall.
DPI = 110
NARROW_WIDTH = 5.0


def _short(text: str, length: int) -> str:
    text = str(text)
    return text if len(text) <= length else text[: length - 1] + "…"


def png_bytes(fig) -> bytes:
    """The figure as PNG, cropped to what is drawn, as Jupyter shows it."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight")
    return buffer.getvalue()


def png_data_uri(fig, png: bytes | None = None) -> str:
    """The figure as a PNG ``data:`` URI (:func:`png_bytes`; ``png``: those bytes, drawn already)."""
    return "data:image/png;base64," + base64.b64encode(png_bytes(fig) if png is None else png).decode("ascii")


def chart_html(wide, narrow, alt: str, save_to: Path | None = None) -> str:
    """Both drawings of one chart as images: the wide one for screens and paper, the narrow one for phones.

    The narrow image is hidden unless a stylesheet shows it (the report's does, under 600 pixels), so
    a notebook shows the chart once. Both figures are closed. ``save_to``: a PNG file that gets the wide
    image too (the same bytes: a chart of 13 outlets takes 0.6 s to draw once more).

    >>> fig = lambda: plt.subplots(figsize=(2, 1))[0]
    >>> page = chart_html(fig(), fig(), "A <chart>")
    >>> page.count("<img"), 'alt="A &lt;chart&gt;"' in page, 'class="chart chart-narrow" style="display:none"' in page
    (2, True, True)
    """
    wide_png = png_bytes(wide)
    if save_to is not None:
        Path(save_to).write_bytes(wide_png)
    wide_uri, narrow_uri = png_data_uri(wide, wide_png), png_data_uri(narrow)
    for fig in (wide, narrow):
        plt.close(fig)
    alt = html.escape(alt, quote=True)
    return (f'<img class="chart chart-wide" alt="{alt}" src="{wide_uri}">'
            f'<img class="chart chart-narrow" style="display:none" alt="{alt}" src="{narrow_uri}">')


def article_length_chart(articles: pd.DataFrame, narrow: bool = False):
    """Horizontal bars: words in each article's body, coloured by outlet.

    >>> fig = article_length_chart(pd.DataFrame({"outlet": ["A"], "headline": ["H"], "word_count": [10]}))
    >>> fig.axes[0].get_xlabel()
    'words in the article body'
    """
    outlets = articles["outlet"]
    colours = outlet_palette(outlets)
    if narrow:  # the outlet on one line, the start of the headline under it
        labels = [f"{o}\n{_short(h, 38)}" for o, h in zip(outlets, articles["headline"])]
        fig, ax = plt.subplots(figsize=(NARROW_WIDTH, 0.8 + 0.6 * len(articles)))
    else:
        labels = [f"{o}: {_short(h, 51)}" for o, h in zip(outlets, articles["headline"])]
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


def length_bars_html(articles: pd.DataFrame) -> str:
    """Words in each article's body as a table with a bar per article, coloured by outlet: a story page's length chart.

    The browser draws these bars: a corpus run writes hundreds of story pages, and two matplotlib
    drawings per page took 0.2 s (26 s of a 1,000-article run with 129 stories). The numbers stay
    text, for a screen reader and a search, and the table reflows on a phone.

    >>> arts = pd.DataFrame({"outlet": ["A", "B"], "headline": ["Talks", "<b>"], "word_count": [10, 5]})
    >>> page = length_bars_html(arts)
    >>> page.count('class="length-bar"'), "width:50.0%" in page, "&lt;b&gt;" in page, ">10<" in page
    (2, True, True, True)
    """
    most = max(int(articles["word_count"].max()), 1) if len(articles) else 1
    colours = outlet_palette(articles["outlet"])
    rows = "".join(
        f'<tr><th scope="row">{html.escape(f"{outlet}: {_short(headline, 60)}")}</th>'
        f'<td class="words">{int(words):,}</td><td class="bar"><span class="length-bar" '
        f'style="width:{100 * int(words) / most:.1f}%;background:{colours[str(outlet)]}"></span></td></tr>'
        for outlet, headline, words in zip(articles["outlet"], articles["headline"], articles["word_count"]))
    return ('<table class="length-bars"><caption>How long is each article? Words in its body, one bar per '
            f'article, coloured by outlet.</caption><thead><tr><th>article</th><th>words</th><th></th></tr></thead>'
            f"<tbody>{rows}</tbody></table>")


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


def _ranked_panels(outlets: list, top_n: int, narrow: bool, wide_width: float, margin: float):
    """One panel per outlet for ``top_n`` horizontal bars: side by side when wide, one above the other when narrow."""
    if narrow:
        return outlet_panels(len(outlets), NARROW_WIDTH, 0.3 * top_n + margin - 0.2, columns=1)
    return outlet_panels(len(outlets), wide_width, 0.45 * top_n + margin)


def _label_panel(ax, outlet: str, xlabel: str, ylabel: str) -> None:
    ax.set_title(outlet)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # the bars count things


def _title_and_fit(fig, title: str, narrow: bool, bottom: float = 0.0) -> None:
    """The chart's title (wrapped when narrow) and the panels fitted below it, ``bottom`` inches left free."""
    fig.suptitle(textwrap.fill(title, 44) if narrow else title)
    height = fig.get_size_inches()[1]
    fig.tight_layout(rect=(0, bottom / height, 1, 1 - (0.65 if narrow else 0.5) / height))


def salience_chart(per_outlet: pd.DataFrame, top_n: int, narrow: bool = False):
    """One panel per outlet: its ``top_n`` most mentioned actors, those named in the headline in orange.

    ``per_outlet`` has the columns ``outlet``, ``actor``, ``mentions`` and ``in_headline``.

    >>> table = pd.DataFrame({"outlet": ["A", "B"], "actor": ["Kyiv", "Kiev"], "mentions": [3, 2],
    ...                       "in_headline": [True, False]})
    >>> [ax.get_title() for ax in salience_chart(table, 5, narrow=True).axes]
    ['A', 'B']
    """
    outlets = sorted(per_outlet.outlet.unique())
    fig, axes = _ranked_panels(outlets, top_n, narrow, 5.5, 1.5)
    for ax, outlet in zip(axes, outlets):
        top = per_outlet[per_outlet.outlet == outlet].nlargest(top_n, "mentions").iloc[::-1]
        colours = [OKABE_ITO[0] if h else OKABE_ITO[4] for h in top.in_headline]
        ax.barh([_short(a, 30) for a in top.actor], top.mentions, color=colours)
        _label_panel(ax, outlet, "mentions (pronouns included)", "actor")
    _title_and_fit(fig, "Who each outlet talks about (orange: named in the headline)", narrow)
    return fig


def voices_chart(voices: pd.DataFrame, top_n: int, narrow: bool = False):
    """One panel per outlet: its ``top_n`` speakers, each bar split into direct, mixed and indirect attributions.

    ``voices`` is :func:`newsprism.quotes.voices.voices_table`'s table.

    >>> table = pd.DataFrame({"outlet": ["A"], "speaker": ["Blinken"], "quotes": [3], "direct": [1],
    ...                       "mixed": [1], "indirect": [1]})
    >>> voices_chart(table, 5).axes[0].get_xlabel()
    'attributions'
    """
    outlets = sorted(voices.outlet.unique())
    kinds = [("direct", OKABE_ITO[4]), ("mixed", OKABE_ITO[0]), ("indirect", OKABE_ITO[1])]
    fig, axes = _ranked_panels(outlets, top_n, narrow, 6, 1.8)
    for ax, outlet in zip(axes, outlets):
        top = voices[voices.outlet == outlet].nlargest(top_n, "quotes").iloc[::-1]
        names = [_short(s, 30) for s in top.speaker]  # long descriptions crowd the chart
        left = pd.Series(0, index=top.index)
        for kind, colour in kinds:
            ax.barh(names, top[kind], left=left, color=colour, label=kind)
            left = left + top[kind]
        _label_panel(ax, outlet, "attributions", "speaker")
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, title="kind", loc="lower center", ncol=3)
    _title_and_fit(fig, "Who gets a voice in each outlet, and in whose words", narrow, bottom=0.6)  # room for the legend
    return fig


def marker_rates_chart(body_rates: pd.DataFrame, headline_counts: pd.DataFrame, labels: dict[str, str],
                       narrow: bool = False):
    """Flagged markers per outlet: per 1,000 words of body text, and counted in the headline.

    Both tables have one row per marker type and one column per outlet; ``labels`` names each type,
    in the order the chart lists them. Wide, the two panels sit side by side; narrow, one above the other.

    >>> rates = pd.DataFrame({"A": [2.0], "B": [0.0]}, index=["hedge"])
    >>> fig = marker_rates_chart(rates, rates, {"hedge": "Hedge"}, narrow=True)
    >>> [ax.get_title() for ax in fig.axes[:2]]
    ['In the article body', 'In the headline']
    """
    outlets = sorted(body_rates.columns)
    colours = outlet_palette(outlets)
    types = [t for t in labels if t in body_rates.index]
    if narrow:
        fig, (ax_body, ax_head) = plt.subplots(2, 1, figsize=(NARROW_WIDTH, 2 * (0.35 * len(types) + 1.3)))
    else:
        fig, (ax_body, ax_head) = plt.subplots(1, 2, figsize=(11, 0.55 * len(types) + 1.8), sharey=True)
    height = 0.8 / max(len(outlets), 1)
    for k, outlet in enumerate(outlets):
        ys = [i + k * height for i in range(len(types))]
        ax_body.barh(ys, body_rates.loc[types, outlet], height=height, color=colours[outlet], label=outlet)
        ax_head.barh(ys, headline_counts.loc[types, outlet], height=height, color=colours[outlet], label=outlet)
    ticks = [i + 0.4 - height / 2 for i in range(len(types))]
    for ax in (ax_body, ax_head) if narrow else (ax_body,):
        ax.set_yticks(ticks, [labels[t] for t in types])
        ax.set_ylabel("marker type")
        ax.invert_yaxis()
    ax_body.set_xlabel("flagged markers per 1,000 words of body text")
    ax_body.set_title("In the article body")
    ax_head.xaxis.set_major_locator(MaxNLocator(integer=True))  # a headline holds whole markers
    ax_head.set_xlabel("flagged markers in the headline")
    ax_head.set_title("In the headline")
    ax_head.legend(title="outlet", loc="lower right")
    fig.suptitle("Framing markers per outlet")
    fig.tight_layout()
    return fig
