"""Reading an input: bytes to text, refusing what is not text.

UTF-8 (with or without a BOM) is read as it is; anything else is decoded with
the encoding `charset-normalizer` finds, and the caller is told which.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..fields import CONTROL

_BINARY_BYTES = bytes(range(0, 9)) + bytes(range(14, 32))
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff")  # UTF-16 and UTF-32 text is full of NUL bytes
# Recaps are written in western European languages: guessing among these keeps
# charset-normalizer from reading a short cp1252 text as, say, Arabic cp1006.
ENCODINGS = ["utf_8", "cp1252", "iso8859_15", "latin_1", "utf_16", "utf_32"]


class Refused(Exception):
    """An input that cannot be ingested; the message says why."""


@dataclass(frozen=True)
class SourceText:
    text: str  # newline line ends, no BOM, no control characters
    encoding: str  # "utf-8" or the encoding assumed
    notes: tuple[str, ...] = ()  # what a person should know about the reading


def read_text(raw: bytes) -> SourceText:
    """Decode one input, or raise Refused.

    >>> read_text("Caffè\\r\\n".encode("cp1252"))
    SourceText(text='Caffè\\n', encoding='cp1252', notes=("not UTF-8: read as cp1252 (charset-normalizer's guess); check accented letters",))
    """
    if not raw.strip(b" \t\r\n\xef\xbb\xbf"):
        raise Refused("empty: there is no text to ingest")
    wide = raw.startswith(_WIDE_BOMS)
    head = raw[:4096]
    if not wide and (b"\x00" in head or sum(byte in _BINARY_BYTES for byte in head) > len(head) // 100 + 1):
        raise Refused("binary data, not text: give a plain-text recap (.txt)")
    notes = []
    try:
        text, encoding = raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = _guess(raw)
        notes.append(f"not UTF-8: read as {encoding} (charset-normalizer's guess); check accented letters")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    if CONTROL.search(text):
        notes.append("control characters removed")
        text = CONTROL.sub("", text)
    if not text.strip():
        raise Refused("empty: there is no text to ingest")
    return SourceText(text, encoding, tuple(notes))


def _guess(raw: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(raw, cp_isolation=ENCODINGS).best()
    if best is None:
        raise Refused("not text in any encoding charset-normalizer knows: save it as UTF-8")
    return str(best), best.encoding
