"""Indonesian date expressions, found in text and resolved against the publication date.

Two functions:

``find_dates(text, published)`` -> list of dict(start, end, surface, date, granularity)
    One compiled regex pass (built from ``lexicon.MONTHS``, ``WEEKDAYS``, ``RELATIVE_*``)
    finds candidate phrases; small rules resolve them against ``published``:

    * "Kamis (24/10/2024)", "24/10/2024", "2024-10-24", "24 Oktober 2024"  -> that day.
    * "Senin (28/10)", "(28/10)", "Rabu (23 Oktober)", "23 Oktober"  (no year) -> the year of
      ``published``; if that day would fall more than a day after ``published``, the previous
      year. Without ``published``: a weekday with the date ("Rabu (23 Oktober)") pins the year
      (the most recent such year, not in the future); a bare "(28/10)" -> NaT.
    * "pada hari Selasa", "Rabu sore", "Senin"  (weekday alone) -> the most recent such day on
      or before ``published``; "Selasa lalu" -> strictly before; "Selasa depan/mendatang" ->
      strictly after. Without ``published`` -> NaT.
    * "kemarin", "hari ini", "semalam" ... (``RELATIVE_DAYS``), "N hari (yang) lalu"
      -> published minus N days.
    * "pekan lalu", "minggu lalu", "seminggu lalu", "dua pekan lalu" (``RELATIVE_WEEKS``),
      "N minggu/pekan (yang) lalu" -> published minus 7*N days (granularity "week": the analyst
      should read it as "about then").
    * "Minggu" is Sunday only when capitalised, or after "hari", or with an explicit date
      ("Minggu (27/10)"); "minggu lalu" without "hari" is last week, and "minggu-minggu
      mendatang" / "berminggu-minggu" are not dates at all.
    * Month-level phrases ("Oktober 2024", "pada bulan Juni lalu", "awal hingga pertengahan
      Oktober", "bulan ini") are RETURNED (so numbers never mistakes them for quantities) but
      their ``date`` is NaT with granularity "month": a month is not a day, and resolving it to
      the 1st would invent precision (an as-of of 1 October for "early to mid October").
    Years alone ("2022", "sejak 2022") are not dates here (numbers.py excludes them); a bare
    "24/7" without parentheses or year is not a date either.

``parse_date(s)`` -> pd.Timestamp | NaT, for metadata values ("2024-10-24", "24/10/2024",
    "24 Oktober 2024", "Kamis, 24 Okt 2024 10:00 WIB"); dateparser (languages=['id'],
    day-first, cached) is the fallback for anything the fast rules do not read.

All dates are tz-naive ``pd.Timestamp`` at midnight, or ``pd.NaT``.
"""
from __future__ import annotations

import functools
import re

import pandas as pd

from helpers import lexicon

NaT = pd.NaT
_S = r"[^\S\n]+"  # spaces within a line


