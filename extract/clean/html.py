"""HTML pages: standard metadata, and the main content as lines for the cleaner.

Parsed with selectolax (the Lexbor engine: fast and forgiving). Metadata comes
from JSON-LD (NewsArticle and kin), OpenGraph and article:* meta tags, and
time/data-date-time attributes. The body text is the main-content element
(article, itemprop=articleBody, the common Korean CMS containers), else <body>,
one line per block element (a list item too), captions taken out; or
JSON-LD `articleBody`, or script data (Arc/Fusion `content_elements`, an
`articleBody` string) when the markup has less. The same line classifier as for
text dumps then removes the boilerplate; the whole page's lines are kept for
metadata (a copyright line outside the article element).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from html import unescape
from typing import Any

import orjson
import regex
from selectolax.lexbor import LexborHTMLParser

from extract.clean.sequence import SENTENCE_LAST, is_sentence_line

KST = dt.timezone(dt.timedelta(hours=9))
_ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting",
                  "OpinionNewsArticle", "ReviewNewsArticle"}
_DROP = "script, style, noscript, iframe, svg, template, form, button, select, nav, header, footer, aside"
_META_KEYS = ("property", "name", "itemprop")
Metas = dict[tuple[str, str], str | None]  # (attribute, its value) -> the content of the first meta tag with it
Scripts = list[tuple[str | None, str]]  # (type, text) of the page's scripts
_HEAD_ANY = f"meta, {_DROP}"  # (type selectors only: a node comes once)
_BLOCKS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
           "figcaption", "figure", "blockquote", "dd", "dt", "table", "ul", "ol", "pre", "hr")
_BLOCK_SELECTOR = ", ".join(_BLOCKS)
_MAIN = ("[itemprop=articleBody]", "#articleBody", "#article-view-content-div", "#newsct_article",
         "#dic_area", "#articeBody", "#article_body", ".article_body", ".article-body", ".news_body",
         ".article_txt", ".news_cnt_detail_wrap", "#news_body_id", "#textBody", ".story-news", "article")
_MAIN_ANY = ", ".join(_MAIN)


_CAPTIONS = "figcaption, .caption, .img_desc, .photo_caption, .photojournal, [class*=caption], [itemprop=caption]"
_DATES = (("published_at", "[data-date-time]", "data-date-time"), ("published_at", "time[datetime]", "datetime"),
          ("updated_at", "[data-modify-date-time]", "data-modify-date-time"))
_TAGS = regex.compile(r"<[^>]+>")
_TITLE_SEPARATOR = regex.compile(r"\s+(?:[-|ㅣ│]|::?)\s+|\s*:\s*$")
_GENERIC_SUFFIXES = {"뉴스", "news", "기사", "네이버뉴스", "다음뉴스", "온라인뉴스", "포토뉴스"}
_BODY_KEYS = ("articleBody", "article_body", "contentHtml", "content_html", "bodyHtml", "body_html", "articleHtml")
_SCRIPT_KEYS = ("content_elements", *_BODY_KEYS)
_QUOTED_BODY = regex.compile(r'\\*"(?:' + "|".join(_BODY_KEYS) + r')\\*"\s*:\s*\\*"(?P<value>(?:[^"\\]|\\.){40,}?)\\*"(?=\s*[,}\]])')
BODY_MIN_HANGUL = 40
MAIN_MIN = 40  # sentence characters a container must hold to be taken as the article
MAIN_SHARE = 0.5  # ... and this share of the page's sentence text
_ASSIGNED_JSON = regex.compile(r"=\s*(?=[{\[])")
_HANGUL = regex.compile(r"[가-힣]")
_SQUASHED = regex.compile(r"[\s·]")  # what a site's name is compared without


@dataclass
class Page:
    title: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    published_at: str | None = None
    updated_at: str | None = None
    lines: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    outside: Any = field(default=None, repr=False)  # the page's <body> when the article is a part of it

    def page_lines(self) -> list[str]:
        """The whole page's lines, for metadata the article element lacks (read only when needed)."""
        return _lines(self.outside) if self.outside is not None else []


def iso_kst(value: str | None) -> str | None:
    """An ISO 8601 time from the page, as KST (+09:00); naive times are taken as KST."""
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    if len(text) >= 24 and text[-5] in "+-" and text[-3] != ":":  # +0900 -> +09:00
        text = text[:-2] + ":" + text[-2:]
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    moment = moment.replace(tzinfo=KST) if moment.tzinfo is None else moment.astimezone(KST)
    return moment.isoformat()


_LD_JSON = "application/ld+json"


