"""`extract rules test` as a rule author uses it (README, "Adding rules"): a counter rule, a job title and a
boilerplate phrase added in the author's own rule folder, each with an example and a counterexample; then one
deliberate mistake of each kind, each caught with the file, the rule and the cause, and the right exit code."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from extract import patterns

SHIPPED = patterns.shipped_dir()

COUNTER = """\
[[rule]]
id = "count.stop"
type = "amount"
priority = 60
pattern = '{PRE}{NUMG}\\s?(?P<counter>정거장)'
unit = "item"
examples = [{ text = "2정거장 더 가면 내린다", match = "2정거장", value = 2, unit = "item", counter = "정거장" }]
counterexamples = ["정거장에서 내렸다"]
"""

TITLE = ('"수간호사"', '"간호사실"')  # a new title (example), a word that must stay no title (counterexample)

PHRASE = """
[[category]]
id = "newsletter"
description = "newsletter sign-up prompts"
lines = ["뉴스레터 구독하기"]
examples = ["뉴스레터 구독하기", "▶ 뉴스레터 구독하기"]
counterexamples = ["뉴스레터 구독자가 지난해보다 두 배 늘었다."]
"""


@pytest.fixture
def runner() -> Iterator[CliRunner]:
    yield CliRunner()
    patterns.use(None)  # --patterns sets the rule folder for the process


def _folder(tmp_path: Path, counter: str = COUNTER, title: tuple[str, str] = TITLE, phrase: str = PHRASE) -> Path:
    """The author's rule folder, as the README says: a new file in amount/, copies of titles.toml and
    boilerplate.toml with the additions."""
    rules = tmp_path / "rules"
    (rules / "amount").mkdir(parents=True)
    (rules / "people").mkdir()
    (rules / "amount" / "stops.toml").write_text(counter, encoding="utf-8")
    titles = (SHIPPED / "people" / "titles.toml").read_text(encoding="utf-8")
    titles = titles.replace('titles = [\n', f'titles = [\n  "{title[0].strip(chr(34))}",\n', 1)
    titles = titles.replace('examples = ["', f'examples = [{title[0]}, "', 1)
    titles = titles.replace('counterexamples = ["', f'counterexamples = [{title[1]}, "', 1)
    (rules / "people" / "titles.toml").write_text(titles, encoding="utf-8")
    shutil.copy(SHIPPED / "boilerplate.toml", rules / "boilerplate.toml")
    text = (rules / "boilerplate.toml").read_text(encoding="utf-8")
    first = text.index("[[category]]")
    (rules / "boilerplate.toml").write_text(text[:first] + phrase.lstrip() + "\n" + text[first:], encoding="utf-8")
    return rules


def _run(runner: CliRunner, *args: str):
    return runner.invoke(app, ["rules", "test", *args])


def test_the_additions_pass_each_file_alone_and_all_together(runner: CliRunner, tmp_path: Path) -> None:
    rules = _folder(tmp_path)
    for name in ("amount/stops.toml", "people/titles.toml", "boilerplate.toml"):
        result = _run(runner, str(rules / name), "--patterns", str(rules))
        assert result.exit_code == 0, result.output
        assert " passed, 0 failed" in result.output and not result.output.startswith("0 passed")
    result = _run(runner, "--patterns", str(rules))
    assert result.exit_code == 0, result.output
    result = _run(runner, str(rules), "--patterns", str(rules))
    assert result.exit_code == 0, result.output


def _norm(output: str, tmp_path: Path) -> str:
    return output.replace(str(tmp_path) + "/", "")


MISTAKES = {
    # name: (what to change: file, old, new), the path to test, exit code, what the message must say
    "wrong expected value": (("amount/stops.toml", "value = 2,", "value = 3,"), "amount/stops.toml", 1,
                             ["rules/amount/stops.toml", "count.stop", "value:", "-   3", "+   2"]),
    "counterexample the rule matches": (
        ("boilerplate.toml", '"뉴스레터 구독자가 지난해보다 두 배 늘었다."', '"뉴스레터 구독하기"'), "boilerplate.toml", 1,
        ["rules/boilerplate.toml", "newsletter", "counterexample", "- not removed as newsletter",
         "+ removed as newsletter"]),
    "title example not recognised": (("people/titles.toml", '  "수간호사",\n', ""), "people/titles.toml", 1,
                                     ["rules/people/titles.toml", "titles", "'수간호사'", "- a title", "+ not a title"]),
    "misspelt unit": (("amount/stops.toml", 'unit = "item"\n', 'unit = "itme"\n'), "amount/stops.toml", 2,
                      ["rules/amount/stops.toml", "count.stop", "itme"]),
    "unknown key in a rule": (("amount/stops.toml", "counterexamples =", "counterexampels ="), "amount/stops.toml", 2,
                              ["rules/amount/stops.toml", "count.stop", "counterexampels"]),
    "unknown key in a category": (("boilerplate.toml", 'lines = ["뉴스레터', 'line = ["뉴스레터'), "boilerplate.toml", 2,
                                  ["rules/boilerplate.toml", "newsletter", "line"]),
    "broken regex": (("amount/stops.toml", "(?P<counter>정거장)", "(?P<counter>정거장"), "amount/stops.toml", 2,
                     ["rules/amount/stops.toml", "count.stop", "^"]),
    "broken regex in a category": (("boilerplate.toml", 'lines = ["뉴스레터 구독하기"]', 'patterns = ["뉴스레터 (구독"]'),
                                   "boilerplate.toml", 2, ["rules/boilerplate.toml", "newsletter"]),
    "invalid TOML": (("people/titles.toml", 'titles = [\n', 'titles = [[\n'), "people/titles.toml", 2,
                     ["rules/people/titles.toml", "not valid TOML"]),
    "invalid TOML in a new rule file": (("amount/stops.toml", 'type = "amount"', "type = amount"), "amount/stops.toml",
                                        2, ["rules/amount/stops.toml", "not valid TOML"]),
    "missing path": (None, "amount/stop.toml", 2, ["rules/amount/stop.toml", "no such file"]),
}


@pytest.mark.parametrize("name", MISTAKES)
def test_each_mistake_is_caught_naming_file_rule_and_cause(runner: CliRunner, tmp_path: Path, name: str) -> None:
    change, target, code, said = MISTAKES[name]
    rules = _folder(tmp_path)
    if change is not None:
        path = rules / change[0]
        text = path.read_text(encoding="utf-8")
        assert change[1] in text
        path.write_text(text.replace(change[1], change[2], 1), encoding="utf-8")
    result = _run(runner, str(rules / target), "--patterns", str(rules)) if code == 1 or change is None else \
        _run(runner, str(rules / target))
    output = _norm(result.output, tmp_path)
    assert result.exit_code == code, output
    for part in said:
        assert part in output, f"{part!r} not in:\n{output}"
    assert "Traceback" not in output


@pytest.mark.parametrize("name", ["misspelt unit", "unknown key in a category", "broken regex", "invalid TOML"])
def test_an_invalid_file_in_the_rule_folder_stops_the_whole_run(runner: CliRunner, tmp_path: Path,
                                                                  name: str) -> None:
    change, _, _, said = MISTAKES[name]
    rules = _folder(tmp_path)
    path = rules / change[0]
    path.write_text(path.read_text(encoding="utf-8").replace(change[1], change[2], 1), encoding="utf-8")
    result = _run(runner, "--patterns", str(rules))
    assert result.exit_code == 2, result.output
    assert said[0] in _norm(result.output, tmp_path)


def test_an_unknown_group_in_a_metadata_example_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    text = (SHIPPED / "metadata.toml").read_text(encoding="utf-8")
    path = tmp_path / "metadata.toml"
    path.write_text(text.replace('name = "강경윤"', 'nmae = "강경윤"', 1), encoding="utf-8")
    result = _run(runner, str(path))
    assert result.exit_code == 2
    assert "metadata.toml: reporter reporter.bracketed: example" in result.output and "nmae" in result.output


@pytest.mark.parametrize("name", ["boilerplate.toml", "metadata.toml", "people/titles.toml", "people/names.toml",
                                  "people/particles.toml", "organisations/organisations.toml", "amount/money.toml"])
def test_every_shipped_rule_file_runs_examples(runner: CliRunner, name: str) -> None:
    result = _run(runner, str(SHIPPED / name))
    assert result.exit_code == 0, result.output
    assert not result.output.startswith("0 passed")


def test_a_file_without_examples_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    rules = tmp_path / "rules" / "people"
    rules.mkdir(parents=True)
    text = (SHIPPED / "people" / "particles.toml").read_text(encoding="utf-8")
    start = text.index("examples = [")
    (rules / "particles.toml").write_text(text[:start], encoding="utf-8")
    result = _run(runner, str(rules / "particles.toml"))
    assert result.exit_code == 2
    assert "particles.toml: holds no examples" in result.output
    result = _run(runner, str(SHIPPED / "macros.toml"))
    assert result.exit_code == 2 and "macros.toml" in result.output
