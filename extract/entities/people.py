"""Stage 6a, resolve people: Korean names next to job titles.

Forms found (names from `patterns/people/names.toml`, titles from `titles.toml`):

- NAME TITLE               강기정 시장, 오세훈 서울시장을
- ORG NAME TITLE           서울대학교 유홍림 총장, 서울시의회 김현기 의장
- NAME ORG TITLE           김명술 벤처기업협회 광주전남지회 협회장은
- NAMETITLE (glued)        방승찬원장 (when Kiwi splits the word there)
- ORG(TITLE NAME)          광주광역시(시장 강기정)
- ORG TITLE NAME           서울시 대변인 김철수는
- NAME TITLE FOLLOW        윤석열 대통령 당선인
- pseudonyms, as written   A씨, 김모씨, 김모(45)씨, 박씨, 박 모 양, 김모 군
- back-references          오 시장은 (→ 오세훈), linked after the whole article is read
- a name with an age       주범 이경우(36)와
- roles played             정겨울(신고은 분): 신고은 a person, 정겨울 none at any of its mentions
- lists of people          한석규-안효섭-진경: the other names of a list of people found

A two-syllable name counts only when Kiwi tags the word as a proper noun in
context. The organisation is what the article writes next to the name, or
the organisation a title carries (서울시장 → 서울시, 공군참모총장 → 공군).
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import accumulate, compress, count, repeat
from operator import attrgetter, itemgetter, le, lt
from typing import NamedTuple

import regex

from extract.entities import classes
from extract.entities.conventions import COUNTRIES as COUNTRY_WORDS
from extract.lexicon import Lexicon, Memo, per_lexicon
from extract.segment import Paragraph, Token

_WORD_SPLIT = re.compile(r"([가-힣A-Za-z0-9&]+)")  # a word: a run of Hangul, Latin letters, digits and &
_PAREN = regex.compile(r"\((?P<title>[가-힣A-Za-z]{1,12})\s(?P<name>[가-힣]{2,4})\)")
# A씨, B(3)군, A(27·여)씨, 김모(48·중국국적)씨, 박 모 양, 신 군 (a surname alone takes 양 or 군 only after a space:
# 공군 and 육군 are no people), and the age or school year in brackets (A(고3)양).
_PSEUDONYM = regex.compile(
    r"(?<![가-힣A-Za-z0-9])(?:(?P<letter>[A-Z])|(?P<surname>[가-힣]{1,2}?)(?P<mo>\s?모)?)"
    r"(?P<age>\s?\((?:\d{1,3}|[고중초]\d)(?:[·,][^()]{1,10})?\))?(?P<space>\s)?"
    r"(?(mo)(?:씨|양|군)|(?(letter)(?:씨|양|군)|(?(space)(?:씨|양|군)|(?(age)(?:씨|양|군)|씨))))"
    r"(?=$|[^가-힣]|[은는이가을를의와과도에])")
# 수현 씨, 재국씨: a given name Kiwi reads as one proper noun, before 씨
_GIVEN = regex.compile(r"(?<![가-힣A-Za-z0-9])(?P<name>[가-힣]{2})\s?씨(?=$|[^가-힣]|[은는이가을를의와과도에])")
_NOMINAL = ("NN", "NR", "NP", "SL", "SN", "SH", "XSN", "XPN", "MM")
_NAMED = regex.compile(r"(?<![가-힣A-Za-z0-9])(?P<name>[가-힣]{3,4})(?:\s?씨|\s(?:양|군))(?=$|[^가-힣]|[은는이가을를의와과도에])")
# A speaker's caption: a name right after a sentence, a bracket or a colon, a slash, then who the speaker is, up to
# a closing bracket, a dash, a colon, a quotation or a wide space (▶ 인터뷰 : 김영호 / 롯데마트 대리 - "…",
# <마우리치오 푸가티 / 트렌토시 시장(…)>, [구병삼/통일부 대변인 : "…"]).
_CAPTION = regex.compile(
    r"(?<=^|[.!?\"”’\]>)]\s{0,4}|[\[<]\s?|:\s?)(?P<name>[가-힣]{2,8}(?: [가-힣]{1,8}){0,3})\s?/\s?"
    r"(?P<desc>[가-힣A-Za-z0-9·]+(?: [가-힣A-Za-z0-9·]+){0,4})(?=\s{2,}|\s?[>\]\-:(（\"“]|\s*$)")


_AGED = regex.compile(r"(?<![가-힣A-Za-z0-9])(?P<name>[가-힣]{3,4})\((?P<age>\d{1,3})(?:[·,][가-힣]{1,6})?\)")


def _held_before(items: list[Word], i: int, lex: Lexicon) -> bool:
    """김철수 회장 이영희 씨: the title items[i] is written right after a whole Korean name, which holds it (the name
    after it holds none); 서울시 대변인 김철수는: a body's name before the title holds nothing."""
    if i == 0 or items[i].gap.strip():
        return False
    before = items[i - 1]
    return _aged_name(before.text, lex) and is_name(before, lex)


def _aged_name(name: str, lex: Lexicon) -> bool:
    """A whole Korean name (a surname and two syllables, or a double surname and one or two): no body, title,
    place or common noun."""
    length = lex.surname_length(name)
    given = len(name) - length
    return (given == 2 or (length == 2 and given == 1)) and name not in lex.not_names \
        and not lex.is_org_word(name) and not lex.is_title(name) and not lex.is_local_government(name) \
        and not known_common_noun(name) and not name.endswith(lex.thing_endings)


class Word(NamedTuple):  # a tuple: made for every word of every paragraph, so made cheaply
    text: str
    start: int  # body offsets
    end: int
    gap: str  # the text between the previous word and this one
    tokens: tuple[Token, ...]


_WORD_START = itemgetter(1)  # Word.start
_NEW_WORD = partial(tuple.__new__, Word)  # Word(*fields) from a tuple of its fields, without a Python call
_START = itemgetter(2)  # Token.start


@dataclass(frozen=True)
class PersonMention:
    name: str
    title: str | None
    organisation: str | None
    start: int  # body offsets of the mention (the name, or 오 시장 for a back-reference)
    end: int
    org_start: int | None = None  # where the organisation is written, when it is
    org_end: int | None = None
    org_unsure: bool = False  # a caption's body, kept only when it is no person of the article (트럼프 변호사)


class Columns(NamedTuple):
    """A paragraph's words as columns (see `columns`): what the steps read of every word, before they build the
    `Word`s of the paragraphs where one is worth more."""

    texts: list[str]
    starts: list[int]  # body offsets
    ends: list[int]
    gaps: list[str]  # the text between the previous word and each word


@lru_cache(maxsize=64)
def columns(paragraph: Paragraph) -> Columns:
    """The paragraph's words (runs of Hangul, Latin letters and digits) as columns of their texts, offsets and gaps:
    one split and running sums of lengths, no Python code run per word. Cached: the people and organisation steps
    both read them (they must not be changed)."""
    parts = _WORD_SPLIT.split(paragraph.text)  # gap, word, gap, word, ..., the text after the last word
    if len(parts) == 1:
        return Columns([], [], [], [])
    offsets = list(accumulate(map(len, parts), initial=paragraph.start))  # body offset of each part, and of the end
    return Columns(parts[1::2], offsets[1:-1:2], offsets[2::2], parts[0:-1:2])


