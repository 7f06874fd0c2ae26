"""User rules must never hang a batch: every pattern against long adversarial strings."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
import regex

from extract import resolve, rules
from extract.clean import boilerplate, metadata
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


# Patterns whose time grows faster than the length of these inputs (each finditer
# restarts the attempt at every position). They cannot hang a page: every rule
# call has a timeout, rules run per chunk of paragraphs, and each input has a
# wall-clock budget (tests below and in tests/test_hostile.py). Every amount, date
# and ignore rule is linear on these inputs (numbers are possessive and start only
# where no digit precedes them), so none of them is listed.
SUPERLINEAR = {"reporter.signoff"}


def _seconds(pattern, text: str) -> float:
    """The CPU time of this thread (not wall time: another process on a busy machine does not count), best of 3."""
    best = float("inf")
    for _ in range(3):
        started = time.thread_time()
        try:
            list(pattern.finditer(text, timeout=MATCH_TIMEOUT * 20))
            pattern.fullmatch(text, timeout=MATCH_TIMEOUT * 20)
        except TimeoutError:
            return float("inf")
        best = min(best, time.thread_time() - started)
    return best


@pytest.mark.parametrize("pattern", list(_patterns()))
def test_pattern_scales_linearly_on_adversarial_input(pattern, request) -> None:
    """Time at n and 4n characters: a linear pattern takes about 4 times as long, a
    quadratic one 16 times; the bound (12 times, plus 50 ms for noise) sits between."""
    rule_id = request.node.callspec.id
    if rule_id in SUPERLINEAR:
        pytest.skip("known to grow faster than linearly on adversarial input; bounded by timeouts")
    slow = []
    for text in ADVERSARIAL:
        small, large = _seconds(pattern, text[: len(text) // 8]), _seconds(pattern, text[: len(text) // 2])
        if large > 12 * small + 0.05:
            slow.append(f"{text[:12]!r}…: {small:.3f} s at n, {large:.3f} s at 4n")
    assert not slow, slow


def test_no_amount_date_or_ignore_rule_is_exempt() -> None:
    assert not SUPERLINEAR & {rule.id for rule in rules.load().rules}


def test_a_timeout_becomes_a_warning(monkeypatch) -> None:
    ruleset = rules.load()
    monkeypatch.setattr(rules, "MATCH_TIMEOUT", 1e-9)
    text = "예산 3,659억 원을 편성했다. " * 20000
    rule = next(r for r in ruleset.rules if r.pattern.search(text[:100]))  # a rule with something to find here
    found, warnings = ruleset.candidates(text, None, rules=[rule])
    assert found == []
    assert rule.id in warnings[0] and "timed out" in warnings[0]


def test_a_timeout_loses_only_that_chunk(monkeypatch) -> None:
    """A rule that times out on one paragraph keeps its matches in the others, and says where."""
    ruleset = rules.load()
    rule = next(r for r in ruleset.rules if r.type == "ignore")
    catastrophic = replace(rule, pattern=regex.compile(r"(?:a|aa)+c"))
    only = rules.RuleSet((catastrophic,), ruleset.tables)
    monkeypatch.setattr(resolve, "CHUNK", 1)  # one paragraph per chunk
    monkeypatch.setattr(rules, "MATCH_TIMEOUT", 0.05)
    body = "aac 하나\n\n" + "a" * 60 + "b c\n\n셋 aac"  # paragraph 2 holds a "c": it is searched
    found, warnings = resolve.match_rules(body, only, None)
    assert [(c.start, c.end) for c in found] == [(0, 3), (len(body) - 3, len(body))]
    assert all(body[c.start:c.end] == c.text for c in found)
    assert len(warnings) == 1 and "paragraph 2 " in warnings[0] and "timed out" in warnings[0]


def test_chunks_cover_the_body() -> None:
    body = "\n\n".join(["가" * 4000, "나" * 4000, "다" * 4000, "라" * 30000, "마"])
    chunks = resolve.chunks(body)
    assert [(first, last) for _, _, first, last in chunks] == [(1, 2), (3, 3), (4, 4), (5, 5)]
    assert chunks[0][0] == 0 and chunks[-1][1] == len(body)
