"""People and organisations the entity model proposes, next to the title rules.

The model (model.py) tags each paragraph's Kiwi tokens; its spans are kept when they are confident, do not
overlap what the rules found, and are not titles, common words or fragments of a name. The title rules stay
the source of titles and affiliations: a model person takes the title written right after it (밴스
부통령, 나영석 PD), nothing else. Within an article, a shorter name that ends a longer person's name is that
person (트럼프 → 도널드 트럼프), and a person's name is never an organisation.
"""

from __future__ import annotations

import dataclasses
import operator
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import regex

from extract.entities import conventions, features, model
from extract.entities.people import PersonMention
from extract.lexicon import Lexicon
from extract.segment import Paragraph, Token

PERSON_CONFIDENCE = 0.5
ASIDE_CONFIDENCE = 0.85  # the model is sure enough an abbreviation in brackets is a body's (지질조사국(USGS))
UNTITLED_CONFIDENCE = 0.6  # a name with no title next to it needs a surer model
ORGANISATION_CONFIDENCE = 0.4
PLACE_CONFIDENCE = 0.5
STRONG_CONFIDENCE = 0.6
VETO_CONFIDENCE = 0.6  # the model is sure enough a rule's name of common nouns is no entity
EXTENSION_CONFIDENCE = 0.3  # a rule's name the model reads longer: the rule vouches for the person
_NAME = regex.compile(r"[가-힣]{2,}(?: [가-힣]{1,})*|[가-힣](?: [가-힣]{2,})+|[A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*)*(?: [가-힣]{2,})?"
                      r"|[A-Z](?: [A-Z])* [가-힣]{2,}")
_ORG = regex.compile(r"[가-힣A-Za-z0-9&·\- ]*[가-힣A-Za-z0-9]")
_TITLE_TAGS = ("NNG", "SL", "XSN")
_ACRONYM = regex.compile(r"[A-Z]{2,}")
_TIME_WORDS = frozenset({"전", "현", "前", "現"})
# 서울시청에서 (the building: the rules name the body), AI융합학부 (a course of study)
_OPEN_BRACKET = regex.compile(r"(?P<head>[가-힣A-Za-z0-9]+)\([^()]*$")
_CLOSES = regex.compile(r"[^()]*\)")
_MEDIA_NOUNS = frozenset({"일간지", "주간지", "매체", "통신사", "방송사", "경제지", "영자지", "신문사"})
_PLACE_ENDINGS = ("궁", "역", "동", "항", "릉", "성", "대로", "공원", "극장", "빌딩", "리조트", "호텔", "타워", "시내")
_SITE_ENDINGS = ("궁", "항", "역", "릉", "공원", "극장", "빌딩", "리조트", "호텔", "타워")
# Words of scope before an organisation's unit: 전국지회 (the branches nationwide) names no body.
_SCOPE_WORDS = frozenset({"전국", "각", "해외", "지역", "산하", "일선", "전체", "지방", "국내", "현지", "관할"})
_NOT_BODIES = ("시청", "구청", "도청", "군청", "청사", "학부", "학과", "전공")
# Events, not bodies: 경진대회, 박람회, 하이서울페스티벌
_EVENT_ENDINGS = ("대회", "박람회", "전시회", "축제", "페스티벌", "시상식", "설명회", "간담회", "토론회", "엑스포")


def _title_after(tokens: Sequence[Token], last: int, lex: Lexicon,
                 skip: frozenset[str] = frozenset()) -> tuple[str, int] | None:
    """The title written right after a name (밴스 부통령은, 나영석 PD는), with the index of its last token;
    words in `skip` may come between (성 전 회장)."""
    text, end, best = "", tokens[last].end, None
    first = last + 1
    while first < len(tokens) and tokens[first].form in skip and tokens[first].start - end <= 1:
        end = tokens[first].end
        first += 1
    for i in range(first, min(first + 3, len(tokens))):
        token = tokens[i]
        if not token.tag.startswith(_TITLE_TAGS) or token.start - end > 1:
            break
        text += token.form
        end = token.end
        if lex.is_title(text):
            best = (text, i)
    return best


