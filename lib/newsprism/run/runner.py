"""Run the numbered notebooks end to end with papermill, in one process.

``run_suite("seeds")`` executes ``notebooks/01-*.ipynb``, ``02-*`` … in order on
the project's Jupyter kernel, writes the executed copies, tables and figures
into one run folder, renders ``report.html`` and records a ``manifest.json``
saying exactly what ran on what.
"""

from __future__ import annotations

import ast
import hashlib
import json
import logging
import os
import platform
import re
import shutil
import sys
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

from tqdm.auto import tqdm

from newsprism.ingest.folder import entry_problem, printable_name
from newsprism.run.runfolder import MARKER, PROJECT_ROOT, RUN_ENTRIES, RunFolder, default_run_dir, write_marker
from newsprism.text.parallel import default_workers

log = logging.getLogger("newsprism")

KERNEL_NAME = "newsprism"
NOTEBOOK_NAME = re.compile(r"^\d\d-[\w-]+\.ipynb$")
# Parameters every notebook may declare; the runner always fills them in.
RUN_PARAMETERS = ("input_dir", "run_dir")
# Inside the run folder: the lock of the run writing there, and the folder it writes into
# until every notebook has finished.
LOCK_NAME = ".newsprism-lock"
STAGING_NAME = ".newsprism-partial"
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
    seconds: float = 0.0  # the whole run, report included (notebooks that run at once overlap)

    @property
    def ok(self) -> bool:
        return all(nb.status == "ok" for nb in self.notebooks)


# Imported by a waiting kernel before its notebook starts: every notebook needs them, and
# importing them takes most of a notebook's start-up. Only modules are loaded, no variable
# is defined, so the notebook still runs from a clean namespace.
WARM_IMPORTS = "import newsprism.text.nlp, newsprism.run.runfolder, pandas, matplotlib.pyplot"
#: From this many input files, 02's kernel starts when 01 is done rather than beside it (see ``_execute``).
MANY_INPUTS = 500
#: Below this many input files, one notebook more than the machine has cores runs at once (see ``_execute``).
FEW_INPUTS_FOR_ONE_MORE = 3_000


class _ForeignClientFilter(logging.Filter):
    """Drop jupyter_client's warning about a kernel client that nbclient leaves open.

    nbclient closes the channels of its client only when it created the kernel
    itself; with a kernel handed over by the runner it leaves them to garbage
    collection, which warns. The runner shuts each kernel down itself.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return "Could not destroy zmq context" not in record.getMessage()


logging.getLogger("traitlets").addFilter(_ForeignClientFilter())


# Kernels start in several threads at once (the first one while the run is planned, the next ones beside it);
# jupyter_client picks each kernel's ports through a cache that is not safe across threads, and two kernels given
# one port fail ("Address already in use", seen once in a full test run). Only the launch is serialised
# (milliseconds); the kernels boot and import at the same time.
_KERNEL_LAUNCH = threading.Lock()


def start_warm_kernel(kernel: str, cwd: Path):
    """Start a kernel in ``cwd`` and pre-import the heavy modules; returns its manager.

    The runner calls this for the next notebook while the current one runs, so a
    notebook's kernel start and imports overlap with the previous notebook's work.
    """
    from jupyter_client.manager import KernelManager

    manager = KernelManager(kernel_name=kernel)
    with _KERNEL_LAUNCH:
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
    """Split a ``NAME=VALUE`` command-line override, typing the value as it looks.

    The final type is the notebook's: :func:`typed_parameters` checks each value
    against the default in the ``parameters`` cell, so ``teaching=no`` becomes False.

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


TRUE_WORDS = ("true", "yes", "on", "1")
FALSE_WORDS = ("false", "no", "off", "0")
TYPE_WORDS = {bool: "true or false", int: "a whole number", float: "a number", str: "text"}


