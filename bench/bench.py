"""Benchmark: the whole `extract` command against bare Kiwi on the same bodies, 1 and 2 workers, in one run.

    python bench/bench.py [--corpus DIR | --articles N] [--repeat R] [--jobs J] [--quick] [--json FILE]

Builds a corpus of N varied articles with bench/corpus.py in a temporary folder
(or takes --corpus DIR), then, R rounds, each in this order:

1. `extract DIR -q -o TMP` as a user runs it, in a subprocess: wall and CPU time
   of the whole process (start-up, Kiwi load, reading, writing included), peak
   RSS, PSS and USS (per process and summed over the processes: RSS counts the
   pages that forked workers share in each of them, PSS divides them among
   their sharers), and the time from start to the first output file (the
   output folder is watched);
2. the same with `--jobs J` (J worker processes; CPU and peak RSS include
   them) and with `--jobs J --parallel threads` (one process);
3. the same commands through bench/stages.py, for the time of each stage
   (pipeline.STAGE_SECONDS: wall; pipeline.STAGE_CPU: CPU of the thread that
   ran it; with worker processes, summed over the workers), the CPU of the
   main thread (with threads: Python code runs in the main thread, Kiwi's
   analysis and the rules' regex matching in others, so the main thread's CPU
   is what threads cannot spread) and the CPU of each worker process (a
   process mode's wall time is at least its busiest worker's CPU): bounds on
   the wall time from CPU times, which a busy machine does not blur;
4. bare Kiwi (bench/bare_kiwi.py) in a subprocess, with num_workers=1 and with
   num_workers=J: Kiwi loaded as extract/kiwi.py loads it, tokenizing the
   bodies of the first run's output JSON, cut into the items extract/segment.py
   gives Kiwi, in the calls the product makes: one call per article (as
   `extract` with one job), and calls of up to extract/feeder.py's BATCH
   characters across articles (as `extract --jobs J`).

Steps 1, 2 and 4 alternate their order from round to round (step 1 first).
Prints medians over the rounds with the spread (min–max), and the ratios taken
within each round: CPU of `extract` / CPU of bare Kiwi (1 worker), wall of
`extract --jobs J` / wall of bare Kiwi with J workers, and `--jobs J` wall /
1-worker wall. An input that fails is counted, never fatal. --quick: 200
articles, one round (a smoke run). Rounds saved with --json by separate runs
can be reported together with --report A.json B.json ...
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import measure  # noqa: E402
from measure import show  # noqa: E402

from extract.feeder import BATCH  # noqa: E402

STAGES = ("decode", "clean", "segment", "match", "resolve", "validate")


def _check(run: measure.Run, label: str) -> None:
    if run.returncode not in (0, 1):
        tail = run.stderr.strip().splitlines()[-5:]
        print(f"  ! {label} exited with {run.returncode}: " + " | ".join(tail), file=sys.stderr)


def _extract(key: str, extra: list[str], corpus: Path, work: Path, number: int, state: dict, result: dict) -> None:
    out = work / f"out-{key}-{number}"
    run = measure.run([measure.executable(), str(corpus), "-q", "-o", str(out), *extra], watch=out)
    _check(run, f"extract {' '.join(extra)}")
    files, failed = measure.outputs(out)
    result[key] = {**run.__dict__, "done": len(files), "failed": failed}
    if "bodies" not in state and not extra:
        state["bodies"] = work / "bodies.jsonl"
        state["chars"] = measure.write_bodies(files, state["bodies"])
        state["done"], state["failed"] = len(files), failed
    shutil.rmtree(out, ignore_errors=True)


def _stages(key: str, extra: list[str], corpus: Path, work: Path, number: int, result: dict) -> None:
    out = work / f"out-{key}-{number}"
    run = measure.run([sys.executable, str(HERE / "stages.py"), str(corpus), "-q", "-o", str(out), *extra])
    _check(run, key)
    try:
        result[key] = {**run.__dict__, **measure.last_json(run.stdout)}
    except ValueError as exc:
        print(f"  ! {key}: {exc}", file=sys.stderr)
    shutil.rmtree(out, ignore_errors=True)


def _bare(key: str, workers: int, calls: list[str], state: dict, result: dict) -> None:
    run = measure.run([sys.executable, str(HERE / "bare_kiwi.py"), str(state["bodies"]), "--workers", str(workers),
                       *calls])
    _check(run, f"bare Kiwi, {workers} workers")
    try:
        result[key] = {**run.__dict__, **measure.last_json(run.stdout)}
    except ValueError as exc:
        print(f"  ! bare Kiwi: {exc}", file=sys.stderr)


def _round(number: int, corpus: Path, work: Path, jobs: int, state: dict, stages: bool = True) -> dict:
    """One round; the whole-process runs alternate their order from one round to the next (the machine's load
    drifts), the first run of all is always the one-job run (its output gives bare Kiwi its bodies)."""
    result: dict = {}
    processes, threads = ["--jobs", str(jobs)], ["--jobs", str(jobs), "--parallel", "threads"]
    runs = [lambda: _extract("extract_j", processes, corpus, work, number, state, result),
            lambda: _extract("extract_t", threads, corpus, work, number, state, result),
            lambda: _bare("bare_1", 1, [], state, result),
            lambda: _bare("bare_j", jobs, ["--chars", str(BATCH)], state, result)]
    _extract("extract_1", [], corpus, work, number, state, result)
    for step in runs if number % 2 == 0 else runs[::-1]:
        step()
    for key, extra in (("stages", []), ("stages_j", processes), ("stages_t", threads)) if stages else ():
        _stages(key, extra, corpus, work, number, result)
    for value in result.values():
        value.pop("stdout", None)
        value.pop("stderr", None)
    return result


def _ratio(rounds: list[dict], top: str, bottom: str, field: str) -> list[float]:
    return [r[top][field] / r[bottom][field] for r in rounds if top in r and bottom in r and r[bottom][field]]


def report(rounds: list[dict], state: dict, jobs: int, loads: list[tuple[float, float, float]]) -> None:
    done, chars = state["done"], state["chars"]
    print(f"\narticles: {done} done, {state['failed']} failed; {chars:,} body characters; "
          f"{len(rounds)} round(s); medians with (min–max)")
    print(f"machine: {os.cpu_count()} cores; load average (1 min) at the rounds' starts: "
          + ", ".join(f"{a:.1f}" for a, _, _ in loads))

    def col(key: str, field: str, fmt: str = "{:.1f}", unit: str = "") -> str:
        return show([r[key][field] for r in rounds if key in r], fmt, unit)

    def rate(key: str, amount: float, fmt: str) -> str:
        return show([amount / r[key]["wall"] for r in rounds if key in r], fmt)

    print(f"\n{'':30} {'wall s':>22} {'CPU s':>20} {'articles/s':>18} {'chars/s':>24} {'peak RSS/process MB':>22} "
          f"{'peak RSS total MB':>20} {'first output s':>24}")
    modes = (("extract_1", "extract -q"), ("extract_j", f"extract -q --jobs {jobs}"),
             ("extract_t", f"--jobs {jobs} --parallel threads"))
    for key, label in modes:
        print(f"{label:30} {col(key, 'wall'):>22} {col(key, 'cpu'):>20} {rate(key, done, '{:.1f}'):>18} "
              f"{rate(key, chars, '{:,.0f}'):>24} {col(key, 'peak_process_mb', '{:.0f}'):>22} "
              f"{col(key, 'peak_total_mb', '{:.0f}'):>20} {col(key, 'first_output', '{:.2f}'):>24}")
    for key, label in (("bare_1", "bare Kiwi, num_workers=1"), ("bare_j", f"bare Kiwi, num_workers={jobs}")):
        print(f"{label:30} {col(key, 'wall'):>22} {col(key, 'cpu'):>20} {rate(key, done, '{:.1f}'):>18} "
              f"{rate(key, chars, '{:,.0f}'):>24} {col(key, 'peak_process_mb', '{:.0f}'):>22} "
              f"{col(key, 'peak_total_mb', '{:.0f}'):>20} {'-':>24}")
    print(f"\n{'memory (shared pages divided)':30} {'peak PSS/process MB':>22} {'peak PSS total MB':>20} "
          f"{'peak USS/process MB':>22} {'peak RSS total MB':>20}")
    for key, label in modes:
        print(f"{label:30} {col(key, 'peak_pss_process_mb', '{:.0f}'):>22} {col(key, 'peak_pss_total_mb', '{:.0f}'):>20} "
              f"{col(key, 'peak_uss_process_mb', '{:.0f}'):>22} {col(key, 'peak_total_mb', '{:.0f}'):>20}")
    print("  (PSS: each page shared by n processes counts 1/n in each, so the total is the memory the run takes; "
          "USS: the pages of one process alone)")
    bare = [r for r in rounds if "bare_1" in r]
    if bare:
        print(f"bare Kiwi: load {show([r['bare_1']['load_seconds'] for r in bare])} s, "
              f"tokenize {show([r['bare_1']['tokenize_seconds'] for r in bare])} s (1 worker), "
              f"{show([r['bare_j']['tokenize_seconds'] for r in bare if 'bare_j' in r])} s ({jobs} workers); "
              f"{bare[0]['bare_1']['items']:,} items; options {bare[0]['bare_1']['options']}")

    print(f"\n{'ratios (within each round)':47} {'value':>20}   target")
    rows = (
        ("CPU: extract / bare Kiwi (1 worker)", _ratio(rounds, "extract_1", "bare_1", "cpu"), "<= 1.25"),
        (f"wall: extract --jobs {jobs} / bare Kiwi ({jobs} workers)", _ratio(rounds, "extract_j", "bare_j", "wall"),
         "<= 1.3"),
        (f"wall: extract --jobs {jobs} / extract", _ratio(rounds, "extract_j", "extract_1", "wall"), "<= 0.55"),
        ("wall: extract / bare Kiwi (1 worker)", _ratio(rounds, "extract_1", "bare_1", "wall"), ""),
        (f"wall: --jobs {jobs} --parallel threads / extract", _ratio(rounds, "extract_t", "extract_1", "wall"), ""),
        (f"wall: --jobs {jobs} --parallel threads / bare Kiwi", _ratio(rounds, "extract_t", "bare_j", "wall"), ""),
        (f"CPU: extract --jobs {jobs} / extract", _ratio(rounds, "extract_j", "extract_1", "cpu"), ""),
        (f"CPU: --jobs {jobs} --parallel threads / extract", _ratio(rounds, "extract_t", "extract_1", "cpu"), ""),
    )
    for label, values, target in rows:
        print(f"  {label:45} {show(values, '{:.2f}', 'x'):>20}   {target}")

    own = [(r["extract_j"]["process_cpu"], r["extract_j"]["cpu"], r["extract_1"]["cpu"]) for r in rounds
           if r.get("extract_j", {}).get("process_cpu") and "extract_1" in r]
    if own:
        print(f"\n`extract -q --jobs {jobs}`, CPU of each process (sampled; parent and workers): "
              + "; ".join(", ".join(f"{c:.1f}" for c in cpus) for cpus, _, _ in own) + " s")
        best = [max(cpus[0], total / jobs) / one for cpus, total, one in own]
        print(f"  best wall share on {jobs} free cores, max(busiest process, whole run / {jobs}) / 1-job CPU, "
              f"in the same round: {show(best, '{:.2f}')} (a bound from CPU times, unblurred by a busy machine)")

    staged = [r["stages"] for r in rounds if "stages" in r and r["stages"].get("stages")]
    if staged:
        total = [sum(s["stages"].values()) for s in staged]
        print(f"\ntime per stage, in one process (`extract` in-process, {len(staged)} run(s); "
              f"stages sum {show(total)} s of {show([s['wall'] for s in staged])} s wall; "
              f"Kiwi loaded before the run in {show([s.get('kiwi_load_seconds') for s in staged])} s):")
        names = {k for s in staged for k in s["stages"]}
        print(f"  {'':9} {'wall ms/article':>22}  {'share of the stages':>24}  {'CPU ms/article':>22}")
        for stage in [s for s in STAGES if s in names] + sorted(names - set(STAGES)):
            seconds = [s["stages"].get(stage, 0.0) for s in staged]
            cpu = [s["stages_cpu"].get(stage, 0.0) * 1000 / done for s in staged if "stages_cpu" in s]
            print(f"  {stage:9} {show([x * 1000 / done for x in seconds], '{:.2f}'):>22}  "
                  f"{show([x / t for x, t in zip(seconds, total, strict=True)], '{:.1%}'):>24}  "
                  f"{show(cpu, '{:.2f}') if cpu else '-':>22}")
        print("  (CPU: of the thread that ran the stage; the segment stage's excludes Kiwi's analysis, which runs "
              "in Kiwi's own thread)")
        main = [s["main_thread_cpu"] / s["process_cpu"] for s in staged if s.get("process_cpu")]
        print(f"  main thread / whole process CPU, 1 job: {show(main, '{:.2f}')}")
        pairs = [(r["stages_t"], r["stages"]) for r in rounds
                 if r.get("stages_t", {}).get("main_thread_cpu") and r["stages"].get("process_cpu")]
        if pairs:
            print(f"  --jobs {jobs} --parallel threads: main thread "
                  f"{show([j['main_thread_cpu'] for j, _ in pairs], '{:.1f}')} s, "
                  f"other threads {show([j['process_cpu'] - j['main_thread_cpu'] for j, _ in pairs], '{:.1f}')} s "
                  f"of CPU; 1 job: {show([one['process_cpu'] for _, one in pairs], '{:.1f}')} s")
            best = [max(j["main_thread_cpu"], j["process_cpu"] / jobs) / one["process_cpu"] for j, one in pairs]
            print(f"  best wall share of threads on {jobs} free cores, max(main thread, all threads / "
                  f"{jobs}) / 1-job CPU: {show(best, '{:.2f}')} (a bound from CPU times, unblurred by a busy machine)")
        bound = [(r["stages_j"]["worker_cpu"], r["extract_j"]["cpu"], r["extract_1"]["cpu"]) for r in rounds
                 if r.get("stages_j", {}).get("worker_cpu") and "extract_j" in r and "extract_1" in r]
        if bound:
            print(f"  --jobs {jobs} in processes: CPU of each worker "
                  + "; ".join(", ".join(f"{w:.1f}" for w in sorted(ws)) for ws, _, _ in bound)
                  + f" s; whole run {show([total for _, total, _ in bound], '{:.1f}')} s; "
                  f"1 job {show([one for _, _, one in bound], '{:.1f}')} s")
            best = [max(max(ws), total / jobs) / one for ws, total, one in bound]
            print(f"  best wall share of processes on {jobs} free cores, max(busiest worker, whole run / {jobs}) "
                  f"/ 1-job CPU: {show(best, '{:.2f}')}")
        segment = [r["stages"]["stages"].get("segment", 0.0) / r["bare_1"]["tokenize_seconds"]
                   for r in rounds if "stages" in r and "bare_1" in r and r["bare_1"]["tokenize_seconds"]]
        print(f"  segment stage / bare Kiwi tokenize time (1 worker): {show(segment, '{:.2f}', 'x')}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="a folder of inputs (default: build one with bench/corpus.py)")
    parser.add_argument("--articles", "-n", type=int, default=1000, help="articles of the built corpus")
    parser.add_argument("--repeat", "-r", type=int, default=3, help="rounds")
    parser.add_argument("--jobs", "-j", type=int, default=2, help="workers of the parallel runs")
    parser.add_argument("--quick", action="store_true", help="200 articles, one round")
    parser.add_argument("--json", type=Path, help="also write every measurement to this file")
    parser.add_argument("--no-stages", action="store_true", help="leave out step 3 (the in-process stage timers)")
    parser.add_argument("--report", type=Path, nargs="+", metavar="JSON",
                        help="only print the report of the rounds saved by earlier runs' --json (merged)")
    args = parser.parse_args()
    if args.report:
        saved = [json.loads(path.read_text(encoding="utf-8")) for path in args.report]
        report([r for s in saved for r in s["rounds"]], saved[0]["state"], args.jobs,
               [tuple(x) for s in saved for x in s["loads"]])
        return
    if args.quick:
        args.articles, args.repeat = 200, 1

    work = Path(tempfile.mkdtemp(prefix="extract-bench-"))
    try:
        corpus, built = measure.corpus(args.corpus, work / "corpus", args.articles)
        if built:
            print(built, "in", corpus, flush=True)
        state: dict = {}
        rounds: list[dict] = []
        loads = []
        for number in range(args.repeat):
            loads.append(os.getloadavg())
            started = time.perf_counter()
            rounds.append(_round(number, corpus, work, args.jobs, state, not args.no_stages))
            print(f"round {number + 1}/{args.repeat}: {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
            if args.json:  # after each round: a run cut short keeps its rounds
                args.json.write_text(json.dumps({"state": {**state, "bodies": str(state.get("bodies"))},
                                                 "rounds": rounds, "loads": loads}, indent=1, default=str))
        report(rounds, state, args.jobs, loads)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
