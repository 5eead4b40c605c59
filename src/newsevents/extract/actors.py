"""Actors: who did what to whom, named as ACLED names them, with ACLED's inter codes.

For each mention the agent (subject of an active verb, "by" phrase of a passive, "X's attack",
"clashes between X and Y") and the target (object, passive subject, "attack on X") are read
from the dependency tree and classed: state forces 1, rebels 2, political militias and
unidentified armed groups 3, identity militias 4, rioters 5, protesters 6, civilians 7,
external forces 8.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from newsevents.extract.lexicon import PERSON_NOUNS, REPORTING_VERBS, VIOLENT, Kind
from newsevents.extract.mentions import Mention
from newsevents.geo.gazetteer import Gazetteer
from newsevents.geo.text import norm
from newsevents.mention import ActorRef as ActorRef
from newsevents.model import Article

STATE, REBEL, MILITIA, IDENTITY, RIOTERS, PROTESTERS, CIVILIANS, EXTERNAL = 1, 2, 3, 4, 5, 6, 7, 8

# Named armed groups: (pattern, ACLED-style name, inter code). Checked before generic words.
NAMED_GROUPS: tuple[tuple[re.Pattern[str], str, int], ...] = tuple(
    (re.compile(p, re.I), name, code)
    for p, name, code in (
        (r"\b(islamic state|isis|isil|daesh|\bIS\b)", "Islamic State", REBEL),
        (
            r"\bttp\b|tehr[ei]e?k-?[ei]-?taliban|pakistani taliban",
            "TTP: Tehreek-i-Taliban Pakistan",
            REBEL,
        ),
        (r"\btaliban\b", "Taliban", REBEL),
        (r"\bal[- ]?shabaa?b\b", "Al Shabaab", REBEL),
        (r"\bboko haram\b|\bjas\b", "Boko Haram", REBEL),
        (r"\biswap\b", "Islamic State West Africa Province", REBEL),
        (r"\bal[- ]?qa[' ]?ida\b|\baqap\b|\baqim\b", "Al Qaeda", REBEL),
        (r"\bjnim\b", "JNIM: Group for Support of Islam and Muslims", REBEL),
        # Rulers of Sanaa since 2017: ACLED codes their forces as Yemen's (inter 1).
        (r"\bhouthis?\b|ansar allah", "Military Forces of Yemen (2017-) Houthi", STATE),
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
        (r"\brsf\b|rapid support forces", "RSF: Rapid Support Forces", REBEL),
        (r"\bwagner\b", "Wagner Group", EXTERNAL),
        (r"\badf\b", "ADF: Allied Democratic Forces", REBEL),
        (r"\bcodeco\b", "CODECO: Cooperative for the Development of Congo", IDENTITY),
        (r"\bfulani\b", "Fulani Ethnic Militia", IDENTITY),
        (r"\bcjng\b|jalisco new generation", "CJNG: Jalisco New Generation Cartel", MILITIA),
        (r"\bsinaloa cartel\b", "Sinaloa Cartel", MILITIA),
        (r"\bzetas\b", "Los Zetas", MILITIA),
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
    "separatist",
    "separatists",
    "guerrilla",
    "guerrillas",
    "guerillas",
    "opposition",
}
# Fighters named by their cause, not their group: an Unidentified Armed Group until a group
# is named or claims the attack (ACLED codes 'suspected jihadists' so).
_UNNAMED_FIGHTERS = {
    "insurgent",
    "insurgents",
    "jihadist",
    "jihadists",
    "islamist",
    "islamists",
    "mujahideen",
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
    "groups",
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
} | _UNNAMED_FIGHTERS
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
    "communities",
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
            m.agents = [
                a
                for t in agents
                if not _source(t)
                and (a := self.classify(t, m.offset, m.kind)) is not None
                # 'a car bomb': a modifier names a doer only when it names an actor
                and not (a.inter == CIVILIANS and t.dep_ in ("compound", "amod"))
            ]
            m.targets = [
                a for a in (self.classify(t, m.offset, m.kind) for t in targets) if a is not None
            ]
            # Who acts elsewhere in the sentence: 'killed during an operation by ANDSF forces',
            # 'beaten and then arrested by the police'; not who tells of it ('police said').
            hit = {t.i for t in targets}
            doers = [
                t
                for t in m.sentence
                if (t.dep_ == "nsubj" or (t.dep_ == "pobj" and t.head.lower_ == "by"))
                and not _source(t)
                and t.i not in hit
            ]
            m.context_agents = [
                a
                for a in (self.classify(t, m.offset, m.kind) for t in doers)
                if a is not None and a.inter in (STATE, REBEL, MILITIA, IDENTITY, EXTERNAL)
            ]
        _lead_attacker(article.mentions)
        self._attribute(article)
        return article

    def _attribute(self, article: Article) -> None:
        """A named group that claims the news, or is blamed for it, is its attacker: the
        unidentified gunmen of 'gunmen stormed a hotel ... Al-Shabaab claimed the attack'.
        A claim that names a town ('claimed the Djibo attack') is about that town's events."""
        for group, towns in self._claims(article):
            for m in article.mentions:
                if m.family != "violence" or not m.counts_toward_event:
                    continue
                if towns and (m.place is None or norm(m.place.name) not in towns):
                    continue
                if any(a.name or a.inter in (STATE, EXTERNAL) for a in m.agents):
                    continue
                if not m.agents and any(a.inter in (STATE, EXTERNAL) for a in m.context_agents):
                    continue  # 'security forces killed them'
                m.agents = [group, *(a for a in m.agents if a.inter not in (REBEL, MILITIA))]

    def _claims(self, article: Article) -> list[tuple[ActorRef, set[str]]]:
        """Named groups that claim an attack or are blamed for it, with the towns the claim
        names; only in the report's news (no earlier year, nothing denied or hoped)."""
        out: list[tuple[ActorRef, set[str]]] = []
        year = article.published.year if article.published else None
        for paragraph in article.paragraphs:
            doc = paragraph.doc
            if doc is None or paragraph.boilerplate or not _CLAIM_TEXT.search(paragraph.text):
                continue
            for sentence in doc.sents:
                if year is not None and any(
                    _YEAR.match(t.text) and int(t.text) < year for t in sentence
                ):
                    continue  # 'In 2014 the group claimed ...': background
                for head in _claimants(sentence):
                    ref = self.classify(head, paragraph.doc_offset)
                    if ref is None or ref.name is None:
                        continue
                    # 'claimed the Djibo attack': a town's name, as an entity or as the
                    # modifier of the attack it names.
                    names = [
                        e.text
                        for e in sentence.ents
                        if e.label_ in ("GPE", "LOC", "FAC") and not e.start <= head.i < e.end
                    ] + [
                        t.text
                        for t in sentence
                        if t.pos_ == "PROPN" and t.dep_ == "compound" and t.head.pos_ == "NOUN"
                    ]
                    towns = {
                        norm(n)
                        for n in names
                        if any(p.level == "town" for p in self.gazetteer.lookup(n)[:1])
                    }
                    out.append((ref, towns))
        return out

    def classify(self, head: Token, offset: int, kind: Kind | None = None) -> ActorRef | None:
        """The actor a phrase names, by its head; `offset` is its paragraph's in the text and
        `kind` the event word it is an argument of."""
        if head.lower_ in _QUANTITIES:
            # 'dozens of people', 'scores of soldiers': the people counted are the actor.
            counted = [g for c in head.children if c.lower_ == "of" for g in c.children]
            if counted and counted[0].dep_ == "pobj":
                head = counted[0]
        if head.lower_ in _PERSONLESS and head.ent_type_ != "PERSON":
            return None
        # The phrase of this actor alone: 'the army and the RSF' are two actors.
        others = {t.i for c in head.children if c.dep_ in ("conj", "cc") for t in c.subtree}
        tokens = [
            t for t in head.subtree if t.i - head.i < 9 and head.i - t.i < 8 and t.i not in others
        ]
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
                # The whole name: 'Northern Ireland' is no 'Ireland'.
                name = _entity(t).text
                found = self.gazetteer.lookup(name)
                if found and found[0].level == "country":
                    country = found[0].country_code
        start, end = offset + span.start_char, offset + span.end_char
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
            # 'government and Russian warplanes struck': a government that strikes is its forces
            or (h == "government" and kind in VIOLENT and head.dep_ == "nsubj")
        ):
            return ActorRef(STATE, "military", text, start, end, country)
        if (
            country is not None
            and head.dep_ in ("amod", "compound", "poss", "nsubj")
            and kind in _STATE_WEAPONS
            and (self.gazetteer.country_of_demonym(head.text) or head.ent_type_ == "GPE")
        ):
            # 'Russian shelling', 'Israel's air strikes': a country's weapons are its forces.
            return ActorRef(STATE, "military", text, start, end, country)
        if words & {"forces", "troops", "army", "military", "soldiers"} and not words & (
            _REBELS | _UNNAMED_FIGHTERS
        ):
            return ActorRef(STATE, "military", text, start, end, country)
        # 'opposition fighters' are rebels; 'opposition activists' are political people.
        if h in _REBELS or (words & _REBELS and h not in _PROTESTERS | _CIVILIAN):
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


