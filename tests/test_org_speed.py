"""The organisation step's look-up tables give the same organisations as checking every word, and the step grows
linearly with the article.

Times are compared between n and 4n repetitions (never against a wall-clock limit): a linear step takes about 4
times as long, a quadratic one about 16 times.
"""

from __future__ import annotations

import time
import tomllib

import pytest

from extract import extract_text, segment
from extract.entities import organisations
from extract.entities.people import PersonMention
from extract.lexicon import character_pairs, load

from .conftest import ROOT, SEEDS

_ALL_ROLES = (1 << 10) - 1  # every bit of a word's role: every check runs on every word


def _texts() -> list[str]:
    """The organisation rules' examples and counterexamples, and the seed pages' first paragraphs."""
    data = tomllib.loads((ROOT / "patterns" / "organisations" / "organisations.toml").read_text(encoding="utf-8"))
    texts = [e["text"] if isinstance(e, dict) else e for e in (*data["examples"], *data["counterexamples"])]
    for path in sorted(SEEDS.glob("*.txt")):
        texts.append(path.read_text(encoding="utf-8")[:4000])
    return texts


def _found(text: str) -> list[tuple]:
    article = extract_text(text, clean=False, published_at="2024-06-03")
    return [(o.name, o.kind, tuple(o.aliases), tuple((m.start, m.end) for m in o.mentions))
            for o in article.organisations] + [(p.name, p.title, p.organisation) for p in article.people]


