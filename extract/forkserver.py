"""What the worker processes of `--jobs N` are forked from: everything loaded once, by importing this module.

`extract/workers.py` starts multiprocessing's fork server with this module as
its preload: the server imports it, which loads Kiwi, the rules, the word lists
and the entity model and extracts one short article (so that everything loaded
lazily is loaded too), and then forks each worker from that state. A worker
starts in milliseconds and shares the loaded pages with the server and the
other workers until it writes to them (the model's hundreds of MB are only read).

Forking is safe because the server has one thread when it forks: Kiwi is
loaded with `num_workers=0` (no thread pool of its own; extract/kiwi.py then
tokenizes one item per call in the caller's thread), and nothing else here
starts a thread. A Kiwi with a thread pool, forked, would hang in the child.

A failure to load is kept, not raised (the fork server would swallow it or
die): each worker raises it again when it starts (`check`), so the run ends
with it.
"""

from __future__ import annotations

import gc

SAMPLE = "서울시는 지난 5일 시청에서 김민수 시장이 예산 3억 원을 발표했다고 밝혔다.\n"

ERROR: BaseException | None = None  # what went wrong while loading (raised again by `check`)
LOADED = False


def load() -> None:
    """Load Kiwi without threads of its own, the rules, the word lists and the entity model, and extract one
    short article; then move every object made so far out of the collector's reach (gc.freeze), so that
    collections in the workers do not write to the shared pages."""
    global ERROR, LOADED
    try:
        from extract import batch, kiwi, pipeline

        kiwi.get(0)
        batch._warm(None)
        pipeline.extract_text(SAMPLE, published_at="2024-03-07T10:00:00+09:00")
    except BaseException as exc:  # kept for the workers to raise: the run ends with it
        ERROR = exc
    else:
        LOADED = True
    gc.collect()
    gc.freeze()


def check() -> None:
    """In a worker: raise what went wrong while loading (importing this module loaded everything)."""
    if ERROR is not None:
        raise ERROR


load()
