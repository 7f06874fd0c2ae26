"""Music groups, a broadcaster's channel, short legislatures, clubs and particles after a body: what a page writes
as a body comes out as one, and a country, a person or an event named beside a title does not."""

from __future__ import annotations

import pytest

from extract import extract_text


def _orgs(text: str) -> dict[str, list[str]]:
    article = extract_text(text, clean=False, published_at="2024-06-03")
    return {o.name: [m.text for m in o.mentions] + o.aliases for o in article.organisations}


def _named(text: str, name: str) -> bool:
    return any(name == record or name in forms for record, forms in _orgs(text).items())


@pytest.mark.parametrize("text, name", [
    ("지난 2016년 그룹 아스트로로 데뷔했다.", "아스트로"),
    ("그룹 DKZ 경윤이 활동을 일시 중단한다.", "DKZ"),
    ("걸그룹 '라니아' 멤버가 말했다.", "라니아"),
    ("임현태가 과거 빅플로의 멤버 하이탑으로 활동했다.", "빅플로"),
    ("EXO 멤버 수호가 입대했다.", "EXO"),
])
def test_a_music_group_is_an_organisation(text: str, name: str) -> None:
    assert _named(text, name), _orgs(text)


@pytest.mark.parametrize("text", [
    "그룹 회장의 사표가 수리됐다.",
    "그룹 데이트 장면을 찍었다.",
    "‘진짜 사나이’ 새 멤버로 합류했다.",
    "트럼프의 막내 아들이 말했다.",
])
def test_no_music_group_without_one(text: str) -> None:
    assert not _orgs(text), _orgs(text)
