"""Masthead layouts: the article's date and the start of the body under different headers."""

from __future__ import annotations

import pytest

from zhpoverty.text.structure import parse_article

CASES = [
    # outlet, date and page on one line under a subtitle and above a byline
    (
        "苏青协作结出“组团式”帮扶硕果\n——记江苏援青干部人才的一年\n\n"
        "西部日报 2019-09-02 第02版\n本报记者 马文涛  通讯员 韩雪\n\n"
        "8月30日，记者从省对口支援办获悉，今年共安排援建资金2.1亿元。\n",
        "2019-09-02",
        ["——记江苏援青干部人才的一年", "西部日报 2019-09-02 第02版"],
        "8月30日",
        [("本报记者", "马文涛"), ("通讯员", "韩雪")],
    ),
    # a 来源 line whose date follows the outlet after an ideographic space
    (
        "【年终特稿】一组数据看协作成效\n\n来源：北方日报\u30002020-12-28 09:15\n\n"
        "2020年，两地共实施协作项目126个，带动贫困人口增收。\n",
        "2020-12-28T09:15",
        ["来源：北方日报\u30002020-12-28 09:15"],
        "2020年，两地",
        [],
    ),
    # a public-account post: 原创, author, account name and date on one line
    (
        "一块屏幕连起两地课堂\n\n原创 文/李晓雨 乡村振兴观察 2021-03-09\n\n"
        "开学第一周，远程课堂已经覆盖全县12所学校。\n",
        "2021-03-09",
        ["原创 文/李晓雨 乡村振兴观察 2021-03-09"],
        "开学第一周",
        [],
    ),
    # the date alone on a line under an author line
    (
        "點對點專車送鄉親返崗\n\n本報記者 陳嘉怡 貴陽報道\n2020年3月2日\n\n"
        "記者日前從人社部門獲悉，首批300名務工人員已經返崗。\n",
        "2020-03-02",
        ["2020年3月2日"],
        "記者日前",
        [("本報記者", "陳嘉怡")],  # 貴陽報道 names where the report comes from
    ),
]


@pytest.mark.parametrize(("text", "published", "headers", "body_start", "credited"), CASES)
def test_masthead_dates_and_body(
    text: str, published: str, headers: list[str], body_start: str, credited: list
) -> None:
    article = parse_article(text)
    assert article.published == published
    assert [h.text for h in article.headers] == headers
    assert article.paragraphs[0].text.startswith(body_start)
    assert article.title is not None and article.title.text == text.split("\n", 1)[0]
    people = article.byline.people if article.byline else ()
    assert [(p.role.text, p.name.text) for p in people] == credited


def test_a_heading_right_under_the_title_stays_a_heading() -> None:
    text = (
        "闽宁协作见成效\n\n一、搬得出\n\n移民新村建起了扶贫车间。\n\n"
        "二、稳得住\n\n务工收入稳步增长。\n"
    )
    article = parse_article(text)
    assert [h.text for h in article.headings] == ["一、搬得出", "二、稳得住"]
    assert article.headers == ()
