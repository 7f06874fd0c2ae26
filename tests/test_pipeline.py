"""Properties of every extraction: offsets, determinism, encodings, clean bodies."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from extract import extract_path, extract_text
from extract.errors import InputError
from extract.write import dumps

from .conftest import SEEDS

# Strings from the seeds' page chrome, menus, lists and tickers: none may reach a body.
BOILERPLATE = [
    "기사 메일전송", "기사수정", "기사등록", "나도 한마디", "로그인 후 의견", "0/1000", "확대이미지 영역",
    "기사 이미지", "최신뉴스더보기", "모바일 버전 바로가기", "목록 바로가기", "이전 기사 보기", "가장 많이 본 뉴스",
    "가장작게", "좋아요0", "화나요0", "추가취재 원해요", "주요 뉴스", "관저 복귀", "오늘의 상승종목", "장종료",
    "실시간 암호화폐 시세", "비트코인", "123,446,000", "24시간 변동률", "저작권자", "무단 전재", "다른기사보기",
    "![]()", "lucky@kwangju.co.kr", "- 5 -", "[연합포스트=", "[뉴스21/", "사진제공=", "역사왜곡", "기자수첩",
    "입력 2025-03-06", "등록 2024-03-07",
]


def _records(article):
    return [*article.amounts, *article.dates]


def test_offsets_index_the_body(seed_articles) -> None:
    for stem, article in seed_articles.items():
        body = article.body
        for record in _records(article):
            assert body[record.start:record.end] == record.text, (stem, record)
        for entity in [*article.people, *article.organisations]:
            for mention in entity.mentions:
                assert body[mention.start:mention.end] == mention.text, (stem, entity.name)


def test_records_sorted_by_offset(seed_articles) -> None:
    for article in seed_articles.values():
        for records in (article.amounts, article.dates):
            assert [r.start for r in records] == sorted(r.start for r in records)


@pytest.mark.parametrize("needle", BOILERPLATE)
def test_no_boilerplate_in_any_body(seed_articles, needle: str) -> None:
    for stem, article in seed_articles.items():
        assert needle not in article.body, f"{needle!r} left in the body of {stem}"


def test_paragraphs_separated_by_blank_lines(seed_articles) -> None:
    for article in seed_articles.values():
        assert "\n\n\n" not in article.body
        assert all(p.strip() == p and p for p in article.body.split("\n\n"))


def test_deterministic_bytes(seed_paths) -> None:
    for path in seed_paths:
        assert dumps(extract_path(path)) == dumps(extract_path(path))


# Characters of the seeds that CP949 cannot encode, and what a CP949 page writes instead.
CP949_STAND_INS = str.maketrans({"\u2022": "·", "\u2024": "·", "\u2027": "·", "\u30fb": "·", "\xa0": " "})


def test_cp949_copy_gives_the_same_records(tmp_path, seed_paths) -> None:
    for path in seed_paths:
        text = path.read_text(encoding="utf-8").translate(CP949_STAND_INS)
        utf8, cp949 = tmp_path / f"{path.stem}.utf8.txt", tmp_path / f"{path.stem}.cp949.txt"
        utf8.write_bytes(text.encode("utf-8"))
        cp949.write_bytes(text.encode("cp949"))
        original, legacy = extract_path(utf8), extract_path(cp949)
        assert legacy.source.encoding == "cp949"
        for field in ("title", "subtitles", "body", "amounts", "dates", "people", "organisations", "removed"):
            assert getattr(legacy, field) == getattr(original, field), field


def test_utf16_and_bom_copies(tmp_path, seed_paths) -> None:
    path = seed_paths[0]
    text = path.read_text(encoding="utf-8")
    for encoding in ("utf-16", "utf-8-sig"):
        copy = tmp_path / f"{encoding}.txt"
        copy.write_bytes(text.encode(encoding))
        assert extract_path(copy).amounts == extract_path(path).amounts


def test_values_are_exact_integers(seed_articles) -> None:
    for article in seed_articles.values():
        for amount in article.amounts:
            assert not isinstance(amount.value, float)
    payload = json.loads(dumps(seed_articles["000_0bb92373a69b67de"]))
    assert {"text": "3,659억", "value": 365900000000} in [{k: a[k] for k in ("text", "value")} for a in payload["amounts"]]


def test_decimal_written_as_exact_json_number() -> None:
    article = extract_text("주가는 3.93% 내렸다. 이 문장은 기사 본문의 한 줄로 충분히 길게 쓴 문장이다.", clean=False)
    assert b'"value": 3.93,' in dumps(article)


def test_metadata_of_the_seeds(seed_articles) -> None:
    a = seed_articles
    assert a["000_0bb92373a69b67de"].outlet == "연합포스트"
    assert [r.name for r in a["000_0bb92373a69b67de"].reporters] == ["안효종"]
    assert a["000_0bb92373a69b67de"].published_at == "2024-05-29T15:40:54+09:00"
    assert a["000_0bb92373a69b67de"].updated_at == "2024-05-29T15:42:37+09:00"
    assert a["001_84cbe3cfa91d9187"].outlet == "매일한국"
    assert a["001_84cbe3cfa91d9187"].published_at is None
    assert a["002_ecd383afc86f028b"].outlet == "뉴스21"
    assert a["002_ecd383afc86f028b"].published_at == "2024-03-07T19:33:20+09:00"
    assert a["003_874aee0b08fd066c"].published_at == "2025-03-06T17:00:00+09:00"
    assert a["004_238c99d221afdb0f"].reporters[0].email == "lucky@kwangju.co.kr"
    assert a["004_238c99d221afdb0f"].outlet is None  # the page does not say; never a guess


def test_reference_date_resolves_relative_dates() -> None:
    path = SEEDS / "004_238c99d221afdb0f.txt"
    without = extract_path(path)
    with_ref = extract_path(path, reference_date=dt.date(2022, 3, 30))
    assert {d.text: d.value for d in without.dates}["지난해 11월"] is None
    assert {d.text: d.value for d in with_ref.dates}["지난해 11월"] == "2021-11"
    assert {d.text: d.value for d in with_ref.dates}["30일"] == "2022-03-30"


def test_no_clean_keeps_the_text() -> None:
    text = "가장작게\n\n서울시는 예산 3,000억 원을 편성했다고 밝혔다."
    article = extract_text(text, clean=False)
    assert article.body == text and article.removed == []


def test_empty_page_is_an_input_error() -> None:
    with pytest.raises(InputError):
        extract_text("  \n\n 좋아요0\n")


def test_html_page() -> None:
    page = """<html><head><title>무시되는 제목</title>
    <meta property="og:title" content="광주시, AI 기업 50개사 유치">
    <meta property="article:published_time" content="2024-03-07T10:00:00+09:00">
    <meta property="og:site_name" content="테스트일보"></head>
    <body><nav>홈 정치 경제</nav><article>
    <p>광주시가 올해 AI 기업 50개사를 유치했다고 7일 밝혔다.</p>
    <p>강기정 광주시장은 “예산 1,200억 원을 투입하겠다”고 말했다.</p>
    <p>좋아요0</p></article><footer>Copyright ⓒ 테스트일보</footer></body></html>"""
    article = extract_text(page, html=True)
    assert article.title == "광주시, AI 기업 50개사 유치"
    assert article.published_at == "2024-03-07T10:00:00+09:00"
    assert article.outlet == "테스트일보"
    assert "좋아요0" not in article.body and "홈 정치" not in article.body
    assert [(a.text, a.value) for a in article.amounts] == [("50개사", 50), ("1,200억 원", 120000000000)]
    assert [(d.text, d.value) for d in article.dates] == [("올해", "2024"), ("7일", "2024-03-07")]
    assert [(p.name, p.title) for p in article.people] == [("강기정", "광주시장")]


def test_html_body_only_in_json_ld() -> None:
    page = """<html><head><script type="application/ld+json">
    {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "서울시 예산 발표",
     "datePublished": "2024-05-29T06:40:54Z", "author": {"@type": "Person", "name": "홍길동"},
     "articleBody": "서울시는 내년 예산으로 48조 원을 편성했다고 29일 밝혔다.\\n오세훈 서울시장은 이날 브리핑에서 이같이 말했다."}
    </script></head><body><div id="app"></div></body></html>"""
    article = extract_text(page, html=True)
    assert article.title == "서울시 예산 발표"
    assert article.published_at == "2024-05-29T15:40:54+09:00"
    assert [r.name for r in article.reporters] == ["홍길동"]
    assert [(a.text, a.value) for a in article.amounts] == [("48조 원", 48000000000000)]


def test_weekday_that_contradicts_the_date_warns() -> None:
    article = extract_text("서울시는 5월 29일(목) 허브를 개관했다고 밝혔다.", published_at="2024-05-29", clean=False)
    assert [(d.text, d.value) for d in article.dates] == [("5월 29일(목)", "2024-05-29")]
    assert any("목요일" in w and "수요일" in w for w in article.warnings)


def test_range_is_one_record_with_low_and_high() -> None:
    article = extract_text("정부는 3천~5천억 원 규모의 펀드를 조성한다고 밝혔다.", clean=False)
    [amount] = article.amounts
    assert (amount.text, amount.value, amount.low, amount.high) == ("3천~5천억 원", 300000000000, 300000000000,
                                                                     500000000000)
