"""Score the amount and date rules on the held-out set of `tests/expressions/fresh/`.

    python tests/expressions/fresh_score.py            # exact counts per category
    python tests/expressions/fresh_score.py --misses   # ... and every miss, with what was found
    python tests/expressions/fresh_score.py --pipeline # through extract_text(..., clean=False) instead
    python tests/expressions/fresh_score.py --folder tests/expressions/fresh2  # another set of the same form

The set labels amounts, dates and numbers that are neither on KLUE-NER news sentences
(`../shared/data/klue-ner/news.jsonl`, CC BY-SA 4.0), which stay where they are: each line names its
sentence by line number and a hash of its text (see `fresh/README.md`). Each sentence runs through every
rule and the overlap resolution, as the pipeline's match and resolve stages do for one paragraph, against
the line's reference date (or, with `--pipeline`, through `extract_text(..., clean=False)`, whose
records are scored the same way).

Exact means: an amount or a date is the text of a winning record of its kind at the labelled offset,
with the labelled value, unit, counter, modifiers and bounds (an amount) or value and granularity (a
date; a value of `?` is not scored, only the span and the granularity); a negative has no winning record
of the forbidden kind (`amount`, `date`, or `any` of them) overlapping its span.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import regex

HERE = Path(__file__).resolve().parent
FRESH = HERE / "fresh"
KLUE = HERE.parents[1] / ".." / "shared" / "data" / "klue-ner" / "news.jsonl"
sys.path.insert(0, str(HERE.parent.parent))

from extract import rules  # noqa: E402

CATEGORIES = ("money", "count", "measure", "percent", "date", "negative")
AMOUNT_CATEGORIES = CATEGORIES[:4]
BOUNDS = ("at_least", "at_most", "less_than", "more_than")
FLAGS = frozenset({"approx", "vague", "low", "high", *BOUNDS})
GRANULARITIES = frozenset({"datetime", "day", "week", "month", "quarter", "half", "year"})
FORBIDDEN = {"amount": frozenset({"amount"}), "date": frozenset({"date"}), "any": frozenset({"amount", "date"})}
NOT_SCORED = "?"
HASH_DIGITS = 12


@dataclass(frozen=True)
class Label:
    kind: str  # amount | date | negative
    category: str  # money, count, measure, percent, date, negative
    line: int  # 1-based line of news.jsonl
    sha: str
    reference: dt.date
    start: int
    text: str
    expected: Mapping[str, object] = field(default_factory=dict)  # amount and date fields; {} for a negative
    forbid: frozenset[str] = frozenset()  # record kinds a negative must not have over its span
    note: str = ""
    where: str = ""  # file:row

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def value_scored(self) -> bool:
        return self.kind != "date" or self.expected.get("value") != NOT_SCORED


def sentence_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_DIGITS]


def _rows(path: Path, width: int) -> Iterable[tuple[str, list[str]]]:
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if raw.strip() and not raw.startswith("#"):
            cols = raw.split("\t")
            if len(cols) > width:
                raise ValueError(f"{path.name}:{number}: {len(cols)} columns, at most {width}")
            yield f"{path.name}:{number}", cols + [""] * (width - len(cols))


def number(text: str) -> int | Decimal:
    value = Decimal(text)
    return int(value) if value == value.to_integral_value() else value


def flags(field_: str) -> dict[str, str]:
    """`approx,at_most,low=1,high=2` → {"approx": "", "at_most": "", "low": "1", "high": "2"}."""
    found = {}
    for item in filter(None, (f.strip() for f in field_.split(","))):
        key, _, value = item.partition("=")
        if key not in FLAGS:
            raise ValueError(f"unknown flag {key!r}")
        found[key] = value
    return found


def amount_expected(value: str, unit: str, counter: str, flag: Mapping[str, str]) -> dict[str, object]:
    vague = "vague" in flag
    return {
        "value": None if vague else number(value), "unit": unit, "counter": counter or None,
        "approximate": "approx" in flag, "bound": next((b for b in BOUNDS if b in flag), None),
        "low": number(flag["low"]) if "low" in flag else None,
        "high": number(flag["high"]) if "high" in flag else None, "vague": vague,
    }


def labels(folder: Path = FRESH) -> list[Label]:
    """Every labelled expression of the set, in file order."""
    found = []
    for where, cols in _rows(folder / "amounts.tsv", 11):
        line, sha, reference, category, start, text, value, unit, counter, flag, note = cols
        found.append(Label("amount", category, int(line), sha, dt.date.fromisoformat(reference), int(start), text,
                           amount_expected(value, unit, counter, flags(flag)), note=note, where=where))
    for where, cols in _rows(folder / "dates.tsv", 8):
        line, sha, reference, start, text, value, granularity, note = cols
        found.append(Label("date", "date", int(line), sha, dt.date.fromisoformat(reference), int(start), text,
                           {"value": None if value == "-" else value, "granularity": granularity}, note=note,
                           where=where))
    for where, cols in _rows(folder / "negatives.tsv", 7):
        line, sha, reference, start, text, kind, what = cols
        found.append(Label("negative", "negative", int(line), sha, dt.date.fromisoformat(reference), int(start),
                           text, forbid=FORBIDDEN[kind], note=what, where=where))
    return found


def sentences(path: Path | None = None) -> dict[int, str] | None:
    """The KLUE news sentences by 1-based line number (`news.jsonl` by default), or None when absent."""
    path = path or KLUE
    if not path.exists():
        return None
    with path.open(encoding="utf-8") as handle:
        return {number: json.loads(raw)["text"] for number, raw in enumerate(handle, start=1) if raw.strip()}


def form_problems(label: Label, text_of: Mapping[int, str]) -> list[str]:
    """What ties the label to its sentence and is broken: the line, the hash, the text at its offset."""
    sentence = text_of.get(label.line)
    if sentence is None:
        return [f"{label.where}: no line {label.line} in the sentence file"]
    if sentence_hash(sentence) != label.sha:
        return [f"{label.where}: line {label.line} has changed (hash {sentence_hash(sentence)}, "
                f"labelled {label.sha})"]
    if sentence[label.start:label.end] != label.text:
        return [f"{label.where}: {label.text!r} is not at offset {label.start} of line {label.line} "
                f"({sentence[label.start:label.end]!r} is)"]
    return []


def field_problems(label: Label) -> list[str]:
    """What is malformed in a label on its own: the hash, the span, the fields of its kind."""
    found = []
    if len(label.sha) != HASH_DIGITS or not all(c in "0123456789abcdef" for c in label.sha):
        found.append("the hash is not 12 hex digits")
    if label.start < 0 or not label.text or label.text != label.text.strip():
        found.append("the span is empty, negative or padded")
    expected = label.expected
    if label.kind == "amount":
        if label.category not in AMOUNT_CATEGORIES:
            found.append(f"an amount of category {label.category}")
        if expected["vague"] != (expected["value"] is None):
            found.append("a vague amount has no value, and only a vague one")
        if not isinstance(expected["value"], (int, Decimal, type(None))):
            found.append("a value is an integer or a Decimal")
        if (expected["low"] is None) != (expected["high"] is None):
            found.append("low and high go together")
        elif expected["low"] is not None and not expected["low"] < expected["high"]:  # type: ignore[operator]
            found.append("low is below high")
        elif expected["low"] is not None and not expected["vague"] and expected["low"] != expected["value"]:
            found.append("a range's value is its low end")
        if label.category != "count" and expected["counter"] not in (None, "배"):
            found.append("a counter names what a count counts")
    elif label.kind == "date":
        value = expected["value"]
        if expected["granularity"] not in GRANULARITIES:
            found.append(f"granularity {expected['granularity']}")
        if not value or (value != NOT_SCORED and not regex.fullmatch(r"(--)?[\d/W-]+", str(value))):
            found.append(f"date value {value!r}")
        if value == NOT_SCORED and not any(w in label.note for w in ("open", "no documented reading", "not scored")):
            found.append("a value of ? says why the reading is open")
    elif not label.forbid or not label.forbid <= {"amount", "date"} or expected or not label.note:
        found.append("a negative forbids amount and/or date and says what it is")
    return [f"{label.where}: {problem}" for problem in found]


def winners(sentence: str, reference: dt.date, ruleset: rules.RuleSet) -> list[rules.Candidate]:
    found, _ = ruleset.candidates(sentence, reference)
    return rules.resolve(found, sentence)


@dataclass(frozen=True)
class _RuleName:
    type: str
    id: str


@dataclass(frozen=True)
class Record:
    """A record of the pipeline's output, in the shape of a rule candidate (type, id, span, fields)."""

    rule: _RuleName
    start: int
    end: int
    text: str
    fields: Mapping[str, object]


