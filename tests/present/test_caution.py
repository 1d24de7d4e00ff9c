"""A kind of finding that a hand check found often wrong is shown as "check this", with the figure."""

from __future__ import annotations

import pandas as pd

from newsprism.compare.findings import caution_for, generate_findings
from newsprism.present.summary import findings_html


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
    assert row.caution.startswith("Check this: when we checked 30 flagged scare quotes by hand")
    assert "only 2 were" in row.caution


def test_the_report_shows_check_this_before_the_sentence():
    findings = generate_findings(_scare_quote_tables())
    page = findings_html(findings, _scare_quote_tables()["articles"])
    assert '<span class="check">check this</span> North Daily puts 3' in page
    assert '<p class="caution">Check this: when we checked 30' in page


def test_kinds_never_measured_or_measured_well_carry_no_caution():
    assert caution_for("") == "" and caution_for("naming") == ""
