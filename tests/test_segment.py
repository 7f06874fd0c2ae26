"""Long paragraphs reach Kiwi in pieces, and token offsets stay exact."""

from __future__ import annotations

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
