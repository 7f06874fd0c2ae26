"""Stage 1, load: turn the paths a user names into articles to extract.

Folders are walked recursively (hidden entries skipped) for `.txt`, `.html`,
`.htm` and `.jsonl`; a file named explicitly is read whatever its suffix; `-`
reads standard input. A `.jsonl` file holds one `{"id", "text",
"published_at"?, "url"?}` object per line, and each line is its own article.

Each article gets an output name that mirrors the input tree below the common
folder of all inputs, so equal file names in different folders never collide.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

import orjson
import regex

from extract.decode import decode
from extract.errors import InputError

SUFFIXES = {".txt": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
_UNSAFE = regex.compile(r"[^\w.\-]+")


@dataclass(frozen=True)
class Task:
    """One article to extract. `data` holds the raw bytes; `text` is set for jsonl records."""

    display: str
    out_name: PurePosixPath
    format: str
    data: bytes = b""
    text: str | None = None
    id: str | None = None
    url: str | None = None
    published_at: str | None = None

    @property
    def sha256(self) -> str:
        payload = self.data if self.text is None else self.text.encode("utf-8")
        return hashlib.sha256(payload).hexdigest()


@dataclass(frozen=True)
class Failure:
    """An input that could not be read; `display` names it, `reason` says why."""

    display: str
    reason: str


def format_of(suffix: str, data: bytes, default: str = "text") -> str:
    """The input format by suffix; without a known suffix, HTML when the bytes start with <."""
    return SUFFIXES.get(suffix.lower()) or ("html" if data.lstrip()[:1] == b"<" else default)


def _posix(path: Path) -> str:
    return PurePosixPath(*path.parts).as_posix() if path.parts else "."


def discover(paths: Iterable[str]) -> tuple[list[tuple[Path, Path]], list[Failure]]:
    """Return ([(file, base folder)], failures) for the named paths, in a stable order."""
    found: list[tuple[Path, Path]] = []
    failures: list[Failure] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            found.extend((p, path) for p in files)
        elif path.is_file():
            found.append((path, path.parent))
        else:
            failures.append(Failure(_posix(path), "no such file or folder"))
    return found, failures


def _common_base(bases: list[Path]) -> Path:
    if not bases:
        return Path(".")
    return Path(os.path.commonpath([str(b.resolve()) for b in bases]))


def load(paths: Iterable[str], *, stdin: bytes | None = None) -> Iterator[Task | Failure]:
    """Yield a Task per article (or a Failure per unreadable input), in input order."""
    paths = list(paths)
    tasks: list[Task | Failure] = []
    if "-" in paths:
        paths = [p for p in paths if p != "-"]
        data = sys.stdin.buffer.read() if stdin is None else stdin
        tasks.append(Task("-", PurePosixPath("stdin"), format_of("", data, "stdin"), data=data))
    files, failures = discover(paths)
    tasks.extend(failures)
    base = _common_base([b for _, b in files])
    for path, _ in files:
        rel = PurePosixPath(*path.resolve().relative_to(base).parts)
        try:
            data = path.read_bytes()
        except OSError as exc:
            tasks.append(Failure(_posix(path), f"cannot read: {exc.strerror or exc}"))
            continue
        fmt = format_of(path.suffix, data)
        if fmt == "jsonl":
            tasks.extend(_jsonl(path, rel, data))
        else:
            tasks.append(Task(_posix(path), rel, fmt, data=data))
    yield from _disambiguate(tasks)


def _jsonl(path: Path, rel: PurePosixPath, data: bytes) -> Iterator[Task | Failure]:
    display = _posix(path)
    try:
        text, _ = decode(data)
    except InputError as exc:
        yield Failure(display, str(exc))
        return
    folder = rel.with_suffix("")
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{display}:{number}"
        try:
            record = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            yield Failure(where, f"not a JSON object: {exc}")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield Failure(where, 'each line must be an object with a string "text"')
            continue
        unknown = set(record) - {"id", "text", "published_at", "url"}
        if unknown:
            yield Failure(where, f"unknown keys: {', '.join(sorted(unknown))}")
            continue
        ident = str(record.get("id") if record.get("id") is not None else number)
        yield Task(
            f"{display}#{ident}",
            folder / (_UNSAFE.sub("_", ident) or str(number)),
            "jsonl",
            text=record["text"],
            id=ident,
            url=record.get("url"),
            published_at=record.get("published_at"),
        )


def _disambiguate(items: list[Task | Failure]) -> list[Task | Failure]:
    """Give each task a distinct output name: x.txt and x.html both become x.*.json."""
    stems = Counter(t.out_name.with_suffix("") for t in items if isinstance(t, Task))
    result: list[Task | Failure] = []
    seen: set[PurePosixPath] = set()
    for item in items:
        if isinstance(item, Task):
            name = item.out_name.with_suffix("") if item.format != "jsonl" else item.out_name
            if item.format != "jsonl" and stems[name] > 1:
                name = item.out_name
            while name in seen:  # duplicate jsonl ids: keep both
                name = name.with_name(name.name + "_")
            seen.add(name)
            item = replace(item, out_name=name)
        result.append(item)
    return result
