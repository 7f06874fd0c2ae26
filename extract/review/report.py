"""A static HTML review report: an index page and one page per article.

Each article page shows the body with every record highlighted by type
(organisation, person, amount, date) and its value written after it (grouped
digits, unit, counter, modifiers; an unresolved date is dashed and says so);
the removed text struck through, with its reason, where it stood in the page
(`extract.review.placement`); and a table of the records with every field. With
golden files, records added, changed or moved against them are marked and
the records the golden file has but this extraction lacks are listed, with a
count per article on the index. Failed inputs are listed on the index with
their reason. Pages are self-contained: inline CSS, no scripts, no network.
Highlights are <mark> elements carrying data-type, data-start and data-end
(and data-golden), so a test or a reviewer's tool can check them.
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import Any

from extract.load import OUTPUT_MARKER
from extract.write import atomic_write
from schemas import Article

from . import golden as golden_diff
from .placement import Place, place

TYPES = ("organisation", "person", "amount", "date")
INDEX = "index.html"
CSS = """
body{font:15px/1.7 system-ui,'Noto Sans KR','Malgun Gothic',sans-serif;margin:2rem auto;max-width:62rem;padding:0 1rem;color:#222}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #ddd}
.meta{color:#555;font-size:.9rem}.body p{margin:.6rem 0}
mark{border-radius:3px;padding:0 1px}
mark.organisation{background:#cfe3ff}mark.person{background:#ffd9b3}mark.amount{background:#c9f2c9}mark.date{background:#f3d4f7}
mark[data-label]::after{content:" " attr(data-label);font-size:.72em;color:#335;background:#fff8;border-radius:2px;padding:0 2px;margin-left:1px}
mark.unresolved{background:#eee;outline:1px dashed #a33}mark.unresolved::after{color:#a33}
mark[data-golden=added]{outline:2px solid #1a7f37}mark[data-golden=changed]{outline:2px solid #d97706}
mark[data-golden=moved]{outline:2px dotted #2563eb}
.legend span{margin-right:1rem;padding:0 .3rem;border-radius:3px}
.legend .organisation{background:#cfe3ff}.legend .person{background:#ffd9b3}.legend .amount{background:#c9f2c9}.legend .date{background:#f3d4f7}
.legend .unresolved{background:#eee;outline:1px dashed #a33}
.cut{color:#a33;text-decoration:line-through}.cutline{color:#777;font-size:.85rem;margin:.2rem 0}
.reason{font-size:.75rem;background:#eee;color:#555;border-radius:3px;padding:0 .3rem;margin:0 .3rem;text-decoration:none;display:inline-block}
table{border-collapse:collapse;width:100%;font-size:.85rem}td,th{border:1px solid #ddd;padding:.2rem .4rem;text-align:left;vertical-align:top}
th{background:#f5f5f5}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.warn{color:#a60}
tr.added td:first-child{border-left:4px solid #1a7f37}tr.changed td:first-child{border-left:4px solid #d97706}
tr.moved td:first-child{border-left:4px solid #2563eb}tr.gone{color:#a33}.failed td{color:#a33}
.golden{font-weight:bold}.gone{outline:2px dashed #b91c1c;border-radius:3px}
"""


def grouped(value: Any) -> str:
    """An exact number with grouped digits (365,900,000,000; 3.93), or '' for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, Decimal):
        return f"{value:,f}"
    return str(value)


def amount_label(a: Any) -> str:
    value = f"{grouped(a.low)}~{grouped(a.high)}" if a.high is not None else grouped(a.value)
    parts = [("약 " if a.approximate else "") + value, a.unit]
    if a.counter:
        parts.append(f"({a.counter})")
    if a.bound:
        parts.append(a.bound)
    return " ".join(p for p in parts if p)


def date_label(d: Any) -> str:
    return f"{d.value} ({d.granularity})" if d.value is not None else f"unresolved ({d.granularity})"


@dataclass(frozen=True)
class Span:
    type: str
    start: int
    end: int
    tip: str
    label: str = ""
    unresolved: bool = False
    golden: str = ""  # added | changed | moved, against a golden file


def spans(article: Article, marks: dict[tuple[str, int, int], str] | None = None) -> list[Span]:
    """Every record's span in the body, with its tooltip, label and golden mark."""
    marks = marks or {}
    found = [Span("amount", a.start, a.end, f"amount: {amount_label(a)} · rule {a.rule}", amount_label(a),
                  golden=marks.get(("amount", a.start, a.end), "")) for a in article.amounts]
    found += [Span("date", d.start, d.end, f"date: {date_label(d)} · rule {d.rule}", date_label(d),
                   unresolved=d.value is None, golden=marks.get(("date", d.start, d.end), "")) for d in article.dates]
    for person in article.people:
        tip = f"person: {person.name}" + (f", {person.title}" if person.title else "") + (
            f", {person.organisation}" if person.organisation else "")
        found += [Span("person", m.start, m.end, tip, golden=marks.get(("person", m.start, m.end), ""))
                  for m in person.mentions]
    for org in article.organisations:
        tip = f"organisation: {org.name} ({org.kind})" + (f", also {', '.join(org.aliases)}" if org.aliases else "")
        found += [Span("organisation", m.start, m.end, tip, golden=marks.get(("organisation", m.start, m.end), ""))
                  for m in org.mentions]
    return sorted(found, key=lambda s: (s.start, -s.end))


def _open(span: Span) -> str:
    classes = span.type + (" unresolved" if span.unresolved else "")
    extra = f' data-label="{html.escape(span.label)}"' if span.label else ""
    extra += f' data-golden="{span.golden}"' if span.golden else ""
    return (f'<mark class="{classes}" data-type="{span.type}" data-start="{span.start}" data-end="{span.end}"'
            f'{extra} title="{html.escape(span.tip)}">')


def highlight(text: str, offset: int, items: list[Span]) -> str:
    """The text with nested <mark>s for the spans inside [offset, offset+len(text)); crossing spans are skipped."""
    out: list[str] = []
    stack: list[Span] = []
    position = offset
    for span in items:
        while stack and stack[-1].end <= span.start:
            out.append(html.escape(text[position - offset:stack[-1].end - offset]) + "</mark>")
            position = stack.pop().end
        if stack and span.end > stack[-1].end:
            continue  # crosses the open span: cannot be nested
        out.append(html.escape(text[position - offset:span.start - offset]))
        out.append(_open(span))
        position = span.start
        stack.append(span)
    while stack:
        out.append(html.escape(text[position - offset:stack[-1].end - offset]) + "</mark>")
        position = stack.pop().end
    out.append(html.escape(text[position - offset:]))
    return "".join(out)


def _ghosted(text: str, ghosts: dict[str, list[tuple[int, int, str]]] | None) -> str:
    """Removed text, with the records the golden file found in it marked (they are gone from this extraction)."""
    if not ghosts:
        return html.escape(text)
    found: list[tuple[int, int, str]] = []
    for paragraph, items in ghosts.items():
        base = text.find(paragraph)
        if base >= 0 and paragraph:
            found += [(base + start, base + end, kind) for start, end, kind in items]
    out, position = [], 0
    for start, end, kind in sorted(found):
        if start < position or end > len(text):
            continue  # overlaps the previous one: shown once
        out.append(html.escape(text[position:start]))
        out.append(f'<span class="gone {kind}" data-golden="removed" data-type="{kind}">'
                   f"{html.escape(text[start:end])}</span>")
        position = end
    out.append(html.escape(text[position:]))
    return "".join(out)


def _cut(text: str, reason: str, *, inline: bool, ghosts: dict[str, list[tuple[int, int, str]]] | None = None) -> str:
    inner = f'<del class="cut">{_ghosted(text, ghosts)}</del><span class="reason">{html.escape(reason)}</span>'
    return inner if inline else f'<p class="cutline">{inner}</p>'


def _outside(offset: int, items: list[Span]) -> int:
    """Move an insertion point out of every span that contains it (to that span's end)."""
    moved = True
    while moved:
        moved = False
        for span in items:
            if span.start < offset < span.end:
                offset, moved = span.end, True
    return offset


def body_html(article: Article, items: list[Span], places: list[Place],
              ghosts: dict[str, list[tuple[int, int, str]]] | None = None) -> str:
    """Paragraphs with highlights, and the removed text struck through where it stood."""
    removed = article.removed
    before: dict[int, list[str]] = {}  # paragraph number -> cut lines shown before it
    inline: dict[int, list[tuple[int, str]]] = {}
    paragraphs = article.body.split("\n\n")
    starts, position = [], 0
    for part in paragraphs:
        starts.append(position)
        position += len(part) + 2
    for where in places:
        if where.offset is None:
            continue
        item = removed[where.index]
        number = max((n for n, s in enumerate(starts) if s <= where.offset), default=0)
        if where.inline and starts[number] < where.offset:
            at = _outside(where.offset, items)
            inline.setdefault(number, []).append((at, _cut(item.text, item.reason, inline=True, ghosts=ghosts)))
        elif where.offset >= len(article.body) and article.body:
            before.setdefault(len(paragraphs), []).append(_cut(item.text, item.reason, inline=False, ghosts=ghosts))
        else:
            before.setdefault(number if where.offset <= starts[number] else number + 1, []).append(
                _cut(item.text, item.reason, inline=False, ghosts=ghosts))
    out: list[str] = []
    for number, part in enumerate(paragraphs):
        out += before.get(number, [])
        start = starts[number]
        inside = [s for s in items if start <= s.start and s.end <= start + len(part)]
        pieces, cursor = [], start
        for at, cut in sorted(inline.get(number, []), key=lambda x: x[0]):
            at = min(at, start + len(part))
            pieces.append(highlight(article.body[cursor:at], cursor, [s for s in inside if cursor <= s.start and s.end <= at]))
            pieces.append(cut)
            cursor = at
        pieces.append(highlight(article.body[cursor:start + len(part)], cursor,
                                [s for s in inside if cursor <= s.start]))
        out.append(f"<p>{''.join(pieces)}</p>")
    out += before.get(len(paragraphs), [])
    lost = [removed[w.index] for w in places if w.offset is None]
    if lost:
        out.append("<p class=\"meta\">Removed text not found on the page (shown here):</p>")
        out += [_cut(r.text, r.reason, inline=False, ghosts=ghosts) for r in lost]
    return "".join(out)


def _page(title: str, content: str) -> str:
    return (f'<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{CSS}</style></head><body>{content}</body></html>\n")


def _cell(value: Any, *, num: bool = False) -> str:
    text = grouped(value) if num else ("" if value is None or value is False else str(value))
    return f'<td class="num">{html.escape(text)}</td>' if num else f"<td>{html.escape(text)}</td>"


def _records_table(article: Article, marks: dict[tuple[str, int, int], str]) -> str:
    def row(kind: str, start: int, end: int, cells: str) -> str:
        mark = marks.get((kind, start, end), "")
        return f'<tr class="{mark}">' + cells + "</tr>" if mark else "<tr>" + cells + "</tr>"

    amounts = "".join(row("amount", a.start, a.end, _cell(a.text) + _cell(a.value, num=True) + _cell(a.unit)
                          + _cell(a.counter) + _cell("approximate" if a.approximate else "") + _cell(a.bound)
                          + _cell(f"{grouped(a.low)}~{grouped(a.high)}" if a.high is not None else "")
                          + _cell(f"{a.start}–{a.end}") + _cell(a.rule)) for a in article.amounts)
    dates = "".join(row("date", d.start, d.end, _cell(d.text)
                        + (f"<td>{html.escape(d.value)}</td>" if d.value is not None
                           else '<td class="warn"><i>unresolved</i></td>')
                        + _cell(d.granularity) + _cell(f"{d.start}–{d.end}") + _cell(d.rule)) for d in article.dates)
    people = "".join(row("person", p.mentions[0].start if p.mentions else -1, p.mentions[0].end if p.mentions else -1,
                         _cell(p.name) + _cell(p.title) + _cell(p.organisation)
                         + _cell(", ".join(f"{m.start}–{m.end}" for m in p.mentions))) for p in article.people)
    orgs = "".join(row("organisation", o.mentions[0].start if o.mentions else -1, o.mentions[0].end if o.mentions else -1,
                       _cell(o.name) + _cell(o.kind) + _cell(", ".join(o.aliases))
                       + _cell(", ".join(f"{m.start}–{m.end}" for m in o.mentions))) for o in article.organisations)
    return (f"<h3>Amounts ({len(article.amounts)})</h3><table class=\"amounts\"><tr><th>text</th><th>value</th>"
            "<th>unit</th><th>counter</th><th>approximate</th><th>bound</th><th>range</th><th>offsets</th>"
            f"<th>rule</th></tr>{amounts}</table>"
            f"<h3>Dates ({len(article.dates)})</h3><table class=\"dates\"><tr><th>text</th><th>value</th>"
            f"<th>granularity</th><th>offsets</th><th>rule</th></tr>{dates}</table>"
            f"<h3>People ({len(article.people)})</h3><table class=\"people\"><tr><th>name</th><th>title</th>"
            f"<th>organisation</th><th>mentions</th></tr>{people}</table>"
            f"<h3>Organisations ({len(article.organisations)})</h3><table class=\"organisations\"><tr><th>name</th>"
            f"<th>kind</th><th>aliases</th><th>mentions</th></tr>{orgs}</table>")


# ---------------------------------------------------------------- golden marks

_KIND = {"amounts": "amount", "dates": "date", "people": "person", "organisations": "organisation"}


@dataclass
class GoldenMarks:
    """An article against its golden file: marks by (type, start, end), records only the golden file has."""

    status: str  # compared | no golden file | unreadable: <reason>
    marks: dict[tuple[str, int, int], str] = field(default_factory=dict)
    gone: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    other: list[str] = field(default_factory=list)  # metadata, body and removed differences, as lines
    # golden paragraph text -> (start, end, type) of the golden-only records and mentions in it
    ghosts: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def golden_marks(article: Article, golden_path: Path | None) -> GoldenMarks:
    from extract.write import dumps

    if golden_path is None or not golden_path.is_file() or golden_path.is_symlink():
        return GoldenMarks("no golden file")
    try:
        expected = golden_diff.load_file(golden_path)
    except golden_diff.GoldenError as exc:
        return GoldenMarks(f"unreadable: {exc}")
    data = golden_diff.diff_data(expected, golden_diff.load(dumps(article)))
    result = GoldenMarks("compared", counts=golden_diff.counts(data))
    for kind, part in data.get("records", {}).items():
        short = _KIND[kind]
        for record in part.get("added", []):
            for start, end in _record_spans(record):
                result.marks[(short, start, end)] = "added"
        for key in ("changed", "moved"):
            for pair in part.get(key, []):
                fields = pair["fields"]
                mentions = fields.get("mentions") if isinstance(fields.get("mentions"), dict) else None
                for mention in (mentions or {}).get("added", []):
                    result.marks[(short, mention["start"], mention["end"])] = "added"
                if key == "moved" or set(fields) - {"mentions"}:
                    for start, end in _record_spans(pair["actual"]):
                        result.marks.setdefault((short, start, end), key)
        result.gone += [(short, r) for r in part.get("removed", [])]
        spans_gone = [s for r in part.get("removed", []) for s in _record_spans(r)]
        for pair in part.get("changed", []):
            mentions = pair["fields"].get("mentions")
            if isinstance(mentions, dict):
                spans_gone += [(m["start"], m["end"]) for m in mentions["removed"]]
        for start, end in spans_gone:
            paragraph, offset = _paragraph_at(str(expected.get("body") or ""), start)
            if paragraph and offset + (end - start) <= len(paragraph):
                result.ghosts.setdefault(paragraph, []).append((offset, offset + end - start, short))
    result.other = [line for line in golden_diff.lines({k: v for k, v in data.items() if k != "records"})]
    return result


def _paragraph_at(body: str, offset: int) -> tuple[str, int]:
    """The paragraph of `body` holding `offset`, and the offset inside it."""
    start = body.rfind("\n\n", 0, offset)
    start = 0 if start < 0 else start + 2
    end = body.find("\n\n", offset)
    return body[start:len(body) if end < 0 else end], offset - start


def _record_spans(record: dict[str, Any]) -> list[tuple[int, int]]:
    if "mentions" in record:
        return [(m["start"], m["end"]) for m in record["mentions"]]
    return [(record["start"], record["end"])]


def _golden_section(marks: GoldenMarks) -> str:
    if marks.status != "compared":
        return f'<h2>Against the golden file</h2><p class="meta">{html.escape(marks.status)}</p>'
    summary = ", ".join(f"{n} {k}" for k, n in marks.counts.items())
    rows = "".join(f'<tr class="gone"><td>{kind}</td><td>{html.escape(golden_diff.describe(r))}</td></tr>'
                   for kind, r in marks.gone)
    other = "".join(f"<li>{html.escape(line)}</li>" for line in marks.other)
    return (f'<h2>Against the golden file</h2><p class="golden">{summary} records</p>'
            + (f"<p>In the golden file but not in this extraction:</p><table>{rows}</table>" if rows else "")
            + (f'<ul class="meta">{other}</ul>' if other else ""))


# ---------------------------------------------------------------- pages


@dataclass
class Entry:
    """One input of the report: its page name and article (or its failure reason)."""

    display: str
    name: str = ""
    article: Article | None = None
    source: str | None = None  # the page's text, to place the removed lines
    golden: GoldenMarks | None = None
    error: str = ""


def article_page(article: Article, *, name: str = "x.html", source: str | None = None,
                 golden: GoldenMarks | None = None) -> str:
    marks = golden.marks if golden else {}
    items = spans(article, marks)
    places = place(source, article.body, [(r.text, r.reason) for r in article.removed])
    meta = " · ".join(html.escape(x) for x in [
        article.outlet or "outlet unknown",
        ", ".join(r.name + (f" <{r.email}>" if r.email else "") for r in article.reporters) or "reporter unknown",
        f"published {article.published_at or 'unknown'}", f"updated {article.updated_at or 'unknown'}"])
    legend = " ".join(f'<span class="{t}">{t}</span>' for t in TYPES) + ' <span class="unresolved">unresolved</span>'
    depth = len(PurePosixPath(name).parts) - 1
    index = "../" * depth + INDEX
    content = (
        f'<p><a class="all" href="{html.escape(index)}">← all articles</a></p>'
        f"<h1>{html.escape(article.title or article.source.path)}</h1>"
        + "".join(f"<p class=\"meta\">{html.escape(s)}</p>" for s in article.subtitles)
        + f'<p class="meta">{meta}<br>{html.escape(article.source.path)}</p>'
        + "".join(f'<p class="warn">⚠ {html.escape(w)}</p>' for w in article.warnings)
        + (_golden_section(golden) if golden else "")
        + f'<h2>Body</h2><p class="legend">{legend} · <del class="cut">removed</del> '
          f'<span class="reason">reason</span> ({len(article.removed)} removed)</p>'
        + f'<div class="body">{body_html(article, items, places, golden.ghosts if golden else None)}</div>'
        + (f"<h2>Captions</h2><ul>{''.join(f'<li>{html.escape(c)}</li>' for c in article.captions)}</ul>"
           if article.captions else "")
        + f"<h2>Records</h2>{_records_table(article, marks)}"
    )
    return _page(article.title or article.source.path, content)


def index_page(entries: Iterable[Entry]) -> str:
    entries = list(entries)
    done = [e for e in entries if e.article is not None]
    failed = [e for e in entries if e.article is None]
    kinds = ("organisations", "people", "amounts", "dates", "removed")
    totals = {kind: sum(len(getattr(e.article, kind)) for e in done) for kind in kinds}
    with_golden = any(e.golden is not None for e in done)

    def golden_cell(entry: Entry) -> str:
        if entry.golden is None:
            return ""
        if entry.golden.status != "compared":
            return f"<td>{html.escape(entry.golden.status.split(':')[0])}</td>"
        c = entry.golden.counts
        differs = entry.golden.total or entry.golden.other
        text = f"+{c['added']} −{c['removed']} ~{c['changed']} ↦{c['moved']}" + (" · text" if entry.golden.other else "")
        return f'<td class="{"golden" if differs else ""}">{text if differs else "same"}</td>'

    rows = "".join(
        f'<tr><td><a href="{html.escape(e.name)}">{html.escape(e.article.title or e.article.source.path)}</a></td>'
        f"<td>{html.escape(e.article.outlet or '')}</td><td>{html.escape(e.article.published_at or '')}</td>"
        + "".join(f'<td class="num">{len(getattr(e.article, k))}</td>' for k in kinds) + golden_cell(e) + "</tr>"
        for e in done if e.article is not None)
    head = "".join(f"<th>{k}</th>" for k in kinds) + ("<th>vs golden</th>" if with_golden else "")
    summary = ", ".join(f"{v} {k}" for k, v in totals.items())
    golden_summary = ""
    if with_golden:
        differing = [e for e in done if e.golden and (e.golden.total or e.golden.other)]
        records = sum(e.golden.total for e in done if e.golden)
        golden_summary = (f'<p class="golden">Against the golden files: {records} records differ, in '
                          f"{len(differing)} of {len(done)} articles</p>")
    failures = ""
    if failed:
        failures = (f"<h2>Failed ({len(failed)})</h2><table class=\"failures\"><tr><th>input</th><th>reason</th></tr>"
                    + "".join(f'<tr class="failed"><td>{html.escape(e.display)}</td><td>{html.escape(e.error)}</td></tr>'
                              for e in failed) + "</table>")
    content = (f"<h1>Extraction report</h1><p class=\"meta\">{len(done)} articles"
               + (f", {len(failed)} failed" if failed else "") + f": {summary}</p>" + golden_summary
               + f"<table><tr><th>article</th><th>outlet</th><th>published</th>{head}</tr>{rows}</table>" + failures)
    return _page("Extraction report", content)


def page_names(wanted: Iterable[str]) -> list[str]:
    """A distinct, safe page name for each wanted name: never index.html, never two equal (ignoring case),
    never outside the report folder."""
    taken = {INDEX}
    out = []
    for name in wanted:
        clean = posixpath.normpath("/" + name.replace("\\", "/")).lstrip("/") or "page.html"
        stem, suffix = (clean[:-5], ".html") if clean.endswith(".html") else (clean, ".html")
        candidate, number = stem + suffix, 1
        while candidate.casefold() in taken:
            number += 1
            candidate = f"{stem}~{number}{suffix}"
        taken.add(candidate.casefold())
        out.append(candidate)
    return out


def write(entries: Iterable[Entry | tuple[str, Article]], folder: Path) -> list[Path]:
    """Write index.html and one page per article; returns the paths (index first).

    Takes Entry objects, or (page name, article) pairs."""
    items = [e if isinstance(e, Entry) else Entry(e[1].source.path, e[0], e[1]) for e in entries]
    done = [e for e in items if e.article is not None]
    for entry, name in zip(done, page_names(e.name for e in done), strict=True):
        entry.name = name
    written = []
    folder.mkdir(parents=True, exist_ok=True)
    (folder / OUTPUT_MARKER).touch()  # an output folder: `extract` never reads it as input
    for entry in done:
        assert entry.article is not None
        path = folder / entry.name
        page = article_page(entry.article, name=entry.name, source=entry.source, golden=entry.golden)
        atomic_write(path, page.encode("utf-8"))
        written.append(path)
    atomic_write(folder / INDEX, index_page(items).encode("utf-8"))
    return [folder / INDEX, *written]


def source_text(task: Any) -> str | None:
    """The text of an input page, to place its removed lines (HTML: the text of its elements, a line each)."""
    try:
        if getattr(task, "text", None) is not None:
            return str(task.text)
        from extract.decode import decode
        from extract.load import read

        task = read(task)  # a file's bytes are read when its turn comes
        text, _ = decode(task.data, html=task.format == "html")
        if task.format != "html":
            return text
        from selectolax.lexbor import LexborHTMLParser

        tree = LexborHTMLParser(text)
        for node in tree.css("script, style, noscript, template"):
            node.decompose()
        root = tree.body or tree.root
        return root.text(separator="\n") if root is not None else None
    except Exception:  # only the placement of removed lines depends on it
        return None
