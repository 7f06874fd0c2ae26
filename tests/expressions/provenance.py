"""Check that every line of the real-text corpus comes from its page, with that page's date.

    python tests/expressions/provenance.py     # prints every line whose text or date does not check out

The pages are the broadcast corpus in the shared data folder next to the repository
(`../shared/corpus/broadcast/`: `gt/<id>.txt` and `html/<id>.html`). A line's text must
appear, whitespace aside, in the page's text or in the visible text of its HTML page, and
its `reference` must be the page's publication date in Korean time (from the page's
`article:published_time` or JSON-LD `datePublished`).
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
BROADCAST = HERE.parents[1] / ".." / "shared" / "corpus" / "broadcast"
KST = dt.timezone(dt.timedelta(hours=9))
_PUBLISHED = (
    re.compile(r'article:published_time"\s+content="([^"]+)"'),
    re.compile(r'"datePublished"\s*:\s*"([^"]+)"'),
)


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hidden = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style", "noscript"):
            self.hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "noscript"):
            self.hidden = max(0, self.hidden - 1)

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_text(page: str) -> str:
    """The page's text and the visible text of its HTML, without whitespace."""
    html = (BROADCAST / "html" / f"{page}.html").read_text(encoding="utf-8")
    visible = _Visible()
    visible.feed(html)
    return _squeeze((BROADCAST / "gt" / f"{page}.txt").read_text(encoding="utf-8")) + "\n" + \
        _squeeze(" ".join(visible.parts))


def published(page: str) -> dt.date | None:
    """The page's publication date in Korean time."""
    html = (BROADCAST / "html" / f"{page}.html").read_text(encoding="utf-8")
    for pattern in _PUBLISHED:
        found = pattern.search(html)
        if found:
            stamp = dt.datetime.fromisoformat(found.group(1).replace("Z", "+00:00"))
            return (stamp.astimezone(KST) if stamp.tzinfo else stamp).date()
    return None


def problems(expressions) -> list[str]:
    """Lines whose page is missing, whose text is not on the page, or whose reference is not its date."""
    texts: dict[str, str] = {}
    dates: dict[str, dt.date | None] = {}
    found = []
    for expression in expressions:
        page = expression.source
        if not (BROADCAST / "gt" / f"{page}.txt").exists():
            found.append(f"{expression.line}: no page {page!r}")
            continue
        if page not in texts:
            texts[page], dates[page] = page_text(page), published(page)
        if _squeeze(expression.text) not in texts[page]:
            found.append(f"{expression.line}: text not on page {page}: {expression.text!r}")
        if expression.reference != dates[page]:
            found.append(f"{expression.line}: reference {expression.reference} but {page} was published on "
                         f"{dates[page]}")
    return found


def main() -> None:
    sys.path.insert(0, str(HERE))
    import score

    if not BROADCAST.exists():
        sys.exit(f"no broadcast corpus at {BROADCAST}")
    found = problems(score.real_expressions())
    print("\n".join(found) or "every line checks out against its page")


if __name__ == "__main__":
    main()
