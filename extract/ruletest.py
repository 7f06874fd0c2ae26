"""Running the examples that rule files carry (pytest and `extract rules test`).

Every rule file kind carries examples and counterexamples, and each runs through the code the pipeline uses for
that kind: amount, date and ignore rules through every rule and the overlap resolution; boilerplate lines through
the line classifier, inline debris through the inline cleaner, `[sequence]` sentences through the sentence reader;
metadata lines through the metadata readers (the first rule that reads a line is the one the pipeline uses);
names, titles and particles through the word lists' tests; organisations through the entity stage of the pipeline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from extract import lexicon, rules
from extract.patterns import PatternError, check_keys, patterns_dir, read_toml, relative_name, strings
from extract.rules import Rule, RuleSet

FIELDS = ("value", "low", "high", "vague", "unit", "counter", "approximate", "bound", "granularity")


@dataclass(frozen=True)
class Case:
    """One example or counterexample of one rule."""

    rule: Rule
    kind: str  # example | counterexample
    text: str
    expected: dict[str, Any]

    @property
    def id(self) -> str:
        return f"{self.rule.id}:{self.kind}:{self.text[:40]}"

    @property
    def xfail(self) -> str | None:
        return self.expected.get("xfail")


def ruleset_for(paths: list[Path] | None) -> tuple[RuleSet, list[Path] | None]:
    """The rule set to test PATHS with (the loaded rules, plus the rules of files outside the
    rule folder), and the rule files the paths name. A path that does not exist, a file that is
    not valid, or paths holding no examples are a PatternError naming the path."""
    base = rules.load()
    if not paths:
        return base, None
    files: list[Path] = []
    for path in paths:
        if not path.exists():
            raise PatternError(f"{path}: no such file or folder")
        found = sorted(path.rglob("*.toml")) if path.is_dir() else [path]
        found = [f for f in found if f.name not in ("macros.toml", "units.toml")]
        if not found:
            raise PatternError(f"{path}: holds no rule files")
        files += found
    loaded = {r.file for r in base.rules}
    seen = {r.id: r.file for r in base.rules}
    extra: list[Rule] = []
    for path in files:
        parsed = rules.parse_file(path, base.macros, base.units)
        if not any(r.examples for r in parsed):
            raise PatternError(f"{rules.relative_name(path)}: holds no rule examples")
        if rules.relative_name(path) in loaded:
            continue
        for rule in parsed:
            if rule.id in seen:
                raise PatternError(f"{rule.file}: rule {rule.id}: duplicate id (also in {seen[rule.id]})")
            seen[rule.id] = rule.file
            extra.append(rule)
    return RuleSet(base.rules + tuple(extra), base.tables, base.macros, base.units), files


def cases(ruleset: RuleSet, files: list[Path] | None = None) -> Iterator[Case]:
    names = None if not files else {rules.relative_name(p) for p in files}
    for rule in ruleset.rules:
        if names is not None and rule.file not in names:
            continue
        for example in rule.examples:
            yield Case(rule, "example", example["text"], example)
        for text in rule.counterexamples:
            yield Case(rule, "counterexample", text, {})


def _same(expected: Any, got: Any) -> bool:
    if expected == "" or expected is None:
        return got is None
    if isinstance(expected, (int, float, str)) and isinstance(got, (int, Decimal)) and not isinstance(expected, bool):
        return Decimal(str(expected)) == Decimal(got)
    return expected == got


def check(ruleset: RuleSet, case: Case) -> list[str]:
    """Problems with the case (empty when it passes), each as a small diff.

    An example runs through every rule and the overlap resolution, as in the pipeline: its
    expected record must be the one that wins there, from the example's own rule (so two
    rules cannot both claim the same text with different values). A counterexample must not
    be matched by its rule at all (resolution among the rule's own matches only, so an anaphoric
    word that gives no record without an earlier date passes).
    """
    ref = case.expected.get("reference")
    reference = dt.date.fromisoformat(ref) if ref else None
    if case.kind == "counterexample":
        found, _ = ruleset.candidates(case.text, reference, rules=[case.rule])
        # Its own matches only, through the anaphora step (사고 당일 with no earlier day is no record).
        return [f"- no match\n+ matched {c.text!r} at {c.start}" for c in rules.resolve(found, case.text)]
    target = case.expected.get("match", case.text)
    everything, warnings = ruleset.candidates(case.text, reference)
    winners = rules.resolve(everything, case.text, keep_ignored=True)
    own = [c for c in winners if c.rule.id == case.rule.id and c.text == target]
    if not own:
        alone = [c for c in everything if c.rule.id == case.rule.id]
        got = ", ".join(f"{c.text!r} ({c.rule.id})" for c in winners) or "nothing"
        lost = "" if not any(c.text == target for c in alone) else f" (the rule matches {target!r} but loses)"
        return [f"- match {target!r} won by {case.rule.id}\n+ winners: {got}{lost}", *warnings]
    hits = own
    problems = []
    for name in FIELDS:
        if name in case.expected and not _same(case.expected[name], hits[0].fields.get(name)):
            problems.append(f"  {name}:\n-   {case.expected[name]!r}\n+   {hits[0].fields.get(name)!r}")
    for name in ("approximate", "bound"):
        if name not in case.expected and case.rule.type == "amount" and hits[0].fields.get(name):
            problems.append(f"  {name}:\n-   (not expected)\n+   {hits[0].fields.get(name)!r}")
    return problems


# ---------------------------------------------------------------------------------------------------------------
# Every rule file kind


@dataclass(frozen=True)
class Example:
    """One example or counterexample of any rule file, with the check that runs it."""

    file: str
    rule: str  # rule id, category, or word list
    kind: str  # example | counterexample
    text: str
    run: Callable[[], list[str]] = field(compare=False, repr=False)
    xfail: str | None = None

    @property
    def id(self) -> str:
        return f"{self.rule}:{self.kind}:{self.text[:40]}"

    def problems(self) -> list[str]:
        """What is wrong (empty when the case passes), each as a small diff."""
        return self.run()


SUPPORT = ("macros.toml", "units.toml")  # read by the rules that use them; no examples of their own
LISTS = {"names.toml": "people/names.toml", "titles.toml": "people/titles.toml",
         "particles.toml": "people/particles.toml", "organisations.toml": "organisations/organisations.toml"}


def kind_of(path: Path) -> str:
    """boilerplate | metadata | people/… | organisations/… | support | expressions (amount, date, ignore)."""
    if path.name in ("boilerplate.toml", "metadata.toml"):
        return path.stem
    if path.name in SUPPORT:
        return "support"
    return LISTS.get(path.name, "expressions")


def rule_files(paths: list[Path] | None) -> list[Path]:
    """The rule files PATHS name (every rule file of the rule folder when none): a path that does not exist, or
    names no rule file, is a PatternError naming it."""
    if not paths:
        root = patterns_dir()
        return [root / "boilerplate.toml", root / "metadata.toml", *(root / n for n in lexicon.FILES)]
    files: list[Path] = []
    for path in paths:
        if not path.exists():
            raise PatternError(f"{path}: no such file or folder")
        found = sorted(path.rglob("*.toml")) if path.is_dir() else [path]
        if path.is_file() and path.name in SUPPORT:
            raise PatternError(f"{path}: holds no examples ({path.name} is checked through the rules that use it)")
        found = [f for f in found if f.name not in SUPPORT]
        if not found:
            raise PatternError(f"{path}: holds no rule files")
        files += found
    return files


def collect(paths: list[Path] | None) -> list[Example]:
    """Every example of the rule files PATHS name (all rule files when none), loaded and validated: an invalid
    file, or one without examples, is a PatternError naming it."""
    files = rule_files(paths)
    out: list[Example] = []
    expressions = [f for f in files if kind_of(f) == "expressions"]
    if expressions or not paths:
        ruleset, named = ruleset_for(expressions or None)
        for case in cases(ruleset, named):
            out.append(Example(case.rule.file, case.rule.id, case.kind, case.text,
                               lambda case=case: check(ruleset, case), case.xfail))
    for path in files:
        kind = kind_of(path)
        if kind == "expressions":
            continue
        found = (_boilerplate(path) if kind == "boilerplate" else _metadata(path) if kind == "metadata"
                 else _organisations(path) if kind.startswith("organisations/") else _words(path, kind))
        if not any(e.kind == "example" for e in found):
            raise PatternError(f"{relative_name(path)}: holds no examples")
        out += found
    return out


def _boilerplate(path: Path) -> list[Example]:
    from extract.clean import boilerplate
    from extract.clean.sequence import is_sentence_line

    rules_ = boilerplate.parse(path)
    name = relative_name(path)
    out: list[Example] = []

    def line(category: boilerplate.Category, text: str, removed: bool) -> list[str]:
        found = rules_.classify(text, header=category.where == "header")
        got = found[0] if found else None
        if removed and got != category.id:
            return [f"- removed as {category.id}\n+ {'removed as ' + got if got else 'kept'}"]
        if not removed and got == category.id:
            return [f"- not removed as {category.id}\n+ removed as {category.id}"]
        return []

    for category in rules_.categories:
        for text in category.examples:
            out.append(Example(name, category.id, "example", text, lambda c=category, t=text: line(c, t, True)))
        for text in category.counterexamples:
            out.append(Example(name, category.id, "counterexample", text,
                               lambda c=category, t=text: line(c, t, False)))

    def inline(rule: boilerplate.Inline, text: str, expected: str, alone: bool) -> list[str]:
        cleaner = boilerplate.Boilerplate((), (rule,), rules_.source, rules_.sequence) if alone else rules_
        got = cleaner.inline(text)[0]
        return [] if got == expected else [f"- {expected!r}\n+ {got!r}"]

    for rule in rules_.inlines:
        for text, expected in rule.examples:
            out.append(Example(name, rule.id, "example", text, lambda r=rule, t=text, e=expected: inline(r, t, e, False)))
        for text in rule.counterexamples:
            out.append(Example(name, rule.id, "counterexample", text, lambda r=rule, t=text: inline(r, t, t, True)))

    def sentence(text: str, expected: bool) -> list[str]:
        got = is_sentence_line(text, rules_.sequence)
        said = {True: "a sentence", False: "not a sentence"}
        return [] if got is expected else [f"- {said[expected]}\n+ {said[got]}"]

    for text in rules_.sequence.sentences:
        out.append(Example(name, "sequence.sentences", "example", text, lambda t=text: sentence(t, True)))
    for text in rules_.sequence.not_sentences:
        out.append(Example(name, "sequence.not_sentences", "counterexample", text, lambda t=text: sentence(t, False)))
    return out


def _metadata(path: Path) -> list[Example]:
    from extract.clean import metadata

    table = metadata.parse(path)
    name = relative_name(path)
    out: list[Example] = []

    def read(rule: metadata.Rule, example: dict[str, Any]) -> list[str]:
        found = metadata.first_match(rule.kind, example["text"], table)
        if found is None or found[0].id != rule.id:
            return [f"- read by {rule.id}\n+ {'read by ' + found[0].id if found else f'no {rule.kind} rule reads it'}"]
        problems = []
        for key, value in example.items():
            if key == "text":
                continue
            got = found[1].group(key)
            if got != value:
                problems.append(f"  {key}:\n-   {value!r}\n+   {got!r}")
        return problems

    def unread(rule: metadata.Rule, text: str) -> list[str]:
        found = metadata.first_match(rule.kind, text, {rule.kind: (rule,)})
        return [] if found is None else [f"- not read by {rule.id}\n+ read as {found[1].group(0)!r}"]

    for kind_rules in table.values():
        for rule in kind_rules:
            where = f"{name}: {rule.kind} {rule.id}"
            for example in rule.examples:
                if not isinstance(example, dict) or not isinstance(example.get("text"), str):
                    raise PatternError(f"{where}: an example must be a table with a text and the expected groups")
                unknown = sorted(set(example) - {"text"} - set(rule.pattern.groupindex))
                if unknown:
                    raise PatternError(f"{where}: example {example['text']!r}: unknown group(s) {', '.join(unknown)}; "
                                       f"the pattern's groups: {', '.join(rule.pattern.groupindex) or 'none'}")
                out.append(Example(name, rule.id, "example", example["text"], lambda r=rule, e=example: read(r, e)))
            for text in strings({"counterexamples": list(rule.counterexamples)}, "counterexamples", where):
                out.append(Example(name, rule.id, "counterexample", text, lambda r=rule, t=text: unread(r, t)))
    return out


def _words(path: Path, kind: str) -> list[Example]:
    """names.toml, titles.toml, particles.toml: words that must (not) be recognised."""
    lex = lexicon.parse(patterns_dir(), {kind: path})
    name = relative_name(path)
    data = read_toml(path)
    what, test = {
        "people/names.toml": ("a name", lambda w: bool(lex.surname_length(w))),
        "people/titles.toml": ("a title", lex.is_title),
        "people/particles.toml": ("ending with a particle", lambda w: lex.strip_particle(w) != w),
    }[kind]
    list_name = Path(kind).stem

    def word(text: str, expected: bool) -> list[str]:
        got = bool(test(text))
        return [] if got is expected else [f"- {'' if expected else 'not '}{what}\n+ {'' if got else 'not '}{what}"]

    return [Example(name, list_name, key[:-1], text, lambda t=text, e=expected: word(t, e))
            for key, expected in (("examples", True), ("counterexamples", False))
            for text in strings(data, key, name)]


def _organisations(path: Path) -> list[Example]:
    """Sentences with the organisation records the pipeline must find in them, and sentences with none."""
    lex = lexicon.parse(patterns_dir(), {"organisations/organisations.toml": path})
    name = relative_name(path)
    data = read_toml(path)
    examples = data.get("examples", [])
    if not isinstance(examples, list):
        raise PatternError(f"{name}: examples must be a list of tables")
    for number, example in enumerate(examples, start=1):
        where = f"{name}: example {number}"
        if not isinstance(example, dict):
            raise PatternError(f"{where}: must be a table with text, name and kind")
        check_keys(example, where, required=("text", "name"), optional=("kind",))
        if example.get("kind", "other") not in lexicon.KINDS:
            raise PatternError(f"{where}: kind {example['kind']!r} is not one of {', '.join(lexicon.KINDS)}")

    def found(text: str) -> list[tuple[str, str]]:
        from extract import resolve, segment

        records, _ = resolve.records(text, segment.segment(text), [], lex)
        return [(o["name"], o["kind"]) for o in records["organisations"]]

    def present(example: dict[str, Any]) -> list[str]:
        got = found(example["text"])
        wanted = (example["name"], example["kind"]) if "kind" in example else None
        if any(n == example["name"] and (wanted is None or (n, k) == wanted) for n, k in got):
            return []
        shown = ", ".join(f"{n} ({k})" for n, k in got) or "none"
        return [f"- {example['name']}" + (f" ({example['kind']})" if "kind" in example else "") + f"\n+ {shown}"]

    def absent(text: str) -> list[str]:
        got = found(text)
        return [f"- no organisation\n+ {', '.join(f'{n} ({k})' for n, k in got)}"] if got else []

    return [Example(name, "organisations", "example", e["text"], lambda e=e: present(e)) for e in examples] + \
        [Example(name, "organisations", "counterexample", t, lambda t=t: absent(t))
         for t in strings(data, "counterexamples", name)]
