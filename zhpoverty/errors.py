"""The one catalogue of zhpoverty's errors and warnings.

Every message says what went wrong and how to fix it, naming the exact command where there is
one. Messages are templates formatted with ``str.format``; the metaclass prefixes each with its
code so that users can search for it (``[E101] No segmentation model …``).

Code ranges, so that parts of the package can add entries without colliding:

========  =====================================================
E001–099  settings, data files, general
E100–199  segmentation model (download, store, tokenizer)
E200–299  numerals and quantities
E300–399  dates, places, organisations, people, article structure
E400–499  aid types, indicators, records, evaluation
E500–599  input, output and the command line
========  =====================================================

Warnings use the same ranges with ``W``. A warning that could fire once per document is raised
through :func:`warn_once`.
"""

from __future__ import annotations

import warnings
from typing import Any


class _CodedMessages(type):
    """Metaclass: ``Errors.E001`` returns ``"[E001] <message>"``."""

    def __getattribute__(cls, code: str) -> Any:
        msg = super().__getattribute__(code)
        if code.startswith("__") or not isinstance(msg, str):
            return msg
        return f"[{code}] {msg}"


class Errors(metaclass=_CodedMessages):
    # --- settings, data files, general (E001–E099) ---------------------------------------
    E001 = (
        "Data file '{name}' has the key {key!r} twice (lines {first} and {second}). Each key "
        "may appear once; remove or merge the duplicate."
    )
    E002 = (
        "Data file '{name}', line {line}: expected {expected} tab-separated columns "
        "({columns}), got {got}: {text!r}."
    )
    E003 = "Data file '{name}' not found in the zhpoverty package or at that path."
    E004 = (
        "Setting '{setting}' of component '{component}' must be {expected}, got {got!r}."
    )
    E005 = "Data file '{name}', line {line}: {problem}"

    # --- segmentation model (E100–E199) ------------------------------------------------------


    # --- numerals and quantities (E200–E299) ---------------------------------------------------


    # --- dates, places, organisations, people, structure (E300–E399) ---------------------------


    # --- aid types, indicators, records, evaluation (E400–E499) --------------------------------


    # --- input, output, command line (E500–E599) ---------------------------------------------
    E500 = "No such file, folder or glob match: '{path}'. Check the path, or quote a glob."
    E501 = (
        "'{path}' looks like a binary file ({reason}), not an article. It was skipped; "
        "convert it to text first."
    )
    E502 = (
        "'{path}' could not be decoded as UTF-8, GB18030/GBK or Big5. It was skipped; save it "
        "as UTF-8 (for example `iconv -f <encoding> -t UTF-8`)."
    )
    E503 = "'{path}' is empty. It was skipped."
    E504 = "'{path}' could not be read: {error}. It was skipped."
    E505 = (
        "{source}, line {line}: not a JSON object ({error}). The line was skipped; JSONL input "
        "needs one object per line with a '{key}' field."
    )
    E506 = (
        "{source}, line {line}: no text under '{key}' (keys present: {keys}). The line was "
        "skipped; pass --text-key to name the field that holds the article."
    )
    E507 = (
        "Output '{path}' exists. Pass --force to overwrite it, or choose another path."
    )
    E508 = (
        "Unknown output format '{format}'. Use one of: {formats} (or an output file ending in "
        "one of their extensions)."
    )
    E509 = (
        "Parquet output needs pyarrow, which is not installed. Install it with "
        "`pip install 'zhpoverty[parquet]'`, or write --format csv or jsonl."
    )
    E510 = "No input given. Name files, folders, globs, or '-' for standard input."
    E511 = "Article '{id}' failed in the pipeline: {error}. It was skipped."
    E512 = (
        "Dask scale-out needs the distributed scheduler, which is not installed. Install it "
        "with `pip install 'zhpoverty[dask]'`."
    )


class Warnings(metaclass=_CodedMessages):
    W001 = "Data file '{name}', line {line}: {problem} The line was skipped."
    W500 = (
        "'{path}' is not valid UTF-8 at {count} place(s) (first at byte {first}); those bytes "
        "were replaced with U+FFFD and the rest was read as UTF-8."
    )


class ZhpovertyError(Exception):
    """Base class of the errors zhpoverty raises on purpose."""


class SettingsError(ZhpovertyError, ValueError):
    """A component or function was given a setting it cannot use."""


class DataFileError(ZhpovertyError, ValueError):
    """A lexicon or table file is malformed (duplicate key, wrong columns)."""


class ModelNotFoundError(ZhpovertyError, FileNotFoundError):
    """The pkuseg segmentation model has not been fetched with ``zhpoverty download``."""


class ModelDownloadError(ZhpovertyError, RuntimeError):
    """``zhpoverty download`` could not fetch or verify the model wheel."""


class InputError(ZhpovertyError, ValueError):
    """An input file or record cannot be read or decoded."""


class ZhpovertyWarning(UserWarning):
    """Category of every warning zhpoverty emits, so users can filter them in one line."""


_warned: set[str] = set()


def warn_once(message: str, *, stacklevel: int = 2) -> None:
    """Emit ``message`` as a :class:`ZhpovertyWarning` the first time it is seen in this process."""
    if message in _warned:
        return
    _warned.add(message)
    warnings.warn(message, ZhpovertyWarning, stacklevel=stacklevel + 1)
