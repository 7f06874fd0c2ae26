"""How a rule is searched in a text: which texts it is skipped in, and the pattern the matcher runs.

Both are read once per rule from its pattern (extract/rules/literals.py) and change nothing a rule finds:

- the pre-check: a rule whose every match contains one of a few literals is skipped in a text that holds none of
  them. The characters of a text are gathered once (`Text`); a one-character literal is then a set lookup, and a
  longer one is searched for only when its first character occurs.
- the guard: when the first character of a match can come from several parts of the pattern (an alternation, an
  optional word before a number, lookbehinds in front of a choice), the matcher would try those parts at every
  position; a lookahead for one character that every match starts with, `(?=[…])`, put before the pattern, passes
  over most positions with one test. A pattern whose first character comes from one part keeps its own form (the
  matcher scans for that part itself), as does a pattern whose first character is not known.
- the windows: a pattern whose every match consumes a digit and which reads at most a few characters in a row that
  are not digits (its reach, extract/rules/reach.py) is searched only in the stretches of the text around its runs of
  digits, each of them only when it holds one of the pattern's literals: a search from a window's start to its end
  (`finditer(text, start, end)`: what lies before the start is still seen by lookbehinds) runs every match attempt
  that could succeed, and each reads nothing past the window's end, so it finds the matches of the whole text there,
  in the same order, and no others. Most numbers of a text are then never read by the amount rules whose unit is
  nowhere near them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from extract.rules import literals, reach


@dataclass(frozen=True)
class Search:
    pattern: regex.Pattern[str]  # the rule's pattern, guarded or not: the same matches, groups and captures
    singles: frozenset[str]  # the one-character literals of the pre-check
    longer: tuple[str, ...]  # its longer literals
    starts: frozenset[str]  # their first characters
    checked: bool  # whether there is a pre-check (False: the rule is searched in every text)
    reach: reach.Reach | None = None  # searched in the windows of this reach (None: in the whole text)

    def spans(self, text: Text, table: Table | None = None, bit: int = 0) -> list[tuple[int, int]] | None:
        """The stretches of `text` to search, in order (None: the whole text; [] nothing), once `wanted` said yes
        (`table`: the pre-checks of this search, its `bit`, and others', answered together). Windows that hold one of
        the literals and lie close together are searched in one span, with what lies between them: a match there
        would lie in one window (and contain one of the literals), and every attempt that starts there reads no
        farther than the window it starts in or the next one."""
        if self.reach is None:
            return None
        windows = text.windows(self.reach)
        if table is not None:
            kept = [window for window, bits in zip(windows, text.bits(self.reach, table.windowed), strict=True) if bits & bit]
        else:
            kept = [window for window in windows if self.wanted(window[2])]
        spans: list[tuple[int, int]] = []
        for start, end, _ in kept:
            if spans and start - spans[-1][1] <= _GAP:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
        return spans

    def wanted(self, text: Text) -> bool:
        """Whether `text` can hold a match."""
        if not self.checked:
            return True
        chars = text.chars
        if not self.singles.isdisjoint(chars):
            return True
        if self.starts.isdisjoint(chars):
            return False
        found = text.found
        for literal in self.longer:
            known = found.get(literal)
            if known is None:
                known = found[literal] = literal in text.text
            if known:
                return True
        return False


class Table:
    """The pre-checks of several searches answered together, one bit per search (in their order): the characters
    of a text that start a literal are looked up once for all searches. `windowed`: the same for the searches in
    windows only (their windows are checked with it)."""

    def __init__(self, searches: Sequence[Search], *, windowed: bool = False) -> None:
        self.always = 0  # the searches without a pre-check
        self.singles: dict[str, int] = {}  # a one-character literal: the searches it lets through
        self.longer: dict[str, dict[str, int]] = {}  # a longer literal's first character: the literal, its searches
        for number, how in enumerate(searches):
            if windowed and how.reach is None:
                continue
            bit = 1 << number
            if not how.checked:
                self.always |= bit
                continue
            for char in how.singles:
                self.singles[char] = self.singles.get(char, 0) | bit
            for literal in how.longer:
                known = self.longer.setdefault(literal[0], {})
                known[literal] = known.get(literal, 0) | bit
        self.triggers = frozenset(self.singles) | frozenset(self.longer)
        self.windowed = self if windowed else Table(searches, windowed=True)

    def wanted(self, text: Text) -> int:
        """The bits of the searches that `text` can hold a match of (`Search.wanted` of each; remembered per text)."""
        if text.wanted is not None and text.wanted[0] is self:
            return text.wanted[1]
        found = self.bits(text)
        text.wanted = (self, found)
        return found

    def bits(self, text: Text) -> int:
        found = self.always
        whole = text.text
        singles, longer = self.singles, self.longer
        for char in self.triggers.intersection(whole):
            found |= singles.get(char, 0)
            for literal, bits in longer.get(char, _NONE).items():
                if bits & ~found and literal in whole:
                    found |= bits
        return found


_NONE: dict[str, int] = {}


class Text:
    """A text to search, with its characters gathered once for the rules' pre-checks."""

    __slots__ = ("_bits", "_chars", "_runs", "_windows", "found", "text", "wanted")

    def __init__(self, text: str) -> None:
        self.text = text
        self.wanted: tuple[Table, int] | None = None  # what a table's pre-checks said of it
        self._chars: frozenset[str] | None = None
        self.found: dict[str, bool] = {}  # whether the text holds a literal of several characters, once asked
        self._runs: list[tuple[int, int]] | None = None
        self._windows: dict[reach.Reach, list[tuple[int, int, Text]]] = {}
        self._bits: dict[reach.Reach, tuple[Table, list[int]]] = {}

    def bits(self, distance: reach.Reach, table: Table) -> list[int]:
        """What the table's pre-checks say of each window of this reach (`windows`)."""
        known = self._bits.get(distance)
        if known is None or known[0] is not table:
            known = self._bits[distance] = (table, [table.bits(part) for _, _, part in self.windows(distance)])
        return known[1]

    def windows(self, distance: reach.Reach) -> list[tuple[int, int, Text]]:
        """The windows of this reach around the text's runs of digits (extract/rules/reach.py), each with its text."""
        found = self._windows.get(distance)
        if found is None:
            if self._runs is None:
                self._runs = reach.digit_runs(self.text)
            found = self._windows[distance] = [(start, end, Text(self.text[start:end]))
                                               for start, end in reach.windows(self._runs, len(self.text), distance)]
        return found

    @property
    def chars(self) -> frozenset[str]:
        if self._chars is None:
            self._chars = frozenset(self.text)
        return self._chars


def search(pattern: regex.Pattern[str]) -> Search:
    """How `pattern` is searched (remembered per pattern object)."""
    known = _by_pattern.get(id(pattern))
    if known is not None and known[0] is pattern:
        return known[1]
    needed = literals.required(pattern)
    guard = literals.first_characters(pattern)
    guarded = pattern
    if getattr(pattern, "guarded", None) is not None:
        guarded = pattern.guarded  # type: ignore[attr-defined]  # a rule's pattern read with its guard compiled
    elif guard is not None:
        guarded = regex.compile(f"{guard}(?:{pattern.pattern})", pattern.flags)
    longer = tuple(sorted(s for s in needed or () if len(s) > 1))
    distance = literals.reach(pattern)
    if distance is not None and not _NEAREST <= distance.after <= _FARTHEST:
        distance = None
    if distance is not None:
        # Rounded up (a wider window holds the same matches), so that rules of about the same reach share windows.
        distance = reach.Reach(-(-distance.before // 4) * 4, -(-distance.after // 8) * 8)
    found = Search(guarded, frozenset(s for s in needed or () if len(s) == 1), longer,
                   frozenset(s[0] for s in longer), needed is not None, distance)
    if len(_by_pattern) >= _PATTERNS_KEPT:
        _by_pattern.clear()
    _by_pattern[id(pattern)] = (pattern, found)
    return found


# Windows at most this far apart are searched in one call (a call costs about as much as searching this much text).
_GAP = 200
# A pattern that reads farther from a digit is searched in the whole text: its windows would cover most of it.
_FARTHEST = 48
# Nor is one that reads less far: such a pattern (a year, a day of the month) tells a number that is not its own in a
# few characters, and its windows would cost more than they save.
_NEAREST = 16
_PATTERNS_KEPT = 4096
_by_pattern: dict[int, tuple[regex.Pattern[str], Search]] = {}
