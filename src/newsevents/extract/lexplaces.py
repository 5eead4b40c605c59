"""The lexical coder's places: names found in each sentence and read in the report's country.

A name may be many places ("Santiago", "Guadalajara"): every reading is kept, and the
report's country (its countries, title, dateline and unambiguous towns) picks one.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

from newsevents.extract.lexsentence import Folded, Found, Sentence
from newsevents.geo.gazetteer import Gazetteer, Place
from newsevents.geo.text import norm
from newsevents.lang import Pack, Parser, Word
from newsevents.model import Article

_LEVEL_RANK = {"town": 0, "admin2": 1, "admin1": 2, "country": 3}


class PlaceReader:
    """Finds places in sentences and settles each in the report's country. Holds, per
    report, the title's places and the dateline's span (set by the coder)."""

    def __init__(self, pack: Pack, lex: Folded, gazetteer: Gazetteer, parser: Parser) -> None:
        self.pack = pack
        self.lex = lex
        self.gazetteer = gazetteer
        self.parser = parser
        self.dateline: tuple[int, int] | None = None
        self._title_found: list[Found] = []
        self._title_places: list[Place] = []

    def find(self, s: Sentence) -> None:
        ws = s.words
        i = 0
        lex = self.lex
        while i < len(ws):
            w = ws[i]
            after = i > 0 and (ws[i - 1].lemma in lex.prepositions or ws[i - 1].lemma in lex.units)
            if w.lemma in lex.words:
                i += 1  # a word the lexicon knows ("مدينة", "полиция") is no place name
                continue
            if not (_name_like(w) or (w.pos == "" and (after or len(w.text) > 4))) or (
                w.text[:1].islower() and not after
            ):
                # A script with capitals writes a name with one: "le nord-est du Burkina
                # Faso" names the country, not Haiti's Nord-Est.
                i += 1
                continue
            j = i + 1
            while (
                j < len(ws)
                and j - i < 4
                and (_name_like(ws[j]) or ws[j].pos == "")
                and ws[j].start - ws[j - 1].end <= 1
                and ws[j].pos != "PUNCT"
            ):
                j += 1
            if any(ws[m].lemma in lex.moved for m in range(max(0, i - 5), i)):
                i = j  # "transférés à Dapaong", "доставлены в Белгород": where people were taken
                continue
            found = self._lookup(ws, i, j)
            if found is not None:
                places, k = found
                near = i > 0 and (
                    ws[i - 1].lemma in self.lex.near or (i > 1 and ws[i - 2].lemma in self.lex.near)
                )
                unit = next(
                    (
                        lex.units[ws[m].lemma]
                        for m in (i - 1, i - 2)
                        if m >= 0 and ws[m].lemma in lex.units
                    ),
                    None,
                )
                chosen = _prefer(places, unit)
                s.places.append(
                    Found(chosen, ws[i].start, ws[k - 1].end, near, tuple(places), unit)
                )
                i = k
            else:
                # Words of a text with no parts of speech ("مسجدا في مدينة بيشاور") may
                # hold a name further on, after a preposition or a unit noun: look again
                # from there.
                i = next(
                    (
                        m
                        for m in range(i + 1, j)
                        if w.pos == ""
                        and (ws[m - 1].lemma in lex.prepositions or ws[m - 1].lemma in lex.units)
                    ),
                    j,
                )

    def _lookup(self, ws: list[Word], i: int, j: int) -> tuple[list[Place], int] | None:
        """The longest run of words from i that the gazetteer or the country names know."""
        for k in range(j, i, -1):
            run = ws[i:k]
            written = _as_written(run)
            texts = list(self.pack.spellings(written))
            if "-" in written:
                texts.append(written.replace("-", ""))  # "Pétion-Ville", "Petionville"
            lemma = " ".join(w.lemma for w in run)
            if lemma not in texts and self.pack.lemma_names:
                texts.append(lemma)
            for t in texts:
                key = norm(t)
                if not key or len(key) < 3:
                    continue
                code = self.lex.countries.get(key)
                if code and code in self.gazetteer.countries:
                    return [self.gazetteer.countries[code]], k
                before = ws[i - 1].lemma if i > 0 else ""
                placed = before in self.lex.prepositions or before in self.lex.near
                if run[0].ent not in ("LOC", "") and len(run) == 1 and not placed:
                    continue  # a person or an organisation, unless told as a place ("de Mokolo")
                places = [p for p in self.gazetteer.lookup(t) if p.level != "country"]
                if places and (
                    run[0].ent == "LOC"
                    or _capital(run[0])
                    or run[0].pos == "PROPN"
                    or (run[0].pos == "" and self._placed(ws, i, places[0]))
                ):
                    return places, k
        return None

    def _placed(self, ws: list[Word], i: int, place: Place) -> bool:
        """A word of a text with no parts of speech is read as a place after a preposition or
        a unit noun ("في", "مدينة"), or when it names a town of 100,000 people or more."""
        before = ws[i - 1].lemma if i > 0 else ""
        return (
            before in self.lex.prepositions
            or before in self.lex.units
            or place.level != "town"
            or place.population >= 100_000
        )

    def settle(self, sentences: list[Sentence]) -> None:
        """A name may be many places ("Santiago", "Roman"); read it in the report's country:
        the one its countries, title, dateline and unambiguous towns point to. A name with
        no reading in that country is dropped, unless it is a city of a million people."""
        votes: Counter[str] = Counter()

        def vote(f: Found, weight: int) -> None:
            countries = {c.country_code for c in f.candidates}
            if len(countries) == 1:
                votes[f.place.country_code] += 2 * weight
            else:
                for code in countries:
                    votes[code] += 1  # an ambiguous name: half a vote for each reading

        for f in self._title_found:
            vote(f, 3)
        for s in sentences:
            for f in s.places:
                if f.place.level == "country":
                    vote(f, 3 if not s.background else 1)
                else:
                    vote(f, 3 if s.dateline else 2 if f.place.level == "admin1" else 1)
        if not votes:
            return
        # Ties go to the country the report names a place in first, a name's biggest reading
        # first ("Кабул" alone: Kabul in Afghanistan, not the village in Israel); never to
        # the order of a set.
        first: dict[str, int] = {}
        for f in [*self._title_found, *(f for s in sentences for f in s.places)]:
            for c in sorted(f.candidates, key=lambda c: -c.population):
                first.setdefault(c.country_code, len(first))
        home = max(votes, key=lambda code: (votes[code], -first.get(code, len(first)), code))
        for s in sentences:
            kept = []
            for f in s.places:
                inside = [c for c in f.candidates if c.country_code == home]
                big = [c for c in f.candidates if c.population >= 1_000_000]
                if inside:
                    kept.append(dataclasses.replace(f, place=_prefer(inside, f.unit)))
                elif f.place.level == "country":
                    kept.append(f)
                elif big:
                    kept.append(dataclasses.replace(f, place=big[0]))
            s.places = kept
        self._title_places = [
            next((c for c in f.candidates if c.country_code == home), f.place)
            for f in self._title_found
            if f.place.level == "country"
            or any(c.country_code == home for c in f.candidates)
            or f.place.population >= 1_000_000
        ]

    def read_title(self, article: Article) -> None:
        """The places the title names (the title may not be in the text: no evidence from
        it), for the report's country and its main place."""
        self._title_found = []
        self._title_places = []
        title = (article.title or "").strip()
        if not title or title in article.text[:400]:
            return
        words = self.parser.parse([title])[0]
        s = Sentence(words, 0, headline=True)
        self.find(s)
        self._title_found = s.places
        self._title_places = [f.place for f in s.places]

    @property
    def title_places(self) -> list[Place]:
        """The places the title names, read in the report's country once settled."""
        return list(self._title_places)

    def main(self, article: Article, sentences: list[Sentence]) -> Found | None:
        """The report's place: the title's, else the first town of the body, else the first
        place of any level."""
        titled = [p for p in self._title_places if p.level == "town"]
        if titled:
            found = next(
                (
                    f
                    for s in sentences
                    for f in s.places
                    if f.place.geonames_id == titled[0].geonames_id
                ),
                None,
            )
            return found or Found(titled[0], 0, 0)
        heads = [s for s in sentences if s.headline]
        for group in (heads, [s for s in sentences if not s.background]):
            towns = [p for s in group for p in s.places if p.place.level != "country"]
            if towns:
                return towns[0]
        if self.dateline is not None:
            a, b = self.dateline
            name = article.text[a:b]
            for candidate in (name, name.title()):
                code = self.lex.countries.get(norm(candidate))
                places = (
                    [self.gazetteer.countries[code]]
                    if code in self.gazetteer.countries
                    else self.gazetteer.lookup(candidate)
                )
                if places:
                    return Found(places[0], a, b)
        anywhere = [p for s in sentences for p in s.places]
        return anywhere[0] if anywhere else None


