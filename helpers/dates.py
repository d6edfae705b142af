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

lx = lexicon.get("id")

NaT = pd.NaT


def _alt(words) -> str:
    """Regex alternation of words, longest first, spaces matching any whitespace."""
    ws = sorted({w for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"[^\S\n]+") for w in ws)


_FULL_MONTHS = [m for m in lx.MONTHS if len(m) > 3 or m == "mei"]
_MON_ANY = _alt(lx.MONTHS)           # after a day number abbreviations are safe: "24 Okt"
_MON_FULL = _alt(_FULL_MONTHS)       # standalone month names: full names only
_WD = _alt(lx.WEEKDAYS)
_RELDAY = _alt(lx.RELATIVE_DAYS)
_RELWEEK = _alt(lx.RELATIVE_WEEKS)
_NUMW = _alt([w for w in lx.NUMBER_WORDS if w != "se"])

# explicit day date forms (named groups are unique, so each form has its own names)
_PAREN = (r"\([^\S\n]*(?:(?P<pd>\d{1,2})[^\S\n]*/[^\S\n]*(?P<pm>\d{1,2})(?:[^\S\n]*/[^\S\n]*(?P<py>\d{4}|\d{2}))?"
          rf"|(?P<ptd>\d{{1,2}})[^\S\n]+(?P<ptm>{_MON_ANY})(?:\.(?=[^\S\n]*\d))?(?:[^\S\n]+(?P<pty>\d{{4}}))?)[^\S\n]*\)")
_DMY_WORDS = rf"(?P<wd_d>\d{{1,2}})[^\S\n]+(?P<wd_m>{_MON_ANY})\b(?:\.(?=[^\S\n]*\d{{4}}))?(?:[^\S\n]+(?P<wd_y>\d{{4}})\b)?"
_DMY_NUM = r"(?P<nd>\d{1,2})(?P<sep>[/-])(?P<nm>\d{1,2})(?:(?P=sep)(?P<ny>\d{4}|\d{2}))?(?![\d/.,-]\d)"

