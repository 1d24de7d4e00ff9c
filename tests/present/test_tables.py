"""Short tables for readers: plain column names, no index, "yes" and "—", and a note when rows were cut."""

from __future__ import annotations

import re

import pandas as pd

from newsprism.present.tables import plain, reader_table


def _cells(page: str) -> list[list[str]]:
    return [re.findall(r"<t[dh]>(.*?)</t[dh]>", row) for row in re.findall(r"<tr>(.*?)</tr>", page)]


def test_a_reader_table_has_named_columns_and_readable_cells_only():
    actors = pd.DataFrame({
        "article_id": ["c83049d649c6", "c83049d649c6", "e41e0bd3d1b6"],
        "outlet": ["Sputnik International", "Sputnik International", "VOI (Jakarta)"],
        "actor": ["Russia", "Antony Blinken", "Olaf Scholz"],
        "mentions": [16.0, 5.0, 2.0],
        "in_headline": [False, True, pd.NA],
        "roles": ["", None, "Chancellor"],
    }).astype({"in_headline": "boolean"})
    page = reader_table(actors, {"outlet": "outlet", "actor": "actor", "mentions": "mentions",
                                 "in_headline": "in the headline", "roles": "title"}).data
    assert _cells(page) == [
        ["outlet", "actor", "mentions", "in the headline", "title"],
        ["Sputnik International", "Russia", "16", "—", "—"],
        ["Sputnik International", "Antony Blinken", "5", "yes", "—"],
        ["VOI (Jakarta)", "Olaf Scholz", "2", "—", "Chancellor"],
    ]
    assert "c83049d649c6" not in page and "table-note" not in page  # no id, nothing cut


def test_a_table_cut_per_outlet_says_so_and_names_its_file():
    rows = pd.DataFrame({"outlet": ["A"] * 5 + ["B"] * 2, "actor": list("vwxyzpq")})
    page = reader_table(rows, {"outlet": "outlet", "actor": "actor"}, limit=3, per="outlet", full_table="actors").data
    assert [r[1] for r in _cells(page)[1:]] == ["v", "w", "x", "p", "q"]
    assert page.endswith('<p class="table-note">First 3 rows of each outlet: 5 of 7 rows; all rows are in '
                         'data/actors.csv.</p>')


def test_article_text_in_a_cell_is_escaped_and_an_empty_table_is_a_sentence():
    page = reader_table(pd.DataFrame({"content": ["<script>x</script> & more"]}), {"content": "words"}).data
    assert "&lt;script&gt;x&lt;/script&gt; &amp; more" in page and "<script>" not in page
    empty = reader_table(pd.DataFrame(columns=["outlet"]), {"outlet": "outlet"}, empty="No actor.").data
    assert empty == "<p>No actor.</p>"


def test_codes_become_plain_words():
    assert plain(pd.Series(["PERSON", "ORG", "reworded", "Kyiv", None])).tolist() == [
        "person", "organisation", "reworded", "Kyiv", None]