def _alt(words) -> str:
    """Regex alternation of words, longest first, spaces matching any whitespace."""
    ws = sorted({w for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", _S) for w in ws) or "(?!)"


def _opt(words, after=True) -> str:
    """An optional word of ``words`` after (or before) what it qualifies."""
    if not words:
        return ""
    return rf"(?:{_S}(?:{_alt(words)})\b)?" if after else rf"(?:(?:{_alt(words)}){_S})?"


@functools.lru_cache(maxsize=None)
def _pattern(lang: str):
    """The date grammar of one language, from its lexicon (see module docstring)."""
    lx = lexicon.get(lang)
    full = [m for m in lx.MONTHS if len(m) > 3 or m in lx.SHORT_FULL_MONTHS]
    mon_any, mon_full, wd = _alt(lx.MONTHS), _alt(full), _alt(lx.WEEKDAYS)
    numw = _alt([w for w in lx.NUMBER_WORDS if len(w) > 2])
    paren = (r"\([^\S\n]*(?:(?P<pd>\d{1,2})[^\S\n]*/[^\S\n]*(?P<pm>\d{1,2})(?:[^\S\n]*/[^\S\n]*(?P<py>\d{4}|\d{2}))?"
             rf"|(?P<ptd>\d{{1,2}})[^\S\n]+(?P<ptm>{mon_any})(?:\.(?=[^\S\n]*\d))?(?:[^\S\n]+(?P<pty>\d{{4}}))?)[^\S\n]*\)")
    dmy = (rf"(?P<wd_d>\d{{1,2}})(?:st|nd|rd|th)?[^\S\n]+(?:of[^\S\n]+)?(?P<wd_m>{mon_any})\b"
           rf"(?:\.(?=[^\S\n]*\d{{4}}))?(?:,?[^\S\n]+(?P<wd_y>\d{{4}})\b)?")
    mdy = (rf"(?P<md_m>{mon_any})\.?[^\S\n]+(?P<md_d>\d{{1,2}})(?:st|nd|rd|th)?(?![\d.,]\d)(?:,?[^\S\n]+(?P<md_y>\d{{4}})\b)?"
           if lx.MONTH_DAY_ORDER else r"(?!)")
    dmy_num = r"(?P<nd>\d{1,2})(?P<sep>[/-])(?P<nm>\d{1,2})(?:(?P=sep)(?P<ny>\d{4}|\d{2}))?(?![\d/.,-]\d)"
    rel_before = _alt(lx.WEEKDAY_RELATIVE_BEFORE) if lx.WEEKDAY_RELATIVE_BEFORE else None
    day_word = rf"(?P<hari>(?:{_alt(lx.DAY_WORDS)}){_S})?" if lx.DAY_WORDS else r"(?P<hari>(?!))?"
    parts = _alt(lx.MONTH_PARTS)
    return re.compile(
        r"(?<![\w-])(?:"
        r"(?P<iso>(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2}))(?!\d)"                      # 1. ISO
        rf"|(?P<wdphrase>{_opt(lx.DATE_PREPOSITIONS, False)}"                               # 2. weekday
        + (rf"(?:(?P<wrelb>{rel_before}){_S})?" if rel_before else r"(?P<wrelb>(?!))?")
        + rf"{day_word}(?P<wd>{wd})(?![\w-])"
        rf"(?:{_S}(?P<wrel>{_alt(lx.WEEKDAY_RELATIVE_AFTER)})\b)?"
        rf"{_opt(lx.DAYPARTS)}"
        rf"(?:[^\S\n]*,?[^\S\n]*(?:{paren}|{dmy}|{mdy.replace('?P<md_', '?P<wm_')}))?)"
        rf"|(?P<paren>{paren.replace('?P<p', '?P<q')})"                                     # 3. (28/10)
        rf"|(?P<dmy>{dmy.replace('?P<wd_', '?P<d_')})"                                      # 4. 24 Oktober
        rf"|(?P<mdy>{mdy})"                                                                 # 4b. Oct. 28
        rf"|(?P<num>{dmy_num})"                                                             # 5. 24/10/2024
        rf"|(?P<relweek>{_alt(lx.RELATIVE_WEEKS)})(?![\w-])"                               # 6. relative
        rf"|(?P<nago>(?P<nagon>\d{{1,3}}|{numw}){_S}(?P<nagou>{_alt(lx.AGO_UNITS)}){_S}(?:{_alt(lx.AGO_WORDS)}))\b"
        rf"|(?P<relday>{_alt(lx.RELATIVE_DAYS)})(?![\w-])"
        rf"|(?P<month>(?:(?:{_opt(lx.DATE_PREPOSITIONS, False)}(?:(?:{parts}){_S}"             # 7. months
        rf"(?:(?:{_alt(lx.MONTH_PART_JOINERS)}){_S}(?:{parts}){_S})?)?)?"
        rf"{_opt(lx.MONTH_WORDS, False)}(?:{mon_full})(?![\w-])"
        + (r"(?!\.?[^\S\n]+\d{1,2}(?:st|nd|rd|th)?(?![\d.,]\d))" if lx.MONTH_DAY_ORDER else "")  # "on July 2": a day
        + rf"(?:[^\S\n]+(?:\d{{4}})\b)?"
        rf"{_opt(lx.MONTH_RELATIVE_AFTER)}"
        rf"|(?:{_alt(lx.RELATIVE_MONTHS)})\b))"
        r")",
        re.IGNORECASE,
    )


def _ts(y: int, m: int, d: int):
    try:
        return pd.Timestamp(year=y, month=m, day=d)
    except (ValueError, OverflowError):
        return NaT


def _year(y) -> int | None:
    if y is None:
        return None
    y = int(y)
    return y + 2000 if y < 100 else y


def _day_month(d, m, y, published):
    """Resolve day/month/(year); without a year use published's year (previous if future)."""
    d, m = int(d), int(m)
    if not (1 <= d <= 31 and 1 <= m <= 12):
        return NaT
    if y is not None:
        return _ts(_year(y), m, d)
    if pd.isna(published):
        return NaT
    out = _ts(published.year, m, d)
    if not pd.isna(out) and out > published + pd.Timedelta(days=1):
        out = _ts(published.year - 1, m, d)
    return out


def _year_from_weekday(d: int, m: int, wd: int, today=None):
    """"Rabu (23 Oktober)" with no year and no publication date: the weekday pins the year.

    Returns the most recent day d/m, not after today, that falls on weekday ``wd`` within the
    last 12 years (a weekday repeats on a given date every 5, 6 or 11 years), else NaT.
    """
    today = pd.Timestamp(today if today is not None else pd.Timestamp.now()).normalize()
    for y in range(today.year, today.year - 12, -1):
        ts = _ts(y, m, d)
        if not pd.isna(ts) and ts <= today and ts.weekday() == wd:
            return ts
    return NaT


def _month_no(lx, name: str) -> int:
    return lx.MONTHS[re.sub(r"\s+", " ", name.lower()).rstrip(".")]


def _weekday(wd: int, published, rel: str | None):
    """The day of weekday ``wd`` relative to ``published``: rel "next" -> strictly after,
    "past" -> strictly before, else the most recent on or before."""
    if pd.isna(published):
        return NaT
    back = (published.weekday() - wd) % 7
    if rel == "next":
        return published + pd.Timedelta(days=(wd - published.weekday()) % 7 or 7)
    if rel == "past" and back == 0:
        back = 7
    return published - pd.Timedelta(days=back)


def _key(s: str) -> str:
    return re.sub(r"\s+", " ", s.lower())


def _norm_published(published):
    if published is None or pd.isna(published):
        return NaT
    ts = pd.Timestamp(published)
    if ts.tzinfo is not None:
        ts = ts.tz_localize(None)
    return ts.normalize()


def _minus(published, days):
    return published - pd.Timedelta(days=days) if not pd.isna(published) else NaT


def _weekday_phrase(lx, text, m, g, published):
    """(date, granularity, span) of a weekday phrase, or None when it is not a date."""
    wd_word = g["wd"]
    wd = lx.WEEKDAYS[wd_word.lower()]
    explicit = g["pd"] or g["ptd"] or g["wd_d"] or g.get("wm_d")
    rel_word = g["wrel"] or g["wrelb"]
    rel = (lx.WEEKDAY_RELATIVE_AFTER.get(_key(g["wrel"])) if g["wrel"] else
           lx.WEEKDAY_RELATIVE_BEFORE.get(_key(g["wrelb"])) if g["wrelb"] else None)
    if wd_word.lower() in lx.WEEK_WEEKDAYS and not g["hari"] and not explicit:
        # "minggu lalu" = last week; lower-case "minggu" otherwise is not a weekday
        if rel == "past":
            return _minus(published, 7), "week", (m.start("wd"), m.end("wrel"))
        if not wd_word[0].isupper() or rel_word:
            return None
    if not explicit:
        return _weekday(wd, published, rel), "day", (m.start(), m.end())
    if g["pd"]:
        d, mo, y = g["pd"], int(g["pm"]), g["py"]
    elif g["ptd"]:
        d, mo, y = g["ptd"], _month_no(lx, g["ptm"]), g["pty"]
    elif g["wd_d"]:
        d, mo, y = g["wd_d"], _month_no(lx, g["wd_m"]), g["wd_y"]
    else:
        d, mo, y = g.get("wm_d"), _month_no(lx, g.get("wm_m")), g.get("wm_y")
    date = _day_month(d, mo, y, published)
    if pd.isna(date) and y is None and pd.isna(published):
        date = _year_from_weekday(int(d), mo, wd)
    return date, "day", (m.start(), m.end())


def _other_phrase(lx, g, published):
    """(date, granularity) of a non-weekday phrase, or None when it is not a date."""
    if g["iso"]:
        return _ts(int(g["iy"]), int(g["im"]), int(g["id"])), "day"
    if g["paren"]:
        if g["qd"]:
            return _day_month(g["qd"], g["qm"], g["qy"], published), "day"
        return _day_month(g["qtd"], _month_no(lx, g["qtm"]), g["qty"], published), "day"
    if g["dmy"]:
        return _day_month(g["d_d"], _month_no(lx, g["d_m"]), g["d_y"], published), "day"
    if g.get("mdy"):
        return _day_month(g["md_d"], _month_no(lx, g["md_m"]), g.get("md_y"), published), "day"
    if g["num"]:
        if g["ny"] is None:
            return None  # bare "24/7" or "3-5" is not a date; "(28/10)" is handled above
        date = _day_month(g["nd"], g["nm"], g["ny"], published)
        if pd.isna(date) and not (1 <= int(g["nd"]) <= 31 and 1 <= int(g["nm"]) <= 12):
            return None  # "45/60" is not a date
        return date, "day"
    if g["relweek"]:
        return _minus(published, 7 * lx.RELATIVE_WEEKS[_key(g["relweek"])]), "week"
    if g["nago"]:
        word = g["nagon"]
        n = int(word) if word.isdigit() else lx.NUMBER_WORDS[word.lower()]
        days = lx.AGO_UNITS[_key(g["nagou"])]
        return _minus(published, n * days), "day" if days == 1 else "week"
    if g["relday"]:
        return _minus(published, lx.RELATIVE_DAYS[_key(g["relday"])]), "day"
    return NaT, "month"


def find_dates(text: str, published=NaT, lang: str = lexicon.DEFAULT) -> list[dict]:
    """Date phrases in ``text`` with their resolved day (see module docstring)."""
    lang = lexicon.normalize_lang(lang)
    lx = lexicon.get(lang)
    published = _norm_published(published)
    out = []
    for m in _pattern(lang).finditer(text or ""):
        g = m.groupdict()
        if g["wdphrase"]:
            got = _weekday_phrase(lx, text, m, g, published)
            if got is None:
                continue
            date, gran, (start, end) = got
        else:
            got = _other_phrase(lx, g, published)
            if got is None:
                continue
            (date, gran), start, end = got, m.start(), m.end()
        out.append(_row(text, start, end, date, gran))
    return out


def _row(text, start, end, date, gran):
    return {"start": start, "end": end, "surface": text[start:end],
            "date": date if pd.isna(date) else pd.Timestamp(date).normalize(),
            "granularity": gran}


_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")


@functools.lru_cache(maxsize=4096)
def _dateparser(s: str):
    import dateparser  # imported lazily: ~100 ms, only needed for unusual metadata

    d = dateparser.parse(s, languages=["id", "en"], settings={"DATE_ORDER": "DMY",
                                                        "PREFER_DAY_OF_MONTH": "first",
                                                        "RETURN_AS_TIMEZONE_AWARE": False})
    return NaT if d is None else pd.Timestamp(d).normalize()


def parse_date(s) -> pd.Timestamp:
    """A metadata date value -> midnight Timestamp, or NaT when empty or unreadable."""
    if s is None or (not isinstance(s, str) and pd.isna(s)):
        return NaT
    if isinstance(s, (pd.Timestamp,)):
        return _norm_published(s)
    s = str(s).strip()
    if not s:
        return NaT
    m = _ISO.match(s)
    if m:
        return _ts(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    found = [d for d in find_dates(s) if d["granularity"] == "day" and not pd.isna(d["date"])]
    if found:
        return found[0]["date"]
    return _dateparser(s)
