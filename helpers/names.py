"""Names in a speaker phrase: the run of capitalised words that is a speaker's own name.

``unlisted_name(P, text, a, b, inside)`` gives the last run of capitalised words in
``text[a:b]`` that is neither a listed mention (``inside``) nor a title, a place after a title
or preposition, nor (in modifier-first languages) a modifier of a common noun; ``MODIFIER``
when the phrase only describes its speaker ("a Mandalay resident"), None when it names no one.
Used by :mod:`helpers.speakers`, the one speaker resolver.
"""
from __future__ import annotations

import re


def _name_word_ok(P, w, s, covered, prev_word, nxt, cur) -> bool:
    ok = (bool(P.NAME.fullmatch(w)) and w.lower() not in P.role_single
          and w.lower() not in P.lex.LEAD_WORDS and w.lower() not in P.lex.SPEAKER_DETERMINERS
          and w.lower() not in P.function_words and w.lower() not in P.lex.WEEKDAYS
          and w.lower() not in P.lex.MONTHS and w.lower() not in P.institution_words
          and not any(cs <= s < ce for cs, ce in covered)
          and not (w.isupper() and len(w) >= 2))  # an acronym ("YLBHI Muhammad Isnur") is no name
    if ok and P.DEMONYM.match(w) and ((not nxt and not cur) or (nxt and nxt[0][:1].islower())
                                      or (cur and _place_demonym(P, cur[-1], w))):
        return False  # "South Korean lawmaker": a nationality, not a name ("Rinal Christian" is)
    if ok and not cur and nxt and nxt[0].lower() in P.lex.NOT_NAME_FOLLOWERS:
        return False  # "Laporan itu menyebutkan": a noun with a determiner, not a name
    if ok and not cur and prev_word in P.lex.NAME_BLOCKING_PREPOSITIONS:
        return False  # "Duta Besar Rusia untuk Indonesia": a place, not a name
    return ok


def _place_demonym(P, before: str, w: str) -> bool:
    """"South Korean": the word before and the demonym's stem name a known place."""
    return any(f"{before} {w[:-k]}".lower() in P.places for k in range(1, 4))


