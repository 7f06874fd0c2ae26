"""People and organisation resolution grows linearly with the number of mentions.

Times are compared between n and 4n repetitions of the same text (never against a wall-clock limit): a
linear stage takes about 4 times as long, a quadratic one about 16 times.
"""

from __future__ import annotations

import time

from extract import resolve, segment

_UNIT = "서울시는 오세훈 서울시장이 말했다. 오 시장은 A씨와 만났다. 서울시 "


def _best_time(body: str, paragraphs: list[segment.Paragraph], rounds: int = 5) -> float:
    """The best CPU time of the process (other work on a busy machine does not count) over a few rounds."""
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        found, _ = resolve.records(body, paragraphs, [])
        best = min(best, time.process_time() - started)
    assert found["organisations"] and found["people"]
    return best


def test_mentions_scale_linearly() -> None:
    n = 400
    small, large = _UNIT * n, _UNIT * (4 * n)
    small_paragraphs, large_paragraphs = segment.segment(small), segment.segment(large)
    found, _ = resolve.records(large, large_paragraphs, [])
    seoul = next(o for o in found["organisations"] if o["name"] == "서울시")
    assert len(seoul["mentions"]) >= 2 * 4 * n
    ratio = _best_time(large, large_paragraphs) / _best_time(small, small_paragraphs)
    assert ratio < 9, f"4x the mentions took {ratio:.1f}x the time (linear: about 4, quadratic: about 16)"


_LAYOUTS = ('▶ 인터뷰 : 김영호 / 롯데마트 대리 - "좋습니다." 한국수력원자력은 밝혔다. 한수원은 유 모 씨를 만났다. 유 씨는 '
            "김무성, 이완구, 안철수 의원과 만났다. 영상편집:김선영 ")


def test_captions_short_forms_and_pseudonyms_scale_linearly() -> None:
    n = 100
    small, large = _LAYOUTS * n, _LAYOUTS * (4 * n)
    small_paragraphs, large_paragraphs = segment.segment(small), segment.segment(large)
    found, _ = resolve.records(large, large_paragraphs, [])
    assert any(o["name"] == "한국수력원자력" and len(o["mentions"]) >= 8 * n for o in found["organisations"])
    ratio = _best_time(large, large_paragraphs, rounds=3) / _best_time(small, small_paragraphs, rounds=3)
    assert ratio < 9, f"4x the text took {ratio:.1f}x the time (linear: about 4, quadratic: about 16)"
