"""Stage 8, write: JSON bytes, written atomically (temporary file, then rename).

`atomic_write` writes one file and makes it durable (fsync) before the rename.
A batch of files is written through a `Group`: each file goes to a temporary
file at once; the group then makes all of them durable together (one
`syncfs` of their file system on Linux, where one call costs about what one
fsync does; elsewhere, and for a group of one file, an fsync per file) and
renames each into place. A file is thus never seen under its final name before
its bytes are on disk, and an interrupted run leaves whole files only (and, if
killed, hidden `.extract-*.tmp` files, as a single write killed half-way does).

Serialisation is deterministic: keys in model order, records sorted by offset,
no timestamps. Decimal values are written as JSON numbers with their exact
digits (never through a float), and so are integers beyond 64 bits.
Files get the mode the process umask gives a new file (0644 under umask 022).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import orjson

if TYPE_CHECKING:
    from schemas import Article

_INT64 = (-(2**63), 2**64 - 1)  # the range orjson writes natively


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return orjson.Fragment(format(value, "f").encode())
    raise TypeError(f"cannot serialise {type(value).__name__}")


def exact(value: Any) -> Any:
    """Integers orjson cannot write (beyond 64 bits) as JSON numbers with their exact digits."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value if _INT64[0] <= value <= _INT64[1] else orjson.Fragment(str(value).encode())
    if isinstance(value, dict):
        return {key: exact(item) for key, item in value.items()}
    if isinstance(value, list):
        return [exact(item) for item in value]
    return value


def dumps(article: Article, *, indent: bool = True) -> bytes:
    option = orjson.OPT_INDENT_2 if indent else 0
    record = article.model_dump(mode="python")
    try:
        data = orjson.dumps(record, default=_default, option=option)
    except orjson.JSONEncodeError:  # an integer beyond 64 bits (rare): the record walked once for it
        data = orjson.dumps(exact(record), default=_default, option=option)
    return data + b"\n" if indent else data


def file_mode() -> int:
    """The mode a new regular file gets under the current umask."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


@contextlib.contextmanager
def _temporary(path: Path) -> Iterator[tuple[BinaryIO, str]]:
    """A new temporary file beside `path`, open for writing, with the mode the umask gives a new file, and its
    name; removed if the block raises."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # A short fixed prefix: the temporary name must fit wherever the final name fits.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".extract-", suffix=".tmp")
    try:
        os.fchmod(handle, file_mode())
        with os.fdopen(handle, "wb") as stream:
            yield stream, temporary
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A stream whose bytes replace `path` at once when the block ends (nothing changes if it fails);
    the file gets the mode the umask gives a new file."""
    with _temporary(path) as (stream, temporary):
        yield stream
        stream.flush()
        os.fsync(stream.fileno())
        os.replace(temporary, path)


def atomic_write(path: Path, data: bytes) -> None:
    with atomic_file(path) as stream:
        stream.write(data)


def _load_syncfs() -> Callable[[int], int] | None:
    """Linux's syncfs(fd) (every dirty file of fd's file system written out, in one call), or None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int]
    function.restype = ctypes.c_int
    return function


_syncfs = _load_syncfs()


def _sync_file_system(folder: Path) -> None:
    """Every file written to `folder`'s file system so far is on disk when this returns (raises OSError)."""
    assert _syncfs is not None
    fd = os.open(folder, os.O_RDONLY)
    try:
        if _syncfs(fd) != 0:
            error = ctypes.get_errno()
            raise OSError(error, os.strerror(error))
    finally:
        os.close(fd)


