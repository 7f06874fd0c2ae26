"""Running the extraction on a Dask cluster (the optional `dask` extra).

The same inputs and options give the same files as a local run, byte for byte:
the client walks the inputs (`extract.load`), groups the articles into
partitions of many articles each, and hands the partitions to the workers,
keeping only a few in flight; each worker extracts its partition and writes
the outputs itself (one JSON per article at the local run's paths, or a JSONL
part that the client appends to `articles.jsonl` in order), and sends back
only counts and failures. Failures are merged into one `errors.jsonl`.

Kiwi and the rules are loaded once per worker process: `kiwi.get()` and
`rules.load()` are per-process caches, warmed by a worker plugin when a
worker starts; tasks carry articles and options, never the model.

As a library, `extract_bag` turns paths, or a bag of JSONL records (dicts or
JSON lines, as `dask.bag.read_text` yields them), into a bag of `Extracted`
results, and `to_jsonl` writes a bag's articles as JSONL parts (local paths or
fsspec URLs).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

import dask.bag as db
import orjson
from dask import delayed
from distributed import Client, LocalCluster, WorkerPlugin, as_completed

from extract import batch, pipeline
from extract.load import Failure, Inputs, Task, check_record, expand, id_part, load, safe_part
from extract.patterns import PatternError
from extract.write import atomic_file, atomic_write, dumps
from schemas import Article

RECORD_TYPES = ("amounts", "dates", "people", "organisations")
PARTITION_ARTICLES = 32  # articles per partition (after the first, smaller ones)
PARTITION_BYTES = 16 << 20  # and at most this much input per partition
PARTS_FOLDER = ".articles.jsonl.parts"
_WARM_UP = "서울시는 29일 강기정 시장과 함께 예산 3억 원을 편성했다고 밝혔다."
_lock = threading.Lock()  # one extraction at a time per process (Kiwi is shared)


class SetupError(Exception):
    """The cluster cannot be started or reached, or its address is malformed."""


@dataclass(frozen=True)
class Extracted:
    """One input's result: `article` is None exactly when `error` says why it failed."""

    input: str
    name: PurePosixPath
    article: Article | None = None
    error: str | None = None


@dataclass
@dataclass
class Summary(batch.Summary):
    workers: int = 0

    def line(self) -> str:
        return f"{super().line()} on {self.workers} Dask worker{'s' if self.workers != 1 else ''}"


class Preload(WorkerPlugin):
    """Loads Kiwi, the rules and the word lists when a worker process starts (once per process)."""

    name = "extract-preload"

    def setup(self, worker: Any) -> None:
        from extract import kiwi

        kiwi.get()
        with suppress(Exception):  # a broken rule file is reported by the first task, as in a local run
            pipeline.extract_text(_WARM_UP, published_at="2024-05-29")


# ---- one article, one partition (run on the workers) ----

def extract_task(task: Task, options: batch.Options) -> Extracted:
    """Extract one task; a bad input becomes an `Extracted` with its error, never an exception."""
    try:
        with _lock:
            article = batch.extract_article(task, options)
    except PatternError:
        raise
    except Exception as exc:  # a bad input becomes its failure; a bug must not cost the other articles
        return Extracted(task.display, task.out_name, error=batch.failure_reason(exc))
    return Extracted(task.display, task.out_name, article=article)


def record_task(record: Any, number: int = 0, source: str = "") -> Task | Failure:
    """A task from a JSONL record: a dict, a JSON line, or a (line, path) pair from read_text(include_path=True).

    Named as a local run names the lines of a .jsonl file: `<file stem>/<id>`; a record without an id
    is named by its line number when known, else by the first 16 hex digits of its text's SHA-256.
    """
    if isinstance(record, tuple) and len(record) == 2:
        record, source = record
    where = f"{source}:{number}" if source and number else source or f"record {number}"
    if isinstance(record, str | bytes):
        try:
            record = orjson.loads(record)
        except orjson.JSONDecodeError as exc:
            return Failure(where, f"not a JSON object: {exc}")
    problem = check_record(record)
    if problem:
        return Failure(where, problem)
    if record.get("id") is not None:
        ident = str(record["id"])
    elif number:
        ident = str(number)
    else:
        ident = hashlib.sha256(record["text"].encode("utf-8")).hexdigest()[:16]
    folder = PurePosixPath(PurePosixPath(source).stem) if source else PurePosixPath()
    display = f"{source}#{ident}" if source else ident
    return Task(display, folder / safe_part(id_part(ident, number)), "jsonl", text=record["text"],
                id=ident, url=record.get("url"), published_at=record.get("published_at"))