Found = rules.Candidate | Record  # a winning rule candidate, or a record of the pipeline

AMOUNT_FIELDS = ("value", "low", "high", "vague", "unit", "counter", "approximate", "bound")


def pipeline_records(sentence: str, reference: dt.date) -> list[Record]:
    """The amounts and dates of `extract_text(sentence, clean=False)` (none when its body is not the sentence)."""
    from extract import extract_text

    article = extract_text(sentence, clean=False, reference_date=reference)
    if article.body != sentence:
        return []
    found = [Record(_RuleName("amount", a.rule), a.start, a.end, a.text, {k: getattr(a, k) for k in AMOUNT_FIELDS})
             for a in article.amounts]
    found += [Record(_RuleName("date", d.rule), d.start, d.end, d.text,
                     {"value": d.value, "granularity": d.granularity}) for d in article.dates]
    return sorted(found, key=lambda r: (r.start, r.end))


def _overlapping(label: Label, found: Iterable[Found], kinds: Iterable[str]) -> list[Found]:
    return [w for w in found if w.rule.type in kinds and w.start < label.end and label.start < w.end]


def _show(found: Iterable[Found]) -> str:
    parts = []
    for w in found:
        shown = {k: v for k, v in w.fields.items() if v not in (None, False)}
        parts.append(f"{w.rule.type} {w.text!r}@{w.start} {shown} ({w.rule.id})")
    return "; ".join(parts) or "nothing"


