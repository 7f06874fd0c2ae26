"""`extract diff` and `extract report`, run in-process, including hostile folders and inputs."""

from __future__ import annotations

import copy
import json
import os
import shutil

import pytest
from selectolax.lexbor import LexborHTMLParser
from typer.testing import CliRunner

from cli import app

from .conftest import GOLDEN, ROOT

runner = CliRunner()
SEED = "000_0bb92373a69b67de"


@pytest.fixture()
def in_root(monkeypatch):
    monkeypatch.chdir(ROOT)


@pytest.fixture()
def golden_copy(tmp_path):
    folder = tmp_path / "golden"
    shutil.copytree(GOLDEN, folder)
    return folder


def _read(path):
    return json.loads(path.read_text(encoding="utf-8"))


def _write(path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def _edit(path, change) -> None:
    data = _read(path)
    change(data)
    _write(path, data)


def drop_paragraph(data: dict, number: int) -> tuple[dict, dict[str, list]]:
    """The output as it would be had paragraph `number` left the body: its records gone, later ones shifted."""
    data = copy.deepcopy(data)
    paragraphs = data["body"].split("\n\n")
    start = sum(len(p) + 2 for p in paragraphs[:number])
    end = start + len(paragraphs[number]) + 2
    width = end - start
    data["body"] = data["body"][:start] + data["body"][end:]
    gone: dict[str, list] = {}

    def keep(span) -> bool:
        return not (start <= span["start"] < end)

    def shift(span) -> None:
        if span["start"] >= end:
            span["start"] -= width
            span["end"] -= width

    for kind in ("amounts", "dates"):
        gone[kind] = [r for r in data[kind] if not keep(r)]
        data[kind] = [r for r in data[kind] if keep(r)]
        for record in data[kind]:
            shift(record)
    for kind in ("people", "organisations"):
        kept = []
        gone[kind] = []
        for record in data[kind]:
            mentions = [m for m in record["mentions"] if keep(m)]
            for mention in mentions:
                shift(mention)
            if mentions:
                kept.append({**record, "mentions": mentions})
            else:
                gone[kind].append(record)
        data[kind] = kept
    return data, gone


# ---------------------------------------------------------------- diff


def test_identical_exits_0(in_root) -> None:
    result = runner.invoke(app, ["diff", "tests/golden", "seeds/"])
    assert result.exit_code == 0, result.output
    assert "5 same, 0 changed" in result.output


def test_a_changed_value_names_the_field(in_root, golden_copy) -> None:
    _edit(golden_copy / "003_874aee0b08fd066c.json", lambda d: d["amounts"][0].update(value=1))
    (golden_copy / "gone.json").write_text("{}", encoding="utf-8")
    result = runner.invoke(app, ["diff", str(golden_copy), "seeds/"])
    assert result.exit_code == 1
    assert "amounts: ~ changed" in result.output
    assert "value: 1 → 500000000000000" in result.output
    assert "gone.json: golden file whose input no longer exists" in result.output


def test_one_paragraph_leaving_the_body_is_one_paragraph_and_its_records(tmp_path) -> None:
    """The acceptance case: one paragraph less shows that paragraph and its records, not every later record."""
    actual = tmp_path / "actual"
    for path in GOLDEN.glob("*.json"):
        _write(actual / path.name, _read(path))
    original = _read(GOLDEN / f"{SEED}.json")
    number = 7  # a paragraph in the middle, with amounts, people and organisations
    changed, gone = drop_paragraph(original, number)
    assert gone["amounts"] and sum(map(len, gone.values())) >= 3
    _write(actual / f"{SEED}.json", changed)
    result = runner.invoke(app, ["diff", str(GOLDEN), "--actual", str(actual), "--json"])
    assert result.exit_code == 1
    data = json.loads(result.output)["changed"][f"{SEED}.json"]
    paragraph = original["body"].split("\n\n")[number]
    assert [line for line in data["body"] if line.startswith("-")] == [f"-{paragraph}", "-"]
    for kind in ("amounts", "dates"):
        part = data["records"].get(kind, {})
        assert [r["text"] for r in part.get("removed", [])] == [r["text"] for r in gone[kind]], kind
        assert not part.get("added") and not part.get("changed") and not part.get("moved"), kind
    for kind in ("people", "organisations"):
        part = data["records"].get(kind, {})
        assert [r["name"] for r in part.get("removed", [])] == [r["name"] for r in gone[kind]]
        for pair in part.get("changed", []):  # only mentions inside the paragraph
            assert set(pair["fields"]) == {"mentions"} and not pair["fields"]["mentions"]["added"]
            assert all(paragraph.find(m["text"]) >= 0 for m in pair["fields"]["mentions"]["removed"])
    text = runner.invoke(app, ["diff", str(GOLDEN), "--actual", str(actual)]).output
    entries = [line for line in text.splitlines() if ": - removed" in line or ": ~ changed" in line
               or ": + added" in line or ": > moved" in line]
    assert len(entries) == sum(len(v) for v in gone.values()) + len(
        [p for p in data["records"].get("people", {}).get("changed", [])]) + len(
        [p for p in data["records"].get("organisations", {}).get("changed", [])])
    assert "only moved with the body's offsets" in text


def test_a_moved_paragraph_reports_moves(tmp_path) -> None:
    original = _read(GOLDEN / f"{SEED}.json")
    paragraphs = original["body"].split("\n\n")
    # Move paragraph 1 (which has amounts) to the end: rebuild offsets by text position.
    order = [0, *range(2, len(paragraphs)), 1]
    body = "\n\n".join(paragraphs[i] for i in order)
    old_starts = [sum(len(p) + 2 for p in paragraphs[:i]) for i in range(len(paragraphs))]
    new_starts = {i: sum(len(paragraphs[j]) + 2 for j in order[:k]) for k, i in enumerate(order)}

    def move(span):
        number = max(i for i, s in enumerate(old_starts) if s <= span["start"])
        delta = new_starts[number] - old_starts[number]
        span["start"] += delta
        span["end"] += delta

    data = copy.deepcopy(original)
    data["body"] = body
    for record in data["amounts"] + data["dates"]:
        move(record)
    for record in data["people"] + data["organisations"]:
        for mention in record["mentions"]:
            move(mention)
    data["amounts"].sort(key=lambda r: r["start"])
    data["dates"].sort(key=lambda r: r["start"])
    actual = tmp_path / "actual"
    _write(actual / f"{SEED}.json", data)
    golden = tmp_path / "golden"
    _write(golden / f"{SEED}.json", original)
    result = runner.invoke(app, ["diff", str(golden), "--actual", str(actual), "--json"])
    records = json.loads(result.output)["changed"][f"{SEED}.json"]["records"]
    moved = records["amounts"]["moved"]
    in_paragraph = [r for r in original["amounts"] if old_starts[1] <= r["start"] < old_starts[2]]
    assert [m["golden"]["text"] for m in moved] == [r["text"] for r in in_paragraph]
    assert not records["amounts"].get("removed") and not records["amounts"].get("added")
    assert all(not m["fields"] for m in moved)


def test_json_output(in_root, golden_copy) -> None:
    _edit(golden_copy / "002_ecd383afc86f028b.json", lambda d: d["dates"].pop(0))
    (golden_copy / "004_238c99d221afdb0f.json").unlink()
    result = runner.invoke(app, ["diff", str(golden_copy), "seeds/", "--json"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["identical"] is False
    assert data["changed"]["002_ecd383afc86f028b.json"]["records"]["dates"]["added"][0]["text"] == "7일"
    assert data["missing_golden"] == ["004_238c99d221afdb0f.json"]


def test_removed_is_a_line_diff(tmp_path) -> None:
    original = _read(GOLDEN / f"{SEED}.json")
    data = copy.deepcopy(original)
    data["removed"].insert(3, {"text": "새 메뉴", "reason": "menu"})
    actual = tmp_path / "actual"
    _write(actual / f"{SEED}.json", data)
    golden = tmp_path / "golden"
    _write(golden / f"{SEED}.json", original)
    result = runner.invoke(app, ["diff", str(golden), "--actual", str(actual)])
    assert result.exit_code == 1
    assert "  +[menu] 새 메뉴" in result.output
    assert len([line for line in result.output.splitlines() if line.strip().startswith(("+[", "-["))]) == 1


def test_actual_folder(in_root, tmp_path) -> None:
    out = tmp_path / "out"
    assert runner.invoke(app, ["seeds/", "-o", str(out)]).exit_code == 0
    assert runner.invoke(app, ["diff", "tests/golden", "--actual", str(out)]).exit_code == 0


def test_update_lists_each_accepted_record_and_then_matches(in_root, golden_copy) -> None:
    _edit(golden_copy / "001_84cbe3cfa91d9187.json", lambda d: d.update(title="x"))
    _edit(golden_copy / "003_874aee0b08fd066c.json", lambda d: d["amounts"][0].update(value=1))
    (golden_copy / "gone.json").write_text("{}", encoding="utf-8")
    result = runner.invoke(app, ["diff", str(golden_copy), "seeds/", "--update"])
    assert result.exit_code == 0, result.output
    assert "updated" in result.output and "removed" in result.output
    assert "value: 1 → 500000000000000" in result.output
    assert 'title: "x" → ' in result.output
    assert not (golden_copy / "gone.json").exists()
    assert runner.invoke(app, ["diff", str(golden_copy), "seeds/"]).exit_code == 0


def _inputs(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(ROOT / "seeds" / f"{SEED}.txt", folder / "sub" / "a.txt")
    shutil.copy(ROOT / "seeds" / "001_84cbe3cfa91d9187.txt", folder / "b.txt")
    return folder


def test_update_never_writes_through_a_symlinked_folder(tmp_path) -> None:
    inputs = _inputs(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    golden = tmp_path / "golden"
    golden.mkdir()
    os.symlink(outside, golden / "sub")
    result = runner.invoke(app, ["diff", str(golden), str(inputs), "--update"])
    assert result.exit_code == 1
    assert list(outside.iterdir()) == []  # nothing written outside the golden folder
    assert (golden / "b.json").is_file()
    assert "not written" in result.output and "symlink" in result.output
    assert (golden / "sub").is_symlink()


def test_update_never_deletes_through_a_symlink(tmp_path) -> None:
    inputs = _inputs(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "precious.json").write_text("{}", encoding="utf-8")
    golden = tmp_path / "golden"
    golden.mkdir()
    os.symlink(outside, golden / "elsewhere")
    os.symlink(outside / "precious.json", golden / "link.json")
    result = runner.invoke(app, ["diff", str(golden), str(inputs), "--update"])
    assert (outside / "precious.json").read_text() == "{}"
    assert (golden / "link.json").is_symlink()
    assert "not followed" in result.output


def test_update_keeps_the_golden_file_of_an_input_that_failed(tmp_path) -> None:
    inputs = _inputs(tmp_path)
    golden = tmp_path / "golden"
    assert runner.invoke(app, ["diff", str(golden.mkdir() or golden), str(inputs), "--update"]).exit_code == 0
    reviewed = (golden / "b.json").read_bytes()
    (inputs / "b.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe" * 50)  # b.txt now fails
    result = runner.invoke(app, ["diff", str(golden), str(inputs)])
    assert result.exit_code == 1
    assert "b.json: its input failed this time" in result.output
    result = runner.invoke(app, ["diff", str(golden), str(inputs), "--update"])
    assert result.exit_code == 1
    assert (golden / "b.json").read_bytes() == reviewed
    assert "kept" in result.output


def test_a_corrupt_golden_file_is_one_line_naming_it(in_root, golden_copy) -> None:
    (golden_copy / f"{SEED}.json").write_text('{"body": "x", <<<<<<< HEAD', encoding="utf-8")
    result = runner.invoke(app, ["diff", str(golden_copy), "seeds/"])
    assert result.exit_code == 2
    assert ("Traceback" not in result.output and result.exception is None) or isinstance(result.exception, SystemExit)
    errors = [line for line in result.output.splitlines() if line.startswith("extract:")]
    assert len(errors) == 1 and f"{SEED}.json" in errors[0] and "not a valid JSON" in errors[0]


def test_a_corrupt_actual_file_is_one_line_naming_it(tmp_path) -> None:
    actual = tmp_path / "actual"
    actual.mkdir()
    (actual / f"{SEED}.json").write_text("[1, 2", encoding="utf-8")
    result = runner.invoke(app, ["diff", str(GOLDEN), "--actual", str(actual)])
    assert result.exit_code == 2
    assert f"{SEED}.json" in result.output and "Traceback" not in result.output


def test_usage_errors_exit_2(tmp_path) -> None:
    assert runner.invoke(app, ["diff", str(tmp_path / "nope"), "seeds/"]).exit_code == 2
    assert runner.invoke(app, ["diff", str(tmp_path)]).exit_code == 2
    result = runner.invoke(app, ["diff", str(tmp_path), "seeds/", "--reference-date", "2024-02-30"])
    assert result.exit_code == 2 and "--reference-date" in result.output and "does not exist" in result.output


# ---------------------------------------------------------------- report


def _dom(path):
    return LexborHTMLParser(path.read_text(encoding="utf-8"))


def test_report_command(in_root, tmp_path) -> None:
    result = runner.invoke(app, ["report", "seeds/", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    pages = sorted(p.name for p in tmp_path.glob("*.html"))
    assert pages[-1] == "index.html" and len(pages) == 6
    page = (tmp_path / "003_874aee0b08fd066c.html").read_text(encoding="utf-8")
    assert "<script" not in page and "http" not in page.replace("http-equiv", "")  # self-contained
    assert 'data-type="amount"' in page and "rule money.won" in page
    assert '<del class="cut">가장작게</del>' in page


def test_report_shows_values_grouped_with_units_and_modifiers(in_root, tmp_path) -> None:
    runner.invoke(app, ["report", "seeds/", "-o", str(tmp_path)])
    dom = _dom(tmp_path / f"{SEED}.html")
    labels = [m.attributes.get("data-label") for m in dom.css('mark[data-type="amount"]')]
    assert "365,900,000,000 KRW" in labels
    assert "약 360 company (개)" in labels
    assert any(label.endswith("at_least") for label in labels)
    cells = [td.text() for td in dom.css("table.amounts td.num")]
    assert "365,900,000,000" in cells
    assert next(m.attributes.get("data-label") for m in dom.css('mark[data-type="date"]')) == "2024-05-29 (day)"


def test_unresolved_dates_look_different(tmp_path) -> None:
    page = tmp_path / "in" / "nodate.txt"
    page.parent.mkdir()
    page.write_text("서울시는 지난해 11월 3,659억 원 규모의 사업을 시작했다고 밝혔다.\n", encoding="utf-8")
    result = runner.invoke(app, ["report", str(page), "-o", str(tmp_path / "r")])
    assert result.exit_code == 0, result.output
    dom = _dom(tmp_path / "r" / "nodate.html")
    marks = dom.css("mark.unresolved")
    assert marks and marks[0].attributes["data-label"].startswith("unresolved")
    assert "unresolved" in dom.css("table.dates td.warn")[0].text()


def test_removed_lines_are_shown_in_place(in_root, tmp_path) -> None:
    runner.invoke(app, ["report", "seeds/", "-o", str(tmp_path)])
    dom = _dom(tmp_path / f"{SEED}.html")
    paragraphs = dom.css(".body > p")
    inline = [p for p in paragraphs if p.css_first("del.cut") and "cutline" not in (p.attributes.get("class") or "")]
    assert len(inline) == 1
    html = inline[0].html
    assert html.index("20여개") < html.index('<del class="cut">- 5 -</del>') < html.index("기업을 초청해")
    assert "page_number" in inline[0].text()
    cut = [p.text() for p in dom.css(".body > p.cutline")]
    assert cut[0].startswith("기사 메일전송") and cut[-1].startswith("모바일 버전 바로가기")
    # every removed item is shown once
    golden = _read(GOLDEN / f"{SEED}.json")
    assert len(dom.css(".body del.cut")) == len(golden["removed"])


def test_report_marks_records_against_golden_files(in_root, tmp_path) -> None:
    """A paragraph the golden file lacks: exactly its records are marked, and counted on the index."""
    golden = tmp_path / "golden"
    shutil.copytree(GOLDEN, golden)
    number = 7
    changed, gone = drop_paragraph(_read(GOLDEN / f"{SEED}.json"), number)
    _write(golden / f"{SEED}.json", changed)
    _edit(golden / "002_ecd383afc86f028b.json", lambda d: d["dates"].pop(0))
    out = tmp_path / "r"
    result = runner.invoke(app, ["report", "seeds/", "-o", str(out), "--golden", str(golden)])
    assert result.exit_code == 0, result.output
    dom = _dom(out / f"{SEED}.html")
    added = {(m.attributes["data-type"], int(m.attributes["data-start"])) for m in dom.css('mark[data-golden="added"]')}
    original = _read(GOLDEN / f"{SEED}.json")
    paragraphs = original["body"].split("\n\n")
    start = sum(len(p) + 2 for p in paragraphs[:number])
    end = start + len(paragraphs[number])
    expected = {(kind[:-1] if kind != "people" else "person", r["start"]) for kind in ("amounts", "dates")
                for r in original[kind] if start <= r["start"] < end}
    expected |= {("person" if kind == "people" else "organisation", m["start"]) for kind in ("people", "organisations")
                 for r in original[kind] for m in r["mentions"] if start <= m["start"] < end}
    assert added == expected
    assert not dom.css('mark[data-golden="changed"]') and not dom.css('mark[data-golden="moved"]')
    counted = sum(len(v) for v in gone.values())
    index = (out / "index.html").read_text(encoding="utf-8")
    assert f"+{counted} −0 ~" in index or f"+{counted} −0 ~0" in index
    other = _dom(out / "002_ecd383afc86f028b.html")
    assert [m.text(deep=False) for m in other.css('mark[data-golden="added"]')] == ["7일"]
    same = _dom(out / "001_84cbe3cfa91d9187.html")
    assert not same.css("mark[data-golden]")
    # and the other way round: records only the golden file has are listed as such
    out2 = tmp_path / "r2"
    golden2 = tmp_path / "golden2"
    shutil.copytree(GOLDEN, golden2)
    _edit(golden2 / "003_874aee0b08fd066c.json", lambda d: d["amounts"].append(
        {**d["amounts"][0], "text": d["body"][1:3], "start": 1, "end": 3}))
    runner.invoke(app, ["report", "seeds/", "-o", str(out2), "--golden", str(golden2)])
    gone_rows = _dom(out2 / "003_874aee0b08fd066c.html").css("tr.gone")
    assert len(gone_rows) == 1


def test_failed_inputs_are_listed_on_the_index(tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(ROOT / "seeds" / f"{SEED}.txt", folder / "good.txt")
    records = [
        {"id": "ok", "text": "서울시는 2024년 5월 29일 3,659억 원을 투자한다고 밝혔다."},
        {"id": "bad", "text": "서울시는 투자한다고 밝혔다.", "published_at": 20240529},
        {"id": "alsook", "text": "광주시는 지난해 1,000명을 채용했다고 밝혔다.", "published_at": "2024-05-29"},
    ]
    (folder / "batch.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n{oops\n",
                                        encoding="utf-8")
    out = tmp_path / "r"
    result = runner.invoke(app, ["report", str(folder), "-o", str(out)])
    assert result.exit_code == 1
    index = _dom(out / "index.html")
    links = [a.attributes["href"] for a in index.css("td a")]
    assert "good.html" in links and "batch/ok.html" in links and "batch/alsook.html" in links
    failed = [row.text() for row in index.css("table.failures tr.failed")]
    assert any("batch.jsonl:4" in row for row in failed)
    assert any("batch.jsonl:2" in row and "published_at" in row for row in failed), failed
    for link in links:
        assert (out / link).is_file()


def test_an_input_named_index_never_overwrites_the_index(tmp_path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(ROOT / "seeds" / f"{SEED}.txt", folder / "index.txt")
    shutil.copy(ROOT / "seeds" / "001_84cbe3cfa91d9187.txt", folder / "INDEX.html.txt")
    shutil.copy(ROOT / "seeds" / "003_874aee0b08fd066c.txt", folder / "sub" / "x.txt")
    out = tmp_path / "r"
    result = runner.invoke(app, ["report", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    index = _dom(out / "index.html")
    assert index.css_first("h1").text() == "Extraction report"
    links = [a.attributes["href"] for a in index.css("td a")]
    assert len(links) == len({link.casefold() for link in links}) == 3
    assert "index.html" not in links
    for link in links:
        assert (out / link).is_file()
    # the link back to the index works from a page in a subfolder
    sub = _dom(out / "sub" / "x.html").css_first("a.all").attributes["href"]
    assert (out / "sub" / sub).resolve() == (out / "index.html").resolve()
    top = _dom(out / links[0]).css_first("a.all").attributes["href"]
    assert top == "index.html"


def test_page_names_are_distinct_and_inside() -> None:
    from extract.review.report import page_names

    names = page_names(["index.html", "Index.html", "a.html", "A.HTML", "../../etc/x.html", "/abs.html"])
    assert names[0] != "index.html" and len({n.casefold() for n in names}) == len(names)
    assert all(not n.startswith(("/", "..")) for n in names)


def test_highlight_nests_and_escapes() -> None:
    from extract.review.report import Span, highlight

    text = "A<B 서울시장 오세훈"
    spans = [Span("person", 8, 11, "p"), Span("organisation", 4, 7, "o"), Span("date", 4, 9, "crossing")]
    html = highlight(text, 0, sorted(spans, key=lambda s: (s.start, -s.end)))
    assert html.startswith("A&lt;B ")
    assert html.count("<mark") == 2  # the crossing span cannot be nested and is left out


# ---------------------------------------------------------------- CLI conventions


def test_main_help_shows_the_default_commands_options() -> None:
    for flag in ("--help", "-h"):
        result = runner.invoke(app, [flag])
        assert result.exit_code == 0
        assert "Options of the default command" in result.output
        for option in ("--out", "--format", "--jobs", "--reference-date", "--no-clean"):
            assert option in result.output, option


@pytest.mark.parametrize("command", [["diff"], ["report"], ["schema"], ["rules"], ["rules", "test"],
                                     ["rules", "explain"], ["run"]])
def test_short_help_everywhere(command) -> None:
    result = runner.invoke(app, [*command, "-h"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


def test_short_version() -> None:
    from extract import __version__

    for flag in ("-V", "--version"):
        result = runner.invoke(app, [flag])
        assert result.exit_code == 0 and result.output.strip() == f"extract {__version__}"


@pytest.mark.parametrize(("args", "option"), [
    (["report", "seeds/", "--reference-date", "2024-02-30"], "--reference-date"),
    (["report", "seeds/", "--reference-date", "29/05/2024"], "--reference-date"),
    (["report", "seeds/", "--golden", "no/such/folder"], "--golden"),
    (["diff", "tests/golden", "--actual", "no/such/folder"], "--actual"),
    (["rules", "explain", "지난해 11월", "--reference-date", "2024-13-01"], "--reference-date"),
])
def test_bad_option_values_name_the_option(in_root, args, option) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert option in result.output and "Traceback" not in result.output


def test_report_output_that_is_a_file_is_a_usage_error(in_root, tmp_path) -> None:
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["report", "seeds/", "-o", str(target)])
    assert result.exit_code == 2 and "--out" in result.output
    assert target.read_text(encoding="utf-8") == "x"


def test_rules_explain_hints_at_the_reference_date() -> None:
    result = runner.invoke(app, ["rules", "explain", "지난해 11월"])
    assert result.exit_code == 0
    assert "value=unresolved" in result.output and "--reference-date" in result.output
    result = runner.invoke(app, ["rules", "explain", "지난해 11월", "--reference-date", "2024-05-29"])
    assert "value=2023-11" in result.output and "hint" not in result.output


# ---------------------------------------------------------------- the user's own rule folder

VESSEL = """
[[rule]]
id = "count.vessel"
type = "amount"
priority = 52
pattern = '{NUMG}\\s?(?P<counter>척)'
unit = "item"
examples = [{ text = "선박 12척을 건조", match = "12척", value = 12, unit = "item", counter = "척" }]
counterexamples = ["척하다"]
"""


@pytest.fixture()
def own_rules(tmp_path):
    """A user's rule folder; the shipped rules are restored afterwards."""
    from extract import patterns

    before = os.environ.get(patterns.ENV)
    folder = tmp_path / "myrules"
    (folder / "amount").mkdir(parents=True)
    (folder / "amount" / "vessels.toml").write_text(VESSEL, encoding="utf-8")
    (folder / "README.md").write_text("our rules\n", encoding="utf-8")  # not a rule file: left alone
    yield folder
    patterns.use(before)


def test_own_rule_file_adds_rules(own_rules) -> None:
    result = runner.invoke(app, ["rules", "explain", "선박 12척을 건조", "--patterns", str(own_rules)])
    assert result.exit_code == 0, result.output
    assert "WIN" in result.output and "count.vessel" in result.output and "value=12" in result.output
    result = runner.invoke(app, ["rules", "test", str(own_rules / "amount" / "vessels.toml"),
                                 "--patterns", str(own_rules)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("2 passed, 0 failed")


def test_environment_variable_layers_the_same_way(own_rules, monkeypatch) -> None:
    from extract import patterns

    monkeypatch.setenv(patterns.ENV, str(own_rules))
    patterns.clear_caches()
    result = runner.invoke(app, ["rules", "explain", "선박 12척"])
    assert "count.vessel" in result.output
    assert "money.won" in runner.invoke(app, ["rules", "explain", "3,659억 원"]).output  # shipped rules still there


def test_same_name_replaces_a_shipped_file_and_diff_shows_one_paragraph(in_root, own_rules) -> None:
    """A boilerplate phrase that takes one paragraph out of a seed: the diff shows it and its records only."""
    text = (ROOT / "patterns" / "boilerplate.toml").read_text(encoding="utf-8")
    text = text.replace("'#\\S+(?:\\s#\\S+)*',", "'#\\S+(?:\\s#\\S+)*', '오세훈 서울시장을 비롯해 .*',", 1)
    assert "오세훈 서울시장을 비롯해" in text
    (own_rules / "boilerplate.toml").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["diff", "tests/golden", "seeds/", "--json", "--patterns", str(own_rules)])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert list(data["changed"]) == [f"{SEED}.json"] and len(data["same"]) == 4
    found = data["changed"][f"{SEED}.json"]
    removed_lines = [line for line in found["body"] if line.startswith("-") and line != "-"]
    assert len(removed_lines) == 1 and removed_lines[0].startswith("-오세훈 서울시장을 비롯해")
    assert [r["text"] for r in found["records"]["amounts"]["removed"]] == ["100여명"]
    assert "amounts" not in found["records"] or not found["records"]["amounts"].get("changed")
    assert set(found["records"].get("dates", {})) <= {"shifted"}  # the dates after the paragraph only moved
    assert found["removed"] == ["@@ -6,0 +7 @@", "+[menu] " + removed_lines[0][1:]]


def test_a_rule_file_no_loader_reads_is_an_error(own_rules) -> None:
    (own_rules / "people").mkdir()
    (own_rules / "people" / "more_titles.toml").write_text("titles = []\n", encoding="utf-8")
    result = runner.invoke(app, ["rules", "explain", "3개", "--patterns", str(own_rules)])
    assert result.exit_code == 2
    assert "more_titles.toml" in result.output and "--patterns" in result.output


def test_own_rule_errors_name_the_users_file_and_the_authors_position(own_rules) -> None:
    broken = VESSEL.replace("(?P<counter>척)", "(?P<counter>척")
    (own_rules / "amount" / "vessels.toml").write_text(broken, encoding="utf-8")
    result = runner.invoke(app, ["rules", "test", "--patterns", str(own_rules)])
    assert result.exit_code == 2
    assert f"{own_rules}/amount/vessels.toml: rule count.vessel: pattern does not compile" in result.output
    pattern = "{NUMG}\\s?(?P<counter>척"
    position = int(result.output.split(" at position ")[1].split()[0])
    assert position <= len(pattern)
    caret = next(line for line in result.output.splitlines() if line.strip() == "^")
    shown = next(line for line in result.output.splitlines() if line.strip() == pattern)
    assert caret.index("^") - shown.index(pattern[0]) == position


def test_an_error_inside_a_macro_is_named() -> None:
    from extract.patterns import PatternError, compile_pattern

    with pytest.raises(PatternError, match=r"position 2 of the pattern, inside the macro \{BAD\}"):
        compile_pattern("ab{BAD}cd", "f.toml: rule r", macros={"BAD": "a**"})


def test_duplicate_id_in_own_rules(own_rules) -> None:
    (own_rules / "amount" / "vessels.toml").write_text(VESSEL.replace("count.vessel", "money.won"), encoding="utf-8")
    result = runner.invoke(app, ["rules", "explain", "3개", "--patterns", str(own_rules)])
    assert result.exit_code == 2
    assert "duplicate id" in result.output and "vessels.toml" in result.output


def test_default_command_takes_patterns(own_rules, tmp_path) -> None:
    page = tmp_path / "in" / "ships.txt"
    page.parent.mkdir()
    page.write_text("조선소는 2024년 5월 29일 선박 12척을 건조했다고 밝혔다.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, [str(page), "-o", str(out), "--patterns", str(own_rules)])
    assert result.exit_code == 0, result.output
    amounts = _read(out / "ships.json")["amounts"]
    assert [(a["text"], a["rule"]) for a in amounts] == [("12척", "count.vessel")]
    result = runner.invoke(app, [str(page), "-o", str(out), "--patterns", str(tmp_path / "nope")])
    assert result.exit_code == 2 and "--patterns" in result.output


def test_placement_is_bounded_on_huge_pages() -> None:
    from extract.review.placement import _MAX_SOURCE, place

    places = place("x" * (_MAX_SOURCE + 1), "본문이다.", [("x", "menu")])
    assert [p.offset for p in places] == [None]
    # a short removed text that occurs everywhere is tried a bounded number of times
    body = "가 0 나 " * 2000
    places = place(body + "\n0\n", body, [("0", "lone_digit")])
    assert places[0].offset is not None


def test_update_replaces_a_corrupt_golden_file(in_root, golden_copy) -> None:
    (golden_copy / f"{SEED}.json").write_text("{", encoding="utf-8")
    result = runner.invoke(app, ["diff", str(golden_copy), "seeds/", "--update"])
    assert result.exit_code == 0, result.output
    assert "replaced" in result.output
    assert runner.invoke(app, ["diff", str(golden_copy), "seeds/"]).exit_code == 0


def test_update_from_a_folder_with_failures_deletes_nothing(in_root, golden_copy, tmp_path) -> None:
    out = tmp_path / "out"
    assert runner.invoke(app, ["seeds/", "-o", str(out)]).exit_code == 0
    (out / f"{SEED}.json").unlink()
    (out / "errors.jsonl").write_text('{"input": "seeds/x.txt", "error": "boom"}\n', encoding="utf-8")
    result = runner.invoke(app, ["diff", str(golden_copy), "--actual", str(out), "--update"])
    assert result.exit_code == 1
    assert (golden_copy / f"{SEED}.json").is_file() and "kept" in result.output


def test_report_marks_the_records_of_a_paragraph_that_left_the_body(in_root, own_rules, tmp_path) -> None:
    """The acceptance case in the report: the records the golden file has in the cut paragraph are marked in it."""
    text = (ROOT / "patterns" / "boilerplate.toml").read_text(encoding="utf-8")
    text = text.replace("'#\\S+(?:\\s#\\S+)*',", "'#\\S+(?:\\s#\\S+)*', '오세훈 서울시장을 비롯해 .*',", 1)
    (own_rules / "boilerplate.toml").write_text(text, encoding="utf-8")
    out = tmp_path / "r"
    result = runner.invoke(app, ["report", "seeds/", "-o", str(out), "--golden", "tests/golden",
                                 "--patterns", str(own_rules)])
    assert result.exit_code == 0, result.output
    dom = _dom(out / f"{SEED}.html")
    cut = [p for p in dom.css(".body > p.cutline") if "오세훈 서울시장을 비롯해" in p.text()]
    assert len(cut) == 1 and "menu" in cut[0].text()
    ghosts = [(g.attributes["data-type"], g.text()) for g in cut[0].css("span.gone")]
    golden = _read(GOLDEN / f"{SEED}.json")
    paragraph = next(p for p in golden["body"].split("\n\n") if p.startswith("오세훈 서울시장을 비롯해"))
    start = golden["body"].index(paragraph)
    end = start + len(paragraph)
    expected = [("amount", r["text"]) for r in golden["amounts"] if start <= r["start"] < end]
    expected += [("date", r["text"]) for r in golden["dates"] if start <= r["start"] < end]
    expected += [("person", m["text"]) for r in golden["people"] for m in r["mentions"] if start <= m["start"] < end]
    expected += [("organisation", m["text"]) for r in golden["organisations"] for m in r["mentions"]
                 if start <= m["start"] < end]
    # every golden record in the paragraph is marked once, except where two overlap (shown once)
    assert set(ghosts) <= set(expected) and len(ghosts) >= len(expected) - 2
    assert ("amount", "100여명") in ghosts
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "records differ, in 1 of 5 articles" in index


def test_nested_metadata_changes_field_by_field(tmp_path) -> None:
    from extract.review import golden

    old = _read(GOLDEN / f"{SEED}.json")
    new = copy.deepcopy(old)
    new["source"]["encoding"] = "cp949"
    assert golden.diff(old, new) == ['source.encoding: "utf-8" → "cp949"']
