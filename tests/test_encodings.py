"""Encodings: what is read, what is refused as binary, and that fixes are written back in the file's own encoding."""

from __future__ import annotations

import codecs
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from presslint.charsets import control_ratio, detect_encoding, utf8_error
from presslint.cli import app
from presslint.sourcefile import InputError, decode_bytes

FR = "Le ministre est arrivé à Bamako ce lundi.. « C’est une visite historique », a déclaré l’élu à la télévision."
EN = "The minister’s visit — “historic”, officials said — ended on Tuesday.. Talks resume in Moscow… next week."


@dataclass
class Run:
    returncode: int
    stdout: bytes
    stderr: bytes


def presslint(*args: str, stdin: bytes | None = None) -> Run:
    """The command in this process (faster than a subprocess); stdin as bytes, like a pipe."""
    result = CliRunner().invoke(app, list(args), input=stdin)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Run(result.exit_code, result.stdout_bytes, result.stderr_bytes or b"")


# --------------------------------------------------------------------------- decoding


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")],
)
def test_bom_marked_files(bom: bytes, encoding: str) -> None:
    src = decode_bytes(bom + FR.encode(encoding), "a.txt")
    assert src.text == FR and src.bom == bom and not src.detected
    assert src.encode(src.text) == bom + FR.encode(encoding)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (FR, "cp1252"),
        (EN, "cp1252"),
        ("Le prix : 20 € pour l'œuvre, a déclaré le maître d'œuvre à Paris.", "iso8859_15"),
        ("Le ministre est arrivé à Bamako, a déclaré l’élu.", "mac_roman"),
        ("Le ministre est arrivé à Bamako, a déclaré l'élu à la télévision.", "cp850"),
        ("Der Außenminister traf am Montag ein, sagte ein Sprecher. Größere Gespräche folgen.", "cp1252"),
        ("café", "cp1252"),
    ],
)
def test_western_encodings_are_recognised(text: str, encoding: str) -> None:
    data = text.encode(encoding)
    assert detect_encoding(data) == encoding
    src = decode_bytes(data, "a.txt")
    assert src.text == text and src.detected and src.encoding == encoding


def test_other_encodings_only_when_clean() -> None:
    text = "Министр иностранных дел России Сергей Лавров прибыл в Бамако. Он встретился с коллегой."
    assert detect_encoding(text.encode("cp1251")) == "cp1251"


def _random_bytes(n: int, seed: int, choices: Sequence[int]) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.choice(choices) for _ in range(n))


def _random_without_nul(n: int, seed: int) -> bytes:
    rng = random.Random(seed)
    return bytes(b for b in (rng.randrange(256) for _ in range(n)) if b)


@pytest.mark.parametrize(
    "data",
    [
        _random_without_nul(4000, 1),
        _random_bytes(3000, 2, range(0x80, 0x100)),
        _random_bytes(2000, 3, [1, 2, 3, 4, 5, 6, 7, 0x10, 0x1B, 65, 66, 0xE9]),
        b"\x7fELF\x02\x01\x01" + bytes(range(1, 256)) * 4,
        b"%PDF-1.4\n" + bytes(range(0x80, 0x100)) * 8 + b"\x01\x02\x03\x04\x05\x06" * 40,
    ],
    ids=["random", "high-bytes", "control-characters", "executable", "pdf-like"],
)
def test_binary_garbage_is_not_text(data: bytes) -> None:
    assert detect_encoding(data) is None
    with pytest.raises(InputError, match="cannot decode as text|binary|not valid UTF-8"):
        decode_bytes(data, "blob.txt")


def test_nul_bytes_are_binary() -> None:
    with pytest.raises(InputError, match="binary file"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "photo.txt")


def test_utf8_with_a_stray_byte_is_refused_with_its_place() -> None:
    data = "Première ligne.\nLe ministre est arrivé à Bamako. ".encode() + b"Caf\xe9 noir.\n"
    message = utf8_error(data)
    assert message is not None and "0xE9 at line 2" in message
    with pytest.raises(InputError, match="not valid UTF-8: byte 0xE9 at line 2"):
        decode_bytes(data, "mixed.txt")
    # A real Windows-1252 file is not mistaken for broken UTF-8.
    assert utf8_error(FR.encode("cp1252")) is None


