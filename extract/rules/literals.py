"""Literals a rule's every match must contain, read from its pattern: a text holding none of them is not searched.

`required(pattern)` reads the pattern's syntax (literal characters, escapes, small character classes, groups,
alternatives, quantifiers) and returns a few strings such that every match of the pattern contains at least one
of them, or None when it cannot tell (a construct it does not read, a flag that changes what a literal matches,
or a pattern whose matches need no particular text). Reading is conservative: a part it does not know counts as
"anything", which can only make the set larger or None, never wrong. Lookarounds count as matching the empty
string (they consume nothing); what a match consumes is all that is required.

`first_characters(pattern)` reads, in the same pass, what the first character of every match can be: a lookahead
put before the pattern that lets the matcher pass over a position at the cost of one character test.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import regex

from extract.rules import reach as gaps
from extract.rules.reach import Gap, Reach

MAX_STRINGS = 24  # the most strings a product of alternatives is read into (products grow fast)
MAX_REQUIRED = 64  # the most literals a pattern gets (a list of units or counters: each is one look-up)
_RANGE_MAX = 32  # a class range of more characters than this is read as "any character"
_UNREAD_FLAGS = regex.IGNORECASE | regex.VERBOSE | regex.FULLCASE
_QUANTIFIER = re.compile(r"\{(\d*)(?:(,)(\d*))?\}")
_ESCAPED = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "e": "\x1b"}
_HEX = {"x": 2, "u": 4, "U": 8}
_ANY_ESCAPES = set("dDsSwWbBAZz")
_ZERO_WIDTH_ESCAPES = set("bBAZz")


class _Unread(Exception):
    """A construct this reader does not handle: the pattern gets no literals."""


@dataclass(frozen=True)
class _Part:
    exact: frozenset[str] | None  # every string this part can consume is one of these (None: unknown)
    required: frozenset[str] | None  # every string it consumes contains one of these (None: nothing known)
    # Patterns of one character each (None: unknown), one of which matches the first character this part consumes;
    # when `closes`, they match the character at the part's start whenever anything from there on is consumed
    # (a lookahead tells it without consuming it).
    first: frozenset[str] | None = None
    closes: bool = False
    nullable: bool = True  # it may consume nothing
    # Whether the first character can come from one of several alternatives, one of which does not begin with a
    # literal character (a class, an escape, nothing): a matcher tries them one by one at every position.
    choice: bool = False
    gap: Gap | None = None  # how far from a digit it reads (extract/rules/reach.py; None: not known)


_ANY = _Part(None, None)
_EMPTY = _Part(frozenset({""}), None, frozenset(), gap=gaps.EMPTY)


def _peek(ahead: int) -> _Part:
    """A zero-width test that reads up to `ahead` characters after its position."""
    return _Part(frozenset({""}), None, frozenset(), gap=gaps.repeat(gaps.PEEK, 0, ahead))


def _literal(char: str) -> _Part:
    return _Part(frozenset({char}), None, frozenset({regex.escape(char)}), True, False,
                 gap=gaps.DIGIT if gaps.is_digit(char) else gaps.CHAR)


def _one(source: str, *, digit: bool = False) -> _Part:
    """A part that consumes one character, of unknown strings (`digit`: always a digit)."""
    return _Part(None, None, frozenset({source}), True, False, gap=gaps.DIGIT if digit else gaps.CHAR)


class Findings(NamedTuple):
    """What the reader finds in a pattern's source (see the functions below)."""

    required: frozenset[str] | None
    guard: str | None
    reach: Reach | None


def findings(source: str) -> Findings:
    """The reader's findings for a pattern's source: from the file of the shipped patterns' findings
    (extract/rules/analysis.py) when it holds them, else read now."""
    from extract.rules import analysis  # it reads this module's findings

    known = analysis.stored(source)
    return known if known is not None else read(source)


@lru_cache(maxsize=1024)
def read(source: str) -> Findings:
    """The findings for a pattern's source, read from its syntax."""
    part = _read(source)
    if part is None:
        return Findings(None, None, None)
    return Findings(_usable(part), _guard(part), gaps.distance(part.gap))


_NOTHING = Findings(None, None, None)


def _found(pattern: regex.Pattern[str]) -> Findings:
    return _NOTHING if pattern.flags & _UNREAD_FLAGS else findings(pattern.pattern)


