"""Running many inputs: the CLI's default command, as a library.

Each input is extracted on its own: a bad file becomes a failure with its
reason (on stderr and in `<out>/errors.jsonl`) and never stops the batch or
touches another file's output. Every output file is written atomically.
With jobs > 1, spawned worker processes (never forked: Kiwi's list API hangs
in a process forked after Kiwi was loaded) each load Kiwi once.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import orjson

from extract import pipeline
from extract.errors import InputError
from extract.load import Failure, Task, load
from extract.patterns import PatternError
from extract.write import atomic_write, dumps

ERRORS_FILE = "errors.jsonl"
JSONL_FILE = "articles.jsonl"
RECORD_TYPES = ("amounts", "dates", "people", "organisations")


@dataclass(frozen=True)
class Options:
    out: Path = Path("out")
    format: str = "json"  # json | jsonl
    reference_date: dt.date | None = None
    clean: bool = True
    jobs: int = 1


@dataclass
class Summary:
    done: int = 0
    failed: int = 0
    records: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)

    def line(self) -> str:
        per = self.done / self.seconds if self.seconds > 0 else 0.0
        counts = ", ".join(f"{self.records[t]} {t}" for t in RECORD_TYPES)
        return (f"{self.done} article{'s' if self.done != 1 else ''} done, {self.failed} failed; "
                f"records: {counts}; {self.seconds:.1f} s, {per:.2f} articles/s")


def _extract(task: Task, options: Options) -> tuple[bytes | None, dict[str, int] | str]:
    """(JSON bytes, record counts) or (None, reason). Never raises for one bad input."""
    try:
        article = pipeline.run(task, clean=options.clean, reference_date=options.reference_date)
    except InputError as exc:
        return None, str(exc)
    except PatternError:
        raise
    except Exception as exc:  # a bug must not cost the other files their output
        return None, f"internal error ({type(exc).__name__}): {exc}"
    counts = {t: len(getattr(article, t)) for t in RECORD_TYPES}
    return dumps(article, indent=options.format == "json"), counts


def _worker_init() -> None:
    from extract import kiwi

    kiwi.get()


def _results(tasks: list[Task], options: Options) -> Iterator[tuple[bytes | None, dict[str, int] | str]]:
    if options.jobs <= 1 or len(tasks) <= 1:
        for task in tasks:
            yield _extract(task, options)
        return
    context = multiprocessing.get_context("spawn")
    workers = min(options.jobs, len(tasks))
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_init) as pool:
        yield from pool.map(_extract, tasks, [options] * len(tasks), chunksize=1)


def output_path(options: Options, name: PurePosixPath) -> Path:
    return options.out.joinpath(*name.parts).with_name(name.name + ".json")


def run(paths: list[str], options: Options, *, stdin: bytes | None = None,
        progress: Callable[[str, bool], None] | None = None) -> Summary:
    """Extract every input; `progress(display, ok)` is called after each one."""
    started = time.perf_counter()
    summary = Summary()
    items = list(load(paths, stdin=stdin))
    tasks = [item for item in items if isinstance(item, Task)]
    for item in items:
        if isinstance(item, Failure):
            summary.failures.append(item)
            if progress:
                progress(item.display, False)
    lines: list[bytes] = []
    for task, (data, info) in zip(tasks, _results(tasks, options), strict=True):
        if data is None:
            summary.failures.append(Failure(task.display, str(info)))
        else:
            summary.done += 1
            summary.records.update(info if isinstance(info, dict) else {})
            if options.format == "jsonl":
                lines.append(data)
            else:
                path = output_path(options, task.out_name)
                atomic_write(path, data)
                summary.outputs.append(path)
        if progress:
            progress(task.display, data is not None)
    if options.format == "jsonl" and lines:
        path = options.out / JSONL_FILE
        atomic_write(path, b"\n".join(lines) + b"\n")
        summary.outputs.append(path)
    errors = options.out / ERRORS_FILE
    if summary.failures:
        body = b"".join(orjson.dumps({"input": f.display, "error": f.reason}) + b"\n" for f in summary.failures)
        atomic_write(errors, body)
    elif errors.exists():
        errors.unlink()  # a stale list from an earlier run would mislead
    summary.failed = len(summary.failures)
    summary.seconds = time.perf_counter() - started
    return summary
