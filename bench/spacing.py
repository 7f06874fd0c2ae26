"""Would Kiwi's `space` repair lost spaces safely? Measured on text whose spacing is right.

    python bench/spacing.py

Runs Kiwi.space over the hand-made expected bodies of tests/corpus (correctly
spaced article text). Every change there is a change to correct text, so the
repair is only safe if this prints 0 changed paragraphs. It also shows what
space() does to the seeds' glued words.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract import kiwi  # noqa: E402


def main() -> None:
    engine = kiwi.get()
    corpus = ROOT / "tests" / "corpus"
    seeds = {p.stem for p in (ROOT / "seeds").glob("*.txt")}
    paragraphs = [p for f in sorted(corpus.glob("*.body.txt")) if f.name.split(".")[0] not in seeds
                  for p in f.read_text(encoding="utf-8").strip().split("\n\n")]
    changed = [(p, engine.space(p)) for p in paragraphs]
    changed = [(a, b) for a, b in changed if a != b]
    print(f"correctly spaced paragraphs: {len(paragraphs)}; changed by Kiwi.space: {len(changed)}")
    for before, after in changed[:5]:
        import difflib

        diff = [d for d in difflib.ndiff(before.split(" "), after.split(" ")) if d[:1] in "+-"]
        print("  ", " | ".join(diff[:6]))
    glued = ["‘서울 AI 허브’의핵심앵커시설이 5월 29일(수) 개관했다고 밝혔다.", "양재·우면동 일대에흩어져있는 AI 산업 지원 시설"]
    for text in glued:
        print(f"seed: {text}\n  -> {engine.space(text)}")


if __name__ == "__main__":
    main()
