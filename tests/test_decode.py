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


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(encoding: str) -> None:
    text, used = decode(TEXT.encode(encoding))
    assert (text, used) == (TEXT, encoding)


@pytest.mark.parametrize("declared", ["iso-8859-1", "latin1", "windows-1252"])
def test_declared_single_byte_charset_on_a_cp949_page(declared: str) -> None:
    page = f'<html><head><meta charset="{declared}"></head><body>광주시가 협약을 맺었다.</body></html>'
    text, used = decode(page.encode("cp949"), html=True)
    assert used == "cp949" and "광주시가 협약을" in text
    text, used = decode(page.encode("utf-8"), html=True)
    assert used == "utf-8" and "광주시가 협약을" in text


def test_a_real_latin1_page_keeps_its_charset() -> None:
    page = '<html><head><meta charset="iso-8859-1"></head><body>écoute àla française</body></html>'
    text, used = decode(page.encode("latin-1"), html=True)
    assert used == "iso8859-1" and "écoute àla" in text


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp949"])
def test_control_characters_told_from_the_bytes_as_from_the_text(encoding: str) -> None:
    from extract import decode as stage

    texts = [TEXT, TEXT + "\x00", TEXT + "\x07", "\x1f" * 3 + TEXT * 40, "가\x7f나", TEXT + "\x1b[0m", "\t\n\x0c" + TEXT]
    for text in texts:
        data = text.encode(encoding)
        decoded = data.decode(encoding)
        assert stage._may_hold_control(data, encoding) == bool(stage._CONTROL.search(decoded))
    assert stage._may_hold_control(TEXT.encode("utf-16"), "utf-16")  # (not told from the bytes: searched)
    for text in texts[1:3]:  # binary by its control characters, as before
        with pytest.raises(DecodeError):
            decode((text * 2 + "\x00").encode(encoding))
