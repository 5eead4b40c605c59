"""Recalled events, claimants' figures and relinking, in the store (SQLite and PostgreSQL),
and the coder's recalled events.

A report whose news is no violence (a funeral, a day of mourning) gives its incident no date,
type, place or toll: it is one of its sources, with the role "background". A claimant's later
figure supersedes its own earlier one, up or down. `relink` reads the link features again.

The store tests build their reports and records by hand, as test_store.py does; the pipeline
tests at the end load the model (slow).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from conftest import CodeText
from newsevents.cli import main
from newsevents.link.terms import PLACE_PREFIX
from newsevents.store import NewDocument, Store
from newsevents.store.schema import documents, events
from test_link_languages import AKTOBE, AKTOBE_ID, AKTOBE_KEY
from test_store import doc as store_doc


def event(
    event_id: str,
    day: str,
    fatalities: int,
    quote: str | None = None,
    claims: list[dict[str, str]] | None = None,
    language: str = "en",
    recalled: bool = False,
) -> dict[str, Any]:
    evidence = (
        [{"field": "fatalities", "quote": quote, "start": 0, "end": len(quote)}] if quote else []
    )
    out: dict[str, Any] = {
        "event_id": event_id,
        "event_date": day,
        "time_precision": 1,
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Unidentified Armed Group (Kazakhstan)",
        "inter1": 3,
        "actor2": "Military Forces of Kazakhstan (2019-)",
        "inter2": 1,
        **AKTOBE,
        "fatalities": fatalities,
        "injuries": None,
        "arrests": None,
        "notes": f"On {day}, gunmen attacked a military unit in Aktobe.",
        "language": language,
        "evidence": evidence,
        "claims": claims or [],
        "confidence": 0.6,
        "status": "machine",
    }
    if recalled:
        out["recalled"] = True
    return out


def doc(
    doc_id: str,
    published: str,
    text: str,
    outlet: str = "Steppe Wire",
    language: str = "en",
    places: tuple[str, ...] = (AKTOBE_KEY,),
) -> NewDocument:
    return store_doc(doc_id, published, text, outlet, language, places)


def sources(record: dict[str, Any]) -> list[str]:
    return sorted(s["doc_id"] for s in record["sources"])


ATTACK = (
    "AKTOBE, Sept 8 - Gunmen attacked an army unit in Aktobe on Sunday, killing six soldiers, "
    "the Defence Ministry said. Colonel Nurlan Zhaksylykov was among the dead."
)
ATTACK_QUOTE = "killing six soldiers"
FUNERAL = (
    "AKTOBE, Sept 10 - Hundreds of mourners in Aktobe on Tuesday buried Colonel Nurlan "
    "Zhaksylykov and three other soldiers killed in Sunday's attack on an army unit."
)
FUNERAL_QUOTE = "Colonel Nurlan Zhaksylykov and three other soldiers killed"


def attack_report() -> tuple[NewDocument, list[dict[str, Any]]]:
    return doc("news", "2024-09-08", ATTACK), [event("e-news", "2024-09-08", 6, quote=ATTACK_QUOTE)]


def funeral_report(fatalities: int = 4) -> tuple[NewDocument, list[dict[str, Any]]]:
    # The coder dates the recalled event to the funeral, the report's own news.
    return doc("funeral", "2024-09-10", FUNERAL, outlet="Caspian Post"), [
        event("e-funeral", "2024-09-10", fatalities, quote=FUNERAL_QUOTE, recalled=True)
    ]


# ---- recalled events ---------------------------------------------------------------------


@pytest.mark.parametrize("funeral_first", [False, True])
def test_a_report_that_recalls_an_attack_joins_it_as_background(
    store_url: str, funeral_first: bool
) -> None:
    reports = [attack_report(), funeral_report()]
    with Store(store_url) as store:
        for report, records in reversed(reports) if funeral_first else reports:
            store.add(report, records)
        [r] = store.incidents()
        assert sources(r) == ["funeral", "news"]
        # The news report gives the date and the toll; the funeral's are its own news's.
        assert r["event_date"] == "2024-09-08"
        assert (r["fatalities"], r["fatalities_low"], r["fatalities_high"]) == (6, None, None)
        assert {s["doc_id"]: s["role"] for s in r["sources"]} == {
            "news": "news",
            "funeral": "background",
        }
        told = {f["doc_id"]: f for f in r["figures"]["fatalities"]}
        assert (told["news"]["value"], told["news"]["role"]) == (6, "news")
        assert not told["news"]["superseded"]
        assert (told["funeral"]["value"], told["funeral"]["role"]) == (4, "background")
        assert told["funeral"]["quote"] == FUNERAL_QUOTE
        assert sorted(r["events"]) == ["e-funeral", "e-news"]
        # What the store filters on is the news report's too.
        assert [x["event_id"] for x in store.incidents()] == [r["event_id"]]
        with store.engine.connect() as conn:
            q = sa.text("SELECT event_date, fatalities FROM incidents")
            [(day, fatalities)] = conn.execute(q).all()
        assert (str(day)[:10], fatalities) == ("2024-09-08", 6)


def test_a_later_larger_figure_of_a_recalling_report_supersedes_nothing(store_url: str) -> None:
    with Store(store_url) as store:
        store.add(*attack_report())
        store.add(*funeral_report(fatalities=9))
        [r] = store.incidents()
        assert (r["fatalities"], r["fatalities_low"], r["fatalities_high"]) == (6, None, None)
        told = {f["doc_id"]: f for f in r["figures"]["fatalities"]}
        assert not told["news"]["superseded"]
        assert told["funeral"]["role"] == "background"


def test_reports_that_recall_an_attack_give_it_no_date_however_many(store_url: str) -> None:
    with Store(store_url) as store:
        store.add(*attack_report())
        for n in (1, 2):
            _, [rec] = funeral_report()
            report = doc(f"funeral{n}", "2024-09-10", FUNERAL, outlet=f"Outlet {n}")
            store.add(report, [{**rec, "event_id": f"e-funeral{n}", "sub_event_type": "Attack"}])
        [r] = store.incidents()
        assert sources(r) == ["funeral1", "funeral2", "news"]
        assert (r["event_date"], r["sub_event_type"], r["fatalities"]) == (
            "2024-09-08",
            "Armed clash",
            6,
        )
        assert [s["role"] for s in r["sources"]].count("background") == 2


def test_an_incident_known_only_from_a_recalling_report_is_read_from_it(store_url: str) -> None:
    with Store(store_url) as store:
        store.add(*funeral_report())
        [r] = store.incidents()
        assert sources(r) == ["funeral"]
        assert r["event_date"] == "2024-09-10"
        assert r["fatalities"] == 4
        assert (r["event_type"], r["location"]) == ("Battles", "Aktobe")
        [figure] = r["figures"]["fatalities"]
        assert (figure["value"], figure["superseded"]) == (4, False)


def test_relink_keeps_a_recalling_report_as_background(store_url: str) -> None:
    with Store(store_url) as store:
        store.add(*funeral_report())
        store.add(*attack_report())
        store.relink()
        [r] = store.incidents()
        assert (r["event_date"], r["fatalities"]) == ("2024-09-08", 6)
        assert {s["doc_id"]: s["role"] for s in r["sources"]} == {
            "news": "news",
            "funeral": "background",
        }


# ---- claimants ---------------------------------------------------------------------------

MINISTRY_1 = (
    "AKTOBE, Sept 8 - Gunmen stormed an army unit in Aktobe on Sunday. The Defence Ministry "
    "said 19 soldiers were killed, among them Colonel Nurlan Zhaksylykov."
)
MINISTRY_2 = (
    "AKTOBE, Sept 9 - Governor Yerlan Saparbayev condemned Sunday's assault on the army unit "
    "in Aktobe where Colonel Nurlan Zhaksylykov died. The Defence Ministry revised the toll, "
    "saying 17 soldiers were killed."
)
HOSPITAL = (
    "AKTOBE, Sept 8 - Doctors at the Aktobe regional hospital said 23 bodies were brought in "
    "after gunmen stormed an army unit on Sunday, including Colonel Nurlan Zhaksylykov."
)


def claimed(
    doc_id: str, published: str, text: str, value: int, quote: str, claims: list[dict[str, str]]
) -> tuple[NewDocument, list[dict[str, Any]]]:
    report = doc(doc_id, published, text, outlet=f"Outlet {doc_id}")
    return report, [event(f"e-{doc_id}", "2024-09-08", value, quote=quote, claims=claims)]


def ministry_day_1() -> tuple[NewDocument, list[dict[str, Any]]]:
    told = "The Defence Ministry said 19 soldiers were killed"
    return claimed(
        "m1", "2024-09-08", MINISTRY_1, 19, "19 soldiers were killed",
        [{"claimant": "the Defence Ministry", "quote": told}],
    )  # fmt: skip


def ministry_day_2() -> tuple[NewDocument, list[dict[str, Any]]]:
    # The report's first claim is the governor's; the toll is the ministry's, as its quote says.
    return claimed(
        "m2", "2024-09-09", MINISTRY_2, 17, "saying 17 soldiers were killed",
        [
            {"claimant": "Yerlan Saparbayev", "quote": "Governor Yerlan Saparbayev condemned"},
            {
                "claimant": "the defence  ministry",  # spelled otherwise: one claimant
                "quote": "The Defence Ministry revised the toll, saying 17 soldiers were killed",
            },
        ],
    )  # fmt: skip


def hospital_day_1() -> tuple[NewDocument, list[dict[str, Any]]]:
    told = "Doctors at the Aktobe regional hospital said 23 bodies were brought in"
    return claimed(
        "h1", "2024-09-08", HOSPITAL, 23, "23 bodies were brought in",
        [{"claimant": "hospital doctors", "quote": told}],
    )  # fmt: skip


def test_a_claimants_later_lower_figure_supersedes_its_own_earlier_one(store_url: str) -> None:
    with Store(store_url) as store:
        store.add(*ministry_day_1())
        store.add(*ministry_day_2())
        [r] = store.incidents()
        assert sources(r) == ["m1", "m2"]
        assert (r["fatalities"], r["fatalities_low"], r["fatalities_high"]) == (17, None, None)
        told = [(f["value"], f["claimant"], f["superseded"]) for f in r["figures"]["fatalities"]]
        assert told == [
            (19, "the Defence Ministry", True),
            (17, "the defence  ministry", False),
        ]


def test_two_claimants_current_figures_give_a_range(store_url: str) -> None:
    with Store(store_url) as store:
        for report in (ministry_day_1(), hospital_day_1(), ministry_day_2()):
            store.add(*report)
        [r] = store.incidents()
        assert sources(r) == ["h1", "m1", "m2"]
        # The ministry's 19 is superseded by its own 17; the hospital's 23 stands, for a lower
        # figure of another claimant supersedes nothing.
        assert (r["fatalities"], r["fatalities_low"], r["fatalities_high"]) == (17, 17, 23)
        told = {f["doc_id"]: (f["value"], f["superseded"]) for f in r["figures"]["fatalities"]}
        assert told == {"m1": (19, True), "h1": (23, False), "m2": (17, False)}


# ---- relink ------------------------------------------------------------------------------

RU_ATTACK = (
    "АКТОБЕ, 8 сентября — Вооруженные люди напали в воскресенье на воинскую часть в Актобе. "
    "По словам акима области Ерлана Сапарбаева, погибли шесть военнослужащих."
)


def test_relink_reads_the_link_features_again(store_url: str) -> None:
    report = doc("ru", "2024-09-08", RU_ATTACK, language="ru")
    assert f"{PLACE_PREFIX}{AKTOBE_KEY}" in report.terms
    with Store(store_url) as store:
        store.add(report, [event("e-ru", "2024-09-08", 6, language="ru")])
        store.add(*attack_report())
        with store.engine.begin() as conn:
            fresh = {
                row.id: row.link for row in conn.execute(sa.select(events.c.id, events.c.link))
            }
            # As a store coded by an earlier version holds them: no language, no place id,
            # and words read by the English rules.
            for pk, link in fresh.items():
                stale = {k: v for k, v in link.items() if k not in ("language", "geonames_id")}
                stale["terms"] = {"stale": 5.0}
                conn.execute(events.update().where(events.c.id == pk).values(link=stale))
            conn.execute(
                documents.update()
                .where(documents.c.doc_id == "ru")
                .values(terms={"stale": 5.0, f"{PLACE_PREFIX}{AKTOBE_KEY}": 3.0})
            )
        store.relink()
        with store.engine.connect() as conn:
            links = {
                row.id: row.link for row in conn.execute(sa.select(events.c.id, events.c.link))
            }
            terms = conn.execute(
                sa.select(documents.c.terms).where(documents.c.doc_id == "ru")
            ).scalar_one()
        assert links == fresh
        by_language = {link["language"]: link for link in links.values()}
        assert set(by_language) == {"ru", "en"}
        assert by_language["ru"]["geonames_id"] == AKTOBE_ID
        assert "saparbaeva" in by_language["ru"]["terms"]
        assert "stale" not in terms
        assert terms[f"{PLACE_PREFIX}{AKTOBE_KEY}"] > 0
        assert "saparbaeva" in terms
        [r] = store.incidents()
        assert sources(r) == ["news", "ru"]


# ---- the coder ---------------------------------------------------------------------------

MEMORIAL = (
    "Hundreds gathered in Kidal on Thursday to mark one year since gunmen killed seven people "
    "at a market in the city."
)
RU_FUNERAL = (
    "В Актобе во вторник похоронили четверых военнослужащих, погибших при нападении на "
    "воинскую часть в минувшее воскресенье."
)
ORDINARY = "Gunmen killed seven people at a market in Kidal on Wednesday, local officials said."


@pytest.mark.slow
def test_a_memorial_yields_no_event_and_recalls_the_killing(code_text: CodeText) -> None:
    a = code_text(MEMORIAL)
    assert a.events == [], [e.as_dict() for e in a.events]
    assert a.recalled
    assert {e.location for e in a.recalled} == {"Kidal"}
    assert all(e.event_date != a.published for e in a.recalled)


@pytest.mark.slow
def test_a_russian_funeral_yields_no_event_and_recalls_the_attack(code_text: CodeText) -> None:
    a = code_text(RU_FUNERAL)
    assert a.language == "ru"
    assert a.events == [], [e.as_dict() for e in a.events]
    [recalled] = a.recalled
    assert recalled.location == "Aktobe"
    assert recalled.fatalities == 4
    assert recalled.language == "ru"


@pytest.mark.slow
def test_a_recalled_attack_takes_the_day_its_own_words_give(code_text: CodeText) -> None:
    # Published on Thursday 14 March 2024: the funeral was on Tuesday the 12th, the attack
    # "last Sunday", the 10th. The recalled event is the attack, not the funeral.
    [recalled] = code_text(RU_FUNERAL, published=date(2024, 3, 14)).recalled
    assert recalled.event_date in (date(2024, 3, 10), None)


@pytest.mark.slow
def test_extract_writes_recalled_events_beside_events(tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    lines = [
        {"doc_id": "funeral", "text": RU_FUNERAL, "published": "2024-09-12"},
        {"doc_id": "ordinary", "text": ORDINARY, "published": "2024-09-12"},
    ]
    batch.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), "utf-8")
    result = CliRunner().invoke(main, ["extract", str(batch), "--format", "jsonl", "--quiet"])
    assert result.exit_code == 0, result.output
    out = {x["doc_id"]: x for x in map(json.loads, result.stdout.splitlines())}
    assert out["funeral"]["events"] == []
    [recalled] = out["funeral"]["recalled"]
    assert (recalled["location"], recalled["fatalities"]) == ("Aktobe", 4)
    assert out["ordinary"]["events"]
    assert "recalled" not in out["ordinary"]
