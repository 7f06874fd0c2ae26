"""`--jobs N` as N worker processes: each input extracted whole by one of them, results in input order.

The parent process enumerates the inputs and hands them out one at a time, each
to a worker that is free. By default (start="forkserver") the workers are
forked from one process that loaded everything first: multiprocessing's fork
server, with extract/forkserver.py as its preload (Kiwi without threads of its
own, the rules, the word lists, the entity model), so a worker, and a worker
started anew after a death, is ready in milliseconds and shares the loaded
pages with the others. start="spawn" starts each worker as a new interpreter
that loads everything itself; start="fork" forks the workers from the parent
after the parent loaded the preload. Each worker runs the one-job pipeline on
each input it is given, within the input's time budget (its own real-time
timer: the worker runs the input in its main thread). Results come back as the
JSON bytes the parent writes, in input order: at most `ahead` inputs are handed
out or finished and waiting for an earlier one, so memory stays flat however
many inputs there are.

A worker that dies (killed, out of memory) costs only the input it was working
on: that input fails with a reason that says so, a new worker is started and the
rest goes on. A worker still busy with one input well past its time budget (a
native call that does not return) is ended the same way. Workers that die while
starting, before any input, START_FAILURES in a row, end the run (a model that
cannot load would fail every input), and so does the fork server's end (no
worker could be started any more): both raise WorkerStartError. A worker whose
parent has gone ends after its input.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import os
import resource
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

POLL = 0.25  # seconds between checks of the workers' time while results are awaited
GRACE = 10.0  # seconds past an input's time budget before its worker is ended from outside
START_FAILURES = 3  # workers that die while starting, in a row, before the run stops
STOP_SECONDS = 5.0  # a worker asked to stop that is still there after this is killed
SERVER_WAIT = 5.0  # seconds to wait for the end of a fork server that seems to have ended
SERVER_GONE = 255  # the exit code multiprocessing gives a worker whose fork server has gone


START_METHODS = ("forkserver", "fork", "spawn")


class WorkerStartError(RuntimeError):
    """Worker processes die while starting (before any input), fail to load, or can no longer be started."""


def died_reason(exitcode: int | None) -> str:
    """What a user is told about an input whose worker process ended under it."""
    return (f"the worker process extracting this input died ({_how(exitcode)}): out of memory? "
            "try a lower --max-bytes or --jobs; the other inputs went on")


def _how(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exit code {exitcode}"


def overran_reason(seconds: float) -> str:
    return (f"took longer than the time budget of {seconds:g} s per input (option --timeout) and did not stop; "
            "its worker process was ended")


# In the parent: what the workers reported when they stopped (read by the benchmark).
WORKER_CPU: list[float] = []  # CPU seconds (user + system) of each worker process that stopped cleanly
WORKER_STAGES: list[tuple[dict[str, float], dict[str, float]]] = []  # each one's stage wall and CPU seconds


def _serve(conn: Connection, warm: Callable[[], None], work: Callable[..., Any], args: tuple) -> None:
    """A worker's life: warm up, then `work(item, *args)` for each item received until None comes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # an interrupt ends the parent, which ends its workers
    try:
        try:
            warm()
        except BaseException as exc:  # sent to the parent, which raises it
            conn.send(("error", exc))
            return
        conn.send(("ready", os.getpid()))
        while True:
            try:
                message = conn.recv()
            except EOFError:  # the parent has gone
                return
            if message is None:
                break
            number, item = message
            try:
                result = work(item, *args)
            except BaseException as exc:  # the work function lets it through: it ends the run
                conn.send(("error", exc))
                return
            conn.send(("done", number, result))
    except OSError:  # the parent has gone (a broken pipe): nobody to tell
        os._exit(0)
    from extract import pipeline

    usage = resource.getrusage(resource.RUSAGE_SELF)
    conn.send(("stopped", usage.ru_utime + usage.ru_stime, dict(pipeline.STAGE_SECONDS), dict(pipeline.STAGE_CPU)))
    conn.close()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)  # nothing left to do: tearing down the interpreter and the model would only delay the run's end


@dataclass
class _Worker:
    process: Any
    conn: Connection
    ready: bool = False
    number: int | None = None  # the input it works on
    since: float = 0.0  # when it was given that input (time.monotonic)


@dataclass
class _Slot:
    item: Any
    result: Any = None
    done: bool = False


