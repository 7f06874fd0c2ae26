"""The `extract` command: a thin layer over the `extract` library.

    extract PATH...              extract pages (the default command)
    extract diff GOLDEN [PATH]   compare fresh extractions with reviewed golden files
    extract report [PATH] -o DIR write a static HTML review report
    extract schema               print the JSON Schema of the output
    extract rules test [FILE]    run the examples of rule files
    extract rules explain TEXT   show which rules match a text and which win

Every command takes -h; `extract -V` prints the version; `--patterns DIR` (on
the default command, diff, report and rules) layers a user's rule folder over
the shipped rules (see extract/patterns.py).
"""

from __future__ import annotations

import datetime as dt
import gc
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import orjson
import regex
import typer
from typer.core import TyperGroup

from extract import __version__, batch, budget, workers
from extract.errors import UsageError
from extract.load import MAX_BYTES
from extract.patterns import PatternError

if TYPE_CHECKING:  # the rules are imported by the commands that use them
    from extract import rules


class _DefaultToRun(TyperGroup):
    """`extract seeds/` means `extract run seeds/`; `extract --help` also lists the options of `run`."""

    def parse_args(self, ctx, args):  # type: ignore[no-untyped-def]
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version", "-V"):
            args = ["run", *args]
        if args and args[0] == "run":
            args = _take_patterns(args)
        return super().parse_args(ctx, args)

    def format_help(self, ctx, formatter):  # type: ignore[no-untyped-def]
        super().format_help(ctx, formatter)
        command = self.commands.get("run")
        if command is None:
            return
        sub = type(ctx)(command, info_name=ctx.info_name, parent=ctx)
        records = [r for p in command.get_params(sub)
                   if p.param_type_name == "option" and p.name != "help" and (r := p.get_help_record(sub))]
        formatter.write_paragraph()
        formatter.write_text(f"{ctx.info_name} PATH... extracts pages (the same as `{ctx.info_name} run PATH...`):")
        records.append(("--patterns DIR", _PATTERNS_HELP))
        with formatter.section("Options of the default command"):
            formatter.write_dl(records)


_PATTERNS_HELP = ("Your own rule folder, layered over the shipped rules (a file with a shipped file's name replaces "
                  "it; new files in amount/, date/, ignore/ add rules). Default: $EXTRACT_PATTERNS.")


def _take_patterns(args: list[str]) -> list[str]:
    """Apply and remove `--patterns DIR` from the default command's arguments (before a `--`)."""
    out: list[str] = []
    rest = iter(args)
    for arg in rest:
        if arg == "--":
            out += [arg, *rest]
            break
        if arg == "--patterns" or arg.startswith("--patterns="):
            value = arg.partition("=")[2] if "=" in arg else next(rest, None)
            if not value:
                raise typer.BadParameter("needs a folder", param_hint="--patterns")
            _use_patterns(Path(value))
            continue
        out.append(arg)
    return out


def _use_patterns(folder: Path | None) -> None:
    """Layer the user's rule folder over the shipped rules; a bad folder is a usage error naming the option."""
    from extract import patterns

    if folder is None:
        return
    if not folder.is_dir():
        raise typer.BadParameter(f"{folder} is not a folder", param_hint="--patterns")
    patterns.use(folder)
    try:
        patterns.patterns_dir()
    except PatternError as exc:
        raise typer.BadParameter(str(exc), param_hint="--patterns") from exc


_HELP = {"help_option_names": ["-h", "--help"]}
Patterns = Annotated[Path | None, typer.Option("--patterns", metavar="DIR", help=_PATTERNS_HELP)]
app = typer.Typer(cls=_DefaultToRun, add_completion=False, no_args_is_help=True, context_settings=_HELP,
                  help="Korean news pages in, validated records out.")
rules_app = typer.Typer(add_completion=False, no_args_is_help=True, context_settings=_HELP,
                        help="Test and explain pattern rules.")
app.add_typer(rules_app, name="rules")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"extract {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("-V", "--version", callback=_version, is_eager=True,
                                               help="Print the version and exit.")] = False) -> None:
    """Korean news pages in, validated records out. `extract PATH...` extracts pages."""


def _option_date(value: str | None, option: str = "--reference-date") -> dt.date | None:
    """A YYYY-MM-DD option value; a bad one is a usage error naming the option and the cause."""
    if value is None:
        return None
    if not regex.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD", param_hint=option)
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value} does not exist ({exc})", param_hint=option) from exc


class Format(StrEnum):
    json = "json"
    jsonl = "jsonl"


