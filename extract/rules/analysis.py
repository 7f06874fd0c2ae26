"""The pattern reader's findings for the shipped patterns, kept in `analysis.json` so that a run need not read them.

Reading a pattern's syntax (extract/rules/literals.py: the literals its every match holds, the one-character guard
before it, its reach around digits) takes longer than compiling it; the rules and the cleaner's patterns are read
at every start. `analysis.json` holds the findings for every shipped pattern, keyed by a hash of the pattern's
source, with a hash of the reader's own code: when the reader changes, the file is not used; a pattern it does not
hold (a user's rule, a rule just edited) is read as before. Loading the shipped rules rewrites the file when one of
their patterns is missing from it (`python -m extract.rules.analysis` does it by hand); a test checks that the
file holds what the reader finds.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from extract.rules.literals import Findings

HERE = Path(__file__).resolve().parent
FILE = HERE / "analysis.json"
_READER = ("literals.py", "reach.py", "analysis.py")  # a change in any of them makes the file stale


@cache
def version() -> str:
    digest = hashlib.sha256()
    for name in _READER:
        digest.update((HERE / name).read_bytes())
    return digest.hexdigest()[:16]


def key(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:24]


@cache
def _table() -> dict[str, Findings]:
    from extract.rules.literals import Findings
    from extract.rules.reach import Reach

    try:
        data = json.loads(FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != version():
        return {}
    table = {}
    for name, (required, guard, reach) in data.get("patterns", {}).items():
        table[name] = Findings(None if required is None else frozenset(required), guard,
                               None if reach is None else Reach(*reach))
    return table


def stored(source: str) -> Findings | None:
    """The findings the file holds for this source (None: it holds none, or the file is stale)."""
    return _table().get(key(source))


def holds(sources: Iterable[str]) -> bool:
    table = _table()
    return all(key(source) in table for source in sources)


def _entry(found: Findings) -> list[Any]:
    return [None if found.required is None else sorted(found.required), found.guard,
            None if found.reach is None else list(found.reach)]


def shipped_sources() -> list[str]:
    """The source of every shipped pattern the reader is asked about: the rules, the cleaner's categories, inline
    rules and metadata rules."""
    from extract import patterns, rules
    from extract.clean import boilerplate, metadata

    sources = [rule.pattern.pattern for rule in rules.parse(patterns.shipped_dir()).rules]
    shipped = patterns.user_dir() is None
    if shipped:  # the cleaner's loaders read the rule folder in use: only the shipped one will do
        found = boilerplate.load()
        for category in found.categories:
            sources += [p.pattern for p in category.patterns + category.header_patterns]
        sources += [rule.pattern.pattern for rule in found.inlines]
        sources += [rule.pattern.pattern for group in metadata.rules().values() for rule in group]
    return sorted(set(sources))


def contents(sources: Iterable[str]) -> str:
    """The file's text for these sources, read now."""
    from extract.rules.literals import read

    found = sorted((key(source), _entry(read(source))) for source in set(sources))
    lines = [f"{json.dumps(name)}: {json.dumps(entry, ensure_ascii=False)}" for name, entry in found]
    return "{\"version\": " + json.dumps(version()) + ", \"patterns\": {\n" + ",\n".join(lines) + "\n}}\n"


def write(sources: Iterable[str] | None = None) -> None:
    """Rewrite the file (atomically; a folder that cannot be written is left as it is)."""
    text = contents(shipped_sources() if sources is None else sources)
    with contextlib.suppress(OSError):
        handle, name = tempfile.mkstemp(dir=HERE, prefix=".analysis-", suffix=".json")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.chmod(name, 0o644)
            os.replace(name, FILE)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(name)
    _table.cache_clear()


def refresh(sources: Iterable[str]) -> None:
    """Rewrite the file when it lacks one of these shipped patterns (or is stale)."""
    if not holds(sources):
        write()


if __name__ == "__main__":
    write()
    print(f"{FILE}: {len(_table())} patterns")
