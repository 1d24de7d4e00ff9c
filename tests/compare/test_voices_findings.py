"""Voices findings never rest on an unresolved speaker, and list outlets in the same order on every run."""

from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd

from newsprism.compare.findings import generate_findings


def _three_outlets(resolved_b: bool = True) -> dict[str, pd.DataFrame]:
    articles = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["Alpha News", "Beta Times", "Gamma Post"],
                             # Each body as its quotes row has it: the raw text is checked too.
                             "body": ["Jane Doe said the bridge would reopen."] * 2
                             + ["John Roe said the bridge would reopen."]})
    quotes = pd.DataFrame({
        "article_id": ["a", "b", "c"],
        "speaker": ["Jane Doe", "Jane Doe" if resolved_b else "she (unresolved)", "John Roe"],
        "resolved": [True, resolved_b, True],
        "cue_lemma": ["say"] * 3, "stance": ["neutral"] * 3, "kind": ["indirect"] * 3,
        "content": ["the bridge would reopen"] * 3, "content_start": [9] * 3, "content_end": [32] * 3,
        "cue_start": [9] * 3, "cue_end": [13] * 3, "anonymous": [False] * 3,
    })
    return {"articles": articles, "quotes": quotes}


def test_an_unresolved_speaker_supports_no_finding():
    findings = generate_findings(_three_outlets(resolved_b=False))
    voices = " ".join(findings[findings.topic == "voices"].finding)
    assert "John Roe" in voices  # the finding is still made from the named speakers
    assert "unresolved" not in voices and " she " not in f" {voices} "


def test_outlets_of_a_voices_finding_do_not_depend_on_the_hash_seed(tmp_path):
    tables = tmp_path / "tables.pickle"
    pd.to_pickle(_three_outlets(), tables)
    script = ("import sys, pandas as pd; from newsprism.compare.findings import generate_findings;"
              "f = generate_findings(pd.read_pickle(sys.argv[1])); print(f[f.topic == 'voices'].outlets.tolist())")
    runs = {subprocess.run([sys.executable, "-c", script, str(tables)], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3", "4")}
    assert len(runs) == 1 and "Alpha News, Beta Times" in runs.pop()
