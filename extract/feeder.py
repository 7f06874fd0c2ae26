"""Kiwi beside the project's own stages: one thread tokenizes the articles ahead while the caller works.

The caller submits each article's Kiwi items (extract/segment.py `items`) as
soon as the article is cleaned and gets a `Ticket`; a thread takes the items of
every waiting article, in order, up to `BATCH` characters per Kiwi call (so one
call holds many articles' paragraphs, one paragraph or piece per item), and
hands each item's tokens to its ticket as Kiwi finishes it. Kiwi analyses
without Python's lock, so its threads run on other cores while the caller runs
the rule and entity stages of earlier articles.

A ticket that is cancelled (its input failed or ran out of time) has its items
not yet given to Kiwi skipped; an item already in a Kiwi call (at most
`BATCH` characters per call) finishes first. Tokens never depend on how items
are grouped into calls.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterator
from typing import Any

from extract import budget, kiwi

BATCH = 50_000  # characters per Kiwi call
POLL = 0.05  # seconds between budget checks while waiting (where no timer signal can interrupt the wait)


class Ticket:
    """The tokens of one article's items, filled in by the feeder thread."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.tokens: list[list[Any] | None] = [None] * len(texts)
        self.taken = 0  # items handed to Kiwi (feeder thread)
        self.delivered = 0
        self.cancelled = False
        self.error: BaseException | None = None
        self.done = threading.Event()
        if not texts:
            self.done.set()

    def result(self, texts: list[str] | None = None) -> list[list[Any]]:
        """The tokens of every item (waits for them; the caller's time budget can end the wait)."""
        if texts is not None and texts != self.texts:
            raise ValueError("the items asked for are not the items submitted")
        while not self.done.wait(POLL):
            budget.check()
        if self.error is not None:
            raise self.error
        return self.tokens  # type: ignore[return-value]

    def cancel(self) -> None:
        self.cancelled = True

    def _deliver(self, index: int, tokens: list[Any]) -> None:
        self.tokens[index] = tokens
        self.delivered += 1
        if self.delivered == len(self.texts):
            self.done.set()

    def _fail(self, error: BaseException) -> None:
        if not self.done.is_set():
            self.error = error
            self.done.set()


class Feeder:
    """The tokenizing thread. Use as a context manager, or call `close()`."""

    def __init__(self, batch: int = BATCH) -> None:
        self.batch = batch
        self._queue: deque[Ticket] = deque()
        self._ready = threading.Condition()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="extract-kiwi", daemon=True)
        self._thread.start()

    def __enter__(self) -> Feeder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close(cancel=exc[0] is not None)

    def submit(self, texts: list[str]) -> Ticket:
        ticket = Ticket(texts)
        if texts:
            with self._ready:
                if self._closed:
                    raise RuntimeError("the feeder is closed")
                self._queue.append(ticket)
                self._ready.notify()
        return ticket

    def close(self, *, cancel: bool = False) -> None:
        """Stop the thread once the queue is done (cancel: drop what is still queued)."""
        with self._ready:
            if cancel:
                for ticket in self._queue:
                    ticket.cancel()
            self._closed = True
            self._ready.notify()
        self._thread.join()

    def _take(self) -> list[tuple[Ticket, int]]:
        """The next call's items: in order, up to `batch` characters (at least one item)."""
        chunk: list[tuple[Ticket, int]] = []
        size = 0
        while self._queue:
            ticket = self._queue[0]
            if ticket.cancelled:
                self._queue.popleft()
                continue
            while ticket.taken < len(ticket.texts):
                length = len(ticket.texts[ticket.taken])
                if chunk and size + length > self.batch:
                    return chunk
                chunk.append((ticket, ticket.taken))
                ticket.taken += 1
                size += length
            self._queue.popleft()
        return chunk

    def _run(self) -> None:
        while True:
            with self._ready:
                while not self._queue and not self._closed:
                    self._ready.wait()
                if not self._queue:
                    return
                chunk = self._take()
            given: deque[tuple[Ticket, int]] = deque()

            def texts(chunk: list[tuple[Ticket, int]] = chunk, given: deque = given) -> Iterator[str]:
                for ticket, index in chunk:
                    if not ticket.cancelled:
                        given.append((ticket, index))
                        yield ticket.texts[index]

            try:
                for tokens in kiwi.stream(texts()):
                    ticket, index = given.popleft()
                    ticket._deliver(index, tokens)
            except BaseException as exc:  # the articles of this call fail; the thread goes on
                for ticket, _ in chunk:
                    ticket._fail(exc)
