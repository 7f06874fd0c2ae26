"""Comparing extractions with reviewed golden files, as readable diffs.

Records are matched by identity (amounts and dates by offsets and text,
people and organisations by name), so one new record shows as one added line,
not as a shifted list. Metadata fields are compared one by one, the body as a
unified text diff. `compare` does this for a whole folder of golden files and
also reports golden files whose input is gone and inputs with no golden file.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
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
    return json.loads(data, parse_float=Decimal)


def _show(value: Any) -> str:
    return orjson.dumps(value, default=str).decode()


def describe(record: dict[str, Any]) -> str:
    """A record on one line: its fields, with mentions as offsets."""
    keep = {k: v for k, v in record.items() if k != "mentions"}
    if "mentions" in record:
        keep["mentions"] = [f"{m['start']}-{m['end']}" for m in record["mentions"]]
    return _show(keep)


def diff_data(expected: dict[str, Any], actual: dict[str, Any]) -> dict[str, Any]:
    """The differences as data: metadata fields, body lines, and records by type (empty parts left out)."""
    result: dict[str, Any] = {}
    metadata = {key: {"golden": expected.get(key), "actual": actual.get(key)}
                for key in sorted(expected.keys() | actual.keys())
                if key not in RECORDS and key not in TEXT_FIELDS and expected.get(key) != actual.get(key)}
    if metadata:
        result["metadata"] = metadata
    for key in TEXT_FIELDS:
        if expected.get(key) != actual.get(key):
            result[key] = list(difflib.unified_diff(
                (expected.get(key) or "").split("\n"), (actual.get(key) or "").split("\n"),
                "golden", "actual", lineterm="", n=0))[2:]
    records: dict[str, Any] = {}
    for kind, identity in RECORDS.items():
        old = {identity(r): r for r in expected.get(kind, [])}
        new = {identity(r): r for r in actual.get(kind, [])}
        part = {
            "removed": [old[i] for i in sorted(old.keys() - new.keys(), key=str)],
            "added": [new[i] for i in sorted(new.keys() - old.keys(), key=str)],
            "changed": [{"golden": old[i], "actual": new[i]} for i in sorted(old.keys() & new.keys(), key=str)
                        if old[i] != new[i]],
        }
        part = {k: v for k, v in part.items() if v}
        if part:
            records[kind] = part
    if records:
        result["records"] = records
    return result


def lines(data: dict[str, Any]) -> list[str]:
    """Readable lines for the differences of one article (see diff_data)."""
    out: list[str] = []
    for key, values in data.get("metadata", {}).items():
        out.append(f"{key}:\n  - {_show(values['golden'])}\n  + {_show(values['actual'])}")
    for key in TEXT_FIELDS:
        if key in data:
            out.append(f"{key}:\n" + "\n".join("  " + line for line in data[key]))
    for kind, part in data.get("records", {}).items():
        out += [f"{kind}: removed {describe(r)}" for r in part.get("removed", [])]
        out += [f"{kind}: added   {describe(r)}" for r in part.get("added", [])]
        out += [f"{kind}: changed\n  - {describe(c['golden'])}\n  + {describe(c['actual'])}"
                for c in part.get("changed", [])]
    return out


def diff(expected: dict[str, Any], actual: dict[str, Any]) -> list[str]:
    """Lines describing every difference; empty when the two are the same."""
    return lines(diff_data(expected, actual))


@dataclass
class Comparison:
    """A folder of golden files against fresh outputs, by relative file name."""

    changed: dict[str, dict[str, Any]] = field(default_factory=dict)
    same: list[str] = field(default_factory=list)
    missing_input: list[str] = field(default_factory=list)  # golden files whose input is gone
    missing_golden: list[str] = field(default_factory=list)  # outputs with no golden file
    failures: list[dict[str, str]] = field(default_factory=list)  # inputs that could not be extracted

    @property
    def identical(self) -> bool:
        return not (self.changed or self.missing_input or self.missing_golden or self.failures)

    def as_dict(self) -> dict[str, Any]:
        return {"identical": self.identical, "changed": self.changed, "same": self.same,
                "missing_input": self.missing_input, "missing_golden": self.missing_golden,
                "failures": self.failures}


def golden_files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.json"))}


def compare(golden: Mapping[str, bytes], actual: Mapping[str, bytes]) -> Comparison:
    result = Comparison()
    for name in sorted(golden.keys() | actual.keys()):
        if name not in actual:
            result.missing_input.append(name)
        elif name not in golden:
            result.missing_golden.append(name)
        else:
            found = diff_data(load(golden[name]), load(actual[name]))
            if found:
                result.changed[name] = found
            else:
                result.same.append(name)
    return result
