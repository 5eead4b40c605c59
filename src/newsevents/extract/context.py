"""Context of each event mention: is it an event at all, and is it this report's news?

A trigger word is an event only in violent context (a death from illness or in a flood is
not), and it is this report's event unless it is negated ('no one was killed'), hypothetical
or habitual ('threatened to kill', 'gangs carry out kidnappings'), told about earlier days
('the ministry had said before the operation that 13 had been killed'), the cause or
grievance of a protest ('rioting after a man died'), or the topic of a claim of
responsibility. `judge_context` marks each mention and turns those that are no events into
BLOCK.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from newsevents.extract.lexicon import (
    ATTACK_MARKERS,
    CLAIM_NOUNS,
    CLAIM_VERBS,
    CONFLICT_AGREEMENT,
    CYBER_WORDS,
    DEMONSTRATION,
    DEVICE_WORDS,
    ECONOMY_WORDS,
    HYPOTHETICAL_MARKERS,
    INDUSTRIAL,
    NON_VIOLENT_CAUSES,
    REPORTING_VERBS,
    SPORT_WORDS,
    STRATEGIC,
    TRAFFIC,
    VIOLENT_CUES,
    Kind,
)

if TYPE_CHECKING:
    from newsevents.extract.mentions import Mention

_DETERMINERS_ANAPHORIC = {"the", "those", "these", "this", "that", "such"}
_BODY_WORDS = {"dead", "body", "bodies", "remains", "head", "heads", "corpse", "corpses"}
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
    "reinforcements",
    "authorities",
    "governorship",
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
_REPORTING_PERFECT = {"said", "reported", "announced", "stated", "told", "claimed"}


def judge_context(mentions: list[Mention], report: frozenset[str] | None = None) -> None:
    """Mark context on every mention and turn those that are not events into BLOCK.

    `report` is every word of the report, lower-cased: the report's domain (sport, the
    economy, an accident at a plant) is read from it. Without it, the mentions' sentences
    stand in for the report."""
    if report is None:
        report = frozenset(t.lower_ for m in mentions for t in m.sentence)
    by_sentence: dict[tuple[int, int], list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault((m.paragraph, m.sentence.start), []).append(m)
    accidents = _industrial_accidents(by_sentence, report)
    domains = _domains(report)
    for group in by_sentence.values() if domains else ():
        if _off_domain(group, domains):
            for m in group:
                m.kind = Kind.BLOCK  # a striker's shots, a central bank's 'biggest shot'
    # Only after the accidents and the games are set aside: their words are no violence.
    doc_violent = any(m.kind in VIOLENT_CUES or m.kind in DEMONSTRATION for m in mentions)
    for key, group in by_sentence.items():
        sentence = group[0].sentence
        words = {t.lower_ for t in sentence}
        if "suicide" in words and all(_attack_word(t) for t in sentence if t.lower_ == "suicide"):
            words.discard("suicide")  # 'a suicide car bomber': an attack, no cause of death
        kinds = {m.kind for m in group}
        claim = bool(words & CLAIM_VERBS and words & CLAIM_NOUNS)
        violent_here = any(k in VIOLENT_CUES or k in DEMONSTRATION for k in kinds) or any(
            m.kind is Kind.KILL and _violent_in_itself(m.span) for m in group
        )
        non_violent = (
            bool(words & NON_VIOLENT_CAUSES)
            or key in accidents
            or bool(words & TRAFFIC and not doc_violent)
        )
        if words & _GUN_WOUNDS and not words & (NON_VIOLENT_CAUSES - _MISHAP):
            # 'died of an accidental self-inflicted gunshot wound': a gun went off; the
            # accident is how, not what, unlike 'killed in a car accident'.
            non_violent = False
        backstory = _is_backstory(sentence)
        has_demo = any(m.kind in DEMONSTRATION for m in group)
        for m in group:
            if m.kind is Kind.BLOCK:
                continue
            m.backstory = backstory or (
                has_demo and m.kind not in DEMONSTRATION and (_caused(m.root) or _grievance(m.root))
            )
            m.negated = _is_negated(m.root)
            m.hypothetical = (
                _is_hypothetical(m.root, sentence)
                or _not_yet(m.root, m.kind in DEMONSTRATION)
                or _is_generic(m.span)
                or (m.kind is Kind.ARREST and _arrest_sought(m.root))
            )
            m.arrest_topic = any(
                a.kind is Kind.ARREST and _topic_of_arrest(m.root, a.root) for a in group
            ) or (m.root.dep_ == "compound" and m.root.head.lower_.rstrip("s") in _CASE_NOUNS)
            m.anaphoric = _is_anaphoric(m.span) or m.arrest_topic
            m.claimed = claim or _is_claimed(m.root)
            _refine_kind(m)
            _not_violence(m, words, report)
            if _names_a_source(m.root):
                m.kind = Kind.BLOCK  # 'a local vigilante leader said': who tells, not what
            if (
                m.kind is Kind.KILL
                and m.root.lower_ in ("executed", "execute", "executing")
                and words & _NOT_EXECUTIONS
            ):
                m.kind = Kind.BLOCK  # 'search warrants have been written and executed'
            if _blocked(m):
                continue
            if m.kind in (Kind.KILL, Kind.INJURE):
                if _violent_in_itself(m.span):
                    continue
                agentive = _has_human_agent(m.root)
                body_word = any(t.lower_ in _BODY_WORDS for t in m.span)  # 'a dead man'
                found_dead = (
                    (body_word or "found" in words)
                    and bool(words & (_BODY_FOUND - {"found", "left", "recovered"}))
                ) or (body_word and bool(words & _BODY_FOUND))
                # bodies found after an eruption; a hunter found dead after an accident is a death
                # by gunfire, the accident is how
                found_dead = found_dead and not words & (NON_VIOLENT_CAUSES - _MISHAP)
                # 'a man and a woman were killed and found inside the trunk of a car'
                found_dead = found_dead or (
                    m.root.lower_ == "killed" and "found" in words and not non_violent
                )
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


# 'a suicide car bomber', 'a suicide attack': the word names the attack, not a cause of death.
_SUICIDE_ATTACK = {
    "attack", "attacks", "attacker", "attackers", "bomb", "bombs", "bomber", "bombers",
    "bombing", "bombings", "car", "truck", "vest", "vests", "drone", "drones", "squad",
    "mission", "blast", "explosion",
}  # fmt: skip


def _attack_word(token: Token) -> bool:
    """'suicide' in 'suicide car bomber': part of an attack's name, no cause of death."""
    nxt = token.nbor() if token.i + 1 < len(token.doc) else None
    return token.lower_ == "suicide" and nxt is not None and nxt.lower_ in _SUICIDE_ATTACK


