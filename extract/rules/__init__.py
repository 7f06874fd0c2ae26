"""Stage 5, match rules: the amount, date and ignore rules of `patterns/`.

Rule files are TOML, one per family (`patterns/amount/money.toml`,
`patterns/date/relative.toml`, …), each a list of `[[rule]]` tables:

    id              unique across all files; written into every record's `rule`
    type            amount | date | ignore (an ignore rule that wins removes the others)
    priority        higher wins an overlap; then the longer match; then the earlier
    pattern         `regex` syntax; {MACRO} expands a macro of patterns/macros.toml
    normalise       the normaliser (default: the type's), see extract/rules/normalise.py
    unit / units    the unit, or a map from the text of the group `unit` (else `counter`) to units
    examples        [{text, match, <field> = expected, reference?, xfail?}]
    counterexamples [text where the rule must not match]

The loader rejects unknown keys, duplicate ids, patterns that do not compile,
named groups the normaliser does not read, and examples with unknown fields,
naming the file and the rule. Matching runs with a timeout per rule; a timeout
becomes a warning naming the rule, and the page keeps its other records. A rule is
not searched in a text that holds none of the literals its every match contains
(extract/rules/literals.py): it could find nothing there; extract/rules/search.py says how a rule is searched.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import regex

from extract.patterns import (
    MATCH_TIMEOUT,
    PatternError,
    check_keys,
    compile_pattern,
    expand,
    patterns_dir,
    read_toml,
    relative_name,
    user_dir,
)
from extract.rules import literals
from extract.rules.normalise import GROUPS, NORMALISERS, Context, NormaliseError
from extract.rules.search import Search, Table, Text, search

FAMILIES = ("amount", "date", "ignore")
_RULE_KEYS = ("normalise", "unit", "units", "examples", "counterexamples", "description")
_EXAMPLE_KEYS = {"text", "match", "reference", "xfail", "value", "low", "high", "vague", "unit", "counter",
                 "approximate", "bound", "granularity"}


class Pattern:
    """A rule's pattern as its author wrote it, compiled when first used. The matcher searches its guarded form
    (extract/rules/search.py), compiled when the rule is read: that compile tells whether the pattern compiles (the
    guard is a lookahead for one character, made of the pattern's own parts), so a run compiles each pattern once;
    the pattern itself is compiled only for its examples and for whoever asks for it."""

    __slots__ = ("_compiled", "flags", "groupindex", "guarded", "pattern")

    def __init__(self, source: str, guarded: regex.Pattern[str]) -> None:
        self.pattern = source
        self.flags = guarded.flags
        self.groupindex = guarded.groupindex  # the guard adds no group
        self.guarded = guarded
        self._compiled: regex.Pattern[str] | None = None

    def compiled(self) -> regex.Pattern[str]:
        if self._compiled is None:
            self._compiled = regex.compile(self.pattern, self.flags)
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __reduce__(self) -> tuple[Any, ...]:
        return Pattern, (self.pattern, self.guarded)

    def __repr__(self) -> str:
        return f"rules.Pattern({self.pattern!r})"


def _compiled(pattern: str, where: str, macros: Mapping[str, str]) -> regex.Pattern[str] | Pattern:
    """The rule's pattern: compiled, or (when the matcher searches it behind a guard) its guarded form compiled and
    the pattern itself left for later. A pattern that does not compile is a PatternError naming the rule and the
    position in the author's pattern."""
    source = expand(pattern, macros, where)
    guard = literals.guard_of(source)
    if guard is not None:
        try:
            return Pattern(source, regex.compile(f"{guard}(?:{source})"))
        except regex.error:
            pass  # the pattern's own compile says what is wrong with it
    return compile_pattern(pattern, where, macros=macros)


@dataclass(frozen=True)
class Rule:
    id: str
    type: str
    priority: int
    pattern: regex.Pattern[str] | Pattern
    normalise: str
    unit: str | None
    units: Mapping[str, str]
    examples: tuple[dict[str, Any], ...]
    counterexamples: tuple[str, ...]
    file: str


@dataclass(frozen=True)
class Candidate:
    """One match of one rule, normalised."""

    rule: Rule
    start: int
    end: int
    text: str
    fields: dict[str, Any]
    warnings: tuple[str, ...] = ()

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (-self.rule.priority, -(self.end - self.start), self.start)


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    tables: Mapping[str, Mapping[str, Any]]
    macros: Mapping[str, str] = field(default_factory=dict)
    units: frozenset[str] | None = None

    @cached_property
    def _searches(self) -> tuple[tuple[Rule, Search], ...]:
        return tuple((rule, search(rule.pattern)) for rule in self.rules)

    @cached_property
    def _table(self) -> Table:
        return Table([how for _, how in self._searches])

    def context(self, rule: Rule, reference: dt.date | None) -> Context:
        return Context(rule.id, rule.unit, rule.units, self.tables, reference)

    def candidates(self, text: str, reference: dt.date | None, *, rules: Iterable[Rule] | None = None,
                   where: str = "this text", stop: Callable[[], bool] | None = None, offset: int = 0
                   ) -> tuple[list[Candidate], list[str]]:
        """Every match of every rule in `text`, and warnings (a timeout names `where`). `stop()`, asked
        between rules, ends the work early (for an input that has failed: what was found is discarded).
        Offsets are counted from `offset` (where `text` starts in the body). Matching runs without Python's
        lock, so other threads go on meanwhile."""
        found: list[Candidate] = []
        warnings: list[str] = []
        gathered = Text(text)
        if rules is None:
            searches, table = self._searches, self._table
        else:
            searches = tuple((r, search(r.pattern)) for r in rules)
            table = Table([how for _, how in searches])
        wanted = table.wanted(gathered)
        for number, (rule, how) in enumerate(searches):
            bit = 1 << number
            if not wanted & bit:
                continue  # every match would contain one of its literals: nothing to find here
            if stop is not None and stop():
                break
            try:
                matches = _matches(how, gathered, table, bit)
            except TimeoutError:
                warnings.append(f"rule {rule.id} ({rule.file}) timed out after {MATCH_TIMEOUT}s; "
                                f"its matches in {where} were skipped")
                continue
            if not matches:
                continue
            normaliser = NORMALISERS[rule.normalise]
            ctx = self.context(rule, reference)
            for match in matches:
                start, end = match.span()
                if end == start:
                    continue
                try:
                    fields, notes = normaliser(match, ctx)
                except NormaliseError:
                    continue
                found.append(Candidate(rule, start + offset, end + offset, match.group(), fields, tuple(notes)))
        return found, warnings


def _matches(how: Search, text: Text, table: Table | None = None, bit: int = 0) -> list[regex.Match[str]]:
    """Every match of a rule in the text: in the whole text, or in its windows (extract/rules/search.py), all within
    one timeout (`table` and `bit`: its pre-check, see `Search.spans`)."""
    spans = how.spans(text, table, bit)
    if spans is None:
        return list(how.pattern.finditer(text.text, timeout=MATCH_TIMEOUT, concurrent=True))
    found: list[regex.Match[str]] = []
    deadline = time.monotonic() + MATCH_TIMEOUT
    for start, end in spans:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("regex timed out")
        found.extend(how.pattern.finditer(text.text, start, end, timeout=left, concurrent=True))
    return found


def resolve(candidates: Iterable[Candidate], text: str | None = None, *,
            keep_ignored: bool = False) -> list[Candidate]:
    """Non-overlapping winners (priority, then longest, then earliest), ignore rules dropped.

    Anaphoric dates are then read against the nearest earlier date: 이날, 당일 and an offset after a
    date (이틀 뒤, 3년 후) of the same paragraph, 전날, 이튿날 and 이듬해 of the same sentence (`text`, when given, tells where they
    break); with none, they keep the value the normaliser gave them from the article's date, except
    당일, which is then dropped, and 이날, which reads only a day on or before the article's date.
    """
    taken: list[tuple[int, int]] = []
    winners: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: c.sort_key):
        if any(cand.start < end and start < cand.end for start, end in taken):
            continue
        taken.append((cand.start, cand.end))
        if keep_ignored or cand.rule.type != "ignore":
            winners.append(cand)
    return _anchored(sorted(winners, key=lambda c: (c.start, c.end)), text)


