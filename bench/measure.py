"""Measuring whole processes: wall and CPU time, peak RSS, PSS and USS (children included), first output file.

Shared by the scripts of bench/. CPU time comes from wait4 (the process and
every child it reaped, so spawned workers count); peak RSS is sampled with psutil
over the process and all its descendants (every `interval` seconds while waiting
for the first output file, then every `slow` seconds), per process and summed,
and cross-checked with wait4's ru_maxrss (the largest single process); the
CPU time of each process on its own is sampled with it (the last sample before
the process ended: short by at most one interval). RSS counts a page shared by
several processes (workers forked from one that loaded the model) in each of
them, so PSS (each shared page divided among its sharers; their sum is the
memory the whole tree takes) and USS (the pages of one process alone) are
sampled too, from /proc/<pid>/smaps_rollup, every `slow` seconds.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import psutil

MB = 1024 * 1024


@dataclass
class Run:
    command: list[str]
    returncode: int
    wall: float  # seconds
    cpu: float  # user + system seconds of the process and its reaped children
    peak_process_mb: float  # the largest RSS of any one process of the tree
    peak_total_mb: float  # the largest sum of RSS over the tree at one sample
    processes: int  # distinct processes seen
    peak_pss_process_mb: float | None = None  # the largest PSS of any one process (sampled every `slow` seconds)
    peak_pss_total_mb: float | None = None  # the largest sum of PSS over the tree at one sample
    peak_uss_process_mb: float | None = None  # the largest USS (pages of its own) of any one process
    first_output: float | None = None  # seconds from start to the first output file
    process_cpu: list[float] = field(default_factory=list)  # CPU seconds of each process, its own (last sample)
    stdout: str = ""
    stderr: str = ""
    extra: dict = field(default_factory=dict)


def _first_file(folder: Path, suffix: str) -> bool:
    for _, _, files in os.walk(folder):
        if any(name.endswith(suffix) and not name.startswith(".") for name in files):
            return True
    return False


def run(command: Sequence[str], *, watch: Path | None = None, suffix: str = ".json", interval: float = 0.05,
        slow: float = 0.25, env: dict[str, str] | None = None, cwd: Path | None = None) -> Run:
    """Run `command` to its end and measure it. Never raises for a failing command."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(list(command), stdout=out, stderr=err, env=env, cwd=cwd)
        root = psutil.Process(process.pid)
        peaks: dict[int, int] = {}
        cpus: dict[int, float] = {}
        peak_total = 0
        pss_peaks: dict[int, int] = {}
        uss_peaks: dict[int, int] = {}
        pss_total = 0
        next_pss = 0.0
        first: float | None = None
        status = None
        while status is None:
            pid, status_code, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                status = status_code
                break
            total = 0
            try:
                tree = [root, *root.children(recursive=True)]
            except psutil.Error:
                tree = []
            for member in tree:
                try:
                    rss = member.memory_info().rss
                    times = member.cpu_times()
                except psutil.Error:
                    continue
                cpus[member.pid] = times.user + times.system
                total += rss
                peaks[member.pid] = max(peaks.get(member.pid, 0), rss)
            peak_total = max(peak_total, total)
            if time.perf_counter() >= next_pss:  # smaps_rollup walks the page tables: not at every sample
                next_pss = time.perf_counter() + slow
                pss_sum = 0
                for member in tree:
                    try:
                        full = member.memory_full_info()
                    except (psutil.Error, OSError):
                        continue
                    pss_sum += full.pss
                    pss_peaks[member.pid] = max(pss_peaks.get(member.pid, 0), full.pss)
                    uss_peaks[member.pid] = max(uss_peaks.get(member.pid, 0), full.uss)
                pss_total = max(pss_total, pss_sum)
            if watch is not None and first is None and watch.is_dir() and _first_file(watch, suffix):
                first = time.perf_counter() - started
            waiting = watch is not None and first is None
            time.sleep(interval if waiting else slow)  # memory moves slowly: sample it less often
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if watch is not None and first is None and _first_file(watch, suffix):
            first = wall
        out.seek(0)
        err.seek(0)
        maxrss = usage.ru_maxrss * 1024  # KiB on Linux
        return Run(
            command=list(command),
            returncode=process.returncode,
            wall=wall,
            cpu=usage.ru_utime + usage.ru_stime,
            peak_process_mb=max([maxrss, *peaks.values()]) / MB,
            peak_total_mb=max(peak_total, maxrss) / MB,
            processes=len(peaks),
            peak_pss_process_mb=max(pss_peaks.values()) / MB if pss_peaks else None,
            peak_pss_total_mb=pss_total / MB if pss_peaks else None,
            peak_uss_process_mb=max(uss_peaks.values()) / MB if uss_peaks else None,
            first_output=first,
            process_cpu=sorted(cpus.values(), reverse=True),
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
        )


