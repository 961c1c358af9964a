"""Shared pieces of the command line: exit codes, option types, the error exit."""

from __future__ import annotations

from enum import Enum
from typing import NoReturn

import typer

EXIT_OK = 0
EXIT_USER_ERROR = 1
EXIT_PARTIAL = 3


class Segmenter(str, Enum):
    """Word segmenters the pipeline can use."""

    pkuseg = "pkuseg"
    char = "char"
    jieba = "jieba"


def fail(message: str, code: int = EXIT_USER_ERROR) -> NoReturn:
    """Print ``message`` to stderr and exit with ``code`` (1: the user's input or options)."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)
