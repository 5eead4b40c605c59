"""One incident as an analyst reads it (`newsevents show`): its coded fields (those an analyst
set by hand marked, with the machine's values), every report it was read from, every figure
with its claimant and quote, every evidence quote in the words around it in its own report,
the story it belongs to with the story's other incidents, and its review history (audit).

`show(store, id)` gathers it all into one plain dict (what `--format json` writes);
`table(shown)` writes it for a person to read. An id is an incident's (`ni-...`) or a
report's event's (`ne-...`): an event is shown as the coder wrote it, with its report, and
then the incident it belongs to.

Report text is what strangers wrote: the table shows it through `output.printable`, so no
escape sequence or control character in a report reaches the terminal; the JSON keeps it
exact (with the characters a terminal could act on written as \\u escapes).
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from newsevents.ingest.clean import fit_text
from newsevents.model import EVENT_FIELDS
from newsevents.output import counted, printable
from newsevents.store import Store, pins
from newsevents.store.schema import documents, events, incidents, stories

CONTEXT = 60  # characters of the report shown on each side of an evidence quote
# The record's fields shown as the coded fields (the rest have sections of their own).
_OWN_SECTIONS = {"event_id", "evidence", "sources", "figures", "review"}
# What `show` gives at its top level, with more than the incident's record has (each source
# its language, each quote its context), and so leaves out of `incident`.
_SHOWN_APART = ("sources", "figures", "evidence")
FIELDS = tuple(f for f in EVENT_FIELDS if f not in _OWN_SECTIONS)
# What the table names first for each source and figure; any other key follows, as it is.
_SOURCE_KEYS = ("doc_id", "outlet", "language", "published", "role", "title", "url")
_FIGURE_KEYS = ("value", "superseded", "claimant", "doc_id", "published", "quote", "role")
# The longest id the store holds (incidents.incident_id and events.event_id are String(64)).
_ID_MAX = max(
    getattr(c.type, "length", 0) or 0 for c in (incidents.c.incident_id, events.c.event_id)
)


def show(store: Store, ident: str) -> dict[str, Any] | None:
    """The incident `ident` names (an incident id, or the id of one of its events) with its
    sources, figures, evidence in context and story; None where the store has no such id.

    Keys: `id`, `kind` ("incident" or "event"), `incident` (its record, with `story_id`,
    `n_sources` and `updated_at`, less what follows; None for an event not linked to any),
    `event` (only for an event id: `record` as the coder wrote it and `report`, its report),
    `sources` (each with its report's `language`), `figures`, `evidence` (each quote with its
    `doc_id` and `context`), `story` and `story_incidents` (the story's other incidents), and
    `audit`, the incident's review history (review.audit), oldest first. The incident's
    `status` is "machine", "reviewed" or "rejected"; its `review` (None where no one reviewed
    it) names the fields set by hand and the machine's values of them."""
    ident = ident.strip()
    # No stored id is longer, holds a NUL or a lone surrogate (PostgreSQL would refuse to
    # compare with one): such an id names nothing, and is not sent to the database.
    if not ident or len(ident) > _ID_MAX or fit_text(ident) != ident:
        return None
    with store.reading() as conn:
        inc = conn.execute(
            sa.select(incidents.c.id)
            .where(incidents.c.incident_id == ident)
            .order_by(incidents.c.id)
        ).scalar()
        if inc is not None:
            return {"id": ident, "kind": "incident", **_incident(conn, inc)}
        event = conn.execute(
            sa.select(
                events.c.record,
                events.c.incident_id,
                documents.c.doc_id,
                documents.c.outlet,
                documents.c.language,
                documents.c.published,
                documents.c.title,
                documents.c.url,
            )
            .join(documents, events.c.document_id == documents.c.id)
            .where(events.c.event_id == ident)
        ).first()
        if event is None:
            return None
        report = {
            "doc_id": event.doc_id,
            "outlet": event.outlet,
            "language": event.language,
            "published": _iso(event.published),
            "title": event.title,
            "url": event.url,
        }
        out: dict[str, Any] = {
            "id": ident,
            "kind": "event",
            "event": {"record": dict(event.record), "report": report},
            **_incident(conn, event.incident_id),
        }
        if out["incident"] is None:  # not linked (yet): its own report and evidence
            out["sources"] = [report]
            evidence = event.record.get("evidence") or []
            out["evidence"] = _in_context(conn, evidence, {_key(e): event.doc_id for e in evidence})
    return out


def _incident(conn: Connection, pk: int | None) -> dict[str, Any]:
    """The incident's part of what `show` returns."""
    parts: dict[str, Any] = {
        "incident": None,
        "sources": [],
        "figures": {},
        "evidence": [],
        "story": None,
        "story_incidents": [],
        "audit": [],
    }
    if pk is None:
        return parts
    row = conn.execute(
        sa.select(
            incidents.c.record,
            incidents.c.story_id,
            incidents.c.n_sources,
            incidents.c.updated_at,
            stories.c.story_id.label("story"),
            stories.c.record.label("story_record"),
        )
        .outerjoin(stories, incidents.c.story_id == stories.c.id)
        .where(incidents.c.id == pk)
    ).one()
    record = dict(row.record)
    parts["incident"] = {
        **{k: v for k, v in record.items() if k not in _SHOWN_APART},
        "story_id": row.story,
        "n_sources": row.n_sources,
        "updated_at": _unix(row.updated_at),
    }
    sources = [dict(s) for s in record.get("sources") or []]
    languages = dict(
        conn.execute(
            sa.select(documents.c.doc_id, documents.c.language).where(
                documents.c.doc_id.in_([s.get("doc_id") for s in sources])
            )
        ).all()
    )
    parts["sources"] = [
        {**s, "language": s.get("language") or languages.get(s.get("doc_id"))} for s in sources
    ]
    parts["figures"] = record.get("figures") or {}
    # An evidence item the coder wrote without its doc_id is of the report of the event
    # whose record holds it.
    told_by: dict[str, str] = {}
    for member, doc_id in conn.execute(
        sa.select(events.c.record, documents.c.doc_id)
        .join(documents, events.c.document_id == documents.c.id)
        .where(events.c.incident_id == pk)
        .order_by(events.c.id)
    ):
        for item in member.get("evidence") or []:
            told_by.setdefault(_key(item), doc_id)
    parts["evidence"] = _in_context(conn, record.get("evidence") or [], told_by)
    parts["audit"] = pins.history(conn, str(record.get("event_id"))) or []
    if row.story_id is not None:
        parts["story"] = dict(row.story_record)
        parts["story_incidents"] = [
            {
                "incident_id": r.incident_id,
                "event_date": _iso(r.event_date),
                "event_type": r.event_type,
                "sub_event_type": r.sub_event_type,
                "location": r.location,
                "country": r.country,
                "fatalities": r.fatalities,
                "n_sources": r.n_sources,
            }
            for r in conn.execute(
                sa.select(
                    incidents.c.incident_id,
                    incidents.c.event_date,
                    incidents.c.event_type,
                    incidents.c.sub_event_type,
                    incidents.c.location,
                    incidents.c.country,
                    incidents.c.fatalities,
                    incidents.c.n_sources,
                )
                .where(incidents.c.story_id == row.story_id, incidents.c.id != pk)
                .order_by(incidents.c.event_date, incidents.c.id)
            )
        ]
    return parts


def _in_context(
    conn: Connection, evidence: Sequence[Mapping[str, Any]], told_by: Mapping[str, str]
) -> list[dict[str, Any]]:
    """Each evidence item with `doc_id` and `context`: the quote located in its report's text
    (`by` "offsets" where its start and end point at it, else "search", the first place the
    text holds it) with CONTEXT characters `before` and `after` it; context None where the
    report's text does not hold the quote."""
    items = [{**item, "doc_id": item.get("doc_id") or told_by.get(_key(item))} for item in evidence]
    wanted = {i["doc_id"] for i in items if i["doc_id"] is not None}
    texts: dict[str, str | None] = (
        dict(
            conn.execute(
                sa.select(documents.c.doc_id, documents.c.text).where(
                    documents.c.doc_id.in_(wanted)
                )
            ).all()
        )
        if wanted
        else {}
    )
    for item in items:
        text = texts.get(item["doc_id"]) or ""
        item["context"] = locate(text, item.get("quote"), item.get("start"), item.get("end"))
    return items


def locate(text: str, quote: Any, start: Any = None, end: Any = None) -> dict[str, Any] | None:
    """Where `quote` is in `text`, with CONTEXT characters either side: by its offsets where
    they are valid (whole numbers in the text that cut out the quote), else by search."""
    if not isinstance(quote, str) or not quote:
        return None
    by = "offsets"
    if not (
        type(start) is int
        and type(end) is int
        and 0 <= start <= end <= len(text)
        and text[start:end] == quote
    ):
        by, start = "search", text.find(quote)
        if start < 0:
            return None
        end = start + len(quote)
    return {
        "by": by,
        "start": start,
        "end": end,
        "before": text[max(0, start - CONTEXT) : start],
        "after": text[end : end + CONTEXT],
    }


def _key(item: Mapping[str, Any]) -> str:
    return json.dumps(
        [item.get("field"), item.get("quote"), item.get("start"), item.get("end")], default=str
    )


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _unix(moment: datetime) -> int:
    if moment.tzinfo is None:  # SQLite gives it back without its zone, which is UTC
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp())


