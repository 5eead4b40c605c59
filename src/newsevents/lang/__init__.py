"""Language packs: what the coder knows of each language, beside one language-independent core.

A pack (`newsevents.lang.<code>`) declares its parser and its lexicon: trigger words and
what they tell, number words, date and time words, place patterns (prepositions, unit
nouns), actor words and reporting verbs. Adding a language means adding a pack; the core
(`newsevents.extract`) does not change. `pack(code)` gives one, or None for a language with
no pack; `packs()` lists them all.

English is read by the dependency-based coder in `newsevents.extract`, whose word lists are
the English pack's; the other languages are read by the lexical coder
(`newsevents.extract.lexical`) from their pack's `Lexicon`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from typing import Protocol

# ISO 639-1 codes of the packs this release ships, in the order `--list` prints them.
CODES = ("en", "ru", "es", "fr", "ar")


@dataclass(frozen=True)
class Word:
    """One token as a pack's parser gives it. Offsets are into the text given to the parser."""

    text: str
    start: int
    end: int
    lemma: str  # folded by the pack (lower case; for Arabic, clitics off)
    pos: str = ""  # Universal Dependencies tag, or "" where the parser gives none
    sent: int = 0  # index of its sentence within the text
    ent: str = ""  # LOC, ORG, PER or ""
    number: str = ""  # "Sing", "Plur" or ""
    head: int = -1  # index of its head within the text's words, -1 for none
    dep: str = ""  # its Universal Dependencies relation to its head ("nsubj", "obl"), or ""


class Parser(Protocol):
    def parse(self, texts: Sequence[str]) -> list[list[Word]]: ...


# What a trigger word tells. The lexical coder's kinds of cue.
KILL, INJURE, ARREST = "kill", "injure", "arrest"
ATTACK, GUNFIRE, CLASH = "attack", "gunfire", "clash"
SHELLING, AIRSTRIKE, IED, BLAST, SUICIDE, GRENADE = (
    "shelling",
    "airstrike",
    "ied",
    "blast",
    "suicide",
    "grenade",
)
ABDUCT, SEXUAL = "abduct", "sexual"
PROTEST, RIOT, DISPERSE, MOB = "protest", "riot", "disperse", "mob"
CUES = frozenset(
    {
        KILL, INJURE, ARREST, ATTACK, GUNFIRE, CLASH, SHELLING, AIRSTRIKE, IED, BLAST,
        SUICIDE, GRENADE, ABDUCT, SEXUAL, PROTEST, RIOT, DISPERSE, MOB,
    }
)  # fmt: skip
# Actor roles a word can name (as extract.actors names them).
ROLES = frozenset(
    {"military", "police", "rebels", "armed", "protesters", "rioters", "civilians", "communal"}
)


@dataclass(frozen=True)
class Lexicon:
    """A language's words, as lemmas (multiword entries as lemmas joined by spaces).

    Keys are folded by the pack's `fold` before use, so they may be written naturally."""

    triggers: Mapping[str, str]  # lemma(s) -> cue kind (CUES)
    numbers: Mapping[str, int]  # number words: "пять", "пятеро", "siete", "trois"
    multipliers: Mapping[str, int]  # "тысяча", "mil", "mille", "ألف"
    vague: Mapping[str, int]  # "десятки": 12 (ACLED: "dozens" is 12), "una decena": 10
    months: Mapping[str, int]
    weekdays: Mapping[str, int]  # Monday 0
    days_ago: Mapping[str, int]  # "вчера": 1, "сегодня": 0
    place_prepositions: frozenset[str]  # words before a place: "в", "en", "à", "في"
    near: frozenset[str]  # "под", "cerca", "près", "قرب": geo_precision 2
    units: Mapping[str, str]  # unit nouns: "область": "admin1", "village": "town"
    reporting: frozenset[str]  # reporting verbs: one set for counts, dates and claims
    actors: Mapping[str, str]  # lemma(s) -> role (ROLES)
    groups: Mapping[str, tuple[str, int]]  # named groups -> (ACLED name, inter)
    background: frozenset[str]  # what puts a sentence in the past: "годовщина", "aniversario"
    not_political: frozenset[str]  # accidents and disasters: "ДТП", "inundación"
    negations: frozenset[str]  # "не", "no", "ne", "لم"
    nobody: frozenset[str]  # "никто", "nadie", "aucun", "нет": an explicit zero
    not_people: frozenset[str]  # nouns a number counts that are not people: years, hours
    furniture: tuple[str, ...]  # line openings of page furniture: "Читайте также"
    country_aliases: Mapping[str, str] = field(default_factory=dict)  # name -> ISO alpha-2
    # "dont deux femmes", "в том числе трое детей": a part of a figure already told.
    including: frozenset[str] = frozenset()
    # "transférés à", "доставлены в", "trasladados a": a place after these is where the
    # hurt were taken, not where the event was.
    moved: frozenset[str] = frozenset()
    # The article that also means "one" ("un", "una", "une"): one person where it stands for
    # a victim, never a number of its own.
    one: frozenset[str] = frozenset()
    # Days counted from the day the story is at: "la veille" -1, "le lendemain" +1.
    story_days: Mapping[str, int] = field(default_factory=dict)
    # The weekend before the report ("el pasado fin de semana", "le week-end dernier",
    # "в выходные"): its Saturday, to within a few days (time_precision 2).
    weekend: frozenset[str] = frozenset()
    # What names who gave a figure, before it: "selon", "según", "по данным", "بحسب".
    according: frozenset[str] = frozenset()
    # Prepositions before an oblique that names the speaker of a reporting verb: Russian "в"
    # ("сообщили в Министерстве обороны"). Elsewhere an oblique is whom it was told to.
    speaker_cases: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Pack:
    code: str  # ISO 639-1
    name: str  # in English
    parser: str  # what parses it, for --list
    distributions: tuple[str, ...]  # installed distributions whose versions --list prints
    lexicon: Lexicon | None  # None: read by the English coder in newsevents.extract
    load_parser: Callable[[], Parser] | None = None
    fold: Callable[[str], str] = str.lower
    # The spellings a place name written in the text may have in the gazetteer.
    spellings: Callable[[str], list[str]] = lambda name: [name]
    # Whether a place name is also looked up by its words' lemmas ("Донецке" as "Донецк");
    # not where `spellings` gives every form the name may take.
    lemma_names: bool = True

    def versions(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for name in self.distributions:
            try:
                out[name] = metadata.version(name)
            except metadata.PackageNotFoundError:
                out[name] = "not installed"
        return out


_LOADED: dict[str, Pack] = {}


def pack(code: str | None) -> Pack | None:
    """The pack for an ISO 639-1 code, or None where this release has none."""
    if code not in CODES:
        return None
    assert code is not None
    if code not in _LOADED:
        module = importlib.import_module(f"newsevents.lang.{code}")
        found: Pack = module.PACK
        _LOADED[code] = found
    return _LOADED[code]


def packs() -> list[Pack]:
    return [p for c in CODES if (p := pack(c)) is not None]
