"""From a merged draft to the Event record: actors named, counts combined, notes, evidence."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from newsevents import __version__
from newsevents.data import acled_territories
from newsevents.extract.actors import (
    CIVILIANS,
    EXTERNAL,
    IDENTITY,
    MILITIA,
    PROTESTERS,
    REBEL,
    RIOTERS,
    STATE,
    ActorRef,
)
from newsevents.extract.counts import combine
from newsevents.extract.events import Draft, classify
from newsevents.geo.gazetteer import Gazetteer, Place, ascii_name
from newsevents.geo.text import norm
from newsevents.lang.en.words import REPORTING
from newsevents.model import Article, Event, Evidence

_SUFFIXED = {
    "police": "Police Forces of {c}",
    "military": "Military Forces of {c}",
    "rebels": "Rebel Group ({c})",
    "armed": "Unidentified Armed Group ({c})",
    "gang": "Unidentified Gang ({c})",
    "communal": "Unidentified Communal Militia ({c})",
    "rioters": "Rioters ({c})",
    "protesters": "Protesters ({c})",
    "civilians": "Civilians ({c})",
}
_BARE = {
    "police": "Police Forces",
    "military": "Military Forces",
    "rebels": "Rebel Group",
    "armed": "Unidentified Armed Group",
    "gang": "Unidentified Gang",
    "communal": "Unidentified Communal Militia",
    "rioters": "Rioters",
    "protesters": "Protesters",
    "civilians": "Civilians",
}
_ROLE_OF_INTER = {
    STATE: "military",
    REBEL: "rebels",
    MILITIA: "armed",
    IDENTITY: "communal",
    RIOTERS: "rioters",
    PROTESTERS: "protesters",
    CIVILIANS: "civilians",
}
_VERB = {
    "Armed clash": "clashed with",
    "Government regains territory": "regained territory from",
    "Non-state actor overtakes territory": "took territory from",
    "Attack": "attacked",
    "Abduction/forced disappearance": "abducted",
    "Sexual violence": "sexually assaulted",
    "Air/drone strike": "carried out an air or drone strike on",
    "Shelling/artillery/missile attack": "shelled",
    "Remote explosive/landmine/IED": "set off an explosive against",
    "Suicide bomb": "carried out a suicide bombing against",
    "Grenade": "threw a grenade at",
    "Chemical weapon": "used a chemical weapon against",
    "Peaceful protest": "protested",
    "Protest with intervention": "protested; intervened:",
    "Excessive force against protesters": "protested; force used by",
    "Violent demonstration": "rioted",
    "Mob violence": "attacked",
    "Arrests": "arrested",
    "Looting/property destruction": "looted or destroyed property of",
    "Disrupted weapons use": "disrupted weapons use",
    "Agreement": "reached an agreement with",
    "Change to group/activity": "changed group or activity",
    "Headquarters or base established": "established a base",
    "Non-violent transfer of territory": "transferred territory",
    "Other": "acted",
}


class Recorder:
    """Builds Event records for one article from its drafts."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def _place(self, ev: Event, place: Place, near: bool) -> None:
        """ACLED's place fields: a town gives precision 1 (2 when the report says 'near' it);
        a division or country only, its centroid with precision 3."""
        ev.country, ev.iso3 = place.country, place.iso3
        ev.latitude, ev.longitude, ev.geonames_id = (
            place.latitude,
            place.longitude,
            place.geonames_id,
        )
        if place.level == "country":
            ev.location, ev.geo_precision = place.name, 3
            return
        ev.admin1, ev.admin2 = place.admin1, place.admin2
        if place.level == "town":
            ev.location, ev.geo_precision = ascii_name(place.name), 2 if near else 1
        else:
            ev.location, ev.geo_precision = place.name, 3

    def build(self, article: Article, draft: Draft, country_hint: Place | None) -> Event:
        event_type, sub_type = classify(draft)
        place = draft.place or country_hint
        country_name = place.country if place else None
        code = place.country_code if place else None
        ev = Event(
            event_date=draft.date,
            time_precision=draft.precision if draft.date else 3,
            event_type=event_type,
            sub_event_type=sub_type,
        )
        if place is not None:
            self._place(ev, place, draft.place_near)
            ev.admin1 = _own_spelling(article, place, self.gazetteer) or ev.admin1
            _acled_country(ev)
        actor_refs = self._actors(ev, draft, code, country_name)
        evidence: list[Evidence] = []
        self._counts(ev, draft, article, evidence)
        self._evidence(ev, draft, article, evidence, actor_refs)
        ev.claims = _claims(draft, article)
        ev.notes = notes(ev)
        ev.sources = [
            {
                "doc_id": article.doc_id,
                "url": article.url,
                "outlet": article.outlet,
                "title": article.title,
                "published": article.published.isoformat() if article.published else None,
            }
        ]
        doubt = _place_doubt(ev, draft, article)
        ev.confidence = round(max(0.05, _confidence(ev, draft) - (0.1 if doubt else 0.0)), 2)
        ev.assign_id(article.doc_id, __version__)
        return ev

    # -------------------------------------------------------------- actors
    def _actors(
        self, ev: Event, d: Draft, code: str | None, country: str | None
    ) -> list[tuple[str, ActorRef]]:
        """Sets actor1/actor2 and their inter codes; returns the phrases that name them."""
        agents = [a for m in d.mentions for a in m.agents] or [
            a for m in d.mentions for a in m.context_agents
        ]
        targets = [t for m in d.mentions for t in m.targets]
        arrested = [t for m in d.arrests for t in m.targets]
        sub = ev.sub_event_type
        a1: tuple[str, int, ActorRef | None] | None = None
        a2: tuple[str, int, ActorRef | None] | None = None

        def named(role: str, ref: ActorRef | None = None) -> tuple[str, int, ActorRef | None]:
            return self._name(role, ref, code, country)

        armed_agents = [a for a in agents if a.inter in (STATE, REBEL, MILITIA, IDENTITY, EXTERNAL)]
        armed_targets = [
            t for t in targets if t.inter in (STATE, REBEL, MILITIA, IDENTITY, EXTERNAL)
        ]
        if ev.event_type == "Protests":
            a1 = named("protesters", _first(a for a in agents + targets if a.inter == PROTESTERS))
            if sub != "Peaceful protest":
                a2 = named("police", _first(a for a in agents if a.inter == STATE))
        elif sub == "Violent demonstration":
            # Demonstrators who turn violent are rioters, whatever the report calls them.
            who = _first(a for a in agents if a.inter in (RIOTERS, PROTESTERS))
            a1 = (*named("rioters")[:2], who)
            police = _first(a for a in agents + targets if a.inter == STATE)
            if police is not None:
                a2 = named(police.role, police)
        elif sub == "Mob violence":
            a1 = named("rioters")
            a2 = named("civilians")
        elif ev.event_type == "Violence against civilians":
            # Who struck the civilians, not who fought the attackers afterwards.
            attackers = [
                a
                for m in d.mentions
                if any(t.inter == CIVILIANS for t in m.targets)
                for a in m.agents
                if a in armed_agents
            ]
            a1 = _best(attackers or armed_agents, self, code, country) or named("armed")
            a2 = named("civilians")
        elif ev.event_type == "Battles":
            a1 = _best(armed_agents, self, code, country)
            others = [
                t
                for t in armed_targets + armed_agents
                if a1 is None
                or (t.inter, t.role, t.name)
                != ((a1[2].inter, a1[2].role, a1[2].name) if a1[2] else ())
            ]
            a2 = _best(others, self, code, country)
            if a1 is None:
                a1 = named("military")
            if a2 is None and a1[2] is not None and a1[1] == STATE and " and " in a1[2].text:
                a2 = a1  # 'GNA and LNA forces clashed': two state forces
            if a2 is None:
                a2 = named("armed" if a1[1] == STATE else "military")
        elif ev.event_type == "Explosions/Remote violence":
            a1 = _best(armed_agents, self, code, country)
            if a1 is None:
                # Air strikes and shelling are nearly always the work of state forces.
                state_weapon = sub in ("Air/drone strike", "Shelling/artillery/missile attack")
                a1 = named("military") if state_weapon else named("armed")
            civilian_hit = any(
                g == "civilians" for m in d.mentions for i in m.counts for g in i.groups
            )
            if armed_targets:
                a2 = _best(armed_targets, self, code, country)
            elif civilian_hit or any(t.inter == CIVILIANS for t in targets) or _people_hit(d):
                a2 = named("civilians")
        elif sub == "Arrests":
            a1 = named("police", _first(a for a in agents if a.inter == STATE))
            who = _first(arrested) or _first(t for m in d.mentions for t in m.targets)
            a2 = (
                named(who.role, who)
                if who is not None and who.inter != STATE
                else named("civilians")
            )
        else:
            a1 = _best(armed_agents or agents, self, code, country) or (
                named("military") if sub in ("Disrupted weapons use",) else named("armed")
            )
            if sub == "Looting/property destruction":
                a2 = named("civilians")
        if (
            ev.event_type == "Battles"
            and a1 is not None
            and a1[2] is not None
            and a2 is not None
            and a2[2] is None
            and _each_other(a1[2])
        ):
            a2 = a1  # 'a gunfight between rival gangs': one kind of actor on both sides
        a1, a2 = _in_power(a1, code, ev.event_date), _in_power(a2, code, ev.event_date)
        if a1 is not None and a2 is not None and a1[0] == a2[0] and a2 is not a1:
            # One force on both sides: the side told only by context is not this event's.
            a2 = _other_side(ev, d, a1, targets, lambda r: named(r))
        refs: list[tuple[str, ActorRef]] = []
        if a1 is not None:
            ev.actor1, ev.inter1 = a1[0], a1[1]
            if a1[2] is not None:
                refs.append(("actor1", a1[2]))
        if a2 is not None:
            ev.actor2, ev.inter2 = a2[0], a2[1]
            if a2[2] is not None:
                refs.append(("actor2", a2[2]))
        return refs

    def _name(
        self, role: str, ref: ActorRef | None, code: str | None, country: str | None
    ) -> tuple[str, int, ActorRef | None]:
        if ref is not None and ref.name:
            return ref.name, ref.inter, ref
        inter = (
            ref.inter
            if ref is not None
            else {
                "police": STATE,
                "military": STATE,
                "rebels": REBEL,
                "armed": MILITIA,
                "gang": MILITIA,
                "communal": IDENTITY,
                "rioters": RIOTERS,
                "protesters": PROTESTERS,
                "civilians": CIVILIANS,
            }[role]
        )
        role = ref.role if ref is not None and ref.role in _SUFFIXED else role
        own = country
        if ref is not None and ref.country_code and ref.inter == STATE:
            home = self.gazetteer.countries.get(ref.country_code)
            if home is not None and code and ref.country_code != code:
                return f"Military Forces of {home.name}", EXTERNAL, ref
            if home is not None:
                own = home.name
        template = _SUFFIXED.get(role)
        if template is None:
            return _BARE.get(role, role.title()), inter, ref
        return (template.format(c=own) if own else _BARE[role]), inter, ref

    # -------------------------------------------------------------- counts
    def _counts(self, ev: Event, d: Draft, article: Article, evidence: list[Evidence]) -> None:
        killed = d.items("killed")
        best, low, high, groups = combine(killed)
        ev.fatalities, ev.fatalities_low, ev.fatalities_high = best, low, high
        ev.fatalities_by_group = groups
        injured_items = d.items("injured")
        hit_items = d.items("hit")
        injured, _, _, _ = combine(injured_items)
        hit, _, _, _ = combine(hit_items)
        if hit > best:
            injured = max(injured, hit - best)
        has_injury_words = bool(injured_items or hit_items)
        ev.injuries = injured if has_injury_words else None
        arrest_items = [
            i for m in d.arrests + d.mentions for i in m.counts if i.field == "arrested"
        ]
        arrest_items += [z for z in d.zeros if z.field == "arrested"]
        if any(not i.definite for i in arrest_items if not i.negated):
            # 'A man was arrested ... police took the suspect into custody': the suspect is
            # the man, whatever group each phrase reads as.
            arrest_items = [i for i in arrest_items if not (i.definite and i.individual)]
        arrests, _, _, _ = combine(arrest_items)
        if not arrests and any(m.counts_toward_event and not m.counts for m in d.arrests):
            arrests = 0
        ev.arrests = arrests if arrest_items or d.arrests else None
        for field_name, items in (
            ("fatalities", killed),
            ("injuries", injured_items + hit_items),
            ("arrests", arrest_items),
        ):
            for item in sorted(items, key=lambda i: -i.value)[:3]:
                evidence.append(_quote(article, field_name, item.start, item.end))

    # -------------------------------------------------------------- evidence
    def _evidence(
        self,
        ev: Event,
        d: Draft,
        article: Article,
        evidence: list[Evidence],
        actor_refs: list[tuple[str, ActorRef]],
    ) -> None:
        first = d.mentions[0] if d.mentions else d.arrests[0]
        s, e = first.sentence_bounds
        evidence.insert(0, _quote(article, "event_type", s, e))
        dated = next((m for m in d.mentions + d.arrests if m.date_span), None)
        if dated is not None and dated.date_span is not None:
            evidence.insert(1, _quote(article, "event_date", *dated.date_span))
        else:
            evidence.insert(1, _quote(article, "event_date", s, e))
        if d.place_span is not None:
            evidence.append(_quote(article, "location", *d.place_span))
        for field_name, ref in actor_refs:
            evidence.append(_quote(article, field_name, ref.start, ref.end))
        seen: set[tuple[str, int, int]] = set()
        ev.evidence = []
        for item in evidence:
            key = (item.field, item.start, item.end)
            if key not in seen and item.quote.strip():
                seen.add(key)
                ev.evidence.append(item)


