"""Actors: who did what to whom, named as ACLED names them, with ACLED's inter codes.

For each mention the agent (subject of an active verb, "by" phrase of a passive, "X's attack",
"clashes between X and Y") and the target (object, passive subject, "attack on X") are read
from the dependency tree and classed: state forces 1, rebels 2, political militias and
unidentified armed groups 3, identity militias 4, rioters 5, protesters 6, civilians 7,
external forces 8.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from newsevents.extract.lexicon import PERSON_NOUNS
from newsevents.extract.mentions import Mention
from newsevents.geo.gazetteer import Gazetteer
from newsevents.model import Article

STATE, REBEL, MILITIA, IDENTITY, RIOTERS, PROTESTERS, CIVILIANS, EXTERNAL = 1, 2, 3, 4, 5, 6, 7, 8

# Named armed groups: (pattern, ACLED-style name, inter code). Checked before generic words.
NAMED_GROUPS: tuple[tuple[re.Pattern[str], str, int], ...] = tuple(
    (re.compile(p, re.I), name, code)
    for p, name, code in (
        (r"\b(islamic state|isis|isil|daesh|\bIS\b)", "Islamic State", REBEL),
        (r"\btaliban\b", "Taliban", REBEL),
        (r"\bal[- ]?shabaa?b\b", "Al Shabaab", REBEL),
        (r"\bboko haram\b|\bjas\b", "Boko Haram", REBEL),
        (r"\biswap\b", "Islamic State West Africa Province", REBEL),
        (r"\bal[- ]?qa[' ]?ida\b|\baqap\b|\baqim\b", "Al Qaeda", REBEL),
        (r"\bjnim\b", "JNIM: Group for Support of Islam and Muslims", REBEL),
        (r"\bhouthis?\b|ansar allah", "Houthis (Yemen)", STATE),
        (r"\bhezbollah\b", "Hezbollah", REBEL),
        (r"\bhamas\b", "Hamas", REBEL),
        (r"\bpkk\b|kurdistan workers", "PKK: Kurdistan Workers Party", REBEL),
        (r"\bsdf\b|\bqsd\b|syrian democratic forces", "SDF: Syrian Democratic Forces", REBEL),
        (r"\bypg\b", "YPG: Peoples Protection Units", REBEL),
        (r"\bhts\b|hayat tahrir", "Hayat Tahrir al Sham", REBEL),
        (r"\bnpa\b|new people's army", "NPA: New People's Army", REBEL),
        (r"\beln\b", "ELN: National Liberation Army", REBEL),
        (r"\bfarc\b", "FARC Dissidents", REBEL),
        (r"\bmaoists?\b|\bnaxal", "CPI (Maoist): Communist Party of India (Maoist)", REBEL),
        (r"\bambazonian?\b", "Ambazonian Separatists", REBEL),
        (
            r"\bnaf\b|donbas+ people'?s militia|novorossiya|dpr\b|lpr\b",
            "NAF: United Armed Forces of Novorossiya",
            REBEL,
        ),
        (r"\bm23\b", "M23: March 23 Movement", REBEL),
        (r"\badf\b", "ADF: Allied Democratic Forces", REBEL),
        (r"\bcodeco\b", "CODECO: Cooperative for the Development of Congo", IDENTITY),
        (r"\bfulani\b", "Fulani Ethnic Militia", IDENTITY),
        (r"\bcartel\b|\bcjng\b|\bsinaloa\b|zetas", "Cartel", MILITIA),
        (r"\bred command\b|\bcomando vermelho\b|\bpcc\b", "Gang", MILITIA),
        (
            r"\bsaudi[- ]led coalition\b|operation restoring hope",
            "Operation Restoring Hope",
            EXTERNAL,
        ),
        (
            r"\bpeacekeepers?\b|\bminusma\b|\bmonusco\b|\bamisom\b|\bunmiss\b",
            "United Nations peacekeepers",
            EXTERNAL,
        ),
        (r"\bosce\b", "OSCE", EXTERNAL),
    )
)
_POLICE = {
    "police",
    "policeman",
    "policemen",
    "policewoman",
    "officer",
    "officers",
    "cop",
    "cops",
    "deputy",
    "deputies",
    "sheriff",
    "trooper",
    "troopers",
    "gendarme",
    "gendarmes",
    "gendarmerie",
    "constable",
    "constables",
    "swat",
    "detectives",
    "detective",
    "patrolman",
    "authorities",
    "law",
    "enforcement",
}
_MILITARY = {
    "army",
    "soldier",
    "soldiers",
    "troops",
    "military",
    "forces",
    "force",
    "guardsman",
    "guardsmen",
    "guard",
    "marines",
    "navy",
    "commandos",
    "commando",
    "jawans",
    "jawan",
    "battalion",
    "brigade",
    "regiment",
    "paratroopers",
    "regime",
    "airforce",
    "personnel",
    "servicemen",
    "units",
    "unit",
    "special",
    "security",
    "government",
    "armed",
    "warplanes",
    "jets",
    "aircraft",
    "helicopters",
    "drones",
}
_REBELS = {
    "rebel",
    "rebels",
    "insurgent",
    "insurgents",
    "separatist",
    "separatists",
    "jihadist",
    "jihadists",
    "islamist",
    "islamists",
    "guerrilla",
    "guerrillas",
    "guerillas",
    "mujahideen",
    "opposition",
}
_ARMED_UNKNOWN = {
    "militant",
    "militants",
    "terrorist",
    "terrorists",
    "gunman",
    "gunmen",
    "assailant",
    "assailants",
    "attacker",
    "attackers",
    "bandit",
    "bandits",
    "men",
    "group",
    "fighters",
    "fighter",
    "kidnappers",
    "kidnapper",
    "shooter",
    "shooters",
    "bomber",
    "bombers",
    "suspects",
    "suspect",
    "hitmen",
    "hitman",
    "robbers",
    "robber",
    "extremists",
    "militia",
    "militias",
    "militiamen",
    "perpetrators",
    "accomplice",
}
_GANG = {
    "gang",
    "gangs",
    "gangsters",
    "gangster",
    "cartel",
    "cartels",
    "narcos",
    "sicarios",
    "traffickers",
    "criminal",
    "criminals",
    "mafia",
}
_COMMUNAL = {
    "clan",
    "clansmen",
    "tribe",
    "tribal",
    "tribesmen",
    "ethnic",
    "communal",
    "herders",
    "herdsmen",
    "villagers",
    "vigilante",
    "vigilantes",
    "youths",
    "community",
}
# Heads that are armed in themselves; 'villagers' or 'youths' hit by an attack are civilians.
_COMMUNAL_ARMED = {
    "clansmen",
    "tribesmen",
    "herders",
    "herdsmen",
    "vigilante",
    "vigilantes",
    "militia",
    "militias",
    "militiamen",
}
# 'a police patrol', 'an army convoy': state forces whatever the head noun.
_STATE_UNITS = {
    "patrol",
    "convoy",
    "checkpoint",
    "post",
    "station",
    "base",
    "positions",
    "unit",
    "vehicle",
    "vehicles",
    "outpost",
    "camp",
    "barracks",
}
_CIVILIAN_MARKERS = {"wife", "son", "daughter", "family", "relatives", "former", "retired"}
# Heads that name protesters as such ("residents" or "workers" may be anyone).
_PROTEST_HEADS = {
    "protesters",
    "protester",
    "protestors",
    "demonstrators",
    "demonstrator",
    "marchers",
    "strikers",
    "picketers",
}
_RIOTERS = {"rioters", "rioter", "mob", "mobs", "crowd", "looters"}
_PROTESTERS = _PROTEST_HEADS | {
    "activists",
    "citizens",
    "doctors",
    "drivers",
    "employees",
    "farmers",
    "journalists",
    "lawyers",
    "members",
    "merchants",
    "nurses",
    "people",
    "residents",
    "students",
    "supporters",
    "teachers",
    "traders",
    "unionists",
    "vendors",
    "villagers",
    "women",
    "workers",
    "youth",
}
_CIVILIAN = PERSON_NOUNS | {  # targets may be places people are in
    "bus",
    "candidate",
    "car",
    "church",
    "citizen",
    "citizens",
    "councillor",
    "councilor",
    "families",
    "home",
    "homes",
    "house",
    "houses",
    "market",
    "mayor",
    "mosque",
    "official",
    "people",
    "person",
    "politician",
    "school",
    "shop",
    "shops",
    "trader",
    "vehicle",
    "victim",
    "victims",
}
_PERSONLESS = {"who", "that", "which", "it", "they", "them", "he", "she", "him", "her", "this"}


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


class FindActors:
    """Adds each mention's agents and targets."""

    name = "actors"
    requires: tuple[str, ...] = ("mentions",)
    assigns: tuple[str, ...] = ("mentions.agents", "mentions.targets")

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def __call__(self, article: Article) -> Article:
        for m in article.mentions:
            agents, targets = _roles(m.root)
            m.agents = [a for a in (self.classify(t, m) for t in agents) if a is not None]
            m.targets = [a for a in (self.classify(t, m) for t in targets) if a is not None]
            # Who acts elsewhere in the sentence: 'killed during an operation by ANDSF forces',
            # 'beaten and then arrested by the police'.
            doers = [
                t
                for t in m.sentence
                if t.dep_ == "nsubj" or (t.dep_ == "pobj" and t.head.lower_ == "by")
            ]
            m.context_agents = [
                a
                for a in (self.classify(t, m) for t in doers)
                if a is not None and a.inter in (STATE, REBEL, MILITIA, IDENTITY, EXTERNAL)
            ]
        return article

    def classify(self, head: Token, m: Mention) -> ActorRef | None:
        if head.lower_ in _PERSONLESS and head.ent_type_ != "PERSON":
            return None
        tokens = [t for t in head.subtree if t.i - head.i < 9 and head.i - t.i < 8]
        # Leave relative clauses and long prepositional tails out of the actor's words.
        tokens = [
            t
            for t in tokens
            if t.i == head.i
            or not any(
                a.dep_ in ("relcl", "acl") and a.i > head.i for a in t.ancestors if a.i > head.i
            )
        ]
        text_tokens = tokens or [head]
        span = head.doc[min(t.i for t in text_tokens) : max(t.i for t in text_tokens) + 1]
        text = span.text
        words = {t.lower_ for t in text_tokens}
        country = None
        for t in text_tokens:
            c = self.gazetteer.country_of_demonym(t.text)
            if c is not None:
                country = c.country_code
                break
            if t.ent_type_ == "GPE":
                found = self.gazetteer.lookup(t.text)
                if found and found[0].level == "country":
                    country = found[0].country_code
        start, end = m.offset + span.start_char, m.offset + span.end_char
        for pattern, name, code in NAMED_GROUPS:
            if pattern.search(text):
                return ActorRef(code, "named", text, start, end, country, name)
        h = head.lower_
        if h in _RIOTERS or words & _RIOTERS:
            return ActorRef(RIOTERS, "rioters", text, start, end, country)
        if h in _PROTEST_HEADS:
            return ActorRef(PROTESTERS, "protesters", text, start, end, country)
        person = h in _CIVILIAN and h not in _STATE_UNITS
        if h in _POLICE or (words & _POLICE and not person and not words & _CIVILIAN_MARKERS):
            return ActorRef(STATE, "police", text, start, end, country)
        if h in _MILITARY and (
            h not in {"security", "special", "government", "armed", "group", "units", "unit"}
            or words & {"forces", "force"}
        ):
            return ActorRef(STATE, "military", text, start, end, country)
        if words & {"forces", "troops", "army", "military", "soldiers"} and not words & _REBELS:
            return ActorRef(STATE, "military", text, start, end, country)
        if h in _REBELS or words & _REBELS:
            return ActorRef(REBEL, "rebels", text, start, end, country)
        if h in _GANG or words & _GANG:
            return ActorRef(MILITIA, "gang", text, start, end, country)
        if words & _COMMUNAL and (h in _ARMED_UNKNOWN or h in _COMMUNAL_ARMED):
            return ActorRef(IDENTITY, "communal", text, start, end, country)
        if h in _ARMED_UNKNOWN and not (
            h == "men" and not words & {"armed", "unidentified", "unknown", "masked", "gunmen"}
        ):
            if h in ("suspect", "suspects") and not words & {
                "militant",
                "militants",
                "terrorist",
                "terrorists",
                "armed",
            }:
                return ActorRef(MILITIA, "armed", text, start, end, country)
            return ActorRef(MILITIA, "armed", text, start, end, country)
        if h in _CIVILIAN or head.ent_type_ == "PERSON" or words & {"civilian", "civilians"}:
            return ActorRef(CIVILIANS, "civilians", text, start, end, country)
        return None


