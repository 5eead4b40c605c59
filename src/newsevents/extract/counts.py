"""Counts of killed, injured, shot and arrested people, read from the words around a trigger.

For each mention the victims are found through the dependency tree (the passive subject of
"were killed", the object of "killed four terrorists", the noun of "five people killed", the
object of "left three dead"). Each victim phrase gives a CountItem: a number with its group,
or one person told of singly. `combine` (used when mentions are merged into an event) applies
DESIGN.md's counting rules: parts summed to a whole, restatements not counted twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.tokens import Span, Token

from newsevents.extract.lexicon import NON_VIOLENT_CAUSES, PERSON_NOUNS, Kind
from newsevents.extract.mentions import Mention
from newsevents.extract.numbers import Quantity, parse_quantity, word_value
from newsevents.lang.en.words import REPORTING
from newsevents.mention import CountItem as CountItem
from newsevents.model import Article, RunningTotal

GROUPS = ("civilians", "state_forces", "perpetrators", "unknown")

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
_GENERIC = {
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
_PRONOUN_ONE = {"he", "she", "him", "her", "himself", "herself"}
_AGE = re.compile(r"^\s*-?\s*(year|years|yr|month|months|week|weeks|day|days)\b", re.I)
_INTRANSITIVE = {
    "died",
    "die",
    "dies",
    "dying",
    "perished",
    "dead",
    "injured",
    "wounded",
    "hurt",
    "killed",
    "hospitalized",
    "hospitalised",
    "slain",
    "succumbed",
    "succumbs",
    "passed",  # 'where she passed away'
    "pronounced",  # 'was later pronounced deceased'
}
_LEAVE = {"left", "leaving", "leaves", "leave"}
_FOUND = {"found", "discovered", "located"}
_STATES = {"dead", "deceased", "injured", "wounded"}  # 'pronounced deceased', 'left dead'
_FATAL_OF = {
    "shooting", "shootings", "stabbing", "stabbings", "attack", "attacks", "assault",
    "beating", "wound", "wounds", "injury", "injuries", "shot", "shots",
}  # fmt: skip
# 'was shot', 'was hit by a stray bullet', 'struck by gunfire', 'grazed by a bullet'
_HIT_VERBS = {"shot", "shoot", "shoots", "shooting", "hit", "struck", "grazed"}
_GAVE_UP = {"surrendered", "surrenders", "turned"}
_TOLL_RUNNING = {
    "total",
    "overall",
    "so",
    "since",
    "including",
    "related",
    "ensuing",
    "manhunt",
    "cumulative",
    "all",
    "year",
    "month",
    "week",
    "war",
    "conflict",
    "violence",
    "clashes",
    "fighting",
    "attacks",
    "campaign",
    "unrest",
    "crisis",
    "insurgency",
}


FIELD_OF_KIND = {
    Kind.KILL: "killed",
    Kind.INJURE: "injured",
    Kind.SHOOT: "hit",
    Kind.ARREST: "arrested",
}


class CountVictims:
    """Adds CountItems to each mention that tells of people killed, injured, shot or arrested."""

    name = "counts"
    requires: tuple[str, ...] = ("mentions",)
    assigns: tuple[str, ...] = ("mentions.counts",)

    def __call__(self, article: Article) -> Article:
        for m in article.mentions:
            m.counts = mention_counts(m) if not _cause_of_death(m.root) else []
            if is_tally(m.sentence.text):
                # 'Nearly 700 more have been shot since January': a tally over a period,
                # not this event's count (a single victim told that way still counts).
                m.counts = [i for i in m.counts if i.value < _TALLY_MIN]
        _drop_wounds_of_the_dead(article.mentions)
        _attach_tolls(article)
        return article


_DEATH_VERBS = {"died", "dies", "die", "succumbed", "succumbs", "passed", "dying"}


def _cause_of_death(root: Token) -> bool:
    """'died from a gunshot wound', 'passed away from his injuries', 'succumbed to his
    injuries': the wound is the death's, not an injury of its own."""
    if root.lower_ not in _WOUND_NOUNS or root.dep_ != "pobj":
        return False
    prep = root.head
    verb = prep.head.head if prep.head.lower_ == "away" else prep.head
    return prep.lower_ in ("from", "of", "to") and verb.lower_ in _DEATH_VERBS


def _drop_wounds_of_the_dead(mentions: list[Mention]) -> None:
    """'A man suffered three gunshot wounds and died': one death, no injury."""
    dead = {i.victim for m in mentions for i in m.counts if i.field == "killed" and i.victim}
    for m in mentions:
        if m.kind is Kind.INJURE:
            m.counts = [i for i in m.counts if i.victim is None or i.victim not in dead]


def mention_counts(m: Mention) -> list[CountItem]:
    field_name = FIELD_OF_KIND.get(m.kind)
    if field_name is None:
        return []
    root = m.root
    wound = field_name == "injured" and root.lower_ in ("wound", "wounds") and root.pos_ == "NOUN"
    if wound:
        # 'found a man with a gunshot wound': he was hit; whether he lived the report tells
        # elsewhere ('died from one gunshot wound' is a death, not also an injury).
        field_name = "hit"
    elif field_name == "hit":
        if root.lower_ not in _HIT_VERBS or root.pos_ == "NOUN":
            return []
        if any(c.lower_ in ("fatally", "dead") for c in root.children):
            field_name = "killed"
    if root.lower_ == "fatally" and root.pos_ == "ADV":
        fatal = _number_before(root)  # 'four people were shot, one fatally'
        if fatal is not None:
            q = parse_quantity(fatal.text)
            if q is not None:
                start, end = m.offset + fatal.idx, m.end
                return [
                    CountItem(
                        "killed",
                        q.value,
                        start,
                        end,
                        groups={"unknown": q.value},
                        individual=q.value == 1,
                    )
                ]
    phrases = victim_heads(root, m.span)
    items: list[CountItem] = []
    for head in phrases:
        item = _item_for(head, field_name, m)
        if item is not None:
            item.victim = (m.paragraph, head.i)
            items.append(item)
    if m.negated and not items:
        items.append(CountItem(field_name, 0, m.start, m.end, negated=True))
    for item in items:
        if m.negated:
            item.negated, item.value = True, 0
    return items


def _number_before(token: Token) -> Token | None:
    """The number just before a word: 'one fatally', 'two of them fatally'."""
    for t in reversed(token.doc[max(token.sent.start, token.i - 4) : token.i]):
        if t.lower_ in ("of", "them", "whom", ",", "were", "was"):
            continue
        return t if (t.like_num or word_value(t.text) is not None) and not _is_age(t) else None
    return None


_RELATIVE = {"who", "that", "which", "whom"}
_WOUND_NOUNS = {"wound", "wounds", "injury", "injuries"}
_CHARGE_VERBS = {
    "charged", "arrested", "accused", "convicted", "indicted", "booked", "jailed", "suspected",
    "charge", "charges", "arrest",
}  # fmt: skip
_SUFFER = {"suffered", "sustained", "received", "suffering", "sustaining", "had", "with"}


def victim_heads(root: Token, span: Span) -> list[Token]:
    """Head tokens of the phrases naming who was killed, injured, shot or arrested."""
    following = root.doc[root.i + 1] if root.i + 1 < len(root.doc) else None
    if root.lower_ in ("in", "into") and following is not None and following.lower_ == "custody":
        root = following  # 'in custody': the phrase hangs on its noun
    heads = _victim_heads(root, span)
    # 'the three others who were shot': the relative pronoun stands for its antecedent.
    return [root.head if h.lower_ in _RELATIVE and root.dep_ == "relcl" else h for h in heads]


def _subject_of(verb: Token) -> list[Token]:
    """The subject of a verb, or of the first verb of the list it ends ('sustained a wound,
    was taken to a hospital, and was later pronounced dead')."""
    for _ in range(4):
        subj = [c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj")]
        if subj or verb.dep_ != "conj" or verb.head.i == verb.i:
            return subj
        verb = verb.head
    return []


def _of_objects(noun: Token) -> list[Token] | None:
    """'the killing of three men': the objects of a noun's first 'of', None without one."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            return [c for c in prep.children if c.dep_ == "pobj"]
    return None


def _sufferers(noun: Token) -> list[Token] | None:
    """'three others suffered non-life-threatening injuries': who suffered the noun, None
    where nobody did ('X was charged with murder' is no one's wound)."""
    if (
        noun.dep_ in ("dobj", "pobj")
        and noun.head.lower_ in _SUFFER
        and noun.head.head.lower_ not in _CHARGE_VERBS
    ):
        verb = noun.head if noun.dep_ == "dobj" else noun.head.head
        return [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return None


def _victim_heads(root: Token, span: Span) -> list[Token]:
    kids = list(root.children)
    by_dep: dict[str, list[Token]] = {}
    for c in kids:
        by_dep.setdefault(c.dep_, []).append(c)
    head = root.head
    if root.lower_ in ("fatal", "deadly") and root.dep_ == "amod" and head.lower_ in _FATAL_OF:
        # 'the fatal shooting of a 16-year-old', 'she suffered a fatal gunshot wound': the
        # victims of the thing that was fatal ('two fatal shootings' counts shootings).
        victims = _of_objects(head) or _sufferers(head)
        if victims is not None:
            return victims
    if (
        root.lower_ in _STATES
        and root.dep_ == "amod"
        and head.dep_ == "dobj"
        and head.head.lower_ in _LEAVE
    ):
        return [head]  # 'the shooting left a 12-year-old boy dead'
    own = {"nsubj", "nsubjpass", "dobj"} & by_dep.keys()
    if (
        not own
        and root.dep_ in ("xcomp", "oprd")
        and head.lower_ in _FOUND
        and root.lower_ not in _STATES  # read below, lists and all
    ):
        # 'a person was found shot to death', 'police found a man shot dead'
        return [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    if not own and root.dep_ == "advcl" and root.tag_ in ("VBD", "VBN"):
        # 'identified the teenager fatally shot May 4': a reduced relative the parser read as
        # a clause of its own; the victim is the object just before it.
        before = [t for t in root.doc[head.i + 1 : span.start] if t.pos_ != "ADV"]
        if before and before[-1].dep_ == "dobj" and before[-1].head.i == head.i:
            return [before[-1]]
    if root.pos_ in ("NOUN", "PROPN") and root.lower_ not in _STATES:
        # 'three gunshot wounds', 'a single injury': a number of wounds, not of people.
        counts_wounds = root.lower_ in _WOUND_NOUNS
        nums = (
            []
            if counts_wounds
            else [
                c
                for c in kids
                if c.dep_ == "nummod" or (c.dep_ in ("amod", "quantmod") and _is_amount(c))
            ]
        )
        if nums:
            return [root]
        if span[0].lower_ == "dead" and len(span) > 1:
            return [root]  # 'a dead man was thrown from a car'
        if root.lower_ in ("body", "corpse", "head") and any(
            c.dep_ == "det" and c.lower_ in ("a", "the") for c in kids
        ):
            return [root]  # 'authorities found a body in the hotel room'
        if root.lower_ in _DEATH_NOUNS:
            owners = [c for c in kids if c.dep_ == "poss" and c.lower_ not in _PRONOUN_POSS]
            if owners:
                return owners  # "Martinez's death", "the boy's killing"
        of = _of_objects(root)
        if of is not None:
            return of
        left = span.doc[span.start - 1] if span.start > 0 else None
        if left is not None and left.like_num and not _is_age(left) and not counts_wounds:
            return [left]
        if counts_wounds and root.dep_ == "pobj" and root.head.lower_ in ("with", "from"):
            # 'found a man with a gunshot wound', 'transported suffering from a gunshot wound'
            holder = root.head.head
            if (
                holder.pos_ == "NOUN"
                and group_of(holder) == "unknown"
                and (holder.lower_ not in _GENERIC)
            ):
                holder = holder.head  # 'taken to a hospital with wounds': not the hospital
                while holder.pos_ not in ("VERB", "AUX") and holder.head.i != holder.i:
                    holder = holder.head
            if holder.pos_ in ("NOUN", "PROPN", "PRON") or holder.lower_ == "old":
                # 'a man and a 15-year-old with gunshot wounds': the whole list
                while holder.dep_ == "conj" and holder.head.i != holder.i:
                    holder = holder.head
                return [holder]
            objs = [c for c in holder.children if c.dep_ == "dobj"]
            if objs:
                return objs
            for verb in [holder, *list(holder.ancestors)[:3]]:
                subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
                if subj:
                    return subj
            return []
        if root.lower_ == "condition" and root.dep_ == "pobj" and root.head.lower_ == "in":
            # 'he was listed in stable condition', 'two are in the hospital in critical condition'
            verb = root.head.head
            if verb.pos_ in ("NOUN", "PROPN") and verb.dep_ == "pobj":
                verb = verb.head.head
            return [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if root.lower_ == "custody" and root.dep_ == "pobj" and root.head.lower_ in ("into", "in"):
            # 'took him into custody', 'was taken into custody', 'police have a man in custody',
            # 'the suspect is in custody'
            verb = root.head.head
            if verb.pos_ in ("NOUN", "PROPN", "PRON"):
                return [verb]  # 'a 23-year-old man in custody'
            objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
            if objs or root.head.lower_ == "into":
                return objs
            if verb.lower_ in ("is", "was", "are", "were", "remains", "remained", "remain"):
                return [c for c in verb.children if c.dep_ == "nsubj"]
            return []
        return _sufferers(root) or []
    if root.dep_ in ("oprd", "xcomp", "acomp") and root.lower_ in _STATES:
        # 'One teenager was declared dead', 'was pronounced dead', 'found dead'; 'a shooting
        # that left one person dead'
        objs = [c for c in root.head.children if c.dep_ == "dobj"]
        if objs and root.dep_ == "oprd":
            return objs
        subj = _subject_of(root.head)
        if subj:
            return subj
    if "nsubjpass" in by_dep:
        return by_dep["nsubjpass"]
    if root.lower_ in ("faces", "facing", "face") and "nsubj" in by_dep:
        return by_dep["nsubj"]  # 'Micah Sanders faces charges of reckless homicide'
    if root.lower_ in _GAVE_UP and "nsubj" in by_dep:
        return by_dep["nsubj"]  # 'Hamilton surrendered to police', 'he turned himself in'
    if root.lower_ in _INTRANSITIVE and "nsubj" in by_dep and "dobj" not in by_dep:
        return [s for s in by_dep["nsubj"] if s.lower_ not in ("who", "that", "which")] or (
            [root.head] if root.dep_ == "relcl" else []
        )
    if "dobj" not in by_dep and any(c.lower_ in _PRONOUN_ONE for c in by_dep.get("dative", [])):
        return by_dep["dative"]  # 'police arrested him a short time later', read as a dative
    if "dobj" in by_dep:
        # 'claimed the life of Michael Matthews', 'took the lives of three people'
        return [_whose_life(o) for o in by_dep["dobj"]]
    if (
        root.tag_ == "VBN"
        and root.dep_ in ("ccomp", "xcomp", "oprd", "advcl")
        and "nsubj" in by_dep
        and root.head.lower_ not in REPORTING
    ):
        return by_dep["nsubj"]  # 'they found a man shot to death', 'left two people wounded'
    if (
        root.lower_ == "shot"
        and "nsubj" in by_dep
        and any(
            c.dep_ == "conj"
            and c.lower_ in ("killed", "wounded", "injured")
            and c.tag_ == "VBN"
            and not any(g.dep_ == "dobj" for g in c.children)
            for c in kids
        )
        and not any(c.lower_ == "at" for c in kids)
        and all(group_of(s) not in ("perpetrators", "state_forces") for s in by_dep["nsubj"])
    ):
        # 'A man shot and killed in the Tenderloin has been identified': a headline-style
        # passive that the parser read as the man shooting.
        return by_dep["nsubj"]
    if root.dep_ == "acl" and root.tag_ == "VBN":
        return [root.head]  # "five people killed in the attack"
    if root.dep_ == "relcl":
        return [root.head]  # "Isis Allen, who died two days later"
    if root.dep_ == "acomp" and root.head.pos_ in ("AUX", "VERB"):
        return [c for c in root.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if root.dep_ in ("oprd", "xcomp", "ccomp", "advcl", "conj") and root.head.lower_ in _LEAVE:
        objs = [c for c in root.head.children if c.dep_ == "dobj"]
        subj = by_dep.get("nsubj", [])
        return objs or subj
    if root.dep_ == "conj":
        head = root.head
        subj = [c for c in head.children if c.dep_ in ("nsubjpass", "nsubj")]
        if not subj and root.lower_ in _INTRANSITIVE:
            subj = _subject_of(head)
        if subj and (head.tag_ == "VBN" or root.lower_ in _INTRANSITIVE):
            return subj
        if head.dep_ == "acl" and head.tag_ == "VBN":
            return [head.head]
    left = span.doc[span.start - 1] if span.start > 0 else None
    if left is not None and left.like_num and not _is_age(left) and root.lower_ in _INTRANSITIVE:
        return [left]  # headlines: "2 dead, 8 wounded"
    return []


_PERIOD = re.compile(
    r"\b(?:so far this year|this year|last year|year to date|year-to-date|since (?:the start|the "
    r"beginning|january|february|march|april|may|june|july|august|september|october|november|"
    r"december|20\d\d)|(?:over|in) the (?:past|last) (?:\w+ )?(?:years?|months|decades?)|"
    r"in 20\d\d|every year|each year|per year|a year|annually|"
    # A national total or one since a wave began ('300 arrested nationwide since the
    # protests began'): many events' sum, not one town's.
    r"nationwide|countrywide|across the (?:country|nation)|throughout the (?:country|nation)|"
    r"since the (?:\w+ ){1,3}(?:began|started|erupted|broke out))\b",
    re.I,
)
_TALLY_MIN = 10


def is_tally(sentence: str) -> bool:
    """Whether a sentence tells a tally over a period or a country, not one event's count."""
    return _PERIOD.search(sentence) is not None


_LIFE = {"life", "lives"}
_DEATH_NOUNS = {"death", "killing", "murder", "slaying"}
_PRONOUN_POSS = {"his", "her", "their", "its", "whose"}
_AGE_UNITS = {"year", "years", "month", "months", "week", "weeks"}


def _whose_life(obj: Token) -> Token:
    if obj.lower_ in _LIFE:
        for prep in obj.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                return next((g for g in prep.children if g.dep_ == "pobj"), obj)
    return obj


def _is_amount(token: Token) -> bool:
    return word_value(token.text) is not None and token.lower_ not in ("a", "an")


def _is_age(token: Token) -> bool:
    rest = token.doc[token.i + 1 : token.i + 4].text
    return bool(_AGE.match(rest))


def _phrase_of_number(num: Token) -> str:
    start = num.left_edge.i
    return num.doc[start : num.i + 1].text


def _item_for(head: Token, field_name: str, m: Mention) -> CountItem | None:
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
        if _is_age(tok) or lower in ("a", "an"):
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
        q = parse_quantity(_phrase_of_number(tok))
        if q is None:
            return None, group, False, False, None, tok
        return q, group, q.value == 1, False, None, tok
    for c in tok.children:
        if c.dep_ == "nummod" and not _is_age(c):
            q = parse_quantity(_phrase_of_number(c))
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
            q = parse_quantity(_phrase_of_number(c))
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
    if lower in _PRONOUN_ONE:
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
    if tok.lower_ in _GENERIC:
        return "unknown"
    if tok.lower_ in _CIVILIAN or words & _CIVILIAN or tok.ent_type_ == "PERSON":
        return "civilians"
    if tok.lower_ in _PRONOUN_ONE:
        return "civilians"
    return "unknown"


def _attach_tolls(article: Article) -> None:
    """'bringing the death toll in the shooting to three': the incident's own cumulative toll.

    A toll of several attacks or of a whole story ('the total death toll related to the
    attacks and the ensuing manhunt rose to 25') is a running total, not this event's count.
    """
    by_sentence: dict[tuple[int, int], list[Mention]] = {}
    for m in article.mentions:
        by_sentence.setdefault((m.paragraph, m.sentence.start), []).append(m)
    for mentions in by_sentence.values():
        sentence = mentions[0].sentence
        tolls = [t for t in sentence if t.lower_ == "toll"]
        if not tolls:
            continue
        words = {t.lower_ for t in sentence}
        if words & NON_VIOLENT_CAUSES:
            continue
        if words & _TOLL_RUNNING:
            _note_running_totals(article, mentions[0], tolls)
            continue
        target = next((m for m in mentions if m.kind is Kind.KILL), None) or mentions[0]
        for toll, num, q in _toll_figures(tolls):
            start = target.offset + sentence.doc[toll.i].idx
            end = target.offset + num.idx + len(num.text)
            target.counts.append(
                CountItem("killed", q.value, start, end, q.low, q.high, {"unknown": q.value})
            )


def _note_running_totals(article: Article, mention: Mention, tolls: list[Token]) -> None:
    """Keeps the story's running total aside: the store checks it against its incidents."""
    for _toll, _num, q in _toll_figures(tolls):
        s, e = mention.sentence_bounds
        while e > s and article.text[e - 1].isspace():
            e -= 1
        article.running_totals.append(RunningTotal("killed", q.value, article.text[s:e], s, e))


def _toll_figures(tolls: list[Token]) -> Iterator[tuple[Token, Token, Quantity]]:
    """Each 'toll' with the number after it and its value, where it has one."""
    for toll in tolls:
        num = _number_after(toll)
        q = parse_quantity(_phrase_of_number(num)) if num is not None else None
        if num is not None and q is not None:
            yield toll, num, q


def _number_after(toll: Token) -> Token | None:
    for t in toll.doc[toll.i + 1 : min(len(toll.doc), toll.i + 12)]:
        if t.like_num and not _is_age(t):
            return t
        if word_value(t.text) is not None and t.pos_ == "NUM":
            return t
        if t.is_sent_end:
            break
    return None


def combine(items: Iterable[CountItem]) -> tuple[int, int | None, int | None, dict[str, int]]:
    """An event's count from its items: (best, low, high, by group).

    Within a group the largest figure stands (a restatement or a part does not add); single
    people told of separately add up unless they are the same person told of twice. Figures
    of different specific groups add up ("two soldiers" and "three civilians" are five); a
    generic figure ("five people") stands when it is larger than that sum.
    """
    items = list(items)
    live = [i for i in items if not i.negated]
    if not live:
        return 0, None, None, {}
    per_group: dict[str, list[CountItem]] = {g: [] for g in GROUPS}
    mixed: list[CountItem] = []
    for i in live:
        if len(i.groups) > 1:
            mixed.append(i)
        else:
            per_group[next(iter(i.groups), "unknown")].append(i)
    by_group: dict[str, int] = {}
    for g, group_items in per_group.items():
        if group_items:
            by_group[g] = _combine_group(group_items)
    for i in mixed:  # a sentence that gives the parts: each part is a figure of its group
        for g, n in i.groups.items():
            by_group[g] = max(by_group.get(g, 0), n)
    specific = sum(n for g, n in by_group.items() if g != "unknown")
    generic = by_group.get("unknown", 0)
    # 'he and three others were shot': the parts of one phrase add up, whatever their groups.
    best = max(specific, generic, max((i.value for i in mixed), default=0))
    if best == 0:
        return 0, None, None, {}
    groups = {g: n for g, n in by_group.items() if g != "unknown" and n}
    if best > specific:
        groups["unknown"] = best - specific
    lows = [i.low for i in live if i.low is not None]
    highs = [i.high for i in live if i.high is not None]
    low = max(lows) if lows else None
    high = max(highs) if highs else None
    if high is not None and high < best:
        high = None
    return best, low, high, groups


def _combine_group(items: list[CountItem]) -> int:
    aggregate = max((i.value for i in items if not i.individual), default=0)
    names: set[str] = set()
    ages: set[int] = set()  # 'a 16-year-old boy was shot' twice over is one boy
    unnamed = 0
    definite = 0
    for i in items:
        if not i.individual:
            continue
        if i.identity:
            names.add(i.identity.lower().split()[-1])
        elif i.age is not None and i.field not in ("killed", "arrested"):
            ages.add(i.age)
        elif i.definite:
            definite = 1
        elif i.field in ("killed", "arrested"):
            # 'killed one' ... 'a close friend who was killed': one death, retold; 'a man
            # turned himself in' ... 'the 21-year-old turned himself in': one arrest
            unnamed = 1
        else:
            unnamed += 1  # the wounded are often told of one by one: 'a man shot in the leg'
    # 'a 7-year-old boy has died' and then 'Jaylin Miller died' are one boy: people told of
    # first without and then with their names are the same people, so the larger stands.
    return max(aggregate, len(names), len(ages), unnamed, definite)


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
