"""The entity model: a linear-chain CRF (python-crfsuite) over Kiwi morphemes.

`entities.crfsuite` ships inside the package; it is built by `python -m extract.entities.train` from
KLUE-NER news sentences (CC BY-SA 4.0) and the project's own labelled sentences. Labels are BIO tags of
PS (person), OG (organisation) and LC (place). The tagger is opened once per process.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract.entities import features
from extract.segment import Token

MODEL_PATH = Path(__file__).resolve().parent / "entities.crfsuite"
TYPES = ("PS", "OG", "LC")

_lock = threading.Lock()
_taggers: dict[Path, tuple[Any, features.Table[bytes]]] = {}
_active: list[Path] = [MODEL_PATH]


@dataclass(frozen=True)
class Span:
    type: str  # PS, OG or LC
    start: int  # body offsets
    end: int
    first: int  # index of its first and last token in the sequence
    last: int
    confidence: float  # the least marginal probability of its tokens' labels


def use(path: Path | None) -> None:
    """Tag with the model at `path` from now on (None: the packaged model). For evaluation scripts."""
    _active[0] = Path(path) if path else MODEL_PATH


def _tagger() -> tuple[Any, features.Table[bytes]]:
    """The tagger of the active model and its feature table: the features as UTF-8 bytes (python-crfsuite takes
    them as they are), only those among the model's attributes (crfsuite drops the others when it reads them)."""
    path = _active[0]
    with _lock:
        if path not in _taggers:
            import pycrfsuite

            tagger = pycrfsuite.Tagger()
            tagger.open(str(path))
            known = _attributes(tagger)
            names = None if known is None else frozenset(n.decode("utf-8", "surrogateescape") for n in known)
            _taggers[path] = (tagger, features.Table(names, as_bytes=True))
        return _taggers[path]


def _attributes(tagger: Any) -> frozenset[bytes] | None:
    """The names of the model's attributes, from its text dump (a few milliseconds; python-crfsuite's own
    `info()` parses every section line by line, about 80 ms). None when the dump cannot be written or read
    as expected: numbered 0, 1, … up to the header's count, each name once (then every feature is passed on)."""
    handle, name = tempfile.mkstemp(prefix="extract-crf-", suffix=".txt")
    os.close(handle)
    try:
        tagger.dump(name)
        dump = Path(name).read_bytes()
    except OSError:
        return None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(name)
    count = re.search(rb"\n  num_attrs: (\d+)\n", dump)
    block = re.search(rb"\nATTRIBUTES = \{\n(.*?)\n\}\n", dump, re.S)
    if count is None or block is None:
        return None
    names: list[bytes] = []
    for line in block.group(1).split(b"\n"):
        number, _, attribute = line.lstrip(b" ").partition(b": ")
        if number != str(len(names)).encode():
            return None
        names.append(attribute)
    found = frozenset(names)
    return found if len(found) == len(names) == int(count.group(1)) else None


_PROPER = frozenset({"NNP", "SL", "SH"})


def taggable(sentence: Sequence[Token], table: features.Table | None = None) -> bool:
    """Whether the model reads a sentence: it has a proper noun, a Latin or a Hanja token (a person's name always
    has one), or a noun with an organisation suffix (a body's name may be common nouns alone: 전력거래소는)."""
    words = table if table is not None else _tagger()[1]
    return any(t.tag in _PROPER or (t.tag == "NNG" and words[(t.form, t.tag)].role == "org") for t in sentence)


def tag(tokens: Sequence[Token]) -> tuple[list[str], list[float]]:
    """The model's label for each token and its marginal probability.

    The tokens are tagged sentence by sentence (a sentence ends after a final punctuation mark, SF), and a
    sentence that is not `taggable` is left untagged ("O")."""
    labels: list[str] = ["O"] * len(tokens)
    marginals: list[float] = [1.0] * len(tokens)
    if not tokens:
        return labels, marginals
    tagger, table = _tagger()
    start = 0
    for end in [i + 1 for i, t in enumerate(tokens) if t.tag == "SF"] + [len(tokens)]:
        sentence = tokens[start:end]
        if sentence and taggable(sentence, table):
            with _lock:  # a Tagger holds one sequence at a time
                found = tagger.tag(features.encoded(sentence, table))
                labels[start:end] = found
                marginals[start:end] = [tagger.marginal(label, i) for i, label in enumerate(found)]
        start = end
    return labels, marginals


def spans(tokens: Sequence[Token], tagged: tuple[list[str], list[float]] | None = None) -> list[Span]:
    """The PS, OG and LC spans the model finds in one sequence of tokens."""
    labels, marginals = tagged or tag(tokens)
    found: list[Span] = []
    begin: int | None = None
    for i, label in enumerate([*labels, "O"]):
        if begin is not None and not (label.startswith("I-") and label[2:] == labels[begin][2:]):
            kind = labels[begin][2:]
            found.append(Span(kind, tokens[begin].start, tokens[i - 1].end, begin, i - 1, min(marginals[begin:i])))
            begin = None
        if begin is None and label != "O":
            begin = i  # an I- without its B- starts a span too
    return found
