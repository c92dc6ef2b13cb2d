"""Reading article files into text and writing fixed text back without losing anything.

A SourceFile remembers how the file was stored (encoding, BOM, permission
bits, the exact bytes' fingerprint) so that a fix writes the file back the way
it was, atomically, and never over a file that changed on disk meanwhile.
Line endings need no special care: the text keeps them exactly as read.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path


class InputError(Exception):
    """A file that cannot be read as text; the message is one line naming the file."""


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: str
    text: str
    encoding: str  # a Python codec name, without BOM handling (utf-8, utf-16-le, cp1252, ...)
    bom: bytes = b""
    fingerprint: str = ""
    mode: int | None = None
    detected: bool = False  # encoding guessed (not UTF-8 or BOM-marked): worth a warning

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def fingerprint(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def decode_bytes(data: bytes, path: str) -> SourceFile:
    """Decode a file's bytes: a BOM wins, then strict UTF-8, then detection."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"{path}: not valid {encoding} despite its byte-order mark ({exc.reason} at byte {exc.start})") from None
            return SourceFile(path, text, encoding, bom, fingerprint(data))
    if b"\x00" in data:
        raise InputError(f"{path}: binary file (contains NUL bytes), skipped")
    try:
        return SourceFile(path, data.decode("utf-8"), "utf-8", b"", fingerprint(data))
    except UnicodeDecodeError:
        pass
    from presslint.charsets import detect_encoding  # only for files that are not UTF-8

    encoding = detect_encoding(data)
    if encoding is None:
        raise InputError(f"{path}: cannot decode as text (not UTF-8, no known encoding fits), skipped")
    return SourceFile(path, data.decode(encoding), encoding, b"", fingerprint(data), detected=True)


def read_source(path: Path) -> SourceFile:
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"{path}: not a regular file, skipped")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    src = decode_bytes(data, str(path))
    return SourceFile(src.path, src.text, src.encoding, src.bom, src.fingerprint, stat.S_IMODE(st.st_mode), src.detected)


class WriteError(Exception):
    """A fixed file that could not be written; the original is untouched."""


def write_source(src: SourceFile, new_text: str) -> None:
    """Atomically replace the file with ``new_text`` in its own encoding, BOM and mode.

    The new content goes to a temporary file in the same folder, is flushed to
    disk, and renamed over the original only if the original still holds the
    bytes that were read: a file edited meanwhile is left alone.
    """
    path = Path(src.path)
    try:
        data = src.encode(new_text)
    except UnicodeEncodeError as exc:
        raise WriteError(f"{path}: the fix cannot be written in {src.encoding} ({exc.reason}); file left unchanged") from None
    if not os.access(path, os.W_OK):
        raise WriteError(f"{path}: file is not writable; file left unchanged")
    folder = path.parent
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".presslint-tmp", dir=folder)
    except OSError as exc:
        raise WriteError(f"{path}: cannot create a temporary file beside it ({exc.strerror}); file left unchanged") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if src.mode is not None:
            os.chmod(tmp_name, src.mode)
        try:
            current = path.read_bytes()
        except OSError as exc:
            raise WriteError(f"{path}: cannot re-read before writing ({exc.strerror}); file left unchanged") from None
        if fingerprint(current) != src.fingerprint:
            raise WriteError(f"{path}: changed on disk while presslint was working; not overwritten")
        os.replace(tmp_name, path)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except OSError:
            pass
        raise
    try:  # make the rename durable
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass
