"""The `extract` command: a thin layer over the `extract` library.

    extract PATH...              extract pages (the default command)
    extract diff GOLDEN [PATH]   compare fresh extractions with reviewed golden files
    extract report [PATH] -o DIR write a static HTML review report
    extract schema               print the JSON Schema of the output
    extract rules test [FILE]    run the examples of rule files
    extract rules explain TEXT   show which rules match a text and which win
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import orjson
import typer
from typer.core import TyperGroup

from extract import __version__, batch, rules, ruletest
from extract.patterns import PatternError


class _DefaultToRun(TyperGroup):
    """`extract seeds/` means `extract run seeds/`."""

    def parse_args(self, ctx, args):  # type: ignore[no-untyped-def]
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["run", *args]
        return super().parse_args(ctx, args)


app = typer.Typer(cls=_DefaultToRun, add_completion=False, no_args_is_help=True,
                  help="Korean news pages in, validated records out.")
rules_app = typer.Typer(add_completion=False, no_args_is_help=True, help="Test and explain pattern rules.")
app.add_typer(rules_app, name="rules")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"extract {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="Print the version and exit.")] = False) -> None:
    """Korean news pages in, validated records out. `extract PATH...` extracts pages."""


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from exc


@app.command("run")
def run(
    paths: Annotated[list[str], typer.Argument(help="Files or folders (recursive); - reads standard input.")],
    out: Annotated[Path, typer.Option("-o", "--out", help="Output folder.")] = Path("out"),
    format: Annotated[str, typer.Option("--format", help="json: a file per article; jsonl: one articles.jsonl.")] = "json",
    reference_date: Annotated[str | None, typer.Option("--reference-date", help="YYYY-MM-DD for pages without a date.")] = None,
    no_clean: Annotated[bool, typer.Option("--no-clean", help="The input is already a clean body.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes.")] = 1,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="Only errors on stderr.")] = False,
    dask: Annotated[str | None, typer.Option("--dask", help="Run on a Dask cluster: local:N (N local worker processes) or a scheduler address (tcp://host:8786).")] = None,
) -> None:
    """Extract pages (the default command: `extract seeds/`)."""
    if format not in ("json", "jsonl"):
        raise typer.BadParameter("must be json or jsonl", param_hint="--format")
    options = batch.Options(out=out, format=format, reference_date=_date(reference_date), clean=not no_clean, jobs=jobs)
    err = typer.get_text_stream("stderr")
    show_bar = not quiet and err.isatty()
    try:
        if dask is not None:
            summary = _run_on_dask(paths, options, dask)
        elif show_bar:
            from rich.progress import Progress

            with Progress(transient=True, console=None) as bar:
                job = bar.add_task("extracting", total=None)
                summary = batch.run(paths, options, progress=lambda name, ok: bar.advance(job))
        else:
            summary = batch.run(paths, options)
    except PatternError as exc:
        typer.echo(f"extract: rule error: {exc}", err=True)
        raise typer.Exit(2) from exc
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
    update: Annotated[bool, typer.Option("--update", help="Rewrite the golden files and print what changed.")] = False,
    reference_date: Annotated[str | None, typer.Option("--reference-date", help="As for extraction.")] = None,
    no_clean: Annotated[bool, typer.Option("--no-clean", help="As for extraction.")] = False,
) -> None:
    """Compare extractions with golden files: exit 0 when identical, 1 on any difference."""
    import tempfile

    from extract import golden

    if not golden_dir.is_dir():
        raise typer.BadParameter(f"{golden_dir} is not a folder", param_hint="GOLDEN_DIR")
    if (actual is None) == (not paths):
        raise typer.BadParameter("give input PATHs to extract, or --actual DIR (one of the two)")
    failures = []
    if actual is not None:
        if not actual.is_dir():
            raise typer.BadParameter(f"{actual} is not a folder", param_hint="--actual")
        fresh = golden.golden_files(actual)
    else:
        with tempfile.TemporaryDirectory(prefix="extract-diff-") as folder:
            options = batch.Options(out=Path(folder), reference_date=_date(reference_date), clean=not no_clean)
            summary = batch.run(paths or [], options)
            fresh = golden.golden_files(Path(folder))
        failures = [{"input": f.display, "error": f.reason} for f in summary.failures]
    comparison = golden.compare(golden.golden_files(golden_dir), fresh)
    comparison.failures = failures
    if update:
        _update(golden_dir, comparison, fresh)
        raise typer.Exit(1 if failures else 0)
    if as_json:
        from extract.write import _default

        sys.stdout.write(orjson.dumps(comparison.as_dict(), default=_default, option=orjson.OPT_INDENT_2).decode() + "\n")
    else:
        _print_comparison(comparison, golden_dir)
    raise typer.Exit(0 if comparison.identical else 1)


def _print_comparison(comparison, golden_dir: Path) -> None:  # type: ignore[no-untyped-def]
    from rich.console import Console
    from rich.markup import escape

    from extract import golden

    console = Console(highlight=False, soft_wrap=True)
    for name, data in comparison.changed.items():
        console.print(f"[bold yellow]~ {escape(name)}[/] differs from {escape(str(golden_dir / name))}")
        for line in golden.lines(data):
            style = "green" if " added " in line else "red" if " removed " in line else ""
            console.print(f"  [{style}]{escape(line)}[/]" if style else f"  {escape(line)}")
    for name in comparison.missing_input:
        console.print(f"[bold red]- {escape(name)}[/]: golden file whose input no longer exists")
    for name in comparison.missing_golden:
        console.print(f"[bold green]+ {escape(name)}[/]: input with no golden file")
    for failure in comparison.failures:
        console.print(f"[bold red]! {escape(failure['input'])}[/]: {escape(failure['error'])}")
    total = len(comparison.same) + len(comparison.changed) + len(comparison.missing_input) + len(comparison.missing_golden)
    console.print(f"{total} files: {len(comparison.same)} same, {len(comparison.changed)} changed, "
                  f"{len(comparison.missing_input)} without input, {len(comparison.missing_golden)} without golden file"
                  + (f", {len(comparison.failures)} failed" if comparison.failures else ""))


def _update(golden_dir: Path, comparison, fresh: dict[str, bytes]) -> None:  # type: ignore[no-untyped-def]
    from extract.write import atomic_write

    for name in [*comparison.changed, *comparison.missing_golden]:
        atomic_write(golden_dir / name, fresh[name])
        typer.echo(f"updated {golden_dir / name}" if name in comparison.changed else f"added {golden_dir / name}")
    for name in comparison.missing_input:
        (golden_dir / name).unlink()
        typer.echo(f"removed {golden_dir / name} (its input no longer exists)")
    for failure in comparison.failures:
        typer.echo(f"extract: {failure['input']}: {failure['error']}", err=True)
    changed = len(comparison.changed) + len(comparison.missing_golden) + len(comparison.missing_input)
    typer.echo(f"{changed} golden file(s) changed, {len(comparison.same)} unchanged")


@app.command("report")
def report(
    paths: Annotated[list[str], typer.Argument(help="Pages to extract and show (files or folders).")],
    out: Annotated[Path, typer.Option("-o", "--out", help="Folder for the HTML report.")] = Path("report"),
    reference_date: Annotated[str | None, typer.Option("--reference-date", help="As for extraction.")] = None,
    no_clean: Annotated[bool, typer.Option("--no-clean", help="As for extraction.")] = False,
) -> None:
    """Write a static HTML report: an index and a page per article with records highlighted."""
    from extract import pipeline
    from extract import report as report_stage
    from extract.errors import InputError
    from extract.load import Failure, load

    entries, failed = [], 0
    for item in load(paths):
        if isinstance(item, Failure):
            typer.echo(f"extract: {item.display}: {item.reason}", err=True)
            failed += 1
            continue
        try:
            article = pipeline.run(item, clean=not no_clean, reference_date=_date(reference_date))
        except InputError as exc:
            typer.echo(f"extract: {item.display}: {exc}", err=True)
            failed += 1
            continue
        entries.append((item.out_name.as_posix() + ".html", article))
    written = report_stage.write(entries, out)
    typer.echo(f"wrote {written[0]} and {len(written) - 1} article page(s)", err=True)
    raise typer.Exit(1 if failed else 0)


@app.command("schema")
def schema() -> None:
    """Print the JSON Schema of one output article."""
    from schemas import json_schema

    sys.stdout.write(orjson.dumps(json_schema(), option=orjson.OPT_INDENT_2).decode() + "\n")


@rules_app.command("test")
def rules_test(files: Annotated[list[Path] | None, typer.Argument(help="Rule files (default: all).")] = None) -> None:
    """Run the examples and counterexamples of rule files; show each failure as a diff."""
    try:
        ruleset = rules.load()
    except PatternError as exc:
        typer.echo(f"rule error: {exc}", err=True)
        raise typer.Exit(2) from exc
    passed = failed = xfailed = 0
    for case in ruletest.cases(ruleset, files):
        problems = ruletest.check(ruleset, case)
        if case.xfail is not None:
            xfailed += 1
            if not problems:
                failed += 1
                typer.echo(f"XPASS {case.id}: marked as a known gap ({case.xfail}) but passes; remove xfail")
            continue
        if problems:
            failed += 1
            typer.echo(f"FAIL {case.id} ({case.rule.file})\n  text: {case.text!r}")
            for problem in problems:
                typer.echo(problem)
        else:
            passed += 1
    typer.echo(f"{passed} passed, {failed} failed, {xfailed} known gaps")
    raise typer.Exit(1 if failed else 0)


@rules_app.command("explain")
def rules_explain(text: str, reference_date: Annotated[str | None, typer.Option("--reference-date")] = None) -> None:
    """Show every rule that matches TEXT, where, and which one wins each overlap."""
    ruleset = rules.load()
    found, warnings = ruleset.candidates(text, _date(reference_date))
    winners = {(c.rule.id, c.start, c.end) for c in rules.resolve(found)}
    ignored = {(c.rule.id, c.start, c.end) for c in found if c.rule.type == "ignore"}
    for cand in sorted(found, key=lambda c: (c.start, c.sort_key)):
        key = (cand.rule.id, cand.start, cand.end)
        mark = "WIN " if key in winners else "wins (ignore)" if key in ignored and _won(cand, found) else "lost"
        fields = ", ".join(f"{k}={v}" for k, v in cand.fields.items() if v not in (None, False))
        typer.echo(f"{mark:5} {cand.start:>4}-{cand.end:<4} {cand.text!r:28} {cand.rule.id} "
                   f"(priority {cand.rule.priority}) {fields}")
    for warning in warnings:
        typer.echo(f"warning: {warning}")
    if not found:
        typer.echo("no rule matches")


def _won(cand: rules.Candidate, found: list[rules.Candidate]) -> bool:
    better = [c for c in found if c.sort_key < cand.sort_key and c.start < cand.end and cand.start < c.end]
    return not better


if __name__ == "__main__":
    app()
