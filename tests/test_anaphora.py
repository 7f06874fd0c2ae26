"""이날, 당일, 전날, 이튿날, 이듬해: read against the date the text is about, else the article's date
(당일 then gives no record)."""

from __future__ import annotations

import datetime as dt

from extract import rules

REF = dt.date(2024, 5, 29)


def _dates(text: str) -> dict[str, str | None]:
    ruleset = rules.load()
    found, _ = ruleset.candidates(text, REF)
    return {c.text: c.fields["value"] for c in rules.resolve(found, text) if c.rule.type == "date"}


def test_the_day_before_the_date_of_its_sentence() -> None:
    assert _dates("경찰은 지난 3일 그를 체포했는데, 그는 전날 밤 집을 나섰다.")["전날"] == "2024-05-02"


def test_the_day_before_with_no_date_in_its_sentence_is_the_article_day_before() -> None:
    dates = _dates("경찰은 지난 3일 그를 체포했다. 그는 전날 밤 집을 나섰다.")
    assert dates["전날"] == "2024-05-28"


def test_that_same_day_looks_back_over_the_paragraph_but_not_the_next() -> None:
    assert _dates("지난 3일 사고가 났다. 사고 당일 그는 집에 있었다.")["당일"] == "2024-05-03"
    assert "당일" not in _dates("지난 3일 사고가 났다.\n\n사고 당일 그는 집에 있었다.")
    assert "당일" not in _dates("사고 당일 그는 집에 있었다.")


def test_this_day_reads_the_date_of_its_paragraph_on_or_before_the_article() -> None:
    text = "설리번 보좌관은 현지시간 27일 조 실장과 통화했습니다. 백악관은 이날 통화에서"
    assert _dates(text)["이날"] == "2024-05-27"
    assert _dates("대통령은 오는 31일 방미한다고 이날 밝혔다.")["이날"] == "2024-05-29"
    assert _dates("지난 3일 사고가 났다.\n\n이날 그는 집에 있었다.")["이날"] == "2024-05-29"
    assert _dates("이날 협약식에는")["이날"] == "2024-05-29"


def test_the_next_year_of_a_written_year() -> None:
    assert _dates("2020년 개관했고 이듬해 확장했다.")["이듬해"] == "2021"
    assert _dates("이듬해 확장했다.")["이듬해"] == "2025"


def test_the_private_anchor_never_reaches_a_record() -> None:
    ruleset = rules.load()
    text = "사고 당일 그는 집에 있었다."
    found, _ = ruleset.candidates(text, REF)
    assert all("_anchor" not in c.fields for c in rules.resolve(found, text))
