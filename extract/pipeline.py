"""The orchestrator: one page in, one validated `Article` out.

Stages, one module each, in order:

1. load      (extract/load.py)      paths, folders, stdin and .jsonl records -> tasks
2. decode    (extract/decode.py)    bytes -> NFC text (BOM, UTF-8, declared charset, CP949, guess)
3. clean     (extract/clean/)       lines or HTML -> title, subtitles, captions, body paragraphs and
                                     `removed` with reasons; metadata from the removed lines
                                     and the page's markup
4. segment   (extract/segment.py)   body -> paragraphs with offsets and Kiwi tokens
5. match     (extract/rules/)       amount, date and ignore rules of patterns/ on each paragraph
6. resolve   (extract/resolve.py,   overlaps settled; people and organisations from tokens
              extract/entities/)
7. validate  (extract/validate.py)  the Pydantic Article, and body[start:end] == text for all
8. write     (extract/write.py)     deterministic JSON, written atomically (by the batch runner)

`extract_text` and `extract_path` are the library API; `extract/batch.py` runs
many inputs for the CLI.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from extract import budget, load, resolve, rules, segment, validate
from extract import clean as clean_stage
from extract.clean import html as html_stage
from extract.decode import decode
from extract.errors import InputError
from extract.load import Task, format_of
from extract.rules import Candidate
from schemas import Article

# Seconds spent in each stage in this process (read by the benchmark): wall time, and, when the environment
# variable STAGE_CPU_ENV is set (bench/stages.py sets it), CPU time of the thread that ran the stage (Kiwi's
# analysis runs in Kiwi's own threads and is not in the segment stage's CPU time). A thread's CPU clock is a
# system call (several microseconds, two per stage), so a plain run does not read it.
STAGE_SECONDS: Counter[str] = Counter()
STAGE_CPU: Counter[str] = Counter()
STAGE_CPU_ENV = "EXTRACT_STAGE_CPU"
_STAGE_CPU = bool(os.environ.get(STAGE_CPU_ENV))


class _stage:
    """Times the block as stage `name`; `check`: the input's time budget is checked first."""

    __slots__ = ("cpu", "name", "started")

    def __init__(self, name: str, *, check: bool = True) -> None:
        if check:
            budget.check()
        self.name = name

    def __enter__(self) -> None:
        self.cpu = time.thread_time() if _STAGE_CPU else 0.0
        self.started = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        STAGE_SECONDS[self.name] += time.perf_counter() - self.started
        if _STAGE_CPU:
            STAGE_CPU[self.name] += time.thread_time() - self.cpu


def _reference(published_at: str | None, reference_date: dt.date | None) -> dt.date | None:
    if published_at:
        try:
            return dt.date.fromisoformat(published_at[:10])
        except ValueError:
            pass
    return reference_date


@dataclass
class Prepared:
    """An input read, decoded and cleaned (stages 2 and 3): what the later stages start from."""

    task: Task
    encoding: str
    cleaned: Any
    meta: Any
    warnings: list[str]

    @property
    def body(self) -> str:
        return self.cleaned.body


def prepare(task: Task, *, clean: bool = True, max_bytes: int = load.MAX_BYTES) -> Prepared:
    """Stages 2 and 3 of one task, reading its file first if it has not been read. Raises InputError."""
    with _stage("decode"):
        task = load.read(task, max_bytes=max_bytes)
        if task.text is not None:
            text, encoding = task.text, "utf-8"
        else:
            text, encoding = decode(task.data, html=task.format == "html")
    warnings: list[str] = list(task.notes)
    with _stage("clean"):
        done = clean_stage.page(text, html=task.format == "html", clean=clean)
        cleaned, meta = done.cleaned, done.meta
        if task.published_at:
            given = html_stage.iso_kst(task.published_at)
            if given is None:
                warnings.append(f"published_at {task.published_at!r} is not an ISO 8601 time; ignored")
            meta.published_at = given or meta.published_at
        if not cleaned.body.strip():
            raise InputError("no article text found (the page is empty or all boilerplate)")
    return Prepared(task, encoding, cleaned, meta, warnings)


