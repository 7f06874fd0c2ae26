"""Stage 8, write: JSON bytes, written atomically (temporary file, then rename).

Serialisation is deterministic: keys in model order, records sorted by offset,
no timestamps. Decimal values are written as JSON numbers with their exact
digits (never through a float).
"""

from __future__ import annotations

import os
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import orjson

from schemas import Article


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return orjson.Fragment(format(value, "f").encode())
    raise TypeError(f"cannot serialise {type(value).__name__}")


def dumps(article: Article, *, indent: bool = True) -> bytes:
    option = orjson.OPT_INDENT_2 if indent else 0
    data = orjson.dumps(article.model_dump(mode="python"), default=_default, option=option)
    return data + b"\n" if indent else data


def atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
