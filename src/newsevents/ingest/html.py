"""HTML pages: main text and title with trafilatura, publication date with htmldate.

Where trafilatura finds no text or fails on a page it cannot parse (markup nested deeper than
libxml2 follows, tag soup that breaks its tree), the page's text is read by the standard
library's tolerant HTML parser instead, block by block.
"""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlparse

import htmldate
import trafilatura

from newsevents.errors import InputError
from newsevents.ingest.clean import without_controls
from newsevents.ingest.dates import date_from_url, parse_iso_date


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).hostname or ""
    host = host.removeprefix("www.")
    return host or None


def html_to_article_fields(html: str, where: str, url: str | None = None) -> dict[str, object]:
    """Title, text, publication date (and where it came from), url and outlet of a page."""
    html = without_controls(html)
    meta: dict[str, Any] = {}
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            deduplicate=False,
        )
    except Exception:  # trafilatura and lxml fail on some tag soup: read the page plainly
        doc = None
    if doc is not None:
        meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    # trafilatura ends each paragraph of the page with one newline; a blank line makes the
    # paragraph boundaries explicit, so no rule for hard-wrapped text can join them.
    body = "\n\n".join(
        line.strip() for line in (meta.get("text") or "").splitlines() if line.strip()
    )
    if not body:
        plain = PlainText.of(html)
        body = "\n\n".join(plain.blocks)
        meta.setdefault("title", plain.title)
    if not body:
        raise InputError(where, "HTML with no article text in it")
    title = (meta.get("title") or "").strip() or None
    url = url or meta.get("url")
    text = body
    # trafilatura often starts the body with the headline; add it only when it is missing.
    if title and title not in body[: len(title) + 200]:
        text = f"{title}\n\n{body}"
    published: date | None = None
    published_from = None
    try:
        found = htmldate.find_date(html, original_date=True, extensive_search=False, url=url)
    except Exception:  # the same tag soup; the date is then looked for elsewhere
        found = None
    if found:
        published = parse_iso_date(found)
        published_from = "html" if published else None
    if published is None and url:
        published = date_from_url(url)
        published_from = "url" if published else None
    outlet = meta.get("sitename") or outlet_from_url(url) or meta.get("hostname")
    return {
        "title": title,
        "text": text,
        "published": published,
        "published_from": published_from,
        "url": url,
        "outlet": outlet,
    }


class PlainText(HTMLParser):
    """A page's visible text, one block per paragraph-like element; never fails on markup."""

    _SKIP = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe"})
    _BLOCK = frozenset(
        {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section",
         "article", "blockquote", "pre", "header", "footer", "main", "td", "dd", "dt"}
    )  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.title: str | None = None
        self._current: list[str] = []
        self._skipping = 0
        self._in_title = False

    @classmethod
    def of(cls, html: str) -> PlainText:
        parser = cls()
        parser.feed(html)
        parser.close()
        parser._flush()
        return parser

    def handle_starttag(self, tag: str, _attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BLOCK:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in self._SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self._BLOCK:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title = " ".join(((self.title or "") + " " + data).split()) or None
        elif not self._skipping:
            self._current.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.blocks.append(text)
        self._current = []