def _prefer(places: Sequence[Place], unit: str | None) -> Place:
    """Of the places a name may be, best first: the level its unit noun names ("la région de
    Kidal"); else a town over the division named for it ("Kidal" the town, not its region;
    Port-au-Prince, not its arrondissement)."""
    if unit is not None:
        of_level = [p for p in places if p.level == unit]
        if of_level:
            return of_level[0]
    first = places[0]
    if first.level in ("admin1", "admin2") and unit is None:
        town = next((p for p in places if p.level == "town" and first.holds(p)), None)
        if town is not None:
            return town
    return first


def within(town: Place, unit: Place) -> bool:
    """A town in the district an event was first placed in ("Belgorodsky district", then
    "Belgorod"): the district told first, its town after."""
    return unit.level in ("admin1", "admin2") and unit.holds(town)


def best_place(found: list[Found]) -> Found | None:
    if not found:
        return None
    return min(found, key=lambda f: _LEVEL_RANK[f.place.level])


def _as_written(run: Sequence[Word]) -> str:
    """Words as the text has them: "Pétion-Ville", not "Pétion - Ville"."""
    out = run[0].text
    for prev, w in pairwise(run):
        out += ("" if w.start == prev.end else " ") + w.text
    return out


def _name_like(w: Word) -> bool:
    return w.ent == "LOC" or w.pos == "PROPN"


def _capital(w: Word) -> bool:
    return bool(w.text) and w.text[0].isupper() and len(w.text) > 1
