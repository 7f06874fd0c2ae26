"""A person's whole name where the text gives it: a foreign name's first names, a last name after the whole."""

from __future__ import annotations

from extract import extract_text


def _people(text: str) -> set[str]:
    return {p.name for p in extract_text(text, clean=False, published_at="2023-04-05").people}


def test_a_foreign_name_is_whole_before_its_country_and_title() -> None:
    text = ("바이든 행정부로서는 지난해 12월 에마뉘엘 마크롱 프랑스 대통령 이후 2번째로 맞이한 국빈입니다. "
            "마크롱 대통령은 환영했다.")
    names = _people(text)
    assert "에마뉘엘 마크롱" in names and "마크롱" not in names, names


def test_a_last_name_after_the_whole_foreign_name_is_that_person() -> None:
    text = ("윤석열 대통령은 조 바이든 미국 대통령 초청으로 방문합니다.\n\n바이든 행정부로서는 국빈을 맞았다.\n\n"
            "바이든 대통령 부부가 왔다.")
    names = _people(text)
    assert "조 바이든" in names and "바이든" not in names, names


def test_a_korean_name_after_a_body_keeps_its_own_length() -> None:
    assert "김철수" in _people("삼성전자 김철수 사장이 말했다. 서울 김영희 교수도 왔다.")


def test_a_whole_name_with_an_age_is_a_person_and_so_are_its_later_mentions() -> None:
    from extract.lexicon import load

    lex = load()
    for text in lex.aged_examples:
        assert _people(text), text
    for text in lex.aged_counterexamples:
        assert not _people(text), text
    text = "유모 씨가 구속된 주범 이경우(36)와 범행 직후 만났다. 경찰은 이경우에게 살인을 의뢰했다고 본다."
    people = extract_text(text, clean=False, published_at="2023-04-05").people
    assert [len(p.mentions) for p in people if p.name == "이경우"] == [2], people


def test_a_title_right_before_a_person_with_none_is_the_persons() -> None:
    text = ("해당 칼럼에는 논설위원 조 씨가 겪은 일이 담겼습니다. 조 씨는 말했다. "
            "'기자' 박모 씨도 왔다. 김철수 회장 A 씨도 왔다.")
    titles = {p.name: p.title for p in extract_text(text, clean=False, published_at="2023-04-21").people}
    assert titles.get("조 씨") == "논설위원" and titles.get("박모 씨") == "기자", titles
    assert titles.get("A 씨") is None, titles
    titles = {p.name: p.title for p in extract_text("소감을 밝혔다. '고문' 김연경은 당장 떠난다.", clean=False,
                                                    published_at="2023-04-21").people}
    assert titles == {"김연경": "고문"}, titles  # a role in quotes before the name


def test_a_given_name_alone_is_the_one_person_of_the_article_with_that_given_name() -> None:
    text = ("라디오스타에 박해미, 유인영, 박기웅이 출연했다. 이날 박해미는 \"무당마저 이기는 기를 가진 해미 장군, "
            "유명한 장면이다\"라고 말했다.")
    people = extract_text(text, clean=False, published_at="2023-04-05").people
    names = {p.name: len(p.mentions) for p in people}
    assert "해미" not in names and names.get("박해미", 0) >= 2, names


def test_a_former_career_before_a_name_is_its_title() -> None:
    text = "송중기는 1살 연상의 영국 배우 출신 케이티 루이스 사운더스와의 재혼 소식을 전했다. 가수 출신 김철수는 웃었다."
    titles = {p.name: p.title for p in extract_text(text, clean=False, published_at="2023-04-05").people}
    assert titles.get("케이티 루이스 사운더스") == "배우" and titles.get("김철수") == "가수", titles
