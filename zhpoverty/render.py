"""displaCy HTML of an article: everything zhpoverty found, highlighted in the text.

All spans (quantities, dates, places, organisations, people and aid-type cues) are drawn in one
displaCy span view so that overlaps show; below it, the records table. The page is a single
self-contained HTML file.
"""

from __future__ import annotations

import html
from typing import Any

from spacy import displacy
from spacy.tokens import Doc, SpanGroup

RENDER_KEY = "zhpoverty_render"
SOURCE_KEYS = ("quantities", "dates", "places", "organizations", "people", "aid_types")
COLORS = {
    "MONEY": "#f6c177",
    "QUANTITY": "#ebbcba",
    "CARDINAL": "#c4a7e7",
    "PERCENT": "#9ccfd8",
    "DATE": "#a6da95",
    "TIME": "#a6da95",
    "GPE": "#8aadf4",
    "ORG": "#f5a97f",
    "PERSON": "#eed49f",
}
AID_COLOR = "#b7bdf8"


def render_html(doc: Doc, *, title: str | None = None) -> str:
    """A full HTML page showing the spans zhpoverty found in ``doc`` and its records."""
    spans = []
    for key in SOURCE_KEYS:
        for span in doc.spans.get(key, []):
            label = span.label_ if key != "aid_types" else f"aid:{span.label_}"
            spans.append(doc.char_span(span.start_char, span.end_char, label=label))
    doc.spans[RENDER_KEY] = SpanGroup(doc, name=RENDER_KEY, spans=[s for s in spans if s])
    colors = dict(COLORS)
    colors.update(
        {s.label_: AID_COLOR for s in doc.spans[RENDER_KEY] if s.label_.startswith("aid:")}
    )
    try:
        body = displacy.render(
            doc, style="span", page=False, options={"spans_key": RENDER_KEY, "colors": colors}
        )
    finally:
        del doc.spans[RENDER_KEY]
    record = doc._.record or {}
    heading = html.escape(title or record.get("title") or record.get("id") or "article")
    return (
        "<!DOCTYPE html><html lang='zh'><head><meta charset='utf-8'>"
        f"<title>{heading}</title><style>{_CSS}</style></head><body>"
        f"<h1>{heading}</h1>{_summary(record)}<div class='article'>{body}</div>"
        f"{_records_table(record)}</body></html>"
    )


def _summary(record: dict[str, Any]) -> str:
    aid = ", ".join(f"{a['label']} ({a['score']:.2f})" for a in record.get("aid_types", []))
    return (
        "<p class='meta'>"
        f"published: {html.escape(str(record.get('published')))} · "
        f"aid types: {html.escape(aid or '—')}"
        "</p>"
    )


def _records_table(record: dict[str, Any]) -> str:
    rows = record.get("records", [])
    if not rows:
        return "<p>No records.</p>"
    head = (
        "indicator",
        "quantity_text",
        "value",
        "unit",
        "approx",
        "aid_type",
        "subject",
        "place",
        "date",
    )
    out = ["<h2>Records</h2><table><tr>", *(f"<th>{h}</th>" for h in head), "</tr>"]
    for row in rows:
        value = row.get("value") if row.get("range") is None else "–".join(map(str, row["range"]))
        cells = [row.get(h) if h != "value" else value for h in head]
        out.append(
            "<tr>"
            + "".join(f"<td>{html.escape(str(c if c is not None else ''))}</td>" for c in cells)
            + "</tr>"
        )
    out.append("</table>")
    return "".join(out)


_CSS = (
    "body{font-family:'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif;"
    "max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.6}"
    ".meta{color:#555}table{border-collapse:collapse;margin-top:1rem}"
    "td,th{border:1px solid #ccc;padding:.2rem .5rem;font-size:.9rem}th{background:#f4f4f4}"
)
