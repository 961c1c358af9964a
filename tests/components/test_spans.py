from __future__ import annotations

import spacy
from spacy.language import Language

from zhpoverty.components.spans import add_entities, fit_spans, split_at


def _jieba() -> Language:
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})


def test_split_at_cuts_a_token_that_straddles_an_edge() -> None:
    doc = _jieba()("中国第一套花椒原产地万升级二氧化碳超临界萃取装置")
    assert "升级" in [t.text for t in doc]
    start = doc.text.index("万升")
    assert split_at(doc, [start + 2]) is doc
    assert [t.text for t in doc][4:7] == ["万", "升", "级"]
    assert doc.text == "中国第一套花椒原产地万升级二氧化碳超临界萃取装置"


def test_fit_spans_merges_and_is_exact_whatever_the_segmenter() -> None:
    text = "投资1.6亿元,带动贫困就业784人。"
    for nlp in (spacy.blank("zh"), _jieba()):
        doc = nlp(text)
        wanted = [(text.index(w), text.index(w) + len(w)) for w in ("1.6亿元", "784人")]
        doc, spans = fit_spans(doc, wanted, ["MONEY", "CARDINAL"], merge=True)
        assert [(s.text, s.label_, len(s)) for s in spans] == [
            ("1.6亿元", "MONEY", 1),
            ("784人", "CARDINAL", 1),
        ]
        assert doc.text == text


def test_fit_spans_keeps_whitespace_and_alignment() -> None:
    text = "青岛城阳  投资 1.6亿元\n\n晚报讯"
    doc = spacy.blank("zh")(text)
    start = text.index("1.6")
    doc, (span,) = fit_spans(doc, [(start, start + len("1.6亿元"))], ["MONEY"], merge=True)
    assert span.text == "1.6亿元" and doc.text == text


def test_fit_spans_remakes_fitting_spans_after_a_cut_before_them() -> None:
    # 升级 must be cut for 万升; 二氧化碳 already fits, but its token indices move with the cut
    doc = _jieba()("万升级二氧化碳超临界萃取装置投资1.6亿元")
    text = doc.text
    wanted = [(0, 2), (text.index("二氧化碳"), text.index("二氧化碳") + 4)]
    wanted.append((text.index("1.6亿元"), len(text)))
    doc, spans = fit_spans(doc, wanted, ["QUANTITY", "CHEM", "MONEY"])
    assert [s.text for s in spans] == ["万升", "二氧化碳", "1.6亿元"]
    assert [(s.start_char, s.end_char) for s in spans] == wanted


def test_fit_spans_without_split_expands_to_whole_tokens() -> None:
    doc = _jieba()("万升级二氧化碳")
    doc, (span,) = fit_spans(doc, [(0, 2)], ["QUANTITY"], split=False)
    assert span.text == "万升级" and [t.text for t in doc][:2] == ["万", "升级"]


def test_add_entities_never_raises_on_overlap() -> None:
    doc = spacy.blank("zh")("城阳区投资1.6亿元")
    existing = doc.char_span(0, 3, label="GPE")
    doc.ents = [existing]
    overlapping = doc.char_span(2, 5, label="ORG")
    money = doc.char_span(5, 10, label="MONEY")
    add_entities(doc, [overlapping, money])
    assert [(e.text, e.label_) for e in doc.ents] == [("城阳区", "GPE"), ("1.6亿元", "MONEY")]
    add_entities(doc, [overlapping], overwrite=True)
    assert [(e.text, e.label_) for e in doc.ents] == [("区投资", "ORG"), ("1.6亿元", "MONEY")]


