"""Numeric claims: one row per troop figure claimed in an article.

``extract_estimates(article, gaz, statements)`` -> list of dicts with the ESTIMATES columns of
``helpers.schema`` (except ``repeat_group``, which annotate fills). All word lists come from
``helpers.lexicon``; nothing here knows the story.

Which numbers: ``numbers.find_numbers`` quantities whose unit is a troop noun
(``TROOP_UNITS``: "3.000 tentara", "ribuan pasukan", "1.500 pasukan khusus"), or whose unit is
missing/"orang" with a troop noun just before ("pasukan sebanyak 3.000"), or casualty counts
("500 orang tewas": ``CASUALTY_UNITS`` with a casualty cue in the clause). Dates, years, ages,
times, percentages, ships and days never get here.

Columns:
* ``category`` - cues (``CATEGORY_CUES``) in the figure's clause (the sentence cut at dashes
  and semicolons), in this order: casualties (cue within 6 words) > prepared (cue within 6
  words: "persiapan 10.000 tentara") > planned (a planned cue within 8 words before the number
  with no "telah/sudah" in between - "berencana mengirim total 12.000", "akan mengerahkan
  3.000", "Rencana X untuk mengirimkan 10.000" - or a planned cue in the first 4 words after
  it, before any comma ("10.000 tentara yang akan dikirim"), or "menjelang …" after it) >
  deployed (cue within 10 words, else anywhere in the sentence) > other.
* ``claimant`` - in order: the speaker of a statement whose text contains the number; of a
  statement in the same sentence (statements whose stance is "denies" never count: "Peskov
  menolak mengomentari laporan bahwa 8.000 tentara …" is not Peskov's figure); "menurut X" in the sentence; the subject of a speech verb
  in the sentence ("AS mengklaim …", "…, Pentagon mengumumkan"); the nearest earlier statement
  in the same paragraph; else the claimant of a LATER row with the same figure (a lede that
  summarises a claim attributed further down); else NA. Listed actors come from ``gaz``; an
  unlisted claimant keeps its surface name with ``claimant_id`` NA.
* ``as_of`` - the day-level date in the sentence nearest the number (outside a revision
  phrase; ``dates.find_dates``), date_source "text"; else the claimant statement's
  ``stated_on`` (its date_source); else the publication date ("published"); else NaT ("none").
* ``revises`` - when the sentence says the figure was raised/lowered from an earlier one
  (``REVISION_CUES``: "naik dari perkiraan awal AS yang berjumlah 3.000 tentara", "naik dari
  3.000 menjadi 10.000"), the earlier value. DECISION: the earlier figure is ALSO emitted as
  its own row (it is a claim the text reports), with the current figure's category, the actor
  named in the revision phrase ("perkiraan awal AS") or else the same claimant, as_of from a
  date inside the revision phrase ("pada minggu lalu") or NaT, and ``revises`` NA. So a chart
  shows 3,000 -> 10,000.
* ``cited_source`` - the claimant statement's cited_source, else
  ``statements.cited_source(sentence)`` ("dikutip Al Jazeera", "kepada CNN").
"""
from __future__ import annotations

import re

import pandas as pd

from helpers import lexicon, schema

lx = lexicon.get("id")
from helpers.context import ArticleContext
from helpers.numbers import find_numbers
from helpers.text import sentence_at

NA = pd.NA

from helpers.sources import cited_source as _cited_source


def _alt(words) -> str:
    ws = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ws)


def _words_re(words) -> re.Pattern:
    return re.compile(r"(?<![\w-])(?:" + _alt(words) + r")(?![\w-])", re.I)


_TROOP_WORDS = {u for u in lx.TROOP_UNITS if " " not in u}
_TROOP_BEFORE = _TROOP_WORDS - set(lx.NOT_TROOP_BEFORE)
def _cue_re(cat) -> re.Pattern:
    """A category's cue words, except inside ``lexicon.NOT_CUES`` phrases ("musim gugur")."""
    not_before = "".join(f"(?<!{re.escape(p.rsplit(' ', 1)[0])} )" for p in lx.NOT_CUES.get(cat, []))
    return re.compile(r"(?<![\w-])" + not_before + r"(?:" + _alt(lx.CATEGORY_CUES[cat]) + r")(?![\w-])", re.I)


