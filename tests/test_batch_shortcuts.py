"""The cleaner's shortcuts give the answers of the work they skip (speed only: outputs never change)."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from extract import patterns
from extract.clean import html, sentences, sequence

from .conftest import SEEDS

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "broadcast"

EDGES = [
    "",
    "     ",
    "짧다.",
    "서울시는 3억 원을 썼다.",
    "서울시는 3억 원을 썼다.   ",
    "  서울시는 3억 원을 썼다. 시는 밝혔다.",
    "했다.\"며 웃었다.",
    "있습니다.KBS 뉴스 이윤우입니다.영상편집:김선영",
    "입니다. [tgar1@mbn.co.kr] 영상취재 : 김철수",
    "기사 내용입니다 (nanjuhee@yna.co.kr)",
    "기사 내용입니다 nanjuhee@",
    "찬반논쟁[앵커]사람을 만났다.",
    "찬반논쟁[",
    "캡션 /서울경찰청 제공            강남 40대 남성이 붙잡혔다.",
    "넓은 간격 뒤에 끝        ",
    "메뉴 홈 정치 경제 사회",
    "붕괴...2명 사망",
    "그럴까?! 그렇다.",
    "브라우저가 video 태그를 지원하지 않습니다.닫기\"곰 잘못 아니다\" 국립공원은 밝혔다.",
    "【 앵커멘트 】 오늘 소식입니다. 다음 소식입니다.",
]


def _lines() -> list[str]:
    found = list(EDGES)
    for path in sorted(SEEDS.glob("*.txt")):
        found += path.read_text(encoding="utf-8").splitlines()
    if SHARED.is_dir():
        for path in sorted((SHARED / "gt").glob("*.txt"))[:20]:
            found += path.read_text(encoding="utf-8").splitlines()
    return found


def test_lines_without_a_cut_mark_are_not_searched_and_nothing_changes(monkeypatch) -> None:
    lines = _lines()
    headlines = sentences.headline_lines(lines)
    fast = [sentences.cuts(line, headlines=headlines) for line in lines]
    monkeypatch.setattr(sentences, "_MAY_CUT", regex.compile(""))  # every line searched in full
    slow = [sentences.cuts(line, headlines=headlines) for line in lines]
    assert fast == slow
    assert any(fast) and not all(fast)


def test_remembered_sentence_tests_are_the_tests_themselves() -> None:
    words = sequence._words()
    lines = [*_lines(), "가" * (sequence.MEMO_LINE_MAX + 1) + "했다."]
    for _ in range(2):  # asked, then remembered
        assert [sequence.is_sentence_line(line) for line in lines] == [
            sequence._is_sentence_line(line, words) for line in lines]
    assert all(len(line) <= sequence.MEMO_LINE_MAX for line in sequence._memo())


def test_the_memo_stays_bounded_and_is_forgotten_with_the_rules(monkeypatch) -> None:
    monkeypatch.setattr(sequence, "MEMO_LINES", 50)
    for number in range(500):
        sequence.is_sentence_line(f"서울시는 {number}억 원을 썼다.")
    assert 0 < len(sequence._memo()) <= 50
    patterns.clear_caches()  # a user's rule folder layered over the shipped rules forgets every loaded answer
    assert len(sequence._memo()) == 0


@pytest.mark.skipif(not (SHARED / "html").is_dir(), reason="../shared/corpus/broadcast is absent")
def test_container_scores_read_each_line_once_with_the_same_result() -> None:
    from selectolax.lexbor import LexborHTMLParser

    pages = sorted((SHARED / "html").glob("*.html"))[:15]
    assert pages
    for path in pages:
        parser = LexborHTMLParser(path.read_text(encoding="utf-8", errors="replace"))
        nodes = [node for selector in html._MAIN for node in parser.css(selector)]
        if parser.body is not None:
            nodes.append(parser.body)
        shared = html._SentenceChars()
        assert [html._content_score(node, shared) for node in nodes] == [html._content_score(node) for node in nodes]


def test_a_line_that_starts_with_no_bullet_is_not_searched_for_one() -> None:
    import random

    from extract.clean import boilerplate

    assert not [hex(c) for c in range(0x3100) if regex.fullmatch(r"\s", chr(c)) and not chr(c).isspace()]
    pieces = [*"•·∙◦‣⁃●○◎■□◆◇▶►▷▸-–*", " ", "\t", "\u3000", "\u00a0", "\x1c", "가", "a", "1", "."]
    draw = random.Random(13)
    for line in [*_lines(), *("".join(draw.choice(pieces) for _ in range(draw.randint(0, 8))) for _ in range(20_000))]:
        assert boilerplate.strip_bullet(line) == boilerplate._BULLET.sub("", line.strip()), repr(line)
