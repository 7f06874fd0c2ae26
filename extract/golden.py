"""Comparing an extraction with a reviewed golden file, as a readable diff.

Records are matched by identity (amounts and dates by offsets and text,
people and organisations by name), so one new record shows as one added line,
not as a shifted list. Metadata fields are compared one by one, the body as a
unified text diff.
"""

from __future__ import annotations

import difflib
from decimal import Decimal
from typing import Any

import orjson

RECORDS = {
    "amounts": lambda r: (r["start"], r["end"], r["text"]),
    "dates": lambda r: (r["start"], r["end"], r["text"]),
    "people": lambda r: r["name"],
    "organisations": lambda r: r["name"],
}
TEXT_FIELDS = ("body",)


def load(data: bytes) -> dict[str, Any]:
    """Parse output JSON keeping exact numbers (no float)."""
    import json

    return json.loads(data, parse_float=Decimal)


def _show(value: Any) -> str:
    return orjson.dumps(value, default=str).decode()


def _describe(record: dict[str, Any]) -> str:
    keep = {k: v for k, v in record.items() if k not in ("mentions",)}
    if "mentions" in record:
        keep["mentions"] = [f"{m['start']}-{m['end']}" for m in record["mentions"]]
    return _show(keep)


def diff(expected: dict[str, Any], actual: dict[str, Any]) -> list[str]:
    """Lines describing every difference; empty when the two are the same."""
    lines: list[str] = []
    for key in expected.keys() | actual.keys():
        if key in RECORDS or key in TEXT_FIELDS:
            continue
        if expected.get(key) != actual.get(key):
            lines.append(f"{key}:\n  - {_show(expected.get(key))}\n  + {_show(actual.get(key))}")
    for key in TEXT_FIELDS:
        if expected.get(key) != actual.get(key):
            body = difflib.unified_diff(
                (expected.get(key) or "").split("\n"), (actual.get(key) or "").split("\n"),
                "golden", "actual", lineterm="", n=0)
            lines.append(f"{key}:\n" + "\n".join("  " + line for line in body))
    for kind, identity in RECORDS.items():
        old = {identity(r): r for r in expected.get(kind, [])}
        new = {identity(r): r for r in actual.get(kind, [])}
        for ident in sorted(old.keys() - new.keys(), key=str):
            lines.append(f"{kind}: removed {_describe(old[ident])}")
        for ident in sorted(new.keys() - old.keys(), key=str):
            lines.append(f"{kind}: added   {_describe(new[ident])}")
        for ident in sorted(old.keys() & new.keys(), key=str):
            if old[ident] != new[ident]:
                lines.append(f"{kind}: changed\n  - {_describe(old[ident])}\n  + {_describe(new[ident])}")
    return lines