def _roles(root: Token) -> tuple[list[Token], list[Token]]:
    """Heads of the agent and target phrases of a trigger."""
    agents: list[Token] = []
    targets: list[Token] = []
    kids = list(root.children)
    for c in kids:
        if c.dep_ == "nsubj":
            if root.lower_ in (
                "died",
                "dies",
                "die",
                "dead",
                "injured",
                "wounded",
                "hurt",
                "protested",
                "rallied",
                "marched",
                "rioted",
            ):
                (
                    agents
                    if root.lower_ in ("protested", "rallied", "marched", "rioted")
                    else targets
                ).append(c)
            else:
                agents.append(c)
        elif c.dep_ in ("dobj", "nsubjpass"):
            targets.append(c)
        elif c.dep_ == "agent":
            agents.extend(g for g in c.children if g.dep_ == "pobj")
        elif c.dep_ in ("poss", "compound", "amod") and root.pos_ == "NOUN":
            agents.append(c)
        elif c.dep_ == "prep":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if c.lower_ in ("on", "against", "at", "targeting"):
                targets.extend(objs)
            elif c.lower_ in ("by",):
                agents.extend(objs)
            elif c.lower_ in ("between",):
                for o in objs:
                    agents.append(o)
                    targets.extend(o.conjuncts)
            elif c.lower_ in ("with",) and root.lower_.startswith(
                ("clash", "fight", "battl", "exchang", "skirmish")
            ):
                targets.extend(objs)
    if root.dep_ in ("acl", "relcl") and root.tag_ == "VBN":
        targets.append(root.head)
    if root.dep_ == "conj" and not agents:
        agents.extend(c for c in root.head.children if c.dep_ == "nsubj")
    if root.dep_ == "compound" and root.head.pos_ == "NOUN":
        agents.append(root.head) if root.head.lower_ in _PROTESTERS | _RIOTERS else None
    # A subject of "carried out"/"launched"/"staged" governs the nominal trigger below it.
    if root.dep_ in ("dobj", "pobj") and not agents:
        verb = root.head if root.dep_ == "dobj" else root.head.head
        agents.extend(c for c in verb.children if c.dep_ == "nsubj")
    expanded_agents = [t for a in agents for t in (a, *a.conjuncts)]
    expanded_targets = [t for a in targets for t in (a, *a.conjuncts)]
    return expanded_agents, expanded_targets
