"""Body extraction and metadata scored on real pages of seven broadcasters (../shared/corpus/broadcast).

    python tests/realpages/score.py            # per page and per style, the summaries, the metadata misses
    python tests/realpages/score.py --quiet    # summaries only
    python tests/realpages/score.py --spacing  # words of the dumps' bodies against the innerText body

Expected body: the outlet crawler's text (`gt/<id>.txt`) with the reviewed corrections of
`corrections.toml` applied. Styles: the HTML page; four text dumps made from it on the fly (`nodes`: one
line per text node of the markup; `innertext`: `document.body.innerText` in headless Chromium, cached in
`.cache/realpages/`; `lynx`: `lynx -dump -nolist`; `w3m`: `w3m -dump`; a style whose tool is missing is
skipped with the reason); `crawler`: the outlet crawler's own text (`gt/<id>.txt` as it is: often the whole
article on one line, with the player notice before it and credits, tip lines and hashtags glued after it); and
the five seeds (reader-mode copies, against `tests/corpus/<seed>.body.txt`).
Part `corpus`: the composed corpus's HTML pages (tests/corpus/*.html) dumped by lynx and w3m.

Metadata, against the labels of corrections.toml: the title, the outlet (any of its names), the reporters (the
same names), the publication time (to the minute, as the page's JSON-LD or meta tags state it).

Time: the clean stage alone (for HTML: parse, metadata, container choice and line cleaning), the fastest of
three rounds per page in CPU time of this process (the machine's other load does not count); the median over
pages is printed.

Unit: character bigrams of the text with all white space removed (a multiset: paragraph breaks and spacing
do not count). Precision = shared bigrams / extracted bigrams, recall = shared / expected.
Parts: outlets listed under `tune` in corrections.toml were looked at while writing the cleaner; the others
are held out (README "Cleaning, measured" says which styles of them have since been read). trafilatura (when
installed) runs on the same input: the HTML as is, a text dump as HTML with one <p> per line.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import time
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import dumps  # noqa: E402

from extract.clean import page as clean_page  # noqa: E402

DATA = ROOT / ".." / "shared" / "corpus" / "broadcast"
CACHE = ROOT / ".cache" / "realpages"
STYLES = ("html", "innertext", "nodes", "lynx", "w3m", "crawler", "seeds")
ROUNDS = 3


@dataclass
class Result:
    page: str
    outlet: str
    part: str
    style: str
    precision: float
    recall: float
    f1: float
    ms: float
    trafilatura: float | None = None
    meta: dict[str, bool] = field(default_factory=dict)
    found: dict[str, object] = field(default_factory=dict)
    has_body: bool = True


def _squash(text: str | None) -> str:
    return "".join(unescape(text or "").split())


def bigrams(text: str) -> Counter[str]:
    flat = "".join(text.split())
    return Counter(flat[i:i + 2] for i in range(len(flat) - 1))


def prf(expected: str, actual: str) -> tuple[float, float, float]:
    want, got = bigrams(expected), bigrams(actual)
    shared = sum((want & got).values())
    precision = shared / sum(got.values()) if got else 0.0
    recall = shared / sum(want.values()) if want else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _minute(moment: str | None) -> str | None:
    return moment[:16] if moment else None


def _published(html: str) -> str | None:
    """The publication time the page's markup states (JSON-LD, meta tags): the label for the text dumps."""
    from extract.clean import html as html_stage

    return html_stage.read(html).published_at


def available() -> bool:
    return (DATA / "index.json").exists()


def corrections() -> dict:
    with (HERE / "corrections.toml").open("rb") as handle:
        return tomllib.load(handle)


def expected_body(page_id: str, fixes: dict) -> str:
    """The crawler's text with the reviewed corrections applied (each removal must be found)."""
    text = (DATA / "gt" / f"{page_id}.txt").read_text(encoding="utf-8")
    for fix in fixes.get(page_id, []):
        if "remove" in fix:
            if fix["remove"] not in text:
                raise ValueError(f"{page_id}: correction not found: {fix['remove']!r}")
            text = text.replace(fix["remove"], "\n")
        if "add" in fix:
            text = text + "\n" + fix["add"]
    return text


def pages() -> list[dict]:
    data = corrections()
    fixes: dict[str, list[dict]] = {}
    for fix in data.get("fix", []):
        fixes.setdefault(fix["page"], []).append(fix)
    tune = set(data["tune"])
    titles = {fix["page"]: fix["title"] for fix in data.get("title", [])}
    entries = json.loads((DATA / "index.json").read_text(encoding="utf-8"))
    return [{**e, "part": "tune" if e["outlet"] in tune else "held-out", "expected": expected_body(e["id"], fixes),
             "title_expected": titles.get(e["id"], e["title"]),
             "outlet_names": data["outlets"][e["outlet"]], "reporters_expected": data["reporters"][e["id"]],
             "published_expected": _published((DATA / e["html"]).read_text(encoding="utf-8")),
             "html_text": (DATA / e["html"]).read_text(encoding="utf-8")} for e in entries]


