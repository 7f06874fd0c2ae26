"""The clean stage's decisions, one behaviour per test."""

from __future__ import annotations

from extract.clean import clean_lines, clean_text, metadata

BODY = "서울시는 내년 예산으로 48조 원을 편성했다고 29일 밝혔다."
BODY3 = "시의회는 다음 달 본회의에서 예산안을 의결할 예정이며 일부 사업은 조정될 수 있다고 밝혔다."
BODY2 = "시 관계자는 복지와 교통 분야 예산을 크게 늘렸으며 시의회 심의를 거쳐 다음 달 확정된다고 설명했다."


def _reasons(cleaned) -> dict[str, str]:
    return {text: reason for text, reason in cleaned.removed}


def test_bare_name_next_to_a_dateline_is_a_byline() -> None:
    cleaned = clean_text(f"광주시, 벤처기업협회와 협약 체결\n  • 장병기\n  • 등록 2024-03-07 19:33:20\n{BODY}")
    assert _reasons(cleaned)["장병기"] == "byline"
    meta = metadata.read(cleaned.removed, cleaned.lede)
    assert meta.reporters == [("장병기", None)]
    assert meta.published_at == "2024-03-07T19:33:20+09:00"


def test_short_header_lines_are_chrome_not_title() -> None:
    cleaned = clean_text(f"NAVER 뉴스\n연합뉴스\n경제\n한국은행, 기준금리 연 3.50%로 동결\n{BODY}")
    assert cleaned.title == "한국은행, 기준금리 연 3.50%로 동결"
    assert {_reasons(cleaned)[t] for t in ("NAVER 뉴스", "연합뉴스", "경제")} == {"header_chrome"}


def test_short_first_paragraph_is_body_not_subtitle() -> None:
    cleaned = clean_text("한국은행, 기준금리 연 3.50%로 동결…13회 연속\n한국은행이 기준금리를 동결했다.\n" + BODY)
    assert cleaned.paragraphs[0] == "한국은행이 기준금리를 동결했다."


def test_list_section_takes_long_items_and_ends_at_a_sentence() -> None:
    lines = [BODY, BODY2, "가장 많이 본 뉴스", "1. 【기자수첩】 선거가 오면 나타나는 사람들 지방선거가 다가오고 있다. 도시의 공기는 아직 조용하다....",
             '대통령실 "의대 증원 규모 조정 없다"', "정부는 다음 달 2일 예산안을 국회에 제출할 예정이다.", BODY3]
    cleaned = clean_lines(lines)
    assert cleaned.paragraphs == [BODY, BODY2, "정부는 다음 달 2일 예산안을 국회에 제출할 예정이다.", BODY3]
    assert ('대통령실 "의대 증원 규모 조정 없다"', "headline_list") in cleaned.removed


def test_in_article_list_splits_nothing_when_text_follows() -> None:
    lines = [BODY, "관련 기사", "서울시, 내년 예산 48조 편성", "경기도, 복지 예산 확대", BODY2, BODY3]
    cleaned = clean_lines(lines)
    assert cleaned.paragraphs == [BODY, BODY2, BODY3]


def test_article_ends_where_chrome_outweighs_text() -> None:
    """A short sentence after a long list of headlines is not taken back into the article."""
    headlines = [f"{n}. 정부, 내년 예산안 {n}조 원 규모로 편성 방침 확정" for n in range(1, 8)]
    cleaned = clean_lines(["예산안 발표", BODY, BODY2, *headlines, "좋은 기사 감사합니다."])
    assert cleaned.paragraphs == [BODY, BODY2]
    reasons = _reasons(cleaned)
    assert {reasons[h] for h in headlines} == {"headline_list"}
    assert reasons["좋은 기사 감사합니다."] == "after_article"


def test_duplicates_and_captions_kept_once() -> None:
    caption = "▲오세훈 서울시장이 6일 오후 집무실에서 기념 촬영하고 있다. (사진제공=서울시)"
    cleaned = clean_text(f"오세훈 “펀드 만들어야”\n{caption}\n{caption}\n{BODY}\n{BODY}")
    assert cleaned.captions == [caption.lstrip("▲")]
    assert cleaned.paragraphs == [BODY]
    assert sorted(reason for _, reason in cleaned.removed) == ["caption", "duplicate", "duplicate_caption", "title"]


