"""Live news: `newsevents watch` over feeds, pages and folders, and `ingest URL`.

Feeds and pages are served by a web server the tests start on 127.0.0.1 (no other network);
the feeds (RSS 2.0 and Atom) and the reports on the pages are written here.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from newsevents import __version__
from newsevents.cli import main
from newsevents.extract import Extractor
from newsevents.ingest.fetch import (
    USER_AGENT,
    Fetcher,
    FetchError,
    FetchPolicy,
    normalize_url,
    page_article,
)
from newsevents.store import Store
from newsevents.store.schema import documents
from newsevents.watch import Source, Watcher, WatchError, parse_every, parse_source

MB = 10 * 1024 * 1024
FAST = FetchPolicy(delay=0, backoff=0.01)

PAGE = """<!doctype html><html><head><title>{title}</title>
<meta property="article:published_time" content="{published}"></head>
<body><nav>Home | World | Africa</nav><article><h1>{title}</h1>{body}</article>
<footer>© Wire Desk</footer></body></html>"""

REPORTS = {
    "/2024/09/10/nairobi-protest.html": (
        "Police disperse Nairobi protest, arrest 23",
        "2024-09-10",
        "NAIROBI, Kenya — Police fired tear gas to break up a protest against new taxes in "
        "central Nairobi on Tuesday and arrested 23 demonstrators, a police spokesman said.",
        "Hundreds of protesters had marched towards parliament before officers blocked the road.",
    ),
    "/2024/09/11/borno-attack.html": (
        "Gunmen kill 12 villagers in Borno",
        "2024-09-11",
        "MAIDUGURI, Nigeria — Gunmen killed 12 villagers and wounded five in an attack on a "
        "village outside Maiduguri on Wednesday, local officials said.",
        "The attackers arrived on motorcycles at dawn and set fire to several homes.",
    ),
    "/2024/09/13/dhaka-clash.html": (
        "Two killed as police and protesters clash in Dhaka",
        "2024-09-13",
        "DHAKA, Bangladesh — Two people were killed and dozens injured on Friday when police "
        "clashed with opposition supporters in Dhaka, hospital officials said.",
        "Police said the protesters threw stones at officers, who fired rubber bullets.",
    ),
}


def page(path: str) -> bytes:
    title, published, *paragraphs = REPORTS[path]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return PAGE.format(title=title, published=published, body=body).encode()


def rss(base: str, paths: list[str], *, link_suffix: str = "") -> bytes:
    items = "".join(
        f"<item><title>{REPORTS[p][0]}</title><link>{base}{p}{link_suffix}</link>"
        f"<guid>{base}{p}</guid><pubDate>{date.fromisoformat(REPORTS[p][1]):%a, %d %b %Y} "
        "08:00:00 GMT</pubDate></item>"
        for p in reversed(paths)  # a feed lists the newest first
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Wire Desk</title><link>{base}/</link><description>World news</description>"
        f"{items}</channel></rss>"
    ).encode()


@dataclass
class Hit:
    path: str
    user_agent: str
    start: float
    end: float
    if_none_match: str | None = None


@dataclass
class Site:
    """A web site on 127.0.0.1: what each path serves, and every request it was asked."""

    base: str = ""
    pages: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    fail_first: dict[str, list[int]] = field(default_factory=dict)  # statuses before the page
    redirects: dict[str, str] = field(default_factory=dict)  # path -> Location
    etags: dict[str, str] = field(default_factory=dict)  # path -> its ETag
    hits: list[Hit] = field(default_factory=list)
    pause: float = 0.0  # seconds each answer takes

    def serve(self, path: str, body: bytes, kind: str = "text/html; charset=utf-8") -> str:
        self.pages[path] = (kind, body)
        return self.base + path

    def asked(self, path: str) -> int:
        return sum(1 for h in self.hits if h.path == path)


@pytest.fixture
def site() -> Iterator[Site]:
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            start = time.monotonic()
            if state.pause:
                time.sleep(state.pause)
            # Recorded before the answer is sent: a client that has its answer finds its hit
            # (recorded after, a loaded machine could let the test look first).
            ua = self.headers.get("User-Agent", "")
            etag = self.headers.get("If-None-Match")
            state.hits.append(Hit(self.path, ua, start, time.monotonic(), etag))
            statuses = state.fail_first.get(self.path)
            found = state.pages.get(self.path)
            if statuses:
                self.send_response(statuses.pop(0))
                self.end_headers()
            elif self.path in state.redirects:
                self.send_response(301)
                self.send_header("Location", state.redirects[self.path])
                self.end_headers()
            elif found is None:
                self.send_response(404)
                self.end_headers()
            elif (
                self.path in state.etags and self.headers["If-None-Match"] == state.etags[self.path]
            ):
                self.send_response(304)
                self.end_headers()
            else:
                kind, body = found
                self.send_response(200)
                if self.path in state.etags:
                    self.send_header("ETag", state.etags[self.path])
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


def closed_port() -> str:
    """A URL on 127.0.0.1 where nothing listens."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


