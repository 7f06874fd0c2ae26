"""Running many inputs: the CLI's default command, as a library.

Each input is extracted on its own: reading, decoding, extracting, serialising
and writing a file all happen inside a per-input guard, so a bad file becomes a
failure with its reason (on stderr and in `<out>/errors.jsonl`) and never stops
the batch or touches another file's output. Each input has a wall-clock time
budget and a size limit. Inputs are enumerated first and read when their turn
comes; `--format jsonl` appends each article as it finishes.

Problems with the output place (a file where the folder must be, a folder that
cannot be written, a folder where an output file must go, another run writing
to the same folder) are found before any work starts and raise UsageError.

With jobs > 1 (extract/workers.py) the inputs are handed out one at a time to
`jobs` worker processes as they free up, forked from a fork server that loaded
Kiwi, the rules and the model once (extract/forkserver.py); each runs the
one-job pipeline, within the input's time budget, and sends back the JSON
the parent writes, in input order; at most AHEAD inputs are in flight, so
memory stays flat. A worker that dies costs only its input (which fails with a
reason that says so); a new one is started. The files written are the same as
with jobs 1.

With parallel="threads" the run stays one process with one Kiwi model (less
memory, less gain): Kiwi runs with `jobs - 1` threads of its own, fed by a
thread that hands it the inputs ahead (extract/feeder.py), many articles'
paragraphs per call; the rules of the inputs ahead are matched in one more
thread (regex matching runs without Python's lock); reading, cleaning and the
entity stage run in the main thread (the project's Python code takes one core:
it holds Python's lock); at most AHEAD inputs are in flight. Each input's time
budget counts its own reading, cleaning, waiting for its tokens and later
stages, not the time it waits in line while the inputs before it finish.

In both, with a file per article, the files are written in input order by one
more thread, so the main thread does not wait for the disk.

A file per article is written atomically and durably, in groups
(extract/write.py `Group`): each article's JSON goes to a temporary file as it
finishes; the waiting files are made durable together and then renamed into
place, the first one at once and then at least every GROUP_DELAY seconds (the
check runs as each file is written, so a file may also wait for the next
input to finish) or every GROUP_FILES files, and all of them when the run ends
or is interrupted. A file that cannot be made durable or renamed fails its
input with the reason. At the end the renames are made durable too.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, BinaryIO

import orjson

from extract import budget, feeder, segment, workers, write
from extract.errors import InputError, UsageError
from extract.load import MAX_BYTES, OUTPUT_MARKER, Entry, Failure, Inputs, Task, display, enumerate_inputs, expand
from extract.patterns import PatternError
from extract.write import LineWriter, dumps, file_mode

if TYPE_CHECKING:  # imported where used: the parent process of `--jobs N` runs no pipeline of its own
    from extract import pipeline
    from schemas import Article

try:
    import fcntl
except ImportError:  # not a POSIX system: runs are not locked
    fcntl = None  # type: ignore[assignment]

ERRORS_FILE = "errors.jsonl"
JSONL_FILE = "articles.jsonl"
LOCK_FILE = OUTPUT_MARKER
STDOUT = Path("-")
RECORD_TYPES = ("amounts", "dates", "people", "organisations")
AHEAD = 16  # inputs in flight with jobs > 1 (at least 2 per process)
AHEAD_CHARS = 400_000  # body characters in flight with parallel="threads" (the first input is finished beyond it)
PARALLEL = ("processes", "threads")
WRITE_AHEAD = 16  # finished articles waiting to be written with jobs > 1
START_METHOD_ENV = "EXTRACT_START_METHOD"  # the default of Options.start_method (for measuring the others)
PRELOAD = "extract.forkserver"  # what the workers are forked from (loads everything on import)
GROUP_FILES = 256  # output files made durable together at most
GROUP_DELAY = 1.0  # seconds a finished output file waits at most for its group (see the module's text)

Result = tuple[bytes | None, dict[str, int] | str]


@dataclass(frozen=True)
class Options:
    out: Path = Path("out")  # Path("-"): JSON Lines on standard output
    format: str = "json"  # json | jsonl
    reference_date: dt.date | None = None
    clean: bool = True
    jobs: int = 1
    timeout: float | None = budget.DEFAULT_SECONDS  # wall-clock seconds per input; None: no budget
    max_bytes: int = MAX_BYTES  # size limit per input; 0: none
    parallel: str = "processes"  # with jobs > 1: processes (one per job) | threads (one process, one model)
    kiwi_workers: int | None = None  # Kiwi's threads with parallel="threads" (default: jobs - 1)
    # How worker processes start with parallel="processes" (workers.START_METHODS; see workers.py):
    start_method: str = field(default_factory=lambda: os.environ.get(START_METHOD_ENV) or "forkserver")

    @property
    def to_stdout(self) -> bool:
        return self.out == STDOUT


@dataclass
class Summary:
    done: int = 0
    failed: int = 0
    records: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    def line(self) -> str:
        per = self.done / self.seconds if self.seconds > 0 else 0.0
        counts = ", ".join(f"{self.records[t]} {t}" for t in RECORD_TYPES)
        return (f"{self.done} article{'s' if self.done != 1 else ''} done, {self.failed} failed; "
                f"records: {counts}; {self.seconds:.1f} s, {per:.2f} articles/s")


def failure_reason(exc: Exception) -> str:
    """What a user is told when extracting one input raised `exc` (an InputError says it itself)."""
    if isinstance(exc, InputError):
        return str(exc)
    if isinstance(exc, RecursionError):
        return "internal error (RecursionError): the input is nested too deeply to process"
    if isinstance(exc, MemoryError):
        return "out of memory while extracting this input (lower --max-bytes or --jobs)"
    return f"internal error ({type(exc).__name__}): {exc}"  # a bug must not cost the other files their output


def extract_article(task: Task, options: Options) -> Article:
    """One input's article, within the time budget of `options`. Raises InputError and the like."""
    from extract import pipeline

    with budget.time_limit(options.timeout):
        return pipeline.run(task, clean=options.clean, reference_date=options.reference_date,
                            max_bytes=options.max_bytes)


