"""HTML pages: standard metadata, and the main content as lines for the cleaner.

Parsed with selectolax (the Lexbor engine: fast and forgiving). Metadata comes
from JSON-LD (NewsArticle and kin), OpenGraph and article:* meta tags, and
time/data-date-time attributes. The body text is the main-content element
(article, itemprop=articleBody, the common Korean CMS containers), else <body>,
one line per block element, list items bulleted, captions taken out; or
JSON-LD `articleBody`, or script data (Arc/Fusion `content_elements`, an
`articleBody` string) when the markup has less. The same line classifier as for
text dumps then removes the boilerplate; the whole page's lines are kept for
metadata (a copyright line outside the article element).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

import orjson
import regex
from selectolax.lexbor import LexborHTMLParser

KST = dt.timezone(dt.timedelta(hours=9))
_ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting",
                  "OpinionNewsArticle", "ReviewNewsArticle"}
_DROP = "script, style, noscript, iframe, svg, template, form, button, select, nav, header, footer, aside"
_BLOCKS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
           "figcaption", "figure", "blockquote", "dd", "dt", "table", "ul", "ol", "pre", "hr")
_MAIN = ("[itemprop=articleBody]", "#articleBody", "#article-view-content-div", "#newsct_article",
         "#dic_area", "#articeBody", "#article_body", ".article_body", ".article-body", ".news_body",
         ".article_txt", ".news_cnt_detail_wrap", "#news_body_id", "#textBody", ".story-news", "article")


_CAPTIONS = "figcaption, .caption, .img_desc, .photo_caption, .photojournal, [class*=caption], [itemprop=caption]"
_DATES = (("published_at", "[data-date-time]", "data-date-time"), ("published_at", "time[datetime]", "datetime"),
          ("updated_at", "[data-modify-date-time]", "data-modify-date-time"))
_TAGS = regex.compile(r"<[^>]+>")
_ASSIGNED_JSON = regex.compile(r"=\s*(?=[{\[])")


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


def _json_ld(parser: LexborHTMLParser) -> dict[str, Any] | None:
    for node in parser.css('script[type="application/ld+json"]'):
        try:
            data = orjson.loads(node.text(deep=True) or "null")
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


def _meta(parser: LexborHTMLParser, *names: str) -> str | None:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            node = parser.css_first(f'meta[{attr}="{name}"]')
            if node is not None and (content := node.attributes.get("content")):
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
    for item in node.css("li"):
        item.insert_before("\n• ")
    for tag in _BLOCKS:
        for block in node.css(tag):
            block.insert_before("\n")
            block.insert_after("\n")
    text = node.text(deep=True, separator="")
    return [line.strip() for line in text.split("\n") if line.strip() and line.strip() != "•"]


def _walk(value: Any):
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            yield item
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _script_objects(parser: LexborHTMLParser) -> list[Any]:
    """JSON objects in page scripts: `X = {...};` assignments and JSON script bodies."""
    decoder = json.JSONDecoder()
    found = []
    for node in parser.css("script"):
        if node.attributes.get("type") == "application/ld+json":
            continue
        text = node.text(deep=True) or ""
        if "content_elements" not in text and "articleBody" not in text and "article_body" not in text:
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


def _from_script_data(parser: LexborHTMLParser, page: Page) -> list[str]:
    """The article in script data (Arc/Fusion content_elements, or an articleBody string)."""
    for data in _script_objects(parser):
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
            for key in ("articleBody", "article_body"):
                body = item.get(key)
                if isinstance(body, str) and regex.search(r"[가-힣]", body):
                    return [line.strip() for line in _TAGS.sub("\n", body).split("\n") if line.strip()]
    return []


def read(html: str) -> Page:
    parser = LexborHTMLParser(html)
    page = Page()
    ld = _json_ld(parser) or {}
    title_node = parser.css_first("title")
    page.title = (ld.get("headline") if isinstance(ld.get("headline"), str) else None) or _meta(
        parser, "og:title", "twitter:title") or (title_node.text(deep=True).strip() if title_node else None) or None
    page.outlet = _names(ld.get("publisher"))[0] if _names(ld.get("publisher")) else _meta(parser, "og:site_name")
    page.authors = _names(ld.get("author")) or [a for a in [_meta(parser, "author", "dable:author", "article:author")] if a]
    page.published_at = iso_kst(ld.get("datePublished") or _meta(parser, "article:published_time", "og:published_time", "pubdate", "date"))
    page.updated_at = iso_kst(ld.get("dateModified") or _meta(parser, "article:modified_time", "og:updated_time"))
    for name, selector, attribute in _DATES:
        node = parser.css_first(selector)
        if getattr(page, name) is None and node is not None:
            setattr(page, name, iso_kst(node.attributes.get(attribute)))
    script_lines = _from_script_data(parser, page)
    for node in parser.css(_DROP):
        node.decompose()
    main = next((n for selector in _MAIN if (n := parser.css_first(selector)) is not None), None)
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
