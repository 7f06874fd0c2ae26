"""Article metadata from a cleaned text dump: outlet, reporters, publication times.

The rules are `patterns/metadata.toml`. Reporters and outlet come from the lede
prefix ([연합포스트=안효종 기자]), from sign-off and byline lines, and from
copyright lines; times from dateline lines (기사등록 / 입력 / 수정), in KST.
Nothing is guessed: what the page does not say is None.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import regex

from extract.clean.gated import Gated
from extract.patterns import (
    MATCH_TIMEOUT,
    PatternError,
    check_keys,
    compile_pattern,
    patterns_dir,
    read_toml,
    relative_name,
)

KST = "+09:00"
KINDLESS_PREFERENCE = 100
# A dateline's kind word alone on its line (the date follows on the next line, as one text node each).
_KIND_ALONE = regex.compile(r"(?:기사\s?)?(?:등록|입력|수정|승인|업데이트|최종\s?수정|발행|송고|작성)(?:일|일시|시간)?\s?[:：]?")
_KIND_FIRST = frozenset("기등입수승업최발송작")  # the characters a match of _KIND_ALONE can start with
_TIMESTAMP_LINE = regex.compile(r"\d{4}[-./]\s?\d{1,2}[-./]\s?\d{1,2}\.?\s?(?:\(?\d{1,2}:\d{2}(?::\d{2})?\)?)?")


def _is_timestamp(text: str) -> bool:
    return bool(_TIMESTAMP_LINE.fullmatch(text.strip()))


_DATE = regex.compile(r"(\d{4})[-./년](\d{1,2})[-./월](\d{1,2})일?")
_SPACE = regex.compile(r"\s")
_TIME_PARTS = regex.compile(r"[:시분초]")


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    pattern: regex.Pattern[str]
    examples: tuple[dict, ...]
    counterexamples: tuple[str, ...]
    published: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lede:
    text: str
    outlet: str | None
    name: str | None


@dataclass
class Metadata:
    outlet: str | None = None
    reporters: list[tuple[str, str | None]] = field(default_factory=list)
    published_at: str | None = None
    updated_at: str | None = None

    def fill(self, other: Metadata) -> None:
        """Take what this one lacks from another reading."""
        self.outlet = self.outlet or other.outlet
        if not self.reporters:
            self.reporters = list(other.reporters)
        self.published_at = self.published_at or other.published_at
        self.updated_at = self.updated_at or other.updated_at

    def add_reporter(self, name: str, email: str | None) -> None:
        if name in not_names():  # a section name next to a dateline (국제) is no reporter
            return
        for index, (known, known_email) in enumerate(self.reporters):
            if known == name:
                self.reporters[index] = (known, known_email or email)
                return
        self.reporters.append((name, email))


KINDS = ("lede", "reporter", "outlet", "dateline", "author", "closing")


def parse(path: Path) -> dict[str, tuple[Rule, ...]]:
    data = read_toml(path)
    name = relative_name(path)
    check_keys(data, name, optional=(*KINDS, "not_names", "site_suffixes"))
    rules: dict[str, tuple[Rule, ...]] = {}
    seen: set[str] = set()
    for kind in KINDS:
        parsed = []
        for number, table in enumerate(data.get(kind, []), start=1):
            where = f"{name}: {kind} {table.get('id', f'#{number}')}"
            optional = ["examples", "counterexamples"] + (["published", "updated"] if kind == "dateline" else [])
            check_keys(table, where, required=("id", "pattern"), optional=optional)
            if table["id"] in seen:
                raise PatternError(f"{where}: duplicate id")
            seen.add(table["id"])
            parsed.append(Rule(
                id=table["id"], kind=kind, pattern=compile_pattern(table["pattern"], where),
                examples=tuple(table.get("examples", [])),
                counterexamples=tuple(table.get("counterexamples", [])),
                published=tuple(table.get("published", [])), updated=tuple(table.get("updated", [])),
            ))
        rules[kind] = tuple(parsed)
    return rules


@cache
def rules() -> dict[str, tuple[Rule, ...]]:
    return parse(patterns_dir() / "metadata.toml")


@cache
def not_names() -> frozenset[str]:
    return frozenset(read_toml(patterns_dir() / "metadata.toml").get("not_names", []))


@cache
def _site_suffix() -> regex.Pattern[str]:
    words = read_toml(patterns_dir() / "metadata.toml").get("site_suffixes", [])
    return regex.compile(r"(?P<name>[A-Z][A-Za-z0-9]{1,5})\s?(?:" + "|".join(map(regex.escape, words)) + r")") \
        if words else regex.compile(r"(?!)")


def outlet_name(value: str | None) -> str | None:
    """The outlet's name out of a site name: "KBS 뉴스", "MBC NEWS" and "KBS뉴스" give KBS and MBC."""
    if not value:
        return value
    text = " ".join(value.split())
    found = _site_suffix().fullmatch(text)
    return found.group("name") if found else text


CLOSING_PARAGRAPHS = 3  # the closing sentence is searched at the end of the body's last paragraphs


def closing(paragraphs: list[str]) -> tuple[str, str] | None:
    """(outlet, reporter) from the closing sentence of a broadcast report ("KBS 뉴스 이윤우입니다.")."""
    for paragraph in reversed(paragraphs[-CLOSING_PARAGRAPHS:]):
        found = first_match("closing", paragraph.strip())
        if found is not None:
            return found[1].group("outlet"), found[1].group("name")
    return None


