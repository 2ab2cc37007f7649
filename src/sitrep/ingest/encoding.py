"""Bytes to text: BOMs, encoding detection (charset-normalizer), newline normalisation."""

from __future__ import annotations

import codecs
import logging
import re

from charset_normalizer import from_bytes

from sitrep.ingest.errors import InputError

log = logging.getLogger(__name__)

# BOMs are checked longest first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I
)
# Control characters other than tab, newline and carriage return: a few are noise,
# many mean the bytes are not text at all.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SNIFF_BYTES = 8192
# When charset-normalizer finds several encodings equally plausible (short texts: "fermé à la
# grève" reads cleanly in cp1250, cp1252 and cp1257 alike), prefer the most widespread ones.
_PREFERRED = (
    "utf_8",
    "cp1252",
    "latin_1",
    "cp1251",
    "koi8_r",
    "gb18030",
    "big5",
    "shift_jis",
    "euc_jp",
    "euc_kr",
    "cp1250",
    "iso8859_2",
    "cp1256",
    "cp1253",
    "cp1254",
    "cp1255",
)


def normalize_newlines(text: str) -> str:
    """Turn ``\\r\\n``, ``\\r`` and Unicode line/paragraph separators into ``\\n``; drop a BOM."""
    return _NEWLINES.sub("\n", text.removeprefix("\ufeff"))


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text: NUL bytes (outside a UTF-16/32 BOM) or many controls."""
    head = data[:_SNIFF_BYTES]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte < 9 or 13 < byte < 32)
    return len(head) > 0 and controls / len(head) > 0.05


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag, if Python knows it."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(data: bytes, *, html: bool = False) -> str:
    """Decode ``data`` to text with ``\\n`` newlines.

    Order: a BOM; strict UTF-8 (almost never wrong when it succeeds); for HTML the charset the
    page declares; else charset-normalizer's best guess.

    Raises:
        InputError: the bytes are binary, or no encoding fits them.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return normalize_newlines(data[len(bom) :].decode(encoding))
            except UnicodeDecodeError as exc:
                raise InputError(f"invalid {encoding} text after its byte-order mark") from exc
    if looks_binary(data):
        raise InputError("binary file, not text")
    try:
        return normalize_newlines(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    if html:
        charset = declared_charset(data)
        if charset:
            try:
                return normalize_newlines(data.decode(charset))
            except UnicodeDecodeError:
                log.debug("declared charset %s does not fit; detecting", charset)
    results = list(from_bytes(data))
    if not results:
        raise InputError("could not detect the text encoding")
    best = min(
        results,
        key=lambda match: (
            round(match.chaos, 2),
            -round(match.coherence, 2),
            _PREFERRED.index(match.encoding) if match.encoding in _PREFERRED else len(_PREFERRED),
        ),
    )
    log.debug("detected encoding %s", best.encoding)
    text = str(best)
    if len(_CONTROL.findall(text[:_SNIFF_BYTES])) > 0.05 * min(len(text), _SNIFF_BYTES):
        raise InputError("binary file, not text")
    return normalize_newlines(text)
