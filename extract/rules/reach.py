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
from typing import NamedTuple

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
    """What a part reads, over every string it may read (lookaheads included). Strings without a digit: `free` the
    longest (None: there are none), `held` the longest of those after which the next character is a digit (after
    `(?=\\d)`: what is read next starts with it). Strings with a digit (None: there are none): `pre` the most
    characters before the first digit, `post` after the last, `mid` between two digits. And what it consumes:
    `digit`, every path consumes a digit; `opens`, every path consumes a digit or ends where the next character is
    one; `empty`, some path consumes nothing; `zero`, every path does."""

    free: int | None
    pre: int | None
    post: int | None
    mid: int | None
    digit: bool = False
    opens: bool = False
    empty: bool = False
    zero: bool = False
    held: int | None = None


EMPTY = Gap(0, None, None, None, empty=True, zero=True)
CHAR = Gap(1, None, None, None)  # one character that may be anything but a digit
DIGIT = Gap(None, 0, 0, 0, digit=True, opens=True)  # one digit
PEEK = Gap(1, None, None, None, empty=True, zero=True)  # a zero-width test of the next character: reads it, or not


def is_digit(char: str) -> bool:
    return _DIGIT.fullmatch(char) is not None


def _plus(one: int | None, other: int | None) -> int | None:
    return _add(one, other) if one is not None and other is not None else None


def _less(value: int | None) -> int | None:
    return None if value is None else max(0, value - 1)


def sequence(one: Gap | None, other: Gap | None) -> Gap | None:
    if one is None or other is None:
        return None
    # After a string of `one` held before a digit, what `other` reads starts with that digit: its first character
    # is one, whatever the reader took it for.
    after_held = one.held is not None and (other.free is not None or other.held is not None or other.pre is not None)
    held_pre = one.held if after_held else None
    held_post = _most(other.post, _less(other.free), _less(other.held)) if after_held else None
    held_mid = _most(other.mid, _less(other.pre)) if after_held else None
    free = _plus(one.free, other.free)
    held = _most(_plus(one.free, other.held), one.held if other.empty else None)
    pre = _most(one.pre, _plus(one.free, other.pre), held_pre)
    post = _most(other.post, _plus(one.post, other.free), _plus(one.post, other.held), held_post)
    mid = _most(one.mid, other.mid, _plus(one.post, other.pre), held_mid)
    # What follows a part that opens on a digit and consumes something starts with that digit.
    digit = one.digit or other.digit or (one.opens and not other.empty)
    opens = digit or one.opens or other.opens
    return Gap(free, pre, post, mid, digit, opens, one.empty and other.empty, one.zero and other.zero, held)


def choice(gaps: list[Gap | None]) -> Gap | None:
    if any(g is None for g in gaps):
        return None
    known = [g for g in gaps if g is not None]
    return Gap(_most(*(g.free for g in known)), _most(*(g.pre for g in known)), _most(*(g.post for g in known)),
               _most(*(g.mid for g in known)), all(g.digit for g in known), all(g.opens for g in known),
               any(g.empty for g in known), all(g.zero for g in known), _most(*(g.held for g in known)))


_UNROLLED = 8  # a bounded repeat of at most this many is read copy by copy
_ROUNDS = 16  # an unbounded one until what it reads stops growing


def repeat(gap: Gap | None, low: int, high: int | None) -> Gap | None:
    if gap is None:
        return None
    if high == 0:
        return EMPTY
    if high is not None and high <= _UNROLLED:
        found: Gap | None = None
        copies: Gap | None = EMPTY
        for count in range(high + 1):
            if count >= low:
                found = copies if found is None else choice([found, copies])
            copies = sequence(copies, gap)
        return found
    if low > _UNROLLED:
        return None
    grown: Gap | None = EMPTY
    for _ in range(low):
        grown = sequence(grown, gap)
    # At least `low` copies, then any number more: grow until nothing changes.
    for _ in range(_ROUNDS):
        more = choice([grown, sequence(grown, gap)])
        if more == grown:
            return grown
        grown = more
    return None  # runs of non-digits without end


def referred(gap: Gap | None) -> Gap | None:
    """A back reference: it consumes one of the strings its group consumed, and reads nothing past it (a lookahead at
    the group's end told the character after the group, not after the reference)."""
    if gap is None:
        return None
    return Gap(_most(gap.free, gap.held), gap.pre, gap.post, gap.mid, gap.digit, gap.digit, gap.empty, gap.zero)


def lookahead(gap: Gap | None, *, positive: bool) -> Gap | None:
    """A lookahead reads what its pattern may consume, or less, and consumes nothing; `(?=\\d)` and the like (every
    string of the pattern starts with a digit) tell that the next character is a digit."""
    if gap is None:
        return None
    free = _most(gap.free, gap.held)
    opens = positive and free is None and gap.pre == 0 and not gap.empty
    if opens:  # nothing read yet, and the next character is a digit
        return Gap(None, gap.pre, gap.post, gap.mid, False, True, True, True, 0)
    return Gap(_most(0, free), gap.pre, gap.post, gap.mid, False, False, True, True)


class Reach(NamedTuple):
    """How far from its digits a pattern reads: `before`, the most characters a match reads before its first digit;
    `after`, the most characters other than digits in a row that an attempt to match reads, plus the one it may read
    and fail on."""

    before: int
    after: int


def distance(gap: Gap | None) -> Reach | None:
    """The reach of a pattern of this gap; None when the pattern need not consume a digit or when that is not
    known."""
    if gap is None or not gap.digit:
        return None
    # A string the reader takes for one without a digit may still be read by a match (a character after `(?=\\d)`).
    before = max(gap.free or 0, gap.held or 0, gap.pre or 0)
    return Reach(before, max(before, gap.post or 0, gap.mid or 0) + 1)


def digit_runs(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every run of digits in `text`."""
    return [run.span() for run in _DIGITS.finditer(text)]


def windows(runs: list[tuple[int, int]], size: int, reach: Reach) -> list[tuple[int, int]]:
    """The stretches (start, end) of a text of `size` characters with these runs of digits that hold every match of a
    pattern of this reach: around each group of runs at most `before + after` characters apart, from `before`
    characters before its first digit to `after` characters after its last. Disjoint and in order: a match that
    starts before a window would read more than `before` characters before its first digit, and an attempt that
    starts inside one reads nothing past its end (past the last digit it reads at most `after` characters; one that
    starts after the last digit finds no digit within `before` characters, in the text as in the window)."""
    found: list[list[int]] = []
    for start, end in runs:
        if found and start - found[-1][1] <= reach.before + reach.after:
            found[-1][1] = end
        else:
            found.append([start, end])
    return [(max(0, start - reach.before), min(size, end + reach.after)) for start, end in found]
