"""Numeric claims: one row per figure that counts one of the story's measures.

``extract_estimates(article, gaz, statements, ctx=None, profile=None)`` -> list of dicts with
the ESTIMATES columns of ``helpers.schema`` (except ``repeat_group``, which the pipeline
fills). Nothing here knows a story: what is counted comes from the story profile
(``helpers.profile``; the default profile covers troops, killed, injured, missing, displaced,
affected, arrested, crowd, cases, recovered, buildings damaged) and the words from the
article's language lexicon.

Which numbers: ``numbers.find_numbers`` quantities (never dates, years, ages, times, money,
percentages) that ``measures.assign`` gives a measure. Columns:

* ``measure`` / ``category`` / ``unit`` - see :mod:`helpers.measures`.
* ``claimant`` - see :mod:`helpers.claimants` (the speaker resolver of statements). A figure the
  text gives without a source (a lede, a headline, the outlet's own narration) has none: on
  real articles annotated blind, readers do not carry a later attribution back to the lede.
* ``as_of`` - the day-level date in the sentence nearest the number (outside a revision
  phrase), date_source "text"; else the claimant statement's ``stated_on``; else the
  publication date ("published"); else NaT ("none"). A sentence opening with an ``ANTERIOR``
  word ("Awalnya, …") reports an earlier figure: no date unless one is given.
* ``revises`` - when the sentence says the figure was raised/lowered from an earlier one
  (``REVISION_CUES``: "naik dari 3.000 menjadi 10.000", "bertambah dari 46 menjadi 56",
  "up from 3,000"), the earlier value. The earlier figure is also its own row (a claim the text
  reports), with the current figure's measure and category, the actor named in the revision
  phrase ("perkiraan awal AS") or else the same claimant, and ``revises`` NA.
* ``in_headline`` - the figure is in the article's headline line (it is a claim too, and joins
  the body's report of it in one repeat group).
* ``cited_source`` - the claimant statement's, else the sentence's (``sources.cited_source``).
"""
from __future__ import annotations

import bisect
import functools
import re
from types import SimpleNamespace

import pandas as pd

from helpers import lexicon, schema
from helpers.claimants import Claimants
from helpers.context import ArticleContext
from helpers.lexicon import alt
from helpers.measures import assign, clause, words_between
from helpers.numbers import find_numbers
from helpers.profile import default_profile
from helpers.sources import cited_source

NA = pd.NA


@functools.lru_cache(maxsize=None)
def patterns(lang: str) -> SimpleNamespace:
    lx = lexicon.get(lang)
    return SimpleNamespace(
        revision=re.compile(r"(?<![\w-])(?:" + alt(lx.REVISION_CUES) + r")(?:" + alt(lx.ENCLITIC_PRONOUNS)
                            + r")?(?![\w-])", re.I),
        to_end=re.compile(r"(?<![\w-])(?:" + alt(lx.REVISION_TO) + r")\s*$", re.I),
        owner=re.compile(r"(?<![\w-])(?:" + alt(lx.ESTIMATE_NOUNS) + r")(?:\s+(?:"
                         + alt(lx.ESTIMATE_NOUN_MODIFIERS) + r"))?\s+", re.I),
        anterior=re.compile(r"\W*(?:" + alt(lx.ANTERIOR) + r")(?![\w-])", re.I),
    )


def _norm_ts(x):
    if x is None or pd.isna(x):
        return pd.NaT
    ts = pd.Timestamp(x)
    return (ts.tz_localize(None) if ts.tzinfo else ts).normalize()


def _isna(x) -> bool:
    return x is None or (not isinstance(x, str) and pd.isna(x))


def _nearest_date(ctx, a, b, pos, exclude=None):
    best = None
    for d in ctx.dates_within(a, b):
        if pd.isna(d["date"]) or d["granularity"] == "month":
            continue
        ds, de = d["start"], d["end"]
        if exclude and exclude[0] <= ds < exclude[1]:
            continue
        dist = min(abs(ds - pos), abs(de - pos))
        if best is None or dist < best[0]:
            best = (dist, d["date"])
    return best[1] if best else None