def test_page_number_debris_removed_inside_a_sentence() -> None:
    cleaned = clean_text("허브 소식\n20여개투자 - 5 - 기업을 초청해 상담기회를 제공했다.")
    assert cleaned.paragraphs == ["20여개투자기업을 초청해 상담기회를 제공했다."]
    assert ("- 5 -", "page_number") in cleaned.removed


def test_lede_prefixes_go_to_metadata() -> None:
    for lede, outlet, name in [("[연합포스트=안효종 기자]", "연합포스트", "안효종"), ("(세종=연합뉴스) 홍길동 기자 = ", "연합뉴스", "홍길동"),
                               ("[서울=뉴시스]김철수 기자 = ", "뉴시스", "김철수")]:
        cleaned = clean_text(f"제목이 될 만한 헤드라인 한 줄\n{lede}{BODY}")
        assert cleaned.paragraphs == [BODY]
        meta = metadata.read(cleaned.removed, cleaned.lede)
        assert (meta.outlet, meta.reporters[0][0]) == (outlet, name)


def test_twelve_hour_times_and_combined_datelines() -> None:
    cleaned = clean_text(f"헤드라인이 될 만한 한 줄입니다\n입력2024.09.05. 오전 6:00\n수정2024.09.05. 오후 1:20\n{BODY}")
    meta = metadata.read(cleaned.removed, None)
    assert (meta.published_at, meta.updated_at) == ("2024-09-05T06:00:00+09:00", "2024-09-05T13:20:00+09:00")
    cleaned = clean_text(f"헤드라인이 될 만한 한 줄입니다\n박민수 기자 수정 2024-09-01 11:39 등록 2024-09-01 10:02\n{BODY}")
    meta = metadata.read(cleaned.removed, None)
    assert (meta.published_at, meta.updated_at) == ("2024-09-01T10:02:00+09:00", "2024-09-01T11:39:00+09:00")
    assert meta.reporters == [("박민수", None)]


def test_unknown_metadata_is_null() -> None:
    cleaned = clean_text(f"헤드라인이 될 만한 한 줄입니다\n{BODY}")
    meta = metadata.read(cleaned.removed, cleaned.lede)
    assert (meta.outlet, meta.reporters, meta.published_at, meta.updated_at) == (None, [], None, None)


def test_every_input_line_is_accounted_for(seed_paths) -> None:
    """Each non-empty line of a page reaches the body or `removed` (nothing silently lost)."""
    from extract.clean.boilerplate import strip_bullet

    for path in seed_paths:
        text = path.read_text(encoding="utf-8")
        cleaned = clean_text(text)
        body = "".join(cleaned.body.split())
        removed = ["".join(t.split()) for t, _ in cleaned.removed]
        for line in text.split("\n"):
            key = "".join(strip_bullet(line).split())
            if key:
                assert key in body or any(key in r or r in key for r in removed if r), (path.name, line)


LONG = BODY + " " + BODY2


def test_html_container_chosen_by_content_not_first_selector() -> None:
    """An empty #articleBody ad slot does not hide the article text in a sibling block of <br> lines."""
    from extract.clean import page

    html = f"""<html><body><div id="articleBody"><div class="ad">광고</div></div>
    <div class="newsArticle">{BODY}<br>{BODY2}<br>{BODY3}</div>
    <ul class="related"><li><a href="#">관련 기사 하나의 제목이 여기에 있다</a></li></ul></body></html>"""
    assert page(html, html=True).cleaned.paragraphs == [BODY, BODY2, BODY3]


def test_html_body_from_a_hydration_push() -> None:
    """A client-rendered page: the article exists only as contentHtml inside a streaming script push."""
    import json

    from extract.clean import page

    data = json.dumps({"article": {"contentHtml": f"<p>{BODY}</p><p>{BODY2}</p>"}}, ensure_ascii=False)
    push = "self.__next_f.push([1," + json.dumps("5:" + data, ensure_ascii=False) + "])"
    html = f"<html><body><div id=app>불러오는 중</div><script>{push}</script></body></html>"
    assert page(html, html=True).cleaned.paragraphs == [BODY, BODY2]


