"""`newsevents show`: one incident as an analyst reads it, on SQLite and on PostgreSQL.

The store is built by ingesting short wire reports written for these tests: three outlets
tell one market attack with tolls from different claimants (12 by the Interior Ministry, a
rising 15 by hospital officials), and the third also tells of a raid two days later, which
makes the two incidents one story. The edge cases (offsets that do not point at their quote,
a quote not in its report, a running total, an event linked to no incident) use events
written by hand, as test_store.py does.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from click.testing import CliRunner, Result

from newsevents.cli import main
from newsevents.extract import Extractor
from newsevents.ingest import read_inputs
from newsevents.store import Store, masked_url
from newsevents.store.ingest import ingest
from newsevents.store.schema import documents, events
from newsevents.store.show import CONTEXT, FIELDS, locate, show, table
from test_store import GARY, ONE, TWO, doc, event

INTERIOR = {
    "doc_id": "harbour-0506",
    "outlet": "Harbour Wire",
    "url": "https://harbourwire.example/2024/05/06/maiduguri",
    "published": "2024-05-06",
    "title": "Gunmen kill 12 at Maiduguri market",
    "text": "MAIDUGURI, Nigeria (Harbour Wire) - Gunmen on motorcycles opened fire on traders at "
    "the Monday Market in Maiduguri on Monday, killing 12 people and wounding 20, the Interior "
    "Ministry said in a statement. The attackers fled toward the Sambisa forest.",
}
HOSPITAL = {
    "doc_id": "lakeside-0507",
    "outlet": "Lakeside Courier",
    "url": "https://lakeside.example/news/maiduguri-market-toll",
    "published": "2024-05-07",
    "title": "Maiduguri market attack toll rises to 15",
    "text": "At least 15 people were killed when gunmen opened fire at the Monday Market in "
    "Maiduguri on Monday, according to hospital officials. Witnesses said the gunmen arrived "
    "on motorcycles shortly before noon.",
}
RAID = {
    "doc_id": "savanna-0509",
    "outlet": "Savanna Post",
    "url": "https://savanna.example/raid",
    "published": "2024-05-09",
    "title": "Troops kill four suspects after Maiduguri market attack",
    "text": "Soldiers killed four suspected gunmen in a raid on a hideout in Konduga on "
    "Wednesday, the army said. On Monday gunmen killed 15 people at the Monday Market in "
    "Maiduguri. Police arrested two men in Konduga on Wednesday.",
}
HOSTILE = {
    "doc_id": "odd-0507",
    "outlet": "Odd \x1b[31mOutlet",
    "url": "https://odd.example/market",
    "published": "2024-05-07",
    "title": "Market <script>alert(1)</script> attack\x1b]0;pwned\x07",
    "text": "Gunmen \x1b[31mopened fire\x1b[0m at the Monday Market in Maiduguri on Monday, "
    "killing 14 people <script>alert(1)</script>, police said.\x1b[2J",
}
MARKET = (INTERIOR, HOSPITAL, RAID)
ROLE = r"(  \[\w+\])?"  # a source's role, where reconciliation gives one
TOP_LEVEL = [
    "id",
    "kind",
    "incident",
    "sources",
    "figures",
    "evidence",
    "story",
    "story_incidents",
    "audit",
]


class Coder:
    """The session's coder, as ingest asks for it."""

    def __init__(self, extractor: Extractor) -> None:
        self.extractor = extractor

    def get(self) -> Extractor:
        return self.extractor


Build = Callable[..., Store]


@pytest.fixture
def build(store_url: str, extractor: Extractor, tmp_path: Path) -> Build:
    """Ingest reports (dicts of a JSONL line) into the test's empty store; returns it open."""

    def run(*reports: dict[str, str]) -> Store:
        feed = tmp_path / "reports.jsonl"
        feed.write_text("".join(json.dumps(r) + "\n" for r in reports), encoding="utf-8")
        store = Store(store_url)
        done = ingest(store, read_inputs([], [str(feed)], max_bytes=10**6), Coder(extractor))
        assert done.stored == len(reports), done.summary()
        return store

    return run


