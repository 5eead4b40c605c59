"""The attribute ruler matched by lookup gives spaCy's own matches and annotations."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.pipeline import AttributeRuler

from newsevents.extract.nlp import load_model
from newsevents.extract.ruler import FastMatch, fast_attribute_ruler

# Written to reach every kind of rule the English ruler has: tag maps, words with their tag,
# contractions, multi-word rules ("gon na", "y' all", "let 's"), dependency rules (auxiliaries,
# "there is", object pronouns), determiners used as pronouns, and whitespace tokens.
TEXTS = [
    "KANDAHAR, Afghanistan (AP) — Gunmen opened fire on a police checkpoint on Sunday, "
    "killing three officers, and it wasn't clear who sent them, a spokesman said.",
    'There is no word yet on the wounded. "We are gonna find them," the governor told '
    "reporters, and y'all should stay home, he added.",
    "I ain't got nothin' to say, said a man whose shop was burned; let's wait for them, "
    "his wife said. Hers was the only one that did not burn.",
    "The  protesters,   who had marched since dawn, were dispersed with tear gas.\n\n"
    "Police arrested 14; that is what they do, and those who resisted were beaten.",
    "She gets calls every day. He got one on Monday. It has been hard, but it's over now, "
    "and they've said they'd give it back to us if we'd asked.",
    "C'mon, gotta go — what's that? Which one? Whose car was it? Neither, both or all?",
]


@pytest.fixture(scope="module")
def models() -> tuple[Language, Language]:
    return load_model("en_core_web_sm", fast_ruler=False), load_model("en_core_web_sm")


def test_the_lookup_finds_what_spacys_matcher_finds(models: tuple[Language, Language]) -> None:
    stock, _ = models
    ruler = stock.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    lookup = FastMatch(ruler)
    # Parse up to the ruler, then ask both for its matches on the same Doc.
    for doc in stock.pipe(TEXTS, disable=["attribute_ruler", "ner"]):
        expected = ruler.match(doc)
        assert expected  # the texts do reach the ruler
        assert lookup(doc) == expected


def test_every_token_comes_out_the_same(models: tuple[Language, Language]) -> None:
    stock, fast = models
    assert isinstance(getattr(fast.get_pipe("attribute_ruler"), "match", None), FastMatch)
    assert not isinstance(getattr(stock.get_pipe("attribute_ruler"), "match", None), FastMatch)
    seen = set()
    for a, b in zip(stock.pipe(TEXTS), fast.pipe(TEXTS), strict=True):
        assert [t.text for t in a] == [t.text for t in b]
        for x, y in zip(a, b, strict=True):
            assert (x.pos_, str(x.morph), x.lemma_, x.dep_, x.tag_, x.ent_type_) == (
                y.pos_,
                str(y.morph),
                y.lemma_,
                y.dep_,
                y.tag_,
                y.ent_type_,
            ), x.text
            seen.add(x.pos_)
    assert {"AUX", "PART", "PRON", "SCONJ", "SPACE", "PUNCT", "VERB"} <= seen


def test_a_rule_it_cannot_read_leaves_spacys_ruler(models: tuple[Language, Language]) -> None:
    stock, _ = models
    ruler = AttributeRuler(stock.vocab)
    ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN"})
    ruler.add([[{"LENGTH": {">=": 20}}]], {"POS": "X"})  # an attribute it does not read
    before = ruler.match
    assert fast_attribute_ruler(ruler) is False
    assert ruler.match == before
    plain = AttributeRuler(stock.vocab)
    plain.add([[{"TAG": "NN", "LOWER": {"IN": ["gunman", "gunmen"]}}]], {"POS": "NOUN"})
    assert fast_attribute_ruler(plain) is True
    assert isinstance(plain.match, FastMatch)
