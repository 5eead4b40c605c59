"""The JSON API and the pages of `newsevents serve`, on SQLite and on PostgreSQL.

The store holds short reports written for these tests, with their events given as the coder
would write them (test_store's `doc` and `event`), so no model loads: two reports of one
Chicago shooting, a shooting in Gary, a march in Paris, and a report from Suva whose
writer put markup, a script and a javascript: link in it. The browser tests
(test_browser.py) drive the same pages in Chromium.
"""

from __future__ import annotations

import csv
import io
import os
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsevents.store import Store
from newsevents.store.export import COLUMNS
from newsevents.web.app import CSP, create_app
from newsevents.web.token import TokenError, load_or_create
from test_store import GARY, ONE, TWO, doc, event

TOKEN = "t0ken-for-the-tests-only-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

PARIS = {
    "location": "Paris",
    "latitude": 48.85,
    "longitude": 2.35,
    "admin1": "Ile-de-France",
    "country": "France",
    "iso3": "FRA",
}
SUVA = {
    "location": "Suva",
    "latitude": -18.14,
    "longitude": 178.44,
    "admin1": "Central",
    "country": "Fiji",
    "iso3": "FJI",
}
HOSTILE = (
    "SUVA, Fiji — Police said <script>document.title='pwned'</script> two men were "
    "killed <img src=x onerror=\"document.body.className='pwned'\"> in a shooting at the "
    'market on Saturday. =HYPERLINK("http://evil.example")'
)
GARY_TEXT = "Three people were shot dead at a party in Gary on Wednesday night, police said."
PARIS_TEXT = "Thousands marched through Paris on Tuesday against the pension reform."


def hostile_doc() -> Any:
    d = doc("fiji/market.html", "2024-05-05", HOSTILE, outlet="<b>Pacific</b> Wire")
    d.title = "<script>alert('title')</script> Two killed at Suva market"
    d.url = "javascript:alert('url')"
    return d


def hostile_event() -> dict[str, Any]:
    quote = "two men were killed"
    start = HOSTILE.index("two men")
    record = event("e-fiji", "2024-05-04", SUVA, fatalities=2)
    record.update(SUVA, actor1="Unidentified Armed Group (Fiji)", actor2="Civilians (Fiji)")
    record["notes"] = "<script>alert('notes')</script> Two killed in Suva."
    record["evidence"] = [
        {"field": "fatalities", "quote": quote, "start": start, "end": start + len(quote)},
        {"field": "location", "quote": "SUVA", "start": 0, "end": 4},
    ]
    return record


def fill(store: Store) -> None:
    store.add(doc("a", "2024-03-12", ONE), [event("e-a", "2024-03-11", quote="shot dead")])
    store.add(doc("b", "2024-03-13", TWO), [event("e-b", "2024-03-11")])
    store.add(doc("g", "2024-03-21", GARY_TEXT), [event("e-g", "2024-03-20", GARY, fatalities=3)])
    paris = event("e-p", "2024-04-02", PARIS, fatalities=0, sub_event_type="Peaceful protest")
    paris.update(PARIS, actor1="Protesters (France)", actor2=None)
    store.add(doc("p", "2024-04-03", PARIS_TEXT, outlet="Le Soir"), [paris])
    store.add(hostile_doc(), [hostile_event()])


@pytest.fixture
def api(store_url: str) -> Iterator[tuple[TestClient, Store]]:
    with Store(store_url) as store:
        fill(store)
        with TestClient(create_app(store, TOKEN, reviewer="tester")) as client:
            yield client, store


def ids(client: TestClient, query: str = "") -> list[str]:
    r = client.get("/api/incidents" + (f"?{query}" if query else ""))
    assert r.status_code == 200, r.text
    return [i["location"] for i in r.json()["items"]]


def incident_at(client: TestClient, location: str) -> str:
    items = client.get("/api/incidents").json()["items"]
    return str(next(i["incident_id"] for i in items if i["location"] == location))


# ---- reading --------------------------------------------------------------------------------


