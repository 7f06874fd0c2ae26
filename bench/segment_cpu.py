"""The segment stage beside bare Kiwi, in one process, alternating, on the same bodies and items.

    python bench/segment_cpu.py [--corpus DIR | --articles N] [--rounds R] [--root TREE] [--against TREE]

Builds a corpus of N articles (default 300) with bench/corpus.py (or takes --corpus DIR), decodes and cleans
every article (`pipeline.prepare`), loads Kiwi, then R times, alternating per article (the order rotated from
one article to the next), tokenizes each body
(a) bare: one Kiwi list call on the items `segment.items(body)` gives (the paragraphs, long ones in pieces),
each result turned into a list as extract/kiwi.py does, and (b) with `segment.segment(body)` (the same call,
then the project's tokens with body offsets and the paragraphs); with --against TREE, also (c) with TREE's
extract/segment.py, loaded beside this one (it must import only `budget` and `kiwi` from `extract`), so two
versions are compared in one process. Prints, per round, the CPU time per article of the process (Kiwi
analyses in a thread of its own) and of the main thread for each, and the ratios; then the medians. Then, with
Kiwi's tokens made beforehand, the stage's own work alone (main thread, per article). The collector's young
generation is collected every 10,000 allocations, as `extract` sets it. --root TREE imports `extract` from
another checkout.
"""

from __future__ import annotations

import gc
import importlib.util
import statistics
import sys
import time
from pathlib import Path

import measure


def _load(tree: Path):  # type: ignore[no-untyped-def]
    """TREE's extract/segment.py as a module of its own (its imports resolve to the `extract` in use)."""
    spec = importlib.util.spec_from_file_location("segment_against", tree / "extract" / "segment.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _take_against() -> str | None:
    """--against TREE, taken out of the command line (the other options are measure.checkout_options')."""
    if "--against" not in sys.argv:
        return None
    at = sys.argv.index("--against")
    tree = sys.argv[at + 1]
    del sys.argv[at:at + 2]
    return tree


def main() -> None:
    against = _take_against()
    args = measure.checkout_options(__doc__.splitlines()[0], articles=300, rounds=3)

    from extract import kiwi, segment

    gc.set_threshold(10_000, 10, 10)  # as cli.py sets it
    with measure.checkout_corpus(args, "extract-segment-cpu-") as corpus:
        bodies = measure.cleaned_bodies(corpus)
        kiwi.get()
        items = [segment.items(body) for body in bodies]
        print(f"{len(bodies)} bodies, {sum(map(len, bodies)):,} characters, {sum(map(len, items)):,} items; "
              f"extract from {args.root.resolve()}")
        runs = {"bare": lambda number: kiwi.tokenize(items[number]),
                "segment": lambda number: segment.segment(bodies[number])}
        modules = {"segment": segment}
        if against:
            other = _load(Path(against).resolve())
            assert [other.items(body) for body in bodies] == items, "the two versions give Kiwi other items"
            runs["against"] = lambda number: other.segment(bodies[number])
            modules["against"] = other
            print(f"against: {Path(against).resolve() / 'extract' / 'segment.py'}")
        names = list(runs)
        rows: dict[str, list[float]] = {f"{name}{kind}": [] for name in names for kind in ("", " main")}
        for number in range(args.rounds):
            spent = {name: [0.0, 0.0] for name in names}
            for position in range(len(bodies)):
                turn = position % len(names)
                for name in names[turn:] + names[:turn]:
                    process, thread = time.process_time(), time.thread_time()
                    runs[name](position)
                    spent[name][0] += time.process_time() - process
                    spent[name][1] += time.thread_time() - thread
            per = {name: [value * 1000 / len(bodies) for value in pair] for name, pair in spent.items()}
            for name in names:
                rows[name].append(per[name][0])
                rows[f"{name} main"].append(per[name][1])
            print(f"round {number + 1}: process CPU " + ", ".join(
                f"{name} {per[name][0]:.2f} ({per[name][0] / per['bare'][0]:.3f}x)" for name in names)
                + " ms/article; main thread " + ", ".join(f"{name} {per[name][1]:.2f}" for name in names))
        middle = {name: statistics.median(values) for name, values in rows.items()}
        print("median: process CPU " + ", ".join(
            f"{name} {middle[name]:.2f} ({middle[name] / middle['bare']:.3f}x)" for name in names)
            + " ms/article; main thread " + ", ".join(
            f"{name} {middle[name + ' main']:.2f} (+{middle[name + ' main'] - middle['bare main']:.2f})"
            for name in names))

        tokens = [kiwi.tokenize(found) for found in items]
        own: dict[str, list[float]] = {name: [] for name in modules}
        for number in range(max(args.rounds, 5)):
            for name in (list(modules) if number % 2 == 0 else list(modules)[::-1]):
                module = modules[name]
                thread = time.thread_time()
                for body, found in zip(bodies, tokens, strict=True):
                    module.segment(body, source=lambda _, found=found: found)
                own[name].append((time.thread_time() - thread) * 1000 / len(bodies))
        print("own work alone (Kiwi's tokens made beforehand), median main thread: " + ", ".join(
            f"{name} {statistics.median(values):.3f}" for name, values in own.items()) + " ms/article")


if __name__ == "__main__":
    main()
