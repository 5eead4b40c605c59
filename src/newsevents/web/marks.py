"""A report's text cut into runs, each with the fields whose evidence quotes cover it: what the
incident page shows with the quotes highlighted. The runs are plain strings; the template
escapes them, so a report's markup is shown as text, never run."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from newsevents.store.show import locate

SHOWN_MAX = 200_000  # characters of one report the page shows (a quote past them is listed)


@dataclass(frozen=True)
class Run:
    text: str
    fields: tuple[str, ...]  # the fields the quotes covering this run are evidence for


def runs(text: str, evidence: Iterable[Mapping[str, Any]]) -> tuple[list[Run], bool]:
    """(The text as runs, whether it was cut at SHOWN_MAX). Each evidence item is placed by
    its offsets where they cut out its quote, else where the text first holds the quote;
    overlapping quotes give a run every field of each."""
    shown = text[:SHOWN_MAX]
    spans: list[tuple[int, int, str]] = []
    for item in evidence:
        where = locate(text, item.get("quote"), item.get("start"), item.get("end"))
        if where is None or where["start"] >= len(shown):
            continue
        spans.append((where["start"], min(where["end"], len(shown)), str(item.get("field"))))
    cuts = sorted({0, len(shown), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out: list[Run] = []
    for a, b in pairwise(cuts):
        if a == b:
            continue
        fields = tuple(dict.fromkeys(f for s, e, f in sorted(spans) if s <= a and b <= e))
        if out and out[-1].fields == fields:
            out[-1] = Run(out[-1].text + shown[a:b], fields)
        else:
            out.append(Run(shown[a:b], fields))
    return out, len(text) > SHOWN_MAX
