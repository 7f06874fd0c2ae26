"""The real-text expression corpus (tests/expressions/real): its form, its sources, and a floor on its score.

The floor is the exact count measured with the current rules, so the rules can only improve on
it; the target (97 % exact) and the figures per part (tuning outlets, held-out outlets) are in the
README.
"""

from __future__ import annotations

import datetime as dt

import pytest

from extract import rules

from .expressions import provenance, score

REAL = score.real_expressions()
EXACT_FLOOR = 359  # exact expressions of the real-text corpus (362 lines) with the current rules


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


def test_parts_split_the_outlets() -> None:
    assert set(score.OUTLETS.values()) == score.TUNE_OUTLETS | score.HELD_OUT_OUTLETS
    assert not score.TUNE_OUTLETS & score.HELD_OUT_OUTLETS
    assert {e.part for e in REAL} == set(score.PARTS)
    assert all((e.part == "held-out") == (e.outlet in score.HELD_OUT_OUTLETS) for e in REAL)


def test_reconciled_lines_say_what_and_why() -> None:
    for path in sorted(score.REAL.glob("*.tsv")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if "reconciled=" in line and not line.startswith("#"):
                note = line.split("reconciled=", 1)[1]
                assert len(note) > 30, f"{path.name}:{number}: the note must say what changed and why"


def test_old_corpus_is_not_mixed_in() -> None:
    assert not {e.line for e in score.expressions()} & {e.line for e in REAL}
