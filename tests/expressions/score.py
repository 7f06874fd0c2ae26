"""Score the rule stage on the hand-checked expressions of this folder.

    python tests/expressions/score.py       # prints the exact-match rate and every miss

Each expression runs through every rule and the overlap resolution (the same
path as the pipeline's match and resolve stages). An amount is exact when the
winning record at `match` has the expected value, unit, counter, approximation,
bound and range; a date when value and granularity agree; a negative when no
record of its kind is found. Lines flagged `xfail=reason` are known gaps.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from extract import rules  # noqa: E402

BOUNDS = ("at_least", "at_most", "less_than", "more_than")


@dataclass(frozen=True)
class Expression:
    kind: str  # amount | date | negative
    text: str
    match: str
    expected: dict
    reference: dt.date | None
    xfail: str | None
    line: str

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.line}"


def _flags(field: str) -> dict[str, str]:
    """`approx,at_least,low=1,high=2,xfail=reason` (the reason runs to the end of the field)."""
    flags: dict[str, str] = {}
    field, _, reason = field.partition("xfail=")
    if reason:
        flags["xfail"] = reason.strip()
    for item in filter(None, (f.strip() for f in field.split(","))):
        key, _, value = item.partition("=")
        flags[key] = value
    return flags


def _rows(name: str):
    for number, raw in enumerate((HERE / name).read_text(encoding="utf-8").splitlines(), start=1):
        if raw.strip() and not raw.startswith("#"):
            yield number, raw.split("\t")


def _number(text: str) -> int | Decimal:
    value = Decimal(text)
    return int(value) if value == value.to_integral_value() else value


def expressions() -> list[Expression]:
    found = []
    for number, cols in _rows("amounts.tsv"):
        cols += [""] * (6 - len(cols))
        text, match, value, unit, counter, flags = cols[:6]
        flag = _flags(flags)
        expected = {
            "value": _number(value), "unit": unit, "counter": counter or None,
            "approximate": "approx" in flag, "bound": next((b for b in BOUNDS if b in flag), None),
            "low": _number(flag["low"]) if "low" in flag else None,
            "high": _number(flag["high"]) if "high" in flag else None,
        }
        if not counter:
            expected.pop("counter")
        found.append(Expression("amount", text, match, expected, None, flag.get("xfail"), f"amounts.tsv:{number}"))
    for number, cols in _rows("dates.tsv"):
        cols += [""] * (6 - len(cols))
        reference, text, match, value, granularity, flags = cols[:6]
        ref = None if reference == "-" else dt.date.fromisoformat(reference)
        expected = {"value": None if value == "-" else value, "granularity": granularity}
        found.append(Expression("date", text, match, expected, ref, _flags(flags).get("xfail"), f"dates.tsv:{number}"))
    for number, cols in _rows("negatives.tsv"):
        cols += [""] * (3 - len(cols))
        text, kind, flags = cols[:3]
        found.append(Expression("negative", text, "", {"kind": kind}, None, _flags(flags).get("xfail"),
                                f"negatives.tsv:{number}"))
    return found


def check(expression: Expression, ruleset: rules.RuleSet | None = None) -> list[str]:
    """What is wrong with the extraction of this expression (empty when exact)."""
    ruleset = ruleset or rules.load()
    found, _ = ruleset.candidates(expression.text, expression.reference)
    winners = rules.resolve(found)
    if expression.kind == "negative":
        kind = expression.expected["kind"]
        return [f"found {w.rule.type} {w.text!r} ({w.rule.id})" for w in winners if w.rule.type == kind]
    hits = [w for w in winners if w.text == expression.match and w.rule.type == expression.kind]
    if not hits:
        got = ", ".join(f"{w.text!r} ({w.rule.id})" for w in winners) or "nothing"
        return [f"expected {expression.match!r}, found {got}"]
    fields = hits[0].fields
    return [f"{key}: expected {want!r}, got {fields.get(key)!r} ({hits[0].rule.id})"
            for key, want in expression.expected.items() if fields.get(key) != want]


def main() -> None:
    items = expressions()
    ruleset = rules.load()
    results = [(e, check(e, ruleset)) for e in items]
    for kind in ("amount", "date", "negative"):
        group = [(e, p) for e, p in results if e.kind == kind]
        exact = sum(not p for _, p in group)
        print(f"{kind}: {exact}/{len(group)} exact ({exact / len(group):.1%})")
    exact = sum(not p for _, p in results)
    print(f"all: {exact}/{len(results)} exact ({exact / len(results):.1%}); "
          f"known gaps (xfail): {sum(e.xfail is not None for e in items)}")
    for expression, problems in results:
        if problems:
            mark = f"known gap: {expression.xfail}" if expression.xfail else "MISS"
            print(f"  {mark}  {expression.line}  {expression.text}\n      " + "\n      ".join(problems))
        elif expression.xfail:
            print(f"  XPASS {expression.line} (marked: {expression.xfail})")


if __name__ == "__main__":
    main()