def _title_after_body(tokens: Sequence[Token], labels: list[str], last: int, lex: Lexicon) -> tuple[str, int] | None:
    """The title written after a body's name that follows the person's (제이크 설리번 백악관 국가안보보좌관, 존 서플 미
    국방부 대변인, a caption's 구병삼/통일부 대변인): up to two words between, each a proper noun or one the model reads
    as a body or a place; the first may follow the name after a slash."""
    def named(i: int) -> bool:
        return tokens[i].tag == "NNP" or labels[i][2:] in ("OG", "LC")

    end = last
    for word in range(2):
        first = end + 1
        if word == 0 and first + 1 < len(tokens) and tokens[first].form == "/" \
                and tokens[first].start == tokens[end].end and tokens[first + 1].start == tokens[first].end:
            first += 1  # 구병삼/통일부 대변인
        elif first >= len(tokens) or tokens[first].start - tokens[end].end != 1:
            return None
        if first >= len(tokens) or not named(first):
            return None
        end = first
        while end + 1 < len(tokens) and tokens[end + 1].start == tokens[end].end and named(end + 1):
            end += 1
        if titled := _title_after(tokens, end, lex):
            return titled
    return None


def _person_name(text: str, lex: Lexicon) -> bool:
    if not _NAME.fullmatch(text) or lex.is_title(text) or text in lex.not_names or lex.is_org_word(text):
        return False
    if text[1:2] == " " and (text[0] in _TIME_WORDS or (text[0] in lex.surnames and not _foreign_rest(text[2:], lex))):
        return False  # 김 수석, 전 대통령, 김 모: a surname and a title (조 바이든 is a foreign name: 존 서플)
    if _ACRONYM.fullmatch(text):
        return False  # YTN, KBS: an acronym names a body, not a person
    if " " not in text and text.endswith(_SITE_ENDINGS):
        return False  # 경복궁, 팽목항, 제기역: a site, even when shaped like a Korean name
    if " " not in text and not lex.surname_length(text) and text.endswith(_PLACE_ENDINGS):
        return False  # 랴오닝성, 원이대로, 명동예술극장: one word not shaped like a Korean name, with a place's ending
    return not (len(text) == 2 and text[0] in lex.surnames and text[1] in "씨모군양")


def _foreign_rest(rest: str, lex: Lexicon) -> bool:
    """Whether the words after a one-syllable first part make a foreign name (조 바이든): one word of at least
    two syllables, no title, body, place word or country, and not shaped like a Korean name's end."""
    return " " not in rest and len(rest) >= 2 and not lex.is_title(rest) and not lex.is_org_word(rest) \
        and rest not in lex.place_words and rest not in conventions.COUNTRIES and rest not in lex.not_names \
        and not lex.surname_length(rest) and lex.strip_particle(rest) == rest


