"""Reading the rule files in `patterns/`: TOML, validated, compiled once.

Every problem in a rule file is a `PatternError` naming the file and the rule,
raised when the file is loaded, never halfway through a batch.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import regex

# Every pattern match runs with this timeout (seconds): a rule must never hang a batch.
MATCH_TIMEOUT = 0.5
_MACRO = regex.compile(r"\{([A-Z][A-Z0-9_]*)\}")


class PatternError(Exception):
    """A rule file that is not valid; the message names the file and the rule."""


def patterns_dir() -> Path:
    """The rule folder: $EXTRACT_PATTERNS, else `patterns/` next to the library."""
    env = os.environ.get("EXTRACT_PATTERNS")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    for candidate in (here / "_patterns", here.parent / "patterns"):
        if candidate.is_dir():
            return candidate
    raise PatternError(f"no patterns folder found next to {here}; set EXTRACT_PATTERNS")


def relative_name(path: Path) -> str:
    try:
        return path.resolve().relative_to(patterns_dir().resolve().parent).as_posix()
    except ValueError:
        return path.as_posix()


@cache
def read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise PatternError(f"{relative_name(path)}: not valid TOML: {exc}") from exc
    except OSError as exc:
        raise PatternError(f"{relative_name(path)}: cannot read: {exc.strerror or exc}") from exc


def check_keys(table: Mapping[str, Any], where: str, *, required: Iterable[str] = (),
               optional: Iterable[str] = ()) -> None:
    required = set(required)
    allowed = required | set(optional)
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise PatternError(f"{where}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}")
    missing = sorted(required - set(table))
    if missing:
        raise PatternError(f"{where}: missing key(s) {', '.join(missing)}")


def strings(table: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    """table[key] as a tuple of non-empty strings (missing: empty), or a PatternError naming where."""
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise PatternError(f"{where}: {key} must be a list of non-empty strings")
    return tuple(value)


def expand(pattern: str, macros: Mapping[str, str], where: str) -> str:
    """Replace {NAME} with the macro NAME (macros may use other macros)."""
    for _ in range(10):
        def sub(match: regex.Match[str]) -> str:
            name = match.group(1)
            if name not in macros:
                raise PatternError(f"{where}: unknown macro {{{name}}}")
            return macros[name]

        expanded = _MACRO.sub(sub, pattern)
        if expanded == pattern:
            return expanded
        pattern = expanded
    raise PatternError(f"{where}: macros nest too deeply (a macro that uses itself?)")


def compile_pattern(pattern: str, where: str, *, macros: Mapping[str, str] | None = None,
                    flags: int = 0) -> regex.Pattern[str]:
    source = expand(pattern, macros or {}, where)
    try:
        return regex.compile(source, flags)
    except regex.error as exc:
        raise PatternError(f"{where}: pattern does not compile: {exc}") from exc


def fullmatch_any(patterns: Iterable[regex.Pattern[str]], text: str) -> bool:
    return any(p.fullmatch(text, timeout=MATCH_TIMEOUT) for p in patterns)