_BREAK = regex.compile(r"\n\s*\n|\x00")
_SENTENCE_END = regex.compile(r"[.!?。](?=\s|$)|\n\s*\n|\x00")
_DAY = regex.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WRITTEN_YEAR = regex.compile(r"\d{2,4}\s?년")
_MONTH = regex.compile(r"^(\d{4})-(\d{2})")
_YEAR = regex.compile(r"^(\d{4})")


# The day before the day the text is about: never the day 이날 refers to (전날 … 이날 is the day after it).
_DAY_BEFORE = frozenset({"전날", "전일", "어제", "그제", "그저께"})


_SPACE = regex.compile(r"\s")


def _day_before(cand: Candidate) -> bool:
    return _SPACE.sub("", cand.text) in _DAY_BEFORE


_WORD = regex.compile(r"\s*([가-힣]{2,})")
_PARTICLE = regex.compile(r"(?:에서는|에서|에는|에도|으로|로|에|은|는|이|가|을|를|의|도|과|와)$")


def _same_event(text: str, dated: Candidate, anaphor: Candidate) -> bool:
    """Whether the noun after 이날 follows a looking-back date closely (지난 5일 회의 … 이날 회의에서): 이날 then
    names that event's day, not the day the news is about."""
    word = _WORD.match(text, anaphor.end)
    if word is None:
        return False
    stem = _PARTICLE.sub("", word.group(1))
    return len(stem) >= 2 and stem in text[dated.end:min(dated.end + 20, anaphor.start)]


