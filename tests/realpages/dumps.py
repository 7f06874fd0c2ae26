"""Text dumps of an HTML page in the styles scrapers produce.

- `nodes`: one line per text node of the markup (script, style and template text left out);
- `innertext`: the browser's rendered text, `document.body.innerText` in headless Chromium (external
  requests are refused, so the page renders from its own markup and inline scripts);
- `lynx`: `lynx -dump -nolist` (Debian's text browser, its default 80-column width): lines wrapped inside
  paragraphs, indented blocks, `*` bullets, `(BUTTON)` and `[image]` labels. The cleaner was never tuned on
  this style: it is the fresh check;
- `w3m`: `w3m -dump` (Debian's other text browser, 80 columns), kept apart as a last check: its output was
  scored, in summary only, before and after the changes and never read page by page.

The Chromium dumps are slow to make, so they are cached (outside git, `.cache/realpages/`).
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

_SKIP = {"script", "style", "noscript", "template", "head", "title", "svg"}
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-quic", "--host-resolver-rules=MAP * ~NOTFOUND",
         "--virtual-time-budget=4000", "--dump-dom"]
_HOOK = """<script>(function(){function d(k){try{document.documentElement.setAttribute(k,document.body.innerText)}
catch(e){}}d('data-innertext-sync');window.addEventListener('load',function(){d('data-innertext')});})();</script>"""


def nodes(html: str) -> str:
    """One line per non-empty text node inside <body>."""
    parser = LexborHTMLParser(html)
    root = parser.body or parser.root
    lines = []
    if root is None:
        return ""
    for node in root.traverse(include_text=True):
        if node.tag != "-text":
            continue
        parent, skip = node.parent, False
        while parent is not None:
            if parent.tag in _SKIP:
                skip = True
                break
            parent = parent.parent
        text = (node.text_content or "").strip()
        if text and not skip:
            lines.append(" ".join(text.split()))
    return "\n".join(lines)


def lynx_binary() -> str | None:
    return shutil.which("lynx")


_CHARSET = re.compile(r"""(<meta[^>]*charset\s*=\s*["']?)[\w-]+""", re.IGNORECASE)
LYNX_FLAGS = ["-dump", "-nolist", "-force_html", "-assume_charset=utf-8", "-display_charset=utf-8", "-stdin"]


def lynx(html: str) -> str | None:
    """`lynx -dump -nolist` of the page (None when lynx is missing); lynx reads the markup only (no network)."""
    binary = lynx_binary()
    if binary is None:
        return None
    html = _CHARSET.sub(r"\g<1>utf-8", html)  # the page is given as UTF-8, whatever its markup declared
    done = subprocess.run([binary, *LYNX_FLAGS], input=html.encode("utf-8"), capture_output=True, timeout=60,
                          check=False, env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TERM": "dumb"})
    return done.stdout.decode("utf-8", "replace")


W3M_FLAGS = ["-dump", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8", "-cols", "80"]


def w3m(html: str) -> str | None:
    """`w3m -dump` of the page (None when w3m is missing)."""
    binary = shutil.which("w3m")
    if binary is None:
        return None
    done = subprocess.run([binary, *W3M_FLAGS], input=html.encode("utf-8"), capture_output=True, timeout=60,
                          check=False, env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TERM": "dumb",
                                            "HOME": tempfile.gettempdir()})
    return done.stdout.decode("utf-8", "replace")


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def innertext(html: str, cache: Path) -> str | None:
    """document.body.innerText after the page has loaded (None when Chromium is missing)."""
    key = hashlib.sha256(html.encode("utf-8")).hexdigest()[:20]
    cached = cache / f"{key}.innertext.txt"
    if cached.exists():
        return cached.read_text(encoding="utf-8")
    binary = chromium()
    if binary is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "page.html"
        page.write_text(html + _HOOK, encoding="utf-8")
        profile = Path(folder) / "profile"
        done = subprocess.run([binary, *FLAGS, f"--user-data-dir={profile}", page.as_uri()],
                              capture_output=True, timeout=120, check=False)
    dom = LexborHTMLParser(done.stdout.decode("utf-8", "replace"))
    root = dom.css_first("html")
    attrs = root.attributes if root is not None else {}
    text = attrs.get("data-innertext") or attrs.get("data-innertext-sync") or ""
    cache.mkdir(parents=True, exist_ok=True)
    cached.write_text(text, encoding="utf-8")
    return text