def find(body: str, paragraphs: list[Paragraph], ruled: list[PersonMention],
         lex: Lexicon) -> Proposals:
    """The model's people (as mentions) and organisation names in the article. A rule mention whose name
    the model reads longer (a foreign name with a space) is replaced in `ruled`."""
    by_start = {m.start: m for m in ruled}
    by_end = {m.end: m for m in ruled}
    ruled_orgs = {m.organisation for m in ruled}
    taken = bytearray(len(body) + 1)
    for mention in ruled:
        taken[mention.start:mention.end] = b"\x01" * (mention.end - mention.start)
    people: list[PersonMention] = []
    surnamed: list[PersonMention] = []
    organisations: list[str] = []
    places: list[tuple[int, int]] = []
    vetoed: set[int] = set()
    read = _Read()  # token start → (token, model label)
    ruled_starts = sorted(by_start)
    for paragraph in paragraphs:
        tokens = paragraph.tokens
        # the tokens where a rule's mention starts, looked for only in a paragraph that holds such a start
        at = bisect_left(ruled_starts, paragraph.start)
        ruled_at = _ruled_tokens(tokens, by_start) \
            if at < len(ruled_starts) and ruled_starts[at] < paragraph.start + len(paragraph.text) else []
        tagged = model.tag(tokens, outside=ruled_at)  # an O's probability is read only there
        read.add(tokens, tagged[0])
        if ruled_at:
            vetoed |= _common_nouns(tokens, tagged, by_start, ruled_at)
        places += _local_places(tokens, tagged[0], lex)
        if tagged[0].count("O") == len(tokens):
            continue  # the model reads no entity in the paragraph: no span to weigh
        spans = _organisation_words(body, tokens, tagged[1], model.spans(tokens, tagged))
        for span in _foreign_names(body, tokens, tagged, spans, lex):
            text = body[span.start:span.end]
            if span.type == "PS" and not _proper(tokens, span):
                continue  # 과학관, 송전탑: a common noun is no name
            if span.type == "PS" and span.last > span.first and tokens[span.first].form in conventions.COUNTRIES:
                continue  # 인도네시아 자카르타: a name after a country's is a place
            if span.type == "PS" and lex.is_local_government(text) \
                    and lex.is_place_context(text, body[span.end:span.end + 30]):
                continue  # 송파구에 사는: a local government's name with a place's particle is the place
            if span.type == "PS" and span.first > 0 and tokens[span.first - 1].form in _MEDIA_NOUNS \
                    and _spaced(body, tokens[span.first - 1], tokens[span.first]) \
                    and not _title_after(tokens, span.last, lex):  # 일간지 레포르마, not 일간지 A 기자
                span = model.Span("OG", span.start, span.end, span.first, span.last, span.confidence)
            if span.type == "PS" and _body_shaped(body, tokens, span, lex):
                # 한진관광, 더본코리아 (an organisation suffix), 쟈니즈 관계자 (a word for a body's people)
                span = model.Span("OG", span.start, span.end, span.first, span.last, span.confidence)
            if span.type == "PS" and _after_local_government(body, tokens, span, lex):
                continue  # 전주시 송천동, 서원구 개신동: a part of a city is a place
            if span.type == "PS" and _listed_among_bodies(tokens, tagged[0], span) \
                    and not (lex.surname_length(text) and len(text) <= 4):
                # 한국광기술원, 빛고을노인건강타운, 광주그린카진흥원: the items of a list are alike
                span = model.Span("OG", span.start, span.end, span.first, span.last, span.confidence)
            if span.type == "OG" and (titled := _title_after(tokens, span.last, lex, skip=_TIME_WORDS)) \
                    and titled[0] in lex.person_titles:  # 밴스 부통령: a body has no vice president
                span = model.Span("PS", span.start, span.end, span.first, span.last,
                                  max(span.confidence, PERSON_CONFIDENCE))
            if span.type == "PS" and span.confidence >= EXTENSION_CONFIDENCE and text in lex.surnames:
                if text in _TIME_WORDS and _after_name(body, tokens, span.first, taken):
                    continue  # 전두환 전 대통령: 전 is "former"
                titled = _title_after(tokens, span.last, lex, skip=_TIME_WORDS)
                if titled:  # 박 당선인, 성 전 회장: a person named by surname and title
                    end = tokens[titled[1]].end
                    surnamed.append(PersonMention(body[span.start:end], titled[0], None, span.start, end))
            elif span.type == "PS" and span.confidence >= EXTENSION_CONFIDENCE and _person_name(text, lex) \
                    and text not in ruled_orgs:
                titled = _title_after(tokens, span.last, lex, skip=_TIME_WORDS) \
                    or _title_after_body(tokens, tagged[0], span.last, lex)
                if taken.find(1, span.start, span.end) < 0 and text not in conventions.COUNTRIES \
                        and span.confidence >= (PERSON_CONFIDENCE if titled else UNTITLED_CONFIDENCE):
                    people.append(PersonMention(text, titled[0] if titled else None, None, span.start, span.end))
                elif (rule := by_start.get(span.start) or by_end.get(span.end)) and " " in text \
                        and span.start <= rule.start and rule.end <= span.end and rule.end - rule.start < len(text) \
                        and rule.name == body[rule.start:rule.end]:
                    # 도널드 트럼프 미국 대통령, 제이크 설리번 백악관 국가안보보좌관: the rules took 도널드 or 설리번 for
                    # the name, the model reads the whole name.
                    inside = rule.org_start is not None and rule.org_start < span.end
                    ruled[ruled.index(rule)] = PersonMention(
                        text, rule.title, None if inside else rule.organisation, span.start, span.end,
                        None if inside else rule.org_start, None if inside else rule.org_end)
                    taken[span.start:span.end] = b"\x01" * (span.end - span.start)
            elif span.type == "LC" and span.confidence >= PLACE_CONFIDENCE:
                places.append((span.start, span.end))
            elif span.type == "OG" and (span := _without_context(span, tokens, lex)) \
                    and _organisation(text := body[span.start:span.end], span, tokens, lex) \
                    and not _quoted_or_bracketed(body, span, lex):
                organisations.append(text)
    ruled[:] = [m for m in ruled if m.start not in vetoed]
    people = _whole_names(body, people, ruled, lex)
    names = {p.name for p in (*ruled, *people)} | {p.name.split()[-1] for p in (*ruled, *people)}
    organisations += _affiliations(body, (*ruled, *people), read, lex)
    orgs = [o for o in dict.fromkeys(organisations) if o not in names and not _holds_name(o, names)]
    return Proposals(people, orgs, surnamed, places)


