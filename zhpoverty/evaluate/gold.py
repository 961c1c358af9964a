"""Read and validate gold annotations in the ``corpus/`` format (see ``corpus/README.md``).

Run ``python -m zhpoverty.evaluate.gold corpus/`` to check every ``*.gold.json`` in a folder:
offsets match the text, labels, units, indicators and aid types come from the vocabulary, and
each record points at a listed quantity. It prints one line per problem and exits 1 if any.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import vocabulary as vocab

_ISO = re.compile(
    r"^(\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2})?)?)?)?)"
    r"(/(\d{4}(-\d{2}(-\d{2})?)?|\.\.))?$"
)
_SPAN_LISTS = ("headings", "captions", "quantities", "dates", "places", "organizations", "people")


@dataclass(frozen=True)
class GoldArticle:
    """One article of a gold corpus: its id, text and annotation (the parsed JSON)."""

    id: str
    text: str
    gold: dict[str, Any]
    path: Path


def iter_gold(folder: str | Path) -> Iterator[GoldArticle]:
    """Yield the gold articles of ``folder`` (pairs ``<id>.txt`` / ``<id>.gold.json``), by id."""
    folder = Path(folder)
    for gold_path in sorted(folder.glob("*.gold.json")):
        article_id = gold_path.name[: -len(".gold.json")]
        text = (folder / f"{article_id}.txt").read_text(encoding="utf-8")
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        yield GoldArticle(id=article_id, text=text, gold=gold, path=gold_path)


def validate(article: GoldArticle) -> list[str]:
    """Return the problems of one gold annotation (empty when it is valid)."""
    g, text, problems = article.gold, article.text, []

    def bad(msg: str) -> None:
        problems.append(f"{article.path.name}: {msg}")

    if g.get("id") != article.id:
        bad(f"id {g.get('id')!r} differs from the file name {article.id!r}")
    if g.get("script") not in ("simplified", "traditional"):
        bad(f"script must be 'simplified' or 'traditional', got {g.get('script')!r}")
    if g.get("published") is not None and not _ISO.match(str(g["published"])):
        bad(f"published {g['published']!r} is not ISO 8601")
    for key in _SPAN_LISTS:
        for i, item in enumerate(g.get(key, [])):
            start, end = item.get("start"), item.get("end")
            if not (
                isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
            ):
                bad(f"{key}[{i}] has invalid offsets {start}..{end}")
            elif text[start:end] != item.get("text"):
                bad(
                    f"{key}[{i}] text {item.get('text')!r} != article[{start}:{end}] "
                    f"{text[start:end]!r}"
                )
    units = vocab.canonical_units()
    starts = set()
    for i, q in enumerate(g.get("quantities", [])):
        starts.add(q.get("start"))
        if q.get("label") not in vocab.QUANTITY_LABELS:
            bad(f"quantities[{i}] label {q.get('label')!r} not in {vocab.QUANTITY_LABELS}")
        if q.get("unit") not in units:
            bad(f"quantities[{i}] unit {q.get('unit')!r} is not a canonical unit")
        elif units[q["unit"]]["label"] != q.get("label"):
            bad(f"quantities[{i}] unit {q['unit']} goes with label {units[q['unit']]['label']}")
        if q.get("approx") not in (None, *vocab.APPROX_VALUES):
            bad(f"quantities[{i}] approx {q.get('approx')!r} invalid")
        has_value, has_range = q.get("value") is not None, q.get("range") is not None
        if has_value == has_range:
            bad(f"quantities[{i}] needs exactly one of value and range")
        if has_range and not (
            isinstance(q["range"], list) and len(q["range"]) == 2 and q["range"][0] < q["range"][1]
        ):
            bad(f"quantities[{i}] range must be [low, high] with low < high")
    for i, d in enumerate(g.get("dates", [])):
        if d.get("label") not in vocab.DATE_LABELS:
            bad(f"dates[{i}] label {d.get('label')!r} invalid")
        if not _ISO.match(str(d.get("value"))):
            bad(f"dates[{i}] value {d.get('value')!r} is not ISO 8601")
    for i, p in enumerate(g.get("places", [])):
        if not re.fullmatch(r"\d{6}", str(p.get("code"))):
            bad(f"places[{i}] code {p.get('code')!r} is not 6 digits")
        if p.get("level") not in vocab.PLACE_LEVELS:
            bad(f"places[{i}] level {p.get('level')!r} invalid")
    labels = vocab.aid_type_labels()
    for label in g.get("aid_types", []):
        if label not in labels:
            bad(f"aid type {label!r} is not a label")
    indicators = vocab.indicators()
    for i, r in enumerate(g.get("records", [])):
        if r.get("quantity_start") not in starts:
            bad(f"records[{i}] quantity_start {r.get('quantity_start')} is no quantity's start")
        if r.get("indicator") not in indicators:
            bad(f"records[{i}] indicator {r.get('indicator')!r} invalid")
        if r.get("aid_type") is not None and r["aid_type"] not in labels:
            bad(f"records[{i}] aid_type {r['aid_type']!r} invalid")
    return problems


def main(argv: list[str] | None = None) -> int:
    """Validate every gold file in the folders given on the command line."""
    args = sys.argv[1:] if argv is None else argv
    problems = [p for folder in args or ["corpus"] for a in iter_gold(folder) for p in validate(a)]
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
