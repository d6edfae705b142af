"""What a figure counts: its measure (from the story profile) and its category.

``assign(text, nums, sentences, profile, lang)`` keeps the figures that count one of the
profile's measures and returns them with ``measure``, ``unit``, ``_sent`` and ``_clause``.
A figure's **clause** is its sentence cut at dashes and semicolons; its **window before**
runs back to the previous figure (so "56 korban meninggal, 23 korban hilang" gives 23 to
"hilang", not to "meninggal").

Rules, in order (``profile`` word lists per language; generic words from the lexicon):

1. The noun right after the figure is a measure's unit ("3.000 tentara", "96 kasus",
   "5.389 pengungsi"; English may put up to three adjectives or "of" first: "10,000 North
   Korean troops", "thousands of protesters"). A cue of another measure right after it wins
   ("100 tentara tewas" counts the killed, "7 pasien meninggal" too). A measure with
   ``requires_cue`` needs one of its cues in the clause ("2.272 rumah rusak").
2. The noun is a generic count of people (``PERSON_UNITS``: orang, jiwa, warga, korban,
   people …) or missing: the nearest measure cue after it (within 5 words), else before it in
   the window (within 8 words: "korban luka-luka … mencapai 700 orang").
3. A measure's unit shortly before a figure with no noun ("pasukan sebanyak 3.000"); the
   figure after "menjadi/to" in a revision ("dari 10.000 menjadi 12.000 tentara"); else the
   figure before it in the sentence (a partitive "4.000 di antaranya", a revision "… dari
   perkiraan sebelumnya sebanyak 2.000 orang", a list "120 kasus baru, Bali 14, Papua 9"),
   and for a count of people ("320 orang") the figure before it in the paragraph.
Anything else (ships, days, money, villages, "30 relawan") is not a figure of the story.

``category``: for a measure with categories (troops: deployed, planned, prepared, other) the
lexicon's ``CATEGORY_CUES`` decide: prepared (cue within 6 words) > planned (a planned cue
within 8 words before with no perfective marker between, in the 4 words after, or a
``PLANNED_AFTER_ANYWHERE`` cue after) > deployed (cue within 10 words, anywhere in the
sentence, or "di/ke <Place>") > other. A measure without categories is "reported".
"""
from __future__ import annotations

import functools
import re
from types import SimpleNamespace

import pandas as pd

from helpers import lexicon
from helpers.lexicon import alt, optional_re, plain_words_re, words_re
from helpers.categories import category, words_between
from helpers.text import sentence_at

_WORD = re.compile(r"[\w'’-]+")
_CLAUSE_SEP = re.compile(r"\s[-\u2013\u2014]+\s|;|(?<!\d)[\u2013\u2014](?!\d)")
AFTER_WORDS, BEFORE_WORDS = 5, 24
_OF_PLACES = re.compile(r"(?:[\w'’]+['’]s\s+)?[\d.,]+\s+([^\W\d_]+)")
_PENDING = ("follow", "previous", "previous_in_paragraph", "previous_item")  # decided by a neighbouring figure


