"""Write article records as JSONL, or the flattened records table as CSV or Parquet, atomically.

Output goes to a temporary file beside the target and is renamed over it only when the run
finishes, so a crash or Ctrl-C never leaves a half-written file under the target's name. An
existing target is refused unless ``force`` is set (checked before any work starts).
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from ..errors import Errors, InputError
from ..record.table import COLUMNS, flatten

FORMATS = {"jsonl": (".jsonl", ".ndjson", ".json"), "csv": (".csv",), "parquet": (".parquet",)}


def _as_float(value: Any) -> float | None:
    """A table number as float64 (exact below 2**53); None for a value no float can hold."""
    if value is None:
        return None
    try:
        return float(value)
    except OverflowError:
        return None


def _default_mode() -> int:
    """The permissions a newly created file gets under the current umask (0644 under 022)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def infer_format(path: Path, explicit: str | None) -> str:
    """The output format: ``explicit`` if given, else from the file's extension."""
    if explicit:
        if explicit not in FORMATS:
            raise InputError(Errors.E508.format(format=explicit, formats=", ".join(FORMATS)))
        return explicit
    for name, suffixes in FORMATS.items():
        if path.suffix.lower() in suffixes:
            return name
    raise InputError(
        Errors.E508.format(format=path.suffix or path.name, formats=", ".join(FORMATS))
    )


def check_target(path: Path, *, force: bool) -> None:
    """Refuse to overwrite an existing output unless ``force`` (before any work starts)."""
    if path.exists() and not force:
        raise InputError(Errors.E507.format(path=path))


class RecordWriter:
    """Context manager that writes article records to ``path`` in ``fmt`` and renames at the end.

    >>> with RecordWriter(Path("out.csv"), "csv") as out:   # doctest: +SKIP
    ...     out.write(article_record)
    """

    def __init__(self, path: Path, fmt: str) -> None:
        if fmt == "parquet":
            try:
                import pyarrow  # noqa: F401
            except ImportError as err:
                raise InputError(Errors.E509) from err
        self.path = Path(path)
        self.fmt = fmt
        self.articles = 0
        self.rows = 0
        self._tmp: Path | None = None
        self._fh: IO[str] | None = None
        self._csv: csv.DictWriter | None = None
        self._table: list[dict[str, Any]] = []

    def __enter__(self) -> RecordWriter:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(
            prefix=f".{self.path.name}.", suffix=".part", dir=self.path.parent
        )
        self._tmp = Path(tmp)
        if self.fmt == "parquet":
            os.close(fd)
        else:
            self._fh = open(fd, "w", encoding="utf-8", newline="")
            if self.fmt == "csv":
                self._csv = csv.DictWriter(self._fh, fieldnames=COLUMNS)
                self._csv.writeheader()
        return self

    def write(self, record: Mapping[str, Any]) -> None:
        """Add one article record."""
        self.articles += 1
        if self.fmt == "jsonl":
            assert self._fh is not None
            self._fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            self.rows += len(record.get("records", []))
            return
        rows = flatten(record)
        self.rows += len(rows)
        if self.fmt == "csv":
            assert self._csv is not None
            self._csv.writerows(rows)
        else:
            self._table.extend(rows)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._tmp is not None
        try:
            if exc_type is None:
                self._finish()
                os.chmod(self._tmp, _default_mode())  # mkstemp made it private (0600)
                os.replace(self._tmp, self.path)
        finally:
            if self._fh is not None and not self._fh.closed:
                self._fh.close()
            if self._tmp.exists():
                self._tmp.unlink()

    def _finish(self) -> None:
        assert self._tmp is not None
        if self._fh is not None:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
        if self.fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            columns = {name: [row[name] for row in self._table] for name in COLUMNS}
            # value columns may mix int and float: store them as float64 (exact for amounts
            # below 2**53) so that every reader gets one numeric type.
            for name in ("value", "range_low", "range_high", "si_value"):
                columns[name] = [_as_float(v) for v in columns[name]]
            pq.write_table(pa.table(columns), self._tmp)
