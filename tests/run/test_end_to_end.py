"""The whole suite on the seeds: run folder, manifest, tables, report, determinism."""

from __future__ import annotations

import hashlib
import re
import json
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from newsprism.run.runfolder import RunFolder, read_table
from newsprism.run.runner import RunFailed, run_suite

from conftest import IMG_PAYLOAD, SCRIPT_PAYLOAD, SEEDS, SPUTNIK, VOI

pytestmark = pytest.mark.slow


def test_run_folder_has_every_part(seeds_run):
    root = seeds_run.run.root
    for part in ("report.html", "manifest.json", "data/articles.parquet", "data/articles.csv",
                 "data/rejected.parquet", "notebooks/01-ingest.ipynb", "notebooks/05-summary.ipynb"):
        assert (root / part).exists(), part
    assert (root / "figures").is_dir()


def test_manifest_records_inputs_versions_and_timings(seeds_run):
    manifest = json.loads((seeds_run.run.root / "manifest.json").read_text())
    assert manifest["status"] == "ok"
    inputs = {row["file"]: row["sha256"] for row in manifest["inputs"]}
    assert inputs[SPUTNIK] == hashlib.sha256((SEEDS / SPUTNIK).read_bytes()).hexdigest()
    assert manifest["model"].startswith("en_core_web_sm")
    assert manifest["versions"]["spacy"].startswith("3.8")
    assert manifest["parameters"]["input_dir"] == str(SEEDS)
    names = [nb["name"] for nb in manifest["timings"]["notebooks"]]
    assert names[0] == "01-ingest" and names[-1] == "05-summary"
    assert all(nb["seconds"] > 0 for nb in manifest["timings"]["notebooks"])


def test_articles_table_has_the_seeds_metadata(seeds_run):
    articles = read_table(seeds_run.run, "articles").set_index("file")
    assert articles.loc[SPUTNIK, "outlet"] == "Sputnik International"
    assert articles.loc[SPUTNIK, "published"] == "2022-02-13"
    assert articles.loc[SPUTNIK, "dateline"] == "WASHINGTON"
    assert articles.loc[VOI, "outlet"] == "VOI (Jakarta)"
    assert articles.loc[VOI, "dateline"] == "JAKARTA"
    assert articles.loc[SPUTNIK, "body"].startswith("On Saturday, the US State Department said")
    assert articles.loc[VOI, "body"].rstrip().endswith("has killed more than 14,000 people.")


def test_report_is_self_contained_and_readable(seeds_run):
    page = (seeds_run.run.root / "report.html").read_text(encoding="utf-8")
    assert "Sputnik International" in page and "VOI (Jakarta)" in page
    assert "data:image/png;base64," in page  # figures are embedded
    assert "<script src=" not in page  # nothing fetched from the network
    assert "In&nbsp;[" not in page and "In [" not in page  # no code prompts
    assert "ingest_folder(" not in page  # no code cells


def test_same_input_twice_gives_identical_tables(seeds_run, tmp_path):
    again = run_suite(SEEDS, tmp_path / "again", render=False)
    first, second = seeds_run.run.data, again.run.data
    tables = sorted(p.name for p in first.glob("*.csv"))
    assert tables == sorted(p.name for p in second.glob("*.csv"))
    for name in tables:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    # A re-run into the same folder finds the stored parse instead of parsing again.
    rerun = run_suite(SEEDS, tmp_path / "again", render=False)
    parse_info = json.loads((rerun.run.root / "parse.json").read_text())
    assert parse_info["parsed"] == 0 and parse_info["reused"] == 2


def test_mixed_folder_rejects_bad_files_and_analyses_the_rest(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    for name in (SPUTNIK, VOI):
        (folder / name).write_bytes((SEEDS / name).read_bytes())
    (folder / "copy_of_voi.txt").write_bytes((SEEDS / VOI).read_bytes())
    (folder / "empty.txt").write_text("")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "page.html").write_text(
        "<html><head><title>Talks resume in Geneva</title></head><body><nav>Home | World</nav>"
        "<article><h1>Talks resume in Geneva</h1>"
        + "".join(f"<p>Diplomats met again on Monday in Geneva, officials said, sentence {i} of the report, "
                  f"adding that the talks would continue through the week.</p>" for i in range(8))
        + "</article><footer>Subscribe to our newsletter</footer></body></html>",
        encoding="utf-8",
    )
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = run_suite(folder, tmp_path / "run", render=True)
    rejected = read_table(result.run, "rejected")
    assert sorted(rejected["file"]) == ["copy_of_voi.txt", "empty.txt", "photo.txt"]
    reasons = dict(zip(rejected["file"], rejected["reason"]))
    assert "empty" in reasons["empty.txt"].lower()
    assert "png" in reasons["photo.txt"].lower()
    assert VOI in reasons["copy_of_voi.txt"]
    articles = read_table(result.run, "articles")
    assert sorted(articles["file"]) == [SPUTNIK, VOI, "page.html"]
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before  # input untouched
    page = (result.run.root / "report.html").read_text(encoding="utf-8")
    assert "photo.txt" in page


def test_script_in_an_article_is_shown_not_run(hostile_run):
    page = (hostile_run.run.root / "report.html").read_text(encoding="utf-8")
    assert SCRIPT_PAYLOAD not in page and IMG_PAYLOAD not in page
    assert "&lt;script&gt;document.body.setAttribute" in page


