from __future__ import annotations

import pytest

from zhpoverty.evaluate.score import below, score

GOLD = {
    "quantities": [
        {
            "start": 0,
            "end": 5,
            "value": 69000000,
            "range": None,
            "approx": "over",
            "unit": "CNY",
            "label": "MONEY",
        },
        {
            "start": 10,
            "end": 14,
            "value": 784,
            "range": None,
            "approx": None,
            "unit": "person",
            "label": "CARDINAL",
        },
    ],
    "places": [{"start": 20, "end": 22, "code": "370214"}],
    "aid_types": ["industry", "consumption"],
    "records": [
        {
            "quantity_start": 0,
            "indicator": "sales",
            "value": 69000000,
            "unit": "CNY",
            "range": None,
            "aid_type": "consumption",
            "date": "2019",
        },
    ],
}
PRED = {
    "quantities": [
        {
            "start": 0,
            "end": 5,
            "value": 69000000.0,
            "range": None,
            "approx": "over",
            "unit": "CNY",
            "label": "MONEY",
        },
        {
            "start": 10,
            "end": 14,
            "value": 784,
            "range": None,
            "approx": None,
            "unit": "item",
            "label": "CARDINAL",
        },
        {
            "start": 30,
            "end": 32,
            "value": 2,
            "range": None,
            "approx": None,
            "unit": "item",
            "label": "CARDINAL",
        },
    ],
    "places": [{"start": 20, "end": 22, "code": "370200"}],
    "aid_types": [{"label": "industry"}],
    "records": [
        {
            "quantity": 0,
            "indicator": "sales",
            "value": 69000000,
            "unit": "CNY",
            "range": None,
            "aid_type": "consumption",
            "date": "2020",
        },
    ],
}


def test_tallies_per_task() -> None:
    report = score([("a", GOLD, PRED)])
    tasks = report.as_dict()["tasks"]
    assert tasks["quantities.span"] == {
        "p": pytest.approx(2 / 3, abs=1e-4),
        "r": 1.0,
        "f1": 0.8,
        "tp": 2,
        "fp": 1,
        "fn": 0,
    }
    assert (tasks["quantities.value"]["tp"], tasks["quantities.unit"]["tp"]) == (2, 1)
    assert (tasks["places.code"]["tp"], tasks["places.code"]["fp"]) == (0, 1)
    assert (tasks["aid_types.label"]["tp"], tasks["aid_types.label"]["fn"]) == (1, 1)
    assert tasks["records.full"]["tp"] == 1
    assert report.as_dict()["attributes"]["records.date"] == {"accuracy": 0.0, "n": 1}


def test_thresholds() -> None:
    report = score([("a", GOLD, PRED)])
    assert below(report, {"quantities.span": {"r": 1.0}}) == []
    assert below(report, {"places.code": {"f1": 0.5}}) == ["places.code: f1 0.0000 < 0.5000"]
    assert below(report, {"nothing": {"f1": 0.5}}) == ["nothing: not scored"]
    assert below(report, {"records.date": {"accuracy": 0.5}}) == [
        "records.date: accuracy 0.0000 < 0.5000"
    ]
    assert below(report, {"records.date": {"accuracy": 0.0}}) == []
