"""Distributional classes of nouns, from the word vectors of Kiwi's own language model (CoNg).

Kiwi's CoNg model carries a vector for each of its about 70,000 most frequent morphemes. Nouns used alike sit
close together (트럼프 near 오바마 and 시진핑, 골드만삭스 near 모건스탠리, 서울 near 부산): the class of a noun
says what kind of thing it usually names, also where the sentence gives no clue. The classes are built once, by
`python -m extract.entities.train` (spherical k-means over each noun's similarities to a fixed set of anchor
nouns, seeded: the same Kiwi model gives the same file), and shipped as `classes.tsv` next to the model. A noun
Kiwi has no vector for (a rare or unknown name) has no class: the model falls back on its other features.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

CLASSES_PATH = Path(__file__).resolve().parent / "classes.tsv"
NOUN_TAGS = ("NNP", "NNG")
ANCHORS_PER_TAG = 128  # the most frequent common and proper nouns: the coordinates of every noun
CLASSES = 256
ITERATIONS = 40
SEED = 20240603


_active: list[Path] = [CLASSES_PATH]


def use(path: Path | None) -> None:
    """Read the classes at `path` from now on (None: the packaged table). For evaluation scripts."""
    _active[0] = Path(path) if path else CLASSES_PATH
    load.cache_clear()


@lru_cache(maxsize=1)
def load() -> dict[tuple[str, str], str]:
    """(form, tag) → class, as built; empty when no table was built."""
    path = _active[0]
    if not path.exists():
        return {}
    found: dict[tuple[str, str], str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        form, tag, number = line.split("\t")
        found[(form, tag)] = number
    return found


def _nouns(kiwi: Any) -> list[tuple[int, str, str]]:
    """(id, form, tag) of every noun with a vector, the most frequent sense of each (form, tag)."""
    found: list[tuple[int, str, str]] = []
    seen: set[tuple[str, str]] = set()
    morpheme_id = 0
    while True:
        probe = kiwi.morpheme_similarity(morpheme_id, morpheme_id)
        if probe != probe:  # NaN: past the morphemes that have a vector (they come first, by frequency)
            break
        token = kiwi.morpheme(morpheme_id)
        key = (token.form, str(token.tag))
        if key[1] in NOUN_TAGS and key[0] and key not in seen:
            seen.add(key)
            found.append((morpheme_id, *key))
        morpheme_id += 1
    return found


def build(kiwi: Any, classes: int = CLASSES) -> dict[tuple[str, str], int]:
    """Cluster the nouns of Kiwi's vocabulary into `classes` classes."""
    import numpy as np

    nouns = _nouns(kiwi)
    anchors = [i for tag in NOUN_TAGS for i in [n[0] for n in nouns if n[2] == tag][:ANCHORS_PER_TAG]]
    similarity = kiwi.morpheme_similarity
    vectors = np.array([[similarity(i, a) for a in anchors] for i, _, _ in nouns], dtype=np.float64)
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    centres = _first_centres(vectors, classes, np.random.default_rng(SEED))
    assigned = np.zeros(len(vectors), dtype=np.int64)
    for _ in range(ITERATIONS):
        assigned = np.argmax(vectors @ centres.T, axis=1)
        for c in range(classes):
            members = vectors[assigned == c]
            if len(members):
                centre = members.sum(axis=0)
                centres[c] = centre / max(float(np.linalg.norm(centre)), 1e-12)
    return {(form, tag): int(c) for (_, form, tag), c in zip(nouns, assigned, strict=True)}


def _first_centres(vectors: Any, classes: int, rng: Any) -> Any:
    """k-means++: each next centre drawn with a probability that grows with its distance to the nearest centre."""
    import numpy as np

    chosen = [int(rng.integers(len(vectors)))]
    distance = 1.0 - vectors @ vectors[chosen[0]]
    for _ in range(1, classes):
        weights = np.maximum(distance, 0.0) ** 2
        chosen.append(int(rng.choice(len(vectors), p=weights / weights.sum())))
        distance = np.minimum(distance, 1.0 - vectors @ vectors[chosen[-1]])
    return vectors[chosen].copy()


def write(table: dict[tuple[str, str], int], path: Path = CLASSES_PATH) -> Path:
    lines = [f"{form}\t{tag}\t{number}" for (form, tag), number in sorted(table.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    load.cache_clear()
    return path