def test_folder_without_usable_articles_fails_with_a_clear_message(tmp_path):
    folder = tmp_path / "nothing"
    folder.mkdir()
    (folder / "empty.txt").write_text("")
    with pytest.raises(RunFailed, match="01-ingest.*NoUsableArticles"):
        run_suite(folder, tmp_path / "run")
    manifest = json.loads((tmp_path / "run" / "manifest.json").read_text())
    assert manifest["status"] == "failed"
    assert manifest["timings"]["notebooks"][0]["status"] == "failed"


def test_command_line_exits_non_zero_on_failure(tmp_path):
    folder = tmp_path / "nothing"
    folder.mkdir()
    (folder / "notes.docx").write_bytes(b"PK\x03\x04 not really a document")
    proc = subprocess.run([sys.executable, "-m", "newsprism.cli", "run", str(folder), "--out", str(tmp_path / "run")],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert "01-ingest" in proc.stderr and "notes.docx" in proc.stderr


def test_teaching_mode_asks_before_it_answers(teaching_run):
    page = (teaching_run.run.root / "report.html").read_text(encoding="utf-8")
    questions = page.count('class="lesson-question"')
    answers = page.count('<details class="lesson-answer">')
    assert questions >= 4 and answers >= questions
    # Every question comes before the answer it hides.
    first_question = page.index('class="lesson-question"')
    assert first_question < page.index('<details class="lesson-answer">')
    # The findings are inside a folded answer, not open on the page.
    findings_at = page.index('<ol class="findings')
    opened = page.rfind('<details class="lesson-answer">', 0, findings_at)
    assert opened != -1 and page.rfind("</details>", opened, findings_at) == -1
    # The lesson pack is written beside the report, which links it.
    for name in ("student.html", "worksheet.html", "answers.html"):
        assert (teaching_run.run.root / name).is_file() and f'<a href="{name}">' in page, name


GERMAN = (
    "Die Gespräche zwischen den Außenministern wurden am Montag in Genf fortgesetzt, sagten Diplomaten.\n"
    "Beide Seiten erklärten nach dem Treffen, man wolle die Verhandlungen in der kommenden Woche weiterführen. "
    "Ein Sprecher des Ministeriums sagte, die Lage an der Grenze bleibe angespannt, doch der Weg der Diplomatie "
    "sei weiterhin offen.\n"
)


def test_mixed_hostile_folder_names_every_problem_on_the_console_and_atop_the_report(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    for name in (SPUTNIK, VOI):
        (folder / name).write_bytes((SEEDS / name).read_bytes())
    (folder / "empty.txt").write_text("")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n" * 20)
    (folder / "passwd.txt").symlink_to(secret)
    (folder / "bericht.txt").write_text(GERMAN, encoding="utf-8")
    before = {p.name: p.read_bytes() for p in folder.iterdir() if not p.is_symlink()}
    out = tmp_path / "run"
    proc = subprocess.run([sys.executable, "-m", "newsprism.cli", "run", str(folder), "--out", str(out)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    console = proc.stderr
    for name, reason in (("empty.txt", "empty"), ("photo.txt", "PNG"), ("passwd.txt", "outside the input folder"),
                         ("bericht.txt", "German")):
        assert re.search(rf"not analysed: {re.escape(name)}: .*{reason}", console), (name, console)
    assert "4 input(s) not analysed" in console
    page = (out / "report.html").read_text(encoding="utf-8")
    box = page[page.index('<aside class="input-problems">'):page.index("</aside>")]
    assert page.index('<aside class="input-problems">') < page.index('<section class="notebook"')
    for name in ("empty.txt", "photo.txt", "passwd.txt", "bericht.txt"):
        assert name in box
    assert "root:x:0:0" not in page  # the linked file was never read
    assert "root:x:0:0" not in (out / "data" / "articles.csv").read_text(encoding="utf-8")
    articles = read_table(RunFolder(out), "articles")
    assert sorted(articles["file"]) == [SPUTNIK, VOI]
    assert {p.name: p.read_bytes() for p in folder.iterdir() if not p.is_symlink()} == before


def test_the_lesson_command_writes_the_pack_into_an_earlier_run_without_running_it_again(seeds_run, tmp_path, capsys):
    from newsprism.cli import main

    earlier = tmp_path / "earlier"
    shutil.copytree(seeds_run.run.root, earlier)
    # data/ holds the tables and, in data/parts/, the per-article parts they were read from
    tables_before = {p.relative_to(earlier): p.read_bytes() for p in (earlier / "data").rglob("*") if p.is_file()}
    assert main(["lesson", str(earlier)]) == 0
    assert "lesson pack:" in capsys.readouterr().out
    assert {p.relative_to(earlier): p.read_bytes() for p in (earlier / "data").rglob("*") if p.is_file()} == tables_before
    report = (earlier / "report.html").read_text(encoding="utf-8")
    for name in ("student.html", "worksheet.html", "answers.html"):
        assert (earlier / name).is_file() and f'<a href="{name}">' in report, name
    # A run folder takes neither --out nor parameters; a folder that is neither is refused by name.
    assert main(["lesson", str(earlier), "--out", str(tmp_path / "elsewhere")]) == 1
    assert "is a run folder" in capsys.readouterr().err
    assert main(["lesson", str(tmp_path / "missing")]) == 1
    assert "missing does not exist" in capsys.readouterr().err
