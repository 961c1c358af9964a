"""Score article records against gold annotations: precision, recall and F1 per task.

Matching is exact on offsets (the gold and the pipeline read the same text), then on the fields
named by each task:

==================  =================================================================
quantities.span     the quantity's start and end
quantities.value    span + value or range + approx
quantities.unit     span + value or range + approx + unit (and label)
dates.value         span + ISO value
places.code         span + 6-digit code
organizations.span  span
people.title        span + title
aid_types.label     the set of asserted labels
records.indicator   the quantity's start + indicator
records.full        indicator + value/range + unit + aid type
==================  =================================================================

Record attributes that the gold gives (``subject``, ``place``, ``date``) are scored as accuracy
over the matched records that have them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

Key = tuple[Any, ...]


@dataclass
class Tally:
    """True positives, false positives and false negatives of one task."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set[Key], pred: set[Key]) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "p": round(self.precision, 4),
            "r": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def _num(value: Any) -> Any:
    """Numbers compare by value whatever their JSON type (69000000 == 69000000.0)."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, (list, tuple)):
        return tuple(_num(v) for v in value)
    return value


def _span(m: Mapping[str, Any]) -> Key:
    return (m["start"], m["end"])


TASKS: dict[str, tuple[str, Callable[[Mapping[str, Any]], Key]]] = {
    "quantities.span": ("quantities", _span),
    "quantities.value": (
        "quantities",
        lambda q: (*_span(q), _num(q.get("value")), _num(q.get("range")), q.get("approx")),
    ),
    "quantities.unit": (
        "quantities",
        lambda q: (
            *_span(q),
            _num(q.get("value")),
            _num(q.get("range")),
            q.get("approx"),
            q.get("unit"),
            q.get("label"),
        ),
    ),
    "dates.value": ("dates", lambda d: (*_span(d), d.get("value"))),
    "places.code": ("places", lambda p: (*_span(p), p.get("code"))),
    "organizations.span": ("organizations", _span),
    "people.title": ("people", lambda p: (*_span(p), p.get("title"))),
}


def _pred_records(pred: Mapping[str, Any]) -> list[dict[str, Any]]:
    quantities = pred.get("quantities", [])
    out = []
    for r in pred.get("records", []):
        q = quantities[r["quantity"]] if r.get("quantity", -1) < len(quantities) else None
        if q is not None:
            out.append({**r, "quantity_start": q["start"]})
    return out


@dataclass
class Report:
    """Scores of a run over a gold corpus: per task, per article, and attribute accuracies."""

    tasks: dict[str, Tally] = field(default_factory=dict)
    per_article: dict[str, dict[str, Tally]] = field(default_factory=dict)
    attributes: dict[str, list[int]] = field(default_factory=dict)  # name → [correct, total]

    def add(self, article_id: str, gold: Mapping[str, Any], pred: Mapping[str, Any]) -> None:
        """Score one article and add it to the totals."""
        mine: dict[str, Tally] = {}
        for task, (key, make) in TASKS.items():
            g = {make(m) for m in gold.get(key, [])}
            p = {make(m) for m in pred.get(key, [])}
            mine.setdefault(task, Tally()).add(g, p)
        mine["aid_types.label"] = Tally()
        mine["aid_types.label"].add(
            {(lab,) for lab in gold.get("aid_types", [])},
            {(a["label"],) for a in pred.get("aid_types", [])},
        )
        self._records(gold, pred, mine)
        self.per_article[article_id] = mine
        for task, tally in mine.items():
            total = self.tasks.setdefault(task, Tally())
            total.tp += tally.tp
            total.fp += tally.fp
            total.fn += tally.fn

    def _records(
        self, gold: Mapping[str, Any], pred: Mapping[str, Any], mine: dict[str, Tally]
    ) -> None:
        gold_records = gold.get("records", [])
        pred_records = _pred_records(pred)

        def full(r: Mapping[str, Any]) -> Key:
            return (
                r["quantity_start"],
                r["indicator"],
                _num(r.get("value")),
                _num(r.get("range")),
                r.get("unit"),
                r.get("aid_type"),
            )

        mine["records.indicator"] = Tally()
        mine["records.indicator"].add(
            {(r["quantity_start"], r["indicator"]) for r in gold_records},
            {(r["quantity_start"], r["indicator"]) for r in pred_records},
        )
        mine["records.full"] = Tally()
        mine["records.full"].add({full(r) for r in gold_records}, {full(r) for r in pred_records})
        by_start = {r["quantity_start"]: r for r in pred_records}
        for g in gold_records:
            p = by_start.get(g["quantity_start"])
            if p is None:
                continue
            for attr in ("subject", "place", "date"):
                if attr in g:
                    slot = self.attributes.setdefault(f"records.{attr}", [0, 0])
                    slot[0] += int(p.get(attr) == g[attr])
                    slot[1] += 1

    def as_dict(self) -> dict[str, Any]:
        """Plain data: totals per task, attribute accuracies and per-article F1."""
        return {
            "tasks": {t: tally.as_dict() for t, tally in self.tasks.items()},
            "attributes": {
                name: {"accuracy": round(c / n, 4) if n else None, "n": n}
                for name, (c, n) in self.attributes.items()
            },
            "articles": {
                a: {t: round(tally.f1, 4) for t, tally in tallies.items()}
                for a, tallies in self.per_article.items()
            },
        }


def score(pairs: Iterable[tuple[str, Mapping[str, Any], Mapping[str, Any]]]) -> Report:
    """Score ``(article_id, gold, predicted_record)`` triples."""
    report = Report()
    for article_id, gold, pred in pairs:
        report.add(article_id, gold, pred)
    return report


def below(report: Report, thresholds: Mapping[str, Mapping[str, float]]) -> list[str]:
    """The scores below ``thresholds``: ``{"task": {"p": .., "r": .., "f1": ..}}`` for tasks,
    ``{"records.subject": {"accuracy": ..}}`` for record attributes."""
    failures = []
    for task, limits in thresholds.items():
        if task in report.attributes:
            correct, n = report.attributes[task]
            got = {"accuracy": correct / n if n else 0.0}
        elif task in report.tasks:
            got = report.tasks[task].as_dict()
        else:
            failures.append(f"{task}: not scored")
            continue
        for metric, limit in limits.items():
            if float(got[metric]) + 1e-9 < float(limit):
                failures.append(f"{task}: {metric} {got[metric]:.4f} < {limit:.4f}")
    return failures
