"""Normalisers: a rule's match (its named groups) to a record's fields.

A rule names its normaliser (`normalise = "amount"`), or gets the one of its
type. Each reads only named groups:

- amount: number (or native, a native numeral or range word: 두세; with high, a range; or vague,
  a vague number such as 수십억 or 몇 억; bracket, the 대 of 3억원대 or 20%대: a vague bracket), unit, counter, sign (-, –, 마이너스,
  △ a fall, ▲ a rise), scale (the B of $1.2B), approx, bound;
- date: year, yy, year2, month, month2, day, day2, weekday, hour, minute,
  second, rel_year, rel_year2 (the relative end of a range of years: 2009년부터 지난해까지), rel_month, rel_month2 (the relative month of a range's end: 내달 3일까지), rel_week, rel_day, direction (지난/오는), part
  (상반기, 3분기, 말 …), mpart (a part of a month: 초, 중순, 말; mpart2, the part of a range's end), decade (년대), century (the N of N세기), holiday (광복절), holiday2 (the end of a range of holidays),
  yearless (empty: a written month and day whose year is not resolved, 5·18), event (empty: 전날 or 다음날 of
  an event named before it, 사고 전날, read only from a date of its paragraph), weekend (주말 of a
  relative week); an offset from a date: offset (a number, or a native numeral: 두 달), offset_days
  (a native word for days: 이틀, 보름), span (일, 주, 개월, 달, 년) and toward (전, 뒤, 후).

The lookup tables (bound words, signs, scales, relative words, weekdays) are in
`patterns/macros.toml`. A relative day or year that news uses anaphorically
(이날, 당일, 전날, 이튿날, 이듬해, 전년), and an offset after a date or before a date and 보다, carries the
private field `_anchor` (its offset from the date the sentence is about, its scope and its mode, see
[tables.anaphoric_mode] and [tables.anaphoric_scope]); `rules.resolve` settles it against the nearest earlier
date of the paragraph or sentence and drops the field.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Any

import regex

from extract.rules.numbers import (
    NumberError,
    bracket,
    exact,
    parse_native,
    parse_native_range,
    parse_number,
    parse_range,
    parse_vague,
    precision,
)

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


class _Groups:
    """A match with the captures of its named groups, read once (a normaliser asks for many groups, most of
    them absent from the pattern)."""

    __slots__ = ("captures", "match")

    def __init__(self, match: regex.Match[str]) -> None:
        self.match = match
        self.captures: dict[str, list[str]] = match.capturesdict()


def _captured(groups: _Groups, name: str) -> list[str]:
    return [c for c in groups.captures.get(name, ()) if c]


def _present(groups: _Groups, name: str) -> bool:
    """Whether the (possibly empty) group took part in the match."""
    return bool(groups.captures.get(name))


def _last(groups: _Groups, name: str) -> str | None:
    for capture in reversed(groups.captures.get(name, ())):
        if capture:
            return capture
    return None


_SPACE = regex.compile(r"\s")
_SPACES = regex.compile(r"\s+")


def _signed(value: int | Decimal, sign: int, scale: int) -> int | Decimal:
    with localcontext() as context:
        context.prec = precision(str(value)) + 20
        return exact(Decimal(value) * sign * scale)


def amount(match: regex.Match[str], ctx: Context) -> tuple[dict[str, Any], list[str]]:
    groups = _Groups(match)
    number, native, high = _last(groups, "number"), _last(groups, "native"), _last(groups, "high")
    vague = _last(groups, "vague")
    # 여 inside a number (3억7천여만, 430여만) makes it approximate.
    inner_approx = any("여" in (t or "") for t in (number, high))
    number = number.replace("여", "") if number else number
    high = high.replace("여", "") if high else high
    low = high_value = None
    value: int | Decimal | None
    try:
        if vague is not None:
            low, high_value = parse_vague(vague)
            value = None
        elif native is not None and (pair := parse_native_range(native)) is not None:
            low, high_value = pair  # 두세 명: two or three
            value = low
        elif native is not None:
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
    sign_text = _last(groups, "sign")
    sign = ctx.tables.get("sign", {}).get(_SPACE.sub("", sign_text), 1) if sign_text else 1
    scale_text = _last(groups, "scale")
    scale = ctx.tables.get("scale", {}).get(scale_text.strip(), 1) if scale_text else 1
    if sign != 1 or scale != 1:
        value = _signed(value, sign, scale) if value is not None else None
        low = _signed(low, sign, scale) if low is not None else None
        high_value = _signed(high_value, sign, scale) if high_value is not None else None
        if sign < 0 and low is not None and high_value is not None:
            low, high_value = high_value, low
            value = low if value is not None else None
    is_vague = vague is not None
    if _present(groups, "bracket"):
        # 3억원대, 20%대: a bracket of amounts, not the amount N (vague, with the bounds it names).
        if high_value is not None and low is not None:
            high_value = bracket(high_value)[1]
        elif value is not None:
            low, high_value = bracket(value)
        value, is_vague = None, True
    unit_text = _last(groups, "unit") or _last(groups, "counter")
    unit = ctx.units.get(unit_text, ctx.unit) if unit_text else ctx.unit
    if unit is None:
        raise NormaliseError(f"no unit for {unit_text!r}")
    bounds = ctx.tables.get("bound", {})
    bound_words = _captured(groups, "bound")
    return {
        "value": value,
        "low": low,
        "high": high_value,
        "unit": unit,
        "counter": _last(groups, "counter"),
        "approximate": bool(_captured(groups, "approx")) or inner_approx,
        "bound": bounds.get(bound_words[-1]) if bound_words else None,
        "vague": is_vague,
    }, []


def _year(groups: _Groups, ctx: Context) -> int | None:
    if (year := _last(groups, "year")) is not None:
        return int(year)
    if (yy := _last(groups, "yy")) is not None:
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


def _day_in_direction(ref: dt.date, day: int, direction: str) -> tuple[int, int]:
    """지난 N일: the latest day N on or before the reference; 오는 N일: the earliest on or after it."""
    for offset in (0, -1, -2) if direction == "지난" else (0, 1, 2):
        year, month = _shift_month(ref.year, ref.month, offset)
        if day <= calendar.monthrange(year, month)[1]:
            moment = dt.date(year, month, day)
            if (moment <= ref) if direction == "지난" else (moment >= ref):
                return year, month
    raise NormaliseError(f"no day {day} {direction} {ref}")


def _nearest_year(ref: dt.date, month: int, day: int | None) -> int:
    """A month (and day) without a year: the article's year, unless that puts it more than 300 days
    from the article's date; then the year before or after, whichever is nearer (12월 in a January
    article is last December, 1월 in a late-December article next January)."""
    def distance(year: int) -> int:
        last = calendar.monthrange(year, month)[1]
        return abs((dt.date(year, month, min(day or 15, last)) - ref).days)
    if distance(ref.year) <= 300:
        return ref.year
    return min((ref.year - 1, ref.year + 1), key=lambda y: (distance(y), y))


def _monday(ref: dt.date, weeks: int) -> dt.date:
    return ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=weeks)


def _iso(year: int, month: int, day: int) -> str:
    return dt.date(year, month, day).isoformat()


# A date and 보다 just before an offset (2012년 8월 27일보다 14일 전): the offset counts from that date.
_AFTER_DATE_THAN = regex.compile(r"[일월년]\s?보다\s?$")


def _offset(groups: _Groups, ctx: Context, toward: str) -> tuple[dict[str, Any], list[str]]:
    """6년 전, 3개월 뒤, 2주 전, 이틀 뒤: the article's date moved by the offset, at the offset's granularity
    (the year of 6년 전, the month of 3개월 뒤, the ISO week of 2주 전, the day of 이틀 뒤). An offset after a date (뒤, 후) carries an
    `_anchor`, so that it counts from the date its paragraph is about when there is one."""
    tables = ctx.tables
    sign = tables["offset_toward"][toward]
    if (word := _last(groups, "offset_days")) is not None:
        count, grain = tables["offset_days"][_SPACE.sub("", word)], "day"
    else:
        number = _last(groups, "offset") or ""
        try:
            count = int(number) if number.isdigit() else parse_native(number)
        except NumberError as exc:
            raise NormaliseError(str(exc)) from exc
        grain = tables["offset_span"][_last(groups, "span") or ""]
    if count <= 0:
        raise NormaliseError("an offset counts at least one")
    fields: dict[str, Any]
    ref = ctx.reference
    if ref is None:
        fields = {"value": None, "granularity": grain}
    elif grain == "day":
        fields = {"value": (ref + dt.timedelta(days=sign * count)).isoformat(), "granularity": "day"}
    elif grain == "week":
        iso_year, iso_week, _ = (ref + dt.timedelta(weeks=sign * count)).isocalendar()
        fields = {"value": f"{iso_year:04d}-W{iso_week:02d}", "granularity": "week"}
    elif grain == "month":
        year, month = _shift_month(ref.year, ref.month, sign * count)
        fields = {"value": f"{year:04d}-{month:02d}", "granularity": "month"}
    else:
        fields = {"value": f"{ref.year + sign * count:04d}", "granularity": "year"}
    if sign > 0:
        fields["_anchor"] = [grain, sign * count, "paragraph", "anchored"]
    elif _AFTER_DATE_THAN.search(groups.match.string, 0, groups.match.start()):
        # 2012년 8월 27일보다 14일 전: counted back from the date just before 보다, in its sentence.
        fields["_anchor"] = [grain, sign * count, "sentence", "anchored"]
    return fields, []


def date(match: regex.Match[str], ctx: Context) -> tuple[dict[str, Any], list[str]]:
    groups = _Groups(match)
    if (toward := _last(groups, "toward")) is not None:
        return _offset(groups, ctx, toward)
    fields, warnings = _date(groups, ctx)
    anchor = None
    # 당일 (that same day) looks back over the paragraph; 전날, 이튿날, 이듬해 over their sentence.
    days = ctx.tables.get("anaphoric_day", {})
    modes = ctx.tables.get("anaphoric_mode", {})
    if (word := _last(groups, "rel_day")) is not None and (key := _SPACE.sub("", word)) in days:
        offset = days[key]
        # 이날, 당일 and the day after (이튿날, 다음날) read their paragraph; 전날 its sentence (in news it is mostly the
        # day before the article's, unless its sentence dates the story).
        anchor = ["day", offset, "paragraph" if offset >= 0 else "sentence", modes.get(key, "fallback")]
        if _present(groups, "event"):
            # 사고 전날, 임기만료일의 다음날: the day next to an event, read from its paragraph's date or not at all.
            anchor = ["day", offset, "paragraph", "required"]
    if (word := _last(groups, "rel_year")) is not None and word in ctx.tables.get("anaphoric_year", {}):
        scope = ctx.tables.get("anaphoric_scope", {}).get(word, "sentence")
        anchor = ["year", ctx.tables["anaphoric_year"][word], scope, modes.get(word, "fallback")]
    if anchor is not None:
        fields["_anchor"] = anchor
    return fields, warnings


def _date(groups: _Groups, ctx: Context) -> tuple[dict[str, Any], list[str]]:
    warnings: list[str] = []
    ref = ctx.reference
    tables = ctx.tables
    year = _year(groups, ctx)
    if _last(groups, "decade") is not None and (yy := _last(groups, "yy")) is not None:
        # 70년대: the latest such decade that began by the article's year (20년대 in 2015 is the 1920s).
        if ref is None:
            return {"value": None, "granularity": "year"}, warnings
        year = 2000 + int(yy) if 2000 + int(yy) <= ref.year else 1900 + int(yy)
    month = int(m) if (m := _last(groups, "month")) else None
    day = int(d) if (d := _last(groups, "day")) else None
    month2 = int(m) if (m := _last(groups, "month2")) else None
    day2 = int(d) if (d := _last(groups, "day2")) else None
    weekday = _last(groups, "weekday")
    unresolved = False
    computed_day = False
    if (name := _last(groups, "holiday")) is not None:
        month, day = tables["holiday"][_SPACES.sub(" ", name)]
    if (name := _last(groups, "holiday2")) is not None:
        month2, day2 = tables["holiday"][_SPACES.sub(" ", name)]

    if (word := _last(groups, "rel_year")) is not None:
        offset = {**tables["relative_year"], **tables.get("anaphoric_year", {})}[word]
        year = ref.year + offset if ref else None
        unresolved = ref is None
    if (word := _last(groups, "rel_month")) is not None:
        table = tables["relative_month"]
        offset = table.get(word, table.get(_SPACE.sub("", word), 0))
        if ref is None:
            return {"value": None, "granularity": "day" if day is not None else "month"}, warnings
        year, month = _shift_month(ref.year, ref.month, offset)
    if (word := _last(groups, "rel_month2")) is not None:
        # The end of a range of days in a month relative to the article's date: 30일부터 내달 3일까지.
        if ref is None:
            return {"value": None, "granularity": "day"}, warnings
        _, month2 = _shift_month(ref.year, ref.month, tables["relative_month"][_SPACE.sub("", word)])
    if (word := _last(groups, "rel_day")) is not None:
        days = {**tables["relative_day"], **tables.get("anaphoric_day", {})}
        offset = days.get(word, days.get(_SPACE.sub("", word), 0))
        if ref is None:
            return {"value": None, "granularity": "day"}, warnings
        moment = ref + dt.timedelta(days=offset)
        year, month, day = moment.year, moment.month, moment.day
        computed_day = True
    if (word := _last(groups, "rel_week")) is not None:
        weeks = tables["relative_week"][_SPACE.sub("", word)]
        if ref is None:
            return {"value": None, "granularity": "day" if weekday or _last(groups, "weekend") is not None
                    else "week"}, warnings
        monday = _monday(ref, weeks)
        if _last(groups, "weekend") is not None:
            # 지난 주말: the Saturday and Sunday of that ISO week.
            saturday = monday + dt.timedelta(days=5)
            sunday = monday + dt.timedelta(days=6)
            return {"value": f"{saturday.isoformat()}/{sunday.isoformat()}", "granularity": "day"}, warnings
        if weekday is None:
            iso_year, iso_week, _ = monday.isocalendar()
            return {"value": f"{iso_year:04d}-W{iso_week:02d}", "granularity": "week"}, warnings
        moment = monday + dt.timedelta(days=tables["weekday"][weekday])
        return {"value": moment.isoformat(), "granularity": "day"}, warnings
    if weekday is not None and day is None and month is None and year is None and not computed_day:
        # A weekday alone (수요일): the nearest one to the article's date.
        if ref is None:
            return {"value": None, "granularity": "day"}, warnings
        delta = (tables["weekday"][weekday] - ref.weekday() + 3) % 7 - 3
        return {"value": (ref + dt.timedelta(days=delta)).isoformat(), "granularity": "day"}, warnings

    direction = _last(groups, "direction")
    if direction is not None and month is not None:
        if ref:
            year = ref.year
            months = month2 is not None and day is None
            if direction == "지난":
                # 지난 7∼8월: the whole range lies before the article's date, so its end month decides (the end
                # of 지난 12∼2월 is in the year after its start).
                if months and month2 < month:
                    year -= 1
                if (month2 if months else month, day or 0) >= (ref.month, ref.day):
                    year -= 1
            if direction == "오는" and (month, day or 99) <= (ref.month, ref.day):
                year += 1
        else:
            unresolved = True
    elif direction is not None and day is not None:
        if ref:
            year, month = _day_in_direction(ref, day, direction)
            computed_day = True
        else:
            unresolved = True
    only_day = day is not None and month is None and year is None and not computed_day
    if only_day:
        if ref:
            year, month = _nearest_day(ref, day)
        else:
            unresolved = True

    if (part := _last(groups, "part")) is not None:
        first, last, grain = tables["year_part"][_SPACE.sub("", part)]
        if year is None and not unresolved and _last(groups, "rel_year") is None:
            if ref is None:
                unresolved = True
            else:
                year = ref.year
        if unresolved:
            return {"value": None, "granularity": grain}, warnings
        if first == last:
            return {"value": f"{year:04d}-{first:02d}", "granularity": grain}, warnings
        return {"value": f"{year:04d}-{first:02d}/{year:04d}-{last:02d}", "granularity": grain}, warnings
    if year is None and month is not None and ref and not unresolved and not _present(groups, "yearless"):
        year = _nearest_year(ref, month, day)
    if (mpart2 := _last(groups, "mpart2")) is not None and (mpart := _last(groups, "mpart")) is not None \
            and month is not None:
        # 10월 말에서 11월 초 사이, 8월 초∼중순: from the first day of the first part to the last of the second.
        end_month = month2 or month
        first = tables["month_part"][mpart][0]
        if end_month == month and tables["month_part"][mpart2][0] <= first:
            raise NormaliseError("a range of parts of months runs forward")
        if unresolved or year is None:
            return {"value": None, "granularity": "day"}, warnings
        end_year = year + (1 if end_month < month else 0)
        last = min(tables["month_part"][mpart2][1], calendar.monthrange(end_year, end_month)[1])
        start, end = dt.date(year, month, first), dt.date(end_year, end_month, last)
        return {"value": f"{start.isoformat()}/{end.isoformat()}", "granularity": "day"}, warnings
    year2 = int(y2) if (y2 := _last(groups, "year2")) else None
    if (word := _last(groups, "rel_year2")) is not None:
        # 2009년부터 지난해까지: the end is relative to the article's date.
        if ref is None:
            return {"value": None, "granularity": "year"}, warnings
        year2 = ref.year + tables["relative_year"][word]
    if _last(groups, "decade") is not None and year is not None:
        year2 = year + 9
    if (century := _last(groups, "century")) is not None:
        # 22세기: the hundred years 2101 to 2200.
        year, year2 = (int(century) - 1) * 100 + 1, int(century) * 100
    if year2 is not None and year is not None and year2 < 100:
        # A season over two years written with the second year's last two digits: 2015-16 → 2015/2016.
        year2 += year - year % 100
        if year2 <= year:
            year2 += 100
    if month2 is not None and day is None:
        # A range of months: 올해 1~3월, 1991년 10월에서 11월 (the end takes the start's year), 2009년 12월부터
        # 2010년 1월 (its own), 12월부터 2월까지 (an end before the start is in the year after).
        if month is None or (year2 is None and month2 == month):
            raise NormaliseError("a range of months runs forward")
        if year2 is not None and (year is None or (year2, month2) <= (year, month)):
            raise NormaliseError("a range of months runs forward")
        if unresolved or year is None:
            return {"value": None, "granularity": "month"}, warnings
        end_year = year2 if year2 is not None else year + (1 if month2 < month else 0)
        return {"value": f"{year:04d}-{month:02d}/{end_year:04d}-{month2:02d}", "granularity": "month"}, warnings
    if year2 is not None:
        if year is None or year2 <= year:
            raise NormaliseError("not a range")
        return {"value": f"{year:04d}/{year2:04d}", "granularity": "year"}, warnings

    if (mpart := _last(groups, "mpart")) is not None and month is not None:
        first, last = tables["month_part"][mpart]
        if unresolved or year is None:
            return {"value": None, "granularity": "day"}, warnings
        last = min(last, calendar.monthrange(year, month)[1])
        return {"value": f"{_iso(year, month, first)}/{_iso(year, month, last)}", "granularity": "day"}, warnings

    granularity = "day" if day is not None else "month" if month is not None else "year"
    if unresolved:
        return {"value": None, "granularity": granularity}, warnings

    if day is not None and month is not None:
        if year is None:
            if not 1 <= day <= (29 if month == 2 else calendar.monthrange(2001, month)[1]):
                raise NormaliseError("no such day")
            if day2 is not None:
                if (month2 is None or month2 == month) and day2 <= day:
                    raise NormaliseError("a range of days runs forward")
                end_month = month2 or month
                return {"value": f"--{month:02d}-{day:02d}/--{end_month:02d}-{day2:02d}",
                        "granularity": "day"}, warnings
            return {"value": f"--{month:02d}-{day:02d}", "granularity": "day"}, warnings
        try:
            moment = dt.date(year, month, day)
        except ValueError:
            warnings.append(f"{ctx.rule_id}: {groups.match.group(0)!r} is not a real date; kept with value null")
            return {"value": None, "granularity": "day"}, warnings
        value = moment.isoformat()
        if day2 is not None:
            # A range of days: 6월 3일부터 14일까지, 12월 16∼22일, 6월 30일~7월 2일.
            end_year, end_month = year, month2 or month
            if month2 is None and day2 <= day:
                raise NormaliseError("a range of days runs forward")
            if month2 is not None and month2 < month:
                end_year += 1
            try:
                end = dt.date(end_year, end_month, day2)
            except ValueError as exc:
                raise NormaliseError("no such end day") from exc
            if end <= moment:
                raise NormaliseError("a range of days runs forward")
            return {"value": f"{value}/{end.isoformat()}", "granularity": "day"}, warnings
        if weekday is not None and not computed_day:
            expected = tables["weekday"][weekday]
            if moment.weekday() != expected:
                warnings.append(f"{ctx.rule_id}: {groups.match.group(0)!r} says {weekday}요일 but {value} "
                                f"is a {WEEKDAY_NAMES[moment.weekday()]}요일")
        if (hour := _last(groups, "hour")) is not None:
            minute = _last(groups, "minute") or "00"
            second = _last(groups, "second")
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
    "amount": frozenset({"number", "native", "high", "vague", "bracket", "unit", "counter", "sign", "scale", "approx",
                         "bound"}),
    "date": frozenset({"year", "yy", "year2", "month", "month2", "day", "day2", "weekday", "hour", "minute",
                       "second", "rel_year", "rel_year2", "rel_month", "rel_month2", "rel_week", "rel_day", "direction", "part", "mpart",
                       "mpart2",
                       "decade", "century", "holiday", "holiday2", "yearless", "event", "weekend", "offset", "offset_days", "span",
                       "toward"}),
    "ignore": frozenset(),
}