def _as_type(name: str, value: object, kind: type) -> object:
    """``value`` as the type ``kind`` of a notebook parameter, or ValueError saying what was expected."""
    text = str(value).strip()
    problem = f"parameter {name} must be {TYPE_WORDS.get(kind, kind.__name__)}, not {value!r}"
    if kind is bool:
        if isinstance(value, bool):
            return value
        if text.lower() in TRUE_WORDS:
            return True
        if text.lower() in FALSE_WORDS:
            return False
        raise ValueError(f"{problem} (write {name}=true or {name}=false)")
    if kind is int:
        if isinstance(value, bool):
            raise ValueError(problem)
        if isinstance(value, int):
            return value
        if re.fullmatch(r"[+-]?\d+", text):
            return int(text)
        raise ValueError(problem)
    if kind is float:
        if isinstance(value, bool):
            raise ValueError(problem)
        try:
            return float(value)
        except (TypeError, ValueError):
            raise ValueError(problem) from None
    if kind is str:
        return value if isinstance(value, str) else str(value)
    return value


def notebook_parameters(notebook: Path) -> dict[str, object]:
    """The parameters a notebook declares, with their default values.

    >>> notebook_parameters(discover_notebooks()[0])["max_mb"]
    5.0
    """
    import papermill  # here, not at the top: its import (1 s) runs while the first notebook's kernel starts

    declared = papermill.inspect_notebook(str(notebook))
    defaults = {}
    for name, info in declared.items():
        try:
            defaults[name] = ast.literal_eval(info["default"])
        except (ValueError, SyntaxError):
            defaults[name] = info["default"]
    return defaults


def notebook_needs(notebook: Path, earlier: list[Path]) -> set[str]:
    """The earlier notebooks whose tables ``notebook`` reads: those its metadata names, else every one of ``earlier``.

    A notebook says so in its metadata, ``"newsprism": {"needs": ["01-ingest"]}``; the runner runs notebooks
    that do not need each other at the same time. A name that is not an earlier notebook is refused.

    >>> notebooks = discover_notebooks()
    >>> sorted(notebook_needs(notebooks[2], notebooks[:2])), len(notebook_needs(notebooks[4], notebooks[:4]))
    (['01-ingest'], 4)
    """
    metadata = json.loads(notebook.read_text(encoding="utf-8")).get("metadata", {})
    named = metadata.get("newsprism", {}).get("needs")
    stems = [path.stem for path in earlier]
    if named is None:
        return set(stems)
    unknown = [name for name in named if name not in stems]
    if unknown:
        raise ValueError(f"notebook {notebook.name} needs {', '.join(unknown)}, which is not a notebook before it in "
                         f"{notebook.parent}; correct its metadata (newsprism.needs)")
    return set(named)


def typed_parameters(overrides: dict, declared: dict[str, dict]) -> dict:
    """Check ``overrides`` against every notebook's declared parameters and give them the declared types.

    Refuses, with one message listing every problem: a name no notebook declares,
    the run's own ``input_dir`` and ``run_dir`` (set by the command's arguments),
    and a value that does not fit the parameter's type.

    >>> declared = {"05-summary": {"teaching": False, "min_count": 2, "model": ""}}
    >>> typed_parameters({"teaching": "no", "min_count": "3"}, declared)
    {'teaching': False, 'min_count': 3}
    >>> typed_parameters({"teaching": "maybe"}, declared)
    Traceback (most recent call last):
    ...
    ValueError: parameter teaching must be true or false, not 'maybe' (write teaching=true or teaching=false)
    """
    defaults: dict[str, object] = {}
    for parameters in declared.values():
        for name, default in parameters.items():
            defaults.setdefault(name, default)
    problems, typed = [], {}
    for name, value in overrides.items():
        if name in RUN_PARAMETERS:
            problems.append(
                f"{name} cannot be set with -p: give the input folder as the first argument and the run folder with --out"
            )
        elif name not in defaults:
            known = sorted(set(defaults) - set(RUN_PARAMETERS))
            problems.append(f"unknown parameter {name!r}; the notebooks accept: {', '.join(known)}")
        else:
            kind = type(defaults[name]) if defaults[name] is not None else str
            try:
                typed[name] = _as_type(name, value, kind)
            except ValueError as error:
                problems.append(str(error))
    if problems:
        raise ValueError("; ".join(problems))
    return typed


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