@dataclass(frozen=True)
class Proposals:
    people: list[PersonMention]
    organisations: list[str]
    surnamed: list[PersonMention]  # 박 당선인: kept only where no back-reference links them to a full name
    places: list[tuple[int, int]]  # spans the model reads as places (경기도 전역, 경기도 수원시에서)

    def unlinked(self, mentions: list[PersonMention], lex: Lexicon) -> list[PersonMention]:
        """The surname-and-title mentions that no person found so far covers; one whose surname is that of
        exactly one person of the article is that person (윤 대통령 → 윤석열, 조 실장 → 조태용)."""
        starts = {m.start for m in mentions}
        by_surname: dict[str, set[str]] = {}
        first: dict[str, PersonMention] = {}
        for m in mentions:
            length = lex.surname_length(m.name)
            if length and not m.name.endswith(("씨", "양", "군")):
                by_surname.setdefault(m.name[:length], set()).add(m.name)
                first.setdefault(m.name, m)
        found = []
        for m in self.surnamed:
            if m.start in starts:
                continue
            names = by_surname.get(m.name.split()[0], set())
            if len(names) == 1:
                person = first[next(iter(names))]
                m = PersonMention(person.name, person.title or m.title, person.organisation, m.start, m.end)
            found.append(m)
        return found


def _foreign_names(body: str, tokens: Sequence[Token], tagged: tuple[list[str], list[float]],
                   spans: list[model.Span], lex: Lexicon) -> list[model.Span]:
    """A person's name written in Hangul with spaces is one name: 도널드 트럼프, J D 밴스, 스콧 베선트. A person
    span takes the whole proper nouns next to it (one space apart, not places, titles or known bodies; for a
    name shaped like a Korean one, only those the model is unsure of) and the single capital letters before
    it; the spans it absorbs go."""
    labels, marginals = tagged
    found: list[model.Span] = []
    for span in spans:
        if found and span.start < found[-1].end:
            continue  # absorbed by the name before it
        text = body[span.start:span.end]
        if span.type != "PS" or text in lex.surnames:
            found.append(span)
            continue
        korean = bool(lex.surname_length(text.split()[0]))

        def part(i: int, korean: bool = korean) -> bool:
            sure = labels[i] != "O" and (marginals[i] >= 0.5 or labels[i].endswith("OG")) and not labels[i].endswith("PS")
            return _name_part(body, tokens, i, labels[i], lex) and not (korean and sure)

        first, last = span.first, span.last
        while last > first and _glued(tokens, last):  # 정장영 경남|지회: a name ends where a word ends
            last -= 1
        while last > first and tokens[last].tag != "NNP" and lex.is_title(tokens[last].form):
            last -= 1  # 변재영 기자: the title is not part of the name
        while last > first and tokens[last].form in conventions.COUNTRIES:
            last -= 1  # 왈리드 알무알렘 시리아 외무장관: the country is no part of the name
        while last > first and tokens[last].form in lex.context_words:
            last -= 1  # YTN 취재진: the word for a body's people is no part of a name
        # the name's confidence is that of its own tokens (A 기자: not the title's)
        span = model.Span("PS", tokens[first].start, tokens[last].end, first, last, min(marginals[first:last + 1]))
        while first > 0 and _spaced(body, tokens[first - 1], tokens[first]) and tokens[first - 1].tag == "SL" \
                and len(tokens[first - 1].form) == 1 and tokens[first - 1].form.isupper():
            first -= 1
        if first == span.first and first > 0 and not korean and _spaced(body, tokens[first - 1], tokens[first]) \
                and part(first - 1) and (first == 1 or tokens[first - 2].end < tokens[first - 1].start):
            first -= 1
        while last + 1 < len(tokens) and last - span.last < 2 and _spaced(body, tokens[last], tokens[last + 1]) \
                and part(last + 1):
            last += 1
        if first < span.first and found and found[-1].end > tokens[first].start:
            first = span.first
        found.append(model.Span("PS", tokens[first].start, tokens[last].end, first, last, span.confidence))
    return found