def _trafilatura(html: str) -> float | None:
    try:
        import trafilatura
    except ImportError:
        return None
    return trafilatura  # type: ignore[return-value]


def _lines_html(text: str) -> str:
    from html import escape

    return "<html><body>" + "".join(f"<p>{escape(line)}</p>" for line in text.split("\n") if line.strip()) + \
        "</body></html>"


def score_style(entry: dict, style: str, text: str, with_trafilatura: bool = True) -> Result:
    timings = []
    for _ in range(ROUNDS):  # the fastest of a few rounds: the machine's other load is not the cleaner's cost
        started = time.process_time()
        done = clean_page(text, html=style == "html")
        body = done.body
        timings.append((time.process_time() - started) * 1000)
    ms = min(timings)
    p, r, f = prf(entry["expected"], body)
    result = Result(entry["id"], entry["outlet"], entry["part"], style, p, r, f, ms, has_body=bool(body.strip()))
    if "title" in entry:
        meta = done.meta
        want = entry["title_expected"]
        result.meta = {"title": _squash(done.cleaned.title) == _squash(want),
                       "outlet": meta.outlet in entry["outlet_names"],
                       "reporters": sorted(name for name, _ in meta.reporters) == sorted(entry["reporters_expected"]),
                       "published": _minute(meta.published_at) == _minute(entry["published_expected"])}
        result.found = {"title": done.cleaned.title, "outlet": meta.outlet, "reporters": [n for n, _ in meta.reporters],
                        "published": meta.published_at}
    module = _trafilatura(text) if with_trafilatura else None
    if module is not None:
        source = text if style == "html" else _lines_html(text)
        found = module.extract(source, include_comments=False, favor_precision=False) or ""
        result.trafilatura = prf(entry["expected"], found)[2]
    return result


def dump(entry: dict, style: str) -> str | None:
    if style == "nodes":
        return dumps.nodes(entry["html_text"])
    if style == "innertext":
        return dumps.innertext(entry["html_text"], CACHE)
    if style == "lynx":
        return dumps.lynx(entry["html_text"])
    if style == "w3m":
        return dumps.w3m(entry["html_text"])
    if style == "crawler":
        return (DATA / "gt" / f"{entry['id']}.txt").read_text(encoding="utf-8")
    return entry["html_text"]


def skipped(styles: tuple[str, ...]) -> dict[str, str]:
    """The styles that cannot be made here, with the reason."""
    out = {}
    if "lynx" in styles and dumps.lynx_binary() is None:
        out["lynx"] = "lynx is not installed (Debian: apt-get install lynx)"
    if "w3m" in styles and shutil.which("w3m") is None:
        out["w3m"] = "w3m is not installed (Debian: apt-get install w3m)"
    if "innertext" in styles and dumps.chromium() is None and not any(CACHE.glob("*.innertext.txt")):
        out["innertext"] = "chromium is not installed and no cached dumps (Debian: apt-get install chromium)"
    return out


def seed_results(with_trafilatura: bool = True) -> list[Result]:
    results = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        entry = {"id": path.stem, "outlet": "seeds", "part": "seeds",
                 "expected": (ROOT / "tests" / "corpus" / f"{path.stem}.body.txt").read_text(encoding="utf-8")}
        results.append(score_style(entry, "seeds", path.read_text(encoding="utf-8"), with_trafilatura))
    return results


def corpus_results(styles: tuple[str, ...], with_trafilatura: bool = True) -> list[Result]:
    """The composed corpus's HTML pages (tests/corpus/*.html: layouts of other outlets) as text
    browsers dump them, against their hand-made expected bodies (part `corpus`; no page needs ../shared)."""
    from extract.decode import decode

    results = []
    for path in sorted((ROOT / "tests" / "corpus").glob("*.html")):
        html, _ = decode(path.read_bytes(), html=True)
        entry = {"id": path.stem, "outlet": "corpus", "part": "corpus", "html_text": html,
                 "expected": path.with_name(f"{path.stem}.body.txt").read_text(encoding="utf-8")}
        for style in ("lynx", "w3m"):
            if style in styles and (text := dump(entry, style)) is not None:
                results.append(score_style(entry, style, text, with_trafilatura))
    return results


def run(styles: tuple[str, ...] = STYLES, with_trafilatura: bool = True) -> list[Result]:
    results: list[Result] = []
    for entry in pages() if available() else []:
        for style in styles:
            if style == "seeds":
                continue
            text = dump(entry, style)
            if text is not None:
                results.append(score_style(entry, style, text, with_trafilatura))
    if "seeds" in styles:
        results += seed_results(with_trafilatura)
    results += corpus_results(styles, with_trafilatura)
    return results


