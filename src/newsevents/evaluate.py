"""Scoring the coder against annotated reports (`newsevents eval`).

The figures are those of the team's yardstick, shared/eval/score.py, computed here by the
project's own code: the same names, the same reports counted in each (n) and the same values,
so that a user's own annotated reports are scored as the project's evaluation sets are.

A gold record is one JSONL line `{"doc_id", "dataset", "text", "gold": {...}}`; its
`dataset` says how it is scored:

- a name starting with "wire": the report coded whole (every event an ACLED coder would code
  from it, or `no_event`), each gold event matched to at most one coded event of its day and
  place (`_score_whole`);
- any other name, with a list of hand-coded specs under `gold.events` (the seed article):
  each wanted event found, each forbidden one avoided (`_score_specs`);
- any other name: the report tells one event (GVA, ACLED, CASE 2021 and records like
  theirs), the coded event closest to the gold in date and place is compared with it field
  by field (`_score_single`). "case" records with no event type want no event; the actor
  types are scored for "acled" only, the arrests for "gva" only, as score.py does.

Each figure is a share of the reports (or gold events, or coded events, or evidence quotes)
where it applies; n says how many. The scoring functions take gold records and events and do
no I/O; `read_gold`, `read_predictions` and `read_incidents` read the files.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, cast

from newsevents.errors import InputError
from newsevents.output import printable

Event = dict[str, Any]

# Gold country names a plain ISO lookup would miss (score.py's list: the same names give the
# same codes).
COUNTRY_CODES = {
    "united states": "USA",
    "usa": "USA",
    "us": "USA",
    "united kingdom": "GBR",
    "uk": "GBR",
    "russia": "RUS",
    "syria": "SYR",
    "iran": "IRN",
    "south korea": "KOR",
    "north korea": "PRK",
    "democratic republic of congo": "COD",
    "dr congo": "COD",
    "republic of congo": "COG",
    "ivory coast": "CIV",
    "cote d'ivoire": "CIV",
    "palestine": "PSE",
    "vietnam": "VNM",
    "laos": "LAO",
    "bolivia": "BOL",
    "venezuela": "VEN",
    "tanzania": "TZA",
    "moldova": "MDA",
    "kosovo": "XKX",
    "turkey": "TUR",
    "czech republic": "CZE",
    "eswatini": "SWZ",
}
# How far a coded day may be from a gold event's, by the gold's time_precision.
DAYS_OF_PRECISION = {1: 1, 2: 7, 3: 31}
COUNT_FIELDS = ("fatalities", "injuries", "arrests")


@dataclass(frozen=True)
class GoldReport:
    """One annotated report: its line in the gold file (`where`), the dataset that says how
    it is scored, the gold record and the text its evidence quotes must come from (None for
    a report given as HTML only: its quotes are then not checked)."""

    doc_id: str
    dataset: str
    gold: dict[str, Any]
    text: str | None
    where: str


@dataclass(frozen=True)
class Figure:
    value: float
    n: int


class Tally:
    """Hits and counts by figure name."""

    def __init__(self) -> None:
        self.hits: dict[str, int] = {}
        self.n: dict[str, int] = {}

    def add(self, name: str, ok: object) -> None:
        self.n[name] = self.n.get(name, 0) + 1
        self.hits[name] = self.hits.get(name, 0) + bool(ok)

    def merge(self, other: Tally) -> None:
        for name, n in other.n.items():
            self.n[name] = self.n.get(name, 0) + n
            self.hits[name] = self.hits.get(name, 0) + other.hits[name]

    def figures(self) -> dict[str, Figure]:
        return {name: Figure(self.hits[name] / n, n) for name, n in sorted(self.n.items())}


@dataclass
class Scorecard:
    """The figures by dataset, how many gold reports were scored, how many had no
    prediction, and the gold reports that could not be scored (each one line: where, why)."""

    datasets: dict[str, dict[str, Figure]] = field(default_factory=dict)
    scored: int = 0
    missing: int = 0
    errors: list[str] = field(default_factory=list)


# ---- reading values the way the yardstick does ----------------------------------------


def _norm(value: object) -> str:
    """Lower-case ASCII words: 'Côte d'Ivoire' and 'cote d ivoire' are one name."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _iso3(name: object) -> str | None:
    """A country name's ISO 3166 alpha-3 code, or None."""
    if not name:
        return None
    known = COUNTRY_CODES.get(_norm(name))
    if known is not None:
        return known
    import pycountry

    try:
        code: str = pycountry.countries.lookup(cast(str, name)).alpha_3
    except Exception:  # pycountry raises LookupError, and others on odd values: not a country
        return None
    return code