def _serialised(article: Article, options: Options) -> Result:
    data = dumps(article, indent=options.format == "json" and not options.to_stdout)
    return data, {t: len(getattr(article, t)) for t in RECORD_TYPES}


def _extract(task: Task, options: Options) -> Result:
    """(JSON bytes, record counts) or (None, reason). Never raises for one bad input."""
    try:
        return _serialised(extract_article(task, options), options)
    except PatternError:
        raise
    except Exception as exc:
        return None, failure_reason(exc)


def _warm(kiwi_workers: int | None = 1) -> None:
    """Load Kiwi and the rules before the first budget starts (a load is not an input's time); Kiwi with
    `kiwi_workers` threads of its own (None: as loaded, else 1)."""
    from extract import kiwi, lexicon, pipeline, rules  # noqa: F401 (the pipeline's modules imported here too)
    from extract.clean import boilerplate

    kiwi.get(kiwi_workers)
    rules.load()
    lexicon.load()
    boilerplate.load()


def _warm_forked() -> None:
    """A forked worker's warm-up: everything was loaded before the fork (extract/forkserver.py); raise what
    went wrong there."""
    from extract import forkserver

    forkserver.check()


@dataclass
class _Pending:
    """An input cleaned, its Kiwi items and its rule matching under way; `spent`: seconds of its budget
    used so far."""

    prepared: pipeline.Prepared
    ticket: feeder.Ticket
    matched: Future[tuple[list, list[str]]]
    stop: threading.Event
    spent: float
    size: int

    def match_result(self) -> tuple[list, list[str]]:
        """The rule matches (waits for them; the caller's time budget can end the wait)."""
        while True:
            try:
                return self.matched.result(timeout=feeder.POLL)
            except FutureTimeout:
                budget.check()

    def cancel(self) -> None:
        self.ticket.cancel()
        self.stop.set()
        self.matched.cancel()


def _begin(task: Task, options: Options, tokenizer: feeder.Feeder, matcher: ThreadPoolExecutor
           ) -> _Pending | Result:
    from extract import pipeline

    started = time.monotonic()
    try:
        with budget.time_limit(options.timeout):
            prepared = pipeline.prepare(task, clean=options.clean, max_bytes=options.max_bytes)
            ticket = tokenizer.submit(segment.items(prepared.body))
    except PatternError:
        raise
    except Exception as exc:
        return None, failure_reason(exc)
    stop = threading.Event()
    matched = matcher.submit(pipeline.match, prepared, reference_date=options.reference_date, stop=stop.is_set)
    return _Pending(prepared, ticket, matched, stop, time.monotonic() - started, len(prepared.body))


