"""Run the numbered notebooks end to end with papermill, in one process.

``run_suite("seeds")`` executes ``notebooks/01-*.ipynb``, ``02-*`` … in order on
the project's Jupyter kernel, writes the executed copies, tables and figures
into one run folder, renders ``report.html`` and records a ``manifest.json``
saying exactly what ran on what.
"""

from __future__ import annotations

import hashlib
import json
import logging
import platform
import re
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

import papermill
from tqdm.auto import tqdm

from newsprism.runfolder import PROJECT_ROOT, RunFolder

log = logging.getLogger("newsprism")

KERNEL_NAME = "newsprism"
NOTEBOOK_NAME = re.compile(r"^\d\d-[\w-]+\.ipynb$")
# Parameters every notebook may declare; the runner always fills them in.
RUN_PARAMETERS = ("input_dir", "run_dir")
KEY_PACKAGES = (
    "newsprism", "spacy", "pandas", "pyarrow", "matplotlib", "papermill",
    "nbconvert", "ipykernel", "trafilatura", "py3langid",
)


class RunFailed(RuntimeError):
    """A notebook failed; the message names it and the cell's error."""


@dataclass
class NotebookRun:
    name: str
    seconds: float
    status: str  # "ok" or "failed"
    error: str = ""


@dataclass
class RunResult:
    run: RunFolder
    notebooks: list[NotebookRun] = field(default_factory=list)
    report: Path | None = None

    @property
    def ok(self) -> bool:
        return all(nb.status == "ok" for nb in self.notebooks)


# Imported by a waiting kernel before its notebook starts: every notebook needs them, and
# importing them takes most of a notebook's start-up. Only modules are loaded, no variable
# is defined, so the notebook still runs from a clean namespace.
WARM_IMPORTS = "import newsprism.nlp, newsprism.runfolder, pandas, matplotlib.pyplot"


class _ForeignClientFilter(logging.Filter):
    """Drop jupyter_client's warning about a kernel client that nbclient leaves open.

    nbclient closes the channels of its client only when it created the kernel
    itself; with a kernel handed over by the runner it leaves them to garbage
    collection, which warns. The runner shuts each kernel down itself.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return "Could not destroy zmq context" not in record.getMessage()


logging.getLogger("traitlets").addFilter(_ForeignClientFilter())


def start_warm_kernel(kernel: str, cwd: Path):
    """Start a kernel in ``cwd`` and pre-import the heavy modules; returns its manager.

    The runner calls this for the next notebook while the current one runs, so a
    notebook's kernel start and imports overlap with the previous notebook's work.
    """
    from jupyter_client.manager import KernelManager

    manager = KernelManager(kernel_name=kernel)
    manager.start_kernel(cwd=str(cwd))
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=120)
        client.execute_interactive(WARM_IMPORTS, silent=True, store_history=False, timeout=120)
    finally:
        client.stop_channels()
    return manager


def discover_notebooks(folder: str | Path | None = None) -> list[Path]:
    """The numbered notebooks (``NN-name.ipynb``) of ``folder``, in run order.

    >>> [p.name for p in discover_notebooks()][:1]
    ['01-ingest.ipynb']
    """
    folder = Path(folder) if folder else PROJECT_ROOT / "notebooks"
    return sorted(p for p in folder.glob("*.ipynb") if NOTEBOOK_NAME.match(p.name))


def parse_parameter(pair: str) -> tuple[str, object]:
    """Turn a ``NAME=VALUE`` command-line override into a typed pair.

    >>> parse_parameter("top_n=10"), parse_parameter("teaching=true"), parse_parameter("model=en_core_web_sm")
    (('top_n', 10), ('teaching', True), ('model', 'en_core_web_sm'))
    """
    name, sep, raw = pair.partition("=")
    if not sep or not name.isidentifier():
        raise ValueError(f"parameter {pair!r} is not NAME=VALUE")
    lowered = raw.strip().lower()
    if lowered in ("true", "false"):
        return name, lowered == "true"
    for cast in (int, float):
        try:
            return name, cast(raw)
        except ValueError:
            pass
    return name, raw


def register_kernel(name: str = KERNEL_NAME) -> Path:
    """Register a Jupyter kernel called ``name`` that runs this Python, inside this environment.

    It is installed into this environment's prefix, so it never leaks into
    another project's Jupyter. The kernel's own start-up log is limited to
    errors: its transport warning would otherwise print once per notebook.
    """
    from ipykernel.kernelspec import install

    folder = Path(install(kernel_name=name, display_name=f"Python ({name})", prefix=sys.prefix))
    spec_file = folder / "kernel.json"
    spec = json.loads(spec_file.read_text(encoding="utf-8"))
    if "--IPKernelApp.log_level=ERROR" not in spec["argv"]:
        spec["argv"].append("--IPKernelApp.log_level=ERROR")
    spec_file.write_text(json.dumps(spec, indent=1) + "\n", encoding="utf-8")
    return folder


def ensure_kernel(name: str = KERNEL_NAME) -> str:
    """Make sure a Jupyter kernel called ``name`` exists; register it for this Python if missing."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec(name)
    except NoSuchKernel:
        register_kernel(name)
        log.warning("registered Jupyter kernel %r for %s", name, sys.executable)
    return name


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def package_versions() -> dict[str, str]:
    """Versions of Python and the packages whose behaviour shapes the results."""
    versions = {"python": platform.python_version()}
    for name in KEY_PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def _input_files(input_dir: Path) -> list[dict]:
    # The files ingest looks at: the top level of the folder, as it reads no subfolders.
    files = sorted(p for p in input_dir.iterdir() if p.is_file())
    return [
        {"file": str(p.relative_to(input_dir)), "bytes": p.stat().st_size, "sha256": sha256_file(p)}
        for p in files
    ]


