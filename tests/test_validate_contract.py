"""The offset contract fails an article loudly, naming the record and what its span holds."""

from __future__ import annotations

import copy

import pytest

from extract import pipeline, validate
from extract.validate import ContractError

TEXT = "서울시는 2024년 5월 1일 예산 100억 원을 편성했다고 김민수 서울시 대변인이 밝혔다."


@pytest.fixture(scope="module")
def data() -> dict:
    article = pipeline.extract_text(TEXT, clean=False)
    found = article.model_dump(mode="python")
    assert found["amounts"] and found["dates"]
    return found


def test_a_valid_article_passes(data) -> None:
    assert validate.validate(copy.deepcopy(data)).body == TEXT


@pytest.mark.parametrize("where", ["amounts", "dates"])
def test_a_rule_record_off_its_text_is_named_by_its_rule(data, where: str) -> None:
    broken = copy.deepcopy(data)
    record = broken[where][0]
    record["start"] += 1
    with pytest.raises(ContractError) as failure:
        validate.validate(broken)
    kind = where[:-1]
    assert str(failure.value) == (f"{kind} {record['rule']}: body[{record['start']}:{record['end']}] is "
                                  f"{TEXT[record['start']:record['end']]!r}, not {record['text']!r}")


def test_a_span_beyond_the_body_or_empty_fails(data) -> None:
    for start, end in ((len(TEXT) - 1, len(TEXT) + 3), (5, 5), (-1, 3)):
        broken = copy.deepcopy(data)
        broken["amounts"][0].update(start=start, end=end)
        with pytest.raises(ContractError, match=rf"^amount .*: body\[{start}:{end}\] is"):
            validate.validate(broken)


def test_a_mention_off_its_text_names_the_person_or_organisation(data) -> None:
    for key, kind in (("people", "person"), ("organisations", "organisation")):
        broken = copy.deepcopy(data)
        broken[key] = [{"name": "가상", "kind": "company", "aliases": [], "title": None, "organisation": None,
                        "mentions": [{"start": 0, "end": 2, "text": "부산"}]}]
        if key == "people":
            broken[key][0].pop("kind")
            broken[key][0].pop("aliases")
        else:
            broken[key][0].pop("title")
            broken[key][0].pop("organisation")
            broken["people"] = []
        with pytest.raises(ContractError) as failure:
            validate.validate(broken)
        assert str(failure.value) == f"{kind} 가상: body[0:2] is '서울', not '부산'"


def test_a_person_of_an_organisation_without_a_record_fails(data) -> None:
    broken = copy.deepcopy(data)
    broken["organisations"] = []
    broken["people"] = [{"name": "김민수", "title": None, "organisation": "서울시",
                         "mentions": [{"start": TEXT.index("김민수"), "end": TEXT.index("김민수") + 3, "text": "김민수"}]}]
    with pytest.raises(ContractError, match=r"^person 김민수: organisation '서울시' has no record$"):
        validate.validate(broken)
