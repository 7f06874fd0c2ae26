"""Korean numbers to exact values (price-parser style: examples, negatives, caught bugs)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extract.numbers import NumberError, parse_number


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