def _industrial_accidents(
    by_sentence: dict[tuple[int, int], list[Mention]], report: frozenset[str]
) -> set[tuple[int, int]]:
    """A boiler explosion, a gas leak, a chemical plant that blew up: an accident at work, not
    an attack. Its explosions are no events, nor are the deaths and damage told with them; a
    report with no bomb and no attacker anywhere tells of the same accident in every sentence
    ('fresh explosions near the blast site'). Returns the sentences that tell of one."""
    found: set[tuple[int, int]] = set()
    for key, group in by_sentence.items():
        words = {t.lower_ for t in group[0].sentence}
        if words & INDUSTRIAL and not words & (ATTACK_MARKERS | _WEAPON_CONTEXT | DEVICE_WORDS):
            for m in group:
                if m.kind in (Kind.EXPLOSIVE, Kind.CHEMICAL):
                    m.kind = Kind.BLOCK
                    found.add(key)
    if found and not report & (ATTACK_MARKERS | _WEAPON_CONTEXT | DEVICE_WORDS):
        for key, group in by_sentence.items():
            for m in group:
                if m.kind in (Kind.EXPLOSIVE, Kind.CHEMICAL):
                    m.kind = Kind.BLOCK
                    found.add(key)
    return found


# Kinds a game or a market borrows: 'fired two shots past the goalkeeper', 'Red Star's attack',
# 'killed by our own mistakes', 'the bank has fired its biggest shot', 'a battle for the title'.
_BORROWED = {Kind.SHOOT, Kind.ATTACK, Kind.KILL, Kind.INJURE, Kind.CLASH, Kind.AGREEMENT}


def _domains(report: frozenset[str]) -> list[frozenset[str]]:
    """The report's domains other than violence: sport or the economy, when it speaks of one
    in three of its words or more."""
    return [d for d in (SPORT_WORDS, ECONOMY_WORDS) if len(report & d) >= 3]


