"""Stage 7, validate: build the Pydantic `Article` and check the offset contract.

Every record's `body[start:end] == text`; a record that breaks it is a bug in a
rule or a stage, and fails the article loudly rather than writing a wrong file.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from schemas import Article


class ContractError(AssertionError):
    """An extracted article breaks the output contract."""


def _spans(article: Article) -> Iterator[tuple[str, Any, int, int, str]]:
    """(kind, record, start, end, text) of every record's span (the record named only in a failure message)."""
    for amount in article.amounts:
        yield "amount", amount, amount.start, amount.end, amount.text
    for date in article.dates:
        yield "date", date, date.start, date.end, date.text
    for person in article.people:
        for mention in person.mentions:
            yield "person", person, mention.start, mention.end, mention.text
    for organisation in article.organisations:
        for mention in organisation.mentions:
            yield "organisation", organisation, mention.start, mention.end, mention.text


def _what(kind: str, record: Any) -> str:
    return f"{kind} {record.rule if kind in ('amount', 'date') else record.name}"


def validate(data: dict[str, Any]) -> Article:
    article = Article.model_validate(data)
    body = article.body
    size = len(body)
    for kind, record, start, end, text in _spans(article):
        if not (0 <= start < end <= size) or body[start:end] != text:
            raise ContractError(f"{_what(kind, record)}: body[{start}:{end}] is {body[start:end]!r}, not {text!r}")
    names = {o.name for o in article.organisations}
    for person in article.people:
        if person.organisation is not None and person.organisation not in names:
            raise ContractError(f"person {person.name}: organisation {person.organisation!r} has no record")
    return article
