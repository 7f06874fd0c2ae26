"""Output files written as a group: each whole and durable before it gets its name, failures per file,
interruptions leaving whole files only."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from extract import batch, write


def _events(monkeypatch) -> list[tuple[str, str]]:
    """Syncs and renames, in order, as (what, name); the real calls still made."""
    events: list[tuple[str, str]] = []
    sync, sync_file, replace = write._sync_file_system, write._sync_file, os.replace

    def syncing_file(name: str) -> None:
        events.append(("sync file", ""))
        sync_file(name)

    def syncing(folder: Path) -> None:
        events.append(("sync", folder.name))
        sync(folder)

    def renaming(source, target) -> None:
        events.append(("rename", Path(target).name))
        replace(source, target)

    monkeypatch.setattr(write, "_sync_file_system", syncing)
    monkeypatch.setattr(write, "_sync_file", syncing_file)
    monkeypatch.setattr(write.os, "replace", renaming)
    return events


def _temporary(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.startswith(".extract-")]


@pytest.mark.skipif(write._syncfs is None, reason="syncfs is Linux's")
def test_first_file_at_once_then_in_groups_synced_before_renamed(tmp_path, monkeypatch) -> None:
    events = _events(monkeypatch)
    with write.Group(size=3, delay=1e9) as group:
        for i in range(6):
            group.write(tmp_path / f"{i}.json", b"{}\n")
            if i == 0:
                assert (tmp_path / "0.json").exists()  # the first output comes without delay
            if i == 2:
                assert not (tmp_path / "1.json").exists() and group.waiting == 2
        assert (tmp_path / "3.json").exists() and group.waiting == 2  # 1, 2 and 3 committed together
    assert events == [("sync file", ""), ("rename", "0.json"),  # a group of one: its own fsync
                      ("sync", tmp_path.name), ("rename", "1.json"), ("rename", "2.json"), ("rename", "3.json"),
                      ("sync", tmp_path.name), ("rename", "4.json"), ("rename", "5.json"),
                      ("sync", tmp_path.name)]  # the end: the renames made durable
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{i}.json" for i in range(6)]


def test_a_file_waits_at_most_the_delay(tmp_path, monkeypatch) -> None:
    clock = [0.0]
    monkeypatch.setattr(write.time, "monotonic", lambda: clock[0])
    group = write.Group(size=100, delay=1.0)
    group.write(tmp_path / "a.json", b"1")
    group.write(tmp_path / "b.json", b"2")
    clock[0] = 0.5
    group.write(tmp_path / "c.json", b"3")
    assert group.waiting == 2 and not (tmp_path / "b.json").exists()
    clock[0] = 1.0
    group.write(tmp_path / "d.json", b"4")  # b has waited 1 s: b, c and d committed
    assert group.waiting == 0 and (tmp_path / "d.json").read_bytes() == b"4"
    assert group.close() == []


def test_a_failed_sync_fails_the_whole_group_and_leaves_nothing(tmp_path, monkeypatch) -> None:
    group = write.Group(size=100, delay=1e9)
    group.write(tmp_path / "first.json", b"1")

    def broken(folder: Path) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(write, "_sync_file_system", broken)
    monkeypatch.setattr(group, "sync", True)
    group.write(tmp_path / "a.json", b"2")
    group.write(tmp_path / "b.json", b"3")
    failed = group.close()
    assert [(path.name, exc.errno) for path, exc in failed] == [("a.json", 5), ("b.json", 5)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["first.json"]  # no temporary file left


def test_a_failed_rename_fails_that_file_only(tmp_path) -> None:
    (tmp_path / "taken.json").mkdir()
    (tmp_path / "taken.json" / "inside").write_text("x")
    with write.Group(size=100, delay=1e9) as group:
        group.write(tmp_path / "a.json", b"1")
        group.write(tmp_path / "taken.json", b"2")
        group.write(tmp_path / "c.json", b"3")
        failed = group.close()
    assert [path.name for path, _ in failed] == ["taken.json"]
    assert (tmp_path / "c.json").read_bytes() == b"3" and not _temporary(tmp_path)


def test_a_failed_write_leaves_no_temporary_file(tmp_path, monkeypatch) -> None:
    group = write.Group()
    monkeypatch.setattr(write.os, "fchmod", lambda *a: (_ for _ in ()).throw(OSError(28, "No space left on device")))
    with pytest.raises(OSError, match="No space"):
        group.write(tmp_path / "a.json", b"1")
    assert group.waiting == 0 and not list(tmp_path.iterdir())


def test_without_syncfs_each_file_is_synced_when_written(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(write, "_syncfs", None)
    synced = []
    real = os.fsync
    monkeypatch.setattr(write.os, "fsync", lambda fd: (synced.append(fd), real(fd))[1])
    with write.Group(size=100, delay=1e9) as group:
        for name in "abc":
            group.write(tmp_path / f"{name}.json", name.encode())
    assert len(synced) == 3 and sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "b.json", "c.json"]


def _fake_run(monkeypatch, tmp_path, count: int, interrupt_at: int | None = None) -> Path:
    """A folder of `count` inputs, and batch's extraction replaced by a quick one (the writing is tested)."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(count):
        (folder / f"a{i:02}.txt").write_text(f"기사 {i}", encoding="utf-8")
    seen = []

    def extract(task, options):
        seen.append(task.display)
        if len(seen) == interrupt_at:
            raise KeyboardInterrupt
        return b'{"n": %d}\n' % len(seen), {"amounts": 1}

    monkeypatch.setattr(batch, "_extract", extract)
    monkeypatch.setattr(batch, "_warm", lambda *a: None)
    monkeypatch.setattr(batch, "GROUP_DELAY", 1e9)
    return folder


def test_an_interrupted_run_leaves_whole_files_only(tmp_path, monkeypatch) -> None:
    folder = _fake_run(monkeypatch, tmp_path, 8, interrupt_at=6)
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        batch.run([str(folder)], batch.Options(out=out))
    written = sorted(p.name for p in out.rglob("*.json"))
    assert written == [f"a{i:02}.json" for i in range(5)]  # the finished ones, committed on the way out
    assert all(json.loads(p.read_bytes())["n"] for p in out.rglob("*.json")) and not _temporary(out)


def test_a_group_that_cannot_be_made_durable_fails_its_inputs(tmp_path, monkeypatch) -> None:
    folder = _fake_run(monkeypatch, tmp_path, 5)
    calls = []
    real = write._sync_file_system

    def failing(target: Path) -> None:
        calls.append(target)
        if len(calls) == 1:  # the second group (a01 to a04; the first, one file, is synced alone)
            raise OSError(5, "Input/output error")
        real(target)

    monkeypatch.setattr(write, "_sync_file_system", failing)
    monkeypatch.setattr(write, "_syncfs", write._syncfs or (lambda fd: 0))
    out = tmp_path / "out"
    summary = batch.run([str(folder)], batch.Options(out=out))
    assert summary.done == 1 and summary.failed == 4 and summary.records["amounts"] == 1
    assert [p.name for p in summary.outputs] == ["a00.json"]
    assert sorted(p.name for p in out.rglob("*.json")) == ["a00.json"] and not _temporary(out)
    errors = [json.loads(line) for line in (out / batch.ERRORS_FILE).read_text(encoding="utf-8").splitlines()]
    assert len(errors) == 4 and all("cannot write" in e["error"] and "Input/output" in e["error"] for e in errors)
