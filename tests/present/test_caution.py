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


def test_a_scare_quote_finding_is_set_aside_with_its_measured_precision():
    # 1 flagged scare quote in 11 was the writer's own: a finding built on them is mostly false, so it is not stated
    dropped: list[dict] = []
    findings = generate_findings(_scare_quote_tables(), dropped=dropped)
    assert not findings.measured_as.eq("scare_quote").any()
    (row,) = [d for d in dropped if d["measured_as"] == "scare_quote"]
    assert "North Daily puts 3 words or phrases in scare quotes" in row["finding"]
    assert row["reason"].startswith(f"not stated: when we checked {_SCARE.checked} flagged scare quotes by hand")
    assert row["reason"].endswith(f"only {_SCARE.correct} {'was' if int(_SCARE.correct) == 1 else 'were'} right")


def _loaded_label_tables() -> dict[str, pd.DataFrame]:
    articles = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["North Daily", "South Post"],
                             "body": ["The so-called reform was allegedly late.", "The reform was late."]})
    markers = pd.DataFrame({"article_id": ["a"] * 2, "type": ["loaded_label"] * 2, "text": ["so-called", "allegedly"],
                            "start": [4, 27], "end": [13, 36], "category": [""] * 2})
    return {"articles": articles, "markers": markers}


def test_the_report_shows_check_this_before_the_sentence():
    tables = _loaded_label_tables()
    findings = generate_findings(tables)
    page = findings_html(findings, tables["articles"])
    assert '<span class="check">check this</span> North Daily uses 2 loaded labels' in page
    assert '<p class="caution">Check this: findings of this kind have not been checked by hand yet' in page


def test_kinds_never_measured_carry_a_caution_too():
    assert caution_for("").startswith("Check this: findings of this kind have not been checked by hand yet")
    assert caution_for("naming") == caution_for("")
