"""``zhpoverty download``: fetch, convert, prune and store the pkuseg segmentation model."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import ZhpovertyError
from . import app
from .common import fail


@app.command("download")
def download_command(
    keep: Annotated[
        float,
        typer.Option(
            "--keep",
            help="Fraction of the model's features to keep, largest weight spread first "
            "(0 < keep <= 1; 1 keeps the whole model).",
        ),
    ] = 0.3,
    dir: Annotated[
        Path | None,
        typer.Option(
            "--dir",
            help="Model folder to write (default: $ZHPOVERTY_DATA/pkuseg, else the user cache "
            "folder).",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Rebuild the model even if it is up to date.")
    ] = False,
    wheel: Annotated[
        Path | None,
        typer.Option(
            "--wheel",
            help="Use this pkuseg wheel file instead of asking pip (for machines without "
            "network; its sha256 is checked).",
        ),
    ] = None,
    pip_arg: Annotated[
        list[str] | None,
        typer.Option(
            "--pip-arg",
            help="Extra argument for `pip download`, repeatable (e.g. --pip-arg=--proxy=URL).",
        ),
    ] = None,
) -> None:
    """Fetch the pkuseg model through pip, prune it and store it for zhpoverty.load().

    The pkuseg wheel (hash-pinned) is downloaded with your pip configuration; only its two
    model files are read; nothing from it is installed or run. Running again is a no-op unless
    --force or another --keep is given. Prints the model folder on success.
    """
    from ..segmentation.download import download_model

    try:
        folder = download_model(
            keep=keep,
            target=dir,
            force=force,
            wheel=wheel,
            pip_args=tuple(pip_arg or ()),
            log=lambda line: typer.echo(line, err=True),
        )
    except ZhpovertyError as err:
        fail(str(err))
    typer.echo(str(folder))