def _revisions(P, text, sent, nums):
    """{current_index: (earlier_index, (phrase_start, phrase_end))} for revision phrases."""
    out = {}
    sa, sb = sent
    starts = [n["start"] for n in nums]
    idx = list(range(bisect.bisect_left(starts, sa), bisect.bisect_left(starts, sb)))
    for m in P.revision.finditer(text, sa, sb):
        later = [i for i in idx if nums[i]["start"] >= m.end()]
        if not later:
            continue
        earlier = later[0]
        if len(words_between(text, m.end(), nums[earlier]["start"])) > 10:
            continue
        after = [i for i in later[1:] if P.to_end.search(text[nums[earlier]["end"]:nums[i]["start"]])]
        before = [i for i in idx if nums[i]["end"] <= m.start()]
        current = after[0] if after else (before[-1] if before else None)
        if current is None:
            continue
        _, cb = clause(text, sent, m.start())
        tail = words_between(text, nums[earlier]["end"], cb)[:4]
        pb = nums[earlier]["end"] if after or not tail else tail[-1][1]
        out[current] = (earlier, (m.start(), pb))
    return out


def extract_estimates(article: dict, gaz, statements: list[dict],
                      ctx: ArticleContext | None = None, profile=None) -> list[dict]:
    """Estimate rows of one article (see module docstring); ``repeat_group`` is left out.
    ``ctx``: the article's :class:`~helpers.context.ArticleContext` when the caller has one;
    ``profile``: the story profile (default: ``profile.default_profile()``)."""
    ctx = ctx or ArticleContext(article, gaz)
    profile = profile or default_profile()
    P = patterns(ctx.lang)
    text, aid = ctx.text, article["article_id"]
    found = find_numbers(text, date_spans=ctx.date_spans(), lang=ctx.lang)
    nums = assign(text, found, ctx.sentences, profile, ctx.lang, skip=ctx.skip)
    who = Claimants(ctx, gaz, statements)
    revised = {}
    for sent in dict.fromkeys(n["_sent"] for n in nums):
        revised.update(_revisions(P, text, sent, nums))
    earlier_of = {e: (c, span) for c, (e, span) in revised.items()}
    head = ctx.headline[1] if ctx.headline else 0
    rows: dict[int, dict] = {}
    for i, n in enumerate(nums):
        if i in earlier_of:
            continue
        rows[i] = _row(P, ctx, aid, n, who, revised.get(i, (None, None))[1],
                       nums[revised[i][0]]["value"] if i in revised else NA, head)
    for e, (c, (pa, pb)) in earlier_of.items():
        rows[e] = _earlier_row(P, ctx, aid, nums[e], rows[c], who, pa, pb, head)
    return [rows[i] for i in sorted(rows)]


def _earlier_row(P, ctx, aid, n, cur, who, pa, pb, head):
    """The earlier figure of a revision phrase: the current figure's measure and category, the
    actor named in the phrase ("perkiraan awal AS") or else the same claimant."""
    text = ctx.text
    owner = P.owner.search(text, pa, n["start"])
    named = None
    if owner:
        ws = words_between(text, owner.end(), n["start"])[:3]
        named = who.phrase(owner.end(), ws[-1][1]) if ws else None
        if named and _isna(named["claimant_id"]):
            named = None  # only a listed actor names the owner of an estimate
    row = _row(P, ctx, aid, n, who, None, NA, head)
    row["measure"], row["category"] = cur["measure"], cur["category"]
    row.update(named or {k: cur[k] for k in ("claimant_id", "claimant", "affiliation")})
    d = _nearest_date(ctx, pa, pb, n["end"])
    row["as_of"], row["date_source"] = (d, "text") if d is not None else (pd.NaT, "none")
    return row


def _row(P, ctx, aid, n, who, revision_span, revises, head):
    text, published = ctx.text, ctx.published
    sent = n["_sent"]
    claimant, st = who.find(n, sent)
    d = _nearest_date(ctx, sent[0], sent[1], n["start"], exclude=revision_span)
    if d is not None:
        as_of, source = d, "text"
    elif P.anterior.match(text, sent[0], n["start"]):
        as_of, source = pd.NaT, "none"  # "Awalnya, …": an earlier figure, date not given
    elif st is not None and not _isna(st.get("stated_on")):
        as_of, source = _norm_ts(st["stated_on"]), st.get("date_source", "text")
    elif not pd.isna(published):
        as_of, source = published, "published"
    else:
        as_of, source = pd.NaT, "none"
    cited = st.get("cited_source", NA) if st is not None else NA
    if _isna(cited):
        cited = cited_source(text[sent[0]:sent[1]], lang=ctx.lang)
    if _isna(cited):
        cited = ctx.credit
    return dict(
        estimate_id=schema.estimate_id(aid, n["start"], n["end"]), article_id=aid,
        value=n["value"], low=n["low"], high=n["high"], qualifier=n["qualifier"],
        measure=n["measure"], category=n["category"], unit=n["unit"], **claimant,
        as_of=as_of, date_source=source, sentence=text[sent[0]:sent[1]],
        start=n["start"], end=n["end"], revises=revises, cited_source=cited,
        in_headline=n["start"] < head,
    )
