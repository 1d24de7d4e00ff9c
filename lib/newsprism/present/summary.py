"""HTML views for the summary: findings with their evidence, names and figures only one outlet uses, the glossary.

Every piece of article text is escaped here; the report renders these views as they are.
"""

from __future__ import annotations

import html
import json
import pandas as pd

from newsprism.text.datafiles import read_data_csv
from newsprism.text.rows import records


def glossary() -> pd.DataFrame:
    """The marker glossary for students (``data/glossary.csv``).

    >>> "scare_quote" in set(glossary()["type"])
    True
    """
    return read_data_csv("glossary")


def _snippet(body: str, start: int, end: int, context: int = 80) -> str:
    """The evidence span in bold, with some context on each side (escaped)."""
    left = max(0, body.rfind(" ", 0, max(0, start - context)) + 1) if start > context else 0
    right = body.find(" ", min(len(body), end + context))
    right = len(body) if right < 0 else right
    return (("…" if left else "") + html.escape(body[left:start]) + "<mark>" + html.escape(body[start:end])
            + "</mark>" + html.escape(body[end:right]) + ("…" if right < len(body) else ""))


def evidence_html(evidence_json: str, articles: pd.DataFrame) -> str:
    """An evidence list (JSON of ``{article_id, start, end, text}``) as HTML list items.

    ``where`` says which text the offsets index: ``body`` (default) or ``headline``;
    a credit (``dateline``, ``photo credit``) has no offsets and is shown as written.

    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["VOI"], "body": ["They said <b>so</b>."],
    ...                      "headline": ["Talks"]})
    >>> evidence_html('[{"article_id": "a", "start": 10, "end": 19, "text": "<b>so</b>"}]', arts)
    '<li><strong>VOI</strong>: They said <mark>&lt;b&gt;so&lt;/b&gt;</mark>.</li>'

    Two pieces of evidence in one sentence (two names in it, say) show that sentence once.
    """
    return _evidence_items(evidence_json, _articles_by_id(articles))


def _articles_by_id(articles: pd.DataFrame) -> dict:
    """Each article's row as a dict, by id: what the evidence of a story's findings looks up, made once."""
    return {row["article_id"]: row for row in records(articles)}


def _evidence_items(evidence_json: str, by_id: dict) -> str:
    """:func:`evidence_html` with the articles already by id (a list of findings looks them up once)."""
    items = []
    for item in json.loads(evidence_json or "[]"):
        article = by_id.get(item.get("article_id"))
        outlet = html.escape(str(article["outlet"])) if article is not None else ""
        where = item.get("where") or "body"
        start, end = item.get("start"), item.get("end")
        # Offsets index the text named by ``where``: the body or the headline. A credit
        # (dateline, photo credit) stands outside both and is shown as written.
        source = article[where] if article is not None and where in ("body", "headline") else None
        if source is not None and start is not None and end is not None:
            text = _snippet(str(source), int(start), int(end))
            if where == "headline":
                text += " (headline)"
        else:
            text = "<mark>" + html.escape(str(item.get("text", ""))) + "</mark>"
            if where != "body":
                text += f" ({html.escape(where)})"
        items.append(f"<li><strong>{outlet}</strong>: {text}</li>")
    return "".join(dict.fromkeys(items))