def _input_entry(path: Path, input_dir: Path, max_bytes: int) -> dict:
    """A file's row in the manifest; a file ingest does not read is described, never read or hashed.

    Whether ingest reads it is ingest's own rule (:func:`newsprism.ingest.folder.entry_problem`).
    """
    entry = {"file": printable_name(path.name), "bytes": None, "sha256": ""}
    problem = entry_problem(path, input_dir)
    if problem:
        entry["note"] = problem
        return entry
    try:
        entry["bytes"] = path.stat().st_size
        if entry["bytes"] > max_bytes:
            entry["note"] = "over the size limit: not read"
            return entry
        entry["sha256"] = sha256_file(path)
    except OSError as error:  # e.g. an unreadable file
        entry["note"] = f"cannot be read: {error.strerror or error}"
    return entry


def _input_files(input_dir: Path, max_bytes: int = 5_000_000) -> list[dict]:
    # The entries ingest looks at: the top level of the folder (subfolders are named as rejects).
    entries = sorted((p for p in input_dir.iterdir() if not p.is_dir() or p.is_symlink()), key=lambda p: p.name)
    return [_input_entry(p, input_dir, max_bytes) for p in entries]


def _describe_failure(notebook: Path, error: Exception) -> str:
    import papermill

    if isinstance(error, papermill.PapermillExecutionError):
        return (
            f"notebook {notebook.stem} failed in cell {error.cell_index} "
            f"(In [{error.exec_count}]): {error.ename}: {error.evalue}"
        )
    return f"notebook {notebook.stem} failed: {type(error).__name__}: {error}"


class RunLocked(RuntimeError):
    """Another newsprism run is writing into the same run folder."""


@dataclass
class RunPlan:
    """Everything a run needs, checked before anything is written: see :func:`plan_run`."""

    input_dir: Path
    run: RunFolder
    notebooks: list[Path]
    declared: dict[str, dict]
    parameters: dict
    kernel: str
    needs: dict[str, set[str]] = field(default_factory=dict)  # by notebook: the notebooks whose tables it reads


def checked_folders(input_dir: str | Path, out_dir: str | Path | None = None) -> tuple[Path, RunFolder]:
    """The input folder (resolved) and the run folder of a run, once the folders are checked (see :func:`plan_run`).

    >>> checked_folders("seeds", "seeds")
    Traceback (most recent call last):
    ...
    ValueError: the run folder and the input folder are the same (.../seeds); choose another --out
    """
    input_dir = Path(input_dir).expanduser()
    if not input_dir.is_dir():
        raise FileNotFoundError(f"input folder {input_dir} does not exist or is not a folder")
    input_dir = input_dir.resolve()
    run = RunFolder(out_dir or default_run_dir(input_dir))
    if run.root == input_dir:
        raise ValueError(f"the run folder and the input folder are the same ({input_dir}); choose another --out")
    if input_dir in run.root.parents:
        raise ValueError(f"the run folder {run.root} lies inside the input folder {input_dir}; choose another --out")
    if run.root in input_dir.parents:
        raise ValueError(
            f"the input folder {input_dir} lies inside the run folder {run.root}; "
            "a run folder holds only what newsprism writes: choose another --out"
        )
    run.check_writable()
    return input_dir, run