def match(prepared: Prepared, *, reference_date: dt.date | None = None,
          stop: Callable[[], bool] | None = None) -> tuple[list[Candidate], list[str]]:
    """Stage 5 alone (it may run in another thread: no budget check here; `stop` ends it early)."""
    reference = _reference(prepared.meta.published_at, reference_date)
    with _stage("match", check=False):
        return resolve.match_rules(prepared.body, rules.load(), reference, stop=stop)


def finish(prepared: Prepared, *, reference_date: dt.date | None = None,
           tokens: Callable[[list[str]], Sequence[list]] | None = None,
           matched: Callable[[], tuple[list[Candidate], list[str]]] | None = None) -> Article:
    """Stages 4 to 7. `tokens(items)`: the Kiwi tokens of the body's items, `matched()`: stage 5's
    result (defaults: computed here)."""
    task, cleaned, meta, body = prepared.task, prepared.cleaned, prepared.meta, prepared.body
    warnings = list(prepared.warnings)
    with _stage("segment"):
        paragraphs = segment.segment(body, source=tokens) if tokens is not None else segment.segment(body)
    reference = _reference(meta.published_at, reference_date)
    if matched is None:
        with _stage("match"):
            candidates, notes = resolve.match_rules(body, rules.load(), reference)
    else:
        with _stage("match wait"):
            candidates, notes = matched()
    warnings.extend(notes)
    with _stage("resolve"):
        found, notes = resolve.records(body, paragraphs, candidates)
        warnings.extend(notes)
    if reference is None and any(d["value"] is None for d in found["dates"]):
        warnings.append("the article has no date and no --reference-date was given: relative dates are null")
    data: dict[str, Any] = {
        "source": {"path": task.display, "id": task.id, "url": task.url, "sha256": task.sha256,
                   "format": task.format, "encoding": prepared.encoding},
        "title": cleaned.title,
        "subtitles": cleaned.subtitles,
        "outlet": meta.outlet,
        "reporters": [{"name": name, "email": email} for name, email in meta.reporters],
        "published_at": meta.published_at,
        "updated_at": meta.updated_at,
        "body": body,
        "captions": cleaned.captions,
        "removed": [{"text": text, "reason": reason} for text, reason in cleaned.removed],
        **found,
        "warnings": warnings,
    }
    with _stage("validate"):
        article = validate.validate(data)
    budget.check()
    return article


def run(task: Task, *, clean: bool = True, reference_date: dt.date | None = None,
        max_bytes: int = load.MAX_BYTES) -> Article:
    """Extract one task (stages 2 to 7), reading its file first if it has not been read.

    Raises InputError for bad input (and budget.TimeBudgetExceeded, an InputError,
    when a budget set by `budget.time_limit` runs out).
    """
    return finish(prepare(task, clean=clean, max_bytes=max_bytes), reference_date=reference_date)


def extract_text(text: str, *, published_at: str | None = None, clean: bool = True, source: str | None = None,
                 reference_date: dt.date | None = None, html: bool = False) -> Article:
    """Extract one article from text (a text dump, or an HTML page with html=True)."""
    task = Task(source or "<text>", PurePosixPath("text"), "html" if html else "text", text=text,
                published_at=published_at)
    return run(task, clean=clean, reference_date=reference_date)


def extract_path(path: str | Path, *, clean: bool = True, reference_date: dt.date | None = None,
                 published_at: str | None = None) -> Article:
    """Extract the article of one .txt or .html file (for .jsonl and folders, see extract.batch)."""
    path = Path(path)
    if path.suffix.lower() == ".jsonl":
        raise InputError(f"{path}: a .jsonl file holds many articles; use extract.batch.run")
    task = Task(load.display(path), PurePosixPath(path.stem), format_of(path.suffix, b""), path=path,
                published_at=published_at)
    try:
        task = load.read(task)
    except InputError as exc:
        raise InputError(f"{task.display}: {exc}") from exc
    return run(task, clean=clean, reference_date=reference_date)
