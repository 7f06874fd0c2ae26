"""Benchmark: articles/s, chars/s, peak RSS, time per stage, and the ratio to bare Kiwi.

    python bench/bench.py [PATH ...] [--repeat N]

Everything is measured in one run of one process: Kiwi is loaded first (its
load time is printed on its own), then every input is extracted N times, then
bare Kiwi tokenizes the same cleaned bodies, paragraph by paragraph, N times.
HTML cleaning (decode, parse, clean; no Kiwi) is timed per page on the corpus
HTML pages, and trafilatura.extract on the same pages when it is installed
(it is not a dependency: `pip install trafilatura` to compare).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract import kiwi, pipeline  # noqa: E402
from extract.load import Task, load, read  # noqa: E402
from extract.segment import paragraphs  # noqa: E402


def _html_cleaning(pages: list[Path], repeat: int) -> tuple[float, float | None]:
    """Median milliseconds per page for our HTML cleaning, and for trafilatura if it is installed."""
    from extract import clean, html
    from extract.decode import decode

    def ours(data: bytes) -> None:
        text, _ = decode(data, html=True)
        page = html.read(text)
        clean.clean_lines(page.lines, title=page.title)

    datas = [p.read_bytes() for p in pages]
    mine = _median_ms(ours, datas, repeat)
    largest = max(range(len(pages)), key=lambda i: len(datas[i]))
    print(f"HTML cleaning of the largest page ({pages[largest].name}, {len(datas[largest]):,} bytes): "
          f"{_median_ms(ours, [datas[largest]], repeat):.2f} ms")
    try:
        import trafilatura
    except ImportError:
        return mine, None
    sys.path.insert(0, str(ROOT / "tests" / "corpus"))
    from score import char_f1

    f1s = []
    for path, data in zip(pages, datas, strict=True):
        expected = (path.parent / (path.stem + ".body.txt")).read_text(encoding="utf-8")
        f1s.append(char_f1(expected, trafilatura.extract(decode(data, html=True)[0]) or ""))
    print(f"trafilatura body F1 on the same pages: mean {statistics.fmean(f1s):.4f}, min {min(f1s):.4f}; "
          f"its time on the largest page: {_median_ms(lambda d: trafilatura.extract(decode(d, html=True)[0]), [datas[largest]], repeat):.2f} ms")
    return mine, _median_ms(lambda data: trafilatura.extract(decode(data, html=True)[0]), datas, repeat)


def _median_ms(function, datas: list[bytes], repeat: int) -> float:
    times = []
    for data in datas:
        runs = []
        for _ in range(repeat):
            started = time.perf_counter()
            function(data)
            runs.append(time.perf_counter() - started)
        times.append(statistics.median(runs) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "seeds")])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    tasks = [read(t) for t in load(args.paths) if isinstance(t, Task)]  # read once, outside the timings
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

    html_pages = sorted((ROOT / "tests" / "corpus").glob("*.html"))
    ours, theirs = _html_cleaning(html_pages, args.repeat)

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"inputs: {len(tasks)} x {args.repeat} rounds = {articles} articles, {chars:,} body characters")
    print(f"Kiwi load (once per process): {load_seconds:.2f} s")
    print(f"throughput: {articles / total:.1f} articles/s, {chars / total:,.0f} chars/s ({total:.2f} s)")
    print(f"bare Kiwi tokenization of the same bodies: {bare:.2f} s; pipeline / bare Kiwi = {total / bare:.2f}x")
    print(f"peak RSS: {peak_mb:.0f} MB")
    print(f"HTML cleaning (decode + parse + clean, {len(html_pages)} corpus pages): median {ours:.2f} ms/page"
          + (f"; trafilatura.extract on the same pages: median {theirs:.2f} ms/page" if theirs else
             " (trafilatura not installed: no comparison)"))
    print("time per stage:")
    for stage in ("decode", "clean", "segment", "match", "resolve", "validate"):
        seconds = pipeline.STAGE_SECONDS[stage]
        print(f"  {stage:9} {seconds * 1000 / articles:7.2f} ms/article  {seconds / total:6.1%}")


if __name__ == "__main__":
    main()
