"""A wall-clock time budget for one input.

In the main thread of a process (the CLI, and each worker process of
`--jobs`), a real-time interval timer (SIGALRM) interrupts the work when the
budget is spent, wherever it is in Python code; a call into native code (one
Kiwi batch, one regex call with its own timeout) finishes first, and those are
kept short. Elsewhere (other threads) the budget is checked between stages.
Either way the input ends with `TimeBudgetExceeded`, an `InputError`.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from extract.errors import InputError

DEFAULT_SECONDS = 60.0
_deadline: list[float] = []  # the current budget's end (time.monotonic), innermost last


class TimeBudgetExceeded(InputError):
    """The input took longer than its time budget."""


def _error(seconds: float) -> TimeBudgetExceeded:
    return TimeBudgetExceeded(f"took longer than the time budget of {seconds:g} s per input (option --timeout); "
                              "stopped")


def check() -> None:
    """Raise TimeBudgetExceeded if the current budget is spent (a cooperative check point)."""
    if _deadline and time.monotonic() > _deadline[-1]:
        raise _error(_seconds[-1])


_seconds: list[float] = []
_RETRY_SECONDS = 0.005


def _in_finaliser(frame) -> bool:  # type: ignore[no-untyped-def]
    """Whether the interrupted code runs inside a `__del__` (garbage collection), where Python only
    prints an exception and goes on."""
    while frame is not None:
        if frame.f_code.co_name == "__del__":
            return True
        frame = frame.f_back
    return False


@contextmanager
def time_limit(seconds: float | None, *, total: float | None = None) -> Iterator[None]:
    """Run the block with a wall-clock budget of `seconds` (None or 0: no budget). `total`: the budget
    the error names, when the block has what is left of a budget spent in part before it."""
    if not seconds or seconds <= 0:
        yield
        return
    named = total or seconds
    seconds = max(seconds, 0.001)
    _deadline.append(time.monotonic() + seconds)
    _seconds.append(named)
    timer = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    previous = None
    active = [True]
    if timer:
        def expired(signum, frame):  # type: ignore[no-untyped-def]
            if not active[0]:  # never raise once the block is left
                return
            if _in_finaliser(frame):  # an exception there is only printed and lost: raise just after it
                signal.setitimer(signal.ITIMER_REAL, _RETRY_SECONDS)
                return
            raise _error(named)

        previous = signal.signal(signal.SIGALRM, expired)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        active[0] = False
        if timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        _deadline.pop()
        _seconds.pop()
