"""The place/body decision: a local government is an organisation where it acts and a place elsewhere; a body's
building used as a place is no mention of the body; a title's modifier or a determiner makes no body's name."""

from __future__ import annotations

import pytest

from extract import extract_text
from extract.lexicon import load


def _orgs(text: str) -> dict[str, list[str]]:
    article = extract_text(text, clean=False, published_at="2024-06-03")
    return {o.name: [m.text for m in o.mentions] for o in article.organisations}


@pytest.mark.parametrize("text, name", [
    ("평택시는 3일 새 계획을 밝혔다.", "평택시"),
    ("평택시가 추진하는 사업이 늘었다.", "평택시"),
    ("인제군은 주민 대피명령을 해제했다.", "인제군"),
    ("평택시 관계자는 복구를 서두르겠다고 말했다.", "평택시"),
    ("논산시 소속 사회복지 공무원이 숨졌다.", "논산시"),
    ("평택시와 수자원공사 관계자들이 긴급 투입됐다.", "평택시"),
    ("광주시는 신청서를 경기도에 제출했다.", "경기도"),
    ("부산광역시는 대책을 내놓았다.", "부산광역시"),
])
def test_a_local_government_that_acts_is_a_body(text: str, name: str) -> None:
    assert any(name in mentions for mentions in _orgs(text).values()), _orgs(text)


@pytest.mark.parametrize("text, name", [
    ("평택시에서 축제가 열렸다.", "평택시"),
    ("29일 서원구 개신동의 한 아파트에 출동했다.", "서원구"),
    ("A씨는 군포시 영동고속도로 갓길에서 차를 세웠다.", "군포시"),
    ("사진 속 부산광역시 광안리해수욕장은 흐린 모습이다.", "부산광역시"),
    ("김포시 모 육군 부대의 위병소에서 근무했다.", "김포시"),
    ("평택시 일대에 비가 내렸다.", "평택시"),
])
def test_a_local_government_that_does_not_act_is_a_place(text: str, name: str) -> None:
    assert not any(name in mentions for mentions in _orgs(text).values()), _orgs(text)


@pytest.mark.parametrize("text, name", [
    ("국회에서 열린 토론회에 참석했다.", "국회"),
    ("이날 서울중앙지방법원 앞에서 집회가 열렸다.", "서울중앙지방법원"),
    ("환자가 삼성서울병원 응급실에 입원했다.", "삼성서울병원"),
    ("환자는 삼성서울병원에 입원했다.", "삼성서울병원"),
])
def test_a_building_used_as_a_place_is_no_mention_of_its_body(text: str, name: str) -> None:
    assert name not in _orgs(text), _orgs(text)


def test_the_same_body_acting_elsewhere_keeps_its_mention() -> None:
    orgs = _orgs("환자는 삼성서울병원에 입원했다. 삼성서울병원은 역학조사를 벌이겠다고 밝혔다.")
    assert orgs.get("삼성서울병원") == ["삼성서울병원"], orgs


def test_a_title_carries_its_local_government() -> None:
    assert "평택시" in _orgs("공재광 평택시장이 빈소를 찾았다.")


def test_a_northern_army_is_no_local_government() -> None:
    assert not load().is_place_like("북한군")
    assert load().is_place_like("인제군") and load().is_place_like("부산광역시")


@pytest.mark.parametrize("title", ["총괄회장", "비서실장", "명예회장"])
def test_a_title_with_a_modifier_names_no_body(title: str) -> None:
    assert load().organisation_in_title(title) is None
    assert _orgs(f"신격호 {title}이 만났다.") == {}


def test_a_body_inside_a_title_is_still_found() -> None:
    lex = load()
    assert lex.organisation_in_title("서초구청장") == "서초구"
    assert lex.organisation_in_title("국정원장") == "국정원"


def test_a_noun_after_a_determiner_is_no_body() -> None:
    assert "한 장례식장" not in _orgs("이날 전주시 송천동 한 장례식장 주차장에서 차량이 발견됐다.")


@pytest.mark.parametrize("text, name", [
    ("제주도는 늦은 오후부터 비가 내리기 시작하겠다.", "제주도"),
    ("서울·경기도·강원도는 대체로 맑겠다.", "강원도"),
    ("지역별로는 전라남도가 8.5%로 가장 높은 투표율을 기록했다.", "전라남도"),
])
def test_a_local_government_as_the_subject_of_weather_or_a_ranking_is_a_place(text: str, name: str) -> None:
    assert not any(name in mentions for mentions in _orgs(text).values()), _orgs(text)


