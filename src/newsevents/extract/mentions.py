"""Event mentions: the words in a sentence that signal an event, with what stands around them.

A Mention is one trigger (a word or phrase from the lexicon) in one sentence. Later
components give it counts, a date, a place and actors; `events.py` merges mentions into events.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from newsevents.extract.lexicon import (
    ATTACK_MARKERS,
    CLAIM_NOUNS,
    CLAIM_VERBS,
    DEMONSTRATION,
    DEVICE_WORDS,
    HYPOTHETICAL_MARKERS,
    INDUSTRIAL,
    NON_VIOLENT_CAUSES,
    SEIZE_VERBS,
    STRATEGIC,
    TRIGGERS,
    VIOLENT,
    VIOLENT_CUES,
    Kind,
)
from newsevents.model import Article

if TYPE_CHECKING:
    from spacy.language import Language

    from newsevents.extract.actors import ActorRef
    from newsevents.extract.counts import CountItem
    from newsevents.geo.gazetteer import Place


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
    claimed: bool = False  # "X claimed responsibility for the attack": about an event, not one
    headline: bool = False  # told in the report's headline
    counts: list[CountItem] = field(default_factory=list)
    date: dt.date | None = None
    date_end: dt.date | None = None
    precision: int = 3
    date_how: str = ""  # own, linked, tense, anaphora, context, published, none
    date_span: tuple[int, int] | None = None
    place: Place | None = None
    place_span: tuple[int, int] | None = None
    place_near: bool = False
    agents: list[ActorRef] = field(default_factory=list)
    targets: list[ActorRef] = field(default_factory=list)
    context_agents: list[ActorRef] = field(
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


_DETERMINERS_ANAPHORIC = {"the", "those", "these", "this", "that", "such"}
_BODY_WORDS = {"dead", "body", "bodies", "remains", "heads", "corpse", "corpses"}
_BODY_FOUND = {
    "found",
    "thrown",
    "dumped",
    "discovered",
    "abandoned",
    "tied",
    "wrapped",
    "bound",
    "buried",
    "exhumed",
    "recovered",
    "left",
    "lying",
}
_WEAK_LOOT = {"destroyed", "damaged", "burned", "burnt", "stolen", "stole", "demolished"}
_BODY_CUES = {
    "found",
    "discovered",
    "recovered",
    "dumped",
    "lying",
    "pulled",
    "bullet",
    "riddled",
    "bearing",
    "identified",
    "exhumed",
    "buried",
    "shot",
}
_PERSON_OBJECTS = {
    "man",
    "men",
    "woman",
    "women",
    "people",
    "suspect",
    "suspects",
    "member",
    "members",
    "person",
    "persons",
    "nationals",
    "he",
    "she",
    "they",
    "them",
    "him",
    "her",
    "militants",
    "fighters",
    "soldiers",
    "smugglers",
    "leader",
    "commander",
    "boy",
    "girl",
    "child",
    "children",
    "civilians",
    "activists",
}
_TERRITORY_OBJECTS = {
    "town",
    "city",
    "village",
    "villages",
    "district",
    "area",
    "areas",
    "territory",
    "base",
    "positions",
    "position",
    "checkpoint",
    "hill",
    "airport",
    "province",
    "region",
    "border",
    "crossing",
    "road",
    "highway",
    "outpost",
    "bridge",
    "neighbourhood",
    "neighborhood",
    "port",
    "island",
}
_FORCES = {
    "troops",
    "forces",
    "army",
    "militants",
    "fighters",
    "rebels",
    "soldiers",
    "militia",
    "militias",
    "insurgents",
    "jihadists",
    "battalion",
    "brigade",
    "units",
    "military",
    "guerrillas",
    "paramilitaries",
    "peacekeepers",
    "group",
    "faction",
    "factions",
}
_CONFLICT = {
    "fighters",
    "rebels",
    "government",
    "ceasefire",
    "forces",
    "troops",
    "militants",
    "prisoners",
    "hostages",
    "opposition",
    "war",
    "territory",
    "disputed",
    "peace",
    "militia",
    "army",
    "insurgents",
    "separatists",
    "conflict",
    "civilians",
}
_ARMS = {
    "firearms",
    "firearm",
    "weapons",
    "weapon",
    "ammunition",
    "ammunitions",
    "pistols",
    "pistol",
    "rifles",
    "rifle",
    "guns",
    "gun",
    "explosives",
    "grenades",
    "cartridges",
    "rounds",
    "magazines",
    "arms",
    "kalashnikovs",
    "ak-47",
    "ak-47s",
    "mortars",
    "rockets",
    "ieds",
    "ied",
    "detonators",
    "bombs",
    "landmines",
    "mines",
    "bullets",
    "munitions",
}
_GUNS = {"gun", "guns", "shotgun", "rifle", "handgun", "pistol", "firearm", "weapon", "revolver"}
_PEOPLE = {
    "man",
    "men",
    "woman",
    "women",
    "people",
    "person",
    "persons",
    "victim",
    "victims",
    "child",
    "children",
    "boy",
    "girl",
    "bodies",
    "body",
}
_PROPERTY = {
    "land",
    "lands",
    "vehicle",
    "vehicles",
    "boats",
    "boat",
    "property",
    "properties",
    "goods",
    "houses",
    "house",
    "crops",
    "livestock",
    "cattle",
    "car",
    "cars",
    "truck",
    "trucks",
    "shops",
    "homes",
    "farms",
    "farmland",
    "equipment",
}
_GATHERING = {
    "gathered",
    "group",
    "crowd",
    "residents",
    "workers",
    "assembled",
    "blocked",
    "marched",
    "motorcade",
    "caravan",
    "rally",
    "villagers",
    "staged",
    "sit",
    "sat",
    "protest",
    "protested",
    "demonstration",
    "demonstrated",
    "people",
    "students",
    "farmers",
    "traders",
    "protesters",
    "demonstrators",
    "laborers",
    "labourers",
}
_WEAPONS = {
    "shots",
    "shot",
    "rounds",
    "bullets",
    "gunshots",
    "weapons",
    "weapon",
    "mortars",
    "mortar",
    "rockets",
    "rocket",
    "missiles",
    "missile",
    "shells",
    "artillery",
    "guns",
    "gun",
    "rifles",
    "rifle",
    "launchers",
    "grenades",
    "arms",
    "machineguns",
    "volleys",
    "projectiles",
    "salvo",
    "salvos",
    "bullet",
    "teargas",
    "pellets",
    "warning",
}
_REPORTING_PERFECT = {"said", "reported", "announced", "stated", "told", "claimed"}


def build_matcher(nlp: Language) -> PhraseMatcher:
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for kind, phrases in TRIGGERS.items():
        matcher.add(kind.value, [nlp.make_doc(p) for p in phrases])
    return matcher


class FindMentions:
    """Adds the article's event mentions (triggers in context), in text order."""

    name = "mentions"
    requires: tuple[str, ...] = ("paragraphs.doc",)
    assigns: tuple[str, ...] = ("mentions",)

    def __init__(self, nlp: Language) -> None:
        self.matcher = build_matcher(nlp)
        self.vocab = nlp.vocab

    def __call__(self, article: Article) -> Article:
        found: list[Mention] = []
        order = 0
        for index, paragraph in enumerate(article.paragraphs):
            doc = paragraph.doc
            if doc is None:
                continue
            spans = self._spans(doc)
            by_sentence: dict[int, list[Span]] = {}
            for span in spans:
                by_sentence.setdefault(span.sent.start, []).append(span)
            for sentence in doc.sents:
                triggers = by_sentence.get(sentence.start, [])
                order += 1
                for span in triggers:
                    kind = Kind(self.vocab.strings[span.label])
                    mention = Mention(
                        kind,
                        index,
                        span,
                        sentence,
                        order,
                        paragraph.doc_offset,
                        headline=paragraph.headline,
                    )
                    found.append(mention)
        _keep_valid(found)
        article.mentions = [m for m in found if m.kind is not Kind.BLOCK]
        article.mentions += _seizures(article, article.mentions)
        article.mentions.sort(key=lambda m: (m.order, m.span.start))
        return article

    def _spans(self, doc: Doc) -> list[Span]:
        spans = [Span(doc, s, e, label=k) for k, s, e in self.matcher(doc)]
        return [s for s in filter_spans(spans) if _plausible(s)]


