"""Numerals and hedges: "3.000", "1,5 juta", "10 ribu", "tiga ribu", "ribuan"; "10,000", "1.5 million", "thousands".

``find_numbers(text)`` -> list of dict(start, end, surface, value, low, high, qualifier, unit)

One compiled regex pass per language (built from that language's lexicon) finds: an optional run of qualifiers
(``QUALIFIERS``: "setidaknya", "sekitar", "hingga", "sebanyak" ...), then a range, a number
(digits with an optional multiplier, or number words) or a vague quantity, then an optional
post-qualifier ("3.000 lebih", "10.000-an") and the unit (the next word, or a two-word
``UNIT_PHRASES`` entry such as "pasukan khusus"; lower case; NA when the next word is a
function word from ``NOT_UNITS``). The span ``text[start:end] == surface`` covers
qualifier + number + unit, which is also the span of an estimate.

Digits: "3.000" and "1.500.000" use the Indonesian thousands dot; "1,5 juta" a decimal comma;
"3,000" (three digits after a comma, no multiplier) is read as an English-style thousand;
"1.5 juta" (one dot, multiplier follows) as a decimal.

Values, qualifiers, bounds:
  exact     "sebanyak 3.000", "3.000"      low = high = value
  at_least  "setidaknya 3.000"             low = value, high = NA
  up_to     "hingga 12.000"                low = NA,    high = value
  about     "sekitar 10.000"               low = high = NA (the text gives no bounds)
  range     "3.000 hingga 5.000", "3-5 ribu", "antara 3.000 dan 5.000"
            low/high as written, value = midpoint, qualifier "about" unless one is stated
  vague     "ribuan", "puluhan ribu"       value = NA, (low, high) from VAGUE_QUANTITIES
When several qualifiers precede a number the most informative wins
(at_least/up_to > about > exact).

Never returned: dates and month phrases (spans from ``dates.find_dates``), years
(1900-2100 without a thousands dot, after a ``YEAR_CUES`` word or with no unit), ages
("berusia 20 tahun"), times ("pukul 10.00", "10.00 WIB", "10:30"), percentages, ordinals
("ke-3"), numbers inside names ("F-16", "G20", "Su-35"), "salah satu", and - unless
``include_non_estimates=True`` - counts whose unit is in ``NON_ESTIMATE_UNITS`` (years, days,
ships, money: "dua tahun terakhir", "5 kapal").
"""
from __future__ import annotations

import bisect
import functools
import re
from types import SimpleNamespace

import pandas as pd

from helpers import lexicon
from helpers.dates import find_dates
from helpers.lexicon import optional_re

NA = pd.NA
_DIGITS = r"\d[\d.,]*\d|\d"
_QPRIO = {"vague": 4, "at_least": 3, "up_to": 3, "about": 2, "exact": 1}
_S = r"[^\S\n]+"


def _alt(words) -> str:
    ws = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", _S) for w in ws) or "(?!)"


