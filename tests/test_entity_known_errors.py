"""Known errors of the people and organisation stage on real news, each fixed and kept fixed."""

from __future__ import annotations

from extract import extract_text


def _found(text: str) -> tuple[dict, dict]:
    article = extract_text(text, clean=False, published_at="2024-06-03")
    return {p.name: p for p in article.people}, {o.name: o for o in article.organisations}


def test_a_market_is_no_local_government() -> None:
    for text in ("설 명절을 앞두고 전통시장을 찾은 시민들이 많았다.", "정부는 전통시장 상품권 발행을 늘린다."):
        _, orgs = _found(text)
        assert "전통시" not in orgs, orgs


def test_a_department_before_a_title_is_no_person() -> None:
    people, orgs = _found("서울중앙지검 공안부 검사 출신인 그는 이날 사퇴했다.")
    assert "공안부" not in people, people
    assert any(name.startswith("서울중앙지검") for name in orgs), orgs


def test_generic_bodies_are_not_organisations() -> None:
    people, orgs = _found("검찰은 수사를 확대했다. 경찰은 A씨를 체포했다.")
    assert "A씨" in people
    assert not {"검찰", "경찰"} & set(orgs), orgs


def test_named_prosecutors_and_police_stay_organisations() -> None:
    _, orgs = _found("대검찰청은 서울경찰청과 함께 수사한다고 밝혔다.")
    assert {"대검찰청", "서울경찰청"} <= set(orgs), orgs


def test_the_reporters_of_an_outlet_are_the_outlet() -> None:
    people, orgs = _found("논란이 불거진 뒤 처음으로 YTN 취재진에게 입장을 밝혔습니다.")
    assert not people, people
    people, orgs = _found("[YTN취재진] 나혜인 기자가 전했다.")
    assert "YTN취재진" not in people and "YTN취재진" not in orgs, (people, orgs)
    assert "나혜인" in people


def test_a_person_found_once_is_found_at_every_later_mention() -> None:
    people, _ = _found("권경애 변호사는 사과했다. 이날 권경애는 출석하지 않았다. 유족은 권경애에게 책임을 물었다.")
    assert [m.text for m in people["권경애"].mentions] == ["권경애", "권경애", "권경애"]
    assert people["권경애"].title == "변호사"


def test_a_name_inside_a_longer_word_is_no_mention() -> None:
    people, _ = _found("김대중 전 대통령은 말했다. 김대중컨벤션센터에서 행사가 열렸다.")
    assert [m.text for m in people["김대중"].mentions] == ["김대중"]
def test_a_foreign_name_kiwi_reads_as_one_token() -> None:
    people, _ = _found("제이크 설리번 백악관 국가안보보좌관은 방한했다.")
    assert "제이크 설리번" in people, people


def test_a_later_mention_by_the_last_name_and_a_title_is_the_foreign_person() -> None:
    people, orgs = _found("제이크 설리번 백악관 국가안보보좌관은 방한했다. 설리번 보좌관은 말했다.")
    assert set(people) == {"제이크 설리번"}, people
    assert [m.text for m in people["제이크 설리번"].mentions] == ["제이크 설리번", "설리번"]
    assert people["제이크 설리번"].title == "국가안보보좌관" and "백악관" in orgs


def test_a_local_government_with_a_place_particle_is_no_person() -> None:
    people, _ = _found("송파구에 사는 A씨는 송파구청에 민원을 냈다.")
    assert "송파구" not in people and "A씨" in people, people
def test_a_latin_initial_name_with_a_title_is_a_person() -> None:
    people, orgs = _found("JD 밴스 부통령은 말했다. 밴스 부통령은 웃었다.")
    assert "밴스" not in orgs, orgs
    assert any(name.endswith("밴스") for name in people), people




def test_a_name_listed_between_bodies_is_a_body() -> None:
    people, orgs = _found("지난해 12월부터 한국광기술원, 빛고을노인건강타운, 광주그린카진흥원 등 3곳에 실증센터를 운영 중이다.")
    assert "빛고을노인건강타운" in orgs and not people, (people, orgs)
    people, _ = _found("오세훈 서울시장, 강기정 광주시장, 박형준 부산시장이 참석했다.")
    assert {"오세훈", "강기정", "박형준"} <= set(people), people


