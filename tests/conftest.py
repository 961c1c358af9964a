"""Shared fixtures: session-scoped pipelines, the reference article and its gold, pipe cleanup.

Pipelines are built once per session: one with spaCy's ``char`` segmenter (no model needed) and
one with pkuseg (needs the model that the README's set-up fetches with ``zhpoverty download``;
without it, tests using ``nlp`` fail with the [E1xx] message that says so — they are never
skipped).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
TEST_DATA = Path(__file__).resolve().parent / "data"
REFERENCE_ID = "qingdao-chengyang-2020-03-18"


@pytest.fixture(scope="session")
def nlp_char() -> Language:
    """The full pipeline with one token per character (no model)."""
    import zhpoverty

    return zhpoverty.load("char")


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The full pipeline with pkuseg and the downloaded model."""
    import zhpoverty

    return zhpoverty.load()


@pytest.fixture(scope="session")
def nlp_jieba() -> Language:
    """The full pipeline with jieba (the test extra installs it)."""
    import zhpoverty

    return zhpoverty.load("jieba")


@pytest.fixture
def clean_pipes(nlp_char: Language) -> Iterator[Language]:
    """The char pipeline; pipes a test adds are removed afterwards."""
    before = list(nlp_char.pipe_names)
    yield nlp_char
    for name in list(nlp_char.pipe_names):
        if name not in before:
            nlp_char.remove_pipe(name)


@pytest.fixture(scope="session")
def reference_text() -> str:
    return (CORPUS / f"{REFERENCE_ID}.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def reference_gold() -> dict[str, Any]:
    return json.loads((CORPUS / f"{REFERENCE_ID}.gold.json").read_text(encoding="utf-8"))