def findings_html(findings: pd.DataFrame, articles: pd.DataFrame, limit: int | None = None) -> str:
    """The findings as a numbered list, each with its evidence one click away.

    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["VOI"], "body": ["Kyiv."]})
    >>> f = pd.DataFrame({"topic": ["naming"], "finding": ["VOI writes Kyiv."],
    ...                   "evidence": ['[{"article_id": "a", "start": 0, "end": 4, "text": "Kyiv"}]']})
    >>> "<mark>Kyiv</mark>" in findings_html(f, arts)
    True
    """
    rows = findings.head(limit) if limit else findings
    if rows.empty:
        return "<p>The tables show no difference strong enough to state as a finding.</p>"
    items = []
    by_id = _articles_by_id(articles)
    for row in rows.itertuples():
        evidence = _evidence_items(row.evidence, by_id)
        caution = str(getattr(row, "caution", "") or "")
        # A kind of finding that a hand check found often wrong is not stated as a fact: the badge says so at
        # once, and how often such findings were right is read with the evidence, where it is weighed.
        check = (f'<span class="check">check this</span> ' if caution else "")
        note = f'<p class="caution">{html.escape(caution)}</p>' if caution else ""
        details = (f"<details><summary>Evidence</summary>{note}<ul>{evidence}</ul></details>" if evidence else note)
        items.append(f'<li class="finding"><span class="topic">{html.escape(row.topic)}</span> '
                     f"{check}{html.escape(row.finding)}{details}</li>")
    return f'<ol class="findings tex2jax_ignore">{"".join(items)}</ol>'


def mentions_html(mentions: pd.DataFrame, articles: pd.DataFrame, per_outlet: int = 8) -> str:
    """Per outlet, the names and figures only it mentions (and those all others mention but it), in context.

    ``mentions`` is :func:`newsprism.compare.mentions.exclusive_mentions`'s table; each
    name or figure is shown with the first sentence that names it.

    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["VOI"], "body": ["Scholz will visit."]})
    >>> table = pd.DataFrame({"outlet": ["VOI"], "relation": ["only"], "shown": ["Scholz"], "salience": [1.0],
    ...                       "evidence": ['[{"article_id": "a", "start": 0, "end": 18, "text": "Scholz will visit."}]']})
    >>> "Only VOI mentions" in mentions_html(table, arts)
    True
    """
    if mentions.empty:
        return "<p>Every person, body, place and figure named here appears in more than one outlet.</p>"
    bodies = dict(zip(articles.article_id, articles.body))
    parts = []
    heads = {"only": "Only {} mentions", "all_but": "Every outlet except {} mentions"}
    # Grouped over plain columns (a pandas group per outlet cost more than its few rows): the rows by salience,
    # the groups in the order of their keys, each group's rows in salience order, as a grouped table gives them.
    ordered = mentions.sort_values("salience", ascending=False)
    groups: dict[tuple, list[tuple]] = {}
    for relation, outlet, shown, evidence in zip(ordered["relation"].tolist(), ordered["outlet"].tolist(),
                                                 ordered["shown"].tolist(), ordered["evidence"].tolist()):
        groups.setdefault((relation, outlet), []).append((shown, evidence))
    for relation, outlet in sorted(groups):
        rows = groups[(relation, outlet)]
        items = []
        for shown, evidence in rows[:per_outlet]:
            first = json.loads(evidence)[:1]
            context = "".join(_snippet(str(bodies.get(e["article_id"], "")), int(e["start"]), int(e["end"]), context=0)
                              for e in first)
            items.append(f"<li><strong>{html.escape(str(shown))}</strong>: {context}</li>")
        more = f"<p>… and {len(rows) - per_outlet} more in <code>data/exclusive_mentions.csv</code>.</p>" \
            if len(rows) > per_outlet else ""
        parts.append(f"<h4>{html.escape(heads[relation].format(outlet))}</h4><ul>{''.join(items)}</ul>{more}")
    return "".join(parts)


def glossary_html() -> str:
    """The glossary as a definition list.

    >>> "<dt>Scare quotes</dt>" in glossary_html()
    True
    """
    entries = "".join(
        f"<dt>{html.escape(g.term)}</dt><dd>{html.escape(g.what_it_is)} <em>What to look for:</em> "
        f"{html.escape(g.what_to_look_for)} <span class=\"example\">Example: “{html.escape(g.example)}”</span></dd>"
        for g in glossary().itertuples()
    )
    return f'<dl class="glossary">{entries}</dl>'
