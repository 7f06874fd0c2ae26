"""Word lists of `patterns/people/` and `patterns/organisations/`, loaded and validated."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any, TypeVar

import regex

from extract.patterns import (
    PatternError,
    check_keys,
    compile_pattern,
    patterns_dir,
    read_toml,
    relative_name,
    strings,
)

_HANGUL_RUN = re.compile(r"[가-힣]*")  # explicit classes: `re` reads them as `regex` does, with less work per call
_HANGUL_WORD = re.compile(r"[가-힣]+")
_WORD_CHARS = regex.compile(r"[가-힣A-Za-z0-9&]+")  # a word of a paragraph (see entities.people.words)

KINDS = ("government", "company", "university", "research", "association", "media", "military", "other")


@dataclass(frozen=True)
class Lexicon:  # frozen, but cached_property needs a __dict__: not slotted
    surnames: frozenset[str]
    double_surnames: frozenset[str]
    not_names: frozenset[str]
    titles: frozenset[str]
    title_suffixes: tuple[str, ...]
    title_follow: frozenset[str]
    not_titles: frozenset[str]
    title_org_ends: frozenset[str]
    weak_suffixes: tuple[tuple[str, str], ...]
    quoted_suffixes: tuple[str, ...]
    standalone_weak: frozenset[str]
    place_particles: frozenset[str]
    detached_titles: frozenset[str]
    place_words: frozenset[str]
    place_patterns: tuple[Any, ...]
    particles: tuple[str, ...]  # longest first
    org_suffixes: tuple[tuple[str, str], ...]  # (suffix, kind), longest first
    company_markers: tuple[str, ...]
    references: frozenset[str]
    context_words: frozenset[str]
    not_aliases: frozenset[str]
    gazetteer: tuple[tuple[tuple[str, ...], str], ...]  # (names, kind)
    person_titles: frozenset[str] = frozenset()  # titles written after a person's name, never after a body's
    council_titles: frozenset[str] = frozenset()  # 서울시의원: a member of the city's council, not of the city
    between: frozenset[str] = frozenset()  # 이명박 당시 대통령: words between a name and its title
    academic_titles: frozenset[str] = frozenset()  # 인하대 소비자학 교수: a word ending with 대 before one is a university
    field_endings: tuple[str, ...] = ()  # 소비자학: a field of study, no part of a body
    roles: frozenset[str] = frozenset()  # 교사인 A 씨: an occupation that is the person's title there
    credit_roles: tuple[str, ...] = ()  # 영상편집:김선영: a part in a report's credits before a name
    short_form_prefixes: tuple[str, ...] = ()  # 한국 in 한국주택금융공사 → 주금공: left out of an abbreviation
    not_short_forms: frozenset[str] = frozenset()  # 행정부: a common noun shaped like 행정안전부's abbreviation
    unit_suffixes: tuple[str, ...] = ()  # 공군AI 신기술 융합센터: a unit of a known body, written as a run of words
    descriptors: frozenset[str] = frozenset()  # 시민단체 생활안전연합: a word for a kind of body before its name
    services: frozenset[str] = frozenset()  # 페이스북: a company whose name also names the service it runs
    service_followers: tuple[str, ...] = ()  # 페이스북에 올린, 페이스북 페이지: the service, not the company
    place_like_suffixes: tuple[str, ...] = ()  # 부산광역시: a local government's longer ending
    acting_particles: frozenset[str] = frozenset()  # 평택시는 밝혔다: a place-like body acting
    acting_words: frozenset[str] = frozenset()  # 평택시 관계자, 평택시의 결정: a word for a body's people or acts
    acting_patterns: tuple[Any, ...] = ()  # 경기도에 제출했다: the body addressed
    place_subject_patterns: tuple[Any, ...] = ()  # 제주도는 비가 내리겠고: a place as a subject
    coordinators: frozenset[str] = frozenset()  # 평택시와 수자원공사 관계자들: a body in a list that acts
    venue_patterns: tuple[Any, ...] = ()  # 국회에서 열린, 삼성서울병원에 입원: a body's building, a place in that use
    title_modifiers: frozenset[str] = frozenset()  # 총괄회장 is 총괄 + 회장, not the head of a 총괄회
    determiners: frozenset[str] = frozenset()  # 한 장례식장: "a funeral hall", no name
    open_suffixes: frozenset[str] = frozenset()  # 28사단, 축구대표팀: enough with digits or two syllables before
    nested_units: tuple[str, ...] = ()  # 제주대 수의학과: a unit's ending, after its body's name
    team_words: frozenset[str] = frozenset()  # 축구 대표팀: a team after the word that names it
    team_fields: frozenset[str] = frozenset()  # 축구, 여자: a sport or a field that names a team
    group_member_words: frozenset[str] = frozenset()  # 빅플로의 멤버 하이탑: the name before one is a music group
    channel_numbers: tuple[str, ...] = ()  # KBS2: a broadcaster's channel, the broadcaster
    legislatures: tuple[str, ...] = ()  # 미 상·하원, 영국 하원: a chamber after its country
    quoted_descriptors: frozenset[str] = frozenset()  # 언론 '소셜포커스': an outlet named in quotes after one
    person_after_title: frozenset[str] = frozenset()  # 배우 출신 케이티: the name after a title and one is a person
    competition_endings: tuple[str, ...] = ()  # 메이저리그, 부산국제영화제: a competition, a body only where it acts
    competition_bodies: frozenset[str] = frozenset()  # 메이저리그 사무국: the competition's own body, acting
    comparison_patterns: tuple[Any, ...] = ()  # 제2의 소니: the text before a body named as a comparison
    comparison_editions: tuple[str, ...] = ()  # 중국판 트위터: after a country's name, a comparison
    regions: frozenset[str] = frozenset()  # 아프리카 시에라리온: a model name starting with a region is a place
    place_tail_words: frozenset[str] = frozenset()  # 가자시티 동부, 에베레스트 산: the last word of a place
    place_tail_endings: tuple[str, ...] = ()  # 아시아지역: a place's ending glued to its name
    address_endings: tuple[str, ...] = ()  # 서초동: a neighbourhood's ending
    body_noun_endings: tuple[str, ...] = ()  # 매사추세츠 공대: a common noun naming a body
    body_nouns: frozenset[str] = frozenset()  # 아사히 신문, 브리스톨 아카데미: a common noun for a kind of body
    trade_titles: frozenset[str] = frozenset()  # 할리우드 배우: a trade, no post in the body before it
    incident_words: frozenset[str] = frozenset()  # 삼풍백화점 참사: the body's name as the site of a disaster
    code_patterns: tuple[Any, ...] = ()  # KSLV-II: a product's code, no body
    staff_words: frozenset[str] = frozenset()  # 콜로라도 대학 연구진: a body's staff after its name
    person_words: frozenset[str] = frozenset()  # 씨 여자친구 K모: a person's relative or honorific, no body
    role_endings: tuple[str, ...] = ()  # 보도담당 사장: a part in a body, the title's
    post_particles: frozenset[str] = frozenset()  # 국회의원을 지낸: a post named alone, no body
    setting_patterns: tuple[Any, ...] = ()  # 돌담병원을 배경으로: a story's setting, no body
    person_aside_patterns: tuple[Any, ...] = ()  # 정하나(징거·25): a person's other name in brackets, no body
    place_endings: tuple[str, ...] = ()  # 불암산, 과학관: a model person not shaped like a Korean name is the place
    thing_endings: tuple[str, ...] = ()  # 회현사거리, 베이비박스: a model person of one word is the place or the thing
    not_person_examples: tuple[str, ...] = ()  # the examples and counterexamples of the two lists above
    not_person_counterexamples: tuple[str, ...] = ()
    group_words: frozenset[str] = frozenset()  # 그룹 아스트로: the name after one is a music group, no person
    member_words: frozenset[str] = frozenset()  # 라니아 멤버 알렉산드라: the name after one and a group is a member
    former_words: frozenset[str] = frozenset()  # 배우 출신 송중기: a former career, written between a title and a name
    played_markers: tuple[str, ...] = ()  # 정겨울(신고은 분): the word after the actor's name, in a role's brackets
    played_examples: tuple[str, ...] = ()  # sentences that name a role played (and that name none)
    played_counterexamples: tuple[str, ...] = ()
    facility_endings: tuple[tuple[str, frozenset[str]], ...] = ()  # 경전선: an ending and the words for its kind (노선)
    facility_examples: tuple[str, ...] = ()  # sentences that name a facility by its ending (and people who end alike)
    facility_counterexamples: tuple[str, ...] = ()
    held_examples: tuple[str, ...] = ()  # sentences with a title between two whole names (and with one name after it)
    held_counterexamples: tuple[str, ...] = ()
    aged_examples: tuple[str, ...] = ()  # sentences with a whole name and an age in brackets (and with none)
    aged_counterexamples: tuple[str, ...] = ()
    group_examples: tuple[str, ...] = ()  # sentences that name a music group (and that name none)
    group_counterexamples: tuple[str, ...] = ()

    @cached_property
    def is_title(self) -> Callable[[str], bool]:
        """word -> whether it is a job title (시장, 서울시장); remembered per word."""
        return Memo(self._is_title).__getitem__

    def _is_title(self, word: str) -> bool:
        if word in self.titles:
            return True
        if word in self.not_titles:
            return False
        suffix = _longest_suffix(word, self._title_suffix_index)
        return suffix is not None and len(word) > len(suffix) and word not in self.not_names

    def base_title(self, title: str) -> str | None:
        """The general title a specific one ends with: 서울시장 → 시장, 공군참모총장 → 참모총장."""
        suffix = _longest_suffix(title, self._title_suffix_index)
        return suffix if suffix and suffix != title else (title if title in self.titles else None)

    @cached_property
    def organisation_in_title(self) -> Callable[[str], str | None]:
        """title -> the organisation written inside it: 서울시장 → 서울시, 인공지능산업융합사업단장 → …사업단;
        remembered per title."""
        return Memo(self._organisation_in_title).__getitem__

    def _organisation_in_title(self, title: str) -> str | None:
        if title in self.not_titles:
            return None  # 전통시장 is a market, not the mayor of 전통시
        for split in range(2, len(title)):  # the shortest head first: 서초구 + 청장, not 서초구청 + 장
            head, rest = title[:split], title[split:]
            if head in self.title_modifiers and (rest in self.titles or self.is_title(rest)):
                return None  # 총괄회장, 비서실장: a longer title, no body inside
            if rest in self.detached_titles or (rest in self.council_titles and self.is_local_government(head)):
                return None
            if rest not in self.titles and rest not in self.title_org_ends:
                continue
            if head in self.gazetteer_names:
                return head
            if _longest_suffix(head, self._title_suffix_index) or head in self.titles or \
                    any(head.endswith(t) for t in ("위원", "의원", "이사")) or \
                    any(head.startswith(w) for w in self.not_names if len(w) >= 2):
                continue  # 기획경제위원 + 장 is a 위원장, 수석부 + 회장 a 수석부회장
            suffix = self.org_suffix(head)
            if (suffix and len(head) > len(suffix)) or \
                    (len(head) >= 3 and _longest_suffix(head, self._title_org_index)):
                return head
        return None

    @cached_property
    def _title_org_index(self) -> tuple[tuple[int, frozenset[str]], ...]:
        return by_length(s for s, _ in self.weak_suffixes)

    def kind_by_ending(self, name: str) -> str | None:
        for suffix, kind in (*self.org_suffixes, *self.weak_suffixes):
            if name.endswith(suffix) and len(name) > len(suffix):
                return kind
        return None

    @cached_property
    def department_endings(self) -> frozenset[str]:
        """The one-syllable endings of a government department's name (공안부, 국세청, 조달처), not of a local
        government's."""
        return frozenset(s for s, kind in self.weak_suffixes if kind == "government" and s not in self.standalone_weak)

    def is_local_government(self, name: str) -> bool:
        """서초구, 용인시: a name with a local government's ending, not a longer organisation suffix (조약기구)."""
        return len(name) >= 3 and name[-1] in self.standalone_weak and self.org_suffix(name) is None

    def is_place_like(self, name: str) -> bool:
        """평택시, 인제군, 도쿄도, 부산광역시: a local government's name, which names a place as often as a body (not
        북한군: a country's army)."""
        if name.endswith("군") and any(name[:-1].endswith(c) for c in self.countries if len(c) >= 2 or c == "미"):
            return False  # 북한군, 주한미군
        return self.is_local_government(name) or any(
            name.endswith(s) and len(name) > len(s) for s in self.place_like_suffixes)

    @cached_property
    def countries(self) -> frozenset[str]:
        from extract.entities.conventions import COUNTRIES

        return frozenset(COUNTRIES)

    def acts(self, following: str) -> bool:
        """Whether the text after a place-like body's name shows the body acting (평택시는 밝혔다, 평택시가 추진,
        평택시 관계자, 평택시의 결정, 평택시와 수자원공사 관계자들, 경기도에 제출), not a place (평택시에서, 평택시 일대)."""
        attached = _HANGUL_RUN.match(following).group(0)
        after = following[len(attached):]
        words = after.split(maxsplit=4)[:4]
        if any(p.match(following) for p in self.acting_patterns):
            return True
        if attached in self.acting_particles:
            return not any(p.match(after) for p in self.place_subject_patterns)
        if attached == "" and after[:1] == " " and words:
            return self._acting_word(words[0])
        if attached == "의" and after[:1] == " ":  # 서울시의 전면적인 지원
            return any(self._acting_word(w) for w in words[:2])
        if attached in self.coordinators or after[:1] in ("·", ","):
            return any(self._acting_word(w) for w in words[:3])
        return False

    def _acting_word(self, word: str) -> bool:
        """관계자, 관계자들은, 계획이다: a word for a body's people or acts, at the start of the word (one syllable:
        the whole word less its particle, 측은)."""
        stem = self.strip_particle(word)
        if stem in self.acting_words:
            return True
        if stem in self.place_words:
            return False
        return any(word[:n] in self.acting_words for n in range(2, min(len(word), 4) + 1))

    def is_venue(self, name: str, following: str) -> bool:
        """국회에서 열린, 서울중앙지방법원 앞, 삼성서울병원에 입원: the text after a body's name makes it its building;
        a local government's office (서울시청, 관악구청) is its building before a particle of place (서울시청에서)."""
        if any(p.match(following) for p in self.venue_patterns):
            return True
        return self.is_office(name) and _HANGUL_RUN.match(following).group(0) in self.place_particles

    def is_office(self, name: str) -> bool:
        """창원시청, 관악구청, 경기도청: a local government's office."""
        return name.endswith("청") and self.is_local_government(name[:-1])

    def is_service_use(self, name: str, following: str) -> bool:
        """Whether a service's name is used as a place or a medium, not as its company (페이스북에 올린 글,
        페이스북 페이지; not 페이스북은 밝혔다)."""
        return name in self.services and following.startswith(self.service_followers)

    def is_place_context(self, name: str, following: str) -> bool:
        """Whether the text after a name makes it a place (서초구 태봉로 108, 서울시 전역, 제주도에는)."""
        after = following.lstrip()
        word = self.strip_particle(after.split(maxsplit=1)[0]) if after else ""
        if word in self.place_words or any(p.match(after) for p in self.place_patterns):
            return True
        attached = _HANGUL_RUN.match(following).group(0)
        return bool(attached) and attached in self.place_particles and self.is_local_government(name)

    @cached_property
    def strip_particle(self) -> Callable[[str], str]:
        """word -> the word without its final particle (시장은 → 시장); remembered per word."""
        return Memo(self._strip_particle).__getitem__

    def _strip_particle(self, word: str) -> str:
        for length, particles in self._particle_index:
            if len(word) > length and word[-length:] in particles:
                return word[:-length]
        return word

    @cached_property
    def gazetteer_entries(self) -> dict[str, tuple[tuple[str, ...], str]]:
        """Each gazetteer name -> (the entry's names, kind)."""
        entries: dict[str, tuple[tuple[str, ...], str]] = {}
        for names, kind in self.gazetteer:
            for name in names:
                entries.setdefault(name, (names, kind))
        return entries

    def gazetteer_kind_by_start(self, name: str) -> str | None:
        """The kind of the first gazetteer entry (in file order) with a name the given name starts with: as a
        word of its own (KT 노조), or, for a name of two or more characters, glued (서울대병원)."""
        first: int | None = None
        for length in self._gazetteer_lengths:
            head = name[:length]
            number = self._gazetteer_numbers.get(head)
            if number is None or len(head) < length or (length < 2 and not name.startswith(head + " ")):
                continue
            if first is None or number < first:
                first = number
        return None if first is None else self.gazetteer[first][1]

    @cached_property
    def _gazetteer_numbers(self) -> dict[str, int]:
        numbers: dict[str, int] = {}
        for number, (names, _) in enumerate(self.gazetteer):
            for name in names:
                numbers.setdefault(name, number)
        return numbers

    @cached_property
    def _gazetteer_lengths(self) -> tuple[int, ...]:
        return tuple(sorted({len(name) for name in self._gazetteer_numbers}))

    @cached_property
    def quoted_pattern(self) -> regex.Pattern[str]:
        """A quoted name ending with a quoted-name suffix: ‘한빛원전’, "미래에셋증권"."""
        return regex.compile(r"[‘'“\"](?P<name>[가-힣A-Za-z0-9][가-힣A-Za-z0-9 ·]{1,24}?(?:" + "|".join(
            regex.escape(q) for q in self.quoted_suffixes) + r"))[’'”\"]")

    @cached_property
    def company_marker_patterns(self) -> tuple[tuple[str, regex.Pattern[str]], ...]:
        """(marker, the marker followed by a name) for each company marker, in file order."""
        return tuple((marker, regex.compile(regex.escape(marker) + r"(?P<name>[가-힣A-Za-z0-9]+)"))
                     for marker in self.company_markers)

    @cached_property
    def unit_endings(self) -> frozenset[str]:
        """The last characters of `unit_suffixes` (a quick test before the suffixes themselves)."""
        return frozenset(s[-1] for s in self.unit_suffixes)

    @cached_property
    def nested_unit_lengths(self) -> tuple[frozenset[str], tuple[int, ...]]:
        """`nested_units` as a set and their lengths, longest first (a unit's ending found by look-ups)."""
        return frozenset(self.nested_units), tuple(sorted({len(u) for u in self.nested_units}, reverse=True))

    @cached_property
    def played_pattern(self) -> regex.Pattern[str]:
        """A role and, in brackets, the actor who plays it (정겨울(신고은 분), 김사부(한석규 분))."""
        markers = "|".join(regex.escape(m) for m in self.played_markers) or "(?!)"
        return regex.compile(r"(?<![가-힣A-Za-z0-9])(?P<role>[가-힣]{2,6})\s?\((?P<actor>[가-힣]{2,5}(?: [가-힣]{1,5})?)\s?"
                             r"(?:" + markers + r")\)")

    @cached_property
    def credit_pattern(self) -> regex.Pattern[str]:
        """A part in the credits, a colon and a name (영상편집:김선영, 영상취재: 변성중), or a space and a name in a run
        of credits in brackets ('미끼'(극본 김진욱·연출 김홍선))."""
        roles = "|".join(regex.escape(r) for r in self.credit_roles) or "(?!)"
        return regex.compile(r"(?<![가-힣])(?:" + roles + r")\s?:\s?(?P<name>[가-힣]{3,4})(?![가-힣])"
                             r"|(?<=[(·,]\s?)(?:" + roles + r")\s(?P<name>[가-힣]{3,4})(?=\s?[·,)/])")

    @cached_property
    def credit_roles_are_words(self) -> bool:
        """Whether every part in the credits is written as one word (a run of Hangul, Latin letters and digits): a
        text with credits then has a word that ends with one."""
        return all(_WORD_CHARS.fullmatch(role) for role in self.credit_roles)

    @cached_property
    def gazetteer_by_pair(self) -> tuple[dict[int, tuple[_Named, ...]], tuple[_Named, ...]]:
        """The gazetteer's names by one pair of characters of each (as `character_pairs` gives them; of a name's
        pairs, the one fewest names have), and the names with no such pair (one character, or one outside the
        Basic Multilingual Plane): a text's pairs give the names worth searching for. Each name comes as (its
        entry's number, its place in the entry, the name, all its pairs or None)."""
        named = [(number, place, name, frozenset(character_pairs(name)) if _plain(name) else None)
                 for number, (names, _) in enumerate(self.gazetteer) for place, name in enumerate(names)]
        share: dict[int, int] = {}  # pair -> how many names have it
        for *_, pairs in named:
            for pair in pairs or ():
                share[pair] = share.get(pair, 0) + 1
        by_pair: dict[int, list[_Named]] = {}
        short: list[_Named] = []
        for entry in named:
            if entry[3]:
                by_pair.setdefault(min(entry[3], key=lambda pair: (share[pair], pair)), []).append(entry)
            else:
                short.append((*entry[:3], None))
        return {pair: tuple(names) for pair, names in by_pair.items()}, tuple(short)

    @cached_property
    def gazetteer_names(self) -> frozenset[str]:
        return frozenset(name for names, _ in self.gazetteer for name in names)

    @cached_property
    def _particle_index(self) -> tuple[tuple[int, frozenset[str]], ...]:
        return by_length(self.particles)

    @cached_property
    def _org_suffix_index(self) -> tuple[tuple[int, frozenset[str]], ...]:
        return by_length(s for s, _ in self.org_suffixes)

    @cached_property
    def _title_suffix_index(self) -> tuple[tuple[int, frozenset[str]], ...]:
        return by_length(self.title_suffixes)

    @cached_property
    def org_suffix(self) -> Callable[[str], str | None]:
        """word -> the longest organisation suffix it ends with; remembered per word."""
        return Memo(self._org_suffix).__getitem__

    def _org_suffix(self, word: str) -> str | None:
        return _longest_suffix(word, self._org_suffix_index)

    def is_org_word(self, word: str) -> bool:
        """A gazetteer name, or a word ending with an organisation suffix."""
        return word in self.gazetteer_names or self.org_suffix(word) is not None

    @cached_property
    def facility_suffixes(self) -> tuple[str, ...]:
        """The endings of `facility_endings`, for one `str.endswith` test of them all."""
        return tuple(ending for ending, _ in self.facility_endings)

    @cached_property
    def group_key_pattern(self) -> re.Pattern[str]:
        """Any word for a music group or for a member of one (a paragraph that names a group writes one), found by
        one search of a paragraph."""
        keys = sorted(self.group_words | self.group_member_words, key=len, reverse=True)
        return re.compile("|".join(map(re.escape, keys)) or "(?!)")

    @cached_property
    def all_surnames(self) -> frozenset[str]:
        """The surnames of one syllable and of two."""
        return self.surnames | self.double_surnames

    @cached_property
    def surname_length(self) -> Callable[[str], int]:
        """word -> 1 or 2 when it can be a Korean name (surname + 1-3 syllables), else 0; remembered per word."""
        return Memo(self._surname_length).__getitem__

    def _surname_length(self, word: str) -> int:
        if not word or not _HANGUL_WORD.fullmatch(word) or word in self.not_names or self.is_org_word(word):
            return 0
        if word[:2] in self.double_surnames and 3 <= len(word) <= 4:
            return 2
        if word[:1] in self.surnames and 2 <= len(word) <= 3:
            return 1
        return 0