def extract_partition(items: Iterable[Any], options: batch.Options) -> list[Extracted]:
    """Extract a partition of Tasks, Failures or JSONL records (see `record_task`)."""
    results = []
    for item in items:
        line = item[0] if isinstance(item, tuple) and item else item
        if isinstance(line, str | bytes) and not line.strip():
            continue  # a blank line of a JSONL file
        if not isinstance(item, Task | Failure):
            item = record_task(item)
        if isinstance(item, Failure):
            results.append(Extracted(item.display, PurePosixPath(), error=item.reason))
        else:
            results.append(extract_task(item, options))
    return results


@dataclass
class PartResult:
    done: int = 0
    records: Counter[str] = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def write_partition(tasks: list[Task | Failure], options: batch.Options, part: Path | None) -> PartResult:
    """Extract and write a partition on a worker: one JSON per article, or one JSONL part at `part`."""
    result = PartResult()
    lines: list[bytes] = []
    for item, extracted in zip(tasks, extract_partition(tasks, options), strict=True):
        if extracted.article is None:
            result.failures.append(Failure(extracted.input, extracted.error or ""))
            continue
        result.done += 1
        result.notices.extend(f"{item.display}: {note}" for note in getattr(item, "notes", ()))
        result.records.update({t: len(getattr(extracted.article, t)) for t in RECORD_TYPES})
        if part is None:
            atomic_write(batch.output_path(options, extracted.name), dumps(extracted.article, indent=True))
        else:
            lines.append(dumps(extracted.article, indent=False) + b"\n")
    if part is not None and lines:
        atomic_write(part, b"".join(lines))
    return result


# ---- the library entry points ----

def partitions(tasks: Iterable[Task | Failure], size: int = PARTITION_ARTICLES, max_bytes: int = PARTITION_BYTES,
               first: int = 1) -> Iterator[list[Task | Failure]]:
    """Consecutive groups of tasks (and inputs that failed to load, kept in their place so that failures are
    listed in input order): `first` items, then twice as many each time up to `size`, and (unless one task is
    larger) at most `max_bytes` of input. Small first groups keep every worker busy on a small run."""
    group: list[Task | Failure] = []
    held = 0
    limit = max(1, min(first, size))
    for task in tasks:
        weight = 0 if isinstance(task, Failure) else len(task.data) + (len(task.text) * 3 if task.text else 0)
        if group and (len(group) >= limit or held + weight > max_bytes):
            yield group
            group, held = [], 0
            limit = min(limit * 2, size)
        group.append(task)
        held += weight
    if group:
        yield group


def extract_bag(source: Iterable[str] | str | db.Bag, options: batch.Options | None = None,
                partition_size: int = PARTITION_ARTICLES) -> db.Bag:
    """A bag of `Extracted`, one per input article (failures included, with their reason).

    `source` is a path or a list of paths (read by the client, named as a local run names them), or a bag
    whose elements are Tasks or JSONL records: dicts, JSON lines, or (line, path) pairs as
    `dask.bag.read_text(urlpath, include_path=True)` yields them (read by the workers).
    """
    options = options or batch.Options()
    if not isinstance(source, db.Bag):
        items = list(load([source] if isinstance(source, str) else list(source)))
        source = db.from_sequence(items, partition_size=partition_size) if items else db.from_sequence([], npartitions=1)
    return source.map_partitions(extract_partition, options)


def _write_jsonl_part(results: list[Extracted], file: Any) -> tuple[str, int, list[tuple[str, str]]]:
    failures = [(r.input, r.error or "") for r in results if r.article is None]
    lines = [dumps(r.article, indent=False) + b"\n" for r in results if r.article is not None]
    with file as stream:
        stream.write(b"".join(lines))
    return file.path, len(lines), failures


def to_jsonl(bag: db.Bag, urlpath: str, **storage_options: Any) -> list[tuple[str, int, list[tuple[str, str]]]]:
    """Write the articles of a bag of `Extracted` as JSONL parts, one per partition, by the workers.

    `urlpath` is a local folder or an fsspec URL, with `*` for the part number (default `part-*.jsonl` inside
    it). Returns [(part path, articles written, [(input, error)])] per partition: only counts and failures
    come back to the client.
    """
    import fsspec

    if "*" not in urlpath:
        urlpath = urlpath.rstrip("/") + "/part-*.jsonl"
    files = fsspec.open_files(urlpath, mode="wb", num=bag.npartitions, name_function=lambda i: f"{i:05d}",
                              auto_mkdir=True, **storage_options)
    parts = [delayed(_write_jsonl_part)(part, file) for part, file in zip(bag.to_delayed(), files, strict=True)]
    return list(delayed(list)(parts).compute())


