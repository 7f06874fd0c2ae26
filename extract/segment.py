"""Stage 4, segment/tokenize: the body's paragraphs, with offsets and Kiwi tokens.

Kiwi sees one paragraph per item, never the whole body, and a paragraph longer
than `PIECE` characters is given in pieces cut after a sentence end (else at a
space, else anywhere), because Kiwi's time grows faster than the length of one
item. Token offsets are turned into body offsets here, so later stages never
recompute them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import regex

from extract import budget, kiwi

PIECE = 2000  # the longest text given to Kiwi as one item
BATCH = 50_000  # characters per Kiwi call (the time budget is checked between calls)
_SENTENCE_END = regex.compile(r"[.!?。…][\"'”’)\]]*\s+")
_SPACE = regex.compile(r"\s+")


class Token(NamedTuple):
    """One Kiwi token with body offsets (a tuple: made by the hundred thousand, so made cheaply)."""

    form: str
    tag: str
    start: int  # body offset
    end: int


@dataclass(frozen=True)
class Paragraph:
    text: str
    start: int  # body offset of text[0]
    tokens: tuple[Token, ...]

    def __hash__(self) -> int:  # the text and where it starts identify it: no need to hash every token
        return hash((self.text, self.start))


def paragraphs(body: str, separator: str = "\n\n") -> list[tuple[str, int]]:
    found = []
    position = 0
    for part in body.split(separator):
        found.append((part, position))
        position += len(part) + len(separator)
    return [(text, start) for text, start in found if text]


def pieces(text: str, size: int = PIECE) -> list[tuple[str, int]]:
    """`text` cut into (piece, offset) of at most `size` characters; the pieces join back to `text`."""
    found = []
    start = 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = 0
        for pattern in (_SENTENCE_END, _SPACE):
            ends = [m.end() for m in pattern.finditer(window) if m.end() < size]
            if ends and ends[-1] > size // 4:
                cut = ends[-1]
                break
        cut = cut or size
        found.append((window[:cut], start))
        start += cut
    found.append((text[start:], start))
    return found


def _tokenize(items: list[str]) -> list[list]:
    """Kiwi tokens for each item, in calls of at most BATCH characters."""
    if sum(map(len, items)) <= BATCH:  # an article's items: one call
        budget.check()
        return kiwi.tokenize(items)
    result: list[list] = []
    batch: list[str] = []
    size = 0
    for item in [*items, None]:
        if item is None or (batch and size + len(item) > BATCH):
            budget.check()
            result.extend(kiwi.tokenize(batch))
            batch, size = [], 0
        if item is not None:
            batch.append(item)
            size += len(item)
    return result


def _cut(body: str) -> tuple[list[tuple[str, int]], list[list[tuple[str, int]] | None], list[str]]:
    """The body's paragraphs; for each, its pieces (None: given to Kiwi whole); and Kiwi's items in order."""
    parts = paragraphs(body)
    cut: list[list[tuple[str, int]] | None] = []
    flat: list[str] = []
    for text, start in parts:
        if len(text) <= PIECE:
            cut.append(None)
            flat.append(text)
        else:
            group = [(piece, start + offset) for piece, offset in pieces(text)]
            cut.append(group)
            flat += [piece for piece, _ in group]
    return parts, cut, flat


def items(body: str) -> list[str]:
    """What Kiwi is given for `body`: its paragraphs, long ones in pieces, in order."""
    return _cut(body)[2]


def segment(body: str, *, tokenize: bool = True,
            source: Callable[[list[str]], Sequence[list]] | None = None) -> list[Paragraph]:
    """The body's paragraphs with their tokens. `source(items)` gives the Kiwi tokens of `items(body)`
    (default: Kiwi called here, in calls of at most BATCH characters).

    Each Kiwi token is read once (its form, tag, start and end: Kiwi makes a new string at each read of a form
    or tag) into the project's Token, a tuple made without the named tuple's own `__new__`; a paragraph given
    whole takes Kiwi's item offsets plus its start, a long one each piece's offset."""
    parts, cut, flat = _cut(body)
    if not tokenize:
        return [Paragraph(text, start, ()) for text, start in parts]
    token_lists = (source or _tokenize)(flat)
    if len(token_lists) != len(flat):
        raise ValueError(f"{len(token_lists)} token lists for {len(flat)} items")
    new = tuple.__new__
    result = []
    at = 0
    for (text, start), group in zip(parts, cut, strict=True):
        if group is None:
            tokens = tuple([new(Token, (t.form, t.tag, t.start + start, t.end + start)) for t in token_lists[at]])
            at += 1
        else:
            found: list[Token] = []
            for _, offset in group:
                found += [new(Token, (t.form, t.tag, t.start + offset, t.end + offset)) for t in token_lists[at]]
                at += 1
            tokens = tuple(found)
        result.append(Paragraph(text, start, tokens))
    return result
