"""How should the product drive Kiwi on 2 cores? Modes side by side on the same bodies, and memory flatness.

    python bench/kiwi_modes.py [--corpus DIR | --articles N] [--repeat R] [--mode-articles M] [--only modes|memory] [--jobs J]

Modes (each a whole process, or two, measured by bench/measure.py; Kiwi loaded as
extract/kiwi.py loads it, tokenizing the cleaned bodies of `extract`'s own output,
cut into the items extract/segment.py gives Kiwi; see bench/bare_kiwi.py):

- one process, num_workers=1, one Kiwi call per article (`extract` with one job);
- one process, num_workers=1, one call per 64 articles;
- one process, num_workers=2, one call per 1, 8 and 64 articles;
- two spawned processes side by side, num_workers=1 each, every other article,
  one call per article and per 64 articles (a pool of two worker processes).

Reported: wall time, CPU time, and peak RSS summed over the processes. Memory
flatness: peak RSS of `extract DIR -q --jobs J` at N and 4N articles (built corpora),
per process. R rounds of everything, interleaved, each round in a rotated order
(--start sets the first round's); medians with (min–max).
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import measure  # noqa: E402
from measure import show  # noqa: E402

MODES = (
    ("1 process, num_workers=1, 1 article/call", 1, 1, 1),
    ("1 process, num_workers=1, 64 articles/call", 1, 1, 64),
    ("1 process, num_workers=2, 1 article/call", 1, 2, 1),
    ("1 process, num_workers=2, 8 articles/call", 1, 2, 8),
    ("1 process, num_workers=2, 64 articles/call", 1, 2, 64),
    ("2 processes, num_workers=1, 1 article/call", 2, 1, 1),
    ("2 processes, num_workers=1, 64 articles/call", 2, 1, 64),
)


def _mode(bodies: Path, processes: int, workers: int, batch: int) -> dict:
    commands = [[sys.executable, str(HERE / "bare_kiwi.py"), str(bodies), "--workers", str(workers),
                 "--batch", str(batch), "--part", f"{i}/{processes}"] for i in range(1, processes + 1)]
    if processes == 1:
        run = measure.run(commands[0])
    else:  # side by side under one shell, which reaps both (so their CPU time is counted)
        script = " & ".join(shlex.join(c) for c in commands) + " & wait"
        run = measure.run(["sh", "-c", script])
    reports = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    if run.returncode != 0 or len(reports) != processes:
        print(f"  ! mode {processes}x{workers}/{batch} failed: {run.stderr.strip()[-300:]}", file=sys.stderr)
    return {"wall": run.wall, "cpu": run.cpu, "rss_total": run.peak_total_mb, "rss_process": run.peak_process_mb,
            "tokenize": max((r["tokenize_seconds"] for r in reports), default=None),
            "load": max((r["load_seconds"] for r in reports), default=None),
            "tokens": sum(r["tokens"] for r in reports), "items": sum(r["items"] for r in reports)}


def modes(bodies: Path, repeat: int, start: int = 0) -> None:
    results: dict[str, list[dict]] = {label: [] for label, *_ in MODES}
    for number in range(repeat):
        shift = (start + number * 3) % len(MODES)  # each round in another order: the machine's load drifts
        for label, processes, workers, batch in MODES[shift:] + MODES[:shift]:
            results[label].append(_mode(bodies, processes, workers, batch))
        print(f"modes round {number + 1}/{repeat} done; load average {os.getloadavg()[0]:.1f}", file=sys.stderr,
              flush=True)
    base = results[MODES[0][0]]
    first = base[0]
    print(f"\nKiwi modes: {first['items']:,} items, {first['tokens']:,} tokens; {repeat} round(s); "
          "medians with (min–max); 'tokenize' is the slowest process's tokenizing time, Kiwi load excluded")
    print(f"{'mode':46} {'wall s':>20} {'tokenize s':>20} {'CPU s':>20} {'peak RSS MB (sum)':>20} "
          f"{'wall / first mode':>20}")
    for label, *_ in MODES:
        runs = results[label]
        ratio = [r["wall"] / b["wall"] for r, b in zip(runs, base, strict=True)]
        print(f"{label:46} {show(r['wall'] for r in runs):>20} {show(r['tokenize'] for r in runs):>20} "
              f"{show(r['cpu'] for r in runs):>20} {show((r['rss_total'] for r in runs), '{:.0f}'):>20} "
              f"{show(ratio, '{:.2f}', 'x'):>20}")
        if any(r["tokens"] != first["tokens"] for r in runs):
            print(f"  ! {label}: token counts differ from the first mode's", file=sys.stderr)


def _extract_peak(corpus: Path, work: Path, keep_bodies: Path | None = None, jobs: int = 1
                  ) -> tuple[float, float | None, int, int]:
    """Peak RSS of the largest process, peak PSS summed over the processes, files written, failures."""
    out = Path(tempfile.mkdtemp(prefix="out-", dir=work))
    run = measure.run([measure.executable(), str(corpus), "-q", "-o", str(out), "--jobs", str(jobs)])
    files, failed = measure.outputs(out)
    if keep_bodies is not None and not keep_bodies.exists():
        measure.write_bodies(files, keep_bodies)
    shutil.rmtree(out, ignore_errors=True)
    return run.peak_process_mb, run.peak_pss_total_mb, len(files), failed


def _build(target: Path, articles: int) -> Path:
    return measure.corpus(None, target, articles)[0]


def memory(corpus: Path, articles: int, work: Path, repeat: int, bodies: Path, jobs: int = 1) -> None:
    large = _build(work / "corpus-large", 4 * articles)
    peaks: dict[int, list[float]] = {articles: [], 4 * articles: []}
    pss: dict[int, list[float | None]] = {articles: [], 4 * articles: []}
    done: dict[int, tuple[int, int]] = {}
    for number in range(repeat):
        for size, folder in ((articles, corpus), (4 * articles, large)):
            peak, shared, files, failed = _extract_peak(folder, work, bodies, jobs)
            peaks[size].append(peak)
            pss[size].append(shared)
            done[size] = (files, failed)
        print(f"memory round {number + 1}/{repeat} done; load average {os.getloadavg()[0]:.1f}", file=sys.stderr,
              flush=True)
    print(f"\npeak RSS of `extract DIR -q --jobs {jobs}` (the largest process), {repeat} round(s):")
    for size, values in peaks.items():
        print(f"  {size:6,} articles ({done[size][0]} done, {done[size][1]} failed): {show(values, '{:.0f}', ' MB')}")
    ratio = [b / a for a, b in zip(peaks[articles], peaks[4 * articles], strict=True)]
    print(f"  {4 * articles:,} / {articles:,} articles: {show(ratio, '{:.3f}', 'x')} (flat: within 1.05x)")
    print("peak PSS summed over the processes (the memory the run takes; forked workers share the model's pages):")
    for size, values in pss.items():
        print(f"  {size:6,} articles: {show(values, '{:.0f}', ' MB')}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="a folder of inputs (default: build one)")
    parser.add_argument("--articles", "-n", type=int, default=1000, help="articles of the built corpus")
    parser.add_argument("--mode-articles", type=int, default=500, help="bodies of M articles (evenly spread) for the modes")
    parser.add_argument("--repeat", "-r", type=int, default=3)
    parser.add_argument("--jobs", "-j", type=int, default=1, help="--jobs of the memory runs")
    parser.add_argument("--only", choices=("modes", "memory"))
    parser.add_argument("--start", type=int, default=0, help="the mode the first round starts with (0-6)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="extract-kiwi-modes-"))
    try:
        corpus = args.corpus or _build(work / "corpus", args.articles)
        bodies = work / "bodies.jsonl"
        if args.only != "modes":
            memory(corpus, args.articles, work, args.repeat, bodies, args.jobs)
        if args.only != "memory":
            if not bodies.exists():
                _extract_peak(corpus, work, bodies)
            every = bodies.read_text(encoding="utf-8").splitlines()
            count = min(args.mode_articles, len(every))
            lines = [every[i * len(every) // count] for i in range(count)]  # evenly spread over the corpus
            subset = work / "mode-bodies.jsonl"
            subset.write_text("\n".join(lines) + "\n", encoding="utf-8")
            print(f"modes on the bodies of {len(lines)} articles, "
                  f"{sum(len(json.loads(line)) for line in lines):,} characters", flush=True)
            modes(subset, args.repeat, args.start)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
