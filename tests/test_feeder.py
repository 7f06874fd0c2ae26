"""Kiwi in its own thread, many articles' items per call (extract/feeder.py), and `--jobs 2 --parallel threads`
built on it (the default `--jobs 2`, worker processes, is tested in tests/test_batch_workers.py)."""

from __future__ import annotations

import json
import shutil
import threading
import time

import pytest
from typer.testing import CliRunner

from cli import app
from extract import batch, budget, feeder, kiwi, pipeline, resolve, rules, segment
from extract.write import Group

from .conftest import SEEDS

runner = CliRunner()
ARTICLES = [
    "서울시는 3억 원을 썼다고 밝혔다.\n\n김철수 시장은 30일 기자회견을 열었다.",
    "광주시는 기업 20곳과 협약을 맺었다. " * 40,
    "짧은 문단이다.",
    "국토교통부는 지난해 11월 발표했다.\n\n이 사업에는 1,200억 원이 든다.\n\n박영희 장관이 말했다.",
]


def _forms(token_lists) -> list[list[tuple[str, str, int, int]]]:
    return [[(t.form, t.tag, t.start, t.len) for t in tokens] for tokens in token_lists]


def test_tokens_are_kiwis_own_whatever_the_calls(monkeypatch) -> None:
    calls: list[list[str]] = []
    real = kiwi.stream
    gate = threading.Event()

    def spy(items):
        given = list(items)
        calls.append(given)
        gate.wait(10)  # the first call holds the thread until every article is queued
        return real(given)

    monkeypatch.setattr(kiwi, "stream", spy)
    texts = [segment.items(body) for body in ARTICLES]
    with feeder.Feeder(batch=400) as tokenizer:
        blocker = tokenizer.submit(["첫 문장이다."])
        tickets = [tokenizer.submit(t) for t in texts]  # queued together while the first call runs
        gate.set()
        results = [t.result(texts[i]) for i, t in enumerate(tickets)]
        blocker.result()
    for got, items in zip(results, texts, strict=True):
        assert _forms(got) == _forms(kiwi.tokenize(items))
    assert all(sum(map(len, call)) <= 400 or len(call) == 1 for call in calls)
    owners = [{i for i, t in enumerate(texts) for item in call if item in t} for call in calls]
    assert any(len(o) > 1 for o in owners), calls  # one call held more than one article's items
    assert sum(len(call) for call in calls) == 1 + sum(map(len, texts))  # every item once, none twice


def test_a_cancelled_articles_items_are_not_tokenized(monkeypatch) -> None:
    given: list[str] = []
    release = threading.Event()

    def slow(items):
        for item in items:
            release.wait(10)
            given.append(item)
            yield []

    monkeypatch.setattr(kiwi, "stream", slow)
    with feeder.Feeder(batch=10_000) as tokenizer:
        first = tokenizer.submit(["하나"])
        time.sleep(0.2)  # the thread is inside the first call, waiting
        second = tokenizer.submit(["둘", "셋"])
        third = tokenizer.submit(["넷"])
        second.cancel()
        release.set()
        assert first.result() == [[]] and third.result() == [[]]
    assert given == ["하나", "넷"]


def test_a_kiwi_error_fails_only_the_articles_of_that_call(monkeypatch) -> None:
    real = kiwi.stream

    def broken(items):
        items = list(items)
        if "깨진" in items[0]:
            raise RuntimeError("Kiwi failed")
        return real(items)

    monkeypatch.setattr(kiwi, "stream", broken)
    with feeder.Feeder(batch=1) as tokenizer:
        bad = tokenizer.submit(["깨진 문장이다."])
        good = tokenizer.submit(["멀쩡한 문장이다."])
        with pytest.raises(RuntimeError, match="Kiwi failed"):
            bad.result()
        assert good.result()[0]


def test_waiting_for_tokens_keeps_the_time_budget() -> None:
    ticket = feeder.Ticket(["영원히 기다리는 문장"])  # never submitted: never done
    with pytest.raises(budget.TimeBudgetExceeded, match="time budget of 7 s"), budget.time_limit(0.2, total=7):
        ticket.result()