@dataclass
class Pool:
    """N worker processes running `work(item, *args)`, started by `start` (one of START_METHODS) after the
    modules named in `preload` are loaded (in the fork server, or in this process for "fork"); see `ordered`.
    One pool at a time in a process (the fork server is the process's own); it stops with the pool."""

    jobs: int
    warm: Callable[[], None]
    work: Callable[..., Any]
    args: tuple = ()
    limit: float | None = None  # seconds after which a busy worker is ended from outside (None: never)
    start: str = "spawn"
    preload: tuple[str, ...] = ()
    workers: list[_Worker] = field(default_factory=list)
    failed_starts: int = 0

    def __post_init__(self) -> None:
        if self.start not in START_METHODS:
            raise ValueError(f"start must be one of {', '.join(START_METHODS)}, not {self.start!r}")
        self._context = multiprocessing.get_context(self.start)
        if self.start == "forkserver":
            _stop_forkserver()  # a server left by an earlier pool holds an earlier state
            self._context.set_forkserver_preload(["__main__", *self.preload])
        elif self.start == "fork":
            for name in self.preload:
                importlib.import_module(name)
        try:
            for _ in range(self.jobs):
                self._start()
        except BaseException:
            self.close(kill=True)
            raise

    def _start(self) -> None:
        ended = self._server_ended()
        if ended is not None:  # (multiprocessing would start a new one, which would load everything again)
            raise WorkerStartError(ended)
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_serve, args=(child, self.warm, self.work, self.args),
                                        name="extract-worker", daemon=True)
        try:
            process.start()
        except (OSError, EOFError) as exc:  # the fork server is gone
            parent.close()
            raise WorkerStartError(f"cannot start a worker process: {self._server_ended(SERVER_WAIT) or exc}") from exc
        finally:
            child.close()
        self.workers.append(_Worker(process, parent))

    def _server_ended(self, wait: float = 0.0) -> str | None:
        """How the fork server ended, if it has (None: it runs, or there is none); `wait`: seconds to wait
        for its end (a process that is ending closes its files before its end can be read)."""
        if self.start != "forkserver":
            return None
        from multiprocessing import forkserver

        pid = getattr(forkserver._forkserver, "_forkserver_pid", None)
        if pid is None:
            return None
        until = time.monotonic() + wait
        while True:
            try:
                status = os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
            except ChildProcessError:  # already waited for
                return f"the fork server (pid {pid}) that starts the worker processes has ended"
            if status is not None or time.monotonic() >= until:
                break
            time.sleep(0.02)
        if status is None:
            return None
        code = -status.si_status if status.si_code in (os.CLD_KILLED, os.CLD_DUMPED) else status.si_status
        return (f"the process that loaded the model and starts the worker processes (the fork server, pid {pid}) "
                f"ended ({_how(code)}); no worker can be started any more")

    def free(self) -> list[_Worker]:
        return [w for w in self.workers if w.ready and w.number is None]

    def give(self, worker: _Worker, number: int, item: Any) -> None:
        worker.conn.send((number, item))
        worker.number, worker.since = number, time.monotonic()

    def events(self, timeout: float) -> Iterator[tuple[int, Any, str | None]]:
        """(input number, result, None) of each input finished within `timeout` seconds, and
        (input number, None, reason) of each input lost with its worker (started anew)."""
        waiting = {w.conn: w for w in self.workers} | {w.process.sentinel: w for w in self.workers}
        ready = wait(list(waiting), timeout)
        seen: set[int] = set()
        for handle in ready:
            worker = waiting[handle]
            if id(worker) in seen:
                continue
            seen.add(id(worker))
            yield from self._read(worker)
        if self.limit is not None:
            now = time.monotonic()
            for worker in list(self.workers):
                if worker.number is not None and now - worker.since > self.limit:
                    number = worker.number
                    self._end(worker)
                    yield number, None, OVERRAN

    def _read(self, worker: _Worker) -> Iterator[tuple[int, Any, str | None]]:
        while True:
            try:
                if not worker.conn.poll():
                    break
                message = worker.conn.recv()
            except (EOFError, OSError):  # the worker is gone, or going
                worker.process.join(STOP_SECONDS)
                if worker.process.is_alive():
                    worker.process.kill()
                    worker.process.join()
                break
            kind = message[0]
            if kind == "ready":
                worker.ready = True
                self.failed_starts = 0
            elif kind == "done":
                _, number, result = message
                worker.number = None
                yield number, result, None
            elif kind == "error":
                if worker.ready or not isinstance(message[1], Exception) or _usage(message[1]):
                    raise message[1]
                raise WorkerStartError(f"the worker processes could not load: {type(message[1]).__name__}: "
                                       f"{message[1]}") from message[1]
        if not worker.process.is_alive():
            # the status of a worker is read through the fork server: when the server ends, each of its workers
            # seems to end with SERVER_GONE
            ended = self._server_ended(SERVER_WAIT if worker.process.exitcode == SERVER_GONE else 0.0)
            if ended is not None:  # the workers' deaths are the server's (their status came through it)
                raise WorkerStartError(ended)
            worker.process.join()
            number = worker.number
            self._drop(worker)
            if not worker.ready:
                self.failed_starts += 1
                if self.failed_starts >= START_FAILURES:
                    raise WorkerStartError(f"worker processes die while starting ({_how(worker.process.exitcode)})")
            self._start()
            if number is not None:
                yield number, None, died_reason(worker.process.exitcode)

    def _drop(self, worker: _Worker) -> None:
        self.workers.remove(worker)
        worker.conn.close()

    def _end(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join()
        self._drop(worker)
        self._start()

    def close(self, *, kill: bool = False) -> None:
        """Stop every worker, collecting what they report (kill: at once, without waiting for the input
        each one works on)."""
        if kill:
            orphans = self._server_ended() is not None
            for worker in self.workers:
                _kill(worker.process, orphans)
        for worker in self.workers:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        end = time.monotonic() + STOP_SECONDS
        for worker in self.workers:
            try:
                while worker.conn.poll(max(end - time.monotonic(), 0)):
                    message = worker.conn.recv()
                    if message[0] == "stopped":
                        WORKER_CPU.append(message[1])
                        WORKER_STAGES.append((message[2], message[3]))
                        break
            except (EOFError, OSError, ValueError):
                pass
            worker.process.join(max(end - time.monotonic(), 0.1))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self.workers.clear()
        if self.start == "forkserver":
            _stop_forkserver()


def _usage(exc: BaseException) -> bool:
    """An error the user made (invalid rule files): raised as it is, not as a failure to start."""
    from extract.patterns import PatternError

    return isinstance(exc, PatternError)


def _kill(process: Any, orphan: bool) -> None:
    """SIGKILL to a worker; `orphan`: its fork server has ended, so its status (read through the server) says
    nothing and it may still run."""
    if orphan and process.pid is not None:
        with contextlib.suppress(OSError):
            os.kill(process.pid, signal.SIGKILL)
    elif process.exitcode is None:
        process.kill()


def _stop_forkserver() -> None:
    """End this process's fork server (it holds the state loaded when it started), if there is one."""
    from multiprocessing import forkserver, util

    server = forkserver._forkserver
    with server._lock:
        pid = getattr(server, "_forkserver_pid", None)
        if pid is None:
            return
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGTERM)
        with contextlib.suppress(OSError):
            os.close(server._forkserver_alive_fd)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
        address = server._forkserver_address
        if address and not util.is_abstract_socket_namespace(address):
            with contextlib.suppress(OSError):
                os.unlink(address)
        server._forkserver_pid = server._forkserver_alive_fd = server._forkserver_address = None