# ---- writing it out ----------------------------------------------------------------------

# What a terminal may act on inside a JSON string: C1 controls, line and paragraph
# separators, and the marks that reorder text (U+202A-U+202E, U+2066-U+2069).
_TERMINAL_RISKY = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def as_json(shown: Mapping[str, Any]) -> str:
    """The JSON text of what `show` returns: the report's words exactly, every character a
    terminal could act on written as a \\u escape (JSON escapes C0 controls itself)."""
    text = json.dumps(shown, ensure_ascii=False, indent=1, default=str)
    return _TERMINAL_RISKY.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


WIDTH = 100  # where the table wraps notes, titles and quotes


def table(shown: Mapping[str, Any]) -> str:
    """What `show` returns, for a person: every string through `printable`."""
    lines: list[str] = []
    incident = shown.get("incident")
    event = shown.get("event")
    mine = event["report"]["doc_id"] if event else None
    if event:
        record, report = event["record"], event["report"]
        lines.append(f"Event {_cell(record.get('event_id'))}, as the coder read it in:")
        lines.extend(_source(report, "  "))
        lines.extend(_fields(record))
        lines.append("")
    if incident is None:
        lines.append("Incident: none (this event is not linked to an incident)")
    else:
        head = f"Incident {_cell(incident.get('event_id'))}"
        if incident.get("story_id"):
            head += f"  (story {_cell(incident['story_id'])})"
        lines.append(head)
        lines.extend(_fields(incident))
        if incident.get("review"):
            lines.append("")
            lines.extend(_review(incident["review"]))
    lines.append("")
    sources = shown.get("sources") or []
    lines.append(f"Sources ({len(sources)})" + ("  * the event's report" if mine else ""))
    for n, s in enumerate(sources, 1):
        mark = "*" if mine and s.get("doc_id") == mine else " "
        lines.extend(_source(s, f"{mark}{n:>2}. ", "     "))
    lines.append("")
    lines.extend(_figures(shown.get("figures") or {}))
    lines.extend(_evidence(shown.get("evidence") or [], mine))
    lines.extend(_story(shown.get("story"), shown.get("story_incidents") or []))
    if incident is not None:
        lines.append("")
        lines.extend(_audit(shown.get("audit") or []))
    return "\n".join(lines).rstrip("\n") + "\n"


