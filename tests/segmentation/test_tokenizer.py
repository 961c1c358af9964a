"""``make_tokenizer_nlp`` and the user dictionary plumbing, with the tiny model (no real model)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import spacy

from zhpoverty.cli.common import Segmenter
from zhpoverty.errors import ModelNotFoundError, SettingsError, ZhpovertyWarning
from zhpoverty.segmentation.convert import convert_wheel
from zhpoverty.segmentation.tokenizer import (
    check_segmenter,
    domain_words,
    make_tokenizer_nlp,
    user_words,
)


@pytest.fixture(scope="module")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory, tiny_wheel: Path) -> Path:
    folder = tmp_path_factory.mktemp("tiny-model")
    convert_wheel(tiny_wheel, folder, 1.0)
    return folder


def test_char_segmenter_needs_no_model(tmp_path: Path) -> None:
    nlp = make_tokenizer_nlp("char", model_dir=tmp_path / "absent")
    doc = nlp("對口幫扶，１２３")
    assert [t.text for t in doc] == ["對", "口", "幫", "扶", "，", "１", "２", "３"]
    assert nlp.lang == "zh" and nlp.pipe_names == []


def test_jieba_segmenter() -> None:
    nlp = make_tokenizer_nlp("jieba")
    doc = nlp("城阳区组织企业赴协作地开展产业合作")
    assert "".join(t.text for t in doc) == "城阳区组织企业赴协作地开展产业合作"
    assert "企业" in [t.text for t in doc]


def test_jieba_missing_is_a_coded_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "jieba", None)  # makes `import jieba` fail
    with pytest.raises(SettingsError, match=r"^\[E131\].*zhpoverty\[jieba\]"):
        make_tokenizer_nlp("jieba")


@pytest.mark.parametrize("bad", ["spacy", "PKUSEG", "", "thulac"])
def test_unknown_segmenter(bad: str) -> None:
    with pytest.raises(SettingsError, match=r"^\[E130\].*pkuseg, char, jieba"):
        make_tokenizer_nlp(bad)


def test_check_segmenter_accepts_the_cli_enum() -> None:
    assert check_segmenter(Segmenter.char) == "char"
    assert check_segmenter("pkuseg") == "pkuseg"


def test_missing_model_raises_and_does_not_fall_back(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError, match=r"^\[E101\].*zhpoverty download"):
        make_tokenizer_nlp("pkuseg", model_dir=tmp_path / "absent")


def test_pkuseg_with_a_model_folder_and_user_words(tiny_model_dir: Path) -> None:
    text = "青岛市城阳区开展东西部扶贫协作和消费扶贫"
    nlp = make_tokenizer_nlp("pkuseg", model_dir=tiny_model_dir, user_dict=["青岛市城阳区"])
    words = [t.text for t in nlp(text)]
    assert "".join(words) == text
    # user words are cut before the model sees the text: the tiny model's random weights
    # cannot split them
    assert words[0] == "青岛市城阳区"
    assert "东西部扶贫协作" in words and "消费扶贫" in words


def test_pkuseg_keeps_whitespace_and_offsets(tiny_model_dir: Path) -> None:
    text = "  对口帮扶\xa0\n\n消费扶贫 项目 "
    doc = make_tokenizer_nlp("pkuseg", model_dir=tiny_model_dir)(text)
    assert doc.text == text
    assert "对口帮扶" in [t.text for t in doc]


@pytest.mark.parametrize("text", ["", " ", "\n\n", "\xa0"])
def test_pkuseg_on_empty_and_blank_text(tiny_model_dir: Path, text: str) -> None:
    doc = make_tokenizer_nlp("pkuseg", model_dir=tiny_model_dir)(text)
    assert doc.text == text


def test_domain_words_hold_entries_and_their_traditional_forms() -> None:
    words = domain_words()
    assert "东西部扶贫协作" in words and "東西部扶貧協作" in words
    assert "易地扶贫搬迁" in words and "易地扶貧搬遷" in words
    assert "乡村振兴" in words and "鄉村振興" in words
    assert len(words) == len(set(words))
    assert not any(w.startswith("#") for w in words)


def test_user_words_from_a_list() -> None:
    words = user_words(["  青岛利和萃取有限公司 ", "", "对口帮扶"])
    assert words[: len(domain_words())] == list(domain_words())
    assert words.count("对口帮扶") == 1
    assert words[-1] == "青岛利和萃取有限公司"


def test_user_words_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "words.txt"
    path.write_text(
        "\ufeff# my words\n青岛利和萃取有限公司\n\n鑫源环保\tnt\n  # indented comment\n",
        encoding="utf-8",
    )
    extra = user_words(path)[len(domain_words()) :]
    assert extra == ["青岛利和萃取有限公司", "鑫源环保"]
    assert user_words(str(path))[len(domain_words()) :] == extra


def test_user_words_with_whitespace_warn_and_are_left_out() -> None:
    with pytest.warns(ZhpovertyWarning, match=r"\[W100\].*'利和 萃取'"):
        words = user_words(["利和 萃取"])
    assert "利和 萃取" not in words


@pytest.mark.parametrize("bad", [42, b"bytes", [1, 2], ["ok", None]])
def test_user_words_refuses_other_types(bad: object) -> None:
    with pytest.raises(SettingsError, match=r"^\[E132\]"):
        user_words(bad)  # type: ignore[arg-type]


def test_user_words_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match=r"^\[E133\].*nothing.txt"):
        user_words(tmp_path / "nothing.txt")


def test_round_trip_with_the_tiny_model(tmp_path: Path, tiny_model_dir: Path) -> None:
    nlp = make_tokenizer_nlp("pkuseg", model_dir=tiny_model_dir, user_dict=["陇南市成县"])
    text = "陇南市成县与青岛市城阳区开展东西部扶贫协作"
    nlp.to_disk(tmp_path / "pipeline")
    config = (tmp_path / "pipeline" / "config.cfg").read_text(encoding="utf-8")
    assert str(tiny_model_dir) not in config
    loaded = spacy.load(tmp_path / "pipeline")
    assert [t.text for t in loaded(text)] == [t.text for t in nlp(text)]
    assert loaded(text)[0].text == "陇南市成县"
