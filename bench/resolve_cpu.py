"""CPU time of the rules' matching and of the entity model's tagging, per article, in one process.

    python bench/resolve_cpu.py [--corpus DIR | --articles N] [--rounds R] [--root TREE]

Builds a corpus of N articles (default 400) with bench/corpus.py (or takes
--corpus DIR), cleans and tokenizes every article once (Kiwi loaded first),
then R times runs, on every article, the rules' matching of its body
(`resolve.match_rules`, stage 5) and the entity model's tagging of each
paragraph's tokens (`model.tag`: its features and the CRF), and prints the CPU
time of this thread per article for each round (and first the CPU time of
loading the rules and preparing their searches, as the first article of a run
pays it). The model's word tables are
emptied before the first round only, as a run starts with them empty. CPU time,
not wall time: a busy machine changes it little. --root TREE imports `extract`
from another checkout of this repository (an older commit unpacked with
`git archive`), so two versions can be compared on the same corpus; run them
alternately.
"""

from __future__ import annotations

import time

import measure


def main() -> None:
    args = measure.checkout_options(__doc__.splitlines()[0], articles=400, rounds=3)

    from extract import resolve, rules, segment
    from extract.entities import model

    started = time.thread_time()
    ruleset = rules.load()
    ruleset.candidates("1", None)  # each rule's search is prepared at its first text
    print(f"rules loaded and prepared in {(time.thread_time() - started) * 1000:.0f} ms of CPU")
    with measure.checkout_corpus(args, "extract-resolve-cpu-") as corpus:
        articles = [(body, [p.tokens for p in segment.segment(body)]) for body in measure.cleaned_bodies(corpus)]
        print(f"{len(articles)} articles in {corpus}; extract from {args.root.resolve()}")
        for number in range(args.rounds):
            matching = tagging = 0.0
            for body, paragraphs in articles:
                started = time.thread_time()
                resolve.match_rules(body, ruleset, None)
                middle = time.thread_time()
                for tokens in paragraphs:
                    model.tag(tokens)
                matching += middle - started
                tagging += time.thread_time() - middle
            count = len(articles)
            print(f"round {number + 1}: matching {matching * 1000 / count:.2f} ms/article, "
                  f"entity model {tagging * 1000 / count:.2f} ms/article of CPU")


if __name__ == "__main__":
    main()
