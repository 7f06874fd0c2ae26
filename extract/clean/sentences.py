"""Lines that hold several sentences, cut at the sentence boundaries for scoring.

Many crawlers save an article as one long line: the paragraph breaks are lost and the page's notices and credits
are glued to the text ("…수사하고 있습니다.KBS 뉴스 이윤우입니다.영상편집:김선영", "브라우저가 video 태그를 지원하지
않습니다.…닫기"). Scored whole, such a line ends in a credit, not in a sentence, and reads as page chrome. So a
line holding at least SENTENCES_MIN sentences is cut into pieces for the line scorer:

- after a sentence's full stop, question or exclamation mark (and closing quotes or brackets) on a Hangul
  syllable, with or without a space after it, when more text follows: "있습니다.KBS", "공개된다. 백승훈";
  not inside an ellipsis ("붕괴...2명") and not where a closed quotation runs on into its sentence
  ("했다.\"며", "했다.”라고");
- before a speaker label of a broadcast script glued to the text before it ("찬반논쟁[앵커]사람을");
- after a reporter's e-mail in brackets ("[tgar1@mbn.co.kr] 영상취재 : …", "(nanjuhee@yna.co.kr)#윤석열"), and
  before it when it is in square brackets: a signature and the credits after it are pieces of their own;
- at a wide run of spaces (four or more), where the crawler lost a paragraph break: a photo caption
  ("… /서울경찰청 제공            강남 40대 …") is then a piece of its own;
- after a button of the page glued to a player or browser notice and to the text after it ("…사용하여
  주십시오.닫기\"곰 잘못 아니다\"…"): the button (a whole chrome line of `patterns/boilerplate.toml`, such as
  닫기) is a piece of its own, so that it is not read as part of the headline after it;
- in the first piece of the text (at the line's start or after such a notice), after a headline glued to the
  first sentence without a full stop: where a quotation of speech (in double quotation marks, with a space in
  it) that closes a piece which is no sentence is directly followed by a Hangul word that starts a sentence
  (no particle or quoting ending: `환영"우크라이나에`, not `환영"이라고`; not a quoted term, `"복지"카드`), and
  the text after it, up to its first cut, is a sentence; or where the first piece opens with a headline that
  the page writes on a line of its own elsewhere (its title), followed by a sentence.

A list numbered 1, 2, 3 … on one line ("1. 트럼프 … 2. 野, … 3. 분당 …", a programme's rundown) is cut
before each item number, so that it reads as the numbered list it is. A line that ends cut short ("..." or "…") or opens with an item number ("7. ") is not cut: it is an item of a
list (a teaser of another article), read as one line.

Each piece keeps its place in the line (start and end offsets, white space at its edges left out), so the
article's pieces are cut back out of the original line with their original characters: the pieces of one line
that belong to the article stay one paragraph, as the page wrote them.
"""

from __future__ import annotations

from functools import cache
from itertools import pairwise
from typing import NamedTuple

import regex

from extract.clean import boilerplate, sequence
from extract.clean.boilerplate import SequenceWords
from extract.clean.metadata import match_lede

# A sentence's end inside a line: one stop (not an ellipsis) after a Hangul syllable, closing quotes or brackets.
# (The syllable is looked behind, so the search runs over the few stops, not over every syllable; the matches end
# where they would with the syllable in them.)
_BOUNDARY = regex.compile(rf"(?<=[가-힣]\s?)(?:\.(?!\.)|[?!]+)[{sequence.CLOSERS}]*")
_SIGNATURE = regex.compile(r"[\[(][^\s\[\]()@]+@[^\s\[\]()@]+\.[a-z]{2,}[\])]")  # a bracketed e-mail
_HANGUL = regex.compile(r"[가-힣]")
_GAP = regex.compile(r"[ \t\u00a0\u3000]{4,}")  # a lost paragraph break: a wide run of spaces
# What every cut needs before the line's last character: a stop (_BOUNDARY), an e-mail's @ (_SIGNATURE), a wide gap,
# or an opening bracket (a speaker label).
_MAY_CUT = regex.compile(r"[.?!@\[【]|[ \t\u00a0\u3000]{4}")
_FIRST_ITEM = regex.compile(r"\s*1[.)]\s")
_ITEM = regex.compile(r"(?<=\s)(\d{1,2})[.)]\s")
SENTENCES_MIN = 2  # a line is cut only when at least this many of its pieces are sentences
NOTICES = ("browser_notice", "player")  # the notices a page's button can be glued to
BUTTON_MAX = 6  # the longest button label looked for after a notice
BUTTONS = ("image", "player", "menu", "form_control")  # the chrome categories a glued button belongs to
HEADLINE_GLUED_MIN, HEADLINE_GLUED_MAX = 10, 100  # the length of a headline glued to the first sentence
# A quotation of speech (words with a space between them; a quoted term, '복지'카드, is no headline's end) that
# closes directly before a Hangul word.
_CLOSING_QUOTE = regex.compile(r"(?:\"[^\"]*\s[^\"]*\"|“[^”]*\s[^”]*”)(?=[가-힣])")
# What follows a closed quotation inside a sentence: a particle or a quoting ending ("환영"이라고, "환영"은).
_AFTER_QUOTE_IN_SENTENCE = regex.compile(  # (as the text may lack spaces, any word starting so is left whole)
    r"이라|이란|라고|라며|라는|라면|라|란|하고|하며|하는|하자|며|고|에서|에게|으로|까지|부터|처럼|보다|께서"
    r"|[은는이가을를의에로와과도만]")


