"""Within-report merging: mentions become events, one per day, place and kind of event.

ACLED splits events by day, place, actor pair and type. Mentions that share a date and a
place (or have no place of their own) join one event; arrests join the event they belong to
(the protest of the same day, or the shooting the suspect is arrested for); a report of two
incidents in two towns or on two days gives two events. The event's type follows ACLED's
precedence (a suicide bombing is a Suicide bomb even when it also killed and injured).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from newsevents.extract.actors import (
    CIVILIANS,
    MILITIA,
    PROTESTERS,
    REBEL,
    RIOTERS,
    STATE,
    ActorRef,
)
from newsevents.extract.counts import CountItem, is_tally
from newsevents.extract.dates import FIRM
from newsevents.extract.lexicon import CRIME, DEMONSTRATION, POLITICAL, Kind
from newsevents.extract.mentions import Mention
from newsevents.geo.gazetteer import PRECISION_RANK, Place

_VIOLENT_WORDS = {
    "shooting",
    "shootings",
    "killing",
    "killings",
    "murder",
    "homicide",
    "death",
    "attack",
    "stabbing",
    "assault",
    "robbery",
    "shot",
    "killed",
    "slaying",
    "manslaughter",
    "firing",
    "gunfire",
    "wounding",
    "kidnapping",
    "bombing",
}
# What police do to a protest; 'blocked' and 'charged' are left out: protesters block roads.
_INTERVENTION = {
    "dispersed", "disperse", "dispersing", "tear", "teargas", "cannon", "cannons", "batons",
    "baton", "cordoned", "pepper", "rubber", "stun", "detained", "arrested", "intervened",
    "broke", "lathi-charged", "lathicharged", "lathi", "baton-charged",
}  # fmt: skip
# A protest with any of these is a violent demonstration (ACLED: demonstrators engage in
# violence or destruction), whoever started it.
_RIOT_WORDS = {
    "clashes",
    "clashed",
    "clashing",
    "smashed",
    "scuffles",
    "scuffled",
    "projectiles",
    "stones",
    "rocks",
    "molotov",
    "vandalized",
    "vandalised",
    "torched",
    "violently",
    "rioting",
    "rioters",
    "looted",
    "looting",
    "brawl",
}
_BARE_BLASTS = {"explosion", "explosions", "blast", "blasts", "exploded", "detonation"}


@dataclass
class Draft:
    """An event being built from its mentions."""

    mentions: list[Mention]
    date: date | None
    precision: int
    place: Place | None = None
    place_span: tuple[int, int] | None = None
    place_near: bool = False
    arrests: list[Mention] = field(default_factory=list)
    zeros: list[CountItem] = field(default_factory=list)

    @property
    def kinds(self) -> set[Kind]:
        return {m.kind for m in self.mentions}

    def items(self, field_name: str) -> list[CountItem]:
        out = [i for m in self.mentions + self.arrests for i in m.counts if i.field == field_name]
        return out + [z for z in self.zeros if z.field == field_name]


def merge(
    mentions: list[Mention], main_place: Place | None, main_span: tuple[int, int] | None
) -> list[Draft]:
    """Group the report's mentions into event drafts."""
    live = [m for m in mentions if m.counts_toward_event]
    zeros = [i for m in mentions if m.negated and not m.hypothetical for i in m.counts]
    # A headline restates the report's own event: it joins it rather than making one.
    body = [m for m in live if not m.headline]
    headline = [m for m in live if m.headline] if body else []
    live = body or live
    core = [m for m in live if m.family != "arrest"]
    arrests = [m for m in live if m.family == "arrest"]
    drafts: list[Draft] = []
    for family in ("violence", "strategic"):
        by_date: dict[date | None, list[Mention]] = {}
        for m in core:
            if m.family == family:
                by_date.setdefault(m.date, []).append(m)
        for day, group in _fold_weak_dates(by_date).items():
            drafts.extend(_split_by_place(group, day, main_place, main_span))
    # A death days after a shooting told in the report is that shooting's toll (and the
    # arrest that follows is that shooting's arrest).
    drafts = _fold_adjacent_days(drafts)
    violent = [d for d in drafts if any(m.family == "violence" for m in d.mentions)]
    standalone: dict[date | None, list[Mention]] = {}
    for a in arrests:
        target = _arrest_target(a, violent)
        if target is not None:
            target.arrests.append(a)
        else:
            standalone.setdefault(a.date, []).append(a)
    for day, group in standalone.items():
        drafts.extend(_split_by_place(group, day, main_place, main_span))
    # A strategic development on the day and at the place of a violent event is part of it
    # ("gunmen attacked the village and torched houses").
    for d in list(drafts):
        if all(m.family == "strategic" for m in d.mentions):
            host = next(
                (
                    v
                    for v in violent
                    if v.date == d.date
                    and _same_place(v.place, d.place)
                    and d.kinds <= {Kind.LOOT, Kind.DISRUPT}
                ),
                None,
            )
            if host is not None:
                host.mentions.extend(d.mentions)
                host.arrests.extend(d.arrests)
                drafts.remove(d)
    drafts = _fold_adjacent_days(drafts)
    drafts = _fold_bare(drafts)
    for m in headline:
        host = _headline_host(m, drafts)
        if host is not None:
            (host.arrests if m.family == "arrest" else host.mentions).append(m)
    # An event known only from a claim of responsibility is the claim's topic, not news of it.
    drafts = [d for d in drafts if not all(m.claimed for m in d.mentions + d.arrests)]
    # An arrest for drugs, fraud or theft alone is crime, not a political event.
    drafts = [
        d
        for d in drafts
        if not (
            all(m.family == "arrest" for m in d.mentions + d.arrests)
            and _crime_only(d.mentions + d.arrests)
        )
    ]
    for d in drafts:
        d.zeros = [z for z in zeros if any(_near(z, m) for m in d.mentions + d.arrests)]
        if (
            d.place is not None
            and d.place.level != "town"
            and main_place is not None
            and main_place.level == "town"
            and d.place.holds(main_place)
        ):
            # Told only by its country, state or county ('a shooting in Bucks County'), in a
            # report whose own town lies in it: that town, as a town in the region told (ACLED's
            # precision 2).
            d.place, d.place_span, d.place_near = main_place, main_span, True
    drafts.sort(key=lambda d: min(m.order for m in d.mentions + d.arrests))
    return drafts


