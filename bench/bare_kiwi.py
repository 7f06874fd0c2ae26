"""Bare Kiwi: load Kiwi as extract/kiwi.py does and tokenize the given bodies, nothing else.

    python bench/bare_kiwi.py BODIES.jsonl [--workers N] [--batch K | --chars C] [--part I/P]

BODIES.jsonl holds one JSON string (a cleaned article body) per line. Each body
is cut into the items the product gives Kiwi: extract/segment.py's own code is
run with Kiwi replaced by a recorder, so the items are its paragraphs (and its
pieces of long paragraphs, if it splits them). Kiwi is then built by
extract/kiwi.py itself, with only `num_workers` overridden by --workers, so the
options are the product's. The items of K articles go to Kiwi in one list call
(K=1: one call per article, as `extract` does with one job); --chars C instead
fills each call with the next items, across articles, up to C characters (as
extract/feeder.py does for `--jobs 2` or more: `--chars 50000`). --part 1/2
takes every other article starting at the first (for running two processes side
by side).

Prints one JSON line: load and tokenize seconds, articles, items, characters, tokens.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def items_of(bodies: list[str]) -> list[list[str]]:
    """What extract/segment.py hands to Kiwi for each body, recorded without Kiwi."""
    from extract import kiwi, segment

    recorded: list[list[str]] = []

    def record(paragraphs):  # type: ignore[no-untyped-def]
        recorded[-1].extend(paragraphs)
        return [[] for _ in paragraphs]

    real = kiwi.tokenize
    kiwi.tokenize = record
    try:
        for body in bodies:
            recorded.append([])
            segment.segment(body)
    except Exception as exc:  # segment's interface changed: fall back to its paragraph split
        print(f"warning: recording segment.segment failed ({exc}); using segment.paragraphs", file=sys.stderr)
        recorded = [[text for text, _ in segment.paragraphs(body)] for body in bodies]
    finally:
        kiwi.tokenize = real
    return recorded


def calls(articles: list[list[str]], batch: int, chars: int) -> list[list[str]]:
    """The items of each Kiwi call: `batch` articles per call, or (chars > 0) the next items up to `chars`
    characters (at least one item), as extract/feeder.py groups them."""
    if chars <= 0:
        grouped = ([item for article in articles[first:first + batch] for item in article]
                   for first in range(0, len(articles), batch))
        return [group for group in grouped if group]
    found: list[list[str]] = []
    size = chars + 1
    for item in (item for article in articles for item in article):
        if size + len(item) > chars:
            found.append([])
            size = 0
        found[-1].append(item)
        size += len(item)
    return found


def load_kiwi(workers: int):  # type: ignore[no-untyped-def]
    """Kiwi as extract/kiwi.py builds it, with num_workers=workers; and the options it was given."""
    import kiwipiepy

    from extract import kiwi

    real = kiwipiepy.Kiwi
    options: dict = {}

    def build(*args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs["num_workers"] = workers
        options.update(kwargs, args=list(args))
        return real(*args, **kwargs)

    kiwipiepy.Kiwi = build
    try:
        engine = kiwi.get()
    finally:
        kiwipiepy.Kiwi = real
    return engine, options


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bodies", type=Path)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--batch", type=int, default=1, help="articles per Kiwi call")
    parser.add_argument("--chars", type=int, default=0, help="characters per Kiwi call, across articles")
    parser.add_argument("--part", default="1/1", help="I/P: every P-th article starting at the I-th")
    args = parser.parse_args()
    index, parts = (int(x) for x in args.part.split("/"))

    started = time.perf_counter()
    bodies = [json.loads(line) for line in args.bodies.read_text(encoding="utf-8").splitlines() if line]
    bodies = bodies[index - 1::parts]
    articles = items_of(bodies)
    read = time.perf_counter() - started

    started = time.perf_counter()
    engine, options = load_kiwi(args.workers)
    engine.tokenize(["워밍업 문장입니다."])
    loaded = time.perf_counter() - started

    tokens = 0
    started = time.perf_counter()
    for batch in calls(articles, args.batch, args.chars):
        tokens += sum(len(list(found)) for found in engine.tokenize(batch))
    tokenized = time.perf_counter() - started
    print(json.dumps({
        "workers": args.workers, "batch": args.batch, "chars_per_call": args.chars, "part": args.part, "options": options,
        "articles": len(articles), "items": sum(map(len, articles)), "chars": sum(map(len, bodies)),
        "tokens": tokens, "read_seconds": read, "load_seconds": loaded, "tokenize_seconds": tokenized,
    }, default=str))


if __name__ == "__main__":
    main()