class Piece(NamedTuple):
    """A piece of a page's line (a tuple: made for every line of every page)."""

    line: int  # the position of its line in the page's lines
    start: int  # offsets in that line
    end: int

    def text(self, lines: list[str]) -> str:
        return lines[self.line][self.start:self.end]


Headlines = dict[int, frozenset[str]]  # the headline-like lines of a page, by length


def cuts(text: str, words: SequenceWords | None = None, headlines: Headlines | None = None) -> list[int]:
    """The offsets in `text` where a new piece starts (sentence ends with text after them, signatures, lost
    paragraph breaks, speaker labels). Linear in the line's length."""
    marks = _marks(text, words)
    if marks is None:
        return []
    return _glued_header(text, marks, words, headlines or {})


def _marks(text: str, words: SequenceWords | None) -> Marks | None:
    """The cuts that the line's own marks give, or None when there is none (the line is one piece, whatever the
    page's headlines are)."""
    first = len(text) - len(text.lstrip())  # text before an offset: offset > first; after it: offset < last
    last = len(text.rstrip())
    if _MAY_CUT.search(text, 0, max(last - 1, 0)) is None:
        return None  # no stop, e-mail, bracket or wide gap before the last character: no cut can be found
    found: set[int] = set()
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if end >= last:
            continue
        if match.group(0)[-1] in sequence.CLOSERS and _HANGUL.match(text, end):
            continue  # a closed quotation runs on into its sentence: …했다."며
        found.add(end)
    for match in _SIGNATURE.finditer(text):  # 입니다. [tgar1@mbn.co.kr] 영상취재 : … / (nanjuhee@yna.co.kr)#윤석열
        if match.end() < last:
            found.add(match.end())
        if match.start() > first and match.group(0)[0] == "[":
            found.add(match.start())
    for match in _GAP.finditer(text):
        if match.start() > first and match.end() < last:
            found.add(match.end())
    speaker = sequence.speaker_pattern(words)
    for match in speaker.finditer(text):
        if match.group(0)[0] in "[【" and match.start() > first:
            found.add(match.start())
    if not found:  # one piece: a header cut alone would leave at most one sentence, and the line is kept whole
        return None
    return _notices(text, tuple(sorted(found)), first, last)


def _category(text: str) -> str | None:
    found = boilerplate.load().classify(text, header=True)
    return found[0] if found else None


def _button(text: str, start: int, last: int) -> int | None:
    """The end of a button label glued at `start` to the text after it ("닫기\"곰 …"), or None."""
    for end in range(min(start + BUTTON_MAX, last - 1), start, -1):
        if not text[end].isspace() and _category(text[start:end]) in BUTTONS:
            return end
    return None


