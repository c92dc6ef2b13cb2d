"""Small shared helpers for the tests."""

from __future__ import annotations

from presslint.document import Document
from presslint.formats import build_view


def make_doc(text: str, lang: str | None = None, fmt: str = "txt", path: str = "<test>") -> Document:
    return Document(text, build_view(text, fmt), path=path, lang=lang, fmt=fmt)


def sentences(text: str, lang: str) -> list[str]:
    doc = make_doc(text, lang)
    return [doc.text[s.start : s.end] for s in doc.sentences]


def quoted(text: str, lang: str = "fr") -> list[str]:
    doc = make_doc(text, lang)
    return [doc.text[q.start : q.end] for q in doc.quotations]
