"""Tests of the article structure parser: table-driven articles, the reference article, edges."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhpoverty.errors import SettingsError
from zhpoverty.text.normalize import shadow_text
from zhpoverty.text.structure import Article, TextSpan, parse_article
from zhpoverty.text.structure_cues import parse_byline

TEST_DATA = Path(__file__).resolve().parent.parent / "data"
CORPUS = Path(__file__).resolve().parent.parent.parent / "corpus"
BYLINE_ROLES = {"记者", "通讯员", "實習生", "实习生", "記者", "通訊員"}


def _cases(task: str) -> list[dict[str, Any]]:
    lines = (TEST_DATA / "structure_cases.jsonl").read_text(encoding="utf-8").splitlines()
    return [c for c in map(json.loads, filter(str.strip, lines)) if c["task"] == task]


ARTICLES = _cases("article")


@pytest.mark.parametrize("case", ARTICLES, ids=[c["id"] for c in ARTICLES])
def test_article_case(case: dict[str, Any]) -> None:
    article = parse_article(case["text"])
    assert article.as_dict() == case["expected"]
    _check_invariants(case["text"], article)


def _spans(article: Article) -> list[TextSpan]:
    singles = [article.title, article.published_span, article.source, article.dateline]
    spans = [s for s in singles if s is not None]
    if article.byline is not None:
        spans.append(article.byline.span)
        spans += [p.role for p in article.byline.people] + [p.name for p in article.byline.people]
    for group in (article.headers, article.headings, article.captions, article.paragraphs):
        spans += group
    return spans + list(article.sentences)


def _check_invariants(text: str, article: Article) -> None:
    for span in _spans(article):
        assert span.text == text[span.start : span.end]
        assert span.start < span.end and span.text == span.text.strip(" \t\r\n\xa0\u3000")
    for sentence in article.sentences:
        assert article.is_body(sentence.start) and article.is_body(sentence.end - 1)
    non_body = [article.title, *article.headings, *article.captions, *article.headers]
    for span in non_body:
        if span is not None:
            assert not article.is_body(span.start)
    body_order = [(p.start, p.end) for p in article.paragraphs]
    assert body_order == sorted(body_order)
    assert json.loads(json.dumps(article.as_dict(), ensure_ascii=False)) == article.as_dict()


def test_reference_article(reference_text: str, reference_gold: dict[str, Any]) -> None:
    article = parse_article(reference_text)
    assert article.title is not None
    assert article.title.text == "青岛城阳:精准帮扶,确保打赢脱贫攻坚战"
    assert article.published == "2020-03-18T16:45"
    assert article.published_span == TextSpan("2020-03-18 16:45", 30, 46)
    assert article.source == TextSpan("晚报", 93, 95)
    assert article.dateline == TextSpan("晚报讯", 93, 96)
    assert [h.as_dict() for h in article.headings] == reference_gold["headings"]
    assert [c.as_dict() for c in article.captions] == reference_gold["captions"]
    assert len(article.captions) == 6
    assert article.byline is not None
    assert article.byline.span == TextSpan("(记者 宋新华 通讯员苟小妹)", 2481, 2496)
    people = [(p.role.text, p.name.text, p.name.start, p.name.end) for p in article.byline.people]
    assert people == [("记者", "宋新华", 2485, 2488), ("通讯员", "苟小妹", 2492, 2495)]
    gold_people = [
        (p["title"], p["text"], p["start"], p["end"])
        for p in reference_gold["people"]
        if p["title"] in BYLINE_ROLES
    ]
    assert people == gold_people
    assert len(article.paragraphs) == 14
    assert article.paragraphs[0].text.startswith("今年是脱贫攻坚最后一年")  # 晚报讯 is the dateline
    assert article.paragraphs[-1].text.endswith("确保打赢脱贫攻坚战。")  # the byline is not body
    _check_invariants(reference_text, article)


def test_reference_sections_captions_and_body(reference_text: str) -> None:
    article = parse_article(reference_text)
    investment = reference_text.index("1.6亿元")
    assert article.section_of(investment) == TextSpan("产业帮扶精准有效", 297, 305)
    workers = reference_text.index("183名")
    assert article.section_of(workers) == TextSpan("劳务协作实效显著", 998, 1006)
    assert article.section_of(reference_text.index("2-4所")).text == "创新开展智慧帮扶"
    assert article.section_of(reference_text.index("今年是脱贫")) is None  # before any heading
    assert article.is_body(investment) and not article.is_caption(investment)
    caption_year = reference_text.index("3-2020年") + 2
    assert article.is_caption(caption_year) and not article.is_body(caption_year)
    for offset in (
        0,
        30,
        297,
        2485,
        len(reference_text) - 1,
    ):  # title, header, heading, byline, "0"
        assert not article.is_body(offset)
    sentence = article.sentence_at(investment)
    assert sentence is not None and sentence.text.startswith("项目占地100亩")
    assert sentence.text.endswith("具有深远意义。")
    quote = article.sentence_at(reference_text.index("生活环境"))
    assert quote is not None and quote.text.endswith("生活环境”。”")
    assert article.sentence_at(0) is None


def test_reference_sentences_split_at_semicolons(reference_text: str) -> None:
    article = parse_article(reference_text)
    texts = [s.text for s in article.sentences]
    assert "“我们的项目于2019年3月7日奠基开建,目前厂区车间已经完成建设并投入使用。" in texts
    jobs = next(t for t in texts if "784人" in t)
    assert jobs.endswith("带动贫困就业784人;")
    assert all("1.6亿元" not in t or t.count("。") == 1 for t in texts)


def test_reference_article_traditional_same_structure(reference_text: str) -> None:
    traditional = opencc.OpenCC("s2t").convert(reference_text)
    assert traditional != reference_text and len(traditional) == len(reference_text)
    simplified, converted = parse_article(reference_text), parse_article(traditional)

    def offsets(article: Article) -> Any:
        data = article.as_dict()
        for key in ("title", "published_span", "source", "dateline"):
            data[key] = data[key] and (data[key]["start"], data[key]["end"])
        for key in ("headers", "headings", "captions", "paragraphs", "sentences"):
            data[key] = [(s["start"], s["end"]) for s in data[key]]
        data["byline"] = [(p["start"], p["end"]) for p in data["byline"]["people"]]
        return data

    assert offsets(converted) == offsets(simplified)
    assert (
        converted.title is not None
        and converted.title.text == "青島城陽:精準幫扶,確保打贏脫貧攻堅戰"
    )
    assert converted.source is not None and converted.source.text == "晚報"
    assert converted.byline is not None
    assert [(p.role.text, p.name.text) for p in converted.byline.people] == [
        ("記者", "宋新華"),
        ("通訊員", "苟小妹"),
    ]
    assert [h.text for h in converted.headings] == [
        "產業幫扶精準有效",
        "勞務協作實效顯著",
        "創新開展智慧幫扶",
    ]
    _check_invariants(traditional, converted)


def test_reference_article_with_crlf(reference_text: str) -> None:
    crlf = reference_text.replace("\n", "\r\n")
    plain, windows = parse_article(reference_text), parse_article(crlf)

    def texts(article: Article) -> Any:
        data = article.as_dict()
        return {k: [s["text"] for s in v] for k, v in data.items() if isinstance(v, list)}

    assert texts(windows) == texts(plain)
    assert windows.published == plain.published
    assert windows.byline is not None and windows.byline.span.text == "(记者 宋新华 通讯员苟小妹)"
    _check_invariants(crlf, windows)


def test_every_corpus_article_matches_its_gold() -> None:
    for gold_path in sorted(CORPUS.glob("*.gold.json")):
        name = gold_path.name.removesuffix(".gold.json")
        text = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        article = parse_article(text)
        assert (article.title.text if article.title else None) == gold["title"], name
        assert article.published == gold["published"], name
        assert [h.as_dict() for h in article.headings] == gold["headings"], name
        assert [c.as_dict() for c in article.captions] == gold["captions"], name
        people = (
            [(p.name.text, p.name.start, p.role.text) for p in article.byline.people]
            if article.byline
            else []
        )
        gold_people = [
            (p["text"], p["start"], p["title"])
            for p in gold["people"]
            if p["title"] in BYLINE_ROLES
        ]
        assert people == gold_people, name


def test_mojibake_does_not_fail() -> None:
    mojibake = "青岛城阳:精准帮扶\n\n晚报讯 今年是脱贫攻坚最后一年。".encode().decode("latin-1")
    article = parse_article(mojibake)
    _check_invariants(mojibake, article)
    assert article.published is None and article.byline is None


def test_shadow_of_wrong_length_raises() -> None:
    with pytest.raises(SettingsError, match=r"\[E007\]"):
        parse_article("青岛城阳", shadow="青岛")


def test_precomputed_shadow_gives_same_result(reference_text: str) -> None:
    shadow = shadow_text(reference_text)
    assert parse_article(reference_text, shadow=shadow) == parse_article(reference_text)


def test_byline_parser() -> None:
    text = "记者 宋新华 通讯员苟小妹"
    assert parse_byline(text, 0, len(text)) == [(0, 2, 3, 6), (7, 10, 10, 13)]
    two = "记者 刘川 王晓雪 摄"
    assert parse_byline(two, 0, len(two)) == [(0, 2, 3, 5), (0, 2, 6, 9)]
    for not_a_byline in ("宋新华 记者", "记者", "记者 宋新华 通讯员", "记者：张三。今年"):
        assert parse_byline(not_a_byline, 0, len(not_a_byline)) is None, not_a_byline


@pytest.mark.slow
def test_ten_megabytes_in_one_pass(reference_text: str) -> None:
    copies = 10_000_000 // len(reference_text)
    text = "\n".join([reference_text] * copies)
    article = parse_article(text)
    assert len(article.headings) == 3 * copies
    assert len(article.captions) == 6 * copies
    assert article.title is not None and article.title.start == 0
    assert article.byline is not None
    assert text[article.byline.span.end :] == "\n\n0"  # the last copy's byline


_DATE_PIECES = (
    "2020年 4月 28日 今年 以来 当天 上午 10时 2020-03-18 16:45 星期三 来源： 记者 ， 。 扶贫 协作"
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_DATE_PIECES.split()), max_size=40).map("".join),
    st.integers(min_value=0, max_value=80),
)
def test_header_zone_skips_only_dates_it_would_not_use(line: str, padding: int) -> None:
    """A line that no date atom opens is not read for dates by the dated-line test: the answer
    is the one reading all its dates gives."""
    from zhpoverty.find.dates import find_dates
    from zhpoverty.text.structure import _dated_line
    from zhpoverty.text.structure_cues import cues
    from zhpoverty.text.structure_parts import Line, is_full_date

    text = line + "帮" * padding
    shadow = shadow_text(text)
    if not shadow:
        return
    full = find_dates(text, shadow=shadow)
    opens_with_full_date = bool(full) and full[0].start == 0 and is_full_date(full[0])
    line_read = Line(0, len(text), shadow)
    if _dated_line(text, line_read, cues()):
        assert opens_with_full_date
    elif line_read.dates is None:  # skipped: then no date opens it
        assert not full or full[0].start > 0
    else:
        assert line_read.dates == full


def test_header_dates_read_once_as_before() -> None:
    """``published`` from the header lines equals the simple reading: the first date of a
    published field, else the first full date of any header line (each read afresh)."""
    from zhpoverty.text.structure_cues import cues
    from zhpoverty.text.structure_parts import Line, first_date, read_headers

    c = cues()
    headers = [
        "2020年4月28日 星期二",
        "来源：青岛晚报 2020-05-20 16:08",
        "发布时间：2020年05月21日",
        "作者：宋新华 2019-08-27",
    ]
    for n in range(len(headers) + 1):
        for chosen in (headers[:n], headers[n:], headers[::-1][:n]):
            text = "\n".join(chosen)
            shadow = shadow_text(text)
            lines, pos = [], 0
            for h in chosen:
                lines.append(Line(pos, pos + len(h), shadow[pos : pos + len(h)]))
                pos += len(h) + 1
            got = read_headers(text, shadow, lines, c)
            expected = None
            for ln in lines:  # a labelled published date wins over a dated line
                for m in c.header.finditer(ln.sh):
                    if c.header_field[m.group("label")] == "published" and expected is None:
                        expected = first_date(text, shadow, ln.start + m.end(), ln.end)
            for ln in lines:
                expected = expected or first_date(text, shadow, ln.start, ln.end)
            assert got[:2] == (expected or (None, None))
