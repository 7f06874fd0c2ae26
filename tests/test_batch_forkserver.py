"""`--jobs N` workers forked from a fork server that loaded everything once (extract/forkserver.py,
extract/workers.py): the server forks with one thread, the workers share its pages, a killed worker is
replaced from it, and the server's end or its failure to load ends the run with a clear error, not a hang.

The functions the workers run are this module's (forked workers import it by name). This module is also a
preload that fails to load when BROKEN_PRELOAD is set in the environment (the fork server inherits it).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from typer.testing import CliRunner

from cli import app
from extract import batch, workers
from tests.test_batch_workers import _files, _folder

BROKEN_PRELOAD = "EXTRACT_TEST_BROKEN_PRELOAD"
if os.environ.get(BROKEN_PRELOAD):
    raise RuntimeError("the model file is damaged")

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
REAL_EXTRACT = batch._extract


def _nothing() -> None:
    pass


def _fails_to_load() -> None:
    raise RuntimeError("the model file is damaged")


def _pid(item: int) -> tuple[int, int]:
    return os.getpid(), os.getppid()


def _kills_its_server(task, options):  # type: ignore[no-untyped-def]
    """The product's extraction, except that on an input named server* the worker kills its fork server."""
    if task.display.rsplit("/", 1)[-1].startswith("server"):
        os.kill(os.getppid(), signal.SIGKILL)
        time.sleep(0.5)
    return REAL_EXTRACT(task, options)


def _memory(pid: int) -> dict[str, int]:
    """/proc/<pid>/smaps_rollup in kB."""
    found = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2] == "kB":
            found[parts[0].rstrip(":")] = int(parts[1])
    return found


def _server_pid() -> int | None:
    from multiprocessing import forkserver

    return forkserver._forkserver._forkserver_pid


def _ready(pool: workers.Pool) -> None:
    while len(pool.free()) < len(pool.workers):
        list(pool.events(0.1))


@pytest.mark.skipif(not Path("/proc/self/smaps_rollup").exists(), reason="needs Linux's /proc/<pid>/smaps_rollup")
def test_the_server_forks_with_one_thread_and_the_workers_share_its_pages() -> None:
    pool = workers.Pool(2, batch._warm_forked, _pid, start="forkserver", preload=(batch.PRELOAD,))
    try:
        _ready(pool)
        server = _server_pid()
        assert server is not None
        assert len(os.listdir(f"/proc/{server}/task")) == 1  # Kiwi without threads of its own
        server_memory = _memory(server)
        assert server_memory["Rss"] > 200_000  # Kiwi and the model are loaded there
        for worker in pool.workers:
            assert psutil.Process(worker.process.pid).ppid() == server
            assert len(os.listdir(f"/proc/{worker.process.pid}/task")) == 1
            memory = _memory(worker.process.pid)
            assert memory["Rss"] > 200_000  # the model is mapped in the worker ...
            assert memory["Private_Dirty"] + memory["Private_Clean"] < memory["Rss"] / 4  # ... but not copied
            assert memory["Pss"] < memory["Rss"] / 2  # shared three ways
    finally:
        pool.close()
    assert _server_pid() is None  # the server stops with the pool
    assert not psutil.pid_exists(server) or psutil.Process(server).status() == psutil.STATUS_ZOMBIE


def test_a_killed_worker_is_replaced_from_the_server() -> None:
    pool = workers.Pool(2, _nothing, _pid, start="forkserver")
    try:
        _ready(pool)
        server = _server_pid()
        victim = pool.workers[0]
        os.kill(victim.process.pid, signal.SIGKILL)
        while victim in pool.workers or len(pool.free()) < 2:  # noticed, and replaced
            list(pool.events(0.1))
        results = list(workers.ordered(range(6), pool, ahead=4, wanted=lambda item: True,
                                       lost=lambda item, why: why))
    finally:
        pool.close()
    pids = {pid for _, (pid, _) in results}
    assert victim.process.pid not in pids
    assert {parent for _, (_, parent) in results} == {server}  # forked from the server, the new one too
    assert [item for item, _ in results] == list(range(6))


