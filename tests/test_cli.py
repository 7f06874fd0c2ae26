"""The CLI, run in-process (sqlite-utils style)."""

from __future__ import annotations

import io
import json
import shutil

import jsonschema
import pytest
from typer.testing import CliRunner

from cli import app
from extract import batch
from schemas import json_schema

from .conftest import ROOT, SEEDS

runner = CliRunner()


@pytest.fixture()
def in_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def test_seeds_to_valid_json(tmp_path, in_root) -> None:
    result = runner.invoke(app, ["seeds/", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    files = sorted(tmp_path.glob("*.json"))
    assert [f.stem for f in files] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    schema = json_schema()
    for file in files:
        jsonschema.validate(json.loads(file.read_text(encoding="utf-8")), schema)
    assert "5 articles done, 0 failed" in result.output
    assert not (tmp_path / "errors.jsonl").exists()


def test_bad_file_does_not_stop_the_batch(tmp_path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SEEDS / "003_874aee0b08fd066c.txt", inputs / "good.txt")
    (inputs / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00")
    (inputs / "empty.txt").write_text("좋아요0\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, [str(inputs), "-o", str(out)])
    assert result.exit_code == 1
    assert (out / "good.json").exists()
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {e["input"].rsplit("/", 1)[-1] for e in errors} == {"broken.txt", "empty.txt"}
    assert any("binary" in e["error"] for e in errors)
    assert "broken.txt: binary" in result.output
    # A later clean run removes the stale error list.
    (inputs / "broken.txt").unlink()
    (inputs / "empty.txt").unlink()
    assert runner.invoke(app, [str(inputs), "-o", str(out)]).exit_code == 0
    assert not (out / "errors.jsonl").exists()


def test_missing_path_is_a_usage_error(tmp_path) -> None:
    result = runner.invoke(app, [str(tmp_path / "nope"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "no such file or folder" in result.output
    assert not (tmp_path / "out").exists()  # refused before any work


def test_usage_errors_exit_2(tmp_path) -> None:
    assert runner.invoke(app, ["seeds/", "--format", "xml"]).exit_code == 2
    assert runner.invoke(app, ["seeds/", "--reference-date", "yesterday"]).exit_code == 2
    assert runner.invoke(app, ["seeds/", "--no-such-option"]).exit_code == 2


def test_output_mirrors_the_tree(tmp_path) -> None:
    for folder in ("a", "b"):
        (tmp_path / "in" / folder).mkdir(parents=True)
        shutil.copy(SEEDS / "003_874aee0b08fd066c.txt", tmp_path / "in" / folder / "same.txt")
    out = tmp_path / "out"
    result = runner.invoke(app, [str(tmp_path / "in" / "a"), str(tmp_path / "in" / "b"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "a" / "same.json").exists() and (out / "b" / "same.json").exists()


def test_jsonl_in_and_out(tmp_path) -> None:
    records = [
        {"id": "x1", "text": "서울시는 올해 예산 3,000억 원을 편성했다고 밝혔다.", "published_at": "2024-05-29"},
        {"id": "x2", "text": "광주시는 기업 20개사를 유치했다고 30일 밝혔다."},
    ]
    source = tmp_path / "batch.jsonl"
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\nnot json\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, [str(source), "-o", str(out), "--format", "jsonl", "--reference-date", "2024-06-30"])
    assert result.exit_code == 1  # the third line is bad
    lines = [json.loads(line) for line in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [a["source"]["id"] for a in lines] == ["x1", "x2"]
    assert lines[0]["dates"][0]["value"] == "2024"
    assert lines[1]["dates"][0]["value"] == "2024-06-30"
    assert "batch.jsonl:3" in (out / "errors.jsonl").read_text(encoding="utf-8")


def test_stdin(tmp_path) -> None:
    data = (SEEDS / "003_874aee0b08fd066c.txt").read_bytes()
    result = runner.invoke(app, ["-", "-o", str(tmp_path)], input=data)
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "stdin.json").read_text(encoding="utf-8"))["source"]["path"] == "-"


def test_jobs_two_gives_the_same_files(tmp_path, in_root) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    assert runner.invoke(app, ["seeds/", "-o", str(one)]).exit_code == 0
    assert runner.invoke(app, ["seeds/", "-o", str(two), "--jobs", "2"]).exit_code == 0
    for file in one.glob("*.json"):
        assert file.read_bytes() == (two / file.name).read_bytes()


def test_schema_command_and_file_are_current() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    printed = json.loads(result.output)
    assert printed == json_schema()
    on_disk = json.loads((ROOT / "schemas" / "article.schema.json").read_text(encoding="utf-8"))
    assert on_disk == printed, "schemas/article.schema.json is stale: run `extract schema > schemas/article.schema.json`"


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("extract ")


def test_rules_test_command() -> None:
    result = runner.invoke(app, ["rules", "test"])
    assert result.exit_code == 0, result.output
    assert " passed, 0 failed" in result.output


def test_rules_explain_shows_the_winner() -> None:
    result = runner.invoke(app, ["rules", "explain", "서초구 태봉로 108(연면적 10,020㎡)"])
    assert result.exit_code == 0
    assert "ignore.address" in result.output and "10,020㎡" in result.output


def test_stdout_streams_jsonl_and_keeps_stderr_for_the_summary(tmp_path, in_root) -> None:
    result = runner.invoke(app, ["seeds/003_874aee0b08fd066c.txt", "seeds/002_ecd383afc86f028b.txt", "-o", "-"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [json.loads(line)["source"]["path"] for line in lines] == [
        "seeds/003_874aee0b08fd066c.txt", "seeds/002_ecd383afc86f028b.txt"]  # in the order given
    assert "2 articles done" in result.stderr and "articles done" not in result.stdout


def test_format_is_a_choice_list() -> None:
    result = runner.invoke(app, ["run", "--help"])
    assert "json|jsonl" in result.output
    result = runner.invoke(app, ["seeds/", "--format", "xml"])
    assert result.exit_code == 2 and "--format" in result.output


@pytest.mark.parametrize(("value", "message"), [
    ("2024-02-30", "2024-02-30 does not exist"),
    ("yesterday", "not a date in the form YYYY-MM-DD"),
])
def test_bad_reference_date_names_the_option(value, message) -> None:
    result = runner.invoke(app, ["seeds/", "--reference-date", value])
    assert result.exit_code == 2
    shown = " ".join(result.output.replace("│", " ").split())
    assert "--reference-date" in shown and message in shown


def test_progress_bar_knows_the_total(tmp_path, in_root) -> None:
    from rich.console import Console

    from cli import _progress_bar

    totals = []
    summary = batch.run(["seeds/"], batch.Options(out=tmp_path), start=totals.append)
    assert totals == [5] and summary.done == 5
    bar = _progress_bar(Console(file=io.StringIO(), force_terminal=True, width=100))
    job = bar.add_task("extracting", total=5)
    bar.advance(job, 2)
    with bar.console.capture() as captured:
        bar.console.print(bar.make_tasks_table(bar.tasks))
    assert "2/5" in captured.get() and "ETA" in captured.get()
