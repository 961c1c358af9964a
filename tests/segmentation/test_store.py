"""Where the model lives, ``require_model`` and its message, ``read_provenance``."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhpoverty.errors import ModelNotFoundError
from zhpoverty.segmentation.store import (
    FEATURES_FILE,
    PROVENANCE_FILE,
    WEIGHTS_FILE,
    data_dir,
    model_dir,
    read_provenance,
    require_model,
)


def test_model_dir_follows_zhpoverty_data(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ZHPOVERTY_DATA", str(tmp_path))
    assert data_dir() == tmp_path
    assert model_dir() == tmp_path / "pkuseg"


def test_model_dir_defaults_to_the_user_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.delenv("ZHPOVERTY_DATA", raising=False)
    expected = Path(platformdirs.user_cache_dir("zhpoverty", appauthor=False)) / "pkuseg"
    assert model_dir() == expected


def test_an_explicit_folder_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ZHPOVERTY_DATA", str(tmp_path / "elsewhere"))
    assert model_dir(tmp_path / "mine") == tmp_path / "mine"
    assert model_dir(str(tmp_path / "mine")) == tmp_path / "mine"


def test_require_model_message_names_the_command_and_the_char_segmenter(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError) as info:
        require_model(tmp_path / "absent")
    message = str(info.value)
    assert message.startswith("[E101] No segmentation model in ")
    assert str(tmp_path / "absent") in message
    assert "`zhpoverty download`" in message
    assert 'segmenter="char"' in message
    assert isinstance(info.value, FileNotFoundError)


def test_require_model_on_an_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError, match=r"^\[E101\].*no features.msgpack or weights.npz"):
        require_model(tmp_path)


def test_require_model_on_a_half_folder_says_rebuild(tmp_path: Path) -> None:
    (tmp_path / FEATURES_FILE).write_bytes(b"x")
    with pytest.raises(ModelNotFoundError, match=r"^\[E109\].*weights.npz missing.*--force"):
        require_model(tmp_path)


def test_require_model_returns_a_complete_folder(tmp_path: Path) -> None:
    (tmp_path / FEATURES_FILE).write_bytes(b"x")
    (tmp_path / WEIGHTS_FILE).write_bytes(b"x")
    assert require_model(tmp_path) == tmp_path


def test_read_provenance(tmp_path: Path) -> None:
    assert read_provenance(tmp_path) is None
    (tmp_path / PROVENANCE_FILE).write_text('{"keep": 0.3}', encoding="utf-8")
    assert read_provenance(tmp_path) == {"keep": 0.3}
    (tmp_path / PROVENANCE_FILE).write_text("[1, 2", encoding="utf-8")
    with pytest.raises(ModelNotFoundError, match=r"\[E109\].*provenance.json"):
        read_provenance(tmp_path)
    (tmp_path / PROVENANCE_FILE).write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ModelNotFoundError, match="not an object"):
        read_provenance(tmp_path)
