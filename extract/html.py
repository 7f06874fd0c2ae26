"""HTML pages: standard metadata, and the main content as lines for the cleaner.

Parsed with selectolax (the Lexbor engine: fast and forgiving). Metadata comes
from JSON-LD (NewsArticle and kin), OpenGraph and article:* meta tags. The
body text is JSON-LD `articleBody` when the page carries it, else the text of
the main-content element (article, itemprop=articleBody, the common Korean CMS
containers), else of <body>, one line per block element. The same line
classifier as for text dumps then removes the boilerplate.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import orjson
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


@dataclass
class Page:
    title: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    published_at: str | None = None
    updated_at: str | None = None
    lines: list[str] = field(default_factory=list)
    from_json_ld: bool = False


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
    for tag in _BLOCKS:
        for block in node.css(tag):
            block.insert_before("\n")
            block.insert_after("\n")
    text = node.text(deep=True, separator="")
    return [line.strip() for line in text.split("\n") if line.strip()]


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
    for node in parser.css(_DROP):
        node.decompose()
    main = next((n for selector in _MAIN if (n := parser.css_first(selector)) is not None), None)
    root = main or parser.body or parser.root
    page.lines = _lines(root) if root is not None else []
    body = ld.get("articleBody")
    if isinstance(body, str) and body.strip():
        ld_lines = [line.strip() for line in body.split("\n") if line.strip()]
        # JSON-LD bodies are clean but sometimes cut short: take them unless the markup has far more text.
        if sum(map(len, ld_lines)) * 2 >= sum(map(len, page.lines)) or main is None:
            page.lines = ld_lines
            page.from_json_ld = True
    return page
