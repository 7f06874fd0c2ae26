"""Comparing extractions with reviewed golden files, as readable diffs.

The body is aligned first (lines, then characters inside changed lines), so an
edit that shifts every later offset does not make every later record look
changed. A record is then matched by an identity that survives the shift:

1. amounts and dates: the same text at the position the alignment maps its
   golden offsets to; then, among records in changed parts of the body, the
   same text (and value) in order of position: those are *moved*; then a
   record whose mapped span overlaps one of the other side: *changed* (its
   text or span changed);
2. people and organisations: the name; their mentions are compared after the
   alignment, so only mentions in changed text show.

What is left is *added* or *removed*. A pair that differs says which field
changed (`value: 360 → 361`); records that only moved with the body are
counted, not listed. The body and `removed` are line diffs, metadata fields
are compared one by one. `compare` does this for a whole folder of golden
files and also reports golden files whose input is gone, inputs with no golden
file, and golden files that cannot be read.
"""

from __future__ import annotations

import bisect
import difflib
import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import orjson

SPAN_KINDS = ("amounts", "dates")
NAMED_KINDS = ("people", "organisations")
RECORDS = (*SPAN_KINDS, *NAMED_KINDS)
TEXT_FIELDS = ("body",)
LIST_FIELDS = ("removed", "subtitles", "captions", "warnings")
_POSITION = ("start", "end")
# Character alignment inside a changed block only up to this size (difflib is quadratic).
_CHAR_ALIGN_MAX = 20_000


class GoldenError(Exception):
    """A golden (or output) file that cannot be read; the message names the file."""


def load(data: bytes) -> dict[str, Any]:
    """Parse output JSON keeping exact numbers (no float)."""
    return json.loads(data, parse_float=Decimal)


def load_file(path: Path, data: bytes | None = None) -> dict[str, Any]:
    """An output file as data, or a GoldenError naming the file and the cause, on one line."""
    try:
        data = path.read_bytes() if data is None else data
        parsed = load(data)
    except OSError as exc:
        raise GoldenError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise GoldenError(f"{path}: not a valid JSON output file: {message}") from exc
    if not isinstance(parsed, dict) or not isinstance(parsed.get("body", ""), str):
        raise GoldenError(f"{path}: not an extracted article (a JSON object with a string body)")
    for kind in RECORDS:
        value = parsed.get(kind, [])
        if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
            raise GoldenError(f"{path}: {kind} must be a list of objects")
    return parsed


def _show(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, str):
        return orjson.dumps(value).decode()
    return orjson.dumps(value, default=str).decode()


# ---------------------------------------------------------------- alignment


@dataclass(frozen=True)
class Alignment:
    """Equal blocks of two texts: (old start, new start, length), sorted by old start (and so by new start)."""

    blocks: tuple[tuple[int, int, int], ...]
    _old: tuple[int, ...] = field(default=(), repr=False, compare=False)
    _new: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_old", tuple(b[0] for b in self.blocks))
        object.__setattr__(self, "_new", tuple(b[1] for b in self.blocks))

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """The new span of old [start, end) when all of it lies in one unchanged block."""
        index = bisect.bisect_right(self._old, start) - 1
        if index < 0:
            return None
        old, new, length = self.blocks[index]
        if start >= old and end <= old + length and end > start:
            return new + start - old, new + end - old
        return None

    def covered(self, start: int, end: int) -> bool:
        """Whether new [start, end) lies inside one unchanged block (it is not new text)."""
        index = bisect.bisect_right(self._new, start) - 1
        if index < 0:
            return False
        _, new, length = self.blocks[index]
        return new <= start and end <= new + length


def _offsets(lines: list[str]) -> list[int]:
    out, position = [], 0
    for line in lines:
        out.append(position)
        position += len(line) + 1
    return out


