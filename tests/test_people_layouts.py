"""People written in the layouts of broadcast news: speaker captions, credits, full names with 씨, and later
mentions of a pseudonym."""

from __future__ import annotations

from extract import extract_text


def _found(text: str) -> tuple[dict, dict]:
    article = extract_text(text, clean=False, published_at="2024-06-03")
    return {p.name: p for p in article.people}, {o.name: o for o in article.organisations}


def test_a_speaker_caption_gives_the_name_the_body_and_the_title() -> None:
    people, orgs = _found('물량을 풀었습니다. ▶ 인터뷰 : 김영호 / 롯데마트 대리 - "요즘 고물가 시기가 지속되고 있습니다."')
    assert set(people) == {"김영호"}, people
    assert people["김영호"].title == "대리" and people["김영호"].organisation == "롯데마트", people
    assert "롯데마트" in orgs


def test_a_caption_names_a_foreign_speaker_whole() -> None:
    people, _ = _found("법원이 막아섰습니다.<마우리치오 푸가티 / 트렌토시 시장('jj4 포획' 기자회견)> \"곰을 쏘고 싶었습니다.\" "
                          "푸가티 시장은 곰을 제거하겠다고 했습니다.")
    assert "마우리치오 푸가티" in people and "트렌토시" not in people, people
    assert people["마우리치오 푸가티"].title == "시장"
    assert len(people["마우리치오 푸가티"].mentions) == 2, people


def test_a_caption_with_a_country_gives_no_body() -> None:
    people, orgs = _found("밝혔습니다.<미켈라 빅토리아 브람빌라/ 이탈리아 동물보호 활동가> \"제발 호소합니다.\"")
    assert people["미켈라 빅토리아 브람빌라"].title == "활동가", people
    assert not orgs, orgs


def test_a_caption_with_a_university_and_a_field() -> None:
    people, orgs = _found('먹거리입니다. ▶ 인터뷰 : 이은희 / 인하대 소비자학 교수 -"물가가 많이 올랐습니다."')
    assert set(people) == {"이은희"}, people
    assert people["이은희"].title == "교수" and people["이은희"].organisation == "인하대", people
    assert "소비자학" not in orgs, orgs


def test_a_caption_with_a_place_gives_a_person_without_title() -> None:
    people, _ = _found('좋을 것 같아요. ▶ 인터뷰 : 김무성 / 서울 남영동 - "가성비가 좋은 게 좋아요."')
    assert set(people) == {"김무성"} and people["김무성"].title is None, people


def test_credits_name_people() -> None:
    people, _ = _found("KBS 뉴스 이윤우입니다.영상편집:김선영")
    assert "김선영" in people, people
    people, _ = _found("MBN뉴스 장가희입니다. 영상취재: 변성중 영상편집: 송지영")
    assert {"변성중", "송지영"} <= set(people), people


def test_a_sign_off_with_a_copula() -> None:
    people, _ = _found("곰은 100마리로 불어났습니다. 이준삼 기자입니다.")
    assert people["이준삼"].title == "기자", people


def test_a_full_name_with_ssi_and_its_later_mentions() -> None:
    people, _ = _found('피의자는 세 명입니다. "범행 직후에 이경우 씨는 왜 만나신 건가요?" 주범 이경우가 돈을 받았습니다.')
    assert "이경우" in people, people
    assert [m.text for m in people["이경우"].mentions] == ["이경우", "이경우"], people


def test_a_pseudonym_is_found_again_by_surname_and_ssi() -> None:
    people, _ = _found("배후로 지목받아 온 재력가 유 모 씨에 대한 심사가 진행됐습니다. 경찰은 지난 5일 유 씨를 체포했습니다. "
                       "유 씨가 구속될 경우 수사에 속도가 붙습니다.")
    assert set(people) == {"유 모 씨"}, people
    assert [m.text for m in people["유 모 씨"].mentions] == ["유 모 씨", "유 씨", "유 씨"]


def test_a_bare_surname_with_ssi_stays_apart_when_two_people_share_it() -> None:
    people, _ = _found("김모씨와 김모(45)씨가 다퉜다. 김씨는 경찰에 신고했다.")
    assert "김씨" in people, people


def test_a_date_is_no_part_of_a_body_before_a_name() -> None:
    people, orgs = _found("행안부는 지난 18일 국민의힘 이만희 의원 등이 법률 개정안을 발의한 것을 계기로 지침을 마련했습니다.")
    assert "국민의힘" in orgs and not any(name.startswith("18") for name in orgs), orgs
    assert people["이만희"].organisation == "국민의힘", people


def test_then_a_title_after_a_name() -> None:
    people, _ = _found("대통령 국빈 방미는 2011년 이명박 당시 대통령 이후 12년 만입니다.")
    assert people["이명박"].title == "대통령", people


