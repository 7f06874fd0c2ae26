"""Stage 6b, resolve organisations: gazetteer names, name suffixes, company markers,
and the organisations written next to people.

Data: `patterns/organisations/organisations.toml`. One record per organisation:
a gazetteer entry's first name is the record's name and its other names are
the aliases; every mention (of any alias) is listed with body offsets. A
mention must stand as a word of its own, optionally followed by a particle
(서울시는, but not 서울시장 or 서울시의회). Where mentions overlap, the longer wins.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from extract.entities.people import PersonMention, Word, words
from extract.lexicon import Lexicon
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


def _suffix_orgs(word: Word, lex: Lexicon) -> str | None:
    stem = lex.strip_particle(word.text)
    suffix = lex.org_suffix(stem)
    if suffix is None:
        # 용인시는, 창원시: a one-syllable ending counts on a word Kiwi reads as one proper noun.
        token = word.tokens[0] if word.tokens else None
        if token is not None and token.tag == "NNP" and token.end == word.start + len(stem) \
                and lex.is_local_government(stem) and stem not in lex.not_names:
            return stem
        return None
    if len(stem) <= len(suffix):
        return None
    prefix = stem[: -len(suffix)]
    if prefix in lex.not_names or lex.is_title(stem):
        return None
    proper = any(t.tag in ("NNP", "SL") and t.start < word.start + len(prefix) for t in word.tokens)
    return stem if proper or len(stem) >= len(suffix) + 3 else None


_ALIAS = r"\((?P<alias>[A-Z][A-Za-z&\-]{1,11}|[가-힣]{2,8})\)"


def _named_by_context(word: Word, following: Word, lex: Lexicon) -> bool:
    """네이버 관계자, 쿠팡 측: a proper noun (not a person's name) before a word for a body's people."""
    return (not following.gap.strip() and lex.strip_particle(following.text) in lex.context_words
            and len(word.tokens) == 1 and word.tokens[0].tag in ("NNP", "SL") and word.tokens[0].end == word.end
            and not lex.surname_length(word.text) and word.text not in lex.not_names and len(word.text) >= 2)


_WORDCHAR = regex.compile(r"[가-힣A-Za-z0-9]")
_WORDRUN = regex.compile(r"[가-힣A-Za-z0-9]*")
_LATIN_DIGIT = regex.compile(r"[A-Za-z0-9]")


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


def find(body: str, paragraphs: list[Paragraph], people: list[PersonMention], lex: Lexicon,
         proposed: Sequence[str] = (), places: Sequence[tuple[int, int]] = ()) -> list[OrgRecord]:
    """The article's organisations; `proposed` names (from the entity model) are added to the rules' own, and
    a local government's name at one of `places` (read as a place by the model) is not a mention of it."""
    names: dict[str, str] = {}  # surface name -> record name
    records: dict[str, OrgRecord] = {}
    explicit: list[tuple[int, int, str]] = []  # spans known exactly (inside titles)

    def add(surface: str) -> None:
        if surface in lex.references:
            return
        canonical, aliases = _canonical(surface, lex)
        names[surface] = canonical
        for alias in aliases:
            names.setdefault(alias, canonical)
        if canonical not in records:
            records[canonical] = OrgRecord(canonical, _kind_of(canonical, lex), aliases)

    for gazetteer_names, _ in lex.gazetteer:
        for name in gazetteer_names:
            if name in body:
                add(name)
                break
    for paragraph in paragraphs:
        items = words(paragraph)
        for index, word in enumerate(items):
            found = _suffix_orgs(word, lex)
            inside = lex.organisation_in_title(lex.strip_particle(word.text)) if not found else None
            if found:
                add(found)
            elif inside and (inside in lex.gazetteer_names or lex.is_local_government(inside)):
                add(inside)  # 중소기업은행장으로: the body a title names
                explicit.append((word.start, word.start + len(inside), inside))
            elif index + 1 < len(items) and _named_by_context(word, items[index + 1], lex):
                add(word.text)
        for match in lex.quoted_pattern.finditer(paragraph.text):
            add(match.group("name"))
        for marker, pattern in lex.company_marker_patterns:
            if marker not in paragraph.text:
                continue
            for match in pattern.finditer(paragraph.text):
                name = lex.strip_particle(match.group("name"))
                add(name)
                records[names[name]].kind = "company"
    for name in proposed:
        if name not in names:
            add(name)
    for surface in [n for n in names if n + "(" in body]:  # 한국전자통신연구원(ETRI): ETRI names the same body
        for match in regex.finditer(regex.escape(surface) + _ALIAS, body):  # a few names per article
            alias = match.group("alias")
            record = records[names[surface]]
            if alias not in lex.not_aliases and alias not in names and alias != record.name:
                names[alias] = record.name
                record.aliases.append(alias)

    taken = _Taken(len(body))
    for start, end, surface in explicit:
        if surface in names and taken.free(start, end):
            taken.take(start, end)
            records[names[surface]].mentions.append((start, end))
    for person in people:
        if person.organisation and person.organisation not in lex.references:
            add(person.organisation)
            start, end = person.org_start, person.org_end
            if start is not None and end is not None and taken.free(start, end) \
                    and body[start:end] == person.organisation:
                taken.take(start, end)  # written inside a title (서초구청장) or next to the name: exact
                records[names[person.organisation]].mentions.append((start, end))

    # Mentions: every surface form, longest first, no overlaps; places are not bodies.
    place = bytearray(len(body) + 1)
    for start, end in places:
        place[start:end] = b"\x01" * (end - start)
    for surface in sorted(names, key=lambda s: (-len(s), s)):
        for start in _occurrences(body, surface):
            end = start + len(surface)
            if not taken.free(start, end) or not _boundary_ok(body, start, end, lex) \
                    or lex.is_place_context(surface, body[end:end + 30]) \
                    or (place.find(0, start, end) < 0 and lex.is_local_government(surface)):
                continue
            taken.take(start, end)
            records[names[surface]].mentions.append((start, end))
    return [r for r in records.values() if r.mentions]


def record_name(surface: str, lex: Lexicon) -> str:
    return _canonical(surface, lex)[0]
