"""Coordinated speaker phrases: when "X, Y dan Z" names several speakers and when one.

Used by the speaker resolver (:mod:`helpers.speakers`, passed in as ``sp``):

* ``title_holder``: a title and, after its comma, the person who holds it ("Direktur Operasi
  dan Kesiapsiagaan Basarnas, Laksamana Muda TNI Ribut Eko Suyatno") is that one person;
* ``comma_items``: a list of short capitalised names split at its commas ("Indonesia, Iran,
  Senegal and Tunisia"), never a title and its holder ("Kepala BNPB, Suharyanto");
* ``shared_head`` / ``one_institution``: capitalised words coordinated before one common noun
  ("the Meteorology, Climatology and Geophysics agency") or after an institution noun ("Dinas
  Kesehatan, Pengendalian Penduduk dan Keluarga Berencana") are one name, not speakers.
"""
from __future__ import annotations

import re


def title_holder(sp, text, a, b):
    """"Direktur Operasi dan Kesiapsiagaan Basarnas, Laksamana Muda TNI Ribut Eko Suyatno":
    a title (with no comma of its own) and, after the comma, the person who holds it; the
    person, else None."""
    comma = text.rfind(",", a, b)
    head = text[a:comma].strip() if comma > a else ""
    if not head or "," in head or not sp.P.ROLE.search(head):
        return None  # (a title anywhere: "Kabar ini dibenarkan oleh Deputi Operasi dan …, X")
    who = sp.one(text, comma + 1, b)
    if who and ((who["listed"] and who.get("speaker_kind") == "person")
                or (who.get("named") and " " in who["speaker"])):
        return who
    return None


def comma_items(sp, text, part) -> list[tuple[int, int]]:
    """The first part of a coordinated list split at its commas when each piece is a short
    capitalised name opening with no title ("Indonesia, Iran, Senegal"), else the part as
    it is ("Kepala BNPB, Suharyanto" is one person)."""
    pa, pb = part
    pieces, pos = [], pa
    for i in [i for i in range(pa, pb) if text[i] == ","] + [pb]:
        pieces.append((pos, i))
        pos = i + 1
    if len(pieces) < 2 or not all(
            1 <= len(text[x:y].split()) <= 4 and text[x:y].strip()[:1].isupper()
            and not sp.P.ROLE.match(text[x:y].strip()) for x, y in pieces):
        return [part]
    return pieces


def shared_head(sp, text, parts) -> bool:
    """"The Meteorology, Climatology and Geophysics agency": capitalised words coordinated
    before one common noun are one name, not several speakers (modifier-first languages)."""
    if not sp.P.lex.MODIFIER_FIRST:
        return one_institution(sp, text, parts)
    *first, (la, lb) = parts
    known = [p for p in first if text[p[0]:p[1]].strip(" ,").lower() in sp.P.places
             or sp.gaz.resolve(text[p[0]:p[1]].strip(" ,"))]
    if len(known) >= 2:  # "Indonesia, Iran, Senegal and the Kurdistan region": speakers
        return False
    last = text[la:lb].split()
    words = [w for pa, pb in first for w in re.findall(r"[^\W\d_]+", text[pa:pb])
             if w.lower() not in sp.P.lex.SPEAKER_DETERMINERS]
    return bool(last and last[-1][:1].islower() and words and all(w[:1].isupper() for w in words)
                and not any(sp.P.DEMONYM.match(w) for w in words))  # "South Korean and Western …"


def one_institution(sp, text, parts) -> bool:
    """"Dinas Kesehatan, Pengendalian Penduduk dan Keluarga Berencana": an institution whose
    name holds a coordinator (head-first languages): the first part opens with a title or an
    institution noun, the later ones are capitalised words naming no one listed and opening
    with no title of their own ("… dan Menteri Pertahanan X" is a second speaker)."""
    P, lx = sp.P, sp.P.lex
    first = [w.lower() for w in text[parts[0][0]:parts[0][1]].split()]
    while first and first[0] in P.role_single and first[0] not in lx.ORGANIZATION_NOUNS:
        first = first[1:]  # "Kepala Dinas …": the institution after the title
    heads = set(lx.ORGANIZATION_NOUNS) | P.role_single
    if not first or first[0] not in lx.ORGANIZATION_NOUNS:
        return False
    if any(text[x["start"] - 1:x["start"]] != "(" for x in sp.within(parts[0][0], parts[-1][0])):
        return False  # a listed actor before the last part (not an acronym in brackets): speakers
    # the last part may end with the parent body and the person ("… dan Komunikasi
    # Kebencanaan BNPB Abdul Muhari")
    for pa, pb in parts[1:]:
        words = text[pa:pb].split()
        if (not words or words[0].lower() in heads or any(True for _ in sp.within(pa, pa + len(words[0])))
                or not all(w.strip("(),")[:1].isupper() for w in words)):
            return False
    return True