def _is_ld_json(kind: str | None) -> bool:
    """A script type of JSON-LD, as the selector script[type="application/ld+json"] reads it (the HTML parser
    compares the values of `type` without regard to ASCII case)."""
    return kind is not None and len(kind) == len(_LD_JSON) and kind.isascii() and kind.lower() == _LD_JSON


def _json_ld(scripts: Scripts) -> dict[str, Any] | None:
    for kind, text in scripts:
        if not _is_ld_json(kind):
            continue
        try:
            data = orjson.loads(text or "null")
        except orjson.JSONDecodeError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                kinds = item.get("@type")
                kinds = set(kinds) if isinstance(kinds, list) else {kinds}
                if kinds & _ARTICLE_TYPES:
                    return item
                if "@graph" in item:
                    stack.extend(item["@graph"] if isinstance(item["@graph"], list) else [item["@graph"]])
    return None


def _head(parser: LexborHTMLParser) -> tuple[Metas, Scripts, list[Any]]:
    """The page's meta tags, its scripts and the elements to drop (_DROP, in the page's order), in one walk of the
    page. The meta tags as a table: for each (attribute, value) of `property`, `name` and `itemprop`, the content of
    the first tag that has it (as the selector meta[attribute="value"] finds it: values compared as they are
    written)."""
    metas: Metas = {}
    scripts: Scripts = []
    dropped = []
    for node in parser.css(_HEAD_ANY):
        tag = node.tag
        if tag != "meta":
            dropped.append(node)
            if tag == "script":
                scripts.append((node.attributes.get("type"), node.text(deep=True) or ""))
            continue
        attributes = node.attributes
        for key in _META_KEYS:
            if key in attributes and (key, value := attributes[key] or "") not in metas:  # (no value: an empty one)
                metas[key, value] = attributes.get("content")
    return metas, scripts, dropped


def _meta(metas: Metas, *names: str) -> str | None:
    for name in names:
        for key in _META_KEYS:
            if content := metas.get((key, name)):
                return content.strip()
    return None


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [n for item in value for n in _names(item)]
    return []


def _lines(node: Any) -> list[str]:
    # Every block element in one walk (the line breaks around blocks are alike, so their order does not matter).
    # (A bullet put before a list item would be cut off by the item's own break and dropped as a line of a bullet
    # alone: list items are lines of their own, without one.)
    for block in node.css(_BLOCK_SELECTOR):
        block.insert_before("\n")
        block.insert_after("\n")
    text = node.text(deep=True, separator="")
    return [line for line in map(str.strip, text.split("\n")) if line and line != "•"]


def _walk(value: Any):
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            yield item
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _holding(scripts: Scripts, keys: tuple[str, ...]) -> Scripts:
    """The scripts whose text holds one of the keys (none, at the cost of one search per key, on most pages)."""
    joined = "\n".join(text for _, text in scripts)  # no key holds a line break: none is made by the joins
    if not any(key in joined for key in keys):
        return []
    return [(kind, text) for kind, text in scripts if any(key in text for key in keys)]


def _script_objects(scripts: Scripts) -> list[Any]:
    """JSON objects in page scripts: `X = {...};` assignments and JSON script bodies."""
    decoder = json.JSONDecoder()
    found = []
    for kind, text in _holding(scripts, _SCRIPT_KEYS):
        if kind == "application/ld+json":
            continue
        starts = [0] if text.lstrip()[:1] in "{[" else []
        starts += [m.end() for m in _ASSIGNED_JSON.finditer(text)]
        for start in starts:
            try:
                value, _ = decoder.raw_decode(text, start + len(text[start:]) - len(text[start:].lstrip()))
            except (ValueError, RecursionError):  # not JSON, or nested too deep to be article data
                continue
            found.append(value)
    return found


def _from_script_data(scripts: Scripts, page: Page) -> list[str]:
    """The article in script data (Arc/Fusion content_elements, or an articleBody string), from the page's
    scripts (`_scripts`)."""
    scripts = _holding(scripts, _SCRIPT_KEYS)  # (the body keys are script keys: searched once for both)
    for data in _script_objects(scripts):
        for item in _walk(data):
            elements = item.get("content_elements")
            if isinstance(elements, list):
                lines = [_TAGS.sub("", e["content"]).strip() for e in elements
                         if isinstance(e, dict) and e.get("type") == "text" and isinstance(e.get("content"), str)]
                page.captions += [e["caption"] for e in elements if isinstance(e, dict) and isinstance(e.get("caption"), str)]
                headline = item.get("headlines", {}).get("basic") if isinstance(item.get("headlines"), dict) else None
                page.title = page.title or headline
                page.authors = page.authors or _names((item.get("credits") or {}).get("by"))
                page.published_at = page.published_at or iso_kst(item.get("first_publish_date") or item.get("display_date"))
                page.updated_at = page.updated_at or iso_kst(item.get("last_updated_date"))
                if any(lines):
                    return [line for line in lines if line]
            for key in _BODY_KEYS:
                body = item.get(key)
                if isinstance(body, str) and _HANGUL.search(body):
                    return html_lines(body)
    for value in _quoted_bodies(scripts):
        return html_lines(value)
    return []


