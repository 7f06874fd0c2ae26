"""The process's one Kiwi tokenizer.

Kiwi takes a few seconds and 300-500 MB to load (its first analysis builds
lazy parts, so loading includes one), so it is loaded once per process, on first use, from the kiwipiepy-model package (nothing is
downloaded). Its list API is given one paragraph (or a piece of a long one,
see extract/segment.py) per item. A process that
forks after loading Kiwi and then uses the list API hangs, so parallel work
uses spawned processes (extract/batch.py), never fork.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

_lock = threading.Lock()
_kiwi: Any = None


def get() -> Any:
    global _kiwi
    with _lock:
        if _kiwi is None:
            from kiwipiepy import Kiwi

            kiwi = Kiwi(num_workers=1)
            kiwi.tokenize("모델을 준비한다.")  # the first analysis builds Kiwi's lazy parts (about 1.5 s)
            _kiwi = kiwi
        return _kiwi


def tokenize(paragraphs: Sequence[str]) -> list[list[Any]]:
    """Kiwi tokens for each paragraph (one list-API call)."""
    if not paragraphs:
        return []
    return [list(tokens) for tokens in get().tokenize(list(paragraphs))]