@functools.lru_cache(maxsize=None)
def patterns(lang: str = lexicon.DEFAULT) -> SimpleNamespace:
    """The number grammar of one language (see module docstring), compiled once."""
    lx = lexicon.get(lang)
    qual_of = {re.sub(_S, " ", w): q for q, ws in lx.QUALIFIERS.items() for w in ws}
    vague = {**lx.VAGUE_QUANTITIES, **lx.VAGUE_EXTRA}
    big = {w: v for w, v in lx.MULTIPLIERS.items() if v >= 1000}
    small = {w: v for w, v in lx.MULTIPLIERS.items() if v < 1000}
    numwords = {w: v for w, v in lx.NUMBER_WORDS.items() if w not in lx.NUMBER_PREFIXES}
    mult, bigm = _alt(lx.MULTIPLIERS), _alt(big)
    small_alt = _alt(small) if small else "(?!)"
    wordnum = rf"(?:{_alt(numwords)})(?:(?:{_S}|-)(?:{_alt(numwords)}|{mult})(?![\w-]))*"
    post_about = _alt(lx.QUALIFIERS_AFTER["about"])
    # "10 ribu", and "10 ribuan" (about ten thousand: the suffix is read as a qualifier after)
    one = (rf"(?:(?:{_DIGITS})(?:[^\S\n]*(?:{bigm}|{small_alt})(?=(?:{post_about})?(?![\w-])))?"
           rf"|{wordnum})")
    conn = _alt([c for c in lx.RANGE_CONNECTORS if c.isalpha() or " " in c or "/" in c or "." in c])
    dash = "".join(re.escape(c) for c in lx.RANGE_CONNECTORS if len(c) == 1 and not c.isalnum())
    post_least = _alt(lx.QUALIFIERS_AFTER["at_least"])
    not_after_least = _alt(lx.QUALIFIERS_AFTER_NOT_BEFORE)
    unit_vocab = set(lx.UNIT_PHRASES) | {u for u in lx.NON_ESTIMATE_UNITS if len(u.split()) == 2}
    pattern = re.compile(
        r"(?<![\w/:.,\-+])"
        rf"(?P<quals>(?:(?:{_alt(qual_of)}){_S}){{1,2}})?"
        r"(?:"
        rf"(?P<range>(?:{_alt(lx.RANGE_OPENERS)}){_S}(?P<a1>{one}){_S}(?:{_alt(lx.RANGE_AND)}){_S}(?P<a2>{one})"
        rf"|(?P<r1>{one})(?:[^\S\n]*[{dash}][^\S\n]*|{_S}(?:{conn}){_S})(?P<r2>{one}))"
        rf"|(?P<vague>{_alt(vague)}(?:{_S}(?:{bigm}))?)"
        rf"|(?P<one>{one})"
        r")"
        rf"(?P<post>(?:{post_about})\b|{_S}(?:{post_least})\b(?!{_S}(?:{not_after_least})\b))?"
        r"(?![\w]|[/:%][^\S\n]*\d|[^\S\n]*%)"
        rf"(?:{_S}(?P<unit>{_alt(unit_vocab)}|[^\W\d_]+(?:-[^\W\d_]+)?)(?![\w-]))?",
        re.IGNORECASE,
    )
    return SimpleNamespace(
        lex=lx, pattern=pattern, qual_of=qual_of, vague=vague,
        vague_base={w: v for w, v in vague.items() if " " not in w and "-" not in w},
        big=big, small=small, numwords=numwords, teen=frozenset(lx.TEEN_WORDS),
        ordinal_before=optional_re(lx.ORDINAL_BEFORE, r"(?<![\w-])", r"[-\s]*$"),
        tally_before=optional_re(lx.TALLY_NOUNS, r"(?<![\w-])", r"\s+(?:\w+\s+)?$"),
        age_end=re.compile(r"\)|[,;.]|\s+(?:" + _alt(lx.SPEAKER_COORDINATORS) + r")\s+[A-Z]|\s*$"),
        weak={re.sub(r"\s+", " ", w) for w in lx.WEAK_QUALIFIERS},
        non_est=set(lx.NON_ESTIMATE_UNITS), not_units=set(lx.NOT_UNITS),
        idiom=optional_re(lx.NUMBER_IDIOMS, r"(?<![\w-])", r"(?![\w-])"),
        percent=frozenset(lx.PERCENT_WORDS),
        post_about=re.compile(rf"(?:{post_about})$", re.I),
        one_re=re.compile(rf"({_DIGITS})\s*({bigm}|{small_alt})?$", re.I),
        split_re=re.compile(rf"(.*?)\s*({bigm})$", re.I),
        currency=re.compile(r"(?<![\w$€£])(?:" + _alt(lx.CURRENCY_PREFIXES) + r")[^\S\n]*$", re.I),
        timezone=re.compile(rf"\s*(?:{_alt(lx.TIME_ZONES)})\b", re.I),
        quals=re.compile(_alt(qual_of), re.I),
        of_unit=re.compile(r"[^\S\n]+(?:" + _alt(lx.OF_TOTAL) + r")[^\S\n]+([^\W\d_]+)", re.I),
    )