def _anchored(winners: list[Candidate], text: str | None) -> list[Candidate]:
    out: list[Candidate] = []
    base: Candidate | None = None
    before: Candidate | None = None  # the latest date that is not the day before (전날, 어제): 이날 may read it
    lead: Candidate | None = None  # the latest date not written as looking back (지난 4일, 지난달, 전날)
    for cand in winners:
        anchor = cand.fields.get("_anchor")
        if anchor is None:
            if cand.rule.type == "date" and cand.fields.get("value"):
                base = cand
                if not _day_before(cand):
                    before = cand
                    if not cand.text.startswith("지난"):
                        lead = cand
            out.append(cand)
            continue
        fields = {k: v for k, v in cand.fields.items() if k != "_anchor"}
        kind, offset, scope, mode = anchor
        stop = _BREAK if scope == "paragraph" else _SENTENCE_END
        read = False
        source = before if mode == "past" else base
        if (mode == "past" and lead is not None and (text is None or not stop.search(text, lead.end, cand.start))
                and not (text is not None and before is not None and before is not lead
                         and _same_event(text, before, cand))):
            source = lead  # 이날 is the day the news is about (현지시각 6일 … 지난 4일 … 이날: the 6th)
        in_scope = source is not None and (text is None or not stop.search(text, source.end, cand.start))
        if source is not None and in_scope:
            value = str(source.fields["value"])
            if kind == "day" and (day := _DAY.match(value)):
                moment = dt.date(*map(int, day.groups())) + dt.timedelta(days=offset)
                # "past": only a day on or before the article's date (the value from the normaliser).
                if mode != "past" or not fields.get("value") or moment.isoformat() <= str(fields["value"]):
                    fields.update(value=moment.isoformat(), granularity="day")
                    read = True
            elif kind == "week" and (day := _DAY.match(value)):
                iso_year, iso_week, _ = (dt.date(*map(int, day.groups())) + dt.timedelta(weeks=offset)).isocalendar()
                fields.update(value=f"{iso_year:04d}-W{iso_week:02d}", granularity="week")
                read = True
            elif kind == "month" and (month := _MONTH.match(value)):
                index = int(month.group(1)) * 12 + int(month.group(2)) - 1 + offset
                fields.update(value=f"{index // 12:04d}-{index % 12 + 1:02d}", granularity="month")
                read = True
            elif kind == "year" and (year := _YEAR.match(value)):
                fields.update(value=f"{int(year.group(1)) + offset:04d}", granularity="year")
                read = True
        if mode == "required" and not read:
            continue  # 사건 당일 with no day before it in the paragraph: the day is not in the text
        if mode in ("anchored", "fallback") and in_scope and not read:
            continue  # 2006년 … 이틀 뒤, 2003년 … 전날: counted from a date the text gives less precisely
        if (mode == "fallback" and kind == "day" and not in_scope and base is not None and text is not None
                and not _BREAK.search(text, base.end, cand.start) and not _DAY.match(str(base.fields["value"]))
                and _WRITTEN_YEAR.search(base.text)):
            continue  # 2006년 그는 입국했다. 이튿날 …: the story's day is not the article's, and not in the text
        cand = Candidate(cand.rule, cand.start, cand.end, cand.text, fields, cand.warnings)
        out.append(cand)
        if fields.get("value"):
            base = cand
            if not _day_before(cand):
                before = lead = cand
    return out


def _macros(root: Path) -> tuple[dict[str, str], dict[str, dict[str, Any]]]:
    path = root / "macros.toml"
    if not path.exists():
        return {}, {}
    data = read_toml(path)
    check_keys(data, relative_name(path), optional=("macros", "tables"))
    return dict(data.get("macros", {})), dict(data.get("tables", {}))


