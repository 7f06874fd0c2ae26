"""Stage 1, load: turn the paths a user names into articles to extract.

Inputs are enumerated first (paths only, nothing is read), then read one at a
time when their turn comes, so memory does not grow with the number of inputs.

Folders are walked recursively (hidden entries skipped) for `.txt`, `.html`,
`.htm` and `.jsonl`; a file named explicitly is read whatever its suffix; `-`
reads standard input. A `.jsonl` file holds one `{"id", "text",
"published_at"?, "url"?}` object per line, and each line is its own article;
its lines are read as they are extracted.

Walking a folder, a symlink is followed only when its target lies inside that
folder; one that points outside is a failure of that entry. Output folders of
this tool (they hold `.extract.lock`) are never walked.

Each article gets an output name that mirrors the input tree below the common
folder of all inputs, so equal file names in different folders never collide.
Names are made safe: see `safe_part`.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

import orjson
import regex

from extract.decode import decode
from extract.errors import InputError

SUFFIXES = {".txt": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
MAX_BYTES = 10_000_000  # default size limit per input (a file, or one .jsonl line)
OUTPUT_MARKER = ".extract.lock"  # present in every output folder of `extract`
MAX_NAME_BYTES = 150  # an output name part longer than this (UTF-8) is shortened
_UNSAFE = regex.compile(r"[^\w.\-]+")
_RAW_BYTE = regex.compile(r"[\udc80-\udcff]")


@dataclass(frozen=True)
class Task:
    """One article to extract.

    A file's task carries its `path` and is read by `read` when its turn comes;
    `data` then holds the raw bytes. `text` is set for .jsonl records.
    """

    display: str
    out_name: PurePosixPath
    format: str
    data: bytes = b""
    text: str | None = None
    id: str | None = None
    url: str | None = None
    published_at: str | None = None
    path: Path | None = None
    notes: tuple[str, ...] = ()

    @property
    def sha256(self) -> str:
        payload = self.data if self.text is None else self.text.encode("utf-8")
        return hashlib.sha256(payload).hexdigest()


@dataclass(frozen=True)
class Failure:
    """An input that could not be read; `display` names it, `reason` says why."""

    display: str
    reason: str


@dataclass(frozen=True)
class Entry:
    """One input file found by enumeration, not read yet."""

    path: Path
    display: str
    rel: PurePosixPath  # below the common folder of all inputs

    @property
    def jsonl(self) -> bool:
        return self.path.suffix.lower() == ".jsonl"


@dataclass
class Inputs:
    """The enumerated inputs: files (and failures) in a stable order, and standard input."""

    items: list[Entry | Failure] = field(default_factory=list)
    stdin: bool = False

    def total(self) -> int:
        """How many articles to expect: one per file, one per non-blank .jsonl line."""
        count = int(self.stdin)
        for item in self.items:
            count += _count_lines(item.path) if isinstance(item, Entry) and item.jsonl else 1
        return count


def format_of(suffix: str, data: bytes, default: str = "text") -> str:
    """The input format by suffix; without a known suffix, HTML when the bytes start with <."""
    return SUFFIXES.get(suffix.lower()) or ("html" if data.lstrip()[:1] == b"<" else default)


def display(path: Path | str) -> str:
    """A path as text for messages and `source.path`: posix separators, undecodable bytes as \\xNN."""
    text = PurePosixPath(*Path(path).parts).as_posix() if Path(path).parts else "."
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def safe_part(name: str, *, limit: int = MAX_NAME_BYTES) -> str:
    """One output name part: bytes that are not UTF-8 become %XX; a part longer than `limit`
    UTF-8 bytes keeps its first characters and ends in ~ and 16 hex digits of the SHA-256
    of the original name, so equal inputs always get the same name."""
    raw = name.encode("utf-8", "surrogateescape")
    text = _RAW_BYTE.sub(lambda m: f"%{ord(m.group()) - 0xDC00:02X}", name)
    if len(text.encode("utf-8")) <= limit:
        return text
    digest = hashlib.sha256(raw).hexdigest()[:16]
    keep, size = [], 0
    for char in text:
        size += len(char.encode("utf-8"))
        if size > limit - 17:
            break
        keep.append(char)
    return "".join(keep) + "~" + digest


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def is_output_folder(folder: Path) -> bool:
    return (folder / OUTPUT_MARKER).exists()


def _walk(folder: Path, root: Path, skip: tuple[Path, ...], visited: set[Path],
          found: list[Path], failures: list[Failure]) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        failures.append(Failure(display(folder), f"cannot list the folder: {exc.strerror or exc}"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        wanted = path.suffix.lower() in SUFFIXES
        if entry.is_symlink():
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):
                if wanted:
                    failures.append(Failure(display(path), "broken symlink (its target does not exist)"))
                continue
            if not _inside(target, root):
                if wanted or target.is_dir():
                    failures.append(Failure(display(path), f"symlink to {display(target)}, outside the input "
                                                           f"folder {display(root)}: not followed"))
                continue
            is_dir, is_file = target.is_dir(), target.is_file()
        else:
            target = path
            is_dir, is_file = entry.is_dir(follow_symlinks=False), entry.is_file(follow_symlinks=False)
        if is_dir:
            real = path.resolve()
            if real in visited or any(_inside(real, s) for s in skip) or is_output_folder(path):
                continue
            visited.add(real)
            _walk(path, root, skip, visited, found, failures)
        elif is_file and wanted:
            found.append(path)


def enumerate_inputs(paths: Iterable[str], *, skip: Iterable[Path] = ()) -> Inputs:
    """Find the input files (nothing is read). `skip`: folders never walked (the output folder)."""
    skip = tuple(Path(s).resolve() for s in skip)
    inputs = Inputs()
    files: list[tuple[Path, Path]] = []  # (file, base folder)
    failures: list[Failure] = []
    for name in paths:
        if name == "-":
            inputs.stdin = True
            continue
        path = Path(name)
        if path.is_dir():
            root = path.resolve()
            found: list[Path] = []
            _walk(path, root, skip, {root}, found, failures)
            files.extend((p, path) for p in found)
        elif path.is_file():
            files.append((path, path.parent))
        elif path.is_symlink():
            failures.append(Failure(display(path), "broken symlink (its target does not exist)"))
        elif path.exists():
            failures.append(Failure(display(path), "not a regular file or a folder (a device, pipe or socket)"))
        else:
            failures.append(Failure(display(path), "no such file or folder"))
    absolute = [(Path(os.path.abspath(f)), Path(os.path.abspath(b))) for f, b in files]
    base = Path(os.path.commonpath([str(b) for _, b in absolute])) if absolute else Path(".")
    for (path, _), (full, _) in zip(files, absolute, strict=True):
        inputs.items.append(Entry(path, display(path), PurePosixPath(*full.relative_to(base).parts)))
    inputs.items.extend(failures)
    return inputs


class _Names:
    """Distinct, safe output names (without .json): x.txt and x.html become x.txt and x.html,
    a name already taken gets __2, __3 …"""

    def __init__(self, entries: list[Entry]) -> None:
        self.taken: set[PurePosixPath] = set()
        files = [e for e in entries if not e.jsonl]
        stems = Counter(e.rel.with_suffix("") for e in files)
        self.files = {e.path: self.unique(e.rel if stems[e.rel.with_suffix("")] > 1 else e.rel.with_suffix(""))
                      for e in files}

    def unique(self, name: PurePosixPath, taken: set[PurePosixPath] | None = None) -> PurePosixPath:
        taken = self.taken if taken is None else taken
        name = PurePosixPath(*(safe_part(part) for part in name.parts))
        candidate, number = name, 1
        while candidate in taken or candidate in self.taken:
            number += 1
            candidate = name.with_name(f"{name.name}__{number}")
        taken.add(candidate)
        return candidate


def id_part(ident: str, number: int) -> str:
    """The output name part of a .jsonl record's id (its line number when the id is empty)."""
    part = _UNSAFE.sub("_", ident) or str(number)
    return "_" + part[1:] if part.startswith(".") else part


