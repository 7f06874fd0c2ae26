"""Stage 6b, resolve organisations: gazetteer names, name suffixes, company markers,
and the organisations written next to people.

Data: `patterns/organisations/organisations.toml`. One record per organisation:
a gazetteer entry's first name is the record's name and its other names are
the aliases; every mention (of any alias) is listed with body offsets. A
mention must stand as a word of its own, optionally followed by a particle
(서울시는, but not 서울시장 or 서울시의회). Where mentions overlap, the longer wins.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import compress, islice
from operator import attrgetter, itemgetter
from typing import Any

import regex

from extract.entities.conventions import COUNTRIES, GENERIC_BODIES
from extract.entities.people import Columns, PersonMention, Word, columns, music_groups, words
from extract.lexicon import Lexicon, Memo, by_length, character_pairs, per_lexicon
from extract.segment import Paragraph


@dataclass
class OrgRecord:
    name: str
    kind: str
    aliases: list[str]
    mentions: list[tuple[int, int]] = field(default_factory=list)


def _kind_of(name: str, lex: Lexicon) -> str:
    entry = lex.gazetteer_entries.get(name)
    if entry is not None:
        return entry[1]
    if kind := lex.kind_by_ending(name):
        return kind
    return lex.gazetteer_kind_by_start(name) or "other"


def _canonical(name: str, lex: Lexicon) -> tuple[str, list[str]]:
    entry = lex.gazetteer_entries.get(name)
    if entry is not None:
        return entry[0][0], list(entry[0][1:])
    return name, []


_NO_SUFFIX, _SUFFIX_NAME, _SUFFIX_IF_ONE_NNP, _SUFFIX_IF_PROPER = range(4)


def _suffix_rule(stem: str, lex: Lexicon) -> int:
    """What a word whose stem (the word less its particle) is `stem` needs to name a body by its ending, from the
    text alone: nothing more (`_SUFFIX_NAME`), Kiwi's reading of it as one proper noun (`_SUFFIX_IF_ONE_NNP`), a
    proper noun before the suffix (`_SUFFIX_IF_PROPER`), or it names none (`_NO_SUFFIX`)."""
    if not stem:
        return _NO_SUFFIX
    suffix = lex.org_suffix(stem)
    if lex.is_office(stem) and stem[:-1] not in lex.not_names:
        return _SUFFIX_NAME  # 창원시청, 관악구청, 경기도청: a local government's office
    if suffix in lex.open_suffixes and (stem[:-len(suffix)].isdigit() or len(stem) >= len(suffix) + 2) \
            and stem[:-len(suffix)] not in lex.not_names and not lex.is_title(stem):
        return _SUFFIX_NAME  # 28사단, 축구대표팀: the suffix says enough with a number or two syllables before it
    if suffix is None:
        # 용인시는, 창원시: a one-syllable ending counts on a word Kiwi reads as one proper noun.
        return _SUFFIX_IF_ONE_NNP if lex.is_local_government(stem) and stem not in lex.not_names else _NO_SUFFIX
    if len(stem) <= len(suffix) or stem[: -len(suffix)] in lex.not_names or lex.is_title(stem):
        return _NO_SUFFIX
    # a one-syllable suffix (넷) needs a proper noun before it: 신화넷, not 초고속인터넷
    return _SUFFIX_NAME if len(suffix) > 1 and len(stem) >= len(suffix) + 3 else _SUFFIX_IF_PROPER


def _suffix_orgs(word: Word, lex: Lexicon) -> str | None:
    stem = lex.strip_particle(word.text)
    rule = _tables(lex).suffix_rule(stem)
    if rule == _SUFFIX_NAME:
        return stem
    if rule == _SUFFIX_IF_ONE_NNP:
        token = word.tokens[0] if word.tokens else None
        return stem if token is not None and token.tag == "NNP" and token.end == word.start + len(stem) else None
    if rule == _SUFFIX_IF_PROPER:
        before = word.start + len(stem) - len(lex.org_suffix(stem) or "")
        return stem if any(t.tag in ("NNP", "SL") and t.start < before for t in word.tokens) else None
    return None


# What a word can do in the organisation step, from its text alone (`_word_role`, remembered per text): a word
# whose role is 0, after a word whose role has no bit of `_AS_WORD` and before one whose role has none of `_AS_NEXT`,
# is passed over at one look-up; the others go through the step's checks, which are the same as before.
_SUFFIX = 1  # its ending can name a body (`_suffix_rule`): 서울시는, 한국전력공사
_TITLE = 2  # a title whose body the step takes: 중소기업은행장으로, 서초구청장
_DESCRIPTOR = 4  # a word for a kind of body, before its name: 시민단체
_QUOTED = 8  # a word for a kind of outlet, before its name in quotes: 언론
_UNIT = 16  # ends with a unit's suffix: 융합센터
_CONTEXT = 32  # after a name, a word for a body's people or holdings: 관계자
_MEMBER = 64  # after a name, a word for a group's member: 멤버
_UNIT_AFTER = 128  # after a body's name, a unit of it: 수의학과 (`_nested_unit`)
_TEAM_AFTER = 256  # after a word for a sport or a country, a team: 대표팀
_NEST_HEAD = 512  # a body's name a unit can be written after: 제주대, 관악구청 (not a trigger on its own)
_AS_WORD = _SUFFIX | _TITLE | _DESCRIPTOR | _QUOTED | _UNIT
_AS_NEXT = _CONTEXT | _MEMBER | _UNIT_AFTER | _TEAM_AFTER


def _word_role(text: str, lex: Lexicon, title_ends: tuple[tuple[int, frozenset[str]], ...]) -> int:
    """The bits of what a word written `text` can do (see `_SUFFIX` and the others), from its text alone."""
    stem = lex.strip_particle(text)
    role = _SUFFIX if _tables(lex).suffix_rule(stem) != _NO_SUFFIX else 0
    # a title with a body inside ends with a title (or a title's end) and has two characters or more before it
    if any(len(stem) >= length + 2 and stem[-length:] in ends for length, ends in title_ends) \
            and (inside := lex.organisation_in_title(stem)) \
            and (inside in lex.gazetteer_names or lex.is_local_government(inside)) \
            and not (lex.is_place_like(inside) and text[len(stem):] in lex.place_particles):
        role |= _TITLE
    if text in lex.descriptors:
        role |= _DESCRIPTOR
    if text in lex.quoted_descriptors:
        role |= _QUOTED
    if stem and stem[-1] in lex.unit_endings and any(stem.endswith(s) and len(stem) > len(s) for s in lex.unit_suffixes):
        role |= _UNIT
    if stem in lex.context_words:
        role |= _CONTEXT
    if stem in lex.group_member_words:
        role |= _MEMBER
    if stem in lex.team_words:
        role |= _TEAM_AFTER
    unit, unit_stem = _nested_unit(text, lex)
    if unit and not (lex.is_title(unit_stem) or unit_stem in lex.not_names or unit_stem in lex.context_words
                     or _tables(lex).suffix_rule(stem) == _SUFFIX_NAME):
        role |= _UNIT_AFTER
    if stem == text and len(stem) >= 2 and _nest_head(stem, lex):
        role |= _NEST_HEAD
    return role


def _busy(roles: list[int]) -> list[int]:
    """The indices, in order, of the words that can name a body or be named by the word after them."""
    busy: set[int] = set()
    for index in compress(range(len(roles)), roles):  # the few words with a role
        role = roles[index]
        if role & _AS_WORD:
            busy.add(index)
        if role & _AS_NEXT and index:
            busy.add(index - 1)
    return sorted(busy)


_PLACE = itemgetter(0, 1)  # a gazetteer name's entry and place in it
_INITIAL = itemgetter(slice(0, 1))  # a text's first character ("" for none)
_START = attrgetter("start")


class _Tables:
    """The organisation step's look-ups for one lexicon, remembered per text: a word's role (`_word_role`), a
    stem's suffix rule (`_suffix_rule`), a record's kind (`_kind_of`), whether a name is place-like and what a
    short form of a name can be (`_Fulls.shapes`)."""

    def __init__(self, lex: Lexicon) -> None:
        title_ends = by_length(lex.titles | lex.title_org_ends)
        self.role: Callable[[str], int] = Memo(lambda text: _word_role(text, lex, title_ends)).__getitem__
        self.suffix_rule: Callable[[str], int] = Memo(lambda stem: _suffix_rule(stem, lex)).__getitem__
        self.kind: Callable[[str], str] = Memo(lambda name: _kind_of(name, lex)).__getitem__
        self.place_like: Callable[[str], bool] = Memo(lex.is_place_like).__getitem__
        self.full_shapes: Callable[[str], tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...] | None]] = \
            Memo(lambda surface: _Fulls.shapes(surface, lex)).__getitem__


_tables = per_lexicon(_Tables)  # the tables of a lexicon, built once


_CLOSING_QUOTES = ("’", "'", "”", '"')
_ALIAS = r"\((?P<alias>[A-Z][A-Za-z&\-]{1,11}|[가-힣]{2,8}|\p{Han}{2,8})\)"
_ALIAS_AFTER = regex.compile(r"[’'”\"]?" + _ALIAS)  # after a name: a closing quote may come between


def _aliases_after(body: str, surface: str) -> list[str]:
    """The aliases of `regex.finditer(regex.escape(surface) + _ALIAS_AFTER.pattern, body)`'s matches, found by one
    pattern compiled once (not one per name) matched after each place the name is written, from the end of the
    previous match on, as that search goes."""
    found: list[str] = []
    end = 0
    for start in _occurrences(body, surface):
        if start >= end and (match := _ALIAS_AFTER.match(body, start + len(surface))):
            found.append(match.group("alias"))
            end = match.end()
    return found


def _named_by_context(word: Word, following: Word, lex: Lexicon) -> str | None:
    """네이버 관계자, 쿠팡 측, IBM의 주가: a proper noun (not a person's name), bare or with 의, before a word for
    a body's people or holdings."""
    if following.gap.strip() or lex.strip_particle(following.text) not in lex.context_words:
        return None
    tokens = word.tokens
    if len(tokens) == 2 and tokens[1].form == "의" and tokens[1].tag == "JKG" and word.text.endswith("의"):
        tokens = tokens[:1]
    name = word.text[:tokens[0].end - word.start] if tokens else ""
    ok = (len(tokens) == 1 and tokens[0].tag in ("NNP", "SL") and tokens[0].start == word.start
          and name in (word.text, word.text[:-1]) and not lex.surname_length(name) and name not in lex.not_names
          and len(name) >= 2)
    return name if ok else None


def _nested(word: Word, following: Word, lex: Lexicon) -> str | None:
    """국민의힘 서울시당, 제주대 수의학과, 관악구청 복지과, 국방부 감사관실: a body's unit written after the body's
    name as one more word, one organisation. The body is a known one, a word with a body's suffix, a local
    government's office or a university's short name (제주대: a proper noun ending with 대); the unit's word ends
    with a unit's ending (`nested_units`) and is longer than it."""
    head = word.text
    if following.gap != " " or not following.tokens or lex.strip_particle(head) != head or len(head) < 2:
        return None
    team = lex.strip_particle(following.text)
    if team in lex.team_words and (head in lex.team_fields or head in lex.countries or (
            len(word.tokens) == 1 and word.tokens[0].tag in ("NNP", "SL") and not lex.surname_length(head))):
        return f"{head} {team}"  # 한국 대표팀, 축구 대표팀: a team named by what it plays or whom it stands for
    unit, stem = _nested_unit(following.text, lex)
    if unit is None or lex.is_title(stem) or stem in lex.not_names or stem in lex.context_words \
            or _suffix_orgs(following, lex):
        return None  # 한국은행 금융통화위원회: two bodies side by side, each named on its own
    # the words before the unit's ending are nouns (Kiwi may read the ending itself as a particle: 수의학 + 과)
    inside = [t for t in following.tokens if t.start < following.start + len(stem) - len(unit)]
    if not inside or not all(t.tag.startswith(("NN", "SL", "SN", "XSN")) and t.tag != "NNB" for t in inside):
        return None
    university = head.endswith("대") and len(head) >= 3 and len(word.tokens) == 1 and word.tokens[0].tag == "NNP"
    body = head in lex.gazetteer_names or lex.org_suffix(head) not in (None, head) or university \
        or lex.is_office(head)
    return f"{head} {stem}" if body and not lex.is_place_like(head) else None


def _nested_unit(text: str, lex: Lexicon) -> tuple[str | None, str]:
    """The unit's ending a word written after a body's name ends with (see `_nested`), and the word it ends (the
    word less its particle, or the whole word: 복지과, where 과 is no particle): (None, the whole word) if none."""
    units, lengths = lex.nested_unit_lengths
    stem = text
    for stem in (lex.strip_particle(text), text):
        # the longest unit's ending the word ends with, with one more character before it (two before one character)
        for n in lengths:
            if len(stem) >= n + (2 if n == 1 else 1) and stem[-n:] in units:
                return stem[-n:], stem
    return None, stem


def _nest_head(head: str, lex: Lexicon) -> bool:
    """Whether a unit can be written after `head` (see `_nested`), from its text: a known body, a word with a
    body's suffix, a local government's office or a word that can be a university's short name, not a place."""
    body = head in lex.gazetteer_names or lex.org_suffix(head) not in (None, head) \
        or (head.endswith("대") and len(head) >= 3) or lex.is_office(head)
    return body and not lex.is_place_like(head)


_NAME_TAGS = ("NNP", "SL", "SH")


def _after_descriptor(word: Word, following: Word, lex: Lexicon) -> str | None:
    """시민단체 생활안전연합은, 제약사 한미약품은: the name written after a word for a kind of body."""
    if word.text not in lex.descriptors or following.gap != " " or not following.tokens:
        return None
    stem = lex.strip_particle(following.text)
    inside = [t for t in following.tokens if t.start < following.start + len(stem)]
    if len(stem) < 2 or not inside or inside[-1].end != following.start + len(stem) or lex.is_title(stem) \
            or stem in lex.context_words or stem in lex.not_names or stem in lex.references:
        return None
    if inside[0].tag == "SN" or not all(t.tag.startswith(("NN", "SL", "SH", "SN")) and t.tag != "NNB" for t in inside):
        return None  # 시민단체 회원들, 단체 5연패: a noun with a suffix or a count, no name
    return stem if any(t.tag in _NAME_TAGS for t in inside) or len(inside) >= 2 else None


def _group_before_member(items: list[Word], i: int, lex: Lexicon) -> str | None:
    """EXO 멤버 수호, 빅플로의 멤버 하이탑: a proper noun written right before a word for a group's member, bare or
    with 의 (Kiwi may read 빅플로의 as one proper noun), names a music group when it is Latin letters or a proper
    noun follows the member word."""
    word, member = items[i], items[i + 1]
    if member.gap != " " or lex.strip_particle(member.text) not in lex.group_member_words:
        return None
    stem = word.text[:-1] if word.text.endswith("의") and len(word.text) >= 3 else word.text
    inside = [t for t in word.tokens if t.start < word.start + len(stem)]
    if len(stem) < 2 or not inside or inside[-1].end not in (word.start + len(stem), word.end) \
            or not all(t.tag in ("NNP", "SL") for t in inside) or stem in lex.not_names or lex.is_title(stem):
        return None
    latin = all(t.tag == "SL" for t in inside)
    named = i + 2 < len(items) and items[i + 2].gap == " " and bool(items[i + 2].tokens) \
        and items[i + 2].tokens[0].tag == "NNP" and member.text in lex.group_member_words
    return stem if latin or named else None


def _legislatures(text: str, lex: Lexicon) -> list[str]:
    """미 상·하원, 영국 하원: a chamber (`legislatures`) written after its country, a word of its own."""
    if not lex.legislatures or not any(chamber in text for chamber in lex.legislatures):
        return []
    found = []
    for match in _legislature_pattern(lex).finditer(text):
        rest = _WORDRUN.match(text, match.end()).group(0)
        if not rest or rest in lex.particles:
            found.append(match.group(0))
    return found


_legislature_pattern: Callable[[Lexicon], regex.Pattern[str]] = per_lexicon(lambda lex: regex.compile(
    r"(?<![가-힣A-Za-z0-9])(?:" + "|".join(map(regex.escape, sorted(lex.countries, key=len, reverse=True)))
    + r") (?:" + "|".join(map(regex.escape, lex.legislatures)) + r")(?=[^가-힣A-Za-z0-9]|$|[가-힣]+)"))
# a country's name and a chamber after it (see `_legislatures`), compiled once for a lexicon


def _channels(body: str, names: dict[str, str], records: dict[str, OrgRecord], lex: Lexicon) -> None:
    """KBS2, EBS1: a media body's name with a channel number glued to it names the body."""
    for surface, record in list(names.items()):
        if record not in records or records[record].kind != "media" or surface[-1:].isdigit():
            continue
        for number in lex.channel_numbers:
            channel = surface + number
            if channel not in body or _first_standalone(body, channel, lex) is None:
                continue
            if channel in names:  # the model's EBS1 on its own: the broadcaster's record takes it
                if names[channel] != channel or records[channel].aliases or channel == record:
                    continue
                del records[channel]
            names[channel] = record
            records[record].aliases.append(channel)


_OPENING = ("'", "‘", '"', "“")


def _quoted_outlet(items: list[Word], i: int, text: str, base: int, lex: Lexicon) -> str | None:
    """언론 '소셜포커스'에는: one word in quotes right after a word for a kind of outlet is the outlet's name."""
    word, quoted = items[i], items[i + 1]
    if word.text not in lex.quoted_descriptors or quoted.gap not in tuple(" " + q for q in _OPENING):
        return None
    after = text[quoted.end - base:quoted.end - base + 1]
    if after not in _CLOSING_QUOTES or len(quoted.text) < 2 or not quoted.tokens or lex.is_title(quoted.text) \
            or quoted.text in lex.not_names or quoted.text in lex.references:
        return None
    return quoted.text if all(t.tag.startswith(("NN", "SL", "SN")) and t.tag != "NNB" for t in quoted.tokens) \
        and (len(quoted.tokens) >= 2 or quoted.tokens[0].tag in _NAME_TAGS) else None


def _after_a_title(name: str, body: str, lex: Lexicon) -> bool:
    """영국 배우 출신 케이티 루이스 사운더스: the name is written right after a title and a word of
    `person_after_title`, a person's place."""
    for start in _occurrences(body, name):
        before = body[max(0, start - 20):start].split()
        if len(before) >= 2 and before[-1] in lex.person_after_title and lex.is_title(before[-2]) \
                and body[start - 1:start] == " ":
            return True
    return False


def _unit(items: list[Word], j: int, text: str, base: int, lex: Lexicon) -> str | None:
    """공군AI 신기술 융합센터: a run of up to four words ending at items[j] with a unit's suffix, whose first word is
    a known body's name with more glued to it, and no particle or punctuation inside."""
    stem = lex.strip_particle(items[j].text)
    if j == 0 or not stem or stem[-1] not in lex.unit_endings \
            or not any(stem.endswith(s) and len(stem) > len(s) for s in lex.unit_suffixes):
        return None
    for k in range(j - 1, max(-1, j - 4), -1):
        if items[k + 1].gap != " " or items[k].text != lex.strip_particle(items[k].text) \
                or not all(t.tag.startswith(("NN", "SL", "SN", "XPN", "XSN")) for t in items[k].tokens):
            return None
        head = items[k].text
        if any(head.startswith(name) and len(head) > len(name) and name in lex.gazetteer_names
               for name in (head[:n] for n in range(2, len(head)))):
            return text[items[k].start - base:items[j].start - base + len(stem)]
    return None


# explicit character classes only: the standard `re` reads them as `regex` does, with less work per call
_WORDCHAR = re.compile(r"[가-힣A-Za-z0-9]")
_WORDRUN = re.compile(r"[가-힣A-Za-z0-9]*")
_LATIN_DIGIT = re.compile(r"[A-Za-z0-9]")


def _boundary_ok(body: str, start: int, end: int, lex: Lexicon) -> bool:
    """The name stands as a word: nothing word-like before it, and after it only a particle."""
    if start > 0 and _WORDCHAR.match(body[start - 1]):
        return False
    rest = _WORDRUN.match(body, end).group(0)
    if not rest:
        return True
    if _LATIN_DIGIT.match(rest) or (_LATIN_DIGIT.match(body[end - 1]) and rest[:1].isascii()):
        return False
    return rest in lex.particles


def _occurrences(body: str, surface: str) -> list[int]:
    found, start = [], body.find(surface)
    while start >= 0:
        found.append(start)
        start = body.find(surface, start + 1)
    return found


class _Taken:
    """The body characters already given to a mention: overlap checks cost the mention's length, not the
    number of mentions so far."""

    def __init__(self, size: int) -> None:
        self._mask = bytearray(size)

    def free(self, start: int, end: int) -> bool:
        return self._mask.find(1, start, end) < 0

    def take(self, start: int, end: int) -> None:
        self._mask[start:end] = b"\x01" * (end - start)


_QUOTES = "‘’'“”\"「」『』"


def _acts(following: str, names: dict[str, str], lex: Lexicon) -> bool:
    """Whether a local government acts where the text after its name is `following` (see `Lexicon.acts`), or
    owns or stands in a list with the body named next (서울시 ‘AI 양재 허브’, 광주시와 인공지능산업융합사업단에
    따르면, 광주시와 과학기술정보통신부는)."""
    if lex.acts(following):
        return True
    attached = _WORDRUN.match(following).group(0)
    if attached and attached not in lex.coordinators:
        return False
    rest = following[len(attached):].lstrip(" ·,")
    word = rest.split(maxsplit=1)[0].strip(_QUOTES) if rest.strip() else ""
    if not word or word[0].isdigit():
        return False
    stem = lex.strip_particle(word)
    if lex.is_place_like(stem):  # 경기도 포천시: an address; 광주시와 전라남도는: a list of bodies if the last acts
        return bool(attached) and rest.startswith(stem) and _acts(rest[len(stem):], names, lex)
    return stem in names or lex.is_org_word(stem) or (bool(rest) and rest[0] in _QUOTES and rest[1:].startswith(
        tuple(n for n in names if len(n) >= 2)))


class _TokensAt:
    """The article's Kiwi tokens by the body offset where they start (the last one where several start at one
    offset), read for the paragraphs asked about only, when first asked."""

    def __init__(self, paragraphs: list[Paragraph]) -> None:
        self._paragraphs = paragraphs
        self._ends = [p.start + len(p.text) for p in paragraphs]
        self._read: dict[int, dict[int, Any]] = {}  # paragraph's index -> its tokens by start

    def inside(self, start: int, end: int) -> list[Any]:
        """The tokens that start at start, start + 1, ... end - 1, one per offset."""
        found: list[Any] = []
        number = bisect_right(self._ends, start)
        while number < len(self._paragraphs) and self._paragraphs[number].start < end:
            at = self._read.get(number)
            if at is None:
                tokens = self._paragraphs[number].tokens
                at = self._read[number] = dict(zip(map(_START, tokens), tokens, strict=True))
            found += [at[i] for i in range(start, end) if i in at]
            number += 1
        return found


def _common_noun(name: str, body: str, tokens_at: _TokensAt, lex: Lexicon) -> bool:
    """소프트크림, 할루시제니아, 댄스그룹: a name proposed by the model that Kiwi reads, where it is first written
    as a word, as common nouns only (no proper noun, Latin letters, Hanja or digits), with no body's suffix."""
    if lex.is_org_word(name):
        return False
    start = _first_standalone(body, name, lex)
    if start is None:
        return False
    inside = tokens_at.inside(start, start + len(name))
    return bool(inside) and all(t.tag == "NNG" for t in inside)


def _a_body_name(surface: str, lex: Lexicon) -> bool:
    """Not a reference (본사, 당사), not a noun after a determiner (한 장례식장, 모 업체), no person's relative or
    honorific (씨 여자친구 K모) and no part a person has in a body (보도담당)."""
    head, _, rest = surface.partition(" ")
    if surface in lex.references or (rest and head in lex.determiners):
        return False
    parts = surface.split()
    return not (any(part in lex.person_words for part in parts) or parts[-1].endswith(lex.role_endings))


_HANGUL_NAME = re.compile(r"[가-힣]+")


def _place_or_thing(name: str, body: str, tokens_at: _TokensAt, lex: Lexicon) -> bool:
    """Whether a name the entity model proposes is a place or a thing, no body: a product's code (KSLV-II); with no
    body's ending, a name starting with a region of the world (아프리카 시에라리온), ending with a place's last word (가자시티 동부, 에베레스트 산,
    아시아지역), a neighbourhood (서초동), a field of study (대기과학), or ending with one common noun (one token to Kiwi)
    after a name with no body's ending, not even a one-syllable one or a unit's, nor a country first (상하이 버거,
    치앙마이 한인; not 미국 지질조사국, 콜로라도 대학, 매사추세츠 공대), or written before a trade (할리우드 배우,
    크리에이티브 디렉터)."""
    parts = name.split()
    last = parts[-1]
    if name in lex.gazetteer_names:
        return False
    if any(p.match(name) for p in lex.code_patterns):
        return True
    if lex.is_org_word(last) or lex.is_org_word(name) or last.endswith(lex.nested_units) or last in GENERIC_BODIES:
        return False  # 한국미술연구소, 콜로라도 대학, 캐년시티 경찰 (a public body named by its place)
    if len(parts) > 1 and (parts[0] in lex.regions or last in lex.place_tail_words):
        return True
    start = _first_standalone(body, name, lex)
    after = body[start + len(name):start + len(name) + 12].split(maxsplit=1) if start is not None else []
    if start is not None and body[start + len(name):start + len(name) + 1] == " " and after \
            and lex.strip_particle(after[0]) in lex.trade_titles:
        return True  # 할리우드 배우, 크리에이티브 디렉터: where a trade is practised, or part of its name
    if any(last.endswith(e) and len(last) > len(e) for e in lex.place_tail_endings):
        return True
    if len(parts) == 1 and _HANGUL_NAME.fullmatch(name):
        if len(name) >= 3 and name.endswith(lex.address_endings):
            return True  # 서초동
        if name.endswith(lex.field_endings):
            return True  # 대기과학 (허난대학 ends with a unit's ending: kept above)
    if len(parts) > 1 and not lex.kind_by_ending(last) and parts[0] not in lex.countries \
            and not last.endswith(lex.body_noun_endings) and last not in lex.body_nouns and start is not None:
        at = start + len(name) - len(last)
        inside = tokens_at.inside(at, start + len(name))
        return len(inside) == 1 and inside[0].tag == "NNG"  # 상하이 버거: a thing named after a place
    return False


_EDITION = regex.compile(r"([가-힣]+)([가-힣])\s?[‘'\"“]?$")


def _compared(body: str, start: int, lex: Lexicon) -> bool:
    """Whether the name at `start` is written as a comparison: 제2의 소니, 중국판 트위터."""
    before = body[max(0, start - 12):start]
    if any(p.search(before) for p in lex.comparison_patterns):
        return True
    match = _EDITION.search(before)
    return bool(match) and match.group(2) in lex.comparison_editions \
        and (match.group(1) in lex.countries or match.group(1) in lex.regions)


def _incident_site(following: str, lex: Lexicon) -> bool:
    """삼풍백화점 참사: a word for a disaster right after the name, which names the site."""
    word = following[1:].split(maxsplit=1)[0] if following[:1] == " " and following[1:].strip() else ""
    return bool(word) and lex.strip_particle(word) in lex.incident_words


def _competition_acts(following: str, names: dict[str, str], lex: Lexicon) -> bool:
    """Whether a competition named before `following` acts: as a local government does, or through its own body
    (메이저리그 사무국)."""
    word = following.lstrip().split(maxsplit=1)[0] if following.strip() else ""
    return (following[:1] == " " and lex.strip_particle(word) in lex.competition_bodies) or _acts(following, names, lex)


def find(body: str, paragraphs: list[Paragraph], people: list[PersonMention], lex: Lexicon,
         proposed: Sequence[str] = ()) -> list[OrgRecord]:
    """The article's organisations; `proposed` names (from the entity model) are added to the rules' own."""
    names: dict[str, str] = {}  # surface name -> record name
    records: dict[str, OrgRecord] = {}
    explicit: list[tuple[int, int, str]] = []  # spans known exactly (inside titles)
    tables = _tables(lex)

    def add(surface: str) -> None:
        if not _a_body_name(surface, lex):
            return
        canonical, aliases = _canonical(surface, lex)
        names[surface] = canonical
        for alias in aliases:
            names.setdefault(alias, canonical)
        if canonical not in records:
            records[canonical] = OrgRecord(canonical, tables.kind(canonical), aliases)

    # the gazetteer's names that can be written in the body (it holds one pair of characters of each, the one
    # fewest names have), in the gazetteer's order: the first name written of each entry
    by_pair, short = lex.gazetteer_by_pair
    pairs = character_pairs(body)
    candidates = list(short)
    for pair in pairs & by_pair.keys():
        candidates += by_pair[pair]
    candidates.sort(key=_PLACE)
    done = -1  # the last entry with a name written
    for number, _, name, needed in candidates:
        if number != done and (needed is None or needed <= pairs) and name in body:
            add(name)
            done = number
    person_names = {p.name for p in people}
    groups = set(music_groups(paragraphs, lex))
    held = bytearray(len(body) + 1)  # the characters of people's names and of the titles they hold
    for person in people:
        held[person.start:person.end] = b"\x01" * (person.end - person.start)
        if person.org_start is not None and person.org_end is not None:
            held[person.org_start:person.org_end] = b"\x01" * (person.org_end - person.org_start)
    role = tables.role
    # what the body holds of the texts some searches need (each paragraph is a part of the body)
    quoted = any(suffix in body for suffix in lex.quoted_suffixes)
    chambers = any(chamber in body for chamber in lex.legislatures)
    markers = [(marker, pattern) for marker, pattern in lex.company_marker_patterns if marker in body]
    columns_of = [columns(paragraph) for paragraph in paragraphs]
    for paragraph, read in zip(paragraphs, columns_of, strict=True):
        roles = list(map(role, read.texts))
        busy = _busy(roles)  # the words that can name a body, or whose next word can make them one
        items = words(paragraph) if busy else []  # built only where a word is worth more than its text
        last = len(items) - 1
        for index in busy:
            word, kinds = items[index], roles[index]
            following = items[index + 1] if index < last else None
            after = roles[index + 1] if index < last else 0  # what the next word can do
            spaced = following is not None and following.gap == " "
            stem = lex.strip_particle(word.text)
            if kinds & (_SUFFIX | _TITLE) or (following is not None and (after & _CONTEXT or kinds & _DESCRIPTOR)):
                # a body's suffix, or the ending of a local government or of its office, names a body here
                found = _suffix_orgs(word, lex) if kinds & _SUFFIX else None
                if found in person_names and lex.is_local_government(found):
                    found = None  # 이완구 의원, 지창구 판사: a person, not a district
                # a title names its body where a person holds it (공재광 평택시장, 서울시장 오세훈) or where it stands
                # for its holder with a particle (서초구청장은, 중소기업은행장으로 내정), not as a post named alone, bare
                # or as an object (국회의원 선거구, 국회의원을 지낸, 인사혁신처장을 상대로)
                particle = word.text[len(stem):]
                inside = lex.organisation_in_title(stem) if kinds & _TITLE and not found and (
                    (particle and particle not in lex.post_particles) or held[word.start]
                    or (index and held[items[index - 1].start])
                    or (index + 1 < len(items) and held[items[index + 1].start])) else None
                if found:
                    add(found)
                elif inside and (inside in lex.gazetteer_names or lex.is_local_government(inside)) \
                        and not (lex.is_place_like(inside) and particle in lex.place_particles):  # 서문시장에서: a market
                    add(inside)  # 중소기업은행장으로: the body a title names
                    explicit.append((word.start, word.start + len(inside), inside))
                elif following is not None and (named := (
                        _named_by_context(word, following, lex) if after & _CONTEXT else None) or (
                        _after_descriptor(word, following, lex) if kinds & _DESCRIPTOR else None)):
                    add(named)
            if index and kinds & _UNIT and (unit := _unit(items, index, paragraph.text, paragraph.start, lex)):
                add(unit)
            if spaced and (after & _TEAM_AFTER or (after & _UNIT_AFTER and kinds & _NEST_HEAD)) \
                    and stem == word.text and len(stem) >= 2 and (nested := _nested(word, following, lex)):
                add(nested)
            if following is not None and kinds & _QUOTED \
                    and (outlet := _quoted_outlet(items, index, paragraph.text, paragraph.start, lex)):
                add(outlet)
                if outlet in names and records[names[outlet]].kind == "other":
                    records[names[outlet]].kind = "media"
            if spaced and after & _MEMBER and (group := _group_before_member(items, index, lex)) \
                    and group not in person_names:
                groups.add(group)
        if quoted:
            for match in lex.quoted_pattern.finditer(paragraph.text):
                add(match.group("name"))
        if chambers:
            for chamber in _legislatures(paragraph.text, lex):
                add(chamber)
        for marker, pattern in markers:
            if marker not in paragraph.text:
                continue
            for match in pattern.finditer(paragraph.text):
                name = lex.strip_particle(match.group("name"))
                if _a_body_name(name, lex):
                    add(name)
                    records[names[name]].kind = "company"
    for group in sorted(groups):  # music groups are organisations
        add(group)
    tokens_at = _TokensAt(paragraphs)
    people_named = {n for n in proposed if " " in n and _after_a_title(n, body, lex)}
    firsts = {n.split(" ")[0] for n in people_named}
    # a part of a person's whole name written in the article is no body proposed by the model (케이티 after
    # 케이티 루이스 사운더스)
    person_parts = {part for n in person_names if " " in n for part in n.split(" ")}
    for name in proposed:
        if name in people_named or name in firsts or name in person_parts:
            continue
        head, _, rest = name.partition(" ")
        name = rest if head in lex.descriptors and rest else name  # 시민단체 생활안전연합 → 생활안전연합
        front, _, staff = name.rpartition(" ")
        name = front if front and staff in lex.staff_words else name  # 콜로라도 대학 연구진 → 콜로라도 대학
        stem = lex.strip_particle(name)
        if stem != name and (stem in names or lex.is_org_word(stem)):
            name = stem  # 애플의: Kiwi read the particle into the name
        head, _, last = name.rpartition(" ")
        if head and last in lex.gazetteer_names and lex.is_org_word(head):
            for part in (head, last):  # 서울시의회 국민의힘: two bodies side by side
                if part not in names:
                    add(part)
            continue
        if name not in names and name not in lex.countries and not _common_noun(name, body, tokens_at, lex) \
                and not _place_or_thing(name, body, tokens_at, lex):
            add(name)
    # where a bracket opens, right after a name or after a name and its closing quote
    opened = _occurrences(body, "(")
    ends = [*opened, *(i - 1 for i in opened if i and body[i - 1] in _CLOSING_QUOTES)]
    lengths = {len(n) for n in names}
    before = {body[e - length:e] for e in ends for length in lengths if e >= length}  # what is written before one
    bracketed = [n for n in names if n in before]
    for surface in bracketed:  # 한국전자통신연구원(ETRI): ETRI names the same body
        # a few names per article; a closing quote may come between (‘범국민추모위원회’(추모위))
        for alias in _aliases_after(body, surface):
            record = records[names[surface]]
            if alias in lex.not_aliases or alias == record.name:
                continue
            if alias in names:  # 국제배구연맹(FIVB), both found apart: one body, unless FIVB names another one
                own = names[alias]
                if own == record.name or own != alias or records[own].aliases \
                        or any(n != alias and r == own for n, r in names.items()) \
                        or (alias in lex.gazetteer_names and lex.gazetteer_entries[alias][0][0] != record.name):
                    continue
                del records[own]
            names[alias] = record.name
            record.aliases.append(alias)

    _short_forms(body, columns_of, names, records, people, lex)
    _channels(body, names, records, lex)

    taken = _Taken(len(body))
    name_lengths: set[int] = set()  # the lengths of the first `counted` names (names only grow below)
    counted = 0
    for start, end, surface in explicit:
        if surface in names and taken.free(start, end):
            taken.take(start, end)
            records[names[surface]].mentions.append((start, end))
    for person in people:
        if person.organisation and _a_body_name(person.organisation, lex) and person.organisation not in lex.countries \
                and not (person.title in lex.trade_titles and not lex.is_org_word(person.organisation)):
            # (마크롱 프랑스 대통령: a country is a place, no body; 할리우드 배우 니콜 키드먼: where a trade is
            # practised, no body)
            add(person.organisation)
            surface, start, end = person.organisation, person.org_start, person.org_end
            if start is not None and end is not None:
                # 두산 베어스 주장: a longer name that ends with the title's body, written whole (at most one name
                # of each length is written there: the text before `end` of that length)
                name_lengths.update(len(n) for n in islice(reversed(names), len(names) - counted))
                counted = len(names)
                longer = [n for length in name_lengths if length > len(surface) and start >= length - len(surface)
                          and end >= length and (n := body[end - length:end]) in names and n.endswith(surface)
                          and _boundary_ok(body, end - length, end, lex)]
                if longer:
                    surface = max(longer, key=len)
                    start = end - len(surface)
            if start is not None and end is not None and taken.free(start, end) and body[start:end] == surface:
                taken.take(start, end)  # written inside a title (서초구청장) or next to the name: exact
                records[names[surface]].mentions.append((start, end))

    # Mentions: every surface form, longest first, no overlaps; places are not bodies: a local government is a
    # body only where it acts (평택시는 밝혔다, 평택시 관계자), and any body's building is a place (국회에서 열린); a
    # competition is a body only where it acts (메이저리그 홈 경기에서 is the competition); a comparison (제2의 소니),
    # a person's other name in brackets (정하나(징거·25)) and the site of a disaster (삼풍백화점 참사) mention no body.
    competitions = {name for name, record in records.items()
                    if any(n.endswith(lex.competition_endings) for n in (name, *record.aliases))}
    settings: set[str] = set()
    for surface in sorted(names, key=lambda s: (-len(s), s)):
        place_like = tables.place_like(surface)
        competition = names[surface] in competitions
        service = surface in lex.services
        for start in _occurrences(body, surface):
            end = start + len(surface)
            if not taken.free(start, end) or not _boundary_ok(body, start, end, lex):
                continue
            following = body[end:end + 40]
            if any(p.match(following) for p in lex.setting_patterns):
                settings.add(names[surface])  # 돌담병원을 배경으로: a story's setting
            if (place_like and not _acts(following, names, lex)) or lex.is_venue(surface, following) \
                    or (service and lex.is_service_use(surface, body[end:end + 10])) \
                    or (competition and not _competition_acts(following, names, lex)) or _compared(body, start, lex) \
                    or (body[start - 1:start] == "(" and any(p.match(following) for p in lex.person_aside_patterns)) \
                    or _incident_site(following, lex):
                continue
            taken.take(start, end)
            records[names[surface]].mentions.append((start, end))
    return [r for r in records.values() if r.mentions and r.name not in settings]


_HANGUL = re.compile(r"[가-힣]+")


def _abbreviation(short: str, full: str, lex: Lexicon) -> bool:
    """금감원 of 금융감독원: three or four syllables, the first the same, the others in order, the last from the
    name's last three (two-syllable ones, 한전, 한은, are too often words: the gazetteer or brackets give them)."""
    if not 3 <= len(short) <= 4 or len(full) < len(short) + 2 or short[0] != full[0] \
            or not _HANGUL.fullmatch(short) or not _HANGUL.fullmatch(full):
        return False
    if full.startswith(short):  # 벤처기업 of 벤처기업협회 is a word of its own; 금융위 cuts into 위원회
        suffix = lex.org_suffix(full)
        if not suffix or len(full) - len(suffix) >= len(short):
            return False
    at = 0
    for char in short[1:]:  # each syllable at its first place after the one before (수력 of 수력원자력 is a word)
        at = full.find(char, at + 1)
        if at < 0:
            return False
    return at >= len(full) - 3


def _a_name(part: str, lex: Lexicon) -> bool:
    """Whether a part of a body's name can stand for it: not a bare suffix, title, place or common word."""
    return len(part) >= 3 and lex.org_suffix(part) != part and not lex.is_title(part) \
        and part not in lex.not_names and part not in lex.references and part not in lex.not_short_forms \
        and not lex.is_local_government(part) and part not in lex.gazetteer_names \
        and not any(part == suffix for suffix, _ in lex.weak_suffixes)


def _may_shorten(short: str, lex: Lexicon) -> bool:
    """What `is_short_form` asks of the short form alone, whatever the name: false when it is a short form of none."""
    return short not in lex.not_short_forms and short not in lex.not_names and not lex.is_title(short) \
        and short not in lex.references and not lex.is_local_government(short)


def is_short_form(short: str, full: str, lex: Lexicon) -> bool:
    """Whether `short` is a short form of the body named `full` (see `short_form_prefixes` in
    patterns/organisations/organisations.toml): 한수원 of 한국수력원자력, 생활안전연합 of 시민단체 생활안전연합."""
    if short == full or not _may_shorten(short, lex):
        return False
    if short in lex.gazetteer_names:  # a known body's own name is a short form only of that body (금감원)
        return lex.gazetteer_entries[short] == lex.gazetteer_entries.get(full)
    words = full.split()
    if len(words) > 1:  # 시민단체 생활안전연합 → 생활안전연합, 미국 에너지부 → 에너지부; not LG AI연구원 → AI연구원
        return any(short == " ".join(words[k:]) and all(
            w in COUNTRIES or w in lex.descriptors or lex.org_suffix(w) == w for w in words[:k])
                   for k in range(1, len(words))) and _a_name(short, lex)
    if full.endswith(short):  # 한국언론진흥재단 → 언론진흥재단
        return len(short) >= 4 and _a_name(short, lex)
    return _abbreviation(short, full, lex) or any(
        full.startswith(prefix) and _abbreviation(short, full[len(prefix):], lex) for prefix in lex.short_form_prefixes)


def _tails(full: str) -> list[str]:
    """The ends of a name a short form can be: the name without leading words, or without a leading part."""
    words = full.split()
    if len(words) > 1:
        return [" ".join(words[k:]) for k in range(1, len(words))]
    return [full[k:] for k in range(1, len(full) - 3)]


def _first_standalone(body: str, surface: str, lex: Lexicon) -> int | None:
    start = body.find(surface)
    while start >= 0:
        if _boundary_ok(body, start, start + len(surface), lex):
            return start
        start = body.find(surface, start + 1)
    return None


class _Fulls:
    """The names of four characters or more an article's bodies are found by, indexed by what a short form of each
    can be (see `is_short_form`): one of its tails (`_tails`), a known body's name of the same gazetteer entry, or
    an abbreviation of three or four characters that starts as the name does (or as it does after a prefix of
    `short_form_prefixes`). A word is then checked against the few names it can be a short form of."""

    def __init__(self, names: dict[str, str], lex: Lexicon) -> None:
        self.fulls = [(surface, record) for surface, record in names.items() if len(surface) >= 4]
        self.by_tail: dict[str, list[int]] = {}
        self.by_initial: dict[str, list[int]] = {}
        self.by_entry: dict[tuple[str, ...], list[int]] = {}
        shapes = _tables(lex).full_shapes
        for number, (surface, _) in enumerate(self.fulls):
            tails, initials, entry = shapes(surface)
            for tail in tails:
                self.by_tail.setdefault(tail, []).append(number)
            for initial in initials:
                self.by_initial.setdefault(initial, []).append(number)
            if entry is not None:
                self.by_entry.setdefault(entry, []).append(number)
        # what a short form can start with or be, so that most words are passed over at once
        self.initials = set(self.by_initial)
        self.tails = set(self.by_tail)

    @staticmethod
    def shapes(surface: str, lex: Lexicon) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...] | None]:
        """What a short form of the name `surface` can be: its tails, the first characters of an abbreviation of
        it, and its gazetteer entry's names (None if it has none)."""
        initials = {surface[0]} | {surface[len(p)] for p in lex.short_form_prefixes
                                   if surface.startswith(p) and len(surface) > len(p)}
        entry = lex.gazetteer_entries.get(surface)
        return tuple(_tails(surface)), tuple(sorted(initials)), None if entry is None else entry[0]

    def of(self, short: str, lex: Lexicon) -> list[tuple[str, str]]:
        """The (surface, record) of the names `short` can be a short form of (more than it is one of), in order."""
        numbers = set(self.by_tail.get(short, ()))
        if 3 <= len(short) <= 4:
            numbers.update(self.by_initial.get(short[0], ()))
        entry = lex.gazetteer_entries.get(short)
        if entry is not None:
            numbers.update(self.by_entry.get(entry[0], ()))
        return [self.fulls[number] for number in sorted(numbers)]


