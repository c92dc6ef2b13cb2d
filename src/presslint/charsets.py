"""Guessing the encoding of a file that is neither UTF-8 nor BOM-marked.

Articles that are not UTF-8 are nearly always in one of a few Western 8-bit
encodings (Windows-1252 above all, then Latin-9, Mac Roman, DOS code page
850). charset-normalizer proposes candidates; among those that read cleanly,
the one whose non-ASCII characters look most like French or English text wins
(``é`` and ``’`` rather than ``‚`` and ``¤``): on short texts several code
pages read equally "cleanly" and charset-normalizer alone picks Central
European ones. Other encodings are accepted only when charset-normalizer finds
them free of chaos, and anything that decodes to control characters is binary.
"""

from __future__ import annotations

import unicodedata

WESTERN = ("cp1252", "iso8859_15", "mac_roman", "cp850", "latin_1")
# Non-ASCII characters at home in French and English news copy.
_EXPECTED = frozenset(
    "àâäáéèêëîïíôöóùûüúÿçœæñÀÂÄÁÉÈÊËÎÏÍÔÖÓÙÛÜÚŸÇŒÆÑß"
    "’‘“”«»‹›…–—€£°·©®\u00a0\u202f\u2009"
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v\x1a")  # \x1a: the DOS end-of-file mark
_MAX_CONTROL_RATIO = 0.001
_MAX_CHAOS_OTHER = 0.05  # for encodings outside the Western set
_SAMPLE = 1 << 16  # characters scored per candidate


def control_ratio(text: str) -> float:
    """Share of control characters (C0 and C1) other than ordinary white space."""
    if not text:
        return 0.0
    bad = sum(1 for ch in text if (ch < " " or "\x7f" <= ch <= "\x9f") and ch not in _ALLOWED_CONTROLS)
    return bad / len(text)


def _plausibility(text: str) -> int:
    """How much the non-ASCII characters of ``text`` look like French or English copy."""
    score = 0
    for ch in text:
        if ch < "\x80":
            continue
        if ch in _EXPECTED:
            score += 2
        elif "\x80" <= ch <= "\x9f":
            score -= 5
        elif unicodedata.category(ch).startswith("L"):
            score -= 1
        else:
            score -= 2
    return score


def _decodes(data: bytes, encoding: str) -> str | None:
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return text if control_ratio(text) <= _MAX_CONTROL_RATIO else None


def detect_encoding(data: bytes) -> str | None:
    """The most likely encoding of ``data``, or None for binary data or text no encoding fits."""
    from charset_normalizer import from_bytes

    western = [m.encoding for m in from_bytes(data, cp_isolation=list(WESTERN))]
    sample = data[:_SAMPLE]
    best: tuple[int, int, str] | None = None
    for rank, encoding in enumerate(western):
        text = _decodes(sample, encoding) if _decodes(data, encoding) is not None else None
        if text is None:
            continue
        key = (_plausibility(text), -rank, encoding)
        if best is None or key > best:
            best = key
    if best is not None:
        return best[2]
    match = from_bytes(data).best()
    if match is None or match.chaos > _MAX_CHAOS_OTHER:
        return None
    encoding = str(match.encoding)
    return encoding if _decodes(data, encoding) is not None else None


def utf8_error(data: bytes) -> str | None:
    """Where UTF-8 text breaks, when ``data`` is UTF-8 but for a few bytes; None otherwise.

    A UTF-8 file with one stray byte (a paste from a Windows-1252 source) is
    not a Windows-1252 file: reading it as one would garble every accented
    letter, so it is better refused with the place to repair.
    """
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError as exc:
        first = exc.start
    valid = data.decode("utf-8", errors="replace")
    multibyte = sum(1 for ch in valid if ch > "\x7f" and ch != "\ufffd")
    broken = valid.count("\ufffd")
    if multibyte == 0 or broken > max(3, multibyte // 10):
        return None
    line = data.count(b"\n", 0, first) + 1
    column = first - (data.rfind(b"\n", 0, first) + 1) + 1
    return f"not valid UTF-8: byte 0x{data[first]:02X} at line {line}, byte {column} ({broken} bad byte(s) in otherwise UTF-8 text)"
