"""Korean numbers to exact values: 3,659억 -> 365900000000, 이천칠백삼십오만 -> 27350000.

Digits (with commas, decimals, full-width forms), magnitude words (십 백 천,
and the groups 만 억 조 경) and Sino-Korean numerals in Hangul, mixed as news
writes them: 1조 2,000억, 1만8200, 3만2천, 2.5조, 1천억. Arithmetic is Decimal,
never float; a whole result is an int.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import regex

_FULLWIDTH = str.maketrans("０１２３４５６７８９，．", "0123456789,.")
_SMALL = {"십": 10, "백": 100, "천": 1000}
_BIG = {"만": 10**4, "억": 10**8, "조": 10**12, "경": 10**16}
_HANGUL_DIGIT = {"영": 0, "공": 0, "일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "륙": 6,
                 "칠": 7, "팔": 8, "구": 9}
_TOKEN = regex.compile(r"\d[\d,]*(?:\.\d+)?|[십백천만억조경영공일이삼사오육륙칠팔구]|\s+|.")


class NumberError(ValueError):
    """Text that is not a Korean number."""


def exact(value: Decimal) -> int | Decimal:
    """An int when the value is whole, else the Decimal without trailing zeros."""
    if value == value.to_integral_value():
        return int(value)
    return value.normalize()


def parse_number(text: str) -> int | Decimal:
    """The exact value of a Korean number, or NumberError."""
    total = Decimal(0)
    section = Decimal(0)  # the part below the current 만/억/조 group
    current: Decimal | None = None
    seen = False
    for token in _TOKEN.findall(text.translate(_FULLWIDTH)):
        if token.isspace():
            continue
        if token[0].isdigit():
            if current is not None:
                raise NumberError(f"two numbers without a magnitude between them: {text!r}")
            try:
                current = Decimal(token.replace(",", ""))
            except InvalidOperation as exc:
                raise NumberError(f"not a number: {text!r}") from exc
        elif token in _HANGUL_DIGIT:
            if current is not None:
                raise NumberError(f"two digits in a row: {text!r}")
            current = Decimal(_HANGUL_DIGIT[token])
        elif token in _SMALL:
            section += (Decimal(1) if current is None else current) * _SMALL[token]
            current = None
        elif token in _BIG:
            group = section + (current or 0)
            total += (group if group else Decimal(1)) * _BIG[token]
            section, current = Decimal(0), None
        else:
            raise NumberError(f"unexpected {token!r} in number {text!r}")
        seen = True
    if not seen:
        raise NumberError("empty number")
    return exact(total + section + (current or 0))
