"""Flatten article records into the records table: one row per stated indicator.

Each row carries the article's id, title, date and places so that the table can be loaded into
pandas, DuckDB or a spreadsheet and filtered without joining anything. Column order is fixed
(:data:`COLUMNS`); values are plain scalars (lists are joined with ``;``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

COLUMNS: tuple[str, ...] = (
    "article_id",
    "title",
    "published",
    "article_places",
    "indicator",
    "value",
    "range_low",
    "range_high",
    "unit",
    "approx",
    "quantity_text",
    "si_value",
    "si_unit",
    "aid_type",
    "subject",
    "place",
    "place_code",
    "date",
    "cue",
    "evidence",
    "evidence_start",
    "evidence_end",
)


def article_places(record: Mapping[str, Any]) -> str:
    """The distinct full names of the places an article mentions, in order of first mention."""
    names = dict.fromkeys(p["name"] for p in record.get("places", []))
    return ";".join(names)


def flatten(record: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The rows of the records table for one article record (possibly none)."""
    places = article_places(record)
    quantities = record.get("quantities", [])
    rows = []
    for row in record.get("records", []):
        quantity = quantities[row["quantity"]] if row["quantity"] < len(quantities) else {}
        low, high = row["range"] if row.get("range") else (None, None)
        si = quantity.get("si") or {}
        evidence = row.get("evidence") or {}
        rows.append(
            {
                "article_id": record.get("id"),
                "title": record.get("title"),
                "published": record.get("published"),
                "article_places": places,
                "indicator": row["indicator"],
                "value": row.get("value"),
                "range_low": low,
                "range_high": high,
                "unit": row.get("unit"),
                "approx": row.get("approx"),
                "quantity_text": row.get("quantity_text"),
                "si_value": si.get("value"),
                "si_unit": si.get("unit"),
                "aid_type": row.get("aid_type"),
                "subject": row.get("subject"),
                "place": row.get("place"),
                "place_code": row.get("place_code"),
                "date": row.get("date"),
                "cue": row.get("cue"),
                "evidence": evidence.get("text"),
                "evidence_start": evidence.get("start"),
                "evidence_end": evidence.get("end"),
            }
        )
    return rows