_CUES = {cat: _cue_re(cat) for cat in lx.CATEGORY_CUES}
_PLANNED_AFTER = _words_re(lx.CATEGORY_CUES["planned"])
_MENJELANG = _words_re(lx.PLANNED_AFTER_ANYWHERE)
_PERFECTIVE = _words_re(lx.PERFECTIVE)
_REVISION = re.compile(r"(?<![\w-])(?:" + _alt(lx.REVISION_CUES) + r")(?:nya)?(?![\w-])", re.I)
_VERBISH = re.compile(r"^(?:" + "|".join(lx.VERB_PREFIXES) + r")[a-z]{3,}$")
_YANG = re.compile(r"(?<![\w-])yang(?![\w-])", re.I)
_PRONOUN_PARTITIVE = re.compile(r"\s+(?:" + _alt(lx.PRONOUN_PARTITIVES) + r")(?![\w-])", re.I)
_PARTITIVE = re.compile(r"\s+(?:" + _alt(lx.PARTITIVES) + r")(?![\w-])", re.I)
_THEN = re.compile(r"\s+(?:menjadi|ke)\s+", re.I)
_ANTERIOR = re.compile(r"\W*(?:" + _alt(lx.ANTERIOR) + r")(?![\w-])", re.I)
_HEADLINE_SPEAKER = re.compile(r"\s*(?P<x>[A-Z][^:\n]{0,40}?)\s*:\s+\S")
_ESTIMATE_OWNER = re.compile(r"(?<![\w-])(?:perkiraan|estimasi|taksiran)(?:\s+(?:awal|sebelumnya|pertama|resmi))?\s+", re.I)
_DENY_VERBS = set(lx.STANCE_WORDS["denies"])
_HEADLINE_VERB = _words_re(lx.HEADLINE_CLAIM_VERBS)
_LOCATED = re.compile(r"(?<![\w-])(?:" + _alt(lx.LOCATIVES) + r")\s+(?:(?:wilayah|kawasan|perbatasan)\s+)?[A-Z]")
_MENJADI = re.compile(r"(?<![\w-])(?:menjadi|ke\s+angka|jadi)\s*$", re.I)
_SPEECH = _words_re(lx.SPEECH_VERBS)
_ACCORDING = re.compile(r"(?<![\w-])(?:" + _alt(lx.ACCORDING_TO) + r")\s+(?P<x>[^,.;:\"“”]+)", re.I)
_NOT_CLAIMANT = re.compile(r"^\s*(?:" + _alt(lx.ACCORDING_NOT_CLAIMANT) + r")(?![\w-])", re.I)
_CLAUSE_SEP = re.compile(r"\s[-\u2013\u2014]+\s|;|(?<!\d)[\u2013\u2014](?!\d)")
_WORD = re.compile(r"[\w'’-]+")
_NOT_SUBJECT = set(getattr(lx, "LEAD_WORDS", [])) | {p for p in lx.PRONOUNS} | {"dia", "ia"}
_CAPRUN = re.compile(r"((?:[A-Z][\w'’.-]*\s+){0,4}[A-Z][\w'’.-]*)\s*$")


def _norm_ts(x):
    if x is None or pd.isna(x):
        return pd.NaT
    ts = pd.Timestamp(x)
    return (ts.tz_localize(None) if ts.tzinfo else ts).normalize()


LOOKBACK = 1200  # characters searched back for the troops a casualty figure counts


def _is_troop_unit(unit) -> bool:
    return isinstance(unit, str) and any(w in _TROOP_WORDS for w in unit.split())


def _clause(text, sent, pos):
    """The part of sentence ``sent`` around ``pos`` between dashes/semicolons."""
    a, b = sent
    for m in _CLAUSE_SEP.finditer(text, a, b):
        if m.end() <= pos:
            a = m.end()
        elif m.start() >= pos:
            b = m.start()
            break
    return a, b


def _words_between(text, a, b):
    return [(m.start(), m.end()) for m in _WORD.finditer(text, a, b)]