@pytest.mark.parametrize("text, name", [
    ("지원을 확대한다는 게 서울시 계획이다.", "서울시"),
    ("인천시도 내년부터 하수도 사용료를 인상한다.", "인천시"),
])
def test_a_local_government_acting_with_other_endings(text: str, name: str) -> None:
    assert any(name in mentions for mentions in _orgs(text).values()), _orgs(text)


def test_an_army_is_no_place() -> None:
    assert not load().is_place_like("주한미군")
    assert load().is_place_like("해남군")


@pytest.mark.parametrize("text, name", [
    ("국민의힘 서울시당은 논평을 냈다.", "국민의힘 서울시당"),
    ("서울대 수의학과와 제주대 돌고래연구팀이 부검에 돌입했다.", "제주대 돌고래연구팀"),
    ("서울대 수의학과와 제주대 돌고래연구팀이 부검에 돌입했다.", "서울대 수의학과"),
    ("관악구청 복지과 직원이 찾아갔다.", "관악구청 복지과"),
    ("국방부 감사관실이 감사결과를 발표했다.", "국방부 감사관실"),
])
def test_a_unit_written_after_its_body_is_one_organisation(text: str, name: str) -> None:
    assert name in _orgs(text), _orgs(text)


@pytest.mark.parametrize("text, name", [
    ("민주당 사무실에서 만났다.", "민주당 사무실"),
    ("삼성전자 결과는 좋았다.", "삼성전자 결과"),
])
def test_a_room_or_a_common_noun_after_a_body_is_no_unit(text: str, name: str) -> None:
    assert name not in _orgs(text), _orgs(text)


@pytest.mark.parametrize("text, name", [
    ("국방부 감사관실이 28사단 윤모 일병 사망 사건 감사결과를 발표했다.", "28사단"),
    ("축구대표팀은 오는 15일 친선경기를 갖습니다.", "축구대표팀"),
    ("창원시청, 이마트, 롯데백화점 등 편의시설이 가깝다.", "창원시청"),
    ("그러자 IBM의 주가는 주당 9달러 가까이 빠졌다.", "IBM"),
])
def test_units_offices_teams_and_owners_of_holdings(text: str, name: str) -> None:
    assert any(name in mentions for mentions in _orgs(text).values()), _orgs(text)


def test_an_office_used_as_a_place_is_no_mention() -> None:
    assert "서울시청" not in _orgs("오 시장은 6일 서울시청에서 전문가들과 만났다.")


def test_the_korean_won_is_no_company() -> None:
    assert _orgs("49달러(한화 약 5만 8200원)에 판매하고 있다.") == {}


@pytest.mark.parametrize("text, name", [
    ("소프트크림은 미니스톱 대표 디저트 상품으로 원유 함량이 50% 이상이다.", "소프트크림"),
    ("연구진에 의하면 할루시제니아 화석은 약 100년 전 처음 발굴됐다.", "할루시제니아"),
])
def test_a_common_noun_is_no_body(text: str, name: str) -> None:
    assert name not in _orgs(text), _orgs(text)


def test_a_market_is_no_mayor() -> None:
    assert _orgs("11일 오전 대구 서문시장에서 불이 났습니다.") == {}


def test_a_visit_is_to_the_body() -> None:
    assert "하버드대학교" in _orgs("또 하버드대를 방문해 케네디스쿨에서 연설합니다.")


def test_a_service_in_a_credit_is_no_company() -> None:
    assert "트위터" not in _orgs("[사진 출처 : 산루이스포토시 검찰청 공식 트위터 캡처]")


@pytest.mark.parametrize("text, name", [
    ("여자 배구 대표팀은 일본을 꺾었다.", "배구 대표팀"),
    ("한국 대표팀은 이란에 졌다.", "한국 대표팀"),
])
def test_a_team_after_the_word_that_names_it(text: str, name: str) -> None:
    assert any(name in mentions for mentions in _orgs(text).values()), _orgs(text)


def test_a_time_word_names_no_team() -> None:
    assert _orgs("이날 대표팀은 훈련했다.") == {}