@lru_cache(maxsize=64)
def words(paragraph: Paragraph) -> list[Word]:
    """The paragraph's words (`columns`) with their Kiwi tokens.

    Built by whole-list operations (binary searches mapped over the words), with no Python code run per word.
    Cached: the people and organisation steps both read them; they build them only for the paragraphs where a
    word's text (`columns`) shows one worth reading."""
    texts, starts, ends, gaps = columns(paragraph)
    if not texts:
        return []
    tokens = paragraph.tokens
    token_starts = list(map(_START, tokens))
    spans = map(slice, map(bisect_left, repeat(token_starts), starts), map(bisect_left, repeat(token_starts), ends))
    return list(map(_NEW_WORD, zip(texts, starts, ends, gaps, map(tokens.__getitem__, spans), strict=True)))


def word_at(paragraph: Paragraph, start: int) -> Word | None:
    """The word of the paragraph that starts at the body offset `start`, if one does (its words built then)."""
    starts = columns(paragraph).starts
    k = bisect_left(starts, start)
    return words(paragraph)[k] if k < len(starts) and starts[k] == start else None


def _is_jamo(form: str) -> bool:
    return len(form) == 1 and "\u1100" <= form <= "\u11ff"


def _nominal(word: Word) -> bool:
    for token in word.tokens:
        nominal = _NOMINAL_TAGS.get(token.tag)
        if nominal is None:
            nominal = _NOMINAL_TAGS[token.tag] = token.tag.startswith(_NOMINAL)
        if not nominal and not _is_jamo(token.form):
            return False
    return True


_NOMINAL_TAGS: dict[str, bool] = {}  # Kiwi's tag -> whether it starts with one of _NOMINAL


def _proper(word: Word) -> bool:
    return bool(word.tokens) and word.tokens[0].tag in ("NNP", "SL") and word.tokens[0].end == word.end


def is_name(word: Word, lex: Lexicon) -> bool:
    length = lex.surname_length(word.text)
    if not length:
        return False
    if len(word.text) - length < 2 and length == 1:  # two syllables: Kiwi must call it a proper noun
        return _proper(word)
    if len(word.tokens) == 1 and word.tokens[0].tag == "NNG" and word.text[-1] in lex.department_endings:
        return False  # 공안부 검사: one common noun with a department's ending is no name
    return _nominal(word) and not _common_word(word)


def _common_word(word: Word) -> bool:
    """계열사, 선거구 (a common noun Kiwi knows) and 반부패 (a prefix first): a word, not a name."""
    first = word.tokens[0] if word.tokens else None
    return known_common_noun(word.text) or (first is not None and first.start == word.start and first.tag == "XPN")


def known_common_noun(form: str) -> bool:
    """Whether Kiwi knows the word as a common noun and never as a proper noun (계열사, 선거구, 유지방, 방울토마토):
    its vocabulary of frequent nouns (entities/classes.py) holds hardly any personal name, and a name read as a
    common noun in context (안덕근/NNG at a sentence's start) is not in it. Its plural (선수들) is a common noun too."""
    table = classes.load()
    if len(form) > 2 and form.endswith(_PLURAL) and known_common_noun(form[:-len(_PLURAL)]):
        return True  # 선수들, 사람들: a common noun's plural
    return (form, "NNG") in table and (form, "NNP") not in table


_PLURAL = "들"


def _orgish(word: Word, lex: Lexicon) -> bool:
    return (word.text == lex.strip_particle(word.text) and not lex.is_title(word.text)
            and _nominal(word) and word.text not in lex.not_names and not _counted(word))


def _counted(word: Word) -> bool:
    """18일, 3명: a number with a bound noun (a date or a count), no part of a body's name."""
    return bool(word.tokens) and word.tokens[0].tag == "SN" and any(t.tag == "NNB" for t in word.tokens)


def _university(items: list[Word], i: int, lex: Lexicon) -> bool:
    """인하대 소비자학 교수: a word ending with 대 before an academic title (one word may come between) is a
    university, not a name."""
    if not items[i].text.endswith("대"):
        return False
    for j in (i + 1, i + 2):
        if j >= len(items) or items[j].gap.strip():
            return False
        if lex.strip_particle(items[j].text) in lex.academic_titles:
            return True
    return False


def _proper_org(word: Word, lex: Lexicon) -> bool:
    if any(t.tag in ("NNP", "SL") for t in word.tokens):
        return True
    return lex.is_org_word(word.text)


def _glued(word: Word, lex: Lexicon) -> tuple[str, str] | None:
    if len(word.text) < 5 or not word.tokens or word.tokens[0].tag != "NNP":
        return None  # the stem needs a name of three syllables or more and a title of two; Kiwi a proper noun
    split = word.tokens[0].end - word.start  # the name must end where Kiwi's first token ends
    stem = lex.strip_particle(word.text)
    if not 3 <= split < min(5, len(stem) - 1):  # two-syllable heads are places: 경기+도지사, 서초+구청장
        return None
    name, title = stem[:split], stem[split:]
    if (title in lex.titles or lex.is_title(title)) and lex.surname_length(name) \
            and any(t.start == word.start + split for t in word.tokens):
        return name, title
    return None


def _org_before(items: list[Word], index: int, lex: Lexicon, text: str, base: int) -> tuple[str, int, int] | None:
    """The organisation written just before items[index], if any (up to three words)."""
    if index == 0 or items[index].gap.strip():
        return None
    chosen: list[Word] = []
    j = index - 1
    while j >= 0 and len(chosen) < 3 and _orgish(items[j], lex):
        chosen.insert(0, items[j])
        if items[j].gap.strip() or j == 0:
            break
        j -= 1
    if not chosen or not _proper_org(chosen[-1], lex):
        return None
    # Drop leading words that are not part of a name (e.g. a preceding name).
    while chosen and lex.surname_length(chosen[0].text) and len(chosen) > 1:
        chosen.pop(0)
    start, end = chosen[0].start, chosen[-1].end
    return text[start - base:end - base], start, end


def _title_at(items: list[Word], j: int, lex: Lexicon) -> tuple[str, int] | None:
    """The title starting at items[j] (with following words such as 당선인), and the next index."""
    stem = lex.strip_particle(items[j].text)
    if not lex.is_title(stem):
        return None
    title, k = stem, j + 1
    if stem == items[j].text:  # no particle: a follow word may extend the title
        while k < len(items) and not items[k].gap.strip() and lex.strip_particle(items[k].text) in lex.title_follow:
            title += " " + lex.strip_particle(items[k].text)
            k += 1
            if items[k - 1].text != lex.strip_particle(items[k - 1].text):
                break
    return title, k


def _read(items: list[Word], hints: list[tuple[str | None, bool, bool] | None],
          lex: Lexicon) -> tuple[list[tuple[str, int] | None], list[int], bool]:
    """What `find` reads of a paragraph's words: _title_at(items, index) for every index (computed once: the steps of
    `find` ask for the same words); the indices of the words where a mention may start, in order: a title, the
    words up to _REACH before one (a name, a body and a name, a foreign name, or a body run into a name before it),
    and a word that may run a name and a title together (방승찬원장), every other word starting none, whatever it is;
    and whether a word ends with a part in the credits (영상편집, A영상취재: the credits are searched only then).

    `hints`: the words' `_hint`s (one remembered look-up per word's text, mapped over the whole list), which tell
    the few words worth more."""
    titles: list[tuple[str, int] | None] = [None] * len(items)
    worth: set[int] = set()
    credited = False
    for j in compress(count(), hints):  # the words with a hint: most have none
        title_stem, glued, credit = hints[j]
        if title_stem is not None:
            titles[j] = _title_at(items, j, lex)
            worth.update(range(max(0, j - _REACH), j + 1))
        if glued:
            worth.add(j)
        credited = credited or credit
    return titles, sorted(worth), credited


_REACH = 4  # a title is found at most this many words after the word that starts a mention (see `find`)


