"""Fetching pages from the web, politely, and reading a fetched page as an Article.

Every request goes through one `Fetcher`, which
- asks each host's robots.txt first (fetched once per host and kept for `robots_ttl`;
  RFC 9309: a robots.txt that is missing, 404, allows everything; 401 or 403 forbids
  everything; one that cannot be reached, or answers 5xx, forbids everything for now and is
  asked again next time);
- makes one request at a time to a host, `delay` seconds apart (a lock per host);
- names itself: `newsevents/<version> (+https://github.com/newsevents/newsevents)`;
- tries again, with exponential backoff, a request that failed on the way (no connection,
  a timeout) or that the server could not answer (5xx, 429: its Retry-After is honoured up to
  a minute), at most `tries` times, each retry logged with its URL and reason; a 4xx other
  than 429 is not tried again;
- follows redirects itself (at most five), each hop asked of robots.txt and spaced as above;
- refuses a body over `max_bytes` (the `max_report_mb` setting) while it is read.

A fetched page becomes an Article by the path files take (`html_to_article_fields`, then the
same checks and dating); a feed entry's title and date are used where the page has none.
"""

from __future__ import annotations

import hashlib
import re
import threading
import time
import urllib.robotparser
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from newsevents import __version__
from newsevents.errors import InputError, NewsEventsError
from newsevents.ingest.clean import MAX_DOC_ID, failure
from newsevents.ingest.files import check_content, decode_html, decode_text, looks_like_html
from newsevents.ingest.html import html_to_article_fields
from newsevents.ingest.sources import Loaded, make_article, read_inputs
from newsevents.model import Article

USER_AGENT = f"newsevents/{__version__} (+https://github.com/newsevents/newsevents)"
# A Retry-After longer than this is not waited for: the request fails and the next poll
# tries again.
MAX_RETRY_AFTER = 60.0
_TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid)$", re.I)

Log = Callable[[str], None]


class FetchError(NewsEventsError):
    """A URL that could not be fetched: refused by robots.txt, unreachable, an HTTP error,
    too big. `transient`: worth trying again later (no connection, 5xx, 429)."""

    def __init__(self, url: str, reason: str, *, transient: bool = False) -> None:
        super().__init__(f"cannot fetch {url}: {reason}")
        self.url = url
        self.reason = reason
        self.transient = transient


class Disallowed(FetchError):
    """robots.txt forbids the URL."""


