"""The domain user dictionary: its rules, and that no entry damages the text around it.

pkuseg cuts user-dictionary entries out greedily before its model runs, so an entry is a token
wherever its characters occur. The model test segments sentences written for the purpose
(tests/data/segmentation_sentences.tsv) with and without the dictionary and checks that every
entry only merges words: it must start and end where the model alone puts word boundaries, and
no boundary outside it may move.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from spacy.language import Language

from zhpoverty.resources import load_lines, load_tsv, parse_tsv
from zhpoverty.segmentation.tokenizer import DOMAIN_USER_DICT, domain_words, make_tokenizer_nlp
from zhpoverty.text.normalize import shadow_text

SENTENCES = Path(__file__).resolve().parents[1] / "data" / "segmentation_sentences.tsv"
NUMERAL_CHARS = re.compile(
    r"[0-9０-９〇零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億兩]"
)


def sentence_rows() -> list[dict[str, str]]:
    text = SENTENCES.read_text(encoding="utf-8")
    return parse_tsv(text, name=str(SENTENCES), key="sentence")


def boundaries(words: list[str]) -> set[int]:
    out, pos = set(), 0
    for word in words:
        pos += len(word)
        out.add(pos)
    return out


@pytest.fixture(scope="module")
def with_dict(real_model_dir: Path) -> Language:
    return make_tokenizer_nlp("pkuseg", model_dir=real_model_dir)


@pytest.fixture(scope="module")
def without_dict(real_model_dir: Path) -> Language:
    nlp = make_tokenizer_nlp("pkuseg", model_dir=real_model_dir)
    nlp.tokenizer.pkuseg_update_user_dict([], reset=True)
    return nlp


def test_entries_are_long() -> None:
    short = [e for e in load_lines(DOMAIN_USER_DICT) if len(e) < 4]
    assert short == []


def test_entries_hold_no_digits_spaces_or_comment_marks() -> None:
    bad = [e for e in load_lines(DOMAIN_USER_DICT) if re.search(r"[\d\s#\t]", e)]
    assert bad == []


def test_entries_with_numerals_are_known_non_quantities() -> None:
    # An entry may hold a numeral only if the quantity finder already treats it as a set phrase
    # (quantity_negatives.tsv is matched on the shadow text, so traditional forms are folded).
    phrases = {row["text"] for row in load_tsv("quantity_negatives.tsv") if row["kind"] == "phrase"}
    with_numerals = [e for e in load_lines(DOMAIN_USER_DICT) if NUMERAL_CHARS.search(e)]
    assert with_numerals == ["两不愁三保障", "兩不愁三保障"]
    assert {shadow_text(e) for e in with_numerals} <= phrases


def test_every_entry_has_its_traditional_form() -> None:
    import opencc

    entries = load_lines(DOMAIN_USER_DICT)
    to_traditional = opencc.OpenCC("s2t")
    missing = [e for e in entries if to_traditional.convert(e) not in entries]
    assert missing == []
    simplified = [e for e in entries if shadow_text(e) == e]
    assert len(simplified) == 71


def test_sentences_use_every_entry() -> None:
    # Traditional entries are the simplified ones converted, so folding the text covers them.
    text = shadow_text("".join(row["sentence"] for row in sentence_rows()))
    unused = [e for e in load_lines(DOMAIN_USER_DICT) if shadow_text(e) not in text]
    assert unused == []


@pytest.mark.model
def test_entries_only_merge_words(with_dict: Language, without_dict: Language) -> None:
    entries = set(domain_words())
    problems: list[str] = []
    for row in sentence_rows():
        sentence = row["sentence"]
        plain = [t.text for t in without_dict(sentence)]
        words = [t.text for t in with_dict(sentence)]
        assert "".join(words) == sentence
        if row["expected"]:  # the model alone errs here; the dictionary must give exactly this
            if words != row["expected"].split("/"):
                problems.append(f"{sentence}: expected {row['expected']}, got {'/'.join(words)}")
            continue
        b0, b1 = boundaries(plain), boundaries(words)
        spans, pos = [], 0
        for word in words:
            if word in entries:
                spans.append((pos, pos + len(word)))
            pos += len(word)
        for start, end in spans:
            for edge in (start, end):
                if edge and edge not in b0:
                    problems.append(f"{sentence}: {sentence[start:end]} cuts {'/'.join(plain)}")
        moved = {p for p in b0 ^ b1 if not any(s <= p <= e for s, e in spans)}
        if moved:
            problems.append(
                f"{sentence}: boundaries {sorted(moved)} moved: "
                f"{'/'.join(plain)} → {'/'.join(words)}"
            )
    assert problems == []


@pytest.mark.model
def test_entries_become_tokens(with_dict: Language) -> None:
    doc = with_dict("青岛市城阳区深入推进东西部扶贫协作，助力陇南市打赢脱贫攻坚战。")
    tokens = [t.text for t in doc]
    assert "东西部扶贫协作" in tokens
    assert "脱贫攻坚战" in tokens
    doc = with_dict("兩地建立對口幫扶機制，易地扶貧搬遷安置點配套建設扶貧車間。")
    tokens = [t.text for t in doc]
    assert {"對口幫扶", "易地扶貧搬遷", "扶貧車間"} <= set(tokens)


@pytest.mark.model
def test_numerals_and_units_are_left_to_the_model(
    with_dict: Language, without_dict: Language
) -> None:
    sentence = "建设中国第一套花椒原产地万升级二氧化碳超临界萃取装置"
    assert [t.text for t in with_dict(sentence)] == [t.text for t in without_dict(sentence)]