# Groups that came to rule a country: from that day ACLED codes their forces as its state's.
_IN_POWER = {"Taliban": ("AF", date(2021, 8, 15), "Military Forces of Afghanistan (2021-)")}
# Plural actors that fight among themselves: 'rival gangs', 'armed groups from two clans'.
_EACH_OTHER = re.compile(
    r"\brival\b|\b(?:groups|gangs|clans|factions|militias|cartels|tribes|cells)\b", re.I
)


def _each_other(ref: ActorRef) -> bool:
    return ref.name is None and bool(_EACH_OTHER.search(ref.text))


def _in_power(
    actor: tuple[str, int, ActorRef | None] | None, code: str | None, day: date | None
) -> tuple[str, int, ActorRef | None] | None:
    """A group's name as the state it became: the Taliban in Afghanistan from August 2021."""
    if actor is None or actor[0] not in _IN_POWER:
        return actor
    country, since, name = _IN_POWER[actor[0]]
    if code == country and day is not None and day >= since:
        return name, STATE, actor[2]
    return actor


def _people_hit(d: Draft) -> bool:
    """People killed or hurt with no armed side among them: 'a strike killed dozens at a
    bus station' hit civilians."""
    items = [i for m in d.mentions for i in m.counts if i.field in ("killed", "injured")]
    armed = {"state_forces", "perpetrators", "militants", "combatants"}
    return bool(items) and not any(set(i.groups) & armed for i in items)


