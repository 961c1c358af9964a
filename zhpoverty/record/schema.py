"""Typed models of zhpoverty's output: a quantity, a record (one indicator row) and the article.

These pydantic models are the single definition of the output schema: ``zhpoverty schema`` prints
their JSON Schema, the docs render it, and tests validate every record the pipeline produces
against them. The pipeline itself builds plain dicts (fast, picklable); the models check them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Number = int | float
Approx = Literal["approx", "over", "under"] | None


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Offsets(_Model):
    """A stretch of the article: its text and code-point offsets (text == article[start:end])."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class SIValue(_Model):
    """A physical quantity converted to SI units (m2 for 亩, kg for 斤 …)."""

    value: Number
    unit: str


class Quantity(Offsets):
    """An amount, count or percentage as stated (SPEC §2)."""

    label: Literal["MONEY", "QUANTITY", "CARDINAL", "PERCENT"]
    value: Number | None = Field(description="Exact value, fully expanded; null for a range.")
    unit: str = Field(description="Canonical unit code (CNY, t, mu, person, % …).")
    approx: Approx = Field(description="approx (约), over (余, 以上), under (近, 不到) or null.")
    range: tuple[Number, Number] | None = Field(description="[low, high] for 2-4所, 四五万元 …")
    classifier: str | None = Field(description="The measure word as written (个, 家, 所, 名 …).")
    counted: str | None = Field(
        description="The noun counted (企业, 学校 …) when the text gives it."
    )
    si: SIValue | None = Field(description="The value in SI units for physical quantities.")


class DateMention(Offsets):
    """A date or time with its ISO 8601 value at the precision written."""

    label: Literal["DATE", "TIME"]
    value: str | None = Field(description="ISO 8601: 2020-04, 2020-02-21, 2016/2020, 2019/..")
    kind: str | None = None


class Place(Offsets):
    """An administrative division resolved to its full name, 6-digit code and level."""

    name: str
    code: str = Field(pattern=r"^\d{6}$")
    level: Literal["province", "city", "county"]


class Organization(Offsets):
    """A company, cooperative, agency … as named in the text."""

    kind: str | None = None
    name: str | None = Field(
        default=None, description="The full name (a short name's full form: 利和萃取 → …有限公司)."
    )


class Person(Offsets):
    """A person's name with the title and organisation the text gives."""

    title: str | None = None
    organization: str | None = None


class Evidence(Offsets):
    """A cue that made an aid type fire."""

    cue: str | None = None


class AidType(_Model):
    """An aid type the article asserts, with its score and the evidence that triggered it."""

    label: str
    score: float = Field(ge=0.0, le=1.0)
    evidence: list[Evidence]


class Record(_Model):
    """One stated indicator: one row of the table users want (SPEC §5)."""

    indicator: str = Field(description="investment, sales, jobs, area … (see indicators.tsv)")
    value: Number | None
    unit: str
    approx: Approx
    range: tuple[Number, Number] | None
    aid_type: str | None = Field(
        description="Aid type of the sentence, else section, else article."
    )
    subject: str | None = Field(description="The organisation or place acting.")
    place: str | None = Field(description="Full name of the place where the activity happens.")
    place_code: str | None = Field(description="6-digit administrative code of `place`.")
    date: str | None = Field(description="ISO date of the sentence, else the article's year.")
    quantity: int = Field(ge=0, description="Index into the article's `quantities`.")
    quantity_text: str
    cue: str | None = Field(description="The words that decided the indicator.")
    evidence: Offsets = Field(description="The sentence stating the indicator.")


class BylinePerson(_Model):
    """One person a byline names: the role as written (记者) and the name with its offsets."""

    role: str
    name: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Byline(Offsets):
    """The byline as written (brackets included), with the people it names."""

    people: list[BylinePerson] = Field(default_factory=list)


class ArticleRecord(_Model):
    """Everything zhpoverty extracts from one article: one line of ``zhpoverty extract`` output."""

    id: str
    title: str | None
    published: str | None
    source: str | None = None
    byline: Byline | None = None
    headings: list[Offsets] = Field(default_factory=list)
    captions: list[Offsets] = Field(default_factory=list)
    aid_types: list[AidType]
    cats: dict[str, float] = Field(default_factory=dict)
    quantities: list[Quantity]
    dates: list[DateMention]
    places: list[Place]
    organizations: list[Organization]
    people: list[Person]
    records: list[Record]


def json_schema() -> dict:
    """The JSON Schema of one article record (what ``zhpoverty schema`` prints)."""
    return ArticleRecord.model_json_schema()
