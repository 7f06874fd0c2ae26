"""Stage 2, decode: input bytes to NFC text, with the encoding that was used.

Order of trust: a byte-order mark; strict UTF-8; for HTML, the declared charset
if it decodes strictly (a declared charset can be wrong, so it is never taken
on trust); strict CP949 (a superset of EUC-KR, the usual legacy Korean
encoding); and last charset-normalizer's best guess. Binary input, or input
that no candidate decodes cleanly, is a `DecodeError` that names the cause.
"""

from __future__ import annotations

import codecs
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
# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
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


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:20000]
    return bool(sample) and len(_CONTROL.findall(sample)) / len(sample) > 0.01


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
    if text is None:
        if b"\x00" in data[:8192]:
            raise DecodeError("binary data (NUL bytes), not a text or HTML page")
        candidates = ["utf-8"]
        if html and (declared := _declared_charset(data)) and declared not in candidates:
            candidates.append(declared)
        candidates.append("cp949")
        for name in candidates:
            text = _strict(data, name)
            if text is not None:
                encoding = name
                break
    if text is None:
        text, encoding = _guess(data)
    if text.startswith("\ufeff"):
        text = text[1:]
    if _looks_binary(text):
        raise DecodeError(f"binary data (control characters after decoding as {encoding})")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text), encoding


def _guess(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.2:
        raise DecodeError("undecodable: not UTF-8, UTF-16, CP949/EUC-KR or any encoding detected with confidence")
    return str(best), codecs.lookup(best.encoding).name