@functools.lru_cache(maxsize=None)
def patterns(lang: str) -> SimpleNamespace:
    lx = lexicon.get(lang)
    return SimpleNamespace(
        lex=lx,
        person=frozenset(lx.PERSON_UNITS),
        person_re=re.compile(r"(?:" + alt(lx.PERSON_UNITS) + r")(?![\w-])", re.I),
        skip=frozenset(lx.UNIT_SKIP_WORDS),
        cat={c: words_re(ws) for c, ws in lx.CATEGORY_CUES.items()},
        planned_anywhere=words_re(lx.PLANNED_AFTER_ANYWHERE),
        perfective=words_re(lx.PERFECTIVE),
        demonym_plural=re.compile(r"[A-Z][a-z]+(?:" + "|".join(lx.DEMONYM_SUFFIXES + ["i"]) + r")s(?![\w-])")
        if lx.DEMONYM_SUFFIXES else re.compile(r"(?!)"),
        place_noun_after=optional_re(lx.PLACE_NOUNS, r"\s+", r"(?![\w-])"),
        compound_head=optional_re(lx.UNIT_COMPOUND_HEADS, r"\s+", r"(?![\w-])"),
        capitalised_modifiers=re.compile(r"(?:[A-Z][\w'’-]*\s+){1,2}"),
        uncounted=re.compile(r"\s+(?:(?:" + alt(lx.PERSON_UNITS) + r")\s+)?(?:" + alt(lx.UNCOUNTED_STATES)
                             + r")(?![\w-])", re.I),
        located=re.compile(r"(?<![\w-])(?:" + alt(lx.LOCATIVES) + r")\s+(?:(?:" + alt(lx.REGION_NOUNS)
                           + r")\s+)?[A-Z]"),
        then=re.compile(r"\s+(?:" + alt(lx.REVISION_TO) + r")\s+", re.I),
        of_total=re.compile(r"\s+(?:" + alt(lx.OF_TOTAL) + r")\s+", re.I),
        verbish=re.compile(r"^(?:" + "|".join(lx.VERB_PREFIXES) + r")[a-z]{3,}$") if lx.VERB_PREFIXES
        else re.compile(r"(?!)"),
        relative=plain_words_re(lx.RELATIVE_PRONOUNS),
        list_item=re.compile(r"^[^\S\n]*(?:\d{1,2}[.)]|[-•*–])"),
        partitive=re.compile(r"\s+(?:" + alt(lx.PARTITIVES) + r")(?![\w-])", re.I),
        revision=re.compile(r"(?<![\w-])(?:" + alt(lx.REVISION_CUES) + r")(?:" + alt(lx.ENCLITIC_PRONOUNS)
                            + r")?(?![\w-])", re.I),
        list_sep=re.compile(r"[^,;.:\n]{0,40}?(?:,\s*(?:(?:{c})\s+)?|\s+(?:{c})\s+)".replace(
            "{c}", alt(lx.LIST_COORDINATORS)), re.I),
        coordinator=re.compile(r"(?:,\s*)?\s(?:" + alt(lx.COORDINATORS) + r")\s", re.I),
        not_cues=[re.compile(r"(?<![\w-])" + alt([p]) + r"(?![\w-])", re.I) for p in lx.NOT_CUES],
    )


def clause(text, sent, pos):
    """The part of sentence ``sent`` around ``pos`` between dashes/semicolons."""
    a, b = sent
    for m in _CLAUSE_SEP.finditer(text, a, b):
        if m.end() <= pos:
            a = m.end()
        elif m.start() >= pos:
            b = m.start()
            break
    return a, b


def _masked(P, text, m) -> bool:
    """A cue inside a phrase where it is no cue ("musim gugur": autumn, not "killed")."""
    lo, hi = max(0, m.start() - 30), m.end() + 30
    return any(x.start() <= m.start() and m.end() <= x.end() for rx in P.not_cues
               for x in rx.finditer(text, lo, hi))


def _cue_word(m) -> str:
    """The cue or unit a match found, as the profile lists it (lower case, single spaces)."""
    return re.sub(r"\s+", " ", m.group().lower())


def _first_cue(C, P, text, a, b, n_words, after=True, only=None):
    """(measure, match) of the first cue after ``a`` (or last before ``b``) within n words."""
    ws = words_between(text, a, b)
    if not ws:
        return None
    lo, hi = (a, ws[min(len(ws), n_words) - 1][1]) if after else (ws[max(0, len(ws) - n_words)][0], b)
    rx = C.cues[only] if only is not None else C.cue_re  # one pass over every measure's cues
    best = None
    for m in rx.finditer(text, lo, hi):
        word = _cue_word(m)
        if _masked(P, text, m) or word in C.weak_off:
            continue
        best = (only or C.cue_of[word], m)
        if after:
            break
    return best


def _unit_after(C, P, text, pos, end, lang):
    """(measure, unit phrase, end) of a measure unit right after ``pos``, else None; English
    may put "of" or up to three capitalised/adjective words before the noun."""
    for skip in range(0, 4):
        m = re.compile(r"\s+").match(text, pos)
        if not m:
            return None
        pos = m.end()
        u = C.unit_re.match(text, pos) if C.unit_re else None
        if u and u.end() <= end:
            if P.compound_head.match(text, u.end()):
                return None  # "nine police stations", "12 police vehicles": not people
            return C.units[_cue_word(u)], u.group(), u.end()
        w = _WORD.match(text, pos)
        if not w or w.end() > end:
            return None
        word = w.group()
        modifier = (lang != "id" and skip < 2 and word[:1].islower() and word.lower() not in P.lex.NOT_UNITS
                    and word.lower() not in P.lex.FUNCTION_WORDS)  # "1,300 measles cases"
        if not (word.lower() in P.skip or (lang != "id" and word[:1].isupper()) or modifier):
            return None
        pos = w.end()
    return None