def _off_domain(group: list[Mention], domains: list[frozenset[str]]) -> bool:
    """A sentence of a sports or economy report that uses the words of violence for its own
    things: it speaks the domain's words, names no armed actor or weapon, and tells of nothing
    that is violence whatever it is about (a bomb, a riot, a protest, 'shot dead')."""
    if any(m.kind not in _BORROWED and m.kind is not Kind.BLOCK for m in group):
        return False
    words = {t.lower_ for t in group[0].sentence}
    if words & (_ARMED | DEVICE_WORDS):
        return False
    if any(m.kind is Kind.KILL and _violent_in_itself(m.span) for m in group):
        return False
    return any(words & d for d in domains)


def _not_violence(m: Mention, words: set[str], report: frozenset[str]) -> None:
    """Triggers whose arguments or sentence say they are no violence: an attack on a website,
    stolen property, a trade pact."""
    root = m.root
    if m.kind is Kind.ATTACK:
        args = {
            w.lower_
            for c in root.children
            if c.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "prep", "agent")
            for w in c.subtree
        }
        if args & CYBER_WORDS and not args & _ARMED:
            m.kind = Kind.BLOCK  # 'hackers attacked the tax authority's websites'
    elif m.kind is Kind.LOOT and root.dep_ == "amod" and m.span.text.lower() in _WEAK_LOOT:
        m.kind = Kind.BLOCK  # 'recovered stolen property': the theft is told elsewhere or not
    elif (
        m.kind is Kind.AGREEMENT
        and not words & CONFLICT_AGREEMENT
        and (words & ECONOMY_WORDS or not report & CONFLICT_AGREEMENT)
    ):
        # An Agreement is between parties to a conflict, never between trading nations or a
        # state and a company. A sentence without a conflict word stands on the report's (the
        # ceasefire told before), unless it is about trade or money.
        m.kind = Kind.BLOCK


_GUN_WOUNDS = {"gunshot", "gunshots", "gunfire", "bullet", "bullets", "firearm", "handgun", "rifle"}
_MISHAP = {"accident", "accidental", "accidents"}
# 'explosions involving unknown weapons near Karbonit Mine' is the war, not a mine accident.
_WEAPON_CONTEXT = {
    "weapons", "artillery", "mortar", "mortars", "shelling", "shells", "frontline",
    "front", "ceasefire", "osce", "smm", "militants", "troops", "soldiers",
}  # fmt: skip
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
    "gunshot",  # 'died from a gunshot wound'
    "bullet",
    "bullets",
    "gun",
    "handgun",
    "rifle",
    "shotgun",
    "pistol",
    "firearm",
    "military",
    "paramilitary",
    "houthi",
    "houthis",
    "armored",
    "armoured",
    "violence",  # 'inter-clan violence erupted, leaving five dead'
    "inter-clan",
    "intercommunal",
    "inter-communal",
    "clan",
    "feud",
    "vigilantes",
    "cartel",
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


_NOT_YET = {"planned", "upcoming", "scheduled", "proposed", "expected", "intended", "threatened"}


def _not_yet(token: Token, demonstration: bool) -> bool:
    """'a planned rally', 'arrested before a rally', 'ahead of Friday's march': a gathering
    still to come ('before the bombing' happened; 'a planned attack' was premeditated)."""
    if not demonstration:
        return False
    if any(c.dep_ in ("amod", "compound") and c.lower_ in _NOT_YET for c in token.children):
        return True
    head = token.head
    return token.dep_ == "pobj" and (
        head.lower_ == "before" or (head.lower_ == "of" and head.head.lower_ == "ahead")
    )


def _names_a_source(token: Token) -> bool:
    """A word inside the subject of a reporting verb, naming who tells ('a vigilante leader
    said', 'a militia commander told reporters'), not an event."""
    head = token
    while head.dep_ in ("compound", "amod", "nmod", "poss") and head.head is not head:
        head = head.head
    return (
        head is not token
        and head.dep_ == "nsubj"
        and head.head.lower_ in REPORTING_VERBS
        and head.lower_ not in _TRIGGER_HEADS
    )


# Subjects that are events themselves: 'the attack killed', 'the blast said to have'.
_TRIGGER_HEADS = {"attack", "attacks", "blast", "bombing", "shooting", "protest", "protests"}


def _blocked(m: Mention) -> bool:
    return m.kind is Kind.BLOCK


def _armed_words(words: set[str]) -> bool:
    return bool(words & _ARMED)


_WEAPON_KINDS = {Kind.GRENADE, Kind.EXPLOSIVE, Kind.SHELL, Kind.SUICIDE}