class Parallel(StrEnum):
    processes = "processes"
    threads = "threads"


def _progress_bar(console=None):  # type: ignore[no-untyped-def]
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TextColumn("ETA"),
                    TimeRemainingColumn(), transient=True, console=console or Console(stderr=True))


@app.command("run")
def run(
    paths: Annotated[list[str], typer.Argument(help="Files or folders (recursive); - reads standard input.")],
    out: Annotated[str, typer.Option("-o", "--out", help="Output folder; - writes JSON Lines to standard output.")] = "out",
    format: Annotated[Format, typer.Option("--format", help="json: a file per article; jsonl: one articles.jsonl, "
                                                            "appended as each article finishes.")] = Format.json,
    reference_date: Annotated[str | None, typer.Option("--reference-date", help="YYYY-MM-DD for pages without a date.")] = None,
    no_clean: Annotated[bool, typer.Option("--no-clean", help="The input is already a clean body.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Cores to use: N worker processes, forked from one that loaded Kiwi and the rules once (see --parallel).")] = 1,
    parallel: Annotated[Parallel, typer.Option("--parallel", help="With --jobs N: processes (N workers sharing one loaded model) or threads (one process, Kiwi in N-1 threads; less speed).")] = Parallel.processes,
    timeout: Annotated[float, typer.Option("--timeout", min=0, help="Wall-clock seconds per input before it is "
                                                                    "stopped as a failure (0: no limit).")] = budget.DEFAULT_SECONDS,
    max_bytes: Annotated[int, typer.Option("--max-bytes", min=0, help="Size limit per input file or .jsonl line, "
                                                                      "in bytes (0: no limit).")] = MAX_BYTES,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="Only errors on stderr.")] = False,
    dask: Annotated[str | None, typer.Option("--dask", help="Run on a Dask cluster: local:N (N local worker processes) or a scheduler address (tcp://host:8786).")] = None,
) -> None:
    """Extract pages (the default command: `extract seeds/`)."""
    to_stdout = out == "-"
    options = batch.Options(out=batch.STDOUT if to_stdout else Path(out),
                            format="jsonl" if to_stdout else format.value,
                            reference_date=_option_date(reference_date), clean=not no_clean, jobs=jobs,
                            parallel=parallel.value, timeout=timeout or None, max_bytes=max_bytes)
    err = typer.get_text_stream("stderr")
    stdout = typer.get_binary_stream("stdout") if to_stdout else None
    # A run makes millions of short-lived objects (tokens, matches, records) beside large long-lived tables:
    # the young generation collected every 10,000 allocations instead of 700 (a fifth of the collector's time).
    gc.set_threshold(10_000, 10, 10)
    try:
        if dask is not None:
            summary = _run_on_dask(paths, options, dask)
        elif not quiet and err.isatty():
            with _progress_bar() as bar:
                job = bar.add_task("extracting", total=None)
                summary = batch.run(paths, options, stdout=stdout,
                                    start=lambda total: bar.update(job, total=total),
                                    progress=lambda name, ok: bar.advance(job))
        else:
            summary = batch.run(paths, options, stdout=stdout)
    except UsageError as exc:
        typer.echo(f"extract: error: {exc}", err=True)
        raise typer.Exit(2) from exc
    except PatternError as exc:
        typer.echo(f"extract: rule error: {exc}", err=True)
        raise typer.Exit(2) from exc
    except workers.WorkerStartError as exc:
        typer.echo(f"extract: error: {exc}; the run stopped (the files written so far stay)", err=True)
        raise typer.Exit(3) from exc
    except BrokenPipeError as exc:
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        typer.echo("extract: standard output was closed; stopped", err=True)
        raise typer.Exit(1) from exc
    for notice in summary.notices:
        typer.echo(f"extract: notice: {notice}", err=True)
    for failure in summary.failures:
        typer.echo(f"extract: {failure.display}: {failure.reason}", err=True)
    if not quiet:
        typer.echo(summary.line(), err=True)
    if summary.done == 0 and not summary.failures:
        typer.echo("extract: no input files found (.txt, .html, .htm, .jsonl)", err=True)
        raise typer.Exit(1)
    raise typer.Exit(1 if summary.failures else 0)


