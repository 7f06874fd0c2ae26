"""A static HTML review report: an index page and one page per article.

Each article page shows the body with every record highlighted by type
(organisation, person, amount, date) and a tooltip with its value, unit and
rule; the removed boilerplate struck through with its reason; and a table of
the records. Pages are self-contained: inline CSS, no scripts, no network.
Highlights are <mark> elements carrying data-type, data-start and data-end, so
a test (or a reviewer's tool) can check them against the records.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from schemas import Article

from .load import OUTPUT_MARKER
from .write import atomic_write

TYPES = ("organisation", "person", "amount", "date")
CSS = """
body{font:15px/1.7 system-ui,'Noto Sans KR','Malgun Gothic',sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#222}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #ddd}
.meta{color:#555;font-size:.9rem}.body p{margin:.6rem 0}
mark{border-radius:3px;padding:0 1px;cursor:help}
mark.organisation{background:#cfe3ff}mark.person{background:#ffd9b3}mark.amount{background:#c9f2c9}mark.date{background:#f3d4f7}
.legend span{margin-right:1rem;padding:0 .3rem;border-radius:3px}
.legend .organisation{background:#cfe3ff}.legend .person{background:#ffd9b3}.legend .amount{background:#c9f2c9}.legend .date{background:#f3d4f7}
.removed li{color:#777}.removed del{color:#a33}.reason{font-size:.8rem;background:#eee;border-radius:3px;padding:0 .3rem;margin-left:.4rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}td,th{border:1px solid #ddd;padding:.2rem .4rem;text-align:left;vertical-align:top}
th{background:#f5f5f5}.warn{color:#a60}
"""


@dataclass(frozen=True)
class Span:
    type: str
    start: int
    end: int
    tip: str


def spans(article: Article) -> list[Span]:
    """Every record's span in the body, with its tooltip."""
    found = [Span("amount", a.start, a.end, f"amount: {a.value} {a.unit}"
                  + (f" ({a.counter})" if a.counter else "") + (", approximate" if a.approximate else "")
                  + (f", {a.bound}" if a.bound else "") + (f", {a.low}–{a.high}" if a.high is not None else "")
                  + f" · rule {a.rule}") for a in article.amounts]
    found += [Span("date", d.start, d.end, f"date: {d.value} ({d.granularity}) · rule {d.rule}") for d in article.dates]
    for person in article.people:
        tip = f"person: {person.name}" + (f", {person.title}" if person.title else "") + (
            f", {person.organisation}" if person.organisation else "")
        found += [Span("person", m.start, m.end, tip) for m in person.mentions]
    for org in article.organisations:
        tip = f"organisation: {org.name} ({org.kind})" + (f", also {', '.join(org.aliases)}" if org.aliases else "")
        found += [Span("organisation", m.start, m.end, tip) for m in org.mentions]
    return sorted(found, key=lambda s: (s.start, -s.end))


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
        out.append(f'<mark class="{span.type}" data-type="{span.type}" data-start="{span.start}" '
                   f'data-end="{span.end}" title="{html.escape(span.tip)}">')
        position = span.start
        stack.append(span)
    while stack:
        out.append(html.escape(text[position - offset:stack[-1].end - offset]) + "</mark>")
        position = stack.pop().end
    out.append(html.escape(text[position - offset:]))
    return "".join(out)


def _page(title: str, content: str) -> str:
    return (f'<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{CSS}</style></head><body>{content}</body></html>\n")


def _records_table(article: Article) -> str:
    rows = [f"<tr><td>amount</td><td>{html.escape(a.text)}</td><td>{a.value} {html.escape(a.unit)}</td>"
            f"<td>{a.start}–{a.end}</td><td>{html.escape(a.rule)}</td></tr>" for a in article.amounts]
    rows += [f"<tr><td>date</td><td>{html.escape(d.text)}</td><td>{html.escape(str(d.value))} ({d.granularity})</td>"
             f"<td>{d.start}–{d.end}</td><td>{html.escape(d.rule)}</td></tr>" for d in article.dates]
    rows += [f"<tr><td>person</td><td>{html.escape(p.name)}</td><td>{html.escape(p.title or '')}"
             f"{' · ' + html.escape(p.organisation) if p.organisation else ''}</td>"
             f"<td>{', '.join(f'{m.start}–{m.end}' for m in p.mentions)}</td><td></td></tr>" for p in article.people]
    rows += [f"<tr><td>organisation</td><td>{html.escape(o.name)}</td><td>{o.kind}"
             f"{' · ' + html.escape(', '.join(o.aliases)) if o.aliases else ''}</td>"
             f"<td>{', '.join(f'{m.start}–{m.end}' for m in o.mentions)}</td><td></td></tr>" for o in article.organisations]
    return ("<table><tr><th>type</th><th>text</th><th>value</th><th>offsets</th><th>rule</th></tr>"
            + "".join(rows) + "</table>")


def article_page(article: Article) -> str:
    items = spans(article)
    paragraphs = []
    position = 0
    for part in article.body.split("\n\n"):
        inside = [s for s in items if position <= s.start and s.end <= position + len(part)]
        paragraphs.append(f"<p>{highlight(part, position, inside)}</p>")
        position += len(part) + 2
    meta = " · ".join(html.escape(x) for x in [
        article.outlet or "outlet unknown",
        ", ".join(r.name + (f" <{r.email}>" if r.email else "") for r in article.reporters) or "reporter unknown",
        f"published {article.published_at or 'unknown'}", f"updated {article.updated_at or 'unknown'}"])
    removed = "".join(f"<li><del>{html.escape(r.text)}</del><span class=\"reason\">{html.escape(r.reason)}</span></li>"
                      for r in article.removed)
    legend = " ".join(f'<span class="{t}">{t}</span>' for t in TYPES)
    content = (
        f'<p><a href="index.html">← all articles</a></p><h1>{html.escape(article.title or article.source.path)}</h1>'
        + "".join(f"<p class=\"meta\">{html.escape(s)}</p>" for s in article.subtitles)
        + f'<p class="meta">{meta}<br>{html.escape(article.source.path)}</p>'
        + "".join(f'<p class="warn">⚠ {html.escape(w)}</p>' for w in article.warnings)
        + f'<h2>Body</h2><p class="legend">{legend}</p><div class="body">{"".join(paragraphs)}</div>'
        + (f"<h2>Captions</h2><ul>{''.join(f'<li>{html.escape(c)}</li>' for c in article.captions)}</ul>"
           if article.captions else "")
        + f'<h2>Removed ({len(article.removed)})</h2><ul class="removed">{removed}</ul>'
        + f"<h2>Records</h2>{_records_table(article)}"
    )
    return _page(article.title or article.source.path, content)


def index_page(entries: Iterable[tuple[str, Article]]) -> str:
    entries = list(entries)
    totals = {kind: sum(len(getattr(a, kind)) for _, a in entries)
              for kind in ("organisations", "people", "amounts", "dates", "removed")}
    rows = "".join(
        f'<tr><td><a href="{html.escape(name)}">{html.escape(a.title or a.source.path)}</a></td>'
        f"<td>{html.escape(a.outlet or '')}</td><td>{html.escape(a.published_at or '')}</td>"
        + "".join(f"<td>{len(getattr(a, k))}</td>" for k in totals) + "</tr>" for name, a in entries)
    head = "".join(f"<th>{k}</th>" for k in totals)
    summary = ", ".join(f"{v} {k}" for k, v in totals.items())
    content = (f"<h1>Extraction report</h1><p class=\"meta\">{len(entries)} articles: {summary}</p>"
               f"<table><tr><th>article</th><th>outlet</th><th>published</th>{head}</tr>{rows}</table>")
    return _page("Extraction report", content)


def write(articles: Iterable[tuple[str, Article]], folder: Path) -> list[Path]:
    """Write index.html and one page per (file name, article); returns the paths."""
    entries = list(articles)
    written = []
    folder.mkdir(parents=True, exist_ok=True)
    (folder / OUTPUT_MARKER).touch()  # an output folder: `extract` never reads it as input
    for name, article in entries:
        path = folder / name
        atomic_write(path, article_page(article).encode("utf-8"))
        written.append(path)
    atomic_write(folder / "index.html", index_page(entries).encode("utf-8"))
    return [folder / "index.html", *written]
