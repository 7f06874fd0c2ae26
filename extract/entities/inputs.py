"""What the shipped entity model was built from, as hashes: a cheap check that the model still matches.

The model's features read the word lists of `patterns/` (surnames, titles, organisation suffixes, gazetteer,
place words …), and its training data is mapped by `conventions.py` and completed by the project's labelled
sentences. When one of them changes, the shipped model no longer matches what a rebuild would give, and its
features see lists it was not trained with. `python -m extract.entities.train` writes `entities.inputs` (JSON)
next to the model with a SHA-256 of each input (of a word list's lists, not its examples); `tests/test_entity_inputs.py` compares them with the files of
the repository and fails with the command to rebuild.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from extract.lexicon import FILES
from extract.patterns import read_toml, shipped_dir

HERE = Path(__file__).resolve().parent
INPUTS_PATH = HERE / "entities.inputs"
CONVENTIONS = HERE / "conventions.py"
REBUILD = "python -m extract.entities.train"
_NOT_READ = frozenset({"examples", "counterexamples"})


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "absent"


def _lists_sha(path: Path) -> str:
    """The hash of a word-list file's lists, without its examples, counterexamples and comments (which the
    features do not read)."""
    if not path.exists():
        return "absent"
    lists = {key: value for key, value in read_toml(path).items() if key not in _NOT_READ}
    return hashlib.sha256(json.dumps(lists, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def word_lists() -> dict[str, str]:
    """The hash of each word-list file the model's features read (patterns/…)."""
    root = shipped_dir()
    return {name: _lists_sha(root / name) for name in FILES}


def digest(own_sentences: Path, klue: list[Path]) -> dict[str, dict[str, str]]:
    """Every input of a build: the word lists, the conventions' mapping, the labelled sentences and the data."""
    return {"word_lists": word_lists(),
            "training": {"conventions.py": _sha(CONVENTIONS), own_sentences.name: _sha(own_sentences)},
            "data": {path.name: _sha(path) for path in klue}}


def write(found: dict[str, dict[str, str]], path: Path = INPUTS_PATH) -> Path:
    path.write_text(json.dumps(found, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def read(path: Path = INPUTS_PATH) -> dict[str, dict[str, str]]:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def stale(current: dict[str, dict[str, str]], built: dict[str, dict[str, str]]) -> list[str]:
    """The inputs whose hash differs from the build's (missing ones included), as `group/name`."""
    return [f"{group}/{name}" for group, hashes in current.items() for name, sha in hashes.items()
            if built.get(group, {}).get(name) != sha]
