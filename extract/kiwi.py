"""The process's one Kiwi tokenizer.

Kiwi takes about a second and 300-500 MB to load, so it is loaded once per
process, on first use, from the kiwipiepy-model package (nothing is
downloaded). Its list API is given one paragraph per item. A process that
forks after loading Kiwi and then uses the list API hangs, so parallel work
uses Kiwi's own worker threads (`num_workers`) or spawned processes, never fork.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

_lock = threading.Lock()
_kiwi: Any = None
_workers = 1


def configure(num_workers: int) -> None:
    """Set Kiwi's worker threads; only before the first use."""
    global _workers
    if _kiwi is not None and num_workers != _workers:
        raise RuntimeError("Kiwi is already loaded; configure it before the first use")
    _workers = max(1, num_workers)


def get() -> Any:
    global _kiwi
    with _lock:
        if _kiwi is None:
            from kiwipiepy import Kiwi

            _kiwi = Kiwi(num_workers=_workers)
        return _kiwi


def loaded() -> bool:
    return _kiwi is not None


def tokenize(paragraphs: Sequence[str]) -> list[list[Any]]:
    """Kiwi tokens for each paragraph (one list-API call)."""
    if not paragraphs:
        return []
    return [list(tokens) for tokens in get().tokenize(list(paragraphs))]
