from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from zhpoverty.errors import InputError
from zhpoverty.io.outputs import RecordWriter, check_target, infer_format
from zhpoverty.record.table import COLUMNS

RECORD = {
    "id": "a1",
    "title": "标题",
    "published": "2020-03-18",
    "places": [
        {"name": "甘肃省陇南市成县"},
        {"name": "山东省青岛市城阳区"},
        {"name": "甘肃省陇南市成县"},
    ],
    "quantities": [
        {"text": "1.6亿元", "value": 160000000, "si": None},
        {"text": "2-4所", "value": None, "si": None},
    ],
    "records": [
        {
            "indicator": "investment",
            "value": 160000000,
            "unit": "CNY",
            "approx": None,
            "range": None,
            "quantity": 0,
            "quantity_text": "1.6亿元",
            "aid_type": "industry",
            "evidence": {"text": "投资1.6亿元。", "start": 3, "end": 11},
        },
        {
            "indicator": "other",
            "value": None,
            "unit": "school",
            "approx": None,
            "range": [2, 4],
            "quantity": 1,
            "quantity_text": "2-4所",
            "aid_type": "education",
            "evidence": {"text": "确立2-4所学校。", "start": 20, "end": 29},
        },
    ],
}


@pytest.mark.parametrize(
    ("name", "explicit", "fmt"),
    [
        ("o.jsonl", None, "jsonl"),
        ("o.CSV", None, "csv"),
        ("o.parquet", None, "parquet"),
        ("o.txt", "csv", "csv"),
    ],
)
def test_infer_format(name: str, explicit: str | None, fmt: str) -> None:
    assert infer_format(Path(name), explicit) == fmt


def test_unknown_format_and_existing_target(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"\[E508\]"):
        infer_format(tmp_path / "o.xlsx", None)
    target = tmp_path / "o.csv"
    target.write_text("keep me", encoding="utf-8")
    with pytest.raises(InputError, match=r"\[E507\]"):
        check_target(target, force=False)
    check_target(target, force=True)


def test_csv_rows_are_flattened_with_article_fields(tmp_path: Path) -> None:
    out = tmp_path / "records.csv"
    with RecordWriter(out, "csv") as writer:
        writer.write(RECORD)
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == list(COLUMNS)
    assert [r["indicator"] for r in rows] == ["investment", "other"]
    assert rows[0]["article_places"] == "甘肃省陇南市成县;山东省青岛市城阳区"
    assert (rows[1]["range_low"], rows[1]["range_high"], rows[1]["value"]) == ("2", "4", "")
    assert (writer.articles, writer.rows) == (1, 2)


def test_jsonl_and_parquet(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    with RecordWriter(tmp_path / "a.jsonl", "jsonl") as writer:
        writer.write(RECORD)
        writer.write(RECORD)
    lines = (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["a1", "a1"]
    with RecordWriter(tmp_path / "r.parquet", "parquet") as writer:
        writer.write(RECORD)
    table = pq.read_table(tmp_path / "r.parquet")
    assert table.column_names == list(COLUMNS)
    assert table.column("value").to_pylist() == [160000000.0, None]


def test_failure_leaves_no_file_and_keeps_the_old_one(tmp_path: Path) -> None:
    out = tmp_path / "records.csv"
    out.write_text("old", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt), RecordWriter(out, "csv") as writer:
        writer.write(RECORD)
        raise KeyboardInterrupt
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["records.csv"]


def test_output_gets_ordinary_permissions(tmp_path: Path) -> None:
    import os
    import stat

    out = tmp_path / "records.csv"
    with RecordWriter(out, "csv") as writer:
        writer.write(RECORD)
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~mask


def test_parquet_survives_a_number_no_float_can_hold(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    huge = {**RECORD, "records": [{**RECORD["records"][0], "value": int("9" * 400)}]}
    with RecordWriter(tmp_path / "r.parquet", "parquet") as writer:
        writer.write(huge)
    assert pq.read_table(tmp_path / "r.parquet").column("value").to_pylist() == [None]
