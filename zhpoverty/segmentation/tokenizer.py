"""A blank spaCy ``zh`` pipeline whose tokenizer uses pkuseg (with the stored model), char or jieba.

The tokenizer is spaCy's Chinese tokenizer reading traditional text through its simplified
form (:mod:`.chinese_tokenizer`).

pkuseg gets the model folder written by ``zhpoverty download`` and the domain user dictionary
(``zhpoverty/data/user_dict.txt``, entries in simplified and traditional characters) merged with
the caller's words. The tokenizer is initialised directly, not through ``nlp.initialize()``, so the
pipeline's config keeps ``pkuseg_model = null``: ``nlp.to_disk()`` saves the model's weights and
the user dictionary inside the pipeline folder, and ``spacy.load()`` needs neither the cache
folder nor the network.
"""

from __future__ import annotations

import reprlib
from collections.abc import Iterable
from enum import Enum
from functools import lru_cache
from pathlib import Path

from spacy.language import Language

from ..errors import Errors, SettingsError, Warnings, warn_once
from ..resources import load_lines
from .store import require_model

SEGMENTERS: tuple[str, ...] = ("pkuseg", "char", "jieba")
DEFAULT_SEGMENTER = "pkuseg"
DOMAIN_USER_DICT = "user_dict.txt"


def make_tokenizer_nlp(
    segmenter: str = DEFAULT_SEGMENTER,
    *,
    model_dir: str | Path | None = None,
    user_dict: str | Path | Iterable[str] | None = None,
) -> Language:
    """Return a ``spacy.blank("zh")`` pipeline with the chosen word segmenter.

    Args:
        segmenter: ``"pkuseg"`` (the model fetched by ``zhpoverty download``), ``"char"`` (one
            token per character) or ``"jieba"`` (needs the ``jieba`` extra).
        model_dir: the pkuseg model folder (default: where ``zhpoverty download`` puts it).
        user_dict: extra words for pkuseg, added to the domain dictionary: a list of words or
            the path of a UTF-8 file with one word per line. Ignored by char and jieba.

    Raises:
        ModelNotFoundError: pkuseg was chosen and the model is not there (nothing is
            downloaded, and nothing falls back to another segmenter).
        SettingsError: an unknown segmenter, jieba not installed, or a bad ``user_dict``.
    """
    import spacy

    name = check_segmenter(segmenter)
    if name == "jieba":
        _require_jieba()
    folder = words = None
    if name == "pkuseg":
        folder = require_model(model_dir)
        words = user_words(user_dict)
    from .alignment import install
    from .chinese_tokenizer import TOKENIZER

    install()  # linear-time word alignment for long articles (spaCy's is quadratic)
    tokenizer = {"@tokenizers": TOKENIZER, "segmenter": name}
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": tokenizer}})
    if folder is not None and words is not None:
        # Never pkuseg_user_dict=None (spaCy would read the model folder as a dictionary) and
        # never a model name (spacy-pkuseg would download it): a folder path and "default".
        nlp.tokenizer.initialize(pkuseg_model=str(folder), pkuseg_user_dict="default")
        nlp.tokenizer.pkuseg_update_user_dict(words, reset=True)
    return nlp


def check_segmenter(segmenter: str | Enum) -> str:
    """Return the segmenter's name, accepting an Enum member (the CLI's) or a string."""
    name = segmenter.value if isinstance(segmenter, Enum) else segmenter
    if name not in SEGMENTERS:
        raise SettingsError(Errors.E130.format(got=segmenter, allowed=", ".join(SEGMENTERS)))
    return str(name)


def _require_jieba() -> None:
    try:
        import jieba  # noqa: F401  # imported to check that it is there
    except ImportError as err:
        raise SettingsError(Errors.E131) from err


@lru_cache(maxsize=1)
def domain_words() -> tuple[str, ...]:
    """The domain dictionary's entries, simplified and traditional (read once per process)."""
    return load_lines(DOMAIN_USER_DICT)


def user_words(extra: str | Path | Iterable[str] | None = None) -> list[str]:
    """The words pkuseg gets: the domain dictionary, then ``extra`` (deduplicated, in order).

    Args:
        extra: a list of words, or the path of a UTF-8 file with one word per line (blank lines
            and lines starting with ``#`` are skipped; in pkuseg's ``word<TAB>tag`` lines the tag
            is ignored).

    Raises:
        SettingsError: ``extra`` is neither a list of strings nor an existing file.
    """
    words: dict[str, None] = dict.fromkeys(domain_words())
    for word in _extra_words(extra):
        if any(ch.isspace() for ch in word):
            warn_once(Warnings.W100.format(word=word), stacklevel=3)
            continue
        words[word] = None
    return list(words)


def _extra_words(extra: str | Path | Iterable[str] | None) -> list[str]:
    if extra is None:
        return []
    if isinstance(extra, str | Path):
        path = Path(extra).expanduser()
        if not path.is_file():
            raise SettingsError(Errors.E133.format(path=path))
        lines = path.read_text(encoding="utf-8-sig").splitlines()
        return [
            line.split("\t", 1)[0].strip()
            for line in lines
            if line.strip() and not line.lstrip().startswith("#")
        ]
    if isinstance(extra, bytes) or not isinstance(extra, Iterable):
        raise SettingsError(Errors.E132.format(got=reprlib.repr(extra)))
    items = list(extra)
    if not all(isinstance(item, str) for item in items):
        raise SettingsError(Errors.E132.format(got=reprlib.repr(items)))
    return [item.strip() for item in items if item.strip()]
