"""The cleaner on the labelled corpus (tests/corpus): body F1, boilerplate removal, metadata."""

from __future__ import annotations

import pytest

from .corpus import score

LABELS = score.labels()


@pytest.fixture(scope="module")
def scores():
    return {label["page"]: score.score_page(label) for label in LABELS}


def test_corpus_size() -> None:
    pages = [label["page"] for label in LABELS]
    assert len(pages) >= 20
    assert sum(p.endswith(".html") for p in pages) >= 8
    assert sum(p.endswith(".txt") and not p.startswith("../") for p in pages) >= 10


@pytest.mark.parametrize("page", [label["page"] for label in LABELS])
def test_page(scores, page: str) -> None:
    result = scores[page]
    assert not result.meta_errors, result.meta_errors
    assert result.f1 >= 0.98, f"body F1 {result.f1:.4f}"


def test_targets(scores) -> None:
    for fmt, figures in score.summary(list(scores.values())).items():
        assert figures["body_f1_mean"] >= 0.98, (fmt, figures)
        assert figures["precision"] >= 0.95 and figures["recall"] >= 0.95, (fmt, figures)
