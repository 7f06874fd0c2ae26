"""Things, places and fragments the entity model proposes as people, told apart by their shape and context."""

from __future__ import annotations

import pytest

from extract import extract_text, segment
from extract.entities.people import PersonMention, plausible
from extract.lexicon import load


def _kept(text: str, *names: str) -> set[str]:
    """The names of `names` that `plausible` keeps when the model proposes each at every place it is written."""
    proposed = [PersonMention(name, None, None, i, i + len(name))
                for name in names for i in range(len(text)) if text.startswith(name, i)]
    return {p.name for p in plausible(proposed, segment.segment(text), load())}


def test_a_name_cut_inside_a_longer_word_is_no_person() -> None:
    assert _kept("그는 지난달 김책공업종합대학을 졸업한 기술자다.", "김책") == set()
    assert _kept("멤피스 데파이(에인트호번)를 투입했다.", "에인트호") == set()
    assert _kept("영화 '연평해전'에 출연한 배우가 말했다.", "연평") == set()
    assert _kept("14일 전 지팡이아이스크림을 맛본 소비자가 있었다.", "지팡") == set()


def test_a_name_with_a_particle_a_copula_or_ssi_is_whole() -> None:
    assert _kept("류현진은 말했다. 류현진이었다. 홍진영씨가 왔다. 하워드라는 가수다.", "류현진", "홍진영", "하워드") == \
        {"류현진", "홍진영", "하워드"}


def test_a_name_with_hanja_in_brackets_and_a_glued_ending_is_a_place_or_body() -> None:
    assert _kept("4일 장쑤(江蘇)성의 업자가 숨졌다. 허난(河南)대학이 1위다.", "장쑤", "허난") == set()
    assert _kept("부인 시게미쓰 하츠코(重光初子.88)씨와 김민수(26)씨가 왔다.", "시게미쓰 하츠코", "김민수") == \
        {"시게미쓰 하츠코", "김민수"}


def test_a_word_inside_a_short_quoted_phrase_is_a_title_or_a_slogan() -> None:
    assert _kept("이 현상을 '마른 장마'라고 부른다.", "장마") == set()
    assert _kept("버거킹이 '와퍼의 날'을 맞았다.", "와퍼") == set()
    assert _kept("작품이 '점핑, 드리밍, 러브, 달리' 4섹션으로 소개된다.", "드리밍", "달리") == set()


def test_a_quoted_name_named_outside_the_quotes_or_quoted_alone_stays_a_person() -> None:
    assert _kept("닉 부이치치는 지난달 '닉 부이치치의 플라잉'을 출간했다.", "닉 부이치치") == {"닉 부이치치"}
    assert _kept("그는 대학생 '성보라' 역을 맡았다.", "성보라") == {"성보라"}


def test_places_and_things_by_their_endings() -> None:
    lex = load()
    for word in lex.not_person_examples:
        assert not _kept(f"어제 {word}에서 만났다.", word), word
    for word in lex.not_person_counterexamples:
        assert _kept(f"어제 {word}를 만났다.", word) == {word}, word


@pytest.mark.parametrize("text, word", [
    ("한진관광 등 대한항공 계열사 대표이사 자리를 내놓았다.", "계열사"),
    ("국회의원 선거구 15곳에서 치러졌다.", "선거구"),
    ("오후 반부패 제도개혁 심사 소위를 열었다.", "반부패"),
], ids=["one-common-noun", "after-the-title", "a-prefix"])
def test_a_common_noun_before_a_title_is_no_name(text: str, word: str) -> None:
    names = {p.name for p in extract_text(text, clean=False, published_at="2024-06-03").people}
    assert word not in names, names


def test_a_common_noun_kiwi_knows_is_no_person() -> None:
    text = "바로 방울토마토입니다. 최근 방울토마토를 먹고 유지방 함량이 높은 과학관에서 복당이 유력하다."
    assert _kept(text, "방울토마토", "유지방", "과학관", "복당") == set()
    assert _kept("안덕근 산업통상자원부 장관은 말했다.", "안덕근") == {"안덕근"}  # Kiwi: 안덕근/NNG, an unknown word


def test_the_words_for_a_music_group_name_one_and_not_a_conglomerate_or_a_common_noun() -> None:
    from extract.entities.people import music_groups

    lex = load()
    for text in lex.group_examples:
        assert music_groups(segment.segment(text), lex), text
    for text in lex.group_counterexamples:
        assert not music_groups(segment.segment(text), lex), text


def test_a_common_nouns_plural_after_a_title_is_no_name() -> None:
    text = "김연경은 여자배구 대표 선수들과 함께 입촌한다. 회사 대표 사람들이 모였다."
    names = {p.name for p in extract_text(text, clean=False, published_at="2023-04-21").people}
    assert not names & {"선수들", "사람들"}, names
    assert _kept("선수들이 말했다. 김선수가 왔다.", "선수들") == set()


def test_a_name_with_a_genitive_before_a_word_for_a_member_is_a_group_and_the_member_a_person() -> None:
    text = "최근 결혼 발표로 임현태가 과거 빅플로의 멤버 하이탑으로 활동했던 영상이 올라왔다. 하이탑은 신병으로 등장했다."
    people = {p.name: p.title for p in extract_text(text, clean=False, published_at="2023-04-05").people}
    assert people.get("하이탑") == "멤버" and not {"빅플로", "빅플로의"} & set(people), people


def test_a_facility_is_told_by_its_ending_and_a_word_for_its_kind() -> None:
    lex = load()
    endings = tuple(ending for ending, _ in lex.facility_endings)
    assert lex.facility_examples and lex.facility_counterexamples
    for text in lex.facility_examples:
        names = {p.name for p in extract_text(text, clean=False, published_at="2024-06-03").people}
        assert not {n for n in names if n.endswith(endings)}, (text, names)
    for text in lex.facility_counterexamples:
        names = {p.name for p in extract_text(text, clean=False, published_at="2024-06-03").people}
        assert {n for n in names if n.endswith(endings)}, (text, names)


def test_a_place_of_departure_is_no_person() -> None:
    assert _kept("수서발 고속철도 운행이 확대되면 주민들이 편해진다.", "수서발") == set()
