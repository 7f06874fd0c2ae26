"""Extraction on a Dask cluster (two local worker processes, loopback only) against a local run.

The inputs are the seeds, 200 variations of them generated here, a .jsonl file of records, two HTML pages
and a few bad inputs; every output file and errors.jsonl must be byte-identical to `extract --jobs 1`.
"""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path

import orjson
import pytest
import regex
from typer.testing import CliRunner

import extract
from cli import app
from extract import batch
from extract.write import file_mode

from .conftest import ROOT, SEEDS

CORPUS = ROOT / "tests" / "corpus"
GENERATED = 200
runner = CliRunner()


@pytest.fixture(scope="module")
def client():
    pytest.importorskip("dask")
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1",
                                       dashboard_address=None, silence_logs=logging.ERROR)
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


def _variant(text: str, number: int) -> str:
    """A different but plausible page: amounts changed and one long paragraph dropped."""
    shift = number % 9 + 1
    text = regex.sub(r"(?<=\s)(\d{1,3})(?=\s?[명개곳억만원%])", lambda m: str(int(m[1]) + shift), text)
    lines = text.split("\n")
    long = [i for i, line in enumerate(lines) if len(line) > 60]
    if len(long) > 2:
        del lines[long[1 + number % (len(long) - 1)]]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("dask-corpus")
    seeds = sorted(SEEDS.glob("*.txt"))
    shutil.copytree(SEEDS, root / "seeds")
    generated = root / "generated"
    generated.mkdir()
    for number in range(GENERATED):
        seed = seeds[number % len(seeds)]
        (generated / f"{seed.stem[:3]}_{number:03d}.txt").write_text(
            _variant(seed.read_text(encoding="utf-8"), number), encoding="utf-8")
    pages = root / "pages"
    pages.mkdir()
    shutil.copy(CORPUS / "yna_budget_html.html", pages / "budget.html")
    shutil.copy(CORPUS / "hani_hiring.txt", pages / "budget.txt")  # same stem: both keep their suffix
    records = [{"id": f"r{number}", "text": _variant(seeds[number % 5].read_text(encoding="utf-8"), number + 7),
                "published_at": f"2024-05-{number % 28 + 1:02d}"} for number in range(20)]
    lines = [orjson.dumps(record).decode() for record in records]
    lines[3:3] = ["not json", orjson.dumps({"id": "r1", "text": "서울시는 29일 예산 3억 원을 편성했다."}).decode(),
                  orjson.dumps({"text": "   "}).decode(), orjson.dumps({"id": "x", "text": "a", "lang": "ko"}).decode()]
    lines.insert(10, "")
    (root / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    bad = root / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (bad / "chrome.txt").write_text("기사 메일전송\n기사수정\n", encoding="utf-8")
    return root


def _files(folder: Path) -> dict[str, bytes]:
    """The output files of a run (the run's lock file aside)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != batch.LOCK_FILE}


def _assert_same(local: Path, remote: Path) -> None:
    expected, actual = _files(local), _files(remote)
    assert sorted(actual) == sorted(expected)
    different = [name for name in expected if expected[name] != actual[name]]
    assert not different, f"{len(different)} files differ, first {different[:5]}"


def test_same_files_as_a_local_run(client, corpus, tmp_path) -> None:
    from extract import dask as on_dask

    inputs = [str(corpus / "seeds"), str(corpus / "generated"), str(corpus / "pages"), str(corpus / "records.jsonl"),
              str(corpus / "bad")]
    local = batch.run(inputs, batch.Options(out=tmp_path / "local"))
    summary = on_dask.run(inputs, batch.Options(out=tmp_path / "dask"), client=client, partition_size=16)
    _assert_same(tmp_path / "local", tmp_path / "dask")
    assert summary.done == local.done >= GENERATED + 5 + 2 + 21
    assert summary.records == local.records
    assert [(f.display, f.reason) for f in summary.failures] == [(f.display, f.reason) for f in local.failures]
    errors = (tmp_path / "dask" / batch.ERRORS_FILE).read_text(encoding="utf-8").splitlines()
    assert len(errors) == summary.failed == 6  # 3 record lines, empty, binary, chrome
    assert (tmp_path / "dask" / "pages" / "budget.html.json").exists()
    assert f"{summary.done} articles done, 6 failed" in summary.line() and "on 2 Dask workers" in summary.line()


def test_a_missing_input_is_a_usage_error_before_any_work(client, corpus, tmp_path) -> None:
    from extract import dask as on_dask
    from extract.errors import UsageError

    with pytest.raises(UsageError, match="no such file or folder"):
        on_dask.run([str(corpus / "seeds"), str(corpus / "missing")], batch.Options(out=tmp_path / "dask"),
                    client=client)
    assert not list((tmp_path / "dask").glob("**/*.json"))


def test_jsonl_parts_are_joined_in_input_order(client, corpus, tmp_path) -> None:
    from extract import dask as on_dask

    inputs = [str(corpus / "seeds"), str(corpus / "bad"), str(corpus / "records.jsonl")]
    local = batch.run(inputs, batch.Options(out=tmp_path / "local", format="jsonl"))
    (tmp_path / "dask").mkdir()
    (tmp_path / "dask" / batch.ERRORS_FILE).write_text("stale\n")
    summary = on_dask.run(inputs, batch.Options(out=tmp_path / "dask", format="jsonl"), client=client,
                          partition_size=3)
    _assert_same(tmp_path / "local", tmp_path / "dask")  # no parts folder left behind
    assert summary.done == local.done == 26
    joined = (tmp_path / "dask" / batch.JSONL_FILE).stat().st_mode & 0o777
    assert joined == (tmp_path / "local" / batch.JSONL_FILE).stat().st_mode & 0o777 == file_mode()


def test_a_run_without_failures_removes_a_stale_error_list(client, tmp_path) -> None:
    from extract import dask as on_dask

    (tmp_path / batch.ERRORS_FILE).write_text("stale\n")
    summary = on_dask.run([str(SEEDS / "003_874aee0b08fd066c.txt")], batch.Options(out=tmp_path), client=client)
    assert summary.done == 1 and not summary.failures
    assert sorted(p.name for p in tmp_path.iterdir()) == [batch.LOCK_FILE, "003_874aee0b08fd066c.json"]


def test_bag_of_jsonl_records_written_as_parts(client, corpus, tmp_path) -> None:
    import dask.bag as db

    from extract import dask as on_dask

    # Partitions of a bag are read apart, so a bag of records is not checked for duplicate ids (a local
    # run notes them in the article's warnings): this file's ids are distinct.
    records = [line for line in (corpus / "records.jsonl").read_text(encoding="utf-8").splitlines()
               if '"id":"r1"' not in line]
    path = (tmp_path / "records.jsonl").as_posix()
    Path(path).write_text("\n".join(records) + "\n", encoding="utf-8")
    local = batch.run([path], batch.Options(out=tmp_path / "local", format="jsonl"))
    lines = db.read_text(path, include_path=True, blocksize=4096)
    assert lines.npartitions > 1
    parts = on_dask.to_jsonl(on_dask.extract_bag(lines), str(tmp_path / "parts"))
    written = b"".join(Path(part).read_bytes() for part, _, _ in parts)
    assert written == (tmp_path / "local" / batch.JSONL_FILE).read_bytes()
    assert sum(count for _, count, _ in parts) == local.done == 19
    failures = [failure for _, _, found in parts for failure in found]
    assert len(failures) == local.failed == 3
    assert [Path(part).name for part, _, _ in parts][:2] == ["part-00000.jsonl", "part-00001.jsonl"]


def test_bag_from_paths_and_of_dicts(client, corpus) -> None:
    import dask.bag as db

    from extract import dask as on_dask

    results = on_dask.extract_bag([str(corpus / "seeds"), str(corpus / "bad")], partition_size=3).compute()
    assert [r.article is not None for r in results] == [True] * 5 + [False] * 3
    assert results[0].name.as_posix() == "seeds/000_0bb92373a69b67de" and results[0].article.title
    texts = db.from_sequence([{"text": "서울시는 29일 예산 3억 원을 편성했다.", "published_at": "2024-05-29"}, {"id": 5}])
    first, second = on_dask.extract_bag(texts).compute()
    assert first.article.amounts[0].value == 300000000 and first.article.dates[0].value == "2024-05-29"
    assert second.article is None and "string \"text\"" in second.error


def test_models_are_loaded_once_per_worker_not_shipped(client) -> None:
    import cloudpickle

    from extract import dask as on_dask

    client.register_plugin(on_dask.Preload(), name=on_dask.Preload.name)
    loaded = client.run(lambda: __import__("extract.kiwi").kiwi._kiwi is not None)
    assert len(loaded) == 2 and all(loaded.values())
    task = cloudpickle.dumps((on_dask.write_partition, batch.Options(), None))
    assert len(task) < 2000  # the function is shipped by reference; Kiwi and the rules stay in the worker


def test_partitions_hold_many_articles() -> None:
    pytest.importorskip("distributed")
    from extract import dask as on_dask
    from extract.load import Task

    tasks = [Task(str(n), Path(str(n)), "text", data=b"x" * 100) for n in range(130)]
    assert [len(group) for group in on_dask.partitions(tasks, 64, first=64)] == [64, 64, 2]
    assert [len(group) for group in on_dask.partitions(tasks, 32)] == [1, 2, 4, 8, 16, 32, 32, 32, 3]
    assert [len(group) for group in on_dask.partitions(tasks, 64, max_bytes=1000, first=64)] == [10] * 13
    assert [task for group in on_dask.partitions(tasks, 7) for task in group] == tasks


def test_cli_against_a_scheduler_address(client, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    local = runner.invoke(app, ["seeds/", "-o", str(tmp_path / "out")])
    remote = runner.invoke(app, ["seeds/", "--dask", client.scheduler.address, "-o", str(tmp_path / "out-dask")])
    assert local.exit_code == remote.exit_code == 0, remote.output
    _assert_same(tmp_path / "out", tmp_path / "out-dask")
    assert len(_files(tmp_path / "out-dask")) == 5
    assert "5 articles done, 0 failed" in remote.output and "on 2 Dask workers" in remote.output


@pytest.mark.parametrize("address", ["local:0", "local:two", "local:-1"])
def test_bad_local_address_is_a_usage_error(address, tmp_path) -> None:
    pytest.importorskip("distributed")
    result = runner.invoke(app, [str(SEEDS), "--dask", address, "-o", str(tmp_path)])
    assert result.exit_code == 2 and "local:N" in result.output


def test_without_dask_installed_the_switch_says_how_to_install(tmp_path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "dask", None)
    monkeypatch.delitem(sys.modules, "extract.dask", raising=False)
    monkeypatch.delattr(extract, "dask", raising=False)
    result = runner.invoke(app, [str(SEEDS), "--dask", "local:2", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "pip install" in result.output and "[dask]" in result.output
    assert not list(tmp_path.iterdir())


def test_a_bag_record_is_checked_and_named_as_a_local_run_does() -> None:
    from extract import dask as on_dask
    from extract.load import Failure, Task

    wrong = on_dask.record_task({"id": "x", "text": "본문이다.", "published_at": 20240529}, 3, "a.jsonl")
    assert isinstance(wrong, Failure) and wrong.display == "a.jsonl:3" and '"published_at" must be a string' in wrong.reason
    long = on_dask.record_task({"id": "가" * 100_000, "text": "본문이다."}, 1, "a.jsonl")
    assert isinstance(long, Task) and len(long.out_name.name.encode("utf-8")) <= 150
    assert on_dask.record_task({"id": ".hidden", "text": "본문이다."}, 2).out_name.name == "_hidden"
