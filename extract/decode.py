"""Stage 2, decode: input bytes to NFC text, with the encoding that was used.

Order of trust: a byte-order mark; UTF-16 without a mark (recognised by its
NUL bytes, which fall on every other byte of ASCII characters); strict UTF-8;
for HTML, the declared charset if it decodes strictly (a declared charset can
be wrong, so it is never taken on trust); strict CP949 (a superset of EUC-KR,
the usual legacy Korean encoding); and last charset-normalizer's best guess.
A declared single-byte charset (Latin-1, Windows-1252, the other ISO 8859
parts …) decodes any bytes, so it is tried only after CP949: Korean pages
declare it by mistake. Binary input, or input that no candidate decodes
cleanly, is a `DecodeError` that names the cause.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import regex

from extract.errors import InputError


class DecodeError(InputError):
    """The bytes are not text in any encoding this tool accepts."""


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = regex.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", regex.I)
# Control characters other than tab, newline, carriage return and form feed (the standard library's engine:
# three times as fast as `regex` on this one scan of a class of listed characters, with the same matches).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0b, *range(0x0e, 0x20), 0x7f])
# Encodings in which those characters are those bytes and no other bytes (multi-byte sequences use bytes from 0x41 or
# 0x80 up): bytes without them decode to text without them.
_CONTROL_AS_BYTES = frozenset({"utf-8", "utf-8-sig", "cp949"})
_ALIASES = {"euc-kr": "cp949", "euckr": "cp949", "ks_c_5601-1987": "cp949", "x-windows-949": "cp949",
            "ks_c_5601": "cp949", "ksc5601": "cp949", "uhc": "cp949"}


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii").lower()
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _single_byte(encoding: str) -> bool:
    """True for a charset that maps every byte to a character (so any bytes decode)."""
    try:
        return len(bytes(range(256)).decode(encoding, errors="ignore")) >= 250
    except LookupError:
        return False


_HANGUL = regex.compile(r"[가-힣]")


def _korean(text: str) -> bool:
    """Most non-ASCII characters are Hangul syllables."""
    wide = sum(1 for char in text if ord(char) > 0x7F)
    return wide > 0 and len(_HANGUL.findall(text)) >= wide / 2


def _utf16_without_bom(data: bytes) -> str | None:
    """The UTF-16 (LE or BE) name when NUL bytes fall on one parity, as ASCII characters put them."""
    sample = data[:8192]
    if len(sample) < 4:
        return None
    sample = sample[: len(sample) // 2 * 2]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    pairs = len(sample) // 2
    if odd >= pairs * 0.05 and even <= odd * 0.2:
        return "utf-16-le"
    if even >= pairs * 0.05 and odd <= even * 0.2:
        return "utf-16-be"
    return None


SAMPLE = 20000  # the characters whose control characters are counted


def _may_hold_control(data: bytes, encoding: str) -> bool:
    """False when the text decoded strictly from `data` holds no control character: told from the bytes, which is
    quicker than a search of the text, where the encoding writes each control character as its own byte."""
    return encoding not in _CONTROL_AS_BYTES or len(data.translate(None, _CONTROL_BYTES)) != len(data)


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    size = min(len(text), SAMPLE)  # (the pattern counts in the first characters in place: no copy of them)
    return bool(size) and len(_CONTROL.findall(text, 0, size)) / size > 0.01


def decode(data: bytes, *, html: bool = False) -> tuple[str, str]:
    """Return (NFC text with \\n line ends, encoding name) or raise DecodeError."""
    text: str | None = None
    encoding = ""
    for bom, name in _BOMS:
        if data.startswith(bom):
            text = _strict(data, name)
            if text is None:
                raise DecodeError(f"starts with a {name} byte-order mark but is not valid {name}")
            encoding = name
            break
    if text is None and b"\x00" in data[:8192]:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise DecodeError("binary data (NUL bytes), not a text or HTML page")
        text = _strict(data, utf16)
        if text is None:
            raise DecodeError(f"looks like {utf16.upper()} without a byte-order mark, but is not valid {utf16.upper()}")
        encoding = utf16
    if text is None:
        candidates = ["utf-8"]
        declared = _declared_charset(data) if html else None
        if declared and declared not in candidates and not _single_byte(declared):
            candidates.append(declared)
        candidates.append("cp949")
        if declared and declared not in candidates:
            candidates.append(declared)
        for name in candidates:
            text = _strict(data, name)
            if text is not None and name == "cp949" and declared and _single_byte(declared) and not _korean(text):
                text = None  # CP949 decodes these bytes, but not as Korean: the declared charset is right
            if text is not None:
                encoding = name
                break
    guessed = text is None
    if text is None:
        text, encoding = _guess(data)
    if text.startswith("\ufeff"):
        text = text[1:]
    if (guessed or _may_hold_control(data, encoding)) and _looks_binary(text):
        raise DecodeError(f"binary data (control characters after decoding as {encoding})")
    if "\r" in text:  # (most pages have none: one scan for them, no copies)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text), encoding


def _guess(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.2:
        raise DecodeError("undecodable: not UTF-8, UTF-16, CP949/EUC-KR or any encoding detected with confidence")
    return str(best), codecs.lookup(best.encoding).name
