"""``zhpoverty info``: versions, the segmentation model's folder and provenance."""

from __future__ import annotations

import json
import platform
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import ZhpovertyError
from . import app


def _version(package: str) -> str | None:
    try:
        return version(package)
    except PackageNotFoundError:
        return None


def collect_info(model_dir: Path | None = None) -> dict[str, Any]:
    """What ``zhpoverty info`` reports, as plain data."""
    from ..about import __version__
    from ..segmentation.store import missing_files, read_provenance
    from ..segmentation.store import model_dir as resolve
    from ..segmentation.tokenizer import DEFAULT_SEGMENTER

    folder = resolve(model_dir)
    present = folder.is_dir() and not missing_files(folder)
    try:
        provenance = read_provenance(folder) if folder.is_dir() else None
        problem = None
    except ZhpovertyError as err:
        provenance, problem = None, str(err)
    return {
        "zhpoverty": __version__,
        "segmenter_default": DEFAULT_SEGMENTER,
        "model": {
            "folder": str(folder),
            "present": present,
            "problem": problem,
            "provenance": provenance,
        },
        "spacy": _version("spacy"),
        "spacy_pkuseg": _version("spacy-pkuseg"),
        "jieba": _version("jieba"),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
    }


def _features_line(counts: dict[str, Any]) -> str:
    kept, source = counts.get("features_kept"), counts.get("features_source")
    if isinstance(kept, int) and isinstance(source, int):
        return f"{kept:,} of {source:,}"
    return "?"


@app.command("info")
def info_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    model_dir: Annotated[
        Path | None,
        typer.Option("--model-dir", help="pkuseg model folder (default: the download cache)."),
    ] = None,
) -> None:
    """Show versions, the default segmenter and the segmentation model's folder and provenance."""
    info = collect_info(model_dir)
    if as_json:
        typer.echo(json.dumps(info, ensure_ascii=False, indent=2, sort_keys=True))
        return
    model = info["model"]
    prov = model["provenance"] or {}
    counts = prov.get("counts") or {}
    source = prov.get("source") or {}
    state = "present" if model["present"] else "missing (run `zhpoverty download`)"
    lines = [
        ("zhpoverty", info["zhpoverty"]),
        ("default segmenter", info["segmenter_default"]),
        ("model folder", model["folder"]),
        ("model", state),
    ]
    if prov:
        lines += [
            ("model source", f"{source.get('wheel')} (sha256 {source.get('sha256')})"),
            ("model keep", f"{prov.get('keep')}"),
            ("model features", _features_line(counts)),
            ("model created", f"{prov.get('created')}"),
            ("model licence", f"{prov.get('licence')}"),
        ]
    if model["problem"]:
        lines.append(("model problem", model["problem"]))
    lines += [
        ("spaCy", info["spacy"] or "not installed"),
        ("spacy-pkuseg", info["spacy_pkuseg"] or "not installed"),
        ("jieba", info["jieba"] or "not installed (optional)"),
        ("Python", f"{info['python']} ({info['platform']})"),
    ]
    width = max(len(label) for label, _ in lines)
    for label, value in lines:
        typer.echo(f"{label.ljust(width)}  {value}")
