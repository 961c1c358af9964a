from __future__ import annotations

from pathlib import Path

import pytest

from zhpoverty.errors import DataFileError
from zhpoverty.resources import load_lines, parse_tsv


def test_parse_tsv_reads_header_comments_and_short_rows() -> None:
    rows = parse_tsv("# schema\nkey\tvalue\tnote\n\na\t1\nb\t2\tx\n", name="t", key="key")
    assert rows == [{"key": "a", "value": "1", "note": ""}, {"key": "b", "value": "2", "note": "x"}]


def test_duplicate_key_names_both_lines() -> None:
    with pytest.raises(DataFileError, match=r"\[E001\].*'a'.*lines 2 and 4"):
        parse_tsv("key\tvalue\na\t1\nb\t2\na\t3\n", name="t", key="key")


def test_too_many_columns_is_an_error() -> None:
    with pytest.raises(DataFileError, match=r"\[E002\]"):
        parse_tsv("key\tvalue\na\t1\t2\n", name="t", key="key")


def test_user_file_by_path(tmp_path: Path) -> None:
    path = tmp_path / "words.txt"
    path.write_text("# my words\n东西部扶贫协作\n对口帮扶\n", encoding="utf-8")
    assert load_lines(path) == ("东西部扶贫协作", "对口帮扶")


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match=r"\[E003\]"):
        load_lines(tmp_path / "nope.txt")


def test_packaged_vocabularies_match_the_spec() -> None:
    from zhpoverty import vocabulary as vocab

    units = vocab.canonical_units()
    assert {"CNY", "t", "jin", "L", "mu", "m2", "kWh", "year", "%", "person", "job", "item"} <= set(
        units
    )
    assert units["mu"]["label"] == "QUANTITY" and units["person"]["label"] == "CARDINAL"
    assert len(vocab.aid_type_labels()) == 12 and vocab.aid_type_labels()[0] == "industry"
    assert "planned_investment" in vocab.indicators() and vocab.indicators()[-1] == "other"
