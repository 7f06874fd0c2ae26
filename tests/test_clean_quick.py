"""The cleaner's quicker readings give the answers of the plain ones: patterns searched backwards, stops found
before the syllable behind them, one CSS query for the article's container, inline rules tried only where they
match, and lines read once per page."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from extract import decode
from extract.clean import boilerplate, html, sentences, sequence
from extract.clean.gated import Gated

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT / ".." / "shared" / "corpus" / "broadcast"
EDGES = ["", " ", "다.", "했다.”", "했다 .", "했다..", "했다...", "붕괴...2명", "그럴까?! 그렇다.", "있습니다.KBS 뉴스",
         "말했다.\"며 웃었다.", "1. 첫째 2. 둘째 3. 셋째", "가 . 나 .. 다 ...", "“좋다.”라고 했다.", "요?", "A.B.C.",
         "x" * 400 + "했다.", "했다.\n", "\"환영합니다\"", "맞습니다 !", "[앵커]", "했다.”\u3000다음"]


def _lines() -> list[str]:
    found = list(EDGES)
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        found += path.read_text(encoding="utf-8").splitlines()
    if (SHARED / "gt").is_dir():
        for path in sorted((SHARED / "gt").glob("*.txt"))[:20]:
            found += path.read_text(encoding="utf-8").splitlines()
    return found


def test_endings_searched_backwards_find_a_match_where_a_forward_search_does() -> None:
    final, quote, _ = sequence._words()
    assert final.flags & regex.REVERSE and quote.flags & regex.REVERSE
    forward = [regex.compile(pattern.pattern, pattern.flags & ~regex.REVERSE) for pattern in (final, quote)]
    checked = 0
    for line in _lines():
        for text in (line, line.strip()):
            assert bool(final.search(text)) == bool(forward[0].search(text)), text
            assert bool(quote.search(text)) == bool(forward[1].search(text)), text
            checked += bool(final.search(text))
    assert checked > 50  # the lines hold sentences, not only chrome


def test_stops_found_before_the_syllable_behind_them_end_where_the_syllable_first_search_ends() -> None:
    plain = regex.compile(rf"[가-힣]\s?(?:\.(?!\.)|[?!]+)[{sequence.CLOSERS}]*")
    found = 0
    for line in _lines():
        ends = [match.end() for match in sentences._BOUNDARY.finditer(line)]
        assert ends == [match.end() for match in plain.finditer(line)], line
        assert [m.group(0)[-1] for m in sentences._BOUNDARY.finditer(line)] == [
            m.group(0)[-1] for m in plain.finditer(line)]
        found += len(ends)
    assert found > 100


def test_openers_remembered_per_first_character_are_the_partial_matches() -> None:
    gated = Gated([(regex.compile(r"\d{1,4}"), "number"), (regex.compile(r"[가-힣]+다\."), "sentence")])
    texts = ["2024", "가", "하였다.", "x", "", "12가", "다.", "9"]
    assert gated._always == {0}
    for _ in range(2):  # read, then remembered
        for text in texts:
            for position in (0, 1):
                plain = position not in gated._always or gated._patterns[position].fullmatch(
                    text[:1], partial=True) is not None  # (a pattern with known strings is tried where they are)
                assert gated._opens(position, text) == plain
            assert gated.first(text) == next((value for pattern, value in zip(gated._patterns, gated._values,
                                                                               strict=True) if pattern.fullmatch(text)),
                                             None)


def test_inline_rules_tried_only_where_they_match_remove_what_a_substitution_removes() -> None:
    rules = boilerplate.load()

    def plain(text: str) -> tuple[str, list[tuple[str, str]]]:
        removed: list[tuple[str, str]] = []
        for rule in rules.inlines:
            def sub(match: regex.Match[str], rule: boilerplate.Inline = rule) -> str:
                if rule.listed and match.group(0).strip():
                    removed.append((match.group(0).strip(), rule.id))
                return rule.replace
            text = rule.pattern.sub(sub, text)
        return text, removed

    texts = [*_lines(), "첫 문장  둘째  문장", "기사 - 3 - 계속", "가\u3000\u3000나", "a\t\tb"]
    assert sum(rules.inline(text) != (text, []) for text in texts) > 0
    for text in texts:
        assert rules.inline(text) == plain(text)


def test_line_readings_remembered_are_those_of_other_rules_read_afresh() -> None:
    rules = boilerplate.load()
    other = boilerplate.parse(ROOT / "patterns" / "boilerplate.toml")  # the same rules, not the loaded object
    page = _lines()
    for _ in range(2):  # read, then remembered
        assert sequence.score_lines(page, rules) == sequence.score_lines(page, other)
    sequence._read_lines.cache_clear()
    assert sequence.score_lines(page, rules) == sequence.score_lines(page, other)
    assert all(len(line) <= sequence.MEMO_LINE_MAX for line in sequence._read_lines())


@pytest.mark.skipif(not (SHARED / "html").is_dir(), reason="../shared/corpus/broadcast is absent")
def test_one_query_for_the_containers_finds_the_nodes_of_one_query_per_selector_in_their_order() -> None:
    from selectolax.lexbor import LexborHTMLParser

    pages = ["<html><body><div class='article_body' id='articleBody'><p>가</p></div><article>나</article></body></html>",
             "<html><body><div class='article_body'><p>가</p></div></body></html>", "<html><body>가</body></html>"]
    pages += [decode.decode(path.read_bytes(), html=True)[0] for path in sorted((SHARED / "html").glob("*.html"))]
    sizes = set()
    for page in pages:
        parser = LexborHTMLParser(page)
        expected, seen = [], set()
        for selector in html._MAIN:
            for node in parser.css(selector):
                if node.mem_id not in seen:
                    seen.add(node.mem_id)
                    expected.append(node.mem_id)
        assert [node.mem_id for node in html._containers(parser)] == expected
        sizes.add(min(len(expected), 2))
    assert sizes == {0, 1, 2}
