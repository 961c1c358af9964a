"""Run the pipeline over a gold corpus and score it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .gold import GoldArticle
from .score import Report, score


def evaluate_corpus(
    articles: Iterable[GoldArticle],
    *,
    segmenter: str = "pkuseg",
    model_dir: str | Path | None = None,
) -> Report:
    """Extract each gold article with a fresh pipeline and score the records against the gold.

    The article's ``published`` date from the gold is NOT passed in: the pipeline must find it
    in the header itself, as it would for a user.
    """
    from ..api import process
    from ..pipeline import load

    nlp = load(segmenter, model_dir=model_dir)
    triples = []
    for article in articles:
        record = process(nlp, article.text, id=article.id)._.record
        triples.append((article.id, article.gold, record))
    return score(triples)
