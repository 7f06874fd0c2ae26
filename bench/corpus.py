"""Build a benchmark corpus: N articles in .txt, .html and .jsonl, varied so that no two are the same.

    python bench/corpus.py [OUT] [--articles N] [--seed S]

The bases are the five pages of seeds/ and the real pages of
../shared/corpus/broadcast/ in three forms each: the HTML page itself, the
outlet crawler's text (gt/<id>.txt, under the page's title) and a text dump of
the HTML (one line per visible text node). Every article is one base with small
deterministic variations drawn from a seeded generator: numbers of three or
more digits changed (years kept), sentences shuffled or dropped within a
paragraph, a paragraph repeated. HTML pages are varied in their text nodes
only, never in tags, scripts or attributes. About one text article in three is
written as a line of a .jsonl file (50 records per file).

OUT defaults to a new temporary folder (never inside the repository); the folder
is printed on the last line. The same N and seed give the same files.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT / ".." / "shared" / "corpus" / "broadcast"
JSONL_RECORDS = 50

_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])|(?<![\d.,])\d{3,}(?![\d,])")
_SENTENCE_END = re.compile(r"(?<=[다요까죠][.?!])(?=\s*\S)|(?<=[.?!][”’\"'])(?=\s*\S)")
_TAG_OR_TEXT = re.compile(r"(<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->|<[^>]*>)", re.S | re.I)


@dataclass(frozen=True)
class Base:
    name: str
    kind: str  # text | html
    content: str


class _TextNodes(HTMLParser):
    """One line per visible text node of an HTML page (scripts and styles skipped)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "noscript", "template"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "noscript", "template") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text and not self._skip:
            self.lines.append(text)


def text_dump(html: str) -> str:
    parser = _TextNodes()
    parser.feed(html)
    parser.close()
    return "\n".join(parser.lines) + "\n"


def bases(shared: Path = SHARED) -> list[Base]:
    """The seeds, then each real page as HTML, as crawler text and as a text-node dump."""
    found = [Base(f"seed-{p.stem}", "text", p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    index = shared / "index.json"
    if not index.is_file():
        print(f"warning: {shared} not found: the corpus is built from the seeds only", file=sys.stderr)
        return found
    for entry in json.loads(index.read_text(encoding="utf-8")):
        html = (shared / entry["html"]).read_text(encoding="utf-8")
        found.append(Base(f"html-{entry['id']}", "html", html))
        gt = (shared / entry["expected_body"]).read_text(encoding="utf-8").strip()
        found.append(Base(f"gt-{entry['id']}", "text", f"{entry['title']}\n{entry['outlet']}\n\n{gt}\n"))
        found.append(Base(f"dump-{entry['id']}", "text", text_dump(html)))
    return found


def _numbers(text: str, rng: random.Random) -> str:
    def change(match: re.Match[str]) -> str:
        digits = match.group().replace(",", "")
        if len(digits) == 4 and digits[:2] in ("19", "20"):  # a year
            return match.group()
        if rng.random() < 0.5:
            return match.group()
        new = str(rng.randint(10 ** (len(digits) - 1), 10 ** len(digits) - 1))
        return f"{int(new):,}" if "," in match.group() else new

    return _NUMBER.sub(change, text)


def _sentences(line: str, rng: random.Random) -> str:
    parts = [p for p in _SENTENCE_END.split(line) if p]
    if len(parts) < 3:
        return line
    roll = rng.random()
    if roll < 0.25:
        head, tail = parts[0], parts[1:]
        rng.shuffle(tail)
        parts = [head, *tail]
    elif roll < 0.4:
        del parts[rng.randrange(1, len(parts))]
    return "".join(parts)


def vary_text(text: str, rng: random.Random, *, paragraphs: bool) -> str:
    lines = text.split("\n")
    lines = [_sentences(_numbers(line, rng), rng) if len(line) > 60 else _numbers(line, rng) for line in lines]
    if paragraphs and rng.random() < 0.7:  # a long single line becomes paragraphs
        lines = _reparagraph(lines, rng)
    long = [i for i, line in enumerate(lines) if len(line) > 60]
    if long and rng.random() < 0.3:
        i = rng.choice(long)
        lines.insert(min(len(lines), i + rng.randint(1, 4)), lines[i])
    return "\n".join(lines)


def _reparagraph(lines: list[str], rng: random.Random) -> list[str]:
    result: list[str] = []
    for line in lines:
        parts = [p for p in _SENTENCE_END.split(line) if p]
        if len(parts) < 6:
            result.append(line)
            continue
        while parts:
            size = rng.randint(2, 5)
            result.extend(["".join(parts[:size]).strip(), ""])
            parts = parts[size:]
    return result


def vary_html(html: str, rng: random.Random) -> str:
    pieces = _TAG_OR_TEXT.split(html)
    texts = [i for i, piece in enumerate(pieces) if i % 2 == 0 and len(piece.strip()) > 60]
    for i in texts:
        pieces[i] = _sentences(_numbers(pieces[i], rng), rng)
    if texts and rng.random() < 0.3:  # repeat a paragraph: its text node again, after a line break
        i = rng.choice(texts)
        pieces[i] = pieces[i] + "<br><br>" + pieces[i]
    return "".join(pieces)


def build(out: Path, articles: int, seed: int = 13, shared: Path = SHARED) -> dict[str, int]:
    """Write `articles` varied articles under `out`; return counts per form."""
    found = bases(shared)
    rng = random.Random(seed)
    counts = {"txt": 0, "html": 0, "jsonl": 0}
    records: list[str] = []
    chunk = 0

    def flush() -> None:
        nonlocal chunk, records
        if records:
            path = out / "jsonl" / f"batch-{chunk:04d}.jsonl"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("".join(records), encoding="utf-8")
            chunk += 1
            records = []

    for number in range(articles):
        base = found[number % len(found)]
        variant = number // len(found)
        local = random.Random(f"{seed}:{number}")
        name = f"{base.name}-v{variant:03d}"
        folder = out / base.name.split("-", 1)[0] / f"{variant // 10:03d}"
        if base.kind == "html":
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{name}.html").write_text(vary_html(base.content, local), encoding="utf-8")
            counts["html"] += 1
            continue
        text = vary_text(base.content, local, paragraphs=base.name.startswith("gt-") and variant % 2 == 1)
        if rng.random() < 1 / 3:
            records.append(json.dumps({"id": name, "text": text}, ensure_ascii=False) + "\n")
            counts["jsonl"] += 1
            if len(records) >= JSONL_RECORDS:
                flush()
        else:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{name}.txt").write_text(text, encoding="utf-8")
            counts["txt"] += 1
    flush()
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, help="output folder (default: a new temporary folder)")
    parser.add_argument("--articles", "-n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="extract-corpus-"))
    if out.resolve().is_relative_to(ROOT):
        sys.exit(f"{out}: the corpus holds copies of real pages and must not be written inside the repository")
    if out.exists() and any(out.iterdir()):
        sys.exit(f"{out}: the folder is not empty")
    out.mkdir(parents=True, exist_ok=True)
    counts = build(out, args.articles, args.seed)
    print(f"{sum(counts.values())} articles: {counts['txt']} .txt, {counts['html']} .html, "
          f"{counts['jsonl']} in .jsonl")
    print(out)


if __name__ == "__main__":
    main()
