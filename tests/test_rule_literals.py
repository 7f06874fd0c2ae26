"""The literals a rule's every match contains, read from its pattern; a text without them is not searched."""

from __future__ import annotations

from dataclasses import replace

import pytest
import regex

from extract import rules
from extract.rules import literals


def _required(pattern: str, flags: int = 0) -> frozenset[str] | None:
    return literals.required(regex.compile(pattern, flags))


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"abc", {"abc"}),
    (r"\d+\s?(?:원|달러)", {"원", "달러"}),
    (r"(?<=매출\s)\d+억", {"억"}),  # a lookbehind consumes nothing
    (r"(?P<n>\d+)\s?(?P<unit>개월|년)\s?(?P<toward>전|뒤)", {"개월", "년"}),  # the longer of two choices
    (r"[가나]다", {"가다", "나다"}),
    (r"x?yz", {"xyz", "yz"}),
    (r"(?:ab|cd)+", {"ab", "cd"}),
    (r"\.(?:0[1-9]|1[0-2])\.", {".01.", ".02.", ".03.", ".04.", ".05.", ".06.", ".07.", ".08.", ".09.", ".10.",
                                ".11.", ".12."}),
    (r"\x41\u00e9", {"Aé"}),
    (r"[\-−]\d", {"-", "−"}),
    (r"[^가-힣]만원", {"만원"}),  # a negated class is any character: nothing of it required
    (r"[^\p{Han}]억원", {"억원"}),  # a Unicode property is one of many characters, in a class or not
    (r"\p{Han}+원", {"원"}),
    (r"\d+(?P<u>원|달러)에서\s?\d+(?P=u)", {"원에서", "달러에서"}),  # a back reference reads as its group
    (r"\d+(?:" + "|".join(f"단위{n}" for n in range(40)) + ")", {f"단위{n}" for n in range(40)}),  # a long list of units
])
def test_literals_read_from_patterns(pattern: str, expected: set[str]) -> None:
    assert _required(pattern) == expected


@pytest.mark.parametrize("pattern", [
    r"\d+", r"a?", r"(?:a|\d)", r"[^a]b?", r"[가-힣]", r"(?i)abc", r"\p{Han}원?", r"a{e<=1}", r"(a)?(?(1)b|c)",
    r"[[a-c]--b]", r"(?:abc)*", "", r"a|",
])
def test_no_literals_where_none_can_be_known(pattern: str) -> None:
    assert _required(pattern) is None


def test_case_insensitive_patterns_get_none() -> None:
    assert _required(r"abc", regex.IGNORECASE) is None


def test_every_match_of_a_shipped_rule_holds_one_of_its_literals() -> None:
    ruleset = rules.load()
    checked = 0
    for rule in ruleset.rules:
        needed = literals.required(rule.pattern)
        if needed is None:
            continue
        for text in [e["text"] for e in rule.examples] + list(rule.counterexamples):
            for match in rule.pattern.finditer(text):
                if match.end() > match.start():
                    assert any(literal in match.group(0) for literal in needed), (rule.id, match.group(0))
                    checked += 1
    assert checked > 100


def test_most_shipped_rules_have_literals() -> None:
    ruleset = rules.load()
    assert sum(literals.required(r.pattern) is not None for r in ruleset.rules) > len(ruleset.rules) // 2


def test_a_text_without_the_literals_is_not_searched(monkeypatch) -> None:
    ruleset = rules.load()
    rule = next(r for r in ruleset.rules if r.type == "ignore")
    catastrophic = replace(rule, pattern=regex.compile(r"(?:a|aa)+c"))
    monkeypatch.setattr(rules, "MATCH_TIMEOUT", 0.05)
    only = rules.RuleSet((catastrophic,), ruleset.tables)
    assert only.candidates("a" * 60 + "b", None) == ([], [])  # no "c": the search that would time out is skipped
    found, warnings = only.candidates("a" * 60 + "b c", None)
    assert found == [] and len(warnings) == 1 and "timed out" in warnings[0]
