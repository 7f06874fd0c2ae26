"""Which of the entity model's organisations the product keeps (extract/entities/candidates.py)."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from extract import kiwi, lexicon
from extract.entities import candidates, model
from extract.entities.people import PersonMention
from extract.segment import Token


def _organisation(text: str, name: str, confidence: float = 0.9) -> bool:
    """Whether the product keeps `name`, read by the model as an organisation in `text`."""
    tokens = [Token(t.form, t.tag, t.start, t.start + t.len) for t in kiwi.tokenize([text])[0]]
    start = text.index(name)
    inside = [i for i, t in enumerate(tokens) if start <= t.start < start + len(name)]
    span = model.Span("OG", start, start + len(name), inside[0], inside[-1], confidence)
    return candidates._organisation(name, span, tokens, lexicon.load())


@pytest.mark.parametrize(("text", "name"), [
    ("‘대한민국 AI 대표 도시 조성’을 내놓으면서", "대한민국"),  # a country is a place
    ("일본은 이날 발표했다.", "일본"),
    ("벤처기업협회 본회와 함께 전국지회 임원진들의 참여를 통해", "전국지회"),  # a unit, with a word of scope
    ("산하기관 직원들이 모였다.", "산하기관"),
    ("대기업과 협력해 네트워크 미팅과 경진대회 공동 개최 등을 통해", "경진대회"),  # an event
    ("인재와 기업이 서울로 모일 수 있도록", "서울"),  # the city of the body 서울시
])
def test_countries_and_units_with_a_scope_word_are_no_organisation(text: str, name: str) -> None:
    assert not _organisation(text, name)


@pytest.mark.parametrize(("text", "name"), [
    ("벤처기업협회 광주전남지회 임원진들이 참여했다.", "광주전남지회"),
    ("골드만삭스는 이날 보고서를 냈다.", "골드만삭스"),
    ("벤처기업협회 본회와 함께 전국지회 임원진들의 참여를 통해", "벤처기업협회"),
])
def test_named_bodies_stay(text: str, name: str) -> None:
    assert _organisation(text, name)


def _words(text: str, name: str) -> list[str]:
    """The organisation names the product makes of one model span `name` in `text`."""
    tokens = [Token(t.form, t.tag, t.start, t.start + t.len) for t in kiwi.tokenize([text])[0]]
    start = text.index(name)
    inside = [i for i, t in enumerate(tokens) if start <= t.start < start + len(name)]
    span = model.Span("OG", start, start + len(name), inside[0], inside[-1], 0.9)
    marginals = [0.9] * len(tokens)
    return [text[s.start:s.end] for s in candidates._organisation_words(text, tokens, marginals, [span])]


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("칼호텔네트워크, 한진관광 등 대한항공 계열사 대표이사 자리를 내놓았다.", "한진관광 등 대한항공", ["한진관광", "대한항공"]),
    ("한국방송통신대 미디어영상학과 설진아 교수는 밝혔다.", "한국방송통신대 미디어영상학과", ["한국방송통신대"]),
    ("굿네이버스 홍보대사로 봉사활동을 했다.", "굿네이버스 홍보", ["굿네이버스"]),
    ("SM온라인면세점에서 적립금을 모으자.", "SM", ["SM"]),  # one word glued to more: left as it is
    ("한국언론학회 정기학술대회에서 발표했다.", "한국언론학회", ["한국언론학회"]),
])
def test_a_model_organisation_is_made_of_whole_words(text: str, name: str, expected: list[str]) -> None:
    assert _words(text, name) == expected


def _body_shaped(text: str, name: str) -> bool:
    """Whether a person the model reads at `name` in `text` is a body by what follows it."""
    tokens = [Token(t.form, t.tag, t.start, t.start + t.len) for t in kiwi.tokenize([text])[0]]
    start = text.index(name)
    inside = [i for i, t in enumerate(tokens) if start <= t.start < start + len(name)]
    span = model.Span("PS", start, start + len(name), inside[0], inside[-1], 0.9)
    return candidates._body_shaped(text, tokens, span, lexicon.load())


@pytest.mark.parametrize(("text", "name", "body"), [
    ("그러자 IBM의 주가는 떨어졌다.", "IBM", True),  # what a body owns, after 의
    ("현재 에스에스엘엠의 지분 19.9%를 가졌다.", "에스에스엘엠", True),
    ("쟈니즈 관계자는 말했다.", "쟈니즈", True),
    ("트럼프의 직원들이 모였다.", "트럼프", False),  # a person has people too
    ("트럼프 측은 부인했다.", "트럼프", False),
    ("트럼프의 관계자", "트럼프", False),  # a word for a body's people after 의: a person's
])
def test_what_follows_a_name_makes_it_a_body(text: str, name: str, body: bool) -> None:
    assert _body_shaped(text, name) == body


@pytest.mark.parametrize(("text", "labels", "places"), [
    ("평택시 한 아파트에서 불이 났다.", {}, ["평택시"]),  # the model reads no body: a place
    ("무르시 전 대통령은 법정에 섰다.", {"무르시": "B-PS"}, ["무르시"]),  # a name that only looks like a city's
    ("김포시는 대책을 발표했다.", {}, []),  # the subject of the sentence: the body acts
    ("김포시가 나섰다.", {}, []),
    ("군포시 공장에서 불이 났다.", {"군포시": "B-OG"}, []),  # the model reads a body
    ("서울시의 전면적인 지원을 받는다.", {}, []),  # what follows says nothing of a place
    ("서울시 행정도 바뀐다.", {}, []),
    ("청주시 서원구에서 열렸다.", {}, ["청주시"]),  # a place's name after it
])
def test_a_local_government_the_model_reads_as_no_body_is_a_place(text: str, labels: dict[str, str],
                                                                   places: list[str]) -> None:
    tokens = [Token(t.form, t.tag, t.start, t.start + t.len) for t in kiwi.tokenize([text])[0]]
    read = [labels.get(t.form, "O") for t in tokens]
    assert [text[s:e] for s, e in candidates._local_places(tokens, read, lexicon.load())] == places


@pytest.mark.parametrize(("text", "name", "confidence", "dropped"), [
    ("그래픽처리장치(GPU)를 샀다.", "GPU", 0.6, True),  # an aside on a common noun
    ("미국 지질조사국(USGS)은 밝혔다.", "USGS", 0.95, False),  # the model is sure of the body
    ("미국 지질조사국(USGS)은 밝혔다.", "USGS", 0.6, True),
    ("‘공군오픈이노베이션’ 사업을 열었다.", "공군오픈이노베이션", 0.95, True),  # a programme's name in quotes
])
def test_an_abbreviation_in_brackets_is_a_body_where_the_model_is_sure(text: str, name: str, confidence: float,
                                                                       dropped: bool) -> None:
    start = text.index(name)
    span = model.Span("OG", start, start + len(name), 0, 0, confidence)
    assert candidates._quoted_or_bracketed(text, span, lexicon.load()) == dropped


# The look-ups below replace scans and regular expressions; each is checked against the plain definition.
_ALPHABET = "트럼프는가힣 AZaz09·-("


@settings(max_examples=300, deadline=None)
@given(st.text(_ALPHABET, max_size=40), st.text("트럼프 A9", min_size=1, max_size=4))
def test_a_name_s_standalone_mentions_are_those_of_the_word_pattern(body: str, written: str) -> None:
    pattern = regex.compile(r"(?<![가-힣A-Za-z0-9])" + regex.escape(written) + r"(?P<rest>[가-힣]*)")
    expected = [(m.start(), m.start("rest"), m.group("rest")) for m in pattern.finditer(body)]
    assert list(candidates._standalone(body, written)) == expected


def test_a_name_is_found_after_no_letter_with_the_hangul_written_onto_it() -> None:
    body = "도널드 트럼프 대통령은 말했다. 트럼프는 웃었고, 트럼프타워와 반트럼프 시위는 아니다. 트럼프"
    assert [(s, e, rest) for s, e, rest in candidates._standalone(body, "트럼프")] == [
        (4, 7, ""), (18, 21, "는"), (28, 31, "타워와"), (49, 52, "")]  # not 반트럼프


@given(st.text("서울삼성전자국", max_size=6), st.sets(st.text("서울삼성전자", max_size=3), max_size=5))
def test_a_word_starts_with_a_name_as_by_a_scan_of_the_names(word: str, names: set[str]) -> None:
    assert candidates._starts_with_any(word, frozenset(names)) == any(word.startswith(n) for n in names)


def test_the_tokens_a_rule_s_mention_starts_at_are_those_of_a_scan() -> None:
    tokens = [Token("김", "NNP", 0, 1), Token("철수", "NNP", 1, 3), Token("하", "XSV", 4, 5), Token("었", "EP", 4, 5),
              Token("다", "EF", 5, 6)]
    mentions = {s: PersonMention("x", None, None, s, s + 1) for s in (1, 4, 9)}
    assert candidates._ruled_tokens(tokens, mentions) == [i for i, t in enumerate(tokens) if t.start in mentions]
    assert candidates._ruled_tokens(tokens, {}) == []
