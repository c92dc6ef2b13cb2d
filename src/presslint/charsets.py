"""Guessing the encoding of a file that is neither UTF-8 nor BOM-marked."""

from __future__ import annotations


def detect_encoding(data: bytes) -> str | None:
    """The most likely encoding of ``data`` (charset-normalizer), or None for binary data."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    return str(best.encoding)
