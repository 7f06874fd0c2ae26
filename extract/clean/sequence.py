"""Where the article lies in a text dump: the lines scored as a sequence, the best contiguous run kept.

Each line gets a score from its features:

- a sentence (a line closed by a Korean sentence-final form: 다. 요. 니다. 까? 다”) scores its length: article
  text is made of sentences, page chrome is not;
- any other line scores minus its length (headlines, menus, buttons, timestamps), so runs of short lines and
  headline lists pull a region down; a line in a boilerplate category of patterns/boilerplate.toml scores
  lower still, and the end-of-article categories (copyright, tip line, comment box) lower again; notices
  that sit inside articles as often as around them (browser and player notices) are neutral;
- link-list shapes: a line followed by a bare timestamp, and numbered items, score as chrome;
- speaker labels of broadcast scripts ([앵커], 【 앵커멘트 】) are neutral, and so is an interview caption
  ("name / title") when a quotation opens on the next line; that quotation (up to the line that closes it,
  even when the quote is cut across lines) is speech and scores its length.

A line holding several sentences is scored as its pieces (extract/clean/sentences.py): an article saved as one
line, with a notice before it and credits after it, is then sentences with chrome at their edges.

The article is the contiguous run of lines with the highest total (the maximum-sum subarray). Lines outside it
are removed with their category, or a shape reason (`timestamp`, `headline_list`, `page_chrome`,
`after_article`).
"""

from __future__ import annotations

from functools import cache
from itertools import compress
from operator import attrgetter, itemgetter
from typing import NamedTuple

import regex

from extract.clean import boilerplate
from extract.clean.boilerplate import Boilerplate, SequenceWords, strip_bullet

CLOSERS = "\"'”’」』)\\]"
TRUNCATED = regex.compile(r"(?:\.\.\.|…)$")


def truncated(text: str) -> bool:
    """Whether TRUNCATED is found in the text: it ends in "..." or "…" (before one final line break, as `$` reads
    it), told without searching it."""
    return (text[:-1] if text.endswith("\n") else text).endswith(("...", "…"))
QUOTE_MIN = 40  # a quotation closed without a full stop is a sentence in lines this long


@cache
def _words() -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    """The sentence-final, quotation-final and speaker-label patterns built from patterns/boilerplate.toml."""
    return words_patterns(boilerplate.load().sequence)


@cache
def words_patterns(words: SequenceWords) -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    endings = "|".join(sorted(map(regex.escape, words.endings), key=len, reverse=True))
    quotes = "|".join(sorted(map(regex.escape, words.quote_endings), key=len, reverse=True))
    speakers = "|".join(regex.escape(s).replace("\\ ", "\\s?") for s in words.speakers)
    # The sentence-final and quotation-final patterns are only asked whether a line ends so: searched backwards
    # (REVERSE), from the line's end, where such a match has to end, and not tried at every position before it.
    final = regex.compile(rf"(?:{endings})\s?[.?!…]+[{CLOSERS}]*$|[가-힣A-Za-z0-9%)][.!][{CLOSERS}]*$", regex.REVERSE)
    quote = regex.compile(rf"(?:{quotes})\s?[\"'”’」』]$", regex.REVERSE)
    speaker = regex.compile(rf"[\[【<(]\s?(?:{speakers}|[가-힣]{{2,4}}\s?/\s?[^\]】>)]{{1,30}})\s?[\]】>)]")
    return final, quote, speaker


def speaker_pattern(words: SequenceWords | None = None) -> regex.Pattern[str]:
    """The speaker labels of broadcast scripts ([앵커], 【 앵커멘트 】), with `words` (default the loaded rules)."""
    return (words_patterns(words) if words is not None else _words())[2]


TIMESTAMP = regex.compile(
    r"(?:\d{4}[-./]\s?\d{1,2}[-./]\s?\d{1,2}\.?(?:\s?\(?[월화수목금토일]?\)?)?(?:\s?\d{1,2}:\d{2}(?::\d{2})?)?|"
    r"\d{1,2}[-./]\d{1,2}(?:\s\d{1,2}:\d{2})?|\d{1,2}:\d{2}|\d+\s?(?:초|분|시간|일|주|개월|년)\s?전|방금\s?전)")