OVERRAN = "overran"  # the reason given for an input whose worker was ended past the time limit


def ordered(items: Iterable[Any], pool: Pool, *, ahead: int, wanted: Callable[[Any], bool],
            lost: Callable[[Any, str], Any]) -> Iterator[tuple[Any, Any]]:
    """Each item with its result, in the order given: the items for which `wanted(item)` is true are worked on
    by the pool's workers, one at a time each, as they free up (the others' result is None); at most `ahead`
    items are between being taken from `items` and being yielded. `lost(item, reason)`: the result of an item
    whose worker died (`reason` says how) or was ended past the pool's time limit (`reason` is OVERRAN).
    The pool is closed at the end."""
    slots: dict[int, _Slot] = {}
    queue: deque[int] = deque()
    source = iter(items)
    taken = first = 0
    exhausted = finished = False
    try:
        while True:
            while not exhausted and taken - first < ahead:
                try:
                    item = next(source)
                except StopIteration:
                    exhausted = True
                    break
                slots[taken] = _Slot(item, done=not wanted(item))
                if not slots[taken].done:
                    queue.append(taken)
                taken += 1
            for worker in pool.free():
                if not queue:
                    break
                number = queue.popleft()
                pool.give(worker, number, slots[number].item)
            progressed = False
            while first in slots and slots[first].done:
                slot = slots.pop(first)
                first += 1
                progressed = True
                yield slot.item, slot.result
            if exhausted and first == taken:
                finished = True
                return
            if progressed:
                continue
            for number, result, reason in pool.events(POLL):
                slot = slots[number]
                slot.result = result if reason is None else lost(slot.item, reason)
                slot.done = True
    finally:
        pool.close(kill=not finished)