def market_id(store: Store) -> str:
    """The incident the Harbour Wire report is in."""
    [found] = [
        r for r in store.incidents() if INTERIOR["doc_id"] in {s["doc_id"] for s in r["sources"]}
    ]
    return str(found["event_id"])


def event_of(store: Store, doc_id: str, location: str) -> str:
    """The id of the event a report gives of the place."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.select(events.c.event_id, events.c.record)
            .join(documents, events.c.document_id == documents.c.id)
            .where(documents.c.doc_id == doc_id)
        ).all()
    [found] = [r.event_id for r in rows if r.record["location"] == location]
    return str(found)


def cli(store: Store, *args: str) -> Result:
    result = CliRunner().invoke(main, ["show", *args, "--db", store.url])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result


def shown_json(store: Store, ident: str) -> dict[str, Any]:
    result = cli(store, ident, "--format", "json")
    assert result.exit_code == 0, result.stderr
    out: dict[str, Any] = json.loads(result.stdout)
    return out


def shown_table(store: Store, ident: str) -> str:
    result = cli(store, ident)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def field_line(text: str, name: str) -> str:
    """The value the table's first block (the coded fields) gives a field (its first line)."""
    fields = text.split("\n\n", 1)[0]
    [line] = [x for x in fields.splitlines() if re.match(rf"  {name} +\S", x)]
    return line.split(None, 1)[1]


# ---- 1. the coded fields -------------------------------------------------------------------


@pytest.mark.slow
def test_an_incident_shows_its_coded_fields_in_both_formats(build: Build) -> None:
    with build(*MARKET) as store:
        ident = market_id(store)
        [record] = [r for r in store.incidents() if r["event_id"] == ident]
        shown = shown_json(store, ident)
        text = shown_table(store, ident)
    assert list(shown) == TOP_LEVEL  # the shape scripts read
    assert (shown["id"], shown["kind"]) == (ident, "incident")
    incident = shown["incident"]
    for name in FIELDS:
        assert incident[name] == record[name], name
    assert incident["story_id"] == record["story_id"] is not None
    assert incident["n_sources"] == 3
    # What the top level gives with more is not given twice.
    assert not {"sources", "figures", "evidence"} & set(incident)
    # The toll rose from the ministry's 12 to the hospital's 15: 15, no range.
    assert (record["fatalities"], record["fatalities_low"], record["fatalities_high"]) == (
        15,
        None,
        None,
    )
    assert text.startswith(f"Incident {ident}  (story {record['story_id']})\n")
    assert field_line(text, "event_date") == "2024-05-06"
    assert field_line(text, "time_precision") == "1"
    assert field_line(text, "event_type") == "Violence against civilians"
    assert field_line(text, "sub_event_type") == "Attack"
    assert field_line(text, "actor1") == record["actor1"]
    assert field_line(text, "actor2") == record["actor2"]
    assert field_line(text, "location") == "Maiduguri"
    assert field_line(text, "admin1") == "Borno"
    assert field_line(text, "country") == "Nigeria"
    assert field_line(text, "latitude") == str(record["latitude"])
    assert field_line(text, "longitude") == str(record["longitude"])
    assert field_line(text, "geo_precision") == "1"
    assert field_line(text, "fatalities") == "15"
    assert field_line(text, "fatalities_low") == field_line(text, "fatalities_high") == "-"
    assert field_line(text, "injuries") == "20"
    assert field_line(text, "arrests") == "-"
    assert field_line(text, "notes").startswith("On 6 May 2024, ")
    assert field_line(text, "confidence") == str(record["confidence"])
    assert field_line(text, "status") == "machine"
    assert "the Interior Ministry (harbour-0506)" in field_line(text, "claims")


# ---- 2. the sources ------------------------------------------------------------------------


