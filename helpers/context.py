"""One article's shared analyses, computed once and read by every extractor.

``ArticleContext(article, gaz)`` holds what statements, estimates and the mentions table all
need: the normalised ``text``, the ``published`` day, ``sentences`` and ``quotes``
(``helpers.text``), actor ``mentions`` (``Gazetteer.find_mentions``, sorted by start) and the
date phrases of the whole text (``dates.find_dates`` resolved against ``published``, absolute
offsets). Before it existed each extractor re-ran these passes (mentions three times, dates once
per sentence and again per row); ``extract_statements``/``extract_estimates`` build one when
they are called without it, so they stay usable on their own.

``skip`` holds the spans of link lines ("Baca juga: …", lexicon ``LINK_LINE_PREFIXES``): they
are not prose, so no statement or figure is read from them.

``candidate_sentences`` is the pre-filter of the statement rules: the ``sentences`` that can
hold a statement, i.e. overlap a quotation or contain a speech cue. One Aho-Corasick pass per
article (pyahocorasick, over the lower-cased text) finds every occurrence of the first word of
every cue of the lexicon lists the statement patterns are built from (``CUE_LISTS``); a
sentence with neither a quotation nor such a word cannot match any cue pattern, gives no
statement, and the extractor skips it. Every occurrence is reported (overlapping ones too) and
no word boundary is required, so the filter keeps a superset of the sentences the rules act on.

``dates_within(a, b, blank=())`` returns the date phrases lying inside ``[a, b)`` and outside
the ``blank`` spans (what someone said is not the day it was said).
one context per article, built inside the worker that annotates it; nothing is shared
between articles.
"""
from __future__ import annotations

import bisect
import functools
import re

import pandas as pd

from helpers import lexicon
from helpers.dates import find_dates
from helpers.sources import wire_credit
from helpers.text import find_quotes, split_sentences


def _day(published):
    if published is None or pd.isna(published):
        return pd.NaT
    ts = pd.Timestamp(published)
    return (ts.tz_localize(None) if ts.tzinfo else ts).normalize()


@functools.lru_cache(maxsize=None)
def _link_line(lang: str) -> re.Pattern:
    words = lexicon.get(lang).LINK_LINE_PREFIXES
    return re.compile(r"^[^\S\n]*[\[(]?(?:" + lexicon.alt(words, r"[^\S\n]+") + r")\b[^\n]*", re.I | re.M)


def link_lines(text: str, lang: str = lexicon.DEFAULT) -> list[tuple[int, int]]:
    """Spans of lines that link to other articles ("Baca juga: …", "Read more: …"); a prefix
    alone on its line ("Baca Juga:") takes the next line (the linked headline) with it."""
    out = []
    for m in _link_line(lang).finditer(text):
        end = m.end()
        if len(m.group().strip(" :[]()").split()) <= 2:
            nxt = text.find("\n", end + 1)
            end = len(text) if nxt == -1 else nxt
        out.append((m.start(), end))
    return out


# The word lists behind the patterns statements._Extractor._cues scans a sentence with
# (patterns.speech: SPEECH, AFTER, ACCORDING, PASSIVE). A new kind of cue there must add its
# list here too, or the pre-filter would skip the sentences it is in (tests/test_bench.py checks
# that the statements are the same with and without the pre-filter).
CUE_LISTS = ("SPEECH_VERBS", "DIRECT_AFTER_VERBS", "ACCORDING_TO", "PASSIVE_SPEECH_VERBS")


@functools.lru_cache(maxsize=None)
def _cue_automaton(lang: str):
    """Aho-Corasick automaton of the first word of every cue of ``lang`` (lower case): a match
    of any cue pattern starts with one of them."""
    import ahocorasick

    lx = lexicon.get(lang)
    auto = ahocorasick.Automaton()
    for name in CUE_LISTS:
        for phrase in getattr(lx, name):
            word = phrase.split()[0].lower()
            auto.add_word(word, len(word))
    auto.make_automaton()
    return auto


def candidate_sentences(text: str, sentences, quotes, lang: str = lexicon.DEFAULT) -> list:
    """The ``sentences`` that overlap a quotation or contain a speech cue (module docstring)."""
    if not sentences:
        return []
    low = text.lower()
    if len(low) != len(text):  # a character whose lower case is longer: offsets would shift
        return list(sentences)
    hits = sorted({end - n + 1 for end, n in _cue_automaton(lang).iter(low)})
    quotes = sorted(quotes)
    out = []
    qi = hi = 0
    n_q, n_h = len(quotes), len(hits)
    for sa, sb in sentences:  # sentences, quotes and hits are in text order
        while hi < n_h and hits[hi] < sa:
            hi += 1
        while qi < n_q and quotes[qi][1] <= sa:
            qi += 1
        if (hi < n_h and hits[hi] < sb) or (qi < n_q and quotes[qi][0] < sb):
            out.append((sa, sb))
    return out


def _not_inside_names(text: str, mentions: list[dict], continuations) -> list[dict]:
    """Mentions that are not the first word of a longer name: "Jakarta" in "the Jakarta Globe",
    "Moscow" in "The Moscow Times" name a newspaper, not the government (``NAME_CONTINUATIONS``)."""
    if not continuations:
        return mentions
    words = set(continuations)
    out = []
    for m in mentions:
        nxt = re.match(r"[^\S\n]+([A-Z][\w]*)", text[m["end"]:m["end"] + 40])
        if not (nxt and nxt.group(1) in words):
            out.append(m)
    return out


def headline_span(text: str):
    """(0, end) of the headline line — the first line when it reads as a title (no final full
    stop, at most 25 words, a body follows) — else None."""
    nl = text.find("\n")
    if nl <= 0:
        return None
    first = text[:nl].strip()
    if not first or len(first.split()) > 25 or re.search(r"[.!?\"”’]$", first):
        return None
    return (0, nl)


class ArticleContext:
    """Sentences, quotations, mentions and dates of one article (see module docstring)."""

    def __init__(self, article: dict, gaz):
        self.text = article.get("text") or ""
        self.lang = lexicon.normalize_lang(article.get("language"))
        self.published = _day(article.get("published"))
        self.quotes = find_quotes(self.text)
        self.sentences = split_sentences(self.text, self.quotes)
        self.mentions = _not_inside_names(
            self.text, sorted(gaz.find_mentions(self.text), key=lambda m: m["start"]) if gaz else [],
            lexicon.get(self.lang).NAME_CONTINUATIONS)
        self.dates = find_dates(self.text, self.published, self.lang)
        self.skip = link_lines(self.text, self.lang)  # "Baca juga: …" lines are not prose
        self.headline = headline_span(self.text)
        self.credit = wire_credit(self.text, self.lang)  # "(Reuters)" in the dateline
        self.candidate_sentences = candidate_sentences(self.text, self.sentences, self.quotes, self.lang)
        self._date_starts = [d["start"] for d in self.dates]

    def dates_within(self, a: int, b: int, blank=()) -> list[dict]:
        """Date phrases inside ``[a, b)`` that overlap none of the ``blank`` spans."""
        out = []
        for i in range(bisect.bisect_left(self._date_starts, a), len(self.dates)):
            d = self.dates[i]
            if d["start"] >= b:
                break
            if d["end"] <= b and not any(s < d["end"] and d["start"] < e for s, e in blank):
                out.append(d)
        return out

    def date_spans(self) -> list[tuple[int, int]]:
        return [(d["start"], d["end"]) for d in self.dates]
