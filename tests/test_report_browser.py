"""The HTML report in a real browser: headless Chromium loads every page.

The test suite never installs anything: CI's set-up (`.ci/run`) installs
Debian's chromium and a Korean font; where no chromium is found the test is
skipped, with the reason.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from extract import extract_path
from extract.review import report as report_stage

from .conftest import SEEDS

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


def find_chromium() -> tuple[str | None, str]:
    """The chromium binary, or None and the reason it is missing."""
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found, ""
    return None, "chromium is not installed (CI installs it in .ci/run: apt-get install chromium fonts-noto-cjk)"


@pytest.fixture(scope="session")
def chromium() -> str:
    path, reason = find_chromium()
    if path is None:
        pytest.skip(reason)
    return path


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    articles = {p.stem + ".html": extract_path(p) for p in sorted(SEEDS.glob("*.txt"))}
    sources = {p.stem + ".html": p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
    report_stage.write([report_stage.Entry(a.source.path, name, a, sources[name]) for name, a in articles.items()],
                       folder)
    return folder, articles


def _run(chromium: str, tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([chromium, *FLAGS, f"--user-data-dir={tmp}", *args], capture_output=True, text=True,
                          timeout=120)


def test_every_page_loads_with_its_highlights(chromium, report, tmp_path) -> None:
    folder, articles = report
    index = _run(chromium, tmp_path / "profile", "--dump-dom", (folder / "index.html").as_uri())
    links = [a.attributes["href"] for a in LexborHTMLParser(index.stdout).css("td a")]
    assert sorted(links) == sorted(articles)
    for name, article in articles.items():
        dom = _run(chromium, tmp_path / "profile", "--dump-dom", (folder / name).as_uri()).stdout
        marks = LexborHTMLParser(dom).css("mark[data-type]")
        shown = {(m.attributes["data-type"], int(m.attributes["data-start"]), int(m.attributes["data-end"]))
                 for m in marks}
        for mark in marks:
            start, end = int(mark.attributes["data-start"]), int(mark.attributes["data-end"])
            assert mark.text(deep=True) == article.body[start:end], (name, start, end)
        expected = {(s.type, s.start, s.end) for s in report_stage.spans(article)}
        assert shown == expected, (name, expected - shown, shown - expected)
        assert len(LexborHTMLParser(dom).css(".body del.cut")) == len(article.removed)
        assert not LexborHTMLParser(dom).css("mark del")  # removed text never inside a highlight


def test_missing_chromium_is_a_reason(monkeypatch, tmp_path) -> None:
    from tests.test_report_browser import find_chromium

    monkeypatch.setenv("PATH", str(tmp_path))
    path, reason = find_chromium()
    assert path is None and "not installed" in reason and ".ci/run" in reason


def test_screenshots(chromium, report, tmp_path) -> None:
    folder, articles = report
    for name in ["index.html", *articles]:
        shot = tmp_path / (name + ".png")
        _run(chromium, tmp_path / "profile", "--window-size=1200,1600", f"--screenshot={shot}", (folder / name).as_uri())
        data = shot.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000, name


def test_ci_installs_the_browser_and_runs_the_readme_test_command() -> None:
    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    command = "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest"
    assert command in readme
    ci = (root / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert command in ci and ".venv/bin/extract diff tests/golden seeds/" in ci
    assert any("apt-get install" in line and "chromium" in line for line in ci)
    for test in (root / "tests").rglob("*.py"):  # the test suite itself never installs packages
        assert '"apt-get", ' + '"install"' not in test.read_text(encoding="utf-8"), test
