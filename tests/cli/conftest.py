"""Helpers for command-line tests: run ``python -m zhpoverty`` as a user would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "corpus" / "qingdao-chengyang-2020-03-18.txt"

# Written for these tests in Taiwan-style traditional characters, so that it encodes as Big5.
TRADITIONAL_ARTICLE = """閩寧協作：移民村裡建起扶貧車間

發布時間：2020年9月8日

本報訊 今年以來，福州市在固原市援建扶貧車間12個，吸納搬遷群眾就業860餘人，人均月收入約2,400元。福州企業在西吉縣投資1.2億元建設馬鈴薯加工項目，年加工能力5萬噸。

兩地還開展消費扶貧，幫助銷售固原牛羊肉、小雜糧等農產品3,600萬元。（記者 林曉燕）
"""


def run_cli(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "zhpoverty", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        timeout=900,
    )


@pytest.fixture(scope="session")
def reference_bytes() -> bytes:
    return REFERENCE.read_bytes()
