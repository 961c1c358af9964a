from __future__ import annotations

import json
import shutil
from pathlib import Path

from zhpoverty.evaluate.gold import iter_gold, main, validate

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def test_every_gold_file_in_the_corpus_is_valid() -> None:
    articles = list(iter_gold(CORPUS))
    assert articles, "the corpus has gold annotations"
    problems = [p for a in articles for p in validate(a)]
    assert problems == []


def test_validator_reports_offsets_units_and_dangling_records(tmp_path: Path) -> None:
    src = next(iter_gold(CORPUS))
    shutil.copy(CORPUS / f"{src.id}.txt", tmp_path / f"{src.id}.txt")
    gold = json.loads(json.dumps(src.gold))
    gold["quantities"][0]["start"] += 1
    gold["quantities"][1]["unit"] = "furlong"
    gold["records"][0]["quantity_start"] = -5
    gold["aid_types"].append("charity")
    (tmp_path / f"{src.id}.gold.json").write_text(json.dumps(gold, ensure_ascii=False), "utf-8")
    problems = validate(next(iter_gold(tmp_path)))
    joined = "\n".join(problems)
    assert "quantities[0] text" in joined
    assert "'furlong' is not a canonical unit" in joined
    assert "records[0] quantity_start -5" in joined
    assert "'charity' is not a label" in joined
    assert main([str(tmp_path)]) == 1
