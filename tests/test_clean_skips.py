"""The cleaner's work skipped where a cheap test shows it cannot change the answer, and done in fewer walks: each
shortcut gives the answers of the plain reading it replaces."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from extract import decode
from extract.clean import html, sequence

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT / ".." / "shared" / "corpus" / "broadcast"
EDGE_PAGES = [
    "<html><head><meta property='OG:title' content='A'><meta property='og:title' content=''>"
    "<meta name='og:title' content=' 제목 '><meta property='og:title' content='second'>"
    "<meta name='author' content='김철수 기자'><meta itemprop='DATE' content='x'><meta property content='y'>"
    "<script TYPE='Application/LD+JSON'>{\"@type\": \"NewsArticle\", \"headline\": \"가\"}</script>"
    "<script type='application/ld+json '>{}</script><script>var a = {\"articleBody\": \"나\"};</script>"
    "</head><body><nav><script>1</script><meta name='pubdate' content='2024-05-29'></nav>"
    "<div data-modify-date-time='2024-05-30 10:00'><time datetime='2024-05-29T09:00' data-date-time='bad'>x</time>"
    "</div><span data-date-time='2024-05-28 08:00'></span><time>y</time><aside><svg><script>2</script></svg></aside>"
    "<article><p>서울시는 올해 예산을 크게 늘려 시민의 삶을 돌보겠다고 밝혔다.</p>  \n  다음 줄이다.  \r\n"
    "<p>끝나지 않은 줄</p><p>\u3000“좋다.”\u3000</p></article></body></html>",
    "<html><body><p>no head</p><time datetime=''>t</time><div data-date-time>d</div></body></html>",
    "<html><head><title>제목</title></head></html>",
]


def _pages() -> list[str]:
    pages = list(EDGE_PAGES)
    if (SHARED / "html").is_dir():
        pages += [decode.decode(path.read_bytes(), html=True)[0] for path in sorted((SHARED / "html").glob("*.html"))]
    return pages


def _plain_meta(parser: LexborHTMLParser, *names: str) -> str | None:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            node = parser.css_first(f'meta[{attr}="{name}"]')
            if node is not None and (content := node.attributes.get("content")):
                return content.strip()
    return None


def test_one_walk_finds_the_meta_tags_scripts_and_dropped_elements_of_one_query_each() -> None:
    names = [("og:site_name",), ("og:title", "twitter:title"), ("author", "dable:author", "article:author"),
             ("article:published_time", "og:published_time", "pubdate", "date"), ("article:modified_time",),
             ("og:updated_time",), ("DATE",), ("date",), ("",)]
    for page in _pages():
        parser = LexborHTMLParser(page)
        metas, scripts, dropped = html._head(parser)
        for group in names:
            assert html._meta(metas, *group) == _plain_meta(parser, *group), group
        assert scripts == [(node.attributes.get("type"), node.text(deep=True) or "") for node in parser.css("script")]
        assert [node.mem_id for node in dropped] == [node.mem_id for node in parser.css(html._DROP)]
        ld = [text for node in parser.css('script[type="application/ld+json"]') for text in [node.text(deep=True)]]
        assert [text for kind, text in scripts if html._is_ld_json(kind)] == ld


def test_the_dates_of_one_walk_are_those_of_one_query_each() -> None:
    for page in _pages():
        parser = LexborHTMLParser(page)
        dates = html._dates(parser)
        for _, selector, attribute in html._DATES:
            node = parser.css_first(selector)
            assert (attribute in dates) == (node is not None)
            if node is not None:
                assert dates[attribute] == node.attributes.get(attribute)


def test_sentence_text_read_from_the_lines_that_can_end_a_sentence_is_all_of_it() -> None:
    for page in _pages():
        parser = LexborHTMLParser(page)
        for node in [*parser.css(html._MAIN_ANY), *([parser.body] if parser.body is not None else [])]:
            text = node.text(deep=True, separator="\n")
            plain = sum(len(line) for line in map(str.strip, text.split("\n")) if sequence.is_sentence_line(line))
            assert html._sentence_chars(node) == plain


LINE_CHARS = st.sampled_from(list("다요.?!…\"'”’」』)] \t\n\u3000가A1%(["))


@settings(max_examples=400, deadline=None)
@given(st.text(LINE_CHARS, max_size=30), st.sampled_from(["", "했다", "합니다", "있다", "“좋다", "그렇다”"]))
def test_a_line_that_ends_in_no_stop_or_closing_mark_is_no_sentence(tail: str, head: str) -> None:
    text = "서울시 예산을 크게 늘렸다고 " + head + tail
    if not sequence.may_be_sentence(text):
        assert not sequence._is_sentence_line(text, sequence._words())
    for line in text.split("\n"):
        if sequence.is_sentence_line(line.strip()):
            assert line.strip()[-1] in sequence.SENTENCE_LAST
