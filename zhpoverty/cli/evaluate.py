"""``zhpoverty evaluate``: precision, recall and F1 against gold annotations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from . import app
from .common import EXIT_USER_ERROR, Segmenter, fail


@app.command("evaluate")
def evaluate_command(
    gold_dir: Annotated[
        Path,
        typer.Argument(
            help="Folder of <id>.txt + <id>.gold.json pairs (the corpus/ format).",
            show_default=False,
        ),
    ],
    segmenter: Annotated[
        Segmenter, typer.Option("--segmenter", help="Word segmenter.")
    ] = Segmenter.pkuseg,
    model_dir: Annotated[
        Path | None, typer.Option("--model-dir", help="pkuseg model folder.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    thresholds: Annotated[
        Path | None,
        typer.Option(
            "--thresholds",
            help='JSON {"task": {"p": .., "r": .., "f1": ..}, "records.subject": {"accuracy": ..}}:'
            " exit 1 if any score is lower.",
        ),
    ] = None,
) -> None:
    """Score the pipeline on a gold corpus: quantities, dates, places, organisations, people,
    aid types and records."""
    from ..evaluate.gold import iter_gold, validate
    from ..evaluate.run import evaluate_corpus
    from ..evaluate.score import below

    if not gold_dir.is_dir():
        fail(f"'{gold_dir}' is not a folder of gold annotations.")
    articles = list(iter_gold(gold_dir))
    if not articles:
        fail(f"'{gold_dir}' holds no <id>.gold.json files.")
    problems = [p for a in articles for p in validate(a)]
    if problems:
        fail("the gold annotations are invalid:\n  " + "\n  ".join(problems))
    report = evaluate_corpus(articles, segmenter=segmenter.value, model_dir=model_dir)
    if as_json:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        typer.echo(format_report(report, n_articles=len(articles)))
    if thresholds is not None:
        limits = json.loads(thresholds.read_text(encoding="utf-8"))
        failures = below(report, limits)
        if failures:
            typer.echo("below the thresholds in " + str(thresholds) + ":", err=True)
            for line in failures:
                typer.echo("  " + line, err=True)
            raise typer.Exit(EXIT_USER_ERROR)
        typer.echo(f"all scores at or above the thresholds in {thresholds}", err=True)


def format_report(report, *, n_articles: int) -> str:  # type: ignore[no-untyped-def]
    """The human-readable score table."""
    lines = [
        f"{n_articles} article(s)",
        "",
        f"{'task':<20}{'P':>8}{'R':>8}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}",
    ]
    for task, tally in report.tasks.items():
        d = tally.as_dict()
        lines.append(
            f"{task:<20}{d['p']:>8.3f}{d['r']:>8.3f}{d['f1']:>8.3f}{d['tp']:>6}{d['fp']:>6}{d['fn']:>6}"
        )
    if report.attributes:
        lines += ["", f"{'record attribute':<20}{'accuracy':>10}{'n':>6}"]
        for name, (correct, total) in report.attributes.items():
            acc = correct / total if total else 0.0
            lines.append(f"{name:<20}{acc:>10.3f}{total:>6}")
    lines += ["", "per article F1 (quantities.unit / places.code / records.full):"]
    for article, tallies in report.per_article.items():
        q, p, r = (tallies[t].f1 for t in ("quantities.unit", "places.code", "records.full"))
        lines.append(f"  {article:<44}{q:>6.3f}{p:>7.3f}{r:>7.3f}")
    return "\n".join(lines)