def _key(ref: ActorRef) -> tuple[int, str, str | None]:
    return ref.inter, ref.role, ref.name


def _other_side(
    ev: Event,
    d: Draft,
    a1: tuple[str, int, ActorRef | None],
    targets: list[ActorRef],
    named: Callable[[str], tuple[str, int, ActorRef | None]],
) -> tuple[str, int, ActorRef | None] | None:
    """actor2 when the first reading put actor1's force on both sides."""
    if ev.event_type == "Battles":
        return named("armed" if a1[1] == STATE else "military")
    civilian_hit = any(g == "civilians" for m in d.mentions for i in m.counts for g in i.groups)
    if civilian_hit or any(t.inter == CIVILIANS for t in targets):
        return named("civilians")
    return None


def _first(refs: object) -> ActorRef | None:
    for r in refs:  # type: ignore[attr-defined]
        return r  # type: ignore[no-any-return]
    return None


def _best(
    refs: list[ActorRef], rec: Recorder, code: str | None, country: str | None
) -> tuple[str, int, ActorRef | None] | None:
    if not refs:
        return None
    counts = Counter((r.inter, r.role, r.name) for r in refs)
    top = max(refs, key=lambda r: (counts[(r.inter, r.role, r.name)], r.name is not None, -r.start))
    role = top.role if top.role in _SUFFIXED else _ROLE_OF_INTER.get(top.inter, "armed")
    return rec._name(role, top, code, country)


