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
