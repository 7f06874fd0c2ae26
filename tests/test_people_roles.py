"""A drama's or a film's recap and its cast poster: the actors are people, the roles they play are none."""

from __future__ import annotations

from extract import extract_text, segment
from extract.entities.people import played
from extract.lexicon import load


def _people(text: str) -> set[str]:
    return {p.name for p in extract_text(text, clean=False, published_at="2023-04-05").people}


def test_the_played_examples_name_a_role_and_the_counterexamples_none() -> None:
    lex = load()
    for text in lex.played_examples:
        actors, roles = played(segment.segment(text), lex)
        assert actors and roles, text
    for text in lex.played_counterexamples:
        assert played(segment.segment(text), lex) == ([], frozenset()), text


def test_the_actor_is_a_person_and_the_role_is_none_at_any_of_its_mentions() -> None:
    text = ("4일 방송된 일일드라마 '비밀의 여자'에서는 정겨울(신고은 분)이 딸을 잃어버린 모습이 그려졌다. "
            "이날 정겨울은 오열했고, 주애라(이채영 분)는 찾는 시늉만 했다. 그러나 주애라는 홀로 걸어다녔다. "
            "겨울의 의붓 오빠 정영준(이은형 분)은 집으로 돌아갔다.")
    names = _people(text)
    assert {"신고은", "이채영", "이은형"} <= names, names
    assert not names & {"정겨울", "주애라", "주애", "겨울", "정영준"}, names


def test_a_person_named_like_no_role_stays() -> None:
    text = "김사부(한석규 분)는 수술을 마쳤다. 김철수 SBS 사장은 시청률을 반겼다."
    names = _people(text)
    assert "한석규" in names and "김철수" in names and "김사부" not in names, names



def test_the_other_names_of_a_list_of_people_are_people() -> None:
    text = ("포스터에는 한석규-안효섭-이성경-김민재-진경-임원희-변우민-이경영-김주헌-고상호-윤보라 등 배우들의 모습이 담겨 있다. "
            "회의에는 서울·부산·대구·광주 대표가 모였다.")
    names = _people(text)
    assert {"한석규", "안효섭", "진경", "고상호"} <= names, names
    assert not names & {"서울", "부산", "대구", "광주"}, names