def _seizures(article: Article, found: list[Mention]) -> list[Mention]:
    """'officers seized nine pistols and ammunition', 'a stash of firearms was found':
    weapons taken before use (ACLED's Disrupted weapons use)."""
    taken = {(m.paragraph, m.span.start) for m in found}
    by_sentence = {(m.paragraph, m.sentence.start): m.order for m in found}
    out: list[Mention] = []
    order = 0
    for index, paragraph in enumerate(article.paragraphs):
        doc = paragraph.doc
        if doc is None:
            continue
        for sentence in doc.sents:
            order += 1
            for t in sentence:
                if (
                    t.lower_ not in SEIZE_VERBS
                    or t.pos_ not in ("VERB", "AUX")
                    or (index, t.i) in taken
                ):
                    continue
                objects = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
                if any(w.lower_ in _ARMS for o in objects for w in o.subtree):
                    span = doc[t.i : t.i + 1]
                    mention = Mention(
                        Kind.DISRUPT,
                        index,
                        span,
                        sentence,
                        by_sentence.get((index, sentence.start), order),
                        paragraph.doc_offset,
                    )
                    out.append(mention)
    return out


def _plausible(span: Span) -> bool:
    """Drop matches that are another word in disguise (the month March, a 'body' of text)."""
    text = span.text.lower()
    root = span.root
    if text in ("march", "marches") and (span.text[0].isupper() or root.ent_type_ == "DATE"):
        nxt = span.doc[span.end] if span.end < len(span.doc) else None
        prev = span.doc[span.start - 1] if span.start > 0 else None
        if (
            root.ent_type_ == "DATE"
            or (nxt is not None and nxt.like_num)
            or (
                prev is not None
                and prev.lower_
                in {
                    "in",
                    "since",
                    "until",
                    "by",
                    "early",
                    "late",
                    "mid",
                    "of",
                    "last",
                    "next",
                    "this",
                }
            )
        ):
            return False
    if text in ("body", "bodies", "corpse", "corpses"):
        return any(t.lower_ in _BODY_CUES for t in span.sent)
    if text == "offensive" and root.pos_ == "ADJ":
        return False
    if (
        text in ("shell", "shells")
        and root.pos_ == "NOUN"
        and not any(
            t.lower_ in {"fired", "landed", "hit", "artillery", "mortar", "tank"} for t in span.sent
        )
    ):
        return False
    if text in ("drone", "drones") and not any(
        t.lower_
        in {
            "strike",
            "strikes",
            "attack",
            "attacks",
            "killed",
            "hit",
            "targeted",
            "struck",
            "bombed",
            "launched",
        }
        for t in span.sent
    ):
        return False
    if text in ("rally", "rallies") and root.pos_ == "VERB" and root.dep_ != "ROOT":
        return False
    if text in ("demanding", "to demand", "demanded"):
        # 'residents gathered demanding water': a protest; 'the family is demanding answers'
        # is not.
        return bool({t.lower_ for t in span.sent} & _GATHERING)
    if Kind(span.doc.vocab.strings[span.label]) is Kind.DISRUPT and text not in (
        "defused",
        "defuse",
        "defusing",
        "bomb disposal",
    ):
        # 'confiscated counterfeit cosmetics', 'intercepted migrants': not weapons
        return bool({t.lower_ for t in span.sent} & (_ARMS | DEVICE_WORDS))
    if text in ("discharged", "went off"):
        # 'the shotgun accidentally discharged, striking a boy': a shot, not a discharged patient
        return bool({t.lower_ for t in span.sent} & _GUNS)
    if text == "deal":
        return bool({t.lower_ for t in span.sent} & _CONFLICT)
    if text == "remains":
        after = {t.lower_ for t in span.doc[span.end : span.end + 4]}
        return any(t.lower_ == "human" for t in span.sent) or bool(after & _PEOPLE)
    if text in ("blocked", "procession", "processions"):
        # 'students blocked the highway', 'activists took out a procession'
        return bool({t.lower_ for t in span.sent} & _GATHERING)
    if text in ("seized", "seizes", "seizing"):
        # 'forces seized Palestinian-owned land', 'militants seized a vehicle': property taken
        taken = {
            w.lower_ for c in root.children if c.dep_ in ("dobj", "nsubjpass") for w in c.subtree
        }
        return bool(taken & _PROPERTY) and not taken & _ARMS
    if text in ("exchanged", "repulsed", "repelled", "repulse", "repel"):
        # 'exchanged artillery', 'repelled an attack': not 'exchanged prisoners' or 'views'.
        objects = [c for c in root.children if c.dep_ in ("dobj", "pobj", "prep")]
        words = {t.lower_ for c in objects for t in c.subtree}
        return bool(
            words
            & (
                _WEAPONS
                | {
                    "fire",
                    "gunfire",
                    "attack",
                    "attacks",
                    "assault",
                    "shelling",
                    "offensive",
                    "incursion",
                    "fighters",
                }
            )
        )
    if text == "firing" and root.pos_ == "NOUN":
        return True
    if text in ("fired", "firing"):
        # 'fired mortars at', 'fired on the positions', 'fired shots': not 'was fired from a job'.
        kids = list(root.children)
        object_words = {c.lower_ for c in kids if c.dep_ == "dobj"}
        preps = {c.lower_ for c in kids if c.dep_ == "prep"}
        return bool(
            object_words & _WEAPONS
            or preps & {"at", "on", "upon", "into", "toward", "towards"}
            or any(c.dep_ == "dobj" and any(g.lower_ in _WEAPONS for g in c.subtree) for c in kids)
        )
    if (
        text == "custody"
        and span.start > 0
        and span.doc[span.start - 1].lower_ not in {"into", "in"}
    ):
        return False
    return not (text in ("hurt",) and root.dep_ == "amod")