def unlisted_name(P, text, a, b, inside):
    """The last run of capitalised words in text[a:b] that is neither a listed mention
    nor a role/title word ("Andrii Sybiha" in "Menteri Luar Negeri Ukraina Andrii Sybiha")."""
    covered = [(x["start"], x["end"]) for x in inside]
    alone = text[a:b].strip(" ,()")
    if P.ACRONYM.fullmatch(alone) and not covered:  # "Menurut SBU,", "SBU menyatakan"
        return alone
    last = alone.split()[-1] if alone else ""
    if (P.lex.MODIFIER_FIRST and P.ACRONYM.fullmatch(last) and len(alone.split()) > 1
            and alone.split()[-2][:1].islower() and not covered):
        return last  # "Indonesia's disaster agency BNPB": the agency's name
    strip = ",.()" + P.quote_marks
    runs, cur, prev_word, prev_raw, titled = [], [], "", "", {}  # titled: run -> after a title
    place = 0  # words of a place name after a preposition still to skip
    for m in re.finditer(r"\S+", text[a:b]):
        if not cur:  # "Gubernur …", "BPBD …": a title or an acronym before the run
            acronym = prev_raw.strip("()")
            titled[len(runs)] = prev_word in P.role_single or (len(acronym) >= 3 and acronym.isupper())
        w = m.group().strip(strip)
        s = a + m.start() + len(m.group()) - len(m.group().lstrip(strip))
        if cur and re.fullmatch(r"\([A-Z]{2,6}\),?", m.group()):  # "Institut Studi Perang (ISW)"
            cur.append(m.group().rstrip(","))
            runs.append(cur)
            cur = []
            continue
        nxt = text[a + m.end():b].split()[:1]
        if cur and m.group() in P.lex.NAME_JOINERS and nxt and P.NAME.fullmatch(nxt[0].strip(strip)):
            cur.append(m.group())  # "Archive of Public Gatherings": one name
            continue
        ok = _name_word_ok(P, w, s, covered, prev_word, nxt, cur)
        if not cur and not ok and prev_word in P.lex.NAME_BLOCKING_PREPOSITIONS and P.NAME.fullmatch(w):
            # "in North Texas", "di Alun-alun Pati": the capitalised words after the preposition
            # name a place; a known place ends it ("untuk Indonesia Sergei Tolchenov")
            place = _known_place(P, text[a + m.start():b]) or 99
        elif place > 1 and ok and P.NAME.fullmatch(w):
            ok, place = False, place - 1
        else:
            place = 0
        prev_word, prev_raw = w.lower(), w
        if ok:
            cur.append(w)
        elif cur:
            if P.lex.MODIFIER_FIRST and w[:1].islower() and w.lower() not in P.function_words \
                    and w.lower() not in P.lex.SPEAKER_DETERMINERS:
                runs.append(MODIFIER)  # "a Mandalay resident": the place modifies the head
            elif not P.NAME.fullmatch(w):  # a title or listed name after it: part of an institution
                runs.append(cur)
            cur = []
        if m.group().endswith(",") and cur:
            runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    # after a title or an acronym ("Gubernur Jawa Barat Dedi Mulyadi", "BPBD Garut Asep"), not
    # elsewhere ("Iran klaim …", "the Jakarta Globe")
    runs = [r for r in (_after_place(P, r) if titled.get(i) and r is not MODIFIER else r
                        for i, r in enumerate(runs)) if r]
    if runs and runs[-1] is MODIFIER:  # the phrase ends in a described head: no name speaks
        return MODIFIER
    if not P.lex.MODIFIER_FIRST and runs and len(runs[-1]) >= 3 and len(_after_place(P, runs[-1])) >= 2:
        runs[-1] = _after_place(P, runs[-1])  # "… dan Penyelamatan Jakarta Utara Rahmat Kristantio"
    return " ".join(runs[-1]) if runs else None


MODIFIER = ["<modifier>"]  # unlisted_name: only capitalised modifiers of a common noun


def _known_place(P, text: str) -> int:
    """Words of the longest known place name that ``text`` starts with, else 0."""
    words = [w.strip(",.()") for w in text.split()[:P.place_words]]
    for k in range(len(words), 0, -1):
        if " ".join(words[:k]).lower() in P.places:
            return k
    return 0


def _after_place(P, run: list[str]) -> list[str]:
    """``run`` without the place names it starts with: "Jawa Barat Dedi Mulyadi" after
    "Gubernur" is "Dedi Mulyadi"; "Metro Jaya" after "Kapolda" is no name at all (the office
    speaks: the caller keeps the role phrase)."""
    i = 0
    while i < len(run):
        for k in range(min(P.place_words, len(run) - i), 0, -1):
            if " ".join(run[i:i + k]).lower() in P.places:
                i += k
                break
        else:
            break
    return run[i:]


def tail_of_other_name(sp, text, x) -> bool:
    """A one-word alias ("Anhar") ending someone else's name ("Muhamad Kholid Anhar"): the
    capitalised words before it are no title and, with it, no alias of that actor."""
    if " " in x["surface"] or sp.info(x["actor_id"]).get("kind") != "person":
        return False
    prev = re.search(r"((?:[A-Z][\w'’-]*\s+){1,2})$", text[max(0, x["start"] - 40):x["start"]])
    if not prev or any(w.lower() in sp.P.role_single or w.lower() in sp.P.lex.LEAD_WORDS
                       or w.lower() in sp.P.places or w.endswith(("'s", "’s"))
                       for w in prev.group(1).split()) or sp.within(x["start"] - 40, x["start"]):
        return False  # a title, a place, an owner ("Ukraine's Zelensky") or another actor
    names_part = getattr(sp.gaz, "names_part", None)
    return bool(names_part) and not any(names_part(" ".join(prev.group(1).split()[k:] + [x["surface"]]),
                                                   x["actor_id"]) for k in range(2))