_NAME_AFTER = re.compile(r"[^\S\n]+(?:[A-Z][\w'’-]*|\([^()\n]{1,30}\))")


def _after_names(C, text, pos, end) -> int:
    """``pos`` past capitalised words and short parentheses right after a unit ("100 tentara
    Korea Utara (Korut) tewas": the cue that follows the names is still close); a capitalised
    cue ("600 Tentara Korut Tewas" in a headline) stops the skip."""
    while (m := _NAME_AFTER.match(text, pos, end)) is not None:
        if C.cue_re.match(text, m.start() + len(m.group()) - len(m.group().lstrip())):
            break
        pos = m.end()
    return min(pos, end)


def _person_after(P, text, pos, end):
    """(noun, its end) of the count-of-people noun right after ``pos`` ("orang", "people");
    where modifiers come first, after up to two capitalised ones ("35 Tunisian pilgrims"), or
    a people's name ("323 Egyptians"); else None."""
    m = re.compile(r"\s+").match(text, pos)
    if not m:
        return None
    u = P.person_re.match(text, m.end())
    if u is None and P.lex.MODIFIER_FIRST:
        u = P.demonym_plural.match(text, m.end())
        mods = P.capitalised_modifiers.match(text, m.end()) if u is None else None
        u = P.person_re.match(text, mods.end()) if mods else u
    return (u.group().lower(), u.end()) if u and u.end() <= end else None


def _distance(text, a, b) -> int:
    """Words between a and b, plus a penalty when a comma or semicolon separates them."""
    return len(words_between(text, a, b)) + (4 if re.search(r"[,;:]", text[a:b]) else 0)


def _by_unit(C, P, text, n, cl, nxt, before, unit):
    """Rule 1: the noun after figure ``n`` is a measure's unit (``unit``: measure, word, end)."""
    ca, cb = cl
    mid, word, uend = unit
    close = _first_cue(C, P, text, _after_names(C, text, uend, nxt), nxt, 3)
    if close and close[0] in C.groups and close[0] != mid:  # "personel … mengamankan aksi"
        close = None
    if close and P.relative.match(close[1].group()):
        close = None  # "69 kasus yang ditemukan": a cue with "yang" is for a count of people
    rel = P.relative.search(text, uend, nxt)  # "tiga pasien positif Covid-19 yang meninggal"
    between = [text[x:y].lower() for x, y in words_between(text, uend, rel.start())] if rel else []
    if ((not close or close[0] == mid) and rel and len(between) <= 4
            and not any(w in C.units or w in P.person for w in between)):  # not "… prajurit yang tewas"
        close = _first_cue(C, P, text, rel.end(), nxt, 3)
    if mid in C.final:  # "50 jenazah dievakuasi": a body stays a death
        close = before = None
    if close and close[0] != mid:  # "100 tentara tewas", "7 pasien meninggal"
        return close[0], word.lower()
    if before and before[0] != mid and _distance(text, before[1].end(), n["start"]) == 0:
        return before[0], word.lower()  # "menangkap dua tentara", "menewaskan 100 tentara"
    if mid in C.requires_cue and not _first_cue(C, P, text, ca, cb, 40, only=mid):
        return None
    return mid, word.lower()


