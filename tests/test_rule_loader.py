"""A malformed rule file is an error that names the file and the rule, at load time."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from extract import rules
from extract.patterns import PatternError

GOOD = """
[[rule]]
id = "test.count"
type = "amount"
priority = 50
pattern = '(?P<number>\\\\d+)\\\\s?(?P<counter>개)'
unit = "item"
examples = [{ text = "3개", match = "3개", value = 3 }]
"""


def _tree(tmp_path: Path, body: str, name: str = "bad.toml") -> Path:
    (tmp_path / "amount").mkdir(exist_ok=True)
    (tmp_path / "macros.toml").write_text("[macros]\nNUM = '\\\\d+'\n", encoding="utf-8")
    (tmp_path / "amount" / name).write_text(body, encoding="utf-8")
    return tmp_path


def test_a_good_file_loads(tmp_path) -> None:
    ruleset = rules.parse(_tree(tmp_path, GOOD))
    assert [r.id for r in ruleset.rules] == ["test.count"]


@pytest.mark.parametrize(("change", "message"), [
    (lambda s: s.replace('unit = "item"', 'unit = "item"\nunits_typo = 1'), "unknown key(s) units_typo"),
    (lambda s: s.replace("(?P<number>", "(?P<number"), "pattern does not compile"),
    (lambda s: s.replace("(?P<counter>개)", "(?P<colour>개)"), "group(s) colour are not read"),
    (lambda s: s.replace('type = "amount"', 'type = "money"'), "type must be one of"),
    (lambda s: s.replace("priority = 50", 'priority = "high"'), "priority must be an integer"),
    (lambda s: s.replace("value = 3 }", "value = 3, colour = 1 }"), "unknown key(s) colour"),
    (lambda s: s.replace("(?P<number>\\\\d+)", "{NOPE}"), "unknown macro {NOPE}"),
    (lambda s: s.replace('unit = "item"', ""), "needs `unit` or `units`"),
    (lambda s: s + "\n[[rule]\n", "not valid TOML"),
])
def test_errors_name_file_and_rule(tmp_path, change, message: str) -> None:
    with pytest.raises(PatternError) as error:
        rules.parse(_tree(tmp_path, change(GOOD)))
    text = str(error.value)
    assert "bad.toml" in text and message in text
    if "TOML" not in message:
        assert "test.count" in text


def test_duplicate_ids_across_files(tmp_path) -> None:
    _tree(tmp_path, GOOD, "one.toml")
    _tree(tmp_path, GOOD, "two.toml")
    with pytest.raises(PatternError, match=r"two.toml: rule test.count: duplicate id \(also in .*one.toml\)"):
        rules.parse(tmp_path)


def test_cli_reports_a_bad_rule_file(tmp_path, monkeypatch) -> None:
    from typer.testing import CliRunner

    from cli import app

    monkeypatch.setenv("EXTRACT_PATTERNS", str(_tree(tmp_path, GOOD.replace("(?P<number>", "(?P<number"))))
    rules.load.cache_clear()
    try:
        result = CliRunner().invoke(app, ["rules", "test"])
    finally:
        rules.load.cache_clear()
    assert result.exit_code == 2
    assert "bad.toml" in result.output and "does not compile" in result.output


def _with_units(tmp_path: Path, body: str) -> Path:
    root = _tree(tmp_path, body)
    (root / "units.toml").write_text('[units]\nitem = "things"\nKRW = "won"\n', encoding="utf-8")
    return root


@pytest.mark.parametrize(("change", "where"), [
    (lambda s: s.replace('unit = "item"', 'unit = "itme"'), "`unit`"),
    (lambda s: s.replace('unit = "item"', 'units = { "개" = "itme" }'), "`units`"),
    (lambda s: s.replace("value = 3 }", 'value = 3, unit = "KWR" }'), "example '3개'"),
])
def test_a_misspelt_unit_is_a_load_error(tmp_path, change, where: str) -> None:
    (tmp_path / "good").mkdir()
    (tmp_path / "bad").mkdir()
    assert rules.parse(_with_units(tmp_path / "good", GOOD)).units == {"item", "KRW"}
    with pytest.raises(PatternError) as error:
        rules.parse(_with_units(tmp_path / "bad", change(GOOD)))
    text = str(error.value)
    assert "bad.toml" in text and "test.count" in text and "unknown unit" in text and where in text


def test_every_unit_of_the_shipped_rules_is_declared() -> None:
    ruleset = rules.load()
    assert ruleset.units is not None
    for rule in ruleset.rules:
        for unit in [rule.unit, *rule.units.values()]:
            assert unit is None or unit in ruleset.units, (rule.id, unit)


def _rule(pattern: str, rule_id: str = "test.count", priority: int = 50, unit: str = "item") -> str:
    return (f'[[rule]]\nid = "{rule_id}"\ntype = "amount"\npriority = {priority}\npattern = \'{pattern}\'\n'
            f'unit = "{unit}"\nexamples = [{{ text = "3개", match = "3개", value = 3, unit = "{unit}" }}]\n'
            'counterexamples = ["3"]\n')


def test_a_regex_error_points_into_the_authors_pattern(tmp_path) -> None:
    # After expansion the error is far to the right; the message points into what the author wrote.
    prefix, rest = "{NUM}{NUM}", r"(?P<number>\d+)\s?(?P<counter>개){2,1}"
    pattern = prefix + rest
    with pytest.raises(PatternError) as error:
        rules.parse(_tree(tmp_path, _rule(pattern)))
    text = str(error.value)
    with pytest.raises(regex.error) as plain:
        regex.compile(rest)
    position = len(prefix) + plain.value.pos
    assert "bad.toml" in text and "test.count" in text
    assert f"at position {position} of the pattern" in text
    assert text.endswith(pattern + "\n    " + " " * position + "^")


def test_a_regex_error_inside_a_macro_names_the_macro(tmp_path) -> None:
    root = _tree(tmp_path, _rule(r"\s?(?P<number>{BAD})(?P<counter>개)"))
    (root / "macros.toml").write_text("[macros]\nBAD = '\\d{2,1}'\n", encoding="utf-8")
    with pytest.raises(PatternError) as error:
        rules.parse(root)
    assert "at position 14 of the pattern, inside the macro {BAD}" in str(error.value)


def test_contradicting_examples_cannot_both_pass(tmp_path) -> None:
    from extract import ruletest

    _tree(tmp_path, _rule(r"(?P<number>\d+)(?P<counter>개)"), "one.toml")
    _tree(tmp_path, _rule(r"(?P<number>\d+)(?P<counter>개)", "test.other", 60, "company"), "two.toml")
    ruleset = rules.parse(tmp_path)
    results = {c.rule.id: ruletest.check(ruleset, c) for c in ruletest.cases(ruleset) if c.kind == "example"}
    # Alone, each rule matches 3개 with its own unit; with overlap resolution only the winner passes.
    assert results["test.other"] == []
    assert results["test.count"] and "won by test.count" in results["test.count"][0]


@pytest.mark.parametrize(("make", "message"), [
    (lambda d: d / "missing.toml", "missing.toml: no such file"),
    (lambda d: _write(d / "broken.toml", "x = ["), "broken.toml: not valid TOML"),
    (lambda d: _write(d / "empty.toml", '[[rule]]\nid = "a.b"\ntype = "ignore"\npriority = 1\npattern = "x"\n'),
     "empty.toml: holds no rule examples"),
    (lambda d: d, "holds no rule files"),
])
def test_rules_test_on_a_bad_path_exits_2_naming_it(tmp_path, make, message: str) -> None:
    from typer.testing import CliRunner

    from cli import app

    result = CliRunner().invoke(app, ["rules", "test", str(make(tmp_path))])
    assert result.exit_code == 2
    assert message in result.output


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
