"""Stance of a statement: confirms | denies | warns | condemns | other, from word lists.

The verb decides when it is a stance word (lexicon ``STANCE_WORDS``); otherwise the earliest
stance word in what was said (ties broken by ``STANCE_ORDER``, so "tidak mengkonfirmasi" is
a denial, not a confirmation); with no stance word, text that asserts an event
(``ASSERTION_WORDS``: "telah mengirim", "tewas", "killed", not negated) confirms it; else
"other".
"""
from __future__ import annotations

from helpers import lexicon
from helpers.patterns import speech


def stance(verb: str, text: str, lang: str = lexicon.DEFAULT) -> str:
    """The stance of saying ``text`` with ``verb`` (see module docstring)."""
    P = speech(lang)
    v = (verb or "").strip().lower()
    if v in P.VERB_STANCE:
        return P.VERB_STANCE[v]
    best = None
    for rank, (st, rx) in enumerate(P.STANCE_RES):
        m = rx.search(text or "")
        if m and (best is None or (m.start(), rank) < best[:2]):
            best = (m.start(), rank, st)
    if best:
        return best[2]
    for m in P.ASSERTION.finditer(text or ""):
        if not P.NEG_END.search((text or "")[max(0, m.start() - 12):m.start()]):
            return "confirms"
    return "other"