def test_incidents_are_listed_newest_first_with_their_summary(api: Any) -> None:
    client, _ = api
    body = client.get("/api/incidents").json()
    assert body["total"] == 4
    assert (body["limit"], body["offset"], body["sort"]) == (50, 0, "-event_date")
    assert [i["location"] for i in body["items"]] == ["Suva", "Paris", "Gary", "Chicago"]
    chicago = body["items"][-1]
    assert chicago["incident_id"].startswith("ni-")
    assert chicago["n_sources"] == 2
    assert (chicago["event_date"], chicago["fatalities"], chicago["status"]) == (
        "2024-03-11",
        1,
        "machine",
    )
    assert (chicago["latitude"], chicago["longitude"]) == (41.85, -87.65)


def test_pages_and_sorting(api: Any) -> None:
    client, _ = api
    assert ids(client, "limit=2") == ["Suva", "Paris"]
    assert ids(client, "limit=2&offset=2") == ["Gary", "Chicago"]
    assert ids(client, "offset=10") == []
    assert ids(client, "sort=event_date") == ["Chicago", "Gary", "Paris", "Suva"]
    assert ids(client, "sort=-fatalities")[:2] == ["Gary", "Suva"]
    assert ids(client, "sort=n_sources&limit=1") != ids(client, "sort=-n_sources&limit=1")
    assert client.get("/api/incidents?limit=1").json()["total"] == 4


def test_the_filters_of_newsevents_events(api: Any) -> None:
    client, _ = api
    assert ids(client, "from=2024-03-15&to=2024-04-30") == ["Paris", "Gary"]
    assert ids(client, "country=FRA") == ids(client, "country=france") == ["Paris"]
    assert ids(client, "admin1=indiana") == ["Gary"]
    assert ids(client, "type=Protests") == ids(client, "type=peaceful+protest") == ["Paris"]
    assert ids(client, "actor=protesters") == ["Paris"]
    assert ids(client, "min_fatalities=2") == ["Suva", "Gary"]
    assert ids(client, "q=pension+reform") == ["Paris"]
    assert ids(client, "q=x%27%3B+DROP+TABLE+incidents%3B+--") == []
    assert ids(client, "status=machine") == ["Suva", "Paris", "Gary", "Chicago"]
    assert ids(client, "status=rejected") == []
    # A form sends its empty fields too: an empty filter is no filter.
    assert ids(client, "from=&to=&country=&type=Protests&min_fatalities=") == ["Paris"]


def test_a_bounding_box_and_one_across_the_antimeridian(api: Any) -> None:
    client, _ = api
    assert ids(client, "bbox=-90,40,-85,43") == ["Gary", "Chicago"]
    assert ids(client, "bbox=-10,40,10,50") == ["Paris"]
    # West of east: the box runs from 170°E over the antimeridian to 170°W.
    assert ids(client, "bbox=170,-25,-170,-10") == ["Suva"]


def test_geojson_and_csv(api: Any) -> None:
    client, _ = api
    r = client.get("/api/incidents?format=geojson&country=USA")
    assert r.headers["content-type"].startswith("application/geo+json")
    body = r.json()
    assert body["type"] == "FeatureCollection"
    assert body["total"] == 2
    gary = body["features"][0]
    assert gary["geometry"] == {"type": "Point", "coordinates": [-87.35, 41.59]}
    assert gary["properties"]["location"] == "Gary"
    assert gary["id"] == gary["properties"]["incident_id"]

    r = client.get("/api/incidents?format=csv&sort=event_date")
    assert r.headers["content-type"].startswith("text/csv")
    assert r.headers["x-total-count"] == "4"
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert list(rows[0]) == list(COLUMNS)
    assert [row["location"] for row in rows] == ["Chicago", "Gary", "Paris", "Suva"]
    assert rows[0]["status"] == "machine"
    # A cell a spreadsheet would run is written as text.
    assert all(not row["notes"].startswith(("=", "+", "@")) for row in rows)


