"""Segmentation benchmark: speed, load time and memory of char, jieba and pkuseg (keep 1.0 / 0.3).

    python benchmarks/segmenters.py [--mb 1.0] [--full-model DIR]

The text is the articles of corpus/ repeated to about ``--mb`` megabytes of characters. Each
segmenter runs in its own subprocess, so that its load time and peak RSS are its own: the child
imports spaCy, builds the tokenizer pipeline (``make_tokenizer_nlp``), then segments the text
with ``nlp.pipe``. Results are printed side by side with ratios to the char segmenter measured
in the same run. The keep=1.0 model is converted from the wheel that ``zhpoverty download``
stored beside the pruned model (or taken from ``--full-model``); the last lines compare the
segmentations of keep=0.3 and keep=1.0 on the corpus.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def corpus_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]


def rss_mb() -> float:
    """Peak resident set size of this process so far, in MB.

    Linux's VmHWM starts afresh at exec; getrusage's ru_maxrss would carry over the parent's
    peak (the parent converts the whole model), so it is only the fallback elsewhere.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # bytes on macOS, kB on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale


def worker(segmenter: str, model_dir: str | None, mb: float, out: Path) -> None:
    """Run in a child process: load one segmenter, time it, write the numbers as JSON."""
    texts = corpus_texts()
    per_round = sum(len(t) for t in texts)
    rounds = max(1, round(mb * 1_000_000 / per_round))
    batch = texts * rounds
    t0 = time.perf_counter()
    import spacy  # noqa: F401  # timed apart: the target is load time after spaCy's import

    t1 = time.perf_counter()
    from zhpoverty.segmentation.tokenizer import make_tokenizer_nlp

    nlp = make_tokenizer_nlp(segmenter, model_dir=model_dir)
    nlp.max_length = 20_000_000
    t2 = time.perf_counter()
    rss_loaded = rss_mb()
    first = [[len(t.text) for t in doc] for doc in nlp.pipe(texts)]  # also warms up
    t3 = time.perf_counter()
    n_tokens = sum(len(doc) for doc in nlp.pipe(batch))
    t4 = time.perf_counter()
    chars = per_round * rounds
    result = {
        "segmenter": segmenter,
        "import_spacy_s": t1 - t0,
        "load_s": t2 - t1,
        "rss_loaded_mb": rss_loaded,
        "rss_peak_mb": rss_mb(),
        "chars": chars,
        "seconds": t4 - t3,
        "chars_per_s": chars / (t4 - t3),
        "chars_per_token": chars / max(1, n_tokens),
        "lengths": first,
    }
    out.write_text(json.dumps(result), encoding="utf-8")


def run_child(label: str, segmenter: str, model_dir: Path | None, mb: float) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "result.json"
        cmd = [sys.executable, __file__, "--worker", segmenter, "--mb", str(mb), "--out", str(out)]
        if model_dir is not None:
            cmd += ["--model-dir", str(model_dir)]
        print(f"  {label} …", file=sys.stderr, flush=True)
        subprocess.run(cmd, check=True)
        result = json.loads(out.read_text(encoding="utf-8"))
    result["label"] = label
    return result


def full_model(explicit: str | None, tmp: Path) -> Path | None:
    from zhpoverty.segmentation.convert import convert_wheel
    from zhpoverty.segmentation.store import require_model, source_wheel

    if explicit:
        return Path(explicit)
    wheel = source_wheel(require_model())
    if wheel is None:
        print("no stored wheel: skipping keep=1.0 (run `zhpoverty download --force`)")
        return None
    print("  converting the whole model (keep=1.0) …", file=sys.stderr, flush=True)
    convert_wheel(wheel, tmp / "full", 1.0)
    return tmp / "full"


def boundaries(lengths: list[int]) -> set[int]:
    out, pos = set(), 0
    for n in lengths:
        pos += n
        out.add(pos)
    return out


def report(results: list[dict[str, Any]]) -> None:
    sys.stderr.flush()
    base = next(r for r in results if r["segmenter"] == "char")
    n_articles = len(base["lengths"])
    print(
        f"\n{base['chars']:,} characters (the {n_articles} articles of corpus/, repeated); "
        "each row measured in its own process"
    )
    head = (
        f"{'segmenter':<16}{'load s':>8}{'RSS MB':>9}{'peak MB':>9}{'chars/s':>12}"
        f"{'× char':>9}{'chars/token':>13}"
    )
    print(head)
    print("-" * len(head))
    for r in results:
        print(
            f"{r['label']:<16}{r['load_s']:>8.2f}{r['rss_loaded_mb']:>9.0f}"
            f"{r['rss_peak_mb']:>9.0f}{r['chars_per_s']:>12,.0f}"
            f"{r['chars_per_s'] / base['chars_per_s']:>9.3f}{r['chars_per_token']:>13.2f}"
        )
    print(f"(spaCy import, not in 'load s': {base['import_spacy_s']:.2f} s)")
    by = {r["label"]: r for r in results}
    if "pkuseg keep=1.0" in by and "pkuseg keep=0.3" in by:
        full, pruned = by["pkuseg keep=1.0"]["lengths"], by["pkuseg keep=0.3"]["lengths"]
        same = sum(a == b for a, b in zip(full, pruned, strict=True))
        moved = sum(len(boundaries(a) ^ boundaries(b)) for a, b in zip(full, pruned, strict=True))
        total = sum(len(a) for a in full)
        print(
            f"keep=0.3 vs keep=1.0 on corpus/: {same} of {len(full)} articles identical; "
            f"{moved} boundaries differ among {total:,} tokens"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=1.0, help="Megabytes of characters to time.")
    parser.add_argument("--full-model", help="A keep=1.0 model folder (default: convert one).")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--model-dir", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.model_dir, args.mb, Path(args.out))
        return
    from zhpoverty.segmentation.store import require_model

    pruned = require_model()
    with tempfile.TemporaryDirectory() as tmp:
        full = full_model(args.full_model, Path(tmp))
        runs: list[tuple[str, str, Path | None]] = [
            ("char", "char", None),
            ("jieba", "jieba", None),
            ("pkuseg keep=0.3", "pkuseg", pruned),
        ]
        if full is not None:
            runs.append(("pkuseg keep=1.0", "pkuseg", full))
        results = [run_child(label, seg, folder, args.mb) for label, seg, folder in runs]
    report(results)


if __name__ == "__main__":
    main()