def _short_forms(body: str, columns_of: list[Columns], names: dict[str, str], records: dict[str, OrgRecord],
                 people: list[PersonMention], lex: Lexicon) -> None:
    """A body found by its full name is found again at its short forms written after it: a name found on its own
    that is one (언론진흥재단 after 한국언론진흥재단) joins its record, and a word that is one (한수원) becomes an
    alias. A short form of two bodies, a known body's own name and a titled person's name stay as they are."""
    titled = {p.name for p in people if p.title}
    firsts: dict[str, int | None] = {}

    def first(surface: str) -> int | None:
        if surface not in firsts:
            firsts[surface] = _first_standalone(body, surface, lex)
        return firsts[surface]

    fulls = _Fulls(names, lex)
    initials, tails = fulls.initials, fulls.tails
    known: dict[str, list[tuple[str, int]]] = {}  # short -> (record, where its full name is first written)

    def owner(short: str, at: int) -> str | None:
        if short[0] not in initials and short not in tails:
            return None
        if short not in known:
            known[short] = [(record, seen) for surface, record in fulls.of(short, lex) if record != names.get(short)
                            and is_short_form(short, surface, lex) and (seen := first(surface)) is not None] \
                if _may_shorten(short, lex) else []
        entries = known[short]
        if not entries:
            return None  # most words shorten no name found
        found = {record for record, seen in entries if seen < at}
        return next(iter(found)) if len(found) == 1 else None

    merged: dict[str, str] = {}  # record -> the record of the longer name it is a short form of
    surfaces_of = Counter(names.values())  # record -> how many surfaces name it
    for surface in list(names):
        record = names[surface]
        if surface in lex.gazetteer_names or surface in titled or surfaces_of[record] > 1 \
                or (at := first(surface)) is None:
            continue
        if (whole := owner(surface, at)) is not None:
            merged[record] = whole

    def root(record: str) -> str:
        seen = {record}
        while record in merged and merged[record] not in seen:
            record = merged[record]
            seen.add(record)
        return record

    for surface, record in names.items():
        names[surface] = root(record)
    for record in merged:
        whole = root(record)
        records[whole].aliases.extend(n for n in (record, *records[record].aliases) if n not in records[whole].aliases)
        del records[record]
    if not fulls.fulls:
        return
    strip = lex.strip_particle
    starts = initials | {tail[0] for tail in tails}  # a word less its particle starts as the word does
    for read in columns_of:  # the words of each paragraph that can be a short form (by its start or as a whole)
        texts = read.texts
        for k in compress(range(len(texts)), map(starts.__contains__, map(_INITIAL, texts))):
            stem = strip(texts[k])
            if stem in names or stem in titled or not 2 <= len(stem) <= 12 \
                    or (stem[0] not in initials and stem not in tails):
                continue
            if (whole := owner(stem, read.starts[k])) is not None:
                whole = root(whole)
                names[stem] = whole
                records[whole].aliases.append(stem)


