"""`--jobs N` in worker processes (extract/workers.py): the files of one job, in input order, streaming; a
worker that dies or does not stop costs only its input.

The functions a worker runs are this module's (spawned workers import it): they stand in for the product's
own `_extract` where a test needs a worker to die or hang on one input.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from extract import batch, workers

runner = CliRunner()
SEEDS = Path(__file__).resolve().parents[1] / "seeds"
REAL_EXTRACT = batch._extract


def _dies_or_hangs(task, options):  # type: ignore[no-untyped-def]
    """The product's extraction, except that the worker dies on an input named die* and hangs where no
    time budget can stop it on one named stuck*."""
    name = task.display.rsplit("/", 1)[-1]
    if name.startswith("die"):
        os.kill(os.getpid(), signal.SIGKILL)
    if name.startswith("stuck"):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})  # as a native call that never returns
        time.sleep(120)
    return REAL_EXTRACT(task, options)


def _nothing() -> None:
    pass


def _dies_at_start() -> None:
    os._exit(3)


def _nap(item: tuple[int, float]) -> int:
    number, seconds = item
    time.sleep(seconds)
    return number * 10


def _folder(tmp_path: Path, *extra: str, copies: int = 1) -> Path:
    """The seeds `copies` times (0_000_….txt, 1_000_….txt …) and a one-sentence input per name in `extra`."""
    folder = tmp_path / "in"
    folder.mkdir()
    for copy in range(copies):
        for path in sorted(SEEDS.glob("*.txt")):
            shutil.copy(path, folder / f"{copy}_{path.name}")
    for name in extra:
        (folder / name).write_text("서울시는 3억 원을 썼다고 5일 밝혔다.\n", encoding="utf-8")
    return folder


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def _errors(out: Path) -> dict[str, str]:
    lines = (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()
    return {e["input"].rsplit("/", 1)[-1]: e["error"] for e in map(json.loads, lines)}


def test_a_worker_that_dies_costs_only_its_input(tmp_path, monkeypatch) -> None:
    folder = _folder(tmp_path, "a.txt", "die1.txt", "b.txt", "die2.txt", "z.txt")
    one = tmp_path / "one"
    assert runner.invoke(app, [str(folder), "-o", str(one)]).exit_code == 0
    monkeypatch.setattr(batch, "_extract", _dies_or_hangs)
    out = tmp_path / "out"
    result = runner.invoke(app, [str(folder), "-o", str(out), "--jobs", "2"])
    assert result.exit_code == 1, result.output
    errors = _errors(out)
    assert sorted(errors) == ["die1.txt", "die2.txt"]
    assert "worker process extracting this input died (killed by SIGKILL)" in errors["die1.txt"]
    assert "--jobs" in errors["die1.txt"]
    expected = {name: data for name, data in _files(one).items() if not name.startswith("die")}
    assert {name: data for name, data in _files(out).items() if name != "errors.jsonl"} == expected
    assert "8 articles done, 2 failed" in result.output


def test_a_worker_that_does_not_stop_is_ended_past_the_budget(tmp_path, monkeypatch) -> None:
    # one-sentence inputs beside the stuck one: none of them can come near the budget, however busy the machine
    folder = _folder(tmp_path, "a.txt", "stuck.txt", "z.txt", copies=0)
    monkeypatch.setattr(batch, "_extract", _dies_or_hangs)
    monkeypatch.setattr(workers, "GRACE", 1.0)
    out = tmp_path / "out"
    started = time.monotonic()
    result = runner.invoke(app, [str(folder), "-o", str(out), "--jobs", "2", "--timeout", "5"])
    assert result.exit_code == 1, result.output
    assert time.monotonic() - started < 100  # not the 120 s of the hang
    errors = _errors(out)
    assert list(errors) == ["stuck.txt"]
    assert "time budget of 5 s" in errors["stuck.txt"] and "worker process was ended" in errors["stuck.txt"]
    assert (out / "a.json").exists() and (out / "z.json").exists() and len(list(out.glob("*.json"))) == 2


def test_workers_that_die_while_starting_end_the_run() -> None:
    pool = workers.Pool(2, _dies_at_start, _nap)
    with pytest.raises(workers.WorkerStartError, match="exit code 3"):
        list(workers.ordered([(1, 0.0)], pool, ahead=4, wanted=lambda item: True, lost=lambda item, why: why))
    assert not pool.workers


def test_results_come_in_input_order_with_a_bounded_number_in_flight() -> None:
    taken: list[int] = []
    durations = [0.6, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.2, 0.0, 0.0, 0.0]

    def source():  # type: ignore[no-untyped-def]
        for number, seconds in enumerate(durations):
            taken.append(number)
            yield (number, seconds) if number != 5 else "not for the workers"

    pool = workers.Pool(2, _nothing, _nap)
    results = []
    for _, result in workers.ordered(source(), pool, ahead=4, wanted=lambda item: isinstance(item, tuple),
                                     lost=lambda item, why: why):
        results.append(result)
        assert len(taken) - len(results) <= 3  # at most 4 taken and not yet given back, this one included
    assert results == [n * 10 if n != 5 else None for n in range(len(durations))]
    assert not pool.workers  # closed at the end


def test_died_reason_names_the_signal_or_the_exit_code() -> None:
    assert "killed by SIGKILL" in workers.died_reason(-9)
    assert "exit code 1" in workers.died_reason(1)
