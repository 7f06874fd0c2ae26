"""The real-text expression corpus (tests/expressions/real): its form, its sources, and a floor on its score.

The floor is the exact count measured when the corpus was written, so the rules can only
improve on it; the target (97 % exact) is stated in the README.
"""

from __future__ import annotations

import datetime as dt

import pytest

from extract import rules

from .expressions import provenance, score

REAL = score.real_expressions()
EXACT_FLOOR = 288  # exact expressions of the real-text corpus with the rules it was written against


def test_size_and_coverage() -> None:
    assert len(REAL) >= 300
    assert len({e.source for e in REAL}) == 43
    assert {e.outlet for e in REAL} == set(score.OUTLETS.values())
    kinds = {e.kind for e in REAL}
    assert kinds == {"amount", "date", "negative"}


def test_lines_are_well_formed() -> None:
    for e in REAL:
        assert e.category in score.CATEGORIES, e.line
        assert isinstance(e.reference, dt.date), e.line
        assert (e.category == "negative") == (e.kind == "negative"), e.line
        if e.kind == "negative":
            assert e.expected["kind"] in ("amount", "date"), e.line
        else:
            assert e.match and e.match in e.text, e.line
        if e.kind == "date":
            assert e.category in ("date-absolute", "date-relative", "range"), e.line
        if e.kind == "amount":
            assert e.category not in ("date-absolute", "date-relative"), e.line


@pytest.mark.skipif(not provenance.BROADCAST.exists(), reason="the shared broadcast corpus is not next to the "
                    "repository (../shared/corpus/broadcast)")
def test_every_line_is_on_its_page_with_its_date() -> None:
    assert provenance.problems(REAL) == []


def test_exact_count_does_not_fall() -> None:
    results = score.run(REAL, rules.load())
    exact, total = score.rate(results)
    assert exact >= EXACT_FLOOR, f"{exact}/{total} exact, below the floor of {EXACT_FLOOR}:\n" + \
        "\n".join(score._misses(results))


def test_old_corpus_is_not_mixed_in() -> None:
    assert not {e.line for e in score.expressions()} & {e.line for e in REAL}