_BEFORE_WORD = re.compile(r"([^\W\d_]+)\W*$")
_ANY_WORD = re.compile(r"\w")
_YEAR = re.compile(r"(19\d\d|20\d\d|2100)")


def parse_digits(tok: str, multiplier: int | None = None) -> float | None:
    """'3.000' -> 3000, '1,5' -> 1.5, '3,000' -> 3000 (no multiplier), '1.5' -> 1.5."""
    if "." in tok and "," in tok:
        if tok.rfind(",") > tok.rfind("."):      # 1.234,5 (Indonesian)
            tok = tok.replace(".", "").replace(",", ".")
        else:                                     # 1,234.5 (English)
            tok = tok.replace(",", "")
    elif "." in tok:
        groups = tok.split(".")
        if all(len(g) == 3 for g in groups[1:]) and not (multiplier and len(groups) == 2
                                                          and len(groups[1]) != 3):
            tok = tok.replace(".", "")
        elif len(groups) != 2:
            return None
    elif "," in tok:
        groups = tok.split(",")
        if multiplier is None and all(len(g) == 3 for g in groups[1:]):
            tok = tok.replace(",", "")
        elif len(groups) == 2:
            tok = tok.replace(",", ".")
        else:
            return None
    try:
        return float(tok)
    except ValueError:
        return None


def parse_words(words: str, lang: str = lexicon.DEFAULT) -> float | None:
    """'tiga ribu' -> 3000, 'dua puluh lima ribu' -> 25000, 'seribu lima ratus' -> 1500,
    'two hundred fifty thousand' -> 250000 (with lang "en")."""
    P = patterns(lang)
    key = re.sub(r"\s+", " ", words.lower().strip())
    if key in P.numwords:  # "a hundred", "a dozen"
        return float(P.numwords[key])
    total, current = 0, 0
    for w in re.split(r"[\s-]+", key):
        if w in P.numwords:
            v = P.numwords[w]
            if v >= 1000:
                total += v
            else:
                current += v
        elif w in P.teen:
            current += 10
        elif w in P.small:
            current = (current or 1) * P.small[w]
        elif w in P.big:
            total += (current or 1) * P.big[w]
            current = 0
        else:
            return None
    return float(total + current)


def parse_one(s: str, lang: str = lexicon.DEFAULT) -> tuple[float | None, bool]:
    """A single number (digits + multiplier, or words) -> (value, had_multiplier)."""
    P = patterns(lang)
    m = P.one_re.match(s.strip())
    if m:
        mult = P.lex.MULTIPLIERS[m.group(2).lower()] if m.group(2) else None
        v = parse_digits(m.group(1), mult)
        return (None if v is None else v * (mult or 1)), mult is not None
    words = re.split(r"[\s-]+", s.lower().strip())
    return parse_words(s, lang), any(w in P.big or w in P.small or w in P.teen for w in words[1:])


def _split_multiplier(P, s: str, lang):
    """'5 ribu' -> (5, 1000); 'lima ribu' -> (5, 1000); '5' -> (5, 1)."""
    m = P.split_re.match(s.strip())
    if not m or not m.group(1):
        return parse_one(s, lang)[0], 1
    return parse_one(m.group(1), lang)[0], P.big[m.group(2).lower()]


def _vague(P, phrase: str):
    key = re.sub(r"\s+", " ", phrase.lower())
    if key in P.vague:
        return P.vague[key]
    base, _, mult = key.partition(" ")
    lo, hi = P.vague_base[base]
    k = P.big[mult]
    return lo * k, hi * k


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.lower())


def _prev_word(text: str, pos: int, window: int = 64) -> str:
    """The word (letters) just before ``pos``, lower case, or "" (only non-letters between).

    Looks back ``window`` characters first (searching from the start of the text for every
    number made find_numbers quadratic in the article length); falls back to the whole text
    only when the window cannot decide (the word may start before it, or it is all \\W).
    """
    lo = max(0, pos - window)
    m = _BEFORE_WORD.search(text, lo, pos)
    if lo and (m.start() == lo if m else not _ANY_WORD.search(text, lo, pos)):
        m = _BEFORE_WORD.search(text, 0, pos)
    return m.group(1).lower() if m else ""