def _hint(text: str, lex: Lexicon) -> tuple[str | None, bool, bool] | None:
    """What a word written `text` may be to `find`, from its text alone: (its stem when that is a title, whether it
    may run a name and a title together: see `_glued`, whether it ends with a part in the credits: see
    `Lexicon.credit_pattern`), or None when it is none of them."""
    stem = lex.strip_particle(text)
    title = stem if lex.is_title(stem) else None
    glued = len(text) >= 5 and _glued_text(stem, lex)
    credit = text.endswith(lex.credit_roles)
    return (title, glued, credit) if title is not None or glued or credit else None


def _glued_text(stem: str, lex: Lexicon) -> bool:
    """Whether a word's stem may be a name of three syllables or more and a title of two (what `_glued` asks of the
    text before it asks Kiwi's tokens)."""
    return any(lex.surname_length(stem[:split]) and (stem[split:] in lex.titles or lex.is_title(stem[split:]))
               for split in range(3, min(5, len(stem) - 1)))


_hints: Callable[[Lexicon], Callable[[str], tuple[str | None, bool, bool] | None]] = per_lexicon(
    lambda lex: Memo(lambda text: _hint(text, lex)).__getitem__)  # `_hint` for a lexicon, remembered per text


def _title_org(title: str, start: int, lex: Lexicon) -> tuple[str, int, int] | None:
    """The organisation a title carries, written inside it: 서울시장 → 서울시, 공군참모총장 → 공군."""
    found = lex.organisation_in_title(title)
    return (found, start, start + len(found)) if found else None


def find(paragraph: Paragraph, lex: Lexicon) -> list[PersonMention]:
    found: list[PersonMention] = []
    hints = list(map(_hints(lex), columns(paragraph).texts))
    # the words are built where a word's text may start a mention (most paragraphs of an article: none)
    items = words(paragraph) if any(hints) else []
    titles, worth, credited = _read(items, hints, lex) if items else ([], [], False)
    text, base = paragraph.text, paragraph.start
    size, surname_length = len(items), lex.surname_length
    for i in worth:
        word = items[i]
        length = len(word.text)
        glued = _glued(word, lex) if length >= 5 else None
        if glued:
            org = _org_before(items, i, lex, text, base)
            name, title = glued
            found.append(_mention(name, title, org or _title_org(title, word.start + len(name), lex), word.start))
            continue
        titled_here = titles[i]
        if titled_here and items[i].text == titled_here[0] and i + 1 < len(items) and not items[i + 1].gap.strip() \
                and not _held_before(items, i, lex):
            # ORG TITLE NAME: 서울시 대변인 김철수는 (not when the name has a title of its own next, nor when a whole
            # name before holds the title); a former career (배우 출신 케이티 루이스 사운더스) is the title too.
            k = i + 1
            if items[k].text in lex.former_words and k + 1 < len(items) and not items[k + 1].gap.strip():
                k += 1
            after = items[k]
            name = lex.strip_particle(after.text)
            nxt = titles[k + 1] if k + 1 < len(items) and not items[k + 1].gap.strip() else None
            if name != word.text and _name_text(name, after, lex) and nxt is None:
                org = _org_before(items, i, lex, text, base) or _title_org(titled_here[0], word.start, lex)
                found.append(_mention(name, titled_here[0], org, after.start))
                continue
            if foreign := _foreign_after(items, k, lex):  # 최고경영자 일론 머스크가
                org = _org_before(items, i, lex, text, base) or _title_org(titled_here[0], word.start, lex)
                found.append(_mention(foreign, titled_here[0], org, after.start))
                continue
        if length == 1 and (spaced := _one_syllable_first_name(items, i, lex, titles)) is not None:
            found.append(spaced)
            continue
        if not surname_length(word.text) or not is_name(word, lex) or _university(items, i, lex):
            if i + 1 >= size or not titles[i + 1]:
                continue  # what follows is no title: no body run into a name before one
            split = _org_then_name(items, i, lex, titles)
            if split:
                name, org_end = split
                org = _org_before(items, i, lex, text, base)
                start = org[1] if org else word.start
                org_text = text[start - base:org_end - base]
                found.append(_mention(name, titles[i + 1][0], (org_text, start, org_end), org_end))
            continue
        middle: list[Word] = []
        j = i + 1
        while j < len(items) and j <= i + 4 and not items[j].gap.strip():
            titled = titles[j]
            if titled:
                while len(middle) > 1 and middle[-1].text.endswith(lex.field_endings):
                    middle.pop()  # 인하대 소비자학 교수: the field of study is no part of the body
                if middle:
                    org = (text[middle[0].start - base:middle[-1].end - base], middle[0].start, middle[-1].end)
                else:
                    org = _org_before(items, i, lex, text, base) or _title_org(titled[0], items[j].start, lex)
                first = _foreign_first_names(items, i, middle, lex)
                if first:  # 에마뉘엘 마크롱 프랑스 대통령: the whole name
                    mention = _mention(f"{first} {word.text}", titled[0], org, word.start - len(first) - 1)
                else:
                    mention = _mention(word.text, titled[0], org, word.start)
                found.append(mention)
                found.extend(_listed_before(items, i, titled[0], lex))
                break
            if not middle and items[j].text in lex.between:  # 이명박 당시 대통령
                j += 1
                continue
            if not _orgish(items[j], lex) or (is_name(items[j], lex) and not _university(items, j, lex)):
                break
            middle.append(items[j])
            j += 1
    if "(" in text:
        found.extend(_bracketed(paragraph, lex))
    if "/" in text:  # a caption's slash
        found.extend(m for match in _CAPTION.finditer(text) if (m := _caption(match, words(paragraph), base, lex)))
    # a part in the credits ends a word (a colon or a space after it): the credits are searched where one does
    for match in lex.credit_pattern.finditer(text) if credited or not lex.credit_roles_are_words else ():
        if lex.surname_length(match.group("name")) and match.group("name") not in lex.not_names:
            found.append(PersonMention(match.group("name"), None, None, base + match.start("name"),
                                       base + match.end("name")))
    if "(" in text:
        found.extend(_aged(text, base, lex))
    if "씨" in text or "양" in text or "군" in text:  # every form below ends with one of them
        found.extend(_honorific(paragraph, lex))
    return [_apposed_title(m, text, base, lex) for m in found]


def _bracketed(paragraph: Paragraph, lex: Lexicon) -> list[PersonMention]:
    """광주광역시(시장 강기정): a title and a name in brackets after a body."""
    found: list[PersonMention] = []
    text, base, ends = paragraph.text, paragraph.start, columns(paragraph).ends
    for match in _PAREN.finditer(text):
        title, name = match.group("title"), match.group("name")
        if not lex.is_title(title) or not lex.surname_length(name):
            continue
        k = bisect_left(ends, base + match.start())  # the word that ends where the bracket opens, if one does
        before = [words(paragraph)[k]] if k < len(ends) and ends[k] == base + match.start() else []
        org = None
        if before and _proper_org(before[0], lex):
            org = (before[0].text, before[0].start, before[0].end)
        found.append(_mention(name, title, org, base + match.start("name")))
    return found


def _aged(text: str, base: int, lex: Lexicon) -> list[PersonMention]:
    """이경우(36)와: a whole name with an age."""
    found: list[PersonMention] = []
    for match in _AGED.finditer(text):
        name = match.group("name")
        if _aged_name(name, lex) and 0 < int(match.group("age")) < 120:
            found.append(PersonMention(name, None, None, base + match.start(), base + match.start() + len(name)))
    return found