def _sync_file(name: str) -> None:
    """The file's bytes are on disk when this returns (raises OSError)."""
    fd = os.open(name, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Group:
    """Atomic, durable files written as a group: `write` puts a file's bytes in a temporary file beside it
    (raising OSError, with nothing left behind, if that fails); `commit` makes every waiting file durable
    together and renames each into place. `write` itself commits once the oldest waiting file has waited
    `delay` seconds or `size` files wait, and at the group's first file (so the first output comes without
    delay); what those commits could not do waits in `failed`. `close` (the end of a `with` block, also
    when it raises: every file written is whole) commits what still waits, then makes the renames
    themselves durable, and returns every file that failed, with its error."""

    def __init__(self, *, size: int = 256, delay: float = 1.0, sync: bool = True) -> None:
        self.size = size
        self.delay = delay
        self.sync = sync and _syncfs is not None  # else each file is synced when written
        self.failed: list[tuple[Path, OSError]] = []
        self._waiting: list[tuple[str, Path, int]] = []  # (temporary, final path, device)
        self._since = 0.0
        self._renamed: dict[int, Path] = {}  # a folder of each file system a file was renamed in
        self._committed = 0

    def __enter__(self) -> Group:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def waiting(self) -> int:
        """Files written and not yet committed."""
        return len(self._waiting)

    def write(self, path: Path, data: bytes) -> None:
        with _temporary(path) as (stream, temporary):
            stream.write(data)
            stream.flush()
            if not self.sync:
                os.fsync(stream.fileno())
            device = os.fstat(stream.fileno()).st_dev
        if not self._waiting:
            self._since = time.monotonic()
        self._waiting.append((temporary, path, device))
        if not self._committed or len(self._waiting) >= self.size or time.monotonic() - self._since >= self.delay:
            self.failed += self.commit()

    def commit(self) -> list[tuple[Path, OSError]]:
        """Every waiting file made durable and renamed into place; the ones that failed, with the error."""
        waiting, self._waiting = self._waiting, []
        if not waiting:
            return []
        if self.sync:
            try:
                if len(waiting) == 1:  # one file (the first one; a slow run): its own bytes, no one else's
                    _sync_file(waiting[0][0])
                else:
                    for folder in {device: path.parent for _, path, device in waiting}.values():
                        _sync_file_system(folder)
            except OSError as exc:
                for temporary, _, _ in waiting:
                    Path(temporary).unlink(missing_ok=True)
                return [(path, exc) for _, path, _ in waiting]
        failed = []
        for temporary, path, device in waiting:
            try:
                os.replace(temporary, path)
            except OSError as exc:
                Path(temporary).unlink(missing_ok=True)
                failed.append((path, exc))
            else:
                self._committed += 1
                self._renamed.setdefault(device, path.parent)
        return failed

    def close(self) -> list[tuple[Path, OSError]]:
        failed = self.failed + self.commit()
        self.failed = []
        if self.sync:
            for folder in self._renamed.values():
                with contextlib.suppress(OSError):  # every file is whole and in place; a crash could undo a rename
                    _sync_file_system(folder)
            self._renamed.clear()
        return failed


class LineWriter:
    """Appends whole lines to a JSON Lines file or stream as they come.

    Each line is written with one call and flushed, so an interrupted run keeps
    every finished line; a failed write is cut back, so the file never ends in
    half a line.
    """

    def __init__(self, target: Path | BinaryIO) -> None:
        self.path = target if isinstance(target, Path) else None
        if isinstance(target, Path):
            target.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND, file_mode())
            self.stream: BinaryIO = os.fdopen(fd, "wb", buffering=0)
            self.owned = True
        else:
            self.stream = target
            self.owned = False
        self.lines = 0

    def write(self, line: bytes) -> None:
        data = line.rstrip(b"\n") + b"\n"
        if self.owned:
            size = os.fstat(self.stream.fileno()).st_size
            try:
                view = memoryview(data)
                while view:
                    view = view[self.stream.write(view) or 0:]
            except BaseException:
                os.ftruncate(self.stream.fileno(), size)
                raise
        else:
            self.stream.write(data)
            self.stream.flush()
        self.lines += 1

    def close(self) -> None:
        if self.owned:
            self.stream.close()