def _run_on_dask(paths: list[str], options: batch.Options, address: str):  # type: ignore[no-untyped-def]
    try:
        from extract import dask as on_dask
    except ModuleNotFoundError as exc:
        if exc.name not in ("dask", "distributed") and not (exc.name or "").startswith(("dask.", "distributed.")):
            raise
        typer.echo("extract: --dask needs the dask extra: pip install 'extract[dask]' (from a clone: pip install -e '.[dask]')", err=True)
        raise typer.Exit(2) from exc
    try:
        return on_dask.run(paths, options, address)
    except on_dask.SetupError as exc:
        typer.echo(f"extract: {exc}", err=True)
        raise typer.Exit(2) from exc


@app.command("diff")
def diff(
    golden_dir: Annotated[Path, typer.Argument(help="The folder of reviewed golden JSON files.")],
    paths: Annotated[list[str] | None, typer.Argument(help="Inputs to extract afresh (files or folders).")] = None,
    actual: Annotated[Path | None, typer.Option("--actual", help="Compare this output folder instead of extracting.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the differences as JSON.")] = False,
    update: Annotated[bool, typer.Option("--update", help="Rewrite the golden files and list each accepted change.")] = False,
    reference_date: Annotated[str | None, typer.Option("--reference-date", help="As for extraction.")] = None,
    no_clean: Annotated[bool, typer.Option("--no-clean", help="As for extraction.")] = False,
    patterns: Patterns = None,
) -> None:
    """Compare extractions with golden files: exit 0 when identical, 1 on any difference, 2 on unreadable files."""
    import tempfile

    from extract.review import golden

    if not golden_dir.is_dir():
        raise typer.BadParameter(f"{golden_dir} is not a folder", param_hint="GOLDEN_DIR")
    if (actual is None) == (not paths):
        raise typer.BadParameter("give input PATHs to extract, or --actual DIR (one of the two)")
    reference = _option_date(reference_date)
    _use_patterns(patterns)
    failures: list[dict[str, str]] = []
    failed_names: set[str] = set()
    unknown_failures = False
    if actual is not None:
        if not actual.is_dir():
            raise typer.BadParameter(f"{actual} is not a folder", param_hint="--actual")
        fresh_dir, fresh = actual, golden.golden_files(actual)
        errors = actual / batch.ERRORS_FILE
        if errors.is_file() and errors.stat().st_size:  # that run had failures: which outputs they cost is unknown
            unknown_failures = True
            failures = [{"input": str(errors), "error": "the run that wrote this folder had failed inputs"}]
    else:
        with tempfile.TemporaryDirectory(prefix="extract-diff-") as folder:
            options = batch.Options(out=Path(folder), reference_date=reference, clean=not no_clean)
            summary = batch.run(paths or [], options)
            fresh = golden.golden_files(Path(folder))
            expected, unknown_failures = _output_names(paths or [], options)
        fresh_dir = Path("(fresh)")
        failures = [{"input": f.display, "error": f.reason} for f in summary.failures]
        failed_names = expected - fresh.keys()
    for link in golden.symlinks(golden_dir):
        typer.echo(f"extract: {golden_dir / link}: a symlink inside the golden folder; not followed", err=True)
    try:
        comparison = golden.compare(golden.golden_files(golden_dir), fresh, golden_dir=golden_dir,
                                    actual_dir=fresh_dir)
    except golden.GoldenError as exc:
        typer.echo(f"extract: {exc}", err=True)
        raise typer.Exit(2) from exc
    comparison.failures = failures
    for message in comparison.unreadable.values():
        typer.echo(f"extract: {message}", err=True)
    if update:
        done = golden.update(golden_dir, comparison, fresh, failed_names=failed_names,
                             unknown_failures=unknown_failures)
        for line in done.lines:
            typer.echo(line)
        for failure in comparison.failures:
            typer.echo(f"extract: {failure['input']}: {failure['error']}", err=True)
        for message in done.refused:
            typer.echo(f"extract: {message}", err=True)
        typer.echo(f"{done.written} golden file(s) written, {done.deleted} removed, {len(comparison.same)} unchanged")
        raise typer.Exit(1 if failures or done.refused else 0)
    if as_json:
        from extract.write import _default

        sys.stdout.write(orjson.dumps(comparison.as_dict(), default=_default, option=orjson.OPT_INDENT_2).decode() + "\n")
    else:
        _print_comparison(comparison, golden_dir, failed_names)
    raise typer.Exit(2 if comparison.unreadable else 0 if comparison.identical else 1)


def _output_names(paths: list[str], options: batch.Options) -> tuple[set[str], bool]:
    """The output file names the inputs should give, and whether some input's names are unknown (unreadable)."""
    from extract.load import Task, load

    names: set[str] = set()
    unknown = False
    for item in load(paths):
        if isinstance(item, Task):
            names.add(batch.output_path(options, item.out_name).relative_to(options.out).as_posix())
        else:
            unknown = True
    return names, unknown


