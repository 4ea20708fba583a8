"""Which encoding an input is in: byte-order marks, UTF-8, then charset-normalizer for legacy files.

Arabic sites still serve Windows-1256 (which also has the Persian letters پ چ ژ گ) and ISO-8859-6;
Windows tools save UTF-16, sometimes without a byte-order mark. ``detect_encoding`` accepts those,
plus Windows-1251/KOI8-R for Tajik and Russian text, and refuses to guess otherwise: a file whose
best guess is another encoding, or that two accepted encodings read differently and equally well,
gets a one-line error that suggests ``--encoding``, never silent mojibake.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from translate.errors import InputError

# BOMs, longest first (the UTF-32-LE BOM starts with the UTF-16-LE one).
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Legacy encodings guessed without being asked for (charset-normalizer names -> ours).
GUESSABLE: dict[str, str] = {
    "cp1256": "cp1256",
    "iso8859_6": "iso8859-6",
    "utf_16_le": "utf-16-le",
    "utf_16_be": "utf-16-be",
    "cp1251": "cp1251",
    "koi8_r": "koi8-r",
}
_SAMPLE_BYTES = 200_000
_MAX_CHAOS = 0.1  # charset-normalizer's "mess" ratio above which a reading is garbage


@dataclass(frozen=True)
class Decoded:
    """Decoded text (BOM removed, line endings kept) and the encoding it was read with."""

    text: str
    encoding: str  # codec name: "utf-8", "utf-8-sig" (with BOM), "cp1256", "iso8859-6", "utf-16-le"...


def decode_bytes(data: bytes, where: str, encoding: str | None = None) -> Decoded:
    """Decode ``data``: with ``encoding`` when given, else by BOM, UTF-8 or a confident guess."""
    if encoding:
        return Decoded(_decode(data, _codec(encoding, where), where, forced=True), _codec(encoding, where))
    for bom, name in BOMS:
        if data.startswith(bom):
            return Decoded(_decode(data[len(bom) :], name.removesuffix("-sig"), where), name)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    return Decoded(_decode(data, guess := guess_encoding(data, where), where), guess)


def guess_encoding(data: bytes, where: str) -> str:
    """The legacy encoding of ``data`` (not UTF-8, no BOM), or an ``InputError`` when unsure."""
    from charset_normalizer import from_bytes  # a few ms to import; only legacy files need it

    sample = _whole_characters(data[:_SAMPLE_BYTES])
    matches = [m for m in from_bytes(sample) if m.chaos <= _MAX_CHAOS]
    hint = "pass --encoding (e.g. --encoding cp1256) or save the file as UTF-8"
    if not matches:
        if b"\x00" in data:
            raise InputError(where, "binary data (NUL bytes), not a text file")
        raise InputError(where, f"cannot tell the text encoding; {hint}")
    best = matches[0]
    if best.encoding not in GUESSABLE:
        raise InputError(
            where, f"not UTF-8, and the encoding looks like {best.encoding} (unsure, not guessed); {hint}"
        )
    rivals = [
        m for m in matches[1:] if m.encoding in GUESSABLE and m.chaos <= best.chaos and str(m) != str(best)
    ]
    if rivals:
        raise InputError(
            where,
            f"the encoding could be {GUESSABLE[best.encoding]} or {GUESSABLE[rivals[0].encoding]}; {hint}",
        )
    return GUESSABLE[best.encoding]


def _whole_characters(sample: bytes) -> bytes:
    """``sample`` cut at an even length, so a UTF-16 reading does not end in half a character."""
    return sample[: len(sample) - len(sample) % 2]


def _codec(name: str, where: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise InputError(where, f"unknown encoding {name!r} (--encoding)") from None


def _decode(data: bytes, encoding: str, where: str, *, forced: bool = False) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        advice = "check --encoding" if forced else "pass --encoding or save the file as UTF-8"
        raise InputError(
            where, f"not valid {encoding} (byte 0x{data[err.start]:02x} at offset {err.start}); {advice}"
        ) from None