def html_lines(fragment: str) -> list[str]:
    """The lines of an HTML fragment (a body kept as an HTML string in script data)."""
    if "<" not in fragment:
        return [line.strip() for line in fragment.split("\n") if line.strip()]
    node = LexborHTMLParser(fragment).body
    return _lines(node) if node is not None else []


def _quoted_bodies(scripts: Scripts) -> list[str]:
    """Body strings in scripts that are not JSON as a whole, such as React-Query / Next.js streaming pushes
    (self.__next_f.push([1, "...\\"contentHtml\\":\\"<p>…</p>\\"…"])): the key's string value, unescaped as
    many times as it was escaped."""
    found = []
    for _, text in _holding(scripts, _BODY_KEYS):
        for match in _QUOTED_BODY.finditer(text):
            value = match.group("value")
            for _ in range(3):
                try:
                    value = json.loads(f'"{value}"')
                except ValueError:
                    break
                if '\\"' not in value and "\\u" not in value:
                    break
            if isinstance(value, str) and len(_HANGUL.findall(value)) >= BODY_MIN_HANGUL:
                found.append(value)
    return sorted(found, key=len, reverse=True)


class _SentenceChars(dict[str, int]):
    """The characters of sentence text in a line (0 for a line that is no sentence), remembered for a page: the
    containers scored hold one another, so most lines are read more than once."""

    def __missing__(self, line: str) -> int:
        chars = self[line] = len(line) if is_sentence_line(line) else 0
        return chars


# The end of a line (of a node's text, cut at its line breaks) whose last character other than white space can end
# a sentence: only such lines are read (a line that ends otherwise holds no sentence text). (The standard library's
# engine: its \s is white space as str.strip reads it.)
_MAY_END_SENTENCE = re.compile("[" + re.escape("".join(sorted(SENTENCE_LAST))) + r"][^\S\n]*$", re.MULTILINE)


def _content_score(node: Any, chars: _SentenceChars | None = None) -> int:
    """Characters of sentence text in a node, less the characters of its links."""
    return _sentence_chars(node, chars) - _link_chars(node)


def _sentence_chars(node: Any, chars: _SentenceChars | None = None) -> int:
    """The characters of the node's lines that read as sentences (its text nodes' lines, stripped)."""
    text = node.text(deep=True, separator="\n")
    chars = chars if chars is not None else _SentenceChars()
    total = 0
    find = text.rfind
    for match in _MAY_END_SENTENCE.finditer(text):
        end = match.end()
        total += chars[text[find("\n", 0, end) + 1:end].strip()]
    return total


def _link_chars(node: Any) -> int:
    return sum(len(a.text(deep=True).strip()) for a in node.css("a"))


def _containers(parser: LexborHTMLParser) -> list[Any]:
    """The nodes the usual selectors match, each once, in the page's order (one query for all the selectors: a
    node that two selectors match comes twice in its answer)."""
    nodes, seen = [], set()
    for node in parser.css(_MAIN_ANY):
        if node.mem_id not in seen:
            seen.add(node.mem_id)
            nodes.append(node)
    return nodes


def _first_by_selector(parser: LexborHTMLParser, nodes: list[Any]) -> Any:
    """Of `nodes`, the first in the order of the selectors (then of the page)."""
    wanted = {node.mem_id for node in nodes}
    for selector in _MAIN:
        for node in parser.css(selector):
            if node.mem_id in wanted:
                return node
    return nodes[0]


