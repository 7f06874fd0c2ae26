"""Kiwi inside the pipeline against Kiwi alone, in one process, alternating, on the same items.

    python bench/kiwi_inside.py [--corpus DIR | --articles N] [--rounds R] [--root TREE] [--modes=bare,1,16]

Builds a corpus of N articles (default 300) with bench/corpus.py (or takes --corpus DIR), decodes and cleans
every article (`pipeline.prepare`), loads Kiwi as `extract` does (num_workers=1: one thread of Kiwi's own),
then R rounds, the modes in turn (their order reversed every other round):
- bare: Kiwi alone, one list call per article on the items `segment.items(body)` gives;
- K (a number): the whole pipeline after cleaning (`pipeline.finish`: segment, match, resolve, validate),
  the items of K articles given to Kiwi in one list call before their later stages run (K=1: one call per
  article, as `extract` with one job does).
Prints, per mode, the process's CPU per article and Kiwi's share of it (the process's CPU less the main
thread's: Kiwi analyses in its own thread), medians over the rounds. The collector's young generation is
collected every 10,000 allocations, as `extract` sets it. --root TREE imports `extract` from another checkout.
"""

from __future__ import annotations

import gc
import statistics
import sys
import time

import measure


def main() -> None:
    modes = ["bare", "1", "16"]
    for arg in [a for a in sys.argv[1:] if a.startswith("--modes=")]:
        modes = arg.split("=", 1)[1].split(",")
        sys.argv.remove(arg)
    options = measure.checkout_options(__doc__.splitlines()[0], 300, 3)
    from extract import kiwi, load, pipeline, segment
    from extract.load import Task

    gc.set_threshold(10_000, 10, 10)
    with measure.checkout_corpus(options, "kiwi-inside-") as folder:
        prepared = []
        for task in load.expand(load.enumerate_inputs([str(folder)])):
            if isinstance(task, Task):
                try:
                    prepared.append(pipeline.prepare(task))
                except Exception:  # an input that fails is left out
                    continue
        items = [segment.items(p.body) for p in prepared]

        def run(mode: str) -> None:
            if mode == "bare":
                for article in items:
                    kiwi.tokenize(article)
                return
            size = int(mode)
            for first in range(0, len(prepared), size):
                group = items[first:first + size]
                tokens = kiwi.tokenize([item for article in group for item in article])
                at = 0
                for done, article in zip(prepared[first:first + size], group, strict=True):
                    mine = tokens[at:at + len(article)]
                    at += len(article)
                    pipeline.finish(done, tokens=lambda _items, mine=mine: mine)

        process: dict[str, list[float]] = {mode: [] for mode in modes}
        inside: dict[str, list[float]] = {mode: [] for mode in modes}
        for round_ in range(options.rounds):
            for mode in modes if round_ % 2 == 0 else modes[::-1]:
                gc.collect()
                cpu, main_thread = time.process_time(), time.thread_time()
                run(mode)
                spent = time.process_time() - cpu
                process[mode].append(spent)
                inside[mode].append(spent - (time.thread_time() - main_thread))
        count = len(prepared)
        print(f"{count} articles, {sum(map(len, items))} Kiwi items, {options.rounds} rounds; ms/article, median")
        for mode in modes:
            print(f"{mode:>5}: process {1000 * statistics.median(process[mode]) / count:7.2f}  "
                  f"Kiwi's thread {1000 * statistics.median(inside[mode]) / count:6.2f}  "
                  f"(rounds: {', '.join(f'{1000 * v / count:.2f}' for v in inside[mode])})")


if __name__ == "__main__":
    main()