def plan_run(
    input_dir: str | Path,
    out_dir: str | Path | None = None,
    overrides: dict | None = None,
    notebooks_dir: str | Path | None = None,
    kernel: str = KERNEL_NAME,
) -> RunPlan:
    """Check the input folder, the run folder and the parameters of a run; touch nothing.

    Refuses (``ValueError``, ``FileNotFoundError`` or ``NotARunFolder``, each saying
    what to do): a missing input folder; a run folder that is the input folder,
    lies inside it or holds it; a run folder that is a user's (not empty and not
    written by newsprism); unknown, reserved or mistyped parameters.

    >>> plan_run("seeds", "seeds/run")
    Traceback (most recent call last):
    ...
    ValueError: the run folder .../seeds/run lies inside the input folder .../seeds; choose another --out
    """
    input_dir, run = checked_folders(input_dir, out_dir)
    notebooks = discover_notebooks(notebooks_dir)
    if not notebooks:
        raise FileNotFoundError(f"no numbered notebooks (NN-name.ipynb) in {notebooks_dir or PROJECT_ROOT / 'notebooks'}")
    declared = {nb.stem: notebook_parameters(nb) for nb in notebooks}
    parameters = typed_parameters(dict(overrides or {}), declared)
    needs = {notebook.stem: notebook_needs(notebook, notebooks[:number]) for number, notebook in enumerate(notebooks)}
    return RunPlan(input_dir, run, notebooks, declared, parameters, kernel, needs)


@contextmanager
def run_lock(run: RunFolder):
    """Hold the run folder's lock for one run; :class:`RunLocked` when another run holds it.

    Creates the run folder (with its marker) when it is new. The lock is the
    operating system's (``flock``), so a run that was killed never leaves it held.
    """
    import fcntl

    new = not run.root.exists()
    run.root.mkdir(parents=True, exist_ok=True)
    if not (run.root / MARKER).exists():
        write_marker(run.root)
    lock_path = run.root / LOCK_NAME
    handle = open(lock_path, "a+", encoding="utf-8")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise RunLocked(
                f"another newsprism run is writing into {run.root} ({holder}); "
                "wait for it to finish, or choose another --out"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"process {os.getpid()}, started {datetime.now().isoformat(timespec='seconds')}\n")
        handle.flush()
        yield new
    finally:
        handle.close()


def _link_tree(source: Path, destination: Path) -> None:
    """Copy a folder as hard links (cheap, same disk), or as copies where links are refused."""
    def link_or_copy(src, dst):
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)
    shutil.copytree(source, destination, copy_function=link_or_copy)


def _move_entries(source: Path, destination: Path) -> None:
    """Move the run's own entries (:data:`RUN_ENTRIES`) from ``source`` into ``destination``."""
    destination.mkdir(parents=True, exist_ok=True)
    for entry in RUN_ENTRIES:
        if (source / entry).exists():
            os.replace(source / entry, destination / entry)


def publish(staging: Path, run: RunFolder) -> None:
    """Replace the run folder's earlier results by the finished ones in ``staging``.

    Only the run's own entries move; anything else a user put into the run
    folder stays. The earlier results are set aside first and deleted last.
    """
    previous = staging / ".previous"
    _move_entries(run.root, previous)
    _move_entries(staging, run.root)
    shutil.rmtree(staging)


def _keep_failed_attempt(staging: Path, run: RunFolder) -> Path:
    """Where a failed run's notebooks and manifest go; earlier results in the run folder stay as they were."""
    if not (run.root / "manifest.json").exists():
        publish(staging, run)  # nothing earlier to keep: the run folder shows the failed run
        return run.root
    failed = run.root / "failed-run"
    if failed.exists():
        shutil.rmtree(failed)
    _move_entries(staging, failed)
    shutil.rmtree(staging)
    return failed


def _say(message: str) -> None:
    tqdm.write(message, file=sys.stderr)


