"""Short tables for readers: named columns in plain words, no index, no ids or offsets, "yes" and "—".

The analysis tables keep every row and column for analysts (``data/*.csv``, and their first
:data:`DETAIL_ROWS` rows in ``details.html``); a reader's report shows a few columns under plain
names, and says so when it shows only the first rows.
"""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML

NOTHING = "—"  # an empty, missing or false cell, as a reader writes it
#: Rows of a whole analysis table shown in a notebook and in details.html. Beyond a few hundred rows a
#: page is read by searching, which the CSV serves better; and every shown row is parsed again and
#: again (saving the notebook, rendering details.html): at 1,000 articles the mentions table alone
#: made a 24 MB notebook and a 17 MB details page.
DETAIL_ROWS = 500


def _cell(value) -> str:
    """One cell as a reader reads it: True is "yes", False and missing are "—", 2.0 is "2".

    >>> [_cell(v) for v in (True, False, None, float("nan"), 2.0, 0.25, "", "said")]
    ['yes', '—', '—', '—', '2', '0.2', '—', 'said']
    """
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value) or NOTHING
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return NOTHING
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return "yes" if value else NOTHING
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.1f}"
    text = str(value).strip()
    return text if text else NOTHING


def reader_table(df: pd.DataFrame, columns: dict[str, str], limit: int | None = None, per: str | None = None,
                 full_table: str | None = None, empty: str = "Nothing to show.") -> HTML:
    """``df``'s ``columns`` (a mapping from column to its plain name, in order) as an HTML table for readers.

    No index; every cell through :func:`_cell`. With ``limit``, only the first ``limit`` rows (of each ``per``
    group, when given) are shown, and a line under the table says how many rows there are and where they all
    are (``full_table``, the run's table name, as ``data/<name>.csv``).

    >>> df = pd.DataFrame({"outlet": ["A", "B", "C"], "in_headline": [True, False, None], "article_id": [1, 2, 3]})
    >>> page = reader_table(df, {"outlet": "outlet", "in_headline": "in the headline"}, limit=2,
    ...                     full_table="actors").data
    >>> "<th>in the headline</th>" in page, "<td>yes</td>" in page, "article_id" in page
    (True, True, False)
    >>> page.split("</table>")[1]
    '<p class="table-note">First 2 of 3 rows; all rows are in data/actors.csv.</p>'
    >>> reader_table(df, {"outlet": "outlet"}, limit=1, per="outlet").data.count("<tr>")
    4
    """
    if df.empty:
        return HTML(f"<p>{html.escape(empty)}</p>")
    if limit is None:
        shown = df
    else:
        shown = df.groupby(per, sort=False).head(limit) if per else df.head(limit)
    head = "".join(f"<th>{html.escape(name)}</th>" for name in columns.values())
    # Read column by column as plain values (a Series per row costs more than its cells; the cells read the same).
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_cell(value))}</td>" for value in row) + "</tr>"
        for row in zip(*(shown[col].tolist() for col in columns))
    )
    page = f'<table class="reader"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    if len(shown) < len(df):
        lead = f"First {limit} rows of each {per}: {len(shown)}" if per else f"First {len(shown)}"
        where = f"; all rows are in data/{full_table}.csv" if full_table else ""
        page += f'<p class="table-note">{lead} of {len(df)} rows{where}.</p>'
    return HTML(page)


def analyst_table(df: pd.DataFrame, full_table: str, limit: int = DETAIL_ROWS) -> HTML:
    """``df`` as it is (every column, raw values) for analysts, its first ``limit`` rows, and a line saying
    where all of them are (``data/<full_table>.csv``) when there are more.

    >>> df = pd.DataFrame({"article_id": ["a", "b", "c"], "start": [0, 4, 9]})
    >>> page = analyst_table(df, "entities", limit=2).data
    >>> "<th>article_id</th>" in page, page.count("</tr>")  # the header and two rows
    (True, 3)
    >>> page.split("</table>")[1]
    '<p class="table-note">First 2 of 3 rows; all rows are in data/entities.csv.</p>'
    """
    page = df.head(limit).to_html(index=False)
    if len(df) > limit:
        page += f'<p class="table-note">First {limit} of {len(df)} rows; all rows are in data/{full_table}.csv.</p>'
    return HTML(page)


# spaCy's entity labels, and the quote-pair changes, in a reader's words.
PLAIN_WORDS = {
    "PERSON": "person", "ORG": "organisation", "GPE": "country or city", "LOC": "place", "NORP": "group",
    "FAC": "building or site", "PRON": "person (pronoun)", "NOM": "country (as a noun)",
    "altered_quote": "quotation changed", "reworded": "reworded",
}


def plain(values: pd.Series) -> pd.Series:
    """``values`` with spaCy's labels and the tables' codes in plain words; other values unchanged.

    >>> plain(pd.Series(["GPE", "altered_quote", "said"])).tolist()
    ['country or city', 'quotation changed', 'said']
    """
    return values.map(lambda v: PLAIN_WORDS.get(v, v) if isinstance(v, str) else v)
