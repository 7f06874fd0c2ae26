"""Score the product's people and organisations on KLUE-NER news sentences, by k-fold cross-validation.

    python tests/entities/klue_score.py               # 5 folds: the model of fold k never sees fold k
    python tests/entities/klue_score.py --rules-only  # the rules alone (no model), for comparison
    python tests/entities/klue_score.py --folds 5     # the fold kept out of every choice, alone

Data: `../shared/data/klue-ner/news.jsonl` next to the repository (KLUE-NER v1.1, CC BY-SA 4.0), 1,267
sentences. The folds are a seeded shuffle of the sentence ids. For fold k a model is trained (as
`python -m extract.entities.train` does) on the other folds plus the same supplement (the review sentences
that name a person and tests/entities/sentences.tsv), and the whole
product (`extract_text(..., clean=False)`) runs on fold k's sentences. A person's mentions are scored as PS
spans and an organisation's mentions as OG spans. After the totals, each scored fold's lenient figures are printed on their own.

Lenient: a predicted span is right when it overlaps a gold span of its type, and a gold span is found when a
predicted span of its type overlaps it. Exact: the same offsets. KLUE's conventions are not the product's,
and the scorer handles the differences explicitly (extract/entities/conventions.py):

- a surname or letter before 씨/모 (박 in 박씨, 김 in 김모(33)씨, A in A씨) is KLUE's person; the product's is
  the pseudonym as written, so the gold span is extended to it (박씨, 김모(33)씨) before exact matching; the
  same for a letter or surname before 양/군 (A양, B(3)군, 신 군), in scoring only;
- countries (미국, 북한, 북, 한) and generic bodies (경찰, 검찰, 정부) that KLUE sometimes tags as organisations
  are left out: they are not counted as misses, and a prediction over them is neither right nor wrong;
- bands, fictional characters and toys that KLUE tags as people are scored as they are (they cannot be told
  apart from people by a rule); they show up as misses.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import regex

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from extract import extract_text  # noqa: E402

KLUE_NEWS = ROOT / ".." / "shared" / "data" / "klue-ner" / "news.jsonl"
FOLDS, SEED = 5, 20240603
TYPES = ("PS", "OG")
COUNTRIES = frozenset(["한국", "대한민국", "남한", "북한", "북", "남", "한", "미", "미국", "일본", "일", "중국", "중", "러시아", "러", "독일", "프랑스", "영국", "이탈리아", "스페인", "캐나다", "호주", "인도", "이란", "이라크", "시리아", "이스라엘", "터키", "튀르키예", "멕시코", "브라질", "아르헨티나", "우크라이나", "베트남", "태국", "필리핀", "인도네시아", "말레이시아", "싱가포르", "대만", "홍콩", "몽골", "우즈베키스탄", "카자흐스탄", "사우디", "사우디아라비아", "이집트", "리비아", "그리스", "네덜란드", "벨기에", "스위스", "스웨덴", "노르웨이", "핀란드", "덴마크", "폴란드", "오스트리아", "쿠바", "칠레", "페루", "콜롬비아", "베네수엘라", "나이지리아", "남아공", "파키스탄", "아프가니스탄", "예멘", "레바논", "요르단", "카타르", "쿠웨이트", "조선", "EU", "유럽"])


@dataclass
class Counts:
    predicted: int = 0
    predicted_right: int = 0
    gold: int = 0
    gold_found: int = 0

    @property
    def precision(self) -> float:
        return self.predicted_right / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.gold_found / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _conventions():
    try:
        from extract.entities import conventions
    except ImportError:  # the rules of a version without the model: the same lists, here
        return None
    return conventions


def gold_spans(row: dict) -> tuple[dict[str, list[tuple[int, int]]], list[tuple[int, int]]]:
    """The gold PS and OG spans in the product's conventions, and the spans left out of scoring."""
    conventions = _conventions()
    gold: dict[str, list[tuple[int, int]]] = {t: [] for t in TYPES}
    ignored: list[tuple[int, int]] = []
    for entity in row["entities"]:
        kind, start, end = entity["type"], entity["start"], entity["end"]
        if kind == "PS":
            pseudonym = conventions.klue_person_is_pseudonym(row["text"], start, end) if conventions else None
            gold["PS"].append((start, pseudonym or _as_written(row["text"], start, end)))
        elif kind == "OG":
            generic = conventions.og_is_convention(entity["text"]) if conventions else entity["text"] in COUNTRIES
            (ignored if generic else gold["OG"]).append((start, end))
    return gold, ignored


# Scoring only (training is unchanged): a letter or surname before 양/군 (A양, B(3)군, 신 군) is KLUE's person;
# the product's person is the pseudonym as written. (A name before 씨 needs nothing: KLUE's span and the
# product's person are both the name without 씨.)
_YOUNG = regex.compile(r"(?:\(\d{1,3}\))?\s?(?:양(?!궁|국|측)|군(?!대|사|인|당))")


def _as_written(text: str, start: int, end: int) -> int:
    """The end of KLUE's person span as the product writes the person (scoring convention, exact matching)."""
    match = _YOUNG.match(text, end) if end - start == 1 else None
    return match.end() if match else end


