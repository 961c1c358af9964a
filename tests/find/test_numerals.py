"""The numeral reader: every written form to an exact Decimal, ranges, refusals, cn2an as oracle."""

from __future__ import annotations

import warnings
from decimal import Decimal
from pathlib import Path

import cn2an
import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhpoverty.errors import ZhpovertyError
from zhpoverty.find.numerals import (
    NumeralError,
    chain_value,
    clean_decimal,
    is_digit_run,
    read_numeral,
    read_range,
    read_shadow_range,
)
from zhpoverty.resources import parse_tsv

CASES_FILE = Path(__file__).resolve().parent.parent / "data" / "numeral_cases.tsv"
CASES = parse_tsv(CASES_FILE.read_text(encoding="utf-8"), name=CASES_FILE.name)
S2T = opencc.OpenCC("s2t")
FULL_WIDTH = str.maketrans("0123456789,.", "０１２３４５６７８９，．")


def test_case_table_is_large_and_covers_refusals() -> None:
    assert len(CASES) >= 80
    assert sum(r["value"] == "ERROR" for r in CASES) >= 10
    assert sum(r["note"].startswith("cn2an") for r in CASES) >= 6


@pytest.mark.parametrize("row", CASES, ids=[f"{r['text']!r}" for r in CASES])
def test_numeral_table(row: dict[str, str]) -> None:
    if row["value"] == "ERROR":
        with pytest.raises(NumeralError, match=r"^\[E200\]"):
            read_numeral(row["text"])
        return
    got = read_numeral(row["text"])
    assert isinstance(got, Decimal)
    assert got == Decimal(row["value"])
    assert got.is_finite()


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("四五万", 40000, 50000),
        ("七八十", 70, 80),
        ("二三十", 20, 30),
        ("三五", 3, 5),
        ("一两", 1, 2),
        ("两三万", 20000, 30000),
        ("四五千", 4000, 5000),
        ("十七八", 17, 18),
        ("二十五六", 25, 26),
        ("一百二三十", 120, 130),
        ("三四百万", 3000000, 4000000),
        ("三千七八百", 3700, 3800),
        ("兩三萬", 20000, 30000),
    ],
)
def test_adjacent_digit_ranges(text: str, low: int, high: int) -> None:
    assert read_range(text) == (Decimal(low), Decimal(high))


@pytest.mark.parametrize("text", ["二〇一九", "三千五百", "一九", "五三", "784", "二十", "万"])
def test_not_a_range(text: str) -> None:
    assert read_range(text) is None


def test_range_with_bad_rest_raises() -> None:
    with pytest.raises(NumeralError):
        read_shadow_range("三四万万")


def test_errors_are_value_errors_with_cause_and_fix() -> None:
    with pytest.raises(ValueError) as info:
        read_numeral("五百三千")
    assert isinstance(info.value, ZhpovertyError)
    message = str(info.value)
    assert message.startswith("[E200] '五百三千'")
    assert "out of order" in message and "parse_quantity" in message


def test_non_string_is_refused() -> None:
    with pytest.raises(NumeralError, match="expected a str"):
        read_numeral(123)  # type: ignore[arg-type]


def test_helpers() -> None:
    assert chain_value("万亿") == 10**12
    assert chain_value("百万") == 10**6
    assert chain_value("亿万") is None
    assert chain_value("") is None
    assert is_digit_run("二〇一九") and not is_digit_run("二十") and not is_digit_run("五")
    assert str(clean_decimal(Decimal("1.6") * 10**8)) == "160000000"
    assert str(clean_decimal(Decimal("12.50"))) == "12.5"


def test_values_are_exact_where_cn2an_floats_are_not() -> None:
    # cn2an's smart mode goes through floats and truncates: 6.368887万 → 63688.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert cn2an.cn2an("6.368887万", "smart") == 63688
    assert read_numeral("6.368887万") == Decimal("63688.87")
    with pytest.raises(ValueError):
        cn2an.cn2an("1.6万亿", "smart")
    assert read_numeral("1.6万亿") == Decimal(16 * 10**11)


# --- cn2an as an independent oracle ------------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_agrees_with_cn2an_on_chinese_numerals(n: int) -> None:
    low = cn2an.an2cn(n, "low")  # 一万二千三百四十五
    up = cn2an.an2cn(n, "up")  # 壹万贰仟叁佰肆拾伍
    assert read_numeral(low) == n
    assert read_numeral(up) == n
    assert read_numeral(S2T.convert(low)) == n  # 萬, 億, 兩 … through the shadow
    assert read_numeral(S2T.convert(up)) == n


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**15))
def test_arabic_forms(n: int) -> None:
    assert read_numeral(str(n)) == n
    assert read_numeral(f"{n:,}") == n
    assert read_numeral(f"{n:,}".translate(FULL_WIDTH)) == n
    assert read_numeral(f" {n} ") == n


@settings(max_examples=300, deadline=None)
@given(
    st.decimals(min_value=0, max_value=99999, places=4, allow_nan=False, allow_infinity=False),
    st.sampled_from(
        [("万", 10**4), ("亿", 10**8), ("千", 1000), ("万亿", 10**12), ("百万", 10**6)]
    ),
)
def test_decimal_times_multiplier_is_exact(number: Decimal, mult: tuple[str, int]) -> None:
    text = f"{number:f}{mult[0]}"
    assert read_numeral(text) == number * mult[1]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=12))
def test_any_string_reads_or_raises_numeral_error(text: str) -> None:
    try:
        value = read_numeral(text)
    except NumeralError:
        return
    assert isinstance(value, Decimal) and value.is_finite()