def test_html_without_a_container_goes_through_the_line_cleaner() -> None:
    from extract.clean import page

    menu = "".join(f"<a href='#'>메뉴 {n}</a>" for n in range(30))
    html = f"<html><body><div class=top>{menu}</div><div class=x><p>{BODY}</p><p>{BODY2}</p></div>" \
           f"<div class=list><p>많이 본 뉴스</p><p>정부, 예산안 발표 방침 확정</p></div></body></html>"
    cleaned = page(html, html=True).cleaned
    assert cleaned.paragraphs == [BODY, BODY2]
    assert all(reason for _, reason in cleaned.removed)


def test_site_name_leaves_the_title() -> None:
    from extract.clean.html import title_without_site

    assert title_without_site("반도체 수출 늘었다 - 매일경제", ("매일경제", None)) == "반도체 수출 늘었다"
    assert title_without_site("반도체 수출 늘었다 : 뉴스 : 한겨레", ("한겨레", None)) == "반도체 수출 늘었다"
    assert title_without_site("[실시간 e뉴스] &#34;나를&#34; | SBS 뉴스", ("SBS", None)) == '[실시간 e뉴스] "나를"'
    assert title_without_site("노사 - 정부 협상 타결", ("KBS", None)) == "노사 - 정부 협상 타결"


def test_author_fields_give_names_not_desks() -> None:
    assert metadata.author("스포츠조선=선수민 기자") == ("선수민", None)
    assert metadata.author("이남경 MK스포츠 기자(mk3@mkculture.com)") == ("이남경", "mk3@mkculture.com")
    assert metadata.author("김도균 기자") == ("김도균", None)
    assert [metadata.author(v) for v in ("SBS NEWS", "iMBC 연예", "국제")] == [None, None, None]


def test_line_scores_and_reasons() -> None:
    from extract.clean import boilerplate
    from extract.clean.sequence import best_run, score_lines

    lines = ["메뉴", "뉴스홈", "[앵커]", BODY, BODY2, "2024.05.29 15:40", "Copyright ⓒ KBS. All rights reserved."]
    scored = score_lines(lines, boilerplate.load())
    assert [line.shape for line in scored][2] == "speaker"
    assert scored[5].shape == "timestamp" and scored[6].category == "copyright"
    first, last = best_run(scored)
    assert [line.text for line in scored[first:last + 1]] == ["[앵커]", BODY, BODY2]


def test_combined_category_match_survives_adversarial_lines() -> None:
    """Categories are matched as one alternation per position; it must finish within its timeout on long
    repetitive lines (a TimeoutError would fail the page)."""
    from extract.clean import boilerplate

    from .test_rule_safety import ADVERSARIAL

    rules = boilerplate.load()
    for text in ADVERSARIAL:
        for header in (True, False):
            rules.classify(text, header=header)


def test_remembered_line_classes_stay_bounded_and_match_a_fresh_reading(monkeypatch) -> None:
    """Lines come back on every page of a site, so their class is remembered; the answer is the same as a fresh
    reading, whichever lines came before, and the memo does not grow past its bound."""
    from extract.clean import boilerplate

    rules = boilerplate.parse(boilerplate.patterns_dir() / "boilerplate.toml")
    monkeypatch.setattr(boilerplate, "_MEMO_SIZE", 4)
    lines = ["Copyright ⓒ KBS. All rights reserved.", "김철수 기자 kim@kbs.co.kr", "▶ 관련 기사", "",
             BODY, "   ", "무단 전재 및 재배포 금지", "구독", "x" * 400] * 2
    for header in (True, False):
        exact, combined, memo = getattr(rules, "_header" if header else "_body")
        first = [rules.classify(line, header=header) for line in lines]
        assert first == [rules._classify(line, exact, combined) for line in lines]
        assert any(first) and not all(first)
        assert 0 < len(memo) <= 4 and "x" * 400 not in memo


