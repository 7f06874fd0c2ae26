"""Every example and counterexample of every rule file (amount, date, ignore, boilerplate, metadata, people,
organisations), one test each, through the same checks as `extract rules test`."""

from __future__ import annotations

import pytest

from extract import rules, ruletest
from extract.clean import boilerplate, metadata

RULESET = rules.load()
EXAMPLES = ruletest.collect(None)


def _param(example: ruletest.Example):
    marks = [pytest.mark.xfail(reason=example.xfail, strict=True)] if example.xfail is not None else []
    return pytest.param(example, id=f"{example.file}:{example.id}", marks=marks)


@pytest.mark.parametrize("example", [_param(e) for e in EXAMPLES])
def test_rule_example(example: ruletest.Example) -> None:
    problems = example.problems()
    assert not problems, f"{example.file}: {example.rule}\ntext: {example.text!r}\n" + "\n".join(problems)


def test_every_rule_file_kind_is_run() -> None:
    files = {e.file for e in EXAMPLES}
    for name in ("boilerplate.toml", "metadata.toml", "people/names.toml", "people/titles.toml",
                 "people/particles.toml", "organisations/organisations.toml", "amount/counters.toml",
                 "date/relative.toml", "ignore/not_amounts.toml"):
        assert f"patterns/{name}" in files, name


def test_every_rule_has_examples_counterexamples_and_unique_ids() -> None:
    ids = [r.id for r in RULESET.rules]
    assert len(ids) == len(set(ids))
    for rule in RULESET.rules:
        assert rule.examples, f"{rule.file}: {rule.id} has no examples"
        assert rule.counterexamples, f"{rule.file}: {rule.id} has no counterexamples"


def test_every_boilerplate_and_metadata_rule_has_examples_and_counterexamples() -> None:
    lines = boilerplate.load()
    for rule in (*lines.categories, *lines.inlines):
        assert rule.examples and rule.counterexamples, f"boilerplate.toml: {rule.id}"
    assert lines.sequence.sentences and lines.sequence.not_sentences
    for kind_rules in metadata.rules().values():
        for rule in kind_rules:
            assert rule.examples and rule.counterexamples, f"metadata.toml: {rule.id}"


def test_every_word_list_has_examples_and_counterexamples() -> None:
    for file in ("people/names.toml", "people/titles.toml", "people/particles.toml",
                 "organisations/organisations.toml"):
        assert {e.kind for e in EXAMPLES if e.file == f"patterns/{file}"} == {"example", "counterexample"}, file


def test_the_written_expression_corpora_repeat_no_rule_example() -> None:
    """A rule's expected values live in its rule file: the corpora of tests/expressions hold what they add."""
    import datetime as dt

    from .expressions import score

    held = {(rule.type, e["text"], e.get("match", e["text"]),
             dt.date.fromisoformat(e["reference"]) if e.get("reference") else None)
            for rule in RULESET.rules for e in rule.examples}
    repeated = [x.line for x in score.expressions() if (x.kind, x.text, x.match, x.reference) in held]
    assert not repeated, f"already rule examples: {repeated}"
