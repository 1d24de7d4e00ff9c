"""The ``newsprism`` command.

    newsprism run [INPUT_DIR] [--out DIR] [-p NAME=VALUE]...   run the notebooks, write the report
    newsprism kernel [--name NAME]                            register the project's Jupyter kernel

Every refusal and failure ends in one line starting ``newsprism:`` on stderr and
exit status 1 (2 for a malformed command line), never in a traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys

from newsprism.run.runfolder import PROJECT_ROOT


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsprism", description="Compare how news outlets cover one event.")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run every notebook on a folder of articles and render report.html")
    run.add_argument("input_dir", nargs="?", default=str(PROJECT_ROOT / "seeds"),
                     help="folder of articles (.txt .html .htm .md .pdf .jsonl .csv); default: the seeds")
    run.add_argument("--out", help="run folder: new, empty, or an earlier run (default: ./outputs/<name of INPUT_DIR>)")
    run.add_argument("-p", "--parameter", action="append", default=[], metavar="NAME=VALUE",
                     help="set a notebook parameter, e.g. -p model=en_core_web_sm -p teaching=true")
    run.add_argument("--notebooks", help="folder of numbered notebooks (default: the project's notebooks/)")
    run.add_argument("--kernel", default=None, help="Jupyter kernel name (default: newsprism)")
    kernel = commands.add_parser("kernel", help="register the Jupyter kernel that runs the notebooks in this environment")
    kernel.add_argument("--name", default=None, help="kernel name (default: newsprism)")
    return parser


def _stop_on_terminate(signum, frame):
    # A terminated run must clean up like an interrupted one: earlier results stay as they were.
    raise KeyboardInterrupt


def overrides_from(pairs: list[str]) -> dict[str, str]:
    """``-p NAME=VALUE`` pairs as a dict of raw strings; the notebooks' defaults give the types.

    >>> overrides_from(["teaching=no", "min_count=3"])
    {'teaching': 'no', 'min_count': '3'}
    """
    overrides: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.isidentifier():
            raise ValueError(f"parameter {pair!r} is not NAME=VALUE")
        if name in overrides:
            raise ValueError(f"parameter {name} is given twice")
        overrides[name] = value
    return overrides


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``newsprism`` console script; returns the exit status."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    if args.command == "run":
        # Loading Jupyter and papermill takes seconds: say at once that the run has started.
        print(f"newsprism: starting a run of {args.input_dir} (loading Jupyter) ...", file=sys.stderr, flush=True)
    from newsprism.run import runner
    from newsprism.run.runfolder import NotARunFolder

    if args.command == "kernel":
        print(f"kernel registered in {runner.register_kernel(args.name or runner.KERNEL_NAME)}")
        return 0
    signal.signal(signal.SIGTERM, _stop_on_terminate)
    try:
        result = runner.run_suite(
            args.input_dir, args.out, overrides_from(args.parameter), args.notebooks, args.kernel or runner.KERNEL_NAME
        )
    except (runner.RunFailed, runner.RunLocked, NotARunFolder, ValueError, FileNotFoundError) as error:
        print(f"newsprism: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # e.g. a read-only or invalid output path
        where = f" ({error.filename})" if error.filename else ""
        print(f"newsprism: cannot write the run{where}: {error.strerror or error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("newsprism: interrupted; earlier results in the run folder were left as they were", file=sys.stderr)
        return 130
    total = sum(nb.seconds for nb in result.notebooks)
    print(f"report: {result.report}  ({len(result.notebooks)} notebooks, {total:.1f} s)")
    return 0


def console_main() -> None:
    """Entry point of the ``newsprism`` console script: :func:`main`, then leave at once.

    Once the run is written and every kernel is shut down, the interpreter's own
    teardown can still abort in the ZeroMQ library that Jupyter uses ("terminate
    called without an active exception", exit status -6: seen once in CI after a
    finished run). Nothing is left to clean up by then, so the process flushes its
    output and exits with the run's status without that teardown.
    """
    status = main()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


if __name__ == "__main__":
    console_main()