_NUMBERED = regex.compile(r"\d{1,2}[.)]?")
# An interview caption: a name, a slash, a title or place ("슬리커 로빈슨 / 트럼프 지지자", "김철수 / 서울 마포구").
ATTRIBUTION = regex.compile(r"[가-힣A-Za-z]{1,10}(?:\s[가-힣A-Za-z]{1,10}){0,2}\s?/\s?[^/]{1,30}")
ATTRIBUTION_MAX = 40
QUOTE_OPENERS = "\"'“‘「『"
QUOTE_CLOSERS = "\"'”’」』"
QUOTE_LINES_MAX = 4  # lines a quotation after an interview caption may be cut into
NUMBERED_ITEM = regex.compile(r"\d{1,2}[.)]\s?\S")
END_CATEGORIES = frozenset({"copyright", "tip_line", "comment", "end_mark"})
# Chrome that sits inside articles as often as around them (a player's notice between the video and the text):
# removed, but neutral for where the article lies.
NEUTRAL_CATEGORIES = frozenset({"browser_notice", "helpline_notice"})
SENTENCE_MIN = 10
CATEGORY_PENALTY = 10
END_PENALTY = 200
SECTION_ITEM_COST = 2
SECTION_ITEM_MAX = 80
SECTION_ITEMS_MAX = 12  # a list box is not longer than this
NEGATIVE_CAP = 30  # a long non-sentence line (a headline in a list) costs no more than this


MEMO_LINE_MAX = 300  # lines up to this length have their answer remembered (with the loaded words) ...
MEMO_LINES = 20_000  # ... this many at most, then the memo starts again


@cache
def _memo() -> dict[str, bool]:
    """Remembered answers of `is_sentence_line` with the loaded words (forgotten with the loaded rules): the
    same line is asked about by the HTML container score (once per container that holds it), the sentence
    cutter, the headline finder and the line scorer, and menus come back on every page of a site."""
    return {}


def is_sentence_line(text: str, words: SequenceWords | None = None) -> bool:
    """Whether the line reads as a sentence (with the [sequence] words of `words`, default the loaded rules)."""
    if words is None and len(text) <= MEMO_LINE_MAX:
        memo = _memo()
        found = memo.get(text)
        if found is None:
            if len(memo) >= MEMO_LINES:
                memo.clear()
            found = memo[text] = _is_sentence_line(text, _words())
        return found
    return _is_sentence_line(text, words_patterns(words) if words is not None else _words())


# The characters a line that reads as a sentence can end with: the sentence-final and quotation-final patterns end
# in a stop, a closing quotation mark or a closing bracket (whatever the words of patterns/boilerplate.toml), so a
# line that ends otherwise is no sentence, and nothing is searched in it.
SENTENCE_LAST = frozenset(".?!…\"'”’」』)]")


def may_be_sentence(text: str) -> bool:
    """Whether the line's last character (before one final line break, as `$` reads it) can end a sentence: False
    means `is_sentence_line` is False."""
    last = text[-1:]
    if last == "\n":
        last = text[-2:-1]
    return last in SENTENCE_LAST


def _is_sentence_line(text: str, patterns: tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]
                      ) -> bool:
    if len(text) < SENTENCE_MIN or not may_be_sentence(text) or truncated(text):
        return False
    final, quote, _ = patterns
    return bool(final.search(text)) or (len(text) >= QUOTE_MIN and bool(quote.search(text)))


class Line(NamedTuple):
    """A scored line (a tuple: made for every line of every page)."""

    index: int
    text: str
    category: str | None
    score: float
    shape: str | None = None


class Facts(NamedTuple):
    """What the line scorer reads of one line's own text (with the loaded words)."""

    text: str  # without surrounding white space and leading bullets
    stamp: bool  # a bare timestamp
    numbered: bool  # opens with an item number (7. …)
    number: bool  # an item number alone
    sentence: bool  # is_sentence_line
    speaker: bool  # a speaker label of a broadcast script
    continuation: bool  # the start of a sentence cut at a comma (붉은 색깔,) or a short sentence end
    key: str  # the text without its white space (a repeated sentence has the same)
    attribution: bool  # can be an interview caption ("name / title"), when a quotation opens on the next line
    size: int  # len(text)
    chrome: int  # the score of chrome: -CATEGORY_PENALTY - min(size, NEGATIVE_CAP)
    plain: tuple[int, str | None]  # (score, shape) of a line of no category, shape, section or speech, no sentence


# What a line opens with, when it can be a timestamp or an item number (a digit, or 방금 전), or a speaker label.
_OPENS_NUMBER = regex.compile(r"\d|방")
SPEAKER_FIRST = frozenset("[【<(")