def test_one_incident_whole(api: Any) -> None:
    client, _ = api
    chicago = incident_at(client, "Chicago")
    body = client.get(f"/api/incidents/{chicago}").json()
    assert body["kind"] == "incident"
    assert body["id"] == chicago
    assert [s["doc_id"] for s in body["sources"]] == ["a", "b"]
    assert body["sources"][0]["outlet"] == "Lakeshore Daily"
    assert body["evidence"][0]["quote"] == "shot dead"
    assert body["evidence"][0]["context"] is not None
    assert body["audit"] == []

    figures = client.get(f"/api/incidents/{chicago}/figures").json()
    assert figures["fatalities"] == 1
    assert [f["doc_id"] for f in figures["figures"]["fatalities"]] == ["a", "b"]

    events = client.get(f"/api/incidents/{chicago}/events").json()
    assert [e["event_id"] for e in events["items"]] == ["e-a", "e-b"]
    assert {e["doc_id"] for e in events["items"]} == {"a", "b"}


def test_events_sources_and_stories(api: Any) -> None:
    client, _ = api
    listed = client.get("/api/events?limit=2").json()
    assert listed["total"] == 5
    assert len(listed["items"]) == 2
    one = client.get("/api/events/e-g").json()
    assert one["kind"] == "event"
    assert one["event"]["record"]["location"] == "Gary"

    sources = client.get("/api/sources").json()
    assert sources["total"] == 5
    assert sources["items"][0]["doc_id"] == "fiji/market.html"  # the newest first
    # A doc_id with a slash in it is one path parameter.
    report = client.get("/api/sources/fiji/market.html").json()
    assert report["text"] == HOSTILE
    assert report["events"][0]["event_id"] == "e-fiji"
    assert report["events"][0]["incident_id"] == incident_at(client, "Suva")
    assert client.get("/api/stories").json() == {"total": 0, "limit": 50, "offset": 0, "items": []}


def test_a_story_and_its_incidents(store_url: str) -> None:
    with Store(store_url) as store:
        text = "A shooting in Chicago killed one on Monday; in Gary three died on Tuesday."
        store.add(
            doc("both", "2024-03-13", text),
            [event("e-1", "2024-03-11"), event("e-2", "2024-03-12", GARY, fatalities=3)],
        )
        client = TestClient(create_app(store, TOKEN))
        listed = client.get("/api/stories").json()
        assert listed["total"] == 1
        story_id = listed["items"][0]["story_id"]
        story = client.get(f"/api/stories/{story_id}").json()
        assert [i["location"] for i in story["incidents"]] == ["Chicago", "Gary"]
        assert client.get("/api/stories/ns-nothing").status_code == 404


# ---- one shape for every error ------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("get", "/api/incidents/ni-0000000000000000", 404, "not_found"),
        ("get", "/api/events/ne-nothing", 404, "not_found"),
        ("get", "/api/sources/no/such/report", 404, "not_found"),
        ("get", "/api/no-such-thing", 404, "not_found"),
        ("get", "/api/incidents?from=yesterday", 422, "invalid_parameter"),
        ("get", "/api/incidents?limit=0", 422, "invalid_parameter"),
        ("get", "/api/incidents?min_fatalities=-1", 422, "invalid_parameter"),
        ("get", "/api/incidents?format=xml", 422, "invalid_parameter"),
        ("get", "/api/incidents?bbox=1,2,3", 400, "invalid_parameter"),
        ("get", "/api/incidents?sort=notes", 400, "invalid_parameter"),
        ("delete", "/api/incidents", 405, "method_not_allowed"),
        ("post", "/api/incidents/ni-0000000000000000/accept", 401, "unauthorized"),
    ],
)
def test_every_error_has_one_shape(
    api: Any, method: str, path: str, status: int, code: str
) -> None:
    client, _ = api
    r = client.request(method, path, json={})
    assert r.status_code == status
    assert r.headers["content-type"] == "application/json"
    body = r.json()
    assert list(body) == ["error"]
    assert list(body["error"]) == ["status", "code", "message"]
    assert body["error"]["status"] == status
    assert body["error"]["code"] == code
    message = body["error"]["message"]
    assert isinstance(message, str)
    assert message
    assert "\n" not in message


def test_the_error_shape_pinned(api: Any) -> None:
    client, _ = api
    r = client.get("/api/incidents?bbox=west")
    assert r.json() == {
        "error": {
            "status": 400,
            "code": "invalid_parameter",
            "message": "bbox must be four numbers west,south,east,north (degrees), not 'west'",
        }
    }
    r = client.get("/api/incidents?from=yesterday")
    assert r.json()["error"]["message"].startswith("query.from: ")