@pytest.mark.slow
def test_each_source_shows_its_outlet_language_date_title_url_and_doc_id(build: Build) -> None:
    with build(*MARKET) as store:
        ident = market_id(store)
        shown = shown_json(store, ident)
        text = shown_table(store, ident)
    assert [
        {k: s[k] for k in ("doc_id", "outlet", "language", "published", "title", "url")}
        for s in shown["sources"]
    ] == [
        {**{k: r[k] for k in ("doc_id", "outlet", "published", "title", "url")}, "language": "en"}
        for r in MARKET
    ]
    # A source's role, where reconciliation gives one, follows its head line.
    roles = [f"  [{s['role']}]" if s.get("role") else "" for s in shown["sources"]]
    block = text.split("\nSources (3)\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert block == [
        line
        for n, (r, role) in enumerate(zip(MARKET, roles, strict=True), 1)
        for line in (
            f"  {n}. {r['doc_id']}  {r['outlet']}  en  {r['published']}{role}",
            f"     {r['title']}",
            f"     {r['url']}",
        )
    ]


def test_a_source_s_role_and_any_key_a_source_or_figure_gains_are_shown() -> None:
    # Reconciliation may give a source a role (a report that only recalls the event) and a
    # figure keys of its own: the table shows what it finds, as it is.
    shown: dict[str, Any] = {
        "id": "ni-1",
        "kind": "incident",
        "incident": {"event_id": "ni-1", "fatalities": 3},
        "sources": [
            {"doc_id": "a", "outlet": "Wire", "published": "2024-05-06", "language": "en"},
            {"doc_id": "b", "outlet": "Post", "role": "background", "weight": 0.5},
        ],
        "figures": {
            "fatalities": [
                {"value": 3, "doc_id": "a", "claimant": "police", "superseded": False},
                {
                    "value": 2,
                    "doc_id": "b",
                    "superseded": True,
                    "role": "background",
                    "scope": "civilians",
                },
            ]
        },
        "evidence": [],
        "story": None,
        "story_incidents": [],
    }
    text = table(shown)
    assert "  1. a  Wire  en  2024-05-06\n  2. b  Post  [background]\n     weight: 0.5\n" in text
    assert "         3  police  (a  -)\n" in text
    assert (
        "   ~     2  no claimant named  (b  -)  [background]\n            scope: civilians\n"
        in (text)
    )


# ---- 3. the figures and their claimants ----------------------------------------------------


@pytest.mark.slow
def test_each_figure_shows_its_claimant_and_quote_and_whether_superseded(build: Build) -> None:
    with build(*MARKET) as store:
        ident = market_id(store)
        shown = shown_json(store, ident)
        text = shown_table(store, ident)
    told = {
        f["doc_id"]: (f["value"], f["claimant"], f["quote"], f["superseded"])
        for f in shown["figures"]["fatalities"]
    }
    assert told["harbour-0506"] == (12, "the Interior Ministry", "killing 12 people", True)
    assert told["lakeside-0507"] == (
        15,
        "hospital officials",
        "At least 15 people were killed",
        False,
    )
    assert shown["figures"]["injuries"][0]["value"] == 20

    def role(field: str, doc_id: str) -> str:  # where reconciliation gives figures one
        [f] = [f for f in shown["figures"][field] if f["doc_id"] == doc_id]
        return f"  [{f['role']}]" if f.get("role") else ""

    assert (
        "   ~    12  the Interior Ministry  (harbour-0506  2024-05-06)"
        f"{role('fatalities', 'harbour-0506')}\n"
        '            "killing 12 people"\n'
    ) in text
    assert (
        "        15  hospital officials  (lakeside-0507  2024-05-07)"
        f"{role('fatalities', 'lakeside-0507')}\n"
        '            "At least 15 people were killed"\n'
    ) in text
    assert (
        "        20  the Interior Ministry  (harbour-0506  2024-05-06)"
        f"{role('injuries', 'harbour-0506')}\n"
    ) in text


# ---- 4. the evidence in its context --------------------------------------------------------


