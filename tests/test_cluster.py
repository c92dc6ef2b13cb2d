"""Dask: the same diagnostics on a LocalCluster of worker processes as in a local run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from presslint import api

dask = pytest.importorskip("dask", reason="the dask extra is not installed")
distributed = pytest.importorskip("dask.distributed")

ARTICLES = [
    {"id": "a1", "body": "Le ministre est arrivé lundi.. Il repart mardi."},
    {"id": "a2", "body": "The talks ended at 4 p.m. on Monday. Nothing was agreed."},
    {"id": "a3", "body": "Son départ est prévu à 16 heures.. La réunion sera suivie d’une conférence."},
    {"id": "a4", "body": "The minister said,, he would return."},
] * 5


def local_results() -> list[tuple[object, str, int, int]]:
    out = []
    for record in ARTICLES:
        for d in api.lint(record["body"]):
            out.append((record["id"], d.code, d.offset, d.end_offset))
    return sorted(out)


@pytest.fixture(scope="module")
def client():  # type: ignore[no-untyped-def]
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=40)
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def test_jsonl_shards_on_a_cluster_match_a_local_run(client, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from presslint.cluster import lint_jsonl

    for shard in range(3):
        lines = [json.dumps(r, ensure_ascii=False) for r in ARTICLES[shard::3]]
        (tmp_path / f"articles-{shard}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    bag = lint_jsonl(str(tmp_path / "articles-*.jsonl"), text_field="body", id_field="id")
    results = bag.compute()
    got = sorted((d["id"], d["code"], d["offset"], d["end_offset"]) for d in results)
    assert got == local_results()
    assert len({w for w in client.scheduler_info()["workers"]}) == 2


def test_dataframe_on_a_cluster_matches_a_local_run(client) -> None:  # type: ignore[no-untyped-def]
    import dask.dataframe as dd
    import pandas as pd

    from presslint.cluster import COLUMNS, lint_dataframe

    frame = dd.from_pandas(pd.DataFrame(ARTICLES), npartitions=4)
    diags = lint_dataframe(frame, text_column="body", id_column="id").compute()
    assert list(diags.columns) == list(COLUMNS)
    got = sorted(zip(diags["id"], diags["code"], diags["offset"], diags["end_offset"]))
    assert got == local_results()


def test_fix_records_keeps_other_fields() -> None:
    from presslint.cluster import fix_records

    fixed = fix_records([{"id": 7, "body": "Fin.. Rideau.", "source": "AFP"}], text_field="body")
    assert fixed == [{"id": 7, "body": "Fin. Rideau.", "source": "AFP"}]
