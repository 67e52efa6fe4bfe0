"""Turning the bytes of a scraped file into text, or saying why not.

Scrapers hand us UTF-8 most of the time, sometimes with a BOM, and now and
then cp1252/latin-1 from an old CMS. Those legacy encodings are decoded
(charset-normalizer picks the codec); bytes that only decode into garbage are
refused rather than stored as mojibake.
"""

from __future__ import annotations

import re

from charset_normalizer import from_bytes

#: Codecs we accept from detection: the legacy encodings Indonesian news sites
#: actually used. Anything more exotic on a short text is a detector's guess.
SAFE_LEGACY_CODECS = {
    "cp1252", "windows-1252", "latin_1", "iso-8859-1", "iso8859_1", "iso8859_15",
    "iso-8859-15", "cp1250", "windows-1250", "ascii",
}

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class DecodeError(ValueError):
    """Raised with a reject reason code (`binary`, `encoding`) and a message."""

    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


def decode(data: bytes) -> str:
    """Decode file bytes to text with `\\n` line ends and no BOM."""
    if b"\x00" in data[:8192]:
        raise DecodeError("binary", "contains NUL bytes: binary data, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = _decode_legacy(data, exc)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = len(_CONTROL.findall(text))
    if controls > max(4, len(text) // 100):
        raise DecodeError("binary", f"{controls} control characters: binary data or a broken encoding")
    # A few stray control characters are scraper debris: drop them, so they
    # never reach the stored text that offsets point into.
    return _CONTROL.sub("", text) if controls else text


def _decode_legacy(data: bytes, utf8_error: UnicodeDecodeError) -> str:
    where = f"invalid UTF-8 at byte {utf8_error.start}"
    try:
        # cp1252 first: it is what Indonesian CMSs wrote, and a detector
        # guessing from a few accented letters confuses it with cp1250
        # (Gusmão would come out as Gusmăo).
        return _plausible(data.decode("cp1252"), "cp1252", where)
    except UnicodeDecodeError:
        pass  # bytes cp1252 leaves undefined: let the detector look
    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("encoding", f"{where}, and no text encoding fits the bytes")
    codec = best.encoding.lower().replace("_", "-")
    if codec not in {c.replace("_", "-") for c in SAFE_LEGACY_CODECS}:
        raise DecodeError("encoding", f"{where}; the bytes look like {best.encoding}, which is not a safe guess")
    return _plausible(str(best), best.encoding, where)


def _plausible(text: str, codec: str, where: str) -> str:
    """Legacy-decoded text is accepted only if it reads like text, not mojibake."""
    non_ascii = sum(1 for ch in text if ord(ch) > 127)
    if non_ascii > max(8, len(text) // 20):
        raise DecodeError(
            "encoding",
            f"{where}; decoding as {codec} gives {non_ascii} non-ASCII characters, which looks like mojibake",
        )
    return text