def _cell(value: Any) -> str:
    """A value on one line, fit for a terminal: '-' for none, JSON for a list or a dict."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False, default=str)
    return printable(value)


def _wrapped(text: str, first: str, rest: str) -> list[str]:
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=True,
        break_on_hyphens=False,
    ) or [first.rstrip()]


def _fields(record: Mapping[str, Any]) -> list[str]:
    """The coded fields, then any other key the record has (as it is)."""
    names = [f for f in FIELDS if f in record]
    names += [
        k
        for k in record
        if k not in FIELDS and k not in _OWN_SECTIONS and k not in ("story_id", "updated_at")
    ]
    width = max((len(printable(n)) for n in names), default=0) + 2
    review = record.get("review")
    by_hand = set(review.get("fields") or ()) if isinstance(review, Mapping) else set()
    out = []
    for name in names:
        label = f"  {printable(name).ljust(width)}"
        value = record[name]
        if name == "claims" and isinstance(value, list):  # the quotes are in the evidence
            value = "; ".join(_claim(c) for c in value) or None
        shown = _cell(value)
        if name in by_hand:
            shown += "  [reviewed]"
        out.extend(_wrapped(shown, label, " " * len(label)))
    return out


def _review(review: Any) -> list[str]:
    """Who reviewed the incident last and when, and the machine's value of each field set by
    hand (the incident's `status` line gives the status)."""
    if not isinstance(review, Mapping):
        return []
    out = [
        f"Review: {_cell(review.get('status'))}, last by {_cell(review.get('by'))} "
        f"at {_cell(review.get('at'))}"
    ]
    machine = review.get("machine")
    names = review.get("fields") or ()
    if names:
        out.append("  set by hand ([reviewed] above), the machine's values:")
    for name in names:
        was = machine.get(name) if isinstance(machine, Mapping) else None
        out.extend(_wrapped(f"{_cell(name)}  {_cell(was)}", "    ", "      "))
    return out


def _audit(entries: Sequence[Mapping[str, Any]]) -> list[str]:
    """The review history, oldest first: when, who, what, and why."""
    if not entries:
        return ["Audit: none (no one has reviewed this incident)"]
    out = [f"Audit ({len(entries)})"]
    for e in entries:
        what = _cell(e.get("action"))
        if e.get("field"):
            what += f" {_cell(e['field'])}: {_cell(e.get('old'))} -> {_cell(e.get('new'))}"
        out.extend(_wrapped(f"{_cell(e.get('at'))}  {_cell(e.get('who'))}  {what}", "  ", "      "))
        if e.get("reason"):
            out.extend(_wrapped(f'"{_cell(e["reason"])}"', "      ", "       "))
    return out


def _claim(claim: Any) -> str:
    if not isinstance(claim, Mapping):
        return _cell(claim)
    who = _cell(claim.get("claimant"))
    return f"{who} ({_cell(claim['doc_id'])})" if claim.get("doc_id") else who


def _source(s: Mapping[str, Any], first: str, rest: str | None = None) -> list[str]:
    rest = first if rest is None else rest
    head = "  ".join(
        _cell(s.get(k)) for k in ("doc_id", "outlet", "language", "published") if k in s
    )
    out = [first + head + _role(s)]
    if s.get("title"):
        out.extend(_wrapped(_cell(s["title"]), rest, rest))
    if s.get("url"):
        out.append(rest + _cell(s["url"]))
    out.extend(f"{rest}{printable(k)}: {_cell(v)}" for k, v in _others(s, _SOURCE_KEYS))
    return out


def _role(item: Mapping[str, Any]) -> str:
    """The role a source or a figure has in the incident ('background': a report that only
    recalls the event), where it has one."""
    return f"  [{_cell(item['role'])}]" if item.get("role") else ""


def _others(item: Mapping[str, Any], known: Iterable[str]) -> list[tuple[str, Any]]:
    return [(k, v) for k, v in item.items() if k not in known]


def _figures(figures: Mapping[str, Any]) -> list[str]:
    told = sum(len(v) for v in figures.values() if isinstance(v, list))
    out = [f"Figures ({told})" + ("  ~ superseded" if told else "")]
    for field, items in figures.items():
        out.append(f"  {printable(field)}")
        for item in items if isinstance(items, list) else [items]:
            if not isinstance(item, Mapping):
                out.append(f"    {_cell(item)}")
                continue
            mark = "~" if item.get("superseded") else " "
            who = item.get("claimant") or "no claimant named"
            where = "  ".join(_cell(item.get(k)) for k in ("doc_id", "published"))
            out.append(
                f"   {mark}{_cell(item.get('value')):>6}  {_cell(who)}  ({where}){_role(item)}"
            )
            if item.get("quote"):
                out.extend(_wrapped(f'"{_cell(item["quote"])}"', " " * 12, " " * 13))
            out.extend(
                f"{' ' * 12}{printable(k)}: {_cell(v)}" for k, v in _others(item, _FIGURE_KEYS)
            )
    out.append("")
    return out


def _evidence(evidence: Sequence[Mapping[str, Any]], mine: str | None) -> list[str]:
    out = [f"Evidence ({len(evidence)})" + ("  [[quote]] in its report" if evidence else "")]
    for item in evidence:
        ctx = item.get("context")
        mark = "*" if mine and item.get("doc_id") == mine else " "
        where = _cell(item.get("doc_id"))
        if ctx is not None:
            where += f" {ctx['start']}-{ctx['end']}"
            if ctx["by"] != "offsets":
                where += " (found by search: its offsets do not point at it)"
        out.append(f" {mark}{_cell(item.get('field'))}  {where}")
        if ctx is None:
            quote = f"[[{_cell(item.get('quote'))}]]  (not found in the report's text)"
        else:
            before, after = _words(ctx["before"], ctx["start"] > len(ctx["before"]), ctx["after"])
            quote = f"{_cell(before)}[[{_cell(item.get('quote'))}]]{_cell(after)}"
        out.extend(_wrapped(quote, "    ", "    "))
        known = ("field", "quote", "start", "end", "doc_id", "context")
        out.extend(f"    {printable(k)}: {_cell(v)}" for k, v in _others(item, known))
    out.append("")
    return out


def _words(before: str, cut_before: bool, after: str) -> tuple[str, str]:
    """The context shown around a quote: where the text goes on beyond it, cut to whole
    words and marked with '…'."""
    if cut_before:
        _head, space, rest = before.partition(" ")
        before = "…" + (rest if space and rest else before)
    if len(after) == CONTEXT:
        rest, space, _tail = after.rpartition(" ")
        after = (rest if space and rest.strip() else after) + "…"
    return before, after


def _story(story: Mapping[str, Any] | None, others: Sequence[Mapping[str, Any]]) -> list[str]:
    if story is None:
        return ["Story: none (no report tells of this incident with another)"]
    out = [f"Story {_cell(story.get('story_id'))}"]
    for name in ("first_date", "last_date", "fatalities", "running_total", "difference"):
        out.append(f"  {name.ljust(14)}{_cell(story.get(name))}")
    totals = story.get("running_totals") or []
    if totals:
        out.append(f"  running totals ({len(totals)})")
        for t in totals:
            out.append(
                f"    {_cell(t.get('value')):>6}  by {_cell(t.get('doc_id'))} "
                f"({_cell(t.get('published'))}): sum of incidents "
                f"{_cell(t.get('sum_of_incidents'))}, difference {_cell(t.get('difference'))}"
            )
            if t.get("quote"):
                out.extend(_wrapped(f'"{_cell(t["quote"])}"', " " * 12, " " * 13))
    out.append(f"  other incidents ({len(others)})")
    for r in others:
        kind = r.get("sub_event_type") or r.get("event_type")
        place = ", ".join(dict.fromkeys(p for p in (r.get("location"), r.get("country")) if p))
        out.append(
            f"    {_cell(r.get('incident_id'))}  {_cell(r.get('event_date'))}  {_cell(kind)}  "
            f"{_cell(place or None)}  {counted(r.get('fatalities') or 0, 'killed', 'killed')}  "
            f"{counted(r.get('n_sources') or 0, 'source')}"
        )
    return out
