"""Stage 7, validate: build the Pydantic `Article` and check the offset contract.

Every record's `body[start:end] == text`; a record that breaks it is a bug in a
rule or a stage, and fails the article loudly rather than writing a wrong file.
"""

from __future__ import annotations

from typing import Any

from schemas import Article


class ContractError(AssertionError):
    """An extracted article breaks the output contract."""


def _spans(article: Article) -> list[tuple[str, int, int, str]]:
    spans = [(f"amount {a.rule}", a.start, a.end, a.text) for a in article.amounts]
    spans += [(f"date {d.rule}", d.start, d.end, d.text) for d in article.dates]
    spans += [(f"person {p.name}", m.start, m.end, m.text) for p in article.people for m in p.mentions]
    spans += [(f"organisation {o.name}", m.start, m.end, m.text) for o in article.organisations for m in o.mentions]
    return spans


def validate(data: dict[str, Any]) -> Article:
    article = Article.model_validate(data)
    body = article.body
    for what, start, end, text in _spans(article):
        if not (0 <= start < end <= len(body)) or body[start:end] != text:
            raise ContractError(f"{what}: body[{start}:{end}] is {body[start:end]!r}, not {text!r}")
    names = {o.name for o in article.organisations}
    for person in article.people:
        if person.organisation is not None and person.organisation not in names:
            raise ContractError(f"person {person.name}: organisation {person.organisation!r} has no record")
    return article
