"""spaCy component ``zhpoverty_entities``: places (GPE), organisations (ORG) and people (PERSON).

A thin shell over the pure finders in :mod:`zhpoverty.find`: organisations are found first, then
people with the title and organisation the text gives, then places outside both (a place prefix
inside 青岛利和萃取有限公司 is part of the company's name, and 永昌 inside 张永昌 is no
永昌县). Writes ``doc.spans`` (three keys), ``doc.ents`` (GPE, ORG, PERSON) and ``span._.place`` /
``span._.organization`` / ``span._.person``.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from .batching import BatchedPipe
from .extensions import register_extensions, set_span_value
from .settings import check_key, check_type
from .spans import add_entities, fit_spans

COMPONENT = "zhpoverty_entities"


@Language.factory(
    COMPONENT,
    default_config={
        "places_key": "places",
        "organizations_key": "organizations",
        "people_key": "people",
        "set_ents": True,
        "overwrite_ents": False,
    },
    assigns=["doc.spans", "doc.ents", "span._.place", "span._.organization", "span._.person"],
)
def make_entities(
    nlp: Language,
    name: str,
    places_key: str,
    organizations_key: str,
    people_key: str,
    set_ents: bool,
    overwrite_ents: bool,
) -> EntityRecognizer:
    """Create the entity recognizer (see :class:`EntityRecognizer`)."""
    return EntityRecognizer(
        name=name,
        places_key=places_key,
        organizations_key=organizations_key,
        people_key=people_key,
        set_ents=set_ents,
        overwrite_ents=overwrite_ents,
    )


class EntityRecognizer(BatchedPipe):
    """Find places, organisations and people in ``doc.text`` and attach them."""

    def __init__(
        self,
        *,
        name: str = COMPONENT,
        places_key: str = "places",
        organizations_key: str = "organizations",
        people_key: str = "people",
        set_ents: bool = True,
        overwrite_ents: bool = False,
    ) -> None:
        for setting, value in (
            ("places_key", places_key),
            ("organizations_key", organizations_key),
            ("people_key", people_key),
        ):
            check_key(COMPONENT, setting, value)
        check_type(COMPONENT, "set_ents", set_ents, bool)
        check_type(COMPONENT, "overwrite_ents", overwrite_ents, bool)
        register_extensions()
        self.name = name
        self.keys = {"place": places_key, "organization": organizations_key, "person": people_key}
        self.set_ents = set_ents
        self.overwrite_ents = overwrite_ents

    def __call__(self, doc: Doc) -> Doc:
        from ..find.organizations import find_organizations
        from ..find.people import find_people
        from ..find.places import find_places
        from .doc_text import remember, shadow_of, text_of

        text, shadow = text_of(doc), shadow_of(doc)
        orgs = find_organizations(text, shadow=shadow)
        people = find_people(text, shadow=shadow, organizations=orgs)
        taken = [(m.start, m.end) for m in (*orgs, *people)]
        places = find_places(text, shadow=shadow, exclude=taken)
        kinds = (
            ("organization", "ORG", orgs),
            ("place", "GPE", places),
            ("person", "PERSON", people),
        )
        found = [(attr, label, m) for attr, label, group in kinds for m in group]
        doc, spans = fit_spans(
            doc, [(m.start, m.end) for _, _, m in found], [label for _, label, _ in found]
        )
        groups: dict[str, tuple[list[Span], list[dict[str, Any]]]] = {
            a: ([], []) for a, _, _ in kinds
        }
        for (attr, _, mention), span in zip(found, spans, strict=True):
            if span is not None:
                plain = mention.as_dict()
                set_span_value(doc, attr, span, plain)
                groups[attr][0].append(span)
                groups[attr][1].append(plain)
        for attr, (kept, data) in groups.items():
            doc.spans[self.keys[attr]] = kept
            remember(doc, f"mentions:{self.keys[attr]}", data)
        if self.set_ents:
            add_entities(
                doc, [s for kept, _ in groups.values() for s in kept], overwrite=self.overwrite_ents
            )
        return doc
