"""Stage 3, clean: split a page's lines into headline, article body and boilerplate.

A text dump is read as lines. The article body starts at the first line that
is a real sentence (at least 40 characters, ending like a sentence) and is not
boilerplate; the lines before it are the page header (title, subtitles,
byline, dateline, captions). Every line that does not reach the body is listed
in `removed` with its reason, so a user can audit the cleaning:

- a boilerplate category of `patterns/boilerplate.toml`;
- a list section: items under a list header such as "가장 많이 본 뉴스";
- `duplicate`, `duplicate_subtitle`, `duplicate_caption`: repeats of earlier text;
- `title`, `subtitle`, `lede`: moved to the metadata, not lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from extract import boilerplate
from extract.boilerplate import Boilerplate, is_list_item, strip_bullet
from extract.metadata import Lede, match_lede

_SENTENCE_END = regex.compile(r"(?:[.?!…]|[다요죠음임함])[\"'”’」』)\]]*\.?$")
_SPACES = regex.compile(r"\s+")
_TITLE_PARTS = regex.compile(r"\s+-\s+")
CAPTION_REASONS = ("caption", "caption_header")
BODY_START_MIN = 40
SHORT_LINE = 30


def is_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text.rstrip()))


def _key(text: str) -> str:
    return _SPACES.sub("", text)


@dataclass
class Cleaned:
    title: str | None = None
    subtitles: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)
    lede: Lede | None = None

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


def _body_start(lines: list[str], rules: Boilerplate) -> int:
    for minimum in (BODY_START_MIN, 1):  # a long sentence; else any sentence (short records)
        for index, line in enumerate(lines):
            text = strip_bullet(line)
            if (len(text) >= minimum and is_sentence(text)
                    and rules.classify(line, header=True) is None):
                return index
    # No sentence-like line: everything after the first headline line is body.
    for index, line in enumerate(lines):
        if strip_bullet(line) and rules.classify(line, header=True) is None:
            return index + 1
    return len(lines)


def clean_lines(lines: list[str], *, title: str | None = None,
                rules: Boilerplate | None = None) -> Cleaned:
    """Classify the lines of one page. `title`, when the page markup gave one, is trusted."""
    rules = rules or boilerplate.load()
    out = Cleaned(title=title)
    seen: set[str] = set()
    if title:
        seen.add(_key(title))
    start = _body_start(lines, rules)
    _header(lines[:start], rules, out, seen)
    _body(lines[start:], rules, out, seen)
    return out


def _remove(out: Cleaned, text: str, reason: str, seen: set[str]) -> None:
    if reason in CAPTION_REASONS:
        key = "caption:" + _key(text)
        if key in seen:
            reason = "duplicate_caption"
        else:
            seen.add(key)
            out.captions.append(text.lstrip("▲ ").strip())
            reason = "caption"
    out.removed.append((text, reason))


def _header(lines: list[str], rules: Boilerplate, out: Cleaned, seen: set[str]) -> None:
    for line in lines:
        text = strip_bullet(line)
        if not text:
            continue
        found = rules.classify(line, header=True)
        if found:
            _remove(out, text, found[0], seen)
            continue
        key = _key(text)
        if key in seen:
            repeat = out.title is not None and key == _key(out.title)
            out.removed.append((text, "title" if repeat else "duplicate_subtitle"))
            continue
        seen.add(key)
        if out.title is None:
            parts = _TITLE_PARTS.split(text)
            if len(parts) > 1 and all(len(p) >= 10 for p in parts):
                out.title = parts[0]
                out.subtitles.extend(parts[1:])
            else:
                out.title = text
            out.removed.append((text, "title"))
        else:
            out.subtitles.append(text)
            out.removed.append((text, "subtitle"))


def _body(lines: list[str], rules: Boilerplate, out: Cleaned, seen: set[str]) -> None:
    section: str | None = None
    for line in lines:
        text = strip_bullet(line)
        if not text:
            continue
        found = rules.classify(line, header=False)
        if found:
            reason, starts = found
            _remove(out, text, reason, seen)
            if starts:
                section = reason
            continue
        if section is not None:
            if is_list_item(line) or (len(text) <= SHORT_LINE and not is_sentence(text)):
                out.removed.append((text, section))
                continue
            section = None
        paragraph = line.strip()
        key = _key(paragraph)
        if key in seen:
            out.removed.append((paragraph, "duplicate"))
            continue
        seen.add(key)
        if not out.paragraphs and out.lede is None:
            lede = match_lede(paragraph)
            if lede is not None:
                out.lede = lede
                out.removed.append((lede.text.strip(), "lede"))
                paragraph = paragraph[len(lede.text):]
        paragraph, debris = rules.inline(paragraph)
        out.removed.extend(debris)
        paragraph = paragraph.strip()
        if paragraph:
            out.paragraphs.append(paragraph)


def clean_text(text: str) -> Cleaned:
    """Clean a text dump."""
    return clean_lines(text.split("\n"))


def passthrough(text: str) -> Cleaned:
    """For --no-clean: the input is the body; paragraphs are kept as they are."""
    paragraphs = [p.strip() for p in regex.split(r"\n\s*\n", text.strip()) if p.strip()]
    return Cleaned(paragraphs=paragraphs)
