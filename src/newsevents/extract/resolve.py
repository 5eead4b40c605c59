"""Resolving a report's place names in the gazetteer: each name, the place it means there.

Candidates for a name are ranked by the report's other places (countries, demonyms, US
states named, the unit told after a town), then by population; a village the gazetteer
knows only among small towns is read where the report names no town; and a report that
names no place is placed in the country whose forces it tells of.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace

from newsevents.extract.candidates import (
    BIG_TOWN,
    DWARFED,
    Candidates,
    abbreviation,
    bears,
    ranked,
)
from newsevents.extract.placenames import UNPARSED, FoundNames, PlaceName
from newsevents.extract.placewords import UNIT_GAP, bracketed
from newsevents.geo.gazetteer import Gazetteer, Place, norm
from newsevents.geo.mention import PlaceMention
from newsevents.geo.names import ACTOR_HOMES, ACTOR_REGIONS
from newsevents.model import Article


class Resolver:
    """Reads each place name a report tells as the place the gazetteer most likely means by it,
    weighed by everything else the report says of where it is."""

    def __init__(self, gazetteer: Gazetteer, candidates: Candidates) -> None:
        self.gazetteer = gazetteer
        self.candidates = candidates
        self._title_names: dict[str, Place] | None = None
        self._title_pattern: re.Pattern[str] | None = None

    def resolve(self, article: Article, found_names: FoundNames) -> list[PlaceMention]:
        """Every resolvable place name in the report, in text order; the names the gazetteer
        does not know go to `article.unknown_places`."""
        names, villages = found_names.names, found_names.villages
        countries = found_names.countries
        demonyms, forces = found_names.demonyms, found_names.forces
        divisions: Counter[str] = Counter()
        home = _home_country(article)
        for code, weight in home.items():
            countries[code] += weight
        title_units = self._title_units(article.title or "")
        titled = [u for u in title_units if u.level != "country"]
        for unit in title_units:
            # 'Duncan Teen Accidentally Shot In Face - FOX Carolina', 'Shooting in Tennessee
            # National Guard Armory': the title's state or country, a prior never quoted.
            if unit.level == "country":
                countries[unit.country_code] += 1
            elif unit.division_code:
                divisions[unit.division_code] += 1
        actor_homes = _actor_homes(article)
        for code in actor_homes:
            countries[code] += 2  # as strong as the country named
        regions = _actor_regions(article)
        for code in regions:
            divisions[code] += 1
        resolved_first: list[tuple[PlaceName, list[Place], Place | None]] = []
        # What a name read one way adds to the report's countries and divisions: it speaks for
        # the report's other names, not for itself, however often it is told ('Belgrade
        # Police ... in Belgrade' in a report from Montana).
        self_votes: dict[str, tuple[Counter[str], Counter[str]]] = defaultdict(
            lambda: (Counter(), Counter())
        )
        found = [self.candidates.of(item.text, item.unit_only) for item in names]
        # 'in the Austin neighborhood', 'the Germantown section of the city': a part of the
        # report's town. Read only in a state or province another name of the report lies in
        # ('East Garfield Park' in Chicago), not as a namesake town elsewhere (Austin, Texas).
        quarters = {i for i, n in enumerate(names) if _in_quarter(article.text, n)}
        around = {p.admin1_code for i, c in enumerate(found) if i not in quarters for p in c[:1]}
        if around:
            for i in quarters:
                found[i] = [p for p in found[i] if p.admin1_code in around]
            kept = [i for i in range(len(names)) if i not in quarters or found[i]]
            names, found = [names[i] for i in kept], [found[i] for i in kept]
            villages = [v for v in villages if not _in_quarter(article.text, v)]
        hints = self._units_after(article, names, found, countries)
        agreed = self._agreeing(names, found, article.title or "")
        for unit in agreed:
            for held_by in {unit.admin1_code, unit.division_code}:
                if held_by:
                    divisions[held_by] += 2
        for item, candidates, hint in zip(names, found, hints, strict=True):
            resolved_first.append((item, candidates, hint))
            top = candidates[0] if candidates else None
            if top is not None and not (
                len(candidates) == 1
                or (
                    top.level in ("country", "admin1")
                    and sum(p.level == top.level for p in candidates) == 1
                    and not _namesake_city(top, candidates)
                )
            ):
                top = _dominant(candidates)
            if top is not None:
                p = top
                own_c, own_d = self_votes[norm(item.text)]
                if p.level == "country":
                    own_c[p.country_code] += 2
                else:
                    for division in (p.admin1_code, p.admin2_code):
                        if division:
                            own_d[division] += 2 if p.level != "town" else 1
                    own_c[p.country_code] += 1
            if hint is not None:
                if hint.level == "country":
                    countries[hint.country_code] += 3  # 'ABUJA, Nigeria —'
                elif hint.division_code:
                    divisions[hint.division_code] += 3
                    countries[hint.country_code] += 1
        for own_c, own_d in self_votes.values():
            countries.update(own_c)
            divisions.update(own_d)
        out: list[PlaceMention] = []
        misread: set[tuple[int, int]] = set()  # names whose only readings lie abroad
        article.unknown_places = []
        # 'the Volusia County Sheriff's Office ... in DeBary': a county the report names, read
        # one way, is where its small towns are looked for.
        counties = list(
            {
                c[0].division_code: c[0] for c in found if len(c) == 1 and c[0].level == "admin2"
            }.values()
        )
        settled: dict[str, Place] = {}  # names read with the unit after them ('Macon, Ga.')
        for (name, start, end, index, tok, near, state, *_), candidates, hint in resolved_first:
            units = [hint] if hint is not None else titled or agreed or counties
            if units and not any(p is u or u.holds(p) for p in candidates for u in units):
                # 'Caledonia, N.Y.' is the village in New York, not the bigger Caledonia in
                # Wisconsin; 'Brownsville' in a report titled '... in Tennessee' the village
                # there; 'Madurai, TN' stays the city in India, Tennessee having none.
                namesakes = self.gazetteer.lookup_small(name)
                small = [p for p in namesakes if any(u.holds(p) for u in units)] or [
                    # 'Naples police' and 'the Titus County Sheriff's Office': the Naples
                    # next door, in the county's state.
                    p
                    for p in namesakes
                    if any(u.level == "admin2" and p.admin1_code == u.admin1_code for u in units)
                ]
                candidates = small or candidates
            own_c, own_d = self_votes.get(norm(name), (Counter(), Counter()))
            others_c, others_d = countries - own_c, divisions - own_d  # what the rest say
            within = hint is not None and (
                not candidates
                or (
                    # a namesake elsewhere in the hint's country, none in the hint itself
                    hint.level != "country"
                    and not any(p is hint or _near_unit(hint, p) for p in candidates)
                    and (
                        any(p.country_code == hint.country_code for p in candidates)
                        # 'Kinda in Idleb' is no Kinda abroad, where the report's other names
                        # say the hint's country; 'Madurai, TN' may be.
                        or (
                            not abbreviation(state or "")
                            and others_c[hint.country_code]
                            > max(others_c[p.country_code] for p in candidates)
                        )
                    )
                )
            )
            if within and hint is not None:
                # 'KINLOCH, Mo.': a village we do not know, in a state we do; 'TYRONE, Mo.' is
                # not a Tyrone we know in Georgia.
                candidates = [hint]
            if not candidates:
                article.unknown_places.append((name, start, end))
                continue
            best, others = ranked(name, candidates, others_c, others_d, hint)
            if hint is None and norm(name) in settled:
                # 'CAMERON, W.Va. -- Cameron police say': the village the dateline placed,
                # though the gazetteer knows it only among small towns.
                best, others = settled[norm(name)], ()
            elif hint is not None and hint.holds(best):
                settled.setdefault(norm(name), best)
            elif tok == -1 and best.level != "town":
                # A dateline names a city: 'WASHINGTON --' is the capital, not the state;
                # 'CHARLOTTE --' the city, not a county of Virginia.
                city = next(
                    (
                        p
                        for p in candidates
                        if p.level == "town"
                        and p.population >= BIG_TOWN
                        and norm(p.name) == norm(name)
                    ),
                    None,
                )
                if city is not None:
                    best, others = city, (best, *others)[:3]
            if _foreign_village(name, best, candidates, countries, others_c):
                # A village we do not know, though not to be looked for again among small
                # towns abroad.
                article.unknown_places.append((name, start, end))
                misread.add((start, end))
                continue
            if hint is None and norm(name) not in settled:
                namesake = self._namesake_at_home(name, best, candidates, others_c, others_d, home)
                if namesake is not None:
                    best, others = namesake, (best, *others)[:3]
            region = self._region_instead(best, regions, hint)
            if region is not None:
                # 'near Berezove' in a report of the Donbas fighting: not the Berezove the
                # gazetteer knows in Rivne, but a village it does not know in the region.
                best, others = region, (best,)
            out.append(
                PlaceMention(
                    name, start, end, index, tok, best, near, others, within, region is not None
                )
            )
        if not any(pm.place.level == "town" for pm in out):
            # No town of any size: a village the report puts its event in ('protesters
            # blocked the main road in Halba').
            unknown = {(u[1], u[2]) for u in article.unknown_places}
            asked = [
                n
                for n in villages + [n for n in names if n.village and (n.start, n.end) in unknown]
                if (n.start, n.end) not in misread
            ]
            # In a country the report places something in, else one it tells of.
            placed = Counter(pm.place.country_code for pm in out)
            added = [
                self._in_region(pm, regions)
                for pm in self._villages(asked, placed or countries, divisions)
            ]
            if added:
                out = sorted(out + added, key=lambda pm: pm.start)
                taken = {(pm.start, pm.end) for pm in added}
                article.unknown_places = [
                    u for u in article.unknown_places if (u[1], u[2]) not in taken
                ]
        fought_in = self.gazetteer.division(regions[0]) if regions else None
        if not out and fought_in is not None:
            # A village the gazetteer does not know, in a report of forces that fight in one
            # region ('near Oleksandropillia', by the OSCE SMM): in that region.
            unknown = {(u[1], u[2]) for u in article.unknown_places}
            for n in names:
                if (n.village or n.near) and (n.start, n.end) in unknown:
                    out.append(
                        PlaceMention(
                            n.text,
                            n.start,
                            n.end,
                            n.paragraph,
                            n.token,
                            fought_in,
                            n.near,
                            region=True,
                        )
                    )
                    break
        if not out:
            # No place named, but forces that act in one country: the report is in it
            # ('the OSCE SMM observed 33 explosions near Zaporozhets'). Country only.
            told = actor_homes or demonyms or forces
            most = sorted(told.items(), key=lambda kv: (-countries[kv[0]], kv[1][0]))
            for code, (start, end, index) in most[:1]:
                country = self.gazetteer.countries.get(code)
                if country is not None:
                    name = article.text[start:end]
                    out.append(PlaceMention(name, start, end, index, UNPARSED, country))
        return out

    def _units_after(
        self,
        article: Article,
        names: list[PlaceName],
        found: list[list[Place]],
        countries: Counter[str],
    ) -> list[Place | None]:
        """The unit each name is told with ('Macon, Ga.', 'Kinda in Idleb', 'Yby Yau
        (Concepcion)'), read through the chain of units after it; `found` is narrowed to the
        readings those units hold (one name, one place in a report)."""
        hints = [
            self.candidates.hint(item.state, candidates, countries) if item.state else None
            for item, candidates in zip(names, found, strict=True)
        ]
        for i, item in enumerate(names):
            parts = bracketed(article.text, item.end) if hints[i] is None else []
            for part in parts[1:]:
                # 'New Brighton (Nelson Mandela Bay, Eastern Cape)': the first unit in the
                # brackets we know. Not 'TN' ('(Kanniyakumari, TN)'), Tamil Nadu or Tennessee.
                if abbreviation(part):
                    continue
                hints[i] = self.candidates.hint(part, found[i], countries)
                if hints[i] is not None:
                    break
        # The name each unit after a town is written as ('Columbus, Georgia'), by position.
        unit_at = {
            i: j
            for i, item in enumerate(names)
            for j, other in enumerate(names)
            if item.state
            and item.paragraph == other.paragraph
            and item.end < other.start
            and UNIT_GAP.fullmatch(article.text, item.end, other.start)
            and norm(item.state).startswith(norm(other.text))
        }
        replaced: set[int] = set()
        for i in sorted(unit_at, reverse=True):
            outer, hint = hints[unit_at[i]], hints[i]
            if (
                outer is not None
                and hint is None
                and not abbreviation(names[unit_at[i]].state or "")
            ):
                # 'Jaro, Iloilo City, Iloilo': a unit we do not know, in one we do; but 'TN' in
                # '(Kanyakumari, TN)' may be Tamil Nadu as well as Tennessee.
                hints[i] = outer
                replaced.add(i)
            elif outer is not None and hint is not None and not outer.holds(hint):
                # 'Rafah (Rafah, North Sinai)': the Rafah in North Sinai, not the one in Gaza
                # the first unit alone would say.
                inner = [p for p in found[i] if outer.holds(p)]
                if not inner and found[i]:
                    continue  # 'Chennai (Chennai, TN)': not Tennessee, which holds no Chennai
                if inner:
                    again = self.candidates.hint(names[i].state or "", inner, countries)
                else:
                    # 'Miango (Bassa LGA, Plateau)': a village we do not know, in the Bassa
                    # of Plateau, not Kogi's.
                    units = self.gazetteer.lookup(names[i].state or "")
                    again = next((u for u in units if u.level != "town" and outer.holds(u)), None)
                    if again is None:
                        continue  # '(Sahiwal, Sindh)': the unit named first, if none fits
                hints[i] = again if again is not None and outer.holds(again) else outer
                replaced.add(i)
        for i, (item, hint) in enumerate(zip(names, hints, strict=True)):
            if hint is None:
                continue
            inside = [p for p in found[i] if hint.holds(p)]
            if inside:
                # One name, one place in a report: 'LEBANON, Ohio' makes every bare 'Lebanon'
                # in it the town in Ohio, not the country.
                for j, other in enumerate(names):
                    if hints[j] is None and norm(other.text) == norm(item.text):
                        found[j] = inside
            # The unit after the comma is the hint itself: 'Georgia' in 'Columbus, Georgia'
            # is the state, not the country; 'Marib' in 'Majzar district (Marib)' the
            # governorate, not its town.
            if i in unit_at and i not in replaced and (inside or _comma_between(article, item)):
                # ... though 'Abu Salim (Tripoli)', a place we do not know, is by the town of
                # Tripoli sooner than anywhere in its division.
                found[unit_at[i]] = [hint]
        return hints

    def _agreeing(
        self,
        names: Sequence[PlaceName],
        found: Sequence[list[Place]],
        title: str = "",
    ) -> list[Place]:
        """Two names each read several ways, of which one reading of each agrees: 'Anderson
        County deputies ... on Refuge Road in Pendleton' is the Pendleton (a small town) in
        Anderson County, South Carolina, of five Anderson Counties and four Pendletons. A
        town of the title agrees with a county of the text too ('Wallkill man ...' and
        'Orange County'), never with another of the title. The divisions that hold a town of
        another such name, where they all lie in one state or province; none otherwise."""
        units: list[tuple[str, Place]] = []
        towns: list[tuple[str, Place]] = []
        for item, candidates in zip(names, found, strict=True):
            if len(candidates) == 1:
                continue  # a name read one way votes for itself; one of none may be a village
            key = norm(item.text)
            city = any(p.level == "town" and p.population >= BIG_TOWN for p in candidates)
            # Not 'Lviv', a city, read as its province to agree with a hamlet there; a city
            # that is its own county ('Philadelphia') may.
            levels = ("admin2",) if city else ("admin1", "admin2")
            units += [(key, p) for p in candidates if p.level in levels]
            small = self.gazetteer.lookup_small(item.text)
            towns += [(key, p) for p in [*candidates, *small] if p.level == "town"]
        if not units:
            return []  # no county or state to agree on: the title is not read
        told = {norm(item.text) for item in names}
        for key, candidates in self._title_towns(title):
            # Not a name the text tells too, nor part of one ('Harris' of 'Harris County').
            if not any(f" {key} " in f" {t} " or f" {t} " in f" {key} " for t in told):
                towns += [(f"title:{key}", p) for p in candidates if p.level == "town"]
        agreed = {
            unit.division_code: unit
            for key, unit in units
            if any(other != key and unit.holds(town) for other, town in towns)
        }
        if len({u.admin1_code for u in agreed.values()}) != 1:
            return []
        return list(agreed.values())

    def _namesake_at_home(
        self,
        name: str,
        best: Place,
        candidates: list[Place],
        countries: Counter[str],
        divisions: Counter[str],
        home: Counter[str],
    ) -> Place | None:
        """A town abroad in a report whose outlet or idiom is of one country, and whose other
        places are too, where a town of that name lies: that town ('Berlin police said' in a
        report from a Connecticut station is Berlin, Connecticut). Only where nothing but the
        name itself votes for the country abroad. Of several, the one in the divisions the
        report names ('Titus County': Naples, Texas), else the biggest. `countries` and
        `divisions` are what the report's other names say."""
        if best.level != "town" or countries[best.country_code] > 0:
            return None
        ours = [(countries[c], c) for c in home if c != best.country_code and countries[c] >= 2]
        if not ours:
            return None
        country = max(ours)[1]
        at_home = [
            p
            for p in [*candidates, *self.gazetteer.lookup_small(name)]
            if p.level == "town" and p.country_code == country and bears(p, norm(name))
        ]
        return (
            max(
                at_home,
                key=lambda p: (
                    divisions[p.admin1_code or ""] + divisions[p.admin2_code or ""],
                    p.population,
                ),
            )
            if at_home
            else None
        )

    def _villages(
        self, names: list[PlaceName], countries: Counter[str], divisions: Counter[str]
    ) -> list[PlaceMention]:
        out = []
        for name in names:
            # Of the villages of that name, those in a country the report is about, if it
            # tells of one ('near Golo (Central Darfur state)' is not Golo in Guinea-Bissau).
            # Towns of any size the name after 'in' was too small to be taken for at first.
            towns = [p for p in self.gazetteer.lookup(name.text) if p.level == "town"]
            candidates = [
                p
                for p in towns + self.gazetteer.lookup_small(name.text)
                if countries.get(p.country_code) or not countries
            ]
            if not candidates:
                continue
            best, others = ranked(name.text, candidates, countries, divisions, None)
            out.append(
                PlaceMention(
                    name.text,
                    name.start,
                    name.end,
                    name.paragraph,
                    name.token,
                    best,
                    name.near,
                    others,
                )
            )
        return out

    def _in_region(self, pm: PlaceMention, regions: list[str]) -> PlaceMention:
        region = self._region_instead(pm.place, regions, None)
        if region is None:
            return pm
        return replace(pm, place=region, alternatives=(pm.place,), region=True)

    def _region_instead(self, best: Place, regions: list[str], hint: Place | None) -> Place | None:
        """The region of the armed groups the report names, for a small town outside it in the
        same country that nothing else vouches for (no unit named after it)."""
        if not regions or hint is not None or best.level != "town" or best.population >= BIG_TOWN:
            return None
        units = [self.gazetteer.division(code) for code in regions]
        inside = [u for u in units if u is not None and u.country_code == best.country_code]
        if not inside or any(u.holds(best) for u in inside):
            return None
        return inside[0]

    def _title_units(self, title: str) -> list[Place]:
        """US states ('Memphis, Tennessee', 'Columbus, GA') and countries a title names."""
        if not title:
            return []
        if self._title_names is None:
            states = {p.name: p for p in self.gazetteer.us_states.values()}
            nations = {
                p.name: p
                for p in self.gazetteer.countries.values()
                if p.name not in states and len(p.name) > 3
            }
            self._title_names = {**nations, **states}
            alternatives = sorted(self._title_names, key=len, reverse=True)
            self._title_pattern = re.compile(
                r"\b(" + "|".join(re.escape(n) for n in alternatives) + r")\b"
                r"|,\s*(?P<abbr>[A-Z][A-Za-z]?\.?[A-Z]?\.?)(?=[\s,;:|-]|$)"
            )
        assert self._title_pattern is not None
        out = []
        for m in self._title_pattern.finditer(title):
            if m.group("abbr"):
                state = self.gazetteer.us_state(m.group("abbr"))
                if state is not None:
                    out.append(state)
            else:
                out.append(self._title_names[m.group(1)])
        return out

    def _title_towns(self, title: str) -> list[tuple[str, list[Place]]]:
        """The towns each run of capitalised words in the title may be ('Friends say man from
        Lowry City ...'), the outlet after its dash left out: evidence for how the text's
        names are read, never a place quoted."""
        m = OUTLET.search(title)
        if m:
            title = title[: m.start()]
        out = []
        for run in re.finditer(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*", title):
            words = run.group().split()
            for n in range(min(3, len(words)), 0, -1):
                for i in range(len(words) - n + 1):
                    name = " ".join(words[i : i + n]).strip(".'’")
                    if len(name) < 4:
                        continue
                    towns = [
                        p
                        for p in [*self.gazetteer.lookup(name), *self.gazetteer.lookup_small(name)]
                        if p.level == "town"
                    ]
                    if towns:
                        out.append((norm(name), towns))
        return out


# An American broadcaster's call sign as the outlet ('... - WKRN News 2', 'KMOV.com'), and
# words only American reports use for their police: weak evidence of the report's country,
# worth less than one place the report names there.
OUTLET = re.compile(r"(?:\s[-|–—]\s|::\s?)\s*(?P<outlet>[^-|–—:]+?)\s*$")
_CALL_SIGN = re.compile(r"^[KW][A-Z]{2,3}(?:-?TV|-?FM)?(?:\.com|\b)", re.I)
# The station in the text: 'WCVB NewsCenter 5', 'KSLA News 12', 'abc3340.com', 'FOX 5',
# 'NBC4'. An American network's name with its channel number is a local affiliate's.
_STATION_IN_TEXT = re.compile(
    r"\b(?:[KW][A-Z]{3}(?:-TV)?(?:\s\d{1,2})?\s(?:News|NewsCenter|Channel|TV)\b|[KW][A-Z]{3}-TV\b"
    r"|(?:ABC|NBC|CBS|FOX|abc|nbc|cbs|fox|Fox)\s?\d{1,4}\b)"
)
_US_IDIOMS = re.compile(
    r"\b(?:sheriff'?s? (?:office|department|deputies|deputy)|police department|"
    r"\d00 block of|county (?:jail|prosecutor|coroner|medical examiner))\b",
    re.I,
)


_ACTOR_HOMES = tuple((re.compile(p, re.I), code) for p, code in ACTOR_HOMES)
# Any of them: most paragraphs name none, and one search tells.
_ANY_ACTOR_HOME = re.compile("|".join(f"(?:{p})" for p, _ in ACTOR_HOMES), re.I)


_ACTOR_REGIONS = tuple((re.compile(p, re.I), codes) for p, codes in ACTOR_REGIONS)


def _actor_regions(article: Article) -> list[str]:
    """The divisions whose armed groups the report names, most specific first."""
    text = " ".join(p.text for p in article.paragraphs if not p.boilerplate)
    found_codes = [codes for pattern, codes in _ACTOR_REGIONS if pattern.search(text)]
    out: list[str] = []
    for codes in sorted(found_codes, key=len):
        out.extend(c for c in codes if c not in out)
    return out


def _actor_homes(article: Article) -> dict[str, tuple[int, int, int]]:
    """Countries whose own forces or armed groups the report names, with the first such name
    (start, end, paragraph) as the quote for a country-only place."""
    out: dict[str, tuple[int, int, int]] = {}
    for index, p in enumerate(article.paragraphs):
        if p.boilerplate or not _ANY_ACTOR_HOME.search(p.text):
            continue
        for pattern, code in _ACTOR_HOMES:
            m = pattern.search(p.text)
            if m and code not in out:
                out[code] = (p.start + m.start(), p.start + m.end(), index)
    return out


def _home_country(article: Article) -> Counter[str]:
    """The report's country as its outlet and idiom tell it: a weak prior, half a place."""
    out: Counter[str] = Counter()
    outlets = [article.outlet or ""]
    m = OUTLET.search(article.title or "")
    if m:
        outlets.append(m.group("outlet"))
    url = (article.url or "").split("//")[-1].removeprefix("www.")
    outlets.append(url.split("/")[0])
    text = " ".join(p.text for p in article.paragraphs[:12] if not p.boilerplate)
    if any(o and _CALL_SIGN.match(o) and (o[0].isupper() or "." in o) for o in outlets) or (
        _STATION_IN_TEXT.search(text) or _STATION_IN_TEXT.search(article.title or "")
    ):
        out["US"] += 1
    if _US_IDIOMS.search(text):
        out["US"] += 1
    return out


def _namesake_city(unit: Place, candidates: list[Place]) -> bool:
    """Is the name also a big town outside this unit, bigger than it (what _big_town_elsewhere
    asks) or at least a tenth of its size? Then the name is not read one way before the
    report's other places are weighed ('Tripoli' is a district of Libya and a city of Lebanon;
    but 'Virginia' is the state sooner than the town in South Africa)."""
    return any(
        p.level == "town"
        and p.population >= BIG_TOWN
        and p.population * DWARFED >= unit.population
        and not unit.holds(p)
        for p in candidates
    )


def _dominant(candidates: list[Place]) -> Place | None:
    """A big town that dwarfs every other place of its name: 'Chicago', 'Memphis' are read one
    way even though small towns share the name, so they vouch for their state."""
    if not candidates or any(p.level in ("country", "admin1") for p in candidates):
        return None
    top = max(candidates, key=lambda p: p.population)
    if top.level != "town" or top.population < BIG_TOWN:
        return None
    if any(
        p.population * DWARFED > top.population and p.admin1_code != top.admin1_code
        for p in candidates
        if p is not top
    ):
        return None
    return top


def _in_quarter(text: str, name: PlaceName) -> bool:
    """'in the Austin neighborhood', 'the Germantown section of the city', 'the Wadi area of
    Vadodara city': a part of a town."""
    return bool(
        _QUARTER.match(text, name.end)
        or (_QUARTER_NAMED.search(name.text) and text.startswith(" of ", name.end))
    )


def _foreign_village(
    name: str, p: Place, candidates: list[Place], countries: Counter[str], others: Counter[str]
) -> bool:
    """A small town abroad in a report about somewhere else is a misreading ('Borno' is not
    Borna in Germany when the report is about Nigeria). `others` is what the report's other
    names say: the name's own reading elsewhere does not speak against it ('Belgrade' in
    Montana is not a village abroad because Belgrade, Serbia bears the name too)."""
    if p.level != "town" or not countries:
        return False
    if (
        p.population >= BIG_TOWN
        and (bears(p, norm(name)) or len(candidates) > 1)
        and all(c.country_code == p.country_code for c in candidates)
    ):
        # A city the name means in one country alone, as its own name or as the name of the
        # city and its province ('protested in Mogilev' in a report that tells of Russia), is
        # no misreading; a city that once bore the name may be ('Karama', an old name of
        # Calama in Chile).
        return False
    own = countries.get(p.country_code, 0)
    if own >= 2:
        return False
    # Its own vote (a name read only one way) does not vouch for it against a country the
    # report names or whose forces it names.
    other = max((n for c, n in others.items() if c != p.country_code), default=0)
    return other >= 2 and other > own and p.population < 500_000


def _near_unit(unit: Place, p: Place) -> bool:
    """Does `p` lie in the unit, or is it a big town in the unit's first-order division, which
    a report's district may hold though GeoNames draws it otherwise ('Libreville city
    (Komo-Mondah, Estuaire)')?"""
    return unit.holds(p) or (
        unit.level == "admin2"
        and p.level == "town"
        and p.population >= BIG_TOWN
        and p.admin1_code == unit.admin1_code
    )


def _comma_between(article: Article, name: PlaceName) -> bool:
    """Is the unit after the name written after a comma ('Columbus, Georgia')?"""
    m = UNIT_GAP.match(article.text, name.end)
    return m is not None and m.group("how").strip() == ","


_QUARTER = re.compile(r"\s+(?:neighbou?rhood|section of|community area|area of)\b", re.I)
# A name the recogniser took with its noun: 'the Wadi area of Vadodara city'.
_QUARTER_NAMED = re.compile(r"\s(?:area|neighbou?rhood)$", re.I)
