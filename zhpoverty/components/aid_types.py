"""spaCy component `zhpoverty_aid_types` (being written)."""

from __future__ import annotations

from spacy.language import Language


@Language.factory("zhpoverty_aid_types")
def make_aid_types(nlp: Language, name: str):
    raise NotImplementedError("zhpoverty_aid_types is being written")
