"""The KLUE scorer: its classification of gold spans by form, and its figures when the data is present."""

from __future__ import annotations

import pytest

from .expressions import klue_score


@pytest.mark.parametrize(("text", "cls"), [
    ("5일", "date"), ("지난해 11월", "date"), ("이날", "date"), ("2013년", "date"), ("전날", "date"),
    ("지난 27∼28일", "date"), ("5ᆞ18", "date"), ("목요일", "date"), ("다음달 중순", "date"),
    ("3년간", "duration"), ("15년 만", "duration"), ("이틀 동안", "duration"), ("2년", "duration"),
    ("하루", "duration"), ("1년6개월", "duration"), ("15일째", "duration"), ("300일", "duration"),
    ("2~3개월", "duration"), ("두 달", "duration"),
    ("매년", "other"), ("10주년", "other"), ("조선시대", "other"), ("광복절", "other"), ("1970년대", "other"),
    ("2014", "other"),
])
def test_date_class(text: str, cls: str) -> None:
    assert klue_score.date_class(text) == cls


def test_date_class_reads_the_words_around_the_span() -> None:
    assert klue_score.date_class("6월", "징역 ", "을 선고했다") == "duration"
    assert klue_score.date_class("9일", "경기 이래 ", " 만에 나온") == "duration"
    assert klue_score.date_class("9일", "지난 ", " 모스크바를") == "date"


@pytest.mark.parametrize(("sentence", "span", "cls"), [
    ("매출 1천912억원을 올렸다", "1천912억원", "money"), ("49달러에 팔렸다", "49달러", "money"),
    ("16명을 입건했다", "16명", "count"), ("두 차례 만났다", "두 차례", "count"), ("744만4천82표", "744만4천82표", "count"),
    ("3.5ha 규모", "3.5ha", "measure"), ("6천320만kW", "6천320만kW", "measure"), ("영하 20도", "영하 20도", "measure"),
    ("13% 늘었다", "13%", "percent"), ("1.5배 늘었다", "1.5배", "percent"),
    ("박씨의 딸(32)과", "32", "age"), ("84살 레스터", "84살", "age"), ("20대 남성", "20대", "age"),
    ("3위에 올랐다", "3위", "rank"), ("제4차 회의", "제4차", "rank"), ("세 번째 음반", "세 번째", "rank"),
    ("1심에서", "1심", "rank"), ("전과 3범인 석씨", "3범", "rank"),
    ("평균 96점", "96점", "score"), ("53대 46으로", "53대 46", "score"), ("3타수 1안타", "3타수 1안타", "score"),
])
def test_amount_class(sentence: str, span: str, cls: str) -> None:
    start = sentence.index(span)
    assert klue_score.amount_class(span, sentence, start, start + len(span)) == cls


@pytest.mark.skipif(not klue_score.KLUE.exists(), reason="KLUE-NER news sentences are not next to the repository "
                    "(../shared/data/klue-ner/news.jsonl)")
def test_halves_partition_the_sentences() -> None:
    sentences = klue_score.load()
    klue_score.extract_rules(sentences)
    even = klue_score.figures(s for s in sentences if s.line % 2 == 0)
    odd = klue_score.figures(s for s in sentences if s.line % 2 == 1)
    both = klue_score.figures(sentences)
    assert len(sentences) == 1267
    assert even.dt + odd.dt == both.dt and even.qt + odd.qt == both.qt
    assert both.dt_found["date"] <= both.dt["date"] and both.dates_right <= both.dates
