"""CPU time of the entity model per article, against the whole pipeline's, on the shared broadcast pages.

    python tests/entities/speed.py            # best of 3 rounds over the 43 pages of ../shared/corpus/broadcast/html/
    python tests/entities/speed.py --warm     # the features' word table kept across articles, as the pipeline keeps it

For each page (the HTML as fetched), the pipeline runs as a user runs it (`extract_path`: decoding, cleaning,
every stage);
then, on the same paragraphs, the model's part alone is timed: the features of every tagged sentence
(features.sequence) and the tagging (model.tag, features included). CPU time of this process
(time.process_time), Kiwi loaded beforehand; the features' word cache is emptied before each article's model
part (a cold cache, unless --warm: the pipeline keeps it across articles). Each figure is the best of the rounds.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from extract import extract_path, kiwi, segment  # noqa: E402
from extract.entities import features, model  # noqa: E402

PAGES = ROOT / ".." / "shared" / "corpus" / "broadcast" / "html"


def _sentences(tokens: tuple[segment.Token, ...]) -> list[tuple[segment.Token, ...]]:
    found, start = [], 0
    for end in [i + 1 for i, t in enumerate(tokens) if t.tag == "SF"] + [len(tokens)]:
        if tokens[start:end] and model.taggable(tokens[start:end]):
            found.append(tokens[start:end])
        start = end
    return found


def measure(rounds: int, warm: bool = False) -> dict[str, float]:
    pages = sorted(PAGES.glob("*.html"))
    kiwi.tokenize(["모델을 준비한다."])
    best = {"pipeline": float("inf"), "features": float("inf"), "tagging": float("inf")}
    for _ in range(rounds):
        spent = dict.fromkeys(best, 0.0)
        for page in pages:
            started = time.process_time()
            article = extract_path(page)
            spent["pipeline"] += time.process_time() - started
            paragraphs = segment.segment(article.body)
            if not warm:
                features._own.cache_clear()  # each article pays for its own words' features
                features._words.clear()
            started = time.process_time()
            for paragraph in paragraphs:
                for sentence in _sentences(paragraph.tokens):
                    features.sequence(sentence)
            spent["features"] += time.process_time() - started
            if not warm:
                features._own.cache_clear()
                features._words.clear()
                model._tagger()[1].clear()  # the tagger's own table of encoded words
            started = time.process_time()
            for paragraph in paragraphs:
                model.tag(paragraph.tokens)
            spent["tagging"] += time.process_time() - started
        best = {k: min(best[k], spent[k]) for k in best}
    return {k: 1000 * v / len(pages) for k, v in best.items()} | {"pages": len(pages)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--warm", action="store_true", help="keep the features' word table across articles")
    args = parser.parse_args()
    if not PAGES.exists():
        raise SystemExit(f"broadcast pages not found at {PAGES.resolve()}")
    found = measure(args.rounds, args.warm)
    print(f"{found['pages']} pages, best of {args.rounds} rounds, {'warm' if args.warm else 'cold'} word table, CPU ms per article: pipeline {found['pipeline']:.1f}, "
          f"model features {found['features']:.1f}, model tagging with its features {found['tagging']:.1f} "
          f"({100 * found['tagging'] / found['pipeline']:.1f} % of the pipeline)")


if __name__ == "__main__":
    main()
