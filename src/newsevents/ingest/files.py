"""Reading one input file safely: size, emptiness, binary content and encoding checked first."""

from __future__ import annotations

import re
from pathlib import Path

from newsevents.errors import InputError

# Magic numbers of the binary files most often handed to the coder by mistake.
_MAGIC = (
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or .docx/.xlsx)"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xd0\xcf\x11\xe0", "MS Office document"),
    (b"RIFF", "RIFF media file"),
    (b"\x7fELF", "executable"),
)
_HTML_START = re.compile(
    rb"^\s*(<!doctype\s+html|<html|<head|<body|<\?xml|<!--|<meta|<div|<p[\s>])", re.I
)
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)


def human_size(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / (1024 * 1024):.1f} MB"


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refusing what is missing, empty, too big or binary."""
    where = str(path)
    try:
        size = path.stat().st_size
    except OSError as e:
        raise InputError(where, e.strerror or "cannot open") from e
    if size > max_bytes:
        raise InputError(
            where, f"too big ({human_size(size)}; the limit is {human_size(max_bytes)})"
        )
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(where, e.strerror or "cannot read") from e
    check_content(data, where)
    return data


def check_content(data: bytes, where: str) -> None:
    if not data.strip():
        raise InputError(where, "empty")
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise InputError(where, f"not HTML or text ({kind}, {human_size(len(data))})")
    if b"\x00" in data[:8192]:
        raise InputError(where, f"not HTML or text (binary, {human_size(len(data))})")


def looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf")
    return bool(_HTML_START.match(head)) or b"<html" in head.lower()


def decode_text(data: bytes, where: str) -> str:
    """UTF-8 (with or without BOM), or one clear line saying where it is not."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise InputError(
            where,
            f"not UTF-8 text (byte 0x{data[e.start]:02x} at line {line}, offset {e.start}); "
            "convert it to UTF-8 first",
        ) from e


def decode_html(data: bytes, where: str) -> str:
    """HTML in the charset its <meta> declares, else UTF-8."""
    m = _CHARSET.search(data[:4096])
    if m:
        charset = m.group(1).decode("ascii", "replace").lower()
        if charset not in ("utf-8", "utf8"):
            try:
                return data.decode(charset)
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong declaration: fall through to UTF-8 and its clear error
    return decode_text(data, where)
