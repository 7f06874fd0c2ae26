"""Score the rule stage on the hand-checked expressions of this folder.

    python tests/expressions/score.py            # both corpora: rates and every miss
    python tests/expressions/score.py --old      # the written corpus only
    python tests/expressions/score.py --real     # the real-text corpus only
    python tests/expressions/score.py --real --part tune       # the outlets the rules are tuned on
    python tests/expressions/score.py --real --part held-out   # the held-out outlets: figures only
    python tests/expressions/score.py --real --part held-out --misses   # ... and their misses

Two corpora:

- the written corpus (`amounts.tsv`, `dates.tsv`, `negatives.tsv`): expressions written
  to exercise the rules, scored by kind;
- the real-text corpus (`real/amounts.tsv`, `real/dates.tsv`, `real/negatives.tsv`):
  every amount and date read by hand in 43 broadcast news pages of 7 outlets, plus
  numbers on those pages that are not amounts or dates. Each line names its page and
  the page's publication date (`reference`), and a category; lines whose expectation
  follows no documented convention yet carry a `convention=` note. Scored overall,
  per category and per outlet.

Each expression runs through every rule and the overlap resolution (the same
path as the pipeline's match and resolve stages). An amount is exact when the
winning record at `match` has the expected value, unit, counter, approximation,
bound and range; a date when value and granularity agree; a negative when no
record of its kind is found. Lines flagged `xfail=reason` are known gaps.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
REAL = HERE / "real"
sys.path.insert(0, str(HERE.parent.parent))

from extract import rules  # noqa: E402

BOUNDS = ("at_least", "at_most", "less_than", "more_than")
OUTLETS = {"kbs": "KBS", "mbc": "MBC", "mbn": "MBN", "sbs": "SBS", "tvchosun": "TV조선",
           "yntv": "연합뉴스TV", "ytn": "YTN"}
# The real-text corpus is split by outlet: rules are tuned on the lines of four outlets, and the
# other three are held out, so their figure estimates how the rules do on unseen news.
TUNE_OUTLETS = frozenset({"MBC", "SBS", "KBS", "YTN"})
HELD_OUT_OUTLETS = frozenset({"MBN", "TV조선", "연합뉴스TV"})
PARTS = ("tune", "held-out")
CATEGORIES = ("money", "count", "measure", "percent", "vague", "range", "date-absolute", "date-relative",
              "negative")


@dataclass(frozen=True)
class Expression:
    kind: str  # amount | date | negative
    text: str
    match: str
    expected: dict
    reference: dt.date | None
    xfail: str | None
    line: str
    source: str = ""  # the page the expression was read on (real-text corpus)
    category: str = ""
    convention: str | None = None  # the expectation follows no documented convention yet

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.line}"

    @property
    def outlet(self) -> str:
        prefix = self.source.split("-")[1] if self.source.count("-") else ""
        return OUTLETS.get(prefix, prefix)

    @property
    def part(self) -> str:
        """`tune` or `held-out` (real-text corpus, by outlet)."""
        return "held-out" if self.outlet in HELD_OUT_OUTLETS else "tune"


def _flags(field: str) -> dict[str, str]:
    """`approx,at_least,vague,low=1,high=2,xfail=reason` (the reason runs to the end of the field)."""
    flags: dict[str, str] = {}
    field, _, reason = field.partition("xfail=")
    if reason:
        flags["xfail"] = reason.strip()
    for item in filter(None, (f.strip() for f in field.split(","))):
        key, _, value = item.partition("=")
        flags[key] = value
    return flags


def _note(field: str) -> dict[str, str]:
    """`convention=text` and `xfail=text`, each running to the end of the field."""
    notes: dict[str, str] = {}
    for key in ("xfail", "convention"):
        field, _, text = field.partition(f"{key}=")
        if text:
            notes[key] = text.strip()
    return notes


def _rows(path: Path):
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if raw.strip() and not raw.startswith("#"):
            yield number, raw.split("\t")


def _number(text: str) -> int | Decimal:
    value = Decimal(text)
    return int(value) if value == value.to_integral_value() else value


def _amount_expected(value: str, unit: str, counter: str, flag: dict[str, str]) -> dict:
    expected = {
        "value": None if value == "-" else _number(value), "unit": unit, "counter": counter or None,
        "approximate": "approx" in flag, "bound": next((b for b in BOUNDS if b in flag), None),
        "low": _number(flag["low"]) if "low" in flag else None,
        "high": _number(flag["high"]) if "high" in flag else None,
    }
    if not counter:
        expected.pop("counter")
    if "vague" in flag:  # a vague amount (수십명): value null, the bounds its words imply
        expected["vague"] = True
    return expected


def expressions() -> list[Expression]:
    """The written corpus."""
    found = []
    for number, cols in _rows(HERE / "amounts.tsv"):
        cols += [""] * (6 - len(cols))
        text, match, value, unit, counter, flags = cols[:6]
        flag = _flags(flags)
        found.append(Expression("amount", text, match, _amount_expected(value, unit, counter, flag), None,
                                flag.get("xfail"), f"amounts.tsv:{number}"))
    for number, cols in _rows(HERE / "dates.tsv"):
        cols += [""] * (6 - len(cols))
        reference, text, match, value, granularity, flags = cols[:6]
        ref = None if reference == "-" else dt.date.fromisoformat(reference)
        expected = {"value": None if value == "-" else value, "granularity": granularity}
        found.append(Expression("date", text, match, expected, ref, _flags(flags).get("xfail"), f"dates.tsv:{number}"))
    for number, cols in _rows(HERE / "negatives.tsv"):
        cols += [""] * (3 - len(cols))
        text, kind, flags = cols[:3]
        found.append(Expression("negative", text, "", {"kind": kind}, None, _flags(flags).get("xfail"),
                                f"negatives.tsv:{number}"))
    return found


def real_expressions() -> list[Expression]:
    """The real-text corpus: expressions read on real news pages, with their page and its date."""
    found = []
    for number, cols in _rows(REAL / "amounts.tsv"):
        cols += [""] * (10 - len(cols))
        source, reference, category, text, match, value, unit, counter, flags, note = cols[:10]
        notes = _note(note)
        found.append(Expression("amount", text, match, _amount_expected(value, unit, counter, _flags(flags)),
                                dt.date.fromisoformat(reference), notes.get("xfail"), f"real/amounts.tsv:{number}",
                                source, category, notes.get("convention")))
    for number, cols in _rows(REAL / "dates.tsv"):
        cols += [""] * (8 - len(cols))
        source, reference, category, text, match, value, granularity, note = cols[:8]
        notes = _note(note)
        expected = {"value": None if value == "-" else value, "granularity": granularity}
        found.append(Expression("date", text, match, expected, dt.date.fromisoformat(reference), notes.get("xfail"),
                                f"real/dates.tsv:{number}", source, category, notes.get("convention")))
    for number, cols in _rows(REAL / "negatives.tsv"):
        cols += [""] * (7 - len(cols))
        source, reference, category, text, kind, _what, note = cols[:7]
        notes = _note(note)
        found.append(Expression("negative", text, "", {"kind": kind}, dt.date.fromisoformat(reference),
                                notes.get("xfail"), f"real/negatives.tsv:{number}", source, category,
                                notes.get("convention")))
    return found


def _winners(expression: Expression, ruleset: rules.RuleSet) -> list[rules.Candidate]:
    found, _ = ruleset.candidates(expression.text, expression.reference)
    return rules.resolve(found, expression.text)


def _problems(expression: Expression, winners: list[rules.Candidate]) -> list[str]:
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


def check(expression: Expression, ruleset: rules.RuleSet | None = None) -> list[str]:
    """What is wrong with the extraction of this expression (empty when exact)."""
    return _problems(expression, _winners(expression, ruleset or rules.load()))


OUTCOMES = ("exact", "span", "wrong", "missing")


def outcome(expression: Expression, winners: list[rules.Candidate]) -> str:
    """exact; span (the right value on a different span); wrong (a wrong value, or a record a negative
    forbids); missing (no record of the kind over the expected text)."""
    if not _problems(expression, winners):
        return "exact"
    if expression.kind == "negative":
        return "wrong"
    start = expression.text.find(expression.match)
    end = start + len(expression.match)
    over = [w for w in winners if w.rule.type == expression.kind and w.start < end and start < w.end]
    if any(all(w.fields.get(k) == v for k, v in expression.expected.items()) for w in over):
        return "span"
    return "wrong" if over else "missing"


Results = list[tuple[Expression, list[str]]]


def run(items: Iterable[Expression], ruleset: rules.RuleSet | None = None) -> Results:
    ruleset = ruleset or rules.load()
    return [(e, _problems(e, _winners(e, ruleset))) for e in items]


def outcomes(items: Iterable[Expression], ruleset: rules.RuleSet | None = None) -> Counter[str]:
    """How many expressions are exact, right on another span, wrong, or missing."""
    ruleset = ruleset or rules.load()
    return Counter(outcome(e, _winners(e, ruleset)) for e in items)


def rate(results: Results) -> tuple[int, int]:
    """(exact, total)."""
    return sum(not problems for _, problems in results), len(results)


def _line(label: str, results: Results) -> str:
    exact, total = rate(results)
    return f"{label}: {exact}/{total} exact ({exact / total:.1%})" if total else f"{label}: 0/0"


def _misses(results: Results) -> list[str]:
    lines = []
    for expression, problems in results:
        if problems:
            mark = f"known gap: {expression.xfail}" if expression.xfail else "MISS"
            where = f"{expression.line} [{expression.category}, {expression.source}]" if expression.source \
                else expression.line
            lines.append(f"  {mark}  {where}  {expression.text}")
            if expression.convention:
                lines.append(f"      (convention: {expression.convention})")
            lines.extend(f"      {problem}" for problem in problems)
        elif expression.xfail:
            lines.append(f"  XPASS {expression.line} (marked: {expression.xfail})")
    return lines


def report_old(results: Results) -> list[str]:
    out = ["== written corpus (tests/expressions/*.tsv)"]
    for kind in ("amount", "date", "negative"):
        out.append(_line(kind, [(e, p) for e, p in results if e.kind == kind]))
    exact, total = rate(results)
    out.append(f"all: {exact}/{total} exact ({exact / total:.1%}); "
               f"known gaps (xfail): {sum(e.xfail is not None for e, _ in results)}")
    return out + _misses(results)


def report_real(results: Results, ruleset: rules.RuleSet | None = None, part: str | None = None,
                misses: bool = True) -> list[str]:
    title = "== real-text corpus (tests/expressions/real/*.tsv)" + (f", part {part}" if part else "")
    out = [title, _line("all", results)]
    if part is None:
        for name in PARTS:
            out.append(_line(f"part {name}", [(e, p) for e, p in results if e.part == name]))
    plain = [(e, p) for e, p in results if e.convention is None]
    out.append(_line("lines without a convention= note", plain))
    counts = outcomes([e for e, _ in results], ruleset)
    out.append("outcomes: " + ", ".join(f"{name} {counts[name]}" for name in OUTCOMES)
               + " (span: the right value on another span; wrong: a wrong value, or a record a negative forbids)")
    out.append("per category:")
    counts = Counter(e.category for e, _ in results)
    for category in sorted(counts, key=lambda c: CATEGORIES.index(c) if c in CATEGORIES else len(CATEGORIES)):
        out.append("  " + _line(category, [(e, p) for e, p in results if e.category == category]))
    out.append("per outlet:")
    for outlet in sorted({e.outlet for e, _ in results}):
        out.append("  " + _line(outlet, [(e, p) for e, p in results if e.outlet == outlet]))
    shown = results if misses else [(e, p) for e, p in results if e.part == "tune"]
    return out + _misses(shown)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--old", action="store_true", help="the written corpus only")
    group.add_argument("--real", action="store_true", help="the real-text corpus only")
    parser.add_argument("--part", choices=PARTS, help="the real-text corpus' tuning outlets (MBC, SBS, KBS, YTN) or "
                        "its held-out outlets (MBN, TV조선, 연합뉴스TV); held-out misses are listed only with --misses")
    parser.add_argument("--misses", action="store_true", help="list the misses of the held-out part too")
    args = parser.parse_args(argv)
    ruleset = rules.load()
    lines: list[str] = []
    if not args.real and not args.part:
        lines += report_old(run(expressions(), ruleset))
    if not args.old:
        real = [e for e in real_expressions() if args.part in (None, e.part)]
        show = args.misses or args.part == "tune"  # without --part: the tuning misses only
        lines += ([""] if lines else []) + report_real(run(real, ruleset), ruleset, args.part, show)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