@pytest.mark.slow
def test_each_evidence_quote_is_shown_in_the_words_around_it_in_its_report(
    build: Build,
) -> None:
    with build(*MARKET) as store:
        ident = market_id(store)
        shown = shown_json(store, ident)
        text = shown_table(store, ident)
    texts = {r["doc_id"]: r["text"] for r in MARKET}
    assert shown["evidence"]
    for item in shown["evidence"]:
        ctx, report = item["context"], texts[item["doc_id"]]
        assert ctx["by"] == "offsets"  # the coder's offsets point at its quotes
        start, end = ctx["start"], ctx["end"]
        assert report[start:end] == item["quote"]
        assert ctx["before"] == report[max(0, start - CONTEXT) : start]
        assert ctx["after"] == report[end : end + CONTEXT]
    [toll] = [
        e
        for e in shown["evidence"]
        if e["field"] == "fatalities" and e["doc_id"] == "lakeside-0507"
    ]
    assert (toll["context"]["before"], toll["context"]["after"]) == ("", HOSPITAL["text"][30:90])
    assert (
        "  fatalities  harbour-0506 126-143\n"
        "    …on traders at the Monday Market in Maiduguri on Monday, [[killing 12 people]] "
        "and wounding 20,\n    the Interior Ministry said in a…\n"
    ) in text


def test_a_quote_whose_offsets_do_not_point_at_it_is_found_by_search(store_url: str) -> None:
    quote = "killed in a shooting"
    missing = "nowhere in the report"
    with Store(store_url) as store:
        # The evidence written by hand says 0..len(quote): not where the quote is, and no
        # doc_id: it is the report of the event that holds it.
        store.add(doc("a", "2024-03-12", ONE), [event("e-a", "2024-03-11", quote=missing)])
        store.add(doc("b", "2024-03-13", TWO), [event("e-b", "2024-03-11", quote=quote)])
        [incident] = store.incidents()
        shown = show(store, incident["event_id"])
    assert shown is not None
    by_doc = {e["doc_id"]: e for e in shown["evidence"]}
    start = TWO.index(quote)
    assert by_doc["b"]["context"] == {
        "by": "search",
        "start": start,
        "end": start + len(quote),
        "before": TWO[start - CONTEXT : start],
        "after": TWO[start + len(quote) : start + len(quote) + CONTEXT],
    }
    assert by_doc["b"]["start"] == 0  # the item itself is left as it was stored
    assert by_doc["a"]["context"] is None
    text = table(shown)
    assert f"  fatalities  b {start}-{start + len(quote)} (found by search" in text
    assert "    [[nowhere in the report]]  (not found in the report's text)\n" in text


def test_locate_takes_offsets_only_where_they_cut_out_the_quote() -> None:
    text = "one two three two"
    assert locate(text, "two", 14, 17)["by"] == "offsets"  # type: ignore[index]
    assert locate(text, "two", 14, 17)["before"] == "one two three "  # type: ignore[index]
    for start, end in ((0, 3), (-3, 0), (14, 99), ("14", "17"), (True, 3), (None, None)):
        found = locate(text, "two", start, end)
        assert found is not None
        assert (found["by"], found["start"]) == ("search", 4)
    assert locate(text, "four") is None
    assert locate(text, "") is None


# ---- 5. the story --------------------------------------------------------------------------


@pytest.mark.slow
def test_the_story_and_its_other_incidents_are_shown(build: Build) -> None:
    with build(*MARKET) as store:
        ident = market_id(store)
        raid = next(r for r in store.incidents() if r["event_id"] != ident)
        [story] = store.stories()
        shown = shown_json(store, ident)
        text = shown_table(store, ident)
        from_raid = shown_json(store, raid["event_id"])
    assert shown["story"] == story
    assert story["incidents"] == sorted([ident, raid["event_id"]])
    assert (story["first_date"], story["fatalities"]) == ("2024-05-06", 15 + raid["fatalities"])
    assert shown["story_incidents"] == [
        {
            "incident_id": raid["event_id"],
            "event_date": raid["event_date"],
            "event_type": raid["event_type"],
            "sub_event_type": raid["sub_event_type"],
            "location": "Konduga",
            "country": "Nigeria",
            "fatalities": raid["fatalities"],
            "n_sources": 1,
        }
    ]
    assert [r["incident_id"] for r in from_raid["story_incidents"]] == [ident]
    assert f"Story {story['story_id']}\n  first_date    2024-05-06\n" in text
    assert "  other incidents (1)\n" in text
    assert (
        f"    {raid['event_id']}  {raid['event_date']}  {raid['sub_event_type']}  "
        f"Konduga, Nigeria  {raid['fatalities']} killed  1 source"
    ) in text


