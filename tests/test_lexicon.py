"""Names, titles and organisation word lists of patterns/people and patterns/organisations."""

from __future__ import annotations

from extract import lexicon

LEX = lexicon.load()


def test_particles_strip_only_particles() -> None:
    assert LEX.strip_particle("시장은") == "시장"
    assert LEX.strip_particle("협회장과") == "협회장"
    assert LEX.strip_particle("이사") == "이사"