def not_bodies(mentions: list[PersonMention], orgs: list[OrgRecord]) -> list[PersonMention]:
    """The person mentions less those of a name with no title that is a body's name or short form, where the body
    is also written elsewhere (한수원 after 한국수력원자력: the model's person is the body)."""
    spans: dict[str, set[tuple[int, int]]] = {}
    for org in orgs:
        for name in (org.name, *org.aliases):
            spans[name] = set(org.mentions)
    untitled: dict[str, set[tuple[int, int]]] = {}
    for m in mentions:
        untitled.setdefault(m.name, set())
        if m.title is None:
            untitled[m.name].add((m.start, m.end))
        else:
            untitled[m.name].add((-1, -1))  # a titled mention keeps the person
    bodies = {name for name, at in untitled.items()
              if name in spans and (-1, -1) not in at and spans[name] - at}
    # 두산 베어스 주장 양의지: a mention inside a body's longer mention (두산) is part of the body's name
    inside = sorted(span for org in orgs for span in org.mentions)
    return [m for m in mentions if m.name not in bodies and not _within(m.start, m.end, inside)]


def _within(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether [start, end) lies inside one of the sorted spans and is shorter than it."""
    at = bisect_right(spans, (start, 10**9))
    return any(s <= start and end <= e and (s, e) != (start, end) for s, e in spans[max(0, at - 8):at])


def record_name(surface: str, lex: Lexicon) -> str:
    return _canonical(surface, lex)[0]