def test_sites_and_countries_are_no_part_of_a_person() -> None:
    people, _ = _found("관광객들이 경복궁을 찾았다. 유족들은 팽목항에 모였다.")
    assert not people, people
    people, _ = _found("모스크바를 방문한 왈리드 알무알렘 시리아 외무장관은 시리아가 화학무기를 폐기한다고 말했다.")
    assert "시리아" not in people and not any(n.endswith("시리아") for n in people), people


def test_heads_of_state_abroad_carry_their_titles() -> None:
    people, _ = _found("류 위원장은 이날 시진핑(習近平) 중국 국가주석 겸 공산당 총서기의 서한을 전달했다.")
    assert "시진핑" in people and "공산당" not in people, people


def test_a_title_after_a_country_and_a_body_and_in_a_caption() -> None:
    people, _ = _found("입장을 밝혔습니다. 존 서플 미 국방부 대변인은 현지시간 19일 말했다.")
    assert people["존 서플"].title == "대변인", people
    people, _ = _found("상황을 지켜보겠다는 입장입니다.\n\n[구병삼/통일부 대변인 : \"통신선 이상 가능성\"]")
    assert people["구병삼"].title == "대변인", people


def test_a_body_with_a_particle_kiwi_reads_as_one_word_is_no_person() -> None:
    people, orgs = _found("미국 네바다주의 애플의 투자 자회사인 브래번 캐피털을 통해 관리해 왔다.")
    assert not any(name.startswith("애플") for name in people), people
    assert "애플" in orgs and "애플의" not in orgs, orgs
    assert [m.text for m in orgs["애플"].mentions] == ["애플"], orgs


def test_a_sports_club_a_launcher_and_a_transition_committee_are_no_people() -> None:
    people, orgs = _found("뉴욕 양키스는 이날 다저스를 꺾었다.")
    assert not people and "뉴욕 양키스" in orgs, (people, orgs)
    people, _ = _found("나로호는 세 번째 도전 끝에 발사에 성공했다.")
    assert not people, people
    people, orgs = _found("대통령직인수위원회는 이날 회의를 열었다. 인수위는 개편안을 발표했다.")
    assert not people and orgs["대통령직인수위원회"].mentions[-1].text == "인수위", (people, orgs)


def test_prosecutors_offices_and_courts_are_government() -> None:
    _, orgs = _found("서울남부지검은 구속영장을 청구했다. 서울중앙지법은 영장을 발부했다.")
    assert orgs["서울남부지검"].kind == "government" and orgs["서울중앙지법"].kind == "government", orgs


def test_unions_schools_and_broadcasters_by_their_names() -> None:
    _, orgs = _found("철도해운노조 소속 직원들이 파업했다. 하버드대를 방문해 케네디스쿨에서 연설했다. 연합뉴스TV 이준삼입니다.")
    assert {"철도해운노조", "케네디스쿨", "연합뉴스TV"} <= set(orgs), orgs
    assert orgs["철도해운노조"].kind == "association" and orgs["케네디스쿨"].kind == "university", orgs


def test_generic_public_bodies_are_no_names() -> None:
    _, orgs = _found("정부가 한국토지주택공사(LH)와 지방공사 등의 매입임대주택 제도를 활용한다.")
    assert set(orgs) == {"한국토지주택공사"}, orgs
    _, orgs = _found("캐나다 등 각국 정부가 과도한 임금인상이 중앙은행의 인플레이션 대응에 악영향을 주는 상황을 우려한다.")
    assert not orgs, orgs


def test_a_unit_written_after_a_known_body_glued_to_more() -> None:
    _, orgs = _found("카이스트 AI 대학원·공군AI 신기술 융합센터 등 국내·외 AI 산업의 역량을 모은다.")
    assert [m.text for m in orgs["공군AI 신기술 융합센터"].mentions] == ["공군AI 신기술 융합센터"], orgs
    _, orgs = _found("한국은행 금융통화위원회는 기준금리를 동결했다.")
    assert "한국은행" in orgs, orgs