def _honorific(paragraph: Paragraph, lex: Lexicon) -> list[PersonMention]:
    """이경우 씨, 수현 씨, and the pseudonyms (A씨, 김모(45)씨, 박 모 양): a name or a surname before 씨, 양 or 군."""
    found: list[PersonMention] = []
    text, base = paragraph.text, paragraph.start
    windows = _honorific_windows(text)
    for match in _matches_in(_NAMED, text, windows):  # 이경우 씨는: a whole name with 씨 is the person, named without it
        name, word = match.group("name"), word_at(paragraph, base + match.start())
        if word is not None and _name_text(name, word, lex) and not _counted(word):
            found.append(PersonMention(name, None, None, base + match.start(), base + match.start() + len(name)))
    for match in _matches_in(_GIVEN, text, windows):
        word = word_at(paragraph, base + match.start())
        if word is not None and word.tokens and word.tokens[0].tag == "NNP" \
                and word.tokens[0].end == word.start + 2 and (word.end == word.start + 2 or (word.tokens[1:2]
                                                              and word.tokens[1].form == "씨")) \
                and match.group("name") not in lex.not_names and not lex.is_org_word(match.group("name")) \
                and not (match.group("name")[1] == "모" and match.group("name")[0] in lex.surnames):  # 박모씨
            found.append(PersonMention(match.group("name"), None, None, base + match.start(), base + match.start() + 2))
    for match in _matches_in(_PSEUDONYM, text, windows):
        surname = match.group("surname")
        if (surname and surname not in lex.surnames and surname not in lex.double_surnames) \
                or match.group(0).replace(" ", "") in lex.not_names:
            continue  # 날씨, 솜씨: not a surname before 씨; 양 군: both armies
        found.append(PersonMention(match.group(0), None, None, base + match.start(), base + match.end()))
    return found


_HONORIFIC = re.compile("[씨양군]")  # the last character of every match of _NAMED, _GIVEN and _PSEUDONYM
_HONORIFIC_REACH = 23  # the most characters of such a match before its last one (_PSEUDONYM: 김모 (15·서울 거주) 씨)


def _honorific_windows(text: str) -> list[tuple[int, int]]:
    """The stretches of `text` where a match of _NAMED, _GIVEN or _PSEUDONYM may be: from _HONORIFIC_REACH
    characters before each 씨, 양 or 군 to the character after it, stretches that meet joined.

    No match of a whole-text search crosses the start of a stretch (it would end at a 씨, 양 or 군 of the stretch
    before, which would then meet this one), and none ends past the character before its end (the last character of
    a match is a 씨, 양 or 군 whose own stretch goes further): each stretch searched on its own gives the same
    matches as the whole text, the patterns' look-behinds reading the text before a stretch as they do anyway."""
    windows: list[tuple[int, int]] = []
    size = len(text)
    for match in _HONORIFIC.finditer(text):
        start, end = max(0, match.start() - _HONORIFIC_REACH), min(size, match.start() + 2)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def _matches_in(pattern: regex.Pattern[str], text: str, windows: list[tuple[int, int]]) -> Iterator[regex.Match[str]]:
    """pattern.finditer(text), searched only in the windows (see `_honorific_windows`)."""
    for start, end in windows:
        yield from pattern.finditer(text, start, end)


_APPOSED = regex.compile(r"(?<![가-힣A-Za-z])(?P<title>[가-힣A-Za-z]{1,12})인\s?$")


def _apposed_title(mention: PersonMention, text: str, base: int, lex: Lexicon) -> PersonMention:
    """교사인 A 씨, 변호사인 김철수 씨: a title or an occupation (`roles`) with the copula 인 right before a person
    with no title is the person's title."""
    if mention.title is not None:
        return mention
    match = _APPOSED.search(text, max(0, mention.start - base - 16), mention.start - base)
    if match and (lex.is_title(match.group("title")) or match.group("title") in lex.roles):
        return dataclasses.replace(mention, title=match.group("title"))
    return mention


def _proper_word(word: Word, lex: Lexicon, last: bool) -> str | None:
    """The word as a part of a foreign name: one proper noun to Kiwi (the last part may carry a particle)."""
    stem = lex.strip_particle(word.text) if last else word.text
    inside = [t for t in word.tokens if t.start < word.start + len(stem)]
    if len(inside) != 1 or inside[0].tag != "NNP" or inside[0].end != word.start + len(stem) \
            or lex.is_title(stem) or lex.is_org_word(stem) or stem in lex.not_names or stem in COUNTRY_WORDS \
            or stem in lex.place_words:
        return None
    return stem


def _foreign_after(items: list[Word], j: int, lex: Lexicon) -> str | None:
    """A foreign name of two or three words after a title (최고경영자 일론 머스크가): proper nouns, the run ended by
    a particle or punctuation."""
    parts: list[str] = []
    for k in range(j, min(j + 3, len(items))):
        if k > j and items[k].gap != " ":
            break
        last = lex.strip_particle(items[k].text) != items[k].text
        part = _proper_word(items[k], lex, last)
        if part is None or lex.surname_length(part):
            return None
        parts.append(part)
        if last:
            break
        if k + 1 < len(items) and (items[k + 1].gap != " " or not _proper_word(items[k + 1], lex, True)):
            break
    return " ".join(parts) if len(parts) >= 2 else None


_HOME = frozenset({"한국", "대한민국", "우리나라"})


def _foreign_first_names(items: list[Word], i: int, middle: list[Word], lex: Lexicon) -> str | None:
    """에마뉘엘 마크롱 프랑스 대통령: the first names written before a name (one space apart, proper nouns to Kiwi, not
    shaped like a Korean name) when a foreign country's name follows it before the title."""
    if not middle or middle[0].text not in COUNTRY_WORDS or middle[0].text in _HOME:
        return None
    parts: list[str] = []
    k = i
    while k > 0 and len(parts) < 2 and items[k].gap == " ":
        part = _proper_word(items[k - 1], lex, False)
        if part is None or lex.surname_length(part) or len(part) < 2:
            break
        parts.insert(0, part)
        k -= 1
    return " ".join(parts) or None


def _one_syllable_first_name(items: list[Word], i: int, lex: Lexicon, titles: list[tuple[str, int] | None]) -> PersonMention | None:
    """조 바이든 미국 대통령: a foreign name whose first part is one syllable, before a title only people carry
    (`person_titles`), a country's name between. 김 수석, 박 전 대통령 are a surname and a title."""
    word = items[i]
    if len(word.text) != 1 or word.text in lex.between or i + 2 >= len(items) or items[i + 1].gap != " ":
        return None
    last = _proper_word(items[i + 1], lex, False)
    if last is None or len(last) < 2 or lex.surname_length(last):
        return None
    k = i + 2
    if items[k].gap == " " and items[k].text in COUNTRY_WORDS and k + 1 < len(items):
        k += 1
    titled = titles[k] if items[k].gap == " " else None
    if not titled or titled[0].split()[0] not in lex.person_titles:
        return None
    return PersonMention(f"{word.text} {last}", titled[0], None, word.start, items[i + 1].end)


_LIST_GAPS = frozenset({",", "·", "ㆍ", "、"})


def _listed_before(items: list[Word], i: int, title: str, lex: Lexicon) -> list[PersonMention]:
    """김무성, 이완구, 안철수 의원: the names listed right before a name and its title share the title."""
    found = []
    k = i
    while k > 0 and items[k].gap.strip() in _LIST_GAPS and items[k].gap.strip() and is_name(items[k - 1], lex) \
            and not lex.is_title(items[k - 1].text):
        k -= 1
        found.append(PersonMention(items[k].text, title, None, items[k].start, items[k].end))
    return found


