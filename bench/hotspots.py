"""Where the time goes: cProfile of the `extract` command in one process, the project's own functions first.

    python bench/hotspots.py [--corpus DIR | --articles N] [--top K] [--save FILE]

Builds a corpus of N articles (default 300) with bench/corpus.py, warms Kiwi up,
then runs the CLI (`cli:app`) on it under cProfile and prints the top K functions
of this repository (extract/, schemas/, cli.py) by cumulative time and by own
time (tottime), with their call counts, and the top functions outside it for
scale. Times are the process's CPU time (so a busy machine or a wait on fsync
does not count); cProfile adds its own overhead to every Python call, so read
the figures as proportions.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

import measure

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))


def _ours(filename: str) -> bool:
    path = Path(filename)
    return path.is_relative_to(ROOT / "extract") or path.is_relative_to(ROOT / "schemas") or path == ROOT / "cli.py"


def _name(key: tuple[str, int, str]) -> str:
    filename, line, function = key
    path = Path(filename)
    where = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name
    return f"{where}:{line}({function})"


def top(stats: pstats.Stats, field: int, count: int, ours: bool) -> list[tuple[str, int, float, float]]:
    """(name, calls, tottime, cumtime) of the top functions by tottime (field 2) or cumtime (field 3)."""
    rows = [(key, value) for key, value in stats.stats.items() if _ours(key[0]) == ours]  # type: ignore[attr-defined]
    rows.sort(key=lambda row: row[1][field], reverse=True)
    return [(_name(key), value[1], value[2], value[3]) for key, value in rows[:count]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--articles", "-n", type=int, default=300)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--save", type=Path, help="also write the raw profile (pstats format)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="extract-profile-"))
    try:
        corpus, _ = measure.corpus(args.corpus, work / "corpus", args.articles)
        from cli import app
        from extract import kiwi

        kiwi.tokenize(["워밍업 문장입니다."])
        profile = cProfile.Profile(time.process_time)  # CPU time: waiting on a busy machine or on fsync is not cost
        profile.enable()
        try:
            app([str(corpus), "-q", "-o", str(work / "out")], prog_name="extract")
        except SystemExit:
            pass
        finally:
            profile.disable()
        if args.save:
            profile.dump_stats(args.save)
        stats = pstats.Stats(profile)
        total = stats.total_tt  # type: ignore[attr-defined]
        print(f"profiled run: {total:.1f} s of CPU (under cProfile) on {corpus}")
        for field, label in ((3, "cumulative"), (2, "own time (tottime)")):
            print(f"\ntop {args.top} functions of the project by {label}:")
            print(f"  {'calls':>10} {'tottime s':>10} {'cumtime s':>10}  function")
            for name, calls, tottime, cumtime in top(stats, field, args.top, ours=True):
                print(f"  {calls:>10,} {tottime:>10.2f} {cumtime:>10.2f}  {name}")
        print("\ntop 10 functions outside the project by own time (Kiwi, regex, pydantic, ...):")
        for name, calls, tottime, cumtime in top(stats, 2, 10, ours=False):
            print(f"  {calls:>10,} {tottime:>10.2f} {cumtime:>10.2f}  {name}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