def _cue_near(rx, text, a, b, n_words, before=True):
    """First match of ``rx`` within ``n_words`` words before ``b`` (or after ``a``)."""
    span = 24 * n_words  # look at a window first; the whole range only when it holds too few words
    ws = _words_between(text, max(a, b - span), b) if before else _words_between(text, a, min(b, a + span))
    if len(ws) > n_words:  # the window's first (or last) word may be cut: it is not among those used
        ws = ws[-n_words:] if before else ws[:n_words]
    else:
        ws = _words_between(text, a, b)
    if not ws:
        return None
    lo, hi = (ws[max(0, len(ws) - n_words)][0], b) if before else (a, ws[min(len(ws), n_words) - 1][1])
    ms = list(rx.finditer(text, lo, hi))
    return (ms[-1] if before else ms[0]) if ms else None


def _category(text, n, clause, sent):
    ca, cb = clause
    s, e = n["start"], n["end"]
    for cat in ("casualties", "prepared"):  # 8 words before: "korban itu direvisi dari 1.100"
        if _cue_near(_CUES[cat], text, ca, s, 8):
            return cat
        after = _cue_near(_CUES[cat], text, e, cb, 6, False)
        if after and not _other_troops(text, n, after.start()):
            return cat  # not "… untuk menggantikan prajurit yang tewas": their casualties
    comma = text.find(",", e, cb)
    tail = (e, cb if comma == -1 else comma)
    late = _cue_near(_CUES["casualties"], text, *tail, 16, False)
    rel = _YANG.search(text, e, late.start()) if late else None
    if rel and not any(_VERBISH.match(text[a:b].lower()) for a, b in _words_between(text, e, rel.start())):
        return "casualties"  # "ratusan tentara … yang dikerahkan ke Kursk telah tewas"
    m = _cue_near(_CUES["planned"], text, ca, s, 8)
    if m and not _PERFECTIVE.search(text, m.end(), s):
        return "planned"
    comma = text.find(",", e, cb)
    tail_end = cb if comma == -1 else comma
    head = _words_between(text, e, tail_end)[:4]
    if head and _PLANNED_AFTER.search(text, e, head[-1][1]) or _MENJELANG.search(text, e, tail_end):
        return "planned"  # "10.000 tentara yang akan dikirim", "… menjelang bulan Desember"
    if _cue_near(_CUES["deployed"], text, ca, s, 10) or _cue_near(_CUES["deployed"], text, e, cb, 10, False):
        return "deployed"
    if _CUES["deployed"].search(text, sent[0], sent[1]) or _LOCATED.search(text, ca, cb):
        return "deployed"
    return "other"


def _other_troops(text, n, pos) -> bool:
    """A troop noun between figure ``n`` (its span includes its unit) and ``pos``."""
    return any(text[a:b].lower() in _TROOP_WORDS for a, b in _words_between(text, n["end"], pos))