def _fold_weak_dates(by_date: dict[date | None, list[Mention]]) -> dict[date | None, list[Mention]]:
    """A day known only from the sentence, the context or publication joins a day within two
    days that the report dates in so many words: the same incident told loosely."""
    firm = [d for d, ms in by_date.items() if d is not None and any(m.date_how in FIRM for m in ms)]
    out: dict[date | None, list[Mention]] = {d: list(ms) for d, ms in by_date.items()}
    for day, ms in by_date.items():
        if day is None or day in firm or not firm:
            continue
        nearest = min(firm, key=lambda f: abs((f - day).days))
        if abs((nearest - day).days) <= 2:
            for m in ms:
                m.date, m.precision = nearest, min(m.precision, 2)
            out[nearest].extend(ms)
            del out[day]
    return out


def _headline_host(m: Mention, drafts: list[Draft]) -> Draft | None:
    """The body's event a headline mention restates: same kind first, then the biggest."""
    if not drafts:
        return None
    same = [d for d in drafts if m.kind in d.kinds]
    family = [d for d in drafts if any(x.family == m.family for x in d.mentions)]
    pool = same or family or drafts
    told = {(i.field, i.value) for i in m.counts}

    def fit(d: Draft) -> tuple[bool, int]:
        # The event whose figure the headline repeats ('Gunmen kill seven'), else the lead.
        repeats = any((i.field, i.value) in told for x in d.mentions for i in x.counts)
        return repeats, -min(x.order for x in d.mentions)

    return max(pool, key=fit)


