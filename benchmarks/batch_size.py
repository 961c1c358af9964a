"""What the batch size does to the pipeline's cost over bare tokenization, measured interleaved.

    python benchmarks/batch_size.py [--mb 0.6] [--sizes 16,32,64,128,256] [--rounds 2]

The text is the articles of corpus/ (held-out ones included) repeated to about ``--mb``
megabytes. It is cut into blocks of the largest size; every block goes through bare pkuseg
tokenization (``make_tokenizer_nlp``) and through ``extract_many`` at each batch size, in a
shuffled order, and CPU time is summed per way. Interleaving block by block makes the ratios
robust to the machine's speed drifting during the run (on this project's virtual machine whole
runs differ by 20 % from one minute to the next, the ratios by about a point). Prints each
size's cost over bare tokenization; ``zhpoverty.batches.DEFAULT_BATCH_SIZE`` was chosen with it.
"""

from __future__ import annotations

import argparse
import random
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=0.6)
    parser.add_argument("--sizes", default="16,32,64,128,256")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()

    from pipeline import batch  # benchmarks/pipeline.py: the corpus repeated to --mb

    import zhpoverty
    from zhpoverty.api import extract_many
    from zhpoverty.segmentation.tokenizer import make_tokenizer_nlp

    texts = batch(args.mb)
    sizes = [int(s) for s in args.sizes.split(",")]
    block = max(sizes)
    bare = make_tokenizer_nlp("pkuseg")
    nlp = zhpoverty.keep_for_process(zhpoverty.load("pkuseg"))
    list(bare.pipe(texts[:4]))  # warm up
    seconds: dict[str | int, float] = {"bare": 0.0, **{size: 0.0 for size in sizes}}
    order: list[str | int] = list(seconds)
    shuffle = random.Random(0).shuffle
    for _ in range(args.rounds):
        for i in range(0, max(1, len(texts) - block + 1), block):
            chunk = texts[i : i + block]
            shuffle(order)
            for way in order:
                t0 = time.process_time()
                if way == "bare":
                    for _doc in bare.pipe(chunk):
                        pass
                else:
                    for _record in extract_many(chunk, nlp=nlp, batch_size=int(way)):
                        pass
                seconds[way] += time.process_time() - t0
    chars = sum(map(len, texts)) * args.rounds
    print(f"{chars:,} characters in blocks of {block} articles; CPU seconds:")
    print(f"  bare pkuseg{seconds['bare']:>10.2f}")
    for size in sizes:
        over = seconds[size] / seconds["bare"] - 1
        print(f"  batch {size:<5}{seconds[size]:>10.2f}   {over:+.1%} over bare")
    return 0


if __name__ == "__main__":
    sys.exit(main())
