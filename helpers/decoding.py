"""One file's bytes -> text: the decoding step of :func:`helpers.corpus.load_corpus`.

:func:`article_bytes` looks at an article file's bytes before decoding: binary files are
refused (many NUL bytes or control characters), a few stray NUL bytes are removed (with a note),
UTF-16 saved without a byte-order mark is recognised by its NUL byte every second byte.
:func:`decode` then reads UTF-8 (with or without BOM) or UTF-16 with a BOM; a file that is
mostly UTF-8 with a few broken bytes keeps its UTF-8 and replaces those bytes; otherwise cp1252,
then latin-1. Every fallback comes with a note for the article's ``warnings``. metadata.csv
(:mod:`helpers.metadata`) and :mod:`helpers.intake` read their text through :func:`decode` too.
"""
from __future__ import annotations

_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))
_BOM16 = (b"\xff\xfe", b"\xfe\xff")


def looks_binary(raw: bytes) -> bool:
    """True when the first 64 KiB hold a NUL byte or more than 5 % control characters."""
    sample = raw[:65536]
    if b"\x00" in sample:
        return True
    controls = sum(sample.count(bytes([b])) for b in _CONTROL_BYTES)
    return controls > 0.05 * len(sample)


def _utf16_without_bom(raw: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when ``raw`` reads as UTF-16 saved without a byte-order mark
    (Latin text: a NUL in every second byte), else None."""
    sample = raw[:65536]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    z_even, z_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    codec = ("utf-16-le" if z_odd > 0.3 and z_even < 0.05 else
             "utf-16-be" if z_even > 0.3 and z_odd < 0.05 else None)
    if codec is None:
        return None
    try:
        raw[: len(raw) // 2 * 2].decode(codec)
    except UnicodeDecodeError:
        return None
    return codec


def article_bytes(raw: bytes) -> tuple[str | None, bytes, list[str]]:
    """(skip reason or None, bytes to decode, notes) for an article file's bytes: binary files
    are refused, a few stray NUL bytes removed, UTF-16 without BOM recognised."""
    if raw.startswith(_BOM16):
        return None, raw, []
    codec = _utf16_without_bom(raw)
    if codec is not None:
        text = raw[: len(raw) // 2 * 2].decode(codec)
        return None, text.encode("utf-8"), [
            f"decoded as UTF-16 ({'little' if codec.endswith('le') else 'big'}-endian) without a "
            "byte-order mark, not UTF-8; save it as UTF-8 to be sure"]
    nul = raw.count(0)
    if nul > max(8, len(raw) // 200) or looks_binary(raw.replace(b"\x00", b"")):
        return "looks binary", raw, []
    if nul:
        return None, raw.replace(b"\x00", b""), [
            f"{nul} NUL byte(s) removed (first at byte {raw.index(0)}): a text file has none"]
    return None, raw, []


def decode(raw: bytes) -> tuple[str, list[str]]:
    """Bytes -> (text, warnings). Never raises for any input (binary is checked before)."""
    if raw.startswith(_BOM16):
        try:
            return raw.decode("utf-16"), ["decoded as UTF-16, not UTF-8"]
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    text = raw.decode("utf-8-sig", errors="replace")
    n_bad = text.count("\ufffd")
    n_multibyte = sum(1 for ch in text if ord(ch) > 127) - n_bad
    if n_multibyte > n_bad:  # real UTF-8 with a few damaged bytes: keep it
        return text, [f"not valid UTF-8 at byte {first_bad}: {n_bad} undecodable byte(s) "
                      "replaced with U+FFFD"]
    try:
        return raw.decode("cp1252"), ["decoded as cp1252, not UTF-8"]
    except UnicodeDecodeError:
        return raw.decode("latin-1"), ["decoded as latin-1, not UTF-8"]