def _end(pending: _Pending | Result, options: Options) -> Result:
    if not isinstance(pending, _Pending):
        return pending
    from extract import pipeline

    left = None if not options.timeout else max(options.timeout - pending.spent, 0.001)
    try:
        with budget.time_limit(left, total=options.timeout):
            article = pipeline.finish(pending.prepared, reference_date=options.reference_date,
                                      tokens=pending.ticket.result, matched=pending.match_result)
        return _serialised(article, options)
    except PatternError:
        raise
    except Exception as exc:
        return None, failure_reason(exc)
    finally:
        pending.cancel()


def _ready(pending: _Pending | Result | None) -> bool:
    return not isinstance(pending, _Pending) or (pending.ticket.done.is_set() and pending.matched.done())


def _overlapped(items: Iterator[Task | Failure], options: Options
                ) -> Iterator[tuple[Task | Failure, Result | None]]:
    """Each item with its result, in input order: the inputs ahead are read and cleaned here, their
    paragraphs tokenized by Kiwi's thread (extract/feeder.py) and their rules matched in another
    thread (regex matching runs without Python's lock), while the entities of the first one are found
    here. At most AHEAD inputs (and about AHEAD_CHARS body characters) are in flight."""
    _warm(options.kiwi_workers or max(1, options.jobs - 1))
    window: deque[tuple[Task | Failure, _Pending | Result | None]] = deque()
    size = 0
    with feeder.Feeder() as tokenizer, ThreadPoolExecutor(1, thread_name_prefix="extract-rules") as matcher:
        try:
            for item in items:
                pending = _begin(item, options, tokenizer, matcher) if isinstance(item, Task) else None
                window.append((item, pending))
                size += pending.size if isinstance(pending, _Pending) else 0
                while window and (len(window) >= AHEAD or size > AHEAD_CHARS or _ready(window[0][1])):
                    first, pending = window.popleft()
                    size -= pending.size if isinstance(pending, _Pending) else 0
                    yield first, (_end(pending, options) if pending is not None else None)
            while window:
                first, pending = window.popleft()
                yield first, (_end(pending, options) if pending is not None else None)
        finally:
            for _, pending in window:
                if isinstance(pending, _Pending):
                    pending.cancel()


class _InOrder:
    """Calls run one after another, in the order given, in a thread of their own, at most WRITE_AHEAD
    waiting: with jobs > 1 each file is written (and, with its group, synced to disk: a wait of
    milliseconds, outside Python's lock) while the main thread goes on with the next input. A call that raises ends the run
    with its exception, at the next submit or at the end; the calls still waiting are dropped."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="extract-write")
        self._waiting: deque[Future[None]] = deque()

    def __enter__(self) -> _InOrder:
        return self

    def submit(self, call: Callable[..., None], *args: object) -> None:
        self._waiting.append(self._pool.submit(call, *args))
        while self._waiting and (self._waiting[0].done() or len(self._waiting) > WRITE_AHEAD):
            self._waiting.popleft().result()

    def __exit__(self, kind: object, *exc: object) -> None:
        try:
            if kind is None:
                while self._waiting:
                    self._waiting.popleft().result()
        finally:
            self._pool.shutdown(wait=True, cancel_futures=True)


def _lost(task: Task, reason: str, options: Options) -> Result:
    if reason == workers.OVERRAN:
        return None, workers.overran_reason(options.timeout or 0)
    return None, reason


def _in_processes(items: Iterator[Task | Failure], options: Options
                  ) -> Iterator[tuple[Task | Failure, Result | None]]:
    """Each item with its result, in input order, the tasks extracted by `options.jobs` worker processes."""
    limit = options.timeout + workers.GRACE if options.timeout else None
    forked = options.start_method != "spawn"
    try:
        pool = workers.Pool(options.jobs, _warm_forked if forked else _warm, _extract, (options,), limit=limit,
                            start=options.start_method, preload=(PRELOAD,) if forked else ())
        yield from workers.ordered(items, pool, ahead=max(AHEAD, 2 * options.jobs),
                                   wanted=lambda item: isinstance(item, Task),
                                   lost=lambda task, reason: _lost(task, reason, options))
    finally:
        _stop_resource_tracker()


def _stop_resource_tracker() -> None:
    """Stop multiprocessing's resource-tracker process (spawning starts it), so a run leaves no process behind."""
    from multiprocessing import resource_tracker

    stop = getattr(resource_tracker._resource_tracker, "_stop", None)
    if stop is not None:
        stop()