def align(old: str, new: str) -> Alignment:
    """Line blocks that are equal, refined to characters inside replaced lines."""
    if old == new:
        return Alignment(((0, 0, len(old)),) if old else ())
    a, b = old.split("\n"), new.split("\n")
    oa, ob = _offsets(a), _offsets(b)
    blocks: list[tuple[int, int, int]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            length = oa[i2 - 1] + len(a[i2 - 1]) - oa[i1]
            blocks.append((oa[i1], ob[j1], length))
        elif tag == "replace":
            x = "\n".join(a[i1:i2])
            y = "\n".join(b[j1:j2])
            if len(x) + len(y) <= _CHAR_ALIGN_MAX:
                chars = difflib.SequenceMatcher(None, x, y, autojunk=False)
                blocks += [(oa[i1] + i, ob[j1] + j, n) for i, j, n in chars.get_matching_blocks() if n]
    return Alignment(tuple(sorted(blocks)))


# ---------------------------------------------------------------- records


def _fields(old: dict[str, Any], new: dict[str, Any], *, skip: tuple[str, ...] = ()) -> dict[str, list[Any]]:
    return {key: [old.get(key), new.get(key)] for key in sorted(old.keys() | new.keys(), key=_field_order)
            if key not in skip and old.get(key) != new.get(key)}


_ORDER = ("text", "name", "value", "low", "high", "unit", "counter", "approximate", "bound", "granularity",
          "title", "organisation", "kind", "aliases", "start", "end", "rule", "mentions")


def _field_order(key: str) -> tuple[int, str]:
    return (_ORDER.index(key) if key in _ORDER else len(_ORDER), key)


def _span_records(old: list[dict[str, Any]], new: list[dict[str, Any]], alignment: Alignment) -> dict[str, Any]:
    used_old: set[int] = set()
    used_new: set[int] = set()
    at = {(r.get("start"), r.get("end"), r.get("text")): j for j, r in enumerate(new)}
    changed, moved, shifted = [], [], 0

    def pair(i: int, j: int, into: list[dict[str, Any]] | None, skip: tuple[str, ...]) -> None:
        nonlocal shifted
        used_old.add(i)
        used_new.add(j)
        fields = _fields(old[i], new[j], skip=skip)
        if into is not None:
            into.append({"golden": old[i], "actual": new[j], "fields": fields})
        elif fields:
            changed.append({"golden": old[i], "actual": new[j], "fields": fields})
        elif (old[i].get("start"), old[i].get("end")) != (new[j].get("start"), new[j].get("end")):
            shifted += 1

    mapped: dict[int, tuple[int, int] | None] = {}
    for i, record in enumerate(old):
        span = _span(record)
        mapped[i] = alignment.span(*span) if span else None
        target = mapped[i]
        if target is not None:
            j = at.get((*target, record.get("text")))
            if j is not None and j not in used_new:
                pair(i, j, None, _POSITION)
    # Moves: same text (and value first) among records in changed parts of the body, in order.
    loose_old = [i for i in range(len(old)) if i not in used_old and mapped[i] is None]
    loose_new = [j for j in range(len(new)) if j not in used_new and _span(new[j])
                 and not alignment.covered(*_span(new[j]))]
    for same_value in (True, False):
        for i in loose_old:
            if i in used_old:
                continue
            for j in loose_new:
                if j in used_new or new[j].get("text") != old[i].get("text"):
                    continue
                if same_value and new[j].get("value") != old[i].get("value"):
                    continue
                pair(i, j, moved, _POSITION)
                break
    # Changed span or text: the mapped golden span overlaps an actual record.
    for i in range(len(old)):
        target = mapped[i]
        if i in used_old or target is None:
            continue
        for j, record in enumerate(new):
            span = _span(record)
            if j not in used_new and span and span[0] < target[1] and target[0] < span[1]:
                pair(i, j, changed, ())
                break
    result = {
        "removed": [old[i] for i in range(len(old)) if i not in used_old],
        "added": [new[j] for j in range(len(new)) if j not in used_new],
        "changed": changed,
        "moved": moved,
    }
    return {**{k: v for k, v in result.items() if v}, **({"shifted": shifted} if shifted else {})}


def _span(record: dict[str, Any]) -> tuple[int, int] | None:
    start, end = record.get("start"), record.get("end")
    if isinstance(start, int) and isinstance(end, int) and end > start:
        return start, end
    return None


def _mentions(old: list[Any], new: list[Any], alignment: Alignment) -> dict[str, list[Any]] | None:
    new_keys = {(m.get("start"), m.get("end"), m.get("text")) for m in new if isinstance(m, dict)}
    reached: set[tuple[Any, Any, Any]] = set()
    gone = []
    for mention in old:
        span = _span(mention) if isinstance(mention, dict) else None
        target = alignment.span(*span) if span else None
        key = (*target, mention.get("text")) if target else None
        if key in new_keys:
            reached.add(key)
        else:
            gone.append(mention)
    came = [m for m in new if isinstance(m, dict) and (m.get("start"), m.get("end"), m.get("text")) not in reached]
    if not gone and not came:
        return None
    return {"removed": gone, "added": came}


def _named_records(old: list[dict[str, Any]], new: list[dict[str, Any]], alignment: Alignment) -> dict[str, Any]:
    before = {r.get("name"): r for r in old}
    after = {r.get("name"): r for r in new}
    changed = []
    shifted = 0
    for name in [n for n in before if n in after]:
        fields = _fields(before[name], after[name], skip=("mentions",))
        mentions = _mentions(before[name].get("mentions") or [], after[name].get("mentions") or [], alignment)
        if mentions:
            fields["mentions"] = mentions
        if fields:
            changed.append({"golden": before[name], "actual": after[name], "fields": fields})
        elif before[name] != after[name]:
            shifted += 1
    result = {
        "removed": [r for n, r in before.items() if n not in after],
        "added": [r for n, r in after.items() if n not in before],
        "changed": changed,
    }
    return {**{k: v for k, v in result.items() if v}, **({"shifted": shifted} if shifted else {})}


def _line_diff(old: list[str], new: list[str]) -> list[str]:
    return list(difflib.unified_diff(old, new, "golden", "actual", lineterm="", n=0))[2:]


def _removed_lines(items: Any) -> list[str]:
    out = []
    for item in items or []:
        if isinstance(item, dict):
            out.append(f"[{item.get('reason')}] {item.get('text')}")
        else:
            out.append(str(item))
    return out


def diff_data(expected: dict[str, Any], actual: dict[str, Any]) -> dict[str, Any]:
    """The differences as data: metadata fields, line diffs, and records by type (empty parts left out)."""
    result: dict[str, Any] = {}
    skip = {*RECORDS, *TEXT_FIELDS, *LIST_FIELDS}
    metadata: dict[str, Any] = {}
    for key in sorted(expected.keys() | actual.keys()):
        old, new = expected.get(key), actual.get(key)
        if key in skip or old == new:
            continue
        if isinstance(old, dict) and isinstance(new, dict):  # source: field by field
            metadata.update({f"{key}.{sub}": {"golden": old.get(sub), "actual": new.get(sub)}
                             for sub in sorted(old.keys() | new.keys()) if old.get(sub) != new.get(sub)})
        else:
            metadata[key] = {"golden": old, "actual": new}
    if metadata:
        result["metadata"] = metadata
    old_body, new_body = str(expected.get("body") or ""), str(actual.get("body") or "")
    if old_body != new_body:
        result["body"] = _line_diff(old_body.split("\n"), new_body.split("\n"))
    for key in LIST_FIELDS:
        if expected.get(key) != actual.get(key):
            show = _removed_lines if key == "removed" else (lambda v: [str(x) for x in v or []])
            result[key] = _line_diff(show(expected.get(key)), show(actual.get(key)))
    alignment = align(old_body, new_body)
    records: dict[str, Any] = {}
    for kind in RECORDS:
        compare_kind: Callable[..., dict[str, Any]] = _span_records if kind in SPAN_KINDS else _named_records
        part = compare_kind(list(expected.get(kind) or []), list(actual.get(kind) or []), alignment)
        if part:
            records[kind] = part
    if records:
        result["records"] = records
    return result


# ---------------------------------------------------------------- text


def describe(record: dict[str, Any], kind: str = "") -> str:
    """A record on one line: text, value, unit, modifiers, offsets and rule (or name, title, mentions)."""
    if "name" in record and "text" not in record:
        extra = [record.get("title"), record.get("organisation"), record.get("kind")]
        parts = [str(x) for x in extra if x]
        if record.get("aliases"):
            parts.append("aliases " + ", ".join(record["aliases"]))
        count = len(record.get("mentions") or [])
        return (f"{record.get('name')}" + (f" ({'; '.join(parts)})" if parts else "")
                + f", {count} mention{'s' if count != 1 else ''}")
    value = _show(record.get("value")) if record.get("value") is not None else "null"
    if record.get("high") is not None:
        value = f"{_show(record.get('low'))}~{_show(record.get('high'))}"
    extra = [x for x in (record.get("unit"), record.get("counter") and f"counter {record['counter']}",
                         record.get("granularity"), record.get("approximate") and "approximate",
                         record.get("bound")) if x]
    return (f"{_show(record.get('text'))} = {value}" + (f" {' '.join(str(x) for x in extra)}" if extra else "")
            + f" at {record.get('start')}-{record.get('end')}" + (f" rule {record['rule']}" if record.get("rule") else ""))


def _mention(m: Any) -> str:
    return f"{m.get('start')}-{m.get('end')} {_show(m.get('text'))}" if isinstance(m, dict) else str(m)


def field_changes(fields: Mapping[str, Any]) -> str:
    """`value: 360 → 361; unit: item → company`."""
    out = []
    for key, change in fields.items():
        if key == "mentions" and isinstance(change, dict):
            parts = [f"-{_mention(m)}" for m in change["removed"]] + [f"+{_mention(m)}" for m in change["added"]]
            out.append("mentions: " + ", ".join(parts))
        else:
            out.append(f"{key}: {_show(change[0])} → {_show(change[1])}")
    return "; ".join(out)


def lines(data: dict[str, Any]) -> list[str]:
    """Readable lines for the differences of one article (see diff_data)."""
    out: list[str] = []
    for key, values in data.get("metadata", {}).items():
        out.append(f"{key}: {_show(values['golden'])} → {_show(values['actual'])}")
    for key in (*TEXT_FIELDS, *LIST_FIELDS):
        if key in data:
            out.append(f"{key}:")
            out += ["  " + line for line in data[key]]
    for kind, part in data.get("records", {}).items():
        out += [f"{kind}: - removed {describe(r)}" for r in part.get("removed", [])]
        out += [f"{kind}: + added   {describe(r)}" for r in part.get("added", [])]
        out += [f"{kind}: ~ changed {describe(c['golden'])}: {field_changes(c['fields'])}"
                for c in part.get("changed", [])]
        out += [f"{kind}: > moved   {describe(c['golden'])} → {c['actual'].get('start')}-{c['actual'].get('end')}"
                + (f"; {field_changes(c['fields'])}" if c["fields"] else "") for c in part.get("moved", [])]
    shifted = sum(p.get("shifted", 0) for p in data.get("records", {}).values())
    if shifted:
        out.append(f"({shifted} other record{'s' if shifted != 1 else ''} only moved with the body's offsets)")
    return out


def diff(expected: dict[str, Any], actual: dict[str, Any]) -> list[str]:
    """Lines describing every difference; empty when the two are the same."""
    return lines(diff_data(expected, actual))


def counts(data: dict[str, Any]) -> dict[str, int]:
    """How many records were added, removed, changed and moved (all types)."""
    total = {"added": 0, "removed": 0, "changed": 0, "moved": 0}
    for part in data.get("records", {}).values():
        for key in total:
            total[key] += len(part.get(key, []))
    return total


# ---------------------------------------------------------------- folders


@dataclass
class Comparison:
    """A folder of golden files against fresh outputs, by relative file name."""

    changed: dict[str, dict[str, Any]] = field(default_factory=dict)
    same: list[str] = field(default_factory=list)
    missing_input: list[str] = field(default_factory=list)  # golden files whose input is gone
    missing_golden: list[str] = field(default_factory=list)  # outputs with no golden file
    failures: list[dict[str, str]] = field(default_factory=list)  # inputs that could not be extracted
    unreadable: dict[str, str] = field(default_factory=dict)  # golden files that cannot be read: name -> error

    @property
    def identical(self) -> bool:
        return not (self.changed or self.missing_input or self.missing_golden or self.failures or self.unreadable)

    def as_dict(self) -> dict[str, Any]:
        return {"identical": self.identical, "changed": self.changed, "same": self.same,
                "missing_input": self.missing_input, "missing_golden": self.missing_golden,
                "failures": self.failures, "unreadable": self.unreadable}


def json_files(folder: Path) -> dict[str, Path]:
    """The .json files below `folder` by relative posix name; symlinks (files or folders) are not followed."""
    found: dict[str, Path] = {}
    for top, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not os.path.islink(os.path.join(top, d)))
        for name in sorted(files):
            path = Path(top) / name
            if name.endswith(".json") and not name.startswith(".") and not path.is_symlink():
                found[path.relative_to(folder).as_posix()] = path
    return dict(sorted(found.items()))