def _carried(token: Token) -> bool:
    """A weapon named as what attackers carried ('armed with grenades', 'carrying
    explosives'), not as what struck."""
    head = token
    while head.dep_ == "conj" and head.head is not head:
        head = head.head
    if head.dep_ == "pobj" and head.head.lower_ == "with":
        return head.head.head.lower_ in ("armed", "equipped", "laden")
    return head.dep_ == "dobj" and head.head.lower_ in ("carrying", "carried", "wielding")


def _refine_kind(m: Mention) -> None:
    """Disambiguate triggers whose kind depends on their object or neighbours."""
    root = m.root
    text = m.span.text.lower()
    if (
        m.kind is Kind.PROTEST
        and root.pos_ == "VERB"
        and root.lower_.startswith("march")
        and any(c.dep_ == "dobj" for c in root.children)
    ):
        m.kind = Kind.BLOCK  # 'marched the captives into the forest': a forced march
    elif m.kind in _WEAPON_KINDS and _carried(root):
        m.kind = Kind.BLOCK  # 'militants armed with grenades stormed': what they carried
    elif m.kind is Kind.TAKE_TERRITORY and text in ("captured", "taken over", "took over"):
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
    if verb is None or verb.tag_ not in ("VBP", "VBZ") or verb.lower_ in _REPORTING_PRESENT:
        return False
    # 'two people were killed when shells hit a block of flats': 'hit' in a clause of a past
    # event is the past tense, whatever the tagger says.
    return not (verb.dep_ in ("advcl", "conj") and _past(verb.head))


def _past(verb: Token) -> bool:
    return verb.tag_ == "VBD" or any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in ("was", "were", "had") for c in verb.children
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
    own_subject = token.dep_ == "advcl" or any(
        c.dep_ in ("nsubj", "nsubjpass") for c in token.children
    )
    for t in (token, token.head):
        if t is not token and own_subject and t.i != token.i:
            # 'forces shelled X ..., with no fatalities reported': the head's 'no' is about
            # another subject, not about the shelling.
            break
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
    if prev is not None and prev.lower_ in ("no", "without"):
        return True
    # 'there were no reports of clashes', 'no sign of violence': the 'no' of the noun above.
    if token.dep_ == "pobj" and token.head.lower_ == "of":
        noun = token.head.head
        return any(c.dep_ == "det" and c.lower_ in ("no", "zero") for c in noun.children)
    return False


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
        if (
            t is not token
            and t.lower_ in HYPOTHETICAL_MARKERS
            and t.pos_ != "PROPN"
            and t.ent_type_ != "DATE"
        ):
            return True  # not 'Around 7 May 2020, ...', where the month heads the sentence
        if (
            t is not token
            and t.lower_ in ("called", "calls", "call", "urged", "urge")
            and any(c.lower_ == "for" for c in t.children)
        ):
            return True
    return False


def _arrest_sought(token: Token) -> bool:
    """'information leading to the arrest of the gunman', 'officers were trying to apprehend
    him', 'a warrant to arrest one man': an arrest wanted, not made."""
    return any(t.lower_ in _SOUGHT for t in list(token.ancestors)[:3])


_SOUGHT = {
    "try", "trying", "tried", "seek", "seeking", "sought", "warrant", "warrants", "leading",
    "lead", "leads", "reward", "hoping", "hope", "hopes", "want", "wants", "help", "helping",
}  # fmt: skip


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


_NOT_EXECUTIONS = {"warrant", "warrants", "order", "orders", "plan", "plans", "contract", "trade"}
_TOPIC_PREPOSITIONS = {"in", "for", "with", "over", "of"}
# 'murder charges', 'the homicide investigation': the violence a case is about, told again.
_CASE_NOUNS = {
    "charge",
    "count",
    "case",
    "investigation",
    "investigator",
    "detective",
    "trial",
    "suspect",
    "warrant",
    "conviction",
    "sentence",
    "unit",
    "probe",
}


def _topic_of_arrest(token: Token, arrest: Token) -> bool:
    """'arrested Wednesday in the fatal shooting of a woman', 'charged in connection with the
    killing': the violence is what the arrest is for, told again, not news of the arrest's day."""
    if token.dep_ == "amod" and token.head.pos_ in ("NOUN", "PROPN"):
        token = token.head  # 'the fatal shooting'
    if token.pos_ not in ("NOUN", "PROPN") or token.i == arrest.i:
        return False
    crossed = False
    step = token
    for _ in range(5):
        head = step.head
        if head.i == step.i:
            return False
        if step.dep_ == "pobj" and head.lower_ in _TOPIC_PREPOSITIONS:
            crossed = True
        if head.i == arrest.i:
            return crossed
        step = head
    return False


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
