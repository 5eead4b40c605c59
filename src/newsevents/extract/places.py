"""Places (first version): the entities and dateline of a report, resolved in the gazetteer.

Candidates for a name are ranked by the report's other places (countries, demonyms, US
states named), then by population. Each mention takes the place in its own sentence;
`events.py` gives mentions without one the place of the event they join, else the report's
main place (its dateline, else the town it names most).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from newsevents.geo.gazetteer import Gazetteer, Place, norm
from newsevents.geo.names import US_STATE_ABBREVIATIONS
from newsevents.ingest.dateline import find_dateline
from newsevents.model import Article

if TYPE_CHECKING:
    from newsevents.extract.mentions import Mention

_SUFFIXES = re.compile(
    r"\s+(province|city|district|county|parish|state|region|governorate|municipality|"
    r"town|village|area|oblast|prefecture|department|division)$",
    re.I,
)
_PREFIXES = re.compile(
    r"^(the|northern|southern|eastern|western|central|north|south|east|west)\s+", re.I
)
_STATE_AFTER = re.compile(
    r"^\s*,\s*(?P<state>[A-Z][A-Za-z.]{1,5}(?:\s?[A-Z][A-Za-z.]{0,4})?"
    r"|[A-Z][a-z]+(?: [A-Z][a-z]+)?)"
)


@dataclass
class PlaceMention:
    name: str
    start: int
    end: int
    paragraph: int
    token: int
    place: Place
    near: bool = False


class AssignPlaces:
    """Resolves the report's place names and gives each mention the one in its sentence."""

    name = "places"
    requires: tuple[str, ...] = ("mentions",)
    assigns: tuple[str, ...] = ("places", "mentions.place")

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def __call__(self, article: Article) -> Article:
        found = self.find(article)
        article.places = found
        by_sentence: dict[tuple[int, int], list[PlaceMention]] = {}
        headlines = {i for i, p in enumerate(article.paragraphs) if p.headline}
        for m in article.mentions:
            if m.paragraph in headlines:
                continue  # a headline may name the places of several events
            sent = m.sentence
            key = (m.paragraph, sent.start)
            if key not in by_sentence:
                by_sentence[key] = [
                    p
                    for p in found
                    if p.paragraph == m.paragraph and sent.start <= p.token < sent.end
                ]
            candidates = [p for p in by_sentence[key] if _same_clause(m, p)]
            if not candidates:
                continue
            rank = {"town": 0, "admin1": 1, "country": 2}
            best = min(candidates, key=lambda p: (rank[p.place.level], abs(p.token - m.root.i)))
            m.place, m.place_span, m.place_near = best.place, (best.start, best.end), best.near
        return article

    def find(self, article: Article) -> list[PlaceMention]:
        """Every resolvable place name in the report, in text order."""
        names: list[tuple[str, int, int, int, int, bool, str | None]] = []
        countries: Counter[str] = Counter()
        states: Counter[str] = Counter()
        for index, paragraph in enumerate(article.paragraphs):
            doc = paragraph.doc
            if doc is None:
                continue
            if paragraph.parse_start:
                dateline = find_dateline(paragraph.text)
                if dateline is not None:
                    s, e = dateline.place
                    names.append(
                        (
                            paragraph.text[s:e].title(),
                            paragraph.start + s,
                            paragraph.start + e,
                            index,
                            -1,
                            False,
                            dateline.region,
                        )
                    )
            offset = paragraph.doc_offset
            for ent in doc.ents:
                if ent.label_ == "NORP":
                    country = self.gazetteer.country_of_demonym(ent.text)
                    if country is not None:
                        countries[country.country_code] += 1
                    continue
                if ent.label_ not in ("GPE", "LOC", "FAC"):
                    continue
                state = _state_after(ent)
                near = _is_near(ent)
                names.append(
                    (
                        ent.text,
                        offset + ent.start_char,
                        offset + ent.end_char,
                        index,
                        ent.root.i,
                        near,
                        state,
                    )
                )
            for token in doc:
                if token.pos_ == "ADJ" or token.dep_ in ("amod", "compound"):
                    country = self.gazetteer.country_of_demonym(token.text)
                    if country is not None and token.ent_type_ != "NORP":
                        countries[country.country_code] += 1
        resolved_first: list[
            tuple[tuple[str, int, int, int, int, bool, str | None], list[Place]]
        ] = []
        for item in names:
            candidates = self._candidates(item[0])
            resolved_first.append((item, candidates))
            if len(candidates) == 1 or (candidates and candidates[0].level != "town"):
                p = candidates[0]
                if p.level == "country":
                    countries[p.country_code] += 2
                elif p.level == "admin1" and p.admin1_code:
                    states[p.admin1_code] += 2
                    countries[p.country_code] += 1
            if item[6]:
                st = self.gazetteer.us_state(item[6])
                if st is not None and st.admin1_code:
                    states[st.admin1_code] += 3
                    countries["US"] += 1
                else:
                    region = self._candidates(item[6])
                    if region and region[0].level == "country":
                        countries[region[0].country_code] += 3  # 'ABUJA, Nigeria —'
        out: list[PlaceMention] = []
        for (name, start, end, index, tok, near, state), candidates in resolved_first:
            if not candidates:
                continue
            best = max(
                candidates, key=lambda p: _score(p, countries, states, state, self.gazetteer)
            )
            if _foreign_village(best, countries):
                continue
            out.append(PlaceMention(name, start, end, index, tok, best, near))
        return out

    def _candidates(self, name: str) -> list[Place]:
        text = name.strip().strip(".,;:")
        found = self.gazetteer.lookup(text)
        if not found:
            shorter = _SUFFIXES.sub("", text)
            if shorter != text:
                found = self.gazetteer.lookup(shorter)
        if not found:
            # "northern Syria" is Syria; "Central Asia" is not a town called Asia.
            shorter = _PREFIXES.sub("", text)
            if shorter != text:
                found = [p for p in self.gazetteer.lookup(shorter) if p.level != "town"]
        if not found and "," in text:
            found = self.gazetteer.lookup(text.split(",")[0])
        if not found and norm(text) in US_STATE_ABBREVIATIONS:
            st = self.gazetteer.us_state(text)
            found = [st] if st else []
        return found

    def main_place(self, article: Article) -> PlaceMention | None:
        """The report's own place: its dateline, else the town it names most (first wins ties)."""
        found = article.places
        if not found:
            return None
        dateline = [p for p in found if p.token == -1 and p.place.level == "town"]
        if dateline:
            return dateline[0]
        towns = [p for p in found if p.place.level == "town"]
        pool = towns or [p for p in found if p.place.level == "admin1"] or found
        counts = Counter(p.place.geonames_id for p in pool)
        return max(pool, key=lambda p: (counts[p.place.geonames_id], -p.start))