def symlinks(folder: Path) -> list[str]:
    """Relative names of the symlinks below `folder` (not followed)."""
    out = []
    for top, dirs, files in os.walk(folder, followlinks=False):
        for name in [*dirs, *files]:
            path = Path(top) / name
            if path.is_symlink():
                out.append(path.relative_to(folder).as_posix())
    return sorted(out)


def golden_files(folder: Path) -> dict[str, bytes]:
    return {name: path.read_bytes() for name, path in json_files(folder).items()}


def compare(golden: Mapping[str, bytes], actual: Mapping[str, bytes], *, golden_dir: Path | None = None,
            actual_dir: Path | None = None) -> Comparison:
    """Compare by relative name. An unreadable golden file is listed in `unreadable`, named, and not compared;
    an unreadable actual file raises GoldenError."""
    result = Comparison()
    for name in sorted(golden.keys() | actual.keys()):
        if name not in actual:
            result.missing_input.append(name)
        elif name not in golden:
            result.missing_golden.append(name)
        else:
            try:
                expected = load_file((golden_dir or Path()) / name, golden[name])
            except GoldenError as exc:
                result.unreadable[name] = str(exc)
                continue
            found = diff_data(expected, load_file((actual_dir or Path()) / name, actual[name]))
            if found:
                result.changed[name] = found
            else:
                result.same.append(name)
    return result


