"""Whether this checkout writes byte for byte the files another build of `extract` writes.

    python bench/same_output.py REFERENCE_EXTRACT [--out DIR] [--built N] [--jobs J]

Runs `extract` of this checkout and REFERENCE_EXTRACT (the `extract` command of another install, e.g. an older
commit's virtual environment) on the same inputs: the pages of seeds/, the real pages of
../shared/corpus/broadcast/ as HTML (html/) and as the outlet crawler's text (gt/), the KLUE news sentences
(../shared/data/klue-ner/news.jsonl) as one .jsonl file, with `--format json` and `--format jsonl`, and, with
--built N, N articles built by bench/corpus.py. Then compares the two output trees with `diff -r` and prints the
result per input set; exits 1 on any difference. The reference's outputs are kept in DIR/reference and reused by
later runs (delete the folder to rebuild them); DIR defaults to a new temporary folder.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT / ".." / "shared"


def _inputs(work: Path, built: int) -> dict[str, tuple[list[str], list[str]]]:
    """Input set name -> (paths, extra options)."""
    broadcast = SHARED / "corpus" / "broadcast"
    news = SHARED / "data" / "klue-ner" / "news.jsonl"
    sets: dict[str, tuple[list[str], list[str]]] = {"seeds": ([str(ROOT / "seeds")], [])}
    if broadcast.is_dir():
        sets["broadcast-html"] = ([str(broadcast / "html")], [])
        sets["broadcast-gt"] = ([str(broadcast / "gt")], [])
    else:
        print(f"{broadcast} is absent: the broadcast pages are left out")
    if news.is_file():
        sentences = work / "klue-news.jsonl"  # the input fields of each record (id, text), without the gold spans
        if not sentences.is_file():
            with news.open(encoding="utf-8") as source, sentences.open("w", encoding="utf-8") as target:
                for line in source:
                    record = json.loads(line)
                    target.write(json.dumps({"id": record["id"], "text": record["text"]}, ensure_ascii=False) + "\n")
        sets["klue-news-json"] = ([str(sentences)], ["--format", "json"])
        sets["klue-news-jsonl"] = ([str(sentences)], ["--format", "jsonl"])
    else:
        print(f"{news} is absent: the KLUE sentences are left out")
    if built:
        folder = work / f"built-{built}"
        if not folder.is_dir():
            subprocess.run([sys.executable, str(ROOT / "bench" / "corpus.py"), str(folder), "-n", str(built)],
                           check=True, capture_output=True)
        sets[f"built-{built}"] = ([str(folder)], [])
    return sets


def _run(extract: str, paths: list[str], options: list[str], out: Path, jobs: int) -> None:
    if out.exists():
        shutil.rmtree(out)
    done = subprocess.run([extract, *paths, "-q", "-o", str(out), "--jobs", str(jobs), *options],
                          capture_output=True, text=True)
    (out.parent / f"{out.name}.stderr").write_text(f"exit {done.returncode}\n{done.stderr}", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reference", help="the `extract` command to compare with")
    parser.add_argument("--out", type=Path, help="working folder (the reference's outputs are kept there)")
    parser.add_argument("--built", type=int, default=0, help="also N articles built by bench/corpus.py")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    mine = str(Path(sys.executable).parent / "extract")
    work = args.out or Path(tempfile.mkdtemp(prefix="extract-same-output-"))
    work.mkdir(parents=True, exist_ok=True)
    different = 0
    for name, (paths, options) in _inputs(work, args.built).items():
        reference, current = work / "reference" / name, work / "current" / name
        if not reference.exists():
            _run(args.reference, paths, options, reference, args.jobs)
        _run(mine, paths, options, current, args.jobs)
        files = sum(1 for p in reference.rglob("*") if p.is_file()) if reference.exists() else 0
        diff = subprocess.run(["diff", "-r", str(reference), str(current)], capture_output=True, text=True)
        errs = [(work / side / f"{name}.stderr").read_text(encoding="utf-8") for side in ("reference", "current")]
        same = diff.returncode == 0 and errs[0] == errs[1]
        different += not same
        print(f"{name}: {files} files, {'identical' if same else 'DIFFERENT'}")
        if not same:
            print(diff.stdout[:3000] or f"stderr differs:\n{errs[0][:1500]}\n---\n{errs[1][:1500]}")
    print(f"outputs in {work}")
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
