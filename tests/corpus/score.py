"""Score the cleaner on the labelled corpus: boilerplate removal and metadata.

    python tests/corpus/score.py          # prints the figures per page and per format

For every page of labels.toml: line-level precision and recall of boilerplate
removal (a line is article text when it holds a paragraph of the hand-made
expected body, or lies inside it; everything else is boilerplate, titles
included), the character-level F1 of the extracted body against the expected
body (white space ignored), and whether each metadata field is right.
"""

from __future__ import annotations

import difflib
import statistics
import sys
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

import regex

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from extract import extract_path  # noqa: E402
from extract.clean import html as html_stage  # noqa: E402
from extract.clean.boilerplate import strip_bullet  # noqa: E402
from extract.decode import decode  # noqa: E402
from extract.errors import InputError  # noqa: E402

_SPACE = regex.compile(r"\s+")
META = ("title", "outlet", "published_at", "updated_at", "reporters")


def _norm(text: str) -> str:
    return _SPACE.sub("", text)


@dataclass
class PageScore:
    page: str
    format: str
    f1: float
    tp: int
    fp: int
    fn: int
    meta_errors: list[str]
    clean_ms: float


def _lines(path: Path) -> list[str]:
    text, _ = decode(path.read_bytes(), html=path.suffix == ".html")
    if path.suffix == ".html":
        return html_stage.read(text).lines
    return [line for line in text.split("\n") if line.strip()]


def _is_article(line: str, paragraphs: list[str], whole: str) -> bool:
    key = _norm(strip_bullet(line))
    return bool(key) and (key in whole or any(p and p in key for p in paragraphs))


def char_f1(expected: str, actual: str) -> float:
    a, b = _norm(expected), _norm(actual)
    if not a and not b:
        return 1.0
    matched = sum(block.size for block in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    precision = matched / len(b) if b else 0.0
    recall = matched / len(a) if a else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score_page(label: dict) -> PageScore:
    path = (HERE / label["page"]).resolve()
    expected = (HERE / (Path(label["page"]).stem + ".body.txt")).read_text(encoding="utf-8").strip()
    started = time.perf_counter()
    try:
        article = extract_path(path)
    except InputError as exc:
        return PageScore(label["page"], "html" if path.suffix == ".html" else "text", 0.0, 0, 0, 0,
                         [f"failed: {exc}"], 0.0)
    clean_ms = (time.perf_counter() - started) * 1000
    gold_paragraphs = [_norm(p) for p in expected.split("\n\n")]
    got_paragraphs = [_norm(p) for p in article.body.split("\n\n")]
    gold_whole, got_whole = _norm(expected), _norm(article.body)
    tp = fp = fn = 0
    for line in _lines(path):
        gold_drop = not _is_article(line, gold_paragraphs, gold_whole)
        got_drop = not _is_article(line, got_paragraphs, got_whole)
        tp += gold_drop and got_drop
        fp += got_drop and not gold_drop
        fn += gold_drop and not got_drop
    errors = []
    for field in META:
        want = label[field]
        got = [r.name for r in article.reporters] if field == "reporters" else getattr(article, field)
        if (want or None) != (got or None):
            errors.append(f"{field}: want {want!r}, got {got!r}")
    return PageScore(label["page"], "html" if path.suffix == ".html" else "text",
                     char_f1(expected, article.body), tp, fp, fn, errors, clean_ms)


def labels() -> list[dict]:
    with (HERE / "labels.toml").open("rb") as handle:
        return tomllib.load(handle)["page"]


def summary(scores: list[PageScore]) -> dict[str, dict[str, float]]:
    result = {}
    for fmt in ("text", "html"):
        group = [s for s in scores if s.format == fmt]
        tp, fp, fn = (sum(getattr(s, k) for s in group) for k in ("tp", "fp", "fn"))
        result[fmt] = {
            "pages": len(group),
            "precision": tp / (tp + fp) if tp + fp else 1.0,
            "recall": tp / (tp + fn) if tp + fn else 1.0,
            "body_f1_mean": statistics.fmean(s.f1 for s in group),
            "body_f1_min": min(s.f1 for s in group),
            "metadata_right": sum(not s.meta_errors for s in group) / len(group),
        }
    return result


def main() -> None:
    scores = [score_page(label) for label in labels()]
    for s in scores:
        flag = "" if s.f1 >= 0.98 and not s.meta_errors else "  <--"
        print(f"{s.page:45} {s.format:4} F1 {s.f1:.4f}  removed tp {s.tp:3} fp {s.fp:2} fn {s.fn:2}{flag}")
        for error in s.meta_errors:
            print(f"    {error}")
    for fmt, figures in summary(scores).items():
        print(f"{fmt}: {figures['pages']} pages, boilerplate removal precision {figures['precision']:.3f} "
              f"recall {figures['recall']:.3f}; body F1 mean {figures['body_f1_mean']:.4f} "
              f"min {figures['body_f1_min']:.4f}; metadata right on {figures['metadata_right']:.0%} of pages")


if __name__ == "__main__":
    main()
