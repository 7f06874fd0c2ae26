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
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from extract.rules import literals


@dataclass(frozen=True)
class Search:
    pattern: regex.Pattern[str]  # the rule's pattern, guarded or not: the same matches, groups and captures
    singles: frozenset[str]  # the one-character literals of the pre-check
    longer: tuple[str, ...]  # its longer literals
    starts: frozenset[str]  # their first characters
    checked: bool  # whether there is a pre-check (False: the rule is searched in every text)

    def wanted(self, text: Text) -> bool:
        """Whether `text` can hold a match."""
        if not self.checked:
            return True
        chars = text.chars
        if not self.singles.isdisjoint(chars):
            return True
        if self.starts.isdisjoint(chars):
            return False
        body = text.text
        return any(literal in body for literal in self.longer)


class Text:
    """A text to search, with its characters gathered once for the rules' pre-checks."""

    __slots__ = ("_chars", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._chars: frozenset[str] | None = None

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
    found = Search(guarded, frozenset(s for s in needed or () if len(s) == 1), longer,
                   frozenset(s[0] for s in longer), needed is not None)
    if len(_by_pattern) >= _PATTERNS_KEPT:
        _by_pattern.clear()
    _by_pattern[id(pattern)] = (pattern, found)
    return found


_PATTERNS_KEPT = 4096
_by_pattern: dict[int, tuple[regex.Pattern[str], Search]] = {}
