"""The first of a list of patterns that matches a whole line, tried only where it can match.

Each pattern's required strings (`extract.rules.literals.required`: one of them is in every match) gate it: a
line that holds none of them is not tried against it. The strings are found by the line's own characters (the
strings indexed by their first character), so a line costs a set of its characters and a few substring tests,
and the patterns it is matched against are the few whose strings it holds, in their order. A pattern whose
strings are not known is tried on every line whose first character can open one of its matches. The answer is the one
of trying every pattern in order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

import regex

from extract.rules.literals import required

T = TypeVar("T")
OPENERS_MAX = 10_000  # (pattern, first character) answers remembered before the memo starts again


class Gated(Generic[T]):
    """Patterns in order, each with a value; `first(text)` is the value of the first one that fully matches."""

    def __init__(self, entries: Sequence[tuple[regex.Pattern[str], T]], timeout: float | None = None) -> None:
        self._patterns = tuple(pattern for pattern, _ in entries)
        self._values = tuple(value for _, value in entries)
        self._timeout = timeout
        always: list[int] = []
        by_string: dict[str, list[int]] = {}
        for position, pattern in enumerate(self._patterns):
            strings = required(pattern)
            if not strings or "" in strings:
                always.append(position)
                continue
            for string in strings:
                by_string.setdefault(string, []).append(position)
        self._always = frozenset(always)
        self._by_string = {string: tuple(positions) for string, positions in by_string.items()}
        # The patterns as bits of an integer (bit i: the pattern at position i), by the first character of their
        # strings: a string of one character is in a text that holds its first character; the longer ones are
        # looked for.
        self._always_bits = sum(1 << position for position in always)
        by_first: dict[str, list[tuple[str, int]]] = {}
        for string, positions in self._by_string.items():
            by_first.setdefault(string[0], []).append((string, sum(1 << position for position in positions)))
        self._by_first = {first: tuple(strings) for first, strings in by_first.items()}
        self._single = {first: sum(bits for string, bits in strings if len(string) == 1)
                        for first, strings in self._by_first.items()}
        self._longer = {first: tuple((string, bits) for string, bits in strings if len(string) > 1)
                        for first, strings in self._by_first.items()}
        self._firsts = frozenset(self._by_first)
        self._openers: dict[tuple[int, str], bool] = {}

    def candidates(self, text: str) -> list[int]:
        """The positions of the patterns that can match `text` (their strings are in it), in order."""
        bits = self._always_bits
        single, longer = self._single, self._longer
        for first in self._firsts.intersection(text):
            bits |= single[first]
            for string, more in longer[first]:
                if string in text:
                    bits |= more
        found = []
        while bits:
            low = bits & -bits
            found.append(low.bit_length() - 1)
            bits ^= low
        return found

    def _opens(self, position: int, text: str) -> bool:
        """Whether a match of a pattern without known strings can start with the text's first character (a
        partial match of that one character: quick, and a timed call costs several times as much; remembered
        per pattern and character)."""
        if position not in self._always:
            return True
        key = (position, text[:1])
        found = self._openers.get(key)
        if found is None:
            if len(self._openers) >= OPENERS_MAX:
                self._openers.clear()
            found = self._openers[key] = self._patterns[position].fullmatch(text[:1], partial=True) is not None
        return found

    def first(self, text: str) -> T | None:
        """The value of the first pattern that matches the whole text."""
        patterns, timeout = self._patterns, self._timeout
        for position in self.candidates(text):
            if self._opens(position, text) and patterns[position].fullmatch(text, timeout=timeout) is not None:
                return self._values[position]
        return None

    def find(self, text: str, how: str = "fullmatch") -> tuple[T, regex.Match[str]] | None:
        """(value, match) of the first pattern that matches the text, as `how` reads it: "fullmatch", "match" (at
        its start) or "search" (anywhere); every match of a pattern holds one of its strings either way."""
        for position in self.candidates(text):
            if how != "search" and not self._opens(position, text):
                continue
            match = getattr(self._patterns[position], how)(text, timeout=self._timeout)
            if match is not None:
                return self._values[position], match
        return None
