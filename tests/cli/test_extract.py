"""``zhpoverty extract`` end to end: folders with good and bad files, formats, exit codes."""

from __future__ import annotations

import csv
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import REFERENCE, TRADITIONAL_ARTICLE, run_cli


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory: pytest.TempPathFactory, reference_bytes: bytes) -> Path:
    folder = tmp_path_factory.mktemp("articles")
    text = reference_bytes.decode("utf-8")
    (folder / "a-reference.txt").write_bytes(reference_bytes)
    (folder / "b-reference-gb18030.txt").write_bytes(text.encode("gb18030"))
    (folder / "c-fujian-ningxia-big5.txt").write_bytes(TRADITIONAL_ARTICLE.encode("big5"))
    (folder / "d-empty.txt").write_bytes(b"")
    (folder / "e-binary.txt").write_bytes(bytes(range(256)) * 40)
    return folder


@pytest.fixture(scope="module")
def mixed_run(mixed_folder: Path, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("out") / "articles.jsonl"
    result = run_cli("extract", str(mixed_folder), "-o", str(out))
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return result, records


def test_bad_files_are_reported_and_skipped(mixed_run) -> None:
    result, records = mixed_run
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 3, stderr
    assert [r["id"] for r in records] == [
        "a-reference", "b-reference-gb18030", "c-fujian-ningxia-big5"
    ]  # fmt: skip
    assert "2 input(s) skipped" in stderr
    assert "d-empty.txt: [E503]" in stderr
    assert "e-binary.txt: [E501]" in stderr
    assert "3 article(s)" in stderr


def test_gb18030_copy_gives_the_same_record(mixed_run) -> None:
    _, records = mixed_run
    utf8, gbk = records[0], records[1]
    assert {**utf8, "id": None} == {**gbk, "id": None}
    assert len(utf8["records"]) == 20


def test_big5_traditional_article(mixed_run) -> None:
    _, records = mixed_run
    record = records[2]
    assert record["published"] == "2020-09-08"
    got = {(r["indicator"], r["value"], r["unit"]) for r in record["records"]}
    assert got == {  # every figure the article states, and nothing else
        ("other", 12, "item"),  # 援建扶貧車間12個
        ("jobs", 860, "person"),
        ("income", 2400, "CNY"),
        ("investment", 120000000, "CNY"),
        ("capacity", 50000, "t"),
        ("sales", 36000000, "CNY"),
    }
    assert {p["code"] for p in record["places"]} == {"350100", "640400", "640422"}
    # 移民村, 搬遷群眾: relocation; 扶貧車間, 加工項目: industry; 消費扶貧: consumption
    assert {a["label"] for a in record["aid_types"]} == {"industry", "consumption", "relocation"}


def test_csv_table(mixed_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "records.csv"
    result = run_cli("extract", str(mixed_folder / "a-reference.txt"), "-o", str(out))
    assert result.returncode == 0, result.stderr.decode()
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 20
    sales = next(r for r in rows if r["indicator"] == "sales")
    assert (sales["value"], sales["unit"], sales["approx"]) == ("69000000", "CNY", "over")
    assert sales["aid_type"] == "consumption" and "6900余万元" in sales["evidence"]
    assert sales["article_id"] == "a-reference" and sales["published"] == "2020-03-18T16:45"
    assert "甘肃省陇南市成县" in sales["article_places"]


def test_parquet_jsonl_stdin_and_text_key(tmp_path: Path) -> None:
    import pyarrow.parquet as pq  # the test extra installs it

    lines = [
        {"id": "n1", "body": "城阳区2019年组织消费扶贫6900余万元。", "published": "2020-03-18"},
        {"id": "n2", "body": "今年帮助销售农产品3,600万元。", "published": "2020-09-08"},
    ]
    data = "\n".join(json.dumps(x, ensure_ascii=False) for x in lines).encode("utf-8")
    out = tmp_path / "records.parquet"
    result = run_cli("extract", "-", "--text-key", "body", "-o", str(out), stdin=data)
    assert result.returncode == 0, result.stderr.decode()
    table = pq.read_table(out).to_pylist()
    assert [(r["article_id"], r["indicator"], r["value"]) for r in table] == [
        ("n1", "sales", 69000000.0),
        ("n2", "sales", 36000000.0),
    ]
    assert table[1]["date"] == "2020"


def test_existing_output_is_not_overwritten_without_force(tmp_path: Path) -> None:
    out = tmp_path / "records.csv"
    out.write_text("keep me", encoding="utf-8")
    result = run_cli("extract", str(REFERENCE), "-o", str(out), "--segmenter", "char")
    assert result.returncode == 1
    assert "[E507]" in result.stderr.decode()
    assert out.read_text(encoding="utf-8") == "keep me"
    forced = run_cli("extract", str(REFERENCE), "-o", str(out), "--segmenter", "char", "--force")
    assert forced.returncode == 0
    assert out.read_text(encoding="utf-8").startswith("article_id,")


def test_usage_errors(tmp_path: Path) -> None:
    bad_format = run_cli("extract", str(REFERENCE), "-o", str(tmp_path / "out.xlsx"))
    assert bad_format.returncode == 1 and "[E508]" in bad_format.stderr.decode()
    missing = run_cli("extract", str(tmp_path / "nope"), "-o", str(tmp_path / "o.csv"))
    assert missing.returncode == 3 and "[E500]" in missing.stderr.decode()


@pytest.mark.slow
def test_five_megabyte_file(tmp_path: Path, reference_bytes: bytes) -> None:
    repeats = 5 * 1024 * 1024 // len(reference_bytes) + 1
    big = tmp_path / "big.txt"
    big.write_bytes(reference_bytes * repeats)
    assert big.stat().st_size >= 5 * 1024 * 1024
    out = tmp_path / "big.jsonl"
    result = run_cli("extract", str(big), "-o", str(out))
    assert result.returncode == 0, result.stderr.decode()
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(record["quantities"]) == 24 * repeats
    assert record["quantities"][-1]["text"] == "2-3所"


def _sigint_as_at_a_terminal() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.slow
def test_interrupted_run_leaves_no_output(tmp_path: Path, reference_bytes: bytes) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(400):
        (folder / f"a{i:03d}.txt").write_bytes(reference_bytes)
    out = tmp_path / "records.csv"
    proc = subprocess.Popen(
        [sys.executable, "-m", "zhpoverty", "extract", str(folder), "-o", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        # Ctrl-C as at a terminal, however the tests were started: a shell starts background
        # jobs with SIGINT ignored, children inherit that, and Python then never raises
        # KeyboardInterrupt
        preexec_fn=_sigint_as_at_a_terminal,
    )
    # interrupt once records are being written: the half-written part file must not survive
    deadline = time.monotonic() + 90
    while not any(p.stat().st_size > 0 for p in tmp_path.glob(".records.csv.*.part")):
        assert proc.poll() is None, proc.communicate()[1].decode()
        assert time.monotonic() < deadline, "no output was being written"
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr.decode()
    assert "nothing written" in stderr.decode()
    assert [p.name for p in tmp_path.iterdir()] == ["many"]
