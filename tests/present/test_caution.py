"""A kind of finding that a hand check found often wrong is shown as "check this", with the figure."""

from __future__ import annotations

import pandas as pd

from newsprism.compare.findings import caution_for, generate_findings
from newsprism.present.summary import findings_html
from newsprism.text.datafiles import read_data_csv

# The hand-checked figure of scare quotes, as data/finding_precision.csv gives it (it changes with each check).
_SCARE = read_data_csv("finding_precision").set_index("kind").loc["scare_quote"]


def _scare_quote_tables() -> dict[str, pd.DataFrame]:
    articles = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["North Daily", "South Post"],
                             "body": ['The "reform" and the "plan" and the "vote" were late.', "The reform was late."]})
    markers = pd.DataFrame({"article_id": ["a"] * 3, "type": ["scare_quote"] * 3,
                            "text": ['"reform"', '"plan"', '"vote"'], "start": [4, 19, 32], "end": [12, 25, 38]})
    return {"articles": articles, "markers": markers}


def test_a_scare_quote_finding_carries_its_measured_precision():
    findings = generate_findings(_scare_quote_tables())
    row = findings[findings.measured_as == "scare_quote"].iloc[0]
    assert "scare quotes" in row.finding
    assert row.caution.startswith(f"Check this: when we checked {_SCARE.checked} flagged scare quotes by hand")
    assert f"{_SCARE.correct} of them {'was' if int(_SCARE.correct) == 1 else 'were'}" in row.caution


def test_the_report_shows_check_this_before_the_sentence():
    findings = generate_findings(_scare_quote_tables())
    page = findings_html(findings, _scare_quote_tables()["articles"])
    assert '<span class="check">check this</span> North Daily puts 3' in page
    assert f'<p class="caution">Check this: when we checked {_SCARE.checked}' in page


def test_kinds_never_measured_carry_a_caution_too():
    assert caution_for("").startswith("Check this: findings of this kind have not been checked by hand yet")
    assert caution_for("naming") == caution_for("")
