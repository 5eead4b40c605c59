"""A place named in a report, read in the gazetteer: the words, where they are, the place."""

from __future__ import annotations

from dataclasses import dataclass

from newsevents.geo.gazetteer import Place


@dataclass
class PlaceMention:
    name: str
    start: int
    end: int
    paragraph: int
    token: int
    place: Place
    near: bool = False
    # Other readings nearly as likely, in another division or country: shown as doubt.
    alternatives: tuple[Place, ...] = ()
    # The name is of a place the gazetteer does not know, given the unit named after it.
    within: bool = False
    # Placed in the region where the forces the report names fight: the gazetteer knows no
    # place of the name there (`alternatives` holds the one it knows elsewhere, if any).
    region: bool = False
