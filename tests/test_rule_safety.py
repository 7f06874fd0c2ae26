"""User rules must never hang a batch: every pattern against long adversarial strings."""

from __future__ import annotations

import time

import pytest

from extract import boilerplate, metadata, rules
from extract.patterns import MATCH_TIMEOUT

ADVERSARIAL = [
    "1" * 5000,
    "1," * 3000 + "억",
    "3만" * 2000 + "원",
    "가" * 8000,
    "2024년 " * 1500,
    " - 5 - " * 1500,
    "[" * 3000 + "기자",
    "1.2." * 2000,
    "약 " * 3000 + "1",
]


def _patterns():
    for rule in rules.load().rules:
        yield pytest.param(rule.pattern, id=rule.id)
    for category in boilerplate.load().categories:
        for index, pattern in enumerate(category.patterns + category.header_patterns):
            yield pytest.param(pattern, id=f"{category.id}#{index}")
    for rule in boilerplate.load().inlines:
        yield pytest.param(rule.pattern, id=rule.id)
    for group in metadata.rules().values():
        for rule in group:
            yield pytest.param(rule.pattern, id=rule.id)


@pytest.mark.parametrize("pattern", list(_patterns()))
def test_pattern_is_fast_on_adversarial_input(pattern) -> None:
    for text in ADVERSARIAL:
        started = time.perf_counter()
        list(pattern.finditer(text, timeout=MATCH_TIMEOUT * 4))  # raises TimeoutError if it hangs
        pattern.fullmatch(text, timeout=MATCH_TIMEOUT * 4)
        assert time.perf_counter() - started < MATCH_TIMEOUT * 4


def test_a_timeout_becomes_a_warning(monkeypatch) -> None:
    ruleset = rules.load()
    monkeypatch.setattr(rules, "MATCH_TIMEOUT", 1e-9)
    text = "예산 3,659억 원을 편성했다. " * 20000
    found, warnings = ruleset.candidates(text, None, rules=ruleset.rules[:1])
    assert found == []
    assert ruleset.rules[0].id in warnings[0] and "timed out" in warnings[0]
