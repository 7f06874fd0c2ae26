"""Within an article, an organisation found once by its full name is found again at its short forms."""

from __future__ import annotations

from extract import extract_text
from extract.lexicon import load


def _found(text: str) -> tuple[dict, dict]:
    article = extract_text(text, clean=False, published_at="2024-06-03")
    return {p.name: p for p in article.people}, {o.name: o for o in article.organisations}


def _mentions(org) -> list[str]:
    return [m.text for m in org.mentions]


def test_short_form_shapes() -> None:
    from extract.entities.organisations import is_short_form

    lex = load()
    for short, full in (("한수원", "한국수력원자력"), ("금감원", "금융감독원"), ("문체부", "문화체육관광부"),
                        ("금융위", "금융위원회"), ("주금공", "한국주택금융공사"), ("언론진흥재단", "한국언론진흥재단"),
                        ("생활안전연합", "시민단체 생활안전연합"), ("에너지부", "미국 에너지부")):
        assert is_short_form(short, full, lex), (short, full)
    for short, full in (("한국", "한국수력원자력"), ("서울시", "서울시의회"), ("금융", "금융감독원"), ("수력", "한국수력원자력"),
                        ("미국", "미국 에너지부"), ("위원회", "금융위원회"), ("감독원", "금융감독원")):
        assert not is_short_form(short, full, lex), (short, full)


def test_an_abbreviation_after_the_full_name_is_the_same_body() -> None:
    people, orgs = _found("한국수력원자력이 체코 원전 수출을 신고했으나 반려됐다. 한수원은 웨스팅하우스와 소송을 벌여왔다. "
                          "한수원이 서한을 보냈다.")
    assert "한수원" not in people, people
    assert _mentions(orgs["한국수력원자력"]) == ["한국수력원자력", "한수원", "한수원"], orgs
    assert "한수원" in orgs["한국수력원자력"].aliases


def test_a_name_without_its_leading_words_is_the_same_body() -> None:
    _, orgs = _found("시민단체 생활안전연합은 성명을 냈다. 생활안전연합 관계자는 재발 방지를 촉구했다.")
    found = [o for o in orgs.values() if "생활안전연합" in {o.name, *o.aliases}]
    assert len(found) == 1 and len(found[0].mentions) == 2, orgs
    _, orgs = _found("먼저 한국언론진흥재단 내에 센터를 설치한다. 언론진흥재단은 사례를 공개한다.")
    assert "언론진흥재단" not in orgs, orgs
    assert _mentions(orgs["한국언론진흥재단"]) == ["한국언론진흥재단", "언론진흥재단"], orgs


def test_an_acronym_in_brackets_names_the_body_again() -> None:
    _, orgs = _found("한국전력공사(한전)는 전기요금을 올린다. 한전 관계자는 적자를 이유로 들었다.")
    assert _mentions(orgs["한국전력공사"]) == ["한국전력공사", "한전", "한전"], orgs


def test_a_short_form_of_another_known_body_stays_that_body() -> None:
    _, orgs = _found("서울시의회는 조례를 통과시켰다. 서울시는 이를 공포했다.")
    assert {"서울시의회", "서울시"} <= set(orgs), orgs
    assert _mentions(orgs["서울시의회"]) == ["서울시의회"], orgs
