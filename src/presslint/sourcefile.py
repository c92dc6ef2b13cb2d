"""Reading article files into text and writing fixed text back without losing anything.

A SourceFile remembers how the file was stored (encoding, BOM, permission
bits, the exact bytes' fingerprint) so that a fix writes the file back the way
it was, atomically, and never over a file that changed on disk meanwhile.
Line endings need no special care: the text keeps them exactly as read.
"""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple


class InputError(Exception):
    """A file that cannot be read as text; the message is one line naming the file."""


class SourceFile(NamedTuple):
    """A decoded file and how it was encoded, so that a fix writes it back the same way."""

    path: str
    text: str
    encoding: str  # a Python codec name, without BOM handling (utf-8, utf-16-le, cp1252, ...)
    bom: bytes = b""
    fingerprint: str = ""
    mode: int | None = None
    detected: bool = False  # encoding guessed (not UTF-8 or BOM-marked): worth a warning
    # Re-encoding the text as read gives back the very same bytes; without that a
    # rewrite would change bytes no fix asked to change, so the file is not fixed.
    lossless: bool = True

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)

    def can_encode(self, text: str) -> bool:
        """Whether ``text`` (a replacement, say) can be written in this file's encoding."""
        try:
            text.encode(self.encoding)
        except UnicodeEncodeError:
            return False
        return True


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


try:  # CPython's own BLAKE2: `hashlib` would also load OpenSSL, a few milliseconds of every start-up
    from _blake2 import blake2b
except ImportError:  # another Python implementation
    from hashlib import blake2b


def fingerprint(data: bytes) -> str:
    return blake2b(data, digest_size=16).hexdigest()


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
        utf16 = _sniff_utf16(data)
        if utf16 is None:
            raise InputError(f"{path}: binary file (contains NUL bytes), skipped")
        return SourceFile(path, data.decode(utf16), utf16, b"", fingerprint(data), detected=True)
    try:
        return SourceFile(path, data.decode("utf-8"), "utf-8", b"", fingerprint(data))
    except UnicodeDecodeError:
        pass
    from presslint.charsets import detect_encoding, utf8_error  # only for files that are not UTF-8

    broken = utf8_error(data)
    if broken is not None:
        raise InputError(f"{path}: {broken}, skipped")
    encoding = detect_encoding(data)
    if encoding is None:
        raise InputError(f"{path}: cannot decode as text (not UTF-8, no known encoding fits), skipped")
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise InputError(f"{path}: cannot decode as text (not UTF-8, no known encoding fits), skipped") from None
    lossless = _encodes_back(text, encoding, data)
    return SourceFile(path, text, encoding, b"", fingerprint(data), detected=True, lossless=lossless)


def _encodes_back(text: str, encoding: str, data: bytes) -> bool:
    try:
        return text.encode(encoding) == data
    except (UnicodeEncodeError, LookupError):
        return False