def declared_units(root: Path) -> frozenset[str] | None:
    """The units of `units.toml` in the rule folder (None when the folder declares none)."""
    path = root / "units.toml"
    if not path.exists():
        return None
    data = read_toml(path)
    name = relative_name(path)
    check_keys(data, name, required=("units",))
    if not isinstance(data["units"], dict) or not data["units"]:
        raise PatternError(f"{name}: [units] must be a table of unit = description")
    return frozenset(data["units"])


def _check_unit(unit: Any, where: str, units: frozenset[str] | None, what: str) -> None:
    if units is not None and unit not in units:
        raise PatternError(f"{where}: unknown unit {unit!r} in {what}; declared units are in units.toml "
                           f"({', '.join(sorted(units))})")


def rule_files(root: Path | None = None) -> list[Path]:
    root = root or patterns_dir()
    return sorted(p for family in FAMILIES for p in (root / family).glob("*.toml"))


def parse_file(path: Path, macros: Mapping[str, str], units: frozenset[str] | None = None) -> list[Rule]:
    data = read_toml(path)
    name = relative_name(path)
    check_keys(data, name, optional=("rule", "description"))
    rules = []
    declared = units
    for number, table in enumerate(data.get("rule", []), start=1):
        where = f"{name}: rule {table.get('id', f'#{number}')}"
        check_keys(table, where, required=("id", "type", "priority", "pattern"), optional=_RULE_KEYS)
        kind = table["type"]
        if kind not in NORMALISERS or kind not in FAMILIES:
            raise PatternError(f"{where}: type must be one of {', '.join(FAMILIES)}")
        normalise = table.get("normalise", kind)
        if normalise not in NORMALISERS:
            raise PatternError(f"{where}: unknown normaliser {normalise!r}; known: {', '.join(NORMALISERS)}")
        if not isinstance(table["priority"], int):
            raise PatternError(f"{where}: priority must be an integer")
        if not isinstance(table["pattern"], str):
            raise PatternError(f"{where}: pattern must be a string")
        pattern = _compiled(table["pattern"], where, macros)
        unknown = set(pattern.groupindex) - GROUPS[normalise]
        if unknown:
            raise PatternError(f"{where}: group(s) {', '.join(sorted(unknown))} are not read by the "
                               f"{normalise} normaliser (it reads: {', '.join(sorted(GROUPS[normalise])) or 'none'})")
        units = table.get("units", {})
        if units and not {"unit", "counter"} & set(pattern.groupindex):
            raise PatternError(f"{where}: `units` needs a group named unit (or counter) in the pattern")
        if kind == "amount" and not {"number", "native", "vague"} & set(pattern.groupindex):
            raise PatternError(f"{where}: an amount pattern needs a group named number (or native, or vague)")
        if kind == "amount" and not units and "unit" not in table:
            raise PatternError(f"{where}: an amount rule needs `unit` or `units`")
        if "unit" in table:
            _check_unit(table["unit"], where, declared, "`unit`")
        for key, value in units.items() if isinstance(units, dict) else ():
            _check_unit(value, where, declared, f"`units` ({key!r})")
        examples = table.get("examples", [])
        for example in examples:
            if not isinstance(example, dict) or "text" not in example:
                raise PatternError(f"{where}: each example is a table with at least `text`")
            bad = set(example) - _EXAMPLE_KEYS
            if bad:
                raise PatternError(f"{where}: example {example.get('text')!r} has unknown key(s) {', '.join(sorted(bad))}")
            if "unit" in example:
                _check_unit(example["unit"], where, declared, f"example {example['text']!r}")
        counter = table.get("counterexamples", [])
        if not all(isinstance(c, str) for c in counter):
            raise PatternError(f"{where}: counterexamples must be strings")
        rules.append(Rule(table["id"], kind, table["priority"], pattern, normalise, table.get("unit"),
                          units, tuple(examples), tuple(counter), name))
    return rules


def parse(root: Path) -> RuleSet:
    macros, tables = _macros(root)
    units = declared_units(root)
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path in rule_files(root):
        for rule in parse_file(path, macros, units):
            if rule.id in seen:
                raise PatternError(f"{rule.file}: rule {rule.id}: duplicate id (also in {seen[rule.id]})")
            seen[rule.id] = rule.file
            rules.append(rule)
    return RuleSet(tuple(rules), tables, macros, units)


@cache
def load() -> RuleSet:
    ruleset = parse(patterns_dir())
    if user_dir() is None:
        from extract.rules import analysis

        analysis.refresh(rule.pattern.pattern for rule in ruleset.rules)  # the shipped rules' findings, kept
    return ruleset