def run_suite(
    input_dir: str | Path = "seeds",
    out_dir: str | Path | None = None,
    overrides: dict | None = None,
    notebooks_dir: str | Path | None = None,
    kernel: str = KERNEL_NAME,
    render: bool = True,
) -> RunResult:
    """Execute every numbered notebook on ``input_dir`` into the run folder ``out_dir``.

    ``out_dir`` defaults to ``outputs/<name of input_dir>`` under the working
    directory. Everything is checked first (:func:`plan_run`); the notebooks then
    write into a staging folder inside the run folder, and the earlier results
    are replaced only when every notebook has finished. A failed or interrupted
    run leaves earlier results as they were: :class:`RunFailed` says where the
    failed notebooks are; a second run into the same folder at the same time is
    refused with :class:`RunLocked`.

    >>> result = run_suite("seeds", "outputs/seeds")  # doctest: +SKIP
    >>> (result.run.root / "report.html").exists()  # doctest: +SKIP
    True
    """
    checked_folders(input_dir, out_dir)  # a mistyped folder is refused at once, before a kernel starts
    kernel = ensure_kernel(kernel)
    first_kernel = _start_first_kernel(kernel, notebooks_dir)
    try:
        return _plan_and_execute(input_dir, out_dir, overrides, notebooks_dir, kernel, render, first_kernel)
    finally:
        if first_kernel is not None:  # refused, locked or interrupted before the first notebook took it
            _shut_down(first_kernel)


def _plan_and_execute(input_dir: str | Path, out_dir: str | Path | None, overrides: dict | None,
                      notebooks_dir: str | Path | None, kernel: str, render: bool, first_kernel: Future | None
                      ) -> RunResult:
    """:func:`run_suite` once the first notebook's kernel is starting: plan, lock the run folder, run, publish."""
    plan = plan_run(input_dir, out_dir, overrides, notebooks_dir, kernel)
    target = plan.run
    _say(f"newsprism: {plan.input_dir} -> {target.root} ({len(plan.notebooks)} notebooks)")
    with run_lock(target) as new_folder:
        staging = RunFolder(target.root / STAGING_NAME)
        if staging.root.exists():
            shutil.rmtree(staging.root)  # left by a run that was killed; the lock says none is running
        try:
            staging.create()
            if (target.parse_cache).is_dir():
                shutil.rmtree(staging.parse_cache)
                _link_tree(target.parse_cache, staging.parse_cache)
            return _execute(plan, staging, kernel, render, first_kernel)
        except BaseException:
            # Interrupted or broken before the results were published: earlier results stay.
            if staging.root.exists():
                shutil.rmtree(staging.root, ignore_errors=True)
            if new_folder and not (target.root / "manifest.json").exists():
                shutil.rmtree(target.root, ignore_errors=True)
            raise


def _start_first_kernel(kernel: str, notebooks_dir: str | Path | None) -> Future | None:
    """Start the first notebook's kernel in a thread of its own; None when there is no notebook.

    A kernel takes about 1.3 s to start and import the heavy modules, in a process of its own; planning
    the run meanwhile imports papermill (about 1 s) in this one, so the two overlap.
    """
    notebooks = discover_notebooks(notebooks_dir)
    if not notebooks:
        return None
    starter = ThreadPoolExecutor(max_workers=1)
    try:
        return starter.submit(start_warm_kernel, kernel, notebooks[0].parent)
    finally:
        starter.shutdown(wait=False)  # its one thread ends when the kernel is up


