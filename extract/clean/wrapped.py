"""Hard-wrapped text dumps (text browsers such as `lynx -dump` and `w3m -dump`): paragraphs joined back.

A text browser fills lines up to a limit, so one paragraph becomes several lines that end in the middle of a
sentence, and the line scorer would read none of them as a sentence. A line was wrapped when it does not close a
sentence, the next line continues it (same text column, no bullet, number or label of its own) and the next line's
first word would not have fitted after it within the limit, the widest line of the dump, counted in characters
(lynx) or in terminal columns (w3m: wide Hangul and CJK characters take two). A dump is wrapped when at least
WRAP_PARAGRAPHS_MIN different paragraphs are, or one in a dump laid out as text browsers do (most lines indented),
and its limit is a text browser's (WRAP_WIDTH_MIN or more); a dump that keeps one paragraph per line (a browser's
innerText, one line per text node) has wide lines and hardly any such line, and is left as it is. Only wrapped lines
whose paragraph ends in a closed sentence count: a list of headlines as wide as the widest line, above the first
sentence, is one such "paragraph" and does not make a dump wrapped. Wrapped lines are joined with a space, or with
nothing where a column-wrapped line (w3m cuts Hangul anywhere) was cut at the very limit between two Hangul letters
(inside a word).
"""

from __future__ import annotations

from itertools import compress, islice
from operator import add

import regex

WRAP_PARAGRAPHS_MIN = 2  # different wrapped paragraphs (ending in a sentence) that make a dump wrapped
INDENTED_SHARE = 0.5  # ... one is enough when this share of the text lines is indented, as text browsers lay out
WRAP_WIDTH_MIN = 60  # text browsers wrap at 80 columns or so, never at a few words
WRAP_WIDTH_MAX = 200  # a dump whose widest line is wider was not wrapped by a text browser
MID_WORD = 1  # a line ending this close to the limit was cut where the column ended, maybe inside a word

_CLOSED = regex.compile(r"[.?!…:;][\"'”’」』)\]]*$|^[^가-힣]*$")
_ITEM = regex.compile(r"(?:[*+#o•·\-–]|\d{1,2}[.)]|\(BUTTON\)|\[[^\]]*\])(?:\s|$)")
_BULLET_TEXT = regex.compile(r"^(\s*(?:[*+#o•·\-–]|\d{1,2}[.)])\s+)")
_HANGUL = regex.compile(r"[가-힣]")
_HANGUL_LAST = regex.compile(r"[가-힣]$")


# East Asian wide and full-width characters (Hangul, CJK, kana, full-width forms): two terminal columns each.
_WIDE = regex.compile(r"[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA960-\uA97F"
                      r"\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]")


def width(text: str) -> int:
    """Columns a terminal gives the text (wide and full-width characters take two)."""
    return len(text) + len(_WIDE.findall(text))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _text_column(line: str) -> int:
    """Where the text of a line starts: after its indentation, and after its bullet if it has one."""
    found = _BULLET_TEXT.match(line)
    return len(found.group(1)) if found else _indent(line)


def _indented(lines: list[str]) -> bool:
    texts = [line for line in lines if line.strip()]
    return bool(texts) and sum(1 for line in texts if line[:1] == " ") >= INDENTED_SHARE * len(texts)


def _continues(line: str, following: str) -> bool:
    """Whether `following` could be the rest of `line`'s paragraph: text on both, the same text column, no
    sentence closed, no bullet, number or label starting the next line."""
    text, next_text = line.strip(), following.strip()
    return bool(text and next_text) and _indent(following) == _text_column(line) and \
        not _CLOSED.search(line.rstrip()) and not _ITEM.match(next_text)


def _first_word(line: str) -> str:
    parts = line.split(maxsplit=1)
    return parts[0] if parts else ""


class _Measures:
    """Line lengths in characters (0) and terminal columns (1), and those of each line's first word; columns and
    first words are read only where they are asked for (columns where a length in characters cannot settle the
    question: a line has at most twice as many)."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = list(map(str.rstrip, lines))
        self.chars = list(map(len, self.lines))
        self._firsts: dict[int, str] = {}
        self._columns: dict[int, int] = {}

    def first(self, position: int) -> str:
        found = self._firsts.get(position)
        if found is None:
            found = self._firsts[position] = _first_word(self.lines[position])
        return found

    def columns(self, position: int) -> int:
        if position not in self._columns:
            self._columns[position] = width(self.lines[position])
        return self._columns[position]

    def line(self, position: int, measure: int) -> int:
        return self.chars[position] if measure == 0 else self.columns(position)

    def widest(self, measure: int) -> int:
        if measure == 0:
            return max(self.chars, default=0)
        best = 0
        for position in sorted(range(len(self.lines)), key=self.chars.__getitem__, reverse=True):
            if 2 * self.chars[position] <= best:
                break
            best = max(best, self.columns(position))
        return best

    def wrapped(self, position: int, limit: int, measure: int) -> bool:
        """The line at `position` was full: the next line's first word would not have fitted after it."""
        first = self.first(position + 1)
        if measure == 1:
            if 2 * (self.chars[position] + len(first)) + 1 <= limit:
                return False
            return self.columns(position) + 1 + width(first) > limit
        return self.chars[position] + 1 + len(first) > limit


