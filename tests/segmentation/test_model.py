"""The real model (fetched by ``zhpoverty download``): words, pruning, serialisation, processes.

Every test here needs the model and fails with the [E101] message when it is missing.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from zhpoverty.segmentation.convert import convert_wheel
from zhpoverty.segmentation.store import read_provenance, source_wheel
from zhpoverty.segmentation.tokenizer import make_tokenizer_nlp

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def nlp(real_model_dir: Path) -> Language:
    return make_tokenizer_nlp("pkuseg", model_dir=real_model_dir)


def words(nlp: Language, text: str) -> list[str]:
    return [t.text for t in nlp(text) if not t.is_space]


def test_the_stored_model_matches_its_provenance(real_model_dir: Path) -> None:
    import numpy as np

    prov = read_provenance(real_model_dir)
    assert prov is not None
    counts = prov["counts"]
    assert counts["features_source"] == 2_643_617  # the pkuseg 0.0.25 default model
    assert counts["features_informative"] == 2_636_848  # 6,769 features are all zero
    expected = min(int(prov["keep"] * 2_643_617 + 0.5), 2_636_848)  # 793,085 at keep=0.3
    assert counts["features_kept"] == expected
    with np.load(real_model_dir / "weights.npz") as npz:
        assert npz["sizes"].tolist() == [5, expected]
        assert npz["w"].dtype == np.float64


def test_reference_article_is_segmented_into_words(nlp: Language, reference_text: str) -> None:
    tokens = words(nlp, reference_text)
    assert sum(len(t) for t in tokens) / len(tokens) > 1.6  # one character each would be ~1.1
    for word in ("东西部扶贫协作", "萃取", "产业扶贫", "消费扶贫", "脱贫攻坚", "劳务协作"):
        assert word in tokens, word
    assert tokens.count("城阳区") == 14
    joined = " ".join(tokens)
    assert "萃取 有限 公司" in joined  # 青岛利和萃取有限公司
    assert "扶贫 协作" in joined
    assert "总裁 张永昌 介绍" in joined


def test_traditional_text_gets_the_dictionary_entries(nlp: Language) -> None:
    tokens = words(nlp, "城陽區深入推進東西部扶貧協作，助力隴南市打贏脫貧攻堅戰。")
    assert "東西部扶貧協作" in tokens and "脫貧攻堅戰" in tokens


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("  \n\u3000\xa0 ", []),
        (
            "城阳区投资１．６亿元建设扶贫车间",
            ["城阳区", "投资", "１．６亿", "元", "建设", "扶贫车间"],
        ),
        ("隴南市成縣開展消費扶貧", ["隴南市", "成縣", "開展", "消費扶貧"]),
    ],
)
def test_edge_texts(nlp: Language, text: str, expected: list[str]) -> None:
    doc = nlp(text)
    assert doc.text == text
    assert words(nlp, text) == expected


def test_mojibake_is_segmented_without_loss(nlp: Language) -> None:
    text = "东西部扶贫协作".encode().decode("latin-1") + "\ufffd\ufffd对口帮扶"
    doc = nlp(text)
    assert doc.text == text
    assert words(nlp, text)[-1] == "对口帮扶"


def test_a_very_long_text(nlp: Language, reference_text: str) -> None:
    text = "\n".join([reference_text] * 20)  # about 40,000 characters
    assert len(text) > 40_000
    assert words(nlp, text) == words(nlp, reference_text) * 20


@pytest.fixture(scope="module")
def full_model_dir(real_model_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole model (keep=1.0), converted from the wheel stored beside the pruned one."""
    wheel = source_wheel(real_model_dir)
    if wheel is None:
        pytest.fail(
            f"No source wheel in {real_model_dir}/source; run `zhpoverty download --force` to "
            "store it again.",
            pytrace=False,
        )
    folder = tmp_path_factory.mktemp("full-model")
    convert_wheel(wheel, folder, 1.0)
    return folder


@pytest.mark.slow
def test_pruned_and_full_model_segment_the_reference_article_alike(
    nlp: Language, full_model_dir: Path, reference_text: str
) -> None:
    full = make_tokenizer_nlp("pkuseg", model_dir=full_model_dir)
    assert [t.text for t in nlp(reference_text)] == [t.text for t in full(reference_text)]


def test_round_trip_in_a_fresh_folder_without_cache_or_network(
    nlp: Language,
    real_model_dir: Path,
    reference_text: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    saved = tmp_path / "saved" / "pipeline"
    saved.parent.mkdir()
    nlp.to_disk(saved)
    config = (saved / "config.cfg").read_text(encoding="utf-8")
    assert str(real_model_dir) not in config
    assert 'segmenter = "pkuseg"' in config
    assert "pkuseg_model = null" in config
    moved = tmp_path / "elsewhere" / "copy"
    moved.parent.mkdir()
    saved.rename(moved)
    # No model cache and no network: loading must need neither.
    monkeypatch.setenv("ZHPOVERTY_DATA", str(tmp_path / "empty-cache"))

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("spacy.load tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    loaded = spacy.load(moved)
    assert [t.text for t in loaded(reference_text)] == [t.text for t in nlp(reference_text)]
    assert "东西部扶贫协作" in words(loaded, "两地深化东西部扶贫协作")  # the user dictionary too


@pytest.mark.slow
def test_pipe_with_two_processes(nlp: Language, reference_text: str) -> None:
    texts = [reference_text, "对口帮扶地区的扶贫车间吸纳就业", "", "易地扶貧搬遷安置點"] * 3
    single = [[t.text for t in doc] for doc in nlp.pipe(texts)]
    double = [[t.text for t in doc] for doc in nlp.pipe(texts, n_process=2, batch_size=2)]
    assert double == single
    assert single[1][-1] == "就业"


def test_traditional_text_is_cut_where_its_simplified_reading_is(
    nlp: Language, reference_text: str
) -> None:
    import opencc

    from zhpoverty.segmentation.chinese_tokenizer import ChineseTokenizer

    assert isinstance(nlp.tokenizer, ChineseTokenizer)
    traditional = opencc.OpenCC("s2t").convert(reference_text)
    assert len(traditional) == len(reference_text) and traditional != reference_text
    doc = nlp(traditional)
    assert doc.text == traditional  # the characters as written
    simplified = [(t.idx, len(t)) for t in nlp(reference_text)]
    assert [(t.idx, len(t)) for t in doc] == simplified
    # spaCy's own tokenizer, reading the traditional characters directly, cuts elsewhere
    plain = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "pkuseg"}}})
    plain.tokenizer.pkuseg_seg = nlp.tokenizer.pkuseg_seg
    assert [(t.idx, len(t)) for t in plain(traditional)] != simplified


def test_simplified_text_is_cut_as_by_spacys_tokenizer(nlp: Language, reference_text: str) -> None:
    plain = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "pkuseg"}}})
    plain.tokenizer.pkuseg_seg = nlp.tokenizer.pkuseg_seg
    assert [t.text for t in plain(reference_text)] == [t.text for t in nlp(reference_text)]
