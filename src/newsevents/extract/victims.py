"""Who a mention's figure counts: the phrases naming the people killed, injured, shot or arrested.

`victim_heads` finds them through the dependency tree around the trigger: the passive subject
of "were killed", the object of "killed four terrorists", the noun of "five people killed",
the object of "left three dead", the sufferer of "suffered a gunshot wound", the one taken
"into custody". What each phrase counts is read by `figures.item_for`.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsevents.extract.figures import GENERIC, PRONOUN_ONE, group_of, is_age, is_amount
from newsevents.lang.en.words import REPORTING

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
_GAVE_UP = {"surrendered", "surrenders", "turned"}
_RELATIVE = {"who", "that", "which", "whom"}
WOUND_NOUNS = {"wound", "wounds", "injury", "injuries"}
_CHARGE_VERBS = {
    "charged", "arrested", "accused", "convicted", "indicted", "booked", "jailed", "suspected",
    "charge", "charges", "arrest",
}  # fmt: skip
_SUFFER = {"suffered", "sustained", "received", "suffering", "sustaining", "had", "with"}
_LIFE = {"life", "lives"}
_DEATH_NOUNS = {"death", "killing", "murder", "slaying"}
_PRONOUN_POSS = {"his", "her", "their", "its", "whose"}


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
        counts_wounds = root.lower_ in WOUND_NOUNS
        nums = (
            []
            if counts_wounds
            else [
                c
                for c in kids
                if c.dep_ == "nummod" or (c.dep_ in ("amod", "quantmod") and is_amount(c))
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
        if left is not None and left.like_num and not is_age(left) and not counts_wounds:
            return [left]
        if counts_wounds and root.dep_ == "pobj" and root.head.lower_ in ("with", "from"):
            # 'found a man with a gunshot wound', 'transported suffering from a gunshot wound'
            holder = root.head.head
            if (
                holder.pos_ == "NOUN"
                and group_of(holder) == "unknown"
                and (holder.lower_ not in GENERIC)
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
        if "nsubj" in by_dep:
            # 'the attack left more than a dozen people dead', parsed as a clause of its own
            # ("people" the subject of "dead"): the people, not what left them so.
            return by_dep["nsubj"]
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
    if "dobj" not in by_dep and any(c.lower_ in PRONOUN_ONE for c in by_dep.get("dative", [])):
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
    if left is not None and left.like_num and not is_age(left) and root.lower_ in _INTRANSITIVE:
        return [left]  # headlines: "2 dead, 8 wounded"
    return []


def _whose_life(obj: Token) -> Token:
    if obj.lower_ in _LIFE:
        for prep in obj.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                return next((g for g in prep.children if g.dep_ == "pobj"), obj)
    return obj
