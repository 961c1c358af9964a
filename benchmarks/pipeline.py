"""End-to-end speed of the pipeline as a ratio to bare tokenization, measured in the same process.

    python benchmarks/pipeline.py [--mb 1.0] [--segmenters pkuseg,char] [--processes 1,2]
                                  [--rounds 2]

The text is the articles of corpus/ (held-out ones included) repeated to about ``--mb``
megabytes of characters. For each segmenter and process count a child process times bare
tokenization (``make_tokenizer_nlp``; see :func:`timed_bare` for how it is spread over
processes) and the full pipeline as the command line runs it (``zhpoverty.load``,
``keep_for_process`` — which settles the bare pipeline too — and ``extract_many``, records
out) on the same text, block by block in turn for ``--rounds`` rounds (see :func:`worker`),
and reports both throughputs and the overhead of the components over tokenization. Peak RSS
is measured in two more child processes that each load only one of the two pipelines and
process the same text. A last line splits the time of one process by step.
The target (issue 5): the full pipeline costs at most ~15 % more than bare pkuseg tokenization.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def corpus_texts() -> list[str]:
    paths = sorted((ROOT / "corpus").rglob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def batch(mb: float) -> list[str]:
    texts = corpus_texts()
    per_round = sum(len(t) for t in texts)
    return texts * max(1, round(mb * 1_000_000 / per_round))


def timed_bare(nlp: Any, texts: list[str], n_process: int) -> float:
    """Tokenization alone, spread over processes the way ``extract_many`` spreads articles.

    One process: ``nlp.pipe`` of a pipeline with no components. Several: batches of the default
    size (``DEFAULT_BATCH_SIZE``) go to a pool of forked workers that each tokenize and return a
    token count — the same transport as ``extract_many``, whose workers return records.
    (spaCy's own ``nlp.pipe(n_process=2)`` also ships every Doc back to the parent, a cost the
    records path does not have; comparing with it would flatter the pipeline.)
    """
    from zhpoverty.batches import DEFAULT_BATCH_SIZE, batched

    t0 = time.perf_counter()
    if n_process == 1:
        for _ in nlp.pipe(texts, batch_size=DEFAULT_BATCH_SIZE):
            pass
    else:
        global _BARE_NLP
        _BARE_NLP = nlp
        batches = list(batched(texts, DEFAULT_BATCH_SIZE))
        with multiprocessing.get_context("fork").Pool(n_process) as pool:
            assert sum(pool.imap(_tokens_in, batches)) > 0
    return time.perf_counter() - t0


_BARE_NLP: Any = None  # the tokenizer-only pipeline forked workers inherit


def _tokens_in(batch: list[str]) -> int:
    return sum(len(_BARE_NLP.make_doc(text)) for text in batch)


def timed_full(nlp: Any, texts: list[str], n_process: int) -> float:
    """What ``zhpoverty extract`` does: article records through ``extract_many``, defaults."""
    from zhpoverty.api import extract_many

    t0 = time.perf_counter()
    for record in extract_many(texts, nlp=nlp, n_process=n_process):  # default batch size
        assert "records" in record
    return time.perf_counter() - t0


def worker(segmenter: str, n_process: int, mb: float, rounds: int, out: Path) -> None:
    """In a child process: bare tokenization and the full pipeline, on the same text.

    The text is cut into blocks of two batches per process, and each block is timed both ways
    in turn (which way first alternates), ``rounds`` times over; the times are summed. This
    virtual machine's speed drifts by a fifth over minutes, and whole-run timings taken minutes
    apart differed by ±3 points; block by block, both ways see the same machine.
    """
    import zhpoverty
    from zhpoverty.api import extract_many
    from zhpoverty.batches import DEFAULT_BATCH_SIZE
    from zhpoverty.segmentation.tokenizer import make_tokenizer_nlp

    texts = batch(mb)
    chars = sum(len(t) for t in texts)
    bare = make_tokenizer_nlp(segmenter)
    bare.max_length = 20_000_000
    # as the command line does; the freeze covers the bare pipeline as well (loaded before it)
    nlp = zhpoverty.keep_for_process(zhpoverty.load(segmenter))
    list(extract_many(texts[:4], nlp=nlp))  # warm up: caches
    list(bare.pipe(texts[:4]))
    size = 2 * DEFAULT_BATCH_SIZE * n_process
    blocks = [texts[i : i + size] for i in range(0, len(texts), size)]
    bare_s = full_s = 0.0
    for r in range(rounds):
        for k, block in enumerate(blocks):
            if (r + k) % 2:
                full_s += timed_full(nlp, block, n_process)
                bare_s += timed_bare(bare, block, n_process)
            else:
                bare_s += timed_bare(bare, block, n_process)
                full_s += timed_full(nlp, block, n_process)
    result = {
        "segmenter": segmenter,
        "n_process": n_process,
        "chars": chars,
        "bare_chars_per_s": chars * rounds / bare_s,
        "full_chars_per_s": chars * rounds / full_s,
        "overhead": full_s / bare_s - 1,
    }
    if n_process == 1:
        result["components"] = component_split(nlp, texts[: max(1, len(texts) // 4)])
    out.write_text(json.dumps(result), encoding="utf-8")


def rss_worker(segmenter: str, which: str, mb: float, out: Path) -> None:
    """In a child process: load one pipeline (bare or full), process the text, peak RSS."""
    import zhpoverty
    from zhpoverty.segmentation.tokenizer import make_tokenizer_nlp

    texts = batch(mb)
    if which == "bare":
        nlp = make_tokenizer_nlp(segmenter)
        nlp.max_length = 20_000_000
        loaded = peak_rss_mb()
        timed_bare(nlp, texts, 1)
    else:
        nlp = zhpoverty.keep_for_process(zhpoverty.load(segmenter))
        loaded = peak_rss_mb()
        timed_full(nlp, texts, 1)
    out.write_text(json.dumps({"loaded": loaded, "peak": peak_rss_mb()}), encoding="utf-8")


def child(args: list[str]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "r.json"
        subprocess.run([sys.executable, __file__, *args, "--out", str(out)], check=True)
        return json.loads(out.read_text(encoding="utf-8"))


def component_split(nlp: Any, texts: list[str]) -> dict[str, float]:
    """Seconds per step over ``texts`` in one process, batch by batch as ``extract_many`` runs
    them: the tokenizer over a batch of the default size, then each component over the batch."""
    from zhpoverty.api import tokenized
    from zhpoverty.batches import DEFAULT_BATCH_SIZE, batched

    seconds = {"tokenizer": 0.0, **{name: 0.0 for name in nlp.pipe_names}}
    for batch in batched(texts, DEFAULT_BATCH_SIZE):
        t0 = time.perf_counter()
        docs = [tokenized(nlp, text) for text in batch]
        seconds["tokenizer"] += time.perf_counter() - t0
        for name, proc in nlp.pipeline:
            t0 = time.perf_counter()
            docs = [proc(doc) for doc in docs]
            seconds[name] += time.perf_counter() - t0
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--segmenters", default="pkuseg,char")
    parser.add_argument("--processes", default="1,2")
    parser.add_argument(
        "--rounds", type=int, default=2, help="timed rounds; their times are summed"
    )
    parser.add_argument("--worker", nargs=2, metavar=("SEGMENTER", "N"))
    parser.add_argument("--rss-worker", nargs=2, metavar=("SEGMENTER", "bare|full"))
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker[0], int(args.worker[1]), args.mb, args.rounds, args.out)
        return 0
    if args.rss_worker:
        rss_worker(args.rss_worker[0], args.rss_worker[1], args.mb, args.out)
        return 0
    rows = []
    mb = ["--mb", str(args.mb)]
    for segmenter in args.segmenters.split(","):
        for n in (int(x) for x in args.processes.split(",")):
            print(f"  {segmenter} n_process={n} …", file=sys.stderr, flush=True)
            row = child(["--worker", segmenter, str(n), *mb, "--rounds", str(args.rounds)])
            if n == 1:
                for which in ("bare", "full"):
                    rss = child(["--rss-worker", segmenter, which, *mb])
                    row[f"rss_{which}_mb"] = rss["peak"]
                    row[f"rss_{which}_loaded_mb"] = rss["loaded"]
            rows.append(row)
    chars = rows[0]["chars"]
    print(f"\n{chars:,} characters ({len(corpus_texts())} articles repeated)\n")
    head = f"{'segmenter':<10}{'procs':>6}{'bare c/s':>12}{'full c/s':>12}{'overhead':>10}"
    print(head + f"{'RSS bare':>10}{'RSS full':>10}   (peak; after load)")
    for r in rows:
        rss = ""
        if "rss_full_mb" in r:
            rss = (
                f"{r['rss_bare_mb']:>9.0f}M{r['rss_full_mb']:>9.0f}M"
                f"   ({r['rss_bare_loaded_mb']:.0f}M, {r['rss_full_loaded_mb']:.0f}M)"
            )
        print(
            f"{r['segmenter']:<10}{r['n_process']:>6}{r['bare_chars_per_s']:>12,.0f}"
            f"{r['full_chars_per_s']:>12,.0f}{r['overhead']:>+10.1%}{rss}"
        )
    for r in rows:
        if "components" in r:
            total = sum(r["components"].values())
            parts = ", ".join(f"{k} {v / total:.1%}" for k, v in r["components"].items())
            steps = total - r["components"]["tokenizer"]
            print(f"\n{r['segmenter']}: share of time per step — {parts}")
            print(f"  components / tokenizer: {steps / r['components']['tokenizer']:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