_HYPHENATED = re.compile(r"-([^\W\d_]+)")
_COMPOUND = re.compile(r"[^\W\d_]+-[^\W\d_]+")  # "twenty-one", not "20-30" or "dua - tiga"


def _time_like(core: str) -> bool:
    """A number that can be a clock time: up to 24, or 10.30 / 10:30."""
    digits = re.sub(r"^\D+", "", core).strip()
    return bool(re.fullmatch(r"\d{1,2}(?:[.:]\d\d)?", digits)) and int(re.match(r"\d+", digits).group()) <= 24


def find_numbers(text: str, include_non_estimates: bool = False, date_spans=None,
                 lang: str = lexicon.DEFAULT) -> list[dict]:
    """Quantities in ``text`` (see module docstring); never dates, years, ages, times, %.
    ``date_spans``: the ``(start, end)`` of ``find_dates(text)`` when the caller has them."""
    text = text or ""
    lang = lexicon.normalize_lang(lang)
    P = patterns(lang)
    if date_spans is None:
        date_spans = [(d["start"], d["end"]) for d in find_dates(text, lang=lang)]
    out = []
    for m in P.pattern.finditer(text):
        row = _read(P, lang, text, m, date_spans, include_non_estimates)
        if row is not None:
            out.append(row)
    return out


# a person's age after their name: "Anang Suryono (59)", "Kasrinah, 47," — a capitalised word,
# then "(" or ", " right before the number, and ")" or a list separator right after it
_CLOCK = re.compile(r"\d{1,2}(?:[.:]\d\d)?\s*(?:[ap]\.m\.|[ap]m(?![\w]))", re.I)
_AGE_AFTER_NAME = re.compile(r"[A-Z][\w'’.-]*(?:\s\(|,\s)$")


def _not_a_count(P, text, m, g, core_start, core_end, dates, include_non_estimates) -> bool:
    """The number is part of a date, money, an age, a time, a length or a number label."""
    k = bisect.bisect_left(dates, (core_end, -1))  # dates sorted by start: only those before core_end
    if any(s < core_end and core_start < e for s, e in dates[max(0, k - 3):k]):
        return True
    if P.currency.search(text, max(0, m.start() - 6), m.start()):
        return True  # "US$ 2 miliar", "Rp 3.000": money
    prev = _prev_word(text, m.start())
    if prev in P.lex.AGE_CUES or (prev in P.lex.NOT_QUANTITY_BEFORE and not g["quals"]):
        return True  # "nomor 5", "aged 30"; not "the number at 5,000" (a hedge stands between)
    quals = g["quals"].lower().split() if g["quals"] else []
    if (prev in P.lex.TIME_CUES or (quals and quals[-1] in P.lex.TIME_CUES)) \
            and _time_like(text[core_start:core_end]) \
            and not P.tally_before.search(text, max(0, m.start() - 40), m.start()):
        return True  # "pukul 10", "at 5": a time; "put the number at 5,000", "the death toll at 16": counts
    if P.timezone.match(text, core_end) or re.fullmatch(r"\d{1,2}\.\d\d", text[core_start:core_end]):
        return True  # "10.00 WIB", "pukul 10.00": a time
    if any(x.start() <= core_start and core_end <= x.end()
           for x in P.idiom.finditer(text, max(0, core_start - 12), core_end + 24)):
        return True  # "one by one", "satu per satu"
    if _CLOCK.match(text, core_start):
        return True  # "3.30pm", "11:45 a.m.": a time
    of = P.of_unit.match(text, core_end) if not g["unit"] or _norm(g["unit"]) in P.not_units else None
    if of and of.group(1).lower() in P.non_est and not include_non_estimates:
        return True  # "hundreds of feet": a length
    if P.ordinal_before.search(text, max(0, core_start - 24), core_start):
        return True  # "hari ke 12", "hari ke-4": an ordinal
    if _AGE_AFTER_NAME.search(text, max(0, core_start - 40), core_start) and not g["unit"] \
            and P.age_end.match(text, core_end) and text[core_start:core_end].isdigit() \
            and int(text[core_start:core_end]) <= 120:
        return True  # "Anang Suryono (59)", "Julia Lestari, 20; Yuni, 45": ages in a list of names
    hyph = _HYPHENATED.match(text, core_end)
    word = hyph.group(1).lower() if hyph else ""
    return bool(hyph) and (word in P.non_est or word in P.lex.AGE_CUES or word.rstrip("s") in P.non_est)
    # ^ "a 16-minute vigil", "a 10-year-old girl": a length, an age


