"""Stage 8, write: JSON bytes, written atomically (temporary file, then rename).

Serialisation is deterministic: keys in model order, records sorted by offset,
no timestamps. Decimal values are written as JSON numbers with their exact
digits (never through a float), and so are integers beyond 64 bits.
Files get the mode the process umask gives a new file (0644 under umask 022).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A stream whose bytes replace `path` at once when the block ends (nothing changes if it fails);
    the file gets the mode the umask gives a new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # A short fixed prefix: the temporary name must fit wherever the final name fits.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".extract-", suffix=".tmp")
    try:
        os.fchmod(handle, file_mode())
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def atomic_write(path: Path, data: bytes) -> None:
    with atomic_file(path) as stream:
        stream.write(data)


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
