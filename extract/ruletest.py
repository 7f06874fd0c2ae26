"""Running the examples that rule files carry (pytest and `extract rules test`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from extract import rules
from extract.patterns import PatternError
from extract.rules import Rule, RuleSet

FIELDS = ("value", "low", "high", "vague", "unit", "counter", "approximate", "bound", "granularity")


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


def ruleset_for(paths: list[Path] | None) -> tuple[RuleSet, list[Path] | None]:
    """The rule set to test PATHS with (the loaded rules, plus the rules of files outside the
    rule folder), and the rule files the paths name. A path that does not exist, a file that is
    not valid, or paths holding no examples are a PatternError naming the path."""
    base = rules.load()
    if not paths:
        return base, None
    files: list[Path] = []
    for path in paths:
        if not path.exists():
            raise PatternError(f"{path}: no such file or folder")
        found = sorted(path.rglob("*.toml")) if path.is_dir() else [path]
        found = [f for f in found if f.name not in ("macros.toml", "units.toml")]
        if not found:
            raise PatternError(f"{path}: holds no rule files")
        files += found
    loaded = {r.file for r in base.rules}
    seen = {r.id: r.file for r in base.rules}
    extra: list[Rule] = []
    for path in files:
        parsed = rules.parse_file(path, base.macros, base.units)
        if not any(r.examples for r in parsed):
            raise PatternError(f"{rules.relative_name(path)}: holds no rule examples")
        if rules.relative_name(path) in loaded:
            continue
        for rule in parsed:
            if rule.id in seen:
                raise PatternError(f"{rule.file}: rule {rule.id}: duplicate id (also in {seen[rule.id]})")
            seen[rule.id] = rule.file
            extra.append(rule)
    return RuleSet(base.rules + tuple(extra), base.tables, base.macros, base.units), files


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
    """Problems with the case (empty when it passes), each as a small diff.

    An example runs through every rule and the overlap resolution, as in the pipeline: its
    expected record must be the one that wins there, from the example's own rule (so two
    rules cannot both claim the same text with different values). A counterexample must not
    be matched by its rule at all (resolution among the rule's own matches only, so an anaphoric
    word that gives no record without an earlier date passes).
    """
    ref = case.expected.get("reference")
    reference = dt.date.fromisoformat(ref) if ref else None
    if case.kind == "counterexample":
        found, _ = ruleset.candidates(case.text, reference, rules=[case.rule])
        # Its own matches only, through the anaphora step (사고 당일 with no earlier day is no record).
        return [f"- no match\n+ matched {c.text!r} at {c.start}" for c in rules.resolve(found, case.text)]
    target = case.expected.get("match", case.text)
    everything, warnings = ruleset.candidates(case.text, reference)
    winners = rules.resolve(everything, case.text, keep_ignored=True)
    own = [c for c in winners if c.rule.id == case.rule.id and c.text == target]
    if not own:
        alone = [c for c in everything if c.rule.id == case.rule.id]
        got = ", ".join(f"{c.text!r} ({c.rule.id})" for c in winners) or "nothing"
        lost = "" if not any(c.text == target for c in alone) else f" (the rule matches {target!r} but loses)"
        return [f"- match {target!r} won by {case.rule.id}\n+ winners: {got}{lost}", *warnings]
    hits = own
    problems = []
    for name in FIELDS:
        if name in case.expected and not _same(case.expected[name], hits[0].fields.get(name)):
            problems.append(f"  {name}:\n-   {case.expected[name]!r}\n+   {hits[0].fields.get(name)!r}")
    for name in ("approximate", "bound"):
        if name not in case.expected and case.rule.type == "amount" and hits[0].fields.get(name):
            problems.append(f"  {name}:\n-   (not expected)\n+   {hits[0].fields.get(name)!r}")
    return problems