def _execute(plan: RunPlan, staging: RunFolder, kernel: str, render: bool, first_kernel: Future | None = None
             ) -> RunResult:
    target = plan.run
    notebooks = plan.notebooks
    # The notebooks see the staging folder; the manifest and the report name the run folder.
    base = {"input_dir": str(plan.input_dir), "run_dir": str(staging.root), **plan.parameters}
    recorded = {**base, "run_dir": str(target.root)}
    result = RunResult(run=target)
    started = time.perf_counter()
    max_bytes = int(float(plan.parameters.get("max_mb", 5.0)) * 1_000_000)
    inputs = _input_files(plan.input_dir, max_bytes)
    # Written first so the summary notebook can show provenance; completed at the end.
    _write_manifest(staging, plan.input_dir, inputs, recorded, kernel, result, 0.0, status="running", run_dir=target.root)
    # The bar shows on a terminal only; logs (CI, papermill in a pipeline) get one line per notebook.
    progress = tqdm(total=len(notebooks), unit="notebook", desc="newsprism", file=sys.stderr, disable=None, leave=False)
    # Each notebook's parts of the report are converted in a thread as it finishes, while the next ones run (the
    # last one's at the end): at 1,000 articles the report then took 0.3 s, not 2.9 s, after the last notebook.
    prepared: dict[str, str] = {}
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsprism-report") as preparing:
        def prepare(notebook: Path) -> None:
            if render and notebook != notebooks[-1]:
                preparing.submit(_prepare_parts, staging, staging.notebooks / notebook.name, prepared)

        # 02, 03 and 04 need only 01: on two cores, the one left for last ran alone with a core idle (04 did: 1.5 s at
        # 1,000 articles, 4 s at 10,000). With small tables the three run at once. Their kernels each hold their
        # tables: at 10,000 articles the three at once, with 05's waiting kernel and the runner, made the run's peak
        # 1.93 GB (1.76 two at a time) for 1 s, so a large folder runs no more of them than the cores. One core runs one.
        cores = default_workers()
        at_once = cores + (cores > 1 and len(inputs) < FEW_INPUTS_FOR_ONE_MORE)
        try:
            runs = _run_notebooks(plan, staging, kernel, base, at_once=at_once,
                                  warm_beside_first=len(inputs) < MANY_INPUTS, progress=progress,
                                  first_kernel=first_kernel, finished=prepare)
        except BaseException:
            preparing.shutdown(cancel_futures=True)
            raise
    progress.close()
    by_name = {nb.name: nb for nb in runs}
    result.notebooks = [by_name[nb.stem] for nb in notebooks if nb.stem in by_name]
    failure = next((nb.error for nb in result.notebooks if nb.status != "ok"), "")
    seconds = time.perf_counter() - started
    if failure:
        _write_manifest(staging, plan.input_dir, inputs, recorded, kernel, result, seconds, status="failed",
                        run_dir=target.root)
        kept = _keep_failed_attempt(staging.root, target)
        earlier = "" if kept == target.root else f"; the earlier results in {target.root} are unchanged"
        raise RunFailed(
            f"{failure}\n  the executed notebooks of this run are in {kept / 'notebooks'}; "
            f"details in {kept / 'manifest.json'}{earlier}"
        )
    if plan.parameters.get("teaching"):
        from newsprism.present.lessonpack import write_lesson_pack

        try:
            write_lesson_pack(staging.root)  # before the report, which links it
        except FileNotFoundError as error:  # notebooks of a user's own that write no findings: the run goes on
            _say(f"  lesson pack not written: {error}")
    if render:
        from newsprism.run.report import render_report

        render_report(staging, [staging.notebooks / nb.name for nb in notebooks], name=target.root.name,
                      prepared=prepared)
    _write_manifest(staging, plan.input_dir, inputs, recorded, kernel, result, seconds, status="ok",
                    run_dir=target.root)
    publish(staging.root, target)
    result.report = target.root / "report.html" if render else None
    result.seconds = time.perf_counter() - started
    summary = input_problems_lines(target, heading=True)
    for line in summary:
        _say(line)
    return result


