"""The tagger's feature items: bytes, only the model's attributes, and the same labels and probabilities as the
training's plain string features."""

from __future__ import annotations

from pathlib import Path

import pycrfsuite
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract import segment
from extract.entities import features, model
from extract.segment import Token

BROADCAST = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "broadcast" / "gt"

SENTENCES = [
    [("도널드", "NNP"), ("트럼프", "NNP"), ("미국", "NNP"), ("대통령", "NNG"), ("은", "JX"), ("말", "NNG"),
     ("했", "XSV"), ("다", "EF"), (".", "SF")],
    [("한국전자통신", "NNP"), ("연구원", "NNG"), ("의", "JKG"), ("김철수", "NNP"), ("박사", "NNG"), ("는", "JX"),
     ("ABC", "SL"), ("에서", "JKB"), ("일하", "VV"), ("ㄴ다", "EF")],
    [("젤렌스키", "NNP"), ("가", "JKS"), ("왔", "VV"), ("다", "EF")],
]


def _tokens(words: list[tuple[str, str]], glued: int = 2) -> list[Token]:
    found, at = [], 0
    for i, (form, tag) in enumerate(words):
        found.append(Token(form, tag, at, at + len(form)))
        at += len(form) + (0 if i % glued else 1)  # some tokens glued to the one before, some after a space
    return found


def _plain(tagger: pycrfsuite.Tagger, tokens: list[Token]) -> tuple[list[str], list[float]]:
    labels = tagger.tag(features.sequence(tokens))
    return labels, [tagger.marginal(label, i) for i, label in enumerate(labels)]


def test_the_model_attributes_are_those_of_its_dump() -> None:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model.MODEL_PATH))
    known = model._attributes(tagger)
    assert known is not None
    assert known == {name.encode("utf-8") for name in tagger.info().attributes}


@pytest.mark.parametrize("words", SENTENCES)
def test_encoded_items_tag_as_the_plain_features(words: list[tuple[str, str]]) -> None:
    tokens = _tokens(words)
    tagger, table = model._tagger()
    encoded = features.encoded(tokens, table)
    plain = features.sequence(tokens)
    assert all(isinstance(f, bytes) for item in encoded for f in item)
    known = model._attributes(tagger)
    assert known is not None
    for item_encoded, item_plain in zip(encoded, plain, strict=True):  # the known ones, in the same order
        assert [f.decode() for f in item_encoded] == [f for f in item_plain if f.encode() in known]
    with model._lock:
        expected = _plain(tagger, tokens)
    assert model.tag(tokens) == expected


@pytest.mark.skipif(not BROADCAST.is_dir(), reason="the broadcast corpus (../shared/corpus/broadcast) is absent")
def test_real_paragraphs_tag_alike_with_every_feature_and_with_the_model_s_only() -> None:
    """On real news (a third of the broadcast pages' text), every sentence the model reads gets the same labels and
    the same probabilities, to the bit, from the tagger's filtered items as from the training's full strings, and
    the filter leaves out strings."""
    plain_tagger = pycrfsuite.Tagger()
    plain_tagger.open(str(model.MODEL_PATH))
    _, table = model._tagger()
    sentences = kept = given = 0
    for page in sorted(BROADCAST.glob("*.txt"))[::3]:
        for paragraph in segment.segment(page.read_text(encoding="utf-8")):
            tokens = paragraph.tokens
            labels, marginals = model.tag(tokens)
            start = 0
            for end in model._sentence_ends([t.tag for t in tokens]):
                sentence = tokens[start:end]
                if sentence and model.taggable(sentence):
                    assert (labels[start:end], marginals[start:end]) == _plain(plain_tagger, list(sentence))
                    sentences += 1
                    kept += sum(map(len, features.encoded(sentence, table)))
                    given += sum(map(len, features.sequence(sentence)))
                else:
                    assert labels[start:end] == ["O"] * (end - start) and marginals[start:end] == [1.0] * (end - start)
                start = end
    assert sentences > 100
    assert kept < given


def test_unknown_features_are_left_out_and_unsafe_names_kept() -> None:
    _, table = model._tagger()
    assert table.text("w=없는말이분명한형태소") == ()
    assert table.text("b") == (b"b",)
    assert table.text("w=줄\n바꿈") == ("w=줄\n바꿈".encode(),)  # crfsuite decides for a name the dump may garble


