"""Benchmark: articles/s, chars/s, peak RSS, time per stage, and the ratio to bare Kiwi.

    python bench/bench.py [PATH ...] [--repeat N]

Everything is measured in one run of one process: Kiwi is loaded first (its
load time is printed on its own), then every input is extracted N times, then
bare Kiwi tokenizes the same cleaned bodies, paragraph by paragraph, N times.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract import kiwi, pipeline  # noqa: E402
from extract.load import Task, load  # noqa: E402
from extract.segment import paragraphs  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "seeds")])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    tasks = [t for t in load(args.paths) if isinstance(t, Task)]
    if not tasks:
        sys.exit("no inputs")
    started = time.perf_counter()
    kiwi.get()
    kiwi.tokenize(["워밍업 문장입니다."])
    load_seconds = time.perf_counter() - started

    pipeline.STAGE_SECONDS.clear()
    bodies: list[str] = []
    chars = 0
    started = time.perf_counter()
    for round_ in range(args.repeat):
        for task in tasks:
            article = pipeline.run(task)
            chars += len(article.body)
            if round_ == 0:
                bodies.append(article.body)
    total = time.perf_counter() - started
    articles = len(tasks) * args.repeat

    started = time.perf_counter()
    for _ in range(args.repeat):
        for body in bodies:
            kiwi.tokenize([text for text, _ in paragraphs(body)])
    bare = time.perf_counter() - started

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"inputs: {len(tasks)} x {args.repeat} rounds = {articles} articles, {chars:,} body characters")
    print(f"Kiwi load (once per process): {load_seconds:.2f} s")
    print(f"throughput: {articles / total:.1f} articles/s, {chars / total:,.0f} chars/s ({total:.2f} s)")
    print(f"bare Kiwi tokenization of the same bodies: {bare:.2f} s; pipeline / bare Kiwi = {total / bare:.2f}x")
    print(f"peak RSS: {peak_mb:.0f} MB")
    print("time per stage:")
    for stage in ("decode", "clean", "segment", "match", "resolve", "validate"):
        seconds = pipeline.STAGE_SECONDS[stage]
        print(f"  {stage:9} {seconds * 1000 / articles:7.2f} ms/article  {seconds / total:6.1%}")


if __name__ == "__main__":
    main()