def test_control_ratio() -> None:
    assert control_ratio("Texte\tnormal\r\n") == 0
    assert control_ratio("a\x01b\x02") == 0.5
    assert control_ratio("a\x85b") > 0  # a C1 control: Latin-1 misread


# --------------------------------------------------------------------------- end to end


def test_check_and_fix_write_back_in_the_file_encoding(tmp_path: Path) -> None:
    files = {
        "cp1252.txt": FR.encode("cp1252"),
        "bom8.txt": codecs.BOM_UTF8 + FR.encode("utf-8"),
        "utf16le.md": codecs.BOM_UTF16_LE + f"# Titre\n\n{FR}\n".encode("utf-16-le"),
        "utf16be.html": codecs.BOM_UTF16_BE + f"<p>{FR}</p>\n".encode("utf-16-be"),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    proc = presslint("check", "--select", "PUN101", "--format", "concise", str(tmp_path))
    assert proc.returncode == 1
    assert b"cp1252.txt: not UTF-8; read as cp1252" in proc.stderr
    assert proc.stdout.count(b"PUN101") == 4
    proc = presslint("check", "--fix", "--select", "PUN101", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    fixed = FR.replace("lundi..", "lundi.")
    assert (tmp_path / "cp1252.txt").read_bytes() == fixed.encode("cp1252")
    assert (tmp_path / "bom8.txt").read_bytes() == codecs.BOM_UTF8 + fixed.encode("utf-8")
    assert (tmp_path / "utf16le.md").read_bytes() == codecs.BOM_UTF16_LE + f"# Titre\n\n{fixed}\n".encode("utf-16-le")
    assert (tmp_path / "utf16be.html").read_bytes() == codecs.BOM_UTF16_BE + f"<p>{fixed}</p>\n".encode("utf-16-be")


def test_binary_files_are_skipped_and_the_others_checked(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Il est parti..\n", encoding="utf-8")
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "noise.md").write_bytes(_random_without_nul(3000, 7))
    (tmp_path / "z.md").write_text("Il est revenu..\n", encoding="utf-8")
    proc = presslint("check", "--select", "PUN101", "--format", "concise", str(tmp_path))
    assert proc.returncode == 2
    errors = [line for line in proc.stderr.decode().splitlines() if "error" in line]
    assert len(errors) == 2 and all(line.count("\n") == 0 for line in errors)
    assert any("photo.txt: binary file" in line for line in errors)
    assert any("noise.md: cannot decode as text" in line for line in errors)
    assert b"Traceback" not in proc.stderr
    assert proc.stdout.count(b"PUN101") == 2  # a.txt and z.md still checked


def test_stdin_format_from_filename_and_override() -> None:
    markdown = b"---\ntitle: Un titre..\n---\nIl est parti.. voir `a..b`.\n"
    proc = presslint("check", "--select", "PUN101", "--format", "concise", "--stdin-filename", "art.md", "-",
                     stdin=markdown)
    assert proc.stdout.decode().splitlines()[0] == "art.md:4:13: PUN101 [*] doubled-punctuation: Doubled punctuation “..”: keep one mark."
    assert proc.stdout.count(b"PUN101") == 1
    page = "<title>Titre..</title><p>Il est parti.. </p>"
    html = page.encode("cp1252")
    proc = presslint("check", "--select", "PUN101", "--format", "concise", "--input-format", "html",
                     "--stdin-filename", "page.txt", "-", stdin=html)
    assert proc.stdout.count(b"PUN101") == 1 and f"page.txt:1:{page.index('.. <') + 1}:".encode() in proc.stdout
    proc = presslint("check", "--select", "PUN101", "--fix", "--stdin-filename", "art.html", "-",
                     stdin=b"<p>Il est <code>a..b</code> parti..</p>\n")
    assert proc.stdout == b"<p>Il est <code>a..b</code> parti.</p>\n"


def test_input_format_overrides_extension(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    source = "<script>var x = 'Tracking.. pixel';</script><p>Il est parti..</p>\n"
    page.write_text(source, encoding="utf-8")
    as_txt = presslint("check", "--select", "PUN101", "--format", "concise", str(page))
    as_html = presslint("check", "--select", "PUN101", "--format", "concise", "--input-format", "html", str(page))
    assert as_txt.stdout.count(b"PUN101") == 2
    assert as_html.stdout.count(b"PUN101") == 1 and f"page.txt:1:{source.index('..<') + 1}:".encode() in as_html.stdout