def _read_facts(line: str) -> Facts | None:
    text = strip_bullet(line)
    if not text:
        return None
    final, _, speaker = _words()
    number = _OPENS_NUMBER.match(text) is not None  # (else no timestamp and no item number: not searched)
    is_speaker = text[0] in SPEAKER_FIRST and speaker.fullmatch(text) is not None
    continuation = text.endswith(",") or (len(text) < SENTENCE_MIN and may_be_sentence(text)
                                          and final.search(text) is not None)
    size = len(text)
    plain = (0, "speaker") if is_speaker else (0, "continuation") if continuation else (-min(size, NEGATIVE_CAP), None)
    return Facts(text, number and TIMESTAMP.fullmatch(text) is not None,
                 number and NUMBERED_ITEM.match(text) is not None, number and _NUMBERED.fullmatch(text) is not None,
                 is_sentence_line(text), is_speaker, continuation, "".join(text.split()), _attribution(text), size,
                 -CATEGORY_PENALTY - min(size, NEGATIVE_CAP), plain)


def _attribution(text: str) -> bool:
    """A short "name / title" line that is no timestamp (an interview caption, when a quotation follows it)."""
    return (len(text) <= ATTRIBUTION_MAX and "/" in text and ATTRIBUTION.fullmatch(text) is not None
            and TIMESTAMP.search(text) is None)


@cache
def _facts() -> dict[str, Facts | None]:
    """Remembered facts of lines up to MEMO_LINE_MAX characters (forgotten with the loaded rules)."""
    return {}


def facts(line: str) -> Facts | None:
    """The line's facts, None for a line without text."""
    if len(line) > MEMO_LINE_MAX:
        return _read_facts(line)
    memo = _facts()
    if line in memo:
        return memo[line]
    if len(memo) >= MEMO_LINES:
        memo.clear()
    found = memo[line] = _read_facts(line)
    return found


def speech(texts: list[str]) -> tuple[set[int], set[int]]:
    """(interview captions, lines of the quotations they introduce), as positions in `texts`: a short
    "name / title" line directly followed by a line that opens a quotation; the quotation runs to the first
    line that closes it (at most QUOTE_LINES_MAX lines)."""
    return _speech(texts, [position for position, text in enumerate(texts[:-1]) if _attribution(text)])


def _speech(texts: list[str], attributions: list[int]) -> tuple[set[int], set[int]]:
    """`speech` with the positions of the lines that can be captions (`_attribution`) given."""
    captions: set[int] = set()
    quoted: set[int] = set()
    for position in attributions:
        if position + 1 >= len(texts) or texts[position + 1][:1] not in QUOTE_OPENERS:
            continue
        captions.add(position)
        for offset in range(1, QUOTE_LINES_MAX + 1):
            if position + offset >= len(texts):
                break
            quoted.add(position + offset)
            if texts[position + offset].rstrip(".")[-1:] in QUOTE_CLOSERS:
                break
    return captions, quoted


_FACTS = itemgetter(0)
_ATTRIBUTION = attrgetter("attribution")
_STAMP = attrgetter("stamp")
_NUMBERED_FACT = attrgetter("numbered")
_NO_SPEECH: tuple[set[int], set[int]] = (set(), set())


def score_lines(lines: list[str], rules: Boilerplate) -> list[Line]:
    """The non-empty lines with their features and scores."""
    indices, read = _readings(lines, rules)
    facts_read = list(map(_FACTS, read))
    # (the few lines that can be interview captions found without a step of Python per line)
    attributions = list(compress(range(len(read) - 1), map(_ATTRIBUTION, facts_read)))
    captions, quoted = _speech([fact.text for fact in facts_read], attributions) if attributions else _NO_SPEECH
    # Each line's neighbours' shapes, as sets of positions (few lines are timestamps or numbered items).
    before_stamp = {position - 1 for position in compress(range(len(read)), map(_STAMP, facts_read))}
    numbered = set(compress(range(len(read)), map(_NUMBERED_FACT, facts_read)))
    out: list[Line] = []
    append, new = out.append, tuple.__new__
    sentences: set[str] = set()  # a sentence seen before is a repeat (hidden copies of the article), not new text
    items = 0
    section: str | None = None  # the items under a list header ("관련 기사") are cheap: a box inside the article
    for position, (fact, found) in enumerate(read):
        index, text = indices[position], fact.text
        if found is None:
            category = None
            if section is not None:
                if items < SECTION_ITEMS_MAX and (fact.numbered or (
                        fact.size <= SECTION_ITEM_MAX and not fact.sentence and not text.endswith(","))):
                    items += 1
                    append(new(Line, (index, text, section, -SECTION_ITEM_COST, None)))
                    continue
                section = None
        else:
            category = found[0]
            if found[1]:
                section, items = category, 0
        shape = None
        if fact.stamp:
            shape = "timestamp"
        elif fact.number or (position in before_stamp and not fact.sentence) or (
                fact.numbered and (position + 1 in numbered or position - 1 in numbered)):
            shape = "headline_list"
        if category is not None:
            if category in END_CATEGORIES:
                score = -END_PENALTY - fact.size
            elif category in NEUTRAL_CATEGORIES:
                score = 0
            elif position in captions:
                score, shape = 0, "speaker"
            else:
                score = fact.chrome
        elif position in captions:
            score, shape = 0, "speaker"
        elif position in quoted:
            score, shape = fact.size, None
        elif shape is not None:
            score = fact.chrome
        elif fact.sentence:
            key = fact.key
            score, shape = (-fact.size, "duplicate") if key in sentences else (fact.size, None)
            sentences.add(key)
        else:
            score, shape = fact.plain  # a speaker label, a continuation (붉은 색깔, / 눈치채셨나요?), or chrome
        append(new(Line, (index, text, category, score, shape)))
    return out


