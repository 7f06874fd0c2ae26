"""The HTML report in a real browser: headless Chromium loads every page.

The set-up installs Debian's chromium (and a Korean font, so screenshots are
readable) where it is missing; only where that is impossible is the test
skipped, with the reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from extract import extract_path
from extract import report as report_stage

from .conftest import SEEDS

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


def _install_chromium() -> tuple[str | None, str]:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found, ""
    if not shutil.which("apt-get"):
        return None, "chromium is not installed and there is no apt-get to install it"
    if os.geteuid() != 0:
        return None, "chromium is not installed and installing it needs root (apt-get install chromium)"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    try:
        subprocess.run(["apt-get", "update", "-qq"], check=True, capture_output=True, env=env, timeout=600)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium", "chromium-driver", "fonts-noto-cjk"],
                       check=True, capture_output=True, env=env, timeout=1200)
    except (subprocess.SubprocessError, OSError) as exc:
        return None, f"installing chromium failed: {exc}"
    found = shutil.which("chromium")
    return found, "" if found else "apt-get install chromium did not provide a chromium binary"


@pytest.fixture(scope="session")
def chromium() -> str:
    path, reason = _install_chromium()
    if path is None:
        pytest.skip(reason)
    return path


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    articles = {p.stem + ".html": extract_path(p) for p in sorted(SEEDS.glob("*.txt"))}
    report_stage.write(articles.items(), folder)
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


def test_screenshots(chromium, report, tmp_path) -> None:
    folder, articles = report
    for name in ["index.html", *articles]:
        shot = tmp_path / (name + ".png")
        _run(chromium, tmp_path / "profile", "--window-size=1200,1600", f"--screenshot={shot}", (folder / name).as_uri())
        data = shot.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000, name
