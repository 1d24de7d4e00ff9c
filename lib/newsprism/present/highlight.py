"""Articles as HTML with every framing marker highlighted where it stands.

Each marker type has a colour from the Okabe-Ito palette (readable with the common
forms of colour blindness) and a distinct underline style, so that types can be told
apart without colour too. Why each word is marked is written out under its article
(:func:`notes_html`), so it reads on paper and on a touch screen; pointing at a marker
with a mouse shows the same (``title`` attribute). Every piece of article text goes
through :func:`html.escape`, so an article containing ``<script>`` shows the tag as
text and runs nothing.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from newsprism.text.rows import records

# type -> (label for the legend, colour, underline style, what to look for)
TYPE_STYLES: dict[str, tuple[str, str, str, str]] = {
    "attribution_verb": ("Reporting verb", "#E69F00", "solid", "how the writer introduces what someone said"),
    "scare_quote": ("Scare quote", "#56B4E9", "dashed", "words put in quotation marks to keep a distance"),
    "partial_quote": ("Partial quote", "#56B4E9", "dotted", "a few of a speaker's own words quoted inside the writer's summary"),
    "hedge": ("Hedge", "#009E73", "dotted", "words that cast doubt or withhold commitment"),
    "loaded_label": ("Loaded label", "#D55E00", "double", "evaluative or contested names for people, groups, places, events"),
    "evaluative": ("Evaluative word", "#D55E00", "dashed", "the writer's own judging verbs, adjectives and adverbs"),
    "naming_variant": ("Naming variant", "#0072B2", "solid", "a name that outlets spell or choose differently"),
    "source_credit": ("Source credit", "#CC79A7", "dashed", "agencies and outlets credited or cited"),
    "anonymous_source": ("Anonymous source", "#F0E442", "dotted", "people relied on without being named"),
}
OTHER_STYLE = ("Other marker", "#999999", "solid", "a marker from your own list")
# True on paper and on a touch screen as well as with a mouse.
READING_HINT = ("The legend gives each colour's meaning; under each article, \"Why each highlighted word is "
                "marked\" explains every highlighted word (with a mouse, pointing at a word shows the same).")

CSS = """
.np-wrap{font-family:Georgia,serif;line-height:1.55;color:#111}
.np-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(320px,100%),1fr));gap:18px}
.np-article{border:1px solid #ccc;border-radius:6px;padding:12px 14px;background:#fff}
.np-outlet{font-family:Helvetica,Arial,sans-serif;font-size:12px;color:#555;text-transform:uppercase;letter-spacing:.04em}
.np-headline{font-size:18px;font-weight:bold;margin:4px 0 8px}
.np-body{white-space:pre-wrap;font-size:14px;overflow-wrap:anywhere}
.np-credits{font-family:Helvetica,Arial,sans-serif;font-size:12px;color:#444;margin-top:8px}
.np-legend{font-family:Helvetica,Arial,sans-serif;font-size:12px;margin:0 0 12px;display:flex;flex-wrap:wrap;gap:6px 14px}
.np-mark{padding:0 1px;border-radius:2px;color:inherit;cursor:help}
.np-neutral{background:transparent !important;border-bottom-width:1px !important}
.np-notes{font-family:Helvetica,Arial,sans-serif;font-size:12px;margin-top:10px;background:#fafafa;border:1px solid #ddd}
.np-notes ul{margin:4px 0;padding-left:18px}.np-notes li{margin:2px 0}.np-notes p{margin:6px 0 2px}
@media print{.np-mark{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""


def _style(type_: str) -> tuple[str, str, str, str]:
    return TYPE_STYLES.get(type_, OTHER_STYLE)


def _tint(colour: str, alpha: float = 0.28) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _why(marker: Mapping) -> str:
    """What kind of marker this is and why it matters, in one line (plain text)."""
    label = _style(str(marker["type"]))[0]
    category = str(marker.get("category", "") or "")
    return f"{label}{' (' + category + ')' if category else ''}: {marker.get('explanation', '') or ''}"


def _mark_tag(marker: Mapping, tip: bool = True) -> str:
    """The opening ``<mark>`` of a marker, in its type's colour and underline; ``tip`` adds the mouse-over text."""
    _, colour, line, _ = _style(str(marker["type"]))
    neutral = "" if bool(marker.get("flagged", True)) else " np-neutral"
    style = f"background:{_tint(colour)};border-bottom:3px {line} {colour}"
    title = f' title="{html.escape(_why(marker), quote=True)}"' if tip else ""
    return f'<mark class="np-mark np-{html.escape(str(marker["type"]))}{neutral}" style="{style}"{title}>'



def highlight_text(text: str, markers: pd.DataFrame | None) -> str:
    """``text`` as escaped HTML with each marker wrapped in a ``<mark>`` carrying its explanation.

    Markers whose offsets do not fit the text (wrong text, stale table) are left out;
    overlapping markers are nested.

    >>> m = pd.DataFrame([{"type": "hedge", "text": "alleged", "start": 4, "end": 11,
    ...                    "category": "doubt", "explanation": "not proven", "flagged": True}])
    >>> out = highlight_text("The alleged <b>plot</b>", m)
    >>> "&lt;b&gt;plot&lt;/b&gt;" in out and 'title="Hedge (doubt): not proven"' in out
    True
    """
    return _highlighted(text, records(markers) if markers is not None and len(markers) else [])


def _highlighted(text: str, markers: list[dict]) -> str:
    """:func:`highlight_text` of markers given as records (rows of the markers table as dicts)."""
    text = "" if text is None else str(text)
    usable = []
    if markers:
        for m in markers:
            start, end = int(m["start"]), int(m["end"])
            if 0 <= start < end <= len(text) and ("text" not in m or text[start:end] == m["text"]):
                usable.append(m)
    cuts = sorted({0, len(text), *[m["start"] for m in usable], *[m["end"] for m in usable]})
    # The text between two cuts is covered by the markers spanning it: each marker is listed in the pieces
    # from its start to its end (in the order of the table), not every marker tested for every piece.
    cut_number = {cut: number for number, cut in enumerate(cuts)}
    covering_of: list[list[dict]] = [[] for _ in cuts[1:]]
    for m in usable:
        for piece in range(cut_number[m["start"]], cut_number[m["end"]]):
            covering_of[piece].append(m)
    parts = []
    for a, b, covering in zip(cuts, cuts[1:], covering_of):
        covering.sort(key=lambda m: (m["start"] - m["end"], m["start"]))  # longest outermost
        parts.append("".join(_mark_tag(m) for m in covering) + html.escape(text[a:b]) + "</mark>" * len(covering))
    return "".join(parts)


def legend_html(types: list[str] | None = None) -> str:
    """A legend: one swatch per marker type, in the same colour and underline as the highlights.

    >>> "Scare quote" in legend_html(["scare_quote"])
    True
    """
    types = list(TYPE_STYLES) if types is None else types
    items = []
    for type_ in types:
        label, colour, line, meaning = _style(type_)
        swatch = f'<mark class="np-mark" style="background:{_tint(colour)};border-bottom:3px {line} {colour}">{html.escape(label)}</mark>'
        items.append(f'<span title="{html.escape(meaning, quote=True)}">{swatch} {html.escape(meaning)}</span>')
    items.append('<span><mark class="np-mark np-neutral" style="border-bottom:1px solid #E69F00">thin underline</mark> = neutral (e.g. "said", standard spelling)</span>')
    return f'<div class="np-legend">{"".join(items)}</div>'


def notes_html(markers: pd.DataFrame | None) -> str:
    """Why each highlighted word of one article is marked, written out: one line per distinct explanation.

    The same words, in the same colours, as in the article; flagged markers first, then the
    neutral ones (thin underline). Folded on screen, printed open.

    >>> m = pd.DataFrame([{"type": "hedge", "text": "alleged", "start": 4, "end": 11, "where": "body",
    ...                    "category": "doubt", "explanation": "not proven", "flagged": True}] * 2)
    >>> out = notes_html(m)
    >>> "alleged</mark> (2 times) Hedge (doubt): not proven" in out
    True
    """
    if markers is None or not len(markers):
        return ""
    return _notes_html(records(markers), "where" in markers.columns)


def _notes_html(rows: list[dict], has_where: bool) -> str:
    """:func:`notes_html` of markers given as records; ``has_where``: whether they say where each one is."""
    if not rows:
        return ""
    rows = list(rows)
    if has_where:  # reading order: headline, body, then credits
        rows.sort(key=lambda m: {"headline": 0, "body": 1}.get(str(m["where"]), 2))
    groups: dict[tuple, list] = {}
    for m in rows:
        groups.setdefault((bool(m.get("flagged", True)), str(m["type"]), _why(m)), []).append(m)

    def items(flagged: bool) -> str:
        lines = []
        for (is_flagged, _, why), found in groups.items():
            if is_flagged == flagged:
                times = f" ({len(found)} times)" if len(found) > 1 else ""
                lines.append(f"<li>{_mark_tag(found[0], tip=False)}{html.escape(str(found[0]['text']))}</mark>"
                             f"{times} {html.escape(why)}</li>")
        return "".join(lines)

    flagged, neutral = items(True), items(False)
    parts = f"<ul>{flagged}</ul>" if flagged else ""
    if neutral:
        parts += f"<p>Marked with a thin underline, for comparison, and not counted:</p><ul>{neutral}</ul>"
    return f'<details class="np-notes"><summary>Why each highlighted word is marked</summary>{parts}</details>'


def _credits_list(credits) -> list[dict]:
    if credits is None or (isinstance(credits, float) and pd.isna(credits)) or credits == "":
        return []
    try:
        return list(json.loads(credits)) if isinstance(credits, str) else list(credits)
    except (json.JSONDecodeError, TypeError):
        return [{"text": str(credits), "where": "credit"}]


def render_article(article: Mapping, markers: pd.DataFrame | None) -> str:
    """One article (a row of the articles table) as an HTML block with its markers highlighted.

    ``markers`` holds this article's rows of the markers table (``where`` tells
    body, headline and credits apart).

    >>> art = {"outlet": "X", "headline": "<script>alert(1)</script>", "body": "Kiev said.", "credits": "[]"}
    >>> "<script>" in render_article(art, None)
    False
    """
    if markers is None or not len(markers):
        return _render_article(article, [], True)
    return _render_article(article, records(markers), "where" in markers.columns)


def _render_article(article: Mapping, markers: list[dict], has_where: bool) -> str:
    """:func:`render_article` with the article's markers as records (a story page renders many articles: rows
    as dicts are split and filtered far sooner than tables). Without ``has_where`` every marker is in the body."""
    def where(marker: dict) -> object:
        return marker["where"] if has_where else "body"

    outlet = html.escape(str(article.get("outlet", "") or ""))
    date = html.escape(str(article.get("published", "") or ""))
    head = _highlighted(str(article.get("headline", "") or ""), [m for m in markers if where(m) == "headline"])
    body = _highlighted(str(article.get("body", "") or ""), [m for m in markers if where(m) == "body"])
    credit_rows = [m for m in markers if where(m) not in ("body", "headline")]
    credits = []
    for item in _credits_list(article.get("credits")):
        text, place = str(item.get("text", "")), str(item.get("where", ""))
        mine = [m for m in credit_rows if m["where"] == place and m.get("text", "") == text.strip()]
        credits.append(f"{html.escape(place)}: {_highlighted(text.strip(), mine)}")
    credit_html = f'<div class="np-credits">Credits outside the text: {"; ".join(credits)}</div>' if credits else ""
    return (f'<div class="np-article"><div class="np-outlet">{outlet}{" · " + date if date else ""}</div>'
            f'<div class="np-headline">{head}</div><div class="np-body">{body}</div>{credit_html}'
            f"{_notes_html(markers, has_where)}</div>")


def render_side_by_side(articles: pd.DataFrame, markers: pd.DataFrame, title: str = "Framing markers, side by side",
                        full_page: bool = True) -> str:
    """The articles in columns, each with its markers highlighted, under a legend.

    ``markers`` is the run's markers table (keyed by ``article_id``). With
    ``full_page=False`` the result is a fragment (style + ``<div>``) to embed in a
    notebook or a report, without a page title of its own. With no ``markers`` (``None``) the articles
    are shown plain, with no legend: for students to read before they see what was marked.

    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "headline": ["H"], "body": ["B"]})
    >>> render_side_by_side(arts, pd.DataFrame(columns=["article_id"]), full_page=False).startswith("<style>")
    True
    >>> 'class="np-legend' in render_side_by_side(arts, None, full_page=False)
    False
    """
    plain = markers is None
    markers = pd.DataFrame(columns=["article_id"]) if plain else markers
    # Each article's markers, as records split once (in the table's order), not a filter of the table per article.
    of_article: dict[object, list[dict]] = {}
    for marker in records(markers) if len(markers) else []:
        of_article.setdefault(marker["article_id"], []).append(marker)
    has_where = "where" in markers.columns or not len(markers)
    blocks = [_render_article(article, of_article.get(article["article_id"], []), has_where)
              for article in records(articles)]
    found = set(markers["type"]) if "type" in markers.columns else set()
    types = list(TYPE_STYLES) + sorted(found - set(TYPE_STYLES))
    guide = "" if plain else f"<p>{READING_HINT}</p>{legend_html(types)}"
    body = f'<div class="np-wrap">{guide}<div class="np-grid">{"".join(blocks)}</div></div>'
    if not full_page:
        return f"<style>{CSS}</style>{body}"
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{CSS}</style></head><body><h2 class=\"np-wrap\">{html.escape(title)}</h2>{body}</body></html>")


def save_html(page: str, path: str | Path) -> Path:
    """Write an HTML page (UTF-8), creating its folder; returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    return path


__all__ = ["TYPE_STYLES", "highlight_text", "legend_html", "notes_html", "render_article", "render_side_by_side",
           "save_html"]