def _quote(article: Article, field_name: str, start: int, end: int) -> Evidence:
    text = article.text
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Evidence(field_name, text[start:end], start, end, article.doc_id)


def _claims(d: Draft, article: Article) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    seen: set[str] = set()
    for m in d.mentions + d.arrests:
        if not m.counts:
            continue
        claimant = None
        for t in m.sentence:
            if t.lower_ in REPORTING:
                subj = [c for c in t.children if c.dep_ == "nsubj"]
                if subj and subj[0].lower_ not in ("he", "she", "it", "they", "who"):
                    claimant = m.sentence.doc[subj[0].left_edge.i : subj[0].i + 1].text
            if t.lower_ == "according" and t.i + 2 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
                pobj = [g for g in t.doc[t.i + 1].children if g.dep_ == "pobj"]
                if pobj:
                    claimant = t.doc[pobj[0].left_edge.i : pobj[0].right_edge.i + 1].text
        if claimant and claimant not in seen:
            seen.add(claimant)
            s, e = m.sentence_bounds
            out.append({"claimant": claimant, "quote": _quote(article, "claim", s, e).quote})
    return out


# The Arabic article ('Al Hudaydah'); not Spanish 'El' ('El Beni', written 'Beni').
_ARTICLE = re.compile(r"^(?:al|an|ar|as|ash|at|ad|az)\s+")
_DIVISION_WORDS = re.compile(
    r"\s+(province|governorate|state|region|oblast|department|prefecture|district)$", re.I
)


