"""Properties of the whole pipeline: segmenter independence, serialisation, multiprocessing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import DocBin

import zhpoverty
from zhpoverty.api import extract_many, process
from zhpoverty.errors import SettingsError
from zhpoverty.record.schema import ArticleRecord

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def corpus_texts() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))}


def test_the_pipeline_has_the_spec_components(nlp: Language) -> None:
    assert nlp.pipe_names == [
        "zhpoverty_quantities", "zhpoverty_dates", "zhpoverty_entities",
        "zhpoverty_aid_types", "zhpoverty_records",
    ]  # fmt: skip


def test_records_do_not_depend_on_the_segmenter(
    nlp: Language, nlp_char: Language, nlp_jieba: Language
) -> None:
    for name, text in corpus_texts().items():
        by_pkuseg = process(nlp, text, id=name)
        by_char = process(nlp_char, text, id=name)
        by_jieba = process(nlp_jieba, text, id=name)
        assert by_pkuseg._.record == by_char._.record == by_jieba._.record, name
        assert len(by_char) > len(by_pkuseg)  # the tokens do differ
        # token edges fall exactly on every quantity's edges whatever the segmenter, and every
        # stored span still covers its own characters after the later components cut tokens
        for doc in (by_pkuseg, by_char, by_jieba):
            for span, data in zip(doc.spans["quantities"], doc._.record["quantities"], strict=True):
                assert (span.start_char, span.end_char) == (data["start"], data["end"])
                assert span.text == data["text"]
            for group in doc.spans.values():
                for span in group:
                    assert span.text == text[span.start_char : span.end_char], (name, span)


def test_merge_tokens_makes_each_quantity_one_token() -> None:
    nlp = zhpoverty.load("char", config={"zhpoverty_quantities": {"merge_tokens": True}})
    text = corpus_texts()["qingdao-chengyang-2020-03-18"]  # the reference article
    doc = nlp(text)
    assert len(doc.spans["quantities"]) == 24  # the reference gold's quantities
    for span in doc.spans["quantities"]:
        assert len(span) == 1 and span[0].text == span.text
        assert span[0]._.num_value == span._.quantity["value"]
    assert doc.text == text


def test_wan_sheng_is_found_although_pkuseg_cuts_wan_shengji(nlp: Language) -> None:
    text = "中国第一套花椒原产地万升级二氧化碳超临界萃取装置在成县试产成功"
    tokens_before = [t.text for t in nlp.make_doc(text)]
    assert "升级" in tokens_before
    doc = nlp(text)
    (span,) = doc.spans["quantities"]
    assert (span.text, span._.quantity["value"], span._.quantity["unit"]) == ("万升", 10000, "L")
    assert [t.text for t in span] == ["万", "升"]  # 升级 was split where the quantity ends
    assert doc[span.end].text == "级"
    assert span[0]._.num_value == span[1]._.num_value == 10000


def test_every_corpus_record_fits_the_schema(nlp_char: Language) -> None:
    for name, text in corpus_texts().items():
        ArticleRecord.model_validate(process(nlp_char, text, id=name)._.record)


def _plain(value: object) -> object:
    """msgpack (DocBin) gives lists back as tuples; compare as JSON would see them."""
    return json.loads(json.dumps(value))


def test_docbin_round_trip_keeps_everything(nlp: Language, reference_text: str) -> None:
    doc = nlp(reference_text)
    data = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    (restored,) = DocBin(store_user_data=True).from_bytes(data).get_docs(nlp.vocab)
    assert _plain(restored._.record) == doc._.record
    quantities = [_plain(s._.quantity) for s in restored.spans["quantities"]]
    assert quantities == doc._.record["quantities"]
    assert [(e.text, e.label_) for e in restored.ents] == [(e.text, e.label_) for e in doc.ents]
    assert restored.cats == doc.cats


def test_nlp_pipe_with_two_processes(nlp: Language) -> None:
    texts = list(corpus_texts().values())[:6]
    single = [doc._.record for doc in nlp.pipe(texts)]
    double = [doc._.record for doc in nlp.pipe(texts, n_process=2, batch_size=2)]
    assert double == single


def test_extract_many_with_two_processes_keeps_order(nlp: Language) -> None:
    items = [{"id": k, "text": v} for k, v in corpus_texts().items()]
    single = list(extract_many(items, nlp=nlp))
    double = list(extract_many(items, nlp=nlp, n_process=2, batch_size=3))
    assert [r["id"] for r in double] == [i["id"] for i in items]
    assert double == single


def test_extract_takes_the_callers_date(nlp: Language) -> None:
    text = "今年4月份，城阳区组织消费扶贫6900余万元。"
    assert zhpoverty.extract(text, nlp=nlp)["dates"][0]["value"] is None
    record = zhpoverty.extract(text, nlp=nlp, id="x", published="2020-03-18")
    assert record["id"] == "x"
    assert [d["value"] for d in record["dates"]] == ["2020-04"]
    assert record["records"][0]["date"] == "2020-04"


def test_saved_pipeline_loads_offline_in_another_folder(
    nlp: Language, reference_text: str, tmp_path: Path
) -> None:
    nlp.to_disk(tmp_path / "pipeline")
    expected = nlp(reference_text)._.record
    traditional = "城陽區與隴南市成縣開展東西部扶貧協作，帶動貧困羣衆就業784人。"
    tokens = [t.text for t in nlp(traditional)]
    (tmp_path / "article.txt").write_text(reference_text, encoding="utf-8")
    script = (
        "import json, spacy, sys\n"
        "nlp = spacy.load('pipeline')\n"
        "doc = nlp(open('article.txt', encoding='utf-8').read())\n"
        f"tokens = [t.text for t in nlp({traditional!r})]\n"
        "json.dump([doc._.record, tokens], sys.stdout, ensure_ascii=False)\n"
    )
    empty = tmp_path / "no-model-here"
    empty.mkdir()
    env = {**os.environ, "ZHPOVERTY_DATA": str(empty), "PIP_NO_INDEX": "1",
           "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9"}  # fmt: skip
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == [expected, tokens]
    assert "東西部扶貧協作" in tokens  # the saved tokenizer reads traditional text too
    assert "cache" not in (tmp_path / "pipeline" / "config.cfg").read_text(encoding="utf-8")


def test_components_load_through_entry_points_without_import() -> None:
    script = (
        "import sys, spacy\n"
        "nlp = spacy.blank('zh')\n"
        "nlp.add_pipe('zhpoverty_quantities')\n"
        "doc = nlp('投资1.6亿元')\n"
        "print(doc.spans['quantities'][0]._.quantity['value'])\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "160000000"


@pytest.mark.parametrize(
    ("name", "config", "message"),
    [
        ("zhpoverty_quantities", {"spans_key": " "}, r"\[E004\] Setting 'spans_key'"),
        ("zhpoverty_aid_types", {"threshold": 1.5}, r"\[E004\] Setting 'threshold'.*0 to 1"),
    ],
)
def test_settings_are_validated(name: str, config: dict, message: str) -> None:
    nlp = spacy.blank("zh")
    with pytest.raises(SettingsError, match=message):
        nlp.add_pipe(name, config=config)


@pytest.mark.slow
def test_extract_many_where_processes_spawn(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    """macOS and Windows start workers with spawn: each rebuilds the pipeline from its bytes."""
    import multiprocessing

    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    texts = list(corpus_texts().values())[:3]
    spawned = list(extract_many(texts, nlp=nlp, n_process=2, batch_size=1))
    assert spawned == [zhpoverty.extract(t, nlp=nlp) for t in texts]


def test_aid_cues_label_words_without_cutting_them(nlp: Language) -> None:
    text = "扶贫车间组织贫困劳动力参加技能培训班,又通过直播带货帮助农户销售农产品。"
    tokens = [t.text for t in nlp.make_doc(text)]
    assert "培训班" in tokens
    doc = nlp(text)
    assert [t.text for t in doc] == tokens  # no cue cut a word
    found = {(s.text, s.label_): s._.aid_cue for s in doc.spans["aid_types"]}
    # 技能培训 is a cue of two labels inside the word 培训班: two spans over the same
    # characters, each reading its own label's cue with the cue's exact offsets
    for label in ("labor", "education"):
        cue = found[("技能培训班", label)]
        assert (cue["label"], cue["text"]) == (label, "技能培训")
        assert text[cue["start"] : cue["end"]] == "技能培训"
    assert {label for (_, label) in found if _ == "直播带货"} == {"consumption", "technology"}
    assert all(cue["label"] == label for (_, label), cue in found.items())


def test_a_failing_article_is_reported_alone_and_the_batch_goes_on() -> None:
    nlp = zhpoverty.load("char")
    nlp.max_length = 40  # spaCy refuses longer texts: an article that fails inside the batch
    items = [
        {"id": "a", "text": "城阳区投资1.6亿元建设扶贫车间。"},
        {"id": "long", "text": "带动贫困群众就业784人。" * 10},
        {"id": "c", "text": "销售农产品6900余万元。"},
    ]
    reported = list(extract_many(items, nlp=nlp, batch_size=3, on_error="report"))
    assert [r["id"] for r in reported] == ["a", "long", "c"]
    assert "records" in reported[0] and "records" in reported[2]
    assert "records" not in reported[1] and "long" in reported[1]["error"]
    assert [r["records"][0]["value"] for r in (reported[0], reported[2])] == [160000000, 69000000]
    skipped = list(extract_many(items, nlp=nlp, batch_size=3, on_error="skip"))
    assert skipped == [reported[0], reported[2]]
    # without the failing item the batch runs whole, and gives what one-by-one gave
    batched = list(extract_many([items[0], items[2]], nlp=nlp, batch_size=2))
    assert batched == [reported[0], reported[2]]
    with pytest.raises(ValueError, match="E088"):
        list(extract_many(items, nlp=nlp, batch_size=3))


def test_components_built_directly_check_their_settings() -> None:
    from zhpoverty.components.aid_types import AidTypeTagger
    from zhpoverty.components.quantities import QuantityRecognizer

    with pytest.raises(SettingsError, match=r"\[E004\] Setting 'threshold'"):
        AidTypeTagger(threshold=True)  # a bool is no number
    with pytest.raises(SettingsError, match=r"\[E004\] Setting 'merge_tokens'"):
        QuantityRecognizer(merge_tokens="yes")  # type: ignore[arg-type]


def test_num_value_follows_the_quantity_spans(nlp: Language) -> None:
    doc = nlp("投资1.6亿元,带动贫困就业784人。")
    values = [t._.num_value for t in doc]
    expected = {t.i: s._.quantity["value"] for s in doc.spans["quantities"] for t in s}
    assert values == [expected.get(i) for i in range(len(doc))]
    assert {v for v in values if v is not None} == {160000000, 784}
    doc.spans["quantities"] = list(doc.spans["quantities"])[1:]  # a user drops the first one
    assert {t._.num_value for t in doc} == {None, 784}


def test_keep_for_process_warms_up_and_takes_the_pipeline_out_of_the_collectors_way() -> None:
    code = (
        "import gc, zhpoverty\n"
        "nlp = zhpoverty.load('char')\n"
        "from zhpoverty.find.units import si_factors\n"
        "before = gc.get_freeze_count()\n"
        "assert si_factors.cache_info().currsize == 0\n"
        "assert zhpoverty.keep_for_process(nlp) is nlp\n"
        "assert gc.get_freeze_count() > before + 10_000, gc.get_freeze_count()\n"
        "assert si_factors.cache_info().currsize == 1  # warmed up: built before the freeze\n"
        "assert zhpoverty.extract('投资1.6亿元', nlp=nlp)['quantities'][0]['value'] == 160000000\n"
    )
    # in a child process: freezing is for the whole process, and this one goes on testing
    subprocess.run([sys.executable, "-c", code], check=True)
