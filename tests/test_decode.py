"""Decoding: BOMs, CP949 (with a wrong declared charset), UTF-16, binary input."""

from __future__ import annotations

import codecs

import pytest

from extract.decode import DecodeError, decode

TEXT = "서울시는 3,659억 원을 투자했다.\n둘째 줄"


@pytest.mark.parametrize(("data", "encoding"), [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("cp949"), "cp949"),
    (TEXT.encode("euc-kr"), "cp949"),
    (TEXT.encode("utf-16"), "utf-16"),
    (TEXT.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
])
def test_encodings(data: bytes, encoding: str) -> None:
    text, used = decode(data)
    assert text == TEXT
    assert used == encoding


def test_wrong_declared_charset_is_not_trusted() -> None:
    page = '<html><head><meta charset="utf-8"></head><body>광주시가 협약을 맺었다.</body></html>'
    text, used = decode(page.encode("cp949"), html=True)
    assert "광주시가" in text and used == "cp949"


def test_declared_euc_kr() -> None:
    page = '<meta http-equiv="Content-Type" content="text/html; charset=euc-kr"><p>똠방각하</p>'
    text, used = decode(page.encode("cp949"), html=True)
    assert "똠방각하" in text and used == "cp949"


def test_nfc() -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "한국")
    text, _ = decode(decomposed.encode("utf-8"))
    assert text == "한국"


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(256)) * 4])
def test_binary_is_an_error(data: bytes) -> None:
    with pytest.raises(DecodeError):
        decode(data)
