"""The outlet or channel a statement or figure is quoted from (``cited_source``).

"dikutip Al Jazeera", "kepada CNN", "di platform media sosial X", "dikutip oleh Channel News
Asia (CNA)" -> "Channel News Asia"; "told Reuters" -> "Reuters". The cue phrases are the
lexicon's ``CITED_CUES``; the name is the run of capitalised words after them.
"""
from __future__ import annotations

import pandas as pd

from helpers import lexicon
from helpers.patterns import speech


def cited_source(sentence_text: str, exclude=(), lang: str = lexicon.DEFAULT):
    """The outlet or channel a sentence cites, or NA. A name that starts with a role word
    ("kepada Presiden Yoon") or is in ``exclude`` is not an outlet; lower-case continuations
    ("kepada para wartawan") are not names."""
    P = speech(lang)
    for m in P.CITED.finditer(sentence_text or ""):
        name = m.group("name").rstrip(".,")
        first = name.split()[0].lower()
        if (first in P.role_single or first in P.lex.SPEAKER_DETERMINERS or name in exclude
                or first in P.lex.WEEKDAYS or first in P.lex.MONTHS):  # "said on Tuesday"
            continue
        return name
    return pd.NA


def wire_credit(text: str, lang: str = lexicon.DEFAULT):
    """The news agency a wire copy credits in its dateline ("SEOUL, Oct 28 (Reuters) -",
    "JAKARTA (AP) —", "Jakarta, ANTARA -"), or NA: the cited source of what the article
    reports when no other is named."""
    m = speech(lang).WIRE.search((text or "")[:300])
    return m.group("wire") if m else pd.NA


def outlet_name(phrase: str, lang: str = lexicon.DEFAULT):
    """The outlet a speaker phrase names ("Layanan berita Yonhap" -> "Yonhap"), or NA."""
    P = speech(lang)
    m = P.OUTLET_NAME.match(phrase or "")
    if not m:
        return pd.NA
    name = m.group("name").rstrip(".,")
    first = name.split()[0].lower()
    return pd.NA if first in P.role_single or first in P.lex.SPEAKER_DETERMINERS else name


def names_a_document(words, lang: str = lexicon.DEFAULT) -> bool:
    """``words`` (lower case, determiners left out) name a document or a tally, not someone who
    speaks: "reports", "the latest figures", "laporan" (``ACCORDING_NOT_CLAIMANT``, ``SOURCE_NOUNS``)."""
    lx = lexicon.get(lang)
    documents = set(lx.ACCORDING_NOT_CLAIMANT) | set(lx.SOURCE_NOUNS)
    return bool(words) and (words[0] in documents or words[-1] in documents)
