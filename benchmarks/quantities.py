"""Benchmark the quantity finder against cn2an: speed on ~1 MB of genre text, and accuracy on gold.

    python benchmarks/quantities.py [--size 1000000] [--repeat 3]

Speed. The corpus articles are repeated to about ``--size`` characters. In the same run the
script times ``find_quantities`` (with the shadow text given, as the pipeline calls it, and with
the shadow computed inside) and ``cn2an.transform(text, "cn2an")``, the project's numeral
dependency, and prints characters per second and the ratio (requirement: find_quantities at
least 1.5 × as fast as cn2an.transform). The best of ``--repeat`` runs counts.

Accuracy, on every ``corpus/*.gold.json``:

- zhpoverty, strict: a prediction is right when start, end, label, value or range, unit and
  approx all equal a gold quantity's; also the span alone (start, end).
- zhpoverty vs cn2an, by value. cn2an does not find quantities; it rewrites Chinese numerals as
  Arabic ones. So both are scored the same lenient way: the text is cut into sentences (at
  。！？；!?; and line breaks); a gold quantity counts as *found* when the tool yields its exact
  value (for a range: both ends) in the same sentence. For cn2an, the values are the Arabic
  numbers in ``cn2an.transform(sentence, "cn2an")`` (commas as thousands separators allowed, no
  unit or multiplier applied: cn2an leaves 1.6亿 as it is); for zhpoverty, the values of the
  quantities it returns in that sentence. Precision: of all numbers (cn2an) or quantity values
  (zhpoverty) in sentences that hold gold quantities, the share that matched one — years, dates
  and ordinals count against it, since telling those apart is the point.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import warnings
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import cn2an

from zhpoverty.find.quantities import find_quantities
from zhpoverty.text.normalize import shadow_text

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = ROOT / "corpus"
SENTENCE_END = re.compile(r"[。！？；!?;\n]+")
ARABIC = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?")


def articles(folder: Path = CORPUS) -> list[tuple[str, dict[str, Any]]]:
    """(text, gold) of every article of ``folder`` that has a gold file."""
    out = []
    for gold_path in sorted(folder.glob("*.gold.json")):
        text = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
        out.append(
            (
                text.read_text(encoding="utf-8"),
                json.loads(gold_path.read_text(encoding="utf-8")),
            )
        )
    return out


def best_time(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def speed(texts: Iterable[str], size: int, repeat: int) -> None:
    base = "\n\n".join(texts)
    text = (base * (size // len(base) + 1))[:size]
    shadow = shadow_text(text)
    find_quantities(text[:2000])  # load tables, pint, patterns
    t_given = best_time(lambda: find_quantities(text, shadow=shadow), repeat)
    t_inner = best_time(lambda: find_quantities(text), repeat)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # cn2an warns on every 1.6亿 it cannot read
        t_cn2an = best_time(lambda: cn2an.transform(text, "cn2an"), repeat)
    n = len(text)
    print(f"speed on {n:,} characters (best of {repeat}):")
    print(f"  find_quantities, shadow given     {n / t_given / 1e6:6.2f} M chars/s")
    print(f"  find_quantities, shadow computed  {n / t_inner / 1e6:6.2f} M chars/s")
    print(f"  cn2an.transform(text, 'cn2an')    {n / t_cn2an / 1e6:6.2f} M chars/s")
    print(f"  ratio find_quantities / cn2an     {t_cn2an / t_given:6.2f} x (shadow given)")
    print(f"                                    {t_cn2an / t_inner:6.2f} x (shadow computed)")
    t_component = component_time(list(texts), size)
    print(f"  zhpoverty_quantities component    {n / t_component / 1e6:6.2f} M chars/s")
    print(f"  ratio component / cn2an           {t_cn2an / t_component:6.2f} x")


def component_time(texts: list[str], size: int) -> float:
    """Seconds the ``zhpoverty_quantities`` component spends on ``size`` characters of articles
    (documents made beforehand with the char segmenter, so segmentation is not counted)."""
    import zhpoverty

    others = ["zhpoverty_dates", "zhpoverty_entities", "zhpoverty_aid_types", "zhpoverty_records"]
    nlp = zhpoverty.load("char", exclude=others)
    component = nlp.get_pipe("zhpoverty_quantities")
    batch = texts * (size // sum(len(t) for t in texts) + 1)
    docs = [nlp.make_doc(t) for t in batch]
    component(nlp.make_doc(batch[0]))  # warm up
    t0 = time.perf_counter()
    for doc in docs:
        component(doc)
    return (time.perf_counter() - t0) * size / sum(len(t) for t in batch)


def _num(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(Decimal(str(v)) for v in value)
    return None if value is None else Decimal(str(value))


def _key(q: dict[str, Any]) -> tuple[Any, ...]:
    return (
        q["start"],
        q["end"],
        q["label"],
        _num(q["value"]),
        _num(q["range"]),
        q["unit"],
        q["approx"],
    )


def prf(tp: int, n_pred: int, n_gold: int) -> str:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (tp {tp}, predicted {n_pred}, gold {n_gold})"


def sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in SENTENCE_END.finditer(text):
        out.append((start, m.end()))
        start = m.end()
    out.append((start, len(text)))
    return out


def _values(q: dict[str, Any]) -> list[Decimal]:
    return list(_num(q["range"])) if q["range"] is not None else [_num(q["value"])]


def _match(golds: list[list[Decimal]], predicted: list[Decimal]) -> tuple[int, int]:
    """(gold quantities found, predictions used); a gold needs all its values in ``predicted``."""
    pool = list(predicted)
    found = 0
    for values in golds:
        if all(v in pool for v in values):
            found += 1
            for v in values:
                pool.remove(v)
    return found, len(predicted) - len(pool)


def cn2an_numbers(sentence: str) -> list[Decimal]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            out = cn2an.transform(sentence, "cn2an")
        except Exception:  # cn2an raises on some inputs; count them as nothing found
            return []
    numbers = []
    for m in ARABIC.finditer(out):
        try:
            numbers.append(Decimal(m.group().replace(",", "")))
        except InvalidOperation:
            continue
    return numbers


def accuracy(docs: list[tuple[str, dict[str, Any]]]) -> None:
    strict_tp = span_tp = n_pred = n_gold = 0
    zh = [0, 0, 0]  # found, predictions, predictions used
    cn = [0, 0, 0]
    for text, gold in docs:
        pred = [q.as_dict() for q in find_quantities(text)]
        golds = gold["quantities"]
        n_pred += len(pred)
        n_gold += len(golds)
        strict_tp += len({_key(q) for q in pred} & {_key(q) for q in golds})
        span_tp += len(
            {(q["start"], q["end"]) for q in pred} & {(q["start"], q["end"]) for q in golds}
        )
        for s, e in sentences(text):
            in_gold = [_values(q) for q in golds if s <= q["start"] < e]
            if not in_gold:
                continue
            ours = [v for q in pred if s <= q["start"] < e for v in _values(q)]
            theirs = cn2an_numbers(text[s:e])
            for tally, predicted in ((zh, ours), (cn, theirs)):
                found, used = _match(in_gold, predicted)
                tally[0] += found
                tally[1] += len(predicted)
                tally[2] += used
    gold_in_sentences = n_gold
    print(f"accuracy on {len(docs)} gold articles, {n_gold} gold quantities:")
    print(f"  zhpoverty strict (span+label+value+unit+approx)  {prf(strict_tp, n_pred, n_gold)}")
    print(f"  zhpoverty span only                             {prf(span_tp, n_pred, n_gold)}")
    print("  by value in the same sentence (see docstring):")
    print(
        f"    zhpoverty  recall {zh[0] / gold_in_sentences:.3f}  precision {zh[2] / zh[1]:.3f}"
        f"  ({zh[0]} found; {zh[2]} of {zh[1]} values used)"
    )
    print(
        f"    cn2an      recall {cn[0] / gold_in_sentences:.3f}  precision {cn[2] / cn[1]:.3f}"
        f"  ({cn[0]} found; {cn[2]} of {cn[1]} numbers used)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="characters of text to time")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the best counts")
    args = parser.parse_args(argv)
    docs = articles()
    if not docs:
        print(f"no gold files in {CORPUS}", file=sys.stderr)
        return 1
    speed([t for t, _ in docs], args.size, args.repeat)
    print()
    accuracy(docs)
    heldout = articles(CORPUS / "heldout")
    if heldout:
        print("\ncorpus/heldout:")
        accuracy(heldout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
