"""The entity model: a linear-chain CRF (python-crfsuite) over Kiwi morphemes.

`entities.crfsuite` ships inside the package; it is built by `python -m extract.entities.train` from
KLUE-NER news sentences (CC BY-SA 4.0) and the project's own labelled sentences. Labels are BIO tags of
PS (person), OG (organisation) and LC (place). The tagger is opened once per process.
"""

from __future__ import annotations

import contextlib
import operator
import os
import re
import tempfile
import threading
from bisect import bisect_left
from collections.abc import Collection, Sequence
from itertools import compress
from pathlib import Path
from typing import Any, NamedTuple

from extract.entities import features
from extract.segment import Token

MODEL_PATH = Path(__file__).resolve().parent / "entities.crfsuite"
TYPES = ("PS", "OG", "LC")

_lock = threading.Lock()
_taggers: dict[Path, tuple[Any, features.Table[bytes]]] = {}
_active: list[Path] = [MODEL_PATH]


class Span(NamedTuple):
    """A run of tokens the model labels as one entity (a tuple: several are made per paragraph)."""

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
_TAG = operator.itemgetter(1)  # a Token's tag


def taggable(sentence: Sequence[Token], table: features.Table | None = None) -> bool:
    """Whether the model reads a sentence: it has a proper noun, a Latin or a Hanja token (a person's name always
    has one), or a noun with an organisation suffix (a body's name may be common nouns alone: 전력거래소는)."""
    tags = list(map(_TAG, sentence))
    return _taggable(sentence, tags, 0, len(tags), table if table is not None else _tagger()[1])


def _taggable(tokens: Sequence[Token], tags: list[str], start: int, end: int, table: features.Table) -> bool:
    """`taggable` for tokens[start:end], their tags given: a set look-up of the tags, then the common nouns'."""
    if not _PROPER.isdisjoint(tags[start:end]):
        return True
    i = start - 1
    try:
        while True:
            i = tags.index("NNG", i + 1, end)
            if table[(tokens[i].form, "NNG")].role == "org":
                return True
    except ValueError:
        return False


def tag(tokens: Sequence[Token], outside: Collection[int] | None = None) -> tuple[list[str], list[float]]:
    """The model's label for each token and its marginal probability.

    The tokens are tagged sentence by sentence (a sentence ends after a final punctuation mark, SF), and a
    sentence that is not `taggable` is left untagged ("O"). With `outside`, the probability of a token the model
    labels "O" is read only at those indices (elsewhere it stays 1.0, as for an untagged sentence): a caller that
    reads an O's probability only at a few tokens saves a call into the tagger per token."""
    labels: list[str] = ["O"] * len(tokens)
    marginals: list[float] = [1.0] * len(tokens)
    if not tokens:
        return labels, marginals
    tagger, table = _tagger()
    tags = list(map(_TAG, tokens))
    if _PROPER.isdisjoint(tags) and "NNG" not in tags:
        return labels, marginals  # no sentence of the paragraph is taggable
    wanted = sorted(outside) if outside is not None else []  # each sentence reads its own slice (no scan of all)
    start = 0
    for end in _sentence_ends(tags):
        if start < end and _taggable(tokens, tags, start, end, table):
            items = features.encoded(tokens[start:end], table)
            with _lock:  # a Tagger holds one sequence at a time
                found = tagger.tag(items)
                labels[start:end] = found
                if outside is None:
                    marginals[start:end] = map(tagger.marginal, found, range(len(found)))
                else:
                    marginal = tagger.marginal
                    for i in compress(range(len(found)), map("O".__ne__, found)):
                        marginals[start + i] = marginal(found[i], i)
                    for i in wanted[bisect_left(wanted, start):bisect_left(wanted, end)]:
                        if found[i - start] == "O":
                            marginals[i] = marginal("O", i - start)
        start = end
    return labels, marginals


def _sentence_ends(tags: list[str]) -> list[int]:
    """Where each sentence ends: after every final punctuation mark (SF), and at the end."""
    ends, i = [], -1
    try:
        while True:
            i = tags.index("SF", i + 1)
            ends.append(i + 1)
    except ValueError:
        ends.append(len(tags))
    return ends


def spans(tokens: Sequence[Token], tagged: tuple[list[str], list[float]] | None = None) -> list[Span]:
    """The PS, OG and LC spans the model finds in one sequence of tokens: a label other than O starts one (an I-
    without its B- too), the next token's I- of the same type continues it."""
    labels, marginals = tagged or tag(tokens)
    found: list[Span] = []
    begin = last = -1
    for i in compress(range(len(labels)), map("O".__ne__, labels)):  # only the tokens of an entity
        label = labels[i]
        if begin >= 0 and (i != last + 1 or not (label.startswith("I-") and label[2:] == labels[begin][2:])):
            found.append(Span(labels[begin][2:], tokens[begin].start, tokens[last].end, begin, last,
                              min(marginals[begin:last + 1])))
            begin = -1
        if begin < 0:
            begin = i
        last = i
    if begin >= 0:
        found.append(Span(labels[begin][2:], tokens[begin].start, tokens[last].end, begin, last,
                          min(marginals[begin:last + 1])))
    return found
