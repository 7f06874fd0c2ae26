"""Long paragraphs reach Kiwi in pieces, and token offsets stay exact."""

from __future__ import annotations

import pytest

from extract import segment


def test_pieces_join_back_and_are_short() -> None:
    text = ("서울시는 3,000억 원을 편성했다고 밝혔다. " * 300) + "가" * 5000
    found = segment.pieces(text)
    assert "".join(piece for piece, _ in found) == text
    assert all(len(piece) <= segment.PIECE for piece, _ in found)
    assert all(text[start:start + len(piece)] == piece for piece, start in found)
    # Cut after a sentence end where there is one.
    assert found[0][0].endswith("밝혔다. ")


def test_long_paragraph_is_given_to_kiwi_in_pieces(monkeypatch) -> None:
    sizes = []
    real = segment.kiwi.tokenize

    def spy(items):
        sizes.extend(len(item) for item in items)
        return real(items)

    monkeypatch.setattr(segment.kiwi, "tokenize", spy)
    body = "짧은 문단이다.\n\n" + "광주시는 기업 20곳과 협약을 맺었다고 30일 밝혔다. " * 400
    paragraphs = segment.segment(body)
    assert max(sizes) <= segment.PIECE and len(sizes) > 2
    assert len(paragraphs) == 2
    for paragraph in paragraphs:
        assert paragraph.tokens
        for token in paragraph.tokens:
            assert paragraph.start <= token.start < token.end <= paragraph.start + len(paragraph.text)
    forms = [t for t in paragraphs[1].tokens if t.form == "광주시"]
    assert len(forms) == 400 and all(body[t.start:t.end] == "광주시" for t in forms)


class _Made:
    """A stand-in for a Kiwi token: one per space-separated word of an item, with item offsets."""

    def __init__(self, form: str, start: int) -> None:
        self.form, self.tag, self.start, self.end = form, "NNG", start, start + len(form)


def _words(items: list[str]) -> list[list[_Made]]:
    found = []
    for item in items:
        made, at = [], 0
        for word in item.split(" "):
            if word:
                made.append(_Made(word, at))
            at += len(word) + 1
        found.append(made)
    return found


def test_tokens_take_body_offsets_from_each_paragraph_and_piece() -> None:
    long = "긴 문단의 문장이다. " * 300
    body = "첫 문단이다.\n\n\n\n둘째 문단이다.\n\n" + long.strip() + "\n\n끝 문단"
    given: list[list[str]] = []

    def source(items: list[str]) -> list[list[_Made]]:
        given.append(items)
        return _words(items)

    paragraphs = segment.segment(body, source=source)
    assert given == [segment.items(body)] and len(given[0]) > 4  # the long paragraph in pieces
    assert [p.text for p in paragraphs] == [p for p in body.split("\n\n") if p]
    for paragraph in paragraphs:
        assert [t.form for t in paragraph.tokens] == paragraph.text.split()
        assert all(body[t.start:t.end] == t.form for t in paragraph.tokens)
        assert all(type(t) is segment.Token for t in paragraph.tokens)


def test_a_source_with_too_few_token_lists_is_an_error() -> None:
    body = "첫 문단이다.\n\n둘째 문단이다."
    with pytest.raises(ValueError, match="1 token lists for 2 items"):
        segment.segment(body, source=lambda items: _words(items)[:1])
    assert [p.tokens for p in segment.segment(body, tokenize=False)] == [(), ()]