_NAME_TAGS = frozenset({"NNP", "SL", "SH"})


def _proper(tokens: Sequence[Token], span: model.Span) -> bool:
    """Whether Kiwi reads a token of the span as a proper noun, Latin or Hanja: a person's name has one."""
    return any(t.tag in _NAME_TAGS for t in tokens[span.first:span.last + 1])


def _after_name(body: str, tokens: Sequence[Token], first: int, taken: bytearray) -> bool:
    """Whether a word right before tokens[first] (one space apart) is a name: a person the rules found or a
    proper noun (전두환 전 대통령)."""
    if first == 0 or not _spaced(body, tokens[first - 1], tokens[first]):
        return False
    before = tokens[first - 1]
    return before.tag == "NNP" or taken[before.end - 1] == 1


def _glued(tokens: Sequence[Token], i: int) -> bool:
    """Whether a noun is written onto tokens[i] (경남지회: 경남 + 지회)."""
    return i + 1 < len(tokens) and tokens[i + 1].start == tokens[i].end \
        and tokens[i + 1].tag.startswith(("NN", "SL", "XSN"))


def _spaced(body: str, left: Token, right: Token) -> bool:
    return right.start == left.end + 1 and body[left.end] == " "


def _name_part(body: str, tokens: Sequence[Token], i: int, label: str, lex: Lexicon) -> bool:
    """A whole word that can be part of a person's name (로빈후드 is not 로빈 + 후드)."""
    token = tokens[i]
    if _glued(tokens, i):
        return False
    return token.tag == "NNP" and " " not in token.form and not label.endswith("LC") \
        and token.form not in conventions.COUNTRIES and not _starts_with_any(token.form, lex.gazetteer_names) \
        and not lex.is_title(token.form) and not lex.is_org_word(token.form) and token.form not in lex.place_words


def _starts_with_any(word: str, names: frozenset[str]) -> bool:
    """Whether `word` starts with one of `names` (a look-up per prefix, not a scan of the names)."""
    return any(word[:length] in names for length in range(len(word) + 1))


def _organisation(text: str, span: model.Span, tokens: Sequence[Token], lex: Lexicon) -> bool:
    """A model organisation worth keeping: a name (a proper noun, Latin letters or an organisation suffix),
    not a title, a common word, a country (a place), a unit with a word of scope before it (전국지회) or a known
    body with a unit after it (한국은행 금융통화위원회 stays two)."""
    if not _ORG.fullmatch(text) or len(text) < 2 or text in lex.references or text in lex.not_names \
            or lex.is_title(text) or span.confidence < ORGANISATION_CONFIDENCE:
        return False
    if (" " in text and text.split()[0] in lex.gazetteer_names) or text.endswith(_NOT_BODIES + _EVENT_ENDINGS) \
            or text in conventions.COUNTRIES or any(text + end in lex.gazetteer_names for end in "시도군구"):
        return False  # 서울 (서울시 is the body; the city is a place)
    inside = tokens[span.first:span.last + 1]
    if inside[0].form in _SCOPE_WORDS and all(t.tag == "NNG" for t in inside):
        return False  # 전국지회, 산하 기관: a unit of a body named elsewhere
    if lex.org_suffix(text) or any(t.tag == "NNP" for t in inside):
        return True
    return any(t.tag == "SL" for t in inside) and span.confidence >= STRONG_CONFIDENCE


# Words after a name that show it names a body, not a person (쟈니즈 관계자; not 측 or 대변인: 트럼프 측)
_BODY_CONTEXT = frozenset({"관계자", "본사", "임직원", "계열사", "자회사", "주가", "이사회", "주주총회", "취재진", "취재팀",
                           "제작진"})
# What a body owns or sells, after its name and 의 (IBM의 주가, 에스에스엘엠의 지분); not a person's (트럼프의 직원)
_BODY_ASSETS = frozenset({"주가", "지분", "주식", "매출", "영업이익", "실적", "시가총액", "신제품", "매장", "점포", "공장",
                          "본사", "계열사", "자회사", "이사회", "주주총회"})