def test_the_server_ending_stops_the_run_with_a_clear_error(tmp_path, monkeypatch) -> None:
    folder = _folder(tmp_path, "a.txt", "server.txt", "z.txt")
    monkeypatch.setattr(batch, "_extract", _kills_its_server)
    out = tmp_path / "out"
    result = runner.invoke(app, [str(folder), "-o", str(out), "--jobs", "2"])
    assert result.exit_code == 3, result.output
    assert "fork server" in result.output and "killed by SIGKILL" in result.output
    assert "no worker can be started any more" in result.output
    assert _server_pid() is None


def test_a_server_that_cannot_load_stops_the_run_with_a_clear_error(monkeypatch) -> None:
    monkeypatch.setenv(BROKEN_PRELOAD, "1")
    with pytest.raises(workers.WorkerStartError, match=r"fork server.*ended \(exit code 1\)"):
        workers.Pool(2, _nothing, _pid, start="forkserver", preload=(__name__,))
    assert _server_pid() is None


def test_a_worker_that_cannot_load_stops_the_run_with_the_reason() -> None:
    pool = workers.Pool(2, _fails_to_load, _pid, start="forkserver")
    with pytest.raises(workers.WorkerStartError, match="could not load: RuntimeError: the model file is damaged"):
        list(workers.ordered(range(3), pool, ahead=4, wanted=lambda item: True, lost=lambda item, why: why))
    assert not pool.workers and _server_pid() is None


def test_a_load_that_fails_in_the_server_is_raised_by_the_workers(tmp_path, monkeypatch) -> None:
    rules = tmp_path / "rules" / "amount"
    rules.mkdir(parents=True)
    (rules / "broken.toml").write_text("[[rule]\nname = \n", encoding="utf-8")
    monkeypatch.setenv("EXTRACT_PATTERNS", str(tmp_path / "rules"))  # read by the fork server as it loads
    out = tmp_path / "out"
    result = runner.invoke(app, [str(_folder(tmp_path)), "-o", str(out), "--jobs", "2"])
    assert result.exit_code == 2, result.output  # invalid rule files: as with one job
    assert "rule error" in result.output
    assert not list(out.glob("*.json"))


@pytest.mark.parametrize("method", workers.START_METHODS)
def test_every_start_method_writes_what_one_job_writes(tmp_path, monkeypatch, method) -> None:
    folder = _folder(tmp_path, "a.txt")
    one, two = tmp_path / "one", tmp_path / "two"
    assert runner.invoke(app, [str(folder), "-o", str(one)]).exit_code == 0
    monkeypatch.setenv(batch.START_METHOD_ENV, method)
    result = runner.invoke(app, [str(folder), "-o", str(two), "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert _files(two) == _files(one)


def test_an_unknown_start_method_is_a_usage_error(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(batch.START_METHOD_ENV, "vfork")
    result = runner.invoke(app, [str(SEEDS), "-o", str(tmp_path / "out"), "--jobs", "2"])
    assert result.exit_code == 2
    assert "EXTRACT_START_METHOD" in result.output and "forkserver, fork, spawn" in result.output


def test_a_parent_that_dies_leaves_no_process_behind(tmp_path) -> None:
    folder = _folder(tmp_path, copies=12)
    command = [sys.executable, "-c", "from cli import app; app()", str(folder), "-q", "-o", str(tmp_path / "out"),
               "--jobs", "2"]
    parent = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        tree = psutil.Process(parent.pid)
        deadline = time.monotonic() + 300
        while not list((tmp_path / "out").glob("*.json")):  # the workers are at work
            assert parent.poll() is None and time.monotonic() < deadline
            time.sleep(0.1)
        descendants = tree.children(recursive=True)
        assert len(descendants) >= 3  # the fork server and two workers (and multiprocessing's resource tracker)
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        _, alive = psutil.wait_procs(descendants, timeout=60)
        assert not alive, [(p.pid, p.name()) for p in alive]
    finally:
        if parent.poll() is None:
            parent.kill()


def test_the_summary_and_errors_are_as_with_spawned_workers(tmp_path) -> None:
    folder = _folder(tmp_path, "empty.txt")
    (folder / "empty.txt").write_text("\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, [str(folder), "-o", str(out), "--jobs", "2"])
    assert result.exit_code == 1, result.output
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [e["input"].rsplit("/", 1)[-1] for e in errors] == ["empty.txt"]
    assert "5 articles done, 1 failed" in result.output
