"""People and organisations against hand labels (tests/entities): the seeds and 200 sentences."""

from __future__ import annotations

import pytest

from .entities import score


@pytest.fixture(scope="module", params=["seeds.tsv", "sentences.tsv"])
def counts(request):
    return request.param, *score.run(request.param)


def test_label_sets_are_large_enough() -> None:
    assert len(score.read("seeds.tsv")) == 5
    assert len(score.read("sentences.tsv")) >= 200


def test_people(counts) -> None:
    name, people, _ = counts
    assert people.precision >= 0.95 and people.recall >= 0.95, (name, people.misses)
    assert people.titles_right / people.tp >= 0.9, (name, people.misses)


def test_organisations(counts) -> None:
    name, _, orgs = counts
    assert orgs.precision >= 0.9 and orgs.recall >= 0.9, (name, orgs.misses)


def test_no_person_or_organisation_from_boilerplate(seed_articles) -> None:
    chrome = {"작게", "크게", "화나요", "좋아요", "장석훈", "이완섭", "성일종", "추현욱", "장민영", "유혜원", "홈플러스", "영풍", "고려아연"}
    for article in seed_articles.values():
        names = {p.name for p in article.people} | {o.name for o in article.organisations}
        assert not names & chrome, names & chrome


def test_pseudonyms_and_back_references() -> None:
    from extract import extract_text

    article = extract_text("경찰은 운전자 B(45)씨를 입건했다. 오세훈 서울시장은 현장을 찾았다. 오 시장은 대책을 지시했다.", clean=False)
    people = {p.name: p for p in article.people}
    assert "B(45)씨" in people
    assert [m.text for m in people["오세훈"].mentions] == ["오세훈", "오 시장"]
    assert people["오세훈"].organisation == "서울시"
