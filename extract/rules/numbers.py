"""Korean numbers to exact values: 3,659억 -> 365900000000, 이천칠백삼십오만 -> 27350000.

Digits (with commas, decimals, full-width forms), magnitude words (십 백 천,
and the groups 만 억 조 경) and Sino-Korean numerals in Hangul, mixed as news
writes them: 1조 2,000억, 1만8200, 3만2천, 2.5조, 1천억; native numerals before
counters (한, 두, 열두, 스무, and the ranges 두세, 서너, 대여섯); ranges whose low end borrows the magnitude (3천~5천억). Arithmetic is Decimal,
never float; a whole result is an int.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation, localcontext

import regex

_FULLWIDTH = str.maketrans("０１２３４５６７８９，．", "0123456789,.")
# Digit groups separated by a space, as some pages write thousands: 3 659억.
_SPACED = regex.compile(r"(?<![\d,.])\d{1,3}(?:[ \u00a0\u202f]\d{3}(?!\d))+")
_SMALL = {"십": 10, "백": 100, "천": 1000}
_BIG = {"만": 10**4, "억": 10**8, "조": 10**12, "경": 10**16}
_HANGUL_DIGIT = {"영": 0, "공": 0, "일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "륙": 6,
                 "칠": 7, "팔": 8, "구": 9}
_SPACE = regex.compile(r"\s")
_ONE_DIGIT = regex.compile(r"[0-9]")
_ONE_DIGIT_ANY_WIDTH = regex.compile(r"[0-9０-９]")
_WHOLE = regex.compile(r"[1-9][0-9]+")
_MAGNITUDE = regex.compile(r"[십백천만억조경]")
_GROUP = regex.compile(r"[만억조경]")
_TOKEN = regex.compile(r"\d[\d,]*(?:\.\d+)?|[십백천만억조경영공일이삼사오육륙칠팔구]|\s+|.")


_NATIVE_TENS = {"열": 10, "스물": 20, "스무": 20, "서른": 30, "마흔": 40, "쉰": 50, "예순": 60, "일흔": 70,
                "여든": 80, "아흔": 90}
_NATIVE_ONES = {"한": 1, "하나": 1, "두": 2, "둘": 2, "세": 3, "셋": 3, "석": 3, "서": 3, "네": 4, "넷": 4, "넉": 4,
                "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9}
_NATIVE = regex.compile(r"^(?P<tens>열|스물|스무|서른|마흔|쉰|예순|일흔|여든|아흔)?\s?"
                        r"(?P<ones>한|하나|두|둘|세|셋|석|서|네|넷|넉|다섯|여섯|일곱|여덟|아홉)?$")


# Native numerals for a range (두세 명: two or three): the low and the high end.
_NATIVE_RANGES = {"한두": (1, 2), "두세": (2, 3), "두서너": (2, 4), "서너": (3, 4), "너덧": (4, 5), "네댓": (4, 5),
                  "너댓": (4, 5), "네다섯": (4, 5), "대여섯": (5, 6), "예닐곱": (6, 7), "일고여덟": (7, 8)}


class NumberError(ValueError):
    """Text that is not a Korean number."""


def precision(text: str) -> int:
    """A Decimal precision wide enough for every digit of `text` times the largest magnitude (경 = 10**16)."""
    return max(28, 2 * len(text) + 40)


_INT64 = 2**63


def exact(value: Decimal) -> int | Decimal:
    """An int when the value is whole and fits in 64 bits, else the Decimal: without trailing
    zeros when it has a fraction, with every digit of a whole number that JSON writers cannot take
    as an integer (12345678901234567890123456789). Never rounded."""
    if value == value.to_integral_value():
        if -_INT64 <= value < _INT64:
            return int(value)
        with localcontext() as ctx:
            ctx.prec = max(ctx.prec, value.adjusted() + 2)
            return value.quantize(Decimal(1))
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, len(value.as_tuple().digits) + 2)
        return value.normalize()


def bracket(value: int | Decimal) -> tuple[int | Decimal, int | Decimal]:
    """The bracket `N대` names, low <= amount < high: N and N plus the place of N's last non-zero digit
    (3억원대: 3억 to 4억; 350억원대: 350억 to 360억; 1.5%대: 1.5 to 1.6; 0%대: 0 to 1). Below zero the
    bracket runs down from N (-3%대: -4 to -3)."""
    number = Decimal(value)
    with localcontext() as ctx:
        ctx.prec = precision(str(number))
        step = Decimal(1) if number == 0 else Decimal((0, (1,), number.normalize().as_tuple().exponent))
        if number < 0:
            return exact(number - step), exact(number)
        return exact(number), exact(number + step)


def parse_number(text: str) -> int | Decimal:
    """The exact value of a Korean number, or NumberError.

    The arithmetic runs in a Decimal context as wide as the text needs, so no
    digit string is ever rounded (Decimal's default context keeps 28 digits).
    """
    with localcontext() as ctx:
        ctx.prec = precision(text)
        return _parse_number(_SPACED.sub(lambda m: _SPACE.sub("", m.group(0)), text))


def _parse_number(text: str) -> int | Decimal:
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


def parse_native(text: str) -> int:
    """Native Korean numerals before a counter: 한 1, 두 2, 열두 12, 스무 20, 서른다섯 35."""
    match = _NATIVE.match(text.strip())
    if not match or not (match.group("tens") or match.group("ones")):
        raise NumberError(f"not a native Korean numeral: {text!r}")
    return _NATIVE_TENS.get(match.group("tens") or "", 0) + _NATIVE_ONES.get(match.group("ones") or "", 0)


def parse_native_range(text: str) -> tuple[int, int] | None:
    """A native range word before a counter: 두세 (2, 3), 서너 (3, 4), 대여섯 (5, 6); None for any other text."""
    return _NATIVE_RANGES.get(_SPACE.sub("", text))


_TAIL = regex.compile(r"(?P<small>[십백천]?)(?P<big>[만억조경]*)$")


def parse_range(low: str, high: str) -> tuple[int | Decimal, int | Decimal]:
    """Both ends of a range; the low end borrows the magnitude it lacks from the high end.

    A single digit borrows the whole magnitude (5~6천억 -> 5천억, 1~2천 명 -> 1천); a low
    end with its own 천/백/십, or of two digits or more, borrows only 만/억/조 (3천~5천억 ->
    3천억, 15~20만 -> 15만, 1,500~3천억 -> 1,500억). A single-digit high end below a whole low
    end of two digits or more is abbreviated: it replaces the low end's last digit (96~7% -> 96 to 97).
    """
    high_value = parse_number(high)
    low = low.strip()
    if _ONE_DIGIT.fullmatch(high.strip()) and _WHOLE.fullmatch(low) \
            and int(low[-1]) < high_value:
        return int(low), int(low[:-1] + high.strip())
    tail = _TAIL.search(high.strip())
    if tail and not _MAGNITUDE.search(low):
        single = _ONE_DIGIT_ANY_WIDTH.fullmatch(low) is not None
        low += (tail.group("small") if single else "") + tail.group("big")
    elif tail and not _GROUP.search(low):
        low += tail.group("big")
    return parse_number(low), high_value


_VAGUE = regex.compile(r"^(?:몇|수)?\s?(?P<small>[십백천]?)\s?(?P<big>[만억조경]?)$")


def parse_vague(text: str) -> tuple[int, int]:
    """The bounds a vague number implies: 수십억 -> (10억, 100억), 몇 억 / 억 -> (1억, 10억), 수백 -> (100, 1000).

    The low bound is the smallest value the words allow and the high bound the next power of ten
    (excluded): 수십 is at least ten and less than a hundred.
    """
    match = _VAGUE.match(text.strip())
    if not match or not (match.group("small") or match.group("big")):
        raise NumberError(f"not a vague number: {text!r}")
    low = (_SMALL.get(match.group("small"), 1)) * _BIG.get(match.group("big"), 1)
    return low, low * 10