def _choose_main(parser: LexborHTMLParser) -> Any:
    """The article container: of the nodes that the usual selectors match, the one holding the most sentence
    text (not merely the first match, which may be an empty ad slot; of nodes holding as much, the first in the
    order of the selectors); None when none holds the article, so that the whole page goes through the line
    cleaner."""
    chars = _SentenceChars()
    scored = [(node, _content_score(node, chars)) for node in _containers(parser)]
    best_score = max((score for _, score in scored), default=0)
    if best_score < MAIN_MIN:
        return None
    tied = [node for node, score in scored if score == best_score]
    best = tied[0] if len(tied) == 1 else _first_by_selector(parser, tied)  # (the selectors asked only for a tie)
    body = parser.body
    if body is not None and best_score < MAIN_SHARE * (sentences := _sentence_chars(body, chars)) and \
            best_score < MAIN_SHARE * (sentences - _link_chars(body)):  # (links only where they can matter)
        return None  # the container holds a small part of the page's sentences: read the whole page
    return best


def title_without_site(title: str, sites: tuple[str | None, ...]) -> str:
    """The headline without the site's name appended (" - 매일경제", " | SBS 뉴스", " : 뉴스 : 한겨레"), and with
    double primes written for quotation marks (″…″) as quotation marks."""
    keys = {_squash(site) for site in sites if site}
    text = unescape(unescape(title)).strip()
    if text.count("″") % 2 == 0:  # double primes in pairs are quotation marks (″K팝스타 된 기분″), not inches
        text = text.replace("″", '"')
    while True:
        parts = _TITLE_SEPARATOR.split(text)
        if len(parts) < 2:
            return text
        tail = _squash(parts[-1])
        if not tail or tail in _GENERIC_SUFFIXES or any(k and (k in tail or tail in k) for k in keys):
            text = text[: len(text) - len(parts[-1])].rstrip(" -|:ㅣ│").strip()
            continue
        return text


def _squash(text: str | None) -> str:
    return _SQUASHED.sub("", text or "").casefold()


def _dates(parser: LexborHTMLParser) -> dict[str, str | None]:
    """The attribute of the first node of each of _DATES (the nodes of the three selectors found in one walk, in the
    page's order; a node that two of them match comes once for each)."""
    found: dict[str, str | None] = {}
    for node in parser.css(_DATES_ANY):
        attributes = node.attributes
        for _, selector, attribute in _DATES:
            if attribute not in found and attribute in attributes and (selector[0] == "[" or node.tag == "time"):
                found[attribute] = attributes[attribute]
    return found


_DATES_ANY = ", ".join(selector for _, selector, _ in _DATES)


def read(html: str) -> Page:
    parser = LexborHTMLParser(html)
    page = Page()
    metas, scripts, dropped = _head(parser)
    ld = _json_ld(scripts) or {}
    title_node = parser.css_first("title")
    site = _meta(metas, "og:site_name")
    # the site's name first: a JSON-LD publisher may name a desk or a programme of the site (비디오머그 on SBS)
    page.outlet = site or (_names(ld.get("publisher"))[0] if _names(ld.get("publisher")) else None)
    page.outlet = unescape(page.outlet).strip() if page.outlet else None
    raw_title = (ld.get("headline") if isinstance(ld.get("headline"), str) else None) or _meta(
        metas, "og:title", "twitter:title") or (title_node.text(deep=True).strip() if title_node else None) or None
    page.title = title_without_site(raw_title, (page.outlet, site)) if raw_title else None
    page.authors = _names(ld.get("author")) or [a for a in [_meta(metas, "author", "dable:author", "article:author")] if a]
    page.published_at = iso_kst(ld.get("datePublished") or _meta(metas, "article:published_time", "og:published_time", "pubdate", "date"))
    page.updated_at = iso_kst(ld.get("dateModified") or _meta(metas, "article:modified_time", "og:updated_time"))
    if page.published_at is None or page.updated_at is None:
        dates = _dates(parser)
        for name, _, attribute in _DATES:
            if getattr(page, name) is None and attribute in dates:
                setattr(page, name, iso_kst(dates[attribute]))
    script_lines = _from_script_data(scripts, page)
    for node in dropped:
        node.decompose()
    main = _choose_main(parser)
    if main is not None:
        for node in main.css(_CAPTIONS):
            if text := node.text(deep=True).strip():
                page.captions.append(text)
            node.decompose()
    root = main or parser.body or parser.root
    page.lines = _lines(root) if root is not None else []
    page.outside = parser.body if main is not None else None
    body = ld.get("articleBody")
    if isinstance(body, str) and body.strip():
        ld_lines = [line.strip() for line in body.split("\n") if line.strip()]
        # JSON-LD bodies are clean but sometimes cut short: take them unless the markup has far more text.
        if sum(map(len, ld_lines)) * 2 >= sum(map(len, page.lines)) or main is None:
            page.lines = ld_lines
    if script_lines and sum(map(len, script_lines)) > sum(map(len, page.lines)):
        page.lines = script_lines
    return page
