"""The charts' images: the page's wide image and the figure file are one drawing."""

from __future__ import annotations

import base64
import re

import pandas as pd

from newsprism.present.charts import chart_html, salience_chart


def test_the_saved_figure_is_the_wide_image_of_the_page(tmp_path):
    actors = pd.DataFrame({"outlet": ["Sputnik International", "VOI (Jakarta)", "VOI (Jakarta)"],
                           "actor": ["Kiev", "Kyiv", "Blinken"], "mentions": [3, 2, 4],
                           "in_headline": [False, False, True]})
    figure = tmp_path / "actor-salience.png"
    page = chart_html(salience_chart(actors, 5), salience_chart(actors, 5, narrow=True), "Bars", save_to=figure)
    wide, narrow = re.findall(r'src="data:image/png;base64,([^"]+)"', page)
    assert figure.read_bytes() == base64.b64decode(wide) != base64.b64decode(narrow)
    assert figure.read_bytes().startswith(b"\x89PNG")