def _troop_unit(text, n, clause, sent, following=None):
    """The troop unit of figure ``n`` or None when it is not a troop figure.

    Its own unit ("3.000 tentara"); a casualty unit with a casualty cue ("500 orang tewas");
    a troop noun shortly before when the unit is missing or "orang" ("pasukan sebanyak 3.000",
    "Pasukan … yang dikirim ke Rusia kini berjumlah 11.000 orang"); a partitive after it with
    a troop noun earlier in the sentence ("8.000 di antaranya", or the earlier figure of a
    revision phrase: "… dari perkiraan sebelumnya sebanyak 3.000 orang"); or "dari 10.000 menjadi
    12.000 tentara" (the unit of the figure after "menjadi")."""
    unit = n["unit"]
    if _is_troop_unit(unit):
        return unit
    ca, cb = clause
    if isinstance(unit, str) and unit in lx.CASUALTY_UNITS:
        if _cue_near(_CUES["casualties"], text, n["end"], cb, 6, False) or \
                _cue_near(_CUES["casualties"], text, ca, n["start"], 6):
            return unit
    if not (_isna(unit) or unit in lx.CASUALTY_UNITS):
        return None
    nxt = _words_between(text, n["end"], cb)[:1]  # "1.500 orang pasukan khusus"
    if nxt and text[nxt[0][0]:nxt[0][1]].lower() in _TROOP_WORDS and not _isna(unit):
        return text[nxt[0][0]:nxt[0][1]].lower()
    troop = [text[a:b].lower() for a, b in _words_between(text, ca, n["start"])[-8:]
             if text[a:b].lower() in _TROOP_BEFORE]
    if troop:
        return troop[-1]
    if (_cue_near(_CUES["casualties"], text, ca, n["start"], 6)
            or _cue_near(_CUES["casualties"], text, n["end"], cb, 6, False)):
        troop = [text[a:b].lower() for a, b in _words_between(text, sent[0], sent[1])
                 if text[a:b].lower() in _TROOP_BEFORE]
        if troop:  # "korban tewas mencapai 3.000" in a sentence about troops
            return troop[0]
    casualty_noun = [text[a:b].lower() for a, b in _words_between(text, ca, n["start"])[-8:]
                     if text[a:b].lower() in lx.CASUALTY_NOUNS]
    partitive = _PRONOUN_PARTITIVE.match(text, n["end"]) and _cue_near(
        _CUES["casualties"], text, n["end"], cb, 6, False)
    if casualty_noun or partitive:
        # "setidaknya 200 dari mereka tewas", "total korban itu direvisi dari 1.100 menjadi
        # 3.000": casualties of the troops named in the paragraphs before
        back = _words_between(text, max(0, n["start"] - LOOKBACK), n["start"])
        earlier = [text[a:b].lower() for a, b in back if text[a:b].lower() in _TROOP_BEFORE]
        if earlier:
            return casualty_noun[-1] if casualty_noun else earlier[-1]
    rev = list(_REVISION.finditer(text, sent[0], n["start"]))
    if _PARTITIVE.match(text, n["end"]) or (
            rev and len(_words_between(text, rev[-1].end(), n["start"])) <= 10):
        # "8.000 di antaranya"; "… naik dari perkiraan sebelumnya sebanyak 3.000 orang"
        troop = [text[a:b].lower() for a, b in _words_between(text, sent[0], n["start"])
                 if text[a:b].lower() in _TROOP_BEFORE]
        if troop:
            return troop[-1]
    if following is not None and _is_troop_unit(following["unit"]) and \
            _THEN.fullmatch(text[n["end"]:following["start"]]):
        return following["unit"]
    return None


