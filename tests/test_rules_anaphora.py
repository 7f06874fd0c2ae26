"""Anaphoric dates (이날, 전날, 이튿날, 다음날, 당일) read against the other dates of their text, through every rule
and the overlap resolution, as the pipeline runs them on a paragraph."""

from __future__ import annotations

import datetime as dt

import pytest

from extract import rules

REFERENCE = dt.date(2015, 6, 15)

CASES = [
    # The day after a day of the paragraph, also across a sentence break.
    ("지난 3일 사고가 났다. 이튿날 그는 서울로 갔다.", {"지난 3일": "2015-06-03", "이튿날": "2015-06-04"}),
    # The story's day is given only as a year: the day after it is not in the text.
    ("2006년 그는 한국에 왔다. 이튿날 그는 서울로 갔다.", {"2006년": "2006"}),
    ("2003년 개정된 법은 임기만료일의 다음날 0시부터 시행된다.", {"2003년": "2003"}),
    # 전날 with no date in its sentence is the day before the article's, even after a relative month.
    ("정부는 지난달 대책을 냈다. 전날 발표된 통계도 같았다.", {"지난달": "2015-05", "전날": "2015-06-14"}),
    # 이날 never reads the day before it.
    ("경찰은 전날 오후 출발해 이날 새벽 도착했다.", {"전날": "2015-06-14", "이날": "2015-06-15"}),
    ("어제 회의가 열렸다. 이날 발표는 없었다.", {"어제": "2015-06-14", "이날": "2015-06-15"}),
    # 이날 and the noun after it: the event of a looking-back date, else the day the news is about.
    ("정부는 7일 발표했다. 지난 5일 열린 회의에서 합의했다. 이날 회의에는 장관들이 참석했다.",
     {"7일": "2015-06-07", "지난 5일": "2015-06-05", "이날": "2015-06-05"}),
    ("현지시각 6일 보도에 따르면 검찰은 지난 4일 사라진 승객을 이날 발견했다.",
     {"6일": "2015-06-06", "지난 4일": "2015-06-04", "이날": "2015-06-06"}),
    # 그 전날: the date just told, across a sentence.
    ("그는 지난달 4일 사퇴했다. 하지만 그 전날 당은 회의를 열었다.", {"지난달 4일": "2015-05-04", "전날": "2015-05-03"}),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[text[:20] for text, _ in CASES])
def test_anaphoric_dates(text: str, expected: dict[str, str]) -> None:
    ruleset = rules.load()
    found, _ = ruleset.candidates(text, REFERENCE)
    dates = {c.text: c.fields["value"] for c in rules.resolve(found, text) if c.rule.type == "date"}
    assert dates == expected