def _decide(C, P, text, n, cl, lo, lang, following):
    """(measure, unit) of figure ``n`` (see module docstring, rules 1-3), or None."""
    core = n["core_end"]
    ca, cb = cl
    nxt = following["start"] if following is not None and following["start"] < cb else cb
    after = _first_cue(C, P, text, core, nxt, AFTER_WORDS + 1)
    before = _first_cue(C, P, text, lo, n["start"], BEFORE_WORDS, after=False)
    unit = _unit_after(C, P, text, core, nxt, lang)
    if unit:
        return _by_unit(C, P, text, n, cl, nxt, before, unit)
    person = _person_after(P, text, core, nxt)
    if person is not None:  # "23 korban masih tertimbun": the cue after the noun, not the noun
        person, pm_end = person
        if P.uncounted.match(text, pm_end):
            return None  # "29 orang korban selamat": survivors are none of the measures
        co = P.coordinator.search(text, pm_end, nxt)  # "16 orang dan semua sudah dievakuasi":
        w = re.match(r"[\w'’-]+", text[co.end():nxt]) if co else None  # another clause; not
        if w and (w.group().lower() in P.person or _unit_after(C, P, text, co.end() - 1, nxt, lang)):
            co = None  # "500 civilians and police officers were wounded": one subject
        after = _first_cue(C, P, text, pm_end, co.start() if co else nxt, AFTER_WORDS)
    elif after and not text[core:after[1].start()].strip():  # "326 terluka", "3.800 terbunuh"
        if P.place_noun_after.match(text, after[1].end()):
            return None  # "14 affected nations", "5 kabupaten terdampak": places, not people
        return after[0], None
    bare = person is None and not _word_noun_after(P, text, core, nxt)
    if bare and following is not None and P.of_total.fullmatch(text, n["end"], following["start"]):
        return "follow", None  # "251 of the 270 victims": what the total counts
    tot = P.of_total.match(text, core) if bare else None
    places = _OF_PLACES.match(text, tot.end()) if tot else None
    if places and places.group(1).lower() in P.lex.NON_ESTIMATE_UNITS:
        return None  # "in 25 of the 26 provinces", "18 of the continent's 55 nations": places
    if (not bare and person is None and before and before[0] not in C.groups
            and before[0] not in C.requires_cue and _distance(text, before[1].end(), n["start"]) == 0
            and not P.relative.match(before[1].group())):
        return before[0], None  # "Police arrested two male directors", "menangkap tiga pengurus"
    if person is not None or bare:
        da = _distance(text, core, after[1].start()) if after else None
        db = _distance(text, before[1].end(), n["start"]) if before else None
        if da is not None and (db is None or da <= db):
            return after[0], person
        if db is not None:
            return before[0], person
        own = C.cue_of.get(person) if person and person not in C.weak_off else None
        if own:  # "the remaining 19 victims": the noun is its own cue (a weak one, as the article uses it)
            return own, person
        back = words_between(text, lo, n["start"])[-8:]  # "pasukan sebanyak 3.000 (orang)"
        for a, b in reversed(back):
            u = C.units.get(text[a:b].lower())
            if u and text[a:b].lower() not in P.lex.ADJECTIVAL_UNITS and not (
                    u in C.requires_cue and not _first_cue(C, P, text, ca, cb, 40, only=u)):
                return u, text[a:b].lower()  # not "Rumah Sakit Koja dua orang" as houses
    if bare and following is not None and P.then.fullmatch(text, n["end"], following["start"]):
        return "follow", None  # "dari 10.000 menjadi 12.000 tentara"
    if person is not None or bare:
        # "4.000 di antaranya"; "naik dari perkiraan sebelumnya 2.000 orang"; a list ("120 kasus
        # baru, Bali 14, Papua 9"); "kemarin 300 orang dan hari ini 320 orang"
        return ("previous" if person is None else "previous_in_paragraph"), person
    if (lo > ca and P.list_sep.fullmatch(text, lo, n["start"]) and not _first_cue(C, P, text, lo, n["start"], 8)
            and not P.uncounted.match(text, core)):
        return "previous_item", None  # "176 Indians, 49 Britons, one Canadian, and 12 non-passengers"
    return None


def _word_noun_after(P, text, pos, end) -> bool:
    """A content word right after the figure that is neither a function word nor a unit."""
    w = re.compile(r"\s+([^\W\d_][\w-]*)").match(text, pos)
    if not w or w.end() > end:
        return False
    word = w.group(1).lower()
    verbish = P.verbish.match(word) and word not in P.person  # "36.406 setelah", "3.000 dikerahkan"
    return word not in P.lex.NOT_UNITS and word not in P.skip and not verbish