# ---- the CLI's run ----

def connect(address: str) -> tuple[Client, LocalCluster | None]:
    """`local:N` starts a local cluster of N worker processes (loopback only); anything else is a scheduler."""
    if address == "local" or address.startswith("local:"):
        count = address.partition(":")[2]
        if count and not (count.isdigit() and int(count) > 0):
            raise SetupError(f"--dask {address!r}: expected local:N with N a positive number of workers")
        workers = int(count) if count else (os.cpu_count() or 1)
        try:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                                   dashboard_address=None, silence_logs=40)
        except Exception as exc:
            raise SetupError(f"cannot start a local Dask cluster: {exc}") from exc
        return Client(cluster), cluster
    try:
        return Client(address, timeout=30), None
    except (OSError, TimeoutError, ValueError) as exc:
        raise SetupError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc


def _append_parts(out: Path, parts: list[Path]) -> Path | None:
    written = [p for p in parts if p.exists()]
    if not written:
        return None
    target = out / batch.JSONL_FILE
    with atomic_file(target) as stream:
        for part in written:
            with part.open("rb") as source:
                shutil.copyfileobj(source, stream)
    return target


def run(paths: list[str], options: batch.Options, address: str = "local:2", *, client: Client | None = None,
        stdin: bytes | None = None, progress: Callable[[int], None] | None = None,
        partition_size: int = PARTITION_ARTICLES) -> Summary:
    """Extract every input on a Dask cluster and write the outputs as a local run does.

    `address` is `local:N` or a scheduler address, unless a connected `client` is given. The output folder
    must be reachable at the same path by every worker (a shared filesystem on a real cluster).
    `progress(n)` is called with the number of inputs finished after each partition.
    """
    started = time.perf_counter()
    options = replace(options, out=options.out.resolve())
    with batch.prepared(paths, options) as inputs:
        return _run(inputs, options, address, client, stdin, progress, partition_size, started)


def _run(inputs: Inputs, options: batch.Options, address: str, client: Client | None, stdin: bytes | None,
         progress: Callable[[int], None] | None, partition_size: int, started: float) -> Summary:
    cluster = None
    own_client = client is None
    if client is None:
        client, cluster = connect(address)
    summary = Summary()
    try:
        client.register_plugin(Preload(), name=Preload.name)
        summary.workers = len(client.scheduler_info().get("workers", {}))
        in_flight_limit = max(2, 2 * summary.workers)
        jsonl = options.format == "jsonl"
        parts_dir = options.out / PARTS_FOLDER
        if jsonl:
            shutil.rmtree(parts_dir, ignore_errors=True)
        part_paths: list[Path] = []
        results: dict[int, PartResult] = {}
        pending = as_completed()
        index_of: dict[str, int] = {}

        def collect(future: Any) -> None:
            result = future.result()
            results[index_of.pop(future.key)] = result
            if progress:
                progress(result.done + len(result.failures))

        for index, group in enumerate(partitions(expand(inputs, stdin=stdin, max_bytes=options.max_bytes),
                                                            partition_size)):
            part = parts_dir / f"part-{index:06d}.jsonl" if jsonl else None
            if part is not None:
                part_paths.append(part)
            future = client.submit(write_partition, group, options, part, pure=False)
            index_of[future.key] = index
            pending.add(future)
            while pending.count() >= in_flight_limit:
                collect(next(pending))
        for future in pending:
            collect(future)
        for index in sorted(results):
            summary.done += results[index].done
            summary.records.update(results[index].records)
            summary.failures.extend(results[index].failures)
            summary.notices.extend(results[index].notices)
        if jsonl:
            _append_parts(options.out, part_paths)
            shutil.rmtree(parts_dir, ignore_errors=True)
    finally:
        if own_client:
            client.close()
        if cluster is not None:
            cluster.close()
    errors = options.out / batch.ERRORS_FILE
    if summary.failures:
        body = b"".join(orjson.dumps({"input": f.display, "error": f.reason}) + b"\n" for f in summary.failures)
        atomic_write(errors, body)
    elif errors.exists():
        errors.unlink()  # a stale list from an earlier run would mislead
    summary.failed = len(summary.failures)
    summary.seconds = time.perf_counter() - started
    return summary
