"""The people step's shortcuts give what a search of the whole text gives, and the step grows linearly.

Times are compared between n and 4n repetitions of the same text (never against a wall-clock limit): a linear
step takes about 4 times as long, a quadratic one about 16 times.
"""

from __future__ import annotations

import random
import sys
import time

import pytest
import regex

from extract import lexicon, segment
from extract.entities import people

# texts where the shortcuts could go wrong: stretches that meet, a 씨 at the end, a newline after it, names and
# titles in a chain of short words (전 김 시장: 김 is the title of 전's match), digits, wide spaces
_TRICKY = [
    "김모(45)씨와 이모(38·회사원)씨, 박 모 양, A씨와 B(3)군은 김철수 씨를 만났다. 날씨가 좋았다.",
    "양 군 양씨 씨 군 양", "김모씨\n", "김철수 씨", "이경우(36)씨는 수현 씨와 재국씨를 만났다 신 군",
    "오세훈 서울시장이 말했다. 오 시장은 전 김 시장과 만났다. 오 1시장 오\u3000시장 오 시장",
    "전 김 시장 김 시장 오 오 시장 가 나 다 시장",
    "..." + "가 " * 30 + "시장",
]


def _random_texts(alphabet: str, count: int, longest: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, longest))) for _ in range(count)]


def _found(matches: object) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in matches]  # type: ignore[attr-defined]


@pytest.mark.parametrize("pattern", [people._NAMED, people._GIVEN, people._PSEUDONYM], ids=["named", "given", "pseudonym"])
def test_the_honorific_stretches_hold_every_match_of_the_whole_text(pattern: regex.Pattern[str]) -> None:
    texts = _TRICKY + _random_texts("김이박모씨양군 ()·,0123456789AB가나고중초은는\n", 3000, 40, seed=13)
    for text in texts:
        windows = people._honorific_windows(text)
        assert _found(people._matches_in(pattern, text, windows)) == _found(pattern.finditer(text)), text


def test_the_back_reference_search_finds_the_whole_body_searchs_matches_with_a_title_asked_for() -> None:
    texts = _TRICKY + _random_texts("김이오전시장대표 가나  \n.,12A‘\u3000１", 3000, 60, seed=17)
    for text in texts:
        for heads in ({"시장"}, {"시장", "대표"}, {"1시장", "장"}):
            whole = _found(people._SURNAME_TITLE.finditer(text))
            found = _found(people._surname_titles(text, heads))
            assert all(match in whole for match in found), text
            assert [span for span, _ in found] == sorted({span for span, _ in found})
            asked = [(span, groups) for span, groups in whole
                     if any(text.startswith(head, span[0] + len(groups["surname"] or "") + 1) for head in heads)]
            assert all(match in found for match in asked), (text, heads)


def test_the_spaces_are_those_of_the_patterns() -> None:
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    assert frozenset(regex.findall(r"\s", every)) == people._SPACES
    assert not any(regex.match(r"[가-힣\d\s]", c) for c in people._NEVER_IN_A_MATCH)


def test_find_reads_only_the_words_near_a_title(monkeypatch: pytest.MonkeyPatch) -> None:
    lex = lexicon.load()
    asked: list[str] = []
    is_name = people.is_name
    monkeypatch.setattr(people, "is_name", lambda word, lex: asked.append(word.text) or is_name(word, lex))
    text = "이번 정부는 지난 주 전국 각지에서 여러 정책을 발표했다. " * 20 + "오세훈 서울시장이 말했다."
    (paragraph,) = segment.segment(text)
    found = people.find(paragraph, lex)
    assert [(m.name, m.title) for m in found] == [("오세훈", "서울시장")]
    assert len(asked) <= 5 < len(people.words(paragraph)) // 10


_UNIT = ("'오세훈 서울시장'의 발언에 오 시장은 김모(45)씨와 A씨, 이경우(36)씨를 만났다. 김 씨는 한석규-안효섭-진경-고상호와 "
         "'마른 장마'를 말했다. ")


