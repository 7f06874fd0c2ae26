"""Stage 3, clean: split a page's lines into headline, article body and boilerplate.

A text dump is read as lines. The article body starts at the first line that
is a real sentence (at least 15 characters, closed by a full stop or other
punctuation, as headlines are not) and is not boilerplate; the lines before it are the page header (title, subtitles,
byline, dateline, captions). Every line that does not reach the body is listed
in `removed` with its reason, so a user can audit the cleaning:

- a boilerplate category of `patterns/boilerplate.toml`;
- a list section: items under a list header such as "가장 많이 본 뉴스";
- `header_chrome`: short lines above the article (logos, section names,
  buttons: under 10 characters); `byline`: a bare name next to a dateline;
- `duplicate`, `duplicate_subtitle`, `duplicate_caption`: repeats of earlier text;
- `title`, `subtitle`, `lede`: moved to the metadata, not lost.

A line holding several sentences is scored as its pieces (`sentences`): where the article starts or ends inside
such a line, the pieces outside it are removed one by one with their reasons (a player notice, a credit, a tip
line), and the article's part of the line stays one paragraph with the line's own characters (nothing is added
at the cuts: "…있습니다.KBS 뉴스 이윤우입니다." stays as written). A line wholly outside the article is removed
whole, as before.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

import regex

from extract import lexicon
from extract.clean import boilerplate, sentences, sequence, wrapped
from extract.clean.boilerplate import Boilerplate, is_list_item, strip_bullet
from extract.clean.metadata import Lede, match_lede

_SENTENCE_END = regex.compile(r"(?:[.?!…]|[다요죠음임함])[\"'”’」』)\]]*\.?$")
# A sentence closed by punctuation (headlines are not): 동결했다. / 말했다." / 있다.)
_CLOSED_SENTENCE = regex.compile(r"[가-힣A-Za-z0-9%)][.?!][\"'”’」』)\]]*$")
_SPACES = regex.compile(r"\s+")
_CAN_HOLD_METADATA = regex.compile(r"\d|@|[ⓒ©]|기자|특파원|통신원|저작권|(?i:copyright)")
_TITLE_PARTS = regex.compile(r"\s+-\s+")
_BLANK_LINE = regex.compile(r"\n\s*\n")
_LEADING_STAMPS = regex.compile(r"(?:\d{4}[-./]\s?\d{1,2}[-./]\s?\d{1,2}\.?\s?(?:(?:오전|오후)\s?)?(?:\d{1,2}:\d{2}(?::\d{2})?)?\s+)+")
CAPTION_REASONS = ("caption", "caption_header")
BODY_START_MIN = 15
LIST_ITEM_MAX = 80  # a headline in a list: not closed by a full stop
HEADLINE_MIN = 10
HEADER_WINDOW = 12
HEADLINE_SEARCH = 40  # header lines above the article searched for the headline
REPEAT_BONUS = 15  # header lines above which only the headline block is read
DATELINE_BONUS = 20  # a headline with the article's dateline just under it (within three lines)
BYLINE_ABOVE = 2  # a bare name this close above the headline block is a byline


def is_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text.rstrip()))


# White space to str.split, not to \s (the standard library's engine: a scan of one class, quicker than a set test
# of every character).
_NOT_REGEX_SPACE = re.compile("[\x1c-\x1f]")


def _key(text: str) -> str:
    """The text without its white space (what regex \\s matches), to compare lines; remembered for lines up to
    KEY_LINE_MAX characters (a page's lines are compared several times, and come back on the next page)."""
    if len(text) > KEY_LINE_MAX:
        return _read_key(text)
    keys = _keys()
    found = keys.get(text)
    if found is None:
        if len(keys) >= KEYS_MAX:
            keys.clear()
        found = keys[text] = _read_key(text)
    return found


KEY_LINE_MAX = 300
KEYS_MAX = 20_000


@cache
def _keys() -> dict[str, str]:
    return {}


def _keys_of(texts: list[str]) -> list[str]:
    """`_key` of each text (those remembered found without a step of Python per text)."""
    found: list[str | None] = list(map(_keys().get, texts))
    if None in found:
        for position, key in enumerate(found):
            if key is None:
                found[position] = _key(texts[position])
    return found  # type: ignore[return-value]


def _read_key(text: str) -> str:
    if _NOT_REGEX_SPACE.search(text) is None:
        return "".join(text.split())
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
    # A sentence closed by punctuation; else any sentence-like line (short records).
    for minimum, test in ((BODY_START_MIN, _CLOSED_SENTENCE.search), (1, is_sentence)):
        for index, line in enumerate(lines):
            text = strip_bullet(line)
            if len(text) >= minimum and test(text) and rules.classify(line, header=True) is None:
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
    pieces = sentences.page_pieces(lines)  # with the loaded [sequence] words, as the scorer reads them; None: whole
    scored = sequence.score_lines(lines if pieces is None else [lines[line][start:end] for line, start, end in pieces],
                                  rules)
    run = sequence.best_run(scored) or sequence.numbered_list(scored)
    if run is None:
        start = _body_start(lines, rules)
        _header(lines[:start], rules, out, seen)
        _body(lines[start:], rules, out, seen)
        return out
    first, last = run
    opening, closing = _piece(pieces, lines, scored[first].index), _piece(pieces, lines, scored[last].index)
    header = _whole_lines(scored[:first], pieces, lines, cut=opening.line)
    window = _header_window(header, scored, title)
    removed = out.removed
    for position, line in enumerate(header[:window]):
        reason = line.category or line.shape or "page_chrome"  # (sequence.outside_reason)
        if window - position <= BYLINE_ABOVE and reason == "page_chrome" and _is_name(line.text):
            reason = "byline"  # a bare name just above the headline (section, name, headline)
        removed.append((line.text, reason))
    _header([line.text for line in header[window:]], rules, out, seen)
    _body(_article_lines(lines, opening, closing), rules, out, seen)
    out.removed += [(line.text, line.category or line.shape or "after_article")  # (sequence.outside_reason)
                    for line in _whole_lines(scored[last + 1:], pieces, lines, cut=closing.line)]
    return out


def _article_lines(lines: list[str], first: sentences.Piece, last: sentences.Piece) -> list[str]:
    """The page's lines from the article's first piece to its last, cut at their edges: the pieces of a line
    cut into sentences stay together, with the line's own characters, as one paragraph."""
    kept = lines[first.line:last.line + 1]
    kept[-1] = kept[-1][:last.end]
    kept[0] = kept[0][first.start:]
    return kept


def _piece(pieces: list[sentences.Piece] | None, lines: list[str], index: int) -> sentences.Piece:
    """The piece at `index` (with pieces None, every line is one piece, whole)."""
    return sentences.Piece(index, 0, len(lines[index])) if pieces is None else pieces[index]


def _whole_lines(scored: list[sequence.Line], pieces: list[sentences.Piece] | None, lines: list[str],
                 cut: int) -> list[sequence.Line]:
    """The scored pieces outside the article with the pieces of each line joined back into the whole line (read
    with its first piece's reason), except for the line the article's edge cuts (`cut`): a notice or a credit
    glued to the article is its own piece. (With pieces None, every line is one piece: nothing to join.)"""
    if pieces is None:
        return scored
    out: list[sequence.Line] = []
    for line in scored:
        number = pieces[line.index].line
        if out and number != cut and pieces[out[-1].index].line == number:
            out[-1] = out[-1]._replace(text=strip_bullet(lines[number]))
        else:
            out.append(line)
    return out


def _header_window(header: list[sequence.Line], page: list[sequence.Line], title: str | None) -> int:
    """Where the headline block starts: at the headline, found among the header lines near the article as the
    page's own title, else the headline-like line that is longest, with a bonus when the page repeats it
    (headlines come back in breadcrumbs, share boxes and hidden copies; buttons and menus are short) and another
    when the article's dateline follows it (the headlines of other articles in a ticker or a list have none)."""
    if len(header) <= HEADER_WINDOW:
        return 0
    title_key = _key(title) if title else None
    counts = Counter(_keys_of([line.text for line in page]))
    best, best_score = len(header), 0
    for position in range(max(0, len(header) - HEADLINE_SEARCH), len(header)):
        line = header[position]
        key = _key(line.text)
        if key == title_key:
            return position
        if not _is_headline(line) or sequence.TIMESTAMP.search(line.text) or "=" in line.text:
            continue
        score = len(line.text) + (REPEAT_BONUS if counts.get(key, 0) > 1 else 0) + (
            DATELINE_BONUS if any(near.category == "dateline" for near in header[position + 1:position + 4]) else 0)
        if score >= best_score:
            best, best_score = position, score
    return best


def _is_headline(line: sequence.Line) -> bool:
    """A headline-like line: long enough, no boilerplate, not a sentence (a headline has no final ending)."""
    return (len(line.text) >= HEADLINE_MIN and line.category is None and line.shape is None
            and not sequence.is_sentence_line(line.text))


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


def _is_chrome(text: str) -> bool:
    """Short header lines are logos, section names and buttons, not headlines."""
    return len(text) < HEADLINE_MIN


def _is_name(text: str) -> bool:
    """A bare Korean name (a surname and one to three syllables; not a listed non-name)."""
    return bool(lexicon.load().surname_length(text))


def _byline_name(text: str, neighbours: list[str | None]) -> bool:
    """A bare reporter name (• 장병기) next to a dateline."""
    return _is_name(text) and "dateline" in neighbours


def _header(lines: list[str], rules: Boilerplate, out: Cleaned, seen: set[str]) -> None:
    texts = [strip_bullet(line) for line in lines]
    kept = [(line, text) for line, text in zip(lines, texts, strict=True) if text]
    reasons = [(found[0] if (found := rules.classify(line, header=True)) else None) for line, _ in kept]
    for index, ((_, text), reason) in enumerate(zip(kept, reasons, strict=True)):
        if reason is None and _is_chrome(text):
            near = [reasons[i] for i in (index - 1, index + 1) if 0 <= i < len(reasons)]
            reason = "byline" if _byline_name(text, near) else "header_chrome"
        if reason is not None:
            _remove(out, text, reason, seen)
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
    inline = rules.inline_page(lines)  # (the inline rules found nowhere in the article's lines are not searched)
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
            if is_list_item(line) or (len(text) <= LIST_ITEM_MAX and not _CLOSED_SENTENCE.search(text)):
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
            stamps = _LEADING_STAMPS.match(paragraph)
            lede = match_lede(paragraph[stamps.end():] if stamps else paragraph)
            if lede is not None and stamps:  # times run into the lede on one line: 2024.10.11. 오전 11:02 (서울=…
                out.removed.append((stamps.group(0).strip(), "dateline"))
                paragraph = paragraph[stamps.end():]
            if lede is not None:
                out.lede = lede
                out.removed.append((lede.text.strip(), "lede"))
                paragraph = paragraph[len(lede.text):]
        paragraph, debris = rules.inline(paragraph, inline)
        out.removed.extend(debris)
        paragraph = paragraph.strip()
        if paragraph:
            out.paragraphs.append(paragraph)


METADATA_REASONS = ("signoff", "copyright", "dateline")


def metadata_lines(lines: list[str], rules: Boilerplate | None = None) -> list[tuple[str, str]]:
    """(text, reason) for the lines of a page that carry metadata (sign-offs, copyright, datelines)."""
    rules = rules or boilerplate.load()
    # Only lines that can hold metadata are classified (a date, an e-mail, a copyright mark, a reporter's title):
    # a big page has thousands of lines.
    found = ((strip_bullet(line), rules.classify(line, header=False)) for line in lines if _CAN_HOLD_METADATA.search(line))
    return [(text, hit[0]) for text, hit in found if hit and hit[0] in METADATA_REASONS]


def merge_captions(first: list[str], second: list[str]) -> list[str]:
    """Captions of both lists, each once, in order."""
    seen: set[str] = set()
    merged = []
    for caption in [*first, *second]:
        if _key(caption) not in seen:
            seen.add(_key(caption))
            merged.append(caption)
    return merged


def clean_text(text: str) -> Cleaned:
    """Clean a text dump (a hard-wrapped one with its paragraphs joined back first)."""
    return clean_lines(wrapped.unwrapped_lines(text.split("\n")))


def passthrough(text: str) -> Cleaned:
    """For --no-clean: the input is the body; paragraphs are kept as they are."""
    paragraphs = [p.strip() for p in _BLANK_LINE.split(text.strip()) if p.strip()]
    return Cleaned(paragraphs=paragraphs)