def _country(record: Mapping[str, Any]) -> Any:
    """A record's country code: its iso3, else its country name's."""
    return record.get("iso3") or _iso3(record.get("country"))


def _km(a_lat: float, a_lon: float, b_lat: float, b_lon: float) -> float:
    """Great-circle distance (haversine, Earth radius 6371 km)."""
    p1, p2 = math.radians(a_lat), math.radians(b_lat)
    dp, dl = p2 - p1, math.radians(b_lon - a_lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _distance(gold: Mapping[str, Any], ev: Mapping[str, Any]) -> float:
    return _km(gold["latitude"], gold["longitude"], ev["latitude"], ev["longitude"])


def _day(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except (TypeError, ValueError):
        return None


def _count(value: object) -> int | None:
    try:
        return None if value is None else int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None


def _coded(ev: Mapping[str, Any], name: str) -> int:
    """A coded count, 0 where the coder gives none."""
    return _count(ev.get(name)) or 0


def _actor_pair(ev: Mapping[str, Any]) -> list[int]:
    return sorted([_coded(ev, "inter1"), _coded(ev, "inter2")])


def _evidence(tally: Tally, events: list[Event], text: str | None) -> None:
    """Each evidence quote found in the report's text (whitespace aside)."""
    if text is None:
        return
    flat = " ".join(text.split())
    for ev in events:
        for quoted in ev.get("evidence") or []:
            quote = quoted.get("quote")
            if quote:
                tally.add("evidence_in_text", " ".join(quote.split()) in flat)


# ---- one event per report (GVA, ACLED, CASE) --------------------------------------------


def _closeness(ev: Mapping[str, Any], g: Mapping[str, Any]) -> int:
    """How well a coded event lines up with the gold on when and where (not on counts)."""
    s = 0
    gd, pd = _day(g.get("event_date")), _day(ev.get("event_date"))
    if gd and pd and abs((gd - pd).days) <= 1:
        s += 2
    if g.get("latitude") is not None and ev.get("latitude") is not None:
        s += 2 if _distance(g, ev) <= 50 else 0
    elif g.get("location") and _norm(g["location"]) == _norm(ev.get("location")):
        s += 2
    if g.get("sub_event_type") and g["sub_event_type"] == ev.get("sub_event_type"):
        s += 1
    return s


def _score_single(tally: Tally, report: GoldReport, events: list[Event]) -> None:
    g, dataset = report.gold, report.dataset
    if dataset == "case" and g.get("event_type") is None:
        tally.add("no_event_when_none", not events)
        return
    tally.add("detected", bool(events))
    _evidence(tally, events, report.text)
    # max() keeps the first of equally close events, as the yardstick does.
    ev: Event = max(events, key=lambda e: _closeness(e, g)) if events else {}
    for name in ("event_type", "sub_event_type"):
        if g.get(name):
            tally.add(name, ev.get(name) == g[name])
    if g.get("inter1") is not None and dataset == "acled":
        tally.add("actor_types", _actor_pair(ev) == sorted([g["inter1"], g.get("inter2") or 0]))
    gd, pd = _day(g.get("event_date")), _day(ev.get("event_date"))
    if gd:
        tally.add("date_exact", pd == gd)
        tally.add("date_within_1d", pd is not None and abs((pd - gd).days) <= 1)
    wanted = _country(g)
    if wanted:
        tally.add("country", _country(ev) == wanted)
    if g.get("admin1"):
        tally.add("admin1", _norm(ev.get("admin1")) == _norm(g["admin1"]))
    if g.get("latitude") is not None:
        placed = ev.get("latitude") is not None and ev.get("longitude") is not None
        d = _distance(g, ev) if placed else None
        tally.add("within_25km", d is not None and d <= 25)
        tally.add("within_161km", d is not None and d <= 161)
    if g.get("fatalities") is not None and g.get("fatalities_scorable", True):
        killed = _coded(ev, "fatalities")
        tally.add("fatalities_exact", killed == g["fatalities"])
        tally.add("fatalities_zero_vs_nonzero", (killed > 0) == (g["fatalities"] > 0))
    if g.get("injuries") is not None:
        tally.add("injuries_exact", _coded(ev, "injuries") == g["injuries"])
    if g.get("arrests") is not None and dataset == "gva":
        tally.add("arrests_exact", _coded(ev, "arrests") == g["arrests"])


# ---- hand-coded specs (the seed article) ------------------------------------------------


def _fits(ev: Mapping[str, Any], spec: Mapping[str, Any]) -> bool:
    """Does one coded event meet a spec: its day (within one), a span of days, its country,
    within 25 km of a point, one of its types, its counts exact or within bounds?"""
    pd = _day(ev.get("event_date"))
    if spec.get("event_date"):
        wanted = _day(spec["event_date"])
        if pd is None or abs((pd - wanted).days) > 1:  # type: ignore[operator]
            return False
    if spec.get("event_date_from") and (
        pd is None or not _day(spec["event_date_from"]) <= pd <= _day(spec["event_date_to"])  # type: ignore[operator]
    ):
        return False
    if spec.get("iso3") and _country(ev) != spec["iso3"]:
        return False
    if spec.get("latitude") is not None and (
        ev.get("latitude") is None
        or _km(spec["latitude"], spec["longitude"], ev["latitude"], ev["longitude"]) > 25
    ):
        return False
    if spec.get("event_type") and ev.get("event_type") not in spec["event_type"]:
        return False
    for name in COUNT_FIELDS:
        v = _coded(ev, name)
        if name in spec and v != spec[name]:
            return False
        if name + "_min" in spec and v < spec[name + "_min"]:
            return False
        if name + "_max" in spec and v > spec[name + "_max"]:
            return False
    return True


def _group_fits(events: list[Event], spec: Mapping[str, Any]) -> bool:
    """A spec over every event of one day (and near one point): their counts add up."""
    day = _day(spec["events_on"])
    chosen = [e for e in events if _day(e.get("event_date")) == day]
    if spec.get("near"):
        lat, lon = spec["near"]
        chosen = [
            e
            for e in chosen
            if e.get("latitude") is not None and _km(lat, lon, e["latitude"], e["longitude"]) <= 25
        ]
    if not chosen:
        return False
    if spec.get("event_type_any") and not any(
        e.get("event_type") in spec["event_type_any"] for e in chosen
    ):
        return False
    for name in COUNT_FIELDS:
        total = sum(_coded(e, name) for e in chosen)
        if name + "_sum" in spec and total != spec[name + "_sum"]:
            return False
        if name + "_sum_min" in spec and total < spec[name + "_sum_min"]:
            return False
        if name + "_sum_max" in spec and total > spec[name + "_sum_max"]:
            return False
    return True


def _spec_fits(events: list[Event], spec: Mapping[str, Any]) -> bool:
    if "events_on" in spec:
        return _group_fits(events, spec)
    return any(_fits(e, spec) for e in events)


def _score_specs(tally: Tally, g: Mapping[str, Any], events: list[Event]) -> None:
    for spec in g["events"]:
        tally.add("found:" + spec["name"], _spec_fits(events, spec))
    for spec in g.get("forbidden", []):
        tally.add("avoided:" + spec["name"], not _spec_fits(events, spec))


# ---- reports coded whole (the wire format) ----------------------------------------------


def _place_ok(ev: Mapping[str, Any], g: Mapping[str, Any]) -> bool:
    """Within 50 km of the gold's town, or in its country where the gold knows only a region
    or the country (geo_precision 3)."""
    if (g.get("geo_precision") or 1) < 3 and g.get("latitude") is not None:
        return ev.get("latitude") is not None and _distance(g, ev) <= 50
    wanted = _country(g)
    return wanted is not None and _country(ev) == wanted


def _in_cell(ev: Mapping[str, Any], g: Mapping[str, Any]) -> bool:
    """Could the coded event be (part of) the gold event: its day and its place? An event
    with no place at all is placed anywhere."""
    gd, pd = _day(g.get("event_date")), _day(ev.get("event_date"))
    days = DAYS_OF_PRECISION.get(g.get("time_precision") or 1, 1)
    if gd is None or pd is None or abs((pd - gd).days) > days:
        return False
    placed = ev.get("latitude") is not None or ev.get("iso3") or ev.get("country")
    return _place_ok(ev, g) or not placed


def _match(gold_events: list[dict[str, Any]], events: list[Event]) -> dict[int, int]:
    """Each gold event's coded event (by index), greedily from the best-agreeing pair: the
    place counts most, then the type, the sub-type and the death toll."""
    pairs = []
    for gi, ge in enumerate(gold_events):
        for pi, pe in enumerate(events):
            if _in_cell(pe, ge):
                agree = (
                    4 * _place_ok(pe, ge)
                    + 2 * (pe.get("event_type") == ge.get("event_type"))
                    + (pe.get("sub_event_type") == ge.get("sub_event_type"))
                    + (_coded(pe, "fatalities") == (ge.get("fatalities") or 0))
                )
                pairs.append((-agree, gi, pi))
    match: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, pi in sorted(pairs):
        if gi not in match and pi not in used:
            match[gi] = pi
            used.add(pi)
    return match


def _score_whole(tally: Tally, report: GoldReport, events: list[Event]) -> None:
    g = report.gold
    _evidence(tally, events, report.text)
    if g.get("no_event"):
        tally.add("no_event_when_none", not events)
        return
    gold_events = g["events"]
    match = _match(gold_events, events)
    for gi, ge in enumerate(gold_events):
        ev = events[match[gi]] if gi in match else {}
        tally.add("event_found", gi in match)
        tally.add("event_type", ev.get("event_type") == ge["event_type"])
        tally.add("sub_event_type", ev.get("sub_event_type") == ge["sub_event_type"])
        gold_pair = sorted([ge.get("inter1") or 0, ge.get("inter2") or 0])
        tally.add("actor_types", _actor_pair(ev) == gold_pair)
        tally.add("date_exact", _day(ev.get("event_date")) == _day(ge["event_date"]))
        wanted = _country(ge)
        if wanted:
            tally.add("country", _country(ev) == wanted)
        town = (ge.get("geo_precision") or 1) < 3
        if ge.get("admin1") and town:
            tally.add("admin1", _norm(ev.get("admin1")) == _norm(ge["admin1"]))
        if ge.get("latitude") is not None and town:
            placed = ev.get("latitude") is not None
            tally.add("within_25km", placed and _distance(ge, ev) <= 25)
        tally.add("fatalities_exact", _coded(ev, "fatalities") == (ge.get("fatalities") or 0))
        for name in ("injuries", "arrests"):
            if ge.get(name) is not None:
                tally.add(name + "_exact", _coded(ev, name) == ge[name])
    matched = set(match.values())
    for pi, pe in enumerate(events):
        tally.add("event_precision", pi in matched or any(_in_cell(pe, ge) for ge in gold_events))


# ---- scoring ----------------------------------------------------------------------------


def score_report(report: GoldReport, events: list[Event]) -> Tally:
    """The figures one gold report gives against the events coded for it. A gold record of
    a shape its format does not have raises (KeyError, TypeError, ...)."""
    tally = Tally()
    if report.dataset.startswith("wire"):
        _score_whole(tally, report, events)
    elif "events" in report.gold:
        _score_specs(tally, report.gold, events)
    else:
        _score_single(tally, report, events)
    return tally


def score(pairs: Iterable[tuple[GoldReport, list[Event] | None]]) -> Scorecard:
    """The figures of gold reports, each with the events coded for it (None: no prediction
    for it, counted as missing). A report that cannot be scored is listed in `errors` with
    why, and adds nothing."""
    tallies: dict[str, Tally] = {}
    card = Scorecard()
    for report, events in pairs:
        if events is None:
            card.missing += 1
            continue
        try:
            tally = score_report(report, events)
        except Exception as e:  # a record of the wrong shape: this report, not the run
            card.errors.append(
                f"{report.where}: cannot score {printable(report.doc_id)}: "
                f"{type(e).__name__}: {printable(e)}"
            )
            continue
        tallies.setdefault(report.dataset, Tally()).merge(tally)
        card.scored += 1
    card.datasets = {name: tallies[name].figures() for name in sorted(tallies)}
    return card


def by_doc_id(
    reports: Iterable[GoldReport], predictions: Mapping[str, list[Event]]
) -> Iterator[tuple[GoldReport, list[Event] | None]]:
    """Each gold report with the predicted events of its doc_id (None where there are none)."""
    for report in reports:
        yield report, predictions.get(report.doc_id)


def score_clusters(
    incidents: Iterable[Mapping[str, Any]], reports: Iterable[GoldReport]
) -> dict[str, float | int]:
    """Cross-report merging, pairwise: two reports are a pair when their gold incident ids
    are one, and a predicted pair when one incident lists both among its sources; precision,
    recall and F1 of the predicted pairs, with how many gold pairs there are, how many gold
    reports some incident lists, and how many reports have a gold incident id."""
    incident_of = {r.doc_id: r.gold.get("incident_id") for r in reports}
    gold = {doc: inc for doc, inc in incident_of.items() if inc}
    placed: dict[str, set[int]] = {}
    for n, incident in enumerate(incidents):
        for source in incident.get("sources") or []:
            if source.get("doc_id") in gold:
                placed.setdefault(source["doc_id"], set()).add(n)
    by_incident: dict[Any, list[str]] = {}
    for doc in sorted(gold):
        by_incident.setdefault(gold[doc], []).append(doc)
    by_predicted: dict[int, list[str]] = {}
    for doc, ns in placed.items():
        for n in ns:
            by_predicted.setdefault(n, []).append(doc)
    gold_pairs = {pair for docs in by_incident.values() for pair in _pairs(docs)}
    predicted = {pair for docs in by_predicted.values() for pair in _pairs(sorted(docs))}
    tp = len(gold_pairs & predicted)
    fp, fn = len(predicted - gold_pairs), len(gold_pairs - predicted)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {
        "pairwise_precision": p,
        "pairwise_recall": r,
        "pairwise_f1": 2 * p * r / (p + r) if p + r else 0.0,
        "gold_pairs": len(gold_pairs),
        "docs_placed": len(placed),
        "docs": len(gold),
    }


def _pairs(docs: list[str]) -> Iterator[tuple[str, str]]:
    for i, a in enumerate(docs):
        for b in docs[i + 1 :]:
            yield a, b


# ---- showing the figures ----------------------------------------------------------------


def table(card: Scorecard, clusters: Mapping[str, float | int] | None = None) -> str:
    """The figures as score.py prints them: a block per dataset, a figure a line with its n."""
    lines = []
    for dataset, figures in card.datasets.items():
        lines.append(f"[{printable(dataset)}]")
        for name, f in figures.items():
            lines.append(f"  {printable(name):28s} {f.value:6.3f}  (n={f.n})")
    if card.missing:
        lines.append(f"documents with no prediction line: {card.missing}")
    if clusters is not None:
        lines.append("[clusters]")
        for name, v in clusters.items():
            lines.append(f"  {name:22s} {v:.3f}" if isinstance(v, float) else f"  {name:22s} {v}")
    return "".join(line + "\n" for line in lines)


def as_json(card: Scorecard, clusters: Mapping[str, float | int] | None = None) -> dict[str, Any]:
    """The figures as data: {"datasets": {NAME: {FIGURE: {"value", "n"}}}, "reports_scored",
    "missing_predictions", and "clusters" when incidents were scored}."""
    out: dict[str, Any] = {
        "datasets": {
            dataset: {name: {"value": f.value, "n": f.n} for name, f in figures.items()}
            for dataset, figures in card.datasets.items()
        },
        "reports_scored": card.scored,
        "missing_predictions": card.missing,
    }
    if clusters is not None:
        out["clusters"] = dict(clusters)
    return out


# ---- reading the files ------------------------------------------------------------------


def _record(line: str, where: str) -> dict[str, Any]:
    try:
        line.encode("utf-8")
    except UnicodeEncodeError as e:
        raise InputError(where, "not UTF-8 text") from e
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        raise InputError(where, f"not JSON: {e.msg} (column {e.colno})") from e
    if not isinstance(record, dict):
        raise InputError(where, f"a JSON {type(record).__name__}, not an object")
    return record


def gold_report(line: str, where: str) -> GoldReport:
    """One gold line, or an InputError saying what is wrong with it and where."""
    record = _record(line, where)
    if not isinstance(record.get("doc_id"), str):
        raise InputError(where, 'no "doc_id" string')
    if not isinstance(record.get("dataset"), str) or not record["dataset"]:
        raise InputError(where, 'no "dataset" name (gva, acled, case, seed, wire_en ...)')
    if not isinstance(record.get("gold"), dict):
        raise InputError(where, 'no "gold" object')
    text = record.get("text")
    if text is not None and not isinstance(text, str):
        raise InputError(where, f'"text" must be a string, not {type(text).__name__}')
    return GoldReport(record["doc_id"], record["dataset"], record["gold"], text, where)


def _lines(path: Path) -> Iterator[tuple[str, str]]:
    """(where, line) for each non-blank line, split as `extract --input` splits them."""
    try:
        handle = path.open(encoding="utf-8", errors="surrogateescape")
    except OSError as e:
        raise InputError(str(path), e.strerror or "cannot open") from e
    with handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield f"{path} line {number}", line.strip()


def read_gold(path: Path) -> Iterator[GoldReport | InputError]:
    """One entry per non-blank line of a gold file, in order: the gold report, or why the
    line cannot be read. Raises InputError when the file cannot be opened."""
    for where, line in _lines(path):
        try:
            yield gold_report(line, where)
        except InputError as e:
            yield e


def read_predictions(path: Path) -> Iterator[tuple[str, list[Event]] | InputError]:
    """(doc_id, events) for each line of `extract`'s JSONL output, or why a line cannot be
    read. Lines with no doc_id (extract's record of an input it could not read) are passed
    over. Raises InputError when the file cannot be opened."""
    for where, line in _lines(path):
        try:
            record = _record(line, where)
            doc_id, events = record.get("doc_id"), record.get("events") or []
            if doc_id is None:
                continue
            if not isinstance(doc_id, str):
                raise InputError(where, f'"doc_id" must be a string, not {type(doc_id).__name__}')
            if not isinstance(events, list) or not all(isinstance(e, dict) for e in events):
                raise InputError(where, '"events" must be a list of objects')
        except InputError as e:
            yield e
            continue
        yield doc_id, events


def read_incidents(path: Path) -> Iterator[dict[str, Any] | InputError]:
    """Each incident of `export --format jsonl` (one object a line, with "sources"), or why a
    line cannot be read. Raises InputError when the file cannot be opened."""
    for where, line in _lines(path):
        try:
            record = _record(line, where)
            sources = record.get("sources") or []
            if not isinstance(sources, list) or not all(isinstance(s, dict) for s in sources):
                raise InputError(where, '"sources" must be a list of objects')
        except InputError as e:
            yield e
            continue
        yield record
