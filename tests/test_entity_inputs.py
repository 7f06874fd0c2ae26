"""The shipped entity model matches the word lists its features read and the data it was trained on."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.entities import inputs, train


def test_the_shipped_model_was_built_from_the_current_word_lists_and_sentences() -> None:
    built = inputs.read()
    assert built, f"no {inputs.INPUTS_PATH.name} next to the model: rebuild with `{inputs.REBUILD}`"
    current = inputs.digest(train.OWN_SENTENCES, [])
    del current["data"]
    changed = inputs.stale(current, built)
    assert not changed, f"the model was built from other versions of {', '.join(changed)}: rebuild with `{inputs.REBUILD}`"


def test_the_shipped_model_was_built_from_the_klue_data_here() -> None:
    if not train.KLUE_NEWS.exists():
        pytest.skip("KLUE-NER data not found next to the repository")
    current = {"data": inputs.digest(train.OWN_SENTENCES, [train.KLUE_NEWS, train.KLUE_REVIEWS])["data"]}
    assert not inputs.stale(current, inputs.read()), f"other KLUE-NER data: rebuild with `{inputs.REBUILD}`"


def test_a_changed_word_list_is_caught(tmp_path: Path) -> None:
    built = inputs.digest(train.OWN_SENTENCES, [])
    changed = {group: dict(hashes) for group, hashes in built.items()}
    changed["word_lists"]["organisations/organisations.toml"] = "0" * 64
    assert inputs.stale(changed, built) == ["word_lists/organisations/organisations.toml"]
    written = inputs.write(built, tmp_path / "entities.inputs")
    assert inputs.read(written) == built
