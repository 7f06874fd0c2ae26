"""CPU time of the people step, per article, in one process.

    python bench/people_cpu.py [--corpus DIR | --articles N] [--rounds R] [--root TREE]

Builds a corpus of N articles (default 300) with bench/corpus.py (or takes
--corpus DIR), cleans, tokenizes and matches the rules of every article once
(Kiwi loaded first), then R times builds every article's records
(`resolve.records`) and prints, per round, the CPU time of this thread per
article spent in `people.find` (the title rules, paragraph by paragraph), in the
whole people step (every function of extract/entities/people.py that
`resolve.records` calls: find, plausible, members, listed_alike,
back_references, titled_before, link_pseudonyms, given_names, played,
not_roles...) and in `resolve.records` in all. The word lists' look-up memos
start empty in round 1 only, as a run starts with them empty; later rounds show
the steady state. CPU time, not wall time: a busy machine changes it little.
--root TREE imports `extract` from another checkout of this repository (an older
commit unpacked with `git archive`), so two versions can be compared on the same
corpus; run them alternately.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import measure


def _timed(function: Callable[..., Any], spent: list[float]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.thread_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[0] += time.thread_time() - started

    return wrapper


def main() -> None:
    args = measure.checkout_options(__doc__.splitlines()[0], articles=300, rounds=3)

    from extract import resolve, rules, segment
    from extract.entities import people

    with measure.checkout_corpus(args, "extract-people-cpu-") as corpus:
        ruleset = rules.load()
        articles = []
        for body in measure.cleaned_bodies(corpus):
            paragraphs = segment.segment(body)
            candidates, _ = resolve.match_rules(body, ruleset, None)
            articles.append((body, paragraphs, candidates))
        print(f"{len(articles)} articles, {sum(len(a[1]) for a in articles)} paragraphs in {corpus}; "
              f"extract from {args.root.resolve()}")
        finding, step = [0.0], [0.0]
        called = [name for name in vars(people) if f"people.{name}(" in _source(resolve)]
        for name in called:
            setattr(people, name, _timed(getattr(people, name), finding if name == "find" else step))
        for number in range(args.rounds):
            finding[0] = step[0] = 0.0
            total = 0.0
            for body, paragraphs, candidates in articles:
                started = time.thread_time()
                resolve.records(body, paragraphs, candidates)
                total += time.thread_time() - started
            count = len(articles)
            print(f"round {number + 1}: people.find {finding[0] * 1000 / count:.2f}, people step "
                  f"{(finding[0] + step[0]) * 1000 / count:.2f}, resolve.records {total * 1000 / count:.2f} "
                  f"ms/article of CPU")


def _source(module: Any) -> str:
    import inspect

    return inspect.getsource(module)


if __name__ == "__main__":
    main()