def _caption(match: regex.Match[str], items: list[Word], base: int, lex: Lexicon) -> PersonMention | None:
    """The speaker of a caption (see _CAPTION): the name, and the title and body written after the slash. A name of
    several words must be proper nouns to Kiwi; with no title, only a Korean name is a speaker (김무성 / 서울 남영동)."""
    name, start = match.group("name"), base + match.start("name")
    end = start + len(name)
    first = bisect_left(items, start, key=_WORD_START)
    named = items[first:bisect_left(items, end, first, key=_WORD_START)]
    if not named or any(lex.is_title(w.text) or lex.is_org_word(w.text) or w.text in lex.not_names for w in named):
        return None
    if len(named) > 1:
        inside = [t for w in named for t in w.tokens]
        if not inside or any(t.tag not in ("NNP", "SL") for t in inside):
            return None
    elif not is_name(named[0], lex):
        return None
    desc_first = bisect_left(items, base + match.start("desc"), key=_WORD_START)
    desc = items[desc_first:bisect_left(items, base + match.end("desc"), desc_first, key=_WORD_START)]
    if not desc or not lex.is_title(desc[-1].text):
        korean = len(named) == 1 and len(name) >= 3 and lex.surname_length(name)
        return PersonMention(name, None, None, start, end) if korean else None
    body = desc[:-1]
    country = False
    while body and body[0].text in COUNTRY_WORDS:
        body.pop(0)  # 이탈리아 동물보호 활동가: a country is no body, and what follows it must be a body's name
        country = True
    if country and body and not (lex.is_org_word(body[-1].text) or lex.kind_by_ending(body[-1].text)):
        body = []
    while len(body) > 1 and body[-1].text.endswith(lex.field_endings):
        body.pop()  # 인하대 소비자학 교수
    if body and all(_orgish(w, lex) for w in body) and _proper_org(body[0], lex) \
            and (len(body) == 1 or _proper_org(body[-1], lex) or body[0].text.endswith("대")):
        org = (" ".join(w.text for w in body), body[0].start, body[-1].end)
        if match.string[org[1] - base:org[2] - base] == org[0]:
            return dataclasses.replace(_mention(name, desc[-1].text, org, start), org_unsure=True)
    return _mention(name, desc[-1].text, None, start)


def _org_then_name(items: list[Word], i: int, lex: Lexicon, titles: list[tuple[str, int] | None]) -> tuple[str, int] | None:
    """AI대학원정송 원장: a word that runs an organisation into a name (a space lost), before a title."""
    word = items[i]
    if i + 1 >= len(items) or items[i + 1].gap.strip() or not titles[i + 1]:
        return None
    for length in (3, 2):
        head, name = word.text[:-length], word.text[-length:]
        suffix = lex.org_suffix(head)
        if len(head) >= 2 and (head in lex.gazetteer_names or (suffix and len(head) > len(suffix))) \
                and lex.surname_length(name) == 1 and name not in lex.not_names:
            return name, word.start + len(head)
    return None


def _name_text(name: str, word: Word, lex: Lexicon) -> bool:
    """A name written as `word` (perhaps with a particle after it)."""
    if not lex.surname_length(name):
        return False
    if len(name) == 2:
        return bool(word.tokens) and word.tokens[0].tag == "NNP"
    named = Word(name, word.start, word.start + len(name), word.gap,
                 tuple(t for t in word.tokens if t.start < word.start + len(name)))
    return _nominal(named) and not _common_word(named)


_TIME_WORDS = frozenset({"전", "현"})
_SURNAME_TITLE = regex.compile(r"(?<![가-힣])(?P<surname>[가-힣]{1,2})\s(?P<title>\d{0,2}[가-힣]{1,10})")


