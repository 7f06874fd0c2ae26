"""How a rule is searched: the one-character guard before its pattern and the literal pre-check change no match."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from extract import rules
from extract.rules import literals
from extract.rules.search import Table, Text, search

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _guard(pattern: str, flags: int = 0) -> str | None:
    return literals.first_characters(regex.compile(pattern, flags))


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"(?:^|(?<=a))(?:b|c)", "(?=[bc])"),  # alternatives of lookbehinds before the first character
    (r"(?P<m>1[0-2]|[1-9])월", "(?=[11-9])"),  # an alternative that begins with a class
    (r"(?:(?=\d)|x)(?:1|[ab])", r"(?=[\dx])"),  # a lookahead tells the first character
    (r"(?:\$|\d)\d", r"(?=[\U00000024\d])"),
    (r"[^가-힣]x|\.y", r"(?=[\U0000002e]|[^가-힣])"),  # a negated class stays out of the merged class
    (r"[-a]b|c", "(?=[c]|[-a])"),  # so does a class whose first character would read as a range
])
def test_guard_read_from_patterns(pattern: str, expected: str) -> None:
    assert _guard(pattern) == expected


@pytest.mark.parametrize("pattern", [
    r"abc", r"\d+원", r"(?<=x)a?[bc]", r"\b약?\s?\d",  # no choice: the matcher scans for the first part itself
    r"(?:ab|cd)e",  # alternatives of literals: so it does for them
    r"(?:약\s?)?(?=\d)(?:\d|[일이])+원",  # the lookahead tells the first character before any choice
    r"a?|[bc]", r"x*(?=y|[z1])", r"(?:x|[yz])?",  # can match the empty string
    r"(?i)a|[bc]", r"(a)?\1b|[cd]",  # a flag, a back reference first
])
def test_no_guard(pattern: str) -> None:
    assert _guard(pattern) is None


def test_no_guard_under_a_flag_that_changes_literals() -> None:
    assert _guard(r"a|[bc]", regex.IGNORECASE) is None


def _texts() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    for rule in rules.load().rules:
        texts += [e["text"] for e in rule.examples] + list(rule.counterexamples)
    return texts


def _matches(pattern: regex.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict[str, list[str]]]]:
    return [(m.span(), m.capturesdict()) for m in pattern.finditer(text)]


def test_guarded_shipped_rules_find_the_same_matches() -> None:
    texts = _texts()
    guarded = 0
    for rule in rules.load().rules:
        how = search(rule.pattern)
        if how.pattern is rule.pattern:
            continue
        guarded += 1
        assert how.pattern.groupindex == rule.pattern.groupindex, rule.id
        for text in texts:
            assert _matches(how.pattern, text) == _matches(rule.pattern, text), (rule.id, text[:80])
    assert guarded > 20  # a third of the shipped rules open with a choice (a day of 3[01]|[12]\d, lookbehinds)


def test_pre_check_skips_exactly_the_texts_without_literals() -> None:
    texts = _texts()
    for rule in rules.load().rules:
        needed = literals.required(rule.pattern)
        how = search(rule.pattern)
        for text in texts[:200]:
            expected = needed is None or any(literal in text for literal in needed)
            assert how.wanted(Text(text)) == expected, (rule.id, text[:80])


def test_the_table_answers_each_pre_check() -> None:
    """The pre-checks of all rules answered together say of each rule what its own pre-check says, of whole texts
    and (for the rules searched in windows) of windows."""
    searches = [search(rule.pattern) for rule in rules.load().rules]
    table = Table(searches)
    texts = _texts()
    for text in [*texts[:300], "", "가", "12원 3명"]:
        bits = table.wanted(Text(text))
        assert [bool(bits >> number & 1) for number in range(len(searches))] == [
            how.wanted(Text(text)) for how in searches], text[:80]
        windowed = table.windowed.bits(Text(text))
        assert [bool(windowed >> number & 1) for number, how in enumerate(searches) if how.reach is not None] == [
            how.wanted(Text(text)) for how in searches if how.reach is not None], text[:80]
        assert not windowed & sum(1 << number for number, how in enumerate(searches) if how.reach is None)


# Small patterns and texts over a few characters: a guard that is found must never change a match.
_ATOMS = ["a", "b", "1", "[ab]", "[^a]", r"\d", r"\s", ".", "(?=a)", "(?=[1b])", "(?!a)", "(?<=b)", "(?<!1)", "^",
          "$", r"\b", " "]


def regex_patterns(atoms: list[str], quantifiers: list[str], openers: list[str], max_leaves: int
                   ) -> st.SearchStrategy[str]:
    """Small patterns built from `atoms`: quantified (one of `quantifiers`, "" for none), in sequences, in
    alternations and in groups opened by one of `openers`."""
    atom = st.sampled_from(atoms)

    def grow(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        quantified = st.tuples(inner, st.sampled_from(quantifiers)).map(
            lambda pair: f"(?:{pair[0]}){pair[1]}" if pair[1] else pair[0])
        sequence = st.lists(quantified, min_size=1, max_size=4).map("".join)
        alternation = st.lists(sequence, min_size=1, max_size=3).map(lambda items: "(?:" + "|".join(items) + ")")
        return alternation | st.tuples(st.sampled_from(openers), sequence).map(lambda pair: pair[0] + pair[1] + ")")

    return st.recursive(atom, grow, max_leaves=max_leaves)


def _pattern() -> st.SearchStrategy[str]:
    return regex_patterns(_ATOMS, ["", "?", "*", "+", "{1,2}", "??", "*+"], ["(?=", "(?P<g>", "(?>"], 8)


def _choice_first() -> st.SearchStrategy[str]:
    """A pattern that opens with a choice, as the guarded ones do."""
    part = _pattern()
    return st.tuples(part, part, part).map(lambda parts: f"(?:{parts[0]}|{parts[1]}){parts[2]}")


# Every string of up to four of these characters, each on its own and after every other.
_SHORT = ["".join(chars) for size in range(1, 5) for chars in itertools.product("ab1 ", repeat=size)]
_ALL_SHORT = ["\x00".join(_SHORT), "".join(_SHORT)]


@settings(max_examples=300, deadline=None)
@given(_pattern() | _choice_first(), st.lists(st.text(alphabet="ab1 \x00", max_size=12), max_size=3))
def test_a_guard_never_changes_a_match(pattern: str, texts: list[str]) -> None:
    try:
        compiled = regex.compile(pattern)
    except regex.error:
        return
    guard = literals.first_characters(compiled)
    if guard is None:
        return
    guarded = regex.compile(f"{guard}(?:{pattern})")
    for text in texts + _ALL_SHORT:
        assert _matches(guarded, text) == _matches(compiled, text), (pattern, guard, text[:40])


def test_a_guarded_rule_is_compiled_once_in_a_run() -> None:
    """A rule searched behind a guard has only its guarded form compiled when it is read and searched; its own
    pattern compiles when asked for, with the same groups and the same matches."""
    import pickle

    from extract import patterns

    ruleset = rules.parse(patterns.shipped_dir())
    lazy = [rule for rule in ruleset.rules if isinstance(rule.pattern, rules.Pattern)]
    assert len(lazy) > 20
    ruleset.candidates((SEEDS / sorted(p.name for p in SEEDS.glob("*.txt"))[0]).read_text(encoding="utf-8"), None)
    assert all(rule.pattern._compiled is None for rule in lazy)
    for rule in lazy:
        assert search(rule.pattern).pattern is rule.pattern.guarded
        assert rule.pattern.groupindex == regex.compile(rule.pattern.pattern).groupindex
    rule = lazy[0]
    text = rule.examples[0]["text"]
    assert _matches(rule.pattern, text) == _matches(regex.compile(rule.pattern.pattern), text)
    assert rule.pattern._compiled is not None
    copy = pickle.loads(pickle.dumps(rule.pattern))
    assert copy.pattern == rule.pattern.pattern and _matches(copy, text) == _matches(rule.pattern, text)


@pytest.mark.parametrize("pattern", [r"(?:a|[bc](?P<day>1)", r"(?:a|\d)x{3,2}"])  # the second has a guard
def test_a_pattern_that_does_not_compile_is_named_with_its_position(tmp_path, pattern: str) -> None:
    assert literals.guard_of(pattern) == (r"(?=[\da])" if "{3,2}" in pattern else None)
    path = tmp_path / "broken.toml"
    path.write_text(f"[[rule]]\nid = \"x.broken\"\ntype = \"date\"\npriority = 1\npattern = '{pattern}'\n",
                    encoding="utf-8")
    with pytest.raises(rules.PatternError, match=r"x\.broken: pattern does not compile.*position"):
        rules.parse_file(path, {})