def test_a_story_s_running_total_is_shown_with_its_check(store_url: str) -> None:
    text = (
        "Gunmen killed seven people at a market on Friday. On Sunday police killed five "
        "suspects in a raid, bringing the total death toll from the attacks to 14."
    )
    report = doc("s", "2024-06-10", text)
    report.running_totals = [{"field": "killed", "value": 14, "quote": "total death toll ... 14"}]
    with Store(store_url) as store:
        store.add(
            report,
            [
                event("e-1", "2024-06-07", fatalities=7),
                event("e-2", "2024-06-09", GARY, fatalities=5, sub_event_type="Armed clash"),
            ],
        )
        first = next(r for r in store.incidents() if r["location"] == "Chicago")
        shown = show(store, first["event_id"])
    assert shown is not None
    assert (shown["story"]["running_total"], shown["story"]["difference"]) == (14, 2)
    [other] = shown["story_incidents"]
    assert (other["location"], other["fatalities"], other["sub_event_type"]) == (
        "Gary",
        5,
        "Armed clash",
    )
    out = table(shown)
    assert "  running_total 14\n  difference    2\n  running totals (1)\n" in out
    assert "        14  by s (2024-06-10): sum of incidents 12, difference 2\n" in out
    assert '            "total death toll ... 14"\n' in out


# ---- an event id ---------------------------------------------------------------------------


@pytest.mark.slow
def test_an_event_id_shows_the_event_as_coded_from_its_report_then_its_incident(
    build: Build,
) -> None:
    with build(*MARKET) as store:
        ident = market_id(store)
        own = event_of(store, "harbour-0506", "Maiduguri")
        of_incident = shown_json(store, ident)
        shown = shown_json(store, own)
        text = shown_table(store, own)
    assert list(shown) == ["id", "kind", "event", *TOP_LEVEL[2:]]
    assert (shown["id"], shown["kind"]) == (own, "event")
    record, report = shown["event"]["record"], shown["event"]["report"]
    # The report's own figure, not the incident's.
    assert (record["event_id"], record["fatalities"]) == (own, 12)
    assert record["claims"][0]["claimant"] == "the Interior Ministry"
    assert report == {
        **{k: INTERIOR[k] for k in ("doc_id", "outlet", "published", "title", "url")},
        "language": "en",
    }
    # Then the incident it is in, as its own id shows it.
    assert {k: v for k, v in shown.items() if k not in ("id", "kind", "event")} == {
        k: v for k, v in of_incident.items() if k not in ("id", "kind")
    }
    head, rest = text.split(f"\nIncident {ident}", 1)
    assert head.startswith(
        f"Event {own}, as the coder read it in:\n"
        "  harbour-0506  Harbour Wire  en  2024-05-06\n"
        "  Gunmen kill 12 at Maiduguri market\n"
    )
    assert field_line(head, "fatalities") == "12"
    assert field_line(rest, "fatalities") == "15"
    assert re.search(rf"^\* 1\. harbour-0506  Harbour Wire  en  2024-05-06{ROLE}$", rest, re.M)
    assert "  2. lakeside-0507  Lakeside Courier" in rest
    # Its report's evidence is marked among the incident's.
    marked = [x for x in rest.splitlines() if x.startswith(" *")]
    assert marked
    assert all(" harbour-0506 " in x for x in marked)


