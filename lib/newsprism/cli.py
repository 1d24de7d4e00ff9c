"""The ``newsprism`` command.

    newsprism run [INPUT_DIR] [--out DIR] [-p NAME=VALUE]...   run the notebooks, write the report
    newsprism kernel [--name NAME]                            register the project's Jupyter kernel
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from newsprism.runfolder import PROJECT_ROOT


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsprism", description="Compare how news outlets cover one event.")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run every notebook on a folder of articles and render report.html")
    run.add_argument("input_dir", nargs="?", default=str(PROJECT_ROOT / "seeds"),
                     help="folder of articles (.txt .html .htm .md .jsonl .csv); default: the seeds")
    run.add_argument("--out", help="run folder (default: outputs/<name of INPUT_DIR>)")
    run.add_argument("-p", "--parameter", action="append", default=[], metavar="NAME=VALUE",
                     help="set a notebook parameter, e.g. -p model=en_core_web_sm -p teaching=true")
    run.add_argument("--notebooks", help="folder of numbered notebooks (default: the project's notebooks/)")
    run.add_argument("--kernel", default=None, help="Jupyter kernel name (default: newsprism)")
    kernel = commands.add_parser("kernel", help="register the Jupyter kernel that runs the notebooks in this environment")
    kernel.add_argument("--name", default=None, help="kernel name (default: newsprism)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``newsprism`` console script; returns the exit status."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    from newsprism import runner

    if args.command == "kernel":
        print(f"kernel registered in {runner.register_kernel(args.name or runner.KERNEL_NAME)}")
        return 0
    try:
        overrides = dict(runner.parse_parameter(p) for p in args.parameter)
        result = runner.run_suite(
            args.input_dir, args.out, overrides, args.notebooks, args.kernel or runner.KERNEL_NAME
        )
    except (runner.RunFailed, ValueError, FileNotFoundError) as error:
        print(f"newsprism: {error}", file=sys.stderr)
        return 1
    total = sum(nb.seconds for nb in result.notebooks)
    print(f"report: {result.report}  ({len(result.notebooks)} notebooks, {total:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