def test_section_name_next_to_a_dateline_is_no_reporter() -> None:
    cleaned = clean_text(f"멕시코 실종자 모두 발견…여행객 아닌 이민자\n입력 2023.04.07 (08:26)\n국제\n{BODY}\n{BODY2}")
    meta = metadata.read(cleaned.removed, cleaned.lede)
    assert meta.reporters == [] and meta.published_at == "2023-04-07T08:26:00+09:00"


def test_browser_and_player_notices_are_chrome_inside_the_article() -> None:
    lines = ["전세사기 피해자 지원 확대", BODY, "브라우저가 video 태그를 지원하지 않습니다.",
             "죄송하지만 다른 브라우저를 사용하여 주십시오.", BODY2, BODY3]
    cleaned = clean_lines(lines)
    assert cleaned.paragraphs == [BODY, BODY2, BODY3]
    assert _reasons(cleaned)["죄송하지만 다른 브라우저를 사용하여 주십시오."] == "browser_notice"


def test_interview_caption_and_its_quote_stay_in_the_article() -> None:
    """A short "name / title" line followed by a quotation is speech, even when the quotation is cut across
    lines and the caption sits at the end of the report; the same line before a non-quote is not."""
    lines = ["트럼프, 뉴욕 법원 출석", BODY, BODY2, "슬리커 로빈슨 / 트럼프 지지자", '"선거가 가까워 지고 있습니',
             '다. 결국 승리할 것입니다"', "관련기사", "트럼프 캠프가 티셔츠로 판매"]
    cleaned = clean_lines(lines)
    assert cleaned.paragraphs == [BODY, BODY2, *lines[3:6]]
    other = clean_lines(["트럼프, 뉴욕 법원 출석", BODY, BODY2, "정치 / 국제", "트럼프 캠프가 티셔츠로 판매"])
    assert other.paragraphs == [BODY, BODY2]


def test_a_numbered_list_is_the_article_when_the_page_has_no_sentences() -> None:
    items = ['1. 트럼프 "엄청난 선거개입" 25분 성토…법정서 34개 혐의 모두 부인', "2. 분당 정자교 보행로 붕괴...2명 사상",
             "3. 제주·남해안 일대 호우특보…호남 가뭄 해소엔 아직 '부족'"]
    cleaned = clean_lines(["4월 5일 '뉴스 9' 예고", "사회", "등록 2023.04.05 19:38", *items, "1. 관련 뉴스 하나",
                           "Copyrights ⓒ TV조선. 무단전재 및 재배포 금지"])
    assert cleaned.paragraphs == items
    assert cleaned.title == "4월 5일 '뉴스 9' 예고"
    # beside article sentences a numbered list stays a list of headlines
    with_text = clean_lines(["예산안 발표", BODY, BODY2, BODY3, *items])
    assert with_text.paragraphs == [BODY, BODY2, BODY3]


