"""Derive ``src/presslint/lexicons/fr/accented-capitals.txt`` from a French Hunspell dictionary.

Why: French words whose first letter carries an accent (``État``, ``Étrangères``,
``À``) often lose it when capitalised on a keyboard without accented capitals.
The rule CON104 needs to know, for a capitalised word without its accent,
whether an accented word exists and the unaccented one does not. That is a
dictionary question, so the list is derived from a real dictionary rather than
typed by hand.

Source: the "classique" French dictionary for Hunspell by Grammalecte
(Debian package ``hunspell-fr-classical``, files ``fr.dic`` and ``fr.aff``),
licensed under the Mozilla Public License 2.0. The derived list is therefore
distributed under the MPL 2.0 as well (see its header).

What is kept: every inflected form (suffix rules expanded) whose first letter is
an accented letter, except first names and surnames (``po:prn``, ``po:patr``:
people spell their own names), and except forms whose unaccented spelling is
itself a word of the dictionary (``a``/``à``, ``ou``/``où``): those cannot be
corrected without reading the sentence. A stripped form that two accented forms
share is dropped as ambiguous.

Usage: python scripts/derive_accented_capitals.py [--dic fr.dic] [--aff fr.aff] [--out PATH]
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

DEFAULT_DIR = Path("/usr/share/hunspell")
OUT = Path(__file__).resolve().parents[1] / "src" / "presslint" / "lexicons" / "fr" / "accented-capitals.txt"
ACCENTED_INITIALS = "àâäéèêëîïôöùûüçœæ"
EXCLUDED_POS = ("po:prn", "po:patr")

HEADER = """\
# French words whose first letter is accented, capitalised: one per line (`État`, `Étrangères`).
# The unaccented capital each one corrects is the same word with the accent of its first
# letter removed (`Etat` -> `État`); presslint builds that map when it loads the list.
# Derived by scripts/derive_accented_capitals.py from the Grammalecte "classique" French
# dictionary for Hunspell (version {version}), Mozilla Public License 2.0; this derived
# list is distributed under the same licence (https://mozilla.org/MPL/2.0/).
# Left out: first names and surnames, forms whose unaccented spelling is itself a word
# (A/À, Ou/Où), and unaccented forms that two accented words share.
"""


def split_flags(flags: str) -> list[str]:
    """``FLAG long``: every flag is two characters."""
    return [flags[i : i + 2] for i in range(0, len(flags), 2)]


def parse_aff(path: Path) -> dict[str, list[tuple[str, str, list[str], re.Pattern[str]]]]:
    """Suffix rules: flag -> [(strip, add, continuation flags, condition)]."""
    rules: dict[str, list[tuple[str, str, list[str], re.Pattern[str]]]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) < 5 or parts[0] != "SFX":
            continue
        flag, strip, add, cond = parts[1], parts[2], parts[3], parts[4]
        cont: list[str] = []
        if "/" in add:
            add, cont_str = add.split("/", 1)
            cont = split_flags(cont_str)
        strip = "" if strip == "0" else strip
        add = "" if add == "0" else add
        rules[flag].append((strip, add, cont, re.compile(("" if cond == "." else cond) + "$")))
    return rules


def apply_suffixes(word: str, flags: list[str], rules, depth: int = 0) -> set[str]:
    forms: set[str] = set()
    for flag in flags:
        for strip, add, cont, cond in rules.get(flag, ()):
            if not cond.search(word) or (strip and not word.endswith(strip)):
                continue
            form = (word[: len(word) - len(strip)] if strip else word) + add
            forms.add(form)
            if depth == 0 and cont:
                forms |= apply_suffixes(form, cont, rules, 1)
    return forms


def expand(dic: Path, rules) -> tuple[set[str], set[str]]:
    """(every form of the dictionary, the forms of entries that are not people's names)."""
    everything: set[str] = set()
    kept: set[str] = set()
    lines = dic.read_text(encoding="utf-8").splitlines()[1:]
    for line in lines:
        if not line.strip():
            continue
        head, _, morph = line.partition(" ")
        word, _, flag_str = head.partition("/")
        flags = split_flags(flag_str)
        if "{}" in flags:
            continue
        forms = apply_suffixes(word, flags, rules)
        if "()" not in flags:
            forms.add(word)
        everything |= forms
        if not any(pos in morph.split() for pos in EXCLUDED_POS):
            kept |= forms
    return everything, kept


def strip_initial(word: str) -> str:
    first = unicodedata.normalize("NFD", word[0])[0]
    return first + word[1:]


def derive(dic: Path, aff: Path) -> list[tuple[str, str]]:
    rules = parse_aff(aff)
    everything, kept = expand(dic, rules)
    lower_all = {w.lower() for w in everything}
    targets: dict[str, set[str]] = defaultdict(set)
    for form in kept:
        if not form or form[0].lower() not in ACCENTED_INITIALS or form[0].lower() in "œæ":
            continue
        if not form.replace("-", "").replace("’", "").replace("'", "").isalpha():
            continue
        accented = form[0].upper() + form[1:]
        plain = strip_initial(accented)
        if plain.lower() in lower_all or plain == accented:
            continue
        targets[plain].add(accented)
    return sorted((plain, next(iter(acc))) for plain, acc in targets.items() if len(acc) == 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dic", type=Path, default=DEFAULT_DIR / "fr.dic")
    parser.add_argument("--aff", type=Path, default=DEFAULT_DIR / "fr.aff")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if not args.dic.is_file() or not args.aff.is_file():
        sys.stderr.write(f"derive_accented_capitals: {args.dic} or {args.aff} not found (install hunspell-fr-classical)\n")
        return 2
    version = "unknown"
    for line in args.aff.read_text(encoding="utf-8").splitlines()[:12]:
        m = re.search(r"v(\d+(?:\.\d+)+)", line)
        if m:
            version = m.group(1)
            break
    pairs = derive(args.dic, args.aff)
    body = "".join(f"{accented}\n" for _, accented in pairs)
    args.out.write_text(HEADER.format(version=version) + body, encoding="utf-8")
    sys.stdout.write(f"{len(pairs)} entries written to {args.out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
