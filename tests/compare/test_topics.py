"""The registry of finding topics: every topic module registered once, in order, and a new one plugs in."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import newsprism.compare.findings as findings_module
from newsprism.compare.findings import TOPICS, generate_findings
from newsprism.compare.topics import REGISTRY
from newsprism.compare.topics.common import Topic, _finding

TOPIC_FOLDER = Path(findings_module.__file__).parent / "topics"


def _tables() -> dict[str, pd.DataFrame]:
    """Two outlets that differ in naming, framing, sourcing and selection."""
    articles = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["North Daily", "South Post"],
                             "body": ["Officials in Kiev said the 'referendum' was held.",
                                      "Kyiv held the vote."]})
    naming = pd.DataFrame({"concept": ["Kyiv", "Kyiv"], "variant": ["Kiev", "Kyiv"],
                           "outlet": ["North Daily", "South Post"], "count": [3, 2]})
    markers = pd.DataFrame({"article_id": ["a"] * 3 + ["a", "a"], "type": ["loaded_label"] * 3 + ["anonymous_source"] * 2,
                            "text": ["so-called", "regime", "puppet", "an official", "a diplomat"],
                            "start": [28, 60, 90, 120, 150], "end": [40, 68, 99, 131, 160]})
    mentions = pd.DataFrame({"outlet": ["South Post"], "relation": ["only"], "kind": ["number"], "label": ["NUM"],
                             "shown": ["40 percent"], "forms": ['["40 percent"]'], "value": [40.0], "salience": [1.25],
                             "evidence": ['[{"article_id": "b", "start": 0, "end": 29, "text": "Kyiv officials held the vote."}]']})
    return {"articles": articles, "naming": naming, "markers": markers, "exclusive_mentions": mentions}


def test_registry_lists_every_topic_module_once_in_order():
    names = [topic.name for topic in REGISTRY]
    assert TOPICS == ("voices", "naming", "framing", "sourcing", "selection") == tuple(names)
    modules = {p.stem for p in TOPIC_FOLDER.glob("*.py")} - {"__init__", "common"}
    assert modules == set(names)
    assert all(topic.finders and topic.base > 0 for topic in REGISTRY)


def test_every_finding_row_has_a_registered_topic_and_its_weight():
    findings = generate_findings(_tables())
    assert {"naming", "framing", "sourcing", "selection"} <= set(findings.topic) <= set(TOPICS)
    base = {topic.name: topic.base for topic in REGISTRY}
    assert all(base[t] <= w <= base[t] + 1 for t, w in zip(findings.topic, findings.weight))


def test_a_new_topic_is_one_module_and_one_registry_line(monkeypatch):
    def _length_findings(run, options):
        words = run.words()
        longest = max(words, key=words.get)
        return [_finding(f"{longest} writes the most words ({words[longest]}).", [], [longest], 2)]

    monkeypatch.setattr(findings_module, "REGISTRY", (*REGISTRY, Topic("length", 9.0, (_length_findings,))))
    findings = generate_findings(_tables())
    row = findings[findings.topic == "length"].iloc[0]
    assert row.finding == "North Daily writes the most words (8)."
    assert row.weight == 9.2 and row.outlets == "North Daily"
    # One finding a topic in the first turn, the kinds measured right most often first, the new
    # topic's among them; findings of kinds measured as often wrong follow all the others.
    assert "length" in set(findings.topic.iloc[:findings.topic.nunique()])
    assert sorted(findings.topic) == sorted(["length", "naming", "sourcing", "selection", "framing"])
    assert findings.caution.ne("").is_monotonic_increasing