class Coder:
    """The session's coder, as ingest asks for it."""

    def __init__(self, extractor: Extractor | None) -> None:
        self.extractor = extractor

    def get(self) -> Extractor:
        assert self.extractor is not None, "nothing should be coded here"
        return self.extractor


def watcher(
    tmp_path: Path, sources: list[str], extractor: Extractor | None, lines: list[str]
) -> Watcher:
    store = Store(str(tmp_path / "watch.db"))
    return Watcher(
        store,
        Coder(extractor),
        [parse_source(s) for s in sources],
        Fetcher(FAST, log=lines.append),
        max_bytes=MB,
        log=lines.append,
    )


def stored(store: Store) -> dict[str, str]:
    """doc_id -> status of every report in the store."""
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(documents.c.doc_id, documents.c.status)).all()
    return {r.doc_id: r.status for r in rows}


# ---- the fetcher ----------------------------------------------------------------------


def test_the_user_agent_names_the_project_and_robots_txt_is_asked_once(site: Site) -> None:
    url = site.serve("/a.html", page("/2024/09/10/nairobi-protest.html"))
    with Fetcher(FAST) as fetcher:
        fetcher.get(url)
        fetcher.get(url)
    assert [h.path for h in site.hits] == ["/robots.txt", "/a.html", "/a.html"]
    assert {h.user_agent for h in site.hits} == {USER_AGENT}
    assert USER_AGENT.startswith(f"newsevents/{__version__} (+https://")


def test_robots_txt_is_honoured(site: Site) -> None:
    site.serve("/robots.txt", b"User-agent: *\nDisallow: /private/\n", "text/plain")
    allowed = site.serve("/news/a.html", page("/2024/09/10/nairobi-protest.html"))
    barred = site.serve("/private/b.html", page("/2024/09/11/borno-attack.html"))
    with Fetcher(FAST) as fetcher:
        assert fetcher.get(allowed).status == 200
        with pytest.raises(FetchError, match=r"b\.html: robots\.txt disallows it$"):
            fetcher.get(barred)
    assert site.asked("/private/b.html") == 0
    assert site.asked("/robots.txt") == 1


def test_robots_txt_naming_newsevents_is_honoured(site: Site) -> None:
    site.serve("/robots.txt", b"User-agent: newsevents\nDisallow: /\n", "text/plain")
    url = site.serve("/a.html", page("/2024/09/10/nairobi-protest.html"))
    with Fetcher(FAST) as fetcher, pytest.raises(FetchError, match="disallows"):
        fetcher.get(url)
    assert site.asked("/a.html") == 0


def test_one_request_at_a_time_per_host_spaced_by_the_delay(site: Site) -> None:
    site.pause = 0.05
    urls = [site.serve(f"/p{i}.html", b"<p>x</p>") for i in range(5)]
    with Fetcher(FetchPolicy(delay=0.2)) as fetcher:
        threads = [threading.Thread(target=fetcher.get, args=(u,)) for u in urls]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    hits = sorted(site.hits, key=lambda h: h.start)
    assert len(hits) == 6  # robots.txt and five pages
    for before, after in itertools.pairwise(hits):
        assert after.start >= before.end, "two requests to one host at once"
        assert after.start - before.end >= 0.18, f"{after.start - before.end:.3f} s apart"


def test_a_500_is_tried_again_with_backoff_and_succeeds(site: Site) -> None:
    url = site.serve("/a.html", b"<p>x</p>")
    site.fail_first["/a.html"] = [500, 503]
    lines: list[str] = []
    with Fetcher(FetchPolicy(delay=0, backoff=0.05, tries=3), log=lines.append) as fetcher:
        started = time.monotonic()
        assert fetcher.get(url).status == 200
    assert time.monotonic() - started >= 0.05 + 0.1  # 0.05 s, then 0.1 s
    assert lines == [
        f"retrying {url} in 0.05 s: HTTP 500 Internal Server Error (try 2 of 3)",
        f"retrying {url} in 0.1 s: HTTP 503 Service Unavailable (try 3 of 3)",
    ]