def _body_shaped(body: str, tokens: Sequence[Token], span: model.Span, lex: Lexicon) -> bool:
    """Whether a model person is a body: its last word ends with an organisation suffix (한진관광, 김일성종합대학),
    or a word for a body's people follows it (쟈니즈 관계자), and no title does."""
    text = body[span.start:span.end]
    if lex.surname_length(text) or _title_after(tokens, span.last, lex, skip=_TIME_WORDS):
        return False
    if lex.org_suffix(text.split()[-1]):
        return True
    following = span.last + 1
    before, words = tokens[span.last], _BODY_CONTEXT
    if following + 1 < len(tokens) and tokens[following].form == "의" and tokens[following].tag == "JKG" \
            and tokens[following].start == before.end:
        before, following, words = tokens[following], following + 1, _BODY_ASSETS  # IBM의 주가
    return following < len(tokens) and _spaced(body, before, tokens[following]) and tokens[following].form in words


def _after_local_government(body: str, tokens: Sequence[Token], span: model.Span, lex: Lexicon) -> bool:
    """Whether a model person is a part of a city: written right after a local government's name (전주시 송천동)
    or starting with one (서원구 개신동)."""
    words = body[span.start:span.end].split()
    if len(words) > 1 and lex.is_local_government(words[0]):
        return True
    before = span.first - 1
    return before >= 0 and _spaced(body, tokens[before], tokens[span.first]) and tokens[before].tag == "NNP" \
        and lex.is_local_government(tokens[before].form)


_LIST_MARKS = frozenset({",", "·", "ㆍ", "、"})
_BRACKETED = regex.compile(r"\((?P<inside>[^()]{2,20}?)(?:[ᆞ·ㆍ,/][^()]*)?\)")


class _Read(Mapping[int, tuple[Token, str]]):
    """Token start → (token, model label) over the article's paragraphs, indexed only when first read (most
    articles never look a token up by its start)."""

    def __init__(self) -> None:
        self._paragraphs: list[tuple[Sequence[Token], list[str]]] = []
        self._index: dict[int, tuple[Token, str]] | None = None

    def add(self, tokens: Sequence[Token], labels: list[str]) -> None:
        self._paragraphs.append((tokens, labels))
        self._index = None

    def _indexed(self) -> dict[int, tuple[Token, str]]:
        if self._index is None:
            self._index = {}
            for tokens, labels in self._paragraphs:
                self._index.update((t.start, (t, label)) for t, label in zip(tokens, labels, strict=True))
        return self._index

    def __getitem__(self, start: int) -> tuple[Token, str]:
        return self._indexed()[start]

    def __contains__(self, start: object) -> bool:
        return start in self._indexed()

    def __iter__(self) -> Iterator[int]:
        return iter(self._indexed())

    def __len__(self) -> int:
        return len(self._indexed())


def _affiliations(body: str, people: Sequence[PersonMention], read: Mapping[int, tuple[Token, str]],
                  lex: Lexicon) -> list[str]:
    """A body in brackets right after a person's name: the club or party the person is with (알렉산드로
    디아만티(볼로냐), 브라이스 하퍼(워싱턴 내셔널스)). Only a name of proper nouns or
    Latin letters the model does not read as a place, not a country, a person's name, an age or a title."""
    found = []
    for person in people:
        match = _BRACKETED.match(body, person.end)
        if not match:
            continue
        inside = match.group("inside").strip()
        start = match.start("inside")
        tokens = [read[i] for i in range(start, start + len(inside)) if i in read]
        if not tokens or tokens[-1][0].end != start + len(inside) or inside in conventions.COUNTRIES \
                or not _ORG.fullmatch(inside) or lex.is_title(inside) or lex.surname_length(inside) \
                or inside in lex.place_words or inside in lex.not_names or inside in lex.references:
            continue
        if all(t.tag in ("NNP", "SL") and not label.endswith(("LC", "PS")) for t, label in tokens):
            found.append(inside)
    return found


def _listed_among_bodies(tokens: Sequence[Token], labels: list[str], span: model.Span) -> bool:
    """Whether a span is an item of a list whose items next to it are organisations to the model (and none is
    a person)."""
    sides = []
    if span.first >= 2 and tokens[span.first - 1].form in _LIST_MARKS:
        sides.append(labels[span.first - 2][2:])
    if span.last + 2 < len(tokens) and tokens[span.last + 1].form in _LIST_MARKS:
        sides.append(labels[span.last + 2][2:])
    return bool(sides) and all(side == "OG" for side in sides)