@pytest.mark.parametrize("form", ["트럼프", "줄\n바꿈", "널\0문자", "없는말이분명한형태소"])
def test_a_word_s_features_are_the_known_names_and_the_unsafe_ones(form: str) -> None:
    """A word's encoded features, built in one pass per word, are its training features filtered name by name."""
    tagger, table = model._tagger()
    known = model._attributes(tagger)
    assert known is not None

    def kept(names: list[str]) -> tuple[bytes, ...]:
        return tuple(n.encode() for n in names if n.encode() in known or not features.ALWAYS_KEPT.isdisjoint(n))

    table.pop((form, "NNP"), None)
    word = table[(form, "NNP")]
    plain = features._words[(form, "NNP")]  # the training's strings, every feature
    assert word.own == kept(list(plain.own))
    assert word.before == kept(list(plain.before))
    assert word.after_gap == (kept([*plain.after_gap[0]]), kept([*plain.after_gap[1]]))
    assert word.own_gap[1] == kept([*plain.own, "sp"]) and word.own_gap[0] == kept([*plain.own, "nosp"])
    assert (word.two_before, word.two_after) == (kept(list(plain.two_before)), kept(list(plain.two_after)))
    # a name with a newline or a NUL is always passed on (the model's dump may garble it)
    assert any(b"\n" in f or b"\0" in f for f in word.own) == (not features.ALWAYS_KEPT.isdisjoint(form))


@pytest.mark.skipif(not BROADCAST.is_dir(), reason="the broadcast corpus (../shared/corpus/broadcast) is absent")
def test_a_word_s_features_from_the_known_variants_are_those_filtered_name_by_name() -> None:
    """The tagger's table builds a word from one look-up per feature (the variants of it the model knows): the same
    features in the same order as filtering every name the word gives, on the words of real news."""
    _, table = model._tagger()
    words = {(t.form, t.tag) for page in sorted(BROADCAST.glob("*.txt"))[1::6]
             for paragraph in segment.segment(page.read_text(encoding="utf-8")) for t in paragraph.tokens}
    assert len(words) > 500
    for form, tag in words:
        table.pop((form, tag), None)
        assert table[(form, tag)] == table._word(form, tag, features._own(form, tag), True), (form, tag)


def test_a_dump_that_cannot_be_read_passes_every_feature() -> None:
    class Broken:
        def dump(self, name: str) -> None:
            with open(name, "wb") as out:
                out.write(b"FILEHEADER = {\n  num_attrs: 3\n}\n\nATTRIBUTES = {\n      0: b\n      2: w=x\n}\n")

    assert model._attributes(Broken()) is None


def test_each_token_reads_its_neighbours_and_the_sentence_s_edges() -> None:
    tokens = _tokens([("도널드", "NNP"), ("트럼프", "NNP"), ("대통령", "NNG")], glued=9)
    first, middle, last = features.sequence(tokens)
    own = len(features._words[("도널드", "NNP")].own)
    assert first[own:own + 2] == ["sp", "BOS"]  # the space before the first token, then the sentence's start
    assert "EOS" not in first and "+1w=트럼프" in first and "+2w=대통령" in first and "+1sp" in first
    assert "-1w=도널드" in middle and "+1w=대통령" in middle and "-1t+t=NNP+NNP" in middle
    assert "-2w=도널드" in last and "EOS" in last and "BOS" not in last and not any(f.startswith("+1") for f in last)
    assert "titleahead2" in first and "titleahead1" in middle  # the title two and one tokens ahead
    assert features.sequence([]) == []
    assert features.sequence(tokens[:1])[0][own:] == ["sp", "BOS", "EOS"]


_VOCABULARY = [("트럼프", "NNP"), ("미국", "NNP"), ("대통령", "NNG"), ("은", "JX"), ("한국전자통신", "NNP"),
               ("연구원", "NNG"), ("공사", "NNG"), ("말", "NNG"), ("하", "XSV"), (".", "SF"), ("ABC", "SL"),
               ("장관", "NNG"), ("위원회", "NNG"), ("의", "JKG")]


def _ahead_by_scan(words: list[tuple[str, str]], i: int) -> str | None:
    """The look-ahead feature as defined: the first of the next four tokens with a role decides."""
    for k in range(i + 1, min(len(words), i + 5)):
        role = features._role(*words[k])
        if role == "stop":
            return None
        if role == "title":
            return f"titleahead{min(k - i, 3)}"
        if role == "org":
            return "orgahead"
    return None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_VOCABULARY), max_size=14))
def test_a_noun_looks_ahead_to_the_first_token_with_a_role(words: list[tuple[str, str]]) -> None:
    items = features.sequence(_tokens(words))
    for i, ((_, tag), item) in enumerate(zip(words, items, strict=True)):
        ahead = [f for f in item if f.startswith(("titleahead", "orgahead"))]
        expected = _ahead_by_scan(words, i) if tag in ("NNP", "SL", "SH", "NNG") else None
        assert ahead == ([expected] if expected else [])
        assert not ahead or item[-1] == expected  # the last feature of the token
