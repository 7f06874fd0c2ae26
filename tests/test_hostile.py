"""Hostile and careless input, each case through the CLI (in-process unless a process is needed).

One bad input never costs another file its output; output-place problems are
refused before any work with exit code 2.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
import time

import psutil
import pytest
from typer.testing import CliRunner

from cli import app
from extract import batch, budget, load, pipeline
from extract.write import Group

from .conftest import ROOT, SEEDS

runner = CliRunner()
GOOD = SEEDS / "003_874aee0b08fd066c.txt"


def _inputs(tmp_path, **files: str | bytes):
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    shutil.copy(GOOD, folder / "good.txt")
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    return folder


def _errors(out) -> dict[str, str]:
    path = out / "errors.jsonl"
    if not path.exists():
        return {}
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return {e["input"].rsplit("/", 1)[-1]: e["error"] for e in lines}


# 1. whole-batch crashes


def test_amount_above_64_bits_is_written_exactly(tmp_path) -> None:
    folder = _inputs(tmp_path, **{"big.txt": "매출은 200000000000000000000000원이다.\n"})
    out = tmp_path / "out"
    result = runner.invoke(app, [str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    raw = (out / "big.json").read_text(encoding="utf-8")
    assert '"value": 200000000000000000000000,' in raw
    assert json.loads(raw)["amounts"][0]["value"] == 2 * 10**23
    assert (out / "good.json").exists()


def test_file_name_that_is_not_utf8(tmp_path) -> None:
    folder = _inputs(tmp_path)
    (folder / os.fsdecode(b"caf\xe9.txt")).write_text("서울시는 3,000억 원을 편성했다고 밝혔다.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, [str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    written = json.loads((out / "caf%E9.json").read_text(encoding="utf-8"))
    assert written["source"]["path"].endswith("caf\\xe9.txt")
    assert (out / "good.json").exists()


def test_symlink_outside_the_input_folder_is_a_per_file_error(tmp_path) -> None:
    folder = _inputs(tmp_path)
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("서울시는 1억 원을 편성했다.\n", encoding="utf-8")
    (folder / "link.txt").symlink_to(secret)
    (folder / "linked-dir").symlink_to(secret.parent)
    (folder / "inside.txt").symlink_to(folder / "good.txt")
    out = tmp_path / "out"
    result = runner.invoke(app, [str(folder), "-o", str(out)])
    assert result.exit_code == 1
    errors = _errors(out)
    assert "outside the input folder" in errors["link.txt"] and "not followed" in errors["link.txt"]
    assert "outside the input folder" in errors["linked-dir"]
    assert (out / "good.json").exists() and (out / "inside.json").exists()
    assert not (out / "secret.json").exists()
    # A symlink named on the command line is followed.
    out2 = tmp_path / "out2"
    assert runner.invoke(app, [str(folder / "link.txt"), "-o", str(out2)]).exit_code == 0
    assert (out2 / "link.json").exists()


def test_very_long_jsonl_id_gets_a_short_deterministic_name(tmp_path) -> None:
    source = tmp_path / "batch.jsonl"
    ident = "x" * 100_000
    source.write_text(json.dumps({"id": ident, "text": "서울시는 2억 원을 썼다."}) + "\n", encoding="utf-8")
    names = []
    for run in ("a", "b"):
        out = tmp_path / run
        result = runner.invoke(app, [str(source), "-o", str(out)])
        assert result.exit_code == 0, result.output
        [written] = (out / "batch").glob("*.json")
        assert len(written.name.encode()) <= load.MAX_NAME_BYTES + len(".json")
        assert json.loads(written.read_text(encoding="utf-8"))["source"]["id"] == ident
        names.append(written.name)
    assert names[0] == names[1] and "~" in names[0]


def test_output_folder_that_is_a_file_exits_2(tmp_path) -> None:
    folder = _inputs(tmp_path)
    target = tmp_path / "taken"
    target.write_text("not a folder", encoding="utf-8")
    result = runner.invoke(app, [str(folder), "-o", str(target)])
    assert result.exit_code == 2
    assert "is an existing file" in result.output
    result = runner.invoke(app, [str(folder), "-o", str(target / "sub")])
    assert result.exit_code == 2 and "is a file" in result.output


def test_folder_where_an_output_file_must_go_exits_2_before_work(tmp_path, monkeypatch) -> None:
    folder = _inputs(tmp_path, **{"other.txt": GOOD.read_text(encoding="utf-8")})
    out = tmp_path / "out"
    (out / "good.json").mkdir(parents=True)
    monkeypatch.setattr(pipeline, "run", lambda *a, **k: pytest.fail("work started"))
    result = runner.invoke(app, [str(folder), "-o", str(out)])
    assert result.exit_code == 2
    assert "good.json is a folder" in result.output
    assert not (out / "other.json").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to any folder")
def test_output_folder_not_writable_exits_2(tmp_path) -> None:
    folder = _inputs(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o500)
    try:
        result = runner.invoke(app, [str(folder), "-o", str(out)])
    finally:
        out.chmod(0o700)
    assert result.exit_code == 2 and "not writable" in result.output


def test_write_failure_is_a_per_file_error(tmp_path, monkeypatch) -> None:
    folder = _inputs(tmp_path, **{"other.txt": GOOD.read_text(encoding="utf-8")})
    out = tmp_path / "out"
    real = Group.write

    def refuse(group, path, data):
        if path.name == "good.json":
            raise OSError(28, "No space left on device")
        real(group, path, data)

    monkeypatch.setattr(Group, "write", refuse)
    result = runner.invoke(app, [str(folder), "-o", str(out)])
    assert result.exit_code == 1
    assert "cannot write" in _errors(out)["good.txt"] and "No space left" in _errors(out)["good.txt"]
    assert (out / "other.json").exists()


# 2. time and size per input


def test_time_budget_ends_one_input_and_the_batch_goes_on(tmp_path, monkeypatch) -> None:
    folder = _inputs(tmp_path, **{"slow.txt": "느린 문서다. 서울시는 3억 원을 썼다고 밝혔다.\n"})
    real = pipeline.segment.segment

    def slow(body, **kwargs):
        if "느린" in body:
            time.sleep(30)  # a wall-clock budget ends a sleep too (it uses no CPU)
        return real(body, **kwargs)

    monkeypatch.setattr(pipeline.segment, "segment", slow)
    out = tmp_path / "out"
    result = runner.invoke(app, [str(folder), "-o", str(out), "--timeout", "3"])  # ample for good.txt when busy
    assert result.exit_code == 1
    assert "time budget of 3 s" in _errors(out)["slow.txt"]
    assert (out / "good.json").exists()


def test_time_budget_mechanism() -> None:
    with pytest.raises(budget.TimeBudgetExceeded), budget.time_limit(0.2):
        while True:
            pass
    with budget.time_limit(5):
        pass
    time.sleep(0.05)  # no alarm left behind


def test_a_budget_spent_inside_a_finaliser_is_raised_after_it() -> None:
    # Python only prints an exception raised in __del__: the budget must end the input just after it.
    finished = []

    class Slow:
        def __del__(self) -> None:
            end = time.monotonic() + 0.3
            while time.monotonic() < end:
                pass
            finished.append(True)

    with pytest.raises(budget.TimeBudgetExceeded), budget.time_limit(0.05):
        Slow()  # collected at once; its __del__ outlasts the budget
        stop = time.monotonic() + 10
        while time.monotonic() < stop:
            pass
    assert finished


def test_repeated_organisation_names_end_cleanly(tmp_path) -> None:
    folder = _inputs(tmp_path, **{"many.txt": "서울시 " * 50_000 + "\n"})
    out = tmp_path / "out"
    result = runner.invoke(app, [str(folder), "-o", str(out), "--timeout", "2", "--no-clean"])
    assert result.exit_code in (0, 1)
    assert (out / "good.json").exists()
    assert (out / "many.json").exists() or "time budget" in _errors(out)["many.txt"]


def test_size_limit_per_input(tmp_path) -> None:
    folder = _inputs(tmp_path, **{"huge.txt": "서울시는 3억 원을 썼다. " * 2000})
    (folder / "lines.jsonl").write_text(
        json.dumps({"id": "long", "text": "가" * 50_000}) + "\n" + json.dumps({"id": "short", "text": "서울시는 3억 원을 썼다."})
        + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, [str(folder), "-o", str(out), "--max-bytes", "40000"])
    assert result.exit_code == 1
    errors = _errors(out)
    assert "above the size limit of 40,000 bytes" in errors["huge.txt"] and "--max-bytes" in errors["huge.txt"]
    assert "size limit" in errors["lines.jsonl:1"]
    assert (out / "good.json").exists() and (out / "lines" / "short.json").exists()


def test_jobs_two_keeps_the_budget_and_leaves_no_process(tmp_path) -> None:
    out = tmp_path / "out"
    command = [sys.executable, "-m", "cli", "seeds/", "-o", str(out), "--jobs", "2", "--timeout", "0.001", "-q"]
    process = subprocess.Popen(command, cwd=ROOT, start_new_session=True, stderr=subprocess.PIPE)
    group: set[int] = set()
    while process.poll() is None:
        for proc in psutil.process_iter():
            try:
                if os.getpgid(proc.pid) == process.pid:
                    group.add(proc.pid)
            except (ProcessLookupError, psutil.Error):
                pass
        time.sleep(0.05)
    stderr = process.stderr.read().decode()
    process.stderr.close()
    assert process.returncode == 1, stderr
    assert stderr.count("time budget of 0.001 s") == 5
    time.sleep(0.5)
    left = [pid for pid in group - {process.pid} if psutil.pid_exists(pid) and _in_group(pid, process.pid)]
    assert not left, [psutil.Process(pid).cmdline() for pid in left]


def _in_group(pid: int, group: int) -> bool:
    try:
        return os.getpgid(pid) == group
    except ProcessLookupError:
        return False


# 5. wrong or vague errors


@pytest.mark.parametrize(("record", "expected"), [
    ({"id": "a", "text": "서울시는 3억 원을 썼다.", "published_at": 20240529},
     '"published_at" must be a string (an ISO 8601 time'),
    ({"id": "a", "text": "서울시는 3억 원을 썼다.", "url": 7}, '"url" must be a string'),
    ({"id": ["a"], "text": "서울시는 3억 원을 썼다."}, '"id" must be a string or an integer, not an array'),
])
def test_jsonl_field_of_the_wrong_type(tmp_path, record, expected) -> None:
    source = tmp_path / "batch.jsonl"
    source.write_text(json.dumps(record) + "\n" + json.dumps({"id": "ok", "text": "서울시는 3억 원을 썼다."}) + "\n",
                      encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, [str(source), "-o", str(out)])
    assert result.exit_code == 1
    assert expected in _errors(out)["batch.jsonl:1"]
    assert "internal error" not in result.output
    assert (out / "batch" / "ok.json").exists()


def test_utf16_without_bom(tmp_path) -> None:
    text = GOOD.read_text(encoding="utf-8")
    folder = _inputs(tmp_path, **{"le.txt": text.encode("utf-16-le"), "be.txt": text.encode("utf-16-be")})
    out = tmp_path / "out"
    result = runner.invoke(app, [str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    good = json.loads((out / "good.json").read_text(encoding="utf-8"))
    for name, encoding in (("le", "utf-16-le"), ("be", "utf-16-be")):
        article = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
        assert article["source"]["encoding"] == encoding
        assert article["body"] == good["body"]


def test_deep_json_in_a_script_does_not_fail_the_page(tmp_path) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    page = ("<html><head><title>광주시, 기업 20곳과 협약</title></head><body>"
            f'<script>window.__DATA__ = {{"articleBody": "x", "deep": {deep}}};</script>'
            "<article><p>광주시는 기업 20곳과 투자 협약을 맺었다고 30일 밝혔다.</p>"
            "<p>투자 규모는 3,000억 원이다.</p></article></body></html>")
    folder = _inputs(tmp_path, **{"deep.html": page})
    out = tmp_path / "out"
    result = runner.invoke(app, [str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    article = json.loads((out / "deep.json").read_text(encoding="utf-8"))
    assert "3,000억 원" in article["body"]


# 6. silent garbage


def test_cp949_page_declaring_latin1(tmp_path) -> None:
    page = ('<html><head><meta charset="iso-8859-1"><title>광주시, 기업 20곳과 협약</title></head><body><article>'
            "<p>광주시는 기업 20곳과 투자 협약을 맺었다고 30일 밝혔다.</p></article></body></html>")
    folder = _inputs(tmp_path, **{"page.html": page.encode("cp949")})
    out = tmp_path / "out"
    assert runner.invoke(app, [str(folder), "-o", str(out)]).exit_code == 0
    article = json.loads((out / "page.json").read_text(encoding="utf-8"))
    assert article["source"]["encoding"] == "cp949"
    assert "광주시는 기업 20곳과" in article["body"]


# 7. reading its own output


def test_output_folder_is_never_read(tmp_path, monkeypatch) -> None:
    _inputs(tmp_path)
    monkeypatch.chdir(tmp_path / "in")
    for _ in range(3):
        result = runner.invoke(app, [".", "-o", "out", "--format", "jsonl"])
        assert result.exit_code == 0, result.output
        assert "1 article done, 0 failed" in result.output
    # Another output folder of the tool (it holds the lock file) is not walked either.
    assert runner.invoke(app, [".", "-o", "second"]).exit_code == 0
    result = runner.invoke(app, [".", "-o", "third"])
    assert "1 article done, 0 failed" in result.output
    # Nor is a report folder.
    assert runner.invoke(app, ["report", ".", "-o", "report"]).exit_code == 0
    result = runner.invoke(app, [".", "-o", "fourth"])
    assert "1 article done, 0 failed" in result.output
    # An input inside the output folder is refused.
    result = runner.invoke(app, ["out/articles.jsonl", "-o", "out"])
    assert result.exit_code == 2 and "inside the output folder" in result.output


# 8. work lost


def test_interrupted_jsonl_run_keeps_finished_articles(tmp_path, monkeypatch) -> None:
    folder = _inputs(tmp_path, **{"z.txt": GOOD.read_text(encoding="utf-8")})
    real = batch._extract
    calls = []

    def interrupted(task, options):
        calls.append(task.display)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(task, options)

    monkeypatch.setattr(batch, "_extract", interrupted)
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        batch.run([str(folder)], batch.Options(out=out, format="jsonl"))
    raw = (out / "articles.jsonl").read_bytes()
    assert raw.endswith(b"\n") and raw.count(b"\n") == 1
    assert json.loads(raw)["source"]["path"].endswith("good.txt")


def test_inputs_are_read_when_their_turn_comes(tmp_path, monkeypatch) -> None:
    folder = _inputs(tmp_path, **{"z.txt": GOOD.read_text(encoding="utf-8")})
    out = tmp_path / "out"
    real = load.read
    seen = []

    def read(task, **kwargs):
        seen.append((task.display.rsplit("/", 1)[-1], (out / "good.json").exists()))
        return real(task, **kwargs)

    monkeypatch.setattr(load, "read", read)
    totals = []
    summary = batch.run([str(folder)], batch.Options(out=out), start=totals.append)
    assert summary.done == 2 and totals == [2]
    assert seen == [("good.txt", False), ("z.txt", True)]


# 9. two runs into one output folder


def test_second_run_into_a_folder_in_use_is_refused(tmp_path) -> None:
    folder = _inputs(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".extract.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        (out / "errors.jsonl").write_text('{"input": "x", "error": "y"}\n', encoding="utf-8")
        result = runner.invoke(app, [str(folder), "-o", str(out)])
        assert result.exit_code == 2
        assert "another extract run is writing to" in result.output
        assert (out / "errors.jsonl").exists()  # untouched
    assert runner.invoke(app, [str(folder), "-o", str(out)]).exit_code == 0


# 10. modes and duplicate ids


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o002, 0o664)])
def test_files_follow_the_umask(tmp_path, mask, mode) -> None:
    folder = _inputs(tmp_path)
    previous = os.umask(mask)
    try:
        for fmt in ("json", "jsonl"):
            out = tmp_path / fmt
            assert runner.invoke(app, [str(folder), "-o", str(out), "--format", fmt]).exit_code == 0
            written = out / ("good.json" if fmt == "json" else "articles.jsonl")
            assert written.stat().st_mode & 0o777 == mode
    finally:
        os.umask(previous)


def test_duplicate_jsonl_ids_get_a_notice(tmp_path) -> None:
    source = tmp_path / "batch.jsonl"
    source.write_text("".join(json.dumps({"id": "d", "text": text}) + "\n"
                              for text in ("서울시는 3억 원을 썼다.", "부산시는 4억 원을 썼다.")), encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, [str(source), "-o", str(out)])
    assert result.exit_code == 0
    assert "notice:" in result.output and "also used on line 1" in result.output
    second = json.loads((out / "batch" / "d__2.json").read_text(encoding="utf-8"))
    assert "부산시" in second["body"]
    assert any("also used on line 1" in w for w in second["warnings"])


@pytest.mark.parametrize("ident", ["..", ".hidden", "a/b/../../c", "서울 시청 #1", ""])
def test_odd_jsonl_ids_stay_inside_the_output_folder(tmp_path, ident) -> None:
    source = tmp_path / "batch.jsonl"
    source.write_text(json.dumps({"id": ident, "text": "서울시는 3억 원을 썼다."}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, [str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    [written] = [p for p in out.rglob("*.json")]
    assert written.parent == out / "batch" and not written.name.startswith(".")
    assert json.loads(written.read_text(encoding="utf-8"))["source"]["id"] == ident


def test_folder_name_that_is_not_utf8(tmp_path) -> None:
    folder = tmp_path / "in" / os.fsdecode(b"d\xffir")
    folder.mkdir(parents=True)
    shutil.copy(GOOD, folder / "x.txt")
    out = tmp_path / "out"
    result = runner.invoke(app, [str(tmp_path / "in"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "d%FFir" / "x.json").exists()


def test_a_failed_write_leaves_no_half_line(tmp_path) -> None:
    from extract.write import LineWriter

    path = tmp_path / "articles.jsonl"
    writer = LineWriter(path)
    writer.write(b'{"a": 1}')
    real = writer.stream.write

    def half_then_fail(data):
        real(bytes(data[: len(data) // 2]))
        raise OSError(28, "No space left on device")

    writer.stream.write = half_then_fail  # type: ignore[method-assign]
    with pytest.raises(OSError):
        writer.write(b'{"b": "' + b"x" * 1000 + b'"}')
    with pytest.raises(OSError):
        writer.write(b'{"b": 2}')  # a second failure cuts back to the same place
    writer.stream.write = real  # type: ignore[method-assign]
    writer.write(b'{"c": 3}')
    writer.close()
    assert path.read_bytes() == b'{"a": 1}\n{"c": 3}\n'