_UNITS = "utf-16-le"


_Named = tuple[int, int, str, "frozenset[int] | None"]  # a gazetteer name, see Lexicon.gazetteer_by_pair


def _plain(name: str) -> bool:
    """Whether a name has two characters or more, all in the Basic Multilingual Plane (one UTF-16 unit each)."""
    return len(name) >= 2 and len(name.encode(_UNITS)) == 2 * len(name)


def character_pairs(text: str) -> set[int]:
    """Every two characters of the Basic Multilingual Plane written next to each other in `text`, each pair as one
    number (two UTF-16 code units read as one 32-bit number): the set is made in C from the text's code units,
    not from one new string per character. Pairs with a character outside the plane come out as numbers of
    their code units, which match no pair of two characters of the plane."""
    units = text.encode(_UNITS)
    pairs = set(memoryview(units[: len(units) // 4 * 4]).cast("I"))
    odd = units[2:]  # the pairs that start at an odd code unit
    pairs.update(memoryview(odd[: len(odd) // 4 * 4]).cast("I"))
    return pairs


_T = TypeVar("_T")
_MEMO_SIZE = 100_000  # words remembered per look-up before the memo starts again (memory stays bounded)


class Memo(dict):  # type: ignore[type-arg]
    """word -> compute(word), computed on the first look-up; its `__getitem__` is the look-up (a dictionary's
    own, no Python call when the word is known). Starts again when full, so memory stays bounded."""

    __slots__ = ("_compute",)

    def __init__(self, compute: Callable[[str], Any]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, word: str) -> Any:
        if len(self) >= _MEMO_SIZE:
            self.clear()
        value = self[word] = self._compute(word)
        return value


_PER_LEXICON = 16  # lexicons remembered by `per_lexicon` (tests parse many one after another)


def per_lexicon(build: Callable[[Lexicon], _T]) -> Callable[[Lexicon], _T]:
    """`build(lex)`, remembered for the last few lexicons (by identity, the lexicon kept beside its value so that
    its id is not reused): a step's tables built once for the loaded lexicon, memory bounded."""
    remembered: dict[int, tuple[Lexicon, _T]] = {}

    def get(lex: Lexicon) -> _T:
        entry = remembered.get(id(lex))
        if entry is None or entry[0] is not lex:
            if len(remembered) >= _PER_LEXICON:
                remembered.clear()
            entry = remembered[id(lex)] = (lex, build(lex))
        return entry[1]

    return get


def by_length(words: Iterable[str]) -> tuple[tuple[int, frozenset[str]], ...]:
    """Words grouped by length, longest first, for suffix look-ups."""
    groups: dict[int, set[str]] = {}
    for word in words:
        groups.setdefault(len(word), set()).add(word)
    return tuple((length, frozenset(groups[length])) for length in sorted(groups, reverse=True))


def _longest_suffix(word: str, index: tuple[tuple[int, frozenset[str]], ...]) -> str | None:
    for length, suffixes in index:
        if len(word) >= length and word[-length:] in suffixes:
            return word[-length:]
    return None



FILES = ("people/names.toml", "people/titles.toml", "people/particles.toml", "organisations/organisations.toml")


# Lists of organisations.toml read as they are, by how: "words" (a set), "endings" (a tuple, in the file's order),
# "patterns" (compiled). Each is a Lexicon field of the same name.
_ORG_LISTS: dict[str, str] = {
    "competition_endings": "endings", "competition_bodies": "words", "comparison_patterns": "patterns",
    "comparison_editions": "endings", "regions": "words", "place_tail_words": "words", "place_tail_endings": "endings",
    "address_endings": "endings", "code_patterns": "patterns", "staff_words": "words", "body_noun_endings": "endings",
    "body_nouns": "words", "incident_words": "words", "trade_titles": "words", "person_words": "words",
    "role_endings": "endings", "post_particles": "words", "setting_patterns": "patterns",
    "person_aside_patterns": "patterns",
}


def _lists(data: dict[str, Any], table: dict[str, str], where: str) -> dict[str, Any]:
    """The lists of `table` read from a rule file's data, each as its kind says."""
    read: dict[str, Callable[[list[str], str], Any]] = {
        "words": lambda items, key: frozenset(items),
        "endings": lambda items, key: tuple(items),
        "patterns": lambda items, key: tuple(compile_pattern(p, f"{where}: {key}") for p in items),
    }
    return {key: read[how](strings(data, key, where), key) for key, how in table.items()}


def parse(root: Path, replace: dict[str, Path] | None = None) -> Lexicon:
    """The word lists of `root`; `replace` maps names of FILES to other files read instead (a rule file tested
    on its own)."""
    names_path, titles_path, particles_path, orgs_path = ((replace or {}).get(n, root / n) for n in FILES)
    names = read_toml(names_path)
    where = relative_name(names_path)
    check_keys(names, where, required=("single", "double"), optional=("not_names", "place_endings", "thing_endings",
                                                                       "not_person_examples", "not_person_counterexamples",
                                                                       "group_words", "member_words", "group_examples",
                                                                       "group_counterexamples", "played_markers",
                                                                       "played_examples", "played_counterexamples",
                                                                       "aged_examples", "aged_counterexamples",
                                                                       "facility_endings", "facility_examples",
                                                                       "facility_counterexamples",
                                                                       "examples", "counterexamples"))
    titles = read_toml(titles_path)
    where_t = relative_name(titles_path)
    check_keys(titles, where_t, required=("titles", "suffixes"), optional=("follow", "not_titles", "org_title_ends", "detached_titles", "person_titles",
                                                                   "between", "former_words", "council_titles", "academic_titles", "field_endings", "credit_roles", "roles",
                                                                   "held_examples", "held_counterexamples",
                                                                   "examples", "counterexamples"))
    particles = read_toml(particles_path)
    where_p = relative_name(particles_path)
    check_keys(particles, where_p, required=("particles",), optional=("examples", "counterexamples"))
    orgs = read_toml(orgs_path)
    where_o = relative_name(orgs_path)
    check_keys(orgs, where_o, optional=("suffixes", "weak_suffixes", "standalone_weak_suffixes", "place_particles", "quoted_suffixes",
                                       "place_words", "place_patterns", "company_markers",
                                       "references", "context_words", "not_aliases", "gazetteer",
                                       "short_form_prefixes", "not_short_forms", "descriptors", "unit_suffixes",
                                       "services", "service_followers", "place_like_suffixes", "acting_particles",
                                       "acting_words", "acting_patterns", "place_subject_patterns", "coordinators", "venue_patterns",
                                       "title_modifiers", "determiners", "open_suffixes", "nested_units", "team_words", "team_fields", "group_member_words", "channel_numbers", "legislatures",
                                       "quoted_descriptors", "person_after_title", *_ORG_LISTS, "examples", "counterexamples"))
    facilities = names.get("facility_endings", {})
    if not isinstance(facilities, dict):
        raise PatternError(f"{where}: facility_endings: a table of endings, each with its list of words")
    facility_endings = tuple((ending, frozenset(strings(facilities, ending, f"{where}: facility_endings")))
                             for ending in facilities)
    weak = orgs.get("weak_suffixes", {})
    for suffix, kind in weak.items():
        if kind not in KINDS:
            raise PatternError(f"{where_o}: weak suffix {suffix!r}: kind {kind!r} is not one of {', '.join(KINDS)}")
    suffixes = orgs.get("suffixes", {})
    for suffix, kind in suffixes.items():
        if kind not in KINDS:
            raise PatternError(f"{where_o}: suffix {suffix!r}: kind {kind!r} is not one of {', '.join(KINDS)}")
    gazetteer = []
    seen: dict[str, int] = {}
    for number, entry in enumerate(orgs.get("gazetteer", []), start=1):
        here = f"{where_o}: gazetteer entry {number}"
        check_keys(entry, here, required=("names", "kind"))
        entry_names = strings(entry, "names", here)
        if entry["kind"] not in KINDS:
            raise PatternError(f"{here}: kind {entry['kind']!r} is not one of {', '.join(KINDS)}")
        for name in entry_names:
            if name in seen:
                raise PatternError(f"{here}: {name!r} is also in entry {seen[name]}")
            seen[name] = number
        gazetteer.append((tuple(entry_names), entry["kind"]))
    return Lexicon(
        surnames=frozenset(strings(names, "single", where)),
        double_surnames=frozenset(strings(names, "double", where)),
        not_names=frozenset(strings(names, "not_names", where)),
        titles=frozenset(strings(titles, "titles", where_t)),
        title_suffixes=tuple(sorted(strings(titles, "suffixes", where_t), key=len, reverse=True)),
        title_follow=frozenset(strings(titles, "follow", where_t)),
        not_titles=frozenset(strings(titles, "not_titles", where_t)),
        title_org_ends=frozenset(strings(titles, "org_title_ends", where_t)),
        weak_suffixes=tuple(weak.items()),
        quoted_suffixes=tuple(strings(orgs, "quoted_suffixes", where_o)),
        standalone_weak=frozenset(strings(orgs, "standalone_weak_suffixes", where_o)),
        place_particles=frozenset(strings(orgs, "place_particles", where_o)),
        detached_titles=frozenset(strings(titles, "detached_titles", where_t)),
        place_words=frozenset(strings(orgs, "place_words", where_o)),
        place_patterns=tuple(compile_pattern(p, f"{where_o}: place_patterns")
                             for p in strings(orgs, "place_patterns", where_o)),
        particles=tuple(sorted(strings(particles, "particles", where_p), key=len, reverse=True)),
        org_suffixes=tuple(sorted(suffixes.items(), key=lambda item: len(item[0]), reverse=True)),
        company_markers=tuple(strings(orgs, "company_markers", where_o)),
        references=frozenset(strings(orgs, "references", where_o)),
        context_words=frozenset(strings(orgs, "context_words", where_o)),
        not_aliases=frozenset(strings(orgs, "not_aliases", where_o)),
        gazetteer=tuple(gazetteer),
        person_titles=frozenset(strings(titles, "person_titles", where_t)),
        between=frozenset(strings(titles, "between", where_t)),
        council_titles=frozenset(strings(titles, "council_titles", where_t)),
        academic_titles=frozenset(strings(titles, "academic_titles", where_t)),
        field_endings=tuple(strings(titles, "field_endings", where_t)),
        credit_roles=tuple(sorted(strings(titles, "credit_roles", where_t), key=len, reverse=True)),
        roles=frozenset(strings(titles, "roles", where_t)),
        short_form_prefixes=tuple(strings(orgs, "short_form_prefixes", where_o)),
        not_short_forms=frozenset(strings(orgs, "not_short_forms", where_o)),
        descriptors=frozenset(strings(orgs, "descriptors", where_o)),
        unit_suffixes=tuple(strings(orgs, "unit_suffixes", where_o)),
        services=frozenset(strings(orgs, "services", where_o)),
        service_followers=tuple(strings(orgs, "service_followers", where_o)),
        place_like_suffixes=tuple(strings(orgs, "place_like_suffixes", where_o)),
        acting_particles=frozenset(strings(orgs, "acting_particles", where_o)),
        acting_words=frozenset(strings(orgs, "acting_words", where_o)),
        acting_patterns=tuple(compile_pattern(p, f"{where_o}: acting_patterns")
                              for p in strings(orgs, "acting_patterns", where_o)),
        place_subject_patterns=tuple(compile_pattern(p, f"{where_o}: place_subject_patterns")
                                     for p in strings(orgs, "place_subject_patterns", where_o)),
        coordinators=frozenset(strings(orgs, "coordinators", where_o)),
        venue_patterns=tuple(compile_pattern(p, f"{where_o}: venue_patterns")
                             for p in strings(orgs, "venue_patterns", where_o)),
        title_modifiers=frozenset(strings(orgs, "title_modifiers", where_o)),
        determiners=frozenset(strings(orgs, "determiners", where_o)),
        open_suffixes=frozenset(strings(orgs, "open_suffixes", where_o)),
        nested_units=tuple(sorted(strings(orgs, "nested_units", where_o), key=len, reverse=True)),
        team_words=frozenset(strings(orgs, "team_words", where_o)),
        team_fields=frozenset(strings(orgs, "team_fields", where_o)),
        group_member_words=frozenset(strings(orgs, "group_member_words", where_o)),
        channel_numbers=tuple(strings(orgs, "channel_numbers", where_o)),
        quoted_descriptors=frozenset(strings(orgs, "quoted_descriptors", where_o)),
        person_after_title=frozenset(strings(orgs, "person_after_title", where_o)),
        **_lists(orgs, _ORG_LISTS, where_o),
        legislatures=tuple(sorted(strings(orgs, "legislatures", where_o), key=len, reverse=True)),
        place_endings=tuple(strings(names, "place_endings", where)),
        thing_endings=tuple(strings(names, "thing_endings", where)),
        not_person_examples=tuple(strings(names, "not_person_examples", where)),
        not_person_counterexamples=tuple(strings(names, "not_person_counterexamples", where)),
        group_words=frozenset(strings(names, "group_words", where)),
        member_words=frozenset(strings(names, "member_words", where)),
        group_examples=tuple(strings(names, "group_examples", where)),
        group_counterexamples=tuple(strings(names, "group_counterexamples", where)),
        facility_endings=facility_endings,
        facility_examples=tuple(strings(names, "facility_examples", where)),
        facility_counterexamples=tuple(strings(names, "facility_counterexamples", where)),
        held_examples=tuple(strings(titles, "held_examples", where_t)),
        held_counterexamples=tuple(strings(titles, "held_counterexamples", where_t)),
        aged_examples=tuple(strings(names, "aged_examples", where)),
        aged_counterexamples=tuple(strings(names, "aged_counterexamples", where)),
        former_words=frozenset(strings(titles, "former_words", where_t)),
        played_markers=tuple(strings(names, "played_markers", where)),
        played_examples=tuple(strings(names, "played_examples", where)),
        played_counterexamples=tuple(strings(names, "played_counterexamples", where)),
    )


@cache
def load() -> Lexicon:
    return parse(patterns_dir())
