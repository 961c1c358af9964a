"""Properties of find_quantities on arbitrary and genre-shaped text (hypothesis)."""

from __future__ import annotations

from decimal import Decimal

import opencc
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhpoverty.find.numerals import read_numeral
from zhpoverty.find.quantities import Quantity, find_quantities, parse_quantity
from zhpoverty.text.normalize import shadow_text
from zhpoverty.vocabulary import APPROX_VALUES, QUANTITY_LABELS, canonical_units

S2T = opencc.OpenCC("s2t")
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _words(text: str) -> list[str]:
    return text.split()


ARABIC = st.one_of(
    st.integers(0, 10**7).map(str),
    st.integers(1000, 10**9).map(lambda n: f"{n:,}"),
    st.decimals(0, 10000, places=2, allow_nan=False, allow_infinity=False).map(lambda d: f"{d:f}"),
    st.integers(0, 99999).map(lambda n: str(n).translate(FULL_WIDTH)),
)
CHINESE = st.sampled_from(
    _words(
        "一 两 三 十 十二 二十 三十五 一百 四百 三千五百 两万 一万二千 两千八百 十二点五 二〇一九 "
        "壹仟 贰拾 陆 伍 万 千 亿 四五 七八十 二三十 三五 十几 百 一千零五 兩萬 億"
    )
)
NUMERAL = st.one_of(ARABIC, CHINESE)
PIECES = st.sampled_from(
    [
        *_words(
            "万 亿 万亿 千 百万 余 多 几 元 万元 亿元 美元 吨 公斤 斤 亩 平方米 公里 米 千瓦 度电 "
            "年 个月 天 小时 个小时 % 成 个百分点 人 名 位 户 人次 个 家 所 项 座 场 间 套 企业 "
            "合作社 项目 学校 幼儿园 就业岗位 贫困村 群众 约 近 超过 上 逾 第 每 以上 左右 以下 - "
            "至 到 ~ 分之 百分之 , 。 、 ( ) 年 月 日 号 : 第一 一批 十三五 二氧化碳 千人计划 "
            "七台河 的 和 投资 带动 建成 累计"
        ),
        *["", " ", "\n", "\xa0", "\u3000", "—", "～", "％", "．", "，"],
    ]
)
GENRE = st.lists(st.one_of(NUMERAL, PIECES, PIECES), min_size=1, max_size=30).map("".join)


def check_invariants(text: str, found: list[Quantity]) -> None:
    units = canonical_units()
    last_end = 0
    for q in found:
        assert 0 <= q.start < q.end <= len(text)
        assert q.text == text[q.start : q.end]
        assert q.start >= last_end, "sorted and non-overlapping"
        last_end = q.end
        assert q.label in QUANTITY_LABELS
        assert q.unit in units and units[q.unit]["label"] == q.label
        assert q.approx is None or q.approx in APPROX_VALUES
        assert (q.value is None) != (q.range is None), "exactly one of value and range"
        if q.value is not None:
            assert isinstance(q.value, Decimal) and q.value.is_finite() and q.value >= 0
        else:
            low, high = q.range
            assert low.is_finite() and high.is_finite() and 0 <= low < high
        if q.si is not None:
            assert units[q.unit]["pint"] and q.si[1] == units[q.unit]["si_unit"]
            assert q.si[0].is_finite()
        d = q.as_dict()
        assert not any(isinstance(v, Decimal) for v in d.values())


@SETTINGS
@given(st.text(max_size=200))
def test_arbitrary_unicode(text: str) -> None:
    check_invariants(text, find_quantities(text))


@SETTINGS
@given(GENRE)
def test_genre_text(text: str) -> None:
    found = find_quantities(text)
    check_invariants(text, found)
    assert find_quantities(text, shadow=shadow_text(text)) == found


@SETTINGS
@given(GENRE)
def test_traditional_reads_the_same(text: str) -> None:
    traditional = S2T.convert(text)
    if len(traditional) != len(text):
        return  # OpenCC changed the length (phrase conversion): offsets cannot be compared

    def key(found: list[Quantity]) -> list[tuple[object, ...]]:
        return [(q.start, q.end, q.value, q.range, q.unit, q.approx) for q in found]

    assert key(find_quantities(traditional)) == key(find_quantities(text))


@SETTINGS
@given(st.text(max_size=40), GENRE, st.text(max_size=40))
def test_context_never_breaks_offsets(before: str, middle: str, after: str) -> None:
    text = before + middle + after
    check_invariants(text, find_quantities(text))


@SETTINGS
@given(ARABIC, st.sampled_from(["元", "万元", "亿元", "吨", "亩", "人", "家", "%", "公里"]))
def test_number_and_unit_is_one_quantity(number: str, unit: str) -> None:
    q = parse_quantity(number + unit)
    assert q is not None and q.start == 0 and q.end == len(number) + len(unit)
    factor = {"万元": 10**4, "亿元": 10**8}.get(unit, 1)
    assert q.value == read_numeral(number) * factor