class _Claimants:
    def __init__(self, ctx, gaz, statements):
        self.text, self.gaz, self.sents, self.ctx = ctx.text, gaz, ctx.sentences, ctx
        # a denial's content is what the speaker rejects, not what they claim
        self.statements = [s for s in statements if not _isna(s.get("start"))
                           and s.get("stance") != "denies"]
        self.mentions = ctx.mentions
        self.quotes = ctx.quotes

    def actor(self, actor_id, surface):
        info = {}
        if actor_id:
            try:
                info = self.gaz.get(actor_id) or {}
            except (KeyError, LookupError):
                info = {}
        return dict(claimant_id=actor_id if actor_id else NA,
                    claimant=info.get("name") or surface,
                    affiliation=info.get("affiliation", NA) if actor_id else NA)

    @staticmethod
    def from_statement(st):
        return dict(claimant_id=st.get("speaker_id", NA), claimant=st.get("speaker", NA),
                    affiliation=st.get("affiliation", NA)), st

    def kind(self, actor_id):
        try:
            return (self.gaz.get(actor_id) or {}).get("kind")
        except (KeyError, LookupError):
            return None

    def mention_in(self, a, b):
        inside = [m for m in self.mentions if m["start"] >= a and m["end"] <= b]
        return self.actor(inside[-1]["actor_id"], inside[-1]["surface"]) if inside else None

    def phrase(self, a, b):
        """The actor named by the phrase text[a:b]: a listed person inside > an unlisted
        capitalised name ending the phrase ("surat kabar Korea Selatan JoongAng Ilbo") >
        gaz.resolve(phrase) > the last listed actor inside > None."""
        inside = [m for m in self.mentions if m["start"] >= a and m["end"] <= b]
        persons = [m for m in inside if self.kind(m["actor_id"]) == "person"]
        if persons:
            return self.actor(persons[-1]["actor_id"], persons[-1]["surface"])
        cap = _CAPRUN.search(self.text[a:b].rstrip(" ,"))
        if cap:
            cs = a + cap.start(1)
            if not any(m["start"] <= cs < m["end"] for m in inside) and \
                    cap.group(1).split()[0].lower() not in _NOT_SUBJECT and not cap.group(1).isupper():
                return self.actor(None, cap.group(1))
        phrase = re.sub(r"\s+", " ", self.text[a:b]).strip(" ,")
        rid = self.gaz.resolve(phrase) if phrase else None
        if rid:
            return self.actor(rid, phrase)
        if inside:
            return self.actor(inside[-1]["actor_id"], inside[-1]["surface"])
        return None

    def _in_quote(self, i):
        return any(a <= i < b for a, b in self.quotes)

    def find(self, n, sent):
        s = n["start"]
        sa, sb = sent
        inside = [st for st in self.statements if st["start"] <= s < st["end"]]
        if inside:
            return self.from_statement(min(inside, key=lambda st: st["end"] - st["start"]))
        same = [st for st in self.statements if sa <= st["start"] < sb]
        if same:
            return self.from_statement(min(same, key=lambda st: min(abs(st["start"] - s), abs(st["end"] - s))))
        for m in _ACCORDING.finditer(self.text, sa, sb):
            if self._in_quote(m.start()) or _NOT_CLAIMANT.match(m.group("x")):
                continue
            who = self.phrase(m.start("x"), m.end("x")) or self.actor(None, m.group("x").strip())
            return who, None
        head = _HEADLINE_SPEAKER.match(self.text, sa, sb)
        if head and len(head.group("x").split()) <= 5:
            who = self.phrase(head.start("x"), head.end("x"))
            if who:
                return who, None
        best = None
        verbs = list(_SPEECH.finditer(self.text, sa, sb)) + [
            m for m in _REVISION.finditer(self.text, sa, sb) if m.group().lower().startswith("me")]
        if not re.search(r"[.!?\"”’]\s*$", self.text[sa:sb]):  # a headline: bare verbs
            verbs += list(_HEADLINE_VERB.finditer(self.text, sa, sb))
        for m in verbs:
            if self._in_quote(m.start()) or m.group().lower() in _DENY_VERBS:
                continue
            who = self._subject(sa, m.start())
            if who and (best is None or abs(m.start() - s) < best[0]):
                best = (abs(m.start() - s), who)
        if best:
            return best[1], None
        para_start = self.text.rfind("\n", 0, s) + 1
        before = [st for st in self.statements if para_start <= st["start"] < s
                  and not _isna(st.get("speaker"))]
        if before:
            return self.from_statement(max(before, key=lambda st: st["start"]))
        return dict(claimant_id=NA, claimant=NA, affiliation=NA), None

    def _subject(self, sa, v):
        """Actor right before a speech verb at ``v`` ("AS mengklaim", "Pentagon mengumumkan")."""
        ws = _words_between(self.text, sa, v)[-4:]
        if not ws:
            return None
        lo = ws[0][0]
        near = [m for m in self.mentions if lo <= m["start"] and m["end"] <= v]
        if near:
            m = near[-1]
            return self.actor(m["actor_id"], m["surface"])
        cap = _CAPRUN.search(self.text[lo:v])
        if cap:
            name = cap.group(1).strip()
            first = name.split()[0].lower()
            if first not in _NOT_SUBJECT:
                return self.actor(None, name)
        return None


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


def _revisions(text, sent, nums):
    """{current_index: (earlier_index, (phrase_start, phrase_end))} for revision phrases."""
    out = {}
    sa, sb = sent
    idx = [i for i, n in enumerate(nums) if sa <= n["start"] < sb]
    for m in _REVISION.finditer(text, sa, sb):
        later = [i for i in idx if nums[i]["start"] >= m.end()]
        if not later:
            continue
        earlier = later[0]
        if len(_words_between(text, m.end(), nums[earlier]["start"])) > 10:
            continue
        after = [i for i in later[1:] if _MENJADI.search(text[nums[earlier]["end"]:nums[i]["start"]])]
        before = [i for i in idx if nums[i]["end"] <= m.start()]
        current = after[0] if after else (before[-1] if before else None)
        if current is None:
            continue
        _, cb = _clause(text, sent, m.start())
        tail = _words_between(text, nums[earlier]["end"], cb)[:4]
        pb = nums[earlier]["end"] if after or not tail else tail[-1][1]
        out[current] = (earlier, (m.start(), pb))
    return out


