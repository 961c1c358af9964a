"""How extract_many cuts its input into batches (no pipeline needed)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from zhpoverty.batches import batched


def test_batches_hold_at_most_size_items_in_order() -> None:
    items = [f"文{i}" for i in range(7)]
    assert list(batched(items, 3)) == [items[0:3], items[3:6], items[6:7]]
    assert list(batched([], 3)) == []


def test_a_batch_closes_before_the_text_passes_max_chars() -> None:
    items = ["甲" * 40, {"text": "乙" * 40, "id": "b"}, "丙" * 30, "丁" * 200, "戊"]
    # 40 + 40 > 60: a new batch; 40 + 30 > 60 too; 200 is longer than 60: alone
    assert list(batched(items, 16, max_chars=60)) == [
        [items[0]],
        [items[1]],
        [items[2]],
        [items[3]],
        [items[4]],
    ]
    assert list(batched(items, 16, max_chars=110)) == [items[0:3], [items[3]], [items[4]]]
    assert list(batched([{"no text": 1}, "甲"], 16, max_chars=1)) == [[{"no text": 1}, "甲"]]


@given(st.lists(st.integers(0, 50)), st.integers(1, 5), st.integers(1, 120))
def test_batching_keeps_every_item_once_within_both_limits(
    lengths: list[int], size: int, max_chars: int
) -> None:
    items = ["字" * n for n in lengths]
    batches = list(batched(items, size, max_chars=max_chars))
    assert [item for batch in batches for item in batch] == items
    for batch in batches:
        assert 1 <= len(batch) <= size
        assert len(batch) == 1 or sum(map(len, batch)) <= max_chars
