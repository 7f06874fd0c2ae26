"""`extract diff` and `extract report`, run in-process."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from cli import app

from .conftest import GOLDEN, ROOT

runner = CliRunner()


@pytest.fixture()
def in_root(monkeypatch):
    monkeypatch.chdir(ROOT)


@pytest.fixture()
def golden_copy(tmp_path):
    folder = tmp_path / "golden"
    shutil.copytree(GOLDEN, folder)
    return folder


def _edit(path, change) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def test_identical_exits_0(in_root) -> None:
    result = runner.invoke(app, ["diff", "tests/golden", "seeds/"])
    assert result.exit_code == 0, result.output
    assert "5 same, 0 changed" in result.output


def test_a_changed_record_exits_1_with_a_readable_diff(in_root, golden_copy) -> None:
    _edit(golden_copy / "003_874aee0b08fd066c.json", lambda d: d["amounts"][0].update(value=1))
    (golden_copy / "gone.json").write_text("{}", encoding="utf-8")
    result = runner.invoke(app, ["diff", str(golden_copy), "seeds/"])
    assert result.exit_code == 1
    assert "amounts: changed" in result.output and '"value":500000000000000' in result.output
    assert "gone.json: golden file whose input no longer exists" in result.output


def test_json_output(in_root, golden_copy) -> None:
    _edit(golden_copy / "002_ecd383afc86f028b.json", lambda d: d["dates"].pop(0))
    (golden_copy / "004_238c99d221afdb0f.json").unlink()
    result = runner.invoke(app, ["diff", str(golden_copy), "seeds/", "--json"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["identical"] is False
    assert data["changed"]["002_ecd383afc86f028b.json"]["records"]["dates"]["added"][0]["text"] == "7일"
    assert data["missing_golden"] == ["004_238c99d221afdb0f.json"]


def test_actual_folder(in_root, tmp_path) -> None:
    out = tmp_path / "out"
    assert runner.invoke(app, ["seeds/", "-o", str(out)]).exit_code == 0
    assert runner.invoke(app, ["diff", "tests/golden", "--actual", str(out)]).exit_code == 0


def test_update_rewrites_and_then_matches(in_root, golden_copy) -> None:
    _edit(golden_copy / "001_84cbe3cfa91d9187.json", lambda d: d.update(title="x"))
    (golden_copy / "gone.json").write_text("{}", encoding="utf-8")
    result = runner.invoke(app, ["diff", str(golden_copy), "seeds/", "--update"])
    assert result.exit_code == 0
    assert "updated" in result.output and "removed" in result.output
    assert not (golden_copy / "gone.json").exists()
    assert runner.invoke(app, ["diff", str(golden_copy), "seeds/"]).exit_code == 0


def test_usage_errors_exit_2(tmp_path) -> None:
    assert runner.invoke(app, ["diff", str(tmp_path / "nope"), "seeds/"]).exit_code == 2
    assert runner.invoke(app, ["diff", str(tmp_path)]).exit_code == 2


def test_report_command(in_root, tmp_path) -> None:
    result = runner.invoke(app, ["report", "seeds/", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    pages = sorted(p.name for p in tmp_path.glob("*.html"))
    assert pages[-1] == "index.html" and len(pages) == 6
    page = (tmp_path / "003_874aee0b08fd066c.html").read_text(encoding="utf-8")
    assert "<script" not in page and "http" not in page.replace("http-equiv", "")  # self-contained
    assert 'data-type="amount"' in page and "rule money.won" in page
    assert "<del>가장작게</del>" in page


def test_highlight_nests_and_escapes() -> None:
    from extract.report import Span, highlight

    text = "A<B 서울시장 오세훈"
    spans = [Span("person", 8, 11, "p"), Span("organisation", 4, 7, "o"), Span("date", 4, 9, "crossing")]
    html = highlight(text, 0, sorted(spans, key=lambda s: (s.start, -s.end)))
    assert html.startswith("A&lt;B ")
    assert html.count("<mark") == 2  # the crossing span cannot be nested and is left out
