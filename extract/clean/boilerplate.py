"""The boilerplate rules of `patterns/boilerplate.toml`, loaded and validated."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex

from extract.clean.gated import Gated
from extract.patterns import (
    MATCH_TIMEOUT,
    PatternError,
    check_keys,
    compile_pattern,
    fullmatch_any,
    patterns_dir,
    read_toml,
    relative_name,
    strings,
)
from extract.rules.literals import required

# List bullets stripped before a line is compared with the rules.
_BULLET = regex.compile(r"^\s*(?:(?:[•·∙◦‣⁃●○◎■□◆◇▶►▷▸]|[\-–*](?=\s))\s*)+(?=\S)")
_NUMBERED = regex.compile(r"^\s*\d{1,2}[.)]\s+\S")


_BULLET_FIRST = frozenset("•·∙◦‣⁃●○◎■□◆◇▶►▷▸-–*")  # the characters a stripped line that _BULLET cuts starts with


def strip_bullet(line: str) -> str:
    """The line without surrounding white space and leading list bullets ("-3.93%" keeps its sign)."""
    text = line.strip()
    if not text or text[0] not in _BULLET_FIRST:
        return text  # (white space that Python strips includes every character \s matches)
    return _BULLET.sub("", text)


def is_list_item(line: str) -> bool:
    return bool(_BULLET.match(line) or _NUMBERED.match(line))


@dataclass(frozen=True)
class Category:
    id: str
    description: str
    where: str
    lines: frozenset[str]
    patterns: tuple[regex.Pattern[str], ...]
    headers: frozenset[str]
    header_patterns: tuple[regex.Pattern[str], ...]
    examples: tuple[str, ...]
    counterexamples: tuple[str, ...]

    def applies(self, header: bool) -> bool:
        return self.where == "any" or (self.where == "header") == header

    def match(self, text: str) -> tuple[bool, bool]:
        """(matches, starts a list section) for a bullet-stripped line."""
        if text in self.headers or fullmatch_any(self.header_patterns, text):
            return True, True
        return (text in self.lines or fullmatch_any(self.patterns, text)), False


@dataclass(frozen=True)
class Inline:
    id: str
    description: str
    pattern: regex.Pattern[str]
    replace: str
    listed: bool
    examples: tuple[tuple[str, str], ...]
    counterexamples: tuple[str, ...]


@dataclass(frozen=True)
class SequenceWords:
    """What the line scorer reads as a sentence, and the speaker labels of broadcast scripts."""
    endings: tuple[str, ...] = ()
    quote_endings: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    sentences: tuple[str, ...] = ()
    not_sentences: tuple[str, ...] = ()


@dataclass(frozen=True)
class Boilerplate:
    categories: tuple[Category, ...]
    inlines: tuple[Inline, ...]
    source: str
    sequence: SequenceWords = SequenceWords()

    def __post_init__(self) -> None:
        # The patterns of one position (header / body) in file order, header patterns first within a category:
        # the first that matches the whole line is the first category in file order, as with a loop over them
        # (tried only where their required strings are in the line: extract/clean/gated.py).
        for header in (True, False):
            entries: list[tuple[regex.Pattern[str], tuple[int, bool]]] = []
            exact: dict[str, tuple[int, bool]] = {}
            for number, category in enumerate(self.categories):
                if not category.applies(header):
                    continue
                for text in category.headers:
                    exact.setdefault(text, (number, True))
                for text in category.lines:
                    exact.setdefault(text, (number, text in category.headers))
                entries += [(pattern, (number, True)) for pattern in category.header_patterns]
                entries += [(pattern, (number, False)) for pattern in category.patterns]
            patterns = Gated(entries, MATCH_TIMEOUT) if entries else None
            # Lines already classified: menus, footers and sign-offs come back on every page of a site.
            memo: dict[str, tuple[str, bool] | None] = {}
            object.__setattr__(self, "_header" if header else "_body", (exact, patterns, memo))
        # The last long lines classified (a paragraph of an article is classified when the page is scored and
        # again when the body is read): a few, forgotten as more come.
        object.__setattr__(self, "_long", {})
        # A line's class in the header follows from its class in the body, where they share their categories
        # (`_header_class`): the categories of the header alone, and the numbers of the categories.
        object.__setattr__(self, "_header_only", tuple((number, category) for number, category in
                                                       enumerate(self.categories) if category.where == "header"))
        object.__setattr__(self, "_numbers", {category.id: number for number, category in enumerate(self.categories)})
        # Each inline rule with the strings one of which its every match holds (None: not known), and whether its
        # matches are local (`local_matches`: searched once in a whole page's text).
        object.__setattr__(self, "_inline_gates", tuple(
            (rule, gate if gate and "" not in gate else None, local_matches(rule.pattern.pattern))
            for rule in self.inlines for gate in (required(rule.pattern),)))

    def classify(self, line: str, *, header: bool) -> tuple[str, bool] | None:
        """(category id, starts a section) for the first category that matches the line."""
        exact, patterns, memo = getattr(self, "_header" if header else "_body")
        if line in memo:
            return memo[line]
        read = self._header_class if header else self._classify
        if len(line) > _MEMO_LINE:
            if len(line) > _LONG_LINE_MAX:
                return read(line, exact, patterns)
            long: dict[tuple[str, bool], tuple[str, bool] | None] = self._long  # type: ignore[attr-defined]
            key = (line, header)
            if key not in long:
                if len(long) >= _LONG_LINES:
                    long.clear()
                long[key] = read(line, exact, patterns)
            return long[key]
        found = read(line, exact, patterns)
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        memo[line] = found
        return found

    def _header_class(self, line: str, exact: dict[str, tuple[int, bool]],
                      patterns: Gated[tuple[int, bool]] | None) -> tuple[str, bool] | None:
        """The line's class in the header, from its class in the body (remembered, and most lines are asked
        both): no category before the body's class matches the line, so in the header the answer is the first of
        the header's own categories before it that matches, else the body's class; read afresh only when that
        is a category of the body alone."""
        body = self.classify(line, header=False)
        number = None if body is None else self._numbers[body[0]]  # type: ignore[attr-defined]
        if number is not None and not self.categories[number].applies(True):
            return self._classify(line, exact, patterns)
        text = strip_bullet(line)
        if not text:
            return None
        for before, category in self._header_only:  # type: ignore[attr-defined]
            if number is not None and before > number:
                break
            matches, section = category.match(text)
            if matches:
                return category.id, section
        return body

    def _classify(self, line: str, exact: dict[str, tuple[int, bool]],
                  patterns: Gated[tuple[int, bool]] | None) -> tuple[str, bool] | None:
        text = strip_bullet(line)
        if not text:
            return None
        found = exact.get(text)
        matched = patterns.first(text) if patterns is not None else None
        if matched is not None:
            number, section = matched
            if found is None or number < found[0] or (number == found[0] and section):
                found = matched
        if found is None:
            return None
        return self.categories[found[0]].id, found[1]

    def inline_page(self, lines: list[str]) -> tuple[bool, ...]:
        """For each inline rule, whether it can match in a part of one of the lines (False: it matches in none of
        them): a rule with local matches is searched once in the lines joined (a part of a line holds a match only
        where the joined text does); the others count as matching."""
        joined: str | None = None
        found = []
        for rule, _, local in self._inline_gates:  # type: ignore[attr-defined]
            if not local:
                found.append(True)
                continue
            joined = "\n".join(lines) if joined is None else joined
            try:
                found.append(rule.pattern.search(joined, timeout=MATCH_TIMEOUT) is not None)
            except TimeoutError:
                found.append(True)
        return tuple(found)

    def inline(self, text: str, page: tuple[bool, ...] | None = None) -> tuple[str, list[tuple[str, str]]]:
        """The text with inline debris removed, and [(removed text, rule id)]. `page`: `inline_page` of lines the
        text is a part of (a rule found in none of them is not searched, as long as the text is unchanged)."""
        removed: list[tuple[str, str]] = []
        changed = False
        for number, (rule, gate, _) in enumerate(self._inline_gates):  # type: ignore[attr-defined]
            if page is not None and not changed and not page[number]:
                continue  # not in the page's text: not in this part of it
            if gate is not None and not any(string in text for string in gate):
                continue  # none of the strings its every match holds: nothing to remove
            if rule.pattern.search(text, timeout=MATCH_TIMEOUT) is None:
                continue  # (most paragraphs hold no debris: the substitution is made only where there is some)

            def sub(match: regex.Match[str], rule: Inline = rule) -> str:
                if rule.listed and match.group(0).strip():
                    removed.append((match.group(0).strip(), rule.id))
                return rule.replace

            text = rule.pattern.sub(sub, text, timeout=MATCH_TIMEOUT)
            changed = True
        return text, removed


# What in a pattern can make a match depend on the text around it (or on more than the text it reads): anchors,
# boundaries, negative lookarounds, atomic groups, possessive quantifiers, back-references, conditionals, inline
# flags.
_ESCAPES_NOT_LOCAL = set("AZzbBGKmMgkXY") | set("0123456789")
_GROUPS_LOCAL = (":", "=", "<=", "P<")


def local_matches(source: str) -> bool:
    """Whether every match of the pattern depends only on the characters it consumes and those its positive
    lookarounds read (read from its syntax, conservatively: anything else, or anything unread, is False). Then a
    text holds a match wherever a longer text around it does not fail to: the pattern can be searched once in the
    lines of a page joined, before each part of a line is searched."""
    position, size = 0, len(source)
    while position < size:
        char = source[position]
        if char == "\\":
            if position + 1 >= size or source[position + 1] in _ESCAPES_NOT_LOCAL:
                return False
            position += 2
            continue
        if char == "[":  # a class: to its closing bracket (one right after the opening, or after ^, is a member)
            position += 1
            if source[position:position + 1] == "^":
                position += 1
            if source[position:position + 1] == "]":
                position += 1
            while position < size and source[position] != "]":
                position += 2 if source[position] == "\\" else 1
            position += 1
            continue
        if char in "^$#":
            return False
        if char == "(" and source[position + 1:position + 2] == "?":
            after = source[position + 2:position + 4]
            if not after.startswith(_GROUPS_LOCAL) and not (after[:1] == "<" and after[1:2].isalpha()):
                return False
        if char in "*+?}" and source[position + 1:position + 2] == "+":
            return False  # possessive
        position += 1
    return True


_MEMO_SIZE = 50_000  # lines remembered per position before the memo starts again (memory stays bounded)
_MEMO_LINE = 300  # longer lines are paragraphs of one article: not remembered, but for a while (below)
_LONG_LINES = 64  # the longer lines remembered (the last ones classified, about one page's paragraphs) ...
_LONG_LINE_MAX = 20_000  # ... up to this length (memory stays bounded)

_CATEGORY_KEYS = ("description", "where", "lines", "patterns", "headers", "header_patterns",
                  "examples", "counterexamples")
_SEQUENCE_KEYS = ("endings", "quote_endings", "speakers", "sentences", "not_sentences")
_INLINE_KEYS = ("description", "replace", "listed", "examples", "counterexamples")



def parse(path: Path) -> Boilerplate:
    data = read_toml(path)
    name = relative_name(path)
    check_keys(data, name, optional=("category", "inline", "sequence"))
    categories: list[Category] = []
    seen: set[str] = set()
    for number, table in enumerate(data.get("category", []), start=1):
        where = f"{name}: category {table.get('id', f'#{number}')}"
        check_keys(table, where, required=("id",), optional=_CATEGORY_KEYS)
        if table["id"] in seen:
            raise PatternError(f"{where}: duplicate id")
        seen.add(table["id"])
        position = table.get("where", "any")
        if position not in ("any", "header", "body"):
            raise PatternError(f"{where}: where must be any, header or body")
        categories.append(Category(
            id=table["id"],
            description=table.get("description", ""),
            where=position,
            lines=frozenset(strings(table, "lines", where)),
            patterns=tuple(compile_pattern(p, where) for p in strings(table, "patterns", where)),
            headers=frozenset(strings(table, "headers", where)),
            header_patterns=tuple(compile_pattern(p, where) for p in strings(table, "header_patterns", where)),
            examples=strings(table, "examples", where),
            counterexamples=strings(table, "counterexamples", where),
        ))
    inlines: list[Inline] = []
    for number, table in enumerate(data.get("inline", []), start=1):
        where = f"{name}: inline {table.get('id', f'#{number}')}"
        check_keys(table, where, required=("id", "pattern"), optional=_INLINE_KEYS)
        if table["id"] in seen:
            raise PatternError(f"{where}: duplicate id")
        seen.add(table["id"])
        examples = table.get("examples", [])
        if not all(isinstance(e, list) and len(e) == 2 for e in examples):
            raise PatternError(f"{where}: examples must be [text, expected] pairs")
        inlines.append(Inline(
            id=table["id"],
            description=table.get("description", ""),
            pattern=compile_pattern(table["pattern"], where),
            replace=table.get("replace", ""),
            listed=bool(table.get("listed", True)),
            examples=tuple((a, b) for a, b in examples),
            counterexamples=strings(table, "counterexamples", where),
        ))
    table = data.get("sequence", {})
    check_keys(table, f"{name}: sequence", optional=_SEQUENCE_KEYS)
    words = SequenceWords(*(strings(table, key, f"{name}: sequence") for key in _SEQUENCE_KEYS))
    return Boilerplate(tuple(categories), tuple(inlines), name, words)


@cache
def load() -> Boilerplate:
    return parse(patterns_dir() / "boilerplate.toml")
