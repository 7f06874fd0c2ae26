"""The hand-checked expressions of tests/expressions, one test each; known gaps are strict xfails."""

from __future__ import annotations

import pytest

from extract import rules

from .expressions import score

EXPRESSIONS = score.expressions()
RULESET = rules.load()


def _param(expression: score.Expression):
    marks = [pytest.mark.xfail(reason=expression.xfail, strict=True)] if expression.xfail else []
    return pytest.param(expression, id=expression.id, marks=marks)


@pytest.mark.parametrize("expression", [_param(e) for e in EXPRESSIONS])
def test_expression(expression: score.Expression) -> None:
    problems = score.check(expression, RULESET)
    assert not problems, f"{expression.line}: {expression.text!r}\n" + "\n".join(problems)


def test_corpus_size_and_exact_rate() -> None:
    assert len(EXPRESSIONS) >= 300
    exact = sum(not score.check(e, RULESET) for e in EXPRESSIONS)
    assert exact / len(EXPRESSIONS) >= 0.98
