"""Turn the pkuseg wheel's default model into a slim spacy-pkuseg model folder.

The wheel holds ``pkuseg/models/default/features.pkl`` (a pickled dict: ``unigram``, ``bigram``,
``feature_to_idx``, ``tag_to_idx``) and ``weights.npz`` (``sizes = [n_tag, n_feature]`` and ``w``:
the weight of feature ``f`` for tag ``t`` at ``f * n_tag + t``, then the ``n_tag × n_tag``
transition weights). spacy-pkuseg reads the same dict from ``features.msgpack``.

The pickle is read here, once, by an unpickler that can build nothing but plain dicts, lists,
sets, strings and numbers; nothing is unpickled when the model is used.

Slimming without loss (decoding is Viterbi, so only differences between tags matter):

- features whose weights are the same for every tag (all zero, in practice) change no path's
  rank and are dropped;
- the bigram list is used only in training and is emptied;
- unigram words the feature extractor can never look up are dropped: it looks up runs of
  ``wordMin``..``wordMax`` normalised characters, in which digits and letters have become
  ``**Num``/``**Letter`` and the characters ``-._,|/*:`` have become ``&``; and, when no kept
  feature mentions ``**noWord`` (the extractor's stand-in for "no word here"), words that no
  kept feature names either.

Pruning (lossy, controlled by ``keep``): of the features, only the ``keep`` fraction (of the
wheel's feature count) with the largest weight spread (max − min over the tags) stays. The
bias feature (index 0, which the extractor adds at every character) and the transition weights
always stay. Kept features are renumbered densely in their original order; weights stay
float64.
"""

from __future__ import annotations

import builtins
import io
import math
import pickle
import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import Errors, ModelDownloadError, SettingsError
from .store import FEATURES_FILE, WEIGHTS_FILE

FEATURES_MEMBER = "pkuseg/models/default/features.pkl"
WEIGHTS_MEMBER = "pkuseg/models/default/weights.npz"
WHEEL_MEMBERS: tuple[str, ...] = (FEATURES_MEMBER, WEIGHTS_MEMBER)
BIAS_FEATURE = 0
# The lookup prefixes of word features in spacy-pkuseg's feature extractor.
_WORD_PREFIXES = ("w-1.", "w1.")
_PAIR_PREFIXES = ("ww.l.", "ww.r.")
_NO_WORD = "**noWord"
_NODE = re.compile(r"\*\*Num|\*\*Letter|.", re.DOTALL)


class WheelError(ModelDownloadError):
    """The wheel cannot be read or does not hold a model of the expected shape."""


@dataclass(frozen=True, slots=True)
class ConversionStats:
    """Counts of what a conversion kept, written to ``provenance.json``."""

    keep: float
    n_tag: int
    features_source: int
    features_informative: int
    features_kept: int
    unigram_source: int
    unigram_kept: int
    bigram_source: int

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class PkusegModel:
    """A pkuseg model in memory: the feature dict (spacy-pkuseg's layout) and the weights."""

    unigram: list[str]
    bigram: list[str]
    feature_to_idx: dict[str, int]
    tag_to_idx: dict[str, int]
    w: np.ndarray

    @property
    def n_tag(self) -> int:
        return len(self.tag_to_idx)

    @property
    def n_feature(self) -> int:
        return len(self.feature_to_idx)


class _PlainDataUnpickler(pickle.Unpickler):
    """An unpickler that refuses every global except the builtin containers and scalars."""

    _ALLOWED = frozenset({"dict", "list", "set", "frozenset", "tuple", "str", "int", "float"})

    def find_class(self, module: str, name: str) -> Any:
        # Protocols 0-2 spell the module the Python 2 way.
        if module in ("builtins", "__builtin__") and name in self._ALLOWED:
            return getattr(builtins, name)
        raise pickle.UnpicklingError(f"global {module}.{name} is not allowed")


def _bad(path: str | Path, problem: str, requirement: str) -> WheelError:
    return WheelError(Errors.E106.format(path=path, problem=problem, requirement=requirement))


