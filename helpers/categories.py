"""A figure's category: for a measure with categories (troops: deployed, planned, prepared,
other) the lexicon's ``CATEGORY_CUES`` near the figure decide (see :mod:`helpers.measures`);
a measure without categories has the single category "reported"."""
from __future__ import annotations

import re

_WORD = re.compile(r"[\w'’-]+")


def words_between(text, a, b):
    """(start, end) of the words of ``text[a:b]``."""
    return [(m.start(), m.end()) for m in _WORD.finditer(text, a, b)]


def category(P, measure_cats, text, n, cl, sent):
    """The figure's category (see module docstring)."""
    if not measure_cats:
        return "reported"
    ca, cb = cl
    s, e = n["start"], n["end"]
    cats = set(measure_cats)
    if "prepared" in cats and (_near(P.cat["prepared"], text, ca, s, 6) or _near(P.cat["prepared"], text, e, cb, 6, False)):
        return "prepared"
    if "planned" in cats:
        m = _near(P.cat["planned"], text, ca, s, 8)
        if m and not P.perfective.search(text, m.end(), s):
            return "planned"
        comma = text.find(",", e, cb)
        tail_end = cb if comma == -1 else comma
        head = words_between(text, e, tail_end)[:4]
        if head and P.cat["planned"].search(text, e, head[-1][1]) or P.planned_anywhere.search(text, e, tail_end):
            return "planned"
    if "deployed" in cats:
        if _near(P.cat["deployed"], text, ca, s, 10) or _near(P.cat["deployed"], text, e, cb, 10, False):
            return "deployed"
        if P.cat["deployed"].search(text, sent[0], sent[1]) or P.located.search(text, ca, cb):
            return "deployed"
    return "other" if "other" in cats else measure_cats[0]


def _near(rx, text, a, b, n_words, before=True):
    ws = words_between(text, a, b)
    if not ws:
        return None
    lo, hi = (ws[max(0, len(ws) - n_words)][0], b) if before else (a, ws[min(len(ws), n_words) - 1][1])
    ms = list(rx.finditer(text, lo, hi))
    return (ms[-1] if before else ms[0]) if ms else None
