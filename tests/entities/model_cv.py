"""The entity model alone (its spans, before any rule or filter), by cross-validation on KLUE-NER news sentences.

    python tests/entities/model_cv.py                      # folds 1-4 held out in turn (where choices are made)
    python tests/entities/model_cv.py --c1 0.1 --c2 0.01   # other regularisation
    python tests/entities/model_cv.py --scheme BILOU       # other labels

The folds are klue_score.py's (a seeded shuffle of the sentence ids). For each held-out fold a model is trained
on the other four folds and the supplement (the review sentences that name a person and
tests/entities/sentences.tsv), with the features of extract/entities/features.py, and its PS and OG spans on
the held-out sentences are compared with the gold spans in the product's conventions (as the training script
reads them: pseudonym surnames left out, countries as places, generic bodies as nothing). Lenient: overlap.
A quick way to compare features and parameters; the product's own figures come from klue_score.py.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import klue_score  # noqa: E402

from extract.entities import features, train  # noqa: E402


def bilou(labels: list[str]) -> list[str]:
    found = list(labels)
    for i, label in enumerate(labels):
        following = labels[i + 1] if i + 1 < len(labels) else "O"
        goes_on = following.startswith("I-") and following[2:] == label[2:]
        if label.startswith("B-") and not goes_on:
            found[i] = "U-" + label[2:]
        elif label.startswith("I-") and not goes_on:
            found[i] = "L-" + label[2:]
    return found


def spans(labels: list[str]) -> list[tuple[int, int, str]]:
    """(first, last, type) of each span, BIO or BILOU."""
    found, begin = [], None
    for i, label in enumerate([*labels, "O"]):
        if begin is not None and not (label[:2] in ("I-", "L-") and label[2:] == labels[begin][2:]):
            found.append((begin, i - 1, labels[begin][2:]))
            begin = None
        if begin is None and label != "O":
            begin = i
            if label[:2] in ("U-", "L-"):
                found.append((i, i, label[2:]))
                begin = None
    return found


def run(folds: list[int], params: dict, scheme: str) -> dict[str, list[int]]:
    import pycrfsuite

    news, own = train.klue_news(), train.supplement()
    news_tokens, own_tokens = train.tokens_of(news), train.tokens_of(own)
    rows = [json.loads(line) for line in klue_score.KLUE_NEWS.read_text(encoding="utf-8").splitlines()]
    held_out = klue_score.folds(rows)
    counts = {kind: [0, 0, 0, 0] for kind in ("PS", "OG")}  # predicted, right, gold, found
    with tempfile.TemporaryDirectory() as folder:
        for k in folds:
            held = {row["id"] for row in held_out[k - 1]}
            trainer = pycrfsuite.Trainer(verbose=False)
            for sentence, tokens in [*zip(news, news_tokens, strict=True), *zip(own, own_tokens, strict=True)]:
                if sentence.id not in held and tokens:
                    labels = train.labels(tokens, sentence.spans)
                    trainer.append(features.sequence(tokens), bilou(labels) if scheme == "BILOU" else labels)
            trainer.set_params({**train.PARAMS, **params})
            path = str(Path(folder) / f"fold{k}.crfsuite")
            trainer.train(path)
            tagger = pycrfsuite.Tagger()
            tagger.open(path)
            for sentence, tokens in zip(news, news_tokens, strict=True):
                if sentence.id not in held or not tokens:
                    continue
                found = [(tokens[a].start, tokens[b].end, kind) for a, b, kind in spans(tagger.tag(features.sequence(tokens)))]
                for kind, c in counts.items():
                    predicted = [(s, e) for s, e, t in found if t == kind]
                    gold = [(s, e) for s, e, t in sentence.spans if t == kind]
                    c[0] += len(predicted)
                    c[1] += sum(klue_score._overlaps(p, gold) for p in predicted)
                    c[2] += len(gold)
                    c[3] += sum(klue_score._overlaps(g, predicted) for g in gold)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", default="1,2,3,4")
    parser.add_argument("--c1", type=float)
    parser.add_argument("--c2", type=float)
    parser.add_argument("--scheme", choices=("BIO", "BILOU"), default="BIO")
    args = parser.parse_args()
    if not klue_score.KLUE_NEWS.exists():
        raise SystemExit(f"KLUE-NER news sentences not found at {klue_score.KLUE_NEWS.resolve()}")
    params = {name: value for name, value in (("c1", args.c1), ("c2", args.c2)) if value is not None}
    counts = run([int(k) for k in args.folds.split(",")], params, args.scheme)
    for kind, (predicted, right, gold, found) in counts.items():
        p, r = right / max(predicted, 1), found / max(gold, 1)
        print(f"model alone, folds {args.folds} held out, lenient {kind}: P {p:.3f} R {r:.3f} "
              f"F1 {2 * p * r / (p + r) if p + r else 0:.3f} (predicted {predicted}, gold {gold})")


if __name__ == "__main__":
    main()
