"""Components run batch-wise under ``nlp.pipe``."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from zhpoverty.components.batching import BatchedPipe


class _Recorder(BatchedPipe):
    """Logs the order of calls; fails on a doc whose text says so."""

    name = "recorder"

    def __init__(self, log: list[tuple[str, str]], tag: str) -> None:
        self.log, self.tag = log, tag

    def __call__(self, doc: Doc) -> Doc:
        if "坏" in doc.text:
            raise ValueError(f"bad doc: {doc.text}")
        self.log.append((self.tag, doc.text))
        return doc


def _two_stage(log: list[tuple[str, str]]) -> Language:
    nlp = spacy.blank("zh")
    for tag in ("a", "b"):
        recorder = _Recorder(log, tag)
        Language.component(f"recorder_{tag}", func=recorder)  # register the instance
        nlp.add_pipe(f"recorder_{tag}")
    return nlp


def test_pipe_runs_each_component_over_the_whole_batch() -> None:
    log: list[tuple[str, str]] = []
    nlp = _two_stage(log)
    texts = ["一", "二", "三", "四", "五"]
    docs = list(nlp.pipe(texts, batch_size=2))
    assert [d.text for d in docs] == texts
    assert log == [
        ("a", "一"), ("a", "二"), ("b", "一"), ("b", "二"),
        ("a", "三"), ("a", "四"), ("b", "三"), ("b", "四"),
        ("a", "五"), ("b", "五"),
    ]  # fmt: skip


def test_pipe_hands_a_failure_to_the_error_handler() -> None:
    log: list[tuple[str, str]] = []
    nlp = _two_stage(log)
    with pytest.raises(ValueError, match="bad doc: 坏"):
        list(nlp.pipe(["一", "坏", "三"], batch_size=3))  # spaCy's default handler raises
    seen: list[tuple[str, str]] = []
    nlp.set_error_handler(lambda name, proc, docs, err: seen.append((name, docs[0].text)))
    docs = list(nlp.pipe(["一", "坏", "三"], batch_size=3))
    assert [d.text for d in docs] == ["一", "三"]  # the rest of the batch carries on
    assert seen == [("recorder_a", "坏")]
