"""The records tables shown in README.md and docs/index.md are what the pipeline gives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from spacy.language import Language

from zhpoverty.api import extract

ROOT = Path(__file__).resolve().parents[2]
COLUMNS = ("indicator", "value", "unit", "approx", "quantity_text", "aid_type", "subject", "place")


def documented_rows(path: Path) -> list[dict[str, str]]:
    """Rows of the page's records table for the reference article (its column order)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells[0] == "qingdao-chengyang-2020-03-18" and len(cells) == 10:
            rows.append(dict(zip(("article_id", *COLUMNS, "date"), cells, strict=True)))
    return rows


@pytest.mark.parametrize("page", ["README.md", "docs/index.md"])
def test_the_documented_records_are_the_pipelines(
    page: str, nlp: Language, reference_text: str
) -> None:
    documented = documented_rows(ROOT / page)
    table_lines = [
        line
        for line in (ROOT / page).read_text(encoding="utf-8").splitlines()
        if line.startswith("| qingdao-chengyang-2020-03-18 |")
    ]
    assert len(documented) == len(table_lines) >= 4  # every row of the table is checked
    actual = [
        {
            "indicator": r["indicator"],
            "value": "" if r["value"] is None else str(r["value"]),
            "unit": r["unit"],
            "approx": r["approx"] or "",
            "quantity_text": r["quantity_text"],
            "aid_type": r["aid_type"] or "",
            "subject": r["subject"] or "",
            "place": r["place"] or "",
            "date": r["date"] or "",
        }
        for r in extract(reference_text, nlp=nlp)["records"]
    ]
    for row in documented:
        row = {k: v for k, v in row.items() if k != "article_id"}
        row["quantity_text"] = re.sub(r" \(range .*\)$", "", row["quantity_text"])
        assert row in actual, row