def _read(P, lang, text, m, dates, include_non_estimates):
    g = m.groupdict()
    core_start = m.start("range") if g["range"] else m.start("vague") if g["vague"] else m.start("one")
    core_end = m.end("post") if g["post"] else m.end("range") if g["range"] else (
        m.end("vague") if g["vague"] else m.end("one"))
    if _not_a_count(P, text, m, g, core_start, core_end, dates, include_non_estimates):
        return None
    unit = g["unit"]
    unit_end = m.end("unit") if unit else None
    if unit:
        unit = _norm(unit)
        if unit in P.not_units or unit in P.lex.TIME_ZONES:
            unit, unit_end = None, None
    if unit and (unit == "%" or unit.split()[0] in P.percent):
        return None
    if unit and not include_non_estimates and unit.split()[0] in P.non_est:
        return None
    qual = None
    if g["quals"]:
        words = [_norm(q) for q in P.quals.findall(g["quals"])]
        strong = [w for w in words if w not in P.weak] or words
        found = [P.qual_of[w] for w in strong]
        qual = max(found, key=lambda q: _QPRIO[q]) if found else None
    if g["post"]:
        post = "about" if P.post_about.search(g["post"].strip()) else "at_least"
        qual = post if qual is None or _QPRIO[post] > _QPRIO[qual] else qual
    low = high = value = NA
    if g["vague"]:
        low, high = _vague(P, g["vague"])
        value, qual = NA, "vague"
    elif g["range"]:
        r1, r2 = (g["a1"], g["a2"]) if g["a1"] else (g["r1"], g["r2"])
        (v1, m1), (v2, m2) = parse_one(r1, lang), parse_one(r2, lang)
        if v1 is None or v2 is None:
            return None
        if not m1 and m2:  # "3-5 ribu", "tiga hingga lima ribu": the multiplier is shared
            base2, k = _split_multiplier(P, r2, lang)
            if base2 is not None and v1 < base2:
                v1 *= k
        compound = parse_words(text[core_start:core_end], lang) if _COMPOUND.fullmatch(
            text[core_start:core_end]) else None
        if compound is not None and v1 > v2:  # "twenty-one": one number written with a hyphen
            low = high = value = compound
        elif v1 >= v2:
            return None  # "5-3" or a date-like pair: not a range
        else:
            low, high, value = v1, v2, (v1 + v2) / 2
        if compound is None or v1 < v2:
            qual = qual or "about"
            if qual == "exact":
                qual = "about"
        else:
            qual = qual or "exact"
    else:
        tok = g["one"].strip()
        value, _ = parse_one(tok, lang)
        if value is None:
            return None
        plain = re.fullmatch(r"\d{4}", tok)
        if plain and _YEAR.fullmatch(tok):
            if _prev_word(text, m.start()) in P.lex.YEAR_CUES or unit is None or unit in P.non_est:
                return None
        qual = qual or "exact"
        if qual == "exact":
            low = high = value
        elif qual == "at_least":
            low = value
        elif qual == "up_to":
            high = value
    start = m.start()
    end = unit_end if unit_end is not None else core_end
    return {"start": start, "end": end, "core_end": core_end, "surface": text[start:end],
            "value": value if value is NA else float(value),
            "low": low if low is NA else float(low), "high": high if high is NA else float(high),
            "qualifier": qual, "unit": unit if unit else NA}