# ---- review ---------------------------------------------------------------------------------


def test_writes_need_the_token(api: Any) -> None:
    client, _ = api
    gary = incident_at(client, "Gary")
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
        r = client.post(f"/api/incidents/{gary}/accept", json={}, headers=headers)
        assert r.status_code == 401, headers
    assert client.get(f"/api/incidents/{gary}").json()["incident"]["status"] == "machine"
    read_only = TestClient(create_app(api[1], None))
    r = read_only.post(f"/api/incidents/{gary}/accept", json={}, headers=AUTH)
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "read_only"


def test_accept_reject_and_the_audit_trail(api: Any) -> None:
    client, _ = api
    gary = incident_at(client, "Gary")
    r = client.post(
        f"/api/incidents/{gary}/accept", json={"reason": "read all three"}, headers=AUTH
    )
    assert r.status_code == 200
    assert r.json()["status"] == "reviewed"
    r = client.post(
        f"/api/incidents/{gary}/reject",
        json={"reason": "a hunting accident", "reviewer": "maria"},
        headers=AUTH,
    )
    assert r.json()["status"] == "rejected"
    assert ids(client, "status=rejected") == ["Gary"]
    trail = client.get(f"/api/incidents/{gary}/audit").json()["audit"]
    assert [(a["who"], a["action"], a["old"], a["new"], a["reason"]) for a in trail] == [
        ("tester", "accept", "machine", "reviewed", "read all three"),
        ("maria", "reject", "reviewed", "rejected", "a hunting accident"),
    ]
    assert all(a["at"].endswith("+00:00") for a in trail)
    csv_rows = list(csv.DictReader(io.StringIO(client.get("/api/incidents?format=csv").text)))
    assert {r["location"]: r["status"] for r in csv_rows}["Gary"] == "rejected"


def test_an_edited_field_outlives_relinking(api: Any) -> None:
    client, store = api
    chicago = incident_at(client, "Chicago")
    r = client.patch(
        f"/api/incidents/{chicago}",
        json={"fields": {"fatalities": 2, "sub_event_type": "Armed clash"}, "reason": "ME report"},
        headers=AUTH,
    )
    assert r.status_code == 400  # an armed clash is no Violence against civilians
    assert "sub_event_type" in r.json()["error"]["message"]
    r = client.patch(f"/api/incidents/{chicago}", json={"fields": {"fatalities": 2}}, headers=AUTH)
    assert r.status_code == 200
    assert r.json()["fatalities"] == 2
    store.relink()
    chicago = incident_at(client, "Chicago")
    body = client.get(f"/api/incidents/{chicago}").json()
    assert body["incident"]["fatalities"] == 2
    assert body["incident"]["status"] == "reviewed"
    assert [(a["field"], a["old"], a["new"]) for a in body["audit"]] == [
        ("fatalities", 1, 2),
        ("status", "machine", "reviewed"),
    ]
    r = client.patch(f"/api/incidents/{chicago}", json={"fields": {"colour": "red"}}, headers=AUTH)
    assert r.status_code == 400
    assert "colour" in r.json()["error"]["message"]


def test_merge_and_split(api: Any) -> None:
    client, _ = api
    chicago, gary = incident_at(client, "Chicago"), incident_at(client, "Gary")
    r = client.post(f"/api/incidents/{chicago}/merge", json={"other": chicago}, headers=AUTH)
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "conflict"
    r = client.post(f"/api/incidents/{chicago}/merge", json={"other": gary}, headers=AUTH)
    assert r.status_code == 200
    merged = r.json()
    assert sorted(merged["events"]) == ["e-a", "e-b", "e-g"]
    assert client.get("/api/incidents").json()["total"] == 3

    r = client.post(
        f"/api/incidents/{merged['event_id']}/split", json={"events": ["e-g"]}, headers=AUTH
    )
    assert r.status_code == 200
    body = r.json()
    assert body["kept"]["events"] == ["e-a", "e-b"]
    assert body["split"]["events"] == ["e-g"]
    assert client.get("/api/incidents").json()["total"] == 4
    r = client.post(
        f"/api/incidents/{body['split']['event_id']}/split", json={"events": ["e-g"]}, headers=AUTH
    )
    assert r.status_code == 409  # nothing would be left