def summary(results: list[Result]) -> list[tuple[str, str, dict[str, float]]]:
    rows = []
    for style in STYLES:
        for part in ("tune", "held-out", "all", "seeds", "corpus"):
            group = [r for r in results if r.style == style and (
                r.part == part or (part == "all" and r.part in ("tune", "held-out")))]
            if not group:
                continue
            figures = {
                "pages": len(group), "bodies": sum(r.has_body for r in group),
                "median": statistics.median(r.f1 for r in group),
                "mean": statistics.fmean(r.f1 for r in group), "min": min(r.f1 for r in group),
                "precision": statistics.fmean(r.precision for r in group),
                "recall": statistics.fmean(r.recall for r in group),
                "ms_median": statistics.median(r.ms for r in group),
            }
            trafs = [r.trafilatura for r in group if r.trafilatura is not None]
            if trafs:
                figures |= {"traf_median": statistics.median(trafs), "traf_mean": statistics.fmean(trafs),
                            "traf_min": min(trafs)}
            rows.append((style, part, figures))
    return rows


def metadata_summary(results: list[Result]) -> list[tuple[str, str, dict[str, int]]]:
    rows = []
    for style in STYLES:
        for part in ("tune", "held-out"):
            group = [r for r in results if r.style == style and r.part == part and r.meta]
            if group:
                rows.append((style, part, {"pages": len(group), **{k: sum(r.meta[k] for r in group)
                                                                   for k in ("title", "outlet", "reporters", "published")}}))
    return rows


def spacing(styles: tuple[str, ...] = ("nodes", "lynx", "w3m")) -> dict[str, tuple[float, float]]:
    """Word-level agreement of each dump style's body with the innerText body of the same page (words split at
    white space): unwrapping guesses whether a wrap point was a space, and F1 on bigrams does not see spacing."""
    from collections import Counter as Words

    totals: Counter[tuple[str, str]] = Counter()
    for entry in pages() if available() else []:
        reference_text = dump(entry, "innertext")
        if reference_text is None:
            return {}
        reference = Words(clean_page(reference_text).body.split())
        for style in styles:
            text = dump(entry, style)
            if text is None:
                continue
            got = Words(clean_page(text).body.split())
            totals[style, "shared"] += sum((reference & got).values())
            totals[style, "got"] += sum(got.values())
            totals[style, "reference"] += sum(reference.values())
    return {style: (totals[style, "shared"] / totals[style, "got"], totals[style, "shared"] / totals[style, "reference"])
            for style in styles if totals[style, "got"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quiet", action="store_true", help="summaries only")
    parser.add_argument("--no-trafilatura", action="store_true")
    parser.add_argument("--style", action="append", choices=STYLES, help="only these styles")
    parser.add_argument("--spacing", action="store_true",
                        help="only the word-level agreement of the dumps' bodies with the innerText body")
    args = parser.parse_args()
    if args.spacing:
        for style, (precision, recall) in spacing().items():
            print(f"{style:9} words agreeing with the innerText body: precision {precision:.3f}, recall {recall:.3f}")
        return
    if not available():
        print(f"no data at {DATA.resolve()}; only the seeds are scored", file=sys.stderr)
    for style, reason in skipped(tuple(args.style or STYLES)).items():
        print(f"style {style} skipped: {reason}", file=sys.stderr)
    results = run(tuple(args.style or STYLES), not args.no_trafilatura)
    if not args.quiet:
        print(f"{'page':38} {'part':8} {'style':9}   P      R      F1    traf   ms")
        for r in results:
            traf = f"{r.trafilatura:.3f}" if r.trafilatura is not None else "  -  "
            flag = "  <--" if r.f1 < 0.9 else ""
            print(f"{r.page[:38]:38} {r.part:8} {r.style:9} {r.precision:.3f}  {r.recall:.3f}  {r.f1:.3f}  {traf} "
                  f"{r.ms:5.1f}{flag}")
    print("\nbody F1 on character bigrams (white space ignored); trafilatura on the same input")
    print(f"{'style':9} {'part':8} pages bodies median  mean    min    P      R     | traf median mean   min  | ms median")
    for style, part, f in summary(results):
        traf = (f"| {f['traf_median']:.3f}  {f['traf_mean']:.3f}  {f['traf_min']:.3f}" if "traf_median" in f
                else "|   -      -      -   ")
        print(f"{style:9} {part:8} {f['pages']:5} {f['bodies']:6}  {f['median']:.3f}  {f['mean']:.3f}  {f['min']:.3f}  "
              f"{f['precision']:.3f}  {f['recall']:.3f} {traf} | {f['ms_median']:.1f}")


    print("\nmetadata, pages right: the title (index.json, corrected in corrections.toml), the outlet (one of its names")
    print("in corrections.toml), the reporters (the same names as labelled), the publication time (to the minute, as")
    print("the page's markup states it: JSON-LD or meta tags; for the HTML style this only checks that it is read)")
    for style, part, f in metadata_summary(results):
        print(f"{style:9} {part:8} {f['pages']:3} pages: title {f['title']:3}, outlet {f['outlet']:3}, "
              f"reporters {f['reporters']:3}, published {f['published']:3}")
    if not args.quiet:
        print("\nmetadata misses (page, style: what was found)")
        for r in results:
            for key in ("title", "outlet", "reporters", "published"):
                if r.meta and not r.meta[key]:
                    print(f"  {r.page[:38]:38} {r.style:9} {key:9} {r.found[key]!r}")

if __name__ == "__main__":
    main()
