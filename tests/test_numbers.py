"""Korean numbers to exact values (price-parser style: examples, negatives, caught bugs)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extract.rules.numbers import NumberError, parse_number, parse_range, parse_vague


@pytest.mark.parametrize(("text", "value"), [
    ("3,659억", 365_900_000_000),
    ("1조 2,000억", 1_200_000_000_000),
    ("1만8200", 18_200),
    ("3만2천", 32_000),
    ("2.5조", 2_500_000_000_000),
    ("1천억", 100_000_000_000),
    ("500조", 500_000_000_000_000),
    ("1,261", 1_261),
    ("50만7431", 507_431),
    ("이천칠백삼십오만", 27_350_000),
    ("삼십", 30),
    ("십", 10),
    ("１００억", 10_000_000_000),
    ("3.93", Decimal("3.93")),
    ("0.25", Decimal("0.25")),
    ("1억 5천만", 150_000_000),
    ("만", 10_000),
])
def test_values(text: str, value: int | Decimal) -> None:
    result = parse_number(text)
    assert result == value
    assert type(result) is type(value)  # whole numbers are ints, never floats


@pytest.mark.parametrize("text", ["", "abc", "3 4", "오오"])
def test_not_numbers(text: str) -> None:
    with pytest.raises(NumberError):
        parse_number(text)


def test_no_float_rounding() -> None:
    # 0.1 + 0.2 style errors would show here; Decimal keeps every digit.
    assert parse_number("1.1조") == 1_100_000_000_000
    assert parse_number("0.3억") == 30_000_000


@pytest.mark.parametrize(("low", "high", "expected"), [
    ("5", "6천억", (500_000_000_000, 600_000_000_000)),   # a single digit borrows the whole magnitude
    ("2", "3천만", (20_000_000, 30_000_000)),
    ("1", "2천", (1_000, 2_000)),
    ("3천", "5천억", (300_000_000_000, 500_000_000_000)),  # its own 천 borrows only 억
    ("15", "20만", (150_000, 200_000)),
    ("1,500", "3천억", (150_000_000_000, 300_000_000_000)),
    ("10", "20", (10, 20)),
    ("96", "7", (96, 97)),  # an abbreviated high end replaces the low end's last digit
    ("15", "6", (15, 16)),
    ("96", "3", (96, 3)),  # not abbreviated (it would not be above the low end): the caller rejects it
])
def test_range_low_end_borrows_the_magnitude(low: str, high: str, expected: tuple[int, int]) -> None:
    assert parse_range(low, high) == expected


@pytest.mark.parametrize(("text", "bounds"), [
    ("수십억", (1_000_000_000, 10_000_000_000)),
    ("수백억", (10_000_000_000, 100_000_000_000)),
    ("수조", (1_000_000_000_000, 10_000_000_000_000)),
    ("몇 억", (100_000_000, 1_000_000_000)),
    ("수천 억", (100_000_000_000, 1_000_000_000_000)),
    ("억", (100_000_000, 1_000_000_000)),
    ("수백", (100, 1000)),
])
def test_vague_bounds(text: str, bounds: tuple[int, int]) -> None:
    assert parse_vague(text) == bounds


def test_spaced_thousands_and_fullwidth_commas() -> None:
    assert parse_number("3 659억") == 365_900_000_000
    assert parse_number("１，０００") == 1000
    assert parse_number("12 345") == 12_345


def test_no_rounding_of_long_digit_strings() -> None:
    digits = "1234567890" * 5
    assert parse_number(digits) == int(digits)
    assert parse_number(digits + "조") == int(digits) * 10**12
    assert parse_number(digits + ".125") == Decimal(digits + ".125")
    # Beyond 64 bits a whole number is a Decimal written with all its digits (JSON writers take no
    # larger integers), even past Python's 4300-digit int-to-string limit.
    huge = parse_number("7" * 5000)
    assert isinstance(huge, Decimal) and format(huge, "f") == "7" * 5000
    assert isinstance(parse_number("9223372036854775807"), int)
    assert isinstance(parse_number("9223372036854775808"), Decimal)


def test_a_huge_amount_is_written_with_every_digit(tmp_path) -> None:
    from extract import extract_text
    from extract.write import dumps

    article = extract_text("매출 12345678901234567890123456789원을 기록했다.", published_at="2024-05-29",
                           clean=False)
    assert b'"value": 12345678901234567890123456789,' in dumps(article)
