"""Span arithmetic of reported speech: where a speaker phrase or what was said begins and ends.

Pure functions over ``(text, start, end)`` offsets, shared by the statement rules
(``statements``, ``clauses``, ``attribution``). ``P`` is the language's pattern namespace
(``patterns.speech(lang)``); ``date_spans`` are the article's date phrases.
"""
from __future__ import annotations

import bisect
import re


def strip_right(P, text, a, b, date_spans):
    """Drop adverbs, commas and dates from the end of text[a:b]; returns the new end."""
    while True:
        seg = text[a:b]
        m = P.SKIP_END.search(seg)
        if m and m.start() < len(seg) and m.group().strip():
            b = a + m.start()
            continue
        if m and m.group() and not m.group().strip():
            b = a + m.start()
            continue
        d = next((s for s, e in date_spans if a <= s < b and not text[e:b].strip(" ,")), None)
        if d is not None:
            b = d
            continue
        return b


def strip_frame(P, text, a, b):
    """Drop a trailing frame phrase (", dalam kunjungannya ke Roma," / "dalam sebuah pernyataan
    email") when what is before it still holds a capitalised name."""
    seg = text[a:b]
    for m in P.FRAME_ANY.finditer(seg):  # the first frame phrase after a name runs to the verb
        before = seg[:m.start()]
        if any(P.NAME.fullmatch(w.strip(",()")) and w.strip(",()").lower() not in P.role_single
               and w.strip(",()").lower() not in P.lex.LEAD_WORDS
               and w.strip(",()").lower() not in P.function_words for w in before.split()):
            return a + m.start()
    return b


def lead_end(P, text, a, b, date_spans):
    """End of leading adverbials at text[a:...] ("Sementara itu,", "Pada hari Rabu (23/10),")."""
    pos = a
    while True:
        seg = text[pos:b]
        comma = seg.find(",")
        if comma == -1:
            break
        head = seg[:comma]
        is_date = any(s <= pos + len(head) - len(head.lstrip()) and e >= pos + len(head.rstrip())
                      for s, e in date_spans)
        if (P.LEAD.match(head) and not P.SPEECH.search(head)) or is_date:  # not "Secara rinci dia menjelaskan,"
            pos = pos + comma + 1
            continue
        break
    return pos


def starting_within(items, starts, a, b):
    """The items (sorted by start; ``starts`` their starts) that start in ``[a, b)``: a bisect,
    so looking up a sentence's mentions or quotations does not scan the whole article."""
    return items[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b)]


def quote_inside(quotes, a, b):
    """Quotations lying inside ``[a, b)`` (``quotes`` sorted by start)."""
    out = []
    for i in range(bisect.bisect_left(quotes, (a, -1)), len(quotes)):
        q = quotes[i]
        if q[0] >= b:
            break
        if q[1] <= b:
            out.append(q)
    return out


def in_quote(quotes, i):
    return any(qa <= i < qb for qa, qb in quotes)


def content_end(P, text, a, b):
    """End of what was said in text[a:b]: no credit line "(nm/rs)", no final punctuation."""
    seg = text[a:b]
    seg2 = P.CREDIT.sub("", seg)
    e = a + len(seg2.rstrip())
    while e > a and text[e - 1] in ".,;: ":
        e -= 1
    return e


def trim(text, a, b):
    while a < b and text[a] in " ,:":
        a += 1
    while b > a and text[b - 1] in " ,":
        b -= 1
    return a, b


def second_verb_at(P, text, pos, end) -> bool:
    """``text[pos:end]`` opens with a coordinator and a speech verb: "… dan menambahkan …",
    "… and added …" — the same speaker's second act of saying, not more of its name."""
    co = _COORDINATED.match(text, pos, end)
    return bool(co and co.group(1).lower() in P.lex.SPEAKER_COORDINATORS and P.SPEECH.match(text, co.end()))


def second_verb_in(P, text, a, b) -> int | None:
    """Where the first "<coordinator> <speech verb>" in ``text[a:b]`` starts, else None."""
    for c in _COORDINATED.finditer(text, a, b):
        if c.group(1).lower() in P.lex.SPEAKER_COORDINATORS and P.SPEECH.match(text, c.end()):
            return c.start()
    return None


_COORDINATED = re.compile(r"\s+(\w+)\s+")