def extract_estimates(article: dict, gaz, statements: list[dict],
                      ctx: ArticleContext | None = None) -> list[dict]:
    """Estimate rows of one article (see module docstring); ``repeat_group`` is left out.
    ``ctx``: the article's :class:`~helpers.context.ArticleContext` when the caller has one."""
    ctx = ctx or ArticleContext(article, gaz)
    text = ctx.text
    aid = article["article_id"]
    published = ctx.published
    sents = ctx.sentences
    nums = []
    found = find_numbers(text, date_spans=ctx.date_spans())
    for i, n in enumerate(found):
        sent = sentence_at(sents, n["start"]) or (n["start"], n["end"])
        clause = _clause(text, sent, n["start"])
        unit = _troop_unit(text, n, clause, sent, found[i + 1] if i + 1 < len(found) else None)
        if unit:
            nums.append(dict(n, unit=unit, _sent=sent, _clause=clause))
    who = _Claimants(ctx, gaz, statements)
    revised = {}
    for sent in dict.fromkeys(n["_sent"] for n in nums):
        revised.update(_revisions(text, sent, nums))
    earlier_of = {e: (c, span) for c, (e, span) in revised.items()}
    rows: dict[int, dict] = {}
    for i, n in enumerate(nums):
        if i in earlier_of:
            continue
        rows[i] = _row(text, aid, n, who, published, revised.get(i, (None, None))[1],
                       nums[revised[i][0]]["value"] if i in revised else NA)
    for e, (c, (pa, pb)) in earlier_of.items():
        n, cur = nums[e], rows[c]
        owner = _ESTIMATE_OWNER.search(text, pa, n["start"])
        named = None
        if owner:
            ws = _words_between(text, owner.end(), n["start"])[:3]
            named = who.mention_in(owner.end(), ws[-1][1]) if ws else None
        row = _row(text, aid, n, who, published, None, NA)
        row["category"] = cur["category"]
        if named:
            row.update(named)
        else:
            row.update({k: cur[k] for k in ("claimant_id", "claimant", "affiliation")})
        d = _nearest_date(ctx, pa, pb, n["end"])
        row["as_of"], row["date_source"] = (d, "text") if d is not None else (pd.NaT, "none")
        rows[e] = row
    out = [rows[i] for i in sorted(rows)]
    _lede_claimants(out)
    return out


def _same_figure(a, b) -> bool:
    if not _isna(a["value"]) and not _isna(b["value"]):
        return float(a["value"]) == float(b["value"])
    return _isna(a["value"]) and _isna(b["value"]) and a["low"] == b["low"] and a["high"] == b["high"]


def _lede_claimants(rows):
    """An unattributed figure ("Sebanyak 3.000 personel … dilaporkan berada di Rusia") takes
    the claimant of the first LATER row of the same article with the same figure: news ledes
    summarise a claim that is attributed further down."""
    for i, r in enumerate(rows):
        if not _isna(r["claimant"]):
            continue
        for later in rows[i + 1:]:
            if not _isna(later["claimant"]) and _same_figure(r, later):
                r.update({k: later[k] for k in ("claimant_id", "claimant", "affiliation")})
                break


def _row(text, aid, n, who, published, revision_span, revises):
    sent, clause = n["_sent"], n["_clause"]
    claimant, st = who.find(n, sent)
    d = _nearest_date(who.ctx, sent[0], sent[1], n["start"], exclude=revision_span)
    if d is not None:
        as_of, source = d, "text"
    elif _ANTERIOR.match(text, sent[0], n["start"]):
        as_of, source = pd.NaT, "none"  # "Awalnya, …": an earlier figure, date not given
    elif st is not None and not _isna(st.get("stated_on")):
        as_of, source = _norm_ts(st["stated_on"]), st.get("date_source", "text")
    elif not pd.isna(published):
        as_of, source = published, "published"
    else:
        as_of, source = pd.NaT, "none"
    cited = st.get("cited_source", NA) if st is not None else NA
    if _isna(cited) and _cited_source is not None:
        cited = _cited_source(text[sent[0]:sent[1]])
    return dict(
        estimate_id=schema.estimate_id(aid, n["start"], n["end"]), article_id=aid,
        value=n["value"], low=n["low"], high=n["high"], qualifier=n["qualifier"],
        category=_category(text, n, clause, sent), unit=n["unit"], **claimant,
        as_of=as_of, date_source=source, sentence=text[sent[0]:sent[1]],
        start=n["start"], end=n["end"], revises=revises, cited_source=cited,
    )
