"""The noun classes built from a language model's word vectors (extract/entities/classes.py)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from extract.entities import classes, features


@dataclass
class _Morpheme:
    form: str
    tag: str


class _VectorModel:
    """A stand-in for Kiwi's CoNg model: morphemes by id, the first ones with a vector (cosine similarity)."""

    def __init__(self, groups: dict[str, list[str]], others: list[tuple[str, str]]) -> None:
        rng = np.random.default_rng(7)
        self.morphemes: list[_Morpheme] = []
        self.vectors: list[np.ndarray] = []
        directions = {name: rng.normal(size=16) for name in groups}
        for name, forms in groups.items():
            for form in forms:
                self.morphemes.append(_Morpheme(form, "NNP"))
                self.vectors.append(directions[name] * 5 + rng.normal(size=16))
        self.with_vector = len(self.morphemes)
        self.morphemes += [_Morpheme(form, tag) for form, tag in others]

    def morpheme(self, morpheme_id: int) -> _Morpheme:
        return self.morphemes[morpheme_id]

    def morpheme_similarity(self, a: int, b: int) -> float:
        if a >= self.with_vector or b >= self.with_vector:
            return math.nan
        u, v = self.vectors[a], self.vectors[b]
        return float(u @ v / (np.linalg.norm(u) * np.linalg.norm(v)))


GROUPS = {
    "people": ["트럼프", "오바마", "시진핑", "클린턴", "푸틴", "아베"],
    "companies": ["골드만삭스", "모건스탠리", "화웨이", "텐센트", "바이두", "애플"],
    "cities": ["서울", "부산", "대구", "광주", "인천", "대전"],
}


def _model() -> _VectorModel:
    return _VectorModel(GROUPS, [("희귀한이름", "NNP")])


def test_nouns_used_alike_share_a_class_and_others_do_not() -> None:
    table = classes.build(_model(), classes=3)
    for forms in GROUPS.values():
        assert len({table[(form, "NNP")] for form in forms}) == 1, forms
    assert len({table[(forms[0], "NNP")] for forms in GROUPS.values()}) == 3


def test_a_noun_without_a_vector_has_no_class() -> None:
    table = classes.build(_model(), classes=3)
    assert ("희귀한이름", "NNP") not in table
    assert len(table) == sum(len(forms) for forms in GROUPS.values())


def test_the_build_is_deterministic_and_the_file_reads_back(tmp_path: Path) -> None:
    first = classes.write(classes.build(_model(), classes=3), tmp_path / "a.tsv")
    second = classes.write(classes.build(_model(), classes=3), tmp_path / "b.tsv")
    assert first.read_bytes() == second.read_bytes()
    try:
        classes.use(first)
        assert classes.load()[("트럼프", "NNP")] == classes.load()[("오바마", "NNP")]
    finally:
        classes.use(None)


def test_the_shipped_table_gives_a_feature_and_unknown_nouns_say_so() -> None:
    table = classes.load()
    if not table:
        pytest.skip("no class table built")
    assert ("트럼프", "NNP") in table
    own = features._own("트럼프", "NNP")
    assert f"cl={table[('트럼프', 'NNP')]}" in own
    assert "cl=unk" in features._own("뷁뛣쀍", "NNP")
