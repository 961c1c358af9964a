"""``zhpoverty download``: fetch the pkuseg wheel through pip, convert it, store it atomically.

The wheel is fetched with ``python -m pip download --no-deps --only-binary=:all:`` for one fixed
platform tag and a hash-pinned requirements file, using the user's own pip configuration
(index, proxy, certificates). Nothing from the package is built, installed or run: only its two
model files are read (see :mod:`.convert`). The model folder is built beside its final place
and renamed into it, so a failed run never leaves half a model behind.
"""

from __future__ import annotations

import hashlib
import json
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..about import __version__
from ..errors import Errors, ModelDownloadError, ModelNotFoundError
from .convert import WHEEL_MEMBERS, ConversionStats, check_keep, convert_wheel
from .store import (
    MODEL_FILES,
    PROVENANCE_FILE,
    SOURCE_FOLDER,
    STORE_FORMAT,
    missing_files,
    model_dir,
    read_provenance,
    source_wheel,
)

DEFAULT_KEEP = 0.3
LICENCE_NOTE = (
    "pkuseg's code is MIT-licensed; the terms of its model are not stated. zhpoverty therefore "
    "does not redistribute the model: each user fetches it from its source, the pkuseg package "
    "on the Python package index, and converts it locally."
)
# pip's messages when it cannot reach the index (requests/urllib3 wording), or finds no wheel.
_NETWORK_TROUBLE = re.compile(
    r"NewConnectionError|Failed to establish a new connection|Max retries exceeded"
    r"|Temporary failure in name resolution|Name or service not known|Network is unreachable"
    r"|ConnectTimeout|ReadTimeout|timed out|ProxyError|Connection refused|Could not fetch URL"
    r"|ConnectionError|No route to host|getaddrinfo failed"
    # Not a network message, but for a pinned wheel that is on PyPI it means the same: the
    # index pip could reach (none, or a mirror) does not serve it.
    r"|No matching distribution found",
    re.IGNORECASE,
)
_HASH_MISMATCH = re.compile(r"DO NOT MATCH THE HASHES", re.IGNORECASE)
_GOT_HASH = re.compile(r"Got\s+([0-9a-f]{64})")
_TAIL_LINES = 8

Log = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class WheelSource:
    """A hash-pinned wheel and the platform tag pip must ask for."""

    name: str
    version: str
    filename: str
    sha256: str
    platform: str
    python_version: str
    implementation: str
    abi: str

    @property
    def requirement(self) -> str:
        """The pinned requirement, e.g. ``pkuseg==0.0.25``."""
        return f"{self.name}=={self.version}"

    def requirements_line(self) -> str:
        """The line of the hash-pinned requirements file pip is given."""
        return f"{self.requirement} --hash=sha256:{self.sha256}\n"

    def pip_command(self, requirements: str | Path, dest: str | Path) -> list[str]:
        """The pip command that downloads the wheel into ``dest`` (without extra arguments)."""
        return [
            sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
            "--platform", self.platform, "--python-version", self.python_version,
            "--implementation", self.implementation, "--abi", self.abi,
            "--require-hashes", "-r", str(requirements), "-d", str(dest),
        ]  # fmt: skip

    def manual_command(self) -> str:
        """A command to fetch the wheel by hand on another machine (for ``--wheel``)."""
        return shlex.join(
            ["python", "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
             "--platform", self.platform, "--python-version", self.python_version,
             "--implementation", self.implementation, "--abi", self.abi,
             self.requirement, "-d", "."]
        )  # fmt: skip


PKUSEG_WHEEL = WheelSource(
    name="pkuseg",
    version="0.0.25",
    filename="pkuseg-0.0.25-cp37-cp37m-manylinux1_x86_64.whl",
    sha256="6fc2f97d0f66cc6722cf772e65dbcde1b01d8cc53b66ac4aa7bce639de79588f",
    platform="manylinux1_x86_64",
    python_version="3.7",
    implementation="cp",
    abi="cp37m",
)


