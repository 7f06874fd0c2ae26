"""Every example and counterexample of every amount/date/ignore rule, one test each."""

from __future__ import annotations

import pytest

from extract import rules, ruletest

RULESET = rules.load()
CASES = list(ruletest.cases(RULESET))


def _param(case: ruletest.Case):
    marks = [pytest.mark.xfail(reason=case.xfail, strict=True)] if case.xfail is not None else []
    return pytest.param(case, id=case.id, marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_rule_case(case: ruletest.Case) -> None:
    problems = ruletest.check(RULESET, case)
    assert not problems, f"{case.rule.file}: {case.rule.id}\ntext: {case.text!r}\n" + "\n".join(problems)


def test_every_rule_has_examples_counterexamples_and_unique_ids() -> None:
    ids = [r.id for r in RULESET.rules]
    assert len(ids) == len(set(ids))
    for rule in RULESET.rules:
        assert rule.examples, f"{rule.file}: {rule.id} has no examples"
        assert rule.counterexamples, f"{rule.file}: {rule.id} has no counterexamples"