_LIST_WORDS = frozenset({",", "등", "및", "또는"})
_DEPARTMENT_ENDINGS = ("학과", "학부", "전공")


_PLACE_FOLLOWERS = frozenset({"NNP", "MM", "SN"})
_START = operator.attrgetter("start")
_TAG = operator.attrgetter("tag")


def _local_places(tokens: Sequence[Token], labels: list[str], lex: Lexicon) -> list[tuple[int, int]]:
    """Local governments' names that are places: a name the model reads as a person's (무르시, 프라도: names
    that only look like a city's), and one it reads as no entity with a place's name, a determiner or a number
    after it (평택시 한 아파트, 청주시 서원구, 수원시 1번지; 서울시의 지원, 서울시 행정, 김포시는 밝혔다 stay the body)."""
    found = []
    for i in features.positions(list(map(_TAG, tokens)), "NNP"):
        token = tokens[i]
        if labels[i].endswith(("OG", "LC")) or not lex.is_local_government(token.form):
            continue
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if labels[i].endswith("PS") or (following is not None and following.start == token.end + 1
                                        and following.tag in _PLACE_FOLLOWERS):
            found.append((token.start, token.end))
    return found


def _organisation_words(body: str, tokens: Sequence[Token], marginals: list[float],
                        spans: list[model.Span]) -> list[model.Span]:
    """Organisation spans made of whole words: split at a list's words (한진관광 등 대한항공: two bodies), without
    a department after a university (한국방송통신대 미디어영상학과 → 한국방송통신대) and ending where a word ends
    (굿네이버스 홍보|대사 → 굿네이버스)."""
    found: list[model.Span] = []
    for span in spans:
        if span.type != "OG":
            found.append(span)
            continue
        parts, first = [], span.first
        for i in range(span.first, span.last + 2):
            if i > span.last or tokens[i].form in _LIST_WORDS or tokens[i].tag == "JC":
                if first < i:
                    parts.append((first, i - 1))
                first = i + 1
        for first, last in parts:
            last = _whole_words(body, tokens, first, last)
            if last is not None:
                found.append(model.Span("OG", tokens[first].start, tokens[last].end, first, last,
                                        min(marginals[first:last + 1])))
    return found


def _whole_words(body: str, tokens: Sequence[Token], first: int, last: int) -> int | None:
    """The last token of an organisation's name from tokens[first] to tokens[last] once a department's word
    and a word cut in the middle are left out (None: nothing left)."""
    def word_start(i: int) -> int:
        while i > first and tokens[i].start == tokens[i - 1].end:
            i -= 1
        return i

    if _glued(tokens, last):
        start = word_start(last)
        if start == first:
            return last  # one word glued to more (SM온라인면세점): left as it is
        last = start - 1
    start = word_start(last)
    if start > first and body[tokens[start].start:tokens[last].end].endswith(_DEPARTMENT_ENDINGS):
        last = start - 1
    return last


def _without_context(span: model.Span, tokens: Sequence[Token], lex: Lexicon) -> model.Span:
    """An organisation without the word for its people written onto it (YTN취재진 → YTN, 쿠팡 측 → 쿠팡)."""
    last = span.last
    while last > span.first and tokens[last].form in lex.context_words:
        last -= 1
    if last == span.last:
        return span
    return model.Span(span.type, span.start, tokens[last].end, span.first, last, span.confidence)


def _quoted_or_bracketed(body: str, span: model.Span, lex: Lexicon) -> bool:
    """‘공군오픈이노베이션’ (a programme's name in quotes) and 그래픽처리장치(GPU) (a term's abbreviation): not
    bodies, unless the name carries an organisation suffix (the rules read quoted institution names)."""
    before, after = body[span.start - 1:span.start], body[span.end:span.end + 1]
    if before in "‘'“\"" and before and after in "’'”\"" and after and not lex.org_suffix(body[span.start:span.end]):
        return True
    inside = _OPEN_BRACKET.search(body[max(0, span.start - 30):span.start])
    if inside and _CLOSES.match(body, span.end):  # 투자자(AC, 엑셀러레이터): an aside on a common noun
        return not lex.is_org_word(lex.strip_particle(inside.group("head"))) and span.confidence < ASIDE_CONFIDENCE
    return False


def _ruled_tokens(tokens: Sequence[Token], by_start: dict[int, PersonMention]) -> list[int]:
    """The indices of the tokens where a rule's mention starts."""
    starts = by_start.keys() & set(map(_START, tokens))
    if not starts:
        return []
    return [i for i, start in enumerate(map(_START, tokens)) if start in starts]