def _run_notebooks(plan: RunPlan, staging: RunFolder, kernel: str, base: dict, at_once: int,
                   warm_beside_first: bool, progress, first_kernel: Future | None = None,
                   finished: Callable[[Path], None] | None = None) -> list[NotebookRun]:
    """Run the plan's notebooks, each once the notebooks it needs have finished, up to ``at_once`` at a time.

    The kernels of the notebooks next in line start (and import the heavy modules) while others run. With
    ``warm_beside_first`` false (a large folder) none waits beside the first notebook, whose per-article stage
    is the run's largest use of memory, and afterwards only the next one waits. When a notebook fails, the
    running ones finish and no other starts. ``first_kernel``: the first notebook's kernel, already starting
    (:func:`_start_first_kernel`); ``finished`` is called with each notebook that ran without error. Returns what
    ran, in the order the notebooks finished.
    """
    waiting = list(plan.notebooks)
    ran: list[NotebookRun] = []
    running: dict[Future, tuple[Path, Future]] = {}
    warm: dict[str, Future] = {}  # kernels starting for notebooks next in line, by notebook
    if first_kernel is not None:
        warm[plan.notebooks[0].stem] = first_kernel

    def parameters(notebook: Path) -> dict:
        return {name: value for name, value in base.items() if name in plan.declared[notebook.stem]}

    with ThreadPoolExecutor(max_workers=at_once) as executor, ThreadPoolExecutor(max_workers=at_once) as starter:
        try:
            while True:
                if all(run.status == "ok" for run in ran):
                    done_ok = {run.name for run in ran}
                    for notebook in [nb for nb in waiting if plan.needs[nb.stem] <= done_ok][:at_once - len(running)]:
                        waiting.remove(notebook)
                        starting = warm.pop(notebook.stem, None) or starter.submit(start_warm_kernel, kernel,
                                                                                    notebook.parent)
                        future = executor.submit(_run_notebook, notebook, starting, staging, kernel,
                                                 parameters(notebook))
                        running[future] = (notebook, starting)
                    # A small folder's next notebooks (as many as run at once) wait warm; a large folder's kernels
                    # hold its tables (0.4 to 0.6 GB each at 10,000 articles), so only the next one waits beside them.
                    if warm_beside_first or ran:
                        for notebook in waiting[:at_once if warm_beside_first else 1]:
                            if notebook.stem not in warm:
                                warm[notebook.stem] = starter.submit(start_warm_kernel, kernel, notebook.parent)
                if not running:
                    break
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    notebook, _ = running.pop(future)
                    outcome = future.result()
                    ran.append(outcome)
                    progress.update(1)
                    if outcome.status == "ok":
                        if finished is not None:
                            finished(notebook)
                        _say(f"{notebook.stem:<14} {outcome.seconds:6.1f} s")
                        if notebook == plan.notebooks[0]:
                            for line in input_problems_lines(staging) + warning_lines(staging):
                                _say(line)
        except BaseException:
            # Interrupted: the running notebooks' kernels are shut down, so that their threads end now.
            for _, starting in running.values():
                _shut_down(starting)
            raise
        finally:
            for starting in warm.values():  # started for a notebook that will not run
                _shut_down(starting)
    return ran


def _run_notebook(notebook: Path, starting: Future, staging: RunFolder, kernel: str, parameters: dict) -> NotebookRun:
    """Execute one notebook with papermill on the kernel ``starting`` gives, into the staging folder."""
    import papermill

    t0 = time.perf_counter()
    manager = None
    try:
        manager = starting.result()
        papermill.execute_notebook(str(notebook), str(staging.notebooks / notebook.name), parameters=parameters,
                                   kernel_name=kernel, cwd=str(notebook.parent), progress_bar=False, km=manager)
    except Exception as error:  # any failure stops the run; keep what was written
        return NotebookRun(notebook.stem, time.perf_counter() - t0, "failed", _describe_failure(notebook, error))
    finally:
        if manager is not None:
            manager.shutdown_kernel(now=True)
    return NotebookRun(notebook.stem, time.perf_counter() - t0, "ok")


def _prepare_parts(staging: RunFolder, notebook: Path, prepared: dict[str, str]) -> None:
    """Convert an executed notebook's parts of the report ahead of it (:func:`newsprism.run.report.prepare_parts`).

    A failure here is left to the report itself, which converts what is missing and says what went wrong.
    """
    try:
        from newsprism.run.report import prepare_parts  # here: the import (0.8 s) runs in the preparing thread

        prepare_parts(staging, notebook, prepared)
    except Exception as error:
        log.debug("report parts of %s not prepared: %s", notebook.name, error)