def _print_comparison(comparison, golden_dir: Path, failed_names: set[str]) -> None:  # type: ignore[no-untyped-def]
    from rich.console import Console
    from rich.markup import escape

    from extract.review import golden

    console = Console(highlight=False, soft_wrap=True)
    for name, data in comparison.changed.items():
        counts = golden.counts(data)
        summary = ", ".join(f"{n} {k}" for k, n in counts.items() if n)
        console.print(f"[bold yellow]~ {escape(name)}[/] differs from {escape(str(golden_dir / name))}"
                      + (f" ({summary} records)" if summary else ""))
        for line in golden.lines(data):
            mark = line.split(": ", 1)[1][:1] if ": " in line else ""
            style = "green" if line.startswith("  +") or mark == "+" else (
                "red" if line.startswith("  -") or mark == "-" else "")
            console.print(f"  [{style}]{escape(line)}[/]" if style else f"  {escape(line)}")
    for name in comparison.missing_input:
        why = "its input failed this time" if name in failed_names else "golden file whose input no longer exists"
        console.print(f"[bold red]- {escape(name)}[/]: {why}")
    for name in comparison.missing_golden:
        console.print(f"[bold green]+ {escape(name)}[/]: input with no golden file")
    for name in comparison.unreadable:
        console.print(f"[bold red]! {escape(name)}[/]: golden file cannot be read")
    for failure in comparison.failures:
        console.print(f"[bold red]! {escape(failure['input'])}[/]: {escape(failure['error'])}")
    total = len(comparison.same) + len(comparison.changed) + len(comparison.missing_input) + len(
        comparison.missing_golden) + len(comparison.unreadable)
    console.print(f"{total} files: {len(comparison.same)} same, {len(comparison.changed)} changed, "
                  f"{len(comparison.missing_input)} without input, {len(comparison.missing_golden)} without golden file"
                  + (f", {len(comparison.unreadable)} unreadable" if comparison.unreadable else "")
                  + (f", {len(comparison.failures)} failed" if comparison.failures else ""))


@app.command("report")
def report(
    paths: Annotated[list[str], typer.Argument(help="Pages to extract and show (files or folders).")],
    out: Annotated[Path, typer.Option("-o", "--out", help="Folder for the HTML report.")] = Path("report"),
    golden_dir: Annotated[Path | None, typer.Option("--golden", help="Mark records added, removed or changed "
                                                    "against the golden files in this folder.")] = None,
    reference_date: Annotated[str | None, typer.Option("--reference-date", help="As for extraction.")] = None,
    no_clean: Annotated[bool, typer.Option("--no-clean", help="As for extraction.")] = False,
    patterns: Patterns = None,
) -> None:
    """Write a static HTML report: an index and a page per article with records highlighted."""
    import tempfile

    from extract.load import Task, load
    from extract.review import golden
    from extract.review import report as report_stage
    from schemas import Article

    reference = _option_date(reference_date)
    _use_patterns(patterns)
    if golden_dir is not None and not golden_dir.is_dir():
        raise typer.BadParameter(f"{golden_dir} is not a folder", param_hint="--golden")
    if out.exists() and not out.is_dir():
        raise typer.BadParameter(f"{out} exists and is not a folder", param_hint="--out")
    stdin = sys.stdin.buffer.read() if "-" in paths else None
    # The same batch run as `extract PATH...` (its per-input guard and limits), into a private folder.
    with tempfile.TemporaryDirectory(prefix="extract-report-") as folder:
        options = batch.Options(out=Path(folder), reference_date=reference, clean=not no_clean)
        try:
            summary = batch.run(paths, options, stdin=stdin)
        except PatternError as exc:
            typer.echo(f"extract: rule error: {exc}", err=True)
            raise typer.Exit(2) from exc
        outputs = golden.golden_files(Path(folder))
    entries: list[report_stage.Entry] = []
    for item in load(paths, stdin=stdin):
        if not isinstance(item, Task):
            continue
        name = batch.output_path(batch.Options(out=Path()), item.out_name).as_posix()
        if name not in outputs:
            continue  # failed: listed below with its reason
        try:
            article = Article.model_validate(golden.load(outputs.pop(name)))
        except ValueError as exc:
            entries.append(report_stage.Entry(item.display, error=f"cannot read its output: {exc}"))
            continue
        marks = report_stage.golden_marks(article, golden.inside(golden_dir, name)) if golden_dir else None
        entries.append(report_stage.Entry(item.display, name.removesuffix(".json") + ".html", article,
                                          report_stage.source_text(item), marks))
    entries += [report_stage.Entry(f.display, error=f.reason) for f in summary.failures]
    for entry in entries:
        if entry.article is None:
            typer.echo(f"extract: {entry.display}: {entry.error}", err=True)
    written = report_stage.write(entries, out)
    failed = sum(1 for e in entries if e.article is None)
    typer.echo(f"wrote {written[0]} and {len(written) - 1} article page(s)"
               + (f"; {failed} input(s) failed, listed on the index" if failed else ""), err=True)
    raise typer.Exit(1 if failed else 0)