def author(value: str) -> tuple[str, str | None] | None:
    """(name, e-mail) of a reporter named by the page's markup, or None when the value names no person."""
    found = _fullmatch("author", value.strip())
    if found is None:
        return None
    name = _group(found[1], "name")
    if not name or name in not_names():
        return None
    return name, _group(found[1], "email")


def match_lede(paragraph: str, table: dict[str, tuple[Rule, ...]] | None = None) -> Lede | None:
    """The lede prefix at the start of the first paragraph, if any (rules from `table`, default the loaded ones)."""
    found = first_match("lede", paragraph, table)
    if found is None:
        return None
    match = found[1]
    return Lede(match.group(0), _group(match, "outlet"), _group(match, "name"))


def _group(match: regex.Match[str], name: str) -> str | None:
    try:
        value = match.group(name)
    except IndexError:
        return None
    return value.strip() if value else None


def first_match(kind: str, text: str, table: dict[str, tuple[Rule, ...]] | None = None
                ) -> tuple[Rule, regex.Match[str]] | None:
    """The first rule of a kind that reads the text, and its match, as the cleaner reads lines: a lede rule at
    the start of the text, a dateline or closing rule anywhere in it (a closing rule is anchored at the end),
    the others the whole text."""
    how = _HOW.get(kind, "fullmatch")
    if not table:
        return _gated(kind).find(text, how)  # the loaded rules, tried only where their strings are
    for rule in table[kind]:
        match = getattr(rule.pattern, how)(text, timeout=MATCH_TIMEOUT)
        if match:
            return rule, match
    return None


_HOW = {"lede": "match", "dateline": "search", "closing": "search"}


@cache
def _gated(kind: str) -> Gated[Rule]:
    """The loaded rules of a kind, each tried only on text that holds one of its required strings."""
    return Gated([(rule.pattern, rule) for rule in rules()[kind]], MATCH_TIMEOUT)


def _fullmatch(kind: str, text: str) -> tuple[Rule, regex.Match[str]] | None:
    return first_match(kind, text)


def iso_time(date: str, time: str | None, ampm: str | None = None) -> str | None:
    """'2024-05-29', '15:40:54' -> '2024-05-29T15:40:54+09:00' (None if not a real date).

    With ampm (오전/오후) the time is on a 12-hour clock: 오후 1:20 is 13:20, 오전 12:10 is 00:10. Korean
    forms are read too: '2023년 04월 10일', '09시 59분'."""
    import datetime as dt

    found = _DATE.fullmatch(_SPACE.sub("", date))
    if not found:
        return None
    try:
        day = dt.date(*(int(g) for g in found.groups()))
    except ValueError:
        return None
    if not time:
        return day.isoformat()
    parts = [int(p) for p in _TIME_PARTS.split(_SPACE.sub("", time)) if p] + [0, 0]
    if ampm == "오후" and parts[0] < 12:
        parts[0] += 12
    elif ampm == "오전" and parts[0] == 12:
        parts[0] = 0
    try:
        moment = dt.time(parts[0], parts[1], parts[2])
    except ValueError:
        return None
    return f"{day.isoformat()}T{moment.isoformat()}{KST}"


def read(removed: list[tuple[str, str]], lede: Lede | None) -> Metadata:
    """Metadata from the lines the cleaner removed (and the lede prefix)."""
    meta = Metadata()
    if lede is not None:
        meta.outlet = lede.outlet
        if lede.name:
            meta.add_reporter(lede.name, None)
    published: list[tuple[int, str]] = []  # (preference, time)
    updated: list[tuple[int, str]] = []
    previous = ""
    for text, reason in removed:
        if previous[:1] in _KIND_FIRST and _KIND_ALONE.fullmatch(previous) and _is_timestamp(text):  # 작성 / 2023.04.20 13:50 on two lines
            _datelines(f"{previous} {text}", published, updated)
        previous = text
        if reason in ("signoff", "byline", "dateline"):
            found = _fullmatch("reporter", text)
            if found and _group(found[1], "name"):
                meta.add_reporter(_group(found[1], "name") or "", _group(found[1], "email"))
        if reason == "copyright" and meta.outlet is None:
            found = _fullmatch("outlet", text)
            if found:
                meta.outlet = _group(found[1], "outlet")
        if reason == "dateline":
            _datelines(text, published, updated)
    meta.published_at = min(published)[1] if published else None
    meta.updated_at = min(updated)[1] if updated else None
    return meta


def _datelines(text: str, published: list[tuple[int, str]], updated: list[tuple[int, str]]) -> None:
    for rule in rules()["dateline"]:
        for match in rule.pattern.finditer(text, timeout=MATCH_TIMEOUT):
            kind = _SPACE.sub("", _group(match, "kind") or "")
            value = iso_time(_group(match, "date") or "", _group(match, "time"), _group(match, "ampm"))
            if value is None:
                continue
            if "kind" not in rule.pattern.groupindex:  # a time alone, with no word for its kind: the publication
                published.append((KINDLESS_PREFERENCE, value))  # time, after any time whose kind is written
            for order, target in ((rule.published, published), (rule.updated, updated)):
                words = [w.replace(" ", "") for w in order]
                if kind in words:
                    target.append((words.index(kind), value))
        if published or updated:
            return
