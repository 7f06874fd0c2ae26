"""Features of Kiwi morphemes for the entity model, the same at training and at run time.

Each token is described by its form and tag, the shape of its characters, whether a space comes before it,
the first and last syllables of a noun, whether a proper noun is shaped like a Korean name and how many of its
syllables are common in transcribed foreign names, the word lists of `patterns/` (surnames, titles and their
suffixes, organisation suffixes, gazetteer names, place words), the class of a noun among the nouns Kiwi's
language model uses alike (classes.py; "unk" for a noun it has no vector for), the same facts about its
neighbours, and whether a title or an organisation suffix follows a noun before the next particle. Features
are plain strings (python-crfsuite's fastest input).
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any, Generic, NamedTuple, TypeVar

from extract import lexicon
from extract.entities import classes
from extract.segment import Token


def _shape(form: str) -> str:
    if all("가" <= ch <= "힣" for ch in form):
        return "H"
    if form.isascii() and form.isalpha():
        return "U" if form.isupper() else "L"
    if form.isdigit():
        return "D"
    return "O"


@lru_cache(maxsize=65536)
def _own(form: str, tag: str) -> tuple[str, ...]:
    """The features of one morpheme on its own (cached: news repeats its words)."""
    lex = lexicon.load()
    shape = _shape(form)
    found = [f"w={form}", f"t={tag}", f"wt={form}/{tag}", f"s={shape}", f"n={min(len(form), 5)}"]
    if shape == "H" and tag.startswith("NN"):
        found += [f"p1={form[:1]}", f"x1={form[-1:]}", f"x2={form[-2:]}", f"p2={form[:2]}", f"x3={form[-3:]}"]
        if tag == "NNP":
            if lex.surname_length(form) and 2 <= len(form) <= 4:
                found.append("korname")  # shaped like a Korean name: a surname and one to three syllables
            found.append(f"loan={min(sum(ch in _LOAN for ch in form), 3)}")
        if form[:1] in lex.surnames:
            found.append("surname")
        if form[:2] in lex.double_surnames:
            found.append("surname2")
        if lex.is_title(form):
            found.append("title")
        if suffix := lex.org_suffix(form):
            found.append(f"orgsfx={lex.kind_by_ending(form) or suffix}")
        if form in lex.gazetteer_names:
            found.append("gazetteer")
        if form in lex.place_words:
            found.append("placeword")
        if lex.is_local_government(form):
            found.append("localgov")
        if form in lex.context_words:
            found.append("orgcontext")
        found.append(f"cl={classes.load().get((form, tag), 'unk')}")
    elif shape in ("U", "L"):
        found.append("latin")
    return tuple(found)


# Syllables common in Hangul transcriptions of foreign words and names (트럼프, 블링컨, 젤렌스키): how many a
# proper noun has tells a foreign name from a Korean one.
_LOAN = frozenset("르스즈크트프드브츠쉬엘슨튼턴퍼버커제조지샤셰쇼츄피티키디비리니미")
_STOPS = ("J", "E", "SF", "SP")
_LOOKAHEAD = 4


@lru_cache(maxsize=65536)
def _role(form: str, tag: str) -> str:
    """What a token following a name says about it: "stop" (a particle, an ending or punctuation ends the
    look-ahead), "title" (a job title: a person), "org" (an organisation suffix: a body) or ""."""
    if tag.startswith(_STOPS):
        return "stop"
    if tag.startswith("NN"):
        lex = lexicon.load()
        if lex.is_title(form):
            return "title"
        if lex.org_suffix(form):
            return "org"
    return ""


# A noun (a token of these tags) takes "titleahead1" to "titleahead3" when the first of the next _LOOKAHEAD tokens
# with a role is a title, at that distance (3: three or four; 도널드 트럼프 미국 대통령: a title three tokens ahead),
# and "orgahead" when it is an organisation suffix (한국전자통신 연구원); a particle, an ending or punctuation ("stop")
# ends the look-ahead.
_AHEAD_TAGS = frozenset({"NNP", "SL", "SH", "NNG"})


# A feature with one of these characters is always passed on (crfsuite itself decides): its name could read
# differently in the model's text dump, where the known names come from.
ALWAYS_KEPT = frozenset("\r\n\0")
_NEIGHBOUR_KEYS = ("w=", "t=", "title", "surname", "orgsfx=", "orgcontext", "placeword", "latin", "s=")

Feature = TypeVar("Feature", str, bytes)


class _Word(NamedTuple, Generic[Feature]):
    """Everything a morpheme gives the features of itself and of its neighbours, computed once per (form, tag)
    (a tuple: made for every new word, so made cheaply). A pair is indexed by whether a space follows the token
    before (own_gap) or the token itself (after_gap): 0 glued, 1 spaced."""
    tag: str
    own: tuple[Feature, ...]  # with the bias feature "b" first
    own_gap: tuple[tuple[Feature, ...], tuple[Feature, ...]]  # own, then "nosp" or "sp"
    before: tuple[Feature, ...]  # as the token before another (-1…)
    after_gap: tuple[tuple[Feature, ...], tuple[Feature, ...]]  # as the token after another (+1…), then "+1nosp"/"+1sp"
    two_before: tuple[Feature, ...]  # two tokens away: the form and the tag only
    two_after: tuple[Feature, ...]
    role: str
    looks_ahead: bool  # a noun that takes the title or organisation suffix ahead of it


class Table(dict, Generic[Feature]):
    """(form, tag) → _Word, every feature built once per word.

    By default the features are the training's strings. The tagger's table keeps only the features among the
    model's attribute names `known` (crfsuite ignores the others when it reads them) and, with `as_bytes`, gives
    them as UTF-8 bytes (python-crfsuite takes bytes as they are), so the per-token work is joining tuples."""

    def __init__(self, known: frozenset[str] | None = None, *, as_bytes: bool = False) -> None:
        super().__init__()
        self._as_bytes = as_bytes
        # name → the feature as given to crfsuite, for every name the model knows (one look-up keeps and encodes)
        self._known: dict[str, Feature] | None = None if known is None else {
            name: name.encode("utf-8") if as_bytes else name for name in known}  # type: ignore[misc]
        self._texts: dict[str, tuple[Feature, ...]] = {}
        self._variants = None if self._known is None else _variants(self._known)
        self.pairs = _Pairs(self)
        self.bias, self.bos, self.eos, self.sp, self.nosp, self.next_sp, self.next_nosp = (
            self.text(f) for f in ("b", "BOS", "EOS", "sp", "nosp", "+1sp", "+1nosp"))

    def text(self, feature: str) -> tuple[Feature, ...]:
        """One feature as a tuple of zero or one features."""
        if (found := self._texts.get(feature)) is None:
            found = self._texts[feature] = self.many([feature])
        return found

    def many(self, found: list[str], safe: bool = False) -> tuple[Feature, ...]:
        """The features of `found` the tagger is given, in order; `safe`: no name holds an ALWAYS_KEPT character."""
        known = self._known
        if known is None:
            return tuple(f.encode("utf-8") for f in found) if self._as_bytes else tuple(found)  # type: ignore[misc]
        if safe:
            return tuple([k for k in map(known.get, found) if k is not None])
        return tuple([k for f in found if (k := known.get(f)) is not None  # type: ignore[misc]
                      or (not ALWAYS_KEPT.isdisjoint(f) and (k := f.encode("utf-8") if self._as_bytes else f))])

    def __missing__(self, key: tuple[str, str]) -> _Word[Feature]:
        form, tag = key
        own = _own(form, tag)
        variants = self._variants
        # every feature of a word is made of its own features and fixed prefixes: one test for all of them
        if variants is None or not ALWAYS_KEPT.isdisjoint("".join(own)):
            return self._keep(key, self._word(form, tag, own, variants is not None))
        # one look-up per feature gives the variants of it the model knows (most of a word's have none)
        found = [v for v in map(variants.get, own) if v is not None]
        kept = self.bias + tuple([v[0] for v in found if v[0] is not None])
        after = tuple([v[2] for v in found if v[2] is not None])
        first = [v for v in map(variants.get, own[:2]) if v is not None]  # -2 and +2: the form and the tag
        return self._keep(key, _Word(
            tag, kept, (kept + self.nosp, kept + self.sp), tuple([v[1] for v in found if v[1] is not None]),
            (after + self.next_nosp, after + self.next_sp), tuple([v[3] for v in first if v[3] is not None]),
            tuple([v[4] for v in first if v[4] is not None]), _role(form, tag), tag in _AHEAD_TAGS))

    def _word(self, form: str, tag: str, own: tuple[str, ...], filtered: bool) -> _Word[Feature]:
        """A word's features name by name (the training's table, or a word with a character the dump may garble)."""
        safe = not filtered
        many = self.many
        near = [f for f in own if f.startswith(_NEIGHBOUR_KEYS)]
        kept = many(["b", *own], safe)
        after = many(["+1" + f for f in near], safe)
        return _Word(tag, kept, (kept + self.nosp, kept + self.sp), many(["-1" + f for f in near], safe),
                     (after + self.next_nosp, after + self.next_sp), many(["-2" + f for f in own[:2]], safe),
                     many(["+2" + f for f in own[:2]], safe), _role(form, tag), tag in _AHEAD_TAGS)

    def _keep(self, key: tuple[str, str], word: _Word[Feature]) -> _Word[Feature]:
        if len(self) >= _WORDS_KEPT:
            self.clear()  # bounded: news repeats its words, so a fresh table fills again quickly
        self[key] = word
        return word


# The prefixes of a neighbour's features, in the order of _variants' slots after the feature itself
_PREFIXES = ("-1", "+1", "-2", "+2")


def _variants(known: dict[str, Feature]) -> dict[str, list[Feature | None]]:
    """Feature → itself, as the token before (-1) and after (+1) another, two tokens before and after (-2, +2), as
    given to the tagger, or None where the model does not know that name; only features with a known name. -1
    and +1 only for the features neighbours lend (as the training makes them)."""
    found: dict[str, list[Feature | None]] = {}
    for name, given in known.items():
        found.setdefault(name, [None] * 5)[0] = given
        slot = _PREFIXES.index(name[:2]) + 1 if name[:2] in _PREFIXES else 0
        if slot and (slot > 2 or name[2:].startswith(_NEIGHBOUR_KEYS)):
            found.setdefault(name[2:], [None] * 5)[slot] = given
    return found


class _Pairs(dict):
    """(tag before, tag) → the encoded feature of the two tags."""

    def __init__(self, table: Table) -> None:
        super().__init__()
        self._table = table

    def __missing__(self, key: tuple[str, str]) -> tuple:
        found = self[key] = self._table.text(f"-1t+t={key[0]}+{key[1]}")
        return found


_WORDS_KEPT = 65536
_words: Table[str] = Table()
_FORM_TAG = operator.itemgetter(0, 1)  # a Token's (form, tag)
_START = operator.itemgetter(2)
_END = operator.itemgetter(3)
# a _Word's fields by their index (quicker than by name)
_TAG, _OWN_GAP, _BEFORE, _AFTER_GAP, _TWO_BEFORE, _TWO_AFTER, _ROLE = (
    operator.itemgetter(_Word._fields.index(name))
    for name in ("tag", "own_gap", "before", "after_gap", "two_before", "two_after", "role"))


def sequence(tokens: Sequence[Token]) -> list[list[str]]:
    """One feature list per token of a sentence or paragraph."""
    return encoded(tokens, _words)


def encoded(tokens: Sequence[Token], table: Table[Feature]) -> list[list[Feature]]:
    """One feature list per token, as `table` encodes and keeps them (in the order of `sequence`).

    Each token's list joins tuples the table already holds: its own features and the space before it, its
    neighbours' (two on each side; the sentence's start and end stand in for missing neighbours; the next
    token's with the space after), the pair of tags and a title or suffix ahead. Every column is made by
    `map` over the words; the Python loop makes only the lists."""
    if not tokens:
        return []
    words = list(map(table.__getitem__, map(_FORM_TAG, tokens)))
    spaced = list(map(operator.lt, map(_END, tokens), map(_START, tokens[1:])))  # a space after tokens[i]
    tags = list(map(_TAG, words))
    owns = [words[0].own_gap[1], *map(operator.getitem, map(_OWN_GAP, words[1:]), spaced)]
    befores = [table.bos, *map(_BEFORE, words)]
    pairs = [(), *map(table.pairs.__getitem__, itertools.pairwise(tags))]
    two_befores = [(), (), *map(_TWO_BEFORE, words)]
    afters = [*map(operator.getitem, map(_AFTER_GAP, words[1:]), spaced), table.eos]
    two_afters = [*map(_TWO_AFTER, words[2:]), (), ()]
    found: list[list[Feature]] = [
        [*own, *before, *pair, *two_before, *after, *two_after]
        for own, before, pair, two_before, after, two_after
        in zip(owns, befores, pairs, two_befores, afters, two_afters, strict=False)]
    roles = list(map(_ROLE, words))
    for role in _AHEAD_ROLES:  # from each title or suffix back to the nouns whose look-ahead it ends
        for j in positions(roles, role):
            for i in range(j - 1, max(j - _LOOKAHEAD, 0) - 1, -1):
                if words[i].looks_ahead:
                    found[i] += table.text(f"titleahead{min(j - i, 3)}" if role == "title" else "orgahead")
                if roles[i]:
                    break  # a token with a role of its own ends the look-ahead of the tokens before it
    return found


_AHEAD_ROLES = ("title", "org")


def positions(items: list[Any], item: Any) -> Iterator[int]:
    """The indices of `item` in `items`, in order (list.index does the scanning)."""
    i = -1
    try:
        while True:
            i = items.index(item, i + 1)
            yield i
    except ValueError:
        return