def _folder(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for path in sorted(SEEDS.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    (folder / "empty.txt").write_text("\n\n", encoding="utf-8")
    (folder / "slow.txt").write_text("느린 문서다. 서울시는 3억 원을 썼다고 밝혔다.\n", encoding="utf-8")
    records = [{"id": f"r{i}", "text": body} for i, body in enumerate(ARTICLES)] + [{"id": "bad", "text": 3}]
    (folder / "batch.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                                        encoding="utf-8")
    return folder


def _files(out) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


THREADS = ["--parallel", "threads"]


def test_jobs_two_writes_what_jobs_one_writes(tmp_path) -> None:
    folder = _folder(tmp_path)
    outputs = {}
    for jobs, mode in (("1", []), ("2", THREADS), ("2p", ["--parallel", "processes"])):
        out = tmp_path / f"out{jobs}"
        result = runner.invoke(app, [str(folder), "-o", str(out), "--jobs", jobs[0], *mode])
        assert result.exit_code == 1, result.output  # empty.txt and batch.jsonl:5 fail
        outputs[jobs] = _files(out)
        lines = runner.invoke(app, [str(folder), "-o", "-", "--jobs", jobs[0], *mode]).stdout_bytes
        outputs[jobs + "-"] = {"stdout": lines}
    assert outputs["1"] == outputs["2"] == outputs["2p"] and outputs["1-"] == outputs["2-"] == outputs["2p-"]
    assert len(outputs["1"]) == 5 + 1 + 4 + 1 + 1  # seeds, slow, the good records, errors.jsonl, the lock
    assert outputs["1-"]["stdout"].count(b"\n") == 5 + 1 + 4


def test_jobs_two_ends_a_slow_input_alone(tmp_path, monkeypatch) -> None:
    folder = _folder(tmp_path)
    real = pipeline.segment.segment

    def slow(body, **kwargs):
        if "느린" in body:
            time.sleep(30)  # a wall-clock budget ends a sleep too
        return real(body, **kwargs)

    monkeypatch.setattr(pipeline.segment, "segment", slow)
    out = tmp_path / "out"
    result = runner.invoke(app, [str(folder), "-o", str(out), "--jobs", "2", *THREADS, "--timeout", "3"])
    assert result.exit_code == 1
    errors = {e["input"].rsplit("/", 1)[-1]: e["error"]
              for e in map(json.loads, (out / "errors.jsonl").read_text(encoding="utf-8").splitlines())}
    assert "time budget of 3 s" in errors["slow.txt"]
    assert len(list(out.glob("0*.json"))) == 5 and len(list((out / "batch").glob("*.json"))) == 4


def test_jobs_two_stops_the_rule_matching_of_an_input_out_of_time(tmp_path, monkeypatch) -> None:
    folder = _folder(tmp_path)
    real = resolve.match_rules
    stopped = []

    def slow(body, ruleset, reference, *, stop=None):
        if "느린" in body:  # matching that would go on for a long time, asking `stop` between rules
            end = time.monotonic() + 30
            while time.monotonic() < end and not (stop and stop()):
                time.sleep(0.01)
            stopped.append(time.monotonic() < end)
        return real(body, ruleset, reference, stop=stop)

    monkeypatch.setattr(resolve, "match_rules", slow)
    out = tmp_path / "out"
    result = runner.invoke(app, [str(folder), "-o", str(out), "--jobs", "2", *THREADS, "--timeout", "3"])
    assert result.exit_code == 1
    assert "time budget of 3 s" in (out / "errors.jsonl").read_text(encoding="utf-8")
    assert stopped == [True]
    assert len(list(out.glob("0*.json"))) == 5 and len(list((out / "batch").glob("*.json"))) == 4


def test_rule_matching_stops_when_asked() -> None:
    ruleset = rules.load()
    assert ruleset.candidates("서울시는 3억 원을 썼다.", None)[0]
    assert ruleset.candidates("서울시는 3억 원을 썼다.", None, stop=lambda: True) == ([], [])


def _records(tmp_path, count: int):
    """A folder holding one .jsonl file of `count` short articles, each with an amount and a date."""
    folder = tmp_path / "in"
    folder.mkdir()
    records = [{"id": f"r{i:03}", "text": f"서울시는 {i + 1}억 원을 썼다고 {i % 28 + 1}일 밝혔다."} for i in range(count)]
    (folder / "many.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                                       encoding="utf-8")
    return folder


def test_jobs_two_streams_with_a_bounded_number_of_inputs_in_flight(tmp_path, monkeypatch) -> None:
    folder = _records(tmp_path, 60)
    events: list[str] = []
    prepare, finish, write = pipeline.prepare, pipeline.finish, Group.write
    monkeypatch.setattr(pipeline, "prepare", lambda *a, **k: (events.append("read"), prepare(*a, **k))[1])
    monkeypatch.setattr(pipeline, "finish", lambda *a, **k: (events.append("done"), finish(*a, **k))[1])
    monkeypatch.setattr(Group, "write", lambda *a: (events.append("written"), write(*a))[1])
    monkeypatch.setattr(batch, "AHEAD", 5)
    out = tmp_path / "out"
    assert runner.invoke(app, [str(folder), "-o", str(out), "--jobs", "2", *THREADS]).exit_code == 0
    in_flight = peak = 0
    for event in events:
        in_flight += {"read": 1, "done": -1}.get(event, 0)
        peak = max(peak, in_flight)
    assert events.count("read") == events.count("written") == 60
    assert peak <= 5
    assert events.index("written") < len(events) - 1 - events[::-1].index("read")  # written before the last read


def test_jobs_two_writes_the_files_in_order_in_a_thread_of_their_own(tmp_path, monkeypatch) -> None:
    folder = _records(tmp_path, 12)
    written: list[tuple[str, bool]] = []
    real = Group.write

    def slow_disk(group, path, data):
        written.append((path.name, threading.current_thread() is threading.main_thread()))
        if path.name == "r003.json":
            raise OSError(28, "No space left on device")
        time.sleep(0.01)
        real(group, path, data)

    monkeypatch.setattr(Group, "write", slow_disk)
    monkeypatch.setattr(batch, "WRITE_AHEAD", 2)
    out = tmp_path / "out"
    result = runner.invoke(app, [str(folder), "-o", str(out), "--jobs", "2"])
    assert result.exit_code == 1, result.output
    assert [name for name, _ in written] == [f"r{i:03}.json" for i in range(12)]  # in input order
    assert not any(main for _, main in written)  # the main thread went on meanwhile
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(errors) == 1 and "r003" in errors[0]["input"] and "No space left" in errors[0]["error"]
    assert sorted(p.name for p in out.rglob("*.json")) == [f"r{i:03}.json" for i in range(12) if i != 3]
    assert "11 articles done, 1 failed" in result.output
