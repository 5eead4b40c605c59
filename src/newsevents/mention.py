"""The core types of an event mention: its Kind, its counts, its actors, and the Mention itself.

They live outside `extract/` so that `model.Article` can name `Mention` without depending on
the extraction components; `extract/` re-exports each of them from its old module
(`extract.lexicon.Kind`, `extract.counts.CountItem`, `extract.actors.ActorRef`,
`extract.mentions.Mention`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from newsevents.geo.gazetteer import Place


class Kind(StrEnum):
    KILL = "kill"
    INJURE = "injure"
    SHOOT = "shoot"
    ATTACK = "attack"
    CLASH = "clash"
    AIR = "air"
    SHELL = "shell"
    EXPLOSIVE = "explosive"
    SUICIDE = "suicide"
    GRENADE = "grenade"
    CHEMICAL = "chemical"
    ABDUCT = "abduct"
    SEXUAL = "sexual"
    PROTEST = "protest"
    RIOT = "riot"
    MOB = "mob"
    ARREST = "arrest"
    TAKE_TERRITORY = "take_territory"
    REGAIN_TERRITORY = "regain_territory"
    TRANSFER_TERRITORY = "transfer_territory"
    LOOT = "loot"
    AGREEMENT = "agreement"
    DISRUPT = "disrupt"
    BASE = "base"
    CHANGE = "change"
    BLOCK = "block"  # a blocker: matched only to hide a shorter trigger inside it


# Kinds that are political violence, protest, or strategic developments.
VIOLENT = frozenset(
    {
        Kind.KILL,
        Kind.INJURE,
        Kind.SHOOT,
        Kind.ATTACK,
        Kind.CLASH,
        Kind.AIR,
        Kind.SHELL,
        Kind.EXPLOSIVE,
        Kind.SUICIDE,
        Kind.GRENADE,
        Kind.CHEMICAL,
        Kind.ABDUCT,
        Kind.SEXUAL,
        Kind.MOB,
    }
)
DEMONSTRATION = frozenset({Kind.PROTEST, Kind.RIOT})


@dataclass
class CountItem:
    """One figure from the text: `value` people, or one person told of singly."""

    field: str  # "killed", "injured", "hit" (shot, dead or alive) or "arrested"
    value: int
    start: int
    end: int
    low: int | None = None
    high: int | None = None
    groups: dict[str, int] = dataclasses.field(default_factory=dict)
    individual: bool = False  # a single person described ("a 22-year-old man", "Ana Ruiz")
    definite: bool = False  # someone already told of ("the man", "he")
    identity: str | None = None  # a name, to recognise the same person told of twice
    negated: bool = False  # "no one was killed": an explicit zero
    victim: tuple[int, int] | None = None  # (paragraph, token) of the victim phrase's head
    age: int | None = None  # 'a 16-year-old boy': told again by age, the same person

    @property
    def quote_span(self) -> tuple[int, int]:
        return self.start, self.end


@dataclass(frozen=True)
class ActorRef:
    """An actor as the text names it, classed: `inter` is ACLED's code, `role` its kind."""

    inter: int
    # military, police, rebels, armed, gang, communal, rioters, protesters, civilians, named
    role: str
    text: str
    start: int
    end: int
    country_code: str | None = None
    name: str | None = None  # a named group's ACLED-style name


@dataclass
class Mention:
    kind: Kind
    paragraph: int  # index into Article.paragraphs
    span: Span  # the trigger words, in the paragraph's Doc
    sentence: Span
    order: int  # position of its sentence in the article, for "nearest" searches
    offset: int  # Article.text offset of the paragraph's parsed text
    negated: bool = False
    hypothetical: bool = False
    backstory: bool = (
        False  # figures the report gives about earlier days ("had said ... had been killed")
    )
    anaphoric: bool = False  # "the attacks", "those attacks": refers to an event told elsewhere
    arrest_topic: bool = False  # 'arrested in the shooting of': the violence an arrest is for
    claimed: bool = False  # "X claimed responsibility for the attack": about an event, not one
    headline: bool = False  # told in the report's headline
    counts: list[CountItem] = dataclasses.field(default_factory=list)
    date: dt.date | None = None
    date_end: dt.date | None = None
    precision: int = 3
    date_how: str = ""  # own, linked, tense, anaphora, context, published, none
    date_span: tuple[int, int] | None = None
    place: Place | None = None
    place_span: tuple[int, int] | None = None
    place_near: bool = False
    agents: list[ActorRef] = dataclasses.field(default_factory=list)
    targets: list[ActorRef] = dataclasses.field(default_factory=list)
    context_agents: list[ActorRef] = dataclasses.field(
        default_factory=list
    )  # armed doers elsewhere in the sentence

    @property
    def root(self) -> Token:
        return self.span.root

    @property
    def start(self) -> int:
        return self.offset + self.span.start_char

    @property
    def end(self) -> int:
        return self.offset + self.span.end_char

    @property
    def sentence_bounds(self) -> tuple[int, int]:
        return self.offset + self.sentence.start_char, self.offset + self.sentence.end_char

    @property
    def family(self) -> str:
        if self.kind in VIOLENT or self.kind in DEMONSTRATION:
            return "violence"
        if self.kind is Kind.ARREST:
            return "arrest"
        return "strategic"

    @property
    def counts_toward_event(self) -> bool:
        return not (self.negated or self.hypothetical or self.backstory)
