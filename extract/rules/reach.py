"""How far from a digit a pattern can read: the runs of other characters in what a match attempt reads.

A pattern whose every match consumes a digit, and which never reads more than a few characters in a row that are
not digits, can only match near the digits of a text: `literals.reach(pattern)` gives that number of characters
(`Gap` summarises the strings a part of the pattern reads, built bottom-up by the pattern reader of
extract/rules/literals.py), and `windows(text, reach)` the stretches of a text where such a pattern is searched
(extract/rules/search.py says why the matches found there are exactly those of the whole text).

Reading is conservative: a character class that may hold a digit counts as a character that is not one, a lookahead
counts as reading what it may consume (or nothing), a zero-width test of the next character (`$`, `\\b`) as reading
it, and a lookbehind as reading nothing ahead (it reads backwards, and a search from a position still sees the text
before it). A construct the reader does not know gives no gap at all.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

INF = 1 << 30
_DIGIT = regex.compile(r"\d")
_DIGITS = regex.compile(r"\d+")


def _add(*values: int) -> int:
    return min(INF, sum(values))


def _most(*values: int | None) -> int | None:
    known = [v for v in values if v is not None]
    return max(known) if known else None


@dataclass(frozen=True, slots=True)
class Gap:
    """What a part reads, over every string it may read (lookaheads included): `free` the longest string without a
    digit (None: every string has one); for strings with a digit (None: there are none), `pre` the most characters
    before the first digit, `post` after the last, `mid` between two digits. And what it consumes: `digit`, every
    path consumes a digit; `opens`, every path consumes a digit or ends where the next character is one (after
    `(?=\\d)`); `empty`, some path consumes nothing; `zero`, every path does."""

    free: int | None
    pre: int | None
    post: int | None
    mid: int | None
    digit: bool = False
    opens: bool = False
    empty: bool = False
    zero: bool = False


EMPTY = Gap(0, None, None, None, empty=True, zero=True)
CHAR = Gap(1, None, None, None)  # one character that may be anything but a digit
DIGIT = Gap(None, 0, 0, 0, digit=True, opens=True)  # one digit
PEEK = Gap(1, None, None, None, empty=True, zero=True)  # a zero-width test of the next character: reads it, or not


def is_digit(char: str) -> bool:
    return _DIGIT.fullmatch(char) is not None


def sequence(one: Gap | None, other: Gap | None) -> Gap | None:
    if one is None or other is None:
        return None
    free = _add(one.free, other.free) if one.free is not None and other.free is not None else None
    pre = _most(one.pre, _add(one.free, other.pre) if one.free is not None and other.pre is not None else None)
    post = _most(other.post, _add(one.post, other.free) if one.post is not None and other.free is not None else None)
    mid = _most(one.mid, other.mid,
                _add(one.post, other.pre) if one.post is not None and other.pre is not None else None)
    # What follows a part that opens on a digit and consumes something starts with that digit.
    digit = one.digit or other.digit or (one.opens and not other.empty)
    opens = digit or one.opens or other.opens
    return Gap(free, pre, post, mid, digit, opens, one.empty and other.empty, one.zero and other.zero)


def choice(gaps: list[Gap | None]) -> Gap | None:
    if any(g is None for g in gaps):
        return None
    known = [g for g in gaps if g is not None]
    return Gap(_most(*(g.free for g in known)), _most(*(g.pre for g in known)), _most(*(g.post for g in known)),
               _most(*(g.mid for g in known)), all(g.digit for g in known), all(g.opens for g in known),
               any(g.empty for g in known), all(g.zero for g in known))


_UNROLLED = 8  # a bounded repeat of at most this many is read copy by copy


def repeat(gap: Gap | None, low: int, high: int | None) -> Gap | None:
    if gap is None:
        return None
    if high == 0:
        return EMPTY
    if high is None or high > _UNROLLED:
        if gap.free is not None and gap.free > 0:
            return None  # runs of non-digits without end
        free = 0 if low == 0 or gap.free is not None else None
        mid = _most(gap.mid, _add(gap.post, gap.pre)) if gap.pre is not None and gap.post is not None else None
        return Gap(free, gap.pre, gap.post, mid, low >= 1 and gap.digit, low >= 1 and gap.opens,
                   low == 0 or gap.empty, gap.zero)
    found: Gap | None = None
    copies: Gap | None = EMPTY
    for count in range(high + 1):
        if count >= low:
            found = copies if found is None else choice([found, copies])
        copies = sequence(copies, gap)
    return found


def lookahead(gap: Gap | None, *, positive: bool) -> Gap | None:
    """A lookahead reads what its pattern may consume, or less, and consumes nothing; `(?=\\d)` and the like (every
    string of the pattern starts with a digit) tell that the next character is a digit."""
    if gap is None:
        return None
    reads = choice([EMPTY, Gap(gap.free, gap.pre, gap.post, gap.mid)])
    assert reads is not None
    opens = positive and gap.free is None and gap.pre == 0 and not gap.empty
    return Gap(reads.free, reads.pre, reads.post, reads.mid, False, opens, True, True)


def distance(gap: Gap | None) -> int | None:
    """The most characters other than digits in a row that an attempt of the pattern reads, plus the one it may
    read and fail on; None when the pattern need not consume a digit or when that is not known."""
    if gap is None or not gap.digit:
        return None
    # A string the reader takes for one without a digit may still be read by a match (a character after `(?=\\d)`).
    longest = max(gap.free or 0, gap.pre or 0, gap.post or 0, gap.mid or 0) + 1
    return longest


def digit_runs(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every run of digits in `text`."""
    return [run.span() for run in _DIGITS.finditer(text)]


def windows(runs: list[tuple[int, int]], size: int, reach: int) -> list[tuple[int, int]]:
    """The stretches (start, end) of a text of `size` characters with these runs of digits that hold every match of a
    pattern of this reach: around each group of runs less than 2 × reach characters apart, `reach` characters on
    each side. Disjoint and in order: a match attempt that starts between two of them reads more than `reach`
    characters without a digit before it could consume one, and one that starts inside reads nothing outside."""
    found: list[list[int]] = []
    for start, end in runs:
        if found and start - found[-1][1] <= 2 * reach:
            found[-1][1] = end
        else:
            found.append([start, end])
    return [(max(0, start - reach), min(size, end + reach)) for start, end in found]
