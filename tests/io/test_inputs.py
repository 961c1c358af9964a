from __future__ import annotations

import json
from pathlib import Path

import opencc
import pytest

from zhpoverty.io.inputs import InputArticle, Problem, decode, read_items

SIMPLIFIED = "城阳区2019年组织消费扶贫6900余万元，带动贫困就业784人。"
TRADITIONAL = opencc.OpenCC("s2tw").convert(SIMPLIFIED)


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (SIMPLIFIED.encode("utf-8"), SIMPLIFIED, "utf-8"),
        (b"\xef\xbb\xbf" + SIMPLIFIED.encode("utf-8"), SIMPLIFIED, "utf-8"),
        (SIMPLIFIED.encode("gb18030"), SIMPLIFIED, "gb18030"),
        (SIMPLIFIED.encode("gbk"), SIMPLIFIED, "gb18030"),
        (TRADITIONAL.encode("big5"), TRADITIONAL, "big5"),
    ],
)
def test_decode_detects_chinese_encodings(data: bytes, text: str, encoding: str) -> None:
    decoded = decode(data, "a.txt")
    assert not isinstance(decoded, Problem)
    assert decoded[0] == text
    assert decoded[1] == encoding


def test_a_few_broken_utf8_bytes_are_replaced_and_reported() -> None:
    data = SIMPLIFIED.encode("utf-8") * 20
    data = data[:50] + b"\xff" + data[50:]
    decoded = decode(data, "a.txt")
    assert not isinstance(decoded, Problem)
    text, encoding, notes = decoded
    assert encoding == "utf-8" and text.count("\ufffd") == 1
    assert "[W500]" in notes[0] and "byte 50" in notes[0]


@pytest.mark.parametrize(
    ("data", "code"),
    [(b"", "E503"), (b"  \n\t ", "E503"), (b"\x00\x01\x02PK\x03\x04" * 50, "E501")],
)
def test_bad_bytes_become_problems(data: bytes, code: str) -> None:
    decoded = decode(data, "bad.bin")
    assert isinstance(decoded, Problem) and f"[{code}]" in decoded.message


def test_folder_glob_and_missing_paths(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(SIMPLIFIED, encoding="utf-8")
    (tmp_path / "a.txt").write_bytes(SIMPLIFIED.encode("gb18030"))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_bytes(TRADITIONAL.encode("big5"))
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    items = list(read_items([str(tmp_path), str(tmp_path / "nope.txt")]))
    assert [i.id for i in items if isinstance(i, InputArticle)] == ["a", "b", "c"]
    assert [i.text for i in items[:3]] == [SIMPLIFIED, SIMPLIFIED, TRADITIONAL]
    assert isinstance(items[3], Problem) and "[E500]" in items[3].message
    globbed = list(read_items([str(tmp_path / "*.txt")]))
    assert [i.id for i in globbed] == ["a", "b"]
    assert "[E500]" in next(iter(read_items([str(tmp_path / "*.xml")]))).message


def test_jsonl_with_text_key_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "x1", "body": SIMPLIFIED, "published": "2020-03-18"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "x3", "title": "no body"}, ensure_ascii=False),
        "",
        json.dumps({"body": TRADITIONAL}, ensure_ascii=False),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    items = list(read_items([str(path)], text_key="body"))
    assert isinstance(items[0], InputArticle)
    assert (items[0].id, items[0].published, items[0].text) == ("x1", "2020-03-18", SIMPLIFIED)
    assert isinstance(items[1], Problem) and "[E505]" in items[1].message
    assert isinstance(items[2], Problem) and "[E506]" in items[2].message
    assert "id, title" in items[2].message
    assert isinstance(items[3], InputArticle) and items[3].id == "batch-5"