_ELSEWHERE = {
    "hospital",
    "hospitals",
    "court",
    "courthouse",
    "jail",
    "prison",
    "home",
    "residence",
    "resident",
    "native",
    "from",
    "county",
    "officials",
    "office",
    "department",
}


def _clause_head(token: Token) -> Token:
    for t in [token, *token.ancestors]:
        if t.pos_ in ("VERB", "AUX") or t.dep_ == "ROOT":
            return t
    return token


def _same_clause(m: Mention, p: PlaceMention) -> bool:
    """Is the place where the mention's event happened? 'shot in Macon': yes; 'taken to the
    hospital in Cartersville', 'Decatur County officials said': no."""
    doc = m.sentence.doc
    place = doc[p.token]
    if any(a.lower_ in _ELSEWHERE for a in list(place.ancestors)[:3]) or any(
        c.lower_ in _ELSEWHERE for c in place.children
    ):
        return False
    if p.place.level != "town":
        return True
    return _clause_head(place).i == _clause_head(m.root).i or place.i in {
        t.i for t in m.root.subtree
    }


def _foreign_village(p: Place, countries: Counter[str]) -> bool:
    """A small town abroad in a report about somewhere else is a misreading ('Borno' is not
    Borna in Germany when the report is about Nigeria)."""
    if p.level != "town" or not countries or countries.get(p.country_code):
        return False
    return sum(countries.values()) >= 2 and p.population < 500_000


def _score(
    p: Place,
    countries: Counter[str],
    states: Counter[str],
    state_hint: str | None,
    gazetteer: Gazetteer,
) -> float:
    s = math.log10(max(p.population, 1)) / 2
    s += 2.0 * min(countries.get(p.country_code, 0), 3)
    if p.admin1_code and p.country_code == "US":
        s += 2.5 * min(states.get(p.admin1_code, 0), 3)
    if state_hint:
        st = gazetteer.us_state(state_hint)
        if st is not None and st.admin1_code == p.admin1_code:
            s += 10
    if p.level != "town":
        s += 1
    return s


def _state_after(ent: Span) -> str | None:
    doc = ent.doc
    rest = doc.text[ent.end_char : ent.end_char + 24]
    m = _STATE_AFTER.match(rest)
    if not m:
        return None
    key = norm(m.group("state"))
    if key in US_STATE_ABBREVIATIONS or key.upper() in US_STATE_ABBREVIATIONS.values():
        return m.group("state")
    return m.group("state") if len(m.group("state")) > 3 else None


def _is_near(ent: Span) -> bool:
    before = ent.doc[max(0, ent.start - 3) : ent.start].text.lower()
    return any(
        w in before
        for w in ("near", "outside", "north of", "south of", "east of", "west of", "km", "miles")
    )
