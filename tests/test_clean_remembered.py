"""What the cleaner remembers per line, and its quicker tests, give the answers of reading each line afresh."""

from __future__ import annotations

from pathlib import Path

import regex

from extract import decode
from extract.clean import boilerplate, lines, sentences, sequence

ROOT = Path(__file__).resolve().parent.parent
BROADCAST = ROOT / ".." / "shared" / "corpus" / "broadcast" / "gt"
ODD = ["", " ", "\x1c", "가\x1c나", "가\x1f 나\u3000다\xa0라\t마\n바", "  • 목록 바로가기", "1. 첫째 2. 둘째 3. 셋째",
       "7. 처음이다.특히 민간에서 ...", "있습니다.KBS 뉴스 이윤우입니다.영상편집:김선영", "2024.05.29 15:40", "[앵커]",
       "붉은 색깔,", "눈치채셨나요?", "x" * (sequence.MEMO_LINE_MAX + 5) + "했다."]


def _pages() -> list[list[str]]:
    pages = [path.read_text(encoding="utf-8").splitlines() for path in sorted((ROOT / "seeds").glob("*.txt"))]
    if BROADCAST.is_dir():
        pages += [path.read_text(encoding="utf-8").splitlines() for path in sorted(BROADCAST.glob("*.txt"))[:15]]
    return [*pages, ODD]


def test_line_keys_drop_what_regex_reads_as_white_space() -> None:
    spaces = regex.compile(r"\s+")
    for page in _pages():
        for line in page:
            assert lines._key(line) == spaces.sub("", line) == lines._key(line)  # read, then remembered


def test_control_characters_counted_as_before() -> None:
    old = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
    texts = ["".join(map(chr, range(0, 0x3000, 7))), "평범한 글\n", "\x00\x01\x1f\x7f\x80", "\t\n\r\x0c"]
    for text in texts:
        assert len(decode._CONTROL.findall(text)) == len(old.findall(text))


def test_remembered_line_facts_and_plans_are_the_fresh_ones() -> None:
    rules = boilerplate.load()
    for page in _pages():
        for _ in range(2):  # read, then remembered
            cut = sentences.split_lines(page)
            scored = sequence.score_lines([piece.text(page) for piece in cut], rules)
            for line in page:
                assert sequence.facts(line) == sequence._read_facts(line)
                assert sentences._plan(line, None) == sentences._read_plan(line, None)
        sequence._facts.cache_clear()
        sentences._plans.cache_clear()
        assert sentences.split_lines(page) == cut
        assert sequence.score_lines([piece.text(page) for piece in cut], rules) == scored
    assert all(len(line) <= sequence.MEMO_LINE_MAX for line in sequence._facts())
    assert all(len(line) <= sequence.MEMO_LINE_MAX for line in sentences._plans())


def test_block_breaks_put_in_one_walk_give_the_lines_of_one_walk_per_tag() -> None:
    from selectolax.lexbor import LexborHTMLParser

    from extract.clean import html

    def per_tag(node) -> list[str]:  # type: ignore[no-untyped-def]
        for item in node.css("li"):
            item.insert_before("\n• ")
        for tag in html._BLOCKS:
            for block in node.css(tag):
                block.insert_before("\n")
                block.insert_after("\n")
        text = node.text(deep=True, separator="")
        return [line for line in map(str.strip, text.split("\n")) if line and line != "•"]

    pages = ["<html><body><div><p>가</p><p>나<br>다</p><ul><li>라</li><li><p>마</p></li></ul>"
             "<table><tr><td>바</td></tr></table><h2>사</h2>아<hr>자</div></body></html>"]
    folder = ROOT / ".." / "shared" / "corpus" / "broadcast" / "html"
    if folder.is_dir():
        pages += [decode.decode(path.read_bytes(), html=True)[0] for path in sorted(folder.glob("*.html"))[:12]]
    for page in pages:
        assert html._lines(LexborHTMLParser(page).body) == per_tag(LexborHTMLParser(page).body)
