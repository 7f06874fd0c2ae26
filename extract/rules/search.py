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

    def spans(self, text: Text) -> list[tuple[int, int]] | None:
        """The stretches of `text` to search, in order (None: the whole text; [] nothing), once `wanted` said yes."""
        if self.reach is None:
            return None
        spans: list[tuple[int, int]] = []
        joined = False  # whether the window before was searched: then this one extends its span
        for start, end, part in text.windows(self.reach):
            if not self.wanted(part):
                joined = False
            elif joined:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
                joined = True
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


class Text:
    """A text to search, with its characters gathered once for the rules' pre-checks."""

    __slots__ = ("_chars", "_runs", "_windows", "found", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._chars: frozenset[str] | None = None
        self.found: dict[str, bool] = {}  # whether the text holds a literal of several characters, once asked
        self._runs: list[tuple[int, int]] | None = None
        self._windows: dict[reach.Reach, list[tuple[int, int, Text]]] = {}

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
    if guard is not None:
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


# A pattern that reads farther from a digit is searched in the whole text: its windows would cover most of it.
_FARTHEST = 48
# Nor is one that reads less far: such a pattern (a year, a day of the month) tells a number that is not its own in a
# few characters, and its windows would cost more than they save.
_NEAREST = 16
_PATTERNS_KEPT = 4096
_by_pattern: dict[int, tuple[regex.Pattern[str], Search]] = {}