def last_json(text: str) -> dict:
    """The last line of `text` that is a JSON object (the report of a measured script)."""
    for line in reversed(text.strip().splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise ValueError(f"no JSON report in the output: {text[-500:]!r}")


def spread(values: Iterable[float | None]) -> tuple[float, float, float] | None:
    """(median, min, max), or None when there is no value."""
    found = [v for v in values if v is not None]
    if not found:
        return None
    return statistics.median(found), min(found), max(found)


def show(values: Iterable[float | None], fmt: str = "{:.2f}", unit: str = "") -> str:
    """'median (min–max)' of the values."""
    found = spread(values)
    if found is None:
        return "-"
    middle, low, high = found
    if low == high:
        return fmt.format(middle) + unit
    return f"{fmt.format(middle)}{unit} ({fmt.format(low)}–{fmt.format(high)})"


def executable() -> str:
    beside = Path(sys.executable).parent / "extract"
    found = str(beside) if beside.exists() else shutil.which("extract")
    if not found:
        sys.exit("the `extract` command is not installed (pip install -e .)")
    return found


def outputs(folder: Path) -> tuple[list[Path], int]:
    """The output JSON files (sorted) and the number of failures listed in errors.jsonl."""
    files = sorted(p for p in folder.rglob("*.json") if not p.name.startswith("."))
    errors = folder / "errors.jsonl"
    failed = len(errors.read_text(encoding="utf-8").splitlines()) if errors.exists() else 0
    return files, failed


def write_bodies(files: list[Path], target: Path) -> int:
    """Write the `body` of every output file, one JSON string per line; return the characters."""
    chars = 0
    with target.open("w", encoding="utf-8") as stream:
        for path in files:
            body = json.loads(path.read_text(encoding="utf-8"))["body"]
            chars += len(body)
            stream.write(json.dumps(body, ensure_ascii=False) + "\n")
    return chars


def corpus(given: Path | None, folder: Path, articles: int) -> tuple[Path, str]:
    """The folder of inputs to measure: `given`, or N articles built into `folder` by bench/corpus.py in a
    subprocess (so that building leaves nothing in the measuring process), with corpus.py's first line."""
    if given is not None:
        return given, ""
    built = subprocess.run([sys.executable, str(Path(__file__).with_name("corpus.py")), str(folder), "-n",
                            str(articles)], check=True, capture_output=True, text=True)
    return folder, built.stdout.splitlines()[0] if built.stdout else ""


def checkout_options(description: str, articles: int, rounds: int) -> argparse.Namespace:
    """The options of a script that measures one checkout's stages (--corpus, -n, -r, --root); the checkout's
    `extract` is put first on the import path."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--articles", "-n", type=int, default=articles)
    parser.add_argument("--rounds", "-r", type=int, default=rounds)
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent,
                        help="the checkout whose extract/ is measured")
    options = parser.parse_args()
    sys.path.insert(0, str(options.root.resolve()))
    return options


@contextlib.contextmanager
def checkout_corpus(options: argparse.Namespace, prefix: str) -> Iterator[Path]:
    """The corpus of a stage-measuring script (`options` from checkout_options): the given folder or one built in a
    temporary folder removed afterwards; Kiwi and the rules loaded first, as `extract` does."""
    from extract import batch

    work = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        folder, _ = corpus(options.corpus, work / "corpus", options.articles)
        batch._warm()
        yield folder
    finally:
        shutil.rmtree(work, ignore_errors=True)


def read_inputs(folder: Path) -> list:
    """Every input of `folder` (a .jsonl line is one), read."""
    from extract import load
    from extract.load import Task

    return [load.read(t) for t in load.expand(load.enumerate_inputs([str(folder)])) if isinstance(t, Task)]


def cleaned_bodies(folder: Path) -> list[str]:
    """The cleaned body of every input of `folder` that reads and cleans; one that fails is left out."""
    from extract import load, pipeline
    from extract.load import Task

    bodies = []
    for task in load.expand(load.enumerate_inputs([str(folder)])):
        if isinstance(task, Task):
            with contextlib.suppress(Exception):
                bodies.append(pipeline.prepare(task).body)
    return bodies
