"""``zhpoverty render``: displaCy HTML of one article."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import InputError, ZhpovertyError
from . import app
from .common import Segmenter, fail


@app.command("render")
def render_command(
    article: Annotated[
        Path, typer.Argument(help="The article file (UTF-8, GBK or Big5).", show_default=False)
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="HTML file to write.", show_default=False)
    ],
    segmenter: Annotated[
        Segmenter, typer.Option("--segmenter", help="Word segmenter.")
    ] = Segmenter.pkuseg,
    model_dir: Annotated[
        Path | None, typer.Option("--model-dir", help="pkuseg model folder.")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite the output if it exists.")
    ] = False,
) -> None:
    """Write an HTML page that highlights everything zhpoverty found in ARTICLE."""
    from ..api import process
    from ..io.inputs import Problem, read_items
    from ..io.outputs import check_target
    from ..pipeline import load
    from ..render import render_html

    try:
        check_target(output, force=force)
        items = list(read_items([str(article)]))
        if not items or isinstance(items[0], Problem):
            fail(items[0].message if items else f"nothing to read in '{article}'")
        item = items[0]
        nlp = load(segmenter.value, model_dir=model_dir)
        doc = process(nlp, item.text, id=item.id, published=item.published)
    except (InputError, ZhpovertyError) as err:
        fail(str(err))
    tmp = output.with_name(f".{output.name}.part")
    tmp.write_text(render_html(doc), encoding="utf-8")
    tmp.replace(output)
    typer.echo(f"wrote {output}", err=True)