def test_an_event_linked_to_no_incident_is_shown_with_its_own_report(store_url: str) -> None:
    quote = "shot dead outside the Kowalczyk Bakery"
    with Store(store_url) as store:
        store.add(doc("a", "2024-03-12", ONE), [event("e-a", "2024-03-11", quote=quote)])
        with store.engine.begin() as conn:  # as while a relink is under way
            conn.execute(events.update().values(incident_id=None))
        shown = show(store, "e-a")
    assert shown is not None
    assert (shown["kind"], shown["incident"], shown["story"]) == ("event", None, None)
    assert [s["doc_id"] for s in shown["sources"]] == ["a"]
    [item] = shown["evidence"]
    assert (item["doc_id"], item["context"]["by"]) == ("a", "search")
    assert "Incident: none (this event is not linked to an incident)\n" in table(shown)


# ---- an id the store does not have ---------------------------------------------------------


@pytest.mark.parametrize("ident", ["ni-0000000000000000", "x" * 65, "ne-\x00", "ne-\udc80"])
def test_an_unknown_id_is_one_line_on_stderr_and_exit_code_1(store_url: str, ident: str) -> None:
    with Store(store_url) as store:
        store.add(doc("a", "2024-03-12", ONE), [event("e-a", "2024-03-11")])
        assert show(store, ident) is None
        for fmt in ("table", "json"):
            result = cli(store, ident, "--format", fmt)
            assert result.exit_code == 1
            assert result.stdout == ""
            assert "Traceback" not in result.stderr
            [line] = result.stderr.splitlines()
            assert line.startswith("error: no incident or event ")
            assert line.endswith(f" in {masked_url(store.url)}")
            assert "\x00" not in line
    if ident.startswith("ni-"):
        assert line == f"error: no incident or event {ident} in {masked_url(store.url)}"


def test_a_store_that_is_not_there_is_one_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["show", "ni-1", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "Error: no store at" in result.stderr
    assert not (tmp_path / "none.db").exists()


# ---- hostile text --------------------------------------------------------------------------


@pytest.mark.slow
def test_escape_sequences_and_markup_in_a_report_show_harmlessly(build: Build) -> None:
    with build(HOSTILE) as store:
        [incident] = store.incidents()
        ident = incident["event_id"]
        text = shown_table(store, ident)
        shown = shown_json(store, ident)
        raw = cli(store, ident, "--format", "json").stdout
    # The table: no escape sequence or control character reaches the terminal; markup is
    # only text (nothing here is HTML).
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f]", text)
    assert re.search(rf"^  1\. odd-0507  Odd Outlet  en  2024-05-07{ROLE}$", text, re.M)
    assert "     Market <script>alert(1)</script> attack\n" in text
    assert "Gunmen opened fire at the Monday Market" in text
    assert "<script>alert(1)</script>, police said." in text
    # The JSON keeps the report's words exactly, with the escapes written as \u001b.
    assert "\x1b" not in raw
    assert "\\u001b[31mopened fire" in raw
    assert shown["sources"][0]["outlet"] == HOSTILE["outlet"]
    assert shown["sources"][0]["title"] == HOSTILE["title"]
    quotes = [e for e in shown["evidence"] if "\x1b[31m" in e["quote"]]
    assert quotes
    assert all(e["context"]["by"] == "offsets" for e in shown["evidence"])


def test_c1_controls_and_reordering_marks_are_escaped_in_the_json(store_url: str) -> None:
    title = "Toll \u202erises\u202c \x9b31m"
    with Store(store_url) as store:
        report = doc("a", "2024-03-12", ONE)
        report.title = title
        store.add(report, [event("e-a", "2024-03-11")])
        result = cli(store, "e-a", "--format", "json")
        text = cli(store, "e-a").stdout
    assert result.exit_code == 0
    assert not re.search("[\u202e\u202c\x9b]", result.stdout + text)
    assert "\\u202erises\\u202c \\u009b31m" in result.stdout
    assert json.loads(result.stdout)["event"]["report"]["title"] == title
    assert "Toll \ufffdrises\ufffd \ufffd31m" in text