def sha256_of(path: str | Path) -> str:
    """The hex sha256 of a file, read in 1 MB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def is_current(folder: Path, keep: float, source: WheelSource | None = None) -> bool:
    """Whether ``folder`` holds a complete model built from ``source`` with this ``keep``."""
    source = source or PKUSEG_WHEEL
    if missing_files(folder):
        return False
    try:
        prov = read_provenance(folder)
    except ModelNotFoundError:  # a damaged provenance file: rebuild rather than fail
        return False
    if not prov or prov.get("format") != STORE_FORMAT:
        return False
    src = prov.get("source") or {}
    same_keep = isinstance(prov.get("keep"), int | float) and abs(prov["keep"] - keep) < 1e-9
    return same_keep and src.get("sha256") == source.sha256


def download_model(
    keep: float = DEFAULT_KEEP,
    target: str | Path | None = None,
    force: bool = False,
    wheel: str | Path | None = None,
    pip_args: Sequence[str] = (),
    *,
    source: WheelSource | None = None,
    log: Log | None = None,
) -> Path:
    """Fetch, convert and store the segmentation model; return its folder.

    A no-op (reported through ``log``) when the folder already holds a model built with the
    same ``keep`` from the same wheel, unless ``force``.

    Args:
        keep: fraction of the model's features to keep, 0 < keep <= 1 (largest spread first).
        target: the model folder (default: :func:`~zhpoverty.segmentation.store.model_dir`).
        force: rebuild even when the folder is up to date.
        wheel: a wheel file to use instead of asking pip (checked against the pinned sha256).
        pip_args: extra arguments for ``pip download`` (e.g. ``["--index-url", URL]``).
        source: the pinned wheel (default: :data:`PKUSEG_WHEEL`; tests pass a small one).
        log: called with one line per step, for progress messages.

    Raises:
        SettingsError: ``keep`` is out of range.
        ModelDownloadError: pip missing or failing, no network, a hash mismatch, a corrupt
            wheel or an unwritable folder; nothing is left half-written.
    """
    say: Log = log if log is not None else (lambda _msg: None)
    source = source or PKUSEG_WHEEL
    keep = check_keep(keep)
    folder = model_dir(target)
    if not force and is_current(folder, keep, source):
        say(f"The segmentation model (keep={keep:g}) is already in {folder}; nothing to do.")
        return folder
    given = _check_given_wheel(wheel, source) if wheel is not None else None
    stored = _stored_wheel(folder, source) if given is None else None
    staging = _make_staging(folder)
    try:
        if given is not None:
            src_wheel, obtained, command = given, "file given with --wheel", None
        elif stored is not None:
            src_wheel, obtained = stored, "wheel stored by an earlier download"
            command = ((read_provenance(folder) or {}).get("source") or {}).get("pip_command")
            say(f"Using the wheel stored in {stored.parent} (no download needed).")
        else:
            say(f"Fetching {source.requirement} ({source.filename}) with pip …")
            src_wheel, command = fetch_wheel(source, staging / "_download", pip_args)
            obtained = "pip download"
        say(f"Converting and pruning the model (keep={keep:g}) …")
        stats = convert_wheel(src_wheel, staging, keep, requirement=source.requirement)
        _verify_loadable(staging)
        (staging / SOURCE_FOLDER).mkdir()
        shutil.copyfile(src_wheel, staging / SOURCE_FOLDER / source.filename)
        shutil.rmtree(staging / "_download", ignore_errors=True)
        provenance = _provenance(source, keep, stats, obtained, command)
        (staging / PROVENANCE_FILE).write_text(
            json.dumps(provenance, indent=2, ensure_ascii=False, sort_keys=True) + "\n",
            encoding="utf-8",
        )
        _swap_into_place(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    say(
        f"Stored the model in {folder}: {stats.features_kept:,} of {stats.features_source:,} "
        f"features, {_size_mb(folder):.0f} MB."
    )
    return folder


def fetch_wheel(source: WheelSource, dest: Path, pip_args: Sequence[str] = ()) -> tuple[Path, str]:
    """Download the pinned wheel into ``dest`` with pip; return its path and the command run.

    The command is returned as it would be typed (``python -m pip download … -r
    requirements.txt -d DIR``), for the provenance file.

    Raises:
        ModelDownloadError: pip missing (E102), unreachable index (E103), hash mismatch (E104)
            or another pip failure (E105).
    """
    dest.mkdir(parents=True, exist_ok=True)
    requirements = dest / "requirements.txt"
    requirements.write_text(source.requirements_line(), encoding="utf-8")
    wheel_dir = dest / "wheels"
    cmd = source.pip_command(requirements, wheel_dir) + list(pip_args)
    try:
        result = subprocess.run(
            cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True, errors="replace"
        )
    except OSError as err:
        raise ModelDownloadError(Errors.E102.format(python=sys.executable, detail=err)) from err
    output = f"{result.stdout}\n{result.stderr}"
    if result.returncode != 0:
        raise _pip_failure(source, result.returncode, result.stderr, output)
    path = wheel_dir / source.filename
    if not path.is_file():
        found = sorted(p.name for p in wheel_dir.glob("*")) if wheel_dir.is_dir() else []
        raise ModelDownloadError(
            Errors.E105.format(
                requirement=source.requirement,
                code=0,
                tail=_tail(output) + f"\n(expected {source.filename}; pip left {found})",
            )
        )
    _check_hash(path, source)
    shown = source.pip_command("requirements.txt", "DIR") + list(pip_args)
    return path, shlex.join(["python", *shown[1:]])


def _pip_failure(source: WheelSource, code: int, stderr: str, output: str) -> ModelDownloadError:
    if "No module named pip" in stderr:
        return ModelDownloadError(
            Errors.E102.format(python=sys.executable, detail="No module named pip")
        )
    if _HASH_MISMATCH.search(output):
        got = _GOT_HASH.search(output)
        return ModelDownloadError(
            Errors.E104.format(
                path=f"the file pip downloaded for {source.filename}",
                got=got.group(1) if got else "(see pip's output)",
                requirement=source.requirement,
                expected=source.sha256,
            )
        )
    if _NETWORK_TROUBLE.search(output):
        return ModelDownloadError(
            Errors.E103.format(
                requirement=source.requirement,
                tail=_tail(output),
                command=source.manual_command(),
            )
        )
    return ModelDownloadError(
        Errors.E105.format(requirement=source.requirement, code=code, tail=_tail(output))
    )


def _tail(output: str) -> str:
    lines = [line.rstrip() for line in output.splitlines() if line.strip()]
    return "\n".join("  | " + line for line in lines[-_TAIL_LINES:]) or "  | (no output)"


def _check_hash(path: Path, source: WheelSource) -> None:
    got = sha256_of(path)
    if got != source.sha256:
        raise ModelDownloadError(
            Errors.E104.format(
                path=path, got=got, requirement=source.requirement, expected=source.sha256
            )
        )


def _check_given_wheel(wheel: str | Path, source: WheelSource) -> Path:
    path = Path(wheel).expanduser()
    if not path.is_file():
        raise ModelDownloadError(
            Errors.E108.format(path=path, requirement=source.requirement, filename=source.filename)
        )
    _check_hash(path, source)
    return path


def _stored_wheel(folder: Path, source: WheelSource) -> Path | None:
    """The verified source wheel kept in ``folder`` by an earlier run, if it is intact."""
    path = source_wheel(folder) if folder.is_dir() else None
    if path is None or path.name != source.filename:
        return None
    return path if sha256_of(path) == source.sha256 else None


def _make_staging(folder: Path) -> Path:
    """A fresh folder beside ``folder`` (same file system, so the final rename is atomic)."""
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(
            tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".part", dir=folder.parent)
        )
        staging.chmod(0o755)  # mkdtemp's 0700 would hide a shared $ZHPOVERTY_DATA from others
        return staging
    except OSError as err:
        raise ModelDownloadError(Errors.E107.format(path=folder, error=err)) from err


def _swap_into_place(staging: Path, folder: Path) -> None:
    """Rename ``staging`` to ``folder``, replacing an older model only once the new one is in."""
    old: Path | None = None
    try:
        if folder.exists():
            old = folder.with_name(f".{folder.name}.old-{uuid.uuid4().hex[:8]}")
            folder.rename(old)
        try:
            staging.rename(folder)
        except OSError:
            if old is not None:
                old.rename(folder)
                old = None
            raise
    except OSError as err:
        raise ModelDownloadError(Errors.E107.format(path=folder, error=err)) from err
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _verify_loadable(folder: Path) -> None:
    """Load the written model with spacy-pkuseg and segment one sentence, as a last check."""
    import spacy_pkuseg

    seg = spacy_pkuseg.pkuseg(str(folder), user_dict="default")
    if not seg.cut("东西部扶贫协作"):
        raise ModelDownloadError(
            Errors.E109.format(path=folder, problem="the converted model segments nothing")
        )


def _provenance(
    source: WheelSource,
    keep: float,
    stats: ConversionStats,
    obtained: str,
    command: str | None,
) -> dict[str, Any]:
    from importlib.metadata import version

    return {
        "format": STORE_FORMAT,
        "keep": keep,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "source": {
            "package": source.name,
            "version": source.version,
            "wheel": source.filename,
            "sha256": source.sha256,
            "members": list(WHEEL_MEMBERS),
            "obtained": obtained,
            "pip_command": command,
            "requirements": source.requirements_line().strip(),
        },
        "counts": stats.as_dict(),
        "files": list(MODEL_FILES),
        "made_by": {"zhpoverty": __version__, "spacy-pkuseg": version("spacy-pkuseg")},
        "licence": LICENCE_NOTE,
    }


def _size_mb(folder: Path) -> float:
    return sum((folder / name).stat().st_size for name in MODEL_FILES) / 1e6
