"""The report's own place: where its events are when their own sentences name none.

A dateline ('YANGON (AP) -', 'MANILA, March 3 (Reuters) -') names where the report was
filed, which is often not where its events were: a clash in the hills filed from the capital,
a war next door filed from a neighbour's. Closer evidence comes first:

1. the place the title names (or a headline paragraph), where the body names it too: the
   town itself, or the town the body names in the division the title names;
2. the towns the body tells its violence at, in their own clauses, then the towns its
   sentences tell as places ('in the hills above X', 'the city of X');
3. the dateline, unless the body places its events only in regions of another country (a
   report of Myanmar's war filed from Bangkok is not in Thailand): local news, where the
   dateline is the town ('CAMERON, W.Va. -- police say ...').

A town of 1 or 2 stands for the dateline where it lies in the dateline's state or province,
or the report names a unit that holds it (or, for the title's, in the dateline's country):
a neighbourhood the gazetteer knows only as a namesake far away does not. A report with no
dateline takes the town it names most (then its divisions, then its country).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from spacy.tokens import Token

from newsevents.geo.gazetteer import PRECISION_RANK, Gazetteer, Place, norm
from newsevents.lang.en.words import BEFORE_OF, PLACE_PREPOSITIONS
from newsevents.model import Article

if TYPE_CHECKING:
    from newsevents.extract.mentions import Mention
    from newsevents.geo.mention import PlaceMention

DATELINE_TOKEN = -1  # the token a dateline's place has: none in any parse

# Words near a place that make it somewhere other than where the event was: 'taken to the
# hospital in Cartersville', 'Decatur County officials said', 'a resident of Fulton'.
ELSEWHERE = {
    "hospital", "hospitals", "court", "courthouse", "jail", "prison", "home", "residence",
    "resident", "native", "from", "county", "officials", "office", "department",
}  # fmt: skip

# A run of capitalised words in a title: the names it may give.
_TITLE_RUN = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*")


def told_elsewhere(token: Token) -> bool:
    """Is the place at this token told as somewhere the event was not?"""
    return any(a.lower_ in ELSEWHERE for a in list(token.ancestors)[:3]) or any(
        c.lower_ in ELSEWHERE for c in token.children
    )


def told_as_place(token: Token) -> bool:
    """Is the place whose name ends at this token told as where something was: 'in X', 'in
    the hills above X', 'the rebel-held city of X'? Not 'X's suburbs' nor 'an X-area man'."""
    doc, first = token.doc, token.left_edge.i
    if token.i + 1 < len(doc) and doc[token.i + 1].lower_ in ("'s", "’s", "-"):
        return False
    before = doc[first - 1] if first > 0 else None
    return before is not None and (
        before.lower_ in PLACE_PREPOSITIONS
        or (before.lower_ == "of" and first > 1 and doc[first - 2].lower_ in BEFORE_OF)
    )


def report_place(article: Article, gazetteer: Gazetteer, title: str) -> PlaceMention | None:
    """The place of the report's events whose own sentences name none (`title`: the report's
    title without its outlet)."""
    found = article.places
    if not found:
        return None
    dateline = next(
        (p for p in found if p.token == DATELINE_TOKEN and p.place.level == "town"), None
    )
    if dateline is None:
        return _named_most(found)
    # Arrests are often made far from the violence ('captured outside of Atlanta'): the
    # report's place is told by its violence and demonstrations.
    live = [
        m
        for m in article.mentions
        if m.counts_toward_event and not m.headline and m.family != "arrest"
    ]
    arrested_at = {m.place_span for m in article.mentions if m.family == "arrest"}
    where = [
        p
        for p in found
        if (p.start, p.end) not in arrested_at
        and article.text[p.end : p.end + 2] not in ("'s", "’s")  # 'in X's northern suburbs'
    ]
    at = _event_towns(live, where)
    told = at + [p for p in _told_towns(article, live, where) if p not in at]
    units = [p.place for p in found if p.place.level != "town"]
    titled = _title_place(article, gazetteer, title, [dateline, *where], told, dateline)
    if titled is not None and (
        titled.place.country_code == dateline.place.country_code
        or _vouched(titled.place, dateline.place, units)
    ):
        return titled
    vouched = [p for p in told if _vouched(p.place, dateline.place, units)]
    if vouched:
        return vouched[0]
    # The events told only by regions of another country (a report of Myanmar's war filed
    # from Bangkok): one of them.
    regions = [m.place for m in live if m.place is not None and m.place.level != "town"]
    abroad = {r.geonames_id for r in regions if r.country_code != dateline.place.country_code}
    if abroad and not any(r.holds(dateline.place) for r in regions):
        placed = [p for p in found if p.place.geonames_id in abroad]
        return min(placed, key=lambda p: (PRECISION_RANK[p.place.level], p.start))
    return dateline


def _vouched(town: Place, dateline: Place, units: list[Place]) -> bool:
    """May a town the body tells its events at stand for the dateline? Where it lies in the
    dateline's state or province, or where the report names a unit that holds it (its
    country, its province): not a namesake of a neighbourhood that the gazetteer knows only
    far away ('a home in Gentilly' in a report filed from New Orleans)."""
    if town.admin1_code and town.admin1_code == dateline.admin1_code:
        return True
    return any(u.holds(town) for u in units)


def _event_towns(live: list[Mention], found: list[PlaceMention]) -> list[PlaceMention]:
    """The towns the body's events are told at, most told first (first told wins ties)."""
    by_span = {(p.start, p.end): p for p in found}
    at = [
        by_span[m.place_span]
        for m in sorted(live, key=lambda m: (m.order, m.root.i))
        if m.place is not None and m.place.level == "town" and m.place_span in by_span
    ]
    counts = Counter(p.place.geonames_id for p in at)
    first: dict[int | None, PlaceMention] = {}
    for p in at:
        first.setdefault(p.place.geonames_id, p)
    return sorted(first.values(), key=lambda p: (-counts[p.place.geonames_id], p.start))


