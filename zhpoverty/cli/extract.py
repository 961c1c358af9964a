"""``zhpoverty extract``: article records for files, folders, globs, stdin or JSONL."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from ..batches import DEFAULT_BATCH_SIZE
from ..errors import InputError, ZhpovertyError
from . import app
from .common import EXIT_PARTIAL, EXIT_USER_ERROR, Segmenter, fail


@app.command("extract")
def extract_command(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Article files, folders (every .txt/.jsonl below), glob patterns, or '-' for "
            "standard input.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="Output file (.jsonl, .csv or .parquet).", show_default=False
        ),
    ],
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="jsonl (one article record per line), csv or parquet (the records table: one "
            "row per indicator). Default: from the output's extension.",
        ),
    ] = None,
    n_process: Annotated[
        int, typer.Option("--n-process", "-n", min=1, help="Worker processes.")
    ] = 1,
    batch_size: Annotated[
        int,
        typer.Option(
            "--batch-size",
            "-b",
            min=1,
            help="Articles per batch (each component runs over a whole batch; a worker takes "
            "one at a time).",
        ),
    ] = DEFAULT_BATCH_SIZE,
    text_key: Annotated[
        str, typer.Option("--text-key", help="Field holding the article in JSONL input.")
    ] = "text",
    segmenter: Annotated[
        Segmenter, typer.Option("--segmenter", help="Word segmenter.")
    ] = Segmenter.pkuseg,
    model_dir: Annotated[
        Path | None,
        typer.Option("--model-dir", help="pkuseg model folder (default: the download cache)."),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Run on Dask distributed: 'local' starts a LocalCluster with --n-process "
            "workers; an address (tcp://host:8786) uses a running cluster.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite the output if it exists.")
    ] = False,
) -> None:
    """Extract article records; write JSONL, or the records table as CSV or Parquet.

    Unreadable inputs are reported and skipped; the run goes on. Exit status: 0 when every
    input was processed, 3 when some were skipped (listed at the end), 1 on a usage error
    (nothing written).
    """
    from ..io.inputs import Problem, read_items
    from ..io.outputs import RecordWriter, check_target, infer_format

    try:
        fmt = infer_format(output, format)
        check_target(output, force=force)
        writer = RecordWriter(output, fmt)
    except InputError as err:
        fail(str(err))
    problems: list[Problem] = []
    notes: list[str] = []

    def articles() -> Iterator[dict[str, Any]]:
        for item in read_items(inputs, text_key=text_key):
            if isinstance(item, Problem):
                problems.append(item)
                continue
            notes.extend(item.notes)
            yield {"id": item.id, "text": item.text, "published": item.published}

    try:
        results = _results(articles(), segmenter.value, model_dir, n_process, batch_size, scheduler)
        with writer:
            for result in _progress(results):
                if "error" in result and "records" not in result:
                    problems.append(Problem(str(result["id"]), result["error"]))
                    continue
                writer.write(result)
    except ZhpovertyError as err:
        fail(str(err))
    except KeyboardInterrupt:
        typer.echo(f"Interrupted: nothing written to {output}.", err=True)
        raise typer.Exit(130) from None
    for note in notes:
        typer.echo(f"warning: {note}", err=True)
    typer.echo(
        f"{writer.articles} article(s), {writer.rows} record(s) written to {output} ({fmt}).",
        err=True,
    )
    if problems:
        typer.echo(f"{len(problems)} input(s) skipped:", err=True)
        for problem in problems:
            typer.echo(f"  {problem.source}: {problem.message}", err=True)
        raise typer.Exit(EXIT_PARTIAL)


def _results(
    articles: Iterator[dict[str, Any]],
    segmenter: str,
    model_dir: Path | None,
    n_process: int,
    batch_size: int,
    scheduler: str | None,
) -> Iterator[dict[str, Any]]:
    if scheduler:
        from ..scale import run_on_dask

        return run_on_dask(
            articles,
            scheduler=scheduler,
            n_workers=n_process,
            batch_size=batch_size,
            segmenter=segmenter,
            model_dir=str(model_dir) if model_dir else None,
        )
    from ..api import extract_many
    from ..pipeline import keep_for_process, load

    nlp = keep_for_process(load(segmenter, model_dir=model_dir))
    return extract_many(
        articles, nlp=nlp, n_process=n_process, batch_size=batch_size, on_error="report"
    )


def _progress(results: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    from tqdm import tqdm

    yield from tqdm(results, desc="articles", unit="art", disable=None, file=sys.stderr)


__all__ = ["EXIT_USER_ERROR", "extract_command"]
