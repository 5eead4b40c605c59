"""The bearer token that every write to the API needs. `newsevents serve` makes one at its first
start, into a file only its owner may read (mode 0600, in a folder only its owner may enter
where it makes the folder), and reads it again at every later start. A token file others may
read is refused: whoever reads it could review in the owner's name."""

from __future__ import annotations

import hmac
import os
import secrets
import stat
from pathlib import Path

from platformdirs import user_config_path

from newsevents.errors import NewsEventsError


class TokenError(NewsEventsError):
    """The token file cannot be made or read, or others may read it."""


def default_path() -> Path:
    return user_config_path("newsevents") / "token"


def load_or_create(path: Path) -> tuple[str, bool]:
    """(The token in `path`, whether it was made just now.)"""
    try:
        return _read(path), False
    except FileNotFoundError:
        pass
    token = secrets.token_urlsafe(32)
    try:
        if not path.parent.exists():
            path.parent.mkdir(parents=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another serve made it first
        return _read(path), False
    except OSError as e:
        raise TokenError(f"cannot make the token file {path}: {e.strerror or e}") from e
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(token + "\n")
    return token, True


def _read(path: Path) -> str:
    try:
        mode = path.stat().st_mode
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise TokenError(
                f"the token file {path} may be read by others (mode {stat.filemode(mode)}): "
                f"run `chmod 600 {path}`"
            )
        token = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        raise
    except (OSError, UnicodeDecodeError) as e:
        raise TokenError(f"cannot read the token file {path}: {getattr(e, 'strerror', e)}") from e
    if len(token) < 16 or not token.isprintable() or " " in token:
        raise TokenError(
            f"the token file {path} holds no usable token (16 or more printable characters, "
            "no spaces): delete it and a new one is made"
        )
    return token


def matches(given: str, token: str) -> bool:
    """Whether `given` is the token, compared in constant time."""
    return hmac.compare_digest(given.encode(), token.encode())