def _fold_adjacent_days(drafts: list[Draft]) -> list[Draft]:
    """Violence at one place on two adjacent days, told in one report, is one incident
    ('Tuesday evening' in the story, 'last night' in a quote given the next day)."""
    out: list[Draft] = []
    for d in sorted(drafts, key=lambda d: (d.date is None, d.date)):
        host = next(
            (
                o
                for o in out
                if o.date
                and d.date
                and 0 <= (d.date - o.date).days <= (_DIED_LATER_DAYS if _died_later(d, o) else 1)
                and _violent(o)
                and _violent(d)
                and _same_town(o.place, d.place)
            ),
            None,
        )
        if host is None:
            out.append(d)
            continue
        firm_host = sum(m.date_how in FIRM for m in host.mentions)
        firm_d = sum(m.date_how in FIRM for m in d.mentions)
        if firm_d > firm_host:
            host.date, host.precision = d.date, d.precision
        host.mentions.extend(d.mentions)
        host.arrests.extend(d.arrests)
        if host.place is None:
            host.place, host.place_span = d.place, d.place_span
    return out


_BARE_DAYS = 7
_PLAIN = {Kind.KILL, Kind.INJURE, Kind.SHOOT, Kind.ATTACK}


def _fold_bare(drafts: list[Draft]) -> list[Draft]:
    """Violence with no toll, no arrest and no one hit of its own ('the shooting', 'the
    shooter', a sheriff's homicide unit), a few days and one region from violence the report
    does count, is that violence told again loosely, not an incident of its own."""
    counted = [d for d in drafts if _armed(d) and _counted(d)]
    if not counted:
        return drafts
    out = []
    for d in drafts:
        host = None
        if _armed(d) and not _counted(d) and not d.arrests and d.date is not None:
            near = [
                h
                for h in counted
                if h.date is not None
                and abs((h.date - d.date).days) <= _BARE_DAYS
                and _same_region(h.place, d.place)
                and d.kinds <= h.kinds | _PLAIN  # a bombing is not the raid told again
            ]
            host = min(near, key=lambda h: abs((h.date - d.date).days), default=None)  # type: ignore[operator]
        if host is None:
            out.append(d)
            continue
        if d.date < host.date and not any(  # type: ignore[operator]
            m.date_how in FIRM and m.date == host.date for m in host.mentions
        ):
            # A toll dated only loosely is often dated by the death or the naming of the
            # dead, days after the shooting the report tells without a count.
            host.date, host.precision = d.date, d.precision
        host.mentions.extend(d.mentions)
        host.mentions.sort(key=lambda m: (m.order, m.root.i))
        _choose_place(host, host.place, host.place_span)  # the place most of it is told at
    return out


def _armed(d: Draft) -> bool:
    return _violent(d) and not d.kinds & DEMONSTRATION


def _counted(d: Draft) -> bool:
    return any(i.value for m in d.mentions + d.arrests for i in m.counts)


def _same_region(a: Place | None, b: Place | None) -> bool:
    return (
        a is None
        or b is None
        or (a.country_code == b.country_code and (a.admin1_code or "") == (b.admin1_code or ""))
    )


_DIED_LATER_DAYS = 14
_DEATH_WORDS = {"died", "dies", "succumbed", "death", "dead", "pronounced dead", "passed away"}


def _died_later(d: Draft, host: Draft) -> bool:
    """'She died Tuesday, days after she was shot': a death and nothing else, after a
    shooting the report tells at the same place, is that shooting's toll."""
    return all(
        m.kind is Kind.KILL and m.span.text.lower() in _DEATH_WORDS for m in d.mentions
    ) and bool(host.kinds & {Kind.SHOOT, Kind.INJURE, Kind.ATTACK})


def _violent(d: Draft) -> bool:
    return any(m.family == "violence" for m in d.mentions)


def _same_town(a: Place | None, b: Place | None) -> bool:
    return a is None or b is None or a == b


def _crime_only(arrests: list[Mention]) -> bool:
    words = {t.lower_ for a in arrests for t in a.sentence}
    return bool(words & CRIME) and not words & POLITICAL


def _near(item: CountItem, m: Mention) -> bool:
    return abs(item.start - m.start) < 600


def _same_place(a: Place | None, b: Place | None) -> bool:
    return (
        a is None
        or b is None
        or a == b
        or ((a.level != "town" or b.level != "town") and a.country_code == b.country_code)
    )