_QUANTITIES = {
    "dozens", "hundreds", "thousands", "scores", "tens", "number", "many", "several", "some",
    "all", "most", "group", "handful", "dozen", "hundred", "thousand",
}  # fmt: skip
# Verbs whose subject suffered the event, and those whose subject demonstrated.
_SUFFERED = {"died", "dies", "die", "dead", "injured", "wounded", "hurt"}
_DEMONSTRATED = {"protested", "rallied", "marched", "rioted"}
# Weapons only states field: a country named as their user names its forces.
_STATE_WEAPONS = {Kind.SHELL, Kind.AIR}


_YEAR = re.compile(r"^(1[89]|20)\d\d$")
# 'said ... that it carried out the attack': a group's own word that it did it.
_CLAIM = {"claim", "claims", "claimed", "claiming"}
# A cheap test of a paragraph's text before its sentences are read for claims.
_CLAIM_TEXT = re.compile(r"\b(?:claim|blam|carried out|behind|responsib|perpetrat|staged)", re.I)
_BLAME = {"blame", "blames", "blamed", "blaming"}
_OWNING = {"carried", "behind", "responsible", "responsibility", "perpetrated", "staged"}


def _claimants(sentence: Span) -> list[Token]:
    """Heads of the phrases a sentence names as the doers of an attack: the subject of
    'claimed', of 'said it carried out'; the object of 'blamed' ('blamed X for', 'blaming X',
    'blamed on X')."""
    out: list[Token] = []
    words = {t.lower_ for t in sentence}
    for t in sentence:
        word = t.lower_
        if any(c.dep_ == "neg" for c in t.children):
            continue  # 'no group has claimed', 'did not blame'
        subjects = [c for c in t.children if c.dep_ == "nsubj"]
        owning = word in REPORTING_VERBS and bool(words & _OWNING)
        if (word in _CLAIM and t.pos_ == "VERB") or owning:
            out.extend(subjects)
        elif word in _BLAME:
            out.extend(c for c in t.children if c.dep_ == "dobj")
            for prep in (c for c in t.children if c.dep_ == "prep" and c.lower_ == "on"):
                out.extend(g for g in prep.children if g.dep_ == "pobj")
    return [h for c in out for h in (c, *c.conjuncts)]


