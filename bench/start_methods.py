"""How the worker processes of `--jobs J` start: fork server, fork, spawn, beside one job, whole processes.

    python bench/start_methods.py [--corpus DIR | -n N] [-r R] [--jobs J] [--methods forkserver,fork,spawn]

Builds a corpus of N varied articles with bench/corpus.py (or takes --corpus),
then, R rounds, runs `extract DIR -q -o TMP` with one job and with `--jobs J`
for each start method (EXTRACT_START_METHOD), in an order rotated from round
to round, and measures each whole process tree with bench/measure.py: wall and
CPU time, the time to the first output file, peak RSS, PSS and USS per process
and summed (RSS counts the pages forked workers share in each of them; the sum
of PSS is the memory the run takes). Prints medians with (min–max), the ratios
taken within each round, and the load average at each round's start (on a
shared machine, CPU times and ratios within a round are what to read).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import measure  # noqa: E402
from measure import show  # noqa: E402

FIELDS = (("wall", "wall s", "{:.1f}"), ("cpu", "CPU s", "{:.1f}"), ("first_output", "first output s", "{:.2f}"),
          ("peak_process_mb", "RSS/process MB", "{:.0f}"), ("peak_total_mb", "RSS total MB", "{:.0f}"),
          ("peak_pss_process_mb", "PSS/process MB", "{:.0f}"), ("peak_pss_total_mb", "PSS total MB", "{:.0f}"),
          ("peak_uss_process_mb", "USS/process MB", "{:.0f}"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--articles", "-n", type=int, default=300)
    parser.add_argument("--rounds", "-r", type=int, default=3)
    parser.add_argument("--jobs", "-j", type=int, default=2)
    parser.add_argument("--methods", default="forkserver,fork,spawn")
    args = parser.parse_args()
    methods = args.methods.split(",")
    work = Path(tempfile.mkdtemp(prefix="extract-starts-"))
    try:
        corpus, built = measure.corpus(args.corpus, work / "corpus", args.articles)
        if built:
            print(built, flush=True)
        keys = ["one job", *methods]
        runs: dict[str, list[measure.Run]] = {key: [] for key in keys}
        loads = []
        for number in range(args.rounds):
            loads.append(os.getloadavg()[0])
            order = keys[number % len(keys):] + keys[:number % len(keys)]
            for key in order:
                out = work / "out"
                env = dict(os.environ)
                extra = [] if key == "one job" else ["--jobs", str(args.jobs)]
                if key != "one job":
                    env["EXTRACT_START_METHOD"] = key
                run = measure.run([measure.executable(), str(corpus), "-q", "-o", str(out), *extra], watch=out,
                                  env=env)
                if run.returncode not in (0, 1):
                    print(f"  ! {key} exited with {run.returncode}: {run.stderr.strip()[-300:]}", file=sys.stderr)
                runs[key].append(run)
                shutil.rmtree(out, ignore_errors=True)
            print(f"round {number + 1}/{args.rounds} done", file=sys.stderr, flush=True)
        print(f"{args.rounds} round(s), --jobs {args.jobs}; load average (1 min) at the rounds' starts: "
              + ", ".join(f"{x:.1f}" for x in loads) + "; medians with (min–max)")
        print(f"{'':12}" + "".join(f"{label:>24}" for _, label, _ in FIELDS))
        for key in keys:
            print(f"{key:12}" + "".join(f"{show([getattr(r, f) for r in runs[key]], fmt):>24}" for f, _, fmt in FIELDS))
        for key in methods:
            walls = [r.wall / o.wall for r, o in zip(runs[key], runs["one job"], strict=True)]
            cpus = [r.cpu / o.cpu for r, o in zip(runs[key], runs["one job"], strict=True)]
            print(f"{key}: wall / one job {show(walls, '{:.2f}', 'x')}, CPU / one job {show(cpus, '{:.2f}', 'x')}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
