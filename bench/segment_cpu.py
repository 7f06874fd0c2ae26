"""The segment stage beside bare Kiwi, in one process, alternating, on the same bodies and items.

    python bench/segment_cpu.py [--corpus DIR | --articles N] [--rounds R] [--root TREE]

Builds a corpus of N articles (default 300) with bench/corpus.py (or takes --corpus DIR), decodes and cleans
every article (`pipeline.prepare`), loads Kiwi, then R times, alternating per article, tokenizes each body
(a) bare: one Kiwi list call on the items `segment.items(body)` gives (the paragraphs, long ones in pieces),
each result turned into a list as extract/kiwi.py does, and (b) with `segment.segment(body)` (the same call,
then the project's tokens with body offsets and the paragraphs). Prints, per round, the CPU time per article
of the process (Kiwi analyses in a thread of its own) and of the main thread for both, and their ratio; then
the medians. --root TREE imports `extract` from another checkout (run two versions in turn).
"""

from __future__ import annotations

import statistics
import time

import measure


def main() -> None:
    args = measure.checkout_options(__doc__.splitlines()[0], articles=300, rounds=3)

    from extract import kiwi, segment

    with measure.checkout_corpus(args, "extract-segment-cpu-") as corpus:
        bodies = measure.cleaned_bodies(corpus)
        kiwi.get()
        items = [segment.items(body) for body in bodies]
        print(f"{len(bodies)} bodies, {sum(map(len, bodies)):,} characters, {sum(map(len, items)):,} items; "
              f"extract from {args.root.resolve()}")

        def bare(number: int) -> None:
            kiwi.tokenize(items[number])

        def product(number: int) -> None:
            segment.segment(bodies[number])

        rows: dict[str, list[float]] = {"bare": [], "segment": [], "bare main": [], "segment main": []}
        for number in range(args.rounds):
            spent = {"bare": [0.0, 0.0], "segment": [0.0, 0.0]}
            for position in range(len(bodies)):
                order = (("bare", bare), ("segment", product)) if position % 2 == 0 else (
                    ("segment", product), ("bare", bare))
                for name, run in order:
                    process, thread = time.process_time(), time.thread_time()
                    run(position)
                    spent[name][0] += time.process_time() - process
                    spent[name][1] += time.thread_time() - thread
            per = {name: [value * 1000 / len(bodies) for value in pair] for name, pair in spent.items()}
            rows["bare"].append(per["bare"][0])
            rows["segment"].append(per["segment"][0])
            rows["bare main"].append(per["bare"][1])
            rows["segment main"].append(per["segment"][1])
            print(f"round {number + 1}: process CPU bare {per['bare'][0]:.2f}, segment {per['segment'][0]:.2f} "
                  f"ms/article ({per['segment'][0] / per['bare'][0]:.3f}x); main thread bare {per['bare'][1]:.2f}, "
                  f"segment {per['segment'][1]:.2f}")
        middle = {name: statistics.median(values) for name, values in rows.items()}
        print(f"median: process CPU bare {middle['bare']:.2f}, segment {middle['segment']:.2f} ms/article "
              f"({middle['segment'] / middle['bare']:.3f}x); main thread bare {middle['bare main']:.2f}, "
              f"segment {middle['segment main']:.2f} (+{middle['segment main'] - middle['bare main']:.2f})")


if __name__ == "__main__":
    main()
