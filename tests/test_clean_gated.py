"""Lines are matched only against the boilerplate patterns whose required strings they hold: the answers are
those of trying every category in file order."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from extract.clean import boilerplate
from extract.clean.boilerplate import strip_bullet
from extract.clean.gated import Gated

ROOT = Path(__file__).resolve().parent.parent
BROADCAST = ROOT / ".." / "shared" / "corpus" / "broadcast" / "gt"


def _plain(rules: boilerplate.Boilerplate, line: str, header: bool) -> tuple[str, bool] | None:
    """The first category in file order that applies and matches, every pattern tried."""
    text = strip_bullet(line)
    if not text:
        return None
    for category in rules.categories:
        if category.applies(header):
            matches, section = category.match(text)
            if matches:
                return category.id, section
    return None


def _lines() -> list[str]:
    rules = boilerplate.load()
    found = [text for category in rules.categories for text in (*category.examples, *category.counterexamples)]
    found += [text for category in rules.categories for text in (*category.lines, *category.headers)]
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        found += path.read_text(encoding="utf-8").splitlines()
    found += ["", "   ", "0", "12", "12345", "-3.93%", "+1,234.5 %", "가", "기사", "기자", "사진", "▲", "@", "#태그",
              "x" * 400, "저작권자" * 50, "기자 " * 80]
    return found


def test_every_line_gets_the_category_of_trying_every_pattern() -> None:
    rules = boilerplate.parse(boilerplate.patterns_dir() / "boilerplate.toml")
    lines = _lines()
    classified = 0
    for header in (True, False):
        for line in lines:
            found = rules.classify(line, header=header)
            assert found == _plain(rules, line, header), (line, header)
            classified += found is not None
    assert classified > 100


@pytest.mark.skipif(not BROADCAST.is_dir(), reason="the broadcast corpus (../shared/corpus/broadcast) is absent")
def test_real_page_lines_get_the_category_of_trying_every_pattern() -> None:
    rules = boilerplate.parse(boilerplate.patterns_dir() / "boilerplate.toml")
    for path in sorted(BROADCAST.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines()[:400]:
            for header in (True, False):
                assert rules.classify(line, header=header) == _plain(rules, line, header), (path.name, line)


def test_patterns_without_their_strings_are_not_tried() -> None:
    tried: list[str] = []

    class Counting:
        def __init__(self, source: str) -> None:
            self.pattern, self.flags, self._compiled = source, 0, regex.compile(source)

        def fullmatch(self, text: str, timeout: float | None = None, partial: bool = False) -> regex.Match[str] | None:
            if not partial:  # (a partial match of the first character is the quick test, not a try)
                tried.append(self.pattern)
            return self._compiled.fullmatch(text, timeout=timeout, partial=partial)

    sources = [r".{0,10}바로가기", r"(?:댓글|의견)\s?\d+", r"\d{1,4}", r".*기자"]
    gated = Gated([(Counting(source), number) for number, source in enumerate(sources)])  # type: ignore[misc]
    assert gated.first("의견 12") == 1 and tried == [r"(?:댓글|의견)\s?\d+"]
    tried.clear()
    assert gated.first("42") == 2 and tried == [r"\d{1,4}"]  # a pattern without known strings is always tried
    tried.clear()
    assert gated.first("홍길동 기자") == 3 and tried == [r".*기자"]  # no digit opens it: \d{1,4} not tried
    tried.clear()
    assert gated.first("본문 바로가기 42") is None and tried == [r".{0,10}바로가기"]
    tried.clear()
    assert gated.first("4 바로가기 42") is None and tried == [r".{0,10}바로가기", r"\d{1,4}"]


def test_metadata_rules_give_the_match_of_trying_every_rule() -> None:
    from extract.clean import metadata

    table = metadata.rules()
    texts = _lines()
    texts += [example["text"] for rules in table.values() for rule in rules for example in rule.examples
              if isinstance(example, dict) and "text" in example]
    texts += [text for rules in table.values() for rule in rules for text in rule.counterexamples]
    found = 0
    for kind in metadata.KINDS:
        for text in texts:
            gated, plain = metadata.first_match(kind, text), metadata.first_match(kind, text, table)
            assert (gated and (gated[0].id, gated[1].span(), gated[1].groupdict())) == (
                plain and (plain[0].id, plain[1].span(), plain[1].groupdict())), (kind, text)
            found += gated is not None
    assert found > 50