def test_hard_wrapped_dumps_are_joined_back_into_paragraphs() -> None:
    from extract.clean import wrapped

    lynx_style = "\n".join([
        "9월부터 창원·여수·포항에서 SRT타고 서울 수서 간다", "",
        "   올해 9월부터는 KTX뿐 아니라 SRT를 타고도 경남 창원과 진주, 전남 순천과 여수, 경북 포항에서 서울 수서역으로 갈 수",
        "   있게 됩니다.",
        "   국토교통부는 철도산업위원회와 당정 협의를 거쳐 SR의 SRT 운행 노선을 경전선과 전라선, 동해선까지 확대하기로 했다고",
        "   밝혔습니다.",
        "   이에따라 SR은 선로용량, 차량, 지역 간 형평성 등을 고려해 경전선, 전라선, 동해선에각각 하루 4회씩 SRT를 운행할",
        "   계획입니다.",
        "     * 관련 뉴스", "     * 많이 본 뉴스"])
    joined = wrapped.unwrap(lynx_style).split("\n")
    assert joined[2] == ("   올해 9월부터는 KTX뿐 아니라 SRT를 타고도 경남 창원과 진주, 전남 순천과 여수, 경북 포항에서 서울 수서역으로 "
                         "갈 수 있게 됩니다.")
    assert len(joined) == 7 and joined[-2:] == ["     * 관련 뉴스", "     * 많이 본 뉴스"]
    cleaned = clean_text(lynx_style)
    assert cleaned.paragraphs == [line.strip() for line in joined[2:5]]
    body = "".join(cleaned.body.split())
    removed = ["".join(text.split()) for text, reason in cleaned.removed if reason]
    for line in lynx_style.split("\n"):  # every input line still reaches the body or `removed`, with a reason
        key = "".join(line.replace("*", "").split())
        assert not key or key in body or any(key in r for r in removed), line
    # cut at the column limit inside a word (w3m): joined without a space
    base = "현지시각 6일 멕시코 일간지 레포르마와 밀레니오 등에 따르면 검찰이 대거 행방이 묘연해졌던 발견됐"
    full = [base + "습", base[:-3] + "ABCD" + "습", base[:-5] + "ABCDEFGH" + "습"]  # the same width in columns
    w3m_style = "\n".join(line for first in full for line in (first, "니다."))
    assert wrapped.unwrap(w3m_style).split("\n")[0].endswith("발견됐습니다.")
    # one paragraph per line (innerText, text nodes), or headlines as wide as each other: left as they are
    headlines = ["정부, 내년 예산안 656조 원 규모로 편성 방침 확정…복지·국방 분야 증액 검토",
                 "서울시, 내년 예산 48조 원 편성…교통·복지 분야 늘리고 행사성 예산은 줄이기로",
                 "경기도, 복지 예산 확대 방침…청년 기본소득과 어르신 돌봄 예산 크게 늘려 편성"]
    for text in (f"{BODY}\n{BODY2}\n{BODY3}", "메뉴\n뉴스홈\n정치\n경제\n사회\n" + BODY, "\n".join([*headlines, BODY])):
        assert wrapped.unwrap(text) == text


def test_metadata_from_broadcast_pages() -> None:
    """Outlet from a copyright line with the company in brackets, reporter and outlet from the closing sentence,
    a dateline split over two lines, a time written in Korean; site names lose 뉴스/NEWS."""
    cleaned = clean_text(f"예산안 발표\n작성\n2023.04.20 13:50\n{BODY}\n{BODY2}\nTV조선 변재영입니다.\n"
                         "Copyright ⓒ MBN(매일방송) 무단전재 및 재배포 금지")
    from extract.clean import page

    done = page(f"예산안 발표\n작성\n2023.04.20 13:50\n{BODY}\n{BODY2}\nTV조선 변재영입니다.\n"
                "Copyright ⓒ MBN(매일방송) 무단전재 및 재배포 금지")
    assert done.meta.outlet == "MBN" and done.meta.reporters == [("변재영", None)]
    assert done.meta.published_at == "2023-04-20T13:50:00+09:00"
    assert cleaned.paragraphs[-1] == "TV조선 변재영입니다."  # the closing sentence stays in the body
    korean = page(f"인기있던 방울토마토 왜 가격 급하락?\n2023년 04월 07일 20시 45분 댓글\n{BODY}\n{BODY2}")
    assert korean.meta.published_at == "2023-04-07T20:45:00+09:00"
    assert korean.cleaned.subtitles == []
    assert [metadata.outlet_name(n) for n in ("KBS 뉴스", "MBC NEWS", "KBS뉴스", "연합뉴스", "연합뉴스TV")] == [
        "KBS", "MBC", "KBS", "연합뉴스", "연합뉴스TV"]
    nobody = page(f"예산안 발표\n{BODY}\n{BODY2}\n오늘은 금요일입니다.")
    assert nobody.meta.reporters == [] and nobody.meta.outlet is None


def test_times_run_into_the_lede_go_to_the_metadata() -> None:
    cleaned = clean_text("한국은행, 기준금리 연 3.50%로 동결\n2024.10.11. 오전 11:02 2024.10.11. 오후 1:20 (서울=연합뉴스) 정다은 기자 = "
                         f"한국은행이 기준금리를 연 3.50%로 다시 동결했다.\n{BODY}")
    assert cleaned.paragraphs[0] == "한국은행이 기준금리를 연 3.50%로 다시 동결했다."
    assert ("2024.10.11. 오전 11:02 2024.10.11. 오후 1:20", "dateline") in cleaned.removed
    assert cleaned.lede is not None and cleaned.lede.name == "정다은"


