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


def _cut(body: str) -> tuple[list[tuple[str, int]], list[list[tuple[str, int]]]]:
    parts = paragraphs(body)
    return parts, [[(piece, start + offset) for piece, offset in pieces(text)] for text, start in parts]


def items(body: str) -> list[str]:
    """What Kiwi is given for `body`: its paragraphs, long ones in pieces, in order."""
    return [piece for group in _cut(body)[1] for piece, _ in group]


def segment(body: str, *, tokenize: bool = True,
            source: Callable[[list[str]], Sequence[list]] | None = None) -> list[Paragraph]:
    """The body's paragraphs with their tokens. `source(items)` gives the Kiwi tokens of `items(body)`
    (default: Kiwi called here, in calls of at most BATCH characters)."""
    parts, cut = _cut(body)
    flat = [item for group in cut for item in group]
    if not tokenize:
        token_lists: Sequence[list] = [[] for _ in flat]
    else:
        token_lists = (source or _tokenize)([text for text, _ in flat])
    tokens_at = iter(zip(flat, token_lists, strict=True))
    new = tuple.__new__
    result = []
    for (text, start), group in zip(parts, cut, strict=True):
        if len(group) == 1:  # a paragraph given whole (Kiwi's `end` is its `start + len`)
            (_, offset), found = next(tokens_at)
            tokens = tuple([new(Token, (t.form, t.tag, t.start + offset, t.end + offset)) for t in found])
        else:
            pieces_tokens: list[Token] = []
            for _ in group:
                (_, offset), found = next(tokens_at)
                pieces_tokens += [new(Token, (t.form, t.tag, t.start + offset, t.end + offset)) for t in found]
            tokens = tuple(pieces_tokens)
        result.append(Paragraph(text, start, tokens))
    return result
