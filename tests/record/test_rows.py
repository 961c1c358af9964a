"""Indicator rows from plain mentions, without spaCy."""

from __future__ import annotations

from zhpoverty.find.quantities import find_quantities
from zhpoverty.record.rows import build_records


def test_traditional_text_without_a_shadow_is_normalised() -> None:
    text = "城陽區2019年組織消費扶貧6900餘萬元。"
    quantities = [q.as_dict() for q in find_quantities(text)]
    places = [
        {"text": "城陽區", "start": 0, "end": 3, "name": "山东省青岛市城阳区", "code": "370214"}
    ]
    (row,) = build_records(
        text, quantities=quantities, sentences=[(0, len(text))], places=places, published="2020"
    )
    assert (row["indicator"], row["value"], row["cue"]) == ("sales", 69000000, "消費扶貧")
    assert (row["subject"], row["place_code"], row["date"]) == (
        "山东省青岛市城阳区",
        "370214",
        "2020",
    )


def test_quantities_in_captions_and_durations_give_no_row() -> None:
    text = "1-项目占地100亩效果图\n计划利用三年时间投资1.6亿元。"
    quantities = [q.as_dict() for q in find_quantities(text)]
    caption = (0, text.index("\n"))
    rows = build_records(
        text, quantities=quantities, sentences=[(caption[1] + 1, len(text))], excluded=[caption]
    )
    assert [(r["indicator"], r["quantity_text"]) for r in rows] == [("investment", "1.6亿元")]
