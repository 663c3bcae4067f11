"""Decode and check raw input before it becomes an Article."""

from __future__ import annotations

import codecs

from dateline.errors import BinaryInputError, EmptyInputError, EncodingError, TooLargeError

# File signatures of common binary formats people feed by mistake.
_MAGIC = {
    b"%PDF": "a PDF file", b"PK\x03\x04": "a ZIP archive (or .docx/.xlsx)", b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image", b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable", b"SQLite format 3": "an SQLite database",
}


def decode_text(data: bytes, *, max_bytes: int, name: str = "input") -> str:
    """Decode UTF-8 (or UTF-16 with a BOM) bytes, refusing binary, oversized or empty input."""
    if len(data) > max_bytes:
        raise TooLargeError(f"{name} is {len(data):,} bytes; the limit is {max_bytes:,} "
                            "(setting max_bytes). Split the file or raise the limit.")
    if not data.strip():
        raise EmptyInputError(f"{name} is empty: give an article with some text.")
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise BinaryInputError(f"{name} is {kind}, not text. Give plain text, HTML or JSON.")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data, "utf-16", name)
    if b"\x00" in data[:4096]:
        raise BinaryInputError(f"{name} holds binary data (NUL bytes), not text. "
                               "Give plain text, HTML or JSON.")
    return _decode(data, "utf-8-sig", name)


def _decode(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise EncodingError(f"{name} is not valid {encoding.upper().replace('-SIG', '')} (byte "
                            f"0x{data[exc.start]:02x} at offset {exc.start}). Convert it to UTF-8 "
                            "first, e.g. iconv -f latin1 -t utf-8.") from None


def check_text(text: str, *, max_chars: int, name: str = "input") -> str:
    """Normalize line ends and refuse empty, binary-looking or oversized text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise EmptyInputError(f"{name} is empty: give an article with some text.")
    if len(text) > max_chars:
        raise TooLargeError(f"{name} has {len(text):,} characters; the limit is {max_chars:,} "
                            "(setting max_chars). Split it or raise the limit.")
    controls = sum(1 for c in text[:20_000] if ord(c) < 32 and c not in "\n\t\f\v")
    if "\x00" in text or controls > max(3, len(text[:20_000]) // 100):
        raise BinaryInputError(f"{name} holds binary data (control characters), not text.")
    return text


def displayable(text: str) -> str:
    """Return ``text`` safe to print and store: undecodable bytes and lone surrogates escaped.

    File names that are not UTF-8 arrive as lone surrogates (Python's surrogateescape), and so
    do lone ``\\uD800`` escapes in JSON; neither can be written as UTF-8.
    """
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def refuse_surrogates(name: str, **fields: object) -> None:
    """Refuse a text or metadata string holding a lone surrogate (from a JSON \\u escape)."""
    for field, value in fields.items():
        if not isinstance(value, str):
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise EncodingError(f"{name}: the {field} holds {value[exc.start]!r} at character "
                                f"{exc.start}, half of a UTF-16 surrogate pair (a lone \\u "
                                "escape in JSON), which is no character. Fix or remove the "
                                "escape.") from None
