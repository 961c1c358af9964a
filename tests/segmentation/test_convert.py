"""Reading the wheel, slimming and pruning the model, writing spacy-pkuseg's format."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import numpy as np
import pytest
import srsly

from zhpoverty.errors import SettingsError
from zhpoverty.segmentation.convert import (
    BIAS_FEATURE,
    WheelError,
    can_be_looked_up,
    convert_wheel,
    feature_names,
    read_wheel,
    select_features,
    slim_and_prune,
    weight_spread,
)
from zhpoverty.segmentation.store import FEATURES_FILE, WEIGHTS_FILE

from .conftest import (
    TINY_SENTENCES,
    TinyModel,
    make_tiny_model,
    model_members,
    npz_bytes,
    write_raw_model,
    write_wheel,
)

# Sentences for the lossless check: the model's own sentences and others that reuse their
# characters in new orders, with digits, Latin letters and punctuation.
PROBE_SENTENCES = (
    *TINY_SENTENCES,
    "扶贫协作东西部助力",
    "成县投资2.5亿元建设扶贫车间,带动贫困户就业",
    "城阳区开展消费扶贫,销售农产品6900余万元",
    "项目于2019年3月7日奠基,ABC公司参与建设",
    "协作协作扶贫扶贫东西部东西部",
)


def segment(folder: Path, sentences: tuple[str, ...]) -> list[list[str]]:
    import spacy_pkuseg

    seg = spacy_pkuseg.pkuseg(str(folder), user_dict="default")
    return [seg.cut(s) for s in sentences]


def read_folder(folder: Path) -> tuple[dict, np.ndarray, np.ndarray]:
    data = srsly.read_msgpack(folder / FEATURES_FILE)
    with np.load(folder / WEIGHTS_FILE, allow_pickle=False) as npz:
        return data, np.array(npz["sizes"]), np.array(npz["w"])


def node_rows(features: dict, w: np.ndarray, n_tag: int) -> dict[str, np.ndarray]:
    f2i = features["feature_to_idx"]
    node = w[: len(f2i) * n_tag].reshape(len(f2i), n_tag)
    return {name: node[i] for name, i in f2i.items()}


def test_read_wheel_returns_the_model(tiny_wheel: Path, tiny_model: TinyModel) -> None:
    model = read_wheel(tiny_wheel)
    assert model.feature_to_idx == tiny_model.features["feature_to_idx"]
    assert model.tag_to_idx == tiny_model.features["tag_to_idx"]
    assert model.unigram == tiny_model.features["unigram"]
    assert np.array_equal(model.w, tiny_model.w)


@pytest.mark.parametrize("protocol", [2, 3, 4, 5])
def test_read_wheel_accepts_plain_pickles_of_any_protocol(tmp_path: Path, protocol: int) -> None:
    # Protocols 2 and 3 build sets through the builtins.set global, which is allowed.
    model = make_tiny_model()
    model.features["unigram"] = set(model.features["unigram"])
    wheel = write_wheel(tmp_path / "w.whl", model_members(model, protocol=protocol))
    assert set(read_wheel(wheel).unigram) == set(model.features["unigram"])


class Exploit:
    """Unpickling this would call os.getcwd; the restricted unpickler must refuse the global."""

    def __reduce__(self) -> tuple:
        return (os.getcwd, ())


def test_read_wheel_refuses_any_global_in_the_pickle(tmp_path: Path) -> None:
    model = make_tiny_model()
    members = model_members(model)
    members["pkuseg/models/default/features.pkl"] = pickle.dumps({"unigram": Exploit()})
    wheel = write_wheel(tmp_path / "evil.whl", members)
    with pytest.raises(WheelError, match=r"\[E106\].*not plain data.*getcwd"):
        read_wheel(wheel)


def test_read_wheel_refuses_a_class_defined_elsewhere(tmp_path: Path) -> None:
    members = model_members(make_tiny_model())
    members["pkuseg/models/default/features.pkl"] = pickle.dumps(Path("x"))
    wheel = write_wheel(tmp_path / "path.whl", members)
    with pytest.raises(WheelError, match=r"\[E106\].*is not allowed"):
        read_wheel(wheel)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"this is not a zip file at all", "cannot read it as a zip file"),
        (b"", "cannot read it as a zip file"),
    ],
)
def test_read_wheel_refuses_non_zip_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "broken.whl"
    path.write_bytes(content)
    with pytest.raises(WheelError, match=rf"\[E106\].*{message}"):
        read_wheel(path)


def test_read_wheel_refuses_a_truncated_zip(tmp_path: Path, tiny_wheel: Path) -> None:
    data = tiny_wheel.read_bytes()
    path = tmp_path / "truncated.whl"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(WheelError, match=r"\[E106\]"):
        read_wheel(path)


def test_read_wheel_names_missing_members(tmp_path: Path) -> None:
    members = model_members(make_tiny_model())
    del members["pkuseg/models/default/weights.npz"]
    wheel = write_wheel(tmp_path / "half.whl", members)
    with pytest.raises(WheelError, match=r"no pkuseg/models/default/weights.npz in it"):
        read_wheel(wheel)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("sizes", "do not match"),
        ("short_w", "w has"),
        ("keys", "is not a dict with the keys"),
        ("int_w", "flat float array"),
    ],
)
def test_read_wheel_refuses_models_of_another_shape(
    tmp_path: Path, change: str, message: str
) -> None:
    model = make_tiny_model()
    sizes, w, features = model.sizes, model.w, dict(model.features)
    if change == "sizes":
        sizes = np.array([5, int(sizes[1]) + 1])
    elif change == "short_w":
        w = w[:-1]
    elif change == "keys":
        del features["tag_to_idx"]
    elif change == "int_w":
        w = np.arange(len(w))
    members = {
        "pkuseg/models/default/features.pkl": pickle.dumps(features),
        "pkuseg/models/default/weights.npz": npz_bytes(sizes=sizes, w=w),
    }
    wheel = write_wheel(tmp_path / "odd.whl", members)
    with pytest.raises(WheelError, match=message):
        read_wheel(wheel)


def test_feature_names_orders_by_index_and_checks_it() -> None:
    assert feature_names({"b": 1, "$$": 0, "c": 2}) == ["$$", "b", "c"]
    with pytest.raises(ValueError, match="repeated or out of range"):
        feature_names({"$$": 0, "b": 0})
    with pytest.raises(ValueError, match="repeated or out of range"):
        feature_names({"$$": 0, "b": 5})


def test_select_features_keeps_bias_and_the_largest_spreads() -> None:
    # index:           0    1    2    3    4    5    6    7    8    9
    spread = np.array([0.0, 5.0, 0.1, 3.0, 0.0, 4.0, 0.2, 0.3, 2.0, 1.0])
    assert select_features(spread, 0.5).tolist() == [0, 1, 3, 5, 8]
    assert select_features(spread, 0.1).tolist() == [BIAS_FEATURE]
    # keep=1.0 keeps every feature with a spread, and the bias even though its spread is 0.
    assert select_features(spread, 1.0).tolist() == [0, 1, 2, 3, 5, 6, 7, 8, 9]


def test_select_features_breaks_ties_by_index() -> None:
    spread = np.array([1.0, 2.0, 2.0, 2.0, 2.0, 1.0])
    assert select_features(spread, 0.5).tolist() == [0, 1, 2]


def test_weight_spread_is_max_minus_min_over_tags() -> None:
    w = np.array([1.0, -1.0, 0.5, 0.5, 2.0, 2.0, 9.0, 9.0, 9.0, 9.0])  # 3 features × 2 tags + 2×2
    assert weight_spread(w, 2, 3).tolist() == [2.0, 0.0, 0.0]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("扶贫", True),
        ("东西部扶贫协作", False),  # 7 characters > wordMax (6)
        ("易地扶贫搬迁", True),  # 6 characters
        ("扶", False),  # 1 character < wordMin (2)
        ("2019年", False),  # digits become **Num
        ("１２月", False),  # full-width digits too
        ("ＡＢ公司", False),  # full-width Latin letters become **Letter
        ("**Num年", True),  # exactly what a lookup of "9年" produces
        ("金**", False),  # a literal '*' is renamed to '&'
        ("a-b", False),  # '-' is renamed to '&'
        ("甲&乙", True),  # ... so '&' itself can be looked up
    ],
)
def test_can_be_looked_up(word: str, expected: bool) -> None:
    assert can_be_looked_up(word) is expected


def test_slim_and_prune_at_keep_one_drops_only_what_decides_nothing(
    tiny_model: TinyModel,
) -> None:
    model = read_model(tiny_model)
    slim, stats = slim_and_prune(model, 1.0)
    assert tiny_model.zero_feature not in slim.feature_to_idx
    assert tiny_model.constant_feature not in slim.feature_to_idx
    assert stats.features_kept == stats.features_source - 2 == stats.features_informative
    assert slim.bigram == []
    assert slim.unigram == ["东西部", "协作", "扶贫", "项目"]
    assert stats.unigram_source == len(tiny_model.features["unigram"])
    assert stats.bigram_source == 2
    assert slim.feature_to_idx["$$"] == 0
    assert sorted(slim.feature_to_idx.values()) == list(range(len(slim.feature_to_idx)))


def test_slim_keeps_unnamed_words_when_a_feature_uses_no_word() -> None:
    model = read_model(make_tiny_model(no_word_feature=True))
    slim, _ = slim_and_prune(model, 1.0)
    # 贫困户 is named by no feature, but a **noWord feature could fire in its place if it went.
    assert slim.unigram == ["东西部", "协作", "扶贫", "贫困户", "项目"]


def test_pruning_keeps_bias_transitions_and_the_top_spread_features(
    tmp_path: Path, tiny_wheel: Path, tiny_model: TinyModel
) -> None:
    stats = convert_wheel(tiny_wheel, tmp_path, 0.25)
    data, sizes, w = read_folder(tmp_path)
    n_tag, n_source = int(tiny_model.sizes[0]), int(tiny_model.sizes[1])
    names = list(tiny_model.features["feature_to_idx"])
    source_rows = tiny_model.w[: n_source * n_tag].reshape(n_source, n_tag)
    spread = source_rows.max(1) - source_rows.min(1)
    budget = int(0.25 * n_source + 0.5)  # the keep fraction of all features, rounded half up
    ranked = sorted(range(1, n_source), key=lambda i: (-spread[i], i))[: budget - 1]
    expected = {"$$"} | {names[i] for i in ranked}
    assert set(data["feature_to_idx"]) == expected
    assert stats.features_kept == len(expected) == int(sizes[1])
    assert data["feature_to_idx"]["$$"] == 0
    # renumbered densely, in the original order
    kept_in_order = sorted(expected, key=names.index)
    assert data["feature_to_idx"] == {name: i for i, name in enumerate(kept_in_order)}
    # transitions untouched, kept rows untouched, float64
    assert w.dtype == np.float64
    assert np.array_equal(w[-n_tag * n_tag :], tiny_model.w[-n_tag * n_tag :])
    rows = node_rows(data, w, n_tag)
    for name in expected:
        assert np.array_equal(rows[name], source_rows[names.index(name)])


def test_keep_one_is_lossless(tmp_path: Path, tiny_wheel: Path, tiny_model: TinyModel) -> None:
    raw = write_raw_model(tiny_model, tmp_path / "raw")
    convert_wheel(tiny_wheel, tmp_path / "slim", 1.0)
    data, _, w = read_folder(tmp_path / "slim")
    n_tag = int(tiny_model.sizes[0])
    source = node_rows(tiny_model.features, tiny_model.w, n_tag)
    for name, row in node_rows(data, w, n_tag).items():
        assert np.array_equal(row, source[name]), name
    assert segment(raw, PROBE_SENTENCES) == segment(tmp_path / "slim", PROBE_SENTENCES)


def test_pruned_model_still_loads_and_segments(tmp_path: Path, tiny_wheel: Path) -> None:
    convert_wheel(tiny_wheel, tmp_path, 0.3)
    words = segment(tmp_path, PROBE_SENTENCES)
    assert ["".join(ws) for ws in words] == [s for s in PROBE_SENTENCES]


def test_weights_are_written_compressed(tmp_path: Path, tiny_wheel: Path) -> None:
    import zipfile

    convert_wheel(tiny_wheel, tmp_path, 1.0)
    with zipfile.ZipFile(tmp_path / WEIGHTS_FILE) as archive:
        methods = {info.compress_type for info in archive.infolist()}
    assert methods == {zipfile.ZIP_DEFLATED}


@pytest.mark.parametrize("keep", [0, -0.1, 1.5, float("nan"), "lots", None, True])
def test_convert_refuses_a_bad_keep(tmp_path: Path, tiny_wheel: Path, keep: object) -> None:
    with pytest.raises(SettingsError, match=r"\[E100\]"):
        convert_wheel(tiny_wheel, tmp_path / "out", keep)  # type: ignore[arg-type]
    assert not (tmp_path / "out").exists()


def read_model(tiny: TinyModel):  # -> PkusegModel
    from zhpoverty.segmentation.convert import PkusegModel

    return PkusegModel(
        unigram=list(tiny.features["unigram"]),
        bigram=list(tiny.features["bigram"]),
        feature_to_idx=dict(tiny.features["feature_to_idx"]),
        tag_to_idx=dict(tiny.features["tag_to_idx"]),
        w=tiny.w.copy(),
    )
