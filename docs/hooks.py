"""MkDocs hooks: the reference tables of the site are generated from the package at build time.

A page asks for a table with an HTML comment ``<!-- zhpoverty:NAME -->``; :func:`on_page_markdown`
replaces it with the Markdown that ``GENERATORS[NAME]`` returns. Nothing here is a second copy of
a vocabulary, a schema or a help text: each comes from the data file, model or command it
documents. The gallery pages (displaCy HTML of each corpus article) are added as generated files.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
_MARK = re.compile(r"<!-- zhpoverty:(\w+) -->")


def _table(head: list[str], rows: list[list[Any]]) -> str:
    def cell(value: Any) -> str:
        text = "" if value is None else str(value)
        return text.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def units() -> str:
    from zhpoverty.find.units import si_factors
    from zhpoverty.resources import load_tsv
    from zhpoverty.vocabulary import canonical_units

    surfaces: dict[str, list[str]] = {}
    for row in load_tsv("units.tsv"):
        if row["unit"]:
            surfaces.setdefault(row["unit"], []).append(row["surface"])
    for row in load_tsv("classifiers.tsv"):
        if row["kind"] == "person":
            surfaces.setdefault(row["unit"], []).append(row["word"])
    factors = si_factors()
    rows = []
    for code, row in canonical_units().items():
        si = factors.get(code)
        rows.append(
            [
                f"`{code}`",
                row["label"],
                row["kind"],
                " ".join(surfaces.get(code, [])[:12]),
                f"× {si[0]:f} {si[1]}" if si else "",
                row["description"],
            ]
        )
    return _table(["unit", "label", "kind", "surface forms", "si", "description"], rows)


def classifiers() -> str:
    from zhpoverty.resources import load_tsv

    rows: dict[str, list[str]] = {}
    for row in load_tsv("classifiers.tsv"):
        if row["kind"] == "noun":
            rows.setdefault(row["unit"], []).append(row["word"])
    measures = [r["word"] for r in load_tsv("classifiers.tsv") if r["kind"] == "measure"]
    table = _table(
        ["unit", "counted nouns (sample)", "count"],
        [[f"`{u}`", " ".join(ws[:14]), len(ws)] for u, ws in sorted(rows.items())],
    )
    return table + "\n\nMeasure words: " + " ".join(measures)


def aid_types() -> str:
    from zhpoverty.resources import load_tsv

    cues: dict[str, list[str]] = {}
    for row in load_tsv("aid_cues.tsv"):
        if not row["cue"].startswith("@"):
            cues.setdefault(row["label"], []).append(
                f"{row['cue']} ({row['weight']})" + (" †" if row.get("needs") else "")
            )
    rows = [
        [f"`{r['label']}`", r["zh"], r["description"], len(cues.get(r["label"], [])),
         ", ".join(cues.get(r["label"], [])[:10])]
        for r in load_tsv("aid_types.tsv")
    ]  # fmt: skip
    return _table(
        ["label", "中文", "description", "cues", "strongest cues (weight; † needs context)"], rows
    )


def indicators() -> str:
    from zhpoverty.resources import load_tsv

    cues: dict[str, list[str]] = {}
    for row in load_tsv("indicator_cues.tsv"):
        cues.setdefault(row["indicator"], []).append(row["cue"])
    rows = [
        [f"`{r['indicator']}`", r["description"], " ".join(cues.get(r["indicator"], [])[:12])]
        for r in load_tsv("indicators.tsv")
    ]
    return _table(["indicator", "description", "cues (sample)"], rows)


def schema() -> str:
    from zhpoverty.record.schema import json_schema
    from zhpoverty.record.table import COLUMNS

    doc = json_schema()
    parts = []
    models = {"ArticleRecord": doc, **doc["$defs"]}
    for name, model in models.items():
        rows = []
        required = set(model.get("required", []))
        for field, spec in model.get("properties", {}).items():
            rows.append(
                [
                    f"`{field}`",
                    _type(spec),
                    "yes" if field in required else "",
                    spec.get("description", ""),
                ]
            )
        parts.append(
            f"### {name}\n\n{model.get('description', '').strip()}\n\n"
            + _table(["field", "type", "required", "description"], rows)
        )
    parts.append("### Records table (CSV, Parquet)\n\n" + " · ".join(f"`{c}`" for c in COLUMNS))
    return "\n\n".join(parts)


def _type(spec: dict[str, Any]) -> str:
    if "$ref" in spec:
        return spec["$ref"].split("/")[-1]
    if "anyOf" in spec:
        return " \\| ".join(_type(s) for s in spec["anyOf"])
    if spec.get("type") == "array":
        items = spec.get("items") or spec.get("prefixItems") or {}
        if isinstance(items, list):
            return "[" + ", ".join(_type(i) for i in items) + "]"
        return f"list[{_type(items)}]"
    if "enum" in spec:
        return " \\| ".join(repr(v) for v in spec["enum"])
    if "const" in spec:
        return repr(spec["const"])
    return str(spec.get("type", "any"))


def cli() -> str:
    from typer.testing import CliRunner

    from zhpoverty.cli import COMMAND_MODULES, _register_commands, app

    _register_commands()
    runner = CliRunner()
    env = {"COLUMNS": "100", "TERM": "dumb", "NO_COLOR": "1", "_TYPER_FORCE_DISABLE_TERMINAL": "1"}
    parts = []
    for name in COMMAND_MODULES:
        result = runner.invoke(app, [name, "--help"], env=env, prog_name="zhpoverty")
        text = result.output.strip()
        parts.append(f"## `zhpoverty {name}`\n\n```text\n{text}\n```")
    return "\n\n".join(parts)


def components() -> str:
    from spacy.language import Language

    from zhpoverty.pipeline import PIPE_NAMES, load

    load("char")  # registers the factories
    parts = []
    for name in PIPE_NAMES:
        meta = Language.get_factory_meta(name)
        factory = Language.get_factory_meta(name).factory
        module = __import__(f"zhpoverty.components.{name.split('_', 1)[1]}", fromlist=["x"])
        doc = (module.__doc__ or "").strip()
        rows = [[f"`{k}`", f"`{v!r}`"] for k, v in meta.default_config.items()]
        parts.append(
            f"## `{factory}`\n\n{doc}\n\n"
            + (_table(["setting", "default"], rows) if rows else "")
            + f"\n\nAssigns: {', '.join(f'`{a}`' for a in meta.assigns)}"
        )
    return "\n\n".join(parts)


def errors() -> str:
    from zhpoverty.errors import Errors, Warnings

    rows = []
    for cls in (Errors, Warnings):
        for code in sorted(k for k in vars(cls) if re.fullmatch(r"[EW]\d{3}", k)):
            rows.append([f"`{code}`", getattr(cls, code).split("] ", 1)[1]])
    return _table(["code", "message (template)"], rows)


@lru_cache(maxsize=1)
def _pipeline() -> Any:
    from zhpoverty.pipeline import load

    return load()


def _report(folder: Path) -> str:
    from zhpoverty.cli.evaluate import format_report
    from zhpoverty.evaluate.gold import iter_gold
    from zhpoverty.evaluate.run import evaluate_corpus

    articles = list(iter_gold(folder))
    report = evaluate_corpus(articles, segmenter="pkuseg")
    return "```text\n" + format_report(report, n_articles=len(articles)) + "\n```"


def evaluation() -> str:
    return (
        f"### corpus/ (`zhpoverty evaluate corpus/`)\n\n{_report(CORPUS)}\n\n"
        "### corpus/heldout/ (`zhpoverty evaluate corpus/heldout`)\n\n"
        + _report(CORPUS / "heldout")
        + "\n\n### corpus/heldout2/ (`zhpoverty evaluate corpus/heldout2`)\n\n"
        + _report(CORPUS / "heldout2")
    )


def _gallery_articles() -> list[Path]:
    folders = (CORPUS, CORPUS / "heldout", CORPUS / "heldout2")
    return [p for folder in folders for p in sorted(folder.glob("*.txt"))]


def gallery() -> str:
    rows = []
    for path in _gallery_articles():
        title = path.read_text(encoding="utf-8").strip().splitlines()[0]
        rows.append([f"[{path.stem}](gallery/{path.stem}.html)", html.escape(title)])
    return _table(["article", "title"], rows)


GENERATORS: dict[str, Callable[[], str]] = {
    "units": units,
    "classifiers": classifiers,
    "aid_types": aid_types,
    "indicators": indicators,
    "schema": schema,
    "cli": cli,
    "components": components,
    "errors": errors,
    "evaluation": evaluation,
    "gallery": gallery,
}


def on_page_markdown(markdown: str, **kwargs: Any) -> str:
    def replace(m: re.Match[str]) -> str:
        return GENERATORS[m.group(1)]()

    return _MARK.sub(replace, markdown)


def on_files(files: Any, config: Any, **kwargs: Any) -> Any:
    """Add a rendered page per corpus article under gallery/."""
    from mkdocs.structure.files import File

    from zhpoverty.api import process
    from zhpoverty.render import render_html

    nlp = _pipeline()
    for path in _gallery_articles():
        doc = process(nlp, path.read_text(encoding="utf-8"), id=path.stem)
        files.append(File.generated(config, f"gallery/{path.stem}.html", content=render_html(doc)))
    return files


_ROLE = re.compile(r":(?:func|class|mod|data|meth|attr|exc):(<code>)~?")


def on_page_content(html_text: str, **kwargs: Any) -> str:
    """Docstrings use Sphinx roles (:func:`x`); show them as plain code in the site."""
    return _ROLE.sub(r"\1", html_text)