def test_a_404_is_not_tried_again(site: Site) -> None:
    with Fetcher(FAST) as fetcher, pytest.raises(FetchError, match="HTTP 404 Not Found") as e:
        fetcher.get(site.base + "/gone.html")
    assert not e.value.transient
    assert site.asked("/gone.html") == 1


def test_a_dead_host_fails_after_its_tries_with_the_reason() -> None:
    url = closed_port() + "/feed.xml"
    lines: list[str] = []
    policy = FetchPolicy(delay=0, tries=2, backoff=0.01)
    with Fetcher(policy, log=lines.append) as fetcher, pytest.raises(FetchError) as e:
        fetcher.get(url)
    assert e.value.transient
    assert str(e.value).startswith(f"cannot fetch {url}: its robots.txt cannot be read: ")
    assert "connection refused" in str(e.value).lower()
    assert len(lines) == 1
    assert "connection refused" in lines[0].lower()


def test_a_page_too_big_is_refused_while_it_is_read(site: Site) -> None:
    url = site.serve("/big.html", b"<p>" + b"x" * 5000 + b"</p>")
    small = FetchPolicy(delay=0, max_bytes=1000)
    with Fetcher(small) as fetcher, pytest.raises(FetchError, match="too big"):
        fetcher.get(url)


def test_redirects_are_followed_and_the_final_url_kept(site: Site) -> None:
    url = site.serve("/a.html", page("/2024/09/10/nairobi-protest.html"))
    site.redirects["/old.html"] = "/a.html"
    with Fetcher(FAST) as fetcher:
        got = fetcher.get(site.base + "/old.html")
    assert (got.url, got.final_url) == (site.base + "/old.html", url)
    assert [h.path for h in site.hits] == ["/robots.txt", "/old.html", "/a.html"]


def test_urls_are_known_by_one_form() -> None:
    assert normalize_url("HTTP://News.Example:80/a?utm_source=rss&id=3#top") == (
        "http://news.example/a?id=3"
    )
    assert normalize_url("https://news.example") == "https://news.example/"


def test_intervals() -> None:
    assert [parse_every(s) for s in ("30s", "5m", "1h", "90")] == [30, 300, 3600, 90]
    for bad in ("0s", "5 minutes", "-1m", ""):
        with pytest.raises(WatchError):
            parse_every(bad)


def test_sources_are_urls_or_folders(tmp_path: Path) -> None:
    assert parse_source("https://news.example/feed.xml") == Source(
        "url", "https://news.example/feed.xml"
    )
    assert parse_source(str(tmp_path)) == Source("folder", str(tmp_path))
    with pytest.raises(WatchError, match="not an http"):
        parse_source(str(tmp_path / "nothing-here"))


def test_a_page_without_title_or_date_takes_its_feed_entrys(site: Site) -> None:
    body = (
        b"<html><body><p>NAIROBI, Kenya - Police fired tear gas at protesters in "
        b"Nairobi and arrested 23 people, a police spokesman said.</p></body></html>"
    )
    url = site.serve("/bare", body)
    with Fetcher(FAST) as fetcher:
        got = fetcher.get(url)
    article = page_article(
        got, doc_id=url, title="Police disperse Nairobi protest", published=date(2024, 9, 10)
    )
    assert (article.title, article.published, article.published_from) == (
        "Police disperse Nairobi protest",
        date(2024, 9, 10),
        "feed",
    )
    assert article.url == url
    assert article.text.startswith("Police disperse Nairobi protest\n\n")


# ---- the watcher ----------------------------------------------------------------------


def test_a_malformed_feed_is_one_error_line(site: Site, tmp_path: Path) -> None:
    url = site.serve(
        "/feed.xml",
        b'<rss version="2.0"><channel><title>Broken</title><item><title>Unclosed',
        "application/rss+xml",
    )
    junk = site.serve("/junk.xml", b"this is not a feed {", "application/rss+xml")
    lines: list[str] = []
    w = watcher(tmp_path, [url, junk], None, lines)
    report = w.poll()
    assert report.errors == 2
    errors = [line for line in lines if line.startswith("error:")]
    assert len(errors) == 2, lines
    assert errors[0].startswith(f"error: cannot read the feed {url}: ")
    assert errors[1].startswith(f"error: cannot read the feed {junk}: not RSS or Atom")
    assert not any("Traceback" in line for line in lines)
    w.poll()  # each poll says it again, once
    assert len([line for line in lines if line.startswith("error:")]) == 4


