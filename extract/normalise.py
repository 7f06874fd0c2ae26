"""Normalisers: a rule's match (its named groups) to a record's fields.

A rule names its normaliser (`normalise = "amount"`), or gets the one of its
type. Each reads only named groups:

- amount: number (or native, a native numeral; with high, a range), unit,
  counter, sign, approx, bound;
- date: year, yy, year2, month, day, weekday, hour, minute, second, rel_year,
  rel_month, rel_day, direction (지난/오는), part (상반기, 3분기, 말 …).

The lookup tables (bound words, relative words, weekdays) are in
`patterns/macros.toml`.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import regex

from extract.numbers import NumberError, parse_native, parse_number, parse_range

WEEKDAY_NAMES = ("월", "화", "수", "목", "금", "토", "일")


@dataclass(frozen=True)
class Context:
    """What a normaliser may know besides the match: the rule, tables and reference date."""

    rule_id: str
    unit: str | None
    units: Mapping[str, str]
    tables: Mapping[str, Mapping[str, Any]]
    reference: dt.date | None


class NormaliseError(ValueError):
    """The match cannot be turned into a record (the candidate is dropped)."""


def _captured(match: regex.Match[str], name: str) -> list[str]:
    try:
        return [c for c in match.captures(name) if c]
    except IndexError:
        return []


def _last(match: regex.Match[str], name: str) -> str | None:
    found = _captured(match, name)
    return found[-1] if found else None


def amount(match: regex.Match[str], ctx: Context) -> tuple[dict[str, Any], list[str]]:
    number, native, high = _last(match, "number"), _last(match, "native"), _last(match, "high")
    low = high_value = None
    try:
        if native is not None:
            value = parse_native(native)
        elif number is None:
            raise NormaliseError("no number")
        elif high is not None:
            low, high_value = parse_range(number, high)
            if not low < high_value:
                raise NormaliseError("a range runs from low to high")
            value = low
        else:
            value = parse_number(number)
    except NumberError as exc:
        raise NormaliseError(str(exc)) from exc
    if _last(match, "sign") in ("-", "−"):
        value = -value
    unit_text = _last(match, "unit") or _last(match, "counter")
    unit = ctx.units.get(unit_text, ctx.unit) if unit_text else ctx.unit
    if unit is None:
        raise NormaliseError(f"no unit for {unit_text!r}")
    bounds = ctx.tables.get("bound", {})
    bound_words = _captured(match, "bound")
    return {
        "value": value,
        "low": low,
        "high": high_value,
        "unit": unit,
        "counter": _last(match, "counter"),
        "approximate": bool(_captured(match, "approx")),
        "bound": bounds.get(bound_words[-1]) if bound_words else None,
    }, []


def _year(match: regex.Match[str], ctx: Context) -> int | None:
    if (year := _last(match, "year")) is not None:
        return int(year)
    if (yy := _last(match, "yy")) is not None:
        two = int(yy)
        pivot = ctx.reference.year if ctx.reference else 2000
        candidates = [century + two for century in (1900, 2000, 2100)]
        return min(candidates, key=lambda y: (abs(y - pivot), y))
    return None


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _nearest_day(ref: dt.date, day: int) -> tuple[int, int]:
    """Day N of the month before, of, or after the reference: the nearest real one (earlier on a tie)."""
    found = []
    for offset in (-1, 0, 1):
        year, month = _shift_month(ref.year, ref.month, offset)
        if day <= calendar.monthrange(year, month)[1]:
            distance = abs((dt.date(year, month, day) - ref).days)
            found.append((distance, offset, year, month))
    if not found:
        raise NormaliseError(f"no month near {ref} has a day {day}")
    _, _, year, month = min(found)
    return year, month


def date(match: regex.Match[str], ctx: Context) -> tuple[dict[str, Any], list[str]]:
    warnings: list[str] = []
    ref = ctx.reference
    year = _year(match, ctx)
    month = int(m) if (m := _last(match, "month")) else None
    day = int(d) if (d := _last(match, "day")) else None
    unresolved = False

    if (word := _last(match, "rel_year")) is not None:
        offset = ctx.tables["relative_year"][word]
        year = ref.year + offset if ref else None
        unresolved = ref is None
    if (word := _last(match, "rel_month")) is not None:
        table = ctx.tables["relative_month"]
        offset = table.get(word, table.get(regex.sub(r"\s", "", word), 0))
        if ref:
            year, month = _shift_month(ref.year, ref.month, offset)
        unresolved = ref is None
    if (word := _last(match, "rel_day")) is not None:
        if ref:
            moment = ref + dt.timedelta(days=ctx.tables["relative_day"][word])
            year, month, day = moment.year, moment.month, moment.day
        else:
            unresolved = True
    if (direction := _last(match, "direction")) is not None and month is not None:
        if ref:
            year = ref.year
            if direction == "지난" and (month, day or 0) >= (ref.month, ref.day):
                year -= 1
            if direction == "오는" and (month, day or 99) <= (ref.month, ref.day):
                year += 1
        else:
            unresolved = True
    only_day = day is not None and month is None and year is None and _last(match, "rel_day") is None
    if only_day:
        if ref:
            year, month = _nearest_day(ref, day)
        else:
            unresolved = True

    if (part := _last(match, "part")) is not None:
        first, last, grain = ctx.tables["year_part"][regex.sub(r"\s", "", part)]
        if year is None and not unresolved and _last(match, "rel_year") is None:
            if ref is None:
                unresolved = True
            else:
                year = ref.year
        if unresolved:
            return {"value": None, "granularity": grain}, warnings
        if first == last:
            return {"value": f"{year:04d}-{first:02d}", "granularity": grain}, warnings
        return {"value": f"{year:04d}-{first:02d}/{year:04d}-{last:02d}", "granularity": grain}, warnings
    if year is None and month is not None and ref and not unresolved:
        year = ref.year
    year2 = int(y2) if (y2 := _last(match, "year2")) else None
    if year2 is not None:
        if year is None or year2 <= year:
            raise NormaliseError("not a range")
        return {"value": f"{year:04d}/{year2:04d}", "granularity": "year"}, warnings

    granularity = "day" if day is not None else "month" if month is not None else "year"
    if unresolved:
        return {"value": None, "granularity": granularity}, warnings

    if day is not None and month is not None:
        if year is None:
            if not 1 <= day <= (29 if month == 2 else calendar.monthrange(2001, month)[1]):
                raise NormaliseError("no such day")
            return {"value": f"--{month:02d}-{day:02d}", "granularity": "day"}, warnings
        try:
            moment = dt.date(year, month, day)
        except ValueError:
            warnings.append(f"{ctx.rule_id}: {match.group(0)!r} is not a real date; kept with value null")
            return {"value": None, "granularity": "day"}, warnings
        value = moment.isoformat()
        weekday = _last(match, "weekday")
        if weekday is not None:
            expected = ctx.tables["weekday"][weekday]
            if moment.weekday() != expected:
                warnings.append(f"{ctx.rule_id}: {match.group(0)!r} says {weekday}요일 but {value} "
                                f"is a {WEEKDAY_NAMES[moment.weekday()]}요일")
        if (hour := _last(match, "hour")) is not None:
            minute = _last(match, "minute") or "00"
            second = _last(match, "second")
            value += f"T{int(hour):02d}:{minute}" + (f":{second}" if second else "")
            return {"value": value, "granularity": "datetime"}, warnings
        return {"value": value, "granularity": "day"}, warnings
    if month is not None:
        if year is None:
            return {"value": f"--{month:02d}", "granularity": "month"}, warnings
        return {"value": f"{year:04d}-{month:02d}", "granularity": "month"}, warnings
    if year is None:
        raise NormaliseError("no date fields")
    return {"value": f"{year:04d}", "granularity": "year"}, warnings


def ignore(match: regex.Match[str], ctx: Context) -> tuple[dict[str, Any], list[str]]:
    return {}, []


NORMALISERS: dict[str, Callable[[regex.Match[str], Context], tuple[dict[str, Any], list[str]]]] = {
    "amount": amount,
    "date": date,
    "ignore": ignore,
}
# The named groups each normaliser understands (the loader rejects others).
GROUPS: dict[str, frozenset[str]] = {
    "amount": frozenset({"number", "native", "high", "unit", "counter", "sign", "approx", "bound"}),
    "date": frozenset({"year", "yy", "year2", "month", "day", "weekday", "hour", "minute", "second",
                       "rel_year", "rel_month", "rel_day", "direction", "part"}),
    "ignore": frozenset(),
}
