"""Layering: the data model does not depend on the extraction components."""

from __future__ import annotations

import ast
from pathlib import Path

import newsevents.model

MODEL = Path(newsevents.model.__file__)


def _imported_modules(source: str) -> list[str]:
    """Every module model.py imports, at any depth (TYPE_CHECKING blocks included)."""
    names: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            # A relative import is read from model.py's package, newsevents ("." is it).
            package = ["newsevents"] if node.level == 1 else []
            module = ".".join([*package, *([node.module] if node.module else [])])
            names.append(module)
            names.extend(f"{module}.{alias.name}" for alias in node.names)
    return names


def test_model_imports_nothing_from_extract() -> None:
    imported = _imported_modules(MODEL.read_text(encoding="utf-8"))
    assert imported, "found no imports at all: is this model.py?"
    from_extract = [
        name
        for name in imported
        if name == "newsevents.extract" or name.startswith("newsevents.extract.")
    ]
    assert from_extract == []