def test_an_unchanged_feed_costs_a_304(site: Site, tmp_path: Path) -> None:
    barred = "/2024/09/11/borno-attack.html"
    site.serve("/robots.txt", b"User-agent: *\nDisallow: /2024/\n", "text/plain")
    feed = site.serve("/feed.xml", rss(site.base, [barred]), "application/rss+xml")
    site.etags["/feed.xml"] = '"v1"'
    lines: list[str] = []
    w = watcher(tmp_path, [feed], None, lines)
    assert w.poll().disallowed == 1
    again = w.poll()
    assert (again.disallowed, again.errors, again.fetched) == (0, 0, 1)
    assert [(h.path, h.if_none_match) for h in site.hits] == [
        ("/robots.txt", None),
        ("/feed.xml", None),
        ("/feed.xml", '"v1"'),
    ]
    assert lines == [f"skipped {site.base}{barred}: robots.txt disallows it"]


@pytest.mark.slow
def test_a_feed_is_coded_stored_linked_and_never_twice(
    site: Site, tmp_path: Path, extractor: Extractor
) -> None:
    first, second, later = REPORTS
    for path in REPORTS:
        site.serve(path, page(path))
    site.serve("/robots.txt", b"User-agent: *\nDisallow: /2024/09/11/\n", "text/plain")
    feed = site.serve("/feed.xml", rss(site.base, [first, second]), "application/rss+xml")
    lines: list[str] = []
    w = watcher(tmp_path, [feed], extractor, lines)

    report = w.poll()
    # The Borno page is barred by robots.txt: never asked, one line.
    assert site.asked(second) == 0
    assert f"skipped {site.base}{second}: robots.txt disallows it" in lines
    assert report.disallowed == 1
    assert report.ingest.added == 1
    assert stored(w.store) == {site.base + first: "coded"}
    [incident] = list(w.store.incidents())
    assert incident["location"] == "Nairobi"
    assert incident["arrests"] == 23
    assert [s["doc_id"] for s in incident["sources"]] == [site.base + first]

    # Polled again, nothing is fetched but the feed; nothing is stored twice.
    before = len(site.hits)
    again = w.poll()
    assert [h.path for h in site.hits[before:]] == ["/feed.xml"]
    assert again.ingest.total == 0

    # A later run (no seen-set) knows the URL from the store, even with tracking parameters.
    site.serve(
        "/feed.xml", rss(site.base, [first], link_suffix="?utm_source=rss"), "application/rss+xml"
    )
    fresh = watcher(tmp_path, [feed], extractor, [])
    assert fresh.poll().ingest.total == 0
    assert site.asked(first) == 1

    # A page added to the feed later is picked up on the next poll, alone.
    site.serve("/feed.xml", rss(site.base, [first, second, later]), "application/rss+xml")
    before = len(site.hits)
    third = w.poll()
    assert [h.path for h in site.hits[before:]] == ["/feed.xml", later]
    assert third.ingest.added == 1
    assert sorted(stored(w.store)) == [site.base + first, site.base + later]
    assert len(list(w.store.incidents())) == 2
    assert any(line == f"added {site.base}{later}: 1 event" for line in lines), lines


@pytest.mark.slow
def test_an_atom_feed_lends_its_title_and_date_and_stop_ends_after_the_report(
    site: Site, tmp_path: Path, extractor: Extractor
) -> None:
    bare = (
        "<html><body><p>MAIDUGURI, Nigeria - Gunmen killed 12 villagers in an attack on a "
        "village outside Maiduguri on Wednesday, local officials said.</p></body></html>"
    )
    site.serve("/borno", bare.encode())
    site.serve("/dhaka", page("/2024/09/13/dhaka-clash.html"))
    atom = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire Desk</title><id>urn:wire</id>
