"""What is named like a body but is none: competitions and events where nothing acts, comparisons (제2의 소니,
중국판 트위터), places and things the entity model proposes, a person's relatives or role read as a body, a
fictional setting, a stage name in brackets; and an acronym in brackets after a body's name, one record."""

from __future__ import annotations

import pytest

from extract import extract_text
from extract.lexicon import load
from tests.test_org_places import _orgs


def _records(text: str) -> list[tuple[str, list[str], list[str]]]:
    article = extract_text(text, clean=False, published_at="2024-06-03")
    return [(o.name, o.aliases, [m.text for m in o.mentions]) for o in article.organisations]


def _named(text: str, name: str) -> bool:
    return any(name == record or name in mentions for record, mentions in _orgs(text).items())


@pytest.mark.parametrize("text, name", [
    ("힉스는 오클랜드 애슬레틱스와 메이저리그 홈 경기에서 홈 송구를 했다.", "메이저리그"),
    ("맨유는 영국에서 열린 '2015-16 프리미어리그' 21라운드에서 뉴캐슬과 비겼다.", "프리미어리그"),
    ("김연경은 다음달 열리는 국제배구연맹(FIVB) 발리볼네이션스리그(VNL)에 출전하는 선수들과 입촌한다.", "발리볼네이션스리그"),
    ("김연경은 다음달 열리는 국제배구연맹(FIVB) 발리볼네이션스리그(VNL)에 출전하는 선수들과 입촌한다.", "VNL"),
    ("도켓은 미국프로풋볼(NFL) 애리조나 카디널스의 수비수다.", "NFL"),
])
def test_a_competition_where_nothing_acts_is_no_body(text: str, name: str) -> None:
    assert not _named(text, name), _orgs(text)


@pytest.mark.parametrize("text, name", [
    ("메이저리그 사무국 관계자는 징계를 검토하겠다고 말했다.", "메이저리그 사무국"),
    ("NBA는 그에게 벌금을 부과했다.", "미국프로농구"),
])
def test_a_competition_that_acts_is_its_body(text: str, name: str) -> None:
    assert _named(text, name), _orgs(text)


@pytest.mark.parametrize("text, name", [
    ("영화 제작사들 사이에 '제 2의 소니'가 될 수 있다는 우려가 확산했다.", "소니"),
    ("그는 제2의 삼성전자를 꿈꾼다.", "삼성전자"),
    ("지난 26일 웨이보(중국판 트위터)에 올라온 사진입니다.", "트위터"),
])
def test_a_body_named_as_a_comparison_is_not_mentioned(text: str, name: str) -> None:
    assert not _named(text, name), _orgs(text)


def test_the_body_itself_is_still_found_beside_a_comparison() -> None:
    assert _named("삼성전자는 3일 실적을 발표했다. 그는 제2의 삼성전자를 꿈꾼다.", "삼성전자")


@pytest.mark.parametrize("text", [
    "미국 지질조사국(USGS)은 에베레스트 산과 가까운 남체 바자르 인근 지역에서 지진이 발생했다고 밝혔다.",
    "가자시티 동부에서도 어린이 4명이 사망하는 등 곳곳에서 사상자가 잇따랐다.",
    "2014 브라질 월드컵 아시아지역 최종예선에서 대한민국은 이란에 패배했다.",
    "아프리카 시에라리온 출신인 데이비스는 뉴욕에서 체포됐다.",
    "윤 선수는 2011년 서초구 경부고속도로 만남의광장 휴게소 주차장에서 발견됐다.",
    "압수수색 대상은 서초동 시공사 본사와 종로구 평창동의 한국미술연구소 등이다.",
    "리코타 치즈 상하이 버거는 맥도날드 인기 제품인 '맥스파이시 상하이 버거'에 치즈를 더했다.",
    "대기과학 계열은 난징(南京)정보공정대학이 최고 평가를 받았다.",
    "또 나로호 후속모델로 개발에 들어간 3단형 한국형 발사체(KSLV-II)는 실용위성을 실을 수 있다.",
])
def test_places_and_things_are_no_bodies(text: str) -> None:
    lex = load()
    found = _orgs(text)
    wrong = [name for name in found if name.split()[-1] in lex.place_tail_words or name in (
        "서초동", "상하이 버거", "대기과학", "KSLV-II", "아프리카 시에라리온", "아시아지역",
        "서초구 경부고속도로")]
    assert not wrong, found


@pytest.mark.parametrize("text, name", [
    ("미국 지질조사국(USGS)은 지진이 발생했다고 밝혔다.", "미국 지질조사국"),
    ("뉴욕 양키스는 다저스를 꺾었다.", "뉴욕 양키스"),
    ("맨체스터 유나이티드는 뉴캐슬과 비겼다.", "맨체스터 유나이티드"),
    ("미 공군 전투사령부는 폭격 과정을 설명했다.", "미 공군 전투사령부"),
    ("서울대 수의학과와 제주대 돌고래연구팀은 부검에 돌입했다.", "제주대 돌고래연구팀"),
    ("중국 정부는 성명을 냈다.", "중국 정부"),
    ("트럼프 전 대통령이 뉴욕 법원에 출석했다.", "뉴욕 법원"),
    ("매사추세츠 공대는 결과를 발표했다.", "매사추세츠 공대"),
])
def test_bodies_named_with_a_place_stay(text: str, name: str) -> None:
    assert _named(text, name), _orgs(text)


