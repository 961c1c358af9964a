"""``zhpoverty.load()``: the full pipeline, from segmentation to the article record."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from spacy.language import Language

PIPE_NAMES: tuple[str, ...] = (
    "zhpoverty_quantities",
    "zhpoverty_dates",
    "zhpoverty_entities",
    "zhpoverty_aid_types",
    "zhpoverty_records",
)
# Long enough for a 10 MB file of Chinese text; spaCy's default (1 M characters) would refuse it.
MAX_LENGTH = 20_000_000
WARM_UP_ARTICLE = "warm_up.txt"  # what keep_for_process runs the pipeline on once


def load(
    segmenter: str = "pkuseg",
    *,
    model_dir: str | Path | None = None,
    user_dict: str | Path | Iterable[str] | None = None,
    disable: Sequence[str] = (),
    exclude: Sequence[str] = (),
    config: Mapping[str, Mapping[str, Any]] | None = None,
) -> Language:
    """Return the zhpoverty pipeline: a spaCy ``zh`` Language with all components.

    Args:
        segmenter: ``"pkuseg"`` (default; needs the model fetched by ``zhpoverty download``),
            ``"char"`` (one token per character, no model) or ``"jieba"`` (needs the
            ``jieba`` extra). Extraction does not depend on the segmenter: quantities, dates and
            entities are found on the text and tokens are fitted to them.
        model_dir: folder of the pkuseg model (default: where ``zhpoverty download`` put it).
        user_dict: extra words for pkuseg's user dictionary (a list, or a file with one per line),
            added to the domain dictionary shipped with zhpoverty.
        disable: component names to load but leave disabled.
        exclude: component names not to add at all.
        config: per-component settings, e.g. ``{"zhpoverty_aid_types": {"threshold": 0.6}}``.

    Raises:
        ModelNotFoundError: ``segmenter="pkuseg"`` and the model has not been downloaded.
    """
    from .segmentation.tokenizer import make_tokenizer_nlp

    nlp = make_tokenizer_nlp(segmenter, model_dir=model_dir, user_dict=user_dict)
    nlp.max_length = MAX_LENGTH
    config = dict(config or {})
    for name in PIPE_NAMES:
        if name in exclude:
            continue
        nlp.add_pipe(name, config=dict(config.get(name, {})))
    for name in disable:
        nlp.disable_pipe(name)
    return nlp


def keep_for_process(nlp: Language) -> Language:
    """Settle ``nlp`` as the pipeline of the process: what the process holds now is moved out of
    the garbage collector's generations (:func:`gc.freeze`). Returns ``nlp``.

    A loaded pipeline is some 75 000 Python objects (pkuseg's feature tables most of all), and
    every full collection — a few per megabyte of text — walks all of them: about 55 ms each,
    a tenth of what the components cost. Frozen, they are skipped; and worker processes forked
    afterwards do not copy the pages the collector would otherwise write to.

    Before the freeze the pipeline reads a short sample article (``data/warm_up.txt``), so that
    the tables the finders build on first use (pint's unit registry alone takes ~0.5 s) are
    built now: they are frozen with the rest, and worker processes forked afterwards inherit
    them instead of each building its own.

    For a pipeline that lives as long as the process — the command line, ``extract()``'s default
    pipeline, a worker's. Not for one you mean to throw away: frozen objects that only a
    reference cycle keeps are never freed.
    """
    from .resources import read_text

    nlp(read_text(WARM_UP_ARTICLE))
    gc.freeze()
    return nlp
