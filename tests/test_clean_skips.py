"""The cleaner's work skipped where a cheap test shows it cannot change the answer, and done in fewer walks: each
shortcut gives the answers of the plain reading it replaces."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from extract import decode
from extract.clean import boilerplate, html, sequence, wrapped
from tests.test_clean_gated import _plain

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


def _plain_limit(lines: list[str]) -> tuple[int, int] | None:
    """wrapped._limit as it reads every line: each line asked whether it is full."""
    measures = wrapped._Measures(lines)
    best = None
    for measure in (0, 1):
        limit = measures.widest(measure)
        if not wrapped.WRAP_WIDTH_MIN <= limit <= wrapped.WRAP_WIDTH_MAX:
            continue
        full = [measures.wrapped(position, limit, measure) and wrapped._continues(lines[position], lines[position + 1])
                for position in range(len(lines) - 1)]
        closes = [False] * len(full)
        for position in range(len(full) - 1, -1, -1):
            following = position + 1
            closes[position] = full[position] and (
                closes[following] if following < len(full) and full[following]
                else bool(wrapped._CLOSED.search(lines[following].rstrip())))
        gaps = [limit - measures.line(position, measure) for position, ok in enumerate(closes) if ok]
        paragraphs = {lines[position].strip() for position, ok in enumerate(closes)
                      if ok and not (position and closes[position - 1])}
        if len(paragraphs) < (1 if wrapped._indented(lines) else wrapped.WRAP_PARAGRAPHS_MIN):
            continue
        key = (len(gaps), -sum(gaps) / len(gaps))
        if best is None or key > best[0]:
            best = (key, (measure, limit))
    return best[1] if best else None


def _plain_unwrap(lines: list[str], measure: int, limit: int) -> list[str]:
    measures = wrapped._Measures(lines)
    out: list[str] = []
    for position, line in enumerate(lines):
        previous = lines[position - 1] if position else ""
        if position and measures.wrapped(position - 1, limit, measure) and wrapped._continues(previous, line):
            glue = "" if measure == 1 and measures.columns(position - 1) >= limit - wrapped.MID_WORD and \
                wrapped._HANGUL_LAST.search(previous.rstrip()) and wrapped._HANGUL.match(line.strip()) else " "
            out[-1] = out[-1] + glue + line.strip()
        else:
            out.append(line.rstrip())
    return out


def _wrap(text: str, width: int, columns: bool, indent: str) -> list[str]:
    """The text cut into lines as a text browser fills them (in characters or in terminal columns)."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and (wrapped.width(indent + candidate) if columns else len(indent + candidate)) > width:
            lines.append(indent + line)
            line = word
        else:
            line = candidate
    return [*lines, indent + line] if line else lines


WORDS = st.sampled_from(["서울시는", "올해", "예산을", "크게", "늘렸다.", "SRT를", "타고", "가", "A", "계획입니다.",
                         "* 관련", "1.", "“좋다”", "수서역으로", "경전선과", "있게", "됩니다."])
PLAIN_WORDS = st.sampled_from(["서울시는", "올해", "예산을", "크게", "SRT를", "타고", "수서역으로", "경전선과", "있게", "KTX뿐"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.lists(st.one_of(PLAIN_WORDS, WORDS), min_size=10, max_size=60), st.booleans(),
                          st.sampled_from(["", "   ", "  * "])), min_size=1, max_size=6),
       st.integers(50, 110), st.booleans(), st.lists(st.sampled_from(["", "메뉴", "   * 많이 본 뉴스", "2024.05.29 15:40"]),
                                                    max_size=4))
def test_a_dump_read_only_where_a_line_can_be_full_is_unwrapped_as_when_every_line_is_read(
        paragraphs: list[tuple[list[str], bool, str]], width: int, columns: bool, chrome: list[str]) -> None:
    lines = list(chrome)
    for words, closed, indent in paragraphs:
        lines += [*_wrap(" ".join([*words, "됩니다."] if closed else words), width, columns, indent), ""]
    found = wrapped._limit(lines, wrapped._Measures(lines))
    assert found == _plain_limit(lines)
    expected = lines if found is None or max(map(len, lines)) > wrapped.WRAP_WIDTH_MAX + 8 else _plain_unwrap(
        lines, *found)
    assert wrapped.unwrapped_lines(lines) == expected
    assert wrapped.unwrap("\n".join(lines)) == "\n".join(expected)


def test_real_and_wrapped_dumps_are_unwrapped_as_when_every_line_is_read() -> None:
    dumps = [path.read_text(encoding="utf-8").split("\n") for path in sorted((ROOT / "seeds").glob("*.txt"))]
    if (SHARED / "gt").is_dir():
        dumps += [path.read_text(encoding="utf-8").split("\n") for path in sorted((SHARED / "gt").glob("*.txt"))]
    pick = random.Random(13)
    words = ["서울시는", "올해", "예산을", "크게", "SRT를", "타고", "수서역으로", "경전선과", "있게", "KTX뿐", "늘렸다."]
    for _ in range(200):
        width, columns, indent = pick.randint(50, 110), pick.random() < 0.5, pick.choice(["", "   "])
        lines = ["메뉴", ""]
        for _ in range(pick.randint(1, 4)):
            text = " ".join(pick.choice(words) for _ in range(pick.randint(5, 60)))
            lines += [*_wrap(text + (" 됩니다." if pick.random() < 0.8 else ""), width, columns, indent), ""]
        dumps.append(lines)
    found = [wrapped._limit(lines, wrapped._Measures(lines)) for lines in dumps]
    assert found == [_plain_limit(lines) for lines in dumps]
    assert {found[0] for found in found if found} == {0, 1}  # wrapped in characters and in columns
    for lines, limit in zip(dumps, found, strict=True):
        if limit is not None and max(map(len, lines)) <= wrapped.WRAP_WIDTH_MAX + 8:
            assert wrapped.unwrapped_lines(lines) == _plain_unwrap(lines, *limit)


