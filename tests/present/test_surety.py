""""How sure is this?": measured precision per kind of finding, the building blocks, and the check, in plain words."""

from __future__ import annotations

import pandas as pd
import pytest

import newsprism.present.surety as surety
from newsprism.text.datafiles import read_data_csv

# Hand-made figures, so that these tests hold whatever the shipped data files say after the next measurement.
PRECISION = pd.DataFrame({
    "kind": ["scare_quote", "hedge", "loaded_label"],
    "correct": ["2", "19", "9"], "checked": ["30", "20", "12"],
    "measured_on": ["on hand-made test sentences"] * 3, "what": ["right"] * 3,
})
QUALITY = pd.DataFrame({
    "block": ["Quote speakers", "Quote speakers", "Entities"],
    "measure": ["resolved speaker accuracy", "nominal speakers", "top-5 actors"],
    "value": ["0.908", "0.250", "0.759"], "count": ["76", "8", ""],
    "what_it_means": ["{share} quote speakers are the right person.",
                      "{share} described speakers are the right person.",
                      "{share} of the main actors are found."],
    "measured_on": ["test data"] * 3, "command": ["python score.py"] * 3,
})


@pytest.fixture(autouse=True)
def hand_made_figures(monkeypatch):
    tables = {"finding_precision": PRECISION, "measured_quality": QUALITY}
    monkeypatch.setattr(surety, "read_data_csv",
                        lambda name: tables[name].copy() if name in tables else read_data_csv(name))


def _findings(*kinds: str) -> pd.DataFrame:
    return pd.DataFrame({"topic": ["framing"] * len(kinds), "finding": [f"Finding {i}." for i in range(len(kinds))],
                         "measured_as": list(kinds)})


def test_only_the_kinds_of_this_run_are_listed_check_this_first_unnamed_last():
    kinds = surety.kind_precision(_findings("hedge", "", "only_quotes", "scare_quote", "hedge"))
    assert kinds.kind.tolist() == ["scare_quote", "hedge", "only_quotes", ""]
    assert kinds.findings.tolist() == [1, 2, 1, 1]
    assert kinds.check_this.tolist() == [True, False, False, False]
    assert kinds.precision.iloc[1] == pytest.approx(0.95)
    assert kinds.how_sure.iloc[0] == ("When we checked 30 findings of this kind by hand "
                                      "(on hand-made test sentences), 2 were right.")
    assert kinds.how_sure.iloc[2] == "Not measured yet: read the evidence."
    assert kinds.name.iloc[0] == "Scare quotes" and kinds.name.iloc[2] == "Only one outlet quotes this person"
    assert "loaded_label" not in set(kinds.kind)


def test_findings_without_a_kind_column_are_one_unmeasured_row():
    kinds = surety.kind_precision(pd.DataFrame({"finding": ["A.", "B."]}))
    assert kinds[["kind", "findings", "check_this"]].values.tolist() == [["", 2, False]]


def test_the_section_marks_check_this_only_for_kinds_measured_below_ninety_percent():
    page = surety.surety_html(_findings("hedge", "scare_quote", "only_quotes"), pd.DataFrame())
    rows = page.split("<tr>")
    scare = next(r for r in rows if r.startswith("<td>Scare quotes"))
    hedge = next(r for r in rows if r.startswith("<td>Hedges"))
    assert '<span class="check">check this</span> When we checked 30 findings' in scare
    assert "check this" not in hedge and "19 were right" in hedge
    assert "Not measured yet: read the evidence." in next(r for r in rows if "Only one outlet quotes" in r)
    # The one line on the rest: a kind measured by hand that this run does not show.
    assert "do not occur in this run" in page and "we checked by hand: loaded labels (9 of 12 right)." in page
    assert "right less than 90% of the time" in page


def test_the_section_counts_the_findings_set_aside_by_the_check():
    dropped = pd.DataFrame({"finding": ["Only A quotes B.", "C writes D."], "reason": ["x", "y"]})
    page = surety.surety_html(_findings("hedge"), dropped)
    assert "in this run 2 findings failed that check and were not stated" in page
    assert '<a href="details.html#Findings-we-did-not-state">' in page and "data/dropped_findings.csv" in page
    one = surety.surety_html(_findings("hedge"), dropped.head(1))
    assert "1 finding failed that check and was not stated" in one
    assert "every finding passed that check" in surety.surety_html(_findings("hedge"), pd.DataFrame())


def test_the_building_blocks_are_said_in_plain_words():
    blocks = surety.building_blocks()
    assert blocks.sentence.tolist() == ["About 9 in 10 quote speakers are the right person.",
                                        "2 of 8 described speakers are the right person.",
                                        "About 8 in 10 of the main actors are found."]
    assert blocks["count"].tolist() == [76, 8, None]
    page = surety.surety_html(_findings("hedge"))
    assert "<td>0.250 (nominal speakers)</td><td>test data; 8 cases</td>" in page
    assert "<td>0.759 (top-5 actors)</td><td>test data</td>" in page


def test_only_the_kinds_of_the_findings_the_report_lists_are_counted():
    findings = _findings("hedge", "", "scare_quote", "hedge")
    page = surety.surety_html(findings, limit=2)
    assert "Hedges" in page and "Scare quotes" not in page
    assert "scare quotes (2 of 30 right)" in page  # named in the line on the kinds not listed


def test_text_from_the_tables_is_escaped():
    page = surety.surety_html(_findings("<b>bold</b>"), pd.DataFrame())
    assert "<b>" not in page and "&lt;b&gt;bold&lt;/b&gt;" in page


def test_a_run_without_findings_says_so():
    page = surety.surety_html(_findings())
    assert "This run states no findings" in page and "The steps underneath" in page


@pytest.mark.parametrize("value, count, words", [
    (0.908, None, "about 9 in 10"), (0.25, None, "about 3 in 10"), (0.97, None, "nearly all"), (1.0, None, "all"),
    (0.02, None, "almost none"), (0.0, None, "none"), (0.5, 2, "1 of 2"), (0.0, 5, "none of the 5"),
    (0.802, 624, "about 8 in 10"),
])
def test_plain_share(value, count, words):
    assert surety.plain_share(value, count) == words


def test_the_shipped_quality_file_names_its_sources_and_every_block(monkeypatch):
    monkeypatch.setattr(surety, "read_data_csv", read_data_csv)
    from importlib import resources

    header = (resources.files("newsprism") / "data" / "measured_quality.csv").read_text(encoding="utf-8")
    assert "Zeldes 2017" in header and "Newell, Margolin & Ruths 2018" in header
    blocks = surety.building_blocks()
    assert {"Quote speakers", "Quotes", "Entities"} <= set(blocks.block)
    assert blocks.value.between(0, 1).all() and blocks.what_it_means.str.contains("{share}", regex=False).all()
    assert (blocks.command.str.contains("score_") & blocks.measured_on.str.strip().astype(bool)).all()
