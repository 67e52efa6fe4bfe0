"""Turning the bytes of a scraped file into text, or saying why not.

Scrapers hand us UTF-8 most of the time, sometimes with a BOM, and now and
then cp1252/latin-1 from an old CMS. Those legacy encodings are decoded
(charset-normalizer picks the codec); bytes that only decode into garbage are
refused rather than stored as mojibake.

A file that is UTF-8 (it holds valid multi-byte sequences) but has a few
stray bytes, as a scraper that cut a character in two writes, stays UTF-8:
each stray byte becomes U+FFFD (the replacement character) and the rest is
kept as written, instead of re-decoding the whole file as cp1252. A file
with a UTF-16 or UTF-32 byte-order mark is decoded as such (or refused as
`encoding`); any other NUL byte, anywhere in the file, means `binary`.
"""

from __future__ import annotations

import codecs
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


#: Byte-order marks of the wide Unicode encodings (UTF-32 first: its
#: little-endian mark starts with UTF-16's).
WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
             (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
#: At most this share of a UTF-8 file's bytes may be stray (replaced by U+FFFD).
MAX_STRAY_SHARE = 0.001
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode(data: bytes) -> str:
    """Decode file bytes to text with `\\n` line ends and no BOM."""
    wide = next((codec for bom, codec in WIDE_BOMS if data.startswith(bom)), None)
    if wide:
        try:
            text = data.decode(wide)  # the codec reads and drops the mark
        except UnicodeDecodeError as exc:
            raise DecodeError("encoding", f"starts with a {wide.upper()} byte-order mark but is not {wide.upper()}: "
                                          f"{exc.reason} at byte {exc.start}") from None
        text = text.lstrip("\ufeff")
    elif b"\x00" in data:
        raise DecodeError("binary", f"contains NUL bytes (the first at byte {data.index(0):,}): binary data, not text")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            text = _utf8_with_strays(data) or _decode_legacy(data, exc)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = len(_CONTROL.findall(text))
    if controls > max(4, len(text) // 100):
        raise DecodeError("binary", f"{controls} control characters: binary data or a broken encoding")
    # A few stray control characters are scraper debris: drop them, so they
    # never reach the stored text that offsets point into.
    return _CONTROL.sub("", text) if controls else text


def _utf8_with_strays(data: bytes) -> str | None:
    """UTF-8 with its few stray bytes replaced by U+FFFD, if the file is UTF-8."""
    if not _UTF8_MULTIBYTE.search(data):
        return None  # no character is written as UTF-8: a legacy encoding
    text = data.decode("utf-8-sig", errors="replace")
    strays = text.count("\ufffd") - data.count("\ufffd".encode())
    if strays > max(1, len(data) * MAX_STRAY_SHARE):
        return None
    return text


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