_PATTERN = re.compile(
    r"(?<![\w-])(?:"
    # 1. ISO date
    r"(?P<iso>(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2}))(?!\d)"
    # 2. weekday (+ optional lalu/depan, time of day, explicit date)
    rf"|(?P<wdphrase>(?:pada[^\S\n]+)?(?P<hari>hari[^\S\n]+)?(?P<wd>{_WD})(?![\w-])"
    r"(?:[^\S\n]+(?P<wrel>lalu|kemarin|ini|depan|mendatang)\b)?"
    r"(?:[^\S\n]+(?:pagi|siang|sore|malam|dini[^\S\n]+hari)\b)?"
    rf"(?:[^\S\n]*,?[^\S\n]*(?:{_PAREN}|{_DMY_WORDS}))?)"
    # 3. parenthesised date alone: "(28/10)"
    rf"|(?P<paren>{_PAREN.replace('?P<p', '?P<q')})"
    # 4. day + month name (+ year)
    rf"|(?P<dmy>{_DMY_WORDS.replace('?P<wd_', '?P<d_')})"
    # 5. numeric date 24/10/2024, 28/10
    rf"|(?P<num>{_DMY_NUM})"
    # 6. relative weeks / days, "N hari (yang) lalu"
    rf"|(?P<relweek>{_RELWEEK})(?![\w-])"
    rf"|(?P<nago>(?P<nagon>\d{{1,3}}|{_NUMW})[^\S\n]+(?P<nagou>hari|minggu|pekan)[^\S\n]+(?:yang[^\S\n]+)?lalu)\b"
    rf"|(?P<relday>{_RELDAY})(?![\w-])"
    # 7. month-level phrases (NaT)
    r"|(?P<month>(?:(?:pada[^\S\n]+)?(?:(?:awal|pertengahan|akhir|medio)[^\S\n]+"
    r"(?:(?:hingga|sampai|-)[^\S\n]+(?:awal|pertengahan|akhir)[^\S\n]+)?)?"
    rf"(?:bulan[^\S\n]+)?(?:{_MON_FULL})(?![\w-])(?:[^\S\n]+(?:\d{{4}})\b)?(?:[^\S\n]+(?:lalu|ini|depan|mendatang)\b)?"
    r"|bulan[^\S\n]+(?:lalu|ini|depan)\b))"
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


def _month_no(name: str) -> int:
    return lx.MONTHS[re.sub(r"\s+", " ", name.lower()).rstrip(".")]


def _weekday(wd: int, published, rel: str | None):
    if pd.isna(published):
        return NaT
    back = (published.weekday() - wd) % 7
    if rel in ("depan", "mendatang"):
        return published + pd.Timedelta(days=(wd - published.weekday()) % 7 or 7)
    if rel == "lalu" and back == 0:
        back = 7
    return published - pd.Timedelta(days=back)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else lx.NUMBER_WORDS[word.lower()]


def _norm_published(published):
    if published is None or pd.isna(published):
        return NaT
    ts = pd.Timestamp(published)
    if ts.tzinfo is not None:
        ts = ts.tz_localize(None)
    return ts.normalize()


def find_dates(text: str, published=NaT) -> list[dict]:
    """Date phrases in ``text`` with their resolved day (see module docstring)."""
    published = _norm_published(published)
    out = []
    for m in _PATTERN.finditer(text or ""):
        g = m.groupdict()
        gran, date = "day", NaT
        start, end = m.start(), m.end()
        if g["iso"]:
            date = _ts(int(g["iy"]), int(g["im"]), int(g["id"]))
        elif g["wdphrase"]:
            wd_word = g["wd"]
            wd = lx.WEEKDAYS[wd_word.lower()]
            explicit = g["pd"] or g["ptd"] or g["wd_d"]
            if wd_word.lower() in ("minggu",) and not g["hari"] and not explicit:
                # "minggu lalu" = last week; lower-case "minggu" otherwise is not a weekday
                if g["wrel"] and g["wrel"].lower() == "lalu":
                    gran = "week"
                    date = published - pd.Timedelta(days=7) if not pd.isna(published) else NaT
                    out.append(_row(text, m.start("wd"), m.end("wrel"), date, gran))
                    continue
                if not wd_word[0].isupper() or g["wrel"]:
                    continue
            if explicit:
                if g["pd"]:
                    d, mo, y = g["pd"], int(g["pm"]), g["py"]
                elif g["ptd"]:
                    d, mo, y = g["ptd"], _month_no(g["ptm"]), g["pty"]
                else:
                    d, mo, y = g["wd_d"], _month_no(g["wd_m"]), g["wd_y"]
                date = _day_month(d, mo, y, published)
                if pd.isna(date) and y is None and pd.isna(published):
                    date = _year_from_weekday(int(d), mo, wd)
            else:
                rel = g["wrel"].lower() if g["wrel"] else None
                date = _weekday(wd, published, rel)
        elif g["paren"]:
            if g["qd"]:
                date = _day_month(g["qd"], g["qm"], g["qy"], published)
            else:
                date = _day_month(g["qtd"], _month_no(g["qtm"]), g["qty"], published)
        elif g["dmy"]:
            date = _day_month(g["d_d"], _month_no(g["d_m"]), g["d_y"], published)
        elif g["num"]:
            if g["ny"] is None:
                continue  # bare "24/7" or "3-5" is not a date; "(28/10)" is handled above
            date = _day_month(g["nd"], g["nm"], g["ny"], published)
            if pd.isna(date) and not (1 <= int(g["nd"]) <= 31 and 1 <= int(g["nm"]) <= 12):
                continue  # "45/60" is not a date
        elif g["relweek"]:
            gran = "week"
            weeks = lx.RELATIVE_WEEKS[re.sub(r"\s+", " ", g["relweek"].lower())]
            date = published - pd.Timedelta(days=7 * weeks) if not pd.isna(published) else NaT
        elif g["nago"]:
            n = _count(g["nagon"])
            unit = g["nagou"].lower()
            gran = "day" if unit == "hari" else "week"
            days = n if unit == "hari" else 7 * n
            date = published - pd.Timedelta(days=days) if not pd.isna(published) else NaT
        elif g["relday"]:
            days = lx.RELATIVE_DAYS[re.sub(r"\s+", " ", g["relday"].lower())]
            date = published - pd.Timedelta(days=days) if not pd.isna(published) else NaT
        elif g["month"]:
            gran = "month"
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