def test_the_word_table_passes_over_only_words_that_name_no_body(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _texts()
    assert len(texts) > 80
    fast = [_found(text) for text in texts]
    tables = organisations._tables(load())
    monkeypatch.setattr(tables, "role", lambda text: _ALL_ROLES)
    monkeypatch.setattr(organisations, "_busy", lambda roles: list(range(len(roles))))
    slow = [_found(text) for text in texts]
    for text, one, other in zip(texts, fast, slow, strict=True):
        assert one == other, text[:80]
    assert any(orgs for orgs in fast)


def test_character_pairs_are_the_text_s_pairs() -> None:
    for text in ("서울시는 3일 AI 허브 계획을 발표했다.", "KBS2·EBS1 (주)심플렉스", "가", ""):
        expected = {p for i in range(len(text) - 1) for p in character_pairs(text[i:i + 2])}
        assert character_pairs(text) == expected, text
        assert all(len(character_pairs(text[i:i + 2])) == 1 for i in range(len(text) - 1))
    assert character_pairs("가나") != character_pairs("나가")
    # a character outside the Basic Multilingual Plane leaves the pairs around it in place
    assert character_pairs("가나") <= character_pairs("😀가나😀")


def test_every_gazetteer_name_is_indexed_by_one_of_its_pairs() -> None:
    lex = load()
    by_pair, short = lex.gazetteer_by_pair
    seen = []
    for pair, named in by_pair.items():
        for number, place, name, needed in named:
            assert lex.gazetteer[number][0][place] == name
            assert needed == frozenset(character_pairs(name)) and pair in needed, name
            seen.append(name)
    seen += [name for _, _, name, needed in short if needed is None]
    assert sorted(seen) == sorted(n for names, _ in lex.gazetteer for n in names)


def test_short_form_candidates_hold_every_name_a_word_shortens() -> None:
    lex = load()
    fulls = sorted({n for names, _ in lex.gazetteer for n in names if len(n) >= 4})
    names = {full: full for full in fulls}
    names.update({"시민단체 생활안전연합": "시민단체 생활안전연합", "미국 에너지부": "미국 에너지부",
                  "한국언론진흥재단": "한국언론진흥재단", "한국주택금융공사": "한국주택금융공사"})
    index = organisations._Fulls(names, lex)
    shorts = sorted({n for names_, _ in lex.gazetteer for n in names_ if 2 <= len(n) <= 5})[::3]
    shorts += ["생활안전연합", "에너지부", "언론진흥재단", "주금공", "한수원", "금감원"]
    found = 0
    for short in shorts:
        candidates = {surface for surface, _ in index.of(short, lex)}
        for full in names:
            if organisations.is_short_form(short, full, lex):
                found += 1
                assert full in candidates, (short, full)
    assert found >= 6


def _article(units: int) -> tuple[str, list[segment.Paragraph], list[PersonMention]]:
    """`units` sentences, each with a body of its own, found by its suffix, and a person who holds a post in it."""
    parts, people = [], []
    at = 0
    for number in range(units):
        body = f"한국{chr(0xAC00 + 28 * (number % 399))}{chr(0xB098 + 28 * (number // 399))}연구원"
        sentence = f"{body}은 계획을 밝혔다. 김철수 {body}장은 말했다. "
        start = at + sentence.index("김철수")
        org_start = at + sentence.index(body, sentence.index("김철수"))
        people.append(PersonMention("김철수", "원장", body, start, start + 3, org_start, org_start + len(body)))
        parts.append(sentence)
        at += len(sentence)
    body = "".join(parts)
    return body, segment.segment(body), people


def _best_time(body: str, paragraphs: list[segment.Paragraph], people: list[PersonMention]) -> float:
    lex = load()
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        found = organisations.find(body, paragraphs, people, lex)
        best = min(best, time.process_time() - started)
    assert len(found) >= 100
    return best


def test_the_organisation_step_scales_linearly() -> None:
    small, large = _article(100), _article(400)
    ratio = _best_time(*large) / _best_time(*small)
    assert ratio < 9, f"4x the bodies took {ratio:.1f}x the time (linear: about 4, quadratic: about 16)"


@pytest.mark.parametrize("pattern", [organisations._WORDCHAR, organisations._WORDRUN, organisations._LATIN_DIGIT,
                                     organisations._HANGUL, organisations._HANGUL_NAME], ids=lambda p: p.pattern)
def test_the_plain_patterns_match_as_regex_reads_them(pattern: object) -> None:
    import random

    import regex

    same = regex.compile(pattern.pattern)  # type: ignore[attr-defined]
    rng = random.Random(29)
    texts = ["".join(rng.choice("가나힣aZ09(),'‘ \n·&ㄱ\u3000Ａ") for _ in range(rng.randint(0, 20))) for _ in range(2000)]
    for text in texts:
        for at in range(len(text) + 1):
            one, other = pattern.match(text, at), same.match(text, at)  # type: ignore[attr-defined]
            assert (one and one.span()) == (other and other.span()), text
        assert bool(pattern.fullmatch(text)) == bool(same.fullmatch(text)), text  # type: ignore[attr-defined]


def test_the_step_builds_words_only_where_a_word_can_name_a_body(monkeypatch: pytest.MonkeyPatch) -> None:
    from extract.entities import people

    built: list[segment.Paragraph] = []
    words = organisations.words
    monkeypatch.setattr(organisations, "words", lambda paragraph: built.append(paragraph) or words(paragraph))
    body = "이번 정부는 지난 주 정책을 발표했다.\n\n서울시는 계획을 밝혔다."
    paragraphs = segment.segment(body)
    found = organisations.find(body, paragraphs, [], load())
    assert [o.name for o in found] == ["서울시"] and built == [paragraphs[1]]
    assert people.columns(paragraphs[0]).texts == ["이번", "정부는", "지난", "주", "정책을", "발표했다"]


def test_aliases_are_those_of_a_pattern_compiled_per_name() -> None:
    import random

    import regex

    rng = random.Random(31)
    alphabet = "한국전력(KEPCO)韓電’'가나 AB-&"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    texts += ["한국전력공사(한전)와 ‘한국전력’(KEPCO), 한국전력(韓國電力)", "AA(AB)(AC)AA(가나)"]
    for text in texts:
        for surface in ("한국전력", "A", "AA", "가", "전력(K"):
            whole = [m.group("alias") for m in regex.finditer(
                regex.escape(surface) + r"[’'”\"]?" + organisations._ALIAS, text)]
            assert organisations._aliases_after(text, surface) == whole, (text, surface)


def test_the_legislature_pattern_is_compiled_once_per_lexicon() -> None:
    lex = load()
    assert organisations._legislature_pattern(lex) is organisations._legislature_pattern(lex)
    assert organisations._legislatures("미국 하원은 법안을 통과시켰다.", lex) == ["미국 하원"]