def wrap_limit(lines: list[str]) -> tuple[int, int] | None:
    """(measure, limit) a dump was wrapped at: measure 0 counts characters (lynx), 1 terminal columns (w3m); the
    limit is the widest line. None when fewer than WRAP_PARAGRAPHS_MIN paragraphs look wrapped in either measure."""
    if max(map(len, lines), default=0) > WRAP_WIDTH_MAX + 8:  # quick exit (indentation and trailing spaces)
        return None
    return _limit(lines, _Measures(lines))


def _full_candidates(chars: list[int], limit: int, measure: int) -> list[int]:
    """The positions of the lines that can be full (`_Measures.wrapped`): the next line's first word is no longer
    than the next line, so a full line and the next one hold more than limit - 1 characters together (more than
    half of that in columns, where a character takes at most two). Found without a step of Python per line."""
    bound = limit - 1 if measure == 0 else (limit - 1) // 2
    return list(compress(range(len(chars) - 1), map(bound.__lt__, map(add, chars, islice(chars, 1, None)))))


def _limit(lines: list[str], measures: _Measures) -> tuple[int, int] | None:
    best: tuple[tuple[int, float], tuple[int, int]] | None = None
    for measure in (0, 1):
        limit = measures.widest(measure)
        if not WRAP_WIDTH_MIN <= limit <= WRAP_WIDTH_MAX:
            continue
        candidates = _full_candidates(measures.chars, limit, measure)
        wrapped = {position for position in candidates if measures.wrapped(position, limit, measure)
                   and _continues(lines[position], lines[position + 1])}
        # a wrapped paragraph ends in a sentence: a chain of wrapped lines that ends in an open line is a list
        # of headlines or menu items that happen to be as wide as the widest line
        closes: set[int] = set()
        for position in sorted(wrapped, reverse=True):
            following = position + 1
            if (following in closes) if following in wrapped else bool(_CLOSED.search(lines[following].rstrip())):
                closes.add(position)
        gaps = [limit - measures.line(position, measure) for position in closes]
        paragraphs = {lines[position].strip() for position in closes if not (position and position - 1 in closes)}
        if len(paragraphs) < WRAP_PARAGRAPHS_MIN and not (paragraphs and _indented(lines)):
            continue  # (one paragraph is enough in a dump laid out as text browsers do)
        # the measure the tool counted in is the one in which wrapped lines end closest to the limit
        key = (len(gaps), -sum(gaps) / len(gaps))
        if best is None or key > best[0]:
            best = (key, (measure, limit))
    return best[1] if best else None


def unwrap(text: str) -> str:
    """The dump with wrapped paragraphs joined into one line each (unchanged when it is not wrapped)."""
    lines = text.split("\n")
    out = unwrapped_lines(lines)
    return text if out is lines else "\n".join(out)


def unwrapped_lines(lines: list[str]) -> list[str]:
    """The lines of a dump (its text split at line breaks) with wrapped paragraphs joined into one line each: the
    lines of `unwrap(text)`; `lines` itself when the dump is not wrapped."""
    if max(map(len, lines), default=0) > WRAP_WIDTH_MAX + 8:
        return lines
    measures = _Measures(lines)
    found = _limit(lines, measures)
    if found is None:
        return lines
    measure, limit = found
    full = set(_full_candidates(measures.chars, limit, measure))
    out: list[str] = []
    for position, line in enumerate(lines):
        previous = lines[position - 1] if position else ""
        if position - 1 in full and measures.wrapped(position - 1, limit, measure) and _continues(previous, line):
            glue = "" if measure == 1 and measures.columns(position - 1) >= limit - MID_WORD and \
                _HANGUL_LAST.search(previous.rstrip()) and _HANGUL.match(line.strip()) else " "
            out[-1] = out[-1] + glue + line.strip()
        else:
            out.append(line.rstrip())
    return out