def _split_by_place(
    group: list[Mention],
    day: date | None,
    main_place: Place | None,
    main_span: tuple[int, int] | None,
) -> list[Draft]:
    precision = min(m.precision for m in group)
    towns: dict[int | None, list[Mention]] = {}
    loose: list[Mention] = []
    for m in group:
        if m.place is not None and m.place.level == "town":
            towns.setdefault(m.place.geonames_id, []).append(m)
        else:
            loose.append(m)
    # A region told on its own that holds none of the day's towns is a place of its own
    # with a toll of its own ('shot five traders dead near a market town in the Centre-Nord
    # region', beside an attack in Djibo).
    placed_sentences = {(m.paragraph, m.order) for ms in towns.values() for m in ms}
    regions: dict[int | None, list[Mention]] = {}
    for m in list(loose):
        if (
            towns
            and m.place is not None
            and m.place.level in ("admin1", "admin2")
            and (m.paragraph, m.order) not in placed_sentences
            and not any(m.place.holds(ms[0].place) for ms in towns.values() if ms[0].place)
        ):
            regions.setdefault(m.place.geonames_id, []).append(m)
    for gid, members in regions.items():
        if any(i.value for m in members for i in m.counts):  # with a toll of its own
            towns[gid] = members
            loose = [m for m in loose if m not in members]
    if len(towns) <= 1:
        draft = Draft(list(group), day, precision)
        _choose_place(draft, main_place, main_span)
        return [draft]
    # Several towns on one day: an event each. A mention without a town of its own belongs to
    # the town told with it (its sentence, else the last one told before it): 'In Mosul, a
    # bomb struck a patrol, killing one soldier' is Mosul's toll, whichever town is biggest.
    drafts = []
    home_of: dict[int | None, Draft] = {}
    for gid, members in sorted(towns.items(), key=lambda kv: len(kv[1]), reverse=True):
        d = Draft(list(members), day, min(m.precision for m in members))
        _choose_place(d, main_place, main_span)
        drafts.append(d)
        home_of[gid] = d
    placed = [m for ms in towns.values() for m in ms]
    unanchored = []
    for m in loose:
        anchor = _town_told_with(m, placed)
        if anchor is not None and anchor.place is not None:
            home_of[anchor.place.geonames_id].mentions.append(m)
        else:
            unanchored.append(m)
    for m in unanchored:
        if not m.counts:
            drafts[0].mentions.append(m)
        elif not _told_by_town(m, drafts):
            # A toll told before any town, that no town's own toll tells again: the first
            # town's ('Gunmen killed five soldiers on Monday. The attack was in Bama ...').
            min(drafts, key=lambda d: min(x.order for x in d.mentions)).mentions.append(m)
        # else: the report's roundup of the towns it then tells one by one ('two bombs
        # killed three people in northern Iraq'): its sum is no town's toll.
    for d in drafts:
        d.mentions.sort(key=lambda m: (m.order, m.root.i))
    return drafts


def _town_told_with(m: Mention, placed: list[Mention]) -> Mention | None:
    """The town-placed mention a mention without a town is told with: in its own sentence
    (the nearest word), else the last told before it, its own paragraph first."""
    same = [p for p in placed if p.order == m.order and p.paragraph == m.paragraph]
    if same:
        return min(same, key=lambda p: abs(p.root.i - m.root.i))
    if is_tally(m.sentence.text):
        return None  # '300 arrested nationwide since the protests began': no one town's
    before = [p for p in placed if (p.order, p.paragraph) < (m.order, m.paragraph)]
    if not before:
        return None
    return max(before, key=lambda p: (p.paragraph == m.paragraph, p.order, p.root.i))


def _told_by_town(m: Mention, drafts: list[Draft]) -> bool:
    """Whether the towns' own mentions give a figure of a field this mention counts."""
    fields = {i.field for i in m.counts if i.value}
    return any(i.field in fields and i.value for d in drafts for x in d.mentions for i in x.counts)


def _choose_place(d: Draft, main_place: Place | None, main_span: tuple[int, int] | None) -> None:
    placed = [m for m in d.mentions if m.place is not None]
    if placed:
        counts = Counter(m.place.geonames_id for m in placed if m.place is not None)
        best = min(
            placed,
            key=lambda m: (
                PRECISION_RANK[m.place.level] if m.place else 4,
                -counts[m.place.geonames_id if m.place else None],
                m.order,
            ),
        )
        d.place, d.place_span, d.place_near = best.place, best.place_span, best.place_near
    elif main_place is not None:
        d.place, d.place_span = main_place, main_span


