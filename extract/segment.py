"""Stage 4, segment/tokenize: the body's paragraphs, with offsets and Kiwi tokens.

Kiwi sees one paragraph per item, never the whole body. Token offsets are
turned into body offsets here, so later stages never recompute them.
"""

from __future__ import annotations

from dataclasses import dataclass

from extract import kiwi


@dataclass(frozen=True)
class Token:
    form: str
    tag: str
    start: int  # body offset
    end: int


@dataclass(frozen=True)
class Paragraph:
    text: str
    start: int  # body offset of text[0]
    tokens: tuple[Token, ...]


def paragraphs(body: str, separator: str = "\n\n") -> list[tuple[str, int]]:
    found = []
    position = 0
    for part in body.split(separator):
        found.append((part, position))
        position += len(part) + len(separator)
    return [(text, start) for text, start in found if text]


def segment(body: str, *, tokenize: bool = True) -> list[Paragraph]:
    parts = paragraphs(body)
    token_lists = kiwi.tokenize([text for text, _ in parts]) if tokenize else [[] for _ in parts]
    return [
        Paragraph(text, start, tuple(Token(t.form, t.tag, start + t.start, start + t.start + t.len) for t in tokens))
        for (text, start), tokens in zip(parts, token_lists, strict=True)
    ]