RULES_WITH_POSITIONS = """
[[category]]
id = "menu"
lines = ["메뉴", "닫기"]
patterns = ['.{1,10}\\\\s바로가기']

[[category]]
id = "header_mark"
where = "header"
lines = ["닫기"]
patterns = ['▲.{1,20}', '.{1,10}\\\\s바로가기']

[[category]]
id = "body_mark"
where = "body"
headers = ["관련 기사"]
patterns = ['■.{1,20}', '▲▲.*']

[[category]]
id = "tail"
patterns = ['▲.{1,40}', '■■.*', '.*기자']
header_patterns = ['관련.*']
"""


def test_a_lines_class_in_the_header_follows_from_its_class_in_the_body(tmp_path: Path) -> None:
    path = tmp_path / "boilerplate.toml"
    path.write_text(RULES_WITH_POSITIONS, encoding="utf-8")
    lines = ["메뉴", "닫기", "• 닫기", "정치 바로가기", "▲ 사진 설명", "▲▲ 두 번", "■ 표", "■■ 표" * 30, "관련 기사",
             "관련 뉴스", "홍길동 기자", "", "  ", "평범한 문장이다.", "▲" + "가" * 30, "▲" * 400 + "기자"]
    for order in ((False, True), (True, False)):  # the body's class asked first, and the header's first
        rules = boilerplate.parse(path)
        for line in lines:
            for header in order:
                assert rules.classify(line, header=header) == _plain(rules, line, header), (line, header)


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list(".…\n 가a")), max_size=8))
def test_a_cut_short_end_told_from_the_last_characters_is_the_one_the_pattern_finds(text: str) -> None:
    for line in (text, "기사 제목" + text):
        assert sequence.truncated(line) == bool(sequence.TRUNCATED.search(line))


LOCAL_PATTERNS = [r"(?<=[가-힣A-Za-z0-9])\s+-\s+\d{1,3}\s+-\s+(?=[가-힣A-Za-z])", "[ \t\u00a0\u3000]{2,}", r"가.나",
                  r"(?<=다)\.\s?(?=[가-힣])", r"[^\n가]{3}", r"(?:ab|a\s)+?c"]
NOT_LOCAL = [r"^가", r"다$", r"\b가", r"(?<!가)나", r"(?!가)나", r"(?>가+)가", r"가++", r"(가)\1", r"(?m)^가", r"가 # 주석"]


def test_patterns_whose_matches_are_local_are_told_apart() -> None:
    assert all(boilerplate.local_matches(pattern) for pattern in LOCAL_PATTERNS)
    assert not any(boilerplate.local_matches(pattern) for pattern in NOT_LOCAL)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(st.sampled_from(list("가나다ab c-1\t\u3000.")), max_size=12), min_size=1, max_size=5),
       st.data())
def test_a_local_pattern_found_in_a_part_of_a_line_is_found_in_the_lines_joined(lines: list[str], data) -> None:  # type: ignore[no-untyped-def]
    import regex

    joined = "\n".join(lines)
    line = data.draw(st.sampled_from(lines))
    start = data.draw(st.integers(0, len(line)))
    part = line[start:data.draw(st.integers(start, len(line)))]
    for source in LOCAL_PATTERNS:
        pattern = regex.compile(source)
        if pattern.search(part):
            assert pattern.search(joined), (source, part)


def test_inline_rules_searched_once_per_page_remove_what_they_remove_line_by_line() -> None:
    rules = boilerplate.load()
    pages = [["김용승 인공지능산업실장  등이 참석했다.", "20여개투자 - 5 - 기업을 초청해", "평범한 줄"],
             ["평범한 줄", "또 하나의 줄"], ["앞 - 3 - 뒤  두 칸", "(끝)"]]
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        pages.append(path.read_text(encoding="utf-8").split("\n"))
    if (SHARED / "gt").is_dir():
        pages += [path.read_text(encoding="utf-8").split("\n") for path in sorted((SHARED / "gt").glob("*.txt"))]
    skipped = 0
    for lines in pages:
        page = rules.inline_page(lines)
        skipped += not all(page)
        for line in lines:
            for part in (line.strip(), line[3:].strip(), line[:-2]):
                assert rules.inline(part, page) == rules.inline(part)
    assert skipped


def test_headline_lines_remembered_are_those_read_afresh() -> None:
    from extract.clean import sentences

    words = boilerplate.load().sequence
    pages = [path.read_text(encoding="utf-8").split("\n") for path in sorted((ROOT / "seeds").glob("*.txt"))]
    pages.append(["  짧은 줄  ", "정부, 내년 예산안 656조 원 규모로 편성", "정부, 내년 예산안 656조 원 규모로 편성",
                  "서울시는 올해 예산을 크게 늘렸다고 밝혔다.", "가" * 101, "", "x" * 400])
    for _ in range(2):  # asked, then remembered
        for lines in pages:
            assert sentences.headline_lines(lines) == sentences.headline_lines(lines, words)
    assert any(sentences.headline_lines(lines) for lines in pages)
