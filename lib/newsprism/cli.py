"""The ``newsprism`` command.

    newsprism run [INPUT_DIR] [--out DIR] [-p NAME=VALUE]...   run the notebooks, write the report
    newsprism collect [URL...] [--urls FILE] [--feed URL]... --out FOLDER [--delay S] [--timeout S] [--retries N]
                                                              download pages into a folder that `run` reads
    newsprism lesson FOLDER [--out DIR] [-p NAME=VALUE]...      write the lesson pack (student.html, worksheet.html,
                                                              answers.html): from a run folder's tables, or by
                                                              running a folder of articles with teaching=true
    newsprism kernel [--name NAME]                            register the project's Jupyter kernel

``collect`` is the only command that uses the network.

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
    run.add_argument("--cluster", metavar="ADDRESS",
                     help="parse on a Dask cluster: 'local' starts one on this machine, tcp://HOST:8786 uses the "
                          "workers of a running scheduler (the same as -p cluster=ADDRESS)")
    collect = commands.add_parser(
        "collect", help="download news pages into a folder of articles (the only command that uses the network)",
        description="Download each page once into FOLDER with a manifest.csv, ready for `newsprism run FOLDER`. "
                    "Polite: robots.txt is obeyed, one request at a time with a delay per host.",
    )
    collect.add_argument("urls", nargs="*", metavar="URL", help="web addresses of articles")
    collect.add_argument("--urls", dest="urls_file", metavar="FILE",
                         help="a list of addresses, one per line, or a CSV with a url column (Media Cloud, GDELT)")
    collect.add_argument("--feed", action="append", default=[], metavar="URL", help="an RSS or Atom feed (repeatable)")
    collect.add_argument("--out", required=True, metavar="FOLDER", help="folder for the pages (created if missing)")
    collect.add_argument("--delay", type=_non_negative(float), default=1.0, metavar="S",
                         help="least seconds between two requests to one host (default: 1)")
    collect.add_argument("--timeout", type=_non_negative(float), default=20.0, metavar="S",
                         help="longest wait for an answer, in seconds (default: 20)")
    collect.add_argument("--retries", type=_non_negative(int), default=2, metavar="N",
                         help="tries again after a connection error, timeout, 429 or 5xx (default: 2)")
    lesson = commands.add_parser(
        "lesson", help="write the lesson pack for a class into a run folder",
        description="FOLDER is a run folder: the pack is written from its tables, nothing runs again. FOLDER is a "
                    "folder of articles: it is run with teaching=true, which writes the report and the pack.")
    lesson.add_argument("folder", help="a run folder, or a folder of articles")
    lesson.add_argument("--out", help="run folder, for a folder of articles (default: ./outputs/<name of FOLDER>)")
    lesson.add_argument("-p", "--parameter", action="append", default=[], metavar="NAME=VALUE",
                        help="set a notebook parameter, for a folder of articles")
    kernel = commands.add_parser("kernel", help="register the Jupyter kernel that runs the notebooks in this environment")
    kernel.add_argument("--name", default=None, help="kernel name (default: newsprism)")
    return parser


def _non_negative(kind):
    def convert(text: str):
        value = kind(text)
        if value < 0:
            raise argparse.ArgumentTypeError(f"{text} is negative")
        return value

    convert.__name__ = kind.__name__  # argparse names the type in its message
    return convert


def _stop_on_terminate(signum, frame):
    # A terminated run must clean up like an interrupted one: earlier results stay as they were.
    raise KeyboardInterrupt


def run_overrides(args: argparse.Namespace) -> dict[str, str]:
    """The notebook parameters a ``run`` command sets: its ``-p`` pairs, and ``--cluster`` as ``cluster``.

    >>> run_overrides(build_parser().parse_args(["run", "seeds", "-p", "teaching=true", "--cluster", "local"]))
    {'teaching': 'true', 'cluster': 'local'}
    """
    return overrides_from(args.parameter + ([f"cluster={args.cluster}"] if args.cluster else []))


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
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    if args.command == "collect":
        if not (args.urls or args.urls_file or args.feed):
            parser.error("collect needs at least one URL, --urls FILE or --feed URL")
        return collect_command(args)
    from newsprism.run.runfolder import NotARunFolder, is_run_folder

    if args.command == "lesson":
        if is_run_folder(args.folder):
            return lesson_command(args)
        args.input_dir, args.notebooks, args.kernel, args.cluster = args.folder, None, None, None
        args.parameter = [p for p in args.parameter if not p.startswith("teaching=")] + ["teaching=true"]
    if args.command in ("run", "lesson"):
        # Loading Jupyter and papermill takes seconds: say at once that the run has started.
        print(f"newsprism: starting a run of {args.input_dir} (loading Jupyter) ...", file=sys.stderr, flush=True)
    from newsprism.run import runner

    if args.command == "kernel":
        print(f"kernel registered in {runner.register_kernel(args.name or runner.KERNEL_NAME)}")
        return 0
    signal.signal(signal.SIGTERM, _stop_on_terminate)
    try:
        result = runner.run_suite(args.input_dir, args.out, run_overrides(args), args.notebooks,
                                  args.kernel or runner.KERNEL_NAME)
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
    print(f"report: {result.report}  ({len(result.notebooks)} notebooks, {result.seconds:.1f} s)")
    if args.command == "lesson":
        from newsprism.present.lessonpack import LESSON_FILES

        print(f"lesson pack: {', '.join(str(result.run.root / name) for name in LESSON_FILES)}")
    return 0


def lesson_command(args: argparse.Namespace) -> int:
    """``newsprism lesson RUN_FOLDER``: the pack from the run's tables; the exit status."""
    from newsprism.run import runner
    from newsprism.run.runfolder import NotARunFolder

    if args.out or args.parameter:
        print(f"newsprism: {args.folder} is a run folder: the pack is written into it from its tables, so --out "
              "and -p do not apply", file=sys.stderr)
        return 1
    try:
        written = runner.lesson_from_run(args.folder)
    except (runner.RunLocked, NotARunFolder, FileNotFoundError) as error:
        print(f"newsprism: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"newsprism: cannot write the lesson pack into {args.folder}: {error.strerror or error}", file=sys.stderr)
        return 1
    print(f"lesson pack: {', '.join(str(path) for path in written)}")
    return 0


def collect_command(args: argparse.Namespace) -> int:
    """``newsprism collect``: read the addresses, fetch the pages, print the summary; the exit status."""
    from newsprism.ingest import collect

    signal.signal(signal.SIGTERM, _stop_on_terminate)
    try:
        with collect.Fetcher(delay=args.delay, timeout=args.timeout, retries=args.retries) as fetcher:
            links = [collect.Link(url) for url in args.urls]
            if args.urls_file:
                links += collect.urls_from_file(args.urls_file)
            for feed in args.feed:
                try:
                    links += collect.urls_from_feed(feed, fetcher=fetcher)
                except (collect.FetchFailed, ValueError) as error:
                    raise ValueError(f"feed {feed}: {error}") from None
            result = collect.collect(links, args.out, fetcher=fetcher)
    except ValueError as error:
        print(f"newsprism: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        where = f" ({error.filename})" if error.filename else ""
        print(f"newsprism: cannot write into {args.out}{where}: {error.strerror or error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"newsprism: interrupted; the pages collected so far are in {args.out}, listed in its manifest.csv",
              file=sys.stderr)
        return 130
    print(result.summary(), file=sys.stderr)
    if result.ok:
        print(f"next: newsprism run {args.out}", file=sys.stderr)
    return 0 if result.ok else 1


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
