"""Teaching mode: a question first, the answer folded away until the student opens it.

Every analysis notebook has a ``teaching`` parameter. With ``teaching=False``
:func:`ask` shows nothing and :func:`reveal` displays the result as usual; with
``teaching=True`` the question appears in a box and the result is wrapped in an
HTML ``<details>`` element, which stays closed in JupyterLab and in
``report.html`` alike until clicked. No script is involved, so it works offline
and in any browser.
"""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML, display

from newsprism.present.charts import png_data_uri

QUESTION_STYLE = (
    "border-left:5px solid #0072B2;background:#eef6fb;padding:.5rem .9rem;margin:.8rem 0;"
    "font-size:1.05rem"
)


def question_html(question: str) -> str:
    """The HTML box of one question (escaped).

    >>> question_html("Kiev or Kyiv?")[:40]
    '<div class="lesson-question" style="bord'
    """
    return (f'<div class="lesson-question" style="{QUESTION_STYLE}">'
            f"<strong>Question.</strong> {html.escape(question)}</div>")


def to_html(obj) -> str:
    """HTML for a table, a figure, an IPython ``HTML`` object or plain text; text is escaped.

    >>> to_html("<b>not bold</b>")
    '<p>&lt;b&gt;not bold&lt;/b&gt;</p>'
    """
    if isinstance(obj, pd.DataFrame):
        return obj.to_html(index=False, escape=True, border=0)
    if isinstance(obj, HTML):  # produced by our own renderers, which escape article text
        return obj.data
    if hasattr(obj, "savefig"):
        return f'<img alt="chart" src="{png_data_uri(obj)}">'
    return f"<p>{html.escape(str(obj))}</p>"


def fold(inner_html: str, label: str = "Show the answer") -> str:
    """Wrap HTML in a closed ``<details>`` element.

    >>> fold("<p>42</p>")
    '<details class="lesson-answer"><summary>Show the answer</summary><p>42</p></details>'
    """
    return f'<details class="lesson-answer"><summary>{html.escape(label)}</summary>{inner_html}</details>'


def ask(question: str, teaching: bool) -> None:
    """Show ``question`` in teaching mode; do nothing otherwise."""
    if teaching:
        display(HTML(question_html(question)))


def reveal(*objects, teaching: bool) -> None:
    """Display results; in teaching mode fold them away behind "Show the answer".

    Figures passed here are closed after rendering so that Jupyter does not show them twice.
    """
    if teaching:
        display(HTML(fold("".join(to_html(obj) for obj in objects))))
    else:
        for obj in objects:
            display(obj)
    for obj in objects:
        if hasattr(obj, "savefig"):
            import matplotlib.pyplot as plt

            plt.close(obj)
