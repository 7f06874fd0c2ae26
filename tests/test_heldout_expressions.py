"""The held-out KLUE sets of amounts, dates and negatives (tests/expressions/fresh*/): form, ties, floors.

Each set labels expressions on KLUE-NER news sentences chosen by line number alone (the sentences stay in
../shared, CC BY-SA 4.0: the tests that read them are skipped when they are absent). The form tests check
that each label names its sentence (line, hash, offset), follows its set's selection rule, is well formed,
and that every KLUE DT and QT span and every run of digits of the chosen sentences lies under a label; no
two sets share a sentence. One test per set runs the rules on it and pins a floor on the exact count. The
first two sets have been read by the rule authors (their floors are regression figures, and a failure lists
the misses); the third has not: its failure gives counts only, so that it keeps estimating the rules on news
they were not written from. The figures are in each set's README.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from extract import rules

from .expressions import fresh_score

REFERENCE = dt.date(2015, 6, 15)


@dataclass(frozen=True)
class HeldOut:
    folder: str
    selection: str  # the rule, as the set's README states it
    chosen: Callable[[int], bool]  # 1-based line number → in the set
    floor: int  # exact expressions, as measured (the set's README)
    seen: bool  # its misses have been read: a failure may list them
    least_labels: int
    least_lines: int


SETS = (
    HeldOut("fresh", "n ≡ 2 (mod 8) or n ≡ 14 (mod 16)", lambda n: n % 8 == 2 or n % 16 == 14, 441, True, 300, 150),
    HeldOut("fresh2", "n ≡ 4 (mod 8) or n ≡ 6 (mod 16)", lambda n: n % 8 == 4 or n % 16 == 6, 362, True, 300, 150),
    HeldOut("fresh3", "n ≡ 0 (mod 8)", lambda n: n % 8 == 0, 283, False, 240, 120),
)
LABELS = {held.folder: fresh_score.labels(fresh_score.HERE / held.folder) for held in SETS}
TEXT_OF = fresh_score.sentences()
needs_sentences = pytest.mark.skipif(TEXT_OF is None, reason=f"the KLUE news sentences are not next to the "
                                     f"repository ({fresh_score.KLUE})")
each_set = pytest.mark.parametrize("held", SETS, ids=[held.folder for held in SETS])


def by_line(labels: list[fresh_score.Label]) -> dict[int, list[fresh_score.Label]]:
    found: dict[int, list[fresh_score.Label]] = {}
    for label in labels:
        found.setdefault(label.line, []).append(label)
    return found


@each_set
def test_size_and_categories(held: HeldOut) -> None:
    labels = LABELS[held.folder]
    assert len(labels) >= held.least_labels
    assert {label.category for label in labels} == set(fresh_score.CATEGORIES)
    assert len(by_line(labels)) >= held.least_lines


@each_set
def test_lines_follow_the_selection_rule(held: HeldOut) -> None:
    assert all(held.chosen(label.line) for label in LABELS[held.folder]), held.selection


def test_no_two_sets_share_a_sentence() -> None:
    for first, second in itertools.combinations(SETS, 2):
        assert not {label.line for label in LABELS[first.folder]} & {label.line for label in LABELS[second.folder]}


@each_set
def test_one_reference_date(held: HeldOut) -> None:
    assert {label.reference for label in LABELS[held.folder]} == {REFERENCE}


@each_set
def test_fields_are_valid(held: HeldOut) -> None:
    assert [p for label in LABELS[held.folder] for p in fresh_score.field_problems(label)] == []


@each_set
def test_units_are_declared(held: HeldOut) -> None:
    declared = rules.load().units
    assert declared is not None
    assert {label.expected["unit"] for label in LABELS[held.folder] if label.kind == "amount"} <= declared


@each_set
def test_labels_do_not_overlap(held: HeldOut) -> None:
    """Two labels on one sentence never share characters: each names one record or one non-record."""
    for items in by_line(LABELS[held.folder]).values():
        items.sort(key=lambda label: label.start)
        for first, second in itertools.pairwise(items):
            assert first.end <= second.start, (first.where, second.where)


@needs_sentences
@each_set
def test_every_label_names_its_sentence(held: HeldOut) -> None:
    assert TEXT_OF is not None
    assert [p for label in LABELS[held.folder] for p in fresh_score.form_problems(label, TEXT_OF)] == []


@needs_sentences
@each_set
def test_every_klue_span_and_every_number_of_the_chosen_lines_is_labelled(held: HeldOut) -> None:
    """Each KLUE gold DT and QT span and each run of digits of a chosen sentence lies under a label."""
    labelled = by_line(LABELS[held.folder])
    unlabelled = []
    with fresh_score.KLUE.open(encoding="utf-8") as handle:
        for line, raw in enumerate(handle, start=1):
            if not held.chosen(line) or not raw.strip():
                continue
            row = json.loads(raw)
            spans = [(e["start"], e["end"], e["text"]) for e in row["entities"] if e["type"] in ("DT", "QT")]
            spans += [(m.start(), m.end(), m.group()) for m in re.finditer(r"\d+", row["text"])]
            for start, end, text in spans:
                if not any(label.start < end and start < label.end for label in labelled.get(line, [])):
                    unlabelled.append((line, text))
    assert unlabelled == []


@needs_sentences
@each_set
def test_exact_count_does_not_fall(held: HeldOut) -> None:
    assert TEXT_OF is not None
    results = fresh_score.run(LABELS[held.folder], TEXT_OF, rules.load())
    exact = fresh_score.exact(results)
    message = f"{held.folder}: {exact}/{len(results)} exact, below the floor of {held.floor}"
    if held.seen:
        message += ":\n" + "\n".join(fresh_score.report(results, misses=True))
    assert exact >= held.floor, message


def test_a_label_is_checked_against_its_sentence() -> None:
    sentence = "오는 5일 열린다."
    label = fresh_score.Label("date", "date", 4, fresh_score.sentence_hash(sentence), REFERENCE, 0, "오는 5일",
                              {"value": "2015-07-05", "granularity": "day"})
    assert fresh_score.form_problems(label, {4: sentence}) == []
    assert "has changed" in fresh_score.form_problems(label, {4: "오는 6일 열린다."})[0]
    shifted = fresh_score.Label("date", "date", 4, label.sha, REFERENCE, 1, "오는 5일", label.expected)
    assert "is not at offset" in fresh_score.form_problems(shifted, {4: sentence})[0]
    assert "no line" in fresh_score.form_problems(label, {8: sentence})[0]


def test_a_malformed_label_is_told() -> None:
    count = fresh_score.amount_expected("6", "person", "명", {})
    money = fresh_score.Label("amount", "money", 4, "0" * 12, REFERENCE, 0, "6만원",
                              {**fresh_score.amount_expected("60000", "KRW", "원", {})})
    vague = fresh_score.Label("amount", "count", 4, "0" * 12, REFERENCE, 0, "수명", {**count, "vague": True})
    open_date = fresh_score.Label("date", "date", 4, "0" * 12, REFERENCE, 0, "올 가을",
                                  {"value": "?", "granularity": "month"}, note="a season")
    negative = fresh_score.Label("negative", "negative", 4, "0" * 12, REFERENCE, 0, "3회", forbid=frozenset())
    assert "counter" in fresh_score.field_problems(money)[0]
    assert "vague" in fresh_score.field_problems(vague)[0]
    assert "open" in fresh_score.field_problems(open_date)[0]
    assert "negative" in fresh_score.field_problems(negative)[0]
    assert fresh_score.field_problems(fresh_score.Label("amount", "count", 4, "0" * 12, REFERENCE, 0, "6명",
                                                        count)) == []


@pytest.mark.parametrize("pipeline", [False, True], ids=["rule stage", "pipeline"])
def test_the_scorer_tells_exact_from_wrong(pipeline: bool) -> None:
    """The scorer on text written for it: an exact amount, a wrong value, a date on another span, a negative
    under a record."""
    text = "회원 6명이 지난 4일 3만3천원을 냈다."
    text_of = {1: text}
    sha = fresh_score.sentence_hash(text)
    count = fresh_score.amount_expected("6", "person", "명", {})
    good = fresh_score.Label("amount", "count", 1, sha, REFERENCE, 3, "6명", count)
    wrong = fresh_score.Label("amount", "count", 1, sha, REFERENCE, 3, "6명", {**count, "value": 7})
    date = fresh_score.Label("date", "date", 1, sha, REFERENCE, 7, "지난 4일",
                             {"value": "2015-06-04", "granularity": "day"})
    off = fresh_score.Label("date", "date", 1, sha, REFERENCE, 10, "4일", {"value": "2015-06-04", "granularity": "day"})
    negative = fresh_score.Label("negative", "negative", 1, sha, REFERENCE, 13, "3만3천원",
                                 forbid=frozenset({"amount"}), note="written to be found")
    results = fresh_score.run([good, wrong, date, off, negative], text_of, pipeline=pipeline)
    assert [r.outcome for r in results] == ["exact", "wrong value", "exact", "other span", "found"]