@pytest.mark.parametrize("text, wrong", [
    ("배우 백윤식 씨 여자친구 K모 기자의 기자회견이 예정된 레스토랑입니다.", "여자친구"),
    ("안 의원은 JTBC 손석희 보도담당 사장의 첫 방송에 출연했다.", "보도담당"),
])
def test_a_relative_or_a_role_is_no_body(text: str, wrong: str) -> None:
    assert not any(wrong in name for name in _orgs(text)), _orgs(text)


def test_a_fictional_setting_is_no_body() -> None:
    text = ("SBS 새 드라마 '낭만닥터 김사부3'는 지방의 초라한 돌담병원을 배경으로 벌어지는 이야기를 그린 드라마다. "
            "배우들은 돌담병원 세트장에서 포스터 촬영을 진행했다. 돌담병원 의료진의 마음이 그려진다.")
    assert "돌담병원" not in _orgs(text), _orgs(text)
    assert "SBS" in _orgs(text)


def test_a_real_hospital_stays() -> None:
    assert _named("삼성서울병원은 역학조사를 벌이겠다고 밝혔다.", "삼성서울병원")


def test_a_stage_name_in_brackets_with_an_age_is_no_body() -> None:
    text = "걸그룹 '시크릿' 멤버 한선화(25)씨가 남긴 트윗이 정하나(징거·25)씨와의 불화설로 확대됐다."
    assert "징거" not in _orgs(text), _orgs(text)


def test_an_acronym_in_brackets_after_a_body_is_the_same_record() -> None:
    text = "김연경은 다음달 열리는 국제배구연맹(FIVB) 대회에 출전한다. FIVB는 일정을 발표했다."
    records = _records(text)
    assert len([r for r in records if "FIVB" in (r[0], *r[1])]) == 1, records
    (record,) = [r for r in records if r[0] == "국제배구연맹"]
    assert "FIVB" in record[1] and record[2].count("FIVB") == 2, records


@pytest.mark.parametrize("text", [
    "문빈의 빈소는 서울아산병원 장례식장에 마련됐다.",
    "지난 3일 창원힘찬병원 외래를 거쳐 입원했다.",
])
def test_a_hospital_as_the_place_of_a_funeral_hall_or_a_clinic_is_no_body(text: str) -> None:
    assert not _orgs(text), _orgs(text)


@pytest.mark.parametrize("text, name", [
    ("콜로라도 대학 연구진은 알 파편 조각들을 분석했다.", "콜로라도 대학"),
    ("캐년시티 경찰은 용의자를 체포했다.", "캐년시티 경찰"),
])
def test_a_body_named_by_its_place_with_its_staff_after_it(text: str, name: str) -> None:
    found = _orgs(text)
    assert name in found or not any(name in record for record in found), found
    assert not any(record.endswith("연구진") for record in found), found


@pytest.mark.parametrize("text, name", [
    ("공재광 평택시장은 말했다.", "평택시"),
    ("서울시장 오세훈은 말했다.", "서울시"),
    ("박승춘 국가보훈처장과 허태열 비서실장이 함께했다.", "국가보훈처"),
    ("서초구청장은 주민 설명회에 참석했다.", "서초구"),
    ("장민영 IBK자산운용 대표가 신임 중소기업은행장으로 내정됐다.", "IBK기업은행"),
])
def test_a_title_a_person_holds_names_its_body(text: str, name: str) -> None:
    assert _named(text, name), _orgs(text)


@pytest.mark.parametrize("text", [
    "재보선 투표율은 국회의원 선거구 15곳에서 치러진 선거의 투표율보다 높다.",
    "16∼18대 국회의원을 지낸 3선 의원이다.",
    "유족이 인사혁신처장을 상대로 낸 소송을 기각했다.",
])
def test_a_title_no_person_holds_names_no_body(text: str) -> None:
    assert not _orgs(text), _orgs(text)


def test_the_site_of_a_disaster_is_no_mention_of_the_body() -> None:
    text = "개그맨 발언 논란에 삼풍백화점 참사 마지막 생존자 A 씨가 구출되는 영상도 관심을 모았다."
    assert "삼풍백화점" not in _orgs(text), _orgs(text)
    assert _named("삼풍백화점은 영업을 재개했다.", "삼풍백화점")


@pytest.mark.parametrize("text, wrong", [
    ("할리우드 배우 니콜 키드먼(47)과 나오미 왓츠(46)가 깜짝 키스 퍼포먼스를 선보였다.", "할리우드"),
    ("이들은 크리에이티브 디렉터 조성아의 기념 파티에 참석했다.", "크리에이티브"),
])
def test_where_a_trade_is_practised_is_no_body(text: str, wrong: str) -> None:
    assert wrong not in _orgs(text), _orgs(text)


def test_a_body_before_a_post_stays() -> None:
    assert _named("SBS 아나운서 김철수는 말했다.", "SBS")