def _headline_end(text: str, start: int, end: int, words: SequenceWords | None, headlines: Headlines) -> int | None:
    """Where a headline glued to the first sentence ends inside the piece text[start:end]: after a quotation that
    closes it, directly followed by a Hangul word that starts a sentence ("…\"한국의 기여 환영\"우크라이나에 …"),
    when the headline is no sentence and the rest of the piece is one, or after a headline the page writes on a
    line of its own, when the rest of the piece is a sentence; else None."""
    for length in sorted(headlines, reverse=True):
        cut = start + length
        if cut < end and text[start:cut] in headlines[length] and sequence.is_sentence_line(text[cut:end].strip(), words):
            return cut
    for match in _CLOSING_QUOTE.finditer(text, start, min(end, start + HEADLINE_GLUED_MAX + 1)):
        cut = match.end()
        head = text[start:cut]
        if head.count('"') % 2:
            continue  # the match opened at a closing quotation mark
        if (len(head) < HEADLINE_GLUED_MIN or _AFTER_QUOTE_IN_SENTENCE.match(text, cut)
                or sequence.is_sentence_line(head, words) or match_lede(head) is not None):
            continue  # no headline, or a sentence that quotes: "환영"이라고, [서울=기자]서울시는 ‘AI 허브’의
        return cut if sequence.is_sentence_line(text[cut:end].strip(), words) else None
    return None


def _notices(text: str, offsets: tuple[int, ...], first: int, last: int) -> Marks:
    """The line's marks with the cuts of a button glued after a player or browser notice and before the text, and
    the starts where a headline glued to the first sentence is looked for (the line's start and the text after
    such a notice or button): what the line's own text says, whatever the page's headlines are."""
    found = set(offsets)
    starts = [first]
    for before, start in zip([first, *offsets], offsets, strict=False):
        if _category(text[before:start].strip()) not in NOTICES:
            continue
        starts.append(start)
        if (end := _button(text, start, last)) is not None:
            found.add(end)
            starts.append(end)
    return Marks(tuple(sorted(found)), first, last, tuple(starts))


def _glued_header(text: str, marks: Marks, words: SequenceWords | None, headlines: Headlines) -> list[int]:
    """The line's cuts (`marks`) with those of a headline glued to the first sentence (at the line's start or
    after a notice or a button)."""
    found = set(marks.cuts)
    for start in marks.starts:
        following = [offset for offset in sorted(found) if offset > start]
        end = following[0] if following else len(text)
        if (cut := _headline_end(text, start, end, words, headlines)) is not None and cut < marks.last:
            found.add(cut)
    return sorted(found)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def item_cuts(text: str) -> list[int]:
    """The offsets of the items of a list numbered 1, 2, 3 … written on one line ("1. 트럼프 … 2. 野, …"): the
    line must open with item 1 and hold NUMBERED_ARTICLE_MIN items or more, numbered in order; else none."""
    if not _FIRST_ITEM.match(text):
        return []
    found, expected = [], 2
    for match in _ITEM.finditer(text):
        if int(match.group(1)) == expected:
            found.append(match.start(1))
            expected += 1
    return found if len(found) + 1 >= sequence.NUMBERED_ARTICLE_MIN else []


class Marks(NamedTuple):
    """The cuts a line's own marks give, where its text starts and ends inside its white space, and where a
    glued headline may start."""

    cuts: tuple[int, ...]
    first: int
    last: int
    starts: tuple[int, ...]


Plan = tuple[tuple[int, int], ...] | Marks | None


def _plan(text: str, words: SequenceWords | None) -> Plan:
    """What the line's own text says of its pieces: the (start, end) of the items of a list numbered on one
    line; or (cuts, first, last) of a line with cut marks, to be read with the page's headlines; or None, one
    piece. Remembered per line with the loaded words (menus and footers come back on every page of a site)."""
    if words is not None or len(text) > sequence.MEMO_LINE_MAX:
        return _read_plan(text, words)
    memo = _plans()
    if text in memo:
        return memo[text]
    whole = _whole()
    if len(memo) >= sequence.MEMO_LINES:
        memo.clear()
        whole.clear()
    found = memo[text] = _read_plan(text, None)
    if found is None:
        whole.add(text)
    return found


@cache
def _plans() -> dict[str, Plan]:
    return {}


@cache
def _whole() -> set[str]:
    """The remembered lines whose plan is None (one piece, whatever the page): a page whose lines are all among them
    is not cut, at the cost of one set test for the page."""
    return set()


def _read_plan(text: str, words: SequenceWords | None) -> Plan:
    if items := item_cuts(text):
        bounds = [0, *items, len(text)]
        return tuple(_trimmed(text, a, b) for a, b in pairwise(bounds))
    if sequence.truncated(text.rstrip()) or sequence.NUMBERED_ITEM.match(text.strip()):
        return None  # an item of a list (7. …처음이다.특히 민간에서 ...), read as one line
    return _marks(text, words)


