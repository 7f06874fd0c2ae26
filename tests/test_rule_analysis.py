"""The file of the reader's findings for the shipped patterns: fresh, used only when its reader is the current one."""

from __future__ import annotations

import json

import regex

from extract.rules import analysis, literals


def test_the_file_holds_what_the_reader_finds_in_every_shipped_pattern() -> None:
    """If this fails, the shipped patterns or the reader changed: `python -m extract.rules.analysis` rewrites it."""
    assert analysis.FILE.read_text(encoding="utf-8") == analysis.contents(analysis.shipped_sources())


def test_stored_findings_are_those_read_now() -> None:
    sources = analysis.shipped_sources()
    assert len(sources) > 150  # the rules and the cleaner's patterns
    for source in sources:
        assert analysis.stored(source) == literals.read(source), source


def test_a_pattern_the_file_does_not_hold_is_read() -> None:
    pattern = regex.compile(r"(?:약\s?)?\d+\s?(?:톨|낟알)")
    assert analysis.stored(pattern.pattern) is None
    assert literals.required(pattern) == {"톨", "낟알"}
    assert literals.reach(pattern) == (2, 4)


def test_a_file_written_by_another_reader_is_not_used(tmp_path, monkeypatch) -> None:
    source = analysis.shipped_sources()[0]
    stale = tmp_path / "analysis.json"
    stale.write_text(json.dumps({"version": "0" * 16, "patterns": {analysis.key(source): [["x"], None, None]}}),
                     encoding="utf-8")
    monkeypatch.setattr(analysis, "FILE", stale)
    analysis._table.cache_clear()
    try:
        assert analysis.stored(source) is None
        assert literals.findings(source) == literals.read(source)
    finally:
        monkeypatch.undo()
        analysis._table.cache_clear()


def test_refresh_rewrites_a_file_that_lacks_a_pattern(tmp_path, monkeypatch) -> None:
    target = tmp_path / "analysis.json"
    analysis.version()  # read from the reader's own files, before the folder is moved
    monkeypatch.setattr(analysis, "FILE", target)
    monkeypatch.setattr(analysis, "HERE", tmp_path)
    analysis._table.cache_clear()
    try:
        sources = analysis.shipped_sources()
        analysis.refresh(sources)
        assert target.read_text(encoding="utf-8") == analysis.contents(sources)
        assert analysis.holds(sources)
    finally:
        monkeypatch.undo()
        analysis._table.cache_clear()