def test_many_cuts_rebuild_the_doc_with_the_same_tokens_and_annotations() -> None:
    from spacy.tokens import Span

    from zhpoverty.components.extensions import register_extensions

    register_extensions()
    nlp = _jieba()
    text = "中国第一套花椒原产地万升级二氧化碳超临界萃取装置。" * 40
    offsets = [i + 12 for i in range(0, len(text), len(text) // 40)]  # 升|级: 40 cuts
    by_retokenizer = nlp(text)
    for off in offsets:  # one cut at a time: below the rebuild threshold
        split_at(by_retokenizer, [off])
    doc = nlp(text)
    doc.ents = [doc.char_span(0, 2, label="GPE")]
    doc.spans["mine"] = [doc.char_span(2, 5, label="X")]
    doc._.record = {"kept": True}
    doc.cats = {"industry": 0.9}
    rebuilt = split_at(doc, offsets)
    assert rebuilt is not doc
    assert [t.text for t in rebuilt] == [t.text for t in by_retokenizer]
    assert [t.whitespace_ for t in rebuilt] == [t.whitespace_ for t in by_retokenizer]
    assert rebuilt.text == text
    assert [(e.text, e.label_) for e in rebuilt.ents] == [("中国", "GPE")]
    assert [(s.text, s.label_) for s in rebuilt.spans["mine"]] == [("第一套", "X")]
    assert rebuilt._.record == {"kept": True} and rebuilt.cats == {"industry": 0.9}
    assert isinstance(rebuilt.spans["mine"][0], Span)


def test_spans_already_stored_stay_on_their_words_after_a_split() -> None:
    doc = _jieba()("中国第一套花椒原产地万升级二氧化碳超临界萃取装置")
    start = doc.text.index("二氧化碳")
    doc.spans["chemicals"] = [doc.char_span(start, start + 4, label="X")]
    doc.spans["both"] = [doc.char_span(0, 2, label="A"), doc.char_span(start, start + 7, label="B")]
    split_at(doc, [doc.text.index("万升") + 2])  # one more token before 二氧化碳
    assert [t.text for t in doc][4:7] == ["万", "升", "级"]
    assert [(s.text, s.label_) for s in doc.spans["chemicals"]] == [("二氧化碳", "X")]
    assert [s.text for s in doc.spans["both"]] == ["中国", "二氧化碳超临界"]


def test_spans_already_stored_stay_on_their_words_after_a_merge() -> None:
    text = "投资1.6亿元,带动贫困就业784人。"
    doc = spacy.blank("zh")(text)
    start = text.index("784人")
    doc.spans["jobs"] = [doc.char_span(start, start + 4, label="CARDINAL")]
    before = len(doc)
    fit_spans(doc, [(2, 7)], ["MONEY"], merge=True)  # 1.6亿元 becomes one token before it
    assert len(doc) == before - 4 and doc[2].text == "1.6亿元"
    (span,) = doc.spans["jobs"]
    assert (span.text, span.start_char, len(span)) == ("784人", start, 4)


def test_a_split_keeps_the_attrs_of_the_span_groups() -> None:
    doc = _jieba()("中国第一套花椒原产地万升级二氧化碳超临界萃取装置")
    doc.spans["mine"] = [doc.char_span(0, 2, label="GPE")]
    doc.spans["mine"].attrs["source"] = "hand"
    split_at(doc, [doc.text.index("万升") + 2])
    assert doc.spans["mine"].attrs == {"source": "hand"}
    assert [s.text for s in doc.spans["mine"]] == ["中国"]


def test_split_moves_stored_spans_and_fitted_spans_like_their_characters() -> None:
    # Brute force: random words, random stored spans and random cuts. After the split every
    # stored span and every span fit_spans returns covers the same characters as before, and
    # equals the span made from those characters on the new tokens.
    import random

    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    rng = random.Random(5)
    vocab = Vocab()
    for _ in range(300):
        words = [
            "".join(rng.choice("扶贫协作万元") for _ in range(rng.randint(1, 4))) for _ in range(8)
        ]
        doc = Doc(vocab, words=words, spaces=[rng.random() < 0.2 for _ in words])
        stored = []  # overlapping and nested, as span groups allow
        for _ in range(4):
            a = rng.randrange(len(doc))
            stored.append(doc[a : rng.randint(a + 1, len(doc))])
        doc.spans["stored"] = [doc.char_span(s.start_char, s.end_char, label="S") for s in stored]
        before = [(s.start_char, s.end_char, s.label_) for s in doc.spans["stored"]]
        wanted = []
        for _ in range(rng.randint(1, 4)):
            a = rng.randrange(len(doc.text))
            wanted.append((a, rng.randint(a + 1, len(doc.text))))
        doc, spans = fit_spans(doc, wanted, ["W"] * len(wanted))
        assert [(s.start_char, s.end_char, s.label_) for s in doc.spans["stored"]] == before
        for span in doc.spans["stored"]:
            assert span == doc.char_span(span.start_char, span.end_char, label="S")
        for (a, b), span in zip(wanted, spans, strict=True):
            expected = doc.char_span(a, b, label="W", alignment_mode="expand")
            assert (span.start, span.end, span.label_) == (expected.start, expected.end, "W")
            if doc.text[a:b].strip() == doc.text[a:b]:  # edges not in whitespace: exact
                assert (span.start_char, span.end_char) == (a, b)