def expand(inputs: Inputs, *, stdin: bytes | None = None, max_bytes: int = MAX_BYTES) -> Iterator[Task | Failure]:
    """Tasks (or failures) in input order; a .jsonl file's lines are read as they are consumed."""
    if inputs.stdin:
        data = sys.stdin.buffer.read() if stdin is None else stdin
        yield Task("-", PurePosixPath("stdin"), format_of("", data, "stdin"), data=data)
    names = _Names([item for item in inputs.items if isinstance(item, Entry)])
    for item in inputs.items:
        if isinstance(item, Failure):
            yield item
        elif item.jsonl:
            yield from _jsonl(item, names, max_bytes)
        else:
            yield Task(item.display, names.files[item.path], format_of(item.path.suffix, b""), path=item.path)


def load(paths: Iterable[str], *, stdin: bytes | None = None, max_bytes: int = MAX_BYTES,
         skip: Iterable[Path] = ()) -> Iterator[Task | Failure]:
    """Yield a Task per article (or a Failure per unreadable input), in input order."""
    yield from expand(enumerate_inputs(paths, skip=skip), stdin=stdin, max_bytes=max_bytes)


def _too_big(size: int, max_bytes: int) -> InputError:
    return InputError(f"{size:,} bytes, above the size limit of {max_bytes:,} bytes per input (option --max-bytes)")


