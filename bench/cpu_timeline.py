"""Where a run leaves cores idle: the CPU its process tree uses, every half second, by kind of process.

    .venv/bin/python bench/cpu_timeline.py [--every 0.5] [--out FILE] -- COMMAND ...

e.g. ``-- .venv/bin/python -m newsprism.cli run FOLDER --out /tmp/timeline-run``. Every ``--every`` seconds
the command's process and all its descendants are read with psutil, and the CPU seconds each used since the
last reading are summed by kind (runner, kernel, worker, dask; as ``bench_scale.py`` names them). Written to
``--out`` (a TSV: seconds from the start, cores in use, then each kind's cores) and summed up at the end: the
CPU seconds of each kind, the core-seconds left idle, and the stretches of a second or more in which fewer
than all the machine's cores were busy (a notebook or process that runs alone, a kernel starting, a tail of
work on one core). On a 2-core machine such a stretch is where a run can still gain time without doing less
work; everywhere else only less work gains.

A process that ends between two readings loses its last fraction of a reading; a reading costs a few
milliseconds of one core.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import psutil

from bench_scale import _process_name


def sample(command: list[str], every: float) -> list[tuple[float, dict[str, float]]]:
    """Run ``command``; every ``every`` seconds, the cores each kind of its processes used since the last reading."""
    start = time.perf_counter()
    child = subprocess.Popen(command)
    root = psutil.Process(child.pid)
    seen: dict[int, float] = {}  # pid -> CPU seconds at its last reading
    kinds: dict[int, str] = {}
    readings = []
    last = start
    while child.poll() is None:
        time.sleep(every)
        now = time.perf_counter()
        used: dict[str, float] = defaultdict(float)
        try:
            processes = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        for process in processes:
            try:
                times = process.cpu_times()
                if process.pid not in kinds:
                    kinds[process.pid] = _process_name(process)
            except psutil.Error:
                continue
            total = times.user + times.system
            used[kinds[process.pid]] += total - seen.get(process.pid, 0.0)
            seen[process.pid] = total
        readings.append((now - start, {kind: cpu / (now - last) for kind, cpu in used.items()}))
        last = now
    return readings


def idle_stretches(readings: list[tuple[float, dict[str, float]]], cores: int, every: float,
                   shortest: float = 1.0) -> list[tuple[float, float, float]]:
    """(start, end, idle core-seconds) of each stretch of ``shortest`` seconds or more with a core idle."""
    stretches, begun, idle, previous = [], None, 0.0, 0.0

    def close(end: float) -> None:
        if begun is not None and end - begun >= shortest:
            stretches.append((begun, end, idle))

    for at, used in readings:
        lacking = cores - 0.25 - sum(used.values())  # a quarter of a core's slack: the readings are noisy
        if lacking > 0:
            begun = previous if begun is None else begun
            idle += lacking * every
        else:
            close(previous)
            begun, idle = None, 0.0
        previous = at
    close(previous)
    return stretches


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--every", type=float, default=0.5)
    parser.add_argument("--out", type=Path, help="the readings as a TSV")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the command after --")
    cores = psutil.cpu_count() or 1
    readings = sample(command, args.every)
    kinds = sorted({kind for _, used in readings for kind in used})
    if args.out:
        lines = ["seconds\tcores\t" + "\t".join(kinds)]
        lines += [f"{at:.1f}\t{sum(used.values()):.2f}\t" + "\t".join(f"{used.get(k, 0.0):.2f}" for k in kinds)
                  for at, used in readings]
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    seconds = readings[-1][0] if readings else 0.0
    spent = {kind: sum(used.get(kind, 0.0) for _, used in readings) * args.every for kind in kinds}
    print(f"{seconds:.1f} s on {cores} cores: " + ", ".join(f"{k} {v:.1f}" for k, v in spent.items())
          + f" CPU-s; idle {cores * seconds - sum(spent.values()):.1f} core-s")
    for begun, ended, idle in idle_stretches(readings, cores, args.every):
        print(f"  {begun:7.1f} to {ended:7.1f} s: {idle:4.1f} core-s idle")


if __name__ == "__main__":
    main()
