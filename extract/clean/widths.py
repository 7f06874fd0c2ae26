"""How many characters a whole match of a pattern can have: a line shorter or longer than every match is not tried.

The pattern's syntax is read with the standard library's parser (`re._parser`), which gives the fewest and the
most characters of a match of what it reads. Its reading is taken only where the two engines read the pattern
alike: flags that change what a literal or a class matches (full case folding, version 1, POSIX, reverse
matching) are not read; nor is a brace that is no plain repeat count (`{e<=1}` is fuzzy matching in `regex`, a
literal in `re`), a POSIX class (`[[:alpha:]]`), a nested set or a set operation (`[[`, `--`, `&&`, `||`, `~~`),
or anything the standard parser rejects (`\\p{…}`, `(?V1)`, `(?<name>…)`, `\\m`, named lists): such a pattern gets
no bounds and is tried on lines of every length.
"""

from __future__ import annotations

import re
import re._parser as _parser  # (the standard library's own pattern parser: Python 3.11 and later)
from functools import lru_cache

import regex

# The flags read as the standard library reads them (case folding in version 0 is simple: one character each).
_READ_FLAGS = (regex.IGNORECASE | regex.MULTILINE | regex.DOTALL | regex.UNICODE | regex.VERBOSE | regex.ASCII
               | regex.VERSION0)
_AS_STANDARD = ((regex.IGNORECASE, re.IGNORECASE), (regex.MULTILINE, re.MULTILINE), (regex.DOTALL, re.DOTALL),
                (regex.VERBOSE, re.VERBOSE))
# A brace that opens no repeat count ({3}, {1,4}, {,60}, {2,}), a POSIX class, or what reads as a nested set or a
# set operation in `regex` version 1 (and makes the standard parser warn).
_UNREAD_SYNTAX = re.compile(r"\{(?!\d*(?:,\d*)?\})|\[:\^?[A-Za-z]+:\]|\[\[|--|&&|\|\||~~")


def bounds(pattern: regex.Pattern[str]) -> tuple[int, int | None] | None:
    """(fewest, most) characters of a whole match of the pattern (most None: no limit), or None when the pattern
    is not read."""
    return _bounds(pattern.pattern, pattern.flags)


@lru_cache(maxsize=4096)
def _bounds(source: str, given: int) -> tuple[int, int | None] | None:
    """`bounds` of a pattern's source and flags (remembered: a category's patterns are read for the header and for
    the body)."""
    if given & ~_READ_FLAGS or _UNREAD_SYNTAX.search(source):
        return None
    flags = 0
    for theirs, ours in _AS_STANDARD:
        if given & theirs:
            flags |= ours
    try:
        fewest, most = _parser.parse(source, flags).getwidth()
    except (re.error, OverflowError, RecursionError, ValueError, TypeError):
        return None
    return fewest, (None if most >= _parser.MAXREPEAT else most)