def _keep_valid(mentions: list[Mention]) -> None:
    """Mark context on every mention and turn those that are not events into BLOCK."""
    doc_violent = any(m.kind in VIOLENT_CUES or m.kind in DEMONSTRATION for m in mentions)
    by_sentence: dict[tuple[int, int], list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault((m.paragraph, m.sentence.start), []).append(m)
    for group in by_sentence.values():
        sentence = group[0].sentence
        words = {t.lower_ for t in sentence}
        if words & INDUSTRIAL and not words & ATTACK_MARKERS:
            for m in group:
                if m.kind in (Kind.EXPLOSIVE, Kind.CHEMICAL):
                    m.kind = Kind.BLOCK  # a boiler explosion, a gas leak: an accident at work
        kinds = {m.kind for m in group}
        claim = bool(words & CLAIM_VERBS and words & CLAIM_NOUNS)
        violent_here = any(k in VIOLENT_CUES or k in DEMONSTRATION for k in kinds) or any(
            m.kind is Kind.KILL and _violent_in_itself(m.span) for m in group
        )
        non_violent = bool(words & NON_VIOLENT_CAUSES)
        backstory = _is_backstory(sentence)
        has_demo = any(m.kind in DEMONSTRATION for m in group)
        for m in group:
            if m.kind is Kind.BLOCK:
                continue
            m.backstory = backstory or (
                has_demo and m.kind not in DEMONSTRATION and (_caused(m.root) or _grievance(m.root))
            )
            m.negated = _is_negated(m.root)
            m.hypothetical = _is_hypothetical(m.root, sentence) or _is_generic(m.span)
            m.anaphoric = _is_anaphoric(m.span)
            m.claimed = claim or _is_claimed(m.root)
            _refine_kind(m)
            if _blocked(m):
                continue
            if m.kind in (Kind.KILL, Kind.INJURE):
                if _violent_in_itself(m.span):
                    continue
                agentive = _has_human_agent(m.root)
                found_dead = (
                    (m.root.lower_ in _BODY_WORDS or "found" in words)
                    and bool(words & (_BODY_FOUND - {"found", "left", "recovered"}))
                ) or (m.root.lower_ in _BODY_WORDS and bool(words & _BODY_FOUND))
                armed = _armed_words(words) and not non_violent
                if not (
                    violent_here
                    or agentive
                    or found_dead
                    or armed
                    or (doc_violent and not non_violent)
                ):
                    m.kind = Kind.BLOCK
            elif m.kind in (Kind.CHANGE, Kind.BASE) and not words & _FORCES:
                m.kind = Kind.BLOCK  # 'pulled back', 'deployed' are about armed forces or nothing
            elif m.kind is Kind.LOOT and m.span.text.lower() not in _WEAK_LOOT:
                continue  # arson and looting are deliberate: no other cue needed
            elif (
                m.kind in (Kind.LOOT, Kind.CHANGE, Kind.TAKE_TERRITORY)
                and not (violent_here or (doc_violent and not non_violent) or _armed_words(words))
            ) or (m.kind in STRATEGIC and non_violent and not violent_here):
                m.kind = Kind.BLOCK


_ARMED = {
    "militants",
    "militant",
    "rebels",
    "rebel",
    "insurgents",
    "fighters",
    "troops",
    "soldiers",
    "army",
    "forces",
    "militia",
    "militias",
    "gunmen",
    "jihadists",
    "taliban",
    "protesters",
    "rioters",
    "mob",
    "police",
    "attackers",
    "terrorists",
    "gang",
    "gangs",
}


_VIOLENT_KILLING = {
    "murder",
    "murders",
    "murdered",
    "murdering",
    "slain",
    "slay",
    "slew",
    "execute",
    "executed",
    "execution",
    "executions",
    "behead",
    "beheaded",
    "beheading",
    "assassinate",
    "assassinated",
    "assassination",
    "massacre",
    "massacred",
    "homicide",
    "homicides",
    "lynched",
    "lynching",
    "shot",
    "stabbed",
    "gunned",
    "beaten",
    "hacked",
    "gunshot",
}


def _violent_in_itself(span: Span) -> bool:
    """'murdered', 'shot to death', 'gunned down': no other word needed to know it is violence."""
    return any(t.lower_ in _VIOLENT_KILLING for t in span)


def _blocked(m: Mention) -> bool:
    return m.kind is Kind.BLOCK


def _armed_words(words: set[str]) -> bool:
    return bool(words & _ARMED)


def _refine_kind(m: Mention) -> None:
    """Disambiguate triggers whose kind depends on their object or neighbours."""
    root = m.root
    text = m.span.text.lower()
    if m.kind is Kind.TAKE_TERRITORY and text in ("captured", "taken over", "took over"):
        objects = [c for c in root.children if c.dep_ in ("dobj", "nsubjpass")]
        if any(o.lower_ in _PERSON_OBJECTS or o.ent_type_ in ("PERSON", "NORP") for o in objects):
            m.kind = Kind.ARREST
        elif not any(
            o.lower_ in _TERRITORY_OBJECTS or o.ent_type_ in ("GPE", "LOC", "FAC") for o in objects
        ):
            m.kind = Kind.BLOCK
    elif m.kind is Kind.TAKE_TERRITORY and text == "control of":
        if not any(
            t.lower_ in {"seized", "took", "taken", "gained", "seize", "take", "wrested"}
            for t in m.sentence
        ):
            m.kind = Kind.BLOCK
    elif (
        m.kind is Kind.EXPLOSIVE
        and text in ("bombed", "bombing", "bombings")
        and any(
            t.lower_ in {"aircraft", "jets", "warplanes", "planes", "helicopters", "air", "aerial"}
            for t in m.sentence
        )
    ):
        m.kind = Kind.AIR
    elif (
        m.kind is Kind.CHANGE
        and text in ("surrendered", "surrender")
        and any(t.lower_ in {"police", "authorities", "deputies", "officers"} for t in root.subtree)
    ):
        m.kind = Kind.ARREST


def _caused(token: Token) -> bool:
    """'rioting after a local man died': in a sentence about a protest or riot, a death in a
    clause opened by 'after' or 'following' is its cause, an earlier event, not part of it."""
    for anc in [token, *list(token.ancestors)[:2]]:
        if any(
            c.dep_ in ("mark", "prep") and c.lower_ in ("after", "following") for c in anc.children
        ):
            return True
        if anc.pos_ in ("VERB", "AUX"):
            break
    return False


_GRIEVANCE = {
    "against",
    "over",
    "condemning",
    "denouncing",
    "demanding",
    "protesting",
    "release",
    "justice",
    "condemn",
    "denounce",
    "demand",
}


def _grievance(token: Token) -> bool:
    """'protested against the unjust arrest of a journalist': what a protest is about, an
    earlier event, not something done at the protest."""
    return any(a.lower_ in _GRIEVANCE for a in list(token.ancestors)[:3])


def _is_generic(span: Span) -> bool:
    """'armed gangs carry out kidnappings in the northwest': a habit, not an event."""
    root = span.root
    if root.tag_ != "NNS" or any(c.dep_ in ("det", "nummod", "poss") for c in root.children):
        return False
    verb = next((a for a in root.ancestors if a.pos_ in ("VERB", "AUX")), None)
    return (
        verb is not None and verb.tag_ in ("VBP", "VBZ") and verb.lower_ not in _REPORTING_PRESENT
    )


_REPORTING_PRESENT = {"say", "says", "is", "are", "remains", "remain", "has", "have"}


_CLAIM_WORDS = {"responsibility", "responsible", "blamed", "blame", "blaming", "accused"}


def _is_claimed(token: Token) -> bool:
    """'IS claimed responsibility for a car bomb that killed eight': the sentence is about
    who did it; the event itself counts when the report tells of it."""
    for anc in list(token.ancestors)[:5]:
        if anc.lower_ in _CLAIM_WORDS or (anc.lower_ in CLAIM_VERBS and token.head.i == anc.i):
            return True
    return False


def _is_negated(token: Token) -> bool:
    """'No one was killed', 'no injuries were reported', 'police have not made any arrests'."""
    for t in (token, token.head):
        if any(c.dep_ == "neg" for c in t.children):
            return True
        if any(c.dep_ == "det" and c.lower_ in ("no", "zero") for c in t.children):
            return True
        subjects = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        if len(subjects) > 1:
            # 'officers were injured, none of them seriously, and 31 people were arrested':
            # a parser's stray 'none' beside a real subject negates nothing.
            subjects = []
        for s in subjects:
            if (
                s.lower_ in ("nobody", "none", "noone")
                or any(c.lower_ in ("no", "none") for c in s.children)
                or (s.lower_ == "one" and s.i > 0 and s.doc[s.i - 1].lower_ == "no")
            ):
                return True
        if t.dep_ in ("ROOT",):
            break
    prev = token.doc[token.i - 1] if token.i > 0 else None
    return prev is not None and prev.lower_ in ("no", "without")


def _is_hypothetical(token: Token, sentence: Span) -> bool:
    if sentence[0].lower_ in ("if", "unless"):
        return True
    for t in [token, *list(token.ancestors)[:3]]:
        if any(
            c.dep_ == "aux"
            and c.lower_ in ("could", "would", "might", "may", "will", "shall", "'ll")
            for c in t.children
        ):
            return True
        if t is not token and t.lower_ in HYPOTHETICAL_MARKERS:
            return True
        if (
            t is not token
            and t.lower_ in ("called", "calls", "call", "urged", "urge")
            and any(c.lower_ == "for" for c in t.children)
        ):
            return True
    return False


def _is_backstory(sentence: Span) -> bool:
    """'The ministry had said before the June 10 operation that 13 had been killed.'"""
    had = [t for t in sentence if t.lower_ == "had" and t.dep_ in ("aux", "auxpass")]
    if not had:
        return False
    words = {t.lower_ for t in sentence}
    return bool(words & {"before", "previously", "earlier", "prior"}) and any(
        t.head.lower_ in _REPORTING_PERFECT or t.head.dep_ in ("ccomp", "relcl", "advcl")
        for t in had
    )


def _is_anaphoric(span: Span) -> bool:
    root = span.root
    if root.pos_ not in ("NOUN", "PROPN"):
        return False
    return any(
        c.dep_ in ("det", "poss") and c.lower_ in _DETERMINERS_ANAPHORIC | {"its", "their"}
        for c in root.children
    )


def _has_human_agent(token: Token) -> bool:
    """'gunmen killed two farmers', 'killed by police': a death someone caused. A subject
    alone is not enough: 'dozens injured' is a passive without its auxiliary."""
    kids = list(token.children)
    if token.pos_ == "VERB" and any(c.dep_ == "dobj" for c in kids):
        for c in kids:
            if c.dep_ == "nsubj" and c.ent_type_ != "DATE" and c.lower_ not in NON_VIOLENT_CAUSES:
                return not c.like_num
    for c in kids:
        if c.dep_ == "agent":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            return any(o.lower_ not in NON_VIOLENT_CAUSES for o in objs)
    return False