def _told_towns(
    article: Article, live: list[Mention], found: list[PlaceMention]
) -> list[PlaceMention]:
    """Towns named in the sentences that tell the body's events, not as where someone was
    taken or comes from, in text order."""
    out = []
    for p in sorted(found, key=lambda p: p.start):
        if p.token < 0 or p.place.level != "town":
            continue  # the dateline, and names read outside any parse
        doc = article.paragraphs[p.paragraph].doc
        if doc is None or p.token >= len(doc):
            continue
        sent = doc[p.token].sent
        told = any(m.paragraph == p.paragraph and m.sentence.start == sent.start for m in live)
        if told and told_as_place(doc[p.token]) and not told_elsewhere(doc[p.token]):
            out.append(p)
    return out


def _title_place(
    article: Article,
    gazetteer: Gazetteer,
    title: str,
    found: list[PlaceMention],
    told: list[PlaceMention],
    dateline: PlaceMention | None,
) -> PlaceMention | None:
    """The place the title (or a headline paragraph) names, as the report names it: a town,
    or the town the report names in the division the title names (its events' towns first,
    then its dateline)."""
    heads = [title] + [p.text for p in article.paragraphs if p.headline]
    words = " " + " ".join(norm(h) for h in heads if h) + " "
    named: list[tuple[int, Place]] = []
    headlines = {i for i, p in enumerate(article.paragraphs) if p.headline}
    for p in found:
        if p.paragraph in headlines and p.token != DATELINE_TOKEN:
            continue  # a name only the headline tells may be read wrong ('Austin' of Chicago)
        for key in (norm(p.name), norm(p.place.name)):
            at = words.find(f" {key} ") if key else -1
            if at >= 0 and p.place.level != "country":
                named.append((at, p.place))
                break
    for run in _TITLE_RUN.finditer(title):
        # 'clash in the Tana valley' in a report that names only the valley's towns
        key = norm(run.group())
        for unit in gazetteer.lookup(run.group()):
            if unit.level in ("admin1", "admin2"):
                named.append((words.find(f" {key} "), unit))
    towns = [p for p in found if p.place.level == "town" and p.paragraph not in headlines]
    order = told + ([dateline] if dateline is not None else []) + towns
    for _, place in sorted(named, key=lambda n: n[0]):
        if place.level == "town":
            same = [p for p in order if p.place.geonames_id == place.geonames_id]
        else:
            same = [p for p in order if place.holds(p.place)]
        if same:
            return same[0]
    return None


def _named_most(found: list[PlaceMention]) -> PlaceMention:
    """The town the report names most (first wins ties), else its division, else country."""
    towns = [p for p in found if p.place.level == "town"]
    pool = (
        towns
        or [p for p in found if p.place.level == "admin2"]
        or [p for p in found if p.place.level == "admin1"]
        or found
    )
    counts = Counter(p.place.geonames_id for p in pool)
    return max(pool, key=lambda p: (counts[p.place.geonames_id], -p.start))
