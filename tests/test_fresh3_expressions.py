"""The third held-out KLUE set (tests/expressions/fresh3): its form, its ties to the sentences, a floor on its score.

The form tests check that each label names its sentence (line, hash, offset), follows the selection rule and
is well formed, and that every KLUE DT and QT span and every run of digits of the chosen sentences is
labelled. One test runs the rules on the set and pins a floor on the exact count; its misses are never
printed (on failure it gives the counts only), so that the set stays unread and keeps estimating the rules
on news they were not written from. The sentences stay in ../shared
(KLUE-NER, CC BY-SA 4.0): the tests that read them are skipped when they are absent. The score is in
tests/expressions/fresh3/README.md.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from decimal import Decimal

import pytest

from extract import rules

from .expressions import fresh_score

FOLDER = fresh_score.HERE / "fresh3"
LABELS = fresh_score.labels(FOLDER)
TEXT_OF = fresh_score.sentences()
REFERENCE = dt.date(2015, 6, 15)
EXACT_FLOOR = 283  # exact expressions of the 290, measured before any miss was read (fresh3/README.md)
needs_sentences = pytest.mark.skipif(TEXT_OF is None, reason=f"the KLUE news sentences are not next to the "
                                     f"repository ({fresh_score.KLUE})")


def chosen(line: int) -> bool:
    """Lines are chosen by number only: 1-based n ≡ 0 (mod 8)."""
    return line % 8 == 0


def by_line() -> dict[int, list[fresh_score.Label]]:
    found: dict[int, list[fresh_score.Label]] = {}
    for label in LABELS:
        found.setdefault(label.line, []).append(label)
    return found


def test_size_and_categories() -> None:
    assert len(LABELS) >= 240
    assert {label.category for label in LABELS} == set(fresh_score.CATEGORIES)
    assert len(by_line()) >= 120


def test_lines_follow_the_selection_rule_and_are_not_in_the_earlier_sets() -> None:
    assert all(chosen(label.line) for label in LABELS)
    earlier = {label.line for label in fresh_score.labels()}
    earlier |= {label.line for label in fresh_score.labels(fresh_score.HERE / "fresh2")}
    assert earlier and not earlier & {label.line for label in LABELS}


def test_one_reference_date() -> None:
    assert {label.reference for label in LABELS} == {REFERENCE}


def test_fields_are_valid() -> None:
    for label in LABELS:
        assert len(label.sha) == fresh_score.HASH_DIGITS and int(label.sha, 16) >= 0, label.where
        assert label.start >= 0 and label.text and label.text == label.text.strip(), label.where
        if label.kind == "amount":
            assert label.category in fresh_score.AMOUNT_CATEGORIES, label.where
            expected = label.expected
            assert expected["vague"] == (expected["value"] is None), label.where
            assert isinstance(expected["value"], (int, Decimal, type(None))), label.where
            if label.category != "count":
                assert expected["counter"] in (None, "배"), f"{label.where}: a counter names what a count counts"
            assert (expected["low"] is None) == (expected["high"] is None), label.where
            if expected["low"] is not None:
                assert expected["low"] < expected["high"], label.where
                if not expected["vague"]:
                    assert expected["low"] == expected["value"], label.where
        elif label.kind == "date":
            assert label.expected["granularity"] in fresh_score.GRANULARITIES, label.where
            value = label.expected["value"]
            assert value, label.where
            if value == fresh_score.NOT_SCORED:
                assert "open" in label.note, f"{label.where}: a value of ? says why the reading is open"
            else:
                assert re.fullmatch(r"(--)?[\d/W-]+", str(value)), label.where
        else:
            assert label.forbid and label.forbid <= {"amount", "date"}, label.where
            assert not label.expected and label.note, label.where


def test_units_are_declared() -> None:
    declared = rules.load().units
    assert declared is not None
    assert {label.expected["unit"] for label in LABELS if label.kind == "amount"} <= declared


def test_labels_do_not_overlap() -> None:
    """Two labels on one sentence never share characters: each names one record or one non-record."""
    for items in by_line().values():
        items.sort(key=lambda label: label.start)
        for first, second in itertools.pairwise(items):
            assert first.end <= second.start, (first.where, second.where)


@needs_sentences
def test_every_label_names_its_sentence() -> None:
    assert TEXT_OF is not None
    assert [p for label in LABELS for p in fresh_score.form_problems(label, TEXT_OF)] == []


@needs_sentences
def test_every_klue_span_and_every_number_of_the_chosen_lines_is_labelled() -> None:
    """Each KLUE gold DT and QT span and each run of digits of a chosen sentence lies under a label."""
    assert TEXT_OF is not None
    labelled = by_line()
    unlabelled = []
    with fresh_score.KLUE.open(encoding="utf-8") as handle:
        for line, raw in enumerate(handle, start=1):
            if not chosen(line) or not raw.strip():
                continue
            row = json.loads(raw)
            spans = [(e["start"], e["end"], e["text"]) for e in row["entities"] if e["type"] in ("DT", "QT")]
            spans += [(m.start(), m.end(), m.group()) for m in re.finditer(r"\d+", row["text"])]
            for start, end, text in spans:
                if not any(label.start < end and start < label.end for label in labelled.get(line, [])):
                    unlabelled.append((line, text))
    assert unlabelled == []


def test_a_label_is_checked_against_its_sentence() -> None:
    sentence = "오는 5일 열린다."
    label = fresh_score.Label("date", "date", 4, fresh_score.sentence_hash(sentence), REFERENCE, 0, "오는 5일",
                              {"value": "2015-07-05", "granularity": "day"})
    assert fresh_score.form_problems(label, {4: sentence}) == []
    assert "has changed" in fresh_score.form_problems(label, {4: "오는 6일 열린다."})[0]
    shifted = fresh_score.Label("date", "date", 4, label.sha, REFERENCE, 1, "오는 5일", label.expected)
    assert "is not at offset" in fresh_score.form_problems(shifted, {4: sentence})[0]
    assert "no line" in fresh_score.form_problems(label, {8: sentence})[0]


@needs_sentences
def test_exact_count_does_not_fall() -> None:
    """Counts only: a miss of this set is not shown here (`fresh_score.py --misses` shows them, and reading
    them makes the set a regression set like the first two)."""
    assert TEXT_OF is not None
    results = fresh_score.run(LABELS, TEXT_OF, rules.load())
    exact = fresh_score.exact(results)
    assert exact >= EXACT_FLOOR, f"{exact}/{len(results)} exact, below the floor of {EXACT_FLOOR}"