<updated>2024-09-13T09:00:00Z</updated>
<entry><title>Two killed in Dhaka clash</title><link href="/dhaka"/><id>urn:2</id>
<updated>2024-09-13T09:00:00Z</updated></entry>
<entry><title>Gunmen kill 12 villagers in Borno</title><link href="/borno"/><id>urn:1</id>
<published>2024-09-11T07:30:00Z</published><updated>2024-09-11T07:30:00Z</updated></entry>
</feed>"""
    feed = site.serve("/atom.xml", atom.encode(), "application/atom+xml")
    lines: list[str] = []
    w = watcher(tmp_path, [feed], extractor, lines)

    def stop_after_first(line: str) -> None:
        lines.append(line)
        if line.startswith("added "):
            w.stop.set()  # as Ctrl-C does

    w.log = stop_after_first
    report = w.poll()
    # The oldest entry first; the poll ends after it, the second is never fetched.
    assert report.ingest.added == 1
    assert site.asked("/dhaka") == 0
    [doc] = stored(w.store)
    assert doc == site.base + "/borno"
    [incident] = list(w.store.incidents())
    assert incident["event_date"] == "2024-09-11"  # "on Wednesday" read against the feed's date
    assert incident["fatalities"] == 12
    [source] = incident["sources"]
    assert source["title"] == "Gunmen kill 12 villagers in Borno"
    assert source["published"] == "2024-09-11"


@pytest.mark.slow
def test_a_dead_host_is_logged_and_a_folder_still_ingests_its_new_files(
    tmp_path: Path, extractor: Extractor
) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    dead = closed_port() + "/feed.xml"
    lines: list[str] = []
    w = watcher(tmp_path, [dead, str(folder)], extractor, lines)
    first = w.poll()
    assert first.errors == 1
    assert first.ingest.total == 0
    [error] = [line for line in lines if line.startswith("error:")]
    assert error.startswith(f"error: cannot fetch {dead}: ")
    assert "refused" in error

    title, published, *paragraphs = REPORTS["/2024/09/13/dhaka-clash.html"]
    (folder / "dhaka.txt").write_text(
        f"{title}\nPublished: {published}\n\n" + "\n\n".join(paragraphs), encoding="utf-8"
    )
    second = w.poll()
    assert second.errors == 1  # the dead host, again, on its own line
    assert second.ingest.added == 1
    assert stored(w.store) == {"dhaka.txt": "coded"}
    [incident] = list(w.store.incidents())
    assert incident["location"] == "Dhaka"
    third = w.poll()
    assert third.ingest.total == 0  # nothing new, nothing read again


@pytest.mark.slow
def test_watch_once_and_ingest_url_from_the_command_line(site: Site, tmp_path: Path) -> None:
    nairobi, borno, _ = REPORTS
    for path in (nairobi, borno):
        site.serve(path, page(path))
    feed = site.serve("/feed.xml", rss(site.base, [nairobi]), "application/rss+xml")
    db = str(tmp_path / "cli.db")
    runner = CliRunner()

    done = runner.invoke(main, ["ingest", "-q", site.base + borno, "--db", db])
    assert done.exit_code == 0, done.output
    assert "1 report: 1 coded, 1 stored (1 new, 0 replaced)" in done.stderr
    again = runner.invoke(main, ["ingest", "-q", site.base + borno, "--db", db])
    assert "0 coded, 0 stored (0 new, 0 replaced), 1 skipped (1 already stored)" in again.stderr
    assert site.asked(borno) == 2  # asked for by name, fetched; the content hash skipped it

    watched = runner.invoke(
        main, ["watch", feed, site.base + borno, "--once", "--delay", "0", "--db", db]
    )
    assert watched.exit_code == 0, watched.output
    assert f"added {site.base}{nairobi}: 1 event" in watched.stderr
    # A page source is asked again at each poll; the content hash finds it unchanged.
    assert site.asked(borno) == 3
    assert (
        "2 reports: 1 coded, 1 stored (1 new, 0 replaced), 1 skipped (1 already stored), 0 failed. "
    ) in watched.stderr
    assert "holds 2 incidents from 2 events in 2 reports" in watched.stderr
    assert {h.user_agent for h in site.hits} == {USER_AGENT}

    dead = runner.invoke(
        main, ["watch", closed_port() + "/feed.xml", "--once", "--tries", "1", "--db", db]
    )
    assert dead.exit_code == 1
    assert dead.stderr.count("error: cannot fetch") == 1
    assert "Traceback" not in dead.stderr

    bad = runner.invoke(main, ["watch", "--every", "soon", feed])
    assert bad.exit_code == 2
    assert "'soon' is not an interval like 30s, 5m or 1h" in bad.stderr


@pytest.mark.slow
def test_a_watched_page_is_stored_again_when_its_story_develops(
    site: Site, tmp_path: Path, extractor: Extractor
) -> None:
    path = "/2024/09/11/borno-attack.html"
    url = site.serve(path, page(path))
    lines: list[str] = []
    w = watcher(tmp_path, [url], extractor, lines)
    assert w.poll().ingest.added == 1
    unchanged = w.poll()
    assert (unchanged.ingest.unchanged, unchanged.eventful) == (1, False)
    [before] = list(w.store.incidents())
    assert before["fatalities"] == 12

    risen = page(path).replace(b"killed 12 villagers", b"killed 15 villagers")
    site.serve(path, risen)
    assert w.poll().ingest.replaced == 1
    [after] = list(w.store.incidents())
    assert after["fatalities"] == 15
    assert stored(w.store) == {url: "coded"}
    assert f"replaced {url}: 1 event" in lines