def test_a_bare_name_just_above_the_headline_is_a_byline() -> None:
    from extract.clean import page

    menu = [f"메뉴 {n}" for n in range(14)]
    text = "\n".join([*menu, "사회", "변윤재", "이천 비닐하우스 불 완전히 진화", "이천 비닐하우스 불 완전히 진화",
                      "입력 2023-04-04 16:06 | 수정 2023-04-04 17:50", BODY, BODY2, BODY3])
    done = page(text)
    assert done.meta.reporters == [("변윤재", None)]
    assert ("변윤재", "byline") in done.cleaned.removed and ("사회", "page_chrome") in done.cleaned.removed


# An article saved as one line (paragraph breaks lost), a player notice before it and credits glued after it.
ONE_LINE_ARTICLE = (
    "브라우저가 video 태그를 지원하지 않습니다.죄송하지만 다른 브라우저를 사용하여 주십시오.닫기"
    "[앵커]시의회가 내년 예산안 심사를 시작했습니다.복지 예산을 두고 여야의 의견이 엇갈렸습니다."
    "시는 다음 달까지 조정안을 내겠다고 밝혔습니다. 최종 예산은 다음 달 본회의에서 확정됩니다."
    "한빛방송 뉴스 김하늘입니다.영상편집:박도윤")
ONE_LINE_BODY = (
    "[앵커]시의회가 내년 예산안 심사를 시작했습니다.복지 예산을 두고 여야의 의견이 엇갈렸습니다."
    "시는 다음 달까지 조정안을 내겠다고 밝혔습니다. 최종 예산은 다음 달 본회의에서 확정됩니다."
    "한빛방송 뉴스 김하늘입니다.")


def test_one_line_article_keeps_its_sentences_as_one_paragraph_without_notice_and_credits() -> None:
    cleaned = clean_text(ONE_LINE_ARTICLE)
    assert cleaned.paragraphs == [ONE_LINE_BODY]  # the page's own characters, no space added at the cuts
    reasons = _reasons(cleaned)
    assert reasons["브라우저가 video 태그를 지원하지 않습니다."] == "browser_notice"
    assert reasons["죄송하지만 다른 브라우저를 사용하여 주십시오."] == "browser_notice"
    assert reasons["영상편집:박도윤"] == "credit"
    body_start = ONE_LINE_ARTICLE.index(ONE_LINE_BODY)
    assert ONE_LINE_ARTICLE[body_start:body_start + len(ONE_LINE_BODY)] == cleaned.body


def test_one_line_article_with_spaces_and_a_credit_line_glued_after() -> None:
    text = ("배우 김하늘이 새 드라마로 돌아온다. 5일 소속사는 김하늘이 주연을 맡았다고 밝혔다. "
            "드라마는 다음 달 첫 방송된다. 박도윤 / 사진제공 한빛방송")
    cleaned = clean_text(text)
    assert cleaned.body == text[:text.index(" 박도윤")]
    assert ("박도윤 / 사진제공 한빛방송", "signoff") in cleaned.removed


def test_sentence_cuts_keep_quotations_ellipses_and_decimals_whole() -> None:
    from extract.clean import sentences

    def pieces(text: str) -> list[str]:
        return [piece.text([text]) for piece in sentences.split_line(0, text)]

    assert pieces("그는 \"예산을 늘리겠다.\"며 말을 이었다. 시는 3.5% 인상을 검토했습니다.") == [
        "그는 \"예산을 늘리겠다.\"며 말을 이었다.", "시는 3.5% 인상을 검토했습니다."]
    assert pieces("시는 정말 그럴 수 있을까?!그렇다면 대책을 내놓아야 합니다.") == [
        "시는 정말 그럴 수 있을까?!", "그렇다면 대책을 내놓아야 합니다."]
    assert pieces("교량 붕괴...2명 부상 정부는 원인을 조사하고 있습니다.") == [
        "교량 붕괴...2명 부상 정부는 원인을 조사하고 있습니다."]  # one sentence: the line stays whole
    assert pieces("찬반 논쟁[앵커]곰을 두고 논쟁이 일고 있습니다.동물단체는 반대하고 있습니다.") == [
        "찬반 논쟁", "[앵커]곰을 두고 논쟁이 일고 있습니다.", "동물단체는 반대하고 있습니다."]


