"""Searching a rule only around the digits of a text (its windows) finds exactly the matches of the whole text."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from extract import rules
from extract.rules import _matches, literals, reach
from extract.rules.reach import Reach
from extract.rules.search import Search, Text, search
from tests.test_rule_search import _texts as _rule_texts
from tests.test_rule_search import regex_patterns

SHARED = Path(__file__).resolve().parents[2] / "shared"


def _reach(pattern: str) -> Reach | None:
    return literals.reach(regex.compile(pattern))


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"\d+원", (0, 2)),  # one character after the last digit, and the one a failing attempt reads
    (r"(?:약\s?)?\d+(?:만|억)?원", (2, 3)),  # 약 and a space before the number; 만원 after it
    (r"\d{4}년\s?\d{1,2}월", (0, 3)),  # between two numbers: 년 and a space
    (r"(?:약\s?)?(?=\d)(?:\d+)?명", (2, 3)),  # (?=\d): what is consumed next is a digit
    (r"\d+(?=\s?(?:개월|년))", (0, 4)),  # a lookahead reads what it may consume
    (r"(?<=매출액은\s)\d+억", (0, 2)),  # a lookbehind reads backwards: never past the window's end
    (r"\d+$", (0, 3)),  # $: the end, or a final line break before it
    (r"\d+(?P<u>원|달러)에서\d+(?P=u)", (0, 5)),  # a back reference reads what its group read
])
def test_reach_read_from_patterns(pattern: str, expected: tuple[int, int]) -> None:
    assert _reach(pattern) == expected


@pytest.mark.parametrize("pattern", [
    r"[가-힣]+\d",  # any number of other characters before the digit
    r"\d+[^가]*원",  # or after it
    r"\d|원",  # a match without a digit
    r"(?=\d)\w+원",  # \w+ consumes the digit, then anything
    r"(a)\1\d", r"(?i)a\d",  # a back reference, a flag
    r"\d?원",
])
def test_no_reach(pattern: str) -> None:
    assert _reach(pattern) is None


def _found(pattern: regex.Pattern[str], text: str, spans: list[tuple[int, int]] | None = None
           ) -> list[tuple[tuple[int, int], dict[str, list[str]]]]:
    matches = pattern.finditer(text) if spans is None else itertools.chain.from_iterable(
        pattern.finditer(text, start, end) for start, end in spans)
    return [(m.span(), m.capturesdict()) for m in matches]


def _windows(text: str, distance: Reach) -> list[tuple[int, int]]:
    return reach.windows(reach.digit_runs(text), len(text), distance)


# Small patterns over a few characters: wherever the reader gives a reach, the windows find the same matches.
_ATOMS = ["a", "1", "2", " ", "[a1]", "[12]", r"\d", r"\D", ".", "[^a]", "(?=1)", r"(?=\d)", "(?!a)", "(?=a)",
          "(?<=a)", "(?<!1)", r"(?<=\d\s?)", "$", r"\b", "^", r"\s", "a{2}", "ab?"]


def _pattern() -> st.SearchStrategy[str]:
    return regex_patterns(_ATOMS, ["", "", "?", "*", "+", "{1,3}", "??", "++", "{2}"],
                          ["(?=", "(?!", "(?P<g>", "(?>", "(?<="], 10)


def _with_digit() -> st.SearchStrategy[str]:
    """A pattern with a digit it must consume somewhere, as the amount rules have."""
    part = _pattern()
    return st.tuples(part, st.sampled_from([r"\d+", "1", r"(?=\d)(?:[12a]+)?", "[12]{1,2}"]), part).map("".join)


_TEXT = st.text(alphabet="aab11 2\n\x00", max_size=60)


@settings(max_examples=400, deadline=None)
@given(_pattern() | _with_digit(), st.lists(_TEXT, min_size=1, max_size=4))
def test_windows_never_change_a_match(pattern: str, texts: list[str]) -> None:
    try:
        compiled = regex.compile(pattern)
    except regex.error:
        return
    distance = literals.reach(compiled)
    if distance is None:
        return
    for text in texts:
        assert _found(compiled, text, _windows(text, distance)) == _found(compiled, text), (pattern, distance, text)


def _with_reference() -> st.SearchStrategy[str]:
    """A pattern with a group and a back reference to it (the group's lookaheads are not the reference's)."""
    part = _pattern()
    return st.tuples(part, _with_digit(), part).map(lambda parts: f"(?P<r>{parts[0]}){parts[1]}(?P=r){parts[2]}")


@settings(max_examples=200, deadline=None)
@given(_with_reference(), st.lists(_TEXT, min_size=1, max_size=4))
def test_windows_never_change_a_match_with_a_back_reference(pattern: str, texts: list[str]) -> None:
    test_windows_never_change_a_match.hypothesis.inner_test(pattern, texts)


def test_the_property_test_reaches_its_cases() -> None:
    """Most patterns with a digit get a reach (the property test above is not vacuous)."""
    samples = [r"a?\d+ ?a", r"(?:a|b)?[12]{1,2}(?!a)", r"(?<=a)\d(?=\s?a)", r"(?=\d)(?:[12]+a)?b",
               r"(?P<r>a(?=1))\d+(?P=r)"]
    assert all(_reach(p) is not None for p in samples)


def _texts() -> list[str]:
    gt = SHARED / "corpus" / "broadcast" / "gt"
    return _rule_texts() + ([path.read_text(encoding="utf-8") for path in sorted(gt.glob("*.txt"))]
                            if gt.is_dir() else [])


def test_windowed_shipped_rules_find_the_same_matches() -> None:
    """Every rule searched in windows, in every window (its literals aside), against the whole text; and as the
    matcher runs it, skipping the windows without its literals."""
    texts = _texts()
    windowed = 0
    for rule in rules.load().rules:
        how = search(rule.pattern)
        if how.reach is None:
            continue
        windowed += 1
        for text in texts:
            whole = _found(how.pattern, text)
            assert _found(how.pattern, text, _windows(text, how.reach)) == whole, (rule.id, text[:80])
            gathered = Text(text)
            got = _matches(how, gathered) if how.wanted(gathered) else []
            assert [(m.span(), m.capturesdict()) for m in got] == whole, (rule.id, text[:80])
    assert windowed >= 20  # the amount rules that read a number, its unit and what follows


def test_windows_around_digit_runs() -> None:
    text = "가" * 50 + "12" + "나" * 10 + "3" + "다" * 50 + "4"
    assert _windows(text, Reach(5, 5)) == [(45, 68), (108, 114)]  # 12 and 3 are close enough to share one
    assert _windows(text, Reach(2, 4)) == [(48, 56), (60, 67), (111, 114)]  # before and after each on its side
    assert _windows("가나다", Reach(5, 5)) == []


def test_a_window_without_the_rules_literals_is_not_searched() -> None:
    how = Search(regex.compile(r"\d+원"), frozenset({"원"}), (), frozenset(), True, Reach(3, 3))
    text = Text("2원 " + "가" * 120 + " 1개 " + "나" * 120 + " 3명 4원")
    assert how.spans(text) == [(0, 4), (245, 253)]  # the window of 1개 is left out; 3명 and 4원 share one
    assert [m.group() for m in _matches(how, text)] == ["2원", "4원"]


def test_windows_close_together_are_searched_in_one_call() -> None:
    """With what lies between them (a window without the literals included): the same matches."""
    how = Search(regex.compile(r"\d+원"), frozenset({"원"}), (), frozenset(), True, Reach(3, 3))
    text = Text("2원 " + "가" * 20 + " 1개 " + "나" * 20 + " 3명 4원")
    assert how.spans(text) == [(0, 53)]
    assert [m.group() for m in _matches(how, text)] == ["2원", "4원"]