def predicted_spans(text: str) -> dict[str, list[tuple[int, int]]]:
    article = extract_text(text, clean=False, published_at="2024-06-03")
    return {"PS": [(m.start, m.end) for p in article.people for m in p.mentions],
            "OG": [(m.start, m.end) for o in article.organisations for m in o.mentions]}


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)


def score_sentence(row: dict, lenient: dict[str, Counts], exact: dict[str, Counts], misses: list[str]) -> None:
    gold, ignored = gold_spans(row)
    predicted = predicted_spans(row["text"])
    for kind in TYPES:
        preds = [p for p in predicted[kind] if not (kind == "OG" and _overlaps(p, ignored))]
        for counts, right in ((lenient[kind], lambda p, g: _overlaps(p, g)), (exact[kind], lambda p, g: p in g)):
            counts.predicted += len(preds)
            counts.predicted_right += sum(1 for p in preds if right(p, gold[kind]))
            counts.gold += len(gold[kind])
            counts.gold_found += sum(1 for g in gold[kind] if right(g, preds))
        for p in preds:
            if not _overlaps(p, gold[kind]):
                misses.append(f"{row['id']}\textra {kind} {row['text'][p[0]:p[1]]!r}")
        for g in gold[kind]:
            if not _overlaps(g, preds):
                misses.append(f"{row['id']}\tmissed {kind} {row['text'][g[0]:g[1]]!r}")


def folds(rows: list[dict]) -> list[list[dict]]:
    ids = sorted(row["id"] for row in rows)
    random.Random(SEED).shuffle(ids)
    fold_of = {sid: i % FOLDS for i, sid in enumerate(ids)}
    return [[row for row in rows if fold_of[row["id"]] == k] for k in range(FOLDS)]


def run(rules_only: bool = False, verbose: bool = False, keep: Path | None = None,
        only: set[int] | None = None, by_fold: dict[int, dict[str, Counts]] | None = None,
        ) -> tuple[dict[str, Counts], dict[str, Counts], list[str]]:
    """Lenient and exact counts over the scored folds, and the misses; `by_fold` (when given) receives each
    scored fold's lenient counts."""
    rows = [json.loads(line) for line in KLUE_NEWS.read_text(encoding="utf-8").splitlines()]
    lenient = {t: Counts() for t in TYPES}
    exact = {t: Counts() for t in TYPES}
    misses: list[str] = []
    if rules_only:
        _rules_only()
        for row in rows:
            score_sentence(row, lenient, exact, misses)
        return lenient, exact, misses
    from extract.entities import model, train

    own = train.supplement()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(keep or temporary)
        for k, held_out in enumerate(folds(rows)):
            if only is not None and k + 1 not in only:
                continue
            held = {row["id"] for row in held_out}
            training = [s for s in train.klue_news() if s.id not in held] + own
            path = folder / f"fold{k}.crfsuite"
            if not (keep and path.exists()):
                train.train(training, path)
            model.use(path)
            fold = {t: Counts() for t in TYPES}
            for row in held_out:
                score_sentence(row, fold, exact, misses)
            for kind, counts in fold.items():
                for name in ("predicted", "predicted_right", "gold", "gold_found"):
                    setattr(lenient[kind], name, getattr(lenient[kind], name) + getattr(counts, name))
            if by_fold is not None:
                by_fold[k + 1] = fold
            if verbose:
                print(f"fold {k + 1}: {len(held_out)} sentences scored, model trained on {len(training)}", file=sys.stderr)
        model.use(None)
    return lenient, exact, misses


def _rules_only() -> None:
    try:
        from extract.entities import candidates
    except ImportError:
        return
    candidates.find = lambda body, paragraphs, ruled, lex: candidates.Proposals([], [], [], [])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rules-only", action="store_true")
    parser.add_argument("--misses", action="store_true", help="print every miss")
    parser.add_argument("--keep", type=Path, help="keep the fold models in this folder and reuse them (the same "
                        "training data gives the same models)")
    parser.add_argument("--folds", help="score only these folds, numbered from 1 (1,2,3,4: the folds the choices "
                        "were made on; 5: the fold kept unseen)")
    args = parser.parse_args()
    if not KLUE_NEWS.exists():
        raise SystemExit(f"KLUE-NER news sentences not found at {KLUE_NEWS.resolve()}")
    only = {int(k) for k in args.folds.split(",")} if args.folds else None
    by_fold: dict[int, dict[str, Counts]] = {}
    lenient, exact, misses = run(args.rules_only, verbose=True, keep=args.keep, only=only, by_fold=by_fold)
    mode = "rules only" if args.rules_only else f"{FOLDS}-fold cross-validation (seed {SEED})"
    print("mode", mode + (f", folds {args.folds} scored" if only else ""))
    for name, table in (("lenient", lenient), ("exact", exact)):
        for kind in TYPES:
            c = table[kind]
            print(f"{name:8} {kind}: P {c.precision:.3f} R {c.recall:.3f} F1 {c.f1:.3f} "
                  f"(predicted {c.predicted}, gold {c.gold})")
    for k, fold in sorted(by_fold.items()):
        print(f"fold {k}, lenient: " + "; ".join(f"{kind} P {c.precision:.3f} R {c.recall:.3f} "
                                                   f"(predicted {c.predicted}, gold {c.gold})" for kind, c in fold.items()))
    if args.misses:
        print("\n".join(misses))


if __name__ == "__main__":
    main()
