"""Which notebooks run at the same time: those whose metadata says they need only notebooks already done."""

from __future__ import annotations

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from conftest import SEEDS
from newsprism.run.runner import KERNEL_NAME, RunFailed, discover_notebooks, notebook_needs, plan_run, run_suite


def _notebook(path, code: str, needs: list[str] | None = None):
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": KERNEL_NAME, "display_name": "newsprism", "language": "python"}
    if needs is not None:
        nb.metadata["newsprism"] = {"needs": needs}
    params = new_code_cell("input_dir = ''\nrun_dir = ''\nfail = False")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, new_code_cell(code)]
    nbformat.write(nb, path)
    return path


def _timed(name: str, log) -> str:
    # Each notebook notes when it started and ended, then the test reads the intervals.
    return (f"import time\nstart = time.time()\ntime.sleep(3)\n"
            f"if fail and {name!r} == '02-left':\n    raise RuntimeError('left failed')\n"
            f"open({str(log)!r}, 'a').write(f'{name} {{start}} {{time.time()}}\\n')")


def _intervals(log) -> dict[str, tuple[float, float]]:
    rows = [line.split() for line in log.read_text().splitlines()]
    return {name: (float(start), float(end)) for name, start, end in rows}


@pytest.fixture
def fan_out(tmp_path):
    """01, then 02 and 03 that need only 01, then 04 that needs them all (no metadata)."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    log = tmp_path / "times.txt"
    _notebook(folder / "01-first.ipynb", _timed("01-first", log))
    _notebook(folder / "02-left.ipynb", _timed("02-left", log), needs=["01-first"])
    _notebook(folder / "03-right.ipynb", _timed("03-right", log), needs=["01-first"])
    _notebook(folder / "04-last.ipynb", _timed("04-last", log))
    return folder, log


def test_notebooks_that_need_only_01_run_at_the_same_time_and_the_rest_waits(fan_out, tmp_path, monkeypatch):
    from newsprism.run import runner

    monkeypatch.setattr(runner, "default_workers", lambda: 2)
    folder, log = fan_out
    result = run_suite(SEEDS, tmp_path / "run", notebooks_dir=folder, render=False)
    assert [nb.name for nb in result.notebooks] == ["01-first", "02-left", "03-right", "04-last"]
    assert all(nb.status == "ok" for nb in result.notebooks)
    times = _intervals(log)
    assert times["02-left"][0] >= times["01-first"][1] and times["03-right"][0] >= times["01-first"][1]
    # 02 and 03 overlap: each started before the other ended.
    assert times["02-left"][0] < times["03-right"][1] and times["03-right"][0] < times["02-left"][1]
    assert times["04-last"][0] >= max(times["02-left"][1], times["03-right"][1])


@pytest.mark.parametrize("few_inputs", [True, False])
def test_with_few_inputs_one_notebook_more_than_the_cores_runs_at_once(few_inputs, tmp_path, monkeypatch):
    from newsprism.run import runner

    monkeypatch.setattr(runner, "default_workers", lambda: 2)
    monkeypatch.setattr(runner, "FEW_INPUTS_FOR_ONE_MORE", 10_000 if few_inputs else 1)
    folder, log = tmp_path / "notebooks", tmp_path / "times.txt"
    folder.mkdir()
    _notebook(folder / "01-first.ipynb", _timed("01-first", log))
    for name in ("02-a", "03-b", "04-c"):
        _notebook(folder / f"{name}.ipynb", _timed(name, log), needs=["01-first"])
    assert run_suite(SEEDS, tmp_path / "run", notebooks_dir=folder, render=False).ok
    times = _intervals(log)
    # The latest of the three to start started before the first of them ended: all three ran at once.
    at_once = max(times[n][0] for n in ("02-a", "03-b", "04-c")) < min(times[n][1] for n in ("02-a", "03-b", "04-c"))
    assert at_once == few_inputs


def test_one_core_runs_one_notebook_at_a_time(fan_out, tmp_path, monkeypatch):
    from newsprism.run import runner

    monkeypatch.setattr(runner, "default_workers", lambda: 1)
    folder, log = fan_out
    assert run_suite(SEEDS, tmp_path / "run", notebooks_dir=folder, render=False).ok
    ordered = sorted(_intervals(log).values())
    assert all(earlier[1] <= later[0] for earlier, later in zip(ordered, ordered[1:]))


def test_a_failed_notebook_lets_the_one_beside_it_finish_and_starts_no_other(fan_out, tmp_path, monkeypatch):
    from newsprism.run import runner

    monkeypatch.setattr(runner, "default_workers", lambda: 2)
    folder, log = fan_out
    with pytest.raises(RunFailed, match="notebook 02-left failed .*left failed"):
        run_suite(SEEDS, tmp_path / "run", {"fail": True}, notebooks_dir=folder, render=False)
    assert sorted(_intervals(log)) == ["01-first", "03-right"]


def test_a_notebook_needing_one_that_does_not_come_before_it_is_refused(tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    _notebook(folder / "01-first.ipynb", "pass", needs=["02-second"])
    _notebook(folder / "02-second.ipynb", "pass")
    with pytest.raises(ValueError, match="01-first.ipynb needs 02-second, which is not a notebook before it"):
        plan_run(SEEDS, tmp_path / "run", notebooks_dir=folder)


def test_the_project_notebooks_02_to_04_need_only_01_and_05_needs_them_all():
    notebooks = discover_notebooks()
    needs = {nb.stem: notebook_needs(nb, notebooks[:i]) for i, nb in enumerate(notebooks)}
    assert needs["02-entities"] == needs["03-quotes"] == needs["04-framing"] == {"01-ingest"}
    assert needs["05-summary"] == {"01-ingest", "02-entities", "03-quotes", "04-framing"}
