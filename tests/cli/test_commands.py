"""``render``, ``evaluate``, ``schema`` and the Dask scale-out, as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import REFERENCE, ROOT, run_cli


def test_render_writes_a_page_with_everything_found(tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    result = run_cli("render", str(REFERENCE), "-o", str(out))
    assert result.returncode == 0, result.stderr.decode()
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "青岛城阳:精准帮扶" in page
    for label in ("MONEY", "QUANTITY", "CARDINAL", "DATE", "GPE", "ORG", "PERSON", "aid:industry"):
        assert label in page
    assert "<td>planned_investment</td>" in page and "<td>6900余万元</td>" in page
    again = run_cli("render", str(REFERENCE), "-o", str(out))
    assert again.returncode == 1 and "[E507]" in again.stderr.decode()


def test_schema_is_the_article_record_schema() -> None:
    result = run_cli("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "ArticleRecord"
    assert {"quantities", "records", "aid_types", "places"} <= set(schema["properties"])
    assert "indicator" in schema["$defs"]["Record"]["properties"]


def test_evaluate_scores_and_thresholds(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    for suffix in (".txt", ".gold.json"):
        name = REFERENCE.name.replace(".txt", suffix)
        (gold / name).write_bytes((ROOT / "corpus" / name).read_bytes())
    result = run_cli("evaluate", str(gold), "--json")
    assert result.returncode == 0, result.stderr.decode()
    tasks = json.loads(result.stdout)["tasks"]
    assert tasks["quantities.unit"]["f1"] == 1.0 and tasks["records.indicator"]["f1"] == 1.0
    limits = tmp_path / "limits.json"
    limits.write_text(json.dumps({"quantities.unit": {"f1": 1.0}}), encoding="utf-8")
    assert run_cli("evaluate", str(gold), "--thresholds", str(limits)).returncode == 0
    limits.write_text(json.dumps({"organizations.span": {"r": 1.0}}), encoding="utf-8")
    failing = run_cli("evaluate", str(gold), "--thresholds", str(limits))
    assert failing.returncode == 1 and "organizations.span: r" in failing.stderr.decode()


def test_evaluate_refuses_invalid_gold(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("投资1.6亿元", encoding="utf-8")
    (tmp_path / "x.gold.json").write_text(
        json.dumps({"id": "x", "script": "simplified", "quantities": [
            {"text": "1.6亿", "start": 2, "end": 7, "label": "MONEY", "value": 1,
             "unit": "CNY", "approx": None, "range": None}]}),
        encoding="utf-8",
    )  # fmt: skip
    result = run_cli("evaluate", str(tmp_path))
    assert result.returncode == 1 and "invalid" in result.stderr.decode()


@pytest.mark.slow
def test_dask_run_equals_the_local_run(tmp_path: Path) -> None:
    folder = ROOT / "corpus"
    local, dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    first = run_cli("extract", str(folder), "-o", str(local), "-b", "3")
    assert first.returncode == 0, first.stderr.decode()
    second = run_cli(
        "extract", str(folder), "-o", str(dask), "-b", "3", "--scheduler", "local", "-n", "2"
    )
    assert second.returncode == 0, second.stderr.decode()
    assert dask.read_text(encoding="utf-8") == local.read_text(encoding="utf-8")
    assert len(local.read_text(encoding="utf-8").splitlines()) == len(list(folder.rglob("*.txt")))
