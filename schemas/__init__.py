"""Pydantic models of the output, and the JSON Schema exported from them."""

from schemas.article import (
    SCHEMA_VERSION,
    Amount,
    Article,
    Date,
    Mention,
    Organisation,
    Person,
    Removed,
    Reporter,
    Source,
)

__all__ = [
    "SCHEMA_VERSION",
    "Amount",
    "Article",
    "Date",
    "Mention",
    "Organisation",
    "Person",
    "Removed",
    "Reporter",
    "Source",
    "json_schema",
]


def json_schema() -> dict:
    """The JSON Schema of one output article (the content of schemas/article.schema.json)."""
    schema = Article.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://extract.invalid/schemas/article-{SCHEMA_VERSION}.schema.json"
    return schema