Reading = tuple[Facts, tuple[str, bool] | None] | tuple[()]  # a line's facts and boilerplate class; () no text


def _readings(lines: list[str], rules: Boilerplate) -> tuple[list[int], list[Reading]]:
    """(the positions of the lines with text, their (facts, boilerplate class in the body)); with the loaded
    rules, each line's reading is remembered (the same menus and footers come back on every page of a site), and a
    page whose lines were all read before is read without a step of Python per line."""
    if rules is not boilerplate.load():
        pairs = [(i, (found, rules.classify(found.text, header=False)))
                 for i, line in enumerate(lines) if (found := facts(line)) is not None]
        return [i for i, _ in pairs], [reading for _, reading in pairs]
    memo = _read_lines()
    got: list[Reading | None] = list(map(memo.get, lines))
    if None in got:  # (lines not read before)
        for position, line in enumerate(lines):
            if got[position] is None:
                reading = got[position] = _reading(line, rules)
                if len(line) <= MEMO_LINE_MAX:
                    if len(memo) >= MEMO_LINES:
                        memo.clear()
                    memo[line] = reading
    return list(compress(range(len(got)), got)), list(filter(None, got))  # type: ignore[arg-type]


def _reading(line: str, rules: Boilerplate) -> Reading:
    found = facts(line)
    return () if found is None else (found, rules.classify(found.text, header=False))


@cache
def _read_lines() -> dict[str, Reading]:
    """Remembered readings of lines up to MEMO_LINE_MAX characters with the loaded rules (forgotten with them)."""
    return {}


def best_run(scored: list[Line]) -> tuple[int, int] | None:
    """(first, last) positions in `scored` of the run with the highest total, or None if no line scores > 0."""
    best, best_range = 0.0, None
    total, start = 0.0, 0
    for position, line in enumerate(scored):
        if total <= 0:
            total, start = 0.0, position
        total += line.score
        if total > best:
            best, best_range = total, (start, position)
    if best_range is not None:  # a speaker label ([앵커]) or the start of a sentence just above the run opens it
        first, last = best_range
        while first > 0 and scored[first - 1].shape in ("speaker", "continuation"):
            first -= 1
        best_range = (first, last)
    return best_range


_ITEM_NUMBER = regex.compile(r"(\d{1,2})[.)]\s?\S")
NUMBERED_ARTICLE_MIN = 3


def numbered_list(scored: list[Line]) -> tuple[int, int] | None:
    """(first, last) positions of the longest run of items numbered 1, 2, 3 … on consecutive lines, for a page
    without article sentences: there the numbered list is the article (a programme's rundown, a list of the
    day's stories), not a box beside it. None when no run has NUMBERED_ARTICLE_MIN items."""
    best: tuple[int, int] | None = None
    start, expected = None, 1
    for position, line in enumerate([*scored, None]):
        found = _ITEM_NUMBER.match(line.text) if line is not None and line.category is None else None
        number = int(found.group(1)) if found else None
        if number is not None and number == expected and start is not None:
            expected += 1
            continue
        if start is not None and expected - 1 >= NUMBERED_ARTICLE_MIN and (
                best is None or position - 1 - start > best[1] - best[0]):
            best = (start, position - 1)
        start, expected = (position, 2) if number == 1 else (None, 1)
    return best


def outside_reason(line: Line, after: bool) -> str:
    if line.category:
        return line.category
    if line.shape:
        return line.shape
    return "after_article" if after else "page_chrome"