class Stopped(NewsEventsError):
    """The fetcher was asked to stop (Ctrl-C) while it waited."""


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def normalize_url(url: str) -> str:
    """The URL a page is known by: scheme and host in lower case, no default port, no
    fragment, no tracking parameters (utm_*, fbclid, gclid), a path of at least '/'."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:  # an IPv6 address
        host = f"[{host}]"
    port = parts.port
    if port is not None and (scheme, port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{port}"
    if parts.username or parts.password:
        auth = parts.username or ""
        if parts.password:
            auth += f":{parts.password}"
        host = f"{auth}@{host}"
    query = "&".join(
        pair for pair in parts.query.split("&") if pair and not _TRACKING.match(pair.split("=")[0])
    )
    return urlunsplit((scheme, host, parts.path or "/", query, ""))


def doc_id_of(url: str) -> str:
    """A fetched page's doc_id: its URL, or for a URL longer than the store's doc_id column,
    its start and a hash of it (the full URL is stored as the report's `url`)."""
    if len(url) <= MAX_DOC_ID:
        return url
    digest = hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f"{url[: MAX_DOC_ID - 34]}#{digest}"


@dataclass(frozen=True)
class FetchPolicy:
    """How the fetcher behaves; the defaults are polite to a news site."""

    user_agent: str = USER_AGENT
    delay: float = 1.0  # seconds between two requests to one host
    tries: int = 3  # a request that fails transiently is made at most this often
    backoff: float = 1.0  # seconds before the first retry; doubled for each one after
    timeout: float = 20.0  # seconds to connect, and between two reads of the answer
    max_bytes: int = 10 * 1024 * 1024
    robots_ttl: float = 3600.0  # seconds a host's robots.txt is kept
    max_redirects: int = 5


@dataclass
class Page:
    """What a URL answered: `url` as asked, `final_url` after redirects; status 200, or 304
    for a conditional request that found nothing new."""

    url: str
    final_url: str
    status: int
    content: bytes
    headers: Mapping[str, str] = field(default_factory=dict)

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        m = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", self.headers.get("content-type", ""), re.I)
        return m.group(1).lower() if m else None


@dataclass
class _Host:
    """One host: the lock a request holds and when the next may start; its robots.txt, and
    the lock that has it fetched once however many ask at the same time."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    next_at: float = 0.0
    robots_lock: threading.Lock = field(default_factory=threading.Lock)
    robots: urllib.robotparser.RobotFileParser | None = None
    robots_expires: float = 0.0


class Fetcher:
    """Polite HTTP GETs (see the module's docstring). Safe to share between threads: a host
    is asked one request at a time whoever asks. `log` takes each retry's line; `stop`, once
    set, ends every wait (raising Stopped). `transport` replaces the network (tests)."""

    def __init__(
        self,
        policy: FetchPolicy | None = None,
        *,
        log: Log | None = None,
        stop: threading.Event | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.policy = policy or FetchPolicy()
        self.log = log or (lambda _line: None)
        self.stop = stop or threading.Event()
        self._client = httpx.Client(
            headers={"User-Agent": self.policy.user_agent},
            timeout=httpx.Timeout(self.policy.timeout),
            follow_redirects=False,
            transport=transport,
            trust_env=False,
        )
        self._hosts: dict[str, _Host] = {}
        self._guard = threading.Lock()  # over _hosts

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # ---- what callers use ---------------------------------------------------------------

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> Page:
        """The page at url, after robots.txt allowed each hop; FetchError when it cannot be
        had. A 304 (to If-None-Match or If-Modified-Since in `headers`) is returned as is."""
        current = url
        for _hop in range(self.policy.max_redirects + 1):
            scheme = urlsplit(current).scheme.lower()
            if scheme not in ("http", "https"):
                raise FetchError(url, f"not an http(s) URL ({current})")
            if not self.allowed(current):
                where = "it" if current == url else f"{current}, where it redirects"
                raise Disallowed(url, f"robots.txt disallows {where}")
            status, answer_headers, body = self._request(current, headers or {})
            if status in (301, 302, 303, 307, 308) and answer_headers.get("location"):
                current = urljoin(current, answer_headers["location"])
                continue
            if status in (200, 203, 304):
                return Page(url, current, status, body, answer_headers)
            raise FetchError(url, f"HTTP {status} {_phrase(status)}".rstrip())
        raise FetchError(url, f"more than {self.policy.max_redirects} redirects")

    def allowed(self, url: str) -> bool:
        """Whether the host's robots.txt lets us fetch url. FetchError where robots.txt
        cannot be had (unreachable, 5xx): nothing is fetched from that host for now."""
        origin = _origin(url)
        host = self._host(origin)
        with host.robots_lock:
            if host.robots is None or host.robots_expires <= time.monotonic():
                host.robots = self._fetch_robots(url, origin)
                host.robots_expires = time.monotonic() + self.policy.robots_ttl
            robots = host.robots
        return robots.can_fetch(self.policy.user_agent, url)

    def _host(self, origin: str) -> _Host:
        with self._guard:
            return self._hosts.setdefault(origin, _Host())

    # ---- inside ------------------------------------------------------------------------

    def _fetch_robots(self, url: str, origin: str) -> urllib.robotparser.RobotFileParser:
        parser = urllib.robotparser.RobotFileParser(f"{origin}/robots.txt")
        current = f"{origin}/robots.txt"
        for _hop in range(self.policy.max_redirects + 1):
            try:
                status, headers, body = self._request(current, {})
            except FetchError as e:
                reason = f"its robots.txt cannot be read: {e.reason}"
                raise FetchError(url, reason, transient=e.transient) from e
            if status in (301, 302, 303, 307, 308) and headers.get("location"):
                current = urljoin(current, headers["location"])
                continue
            break
        else:
            status = 404  # RFC 9309: past five redirects, robots.txt is taken as missing
        if status in (401, 403):
            parser.parse(["User-agent: *", "Disallow: /"])
        elif 400 <= status < 500:
            parser.parse([])
        elif status >= 300:
            raise FetchError(url, f"robots.txt of {origin} answered HTTP {status}", transient=True)
        else:
            parser.parse(body.decode("utf-8", "replace").splitlines())
        return parser

    def _request(self, url: str, headers: Mapping[str, str]) -> tuple[int, dict[str, str], bytes]:
        """One GET, tried again with backoff while it fails transiently: (status, headers,
        body). A 5xx or 429 that stays is returned as FetchError after the last try."""
        tries = max(1, self.policy.tries)
        for attempt in range(1, tries + 1):
            wait = self.policy.backoff * 2 ** (attempt - 1)
            try:
                status, answer_headers, body = self._polite_get(url, headers)
            except httpx.TransportError as e:
                reason = _transport_reason(e)
            else:
                if status < 500 and status != 429:
                    return status, answer_headers, body
                reason = f"HTTP {status} {_phrase(status)}".rstrip()
                after = _retry_after(answer_headers.get("retry-after"))
                if after is not None:
                    if after > MAX_RETRY_AFTER:
                        raise FetchError(
                            url, f"{reason}, retry after {after:.0f} s", transient=True
                        )
                    wait = max(wait, after)
            if attempt == tries:
                raise FetchError(url, f"{reason} (tried {tries} times)", transient=True)
            self.log(f"retrying {url} in {wait:g} s: {reason} (try {attempt + 1} of {tries})")
            self._sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    def _polite_get(
        self, url: str, headers: Mapping[str, str]
    ) -> tuple[int, dict[str, str], bytes]:
        """One GET, alone on its host and `delay` after the one before it ended."""
        host = self._host(_origin(url))
        with host.lock:
            self._sleep(host.next_at - time.monotonic())
            try:
                with self._client.stream("GET", url, headers=dict(headers)) as response:
                    body = b"".join(self._read(response, url))
                    return (
                        response.status_code,
                        {k.lower(): v for k, v in response.headers.items()},
                        body,
                    )
            finally:
                host.next_at = time.monotonic() + self.policy.delay

    def _read(self, response: httpx.Response, url: str) -> Iterator[bytes]:
        limit = self.policy.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(url, f"too big ({int(declared):,} bytes; the limit is {limit:,})")
        total = 0
        for chunk in response.iter_bytes():
            total += len(chunk)
            if total > limit:
                raise FetchError(url, f"too big (over {limit:,} bytes)")
            yield chunk

    def _sleep(self, seconds: float) -> None:
        if self.stop.is_set():
            raise Stopped("stopped")
        if seconds > 0 and self.stop.wait(seconds):
            raise Stopped("stopped")


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower().rsplit('@', 1)[-1]}"


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _transport_reason(e: httpx.TransportError) -> str:
    """'connection refused', 'timed out': what went wrong on the way, in a few words."""
    if isinstance(e, httpx.TimeoutException):
        return "timed out"
    cause: BaseException | None = e
    while cause is not None:
        if isinstance(cause, OSError) and cause.strerror:
            return cause.strerror.lower()
        cause = cause.__cause__ or cause.__context__
    text = str(e).strip()
    return text.split("] ", 1)[-1].lower() if text else type(e).__name__


def _retry_after(value: str | None) -> float | None:
    """Retry-After in seconds (a number, or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())


# ---- a fetched page as a report ---------------------------------------------------------


def page_article(
    page: Page,
    *,
    doc_id: str,
    title: str | None = None,
    published: date | None = None,
    cli_published: date | None = None,
) -> Article:
    """The Article of a fetched page, read as a file is (InputError where it cannot be):
    its URL is the page's final URL; `title` and `published` (a feed entry's) are used where
    the page gives none."""
    where = page.url
    data = page.content
    check_content(data, where)
    fields: dict[str, Any]
    if looks_like_html(data) or "html" in page.content_type:
        fields = html_to_article_fields(_decode(page, where), where, url=page.final_url)
    else:
        fields = {"text": _decode(page, where, html=False), "url": page.final_url}
    fields["url"] = fields.get("url") or page.final_url
    if title and not fields.get("title"):
        fields["title"] = title
        text = str(fields["text"])
        if title not in text[: len(title) + 200]:
            fields["text"] = f"{title}\n\n{text}"
    if published is not None and not fields.get("published"):
        fields["published"], fields["published_from"] = published, "feed"
    return make_article(doc_id, where, fields, cli_published=cli_published)


def _decode(page: Page, where: str, html: bool = True) -> str:
    """The page's text in the charset its Content-Type names, else as a file is decoded."""
    charset = page.charset
    if charset and charset not in ("utf-8", "utf8"):
        try:
            return page.content.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong header: decode as a file is
    return decode_html(page.content, where) if html else decode_text(page.content, where)


def read_page(
    page: Page,
    *,
    doc_id: str,
    title: str | None = None,
    published: date | None = None,
    cli_published: date | None = None,
) -> Loaded:
    """A fetched page as a report for ingest: its Article, or why it cannot be read."""
    try:
        article = page_article(
            page, doc_id=doc_id, title=title, published=published, cli_published=cli_published
        )
    except InputError as e:
        return Loaded(page.url, doc_id, error=str(e))
    except Exception as e:  # a bug in a library or ours: this report fails, the run goes on
        return Loaded(page.url, doc_id, error=failure(page.url, "reading", e))
    return Loaded(page.url, article.doc_id, article, warnings=tuple(article.warnings))


def read_inputs_with_urls(
    paths: Iterable[str],
    inputs: Iterable[str] = (),
    *,
    max_bytes: int,
    published: date | None = None,
    log: Log | None = None,
) -> Iterator[Loaded]:
    """`read_inputs`, where a path that is an http(s) URL is fetched in its place (politely,
    as `Fetcher` does; its doc_id the URL). A URL that cannot be fetched is a report that
    cannot be read, with the reason."""
    fetcher: Fetcher | None = None
    try:
        for path in paths:
            if not is_url(path):
                yield from read_inputs([path], max_bytes=max_bytes, published=published)
                continue
            fetcher = fetcher or Fetcher(FetchPolicy(max_bytes=max_bytes), log=log)
            doc_id = doc_id_of(normalize_url(path))
            try:
                page = fetcher.get(path)
            except FetchError as e:
                yield Loaded(path, doc_id, error=str(e))
                continue
            yield read_page(page, doc_id=doc_id, cli_published=published)
        yield from read_inputs((), inputs, max_bytes=max_bytes, published=published)
    finally:
        if fetcher is not None:
            fetcher.close()