@app.command("schema")
def schema() -> None:
    """Print the JSON Schema of one output article."""
    from schemas import json_schema

    sys.stdout.write(orjson.dumps(json_schema(), option=orjson.OPT_INDENT_2).decode() + "\n")


@rules_app.command("test")
def rules_test(files: Annotated[list[Path] | None, typer.Argument(help="Rule files or folders (default: all).")] = None,
               patterns: Patterns = None) -> None:
    """Run the examples and counterexamples of rule files (every kind); show each failure as a diff.

    Exit 1 when a case fails, 2 when a path does not exist or a file is not valid or holds no examples."""
    from extract import ruletest

    _use_patterns(patterns)
    try:
        examples = ruletest.collect(files)
    except PatternError as exc:
        typer.echo(f"rule error: {exc}", err=True)
        raise typer.Exit(2) from exc
    passed = failed = xfailed = 0
    for example in examples:
        problems = example.problems()
        if example.xfail is not None:
            xfailed += 1
            if not problems:
                failed += 1
                typer.echo(f"XPASS {example.file}: {example.id}: marked as a known gap ({example.xfail}) but "
                           "passes; remove xfail")
            continue
        if problems:
            failed += 1
            typer.echo(f"FAIL {example.file}: {example.rule}: {example.kind} {example.text!r}")
            for problem in problems:
                typer.echo(problem)
        else:
            passed += 1
    typer.echo(f"{passed} passed, {failed} failed, {xfailed} known gaps")
    raise typer.Exit(1 if failed else 0)


@rules_app.command("explain")
def rules_explain(
    text: Annotated[str, typer.Argument(help="The text to match, e.g. \"매출 3,659억\".")],
    reference_date: Annotated[str | None, typer.Option("--reference-date", help="YYYY-MM-DD: the article's "
                                                       "date, to resolve relative dates.")] = None,
    patterns: Patterns = None,
) -> None:
    """Show every rule that matches TEXT, where, and which one wins each overlap."""
    from extract import rules

    reference = _option_date(reference_date)
    _use_patterns(patterns)
    try:
        ruleset = rules.load()
    except PatternError as exc:
        typer.echo(f"extract: rule error: {exc}", err=True)
        raise typer.Exit(2) from exc
    found, warnings = ruleset.candidates(text, reference)
    winners = {(c.rule.id, c.start, c.end) for c in rules.resolve(found)}
    ignored = {(c.rule.id, c.start, c.end) for c in found if c.rule.type == "ignore"}
    unresolved = False
    for cand in sorted(found, key=lambda c: (c.start, c.sort_key)):
        key = (cand.rule.id, cand.start, cand.end)
        mark = "WIN " if key in winners else "wins (ignore)" if key in ignored and _won(cand, found) else "lost"
        fields = ", ".join(f"{k}={v}" for k, v in cand.fields.items() if v not in (None, False))
        if cand.rule.type == "date" and cand.fields.get("value") is None:
            fields += (", " if fields else "") + "value=unresolved"
            unresolved = True
        typer.echo(f"{mark:5} {cand.start:>4}-{cand.end:<4} {cand.text!r:28} {cand.rule.id} "
                   f"(priority {cand.rule.priority}) {fields}")
    for warning in warnings:
        typer.echo(f"warning: {warning}")
    if unresolved and reference is None:
        typer.echo("hint: relative dates need the article's date: add --reference-date YYYY-MM-DD")
    if not found:
        typer.echo("no rule matches")


def _won(cand: rules.Candidate, found: list[rules.Candidate]) -> bool:
    better = [c for c in found if c.sort_key < cand.sort_key and c.start < cand.end and cand.start < c.end]
    return not better


if __name__ == "__main__":
    app()