def required(pattern: regex.Pattern[str]) -> frozenset[str] | None:
    """Strings one of which every match of `pattern` contains (None: no such set is known). Remembered per
    pattern object: the rule stage asks once per rule and text."""
    known = _by_pattern.get(id(pattern))
    if known is not None and known[0] is pattern:
        return known[1]
    found = _found(pattern).required
    if len(_by_pattern) >= _PATTERNS_KEPT:
        _by_pattern.clear()
    _by_pattern[id(pattern)] = (pattern, found)
    return found


_PATTERNS_KEPT = 4096
_by_pattern: dict[int, tuple[regex.Pattern[str], frozenset[str] | None]] = {}


def _read(source: str) -> _Part | None:
    try:
        reader = _Reader(source)
        part = reader.alternation()
        if reader.at < len(source):
            raise _Unread(f"unexpected {source[reader.at]!r} at {reader.at}")
    except _Unread:
        return None
    return part


def reach(pattern: regex.Pattern[str]) -> Reach | None:
    """When every match of `pattern` consumes a digit: how far from its digits an attempt to match reads
    (extract/rules/reach.py); None when that is not known."""
    return _found(pattern).reach


def first_characters(pattern: regex.Pattern[str]) -> str | None:
    """A lookahead for one character, `(?=[…])`, that holds at the start of every match of `pattern`, made of the
    pattern's own one-character parts (literals, classes, escapes) its first consumed character can come from;
    None when that is not known, when it does not come from a choice of alternatives one of which begins with
    something else than a literal character (the matcher finds a literal or a single class itself), or when the
    pattern can match the empty string (which consumes no character)."""
    return _found(pattern).guard


def guard_of(source: str, flags: int = 0) -> str | None:
    """`first_characters` of the pattern of this source (not compiled)."""
    return None if flags & _UNREAD_FLAGS else findings(source).guard


def _guard(part: _Part) -> str | None:
    if part.first is None or part.nullable or not part.choice:
        return None
    merged: list[str] = []  # what goes into one class
    other: list[str] = []  # what cannot: a negated class, `.`, a class whose first or last character is read alone
    for source in sorted(part.first):
        if source.startswith("[") and not source.startswith("[^"):
            inner = source[1:-1]
            if inner.startswith(("-", "]")) or inner.endswith("-"):
                other.append(source)
            else:
                merged.append(inner)
        elif source.startswith("\\") and source[1:2] in "dswpP":
            merged.append(source)  # \d, \s, \w, \p{…}: the same inside a class
        elif (len(source) == 1 and source != ".") or (source[:1] == "\\" and len(source) == 2
                                                      and not source[1].isalnum()):
            char = source[-1]  # a literal character, escaped or not
            merged.append(char if char.isalnum() else f"\\U{ord(char):08x}")
        else:
            other.append(source)
    if merged:
        other.insert(0, "[" + "".join(merged) + "]")
    return "(?=" + "|".join(other) + ")"


def _usable(part: _Part) -> frozenset[str] | None:
    found = part.required
    if found is None and part.exact is not None and "" not in part.exact:
        found = part.exact
    if found is None or "" in found or len(found) > MAX_REQUIRED:
        return None
    return found


