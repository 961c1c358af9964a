"""Dates and quantities agree on their boundary: a year is a date, never a quantity.

Runs both finders over every sentence of the quantity and date tables and every corpus article
and checks that no quantity overlaps a date.
"""

from __future__ import annotations

import json
from pathlib import Path

from zhpoverty.find.dates import find_dates
from zhpoverty.find.quantities import find_quantities

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").rglob("*.txt"))]
    for name in ("quantity_cases.jsonl", "date_cases.jsonl"):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            texts.append(row.get("sentence") or row.get("text") or "")
    texts += [
        line.split("\t", 1)[1]
        for line in (DATA / "quantity_negatives.tsv").read_text(encoding="utf-8").splitlines()
        if "\t" in line and not line.startswith(("#", "category"))
    ]
    return [t for t in texts if t]


def test_no_quantity_overlaps_a_date() -> None:
    texts = _texts()
    assert len(texts) > 400
    clashes = []
    for text in texts:
        dates = find_dates(text, reference="2020-03-18")
        for q in find_quantities(text):
            for d in dates:
                if q.start < d.end and d.start < q.end:
                    clashes.append((text[:30], q.text, d.text))
    assert clashes == []


def test_years_are_dates_and_durations_are_quantities() -> None:
    text = "2019年以来，城阳区利用三年时间，在二〇二〇年4月份投资1.6亿元。"
    assert [d.text for d in find_dates(text, reference="2020-03-18")] == [
        "2019年以来", "二〇二〇年4月份"
    ]  # fmt: skip
    assert [q.text for q in find_quantities(text)] == ["三年", "1.6亿元"]