# What regex's \s matches (Unicode's White_Space), and characters that are never part of a match of _SURNAME_TITLE
_SPACES = frozenset("\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                    "\u2028\u2029\u202f\u205f\u3000")
_NEVER_IN_A_MATCH = frozenset("‘’“”·…「」『』《》〈〉【】（）［］、。，：；！？～")
_SURNAME_TITLE_LONGEST = 15  # a match of _SURNAME_TITLE: two syllables, a space, two digits and ten syllables


def _surname_titles(body: str, heads: set[str]) -> Iterator[regex.Match[str]]:
    """The matches of _SURNAME_TITLE that `_SURNAME_TITLE.finditer(body)` gives whose title starts with one of
    `heads`, and perhaps a few more (in order, each once), found without searching the whole body.

    Such a title starts at a place where `body` writes a head after a space. The search for it starts at the
    nearest place before where no match can be under way (`_fresh`), and no further back than where the previous
    search left off (the whole-body search is known up to there): the searches together read each stretch once."""
    places = sorted({at for head in heads for at in _occurrences(body, head) if at >= 2 and body[at - 1] in _SPACES})
    size = len(body)
    known = 0  # a place where the whole-body search is looking for a match, none found after it yet
    for at in places:  # where a title starts: its match starts two or three characters before (surname, space)
        if at - 2 < known:
            continue  # searched already
        start = _fresh(body, max(at - 3, known), known)
        end = start
        # no match that starts by at - 2 reaches past at + 13: the search may stop a little after
        for match in _SURNAME_TITLE.finditer(body, start, min(size, at + _SURNAME_TITLE_LONGEST + 1)):
            if match.start() > at - 2:
                break
            yield match
            end = match.end()
        known = max(end, at - 1)


def _occurrences(text: str, part: str) -> Iterator[int]:
    at = text.find(part)
    while at >= 0:
        yield at
        at = text.find(part, at + 1)


def _fresh(body: str, at: int, floor: int) -> int:
    """A place at or before `at` (and not before `floor`, taken as one) where no match of _SURNAME_TITLE is under
    way: the character before it can be in no match (neither Hangul nor a digit nor a space), or it is a space after
    something other than a word of one or two syllables (the surname before a match's one space)."""
    while at > floor:
        char = body[at - 1]
        if "가" <= char <= "힣":
            at -= 1
        elif char in _SPACES:
            run = 0  # the syllables written right before the space, up to three
            while run < 3 and at - 2 - run >= 0 and "가" <= body[at - 2 - run] <= "힣":
                run += 1
            if run in (0, 3):
                return at
            at -= 1 + run  # a word of one or two syllables: perhaps a surname, whose match goes on after the space
        elif char in _NEVER_IN_A_MATCH or (char.isascii() and not char.isdigit()):
            return at
        else:  # a digit (a title may start with two), or a character not known to be in no match
            at -= 1
    return floor


def back_references(body: str, people: list[PersonMention], lex: Lexicon) -> list[PersonMention]:
    """오 시장은, 강 시장: a surname and a title naming exactly one person already found."""
    by_key: dict[tuple[str, str], set[str]] = {}
    titles: dict[str, PersonMention] = {}
    for person in people:
        if not person.title or person.name.endswith("씨"):
            continue
        titles.setdefault(person.name, person)
        surname = person.name[: lex.surname_length(person.name)]
        head = person.title.split()[0]
        for title in {head, lex.base_title(head)}:
            if title:
                by_key.setdefault((surname, title), set()).add(person.name)
    if not by_key:
        return []
    found = []
    surnames = {surname for surname, _ in by_key}
    taken = bytearray(len(body) + 1)  # characters inside a mention already found
    for person in people:
        taken[person.start:person.end] = b"\x01" * (person.end - person.start)
    for match in _surname_titles(body, {title for _, title in by_key}):
        if match.group("surname") not in surnames:
            continue  # no person found has that surname
        title = lex.strip_particle(match.group("title"))
        names = by_key.get((match.group("surname"), title))
        if names and len(names) == 1 and match.group("surname") + title not in lex.not_names:
            name = next(iter(names))
            start, end = match.start(), match.start("title") + len(title)
            former = match.group("surname") in _TIME_WORDS and start >= 2 and taken[start - 2]
            if not taken[start] and not former:  # 전두환 전 대통령: 전 after a name is "former"
                person = titles[name]
                found.append(PersonMention(name, person.title, person.organisation, start, end))
    return found


_BARE = regex.compile(r"(?P<surname>[가-힣]{1,2})\s?(?P<word>씨|양|군)")
_BARE_WORDS = ("씨", "양", "군")  # the last character of a match of _BARE
_MENTION_START = attrgetter("start")


def link_pseudonyms(people: list[PersonMention], lex: Lexicon) -> list[PersonMention]:
    """유 씨 after 유 모 씨, 이 씨 after 이경우 씨: a surname with 씨 (양, 군) is the one person of that surname named
    before it (a pseudonym with 모 or a whole name); with two such people it stays as written."""
    found: list[PersonMention] = []
    earlier: dict[str, set[str]] = {}
    first: dict[str, PersonMention] = {}
    for person in sorted(people, key=_MENTION_START):
        bare = _BARE.fullmatch(person.name) if person.name.endswith(_BARE_WORDS) else None
        if bare and bare.group("surname") in lex.all_surnames:
            names = earlier.get(bare.group("surname"), set())
            if len(names) == 1:
                source = first[next(iter(names))]
                person = PersonMention(source.name, source.title, source.organisation, person.start, person.end)
            found.append(person)
            continue
        length = lex.surname_length(person.name.replace(" ", "")[:4]) or (
            1 if person.name[:1] in lex.surnames and "모" in person.name[1:3] else 0)
        if length:
            earlier.setdefault(person.name[:length], set()).add(person.name)
            first.setdefault(person.name, person)
        found.append(person)
    return found


def plausible(people: list[PersonMention], paragraphs: list[Paragraph], lex: Lexicon,
              found: list[PersonMention] | None = None) -> list[PersonMention]:
    """The entity model's people less the local governments' names not shaped like a Korean name (트렌토시 시장:
    the city, whose mayor the title is) or ending with 시 (김포시), the bodies' names with a particle Kiwi
    leaves on them (애플의), the names not shaped like a Korean name that Kiwi reads as common nouns at most of
    their mentions (정상회담: a proper noun once, common nouns five times), and the facilities named by their ending
    (경전선 with 노선 in the article; not a name of `found`, the people the title rules found)."""
    if not people:
        return []
    facilities = _facilities(people, found or [], paragraphs, lex)
    where = _Where(paragraphs)
    votes: dict[str, int] = {}  # name -> mentions with a proper noun, less those without
    for person in people:
        named = any(t.tag in ("NNP", "SL", "SH") for t in where.tokens(person.start, person.end))
        votes[person.name] = votes.get(person.name, 0) + (1 if named else -1)
    proper = {name for name, vote in votes.items() if vote >= 0}
    bands = music_groups(paragraphs, lex)
    people = [_after_genitive(p, lex, bands) for p in people]
    unquoted = {p.name for p in people if not _in_quoted_phrase(p, where)}  # named at least once outside quotes
    return [p for p in people if lex.strip_particle(p.name) not in bands and not (lex.is_local_government(p.name) and (not lex.surname_length(p.name)
                                                                           or p.name.endswith(_CITY)))
            and not (lex.strip_particle(p.name) != p.name and lex.is_org_word(lex.strip_particle(p.name)))
            and (p.name in proper or lex.surname_length(p.name.replace(" ", "")) or p.title)
            and not _inside_word(p, where, lex) and not known_common_noun(p.name) and p.name not in facilities
            and not (p.title is None and (_place_or_thing(p.name, lex)
                                          or (p.name not in unquoted and _in_quoted_phrase(p, where))))]


def _facilities(people: list[PersonMention], found: list[PersonMention], paragraphs: list[Paragraph],
                lex: Lexicon) -> set[str]:
    """The names of `people` that name a facility by its ending (경전선, 정자교, 수서역): one word, never with a title,
    not found by the title rules, ending with one of names.toml's `facility_endings` while the article writes one of
    the words for that kind of facility (노선, 보행로, 승강장)."""
    endings = lex.facility_suffixes
    if not any(p.name.endswith(endings) for p in people):
        return set()  # no name ends like a facility (one look-up of all the endings per name)
    titled = {p.name for p in people if p.title} | {p.name for p in found}
    suspects = {p.name for p in people if " " not in p.name and p.name not in titled
                and any(p.name.endswith(e) and len(p.name) > len(e) for e, _ in lex.facility_endings)}
    if not suspects:
        return set()
    written = {lex.strip_particle(text) for paragraph in paragraphs for text in columns(paragraph).texts}
    return {name for name in suspects
            if any(name.endswith(e) and len(name) > len(e) and not kinds.isdisjoint(written)
                   for e, kinds in lex.facility_endings)}


class _Where:
    """An article's paragraphs by where they start: the paragraph of a mention by a binary search, and what is
    read of a paragraph for its mentions (its first opening quotation mark, its quoted phrases) read once."""

    def __init__(self, paragraphs: list[Paragraph]) -> None:
        self.paragraphs = paragraphs
        self.starts = [p.start for p in paragraphs]
        self.ordered = all(map(lt, self.starts, self.starts[1:]))  # as `segment` gives them: in the body's order
        self._openings: dict[int, int] = {}
        self._indices: dict[tuple[int, int], int | None] = {}
        self._quoted: dict[int, tuple[list[int], list[re.Match[str]]]] = {}

    def index(self, start: int, end: int) -> int | None:
        """The index of the first paragraph that holds the characters start to end (remembered per span)."""
        key = (start, end)
        if key in self._indices:
            return self._indices[key]
        found = self._indices[key] = self._index(start, end)
        return found

    def _index(self, start: int, end: int) -> int | None:
        if self.ordered:
            k = bisect_right(self.starts, start) - 1
            if k >= 0 and end <= self.starts[k] + len(self.paragraphs[k].text):
                return k
            return None
        for k, paragraph in enumerate(self.paragraphs):
            if paragraph.start <= start and end <= paragraph.start + len(paragraph.text):
                return k
        return None

    def tokens(self, start: int, end: int) -> Sequence[Token]:
        """The tokens that start from `start` up to `end`."""
        k = self.index(start, end)
        if k is None or not self.ordered:  # no paragraph holds the span: every token of the article
            every = [t for p in self.paragraphs for t in p.tokens]
            starts = [t.start for t in every]
            first = bisect_left(starts, start)
            return every[first:bisect_left(starts, end, first)]
        tokens = self.paragraphs[k].tokens
        first = bisect_left(tokens, start, key=_START)
        return tokens[first:bisect_left(tokens, end, first, key=_START)]

    def opening(self, k: int) -> int:
        """Where paragraph k's first opening quotation mark is (its length when it has none)."""
        found = self._openings.get(k)
        if found is None:
            text = self.paragraphs[k].text
            match = _OPENING.search(text)
            found = self._openings[k] = match.start() if match else len(text)
        return found

    def quoted(self, k: int, at: int) -> list[re.Match[str]]:
        """The quoted phrase of paragraph k (a match of _QUOTED) that may hold the character at `at`: the last one
        whose inside starts by then (the phrases do not overlap), as a list of one, or none."""
        found = self._quoted.get(k)
        if found is None:
            matches = list(_QUOTED.finditer(self.paragraphs[k].text))
            found = self._quoted[k] = ([m.start("inside") for m in matches], matches)
        before = bisect_right(found[0], at)
        return found[1][before - 1:before] if before else []


_GLUED = re.compile(r"(?:\([^()]{1,20}\))?(?P<rest>[가-힣A-Za-z0-9]+)")  # explicit classes: `re` reads them as `regex`
# What may be written onto a name: a particle (stripped first), a copula (이었다, 이라는, 라는), 씨, 양, 군, 님
_ONTO_NAME = ("이", "였", "라", "란", "랑", "야", "여", "씨", "양", "군", "님", "측", "들")


def _inside_word(person: PersonMention, where: _Where, lex: Lexicon) -> bool:
    """A name cut inside a longer word (김책공업종합대학, 에인트호번, 연평해전), or with a Hanja or other aside in
    brackets and an ending written after them (장쑤(江蘇)성, 허난(河南)대학): a part of a place's or a body's name."""
    k = where.index(person.start, person.end)
    if k is None:
        return False  # nothing written after it
    paragraph = where.paragraphs[k]
    after = person.end - paragraph.start
    glued = _GLUED.match(paragraph.text, after)  # the pattern looks at nothing before where it starts
    if not glued:
        return False
    rest = glued.group("rest")
    if glued.start("rest") > after and rest in lex.particles:
        return False  # 김민수(26)의
    return lex.strip_particle(rest) not in lex.particles and not (len(rest) <= 4 and rest.startswith(_ONTO_NAME))


def _place_or_thing(name: str, lex: Lexicon) -> bool:
    """불암산, 과학관 (not shaped like a Korean name, with a place's ending), 회현사거리, 신라면 (a thing's ending)."""
    if " " in name:
        return False
    return (name.endswith(lex.thing_endings) and any(name.endswith(e) and len(name) > len(e) for e in lex.thing_endings)) \
        or (name.endswith(lex.place_endings) and not lex.surname_length(name)
            and any(name.endswith(e) and len(name) > len(e) for e in lex.place_endings))


_QUOTED = re.compile(r"['‘\"“](?P<inside>[^'‘’\"“”]{1,20})['’\"”]")
_OPENING = re.compile(r"['‘\"“]")


def _in_quoted_phrase(person: PersonMention, where: _Where) -> bool:
    """A name inside a short quoted phrase that holds more than the name (a title, a slogan, a product: '마른 장마',
    '와퍼의 날', '점핑, 드리밍, 러브, 달리'); '성보라' 역, a name quoted alone, stays."""
    k = where.index(person.start, person.end)
    if k is None:
        return False  # no text around it, no quotation mark
    paragraph = where.paragraphs[k]
    at = person.start - paragraph.start
    if where.opening(k) >= at:
        return False  # a quoted phrase around the name opens before it
    if paragraph.text.startswith(person.name, at) and len(person.name) == person.end - person.start:
        matches: Iterable[re.Match[str]] = where.quoted(k, at)  # the name as written: the paragraph's phrases
    else:
        text = paragraph.text
        matches = _QUOTED.finditer(text[:at] + person.name + text[person.end - paragraph.start:])
    for match in matches:
        if match.start("inside") <= at and at + len(person.name) <= match.end("inside"):
            return match.group("inside").strip() != person.name
    return False


_CITY = "시"  # 김포시, 평택시: a Korean given name hardly ends with 시, so such a name is the city


def set_aside_unsure(people: list[PersonMention]) -> tuple[list[PersonMention], dict[int, PersonMention]]:
    """The mentions without the bodies they are unsure of, and those mentions by start (see `restore_unsure`)."""
    unsure = {p.start: p for p in people if p.org_unsure}
    return [dataclasses.replace(p, organisation=None, org_start=None, org_end=None) if p.org_unsure else p
            for p in people], unsure


def restore_unsure(people: list[PersonMention], unsure: dict[int, PersonMention]) -> list[PersonMention]:
    """The bodies set aside, given back where they are no person of the article (토드 블란취 / 트럼프 변호사: 트럼프 is
    a person, not 토드 블란취's organisation)."""
    names = {p.name for p in people} | {p.name.split()[-1] for p in people if " " in p.name}
    restored = []
    for person in people:
        source = unsure.get(person.start)
        if source is not None and person.organisation is None and source.organisation not in names:
            person = dataclasses.replace(person, organisation=source.organisation, org_start=source.org_start,
                                         org_end=source.org_end)
        restored.append(person)
    return restored


def _mention(name: str, title: str, org: tuple[str, int, int] | None, start: int) -> PersonMention:
    if org is None:
        return PersonMention(name, title, None, start, start + len(name))
    return PersonMention(name, title, org[0], start, start + len(name), org[1], org[2])


def _after_genitive(person: PersonMention, lex: Lexicon, bands: frozenset[str]) -> PersonMention:
    """아스트로의 문빈, 아스트로 문빈 → 문빈: a name of several words with a genitive or a music group's name inside is
    the name after it."""
    if " " not in person.name:
        return person  # one word
    parts = person.name.split(" ")
    for k in range(len(parts) - 1, 0, -1):
        before = parts[k - 1]
        if (before.endswith("의") and lex.strip_particle(before) != before) or before in bands:
            name = " ".join(parts[k:])
            return dataclasses.replace(person, name=name, start=person.end - len(name))
    return person


def _proper_stem(word: Word, lex: Lexicon) -> str | None:
    """The word without its particle when Kiwi reads that stem as one proper noun (or Latin letters)."""
    stem = lex.strip_particle(word.text)
    first = word.tokens[0] if word.tokens else None
    if first is None or first.tag not in ("NNP", "SL") or first.start != word.start or \
            first.end not in (word.start + len(stem), word.end) or len(stem) < 2:  # Kiwi: 아스트로의/NNP
        return None
    if lex.is_title(stem) or lex.is_org_word(stem) or stem in lex.not_names or known_common_noun(stem):
        return None
    return stem


def _music_groups(paragraphs: list[Paragraph], lex: Lexicon) -> frozenset[str]:
    found = set()
    keys = lex.group_key_pattern  # one of its words is written in every paragraph that names a group
    for paragraph in paragraphs:
        if not keys.search(paragraph.text):
            continue
        items = words(paragraph)
        for i in range(len(items) - 1):
            if items[i].text.endswith("의") and items[i + 1].gap == " " and items[i + 1].text in lex.group_member_words \
                    and (name := _proper_stem(items[i], lex)) and name != items[i].text:
                found.add(name)  # 빅플로의 멤버 하이탑: a name whose member one is, with a genitive
                continue
            if items[i].text not in lex.group_words or items[i + 1].gap.strip() not in ("", "'", "‘", '"', "“"):
                continue
            if i > 0 and items[i].gap == " " and any(t.tag in ("NNP", "SL") for t in items[i - 1].tokens):
                continue  # 롯데 그룹 신동빈 회장: a conglomerate
            name = _proper_stem(items[i + 1], lex)
            titled = i + 2 < len(items) and not items[i + 2].gap.strip() and lex.is_title(
                lex.strip_particle(items[i + 2].text))
            if name and not titled:
                found.add(name)
    return frozenset(found)


def music_groups(paragraphs: list[Paragraph], lex: Lexicon) -> frozenset[str]:
    """The names written right after a word for a music group (그룹 아스트로, 걸그룹 '라니아'), or with a genitive
    before a word for a member (빅플로의 멤버 하이탑): groups, no people.

    The last article's answer is remembered (the people and organisation steps all ask), keyed by the paragraphs'
    texts and starts (which identify them, see Paragraph.__hash__: no token compared) and the word lists."""
    key = tuple((p.text, p.start) for p in paragraphs)
    last = _LAST_GROUPS[0]  # one read of a whole entry: threads may replace it meanwhile
    if last is not None and last[0] is lex and last[1] == key:
        return last[2]
    found = _music_groups(paragraphs, lex)
    _LAST_GROUPS[0] = (lex, key, found)
    return found


_LAST_GROUPS: list[tuple[Lexicon, tuple[tuple[str, int], ...], frozenset[str]] | None] = [None]


def members(paragraphs: list[Paragraph], people: list[PersonMention], lex: Lexicon) -> list[PersonMention]:
    """The members of the article's music groups: a proper noun written right after a group's name, its genitive
    or a word for a member (아스트로 문빈, 아스트로의 문빈이, 라니아 멤버 알렉산드라), at every mention of it; the word for a
    member written before it is its title (멤버)."""
    bands = music_groups(paragraphs, lex)
    if not bands:
        return []
    named: dict[str, str | None] = {}  # name -> the word for a member written before it (라니아 멤버 알렉산드라)
    for paragraph in paragraphs:
        items = words(paragraph)
        for i in range(len(items) - 1):
            if items[i].text not in bands and not (items[i].text.endswith("의") and items[i].text[:-1] in bands):
                continue  # 아스트로 문빈, 아스트로의 문빈 (not 아스트로가 문빈을)
            j, member = i + 1, None
            if items[j].gap == " " and items[j].text in lex.member_words and j + 1 < len(items):
                j, member = j + 1, items[j].text
            if items[j].gap == " " and (name := _proper_stem(items[j], lex)) and name not in bands:
                named[name] = named.get(name) or member
    if not named:
        return []
    taken = {(p.start, p.end) for p in people}
    found = []
    for paragraph in paragraphs:
        for word in words(paragraph):
            stem = lex.strip_particle(word.text)
            end = word.start + len(stem)
            if stem in named and word.tokens and word.tokens[0].end == end and (word.start, end) not in taken:
                found.append(PersonMention(stem, named[stem], None, word.start, end))
    return found


def played(paragraphs: list[Paragraph], lex: Lexicon) -> tuple[list[PersonMention], frozenset[str]]:
    """The actors of a recap's roles (정겨울(신고은 분): 신고은, a person) and the roles they play (정겨울, none)."""
    actors: list[PersonMention] = []
    roles: set[str] = set()
    for paragraph in paragraphs:
        if "(" not in paragraph.text:
            continue  # the actor is written in brackets
        for match in lex.played_pattern.finditer(paragraph.text):
            actor = match.group("actor")
            if not (lex.surname_length(actor.replace(" ", "")) or " " in actor) or actor in lex.not_names:
                continue
            roles.add(match.group("role"))
            start = paragraph.start + match.start("actor")
            actors.append(PersonMention(actor, None, None, start, start + len(actor)))
    return actors, frozenset(roles)


def not_roles(people: list[PersonMention], roles: frozenset[str], body: str, lex: Lexicon) -> list[PersonMention]:
    """The mentions less the roles played (see `played`): a mention written where a role's name, or its given name
    alone (겨울의 for 정겨울), is written (주애라는, read 주애)."""
    if not roles:
        return people
    given = {role[lex.surname_length(role):] for role in roles if len(role) >= 3 and lex.surname_length(role)}
    names = roles | {g for g in given if len(g) >= 2}

    by_length: dict[int, set[str]] = {}  # the roles by their length: a look-up per length, not per role
    for role in roles:
        by_length.setdefault(len(role), set()).add(role)

    def role_at(person: PersonMention) -> bool:
        stem = lex.strip_particle(person.name)
        if stem in names:
            return True
        return any(len(person.name) <= length and body[person.start:person.start + length] in written
                   for length, written in by_length.items())

    return [p for p in people if not role_at(p)]


_LIST_ITEM = r"[가-힣]{2,4}"
_LIST_ITEM_PATTERN = re.compile(_LIST_ITEM)  # compiled once; an explicit class: `re` reads it as `regex`
_LIST_SEPARATORS = ("-", "·", "ㆍ", ",")  # the separators of _LISTED
_THRICE = partial(le, 3)  # a count -> whether it is three or more
_LISTED = regex.compile(r"(?<![가-힣A-Za-z0-9])" + _LIST_ITEM + r"(?:(?P<sep>\s?[" + "".join(_LIST_SEPARATORS)
                        + r"]\s?)" + _LIST_ITEM
                        + r"(?:(?P=sep)" + _LIST_ITEM + r"){2,})(?![가-힣A-Za-z0-9])")


def listed_alike(paragraphs: list[Paragraph], people: list[PersonMention], lex: Lexicon) -> list[PersonMention]:
    """The other names of a list of four or more, one separator between them (한석규-안효섭-…-진경-…-고상호), when
    at least two thirds of its items are people found: the items of a list are alike. An item must be shaped like a
    Korean name and no title, body or word of `not_names`."""
    spans = {(p.start, p.end) for p in people}
    found: list[PersonMention] = []
    if not spans:
        return found  # no item of a list is a person found
    for paragraph in paragraphs:
        if not any(map(_THRICE, map(paragraph.text.count, _LIST_SEPARATORS))):
            continue  # a list of four writes one separator three times
        for match in _LISTED.finditer(paragraph.text):
            items = [(paragraph.start + m.start(), m.group(0))
                     for m in _LIST_ITEM_PATTERN.finditer(match.group(0))]
            items = [(start + match.start(), text) for start, text in items]
            named = [(start, text) for start, text in items if (start, start + len(text)) in spans]
            if 3 * len(named) < 2 * len(items):
                continue
            for start, text in items:
                if (start, start + len(text)) not in spans and lex.surname_length(text) \
                        and len(text) > lex.surname_length(text) and text not in lex.not_names \
                        and not lex.is_title(text) and not lex.is_org_word(text) and not known_common_noun(text):
                    found.append(PersonMention(text, None, None, start, start + len(text)))
    return found


_TITLE_BEFORE = regex.compile(r"(?:^|(?<=[\s(\[]))(?P<open>['‘\"“]?)(?P<title>[가-힣A-Za-z]{1,12})(?P<close>['’\"”]?)\s$")


def titled_before(people: list[PersonMention], body: str, lex: Lexicon) -> list[PersonMention]:
    """논설위원 조 씨가, '기자' 박모 씨: a title written right before a person with no title (quoted or not, one space
    between; a role of titles.toml's `roles` only quoted: '고문' 김연경) is the person's title, unless a person's name
    is written right before that title (김철수 회장 이영희 씨: the title is 김철수's)."""
    ends = {p.end for p in people}
    found = []
    for person in people:
        if person.title is None and person.start and body[person.start - 1] in _SPACES:  # _TITLE_BEFORE ends so
            match = _TITLE_BEFORE.search(body, max(0, person.start - 16), person.start)
            quoted = bool(match and match.group("open"))
            if match and ((lex.is_title(match.group("title")) and match.group("title") not in lex.not_names)
                          or (quoted and match.group("title") in lex.roles)) \
                    and bool(match.group("open")) == bool(match.group("close")) \
                    and not any(end in ends for end in range(match.start() - 2, match.start() + 1)):
                person = dataclasses.replace(person, title=match.group("title"))
        found.append(person)
    return found


def given_names(people: list[PersonMention], lex: Lexicon) -> list[PersonMention]:
    """해미 after 박해미: a name of two syllables with no title that is the given name of exactly one whole Korean name
    of the article (a surname and two syllables) written before it is that person."""
    by_given: dict[str, set[str]] = {}
    whole: dict[str, PersonMention] = {}
    for person in people:
        length = lex.surname_length(person.name)
        if " " not in person.name and length == 1 and len(person.name) == 3:
            by_given.setdefault(person.name[1:], set()).add(person.name)
            if person.name not in whole or person.start < whole[person.name].start:
                whole[person.name] = person
    found = []
    for person in people:
        names = by_given.get(person.name)
        if names and len(names) == 1 and person.title is None and whole[next(iter(names))].start < person.start:
            source = whole[next(iter(names))]
            person = dataclasses.replace(person, name=source.name, title=source.title,
                                         organisation=source.organisation, org_start=None, org_end=None)
        found.append(person)
    return found
