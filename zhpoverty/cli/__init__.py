"""The ``zhpoverty`` command line, built with typer in the manner of spaCy's own CLI.

Each command lives in its own module, which registers itself on :data:`app` when imported.
"""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="zhpoverty",
    help="Turn Chinese poverty-alleviation news into data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

COMMAND_MODULES = ("download", "extract", "render", "evaluate", "info", "schema")


def _register_commands() -> None:
    for name in COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{name}")


def main() -> None:
    """Entry point of the ``zhpoverty`` console script."""
    _register_commands()
    app()
