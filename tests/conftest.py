from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from newsevents.extract import Extractor
from newsevents.ingest.sources import _make_article
from newsevents.model import Article

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """One coder for the whole run: the model loads once, as in the CLI."""
    return Extractor()


CodeText = Callable[..., Article]


@pytest.fixture(scope="session")
def code_text(extractor: Extractor) -> CodeText:
    def code(
        text: str, published: date | None = date(2024, 3, 14), doc_id: str = "test"
    ) -> Article:
        fields: dict[str, object] = {"text": text}
        if published is not None:
            fields["published"], fields["published_from"] = published, "input"
        article = _make_article(doc_id, doc_id, fields, cli_published=None)
        return extractor.code(article)

    return code
