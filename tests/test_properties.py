"""Property tests: extraction never fails on arbitrary text, and every offset slices back."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import extract_text
from extract.errors import InputError

PIECES = ["서울시는 ", "3,659억 ", "원을 ", "1조 2천", "만 명", "20개사", "약 ", "여", "~", "지난해 ", "올해 ",
          "11월 ", "7일", "(주)", "삼성전자", "김철수 ", "시장은 ", "협회", "대학교", "“", "”", ". ", "\n", "\n\n",
          "기자", "@", "▲", "△", "·", "%", "㎡", "2024-05-29", "0", "9", " ", "\t", "\u200b", "\ufeff"]
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=60).map("".join)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(text: str, **kwargs) -> None:
    try:
        article = extract_text(text, **kwargs)
    except InputError:
        return  # a reasoned refusal (no article text), never a crash
    body = article.body
    for record in [*article.amounts, *article.dates]:
        assert body[record.start:record.end] == record.text
    for entity in [*article.people, *article.organisations]:
        for mention in entity.mentions:
            assert body[mention.start:mention.end] == mention.text


@SETTINGS
@given(TEXT)
def test_text_never_raises_and_offsets_slice_back(text: str) -> None:
    _check(text)


@SETTINGS
@given(TEXT)
def test_body_without_cleaning(text: str) -> None:
    _check(text, clean=False, published_at="2024-05-29")


@SETTINGS
@given(TEXT)
def test_html(text: str) -> None:
    _check(f"<html><body><article><p>{text}</p></article></body></html>", html=True)