def _sniff_utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: text whose every other byte is mostly NUL.

    Latin-script text in UTF-16 has a NUL high byte for nearly every character;
    binary data does not decode cleanly or lacks the pattern.
    """
    if len(data) < 2 or len(data) % 2:
        return None
    evens, odds = data[0::2], data[1::2]
    for encoding, high, low in (("utf-16-le", odds, evens), ("utf-16-be", evens, odds)):
        if high.count(0) >= 0.6 * len(high) and low.count(0) <= 0.05 * len(low):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if "\x00" not in text:
                return encoding
    return None


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
    return SourceFile(
        src.path, src.text, src.encoding, src.bom, src.fingerprint, stat.S_IMODE(st.st_mode), src.detected, src.lossless
    )


class WriteError(Exception):
    """A fixed file that could not be written; the original is untouched."""


class ChangedOnDisk(WriteError):
    """The file no longer holds the bytes that were read: someone edited it meanwhile."""


def _is_writable(path: Path, mode: int) -> bool:
    """Writable by us *and* not marked read-only: the superuser may write anything, but a
    file whose write bits are all off was made read-only on purpose."""
    return os.access(path, os.W_OK) and bool(mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


TEMP_SUFFIX = ".presslint-tmp"
_CLEANED_FOLDERS: set[str] = set()


def _unlink_quietly(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass


@contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """An advisory lock on the folder (its inode never changes, unlike the file's on each rename).

    Held only around re-read, compare and rename, so two presslint processes
    fixing the same file cannot both see the original and both replace it.
    Where locking is not available the fingerprint comparison still applies.
    """
    try:
        import fcntl
    except ImportError:  # not POSIX
        yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:
            pass
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    try:  # a killed process not yet reaped (a zombie) still answers kill(0) but will never write again
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


def _remove_stale_temporaries(folder: Path) -> None:
    """Delete temporaries left beside articles by a presslint that was killed (SIGKILL, power cut).

    Each temporary carries its writer's process id; one whose process is gone is
    stale. Done once per folder per run. Should a live writer's temporary be
    removed anyway (another machine on a shared folder), its rename fails and
    that writer reports the file as not fixed: the article itself is never at risk.
    """
    key = str(folder)
    if key in _CLEANED_FOLDERS:
        return
    _CLEANED_FOLDERS.add(key)
    try:
        names = [n for n in os.listdir(folder) if n.startswith(".") and n.endswith(TEMP_SUFFIX)]
    except OSError:
        return
    for name in names:
        parts = name[: -len(TEMP_SUFFIX)].split(".")
        pid = parts[-2] if len(parts) >= 4 else ""
        if pid.isdigit() and int(pid) != os.getpid() and not _pid_alive(int(pid)):
            _unlink_quietly(os.path.join(folder, name))


def _reads_back(data: bytes, text: str, src: SourceFile) -> bool:
    try:
        again = decode_bytes(data, src.path)
    except InputError:
        return False
    return again.text == text and again.encoding == src.encoding


def write_source(src: SourceFile, new_text: str) -> None:
    """Atomically replace the file with ``new_text`` in its own encoding, BOM and mode.

    The new content goes to a temporary file in the same folder (the real
    file's folder when the path is a symbolic link, so the link survives), is
    flushed to disk, and renamed over the original only if the original still
    holds the bytes that were read: a file edited meanwhile is left alone.
    Any failure leaves the original untouched and no temporary file behind.
    """
    shown = Path(src.path)
    if not src.lossless:
        raise WriteError(
            f"{shown}: re-encoding it in {src.encoding} would change bytes no fix touched; file left unchanged"
        )
    try:
        data = src.encode(new_text)
    except UnicodeEncodeError as exc:
        raise WriteError(f"{shown}: the fix cannot be written in {src.encoding} ({exc.reason}); file left unchanged") from None
    if src.detected and not _reads_back(data, new_text, src):
        # The encoding was guessed: the fixed bytes must be guessed the same way next time,
        # or the next run would read (and perhaps "fix") different text.
        raise WriteError(f"{shown}: once fixed, it would no longer be recognised as {src.encoding}; file left unchanged")
    path = Path(os.path.realpath(shown))
    try:
        st = path.stat()
    except OSError as exc:
        raise WriteError(f"{shown}: no longer readable ({exc.strerror}); not written") from None
    if not _is_writable(path, st.st_mode):
        raise WriteError(f"{shown}: file is read-only; file left unchanged")
    folder = path.parent
    _remove_stale_temporaries(folder)
    try:
        import tempfile  # only a write needs it: not imported by `check`

        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=TEMP_SUFFIX, dir=folder)
    except OSError as exc:
        raise WriteError(f"{shown}: cannot create a temporary file beside it ({exc.strerror}); file left unchanged") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, src.mode if src.mode is not None else stat.S_IMODE(st.st_mode))
        try:  # keep the owner when running with the rights to do so
            os.chown(tmp_name, st.st_uid, st.st_gid)
        except OSError:
            pass
        with _folder_lock(folder):  # no other presslint can replace the file between our compare and rename
            try:
                current = path.read_bytes()
            except OSError as exc:
                raise WriteError(f"{shown}: cannot re-read before writing ({exc.strerror}); file left unchanged") from None
            if fingerprint(current) != src.fingerprint:
                raise ChangedOnDisk(f"{shown}: changed on disk while presslint was working; not overwritten (run again)")
            os.replace(tmp_name, path)
    except OSError as exc:  # disk full, folder gone, temporary removed meanwhile: the original is intact
        _unlink_quietly(tmp_name)
        raise WriteError(f"{shown}: cannot write the fixed file ({exc.strerror or exc}); file left unchanged") from None
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