def read_wheel(wheel_path: str | Path, *, requirement: str = "pkuseg==0.0.25") -> PkusegModel:
    """Read the default model out of a pkuseg wheel (only its two model files).

    Args:
        wheel_path: the wheel (a zip file).
        requirement: named in error messages.

    Raises:
        WheelError: not a zip, a model file missing or corrupt, or a model of another shape.
    """
    try:
        with zipfile.ZipFile(wheel_path) as archive:
            names = set(archive.namelist())
            missing = [m for m in WHEEL_MEMBERS if m not in names]
            if missing:
                raise _bad(wheel_path, f"no {', '.join(missing)} in it", requirement)
            features_bytes = archive.read(FEATURES_MEMBER)
            weights_bytes = archive.read(WEIGHTS_MEMBER)
    except WheelError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as err:
        raise _bad(wheel_path, f"cannot read it as a zip file ({err})", requirement) from err
    try:
        data = _PlainDataUnpickler(io.BytesIO(features_bytes)).load()
    except Exception as err:  # the unpickler raises many types on malformed input
        raise _bad(wheel_path, f"{FEATURES_MEMBER} is not plain data ({err})", requirement) from err
    del features_bytes
    try:
        with np.load(io.BytesIO(weights_bytes), allow_pickle=False) as npz:
            sizes = np.asarray(npz["sizes"])
            w = np.asarray(npz["w"])
    except Exception as err:  # numpy raises ValueError, KeyError, zipfile errors, OSError …
        raise _bad(wheel_path, f"{WEIGHTS_MEMBER} is unreadable ({err})", requirement) from err
    problem = _shape_problem(data, sizes, w)
    if problem:
        raise _bad(wheel_path, problem, requirement)
    return PkusegModel(
        unigram=list(data["unigram"]),
        bigram=list(data["bigram"]),
        feature_to_idx=data["feature_to_idx"],
        tag_to_idx=data["tag_to_idx"],
        w=w.astype(np.float64, copy=False),
    )


def _shape_problem(data: Any, sizes: np.ndarray, w: np.ndarray) -> str | None:
    """Describe why the unpickled dict and the weights do not form a pkuseg model, or None."""
    keys = ("unigram", "bigram", "feature_to_idx", "tag_to_idx")
    if not isinstance(data, dict) or any(k not in data for k in keys):
        return f"{FEATURES_MEMBER} is not a dict with the keys {', '.join(keys)}"
    f2i, t2i = data["feature_to_idx"], data["tag_to_idx"]
    if not isinstance(f2i, dict) or not isinstance(t2i, dict) or not f2i or not t2i:
        return "feature_to_idx and tag_to_idx must be non-empty dicts"
    for name in ("unigram", "bigram"):
        if not isinstance(data[name], list | set | tuple):
            return f"{name} must be a list of words"
    if sizes.shape != (2,) or w.ndim != 1 or w.dtype.kind != "f":
        return "weights.npz must hold sizes=[n_tag, n_feature] and a flat float array w"
    n_tag, n_feature = (int(s) for s in sizes)
    if (n_tag, n_feature) != (len(t2i), len(f2i)):
        return f"sizes {n_tag}×{n_feature} do not match {len(t2i)} tags and {len(f2i)} features"
    if w.shape[0] != n_tag * (n_feature + n_tag):
        return f"w has {w.shape[0]} weights, expected {n_tag * (n_feature + n_tag)}"
    return None


def feature_names(feature_to_idx: Mapping[str, int]) -> list[str]:
    """Feature names ordered by index; the indices must be exactly 0..n-1.

    Raises:
        ValueError: an index is missing, repeated or out of range.
    """
    n = len(feature_to_idx)
    names: list[str | None] = [None] * n
    for name, idx in feature_to_idx.items():
        if not isinstance(idx, int) or not 0 <= idx < n or names[idx] is not None:
            raise ValueError(f"feature index {idx!r} of {name!r} is repeated or out of range")
        names[idx] = name
    return names  # type: ignore[return-value]  # every slot is filled: n distinct indices < n


def weight_spread(w: np.ndarray, n_tag: int, n_feature: int) -> np.ndarray:
    """Max − min of each feature's weights over the tags (0 for features that decide nothing)."""
    node = w[: n_feature * n_tag].reshape(n_feature, n_tag)
    return node.max(axis=1) - node.min(axis=1)


def select_features(spread: np.ndarray, keep: float) -> np.ndarray:
    """Indices (ascending) of the features to keep.

    The bias feature always stays; features with zero spread never do (except the bias);
    of the rest, the largest spreads stay, up to ``keep × len(spread)`` features in all
    (rounded half up, the bias included; ties broken by index, so the result is deterministic).
    """
    informative = np.flatnonzero(spread > 0)
    informative = informative[informative != BIAS_FEATURE]
    budget = max(0, math.floor(keep * len(spread) + 0.5) - 1)  # one slot is the bias's
    if budget < len(informative):
        order = np.argsort(-spread[informative], kind="stable")
        informative = np.sort(informative[order[:budget]])
    return np.concatenate(([BIAS_FEATURE], informative)).astype(np.int64)


@lru_cache(maxsize=1)
def _extractor_settings() -> tuple[int, int, bool, frozenset[str]]:
    """wordMin, wordMax, numLetterNorm and the characters normalisation replaces."""
    from spacy_pkuseg.config import config
    from spacy_pkuseg.feature_extractor import FeatureExtractor

    replaced = set(FeatureExtractor.keywords)
    if config.numLetterNorm:
        replaced |= set(FeatureExtractor.num) | set(FeatureExtractor.letter)
    return int(config.wordMin), int(config.wordMax), bool(config.numLetterNorm), frozenset(replaced)