def read(task: Task, *, max_bytes: int = MAX_BYTES) -> Task:
    """The task with its bytes read (a no-op for a task that has them). Raises InputError."""
    if task.path is None or task.data or task.text is not None:
        if max_bytes and len(task.data) > max_bytes:
            raise _too_big(len(task.data), max_bytes)
        return task
    try:
        with open(task.path, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if max_bytes and size > max_bytes:
                raise _too_big(size, max_bytes)
            data = stream.read(max_bytes + 1 if max_bytes else -1)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from exc
    if max_bytes and len(data) > max_bytes:
        raise _too_big(len(data), max_bytes)
    return replace(task, data=data, format=format_of(task.path.suffix, data))


def _lines(stream: BinaryIO, max_bytes: int) -> Iterator[bytes | None]:
    """The lines of a stream; None for a line longer than max_bytes (its bytes are skipped)."""
    while True:
        line = stream.readline(max_bytes + 1) if max_bytes else stream.readline()
        if not line:
            return
        if max_bytes and len(line) > max_bytes and not (len(line) == max_bytes + 1 and line.endswith(b"\n")):
            while line and not line.endswith(b"\n"):
                line = stream.readline(1 << 20)
            yield None
        else:
            yield line


def _count_lines(path: Path) -> int:
    count, last = 0, b"\n"
    try:
        with open(path, "rb") as stream:
            while chunk := stream.read(1 << 20):
                count += chunk.count(b"\n")
                last = chunk[-1:]
    except OSError:
        return 1
    return count + (last != b"\n") or 1


_JSON_TYPES = {bool: "a boolean", int: "a number", float: "a number", dict: "an object", list: "an array",
               str: "a string"}


def check_record(record: Any) -> str | None:
    """Why a .jsonl record cannot be extracted, or None."""
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return 'each line must be an object with a string "text"'
    unknown = set(record) - {"id", "text", "published_at", "url"}
    if unknown:
        return f"unknown keys: {', '.join(sorted(unknown))} (allowed: id, text, published_at, url)"
    ident = record.get("id")
    if ident is not None and (isinstance(ident, bool) or not isinstance(ident, str | int)):
        return f'"id" must be a string or an integer, not {_JSON_TYPES.get(type(ident), "that")}'
    for key, what in (("published_at", "an ISO 8601 time such as 2024-05-29T10:00:00+09:00"),
                      ("url", "the page address")):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            return f'"{key}" must be a string ({what}) or null, not {_JSON_TYPES.get(type(value), "that")}'
    return None


def _jsonl(entry: Entry, names: _Names, max_bytes: int) -> Iterator[Task | Failure]:
    try:
        stream = open(entry.path, "rb")  # noqa: SIM115 (closed below; a generator keeps it open)
    except OSError as exc:
        yield Failure(entry.display, f"cannot read: {exc.strerror or exc}")
        return
    folder = entry.rel.with_suffix("")
    taken: set[PurePosixPath] = set()
    first_line: dict[str, int] = {}
    with stream:
        for number, line in enumerate(_lines(stream, max_bytes), start=1):
            where = f"{entry.display}:{number}"
            if line is None:
                yield Failure(where, f"the line is longer than the size limit of {max_bytes:,} bytes per input "
                                     "(option --max-bytes)")
                continue
            if number == 1 and line.startswith(codecs.BOM_UTF8):
                line = line[len(codecs.BOM_UTF8):]
            if not line.strip():
                continue
            try:
                text, _ = decode(line)
                record = orjson.loads(text)
            except InputError as exc:
                yield Failure(where, str(exc))
                continue
            except orjson.JSONDecodeError as exc:
                yield Failure(where, f"not a JSON object: {exc}")
                continue
            problem = check_record(record)
            if problem:
                yield Failure(where, problem)
                continue
            ident = str(record.get("id") if record.get("id") is not None else number)
            name = names.unique(folder / id_part(ident, number), taken)
            notes: tuple[str, ...] = ()
            if ident in first_line:
                notes = (f"id {ident[:80]!r} is also used on line {first_line[ident]} of {entry.display}; "
                         f"this article is written as {name.name}",)
            else:
                first_line[ident] = number
            shown = ident if len(ident) <= 100 else ident[:100] + "…"
            yield Task(f"{entry.display}#{shown}", name, "jsonl", text=record["text"], id=ident,
                       url=record.get("url"), published_at=record.get("published_at"), notes=notes)
