"""When the runner starts each notebook's kernel: beside the notebook before it, except beside a large folder's 01."""

from __future__ import annotations

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from conftest import SEEDS
from newsprism.run.runner import KERNEL_NAME, run_suite


def _notebook(path, *cells):
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": KERNEL_NAME, "display_name": "newsprism", "language": "python"}
    nb.cells = list(cells)
    nbformat.write(nb, path)
    return path


@pytest.mark.parametrize("many", [False, True])
def test_the_next_kernel_waits_beside_01_only_for_a_small_folder(tmp_path, monkeypatch, many):
    from newsprism.run import runner

    # With a large folder, 02's kernel starts when 01 is done: idle beside it, it would hold memory for minutes.
    monkeypatch.setattr(runner, "MANY_INPUTS", 1 if many else 10_000)
    folder = tmp_path / "notebooks"
    folder.mkdir()
    seen = tmp_path / "kernels-beside-01"
    params = new_code_cell("input_dir = ''\nrun_dir = ''")
    params.metadata["tags"] = ["parameters"]
    # 01 waits long enough for a kernel started beside it to be up, then counts the runner's other kernels.
    _notebook(folder / "01-first.ipynb", params, new_code_cell(
        "import os, time, psutil\n"
        "time.sleep(4)\n"
        "others = [p for p in psutil.Process(os.getppid()).children() if p.pid != os.getpid()\n"
        "          and 'ipykernel' in ' '.join(p.cmdline())]\n"
        f"open({str(seen)!r}, 'w').write(str(len(others)))"))
    _notebook(folder / "02-second.ipynb", params, new_code_cell("print('second')"))
    result = run_suite(SEEDS, tmp_path / "run", notebooks_dir=folder, render=False)
    assert [nb.status for nb in result.notebooks] == ["ok", "ok"]
    assert seen.read_text() == ("0" if many else "1")


def _kernels_of_this_process():
    import psutil

    return [p for p in psutil.Process().children(recursive=True) if "ipykernel" in " ".join(p.cmdline())]


def test_a_run_refused_after_the_first_kernel_started_leaves_no_kernel_running(tmp_path):
    # The first notebook's kernel starts while the run is planned; a parameter the notebooks do not declare is
    # refused by the plan, after that start, and the kernel goes with the refusal.
    with pytest.raises(ValueError, match="no_such_parameter"):
        run_suite(SEEDS, tmp_path / "run", overrides={"no_such_parameter": 1}, render=False)
    assert _kernels_of_this_process() == []
    assert not (tmp_path / "run").exists()


def test_a_mistyped_input_folder_is_refused_before_any_kernel_starts(tmp_path, monkeypatch):
    from newsprism.run import runner

    started = []
    monkeypatch.setattr(runner, "start_warm_kernel", lambda *args: started.append(args))
    with pytest.raises(FileNotFoundError, match="does not exist"):
        run_suite(tmp_path / "no-such-folder", tmp_path / "run", render=False)
    assert started == []
