"""The output contract: one `Article` per input article.

Every model forbids unknown fields, so a typo in the pipeline is an error, not a
silently different file. `schemas/article.schema.json` is exported from these
models (`extract schema`), and a test keeps the file current.

Offsets (`start`, `end`) index `Article.body` as Python string indices (code
points), and `body[start:end] == text` always holds.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema

SCHEMA_VERSION = "1.2"

# Exact numbers: an int, or a Decimal written as a JSON number (never a float).
Exact = Annotated[int | Decimal, WithJsonSchema({"type": "number"})]

Granularity = Literal["datetime", "day", "week", "month", "quarter", "half", "year"]
Bound = Literal["at_least", "at_most", "less_than", "more_than"]
OrgKind = Literal[
    "government", "company", "university", "research", "association", "media", "military", "other"
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Model):
    path: str = Field(description="The input path as given (posix separators).")
    id: str | None = Field(default=None, description="The record id, for .jsonl inputs.")
    url: str | None = None
    sha256: str = Field(description="SHA-256 of the input bytes of this article.")
    format: Literal["text", "html", "jsonl", "stdin"]
    encoding: str = Field(description="The encoding the bytes were decoded with.")


class Reporter(_Model):
    name: str
    email: str | None = None


class Removed(_Model):
    text: str
    reason: str = Field(description="The boilerplate category (and rule) that removed the text.")


class Mention(_Model):
    start: int
    end: int
    text: str


class Organisation(_Model):
    name: str
    kind: OrgKind
    aliases: list[str]
    mentions: list[Mention]


class Person(_Model):
    name: str
    title: str | None
    organisation: str | None = Field(description="The name of one of the article's organisations.")
    mentions: list[Mention]


class Amount(_Model):
    text: str
    value: Exact | None = Field(description="The amount (negative for a fall: -3.5, △3.5, 마이너스 3.5); "
                                "for a range, its low end (see low and high); null for a vague amount.")
    low: Exact | None = Field(default=None, description="For a range such as 10~20명: the low end; for a "
                              "vague amount such as 수십억 원: the least value the words allow (10억).")
    high: Exact | None = Field(default=None, description="For a range such as 10~20명: the high end; for a "
                               "vague amount: the power of ten it stays below (100억 for 수십억).")
    vague: bool = Field(default=False, description="A vague amount (수십억, 수백 명, 몇 억, 억 원대): value is "
                        "null and low <= amount < high.")
    unit: str = Field(description="A unit of patterns/units.toml: ISO 4217 code, m2, km2, pyeong, t, kg, km, "
                      "m, kW, barrel, person, company, household, percent, percentage_point, times, item …")
    counter: str | None = Field(description="The Korean counter word, such as 개, 곳, 종.")
    approximate: bool
    bound: Bound | None
    start: int
    end: int
    rule: str


class Date(_Model):
    text: str
    value: str | None = Field(description="ISO 8601 date, datetime, week (2024-W21), a month and day whose "
                              "year is not written (--05-18, for 5·18) or interval: a range of days (4일부터 "
                              "12일까지 is one record, 2023-04-04/2023-04-12), a part of a month (8월 말: "
                              "2024-08-21/2024-08-31), a weekend (지난 주말: its Saturday/Sunday), a decade "
                              "(1970년대: 1970/1979); null when the text cannot be resolved.")
    granularity: Granularity
    start: int
    end: int
    rule: str


class Article(_Model):
    schema_version: Literal["1.2"] = SCHEMA_VERSION
    source: Source
    title: str | None
    subtitles: list[str]
    outlet: str | None
    reporters: list[Reporter]
    published_at: str | None = Field(description="ISO 8601 with +09:00, or null.")
    updated_at: str | None
    body: str = Field(description="The cleaned text; paragraphs separated by a blank line.")
    captions: list[str]
    removed: list[Removed]
    organisations: list[Organisation]
    people: list[Person]
    amounts: list[Amount]
    dates: list[Date]
    warnings: list[str]