def _shut_down(starting: Future) -> None:
    """Shut down the kernel that ``starting`` started (waiting for it to be up); nothing if it failed to start
    or is shut down already."""
    try:
        manager = starting.result()
        if manager.is_alive():
            manager.shutdown_kernel(now=True)
    except Exception:
        pass


def lesson_from_run(run_dir: str | Path) -> list[Path]:
    """Write the lesson pack into an earlier run folder from its tables, without running anything again.

    The report is rendered again from the run's executed notebooks, so that it links the pack.
    Refuses (:class:`NotARunFolder`, ``FileNotFoundError``) a folder newsprism did not write or one
    without a finished run's tables; a run writing there at the time is waited for by no one:
    :class:`RunLocked`.
    """
    from newsprism.present.lessonpack import write_lesson_pack
    from newsprism.run.runfolder import NotARunFolder, is_run_folder

    run = RunFolder(run_dir)
    if not is_run_folder(run.root):
        raise NotARunFolder(f"{run.root} is not a newsprism run folder: give a run folder, or a folder of "
                            "articles to run with teaching=true")
    with run_lock(run):
        written = write_lesson_pack(run.root)
        notebooks = sorted(run.notebooks.glob("*.ipynb"))
        if notebooks and (run.root / "report.html").exists():
            from newsprism.run.report import render_report

            render_report(run, notebooks, name=run.root.name)
    return written


def warning_lines(run: RunFolder) -> list[str]:
    """Console lines for what the ingest tables warn of: articles far apart in time (likely not one
    event), or that look like more than one story. Nothing when all is well or the tables are missing.

    >>> import tempfile, pandas as pd
    >>> from newsprism.run.runfolder import write_table
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = write_table(pd.DataFrame({"story": ["1", "2"], "label": ["Ferry", "Tram"], "articles": [8, 4],
    ...                                   "given": [False, False]}), RunFolder(tmp), "stories")
    ...     lines = warning_lines(RunFolder(tmp))
    >>> lines[0].startswith("  warning: these 12 articles look like 2 different stories (1: Ferry")
    True
    """
    import pandas as pd

    from newsprism.ingest.folder import date_spread_warning
    from newsprism.ingest.stories import stories_warning

    checks = (("articles", ["file", "published"], date_spread_warning), ("stories", None, stories_warning))
    warnings = [check(pd.read_parquet(run.table(name), columns=columns))
                for name, columns, check in checks if run.table(name).exists()]
    return [f"  warning: {warning}" for warning in warnings if warning]


def input_problems_lines(run: RunFolder, heading: bool = False) -> list[str]:
    """Console lines naming every input file the run could not analyse, with the reason.

    >>> import tempfile, pandas as pd
    >>> from newsprism.run.runfolder import write_table
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = write_table(pd.DataFrame({"file": ["photo.txt"], "reason": ["not text: looks like a PNG image"]}),
    ...                     RunFolder(tmp), "rejected")
    ...     input_problems_lines(RunFolder(tmp))
    ['  not analysed: photo.txt: not text: looks like a PNG image']
    """
    path = run.table("rejected")
    if not path.exists():
        return []
    import pandas as pd

    rejected = pd.read_parquet(path)
    lines = [f"  not analysed: {row.file}: {row.reason}" for row in rejected.itertuples()]
    if heading and lines:
        lines.insert(0, f"{len(lines)} input(s) not analysed (listed at the top of report.html):")
    return lines


def _write_manifest(run: RunFolder, input_dir: Path, inputs: list[dict], parameters: dict, kernel: str,
                    result: RunResult, seconds: float, status: str, run_dir: Path) -> Path:
    parse_info = run.parse_info
    manifest = {
        "newsprism": metadata.version("newsprism"),
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "status": status,
        "input_dir": str(input_dir),
        "run_dir": str(run_dir),
        "inputs": inputs,
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
