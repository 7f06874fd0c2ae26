"""A malformed rule file is an error that names the file and the rule, at load time."""

from __future__ import annotations

from pathlib import Path

import pytest

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