def _lead_attacker(mentions: list[Mention]) -> None:
    """'Russian shelling killed six in three cities ... In Kherson, shells struck a bus stop':
    the force the lead names fires the shells the report then tells town by town."""
    told = [m for m in mentions if m.counts_toward_event and m.kind in _STATE_WEAPONS]
    lead = next((m for m in told if any(a.inter in (STATE, EXTERNAL) for a in m.agents)), None)
    if lead is None:
        return
    for m in told:
        if not m.agents and not any(a.inter != CIVILIANS for a in m.context_agents):
            m.agents = list(lead.agents)


def _entity(token: Token) -> Span:
    """The named entity a token is part of (Doc.ents would build them all)."""
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _source(token: Token) -> bool:
    """Who tells of an event ('police said', 'according to officials'), not who did it."""
    head = token
    while head.dep_ in ("conj", "appos") and head.head is not head:
        head = head.head
    if head.dep_ == "nsubj" and head.head.lower_ in REPORTING_VERBS:
        return True
    return head.dep_ == "pobj" and head.head.lower_ == "to" and head.head.head.lower_ == "according"


def _roles(root: Token) -> tuple[list[Token], list[Token]]:
    """Heads of the agent and target phrases of a trigger."""
    agents: list[Token] = []
    targets: list[Token] = []
    kids = list(root.children)
    for c in kids:
        if c.dep_ == "nsubj":
            if root.lower_ in _SUFFERED | _DEMONSTRATED:
                (agents if root.lower_ in _DEMONSTRATED else targets).append(c)
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
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in kids)
    if root.dep_ == "conj" and not agents and not passive and root.head.lower_ not in _SUFFERED:
        # 'gunmen stormed the hotel and killed six': the subject of both; not 'three died and
        # five were wounded', whose subjects suffered.
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
