"""The figure one victim phrase gives: how many people, of which group, and who.

`item_for` reads the phrase a victim word heads ('four civilians and three guardsmen', 'a
16-year-old boy', 'Todd Thompson') into a CountItem: a number with its group (civilians,
state forces, perpetrators or unknown, by `group_of`), or one person told of singly, with
their name or age where the report gives one. Ages, dates, animals and causes that are not
violence ('108,780 deer', 'a 15-year-old') give no figure.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from newsevents.extract.lexicon import NON_VIOLENT_CAUSES, PERSON_NOUNS
from newsevents.extract.mentions import Mention
from newsevents.extract.numbers import Quantity, parse_quantity, word_value
from newsevents.mention import CountItem

_STATE = {
    "police",
    "policeman",
    "policemen",
    "policewoman",
    "officer",
    "officers",
    "soldier",
    "soldiers",
    "troops",
    "trooper",
    "troopers",
    "guardsman",
    "guardsmen",
    "personnel",
    "serviceman",
    "servicemen",
    "servicemembers",
    "army",
    "gendarme",
    "gendarmes",
    "marine",
    "marines",
    "deputy",
    "deputies",
    "commando",
    "commandos",
    "cop",
    "cops",
    "constable",
    "constables",
    "jawan",
    "jawans",
    "sergeant",
    "lieutenant",
    "captain",
    "colonel",
    "major",
    "general",
    "forces",
    "force",
    "agents",
    "agent",
    "guards",
    "guard",
    "paramilitaries",
    "sheriff",
    "ranger",
    "rangers",
    "militiamen",
    "conscripts",
    "airmen",
    "sailors",
    "officials",
    "official",
}
_PERPETRATORS = {
    "militant",
    "militants",
    "terrorist",
    "terrorists",
    "attacker",
    "attackers",
    "gunman",
    "gunmen",
    "assailant",
    "assailants",
    "insurgent",
    "insurgents",
    "rebel",
    "rebels",
    "fighter",
    "fighters",
    "jihadist",
    "jihadists",
    "suspect",
    "suspects",
    "accomplice",
    "accomplices",
    "bandit",
    "bandits",
    "robber",
    "robbers",
    "kidnapper",
    "kidnappers",
    "shooter",
    "shooters",
    "bomber",
    "bombers",
    "extremists",
    "extremist",
    "separatists",
    "separatist",
    "gangster",
    "gangsters",
    "perpetrator",
    "perpetrators",
    "criminals",
    "criminal",
    "hitmen",
    "hitman",
    "islamists",
    "combatants",
    "raiders",
}
GENERIC = {
    "people",
    "persons",
    "person",
    "victims",
    "victim",
    "individuals",
    "others",
    "casualties",
    "dead",
    "bodies",
    "lives",
}
_CIVILIAN = PERSON_NOUNS | {  # victims told of by kinship or trade
    "adult",
    "adults",
    "aged",
    "brother",
    "bystander",
    "bystanders",
    "clerk",
    "couple",
    "customer",
    "customers",
    "daughter",
    "demonstrators",
    "drivers",
    "employee",
    "employees",
    "father",
    "fishermen",
    "guest",
    "guests",
    "herders",
    "homeowner",
    "husband",
    "juvenile",
    "juveniles",
    "kid",
    "member",
    "members",
    "migrants",
    "miners",
    "minor",
    "minors",
    "mother",
    "mourners",
    "neighbor",
    "neighbour",
    "owner",
    "patients",
    "pedestrians",
    "protester",
    "protesters",
    "refugees",
    "relatives",
    "sister",
    "son",
    "teenagers",
    "wife",
    "youth",
    "youths",
}
PRONOUN_ONE = {"he", "she", "him", "her", "himself", "herself"}
_AGE = re.compile(r"^\s*-?\s*(year|years|yr|month|months|week|weeks|day|days)\b", re.I)
_AGE_UNITS = {"year", "years", "month", "months", "week", "weeks"}


def is_amount(token: Token) -> bool:
    return word_value(token.text) is not None and token.lower_ not in ("a", "an")


def is_age(token: Token) -> bool:
    rest = token.doc[token.i + 1 : token.i + 4].text
    return bool(_AGE.match(rest))


def phrase_of_number(num: Token) -> str:
    start = num.left_edge.i
    return num.doc[start : num.i + 1].text


def item_for(head: Token, field_name: str, m: Mention) -> CountItem | None:
    """The count one victim phrase gives, summing 'four civilians and three guardsmen'."""
    parts = [head, *[c for c in head.conjuncts if c.i > head.i]]
    if len(parts) == 1 and head.tag_ == "NN":
        # 'A 59-year-old man, 49-year-old woman and 53-year-old man suffered wounds': a list
        # the parser hung on the first person as an apposition.
        for c in head.children:
            if c.dep_ == "appos" and c.tag_ == "NN" and c.conjuncts and group_of(c) != "unknown":
                parts += [c, *[x for x in c.conjuncts if x.i > c.i]]
                break
    pieces: list[tuple[Quantity | None, str, bool, bool, str | None, Token]] = []
    for p in parts:
        piece = _read_phrase(p)
        if piece[0] is None and field_name == "arrested" and _named(p):
            # 'police arrested Demetrius Lmar McDonald': whom police arrest is a person,
            # whatever the recogniser took the name for.
            name = " ".join(t.text for t in p.subtree if t.pos_ == "PROPN")
            piece = (Quantity(1), piece[1], True, False, name, p)
        pieces.append(piece)
    known = [q for q in pieces if q[0] is not None]
    if not known:
        return None
    offset = m.offset
    tokens = list(parts)
    lo = min(min(t.left_edge.i for t in tokens), m.span.start)
    hi = max(max(t.i for t in tokens), m.span.end - 1)
    if m.span.doc[lo : hi + 1].end_char - m.span.doc[lo : hi + 1].start_char > 220:
        lo, hi = min(t.left_edge.i for t in tokens), max(t.i for t in tokens)
    quote = m.span.doc[lo : hi + 1]
    start, end = offset + quote.start_char, offset + quote.end_char
    numbers = [q for q in known if q[0] is not None and not q[2]]
    names = [q for q in known if q[4]]
    if (
        len(numbers) == 1
        and names
        and len(names) == len(known) - 1
        and numbers[0][0] is not None
        and len(names) <= numbers[0][0].value
    ):
        # 'Two of those men, Todd Thompson and Vincent Dipina, died': the names are the two.
        known = numbers
        parts = [numbers[0][5]]
    if len(known) == 1 and len(parts) == 1:
        q, group, individual, definite, identity, tok = known[0]
        assert q is not None
        return CountItem(
            field_name,
            q.value,
            start,
            end,
            q.low,
            q.high,
            {group: q.value},
            individual,
            definite,
            identity,
            age=_age_of(tok) if individual else None,
        )
    groups: dict[str, int] = {}
    total = 0
    for q, group, _individual, _definite, _identity, _tok in known:
        assert q is not None
        groups[group] = groups.get(group, 0) + q.value
        total += q.value
    return CountItem(field_name, total, start, end, groups=groups)


# Deaths that are not of people: '108,780 deer had been killed', 'raiders killed 30 cattle'.
_ANIMALS = {
    "deer", "cattle", "cows", "cow", "goats", "goat", "sheep", "camels", "camel", "dogs",
    "dog", "cats", "cat", "horses", "horse", "animals", "animal", "livestock", "birds",
    "chickens", "pigs", "elephants", "elephant", "rhinos", "fish", "donkeys", "bears", "bear",
    "wolves", "wolf", "hogs", "boar", "geese", "ducks", "turkeys",
}  # fmt: skip


def _named(tok: Token) -> bool:
    return tok.pos_ == "PROPN" and tok.ent_type_ not in (
        "GPE",
        "LOC",
        "NORP",
        "FAC",
        "DATE",
        "TIME",
    )


def _read_phrase(tok: Token) -> tuple[Quantity | None, str, bool, bool, str | None, Token]:
    """(quantity, group, individual, definite, identity) of one noun phrase head."""
    group = group_of(tok)
    lower = tok.lower_
    if lower == "old" and any(c.lower_ in _AGE_UNITS for c in tok.children):
        # 'The 15-year-old was pronounced dead', 'a 16-year-old was airlifted'
        determiners = {c.lower_ for c in tok.children if c.dep_ in ("det", "poss")}
        definite = bool(determiners & {"the", "his", "her", "their", "this", "that"})
        return Quantity(1), "civilians", True, definite, None, tok
    if (
        tok.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "ORDINAL")
        or lower in NON_VIOLENT_CAUSES
        or lower in _ANIMALS
    ):
        return None, group, False, False, None, tok
    if tok.like_num or (
        word_value(tok.text) is not None and tok.pos_ in ("NUM", "NOUN", "PRON", "ADJ")
    ):
        if is_age(tok) or lower in ("a", "an"):
            return None, group, False, False, None, tok
        of = [
            g
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children
            if g.dep_ == "pobj"
        ]
        if of:
            group = group_of(of[0])
        q = parse_quantity(phrase_of_number(tok))
        if q is None:
            return None, group, False, False, None, tok
        return q, group, q.value == 1, False, None, tok
    for c in tok.children:
        if c.dep_ == "nummod" and not is_age(c):
            q = parse_quantity(phrase_of_number(c))
            if q is not None:
                return q, group, q.value == 1, False, None, tok
        if c.dep_ in ("amod", "quantmod", "det") and c.lower_ in (
            "several",
            "many",
            "numerous",
            "dozens",
            "hundreds",
            "few",
            "multiple",
        ):
            q = parse_quantity(phrase_of_number(c))
            if q is not None:
                return q, group, False, False, None, tok
    if lower == "both" or any(
        c.lower_ == "both" and c.dep_ in ("det", "predet") for c in tok.children
    ):
        return Quantity(2), group, False, False, None, tok  # 'both victims', 'both were arrested'
    if lower in ("another", "someone", "somebody", "one"):
        return Quantity(1), group, True, False, None, tok  # 'another was injured'
    if tok.ent_type_ == "PERSON" and tok.pos_ == "PROPN":
        name = " ".join(t.text for t in tok.subtree if t.ent_type_ == "PERSON")
        return Quantity(1), "civilians" if group == "unknown" else group, True, False, name, tok
    if lower in PRONOUN_ONE:
        return Quantity(1), group, True, True, None, tok
    if tok.tag_ in ("NN", "NNP") or (tok.pos_ == "NOUN" and not tok.tag_.endswith("S")):
        dets = [c.lower_ for c in tok.children if c.dep_ in ("det", "poss")]
        if any(d in ("a", "an", "another", "one") for d in dets):
            return Quantity(1), group, True, False, None, tok
        if any(d in ("the", "this", "that", "his", "her", "their", "its") for d in dets):
            return Quantity(1), group, True, True, None, tok
        if tok.pos_ == "NOUN" and group != "unknown":
            return Quantity(1), group, True, False, None, tok
    return None, group, False, False, None, tok


def group_of(tok: Token) -> str:
    words = {tok.lower_} | {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod")}
    for p in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
        words |= {g.lower_ for g in p.children if g.dep_ == "pobj"}
    if tok.lower_ in _PERPETRATORS or words & _PERPETRATORS:
        return "perpetrators"
    if tok.lower_ in _STATE or (words & _STATE and tok.lower_ not in _CIVILIAN):
        return "state_forces"
    if tok.lower_ in GENERIC:
        return "unknown"
    if tok.lower_ in _CIVILIAN or words & _CIVILIAN or tok.ent_type_ == "PERSON":
        return "civilians"
    if tok.lower_ in PRONOUN_ONE:
        return "civilians"
    return "unknown"


def _age_of(tok: Token) -> int | None:
    """16 for 'a 16-year-old boy' or 'the 16-year-old'."""
    olds = [tok] if tok.lower_ == "old" else [c for c in tok.children if c.lower_ == "old"]
    for old in olds:
        for unit in old.children:
            if unit.lower_ in ("year", "years"):
                for n in unit.children:
                    if n.dep_ == "nummod" and (value := word_value(n.text)) is not None:
                        return value
    return None
