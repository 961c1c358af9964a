from __future__ import annotations

import spacy
from spacy.tokens import DocBin

from zhpoverty.components.extensions import register_extensions, set_span_value


def test_set_span_value_is_what_span_underscore_set_writes() -> None:
    register_extensions()
    nlp = spacy.blank("zh")
    text = "投资1.6亿元，带动就业784人。"
    direct, through_spacy = nlp(text), nlp(text)
    value = {"value": 160000000, "unit": "CNY"}
    for doc in (direct, through_spacy):
        doc.spans["quantities"] = [doc.char_span(2, 7, label="MONEY")]
    set_span_value(direct, "quantity", direct.spans["quantities"][0], value)
    through_spacy.spans["quantities"][0]._.set("quantity", value)

    assert direct.user_data == through_spacy.user_data
    span = direct.spans["quantities"][0]
    assert span._.quantity == value
    assert direct.char_span(2, 7)._.get("quantity") == value  # any Span over the same characters
    assert direct.char_span(2, 6)._.quantity is None


def test_set_span_value_survives_a_docbin_round_trip() -> None:
    register_extensions()
    nlp = spacy.blank("zh")
    doc = nlp("销售农产品6900余万元。")
    span = doc.char_span(5, 12, label="MONEY")
    doc.spans["quantities"] = [span]
    set_span_value(doc, "quantity", span, {"value": 69000000, "approx": "over"})

    (back,) = DocBin(store_user_data=True, docs=[doc]).get_docs(nlp.vocab)
    assert back.spans["quantities"][0]._.quantity == {"value": 69000000, "approx": "over"}
