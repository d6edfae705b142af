"""Text handling with Indonesian specifics: normalisation, sentences, quotation spans.

``normalise`` is applied once, when the corpus is loaded; every character offset in every
table is an offset into the normalised text (``articles.text``).
"""
from __future__ import annotations

import re
import unicodedata

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")


def normalise(raw: str) -> str:
    """NFC, LF line endings, no BOM/zero-width characters, plain spaces, stripped line ends.

    Quotation marks and dashes are kept as they are (they carry meaning for speech
    detection); only invisible or layout characters change.
    """
    text = unicodedata.normalize("NFC", raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH.sub("", text)
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return text.strip("\n")