def _is_count(n) -> bool:
    """Counts are whole numbers: "5,6" (a magnitude), "1,5" (a rate) are not ("1,5 juta" is; a
    range's midpoint may be a half: "tujuh atau delapan")."""
    keys = ("low", "high") if n.get("qualifier") != "exact" or n.get("low") != n.get("high") else ("value",)
    for k in keys:
        v = n.get(k)
        if v is not None and not pd.isna(v) and float(v) != int(float(v)):
            return False
    return True


def _weak_cues_off(C, P, text):
    """``C`` for this article's WEAK_CUES ("korban"): where no other cue of their measure occurs
    (poisoning victims, "korban keracunan", with nobody dead) they stand for the measure whose
    cues the article uses most ("keracunan": cases), else for none (``weak_off``)."""
    lowered = text.lower()
    weak = [w for w in P.lex.WEAK_CUES if C.cue_of.get(w) and w in lowered]
    weak = [w for w in weak if not any(  # its own measure has another cue here: nothing to do
        _cue_word(m) not in P.lex.WEAK_CUES for m in C.cues[C.cue_of[w]].finditer(text))]
    if not weak:
        return C, P
    hits: dict = {}
    for m in C.cue_re.finditer(text):
        word = _cue_word(m)
        if word not in weak:
            hits[C.cue_of[word]] = hits.get(C.cue_of[word], 0) + 1
    targets = P.lex.WEAK_CUE_TARGETS
    moved, off = {}, set()
    for w in weak:
        if C.cue_of[w] in hits:
            continue
        allowed = {k: v for k, v in hits.items() if w not in targets or k in targets[w]}
        if allowed:
            moved[w] = max(allowed, key=allowed.get)
        elif w not in targets:
            off.add(w)
    if not moved and not off:
        return C, P
    C = SimpleNamespace(**vars(C))
    C.cue_of, C.weak_off = {**C.cue_of, **moved}, frozenset(off)
    return C, P


def assign(text, nums, sentences, profile, lang, skip=()):
    """The figures of ``nums`` that count a measure, with measure, unit, category, clause;
    figures inside the ``skip`` spans (link lines, captions) are left out."""
    C, P = _weak_cues_off(profile.compiled(lang), patterns(lang), text)
    out = []
    prev_end = 0  # end of the last figure that counts something (the window before stops there)
    for i, n in enumerate(nums):
        sent = sentence_at(sentences, n["start"]) or (n["start"], n["end"])
        cl = clause(text, sent, n["start"])
        lo = max(cl[0], prev_end if prev_end <= n["start"] else cl[0])
        following = nums[i + 1] if i + 1 < len(nums) else None
        got = None
        if _is_count(n) and not any(a <= n["start"] < b for a, b in skip):
            got = _decide(C, P, text, n, cl, lo, lang, following)
        if got is None:
            continue
        prev_end = n["end"]
        out.append(dict(n, measure=got[0], unit=got[1] if got[1] else pd.NA, _sent=sent, _clause=cl, _i=i))
    for k, row in enumerate(out):  # a partitive, list item or revised figure: the one before it
        if row["measure"] == "previous_item":  # a list of people goes on; not a list of personnel
            prev = out[k - 1] if k else None
            row["measure"] = prev["measure"] if prev and prev["_sent"] == row["_sent"] and \
                prev["measure"] not in _PENDING and prev["measure"] not in C.groups else None
        if row["measure"] in ("previous", "previous_in_paragraph"):
            para = text.rfind("\n", 0, row["start"])
            if P.list_item.match(text, para + 1):  # "2. Polda Jatim: (709 orang)": the list's figures
                para = max(-1, row["start"] - 400)
            same = (lambda r: r["_sent"] == row["_sent"]) if row["measure"] == "previous" else \
                (lambda r: r["start"] > para)
            prev = [r for r in out[:k] if same(r) and r["measure"] and r["measure"] not in _PENDING]
            row["measure"] = prev[-1]["measure"] if prev else None
    by_index = {r["_i"]: r for r in out}
    for row in reversed(out):  # "dari 10.000 menjadi 12.000 tentara": the later figure's
        if row["measure"] == "follow":
            nxt = by_index.get(row["_i"] + 1)
            row["measure"] = nxt["measure"] if nxt and nxt["measure"] not in _PENDING else None
    out = [r for r in out if r["measure"]]
    for r in out:
        r["category"] = category(P, C.categories.get(r["measure"], ()), text, r, r["_clause"], r["_sent"])
    return out
