"""Places (first version): the entities and dateline of a report, resolved in the gazetteer.

Candidates for a name are ranked by the report's other places (countries, demonyms, US
states named), then by population. Each mention takes the place in its own sentence;
`events.py` gives mentions without one the place of the event they join, else the report's
main place (its dateline, else the town it names most).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from spacy.tokens import Token

from newsevents.extract.candidates import Candidates
from newsevents.extract.placenames import PlaceNameFinder
from newsevents.extract.resolve import OUTLET, Resolver
from newsevents.extract.whereabouts import report_place, told_as_place, told_elsewhere
from newsevents.geo.gazetteer import PRECISION_RANK, Gazetteer
from newsevents.geo.mention import PlaceMention
from newsevents.model import Article

if TYPE_CHECKING:
    from newsevents.extract.mentions import Mention

__all__ = ["AssignPlaces", "PlaceMention"]


class AssignPlaces:
    """Resolves the report's place names and gives each mention the one in its sentence."""

    name = "places"
    requires: tuple[str, ...] = ("mentions",)
    assigns: tuple[str, ...] = ("places", "mentions.place")

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.candidates = Candidates(gazetteer)
        self.names = PlaceNameFinder(gazetteer, self.candidates)
        self.resolver = Resolver(gazetteer, self.candidates)

    def __call__(self, article: Article) -> Article:
        found = self.find(article)
        article.places = found
        # Of two places in an event's sentence, the one in the report's own country
        # ('in Temixco, Morelos, ... in Colonia los Presidentes' is not Cologne).
        home = Counter(p.place.country_code for p in found).most_common(1)
        home_country = home[0][0] if home else None
        by_sentence: dict[tuple[int, int], list[PlaceMention]] = {}
        headlines = {i for i, p in enumerate(article.paragraphs) if p.headline}
        told_with: dict[tuple[int, int], list[Mention]] = defaultdict(list)
        for m in article.mentions:
            told_with[(m.paragraph, m.sentence.start)].append(m)
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
            candidates = [p for p in by_sentence[key] if _same_clause(m, p)] or _one_town_told(
                m, by_sentence[key], told_with[key]
            )
            if not candidates:
                continue
            best = min(
                candidates,
                key=lambda p: (
                    p.place.country_code != home_country,
                    PRECISION_RANK[p.place.level],
                    abs(p.token - m.root.i),
                ),
            )
            if best.place.level != "town":
                # 'in Ciudad Mante, Tamaulipas, musicians protested': the town named just
                # before its own division is where the division is.
                best = next(
                    (
                        p
                        for p in by_sentence[key]
                        if p.place.level == "town"
                        and 0 < best.token - p.token <= 4
                        and best.place.division_code in (p.place.admin1_code, p.place.admin2_code)
                    ),
                    best,
                )
            m.place, m.place_span, m.place_near = best.place, (best.start, best.end), best.near
        return article

    def find(self, article: Article) -> list[PlaceMention]:
        """Every resolvable place name in the report, in text order."""
        return self.resolver.resolve(article, self.names.find(article))

    def main_place(self, article: Article) -> PlaceMention | None:
        """The report's own place, for events whose sentences name none: see
        `whereabouts.report_place` (a dateline is where the report was filed, and the place
        only when nothing closer says otherwise)."""
        title = article.title or ""
        m = OUTLET.search(title)
        return report_place(article, self.gazetteer, title[: m.start()] if m else title)


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
    if told_elsewhere(place):
        return False
    if p.place.level != "town":
        return True
    return _clause_head(place).i == _clause_head(m.root).i or place.i in {
        t.i for t in m.root.subtree
    }


def _one_town_told(
    m: Mention, places: list[PlaceMention], sentence: list[Mention]
) -> list[PlaceMention]:
    """The town a sentence tells as a place ('in X', 'the outskirts of X'), where it names no
    other and the parse hangs it on another verb than the event's ('Rockets fired by the
    rebels also landed in X, killing two': 'landed' read as a clause of its own). Not the
    town of another event the sentence tells ('The killing came weeks after a candidate was
    shot at a rally in X'), nor for 'the killing', which tells of an event told before."""
    towns = [p for p in places if p.place.level == "town"]
    if m.anaphoric or len({p.place.geonames_id for p in towns}) != 1:
        return []
    words = [t for t in m.sentence if t.is_alpha]
    if 2 * sum(t.is_title for t in words) > len(words):
        return []  # a headline in Title Case ('2 Men Shot In East X'), not a parsed sentence
    if any(
        _same_clause(o, p) and (o.backstory, o.date) != (m.backstory, m.date)
        for o in sentence
        for p in towns
    ):
        return []
    doc = m.sentence.doc
    if all(told_as_place(doc[p.token]) and not told_elsewhere(doc[p.token]) for p in towns):
        return towns
    return []