def _arrest_target(a: Mention, violent: list[Draft]) -> Draft | None:
    """The event an arrest belongs to, or None when it is an event of its own."""
    if not violent:
        return None
    same_day = [d for d in violent if d.date == a.date and _same_place(d.place, a.place)]
    demo = [d for d in same_day if d.kinds & {Kind.PROTEST, Kind.RIOT}]
    if demo:
        return demo[0]
    words = {t.lower_ for t in a.sentence}
    arrested_perpetrators = any(g in ("perpetrators",) for i in a.counts for g in i.groups)
    if words & _VIOLENT_WORDS or arrested_perpetrators or a.root.lower_ in ("charged with",):
        # The event of the arrest's own day, else the one told before it, else the nearest.
        dated = [d for d in violent if d.date == a.date]
        told_before = [d for d in violent if min(m.order for m in d.mentions) <= a.order]
        pool = dated or told_before or violent
        return min(pool, key=lambda d: abs(min(m.order for m in d.mentions) - a.order))
    if same_day:
        return same_day[0]
    # A report of one shooting that tells of an arrest in the days after it: the suspect's
    # arrest, counted with the shooting (as the Gun Violence Archive counts it).
    crimes = [
        d
        for d in violent
        if not d.kinds & {Kind.PROTEST, Kind.RIOT} and _soon_after(d.date, a.date)
    ]
    if len(violent) == 1 and crimes:
        return crimes[0]
    # Of several, the one told at the arrest's place most recently before it.
    placed = [d for d in crimes if _same_town(d.place, a.place)]
    if placed and a.date is not None:
        return max(placed, key=lambda d: (d.date or date.min, -min(m.order for m in d.mentions)))
    return None


def _soon_after(event_day: date | None, arrest_day: date | None) -> bool:
    if event_day is None or arrest_day is None:
        return True
    return -1 <= (arrest_day - event_day).days <= 30  # a day's doubt on either date