def _own_spelling(article: Article, place: Place, gazetteer: Gazetteer) -> str | None:
    """The report's own spelling of the event's first-order division, where it names it:
    ACLED and local outlets write 'Idleb' and 'Al-Hasakeh' where GeoNames has 'Idlib'. A name
    that says more than the division's ('Donetsk Airport', 'Arequipa city') is not one."""
    if place.level == "country" or not place.admin1_code:
        return None
    for p in article.places:
        if p.within:
            continue
        if p.place.admin1_code == place.admin1_code and (
            p.place.level == "admin1"
            # 'Idleb' read as the city the governorate is named for: its spelling too
            or (p.place.level == "town" and norm(p.place.name) == norm(place.admin1 or ""))
        ):
            name = _DIVISION_WORDS.sub("", p.name.strip())
            name = re.sub(r"^the\s+|\s+city$", "", name, flags=re.I)  # 'Taizz city
            if name.isupper():
                name = name.title()
            name = ascii_name(name)
            shown = norm(place.admin1 or "")
            if _ARTICLE.sub("", shown) == norm(name) != shown:
                return None  # 'Hudaydah city': the governorate keeps its article, 'Al Hudaydah'
            # 'Ga.' and 'Calif.' are abbreviations, not spellings.
            if len(name) >= 4 and name[0].isupper() and "." not in name:
                spelt = gazetteer.lookup(name)
                if any(
                    c.admin1_code == place.admin1_code
                    and (c.level == "admin1" or (c.level == "town" and norm(c.name) == shown))
                    for c in spelt
                ):
                    # Not 'Rio Grande' of 'Rio Grande do Sul', a town of the state by the
                    # words the recogniser took.
                    return name
    return None


def _acled_country(ev: Event) -> None:
    """ACLED's country list: a territory GeoNames keeps as a country of its own is, in ACLED,
    a first-order division of its country (Hong Kong: country China, iso3 CHN, admin1 Hong
    Kong); the territory's own division (a district of Hong Kong) becomes admin2."""
    within = acled_territories().get(ev.iso3 or "")
    if within is None:
        return
    ev.admin2 = ev.admin1 or ev.admin2
    ev.country, ev.iso3, ev.admin1 = within["country"], within["iso3"], within["admin1"]


