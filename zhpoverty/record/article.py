"""The article record: everything extracted from one article, as plain data (SPEC §5)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..text.sentences import split_sentences
from ..text.structure import Article
from .rows import build_records

Mention = Mapping[str, Any]


def _span(span: Any) -> dict[str, Any] | None:
    return None if span is None else {"text": span.text, "start": span.start, "end": span.end}


def build_article_record(
    text: str,
    *,
    id: str,
    published: str | None,
    article: Article,
    shadow: str,
    quantities: Sequence[Mention],
    dates: Sequence[Mention],
    places: Sequence[Mention],
    organizations: Sequence[Mention],
    people: Sequence[Mention],
    aid_types: Sequence[Mention],
    cats: Mapping[str, float],
    aid_type_at: Callable[[int, int], str | None] | None,
) -> dict[str, Any]:
    """Assemble the article record; ``published`` (the caller's) wins over the header's date.

    Records are built on whole sentences (split at 。!? but not at ;), so that a subject named at
    the start of a sentence reaches the clauses after its semicolons.
    """
    published = published or article.published
    excluded = [(s.start, s.end) for s in (*article.captions, *article.headings, *article.headers)]
    if article.title is not None:
        excluded.append((article.title.start, article.title.end))
    if article.byline is not None:
        excluded.append((article.byline.span.start, article.byline.span.end))
    # only the sentences of paragraphs that hold a quantity can hold a record
    starts = sorted([q["start"] for q in quantities])
    sentences = [
        sentence
        for p in article.paragraphs
        if bisect_left(starts, p.end) > bisect_left(starts, p.start)
        for sentence in split_sentences(
            text, shadow=shadow, start=p.start, end=p.end, semicolon=False
        )
    ]
    records = build_records(
        text,
        quantities=quantities,
        sentences=sentences,
        paragraphs=[(p.start, p.end) for p in article.paragraphs],
        excluded=excluded,
        dates=dates,
        places=places,
        organizations=organizations,
        aid_type_at=aid_type_at,
        published=published,
        shadow=shadow,
    )
    byline = None
    if article.byline is not None:
        byline = {
            **_span(article.byline.span),
            "people": [p.as_dict() for p in article.byline.people],
        }
    return {
        "id": id,
        "title": article.title.text if article.title is not None else None,
        "published": published,
        "source": article.source.text if article.source is not None else None,
        "byline": byline,
        "headings": [_span(h) for h in article.headings],
        "captions": [_span(c) for c in article.captions],
        "aid_types": list(aid_types),
        "cats": {k: round(float(v), 4) for k, v in cats.items()},
        "quantities": list(quantities),
        "dates": list(dates),
        "places": list(places),
        "organizations": list(organizations),
        "people": list(people),
        "records": records,
    }
