"""Start-up: what the command imports before it knows it will extract anything itself."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("extract.pipeline", "extract.entities", "extract.rules", "extract.clean", "pydantic", "kiwipiepy", "schemas")


def _imported_by(statement: str) -> list[str]:
    code = f"import sys\n{statement}\nprint('\\n'.join(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return [name for name in done.stdout.split() if name.startswith(HEAVY)]


def test_the_command_imports_no_pipeline_until_it_runs_one() -> None:
    # With --jobs N the parent process only hands out inputs and writes files: the pipeline, the rules, the
    # entity model, Kiwi and the output schema are loaded by the process the workers are forked from.
    assert _imported_by("import cli") == []
    assert _imported_by("from extract import batch, load, write") == []


def test_the_library_api_is_there_when_asked_for() -> None:
    found = _imported_by("from extract import extract_text\nassert callable(extract_text)")
    assert "extract.pipeline" in found
    found = _imported_by("import extract\nassert callable(extract.extract_path)")
    assert "extract.pipeline" in found


def test_stage_cpu_time_is_read_only_when_asked(monkeypatch) -> None:
    from extract import pipeline

    monkeypatch.setattr(pipeline, "_STAGE_CPU", False)
    monkeypatch.setattr(pipeline, "STAGE_SECONDS", pipeline.Counter())
    monkeypatch.setattr(pipeline, "STAGE_CPU", pipeline.Counter())
    with pipeline._stage("work", check=False):
        sum(range(100_000))
    assert pipeline.STAGE_SECONDS["work"] > 0 and "work" not in pipeline.STAGE_CPU
    monkeypatch.setattr(pipeline, "_STAGE_CPU", True)
    try:
        with pipeline._stage("work", check=False):
            sum(range(100_000))
            raise KeyError("inside")
    except KeyError:
        pass
    assert pipeline.STAGE_CPU["work"] > 0  # counted even when the stage raised