def test_list_items_and_teasers_are_not_cut() -> None:
    from extract.clean import sentences

    for text in ("7. 전자계약 급증 지난해 계약이 늘었다.국토부가 밝혔다. 특히 민간에서 체결된 ...",
                 "전자계약 급증 지난해 계약이 늘었다.국토부가 밝혔다. 특히 민간에서 체결된 …"):
        assert len(sentences.split_line(0, text)) == 1


def test_short_single_line_that_is_no_article_is_an_input_error() -> None:
    import pytest

    from extract import extract_text
    from extract.errors import InputError

    with pytest.raises(InputError, match="no article text found"):
        extract_text("로그인 회원가입 고객센터 닫기")
    with pytest.raises(InputError, match="no article text found"):
        extract_text("많이 본 뉴스 1. 예산안 심사 시작 2. 복지 예산 논쟁 3. 본회의 일정")


def test_one_line_article_records_index_its_body() -> None:
    from extract import extract_text

    article = extract_text(ONE_LINE_ARTICLE.replace("내년 예산안", "내년 예산안 48조 원"))
    assert article.body == ONE_LINE_BODY.replace("내년 예산안", "내년 예산안 48조 원")
    assert [record.text for record in article.amounts] == ["48조 원"]
    for record in [*article.amounts, *article.dates]:
        assert article.body[record.start:record.end] == record.text
    assert ("영상편집:박도윤", "credit") in [(item.text, item.reason) for item in article.removed]


def test_a_caption_before_a_one_line_article_is_cut_at_the_lost_paragraph_break() -> None:
    caption = "시의회 본회의장에서 예산안을 설명하는 김하늘 시장 /한빛시 제공"
    text = f"{caption}            {BODY} {BODY2} {BODY3}"
    cleaned = clean_text(text)
    assert cleaned.body == f"{BODY} {BODY2} {BODY3}"
    assert caption in {removed for removed, _ in cleaned.removed}


def test_a_rundown_numbered_on_one_line_is_the_article() -> None:
    text = "1. 시의회, 예산안 심사 착수  2. 복지 예산 두고 여야 공방 3. 본회의 다음 달 2일...'확정 전망'"
    cleaned = clean_text(text)
    assert cleaned.body == text.replace("  ", " ")  # runs of spaces in a body are one space, as on any line
    from extract.clean import sentences

    assert [piece.text([text]) for piece in sentences.split_line(0, text)] == [
        "1. 시의회, 예산안 심사 착수", "2. 복지 예산 두고 여야 공방", "3. 본회의 다음 달 2일...'확정 전망'"]
    assert len(sentences.split_line(0, "1. 시의회 예산안 2. 복지 예산 4. 본회의")) == 1  # 1, 2, 4: not a list


def test_signature_and_credits_glued_after_a_one_line_article_are_their_own_pieces() -> None:
    text = (f"{BODY} {BODY2} 한빛방송뉴스 김하늘입니다. [haneul@hanbit.example.com] 영상취재 : 박도윤 기자 "
            "영상편집 : 이서준")
    cleaned = clean_text(text)
    assert cleaned.body == f"{BODY} {BODY2} 한빛방송뉴스 김하늘입니다."
    reasons = _reasons(cleaned)
    assert reasons["[haneul@hanbit.example.com]"] == "signoff"
    assert reasons["영상취재 : 박도윤 기자 영상편집 : 이서준"] == "credit"