def _declared_parameters(notebook: Path) -> set[str]:
    return set(papermill.inspect_notebook(str(notebook)))


def _describe_failure(notebook: Path, error: Exception) -> str:
    if isinstance(error, papermill.PapermillExecutionError):
        return (
            f"notebook {notebook.stem} failed in cell {error.cell_index} "
            f"(In [{error.exec_count}]): {error.ename}: {error.evalue}"
        )
    return f"notebook {notebook.stem} failed: {type(error).__name__}: {error}"


def run_suite(
    input_dir: str | Path = "seeds",
    out_dir: str | Path | None = None,
    overrides: dict | None = None,
    notebooks_dir: str | Path | None = None,
    kernel: str = KERNEL_NAME,
    render: bool = True,
) -> RunResult:
    """Execute every numbered notebook on ``input_dir`` into the run folder ``out_dir``.

    ``out_dir`` defaults to ``outputs/<name of input_dir>``. Raises
    :class:`RunFailed` when a notebook fails, after writing the executed
    notebooks and a manifest that says which one failed.

    >>> result = run_suite("seeds", "/tmp/np-seeds")  # doctest: +SKIP
    >>> (result.run.root / "report.html").exists()  # doctest: +SKIP
    True
    """
    input_dir = Path(input_dir).expanduser().resolve()
    if not input_dir.is_dir():
        raise FileNotFoundError(f"input folder {input_dir} does not exist or is not a folder")
    run = RunFolder(out_dir or PROJECT_ROOT / "outputs" / input_dir.name)
    if input_dir == run.root or input_dir in run.root.parents:
        raise ValueError(f"the run folder {run.root} lies inside the input folder {input_dir}; choose another --out")
    # Tables left by an earlier run would be read as if this run had written them.
    if run.clear_results():
        log.warning("replacing the results of an earlier run in %s (its stored parse is kept)", run.root)
    run.create()
    notebooks = discover_notebooks(notebooks_dir)
    if not notebooks:
        raise FileNotFoundError(f"no numbered notebooks (NN-name.ipynb) in {notebooks_dir or PROJECT_ROOT / 'notebooks'}")
    overrides = dict(overrides or {})
    declared = {nb: _declared_parameters(nb) for nb in notebooks}
    unknown = set(overrides) - set().union(*declared.values())
    if unknown:
        known = sorted(set().union(*declared.values()) - set(RUN_PARAMETERS))
        raise ValueError(f"unknown parameter(s) {sorted(unknown)}; the notebooks accept: {known}")
    kernel = ensure_kernel(kernel)

    base = {"input_dir": str(input_dir), "run_dir": str(run.root), **overrides}
    result = RunResult(run=run)
    started = time.perf_counter()
    # Written first so the summary notebook can show provenance; completed at the end.
    _write_manifest(run, input_dir, base, kernel, result, 0.0, status="running")
    failure = ""
    # The bar shows on a terminal only; logs (CI, papermill in a pipeline) get one line per notebook.
    progress = tqdm(notebooks, unit="notebook", desc="newsprism", file=sys.stderr, disable=None, leave=False)
    with ThreadPoolExecutor(max_workers=1) as starter:
        waiting = starter.submit(start_warm_kernel, kernel, notebooks[0].parent)
        for index, notebook in enumerate(progress):
            progress.set_postfix_str(notebook.stem)
            parameters = {k: v for k, v in base.items() if k in declared[notebook]}
            t0 = time.perf_counter()
            manager = None
            try:
                manager = waiting.result()
                if index + 1 < len(notebooks):
                    waiting = starter.submit(start_warm_kernel, kernel, notebooks[index + 1].parent)
                papermill.execute_notebook(
                    str(notebook),
                    str(run.notebooks / notebook.name),
                    parameters=parameters,
                    kernel_name=kernel,
                    cwd=str(notebook.parent),
                    progress_bar=False,
                    km=manager,
                )
            except Exception as error:  # any failure stops the run; keep what was written
                failure = _describe_failure(notebook, error)
                result.notebooks.append(NotebookRun(notebook.stem, time.perf_counter() - t0, "failed", failure))
                break
            finally:
                if manager is not None:
                    manager.shutdown_kernel(now=True)
            seconds = time.perf_counter() - t0
            result.notebooks.append(NotebookRun(notebook.stem, seconds, "ok"))
            tqdm.write(f"{notebook.stem:<14} {seconds:6.1f} s", file=sys.stderr)
        if not waiting.done() or index + 1 < len(notebooks):
            # A kernel started for a notebook that will not run (the run stopped): shut it down.
            try:
                waiting.result().shutdown_kernel(now=True)
            except Exception:
                pass
    progress.close()

    if not failure and render:
        from newsprism.report import render_report

        result.report = render_report(run, [run.notebooks / nb.name for nb in notebooks])
    _write_manifest(run, input_dir, base, kernel, result, time.perf_counter() - started,
                    status="ok" if result.ok else "failed")
    if failure:
        raise RunFailed(f"{failure}\n  executed notebook kept at {run.notebooks}; details in {run.root / 'manifest.json'}")
    return result


def _write_manifest(run: RunFolder, input_dir: Path, parameters: dict, kernel: str,
                    result: RunResult, seconds: float, status: str) -> Path:
    parse_info = run.parse_info
    manifest = {
        "newsprism": metadata.version("newsprism"),
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "status": status,
        "input_dir": str(input_dir),
        "run_dir": str(run.root),
        "inputs": _input_files(input_dir),
        "parameters": parameters,
        "kernel": kernel,
        "model": json.loads(parse_info.read_text())["model"] if parse_info.exists() else None,
        "versions": package_versions(),
        "timings": {
            "notebooks": [asdict(nb) for nb in result.notebooks],
            "total_seconds": round(seconds, 2),
        },
    }
    path = run.root / "manifest.json"
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
