"""CPU time of the organisation step (`organisations.find`) per article, in one process.

    python bench/orgs_cpu.py [--corpus DIR | --articles N] [--rounds R] [--root TREE] [--words-read]

Builds a corpus of N articles (default 400) with bench/corpus.py (or takes
--corpus DIR), cleans, tokenizes and resolves every article once (Kiwi loaded
first), keeping what the organisation step is given (the body, its paragraphs,
the people found and the names the entity model proposes); then R times runs
`organisations.find` alone on every article (the article's music groups, which
the people step finds before it and which are remembered, looked up first and
not timed) and prints the CPU time of this thread per article for each round. With --words-read the paragraphs'
words (`people.words`, remembered for the last paragraphs read) are read before the timing too, as the people step
reads them before the organisation step in a run; without it the organisation step pays for them. CPU time, not wall
time: a busy machine changes it little. --root TREE imports `extract` from another checkout of this
repository (an older commit unpacked with `git archive`), so two versions can be
compared on the same corpus; run them alternately.
"""

from __future__ import annotations

import sys
import time

import measure


def main() -> None:
    words_read = "--words-read" in sys.argv  # an option of this script alone
    if words_read:
        sys.argv.remove("--words-read")
    args = measure.checkout_options(__doc__.splitlines()[0], articles=400, rounds=3)

    from extract import resolve, rules, segment
    from extract.entities import organisations

    with measure.checkout_corpus(args, "extract-orgs-cpu-") as corpus:
        ruleset = rules.load()
        given: list[tuple] = []
        find = organisations.find

        def keep(*arguments: object, **options: object) -> object:
            given.append((arguments, options))
            return find(*arguments, **options)

        organisations.find = keep
        try:
            for body in measure.cleaned_bodies(corpus):
                paragraphs = segment.segment(body)
                candidates, _ = resolve.match_rules(body, ruleset, None)
                resolve.records(body, paragraphs, candidates)
        finally:
            organisations.find = find
        print(f"{len(given)} articles in {corpus}; extract from {args.root.resolve()}")
        from extract.entities import people

        for number in range(args.rounds):
            spent = 0.0
            for arguments, options in given:
                # the music groups the people step found before, remembered as in a run (not timed)
                people.music_groups(arguments[1], arguments[3])
                if words_read:  # as the people step does before, in a run
                    for paragraph in arguments[1]:
                        people.words(paragraph)
                started = time.thread_time()
                find(*arguments, **options)
                spent += time.thread_time() - started
            print(f"round {number + 1}: organisations {spent * 1000 / len(given):.3f} ms/article of CPU")


if __name__ == "__main__":
    main()