# ---- pages ---------------------------------------------------------------------------------


def test_every_answer_forbids_inline_script(api: Any) -> None:
    client, _ = api
    suva = incident_at(client, "Suva")
    for path in ("/", "/table", "/timeline", f"/incidents/{suva}", "/docs", "/api/incidents"):
        r = client.get(path)
        assert r.status_code == 200, path
        assert r.headers["content-security-policy"] == CSP
        assert r.headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self'" in CSP
    assert "unsafe-inline" not in CSP


def test_a_hostile_report_is_shown_as_text(api: Any) -> None:
    client, _ = api
    suva = incident_at(client, "Suva")
    html = client.get(f"/incidents/{suva}").text
    assert "<script>document.title" not in html
    assert "&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;" in html
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=" in html
    assert "<script>alert" not in html
    assert 'href="javascript:' not in html
    assert "javascript:alert(&#39;url&#39;)" in html  # shown as text, not as a link
    assert "&lt;b&gt;Pacific&lt;/b&gt; Wire" in html
    # Every script on the page is a file of the package's own.
    assert html.count("<script") == html.count('<script src="/static/')
    for page in (
        "/table",
        "/?q=%3Cscript%3E",
        "/table?country=%22%3E%3Cscript%3Ealert(1)%3C/script%3E",
    ):
        assert "<script>alert" not in client.get(page).text


def test_the_evidence_is_marked_with_its_fields(api: Any) -> None:
    client, _ = api
    html = client.get(f"/incidents/{incident_at(client, 'Suva')}").text
    assert (
        '<mark class="evidence" data-fields="fatalities" '
        'title="Evidence for: fatalities">two men were killed</mark>'
    ) in html
    assert '<mark class="evidence" data-fields="location"' in html


def test_filters_are_in_the_page_address(api: Any) -> None:
    client, _ = api
    html = client.get("/table?type=Protests&sort=event_date").text
    assert html.count('data-incident="ni-') == 1
    assert '<option value="Protests" selected>' in html
    assert 'href="/?type=Protests"' in html  # the map with the same filters
    timeline = client.get("/timeline?country=USA").text
    assert "2 incidents from 2024-03-11 to 2024-03-20" in timeline


def test_the_api_is_described(api: Any) -> None:
    client, _ = api
    spec = client.get("/openapi.json").json()
    for path in (
        "/api/incidents",
        "/api/incidents/{incident_id}",
        "/api/incidents/{incident_id}/figures",
        "/api/incidents/{incident_id}/audit",
        "/api/events",
        "/api/sources",
        "/api/stories",
        "/api/incidents/{incident_id}/merge",
        "/api/incidents/{incident_id}/split",
    ):
        assert path in spec["paths"], path
    params = {p["name"] for p in spec["paths"]["/api/incidents"]["get"]["parameters"]}
    assert {"from", "to", "country", "type", "bbox", "q", "sort", "limit", "format"} <= params
    docs = client.get("/docs").text
    assert "GET /api/incidents" in docs
    assert "cdn" not in docs.lower()


# ---- the token and the server ----------------------------------------------------------------


def test_the_token_file_is_made_once_and_only_its_owner_reads_it(tmp_path: Path) -> None:
    path = tmp_path / "conf" / "token"
    token, made = load_or_create(path)
    assert made
    assert len(token) >= 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_or_create(path) == (token, False)
    path.chmod(0o644)
    with pytest.raises(TokenError, match="may be read by others"):
        load_or_create(path)


