"""Names, titles and organisation word lists of patterns/people and patterns/organisations."""

from __future__ import annotations

from extract import lexicon

LEX = lexicon.load()


def test_particles_strip_only_particles() -> None:
    assert LEX.strip_particle("시장은") == "시장"
    assert LEX.strip_particle("협회장과") == "협회장"
    assert LEX.strip_particle("이사") == "이사"


def _kind_by_start_scan(name: str) -> str | None:
    """The gazetteer read entry by entry: what the indexed look-up must agree with."""
    for names, kind in LEX.gazetteer:
        if any(name.startswith(n + " ") or (name.startswith(n) and len(n) >= 2) for n in names):
            return kind
    return None


def test_gazetteer_kind_by_start_agrees_with_a_scan_of_the_entries() -> None:
    names = [n for entry, _ in LEX.gazetteer for n in entry]
    probes = {"", " ", "가", "없는이름 협회", "KT노조"}
    for name in names:
        probes.update({name, name + " 노조", name + "병원", name[:1], name[:1] + " 지부", name[1:]})
    assert len(probes) > 100
    for probe in probes:
        assert LEX.gazetteer_kind_by_start(probe) == _kind_by_start_scan(probe), probe


def test_remembered_look_ups_stay_bounded_and_give_the_same_answers(monkeypatch) -> None:
    fresh = lexicon.parse(lexicon.patterns_dir())
    monkeypatch.setattr(lexicon, "_MEMO_SIZE", 8)
    words = [stem + ending for stem in ("서울시", "협회장", "김철수", "삼성전자", "위원장", "이사")
             for ending in ("", "은", "는", "과", "으로", "에서")]
    first = [(fresh.strip_particle(w), fresh.org_suffix(w), fresh.is_title(w), fresh.surname_length(w),
              fresh.organisation_in_title(w)) for w in words]
    again = [(fresh.strip_particle(w), fresh.org_suffix(w), fresh.is_title(w), fresh.surname_length(w),
              fresh.organisation_in_title(w)) for w in reversed(words)]
    assert first == again[::-1]
    assert first == [(LEX.strip_particle(w), LEX.org_suffix(w), LEX.is_title(w), LEX.surname_length(w),
                      LEX.organisation_in_title(w)) for w in words]
    for look_up in (fresh.strip_particle, fresh.org_suffix, fresh.is_title, fresh.surname_length,
                    fresh.organisation_in_title):
        assert 0 < len(look_up.__self__) <= 8  # the memo the look-up reads