def _people_step(body: str, paragraphs: list[segment.Paragraph], lex: lexicon.Lexicon) -> list[people.PersonMention]:
    found = [m for paragraph in paragraphs for m in people.find(paragraph, lex)]
    found += people.plausible(found, paragraphs, lex, found)
    found += people.listed_alike(paragraphs, found, lex)
    found += people.back_references(body, found, lex)
    return people.given_names(people.link_pseudonyms(people.titled_before(found, body, lex), lex), lex)


def _best_time(body: str, paragraphs: list[segment.Paragraph], lex: lexicon.Lexicon) -> float:
    best = float("inf")
    for _ in range(3):
        people.words.cache_clear()
        started = time.process_time()
        _people_step(body, paragraphs, lex)
        best = min(best, time.process_time() - started)
    return best


@pytest.mark.parametrize("separator", [" ", "\n\n"], ids=["one-paragraph", "paragraphs"])
def test_the_people_step_grows_linearly(separator: str) -> None:
    lex = lexicon.load()
    n = 60
    small, large = separator.join([_UNIT] * n), separator.join([_UNIT] * (4 * n))
    small_paragraphs, large_paragraphs = segment.segment(small), segment.segment(large)
    found = _people_step(large, large_paragraphs, lex)
    assert sum(1 for m in found if m.name == "오세훈") >= 2 * 4 * n  # the name and its back-reference, every time
    ratio = _best_time(large, large_paragraphs, lex) / _best_time(small, small_paragraphs, lex)
    assert ratio < 9, f"4x the text took {ratio:.1f}x the time (linear: about 4, quadratic: about 16)"


def test_the_columns_are_the_words_texts_and_offsets() -> None:
    text = "오세훈 서울시장이(64) 말했다.  A씨와 KBS2·EBS1 (주)심플렉스, 3일 ‘마른 장마’\u3000끝"
    (paragraph,) = segment.segment(text)
    columns, items = people.columns(paragraph), people.words(paragraph)
    assert columns.texts == [w.text for w in items] == regex.findall(r"[가-힣A-Za-z0-9&]+", text)
    assert columns.starts == [w.start for w in items] and columns.ends == [w.end for w in items]
    assert columns.gaps == [w.gap for w in items]
    for word in items:
        assert people.word_at(paragraph, word.start) is word
        assert people.word_at(paragraph, word.start + 1) is None or len(word.text) == 1


def test_find_builds_no_words_for_a_paragraph_with_nothing_to_read(monkeypatch: pytest.MonkeyPatch) -> None:
    lex = lexicon.load()
    built: list[segment.Paragraph] = []
    words = people.words
    monkeypatch.setattr(people, "words", lambda paragraph: built.append(paragraph) or words(paragraph))
    plain, titled = segment.segment("이번 정부는 지난 주 정책을 발표했다.\n\n오세훈 서울시장이 말했다.")
    assert people.find(plain, lex) == [] and built == []
    assert [m.name for m in people.find(titled, lex)] == ["오세훈"] and built == [titled]


# patterns of explicit character classes, read with the standard `re` (faster) where `regex` read them before
_PLAIN_PATTERNS = [people._GLUED, people._QUOTED, people._LIST_ITEM_PATTERN, lexicon._HANGUL_RUN, lexicon._HANGUL_WORD]


@pytest.mark.parametrize("pattern", _PLAIN_PATTERNS, ids=lambda p: p.pattern[:20])
def test_the_plain_patterns_match_as_regex_reads_them(pattern: object) -> None:
    same = regex.compile(pattern.pattern)  # type: ignore[attr-defined]
    texts = _TRICKY + _random_texts("가나힣aZ09(),'‘’\"“” \n·&A\u3000", 3000, 30, seed=23)
    for text in texts:
        assert _found(pattern.finditer(text)) == _found(same.finditer(text)), text  # type: ignore[attr-defined]
        for at in range(len(text) + 1):
            one, other = pattern.match(text, at), same.match(text, at)  # type: ignore[attr-defined]
            assert (one and (one.span(), one.groupdict())) == (other and (other.span(), other.groupdict())), text
        one, other = pattern.fullmatch(text), same.fullmatch(text)  # type: ignore[attr-defined]
        assert bool(one) == bool(other), text