def test_serve_answers_on_loopback_and_warns_off_it(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with Store(str(db)) as store:
        fill(store)
    for host, warned in (("127.0.0.1", False), ("0.0.0.0", True)):
        port = _free_port()
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "newsevents",
                "serve",
                "--db",
                str(db),
                "--host",
                host,
                "--port",
                str(port),
                "--token-file",
                str(tmp_path / "token"),
            ],
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        try:
            lines = []
            assert proc.stderr is not None
            for line in proc.stderr:
                lines.append(line)
                if line.startswith("serving"):
                    break
            assert any("warning: listening on 0.0.0.0" in line for line in lines) == warned
            body = _get(f"http://127.0.0.1:{port}/api/incidents?limit=1")
            assert b'"total":4' in body
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    assert stat.S_IMODE((tmp_path / "token").stat().st_mode) == 0o600


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _get(url: str) -> bytes:
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                body: bytes = r.read()
                return body
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def test_lists_show_what_reviews_and_relinking_leave(api: Any) -> None:
    import sqlalchemy as sa

    from newsevents.store.schema import incident_list, incidents

    client, store = api
    chicago, gary = incident_at(client, "Chicago"), incident_at(client, "Gary")
    client.patch(f"/api/incidents/{chicago}", json={"fields": {"fatalities": 4}}, headers=AUTH)
    listed = {i["location"]: i for i in client.get("/api/incidents").json()["items"]}
    assert (listed["Chicago"]["fatalities"], listed["Chicago"]["status"]) == (4, "reviewed")
    client.post(f"/api/incidents/{chicago}/merge", json={"other": gary}, headers=AUTH)
    store.relink()
    with store.reading() as conn:
        n_incidents = conn.execute(sa.select(sa.func.count()).select_from(incidents)).scalar()
        n_listed = conn.execute(sa.select(sa.func.count()).select_from(incident_list)).scalar()
    assert n_incidents == n_listed == 3  # the merged one's row went with it
    assert [i["fatalities"] for i in client.get("/api/incidents?country=USA").json()["items"]] == [
        4
    ]


def test_readers_do_not_wait_for_a_writer(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "news.db"
    with Store(str(db)) as store:
        fill(store)
        writer = sqlite3.connect(db, isolation_level=None)
        writer.execute("BEGIN IMMEDIATE")  # an ingest holding the write lock
        writer.execute("UPDATE incidents SET fatalities = fatalities")
        try:
            started = time.monotonic()
            body = TestClient(create_app(store, TOKEN)).get("/api/incidents").json()
            assert time.monotonic() - started < 5  # not the 60 s a writer waits
            assert body["total"] == 4
        finally:
            writer.execute("ROLLBACK")
            writer.close()


def test_serve_with_two_workers(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with Store(str(db)) as store:
        fill(store)
    port = _free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newsevents",
            "serve",
            "--db",
            str(db),
            "--port",
            str(port),
            "--token-file",
            str(tmp_path / "token"),
            "--workers",
            "2",
        ],
        stderr=subprocess.DEVNULL,
    )
    try:
        assert b'"total":4' in _get(f"http://127.0.0.1:{port}/api/incidents?limit=1")
        req = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/incidents/{'ni-' + '0' * 16}/accept",
            data=b"{}",
            headers={
                "Authorization": "Bearer " + (tmp_path / "token").read_text().strip(),
                "Content-Type": "application/json",
            },
        )
        with pytest.raises(urllib.error.HTTPError) as answer:  # the token holds in each worker
            urllib.request.urlopen(req, timeout=10)
        assert answer.value.code == 404
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_counts_follow_every_change_to_the_incidents(api: Any) -> None:
    import sqlalchemy as sa

    from newsevents.store.schema import incidents

    client, store = api

    def total(query: str = "") -> int:
        return int(client.get(f"/api/incidents?limit=1&{query}").json()["total"])

    assert (total(), total("country=USA"), total("status=rejected")) == (4, 2, 0)
    store.add(
        doc("h", "2024-03-25", GARY_TEXT.replace("Gary", "Hammond")),
        [event("e-h", "2024-03-24", {**GARY, "location": "Hammond"}, fatalities=2)],
    )
    assert (total(), total("country=USA")) == (5, 3)
    client.post(f"/api/incidents/{incident_at(client, 'Paris')}/reject", json={}, headers=AUTH)
    assert total("status=rejected") == 1
    # A change made by another connection or program (the triggers count it too).
    with store.engine.begin() as conn:
        conn.execute(
            sa.update(incidents).where(incidents.c.location == "Hammond").values(iso3="XXX")
        )
    assert (total(), total("country=USA"), total("country=XXX")) == (5, 2, 1)
