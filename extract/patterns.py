"""Reading the rule files in `patterns/`: TOML, validated, compiled once.

Every problem in a rule file is a `PatternError` naming the file and the rule,
raised when the file is loaded, never halfway through a batch.

A user's own rule folder (`--patterns DIR` or the EXTRACT_PATTERNS variable)
is layered over the shipped rules: a file with the same relative name as a
shipped one replaces it (copy it, then edit it); any other `.toml` file in
`amount/`, `date/` or `ignore/` adds its rules (an id already used is an
error). Any other `.toml` file in the folder is an error, since no loader
would read it; other files (a README, golden files) are left alone. The
layered folder is a private folder of symlinks built once per process, and
messages name the user's own files.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
import tomllib
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import regex

# Every pattern match runs with this timeout (seconds): a rule must never hang a batch.
MATCH_TIMEOUT = 0.5
_MACRO = regex.compile(r"\{([A-Z][A-Z0-9_]*)\}")
ENV = "EXTRACT_PATTERNS"
# Folders whose every .toml file is read (the rule families of extract/rules.py): new files there add rules.
ADDITIVE = ("amount", "date", "ignore")


class PatternError(Exception):
    """A rule file that is not valid; the message names the file and the rule."""


def shipped_dir() -> Path:
    """The rules that come with the library: `_patterns/` in an installed package, else `patterns/`."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_patterns", here.parent / "patterns"):
        if candidate.is_dir():
            return candidate
    raise PatternError(f"no patterns folder found next to {here}")


def user_dir() -> Path | None:
    """The user's rule folder ($EXTRACT_PATTERNS), if any."""
    value = os.environ.get(ENV)
    return Path(value) if value else None


def patterns_dir() -> Path:
    """The rule folder the loaders read: the shipped rules, with the user's folder layered over them."""
    user = user_dir()
    if user is None:
        return shipped_dir()
    return _layered(shipped_dir(), user.resolve(), str(user))


def _files(root: Path, suffix: str | None = None) -> dict[str, Path]:
    found = {}
    for top, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
        for name in sorted(files):
            if not name.startswith(".") and (suffix is None or name.endswith(suffix)):
                path = Path(top) / name
                found[path.relative_to(root).as_posix()] = path
    return found


@cache
def _layered(shipped: Path, user: Path, shown: str) -> Path:
    if not user.is_dir():
        raise PatternError(f"{shown}: the rule folder (--patterns or {ENV}) is not a folder")
    base = _files(shipped)
    mine = _files(user, ".toml")
    for rel in mine:
        parts = rel.split("/")
        if rel not in base and not (len(parts) == 2 and parts[0] in ADDITIVE):
            raise PatternError(
                f"{Path(shown) / rel}: no rule loader reads this file: a file replaces the shipped file of the "
                f"same name ({', '.join(n for n in base if n.endswith('.toml') and '/' not in n)}, people/…, "
                f"organisations/…), and new rule files go in {', '.join(a + '/' for a in ADDITIVE)}")
    merged = Path(tempfile.mkdtemp(prefix="extract-patterns-"))
    atexit.register(shutil.rmtree, merged, True)
    for rel, path in {**base, **mine}.items():
        target = merged / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(path.resolve(), target)
    return merged


def use(folder: Path | str | None) -> None:
    """Layer `folder` over the shipped rules from now on (None: the shipped rules only).

    Sets EXTRACT_PATTERNS, so worker processes inherit it, and clears the loaders' caches."""
    if folder is None:
        os.environ.pop(ENV, None)
    else:
        if not Path(folder).is_dir():
            raise PatternError(f"{folder}: the rule folder (--patterns or {ENV}) is not a folder")
        os.environ[ENV] = str(folder)
    clear_caches()


def clear_caches() -> None:
    """Forget every loaded rule file (the cached loaders of the extract modules)."""
    for name, module in list(sys.modules.items()):
        if module is None or not (name == "extract" or name.startswith("extract.")):
            continue
        for value in list(vars(module).values()):
            if getattr(value, "__module__", None) == name and callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


def relative_name(path: Path) -> str:
    """How messages name a rule file: the user's path for their own files, else patterns/<name>."""
    resolved = path.resolve()
    user = user_dir()
    if user is not None:
        try:
            return (user / resolved.relative_to(user.resolve())).as_posix()
        except ValueError:
            pass
    try:
        shipped = shipped_dir().resolve()
        return resolved.relative_to(shipped.parent).as_posix()
    except (ValueError, PatternError):
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


def _expand_map(pattern: str, macros: Mapping[str, str], where: str,
                depth: int = 0) -> tuple[str, list[int], list[str | None]]:
    """The expanded pattern, and for each of its characters the position in `pattern` it comes from and the
    macro (used in `pattern`) it belongs to."""
    if depth > 10:
        raise PatternError(f"{where}: macros nest too deeply (a macro that uses itself?)")
    out: list[str] = []
    origin: list[int] = []
    via: list[str | None] = []
    last = 0
    for match in _MACRO.finditer(pattern):
        name = match.group(1)
        if name not in macros:
            raise PatternError(f"{where}: unknown macro {{{name}}}")
        out.append(pattern[last:match.start()])
        origin += range(last, match.start())
        via += [None] * (match.start() - last)
        inner, _, _ = _expand_map(macros[name], macros, where, depth + 1)
        out.append(inner)
        origin += [match.start()] * len(inner)
        via += [name] * len(inner)
        last = match.end()
    out.append(pattern[last:])
    origin += range(last, len(pattern))
    via += [None] * (len(pattern) - last)
    return "".join(out), origin, via


def expand(pattern: str, macros: Mapping[str, str], where: str) -> str:
    """Replace {NAME} with the macro NAME (macros may use other macros)."""
    return _expand_map(pattern, macros, where)[0]


def error_position(pattern: str, macros: Mapping[str, str], where: str, position: int) -> tuple[int, str | None]:
    """A position in the expanded pattern, as (position in the author's pattern, macro it lies in or None)."""
    _, origin, via = _expand_map(pattern, macros, where)
    if position >= len(origin):
        return len(pattern), None
    return origin[position], via[position]


def compile_pattern(pattern: str, where: str, *, macros: Mapping[str, str] | None = None,
                    flags: int = 0) -> regex.Pattern[str]:
    macros = macros or {}
    source = expand(pattern, macros, where)
    try:
        return regex.compile(source, flags)
    except regex.error as exc:
        position = getattr(exc, "pos", None)
        if position is None:
            raise PatternError(f"{where}: pattern does not compile: {exc}") from exc
        at, macro = error_position(pattern, macros, where, position)
        inside = f", inside the macro {{{macro}}}" if macro else ""
        message = getattr(exc, "msg", str(exc))
        raise PatternError(f"{where}: pattern does not compile: {message} at position {at} of the pattern{inside}"
                           f"\n    {pattern}\n    {' ' * at}^") from exc


def fullmatch_any(patterns: Iterable[regex.Pattern[str]], text: str) -> bool:
    return any(p.fullmatch(text, timeout=MATCH_TIMEOUT) for p in patterns)
