"""Read the package's data files: lexicons, unit tables, cue words, the user dictionary.

Every table is UTF-8 TSV with a header line naming its columns; lines starting with ``#`` are
comments and blank lines are ignored. Each file's schema is documented at the top of the file
itself and in ``docs/``. Tables are checked when loaded: a wrong number of columns or a key that
appears twice raises :class:`~zhpoverty.errors.DataFileError` naming the file and both lines.

``name`` is either a file name inside ``zhpoverty/data`` or a path to a user's own file in the
same format, so that users can extend a lexicon without editing the package.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import DataFileError, Errors

PACKAGE_DATA = "zhpoverty.data"

Row = dict[str, str]


def read_text(name: str | Path) -> str:
    """Return the text of a data file (package file name, or a path on disk)."""
    if isinstance(name, Path) or "/" in str(name) or "\\" in str(name):
        path = Path(name)
        if not path.is_file():
            raise DataFileError(Errors.E003.format(name=name))
        return path.read_text(encoding="utf-8")
    ref = resources.files(PACKAGE_DATA).joinpath(str(name))
    if not ref.is_file():
        raise DataFileError(Errors.E003.format(name=name))
    return ref.read_text(encoding="utf-8")


def data_file(name: str) -> Path:
    """Filesystem path of a packaged data file (for libraries that want a path, e.g. pkuseg)."""
    ref = resources.files(PACKAGE_DATA).joinpath(name)
    if not ref.is_file():
        raise DataFileError(Errors.E003.format(name=name))
    return Path(str(ref))


def parse_tsv(
    text: str,
    *,
    name: str,
    key: str | Sequence[str] | None = None,
    columns: Sequence[str] | None = None,
) -> list[Row]:
    """Parse TSV ``text`` into rows keyed by column name.

    The first non-comment line is the header unless ``columns`` is given. ``key`` names the
    column (or columns) that must be unique across rows; ``None`` disables the check. Empty
    trailing columns may be omitted on a line; extra columns are an error.
    """
    rows: list[Row] = []
    key_cols = [key] if isinstance(key, str) else list(key or [])
    columns = list(columns) if columns is not None else None
    if columns is not None and any(k not in columns for k in key_cols):
        raise DataFileError(
            Errors.E005.format(name=name, line=0, problem=f"no key column(s) {key_cols}")
        )
    seen: dict[tuple[str, ...], int] = {}
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if columns is None:
            columns = [f.strip() for f in fields]
            missing = [k for k in key_cols if k not in columns]
            if missing:
                raise DataFileError(
                    Errors.E005.format(
                        name=name, line=lineno, problem=f"header lacks key column(s) {missing}"
                    )
                )
            continue
        if len(fields) > len(columns):
            raise DataFileError(
                Errors.E002.format(
                    name=name,
                    line=lineno,
                    expected=len(columns),
                    columns=", ".join(columns),
                    got=len(fields),
                    text=line,
                )
            )
        fields += [""] * (len(columns) - len(fields))
        row = {col: value.strip() for col, value in zip(columns, fields, strict=True)}
        if key_cols:
            k = tuple(row[c] for c in key_cols)
            if k in seen:
                raise DataFileError(
                    Errors.E001.format(name=name, key="\t".join(k), first=seen[k], second=lineno)
                )
            seen[k] = lineno
        rows.append(row)
    return rows


@lru_cache(maxsize=64)
def load_tsv(name: str | Path, key: str | tuple[str, ...] | None = None) -> tuple[Row, ...]:
    """Load and check a TSV table once per process (see :func:`parse_tsv`)."""
    return tuple(parse_tsv(read_text(name), name=str(name), key=key))


def _no_duplicate_keys(name: str):
    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k, v in pairs:
            if k in out:
                raise DataFileError(Errors.E001.format(name=name, key=k, first="?", second="?"))
            out[k] = v
        return out

    return hook


@lru_cache(maxsize=32)
def load_json(name: str | Path) -> Any:
    """Load a JSON data file once per process, refusing duplicate keys at any depth."""
    return json.loads(read_text(name), object_pairs_hook=_no_duplicate_keys(str(name)))


def check_choice(name: str, key: str, column: str, value: str, allowed: Iterable[str]) -> None:
    """Raise :class:`DataFileError` [E006] unless a row's ``column`` holds one of ``allowed``."""
    allowed = tuple(allowed)
    if value not in allowed:
        raise DataFileError(
            Errors.E006.format(
                name=name, key=key, column=column, value=value,
                expected="one of " + ", ".join(map(repr, allowed)),
            )
        )  # fmt: skip


def bad_column(name: str, key: str, column: str, value: str, expected: str) -> DataFileError:
    """The [E006] error for a row whose ``column`` does not hold what ``expected`` says."""
    return DataFileError(
        Errors.E006.format(name=name, key=key, column=column, value=value, expected=expected)
    )


def load_lines(name: str | Path) -> tuple[str, ...]:
    """Load a one-entry-per-line list (comments and blanks skipped), refusing duplicates."""
    rows = parse_tsv(read_text(name), name=str(name), key="entry", columns=["entry"])
    return tuple(r["entry"] for r in rows)
