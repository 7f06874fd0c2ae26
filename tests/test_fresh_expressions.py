"""The held-out KLUE set (tests/expressions/fresh): its form, its ties to the sentences, and a floor on its score.

The sentences stay in ../shared (KLUE-NER, CC BY-SA 4.0): the tests that read them are skipped when
they are absent. The floor is the exact count measured when the set was first scored; the figures per
category are in tests/expressions/fresh/README.md.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest

from extract import rules

from .expressions import fresh_score

LABELS = fresh_score.labels()
TEXT_OF = fresh_score.sentences()
needs_sentences = pytest.mark.skipif(TEXT_OF is None, reason=f"the KLUE news sentences are not next to the "
                                     f"repository ({fresh_score.KLUE})")
EXACT_FLOOR = 441  # exact expressions of the 441 with the rules as measured, seen (fresh/README.md)


def test_size_and_categories() -> None:
    assert len(LABELS) >= 300
    assert {label.category for label in LABELS} == set(fresh_score.CATEGORIES)
    assert len({label.line for label in LABELS}) >= 150


def test_lines_follow_the_selection_rule() -> None:
    """Lines are chosen by number only: 1-based n ≡ 2 (mod 8) or n ≡ 14 (mod 16)."""
    assert all(label.line % 8 == 2 or label.line % 16 == 14 for label in LABELS)


def test_fields_are_valid() -> None:
    for label in LABELS:
        assert len(label.sha) == fresh_score.HASH_DIGITS and int(label.sha, 16) >= 0, label.where
        assert label.start >= 0 and label.text and label.text == label.text.strip(), label.where
        assert isinstance(label.reference, dt.date), label.where
        if label.kind == "amount":
            assert label.category in fresh_score.AMOUNT_CATEGORIES, label.where
            expected = label.expected
            assert expected["vague"] == (expected["value"] is None), label.where
            assert isinstance(expected["value"], (int, Decimal, type(None))), label.where
            assert (expected["low"] is None) == (expected["high"] is None), label.where
            if expected["low"] is not None and not expected["vague"]:
                assert expected["low"] == expected["value"] < expected["high"], label.where
        elif label.kind == "date":
            assert label.expected["granularity"] in fresh_score.GRANULARITIES, label.where
            assert label.expected["value"], label.where
        else:
            assert label.forbid and label.forbid <= {"amount", "date"}, label.where
            assert not label.expected and label.note, label.where


def test_units_are_declared() -> None:
    declared = rules.load().units
    assert declared is not None
    assert {label.expected["unit"] for label in LABELS if label.kind == "amount"} <= declared


def test_labels_do_not_overlap() -> None:
    """Two labels on one sentence never share characters: each names one record or one non-record."""
    by_line: dict[int, list[fresh_score.Label]] = {}
    for label in LABELS:
        by_line.setdefault(label.line, []).append(label)
    for items in by_line.values():
        items.sort(key=lambda label: label.start)
        for first, second in itertools.pairwise(items):
            assert first.end <= second.start, (first.where, second.where)


def test_a_label_is_checked_against_its_sentence() -> None:
    label = fresh_score.Label("date", "date", 1, fresh_score.sentence_hash("오는 5일 열린다."),
                              dt.date(2015, 6, 15), 0, "오는 5일", {"value": "2015-07-05", "granularity": "day"})
    assert fresh_score.form_problems(label, {1: "오는 5일 열린다."}) == []
    assert "has changed" in fresh_score.form_problems(label, {1: "오는 6일 열린다."})[0]
    assert "no line 1" in fresh_score.form_problems(label, {})[0]


@pytest.mark.parametrize("pipeline", [False, True], ids=["rule stage", "pipeline"])
def test_the_scorer_tells_exact_from_wrong(pipeline: bool) -> None:
    """The scorer on text written for it: an exact amount, a wrong value, a date on another span, a negative
    under a record."""
    text = "회원 6명이 지난 4일 3만3천원을 냈다."
    text_of = {1: text}
    sha = fresh_score.sentence_hash(text)
    ref = dt.date(2015, 6, 15)
    count = fresh_score.amount_expected("6", "person", "명", {})
    good = fresh_score.Label("amount", "count", 1, sha, ref, 3, "6명", count)
    wrong = fresh_score.Label("amount", "count", 1, sha, ref, 3, "6명", {**count, "value": 7})
    date = fresh_score.Label("date", "date", 1, sha, ref, 7, "지난 4일", {"value": "2015-06-04", "granularity": "day"})
    off = fresh_score.Label("date", "date", 1, sha, ref, 10, "4일", {"value": "2015-06-04", "granularity": "day"})
    negative = fresh_score.Label("negative", "negative", 1, sha, ref, 13, "3만3천원", forbid=frozenset({"amount"}),
                                 note="written to be found")
    results = fresh_score.run([good, wrong, date, off, negative], text_of, pipeline=pipeline)
    assert [r.outcome for r in results] == ["exact", "wrong value", "exact", "other span", "found"]


@needs_sentences
def test_every_label_is_on_its_sentence() -> None:
    assert TEXT_OF is not None
    assert [p for label in LABELS for p in fresh_score.form_problems(label, TEXT_OF)] == []


@needs_sentences
def test_exact_count_does_not_fall() -> None:
    assert TEXT_OF is not None
    results = fresh_score.run(LABELS, TEXT_OF, rules.load())
    exact = fresh_score.exact(results)
    assert exact >= EXACT_FLOOR, f"{exact}/{len(results)} exact, below the floor of {EXACT_FLOOR}:\n" + \
        "\n".join(fresh_score.report(results, misses=True))