def test_one_line_article_cleaning_grows_linearly() -> None:
    import time

    unit = "시의회가 내년 예산안 {i}번째 심사를 시작했습니다.복지 예산을 두고 여야의 의견이 {i}번 엇갈렸습니다. "

    def cost(count: int) -> float:
        text = "브라우저가 video 태그를 지원하지 않습니다." + "".join(unit.format(i=i) for i in range(count)) + "영상편집:박도윤"
        best = float("inf")
        for _ in range(3):  # process CPU time, best of three: other work on the machine does not count
            started = time.process_time()
            assert clean_text(text).body.endswith("엇갈렸습니다.")
            best = min(best, time.process_time() - started)
        return best

    small, large = cost(500), cost(2000)
    assert large < 10 * small + 0.05  # four times the text: about four times the work (quadratic would be 16)


NOTICE = "브라우저가 video 태그를 지원하지 않습니다.죄송하지만 다른 브라우저를 사용하여 주십시오."


def test_a_button_glued_after_the_player_notice_is_no_part_of_the_title() -> None:
    headline = "\"예산 늘린다\"…한빛시, 복지 예산안 48조 원 편성"
    cleaned = clean_text(f"{NOTICE}닫기{headline}[앵커]{BODY}{BODY2}{BODY3}")
    assert cleaned.title == headline
    assert ("닫기", "image") in cleaned.removed
    assert cleaned.body == f"[앵커]{BODY}{BODY2}{BODY3}"


def test_a_headline_glued_to_the_first_sentence_by_its_closing_quote_is_the_title() -> None:
    headline = "한빛시, 예산안 편성 놓고 \"복지 예산 늘린다\""
    cleaned = clean_text(f"{NOTICE}닫기{headline}{BODY}{BODY2}{BODY3}")
    assert cleaned.title == headline
    assert cleaned.body == f"{BODY}{BODY2}{BODY3}"
    cleaned = clean_text(f"{headline}{BODY}{BODY2}{BODY3}")  # at the line's start, without a notice
    assert cleaned.title == headline and cleaned.body == f"{BODY}{BODY2}{BODY3}"


def test_a_quotation_inside_the_first_sentence_is_not_cut_off_as_a_headline() -> None:
    from extract.clean import sentences

    for first in ("시장은 \"복지 예산을 늘린다\"라고 밝혔으며 시의회는 다음 달 예산안을 심의할 예정이다.",
                  "시장은 \"복지 예산을 늘린다\"는 입장을 밝혔으며 시의회는 다음 달 예산안을 심의할 예정이다.",
                  "\"복지 예산을 늘린다\" 시장은 이렇게 말하며 시의회에 예산안을 제출할 예정이라고 밝혔다.",
                  "한빛시가 내년부터 운영하기 위해 준비해온 '복지'카드가 다음 달 시민들에게 처음 발급될 예정이다.",
                  "한빛시가 내년부터 운영하기 위해 준비해온 \"복지\"카드가 다음 달 시민들에게 처음 발급될 예정이다.",
                  "[한빛=김하늘 기자]한빛시는 복지 전담 기관인 “한빛 복지센터”의핵심시설이 다음 달 문을 연다고 밝혔다."):
        text = f"{first}{BODY}{BODY2}"
        assert [piece.text([text]) for piece in sentences.split_line(0, text)] == [first, BODY, BODY2]
        assert clean_text(text).title is None


def test_a_photo_caption_before_a_one_line_article_is_no_title() -> None:
    caption = "시의회 본회의장에서 예산안을 설명하는 김하늘 시장 /한빛시 제공"
    cleaned = clean_text(f"{caption}            {BODY} {BODY2} {BODY3}")
    assert cleaned.title is None
    assert caption in cleaned.captions


def test_a_headline_glued_to_the_first_sentence_is_cut_where_the_page_writes_it_on_its_own_line() -> None:
    headline = "한빛시 복지 예산안 48조 원 편성"
    text = f"{headline}\n{NOTICE}닫기{headline}{BODY}{BODY2}{BODY3}"
    cleaned = clean_text(text)
    assert cleaned.title == headline
    assert cleaned.body == f"{BODY}{BODY2}{BODY3}"
    alone = clean_text(f"{NOTICE}닫기{headline}{BODY}{BODY2}{BODY3}")  # written once: nothing tells where it ends
    assert alone.title is None and alone.body.startswith(headline)