def classify(d: Draft) -> tuple[str, str]:
    """ACLED's event type and sub-event type for a draft, by precedence."""
    kinds = d.kinds
    if d.arrests and not kinds:
        kinds = {Kind.ARREST}
    agents = [a for m in d.mentions for a in m.agents] or [
        a for m in d.mentions for a in m.context_agents
    ]
    targets = [t for m in d.mentions for t in m.targets]
    words = {t.lower_ for m in d.mentions + d.arrests for t in m.sentence}
    protest_actors = any(a.inter == PROTESTERS for a in agents + targets)
    if (
        Kind.PROTEST in kinds
        or Kind.RIOT in kinds
        or (protest_actors and kinds & {Kind.CLASH, Kind.ATTACK})
    ):
        protesters_violent = (
            any(
                m.kind in (Kind.CLASH, Kind.ATTACK, Kind.LOOT, Kind.RIOT)
                and any(a.inter in (PROTESTERS, RIOTERS) for a in m.agents)
                for m in d.mentions
            )
            or bool(words & _RIOT_WORDS)
            or Kind.CLASH in kinds
            or Kind.MOB in kinds
        )
        if Kind.RIOT in kinds or protesters_violent:
            return "Riots", "Violent demonstration"
        harmed = any(
            m.kind in (Kind.KILL, Kind.INJURE, Kind.SHOOT) and m.counts for m in d.mentions
        )
        state_hit = any(
            m.kind in (Kind.KILL, Kind.INJURE, Kind.SHOOT, Kind.ATTACK)
            and any(a.inter == STATE for a in m.agents)
            for m in d.mentions
        )
        killed = any(i.field == "killed" and i.value for m in d.mentions for i in m.counts)
        # Tear gas, rubber bullets and water cannon that hurt people are an intervention;
        # lethal force is live fire, or anyone killed.
        less_lethal = bool(words & _LESS_LETHAL) and not words & _LETHAL
        if (
            harmed
            and (state_hit or words & {"police", "troops", "soldiers", "forces"})
            and (killed or not less_lethal)
        ):
            return "Protests", "Excessive force against protesters"
        if d.arrests or kinds & {Kind.ARREST} or words & _INTERVENTION:
            return "Protests", "Protest with intervention"
        return "Protests", "Peaceful protest"
    if kinds == {Kind.ARREST} and _at_gathering(d):
        # 'police detained 50 at a vigil': the arrested were demonstrating.
        return "Protests", "Protest with intervention"
    if Kind.MOB in kinds or _mob(d):
        return "Riots", "Mob violence"
    if Kind.SUICIDE in kinds:
        return "Explosions/Remote violence", "Suicide bomb"
    if Kind.CHEMICAL in kinds:
        return "Explosions/Remote violence", "Chemical weapon"
    if Kind.AIR in kinds:
        return "Explosions/Remote violence", "Air/drone strike"
    if Kind.TRANSFER_TERRITORY in kinds:
        return "Strategic developments", "Non-violent transfer of territory"
    if Kind.REGAIN_TERRITORY in kinds:
        return "Battles", "Government regains territory"
    if Kind.TAKE_TERRITORY in kinds:
        if any(a.inter == STATE for a in agents):
            return "Battles", "Government regains territory"
        return "Battles", "Non-state actor overtakes territory"
    if Kind.CLASH in kinds:
        if _attack_then_fight(d):
            return "Violence against civilians", "Attack"
        return "Battles", "Armed clash"
    device = any(
        m.kind is Kind.EXPLOSIVE and m.span.text.lower() not in _BARE_BLASTS for m in d.mentions
    )
    if Kind.SHELL in kinds and not device:
        # Explosions on a front line with artillery around them are shelling, not a bomb.
        return "Explosions/Remote violence", "Shelling/artillery/missile attack"
    if Kind.GRENADE in kinds:
        return "Explosions/Remote violence", "Grenade"
    if Kind.SHELL in kinds:
        return "Explosions/Remote violence", "Shelling/artillery/missile attack"
    harmed = any(i.value for m in d.mentions for i in m.counts if i.field in ("killed", "injured"))
    if Kind.DISRUPT in kinds and not harmed and not kinds & {Kind.ATTACK, Kind.SHOOT, Kind.KILL}:
        # 'the bomb squad defused an IED': the bomb did not go off.
        return "Strategic developments", "Disrupted weapons use"
    if Kind.EXPLOSIVE in kinds and (device or Kind.SHOOT not in kinds):
        # 'opened fire ... blasts of gunfire': bare blasts beside shooting are the shots.
        return "Explosions/Remote violence", "Remote explosive/landmine/IED"
    if Kind.SEXUAL in kinds:
        return "Violence against civilians", "Sexual violence"
    killed = any(i.field == "killed" and i.value for m in d.mentions for i in m.counts)
    if Kind.ABDUCT in kinds and not killed:
        return "Violence against civilians", "Abduction/forced disappearance"
    if _arrest_raid(d, kinds, harmed):
        return "Strategic developments", "Arrests"
    if kinds & {Kind.KILL, Kind.INJURE, Kind.SHOOT, Kind.ATTACK}:
        if _armed_both_sides(agents, targets, d):
            return "Battles", "Armed clash"
        return "Violence against civilians", "Attack"
    if Kind.TRANSFER_TERRITORY in kinds:
        return "Strategic developments", "Non-violent transfer of territory"
    if Kind.LOOT in kinds:
        return "Strategic developments", "Looting/property destruction"
    if Kind.DISRUPT in kinds:
        return "Strategic developments", "Disrupted weapons use"
    if Kind.AGREEMENT in kinds:
        return "Strategic developments", "Agreement"
    if Kind.BASE in kinds:
        return "Strategic developments", "Headquarters or base established"
    if Kind.CHANGE in kinds:
        return "Strategic developments", "Change to group/activity"
    return "Strategic developments", "Arrests"


_GATHERINGS = {
    "vigil", "vigils", "rally", "rallies", "protest", "protests", "demonstration",
    "demonstrations", "march", "marches", "sit-in", "crowd", "crowds", "gathering", "picket",
    "blockade", "procession",
}  # fmt: skip
# What the arrested were doing: 'activists who had glued themselves to roads'.
_PROTEST_ACTS = {
    "blocking", "blocked", "glued", "chanting", "chanted", "marching", "marched", "protesting",
    "protested", "demonstrating", "demonstrated", "rallying", "rallied", "picketing",
}  # fmt: skip


