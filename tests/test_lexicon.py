"""Names, titles and organisation word lists of patterns/people and patterns/organisations."""

from __future__ import annotations

import pytest

from extract import lexicon
from extract.patterns import read_toml

LEX = lexicon.load()


@pytest.mark.parametrize("word", read_toml(lexicon.patterns_dir() / "people" / "names.toml")["examples"])
def test_name_examples(word: str) -> None:
    assert LEX.surname_length(word)


@pytest.mark.parametrize("word", read_toml(lexicon.patterns_dir() / "people" / "names.toml")["counterexamples"])
def test_name_counterexamples(word: str) -> None:
    assert not LEX.surname_length(word)


@pytest.mark.parametrize("word", read_toml(lexicon.patterns_dir() / "people" / "titles.toml")["examples"])
def test_title_examples(word: str) -> None:
    assert LEX.is_title(word)


@pytest.mark.parametrize("word", read_toml(lexicon.patterns_dir() / "people" / "titles.toml")["counterexamples"])
def test_title_counterexamples(word: str) -> None:
    assert not LEX.is_title(word)


def test_particles_strip_only_particles() -> None:
    assert LEX.strip_particle("시장은") == "시장"
    assert LEX.strip_particle("협회장과") == "협회장"
    assert LEX.strip_particle("이사") == "이사"
