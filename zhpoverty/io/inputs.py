"""Find and read the articles a batch run is given.

Inputs are files, folders (every ``*.txt``, ``*.jsonl`` and ``*.json`` file below them, sorted),
glob patterns, or ``-`` for standard input. A ``.jsonl`` file (or stdin whose first character is
``{``) holds one JSON object per line with the article under ``text_key`` and optional ``id``,
``published`` and ``title`` fields. Bytes are decoded as UTF-8 when they are valid UTF-8, else by
charset-normalizer restricted to the encodings Chinese news comes in (GB18030/GBK, Big5, UTF-16).

Nothing here raises on a bad input: a file that cannot be read or decoded becomes a
:class:`Problem` that the caller reports, and the run goes on.
"""

from __future__ import annotations

import glob
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Errors, Warnings

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
FOLDER_SUFFIXES = TEXT_SUFFIXES + JSONL_SUFFIXES
CHINESE_ENCODINGS = ["gb18030", "big5", "big5hkscs", "cp950", "utf_16", "utf_32"]


@dataclass(frozen=True)
class InputArticle:
    """One article to process: its id, text and what the source says about it."""

    id: str
    text: str
    source: str
    published: str | None = None
    encoding: str = "utf-8"
    notes: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Problem:
    """An input that was skipped, with the coded message that says why."""

    source: str
    message: str


Item = InputArticle | Problem


def expand_inputs(inputs: Iterable[str]) -> Iterator[Path | str | Problem]:
    """Turn command-line inputs into files (sorted within a folder or glob), ``-``, or problems."""
    for raw in inputs:
        if raw == "-":
            yield "-"
            continue
        path = Path(raw)
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in FOLDER_SUFFIXES
            )
        elif path.is_file():
            yield path
        elif glob.has_magic(raw):
            matches = sorted(Path(p) for p in glob.glob(raw, recursive=True))
            files = [p for p in matches if p.is_file()]
            if not files:
                yield Problem(raw, Errors.E500.format(path=raw))
            yield from files
        else:
            yield Problem(raw, Errors.E500.format(path=raw))


def decode(data: bytes, source: str) -> tuple[str, str, tuple[str, ...]] | Problem:
    """Decode article bytes: returns ``(text, encoding, notes)`` or a :class:`Problem`."""
    if not data.strip():
        return Problem(source, Errors.E503.format(path=source))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    reason = _binary_reason(data)
    if reason:
        return Problem(source, Errors.E501.format(path=source, reason=reason))
    try:
        return data.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError as err:
        first_bad = err.start
    # UTF-8 with a few broken bytes (a truncated copy, one bad line): keep the text and say
    # where the damage is, rather than let a detector re-read the whole file as GB18030.
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad <= max(3, len(text) // 1000):
        note = Warnings.W500.format(path=source, count=bad, first=first_bad)
        return text, "utf-8", (note,)
    import charset_normalizer

    best = charset_normalizer.from_bytes(data, cp_isolation=CHINESE_ENCODINGS).best()
    if best is None:
        return Problem(source, Errors.E502.format(path=source))
    return str(best), best.encoding, ()


def _binary_reason(data: bytes) -> str | None:
    sample = data[:65536]
    if b"\x00" in sample and not (sample.startswith((b"\xff\xfe", b"\xfe\xff"))):
        return "it contains NUL bytes"
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 13, 12, 27))
    if controls > len(sample) * 0.01:
        return f"{controls} control bytes in the first {len(sample)}"
    return None


def read_items(inputs: Iterable[str], *, text_key: str = "text") -> Iterator[Item]:
    """Yield every article (or problem) the inputs hold, in order."""
    for entry in expand_inputs(inputs):
        if isinstance(entry, Problem):
            yield entry
        elif entry == "-":
            yield from _read_stream(sys.stdin.buffer.read(), "<stdin>", text_key, stem="stdin")
        else:
            assert isinstance(entry, Path)
            try:
                data = entry.read_bytes()
            except OSError as err:
                yield Problem(str(entry), Errors.E504.format(path=entry, error=err))
                continue
            if entry.suffix.lower() in JSONL_SUFFIXES:
                yield from _read_jsonl(data, str(entry), text_key, stem=entry.stem)
            else:
                yield from _read_stream(data, str(entry), text_key, stem=entry.stem)


def _read_stream(data: bytes, source: str, text_key: str, *, stem: str) -> Iterator[Item]:
    decoded = decode(data, source)
    if isinstance(decoded, Problem):
        yield decoded
        return
    text, encoding, notes = decoded
    if source == "<stdin>" and text.lstrip().startswith("{"):
        yield from _jsonl_lines(text, source, text_key, stem=stem)
        return
    yield InputArticle(id=stem, text=text, source=source, encoding=encoding, notes=notes)


def _read_jsonl(data: bytes, source: str, text_key: str, *, stem: str) -> Iterator[Item]:
    decoded = decode(data, source)
    if isinstance(decoded, Problem):
        yield decoded
        return
    yield from _jsonl_lines(decoded[0], source, text_key, stem=stem)


def _jsonl_lines(text: str, source: str, text_key: str, *, stem: str) -> Iterator[Item]:
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise ValueError(f"a JSON {type(obj).__name__}")
        except ValueError as err:
            yield Problem(
                where, Errors.E505.format(source=source, line=lineno, error=err, key=text_key)
            )
            continue
        body = obj.get(text_key)
        if not isinstance(body, str) or not body.strip():
            keys = ", ".join(sorted(obj)) or "none"
            yield Problem(
                where, Errors.E506.format(source=source, line=lineno, key=text_key, keys=keys)
            )
            continue
        published = obj.get("published")
        yield InputArticle(
            id=str(obj.get("id") or f"{stem}-{lineno}"),
            text=body,
            source=where,
            published=str(published) if published else None,
        )
