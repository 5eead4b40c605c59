"""HTML pages: main text and title with trafilatura, publication date with htmldate."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlparse

import htmldate
import trafilatura

from newsevents.errors import InputError
from newsevents.ingest.dates import date_from_url, parse_iso_date


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).hostname or ""
    host = host.removeprefix("www.")
    return host or None


def html_to_article_fields(html: str, where: str, url: str | None = None) -> dict[str, object]:
    """Title, text, publication date (and where it came from), url and outlet of a page."""
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        deduplicate=False,
    )
    if doc is None:
        raise InputError(where, "HTML with no article text in it")
    meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    # trafilatura ends each paragraph of the page with one newline; a blank line makes the
    # paragraph boundaries explicit, so no rule for hard-wrapped text can join them.
    body = "\n\n".join(
        line.strip() for line in (meta.get("text") or "").splitlines() if line.strip()
    )
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
    found = htmldate.find_date(html, original_date=True, extensive_search=False, url=url)
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