def test_pseudonyms_with_an_age_and_more_in_brackets_and_with_yang_or_gun() -> None:
    people, _ = _found("교사 김모(58·여)씨와 학부모 이모(42·여)씨 등 3명으로부터 돈을 받았다.")
    assert {"김모(58·여)씨", "이모(42·여)씨"} <= set(people), people
    people, _ = _found("A양은 이사했다. 같은 반 친구 B군과 C(10)군에게 폭행을 당했다. 신 군은 귀가했다.")
    assert {"A양", "B군", "C(10)군", "신 군"} <= set(people), people
    people, orgs = _found("공군과 육군은 훈련을 했다. 양 군은 대치했다.")
    assert not people and {"공군", "육군"} <= set(orgs), (people, orgs)


def test_a_given_name_with_ssi() -> None:
    people, _ = _found("솔지 씨는 우승했다. 장남 재국씨가 운영한다. 날씨가 좋고 솜씨도 좋다.")
    assert set(people) == {"솔지", "재국"}, people


def test_names_listed_before_a_name_and_title_share_the_title() -> None:
    people, orgs = _found("국회의원으로 당선된 김무성, 이완구, 안철수 의원의 선서를 들었다.")
    assert {p.name: p.title for p in people.values()} == {"김무성": "의원", "이완구": "의원", "안철수": "의원"}
    assert "이완구" not in orgs, orgs


def test_a_person_named_like_a_district_is_no_district() -> None:
    people, orgs = _found("춘천지법 지창구 판사는 징역 4월을 선고했다.")
    assert people["지창구"].title == "판사" and "지창구" not in orgs, (people, orgs)


def test_a_foreign_name_after_its_title() -> None:
    people, _ = _found("최고경영자 일론 머스크가 밝힌 화성 개척 구상의 운송 수단이다. 머스크는 인터뷰에서 밝혔다.")
    assert people["일론 머스크"].title == "최고경영자", people
    assert [m.text for m in people["일론 머스크"].mentions] == ["일론 머스크", "머스크"], people


def test_a_foreign_name_with_a_one_syllable_first_part() -> None:
    people, _ = _found("윤석열 대통령은 조 바이든 미국 대통령 초청으로 방문합니다. 바이든 대통령 부부와 만찬을 합니다.")
    assert "조 바이든" in people and "바이든" not in people, people
    assert [m.text for m in people["조 바이든"].mentions] == ["조 바이든", "바이든"], people
    people, _ = _found("김 수석은 말했다. 박 전 대통령은 출석했다.")
    assert set(people) == {"김 수석", "박 전 대통령"}, people


def test_a_surname_and_a_title_with_a_number() -> None:
    people, _ = _found("김태효 국가안보실 1차장은 발표했다. 김 1차장은 설명했습니다.")
    assert [m.text for m in people["김태효"].mentions] == ["김태효", "김 1차장"], people


def test_credits_in_brackets_joined_by_middle_dots() -> None:
    people, _ = _found("시리즈 '미끼'(극본 김진욱·연출 김홍선) 인터뷰를 진행했다. 드라마(각본 박서연, 연출 이도윤)는 끝났다.")
    assert {"김진욱", "김홍선", "박서연", "이도윤"} <= set(people), people
    assert "김진" not in people, people
    people, _ = _found("연출 방향을 놓고 이견이 있었다.")
    assert not people, people


def test_a_title_with_a_copula_before_a_person_is_the_persons_title() -> None:
    people, _ = _found("경찰에 따르면 충북 지역 교사인 A 씨는 학부모 B 씨 집에 찾아갔습니다. 변호사인 김철수 씨도 왔다.")
    assert people["A 씨"].title == "교사", people
    assert people["B 씨"].title is None, people
    assert people["김철수"].title == "변호사", people


def test_a_music_group_is_no_person_and_its_members_are_people() -> None:
    text = ("그룹 아스트로의 문빈이 어제 세상을 떠났습니다. 아스트로 문빈의 사망 소식이 전해졌습니다. "
            "지난 2016년 그룹 아스트로로 가요계에 데뷔한 문빈은 활동해 왔습니다. 걸그룹 라니아 멤버 알렉산드라가 말했다.")
    people, _ = _found(text)
    assert "문빈" in people and len(people["문빈"].mentions) >= 3, people
    assert not {"아스트로", "아스트로로", "라니아"} & set(people), people
    assert "알렉산드라" in people, people


def test_a_title_between_two_whole_names_is_the_title_of_the_name_before_it() -> None:
    from extract.lexicon import load

    lex = load()
    assert lex.held_examples and lex.held_counterexamples
    for text in lex.held_examples:
        people = sorted(extract_text(text, clean=False, published_at="2024-06-03").people,
                        key=lambda p: p.mentions[0].start)
        assert len(people) == 2 and people[0].title and people[1].title is None, (text, people)
        assert people[1].organisation is None, (text, people)
    for text in lex.held_counterexamples:
        people = extract_text(text, clean=False, published_at="2024-06-03").people
        assert len(people) == 1 and people[0].title, (text, people)
