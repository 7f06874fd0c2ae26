"""Offsets from a date (6년 전, 3개월 뒤, 이틀 뒤) through every rule and the overlap and anaphora steps."""

from __future__ import annotations

import datetime as dt

import pytest

from extract import rules


def _dates(text: str, reference: str | None) -> list[tuple[str, str | None, str]]:
    ruleset = rules.load()
    ref = dt.date.fromisoformat(reference) if reference else None
    found, _ = ruleset.candidates(text, ref)
    return [(c.text, c.fields["value"], c.fields["granularity"])
            for c in rules.resolve(found, text) if c.rule.type == "date"]


def test_an_offset_before_counts_from_the_article_not_from_another_offset() -> None:
    assert _dates("6년 전 그가, 4년 전 그녀가 떠났다.", "2023-04-20") == [
        ("6년 전", "2017", "year"), ("4년 전", "2019", "year")]


def test_an_offset_after_counts_from_the_date_of_its_paragraph() -> None:
    text = "B씨는 지난달 11일 폭행을 당했다. 당시 아무도 신고하지 않았다. 병원으로 옮겨졌으나 이틀 뒤 숨졌다."
    assert _dates(text, "2023-04-05")[-1] == ("이틀 뒤", "2023-03-13", "day")


def test_an_offset_after_a_date_of_another_paragraph_counts_from_the_article() -> None:
    assert _dates("지난달 11일 폭행을 당했다.\n\n그는 이틀 뒤 퇴원한다.", "2023-04-05")[-1] == \
        ("이틀 뒤", "2023-04-07", "day")


def test_an_offset_counted_from_a_coarser_date_gives_no_record() -> None:
    """2006년 … 이틀 뒤: the day is not in the text, and the article's date would be a wrong value."""
    assert _dates("2006년 입사했고, 이틀 뒤 퇴사했다.", "2024-05-29") == [("2006년", "2006", "year")]


def test_an_offset_before_a_date_and_boda_counts_back_from_that_date() -> None:
    text = "지팡이아이스크림 특허출원을 받은 2012년 8월 27일보다 14일 전 소비자가 사진을 게재했다."
    assert _dates(text, "2015-06-15") == [("2012년 8월 27일", "2012-08-27", "day"), ("14일 전", "2012-08-13", "day")]
    assert _dates("개막일인 지난 10일보다 사흘 전 도착했다.", "2015-06-15")[-1] == ("사흘 전", "2015-06-07", "day")


def test_an_offset_before_a_coarser_date_and_boda_gives_no_record() -> None:
    """2012년보다 3일 전: the day is not in the text; the article's date would be a wrong value."""
    assert _dates("2012년보다 3일 전 출원했다.", "2015-06-15") == [("2012년", "2012", "year")]


def test_an_offset_before_without_a_date_before_boda_counts_from_the_article() -> None:
    assert _dates("예상보다 3일 전 도착했다.", "2015-06-15") == []
    assert _dates("그는 3일 전 도착했다.", "2015-06-15") == [("3일 전", "2015-06-12", "day")]


def test_offsets_chain() -> None:
    assert _dates("지난 3일 입원했다. 사흘 뒤 퇴원했고, 이틀 뒤 다시 입원했다.", "2024-05-29")[1:] == [
        ("사흘 뒤", "2024-05-06", "day"), ("이틀 뒤", "2024-05-08", "day")]


@pytest.mark.parametrize("text", ["선거 3일 전까지 신고해야 한다", "2∼3일 전부터 아팠다", "약 3년 전 일이다",
                                  "3일 전후로 도착한다", "10여 년 전 일이다", "출국 하루 전 연락했다"])
def test_not_an_offset_from_the_article(text: str) -> None:
    assert not [d for d in _dates(text, "2024-05-29") if d[0].endswith(("전", "뒤", "후"))]
