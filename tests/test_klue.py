"""KLUE-NER news sentences: the pinned minimums for dates (DT) and amounts (QT), on both halves.

The even lines are the half the rules were tuned on (a regression test); the odd lines were held out
while tuning. Skipped when ../shared/data/klue-ner is not next to the repository.
"""

from __future__ import annotations

import pytest

from extract import rules

from .expressions import klue_tune

pytestmark = pytest.mark.skipif(not klue_tune.DATA.exists(), reason=f"no KLUE data at {klue_tune.DATA}")

AMOUNTS = ("money", "percent", "measure", "count")


@pytest.mark.parametrize("half", ["even", "odd"])
def test_klue_dates_and_amounts(half: str) -> None:
    result = klue_tune.score(half, rules.load())
    gold, found = result["gold_dt"], result["found_dt"]
    assert found["date"] / gold["date"] >= 0.85, klue_tune.report(half, result)
    assert result["right"] / result["predicted"] >= 0.95, klue_tune.report(half, result)
    assert found["duration"] <= 0.1 * gold["duration"], klue_tune.report(half, result)
    gold_qt, found_qt = result["gold_qt"], result["found_qt"]
    assert sum(found_qt[k] for k in AMOUNTS) / sum(gold_qt[k] for k in AMOUNTS) >= 0.90, klue_tune.report(half, result)
