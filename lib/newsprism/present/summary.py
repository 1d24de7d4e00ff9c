"""HTML views for the summary: findings with their evidence, facts only one outlet reports, the glossary.

Every piece of article text is escaped here; the report renders these views as they are.
"""

from __future__ import annotations

import html
import json
import pandas as pd

from newsprism.text.datafiles import read_data_csv


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
    """
    by_id = articles.set_index("article_id")
    items = []
    for item in json.loads(evidence_json or "[]"):
        article = by_id.loc[item["article_id"]] if item.get("article_id") in by_id.index else None
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
    return "".join(items)


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
    for row in rows.itertuples():
        evidence = evidence_html(row.evidence, articles)
        details = (f"<details><summary>Evidence</summary><ul>{evidence}</ul></details>" if evidence else "")
        caution = str(getattr(row, "caution", "") or "")
        # A kind of finding that a hand check found often wrong is not stated as a fact.
        check = (f'<span class="check">check this</span> ' if caution else "")
        note = f'<p class="caution">{html.escape(caution)}</p>' if caution else ""
        items.append(f'<li class="finding"><span class="topic">{html.escape(row.topic)}</span> '
                     f"{check}{html.escape(row.finding)}{note}{details}</li>")
    return f'<ol class="findings tex2jax_ignore">{"".join(items)}</ol>'


def exclusive_facts_html(facts: pd.DataFrame, articles: pd.DataFrame, per_outlet: int = 8) -> str:
    """Per outlet, the most salient facts that no other outlet reports, in article context.

    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["VOI"], "body": ["Scholz will visit."]})
    >>> facts = pd.DataFrame({"outlet": ["VOI"], "article_id": ["a"], "start": [0], "end": [18],
    ...                       "text": ["Scholz will visit."], "salience": [3.0], "key_terms": ["Scholz"]})
    >>> "Only in VOI" in exclusive_facts_html(facts, arts)
    True
    """
    if facts.empty:
        return "<p>Every fact reported here appears in more than one outlet.</p>"
    parts = []
    for outlet, rows in facts.sort_values("salience", ascending=False).groupby("outlet", sort=True):
        items = "".join(
            f"<li>{_snippet(str(body), int(r.start), int(r.end), context=0)}"
            f' <span class="terms">({html.escape(str(r.key_terms))})</span></li>'
            for r in rows.head(per_outlet).itertuples()
            for body in [articles.set_index("article_id").loc[r.article_id, "body"]]
        )
        more = f"<p>… and {len(rows) - per_outlet} more in the table <code>exclusive_facts</code>.</p>" \
            if len(rows) > per_outlet else ""
        parts.append(f"<h4>Only in {html.escape(str(outlet))}</h4><ul>{items}</ul>{more}")
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
