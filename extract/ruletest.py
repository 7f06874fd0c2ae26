"""Running the examples that rule files carry (pytest and `extract rules test`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from extract import rules
from extract.rules import Rule, RuleSet

FIELDS = ("value", "unit", "counter", "approximate", "bound", "granularity")


@dataclass(frozen=True)
class Case:
    """One example or counterexample of one rule."""

    rule: Rule
    kind: str  # example | counterexample
    text: str
    expected: dict[str, Any]

    @property
    def id(self) -> str:
        return f"{self.rule.id}:{self.kind}:{self.text[:40]}"

    @property
    def xfail(self) -> str | None:
        return self.expected.get("xfail")


def cases(ruleset: RuleSet, files: list[Path] | None = None) -> Iterator[Case]:
    names = None if not files else {rules.relative_name(p) for p in files}
    for rule in ruleset.rules:
        if names is not None and rule.file not in names:
            continue
        for example in rule.examples:
            yield Case(rule, "example", example["text"], example)
        for text in rule.counterexamples:
            yield Case(rule, "counterexample", text, {})


def _same(expected: Any, got: Any) -> bool:
    if expected == "" or expected is None:
        return got is None
    if isinstance(expected, (int, float, str)) and isinstance(got, (int, Decimal)) and not isinstance(expected, bool):
        return Decimal(str(expected)) == Decimal(got)
    return expected == got


def check(ruleset: RuleSet, case: Case) -> list[str]:
    """Problems with the case (empty when it passes), each as a small diff."""
    ref = case.expected.get("reference")
    reference = dt.date.fromisoformat(ref) if ref else None
    found, warnings = ruleset.candidates(case.text, reference, rules=[case.rule])
    if case.kind == "counterexample":
        return [f"- no match\n+ matched {c.text!r} at {c.start}" for c in found]
    target = case.expected.get("match", case.text)
    hits = [c for c in found if c.text == target]
    if not hits:
        got = ", ".join(repr(c.text) for c in found) or "nothing"
        return [f"- match {target!r}\n+ matched {got}", *warnings]
    problems = []
    for name in FIELDS:
        if name in case.expected and not _same(case.expected[name], hits[0].fields.get(name)):
            problems.append(f"  {name}:\n-   {case.expected[name]!r}\n+   {hits[0].fields.get(name)!r}")
    for name in ("approximate", "bound"):
        if name not in case.expected and case.rule.type == "amount" and hits[0].fields.get(name):
            problems.append(f"  {name}:\n-   (not expected)\n+   {hits[0].fields.get(name)!r}")
    return problems