def can_be_looked_up(word: str) -> bool:
    """Whether the extractor could ever look ``word`` up in the unigram set.

    It looks up runs of ``wordMin``..``wordMax`` normalised characters; a word with a character
    that normalisation replaces (a digit, a Latin letter, one of ``-._,|/*:``) never equals one.
    """
    word_min, word_max, num_letter, replaced = _extractor_settings()
    nodes = _NODE.findall(word) if num_letter else list(word)
    if not word_min <= len(nodes) <= word_max:
        return False
    return all(len(node) > 1 or node not in replaced for node in nodes)


def _named_words(names: Iterable[str]) -> set[str] | None:
    """Every string a kept word feature could name (a superset), or None if one uses **noWord."""
    named: set[str] = set()
    for name in names:
        if name.startswith(_WORD_PREFIXES):
            named.add(name.split(".", 1)[1])
        elif name.startswith(_PAIR_PREFIXES):
            pair = name[5:]
            if _NO_WORD in pair:
                return None
            # Words may hold '*' (inside **Num), so every split point is a candidate.
            for i, ch in enumerate(pair):
                if ch == "*":
                    named.add(pair[:i])
                    named.add(pair[i + 1 :])
    return named


def slim_and_prune(model: PkusegModel, keep: float) -> tuple[PkusegModel, ConversionStats]:
    """Return the slimmed, pruned model and what was kept (see the module docstring)."""
    n_tag, n_feature = model.n_tag, model.n_feature
    names = feature_names(model.feature_to_idx)
    spread = weight_spread(model.w, n_tag, n_feature)
    kept = select_features(spread, keep)
    node = model.w[: n_feature * n_tag].reshape(n_feature, n_tag)
    w = np.concatenate((node[kept].ravel(), model.w[n_feature * n_tag :]))
    kept_names = [names[i] for i in kept.tolist()]
    feature_to_idx = {name: i for i, name in enumerate(kept_names)}
    named = _named_words(kept_names)
    unigram = sorted(
        word
        for word in set(model.unigram)
        if can_be_looked_up(word) and (named is None or word in named)
    )
    slim = PkusegModel(
        unigram=unigram,
        bigram=[],
        feature_to_idx=feature_to_idx,
        tag_to_idx=dict(model.tag_to_idx),
        w=np.ascontiguousarray(w, dtype=np.float64),
    )
    stats = ConversionStats(
        keep=keep,
        n_tag=n_tag,
        features_source=n_feature,
        features_informative=int(np.count_nonzero(spread > 0)),
        features_kept=len(kept_names),
        unigram_source=len(model.unigram),
        unigram_kept=len(unigram),
        bigram_source=len(model.bigram),
    )
    return slim, stats


def write_model(model: PkusegModel, out_dir: str | Path) -> None:
    """Write ``features.msgpack`` and a compressed ``weights.npz`` that spacy-pkuseg reads."""
    import srsly

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    data = {
        "unigram": list(model.unigram),
        "bigram": list(model.bigram),
        "feature_to_idx": model.feature_to_idx,
        "tag_to_idx": model.tag_to_idx,
    }
    srsly.write_msgpack(out / FEATURES_FILE, data)
    sizes = np.array([model.n_tag, model.n_feature], dtype=np.int64)
    with open(out / WEIGHTS_FILE, "wb") as fh:
        np.savez_compressed(fh, sizes=sizes, w=model.w)


def convert_wheel(
    wheel_path: str | Path,
    out_dir: str | Path,
    keep: float,
    *,
    requirement: str = "pkuseg==0.0.25",
) -> ConversionStats:
    """Read the model out of ``wheel_path``, slim and prune it, write it into ``out_dir``.

    Args:
        wheel_path: the pkuseg wheel (checked against its hash by the caller).
        out_dir: the folder to write ``features.msgpack`` and ``weights.npz`` into.
        keep: the fraction of features to keep, 0 < keep <= 1 (see :func:`select_features`).
        requirement: named in error messages.

    Raises:
        WheelError: the wheel does not hold a readable pkuseg model.
        SettingsError: ``keep`` is out of range.
    """
    keep = check_keep(keep)
    model = read_wheel(wheel_path, requirement=requirement)
    try:
        slim, stats = slim_and_prune(model, keep)
    except ValueError as err:
        raise _bad(wheel_path, str(err), requirement) from err
    del model
    write_model(slim, out_dir)
    return stats


def check_keep(keep: Any) -> float:
    """Return ``keep`` as a float, or raise SettingsError unless 0 < keep <= 1."""
    try:
        value = float(keep)
    except (TypeError, ValueError):
        raise SettingsError(Errors.E100.format(keep=keep)) from None
    if isinstance(keep, bool) or not 0.0 < value <= 1.0 or math.isnan(value):
        raise SettingsError(Errors.E100.format(keep=keep))
    return value
