"""Build the entity model from labelled sentences.

    python -m extract.entities.train                  # writes extract/entities/classes.tsv and entities.crfsuite
    python -m extract.entities.train --out model.crfsuite

Data: KLUE-NER v1.1 news sentences (`../shared/data/klue-ner/news.jsonl` next to the repository, CC BY-SA 4.0),
its movie-review sentences that name a person (`reviews.jsonl`) and the project's own labelled sentences
(`tests/entities/sentences.tsv`). Kiwi tokenizes each sentence; each
morpheme takes the BIO label of the gold span it starts in. KLUE's conventions are mapped to the product's
first (extract/entities/conventions.py): pseudonym surnames are left to the pseudonym rule, countries are
places and generic bodies (경찰, 정부) are not organisations. Training (L-BFGS) is deterministic: the same
data and parameters give the same model. The noun classes the features use (extract/entities/classes.py) are
built first, from Kiwi's own language model alone (no labels), with a fixed seed.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from extract import kiwi
from extract.entities import classes, conventions, features, inputs
from extract.entities.model import MODEL_PATH
from extract.segment import Token

ROOT = Path(__file__).resolve().parents[2]
KLUE_NEWS = ROOT / ".." / "shared" / "data" / "klue-ner" / "news.jsonl"
KLUE_REVIEWS = KLUE_NEWS.parent / "reviews.jsonl"
OWN_SENTENCES = ROOT / "tests" / "entities" / "sentences.tsv"
PARAMS = {"c1": 0.1, "c2": 0.1, "max_iterations": 150, "feature.possible_transitions": True,
          "feature.minfreq": 2}


@dataclass(frozen=True)
class Sentence:
    id: str
    text: str
    spans: tuple[tuple[int, int, str], ...]  # (start, end, PS|OG|LC), the product's conventions


def klue_news(path: Path = KLUE_NEWS) -> list[Sentence]:
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        spans = []
        for entity in row["entities"]:
            kind, start, end = entity["type"], entity["start"], entity["end"]
            if kind == "PS" and conventions.klue_person_is_pseudonym(row["text"], start, end):
                continue
            if kind == "OG" and conventions.og_is_convention(entity["text"]):
                if entity["text"] in conventions.COUNTRIES:
                    spans.append((start, end, "LC"))
                continue
            if kind in ("PS", "OG", "LC"):
                spans.append((start, end, kind))
        found.append(Sentence(row["id"], row["text"], tuple(spans)))
    return found


def own_sentences(path: Path = OWN_SENTENCES) -> list[Sentence]:
    """The project's labelled sentences: every occurrence of a labelled name becomes a span."""
    found = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        text, people, orgs = ([*raw.split("\t"), "", ""])[:3]
        names = [(p.partition("/")[0].strip(), "PS") for p in people.split(";") if p.strip()]
        names += [(n.strip(), "OG") for org in orgs.split(";") for n in org.split("|") if n.strip()]
        spans: list[tuple[int, int, str]] = []
        for name, kind in sorted(names, key=lambda item: -len(item[0])):
            start = text.find(name)
            while start >= 0:
                end = start + len(name)
                if not any(s < end and start < e for s, e, _ in spans):
                    spans.append((start, end, kind))
                start = text.find(name, end)
        found.append(Sentence(f"{path.name}:{number}", text, tuple(sorted(spans))))
    return found


def review_people(path: Path = KLUE_REVIEWS) -> list[Sentence]:
    """The KLUE-NER movie-review sentences that name a person (with all their PS, OG and LC spans): more
    people's names in more contexts; the rest of the reviews adds nothing for news."""
    if not path.exists():
        return []
    return [s for s in klue_news(path) if any(kind == "PS" for _, _, kind in s.spans)]


def supplement() -> list[Sentence]:
    """What every model is trained on besides KLUE's news sentences."""
    return own_sentences() + review_people()


def tokens_of(sentences: list[Sentence]) -> list[list[Token]]:
    token_lists = kiwi.tokenize([s.text for s in sentences])
    return [[Token(t.form, t.tag, t.start, t.start + t.len) for t in tokens] for tokens in token_lists]


def labels(tokens: list[Token], spans: Iterable[tuple[int, int, str]]) -> list[str]:
    found = ["O"] * len(tokens)
    for start, end, kind in spans:
        inside = [i for i, t in enumerate(tokens) if start <= t.start < end]
        for position, i in enumerate(inside):
            found[i] = ("B-" if position == 0 else "I-") + kind
    return found


def train(sentences: list[Sentence], out: Path) -> Path:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for sentence, tokens in zip(sentences, tokens_of(sentences), strict=True):
        if tokens:
            trainer.append(features.sequence(tokens), labels(tokens, sentence.spans))
    trainer.set_params(PARAMS)
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args()
    if not KLUE_NEWS.exists():
        raise SystemExit(f"KLUE-NER news sentences not found at {KLUE_NEWS.resolve()}")
    table = classes.write(classes.build(kiwi.get()))
    print(f"{table}: {len(classes.load())} nouns in {classes.CLASSES} classes, {table.stat().st_size} bytes")
    sentences = klue_news() + supplement()
    path = train(sentences, args.out)
    print(f"{path}: {len(sentences)} sentences, {path.stat().st_size} bytes")
    if args.out == MODEL_PATH:  # what the shipped model was built from (tests/test_entity_inputs.py checks it)
        print(inputs.write(inputs.digest(OWN_SENTENCES, [KLUE_NEWS, KLUE_REVIEWS])))


if __name__ == "__main__":
    main()
