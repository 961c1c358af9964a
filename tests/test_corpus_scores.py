"""CI guard: the pipeline's scores on the gold corpus do not fall below the recorded levels.

The levels (``corpus/thresholds.json``, ``corpus/heldout/thresholds.json``) were set 0.02 below
the scores measured when they were recorded (see docs/evaluation.md); raise them when the
pipeline improves.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zhpoverty.evaluate.gold import iter_gold, validate
from zhpoverty.evaluate.run import evaluate_corpus
from zhpoverty.evaluate.score import below

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.mark.parametrize(
    "folder",
    [CORPUS, CORPUS / "heldout", CORPUS / "heldout2"],
    ids=["corpus", "heldout", "heldout2"],
)
def test_scores_stay_at_or_above_the_recorded_levels(folder: Path) -> None:
    articles = list(iter_gold(folder))
    assert len(articles) >= 6
    assert [p for a in articles for p in validate(a)] == []
    report = evaluate_corpus(articles, segmenter="pkuseg")
    limits = json.loads((folder / "thresholds.json").read_text(encoding="utf-8"))
    assert set(limits) == set(report.tasks) | set(report.attributes)
    assert below(report, limits) == []