def test_two_bodies_side_by_side_a_council_member_and_a_council_committee() -> None:
    _, orgs = _found("서울시의회 국민의힘은 오늘 '서울시의원(정진술) 성 비위 의혹 조사 요구서'를 시의회 윤리특별위원회에 "
                     "제출했다. 윤리특별위원회는 이를 검토한다.")
    assert "서울시의회 국민의힘" not in orgs and "서울시" not in orgs, orgs
    committee = [o for o in orgs.values() if "윤리특별위원회" in {o.name, *o.aliases}]
    assert len(committee) == 1 and len(committee[0].mentions) == 2, orgs


def test_a_body_before_a_word_like_an_address_and_a_body_ending_like_a_district() -> None:
    _, orgs = _found("입장을 묻는 연합뉴스 서면 질의에 답했다. 삼성전자 서초동 사옥에서 만났다.")
    assert {"연합뉴스", "삼성전자"} <= set(orgs), orgs
    _, orgs = _found('미국은 "북대서양조약기구와 우크라이나 국방연락그룹에 대한 한국의 기여를 환영한다"고 밝혔다.')
    assert "북대서양조약기구" in orgs, orgs
    _, orgs = _found("또 언론중재위원회에도 사례를 전달한다.")
    assert "언론중재위원회" in orgs, orgs


def test_a_province_before_a_city_is_a_place_and_a_province_that_acts_is_the_body() -> None:
    _, orgs = _found("28일 오후 3시 15분께 경기도 포천시 영북면 야미리 김모(75)씨의 집에 연습탄이 날아들었다.")
    assert "경기도" not in orgs, orgs
    _, orgs = _found("경기도는 지난 21일 시화호 주변 철새 분변을 채취해 1차 검사를 진행했으며, 24일 밤 바이러스가 검출됐다.")
    assert "경기도" in orgs, orgs


def test_a_city_the_model_reads_as_a_person_is_no_person() -> None:
    people, _ = _found("평택시와 지역 수자원공사 관계자들이 긴급 투입돼 복구작업을 벌이고 있다. 김포시와 평택시 관계자들이 모였다.")
    assert not {"평택시", "김포시"} & set(people), people


def test_builders_agencies_and_embassies_by_their_endings() -> None:
    _, orgs = _found("황보건설은 부도를 냈다. 신컴엔터테인먼트 측은 부인했다. 주태국 대사관은 밝혔다. 한국언론학회는 토론회를 연다.")
    assert {"황보건설", "신컴엔터테인먼트", "한국언론학회"} <= set(orgs), orgs
    assert orgs["황보건설"].kind == "company", orgs


def test_a_common_noun_the_model_reads_as_a_name_at_most_mentions_is_no_person() -> None:
    from extract import segment
    from extract.entities.people import PersonMention, plausible
    from extract.lexicon import load

    text = "한미 정상회담 준비가 한창이다. 정상회담에 앞서 환영식이 열린다. 트럼프는 정상회담 뒤 떠났다. 트럼프가 말했다."
    at = [i for i in range(len(text)) if text.startswith("정상회담", i)]
    proposed = [PersonMention("정상회담", None, None, i, i + 4) for i in at]
    proposed += [PersonMention("트럼프", None, None, i, i + 3) for i in range(len(text)) if text.startswith("트럼프", i)]
    kept = {p.name for p in plausible(proposed, segment.segment(text), load())}
    assert kept == {"트럼프"}, kept


def test_a_last_name_alone_in_a_headline_list_is_the_person_the_article_names_whole() -> None:
    people, _ = _found('1. 트럼프 "엄청난 선거개입" 25분 성토…법정서 34개 혐의 모두 부인 2. 분당 정자교 보행로 붕괴...2명 사상 '
                       "도널드 트럼프 전 대통령은 법정에 출석했다.")
    assert "도널드 트럼프" in people and "트럼프" not in people, people
    assert [m.text for m in people["도널드 트럼프"].mentions] == ["트럼프", "도널드 트럼프"], people
    assert "정자교" not in people, people