def _results(items: Iterator[Task | Failure], options: Options, parallel: bool
             ) -> Iterator[tuple[Task | Failure, Result | None]]:
    """Each item with its result (None for a failure of enumeration), in input order."""
    if parallel:
        if options.parallel not in PARALLEL:
            raise ValueError(f"parallel must be one of {', '.join(PARALLEL)}, not {options.parallel!r}")
        yield from (_overlapped if options.parallel == "threads" else _in_processes)(items, options)
        return
    _warm()
    for item in items:
        yield item, (_extract(item, options) if isinstance(item, Task) else None)


def output_path(options: Options, name: PurePosixPath) -> Path:
    return options.out.joinpath(*name.parts).with_name(name.name + ".json")


def _check_output(options: Options, paths: list[str]) -> None:
    """Usage errors about the output place, before any work."""
    out = options.out
    if out.exists() and not out.is_dir():
        raise UsageError(f"the output folder {display(out)} is an existing file (choose another -o)")
    existing = out
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if existing.exists() and not existing.is_dir():
        raise UsageError(f"cannot create the output folder {display(out)}: {display(existing)} is a file")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create the output folder {display(out)}: {exc.strerror or exc}") from exc
    if not os.access(out, os.W_OK | os.X_OK):
        raise UsageError(f"the output folder {display(out)} is not writable")
    real = out.resolve()
    for name in paths:
        if name != "-" and Path(name).resolve().is_relative_to(real):
            raise UsageError(f"the input {name} is inside the output folder {display(out)}; "
                             "an output folder is never read as input")


@contextmanager
def _lock(out: Path) -> Iterator[None]:
    """Hold `<out>/.extract.lock` for the run; a second run into the same folder is refused."""
    try:
        fd = os.open(out / LOCK_FILE, os.O_RDWR | os.O_CREAT, file_mode())
    except OSError as exc:
        raise UsageError(f"cannot write to the output folder {display(out)}: {exc.strerror or exc}") from exc
    try:
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            raise UsageError(f"another extract run is writing to {display(out)} (it holds "
                             f"{display(out / LOCK_FILE)}); wait for it to finish or choose another -o") from exc
        yield
    finally:
        os.close(fd)  # releases the lock


def _check_places(options: Options, inputs: Inputs) -> None:
    """Output files whose place is taken by a folder (or a folder's by a file)."""
    out = options.out
    wanted = [out / ERRORS_FILE]
    if options.format == "jsonl":
        wanted.append(out / JSONL_FILE)
    else:
        names = expand(Inputs([i for i in inputs.items if isinstance(i, Entry) and not i.jsonl]))
        wanted += [output_path(options, t.out_name) for t in names if isinstance(t, Task)]
    problems = []
    for path in wanted:
        if path.is_dir():
            problems.append(f"{display(path)} is a folder, but an output file must go there")
        for parent in path.relative_to(out).parents:
            if parent != Path(".") and (out / parent).exists() and not (out / parent).is_dir():
                problems.append(f"{display(out / parent)} is a file, but an output folder must go there")
                break
    if problems:
        raise UsageError("; ".join(sorted(set(problems))[:5]) + (" …" if len(set(problems)) > 5 else ""))


@contextmanager
def prepared(paths: list[str], options: Options) -> Iterator[Inputs]:
    """The enumerated inputs, with the output folder checked and locked for the run (any engine's
    first step). Raises UsageError before any work when the command cannot run (a missing input,
    an unusable output place, another run writing to the folder)."""
    missing = [p for p in paths if p != "-" and not os.path.lexists(p)]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    if options.to_stdout:
        yield enumerate_inputs(paths)
        return
    _check_output(options, paths)
    with _lock(options.out):
        inputs = enumerate_inputs(paths, skip=[options.out])
        _check_places(options, inputs)
        yield inputs


