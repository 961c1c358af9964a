"""spaCy component `zhpoverty_records` (being written)."""

from __future__ import annotations

from spacy.language import Language


@Language.factory("zhpoverty_records")
def make_records(nlp: Language, name: str):
    raise NotImplementedError("zhpoverty_records is being written")