def _common_nouns(tokens: Sequence[Token], tagged: tuple[list[str], list[float]],
                  by_start: dict[int, PersonMention], ruled_at: list[int] | None = None) -> set[int]:
    """Rule names that are one common noun to Kiwi and no entity to the model (가운데 배우, 유치원 원장, 국무총리
    지명자). `ruled_at`: the indices of the tokens where a rule's mention starts, when already known."""
    labels, marginals = tagged
    found: set[int] = set()
    for i in _ruled_tokens(tokens, by_start) if ruled_at is None else ruled_at:
        token = tokens[i]
        rule = by_start[token.start]
        if rule and rule.end == token.end and token.tag == "NNG" and labels[i] == "O" \
                and marginals[i] >= VETO_CONFIDENCE and rule.title and rule.organisation is None:
            found.add(rule.start)
    return found


def _holds_name(organisation: str, names: set[str]) -> bool:
    return any(len(name) >= 3 and name in organisation for name in names)


def _whole_names(body: str, people: list[PersonMention], ruled: list[PersonMention],
                 lex: Lexicon) -> list[PersonMention]:
    """트럼프 after 도널드 트럼프: the shorter name is the longer person, and every later standalone mention of
    the last part of a foreign (spaced) name, or of a person's whole name (권경애는), is found."""
    full = {p.name: p for p in (*ruled, *people) if " " in p.name}
    by_last: dict[str, str] = {}
    for name in full:
        last = name.split()[-1]
        if len(last) >= 2 and last not in conventions.COUNTRIES:
            by_last[last] = name if last not in by_last or by_last[last] == name else ""
    for i, mention in enumerate(ruled):  # 설리번 보좌관 after 제이크 설리번: the rules' short name is the person
        if (whole := by_last.get(mention.name)) and whole != mention.name:
            ruled[i] = dataclasses.replace(mention, name=whole, title=mention.title or full[whole].title)
    found: list[PersonMention] = []
    taken = bytearray(len(body) + 1)
    for person in (*ruled, *people):
        taken[person.start:person.end] = b"\x01" * (person.end - person.start)
    for person in people:
        whole = by_last.get(person.name)
        if whole:
            source = full[whole]
            found.append(PersonMention(whole, person.title or source.title, source.organisation,
                                       person.start, person.end))
        else:
            found.append(person)
    whole_names = {p.name: p for p in (*ruled, *people) if _repeatable(p.name) and not by_last.get(p.name)}
    for written, whole in [*((n, n) for n in whole_names), *((last, w) for last, w in by_last.items() if w)]:
        source = whole_names.get(whole) or full[whole]
        for start, end, rest in _standalone(body, written):
            if taken.find(1, start, end) < 0 and (not rest or rest in lex.particles):
                taken[start:end] = b"\x01" * (end - start)
                found.append(PersonMention(whole, source.title, source.organisation, start, end))
    return found


_HANGUL_RUN = regex.compile(r"[가-힣]*")


def _standalone(body: str, written: str) -> Iterator[tuple[int, int, str]]:
    """Each place `written` starts a word of the body, left to right and not overlapping (the next search starts
    after the Hangul written onto it): its start, its end and that Hangul (a particle: 트럼프는, or more)."""
    at = body.find(written)
    while at >= 0:
        if at and _word_character(body[at - 1]):
            at = body.find(written, at + 1)
            continue
        end = at + len(written)
        after = _HANGUL_RUN.match(body, end).end()
        yield at, end, body[end:after]
        at = body.find(written, after)


def _word_character(character: str) -> bool:
    return "가" <= character <= "힣" or "A" <= character <= "Z" or "a" <= character <= "z" or "0" <= character <= "9"


_REPEATABLE = regex.compile(r"[가-힣]{3,4}|[가-힣A-Z][가-힣A-Za-z]*(?: [가-힣A-Z][가-힣A-Za-z]*)+")


def _repeatable(name: str) -> bool:
    """A whole name whose every later mention is the person (권경애, 도널드 트럼프), not a pseudonym (김모씨) or a
    surname with a title (오 시장)."""
    return bool(_REPEATABLE.fullmatch(name)) and not name.endswith(("씨", "양", "군")) and len(name.split()[0]) > 1