def problems(label: Label, found: list[Found]) -> list[str]:
    """What is wrong with the extraction of this label (empty when exact)."""
    if label.kind == "negative":
        over = _overlapping(label, found, label.forbid)
        return [f"found {_show(over)}"] if over else []
    hits = [w for w in found if w.rule.type == label.kind and w.start == label.start and w.text == label.text]
    if not hits:
        return [f"expected {label.text!r}@{label.start}, found over it: "
                f"{_show(_overlapping(label, found, ('amount', 'date')))}"]
    fields = hits[0].fields
    wrong = []
    for key, want in label.expected.items():
        if key == "value" and want == NOT_SCORED:
            continue
        if fields.get(key) != want:
            wrong.append(f"{key}: expected {want!r}, got {fields.get(key)!r} ({hits[0].rule.id})")
    return wrong


OUTCOMES = ("exact", "other span", "wrong value", "missing", "found")


def outcome(label: Label, found: list[Found]) -> str:
    """exact; other span (a record of the kind overlaps with the expected values, on another span);
    wrong value (a record of the kind overlaps with other values); missing (no record of the kind over the
    span); found (a negative under a record it forbids)."""
    if not problems(label, found):
        return "exact"
    if label.kind == "negative":
        return "found"
    over = _overlapping(label, found, (label.kind,))
    if not over:
        return "missing"
    scored = {k: v for k, v in label.expected.items() if v != NOT_SCORED}
    if any(all(w.fields.get(k) == v for k, v in scored.items()) for w in over):
        return "other span"
    return "wrong value"


@dataclass(frozen=True)
class Result:
    label: Label
    problems: tuple[str, ...]
    outcome: str


def run(items: Iterable[Label], text_of: Mapping[int, str], ruleset: rules.RuleSet | None = None, *,
        pipeline: bool = False) -> list[Result]:
    """Each label scored on its sentence (each sentence runs once per reference date), by the rule stage
    or by the pipeline."""
    ruleset = ruleset or rules.load()
    cache: dict[tuple[int, dt.date], list[Found]] = {}
    results = []
    for label in items:
        broken = form_problems(label, text_of)
        if broken:
            results.append(Result(label, tuple(broken), "broken"))
            continue
        key = (label.line, label.reference)
        if key not in cache:
            sentence = text_of[label.line]
            cache[key] = pipeline_records(sentence, label.reference) if pipeline else \
                winners(sentence, label.reference, ruleset)
        found = cache[key]
        results.append(Result(label, tuple(problems(label, found)), outcome(label, found)))
    return results


def exact(results: Iterable[Result]) -> int:
    return sum(r.outcome == "exact" for r in results)


def _rate(name: str, results: list[Result]) -> str:
    n = exact(results)
    return f"{name}: {n}/{len(results)} exact ({n / len(results):.1%})" if results else f"{name}: 0/0"


def report(results: list[Result], misses: bool = False, pipeline: bool = False, folder: Path = FRESH) -> list[str]:
    stage = "extract_text(..., clean=False)" if pipeline else "rule stage and overlap resolution"
    shown = folder.resolve().relative_to(HERE.parents[1]) if folder.resolve().is_relative_to(HERE.parents[1]) else folder
    out = [f"== held-out KLUE set ({shown}/*.tsv), {stage}",
           _rate("all", results)]
    for category in CATEGORIES:
        out.append("  " + _rate(category, [r for r in results if r.label.category == category]))
    amounts = [r for r in results if r.label.kind == "amount"]
    out.append("  " + _rate("amounts (money, count, measure, percent)", amounts))
    dates = [r for r in results if r.label.kind == "date"]
    scored = [r for r in dates if r.label.value_scored]
    out.append("  " + _rate("dates with a scored value", scored) + f"; {len(dates) - len(scored)} dates with no "
               f"documented reading are scored on span and granularity only")
    counts = Counter(r.outcome for r in results)
    out.append("outcomes: " + ", ".join(f"{name} {counts[name]}" for name in (*OUTCOMES, "broken") if counts[name]))
    if misses:
        for result in results:
            if result.outcome == "exact":
                continue
            label = result.label
            out.append(f"  MISS [{label.category}, {result.outcome}] {label.where} line {label.line} "
                       f"{label.text!r}@{label.start}" + (f" ({label.note})" if label.note else ""))
            out.extend(f"      {problem}" for problem in result.problems)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", action="store_true", help="list every miss with what the rules found")
    parser.add_argument("--pipeline", action="store_true", help="run extract_text(clean=False), not the rule stage")
    parser.add_argument("--folder", type=Path, default=FRESH,
                        help="the folder of the set (amounts.tsv, dates.tsv, negatives.tsv); default: fresh/")
    args = parser.parse_args(argv)
    text_of = sentences()
    if text_of is None:
        print(f"skipped: no KLUE sentences at {KLUE.resolve()} (the set names its sentences there)")
        return 0
    results = run(labels(args.folder), text_of, pipeline=args.pipeline)
    print("\n".join(report(results, args.misses, args.pipeline, args.folder)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