def notes(ev: Event) -> str:
    """One or two plain sentences in ACLED's style."""
    when = _when(ev.event_date, ev.time_precision)
    where = ", ".join(
        p
        for p in (
            ev.location if ev.location != ev.country else None,
            ev.admin1 if ev.admin1 != ev.location else None,
            ev.country,
        )
        if p
    )
    verb = _VERB.get(ev.sub_event_type, "acted")
    if ev.sub_event_type in ("Protest with intervention", "Excessive force against protesters"):
        body = f"{ev.actor1 or 'Protesters'} {verb} {ev.actor2 or 'police'}"
    elif (
        ev.actor2 and verb.endswith((" with", " on", " against", " at", " from", " of"))
    ) or ev.sub_event_type in (
        "Attack",
        "Mob violence",
        "Abduction/forced disappearance",
        "Shelling/artillery/missile attack",
        "Arrests",
        "Sexual violence",
    ):
        body = (
            f"{ev.actor1 or 'an unidentified group'} {verb} {ev.actor2 or 'unidentified targets'}"
        )
    else:
        body = f"{ev.actor1 or 'an unidentified group'} {verb}"
    sentence = f"{when}, {body}" + (f" in {where}" if where else "") + "."
    counts = []
    if ev.fatalities:
        counts.append(f"{ev.fatalities} {'fatality' if ev.fatalities == 1 else 'fatalities'}")
    if ev.injuries:
        counts.append(f"{ev.injuries} injured")
    if ev.arrests:
        counts.append(f"{ev.arrests} arrested")
    return sentence[0].upper() + sentence[1:] + (" " + ", ".join(counts) + "." if counts else "")


def _when(day: date | None, precision: int) -> str:
    if day is None:
        return "On an unknown date"
    if precision == 1:
        return f"On {day.day} {day:%B %Y}"
    if precision == 2:
        return f"Around {day.day} {day:%B %Y}"
    return f"In {day:%B %Y}"


def _place_doubt(ev: Event, d: Draft, article: Article) -> bool:
    """Shows doubt about the place in the evidence: another reading of the name nearly as
    likely ('also: Arlington, Virginia'), or a name in the event's sentence that the gazetteer
    does not know when the event has no place of its own. True when the place is in doubt."""
    if d.place_span is not None:
        pm = next((p for p in article.places if (p.start, p.end) == d.place_span), None)
        if pm is not None and (pm.within or pm.region):
            note = f"not in the gazetteer; placed in {pm.place.name} named after it"
            if pm.region:
                elsewhere = "".join(f"; not {a.name}, {a.admin1}" for a in pm.alternatives)
                note = (
                    f"not in the gazetteer in {pm.place.name}, where the forces named fight; "
                    f"placed there{elsewhere}"
                )
            for i, quoted in enumerate(ev.evidence):
                if quoted.field == "location" and (quoted.start, quoted.end) == d.place_span:
                    ev.evidence[i] = replace(quoted, note=note)
            return True
        if pm is None or not pm.alternatives:
            return False
        also = "; ".join(
            ", ".join(dict.fromkeys(x for x in (a.name, a.admin1, a.country) if x))
            for a in pm.alternatives
        )
        for i, quoted in enumerate(ev.evidence):
            if quoted.field == "location" and (quoted.start, quoted.end) == d.place_span:
                ev.evidence[i] = replace(quoted, note=f"ambiguous name; also: {also}")
        return True
    if ev.location is not None:
        return False
    for m in d.mentions:
        first, last = m.offset + m.sentence.start_char, m.offset + m.sentence.end_char
        for _name, start, end in article.unknown_places:
            if first <= start and end <= last:
                ev.evidence.append(
                    replace(_quote(article, "location", start, end), note="not in the gazetteer")
                )
                return True
    return False


def _confidence(ev: Event, d: Draft) -> float:
    score = 0.35
    hows = {m.date_how for m in d.mentions}
    if hows & {"own", "linked", "anaphora"}:
        score += 0.15
    elif "published" in hows:
        score -= 0.05
    if d.place is not None:
        score += 0.15 if d.place_span is not None else 0.05
    if ev.fatalities or ev.injuries or ev.arrests:
        score += 0.1
    if any(m.agents or m.targets for m in d.mentions):
        score += 0.1
    score += min(0.1, 0.02 * len(d.mentions))
    return round(min(0.95, max(0.05, score)), 2)
