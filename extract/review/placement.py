"""Where the removed text stood: each `removed` item placed in the body it was cut from.

An article keeps its removed boilerplate as a list of (text, reason) without
offsets. Given the page's own text, each body paragraph and each removed item
is found there, in order; a removed item inside a paragraph's stretch of the
page (an inline cut such as `- 5 -`) is placed at the matching point of that
paragraph, any other before the first paragraph that follows it on the page,
or after the last paragraph. Items the page text does not contain keep no
place (offset None) and are shown apart.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import regex

_KEY = 24  # characters of a paragraph's start and end looked up on the page
_TRIES = 50  # occurrences of one removed text tried before it is left unplaced
_MAX_SOURCE = 2_000_000  # larger pages: removed text is listed after the body, not placed


@dataclass(frozen=True)
class Place:
    index: int  # position in `removed`
    offset: int | None  # body offset it is shown at (None: not found on the page)
    inline: bool  # inside a paragraph (True) or between paragraphs (False)


def _find(source: str, text: str, start: int) -> tuple[int, int] | None:
    """(start, end) of `text` in `source` at or after `start`, exactly or with any whitespace."""
    position = source.find(text, start)
    if position >= 0:
        return position, position + len(text)
    words = text.split()
    if not words:
        return None
    pattern = r"\s*".join(regex.escape(w) for w in words)
    try:
        found = regex.compile(pattern).search(source, start, timeout=0.5)
    except TimeoutError:
        return None
    return (found.start(), found.end()) if found else None


def _paragraph_spans(source: str, paragraphs: list[str]) -> list[tuple[int, int] | None]:
    spans: list[tuple[int, int] | None] = []
    cursor = 0
    for paragraph in paragraphs:
        head = _find(source, paragraph[:_KEY], cursor)
        if head is None:
            spans.append(None)
            continue
        tail = _find(source, paragraph[-_KEY:], max(head[0], head[1] - _KEY))
        end = tail[1] if tail else head[0] + len(paragraph)
        spans.append((head[0], max(end, head[1])))
        cursor = head[0] + 1
    return spans


def _inline_offset(segment: str, paragraph: str, at: int) -> int:
    """The paragraph offset matching offset `at` of its page segment."""
    matcher = difflib.SequenceMatcher(None, segment, paragraph, autojunk=False)
    best = 0
    for a, b, n in matcher.get_matching_blocks():
        if a <= at < a + n:
            return b + at - a
        if a + n <= at:
            best = b + n
    return min(best, len(paragraph))


def place(source: str | None, body: str, removed: list[tuple[str, str]]) -> list[Place]:
    """A Place for every removed item, in the order of `removed`."""
    if not source or len(source) > _MAX_SOURCE:
        return [Place(i, None, False) for i in range(len(removed))]
    paragraphs = body.split("\n\n")
    starts, position = [], 0
    for paragraph in paragraphs:
        starts.append(position)
        position += len(paragraph) + 2
    spans = _paragraph_spans(source, paragraphs)
    places: list[Place] = []
    cursor = 0
    for index, (text, _reason) in enumerate(removed):
        found = _locate(source, text, cursor, paragraphs, spans) or _locate(source, text, 0, paragraphs, spans)
        if found is None:
            places.append(Place(index, None, False))
            continue
        cursor = found[0] + 1
        places.append(_place(index, found, source, paragraphs, spans, starts, len(body)))
    return places


def _locate(source: str, text: str, start: int, paragraphs: list[str],
            spans: list[tuple[int, int] | None]) -> tuple[int, int] | None:
    """The first occurrence of `text` from `start` that is not the source of a body paragraph itself:
    a whole line first, else anywhere (an inline cut)."""
    lines = regex.compile(r"(?m)^[ \t]*" + regex.escape(text.strip()) + r"[ \t]*$") if text.strip() else None
    for whole in (True, False):
        position = start
        for _ in range(_TRIES):
            if whole:
                match = lines.search(source, position, timeout=0.5) if lines else None
                found = (match.start(), match.end()) if match else None
            else:
                found = _find(source, text, position)
            if found is None:
                break
            clash = any(span and span[0] <= found[0] < span[1] and len(text.strip()) * 2 > len(paragraph)
                        for paragraph, span in zip(paragraphs, spans, strict=True))
            if not clash:
                return found
            position = found[0] + 1
    return None


def _place(index: int, found: tuple[int, int], source: str, paragraphs: list[str],
           spans: list[tuple[int, int] | None], starts: list[int], body_length: int) -> Place:
    for number, span in enumerate(spans):
        if span and span[0] < found[0] and found[1] <= span[1]:
            segment = source[span[0]:span[1]]
            at = _inline_offset(segment, paragraphs[number], found[0] - span[0])
            return Place(index, starts[number] + at, True)
    for number, span in enumerate(spans):
        if span and span[0] >= found[1]:
            return Place(index, starts[number], False)
    return Place(index, body_length, False)