def run(paths: list[str], options: Options, *, stdin: bytes | None = None,
        progress: Callable[[str, bool], None] | None = None, start: Callable[[int], None] | None = None,
        stdout: BinaryIO | None = None) -> Summary:
    """Extract every input. `start(total)` is called once the inputs are enumerated, and
    `progress(display, ok)` after each one. Raises UsageError before any work when the
    command cannot run (a missing input, an unusable output place)."""
    started = time.perf_counter()
    if options.start_method not in workers.START_METHODS:
        raise UsageError(f"the start method of the worker processes ({START_METHOD_ENV}) must be one of "
                         f"{', '.join(workers.START_METHODS)}, not {options.start_method!r}")
    with prepared(paths, options) as inputs:
        return _run(inputs, options, stdin, progress, start, stdout, started)


def _run(inputs: Inputs, options: Options, stdin: bytes | None, progress: Callable[[str, bool], None] | None,
         start: Callable[[int], None] | None, stdout: BinaryIO | None, started: float) -> Summary:
    summary = Summary()
    total = inputs.total()
    if start:
        start(total)
    errors_path = None if options.to_stdout else options.out / ERRORS_FILE
    if errors_path is not None:
        errors_path.unlink(missing_ok=True)  # a stale list from an earlier run would mislead
    errors: LineWriter | None = None
    articles: LineWriter | None = None
    if options.to_stdout:
        import sys

        articles = LineWriter(stdout or sys.stdout.buffer)
    elif options.format == "jsonl":
        articles = LineWriter(options.out / JSONL_FILE)
        summary.outputs.append(options.out / JSONL_FILE)

    def fail(failure: Failure) -> None:
        nonlocal errors
        summary.failures.append(failure)
        if errors_path is not None:
            if errors is None:
                errors = LineWriter(errors_path)
            errors.write(orjson.dumps({"input": failure.display, "error": failure.reason}))

    def deliver(item: Task | Failure, result: Result | None) -> None:
        if result is None or isinstance(item, Failure):
            assert isinstance(item, Failure)
            fail(item)
            if progress:
                progress(item.display, False)
            return
        data, info = result
        ok = data is not None
        if data is None:
            fail(Failure(item.display, str(info)))
        else:
            try:
                if articles is not None:
                    articles.write(data)
                else:
                    assert group is not None
                    path = output_path(options, item.out_name)
                    group.write(path, data)
                    summary.outputs.append(path)
            except BrokenPipeError:
                raise  # the reader of standard output has gone: nothing more can be delivered
            except OSError as exc:
                ok = False
                target = display(options.out / JSONL_FILE) if articles is not None else display(path)
                fail(Failure(item.display, f"cannot write {target}: {exc.strerror or exc}"))
            else:
                summary.done += 1
                summary.records.update(info if isinstance(info, dict) else {})
                summary.notices.extend(f"{item.display}: {note}" for note in item.notes)
                if group is not None:
                    staged[path] = (item.display, info if isinstance(info, dict) else {})
                    settle(group.failed)
        if progress:
            progress(item.display, ok)

    def settle(failed: list[tuple[Path, OSError]]) -> None:
        """Outputs the group could not make durable or rename: their inputs fail."""
        for path, exc in failed:
            shown, info = staged.pop(path)
            summary.done -= 1
            summary.records.subtract(info)
            summary.outputs.remove(path)
            fail(Failure(shown, f"cannot write {display(path)}: {exc.strerror or exc}"))
        failed.clear()
        if group is not None and not group.waiting:
            staged.clear()

    parallel = options.jobs > 1 and total > 1
    items = expand(inputs, stdin=stdin, max_bytes=options.max_bytes)
    group = write.Group(size=GROUP_FILES, delay=GROUP_DELAY) if articles is None else None
    staged: dict[Path, tuple[str, dict[str, int]]] = {}  # output files not yet committed: input and counts
    try:
        if parallel and articles is None:  # a file per article: written in order by a thread of their own
            with _InOrder() as writer:
                for item, result in _results(items, options, parallel):
                    writer.submit(deliver, item, result)
        else:
            for item, result in _results(items, options, parallel):
                deliver(item, result)
    finally:
        try:
            if group is not None:
                settle(group.close())
        finally:
            for writer_ in (articles, errors):
                if writer_ is not None:
                    writer_.close()
    summary.failed = len(summary.failures)
    summary.seconds = time.perf_counter() - started
    return summary