def inside(folder: Path, name: str) -> Path | None:
    """folder/name when it stays inside `folder` without passing through a symlink (else None)."""
    parts = Path(name).parts
    if not parts or Path(name).is_absolute() or ".." in parts:
        return None
    path = folder
    for part in parts[:-1]:
        path = path / part
        if path.is_symlink() or (path.exists() and not path.is_dir()):
            return None
    path = path / parts[-1]
    if path.is_symlink():
        return None
    try:
        path.parent.resolve().relative_to(folder.resolve()) if path.parent.exists() else None
    except ValueError:
        return None
    return path


@dataclass
class Update:
    """What `extract diff --update` did: lines for the user, and files it refused to touch."""

    lines: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    written: int = 0
    deleted: int = 0


def update(golden_dir: Path, comparison: Comparison, fresh: Mapping[str, bytes], *,
           failed_names: set[str], unknown_failures: bool) -> Update:
    """Accept the fresh outputs: write changed and new golden files, delete those whose input is gone.

    Nothing is written or deleted outside `golden_dir` or through a symlink in it. A golden file whose input
    exists but failed this time (`failed_names`) is kept; when a failed input's output names are unknown
    (`unknown_failures`: a folder that could not be read), no golden file is deleted at all.
    """
    from extract.write import atomic_write

    done = Update()
    targets = [*comparison.changed, *comparison.unreadable, *comparison.missing_golden]
    for name in targets:
        if name not in fresh:
            continue
        path = inside(golden_dir, name)
        if path is None:
            done.refused.append(f"{golden_dir / name}: not written: it would go through a symlink or leave "
                                f"{golden_dir}")
            continue
        atomic_write(path, fresh[name])
        done.written += 1
        if name in comparison.changed:
            done.lines.append(f"updated {path}")
            done.lines += ["  " + line for line in lines(comparison.changed[name])]
        elif name in comparison.unreadable:
            done.lines.append(f"replaced {path} (it could not be read)")
        else:
            done.lines.append(f"added {path}: " + _summary(load(fresh[name])))
    for name in comparison.missing_input:
        if name in failed_names or unknown_failures:
            why = "its input failed this time" if name in failed_names else "an input could not be read"
            done.lines.append(f"kept {golden_dir / name} ({why})")
            continue
        path = inside(golden_dir, name)
        if path is None or not path.is_file():
            done.refused.append(f"{golden_dir / name}: not deleted: it is not a plain file inside {golden_dir}")
            continue
        path.unlink()
        done.deleted += 1
        done.lines.append(f"removed {path} (its input no longer exists)")
    return done


def _summary(data: dict[str, Any]) -> str:
    return ", ".join(f"{len(data.get(kind) or [])} {kind}" for kind in RECORDS)