def _better(one: frozenset[str] | None, other: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two requirements: longer shortest string, then fewer strings."""
    if one is None:
        return other
    if other is None:
        return one
    return max(one, other, key=lambda found: (min(map(len, found)), -len(found)))


def _product(parts: list[frozenset[str]]) -> frozenset[str] | None:
    found: set[str] = {""}
    for strings in parts:
        found = {a + b for a in found for b in strings}
        if len(found) > MAX_STRINGS:
            return None
    return frozenset(found)


def _sequence(parts: list[_Part]) -> _Part:
    if not parts:
        return _EMPTY
    best: frozenset[str] | None = None
    for part in parts:
        best = _better(best, _usable(part))
    run: list[frozenset[str]] = []
    for part in [*parts, _ANY]:
        if part.exact is not None:
            run.append(part.exact)
            continue
        if len(run) > 1:
            best = _better(best, _usable(_Part(_product(run), None)))
        run = []
    exact = _product([p.exact for p in parts]) if all(p.exact is not None for p in parts) else None  # type: ignore[misc]
    first: set[str] | None = set()
    choice = False
    for part in parts:  # the first character is told by the first part that closes
        if part.first is None:
            first = None
            break
        first |= part.first
        choice = choice or part.choice
        if part.closes:
            break
    gap: Gap | None = gaps.EMPTY
    for part in parts:
        gap = gaps.sequence(gap, part.gap)
    return _Part(exact, best, None if first is None else frozenset(first), any(p.closes for p in parts),
                 all(p.nullable for p in parts), choice, gap)


def _alternatives(parts: list[_Part]) -> _Part:
    if len(parts) == 1:
        return parts[0]
    exact = None
    if all(p.exact is not None for p in parts):
        union = frozenset(itertools.chain.from_iterable(p.exact for p in parts))  # type: ignore[arg-type]
        exact = union if len(union) <= MAX_STRINGS else None
    each = [_usable(p) for p in parts]
    found = None
    if all(e is not None for e in each):
        union = frozenset(itertools.chain.from_iterable(each))  # type: ignore[arg-type]
        found = union if len(union) <= MAX_REQUIRED else None
    first = None
    if all(p.first is not None for p in parts):
        first = frozenset(itertools.chain.from_iterable(p.first for p in parts))  # type: ignore[arg-type]
    choice = any(p.choice for p in parts) or any(
        not p.first or not all(len(source) == 1 or (source[0] == "\\" and not source[1].isalnum())
                               for source in p.first) for p in parts)
    return _Part(exact, found, first, all(p.closes for p in parts), any(p.nullable for p in parts), choice,
                 gaps.choice([p.gap for p in parts]))


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source
        self.at = 0
        self.named: dict[str, _Part] = {}  # the groups read so far, by name (a back reference reads as its group)

    def _peek(self, count: int = 1) -> str:
        return self.source[self.at:self.at + count]

    def alternation(self) -> _Part:
        branches = [self.sequence()]
        while self._peek() == "|":
            self.at += 1
            branches.append(self.sequence())
        return _alternatives(branches)

    def sequence(self) -> _Part:
        parts: list[_Part] = []
        while self.at < len(self.source) and self._peek() not in "|)":
            parts.append(self.quantified(self.atom()))
        return _sequence(parts)

    def quantified(self, part: _Part) -> _Part:
        low: int
        high: int | None
        char = self._peek()
        if char == "?":
            low, high = 0, 1
            self.at += 1
        elif char == "*":
            low, high = 0, None
            self.at += 1
        elif char == "+":
            low, high = 1, None
            self.at += 1
        elif char == "{":
            match = _QUANTIFIER.match(self.source, self.at)
            if match is None:
                raise _Unread("a brace that is no counted repeat")
            low = int(match.group(1) or 0)
            high = None if match.group(2) and not match.group(3) else int(match.group(3) or match.group(1) or 0)
            self.at = match.end()
        else:
            return part
        if self._peek() in ("?", "+"):
            self.at += 1  # lazy or possessive: the same strings
        if self._peek() in ("?", "*", "+", "{"):
            raise _Unread("a repeat of a repeat")
        gap = gaps.repeat(part.gap, low, high)
        if low == 0:
            exact = part.exact | {""} if part.exact is not None and high == 1 else None
            return _Part(exact, None, part.first, choice=part.choice, gap=gap)
        if low == 1 and high == 1:
            return part
        return _Part(None, _usable(part), part.first, part.closes, part.nullable, part.choice, gap)

    def atom(self) -> _Part:
        char = self._peek()
        if char == "(":
            return self.group()
        if char == "[":
            return self.character_class()
        if char == "\\":
            return self.escape(in_class=False)
        self.at += 1
        if char == "^":
            return _EMPTY
        if char == "$":
            return _peek(2)  # the end, or a final line break before it
        if char == ".":
            return _one(".")
        if char in "*+?{":
            raise _Unread("a repeat with nothing to repeat")
        return _literal(char)

    def group(self) -> _Part:
        self.at += 1
        zero_width = ahead = forward = False
        name: str | None = None
        if self._peek() == "?":
            head = self.source[self.at:self.at + 3]
            if head == "?P=":
                return self.back_reference()
            if head.startswith(("?:", "?>", "?|")):
                self.at += 2
            elif head.startswith(("?=", "?!")):
                ahead = head.startswith("?=")
                self.at += 2
                zero_width = forward = True
            elif head in ("?<=", "?<!"):
                self.at += 3
                zero_width = True
            elif head.startswith(("?P<", "?<")):
                close = self.source.find(">", self.at)
                name = self.source[self.at + (3 if head.startswith("?P<") else 2):close]
                if close < 0 or not name.isidentifier():
                    raise _Unread("a group name")
                self.at = close + 1
            elif head.startswith("?#"):
                close = self.source.find(")", self.at)
                if close < 0:
                    raise _Unread("an open comment")
                self.at = close + 1
                return _EMPTY
            else:
                raise _Unread(f"the group {head!r}")  # flags, conditions, recursion, back references
        inner = self.alternation()
        if self._peek() != ")":
            raise _Unread("an open group")
        self.at += 1
        if name is not None:
            # A name used twice (in alternatives) may capture either group's text: a reference to it is not read.
            self.named[name] = inner if name not in self.named else _ANY
        read = gaps.lookahead(inner.gap, positive=ahead) if forward else gaps.EMPTY  # a lookbehind reads backwards only
        if ahead and not inner.nullable:
            return _Part(frozenset({""}), None, inner.first, True, choice=inner.choice, gap=read)  # (?=\d): a digit next
        return _Part(frozenset({""}), None, frozenset(), gap=read) if zero_width else inner

    def back_reference(self) -> _Part:
        """`(?P=name)`: one of the strings its group consumed (when the group took no part, the match fails), so it
        reads as its group, with no first character known."""
        close = self.source.find(")", self.at)
        name = self.source[self.at + 3:close]
        if close < 0 or name not in self.named:
            raise _Unread("a reference to a group not read before it")
        self.at = close + 1
        group = self.named[name]
        return _Part(group.exact, group.required, None, nullable=group.nullable, gap=gaps.referred(group.gap))

    def escape(self, *, in_class: bool) -> _Part:
        begin = self.at
        self.at += 1
        char = self._peek()
        if not char:
            raise _Unread("a trailing backslash")
        self.at += 1
        if char in _ANY_ESCAPES:
            if char in _ZERO_WIDTH_ESCAPES:
                return _Part(None, None, frozenset(), gap=gaps.EMPTY if char == "A" else gaps.PEEK)
            return _one(self.source[begin:self.at], digit=char == "d")
        if char in _ESCAPED:
            return _literal(_ESCAPED[char])
        if char in _HEX:
            digits = self.source[self.at:self.at + _HEX[char]]
            if len(digits) != _HEX[char] or any(d not in "0123456789abcdefABCDEF" for d in digits):
                raise _Unread("a short hexadecimal escape")
            self.at += _HEX[char]
            return _literal(chr(int(digits, 16)))
        if char.isdigit():
            if in_class:
                raise _Unread("an octal escape")
            while self._peek().isdigit():
                self.at += 1
            return _ANY  # a back reference
        if char in "pP":  # a character of a Unicode property (\p{Han}, \pL): one of many
            if self._peek() == "{":
                close = self.source.find("}", self.at)
                if close < 0:
                    raise _Unread("an open property")
                self.at = close + 1
            elif self._peek():
                self.at += 1
            return _one(self.source[begin:self.at])
        if char.isalnum() or char == "_":
            raise _Unread(f"the escape \\{char}")  # \N, \L, \G, \K, \X, …
        return _literal(char)

    def character_class(self) -> _Part:
        begin = self.at
        self.at += 1
        negated = self._peek() == "^"  # any character the class does not list: nothing required
        if negated:
            self.at += 1
        chars: set[str] = set()
        unknown = False
        first = True
        while True:
            char = self._peek()
            if not char:
                raise _Unread("an open class")
            if char == "]" and not first:
                self.at += 1
                break
            first = False
            if char == "[" or self.source.startswith(("--", "&&", "||", "~~"), self.at):
                raise _Unread("a nested class or a set operation")
            low = self._class_char()
            if low is None:
                unknown = True
                continue
            if self._peek() == "-" and self._peek(2) not in ("-]", "-"):
                self.at += 1
                high = self._class_char()
                if high is None or ord(high) < ord(low):
                    raise _Unread("a class range")
                if ord(high) - ord(low) >= _RANGE_MAX:
                    unknown = True
                    continue
                chars.update(chr(code) for code in range(ord(low), ord(high) + 1))
                continue
            chars.add(low)
        if negated or unknown or not chars:
            return _one(self.source[begin:self.at])
        return _Part(frozenset(chars), None, frozenset({self.source[begin:self.at]}), True, False,
                     gap=gaps.DIGIT if all(map(gaps.is_digit, chars)) else gaps.CHAR)

    def _class_char(self) -> str | None:
        """One character of a class (None: an escape for many characters)."""
        if self._peek() == "\\":
            part = self.escape(in_class=True)
            if part.exact is None or len(part.exact) != 1:
                return None
            return next(iter(part.exact))
        char = self._peek()
        self.at += 1
        return char
