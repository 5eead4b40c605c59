"""Every core of one machine, and Spark: reports/s and peak memory of `extract --jobs 1`,
`extract --jobs 2`, `batch --master local[1]` and `batch --master local[2]` on the same GVA
reports; then peak memory of `ingest` over the GVA dev set once and repeated ten times.

    python bench/bench_scale.py [--shared ../shared] [--reports 600] [--skip-ingest]

Each run is the command a user types, in its own process tree; peak memory is the largest
sum of the resident memory of the tree (the CLI, its workers, Spark's JVM and its Python
workers), sampled every 50 ms from /proc. Each command runs twice: on the first tenth of
the reports and on all of them. "reports/s" is the whole run's (start-up included);
"marginal/s" divides the reports the larger run adds by the time it adds, so the fixed
costs (starting Python, Spark's JVM, loading the model in each worker) drop out: the rate
at which an archive goes through once it is running. The goals are on the marginal rate.

Linking on Spark is measured by bench/bench_spark_link.py (`make bench-spark`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "newsevents"]


def tree_rss_mb(root: int) -> float:
    """The resident memory of `root` and every process under it, in MB. The tree is walked
    through each process's /proc/PID/task/TID/children, not by reading every process on
    the machine, so that sampling takes little of the CPU the runs are measured on."""
    page = os.sysconf("SC_PAGE_SIZE")
    total, todo, seen = 0, [root], set()
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            with open(f"/proc/{pid}/statm", encoding="ascii") as f:
                total += int(f.read().split()[1]) * page
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as f:
                    todo += [int(c) for c in f.read().split()]
        except (OSError, ValueError):  # gone since it was listed
            continue
    return total / 2**20


def measure(command: list[str]) -> tuple[float, float]:
    """(seconds, peak MB of the process tree) of one command."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT
    )
    peak = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_mb(proc.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if proc.returncode not in (0, 1):  # 1: some reports could not be read
        sys.exit(f"{' '.join(command)} failed ({proc.returncode}):\n{err[-2000:]}")
    return seconds, peak


def write_reports(shared: Path, n: int, path: Path, copies: int = 1) -> int:
    with (shared / "eval" / "dev" / "gva.jsonl").open(encoding="utf-8") as f:
        lines = [line for _, line in zip(range(n), f, strict=False)]
    with path.open("w", encoding="utf-8") as out:
        for _ in range(copies):
            out.writelines(lines)
    return len(lines) * copies


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--reports", type=int, default=600)
    ap.add_argument("--skip-ingest", action="store_true")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    try:
        big = work / "reports.jsonl"
        small = work / "first.jsonl"
        n = write_reports(args.shared, args.reports, big)
        m = write_reports(args.shared, max(1, n // 10), small)
        runs: dict[str, Callable[[Path], list[str]]] = {
            "extract --jobs 1": lambda f: [
                *CLI,
                "extract",
                "--input",
                str(f),
                "--jobs",
                "1",
                "-q",
                "-o",
                str(work / "out.jsonl"),
            ],
            "extract --jobs 2": lambda f: [
                *CLI,
                "extract",
                "--input",
                str(f),
                "--jobs",
                "2",
                "-q",
                "-o",
                str(work / "out.jsonl"),
            ],
            "batch local[1]": lambda f: [
                *CLI,
                "batch",
                str(f),
                "--output",
                str(work / "b"),
                "--master",
                "local[1]",
                "-q",
                "--task-rows",
                "25",
            ],
            "batch local[2]": lambda f: [
                *CLI,
                "batch",
                str(f),
                "--output",
                str(work / "b"),
                "--master",
                "local[2]",
                "-q",
                "--task-rows",
                "25",
            ],
        }
        if shutil.which("java") is None:
            print("(no Java runtime: the Spark rows are left out)")
            runs = {k: v for k, v in runs.items() if not k.startswith("batch")}
        print(f"{n} GVA reports (marginal rate over the last {n - m})")
        print(f"{'run':<18} {'seconds':>8} {'reports/s':>10} {'marginal/s':>11} {'peak MB':>8}")
        rates: dict[str, float] = {}
        for name, command in runs.items():
            t_small, _ = measure(command(small))
            t_big, peak = measure(command(big))
            rates[name] = (n - m) / max(t_big - t_small, 1e-9)
            print(f"{name:<18} {t_big:>8.1f} {n / t_big:>10.1f} {rates[name]:>11.1f} {peak:>8.0f}")
        one, two = rates["extract --jobs 1"], rates["extract --jobs 2"]
        print(
            f"--jobs 2 / --jobs 1: {two / one:.2f}x (goal 1.7x), {two:.1f} reports/s (goal 45): "
            + ("PASS" if two >= 1.7 * one and two >= 45 else "FAIL")
        )
        if "batch local[1]" in rates:
            s1, s2 = rates["batch local[1]"], rates["batch local[2]"]
            print(
                f"local[2] / local[1]: {s2 / s1:.2f}x (goal 1.6x): "
                + ("PASS" if s2 >= 1.6 * s1 else "FAIL")
            )
        if not args.skip_ingest:
            once = work / "once.jsonl"
            tenfold = work / "tenfold.jsonl"
            k = write_reports(args.shared, 10**9, once)
            write_reports(args.shared, 10**9, tenfold, copies=10)
            peaks = []
            for f in (once, tenfold):
                db = work / f"{f.stem}.db"
                seconds, peak = measure([*CLI, "ingest", "--input", str(f), "--db", str(db), "-q"])
                peaks.append(peak)
                print(
                    f"ingest {f.stem:<8} {k * (10 if f == tenfold else 1):>6} reports "
                    f"{seconds:>7.1f} s  peak {peak:>6.0f} MB"
                )
            growth = peaks[1] / peaks[0] - 1
            print(
                f"ingest peak memory, 10x against 1x: {growth:+.1%} (goal within 10%): "
                + ("PASS" if abs(growth) <= 0.10 else "FAIL")
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
