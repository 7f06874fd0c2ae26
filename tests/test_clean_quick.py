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


def _plain_choice(parser):  # type: ignore[no-untyped-def]
    """The container as the selectors give it, each asked in turn, the first of the highest score kept."""
    best, best_score, seen = None, 0, set()
    chars = html._SentenceChars()
    for selector in html._MAIN:
        for node in parser.css(selector):
            if node.mem_id in seen:
                continue
            seen.add(node.mem_id)
            score = html._content_score(node, chars)
            if score > best_score:
                best, best_score = node, score
    if best is None or best_score < html.MAIN_MIN:
        return None
    if parser.body is not None and best_score < html.MAIN_SHARE * html._content_score(parser.body, chars):
        return None
    return best


@pytest.mark.skipif(not (SHARED / "html").is_dir(), reason="../shared/corpus/broadcast is absent")
def test_one_query_for_the_containers_chooses_the_container_of_one_query_per_selector() -> None:
    from selectolax.lexbor import LexborHTMLParser

    sentence = "서울시는 올해 예산을 크게 늘려 시민의 삶을 돌보겠다고 밝혔다. " * 3
    pages = [f"<html><body><article><p>{sentence}</p></article><div id='articleBody'><div class='article_body'>"
             f"<p>{sentence}</p></div></div></body></html>",  # three containers holding as much, the last selector's first
             f"<html><body><article><p>{sentence}</p></article><div class='article_body'><p>{sentence}</p>"
             f"<p>{sentence}</p></div></body></html>",
             "<html><body><div class='article_body'><p>가</p></div></body></html>", "<html><body>가</body></html>"]
    pages += [decode.decode(path.read_bytes(), html=True)[0] for path in sorted((SHARED / "html").glob("*.html"))]
    sizes, ties = set(), 0
    first = LexborHTMLParser(pages[0])
    assert html._choose_main(first).attributes.get("id") == "articleBody"  # not the page's first, <article>
    for page in pages:
        parser = LexborHTMLParser(page)
        for node in parser.css(html._DROP):
            node.decompose()
        nodes = html._containers(parser)
        assert {node.mem_id for node in nodes} == {node.mem_id for selector in html._MAIN
                                                   for node in parser.css(selector)}
        assert len({node.mem_id for node in nodes}) == len(nodes)
        chosen, plain = html._choose_main(parser), _plain_choice(parser)
        assert (chosen.mem_id if chosen is not None else None) == (plain.mem_id if plain is not None else None)
        sizes.add(min(len(nodes), 2))
        scores = [html._content_score(node) for node in nodes]
        ties += len(scores) > 1 and scores.count(max(scores)) > 1
    assert sizes == {0, 1, 2} and ties > 0
