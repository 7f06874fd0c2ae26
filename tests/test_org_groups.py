"""Music groups, a broadcaster's channel, short legislatures, clubs and particles after a body: what a page writes
as a body comes out as one, and a country, a person or an event named beside a title does not."""

from __future__ import annotations

import pytest

from extract import extract_text


def _orgs(text: str) -> dict[str, list[str]]:
    article = extract_text(text, clean=False, published_at="2024-06-03")
    return {o.name: [m.text for m in o.mentions] + o.aliases for o in article.organisations}


def _named(text: str, name: str) -> bool:
    return any(name == record or name in forms for record, forms in _orgs(text).items())


@pytest.mark.parametrize("text, name", [
    ("지난 2016년 그룹 아스트로로 데뷔했다.", "아스트로"),
    ("그룹 DKZ 경윤이 활동을 일시 중단한다.", "DKZ"),
    ("걸그룹 '라니아' 멤버가 말했다.", "라니아"),
    ("임현태가 과거 빅플로의 멤버 하이탑으로 활동했다.", "빅플로"),
    ("EXO 멤버 수호가 입대했다.", "EXO"),
])
def test_a_music_group_is_an_organisation(text: str, name: str) -> None:
    assert _named(text, name), _orgs(text)


@pytest.mark.parametrize("text", [
    "그룹 회장의 사표가 수리됐다.",
    "그룹 데이트 장면을 찍었다.",
    "‘진짜 사나이’ 새 멤버로 합류했다.",
    "트럼프의 막내 아들이 말했다.",
])
def test_no_music_group_without_one(text: str) -> None:
    assert not _orgs(text), _orgs(text)


@pytest.mark.parametrize("text, name", [
    ("4일 오후 방송된 KBS2 일일드라마 ‘비밀의 여자’에서는 정겨울이 울었다.", "KBS"),
    ("EBS1은 새 편성표를 내놨다.", "EBS"),
    ("그는 KBS1 뉴스에 출연했다.", "KBS"),
    ("윤 대통령은 27일에는 미 상·하원 합동 의회 연설을 합니다.", "미 상·하원"),
    ("미 하원은 결의안을 채택했다.", "미 하원"),
    ("영국 하원은 법안을 부결시켰다.", "영국 하원"),
    ("두산 베어스 주장 양의지는 말했다.", "두산 베어스"),
    ("피해자는 삼성전자로부터 돈을 받았다.", "삼성전자"),
    ("피해자는 한국전력공사로부터 통보를 받았다.", "한국전력공사"),
    ("협회가 창간한 언론 '소셜포커스'에는 칼럼이 게시됐다.", "소셜포커스"),
    ("인터넷매체 ‘뉴스타파’가 보도했다.", "뉴스타파"),
])
def test_a_body_written_in_these_forms_is_found(text: str, name: str) -> None:
    assert _named(text, name), _orgs(text)


@pytest.mark.parametrize("text, name", [
    ("지난해 12월 에마뉘엘 마크롱 프랑스 대통령 이후 2번째다.", "프랑스"),
    ("KBS2TV 채널이 바뀌었다.", "KBS2TV"),
    ("하원 의원 선거가 열린다.", "하원"),
    ("언론 '받아쓰기' 관행이 비판받았다.", "받아쓰기"),
    ("언론 보도에 따르면 계획이 늦어졌다.", "보도"),
    ("송중기는 영국 배우 출신 케이티 루이스 사운더스와의 재혼 소식을 전했다. 케이티는 웃었다.", "케이티 루이스 사운더스"),
    ("송중기는 영국 배우 출신 케이티 루이스 사운더스와의 재혼 소식을 전했다. 케이티는 웃었다.", "케이티"),
])
def test_not_a_body(text: str, name: str) -> None:
    assert name not in _orgs(text), _orgs(text)


def test_a_team_owners_name_before_the_team_is_no_person() -> None:
    article = extract_text("두산 베어스 주장 양의지는 말했다.", clean=False, published_at="2024-06-03")
    assert "두산" not in {p.name for p in article.people}
