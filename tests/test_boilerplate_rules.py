"""The examples of patterns/boilerplate.toml and patterns/metadata.toml, one test each."""

from __future__ import annotations

import pytest

from extract.clean import boilerplate, metadata

RULES = boilerplate.load()


def _line_cases():
    for category in RULES.categories:
        header = category.where == "header"
        for text in category.examples:
            yield pytest.param(category.id, text, header, True, id=f"{category.id}:example:{text[:30]}")
        for text in category.counterexamples:
            yield pytest.param(category.id, text, header, False, id=f"{category.id}:counterexample:{text[:30]}")


@pytest.mark.parametrize(("category", "text", "header", "removed"), list(_line_cases()))
def test_category(category: str, text: str, header: bool, removed: bool) -> None:
    found = RULES.classify(text, header=header)
    if removed:
        assert found is not None and found[0] == category, f"{text!r} -> {found}"
    else:
        assert found is None or found[0] != category, f"{text!r} was removed as {category}"


def _inline_cases():
    for rule in RULES.inlines:
        for text, expected in rule.examples:
            yield pytest.param(rule.id, text, expected, id=f"{rule.id}:example:{text[:30]}")
        for text in rule.counterexamples:
            yield pytest.param(rule.id, text, text, id=f"{rule.id}:counterexample:{text[:30]}")


@pytest.mark.parametrize(("rule_id", "text", "expected"), list(_inline_cases()))
def test_inline(rule_id: str, text: str, expected: str) -> None:
    rule = next(r for r in RULES.inlines if r.id == rule_id)
    assert rule.pattern.sub(rule.replace, text) == expected


def _metadata_cases():
    for _kind, rules in metadata.rules().items():
        for rule in rules:
            for example in rule.examples:
                yield pytest.param(rule, example, id=f"{rule.id}:example:{example['text'][:30]}")
            for text in rule.counterexamples:
                yield pytest.param(rule, {"text": text, "no_match": True}, id=f"{rule.id}:counterexample:{text[:30]}")


@pytest.mark.parametrize(("rule", "example"), list(_metadata_cases()))
def test_metadata_rule(rule, example) -> None:
    method = rule.pattern.match if rule.kind == "lede" else rule.pattern.fullmatch
    match = method(example["text"])
    if example.get("no_match"):
        assert match is None
        return
    assert match is not None, f"{rule.id} does not match {example['text']!r}"
    for key, value in example.items():
        if key != "text":
            assert match.group(key) == value, f"{rule.id}: {key}"