def _at_gathering(d: Draft) -> bool:
    """Arrests told at a gathering ('detained 50 at a vigil', 'pulled people from the
    crowd') or of people protesting: a protest the police broke up, not arrests alone
    ('arrested 40 activists before a rally')."""
    for m in d.arrests + d.mentions:
        for t in m.sentence:
            if (
                t.lower_ in _GATHERINGS
                and t.dep_ == "pobj"
                and t.head.lower_ in ("at", "during", "from", "outside")
            ):
                return True
            if t.lower_ in _PROTEST_ACTS and t.dep_ in ("relcl", "acl", "advcl"):
                return True
        if any(a.inter == PROTESTERS for a in m.targets):
            return True
    return False


def _attack_then_fight(d: Draft) -> bool:
    """'Gunmen opened fire on worshippers, killing six ... Security forces later exchanged fire
    with the attackers': the event is the attack on civilians; the fight after it took no
    lives of its own."""
    ordered = sorted(d.mentions, key=lambda m: (m.order, m.span.start))
    lead = next(
        (
            m
            for m in ordered
            if m.kind in (Kind.SHOOT, Kind.ATTACK, Kind.CLASH)
            and (m.root.pos_ == "VERB" or m.targets)  # not the 'gunmen' who did it
        ),
        None,
    )
    if lead is None or lead.kind is Kind.CLASH:
        return False
    if not lead.targets or any(t.inter != CIVILIANS for t in lead.targets):
        return False
    if any(a.inter == STATE for a in lead.agents + lead.context_agents):
        return False
    groups = {g for m in d.mentions for i in m.counts for g in i.groups}
    return not any(m.counts for m in d.mentions if m.kind is Kind.CLASH) and not groups & {
        "state_forces"
    }


_LESS_LETHAL = {"tear", "teargas", "rubber", "cannon", "cannons", "pepper", "batons", "stun"}
_LETHAL = {"live", "ammunition", "bullets", "gunfire", "rifles", "shotguns", "pellets"}
_RAIDS = {"raid", "raids", "raided", "raiding", "swoop", "swoops", "sweep", "sweeps"}


def _arrest_raid(d: Draft, kinds: set[Kind], harmed: bool) -> bool:
    """'police arrested 40 activists in raids across the city': state forces' raids that
    arrest and harm no one are the arrests, not an attack."""
    raids = [m for m in d.mentions if m.kind is Kind.ATTACK]
    return (
        bool(d.arrests and raids)
        and all(m.root.lower_ in _RAIDS for m in raids)
        and not harmed
        and kinds - {Kind.ARREST} == {Kind.ATTACK}
        and all(m.agents and all(a.inter == STATE for a in m.agents) for m in raids)
    )


def _mob(d: Draft) -> bool:
    """'residents beat a suspected thief', 'a crowd attacked': violence by unorganised people."""
    violent = {Kind.KILL, Kind.INJURE, Kind.ATTACK}
    if not d.kinds & violent or d.kinds & {Kind.SHOOT, Kind.CLASH, Kind.EXPLOSIVE, Kind.SHELL}:
        return False
    by = [a for m in d.mentions if m.kind in violent for a in m.agents]
    return bool(by) and all(a.inter in (CIVILIANS, RIOTERS) for a in by)


def _armed_both_sides(agents: list[ActorRef], targets: list[ActorRef], d: Draft) -> bool:
    """State forces against an armed group, or two armed groups: a battle, not an attack."""
    armed = {STATE, REBEL, MILITIA, 4, 8}
    sides = {a.inter for a in agents if a.inter in armed}
    hit = {t.inter for t in targets if t.inter in armed}
    if sides and hit and (sides | hit) & {STATE, REBEL, 4, 8}:
        return True
    # Killed perpetrators or state forces among the dead with an armed attacker: a fight.
    groups = {g for m in d.mentions for i in m.counts for g in i.groups}
    if STATE in sides and "perpetrators" in groups:
        return True
    return bool(sides & {REBEL, MILITIA} and "state_forces" in groups and not hit & {7})
