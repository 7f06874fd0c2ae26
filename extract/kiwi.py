"""The process's one Kiwi tokenizer.

Kiwi takes a few seconds and 300-500 MB to load (its first analysis builds
lazy parts, so loading includes one), so it is loaded once per process, on first use, from the kiwipiepy-model package (nothing is
downloaded). Its list API is given one paragraph (or a piece of a long one,
see extract/segment.py) per item. `workers` is Kiwi's own thread count
(`num_workers`): a list call spreads its items over that many threads; the
tokens do not depend on it. A Kiwi with threads of its own, forked, hangs in
the child; with `workers=0` Kiwi has none (it is then given one item per call,
in the caller's thread), and that is how extract/forkserver.py loads it for
the worker processes forked from it.
"""

from __future__ import annotations

import threading
import warnings
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

_lock = threading.Lock()
_kiwi: Any = None
_workers = 0


def get(workers: int | None = None) -> Any:
    """The loaded Kiwi; `workers`: its thread count (None: whatever is loaded, else 1; 0: no thread of its
    own). A Kiwi loaded with another thread count is replaced (one model in memory)."""
    global _kiwi, _workers
    with _lock:
        if _kiwi is None or (workers is not None and workers != _workers):
            from kiwipiepy import Kiwi

            _kiwi = None  # the old model is freed before the new one loads
            wanted = 1 if workers is None else workers
            with warnings.catch_warnings():  # num_workers=0 warns that it once meant "all cores"
                warnings.simplefilter("ignore", DeprecationWarning)
                kiwi = Kiwi(num_workers=wanted)
            kiwi.tokenize("모델을 준비한다.")  # the first analysis builds Kiwi's lazy parts (about 1.5 s)
            _kiwi, _workers = kiwi, wanted
        return _kiwi


def workers() -> int:
    """Kiwi's thread count (0 before it is loaded)."""
    return _workers


def tokenize(paragraphs: Sequence[str]) -> list[list[Any]]:
    """Kiwi tokens for each paragraph (one list-API call)."""
    if not paragraphs:
        return []
    engine = get()
    if _workers == 0:  # no threads of its own: the list API is not there
        return [engine.tokenize(paragraph) for paragraph in paragraphs]
    return [tokens if isinstance(tokens, list) else list(tokens) for tokens in engine.tokenize(list(paragraphs))]


def stream(items: Iterable[str]) -> Iterator[list[Any]]:
    """Kiwi tokens for each item, in order, as each is done (one list-API call that reads `items` as it goes)."""
    for tokens in get().tokenize(iter(items)):
        yield tokens if isinstance(tokens, list) else list(tokens)
