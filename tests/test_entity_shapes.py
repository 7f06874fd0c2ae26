"""Which of the entity model's people are people, bodies or places by their shape and what is written around
them (extract/entities/candidates.py), and the scorer's reading of KLUE's pseudonyms."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from extract import kiwi, lexicon
from extract.entities import candidates, model
from extract.entities.people import PersonMention
from extract.segment import Token

sys.path.insert(0, str(Path(__file__).resolve().parent / "entities"))
import klue_score


def _tokens(text: str) -> list[Token]:
    return [Token(t.form, t.tag, t.start, t.start + t.len) for t in kiwi.tokenize([text])[0]]


def _span(text: str, tokens: list[Token], name: str, kind: str = "PS") -> model.Span:
    start = text.index(name)
    inside = [i for i, t in enumerate(tokens) if start <= t.start < start + len(name)]
    return model.Span(kind, start, start + len(name), inside[0], inside[-1], 0.9)


@pytest.mark.parametrize(("text", "name"), [
    ("칼호텔네트워크, 한진관광 등 대한항공 계열사 대표이사 자리를 내놓았다.", "한진관광"),  # an organisation suffix
    ("국세청이 기업 더본코리아를 조사했다.", "더본코리아"),
    ("직원은 주로 김일성종합대학을 갓 졸업한 기술자들이다.", "김일성종합대학"),
    ("교도통신은 소속사인 쟈니즈 관계자를 인용해 보도했다.", "쟈니즈"),  # a word for a body's people after it
])
def test_a_model_person_shaped_like_a_body_is_a_body(text: str, name: str) -> None:
    tokens = _tokens(text)
    assert candidates._body_shaped(text, tokens, _span(text, tokens, name), lexicon.load())


@pytest.mark.parametrize(("text", "name"), [
    ("트럼프 측은 반발했다.", "트럼프"),  # 측 follows people too
    ("김철수 관계자는 말했다.", "김철수"),  # shaped like a Korean name
    ("일론 머스크 테슬라 대표는 말했다.", "일론 머스크"),
    ("존 서플 대변인은 말했다.", "존 서플"),  # a title after it
])
def test_people_stay_people(text: str, name: str) -> None:
    tokens = _tokens(text)
    assert not candidates._body_shaped(text, tokens, _span(text, tokens, name), lexicon.load())


@pytest.mark.parametrize(("text", "name", "place"), [
    ("이날 전주시 송천동 한 장례식장 주차장에서 발견됐다.", "송천동", True),
    ("전담반이 서원구 개신동의 한 아파트에 출동했다.", "서원구 개신동", True),
    ("이날 송천동 씨는 말했다.", "송천동", False),
    ("용인시 관계자 김철수는 말했다.", "김철수", False),
])
def test_a_part_of_a_city_after_its_name_is_a_place(text: str, name: str, place: bool) -> None:
    tokens = _tokens(text)
    assert candidates._after_local_government(text, tokens, _span(text, tokens, name), lexicon.load()) is place


@pytest.mark.parametrize(("text", "person", "found"), [
    ("알렉산드로 디아만티(볼로냐)가 때린 볼이 골키퍼를 맞았다.", "알렉산드로 디아만티", ["볼로냐"]),
    ("브라이스 하퍼(워싱턴 내셔널스)를 제쳤다.", "브라이스 하퍼", ["워싱턴 내셔널스"]),
    ("다나카 마사히로(일본)는 말했다.", "다나카 마사히로", []),  # a country
    ("김철수(35)씨는 말했다.", "김철수", []),  # an age
    ("장이머우(張藝謀) 감독은 말했다.", "장이머우", []),  # the name in Hanja
])
def test_a_body_in_brackets_after_a_person_is_the_persons_club_or_party(text: str, person: str,
                                                                         found: list[str]) -> None:
    tokens = _tokens(text)
    read = {t.start: (t, "O") for t in tokens}
    start = text.index(person)
    mention = PersonMention(person, None, None, start, start + len(person))
    assert candidates._affiliations(text, [mention], read, lexicon.load()) == found


@pytest.mark.parametrize(("text", "foreign"), [
    ("조 바이든", True), ("존 서플", True), ("김 수석", False), ("전 대통령", False), ("박 당선인", False),
    ("윤 정부", False), ("이 씨", False),
])
def test_a_one_syllable_first_name_before_a_foreign_last_name_is_a_whole_name(text: str, foreign: bool) -> None:
    assert candidates._person_name(text, lexicon.load()) is foreign


def test_rule_names_of_common_nouns_the_model_reads_as_nothing_are_dropped() -> None:
    text = "해당 여교사와 유치원 원장을 입건할 지를 결정한다."
    tokens = _tokens(text)
    start = text.index("유치원")
    rule = PersonMention("유치원", "원장", None, start, start + 3)
    labels = ["O"] * len(tokens)
    assert candidates._common_nouns(tokens, (labels, [0.8] * len(tokens)), {start: rule}) == {start}
    assert candidates._common_nouns(tokens, (labels, [0.5] * len(tokens)), {start: rule}) == set()  # unsure


def test_a_service_used_as_a_place_is_not_its_company() -> None:
    lex = lexicon.load()
    assert lex.is_service_use("페이스북", "에 올린 글에서")
    assert lex.is_service_use("페이스북", " 페이지에 찬반 논쟁이")
    assert not lex.is_service_use("페이스북", "은 새 정책을 발표했다")
    assert not lex.is_service_use("구글", "에 소개한")  # not a service's name


@pytest.mark.parametrize(("text", "start", "end", "written"), [
    ("A양은 말했다.", 0, 1, 2), ("B(3)군과 함께", 0, 1, 5), ("신 군은 말했다.", 0, 1, 3),
    ("양궁 선수", 0, 1, 1), ("김철수 군수는", 0, 3, 3), ("A씨는", 0, 1, 1),
])
def test_the_scorer_reads_klues_pseudonyms_with_yang_and_gun_as_written(text: str, start: int, end: int,
                                                                      written: int) -> None:
    assert klue_score._as_written(text, start, end) == written
