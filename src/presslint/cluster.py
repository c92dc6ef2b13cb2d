"""Running presslint on a Dask cluster, for archives too big for one machine.

Needs the ``dask`` extra (``pip install 'presslint[dask]'``). Every function
here is a thin layer over ``lint_records``, a plain function of a partition of
articles, so Dask (or Spark, or anything that maps a function over partitions)
gets exactly the diagnostics a local run would.

    from dask.distributed import Client
    import presslint.cluster as pc
    client = Client("tcp://scheduler:8786")
    diagnostics = pc.lint_jsonl("s3://bucket/articles-*.jsonl", text_field="body", id_field="id")
    diagnostics.to_dataframe().to_parquet("diagnostics/")
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from presslint.api import fix as fix_text
from presslint.api import lint
from presslint.config import Settings

# Columns of the diagnostics dataframe: the documented JSON keys plus the article id.
COLUMNS: dict[str, str] = {
    "id": "object",
    "code": "object",
    "rule": "object",
    "severity": "object",
    "message": "object",
    "line": "int64",
    "column": "int64",
    "end_line": "int64",
    "end_column": "int64",
    "offset": "int64",
    "end_offset": "int64",
    "fix": "object",
}


def lint_records(
    records: Iterable[Mapping[str, Any]],
    *,
    text_field: str = "text",
    id_field: str = "id",
    config: Settings | None = None,
    lang: str | None = None,
) -> list[dict[str, Any]]:
    """Diagnostics (JSON-ready dicts carrying ``id``) for a partition of article records."""
    out: list[dict[str, Any]] = []
    for record in records:
        text = record.get(text_field)
        if not isinstance(text, str):
            continue
        record_id = record.get(id_field)
        for diag in lint(text, lang=lang, config=config, path=str(record_id)):
            obj = diag.to_dict()
            obj.pop("path", None)
            obj["id"] = record_id
            if obj["fix"] is not None:
                obj["fix"] = json.dumps(obj["fix"], ensure_ascii=False)
            out.append(obj)
    return out


def fix_records(
    records: Iterable[Mapping[str, Any]],
    *,
    text_field: str = "text",
    config: Settings | None = None,
    lang: str | None = None,
    unsafe: bool = False,
) -> list[dict[str, Any]]:
    """The records with their text fixed; other fields untouched."""
    out = []
    for record in records:
        new = dict(record)
        text = record.get(text_field)
        if isinstance(text, str):
            new[text_field] = fix_text(text, lang=lang, config=config, unsafe=unsafe).text
        out.append(new)
    return out


def lint_bag(bag: Any, *, text_field: str = "text", id_field: str = "id",
             config: Settings | None = None, lang: str | None = None) -> Any:
    """A Dask bag of diagnostic dicts from a bag of article records."""
    return bag.map_partitions(
        lint_records, text_field=text_field, id_field=id_field, config=config, lang=lang
    )


def lint_jsonl(paths: str | list[str], *, text_field: str = "text", id_field: str = "id",
               config: Settings | None = None, lang: str | None = None, blocksize: int | None = None) -> Any:
    """Diagnostics for JSONL shards (local paths, globs or any fsspec URL Dask can read)."""
    import dask.bag as db

    records = db.read_text(paths, blocksize=blocksize).filter(lambda line: line.strip() != "").map(json.loads)
    return lint_bag(records, text_field=text_field, id_field=id_field, config=config, lang=lang)


def lint_dataframe(frame: Any, *, text_column: str = "text", id_column: str = "id",
                   config: Settings | None = None, lang: str | None = None) -> Any:
    """A Dask dataframe of diagnostics (columns: ``COLUMNS``) from a dataframe of articles."""
    import pandas as pd

    def partition(part: Any) -> Any:
        rows = lint_records(part.to_dict("records"), text_field=text_column, id_field=id_column,
                            config=config, lang=lang)
        return pd.DataFrame(rows, columns=list(COLUMNS)).astype(COLUMNS)

    meta = pd.DataFrame({name: pd.Series(dtype=kind) for name, kind in COLUMNS.items()})
    return frame.map_partitions(partition, meta=meta)