def split_line(number: int, text: str, words: SequenceWords | None = None,
               headlines: Headlines | None = None) -> list[Piece]:
    """The line as pieces: a list numbered on one line as its items; cut at its sentence boundaries when it holds
    SENTENCES_MIN sentences or more; else whole."""
    return _pieces(number, text, _plan(text, words), words, headlines)


def _pieces(number: int, text: str, plan: Plan, words: SequenceWords | None, headlines: Headlines | None
            ) -> list[Piece]:
    """The pieces of the line numbered `number`, as its plan (`_plan`) and the page's headlines give them."""
    if plan is None:
        return [Piece(number, 0, len(text))]
    if not isinstance(plan, Marks):  # the items of a numbered list
        return [Piece(number, start, end) for start, end in plan]
    offsets = _glued_header(text, plan, words, headlines or {})
    bounds = [0, *offsets, len(text)]
    pieces = [Piece(number, *_trimmed(text, a, b)) for a, b in pairwise(bounds)]
    pieces = [piece for piece in pieces if piece.end > piece.start]
    if sum(sequence.is_sentence_line(text[piece.start:piece.end], words) for piece in pieces) < SENTENCES_MIN:
        return [Piece(number, 0, len(text))]
    return pieces


def headline_lines(lines: list[str], words: SequenceWords | None = None) -> Headlines:
    """The page's lines that read as a headline (HEADLINE_GLUED_MIN to HEADLINE_GLUED_MAX characters, no
    sentence), by length. With the loaded words, each line's answer is remembered (the lines of a page known before
    are looked up all at once)."""
    if words is None:
        memo = _headlines()
        texts = set(map(memo.get, lines))
        if None in texts:  # (lines not asked before)
            texts.discard(None)
            for line in set(lines).difference(memo):
                text = _headline(line, None)
                if len(line) <= sequence.MEMO_LINE_MAX:
                    if len(memo) >= sequence.MEMO_LINES:
                        memo.clear()
                    memo[line] = text
                texts.add(text)
    else:
        texts = {_headline(line, words) for line in lines}
    found: dict[int, set[str]] = {}
    for text in texts:
        if text:
            found.setdefault(len(text), set()).add(text)
    return {length: frozenset(texts) for length, texts in found.items()}


def _headline(line: str, words: SequenceWords | None) -> str:
    """The line without white space at its edges when it reads as a headline, else ""."""
    text = line.strip()
    if HEADLINE_GLUED_MIN <= len(text) <= HEADLINE_GLUED_MAX and not sequence.is_sentence_line(text, words):
        return text
    return ""


@cache
def _headlines() -> dict[str, str]:
    """Remembered `_headline` answers of lines with the loaded words (forgotten with them)."""
    return {}


def split_lines(lines: list[str], words: SequenceWords | None = None) -> list[Piece]:
    """The pieces of every line, in order (a headline glued to a line's first sentence is looked for among the
    page's headline-like lines)."""
    if words is not None:
        headlines = headline_lines(lines, words) if len(lines) > 1 else {}
        return [piece for number, text in enumerate(lines) for piece in split_line(number, text, words, headlines)]
    pieces = page_pieces(lines)
    return [Piece(number, 0, len(text)) for number, text in enumerate(lines)] if pieces is None else pieces


def page_pieces(lines: list[str]) -> list[Piece] | None:
    """The pieces of every line with the loaded words (`split_lines`), or None when every line is one piece, whole
    (most pages: no piece is made then). Each distinct line's plan is read once; the page's headline-like lines
    only when a line has cut marks."""
    whole = _whole()
    if whole.issuperset(lines):
        return None
    plans = {}
    for text in set(lines).difference(whole):  # (each distinct line not known to be whole, once)
        if (plan := _plan(text, None)) is not None:
            plans[text] = plan
    if not plans:
        return None
    headlines: Headlines | None = None
    out: list[Piece] = []
    append, new, get = out.append, tuple.__new__, plans.get
    for number, text in enumerate(lines):
        plan = get(text)
        if plan is None:  # one piece, the whole line (most lines)
            append(new(Piece, (number, 0, len(text))))
            continue
        if headlines is None and isinstance(plan, Marks):
            headlines = headline_lines(lines) if len(lines) > 1 else {}
        out += _pieces(number, text, plan, None, headlines)
    return out
