"""Fixtures for the segmentation tests: a tiny wheel-shaped pkuseg model, and the real model.

The tiny wheel has the layout of the pkuseg wheel (``pkuseg/models/default/features.pkl`` and
``weights.npz`` plus a dist-info folder that pip accepts) with a hand-made model of a few hundred
features over the characters of a handful of sentences; the weights are random but fixed (seed),
with rows chosen to exercise the slimming rules: an all-zero feature, a feature whose weights
are the same for every tag, unigram words that the extractor can never look up.

Tests that need the real model (``@pytest.mark.model``) get it from ``zhpoverty download``'s
folder and fail with the [E101] message when it is missing; they are never skipped.
"""

from __future__ import annotations

import hashlib
import io
import pickle
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from zhpoverty.errors import ModelNotFoundError
from zhpoverty.segmentation.download import PKUSEG_WHEEL, WheelSource
from zhpoverty.segmentation.store import FEATURES_FILE, WEIGHTS_FILE, require_model

TAGS = {"B": 0, "B_single": 1, "I": 2, "I_end": 3, "I_first": 4}
TINY_SENTENCES = (
    "东西部扶贫协作助力贫困户增收",
    "对口帮扶地区的扶贫车间吸纳就业",
    "消费扶贫带动农产品销售",
    "青岛市城阳区与陇南市成县开展协作",
    "2019年投资1.6亿元建设萃取项目",
)
# Unigram words of the tiny model, with the reason each is (not) kept by the slimming.
TINY_UNIGRAM = (
    "扶贫",  # looked up and named by w1./w-1. features: kept
    "协作",  # named by features: kept
    "东西部",  # named by a ww. feature only: kept
    "贫困户",  # lookup-able but named by no feature: dropped (no **noWord feature)
    "2019年",  # holds digits, which the extractor replaces with **Num: never looked up
    "扶",  # one character: below wordMin
    "一二三四五六七",  # seven characters: above wordMax
    "金**",  # a literal '*' is renamed to '&' before lookups: never looked up
    "项目",  # named by features: kept
)
TINY_BIGRAM = ("扶贫*协作", "消费*扶贫")


@dataclass(frozen=True)
class TinyModel:
    """The tiny model's parts, as written into its wheel."""

    features: dict[str, Any]
    sizes: np.ndarray
    w: np.ndarray
    zero_feature: str
    constant_feature: str


def make_tiny_model(seed: int = 7, *, no_word_feature: bool = False) -> TinyModel:
    """Build the tiny model (deterministic for a seed)."""
    names: list[str] = ["$$"]
    for sentence in TINY_SENTENCES:
        chars = list(sentence)
        for i, ch in enumerate(chars):
            names += [f"c.{ch}", f"c-1.{ch}", f"c1.{ch}"]
            if i + 1 < len(chars):
                names += [f"cc1.{ch}.{chars[i + 1]}", f"c-1c.{ch}.{chars[i + 1]}"]
    names += ["w1.扶贫", "w-1.扶贫", "w1.协作", "w-1.协作", "w1.项目", "ww.l.东西部*扶贫"]
    names += ["c.零", "c.常"]
    if no_word_feature:
        names.append("ww.r.**noWord*扶贫")
    names = list(dict.fromkeys(names))
    rng = np.random.default_rng(seed)
    n_tag, n_feature = len(TAGS), len(names)
    node = rng.normal(0.0, 1.0, size=(n_feature, n_tag))
    node[0] = [0.3, -0.2, 0.1, 0.0, -0.1]
    node[names.index("c.零")] = 0.0
    node[names.index("c.常")] = 0.75
    trans = rng.normal(0.0, 2.0, size=n_tag * n_tag)
    features = {
        "unigram": list(TINY_UNIGRAM),
        "bigram": list(TINY_BIGRAM),
        "feature_to_idx": {name: i for i, name in enumerate(names)},
        "tag_to_idx": dict(TAGS),
    }
    return TinyModel(
        features=features,
        sizes=np.array([n_tag, n_feature], dtype=np.int64),
        w=np.concatenate((node.ravel(), trans)),
        zero_feature="c.零",
        constant_feature="c.常",
    )


def npz_bytes(**arrays: np.ndarray) -> bytes:
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    return buf.getvalue()


def write_wheel(path: Path, members: dict[str, bytes]) -> Path:
    """Write a zip with the pkuseg wheel's dist-info files plus ``members``."""
    dist = "pkuseg-0.0.25.dist-info"
    files = {
        f"{dist}/METADATA": b"Metadata-Version: 2.1\nName: pkuseg\nVersion: 0.0.25\n",
        f"{dist}/WHEEL": (
            b"Wheel-Version: 1.0\nGenerator: zhpoverty-tests\nRoot-Is-Purelib: false\n"
            b"Tag: cp37-cp37m-manylinux1_x86_64\n"
        ),
        f"{dist}/top_level.txt": b"pkuseg\n",
        **members,
    }
    record = "".join(f"{name},,\n" for name in files) + f"{dist}/RECORD,,\n"
    files[f"{dist}/RECORD"] = record.encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def model_members(model: TinyModel, *, protocol: int = 4) -> dict[str, bytes]:
    return {
        "pkuseg/models/default/features.pkl": pickle.dumps(model.features, protocol=protocol),
        "pkuseg/models/default/weights.npz": npz_bytes(sizes=model.sizes, w=model.w),
    }


def source_for(path: Path) -> WheelSource:
    """The pinned source of a test wheel: the real platform tags, the test wheel's hash."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return replace(PKUSEG_WHEEL, sha256=digest)


def write_raw_model(model: TinyModel, folder: Path) -> Path:
    """The tiny model in spacy-pkuseg's format with no slimming at all (the reference)."""
    import srsly

    folder.mkdir(parents=True, exist_ok=True)
    srsly.write_msgpack(folder / FEATURES_FILE, model.features)
    (folder / WEIGHTS_FILE).write_bytes(npz_bytes(sizes=model.sizes, w=model.w))
    return folder


@pytest.fixture(scope="session")
def tiny_model() -> TinyModel:
    return make_tiny_model()


@pytest.fixture(scope="session")
def tiny_wheel(tmp_path_factory: pytest.TempPathFactory, tiny_model: TinyModel) -> Path:
    """The tiny model in a wheel named exactly like the real one (pip needs the name)."""
    folder = tmp_path_factory.mktemp("wheelhouse")
    return write_wheel(folder / PKUSEG_WHEEL.filename, model_members(tiny_model))


@pytest.fixture(scope="session")
def tiny_source(tiny_wheel: Path) -> WheelSource:
    return source_for(tiny_wheel)


@pytest.fixture(scope="session")
def real_model_dir() -> Path:
    """The real model's folder (``zhpoverty download``); fails with [E101] when missing."""
    try:
        return require_model()
    except ModelNotFoundError as err:
        pytest.fail(str(err), pytrace=False)
