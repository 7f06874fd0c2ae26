"""CPU time of reading, decoding and cleaning (stages 2 and 3, no Kiwi), per article, in one process.

    python bench/clean_cpu.py [--corpus DIR | --articles N] [--rounds R] [--root TREE]

Builds a corpus of N articles (default 400) with bench/corpus.py (or takes
--corpus DIR), loads the rules, reads every input, then R times runs
`pipeline.prepare` (decode and clean) on every article and prints the CPU time
of this thread per article for each round, for all articles and for the HTML
pages and the text articles apart; then, as medians of the rounds, the CPU time
per article of each input kind (.html, .txt, .jsonl records) and of decoding
alone (the bytes of each .html and .txt input decoded once more, apart: the
rest of `prepare` is reading the task and cleaning). The cleaner's remembered
answers (line classes, sentence tests) are forgotten before each round, so
every round starts as a run does. CPU time, not wall time: a busy machine changes it
little. --root TREE imports `extract` from another checkout of this repository
(say, an older commit unpacked with `git archive`), so two versions can be
compared on the same corpus; run them alternately.
"""

from __future__ import annotations

import contextlib
import statistics
import time

import measure


def _forget() -> None:
    """The cleaner's remembered answers, forgotten (as at the start of a run); the rules stay loaded."""
    from extract.clean import boilerplate, lines, sentences, sequence

    for module, name in ((sequence, "_memo"), (sentences, "_plans"), (sequence, "_facts"), (lines, "_keys"),
                         (sequence, "_read_lines"), (sentences, "_whole"), (sentences, "_headlines")):
        memo = getattr(module, name, None)  # (an older tree may lack some)
        if memo is not None:
            memo().clear()
    rules = boilerplate.load()
    long = getattr(rules, "_long", None)  # (the last long lines classified)
    if isinstance(long, dict):
        long.clear()
    for name in ("_header", "_body"):
        built = getattr(rules, name, None)
        if isinstance(built, tuple) and built and isinstance(built[-1], dict):
            built[-1].clear()  # (exact lines, combined pattern, remembered lines)
            openers = getattr(built[1], "_openers", None)  # (the first characters a pattern can open with)
            if isinstance(openers, dict):
                openers.clear()


def main() -> None:
    args = measure.checkout_options(__doc__.splitlines()[0], articles=400, rounds=5)

    from extract import decode, pipeline

    with measure.checkout_corpus(args, "extract-clean-cpu-") as corpus:
        tasks = measure.read_inputs(corpus)
        html = sum(t.format == "html" for t in tasks)
        print(f"{len(tasks)} articles ({html} HTML pages) in {corpus}; extract from {args.root.resolve()}")
        kinds = [_kind(task) for task in tasks]
        counts = {kind: kinds.count(kind) for kind in KINDS}
        rounds: dict[str, list[float]] = {kind: [] for kind in (*KINDS, "all", "decode")}
        for number in range(args.rounds):
            _forget()
            spent = dict.fromkeys(KINDS, 0.0)
            for task, kind in zip(tasks, kinds, strict=True):
                started = time.thread_time()
                with contextlib.suppress(Exception):  # an input that fails costs its time, never the run
                    pipeline.prepare(task)
                spent[kind] += time.thread_time() - started
            decoding = _decoding(tasks, decode.decode)
            total = sum(spent.values())
            text = spent["txt"] + spent["jsonl"]
            print(f"round {number + 1}: {total * 1000 / len(tasks):.2f} ms/article of CPU "
                  f"(HTML {spent['html'] * 1000 / max(html, 1):.2f}, text {text * 1000 / max(len(tasks) - html, 1):.2f})")
            for kind in KINDS:
                rounds[kind].append(spent[kind] * 1000 / max(counts[kind], 1))
            rounds["all"].append(total * 1000 / len(tasks))
            rounds["decode"].append(decoding * 1000 / len(tasks))
        medians = {kind: statistics.median(values) for kind, values in rounds.items()}
        print(f"median of {args.rounds} rounds, ms/article of CPU: all {medians['all']:.2f} (decoding alone "
              f"{medians['decode']:.2f}); " + ", ".join(f"{kind} {medians[kind]:.2f} ({counts[kind]})" for kind in KINDS))


KINDS = ("html", "txt", "jsonl")


def _kind(task) -> str:  # type: ignore[no-untyped-def]
    """The input kind of a read task: an HTML page, a .txt file, or a record of a .jsonl file (its text given)."""
    return "html" if task.format == "html" else "jsonl" if task.text is not None else "txt"


def _decoding(tasks: list, decode) -> float:  # type: ignore[no-untyped-def]
    """The CPU time of decoding the bytes of every task that has them (the .html and .txt inputs) once."""
    spent = 0.0
    for task in tasks:
        if task.text is None and task.data is not None:
            started = time.thread_time()
            with contextlib.suppress(Exception):
                decode(task.data, html=task.format == "html")
            spent += time.thread_time() - started
    return spent


if __name__ == "__main__":
    main()
