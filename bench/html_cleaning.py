"""HTML cleaning speed (decode, parse, clean; no Kiwi), and trafilatura on the same pages when it is installed.

    python bench/html_cleaning.py [--repeat N]

Times the cleaning of each HTML page of tests/corpus (median of N runs per page,
then the median over pages) and of the largest page on its own. When
trafilatura is installed (it is not a dependency: `pip install trafilatura` to
compare), also prints its body F1 against the hand-made expected bodies and its
time on the same pages.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _html_cleaning(pages: list[Path], repeat: int) -> tuple[float, float | None]:
    """Median milliseconds per page for our HTML cleaning, and for trafilatura if it is installed."""
    from extract import clean
    from extract.clean import html
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
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    html_pages = sorted((ROOT / "tests" / "corpus").glob("*.html"))
    ours, theirs = _html_cleaning(html_pages, args.repeat)
    print(f"HTML cleaning (decode + parse + clean, {len(html_pages)} corpus pages): median {ours:.2f} ms/page"
          + (f"; trafilatura.extract on the same pages: median {theirs:.2f} ms/page" if theirs else
             " (trafilatura not installed: no comparison)"))


if __name__ == "__main__":
    main()
