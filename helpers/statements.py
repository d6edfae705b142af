"""Who said what: direct and indirect speech in Indonesian news text.

``extract_statements(article, gaz)`` returns one row (a dict with the STATEMENTS columns of
``helpers.schema`` except ``repeat_group``) per reporting clause: one speaker, one act of saying.
``article["text"][row["start"]:row["end"]] == row["text"]`` for every row.

How a clause is found (all word lists come from ``helpers.lexicon``):

* **Direct, quote first**: a quotation that opens its sentence, then ``kata/ujar/ucap/tutur …
  X`` (``DIRECT_AFTER_VERBS``) or ``katanya/tambahnya`` (speaker = previous speaker), or
  ``X <speech verb>`` ("“…,” Pentagon mengumumkan"). A second quotation after the attribution
  ("“…,” kata Austin, “…”") is a second row of the same speaker.
* **Direct, verb first**: ``X berkata, “…”`` / ``X mengatakan: “…”`` / ``X mencatat bahwa “…”``
  when what follows the verb is one quotation. A quotation in a paragraph of its own that
  continues an unclosed quotation of the previous paragraph keeps that speaker.
* **Indirect**: ``<speaker> [frame] <speech verb> [kepada …] [bahwa|,|:] <content>``;
  ``Menurut X, <content>`` / ``<content>, menurut X``; ``<content>, kata X …`` (no quotation);
  ``<content>, X mengumumkan, …``. A second verb of the same speaker ("… dan mengatakan
  bahwa …", "…, pada hari Selasa mengecam …") is a row of its own; a verb whose subject is
  inside what someone else said ("Sybiha mengatakan Kiev telah memperingatkan …") is not.
  Negated verbs ("Dia tidak menyebutkan …") and passives ("dilaporkan") give no row, unless
  the lexicon gives the negated form a stance ("tidak mengkonfirmasi" -> a denial row).
* **Clauses**: ", sementara/namun X <verb>" opens a second clause with its own speaker (the
  first statement ends at the comma); a verb right after another is its object ("menolak
  mengonfirmasi"); a verb after "yang" speaks for the head noun before it, if that is a
  speaker at all ("konstitusi yang menganggap …" is nobody's statement); a cue inside what was
  said ("Uni Eropa, lanjut Kallas, tengah …") gives the whole clause.
* **Speaker**: the phrase before the verb, after leading adverbials and clause breaks
  (``LEAD_WORDS``, ``CLAUSE_BREAKS``) and without adverbs, dates and frame phrases. Inside it:
  a listed person > an unlisted capitalised name > ``gaz.resolve(phrase)`` > another listed
  actor > a role phrase ("pejabat tinggi pemerintah", unlisted). "X dan Y" / "baik X maupun Y"
  give one row per speaker (ids "#2", "#3"). Pronouns (Dia, Ia, Beliau, -nya forms) refer to
  the last person speaker; "Mereka" to the last organisation/government/group speaker.
  A name in apposition right before the verb speaks ("Peneliti Institut Asan di Seoul, Jang
  Min-ho, mengungkapkan"); a relative clause after the speaker does not name it ("ISW yang
  berbasis di Washington"); "Seorang tentara Korea Utara" is one soldier, not the country; an
  acronym alone is a name ("Menurut SBU"); a definite description refers back ("Lembaga kajian
  itu" -> the last organisation speaker, "Pejabat tersebut" -> the last person).
  An outlet speaker ("Layanan berita … Yonhap mengatakan Presiden Yoon mengatakan …") becomes
  the ``cited_source`` of the statement it reports.
* ``stated_on``: the date (``dates.find_dates``) in the sentence outside what was said, nearest
  the verb; else the publication date (``date_source`` "published"); else NaT / "none".
* ``cited_source``: see :func:`cited_source`. ``stance``: see :func:`stance`.
"""
from __future__ import annotations

import re

import pandas as pd

from helpers import lexicon as lx, schema
from helpers.context import ArticleContext

NA = pd.NA


def _alt(words) -> str:
    ws = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ws)


def _words(words) -> re.Pattern:
    return re.compile(r"(?<![\w-])(?:" + _alt(words) + r")(?![\w-])", re.I)


_SPEECH = _words(lx.SPEECH_VERBS)
_AFTER = re.compile(r"(?<![\w-])(?P<v>(?:" + _alt(lx.DIRECT_AFTER_VERBS) + r")(?P<nya>nya)?)(?![\w-])", re.I)
_ACCORDING = re.compile(r"(?<![\w-])(?:" + _alt(lx.ACCORDING_TO) + r")(?P<nya>nya)?(?![\w-])", re.I)
_NEG_END = re.compile(r"(?<![\w-])(?:" + _alt(lx.NEGATIONS) + r")\s*$", re.I)
_COORD_END = re.compile(r"(?:^|\s)(?:" + _alt(lx.COORDINATORS) + r")\s*$", re.I)
_SKIP_END = re.compile(r"(?:[\s,]+|(?<![\w-])(?:" + _alt(lx.SPEAKER_SKIP_WORDS) + r"))\s*$", re.I)
_FRAME_START = re.compile(r"^\s*,?\s*(?:" + _alt(lx.FRAME_PREPOSITIONS) + r")(?![\w-])", re.I)
_CLAUSE_BREAK = _words(lx.CLAUSE_BREAKS)
_LEAD = re.compile(r"^\s*(?:" + _alt(lx.LEAD_WORDS) + r")(?![\w-])", re.I)
_STOPS = re.compile(r"[,.;:!?()]|(?<![\w-])(?:" + _alt(lx.ATTRIBUTION_STOPS) + r")(?![\w-])")
_DETERMINERS = re.compile(r"^\s*(?:(?:" + _alt(lx.SPEAKER_DETERMINERS) + r")\s+)+", re.I)
_ROLE = _words(lx.SPEAKER_ROLE_WORDS)
_INDEPENDENT = re.compile(r"^\s*(?:" + _alt(lx.INDEPENDENT_SPEAKER_NOUNS) + r")(?![\w-])", re.I)
_ROLE_SINGLE = frozenset(w for phrase in lx.SPEAKER_ROLE_WORDS for w in phrase.split())
_OUTLET = re.compile(r"^\s*(?:" + _alt(lx.OUTLET_NOUNS) + r")(?![\w-])", re.I)
_PRONOUN = re.compile(r"^\s*(?:" + _alt([p for p in lx.PRONOUNS if p != "-nya"]) + r")\s*$", re.I)
_DEFINITE = re.compile(r"^(" + _alt(lx.ORGANIZATION_NOUNS + lx.SPEAKER_ROLE_WORDS) + r")(?:\s+[a-z][\w-]*){0,2}\s+(?:"
                       + _alt(lx.DEFINITE_MARKERS) + r")$", re.I)
_PLURAL_PRONOUN = re.compile(r"^\s*mereka\s*$", re.I)
_SPLIT_SPEAKERS = re.compile(r"\s*,?\s+(?:dan|maupun)\s+", re.I)
_BAHWA = re.compile(r"(?<![\w-])bahwa(?![\w-])", re.I)
_NOT_SPEAKER_AFTER = re.compile(r"^\s*(?:" + _alt(lx.ACCORDING_TO_NOT_SPEAKER) + r")(?![\w-])", re.I)
_DATELINE = re.compile(r"^(?:\S+\s+){0,3}\S+\s+(?:--?|[\u2013\u2014])\s+|^(?:\S+\s+){0,3}\S+\u2014\s*")
_FRAME_ANY = re.compile(r"(?:,\s*)?(?<![\w-])(?:" + _alt(lx.FRAME_PREPOSITIONS) + r")(?![\w-])", re.I)
_APPOSITION = re.compile(r",\s*(?P<name>(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’-]*)\s*$")
_YANG_END = re.compile(r"(?<![\w-])yang\s+(?:(?:" + _alt(lx.SPEAKER_SKIP_WORDS) + r")\s+)*$", re.I)
_PERSON_NOUN = re.compile(r"^\s*(?:" + _alt(lx.PERSON_NOUNS) + r")(?![\w-])", re.I)
_ACRONYM = re.compile(r"[A-Z]{3,6}")
_CONTRAST = re.compile(r"[,;]\s*(?:" + _alt(lx.CONTRAST_BREAKS) + r")(?![\w-])", re.I)
_CONTRAST_END = re.compile(r"[,;]\s*(?:" + _alt(lx.CONTRAST_BREAKS) + r")\s*$", re.I)
_PAREN_END = re.compile(r",\s*(?:(?:" + _alt(lx.SPEAKER_SKIP_WORDS) + r")\s*)*$", re.I)
_CREDIT = re.compile(r"\s*\(\s*[a-z]{2,5}\s*/\s*[a-z]{2,5}\s*\)\s*$")
_NAME = re.compile(r"[A-Z][\w'’-]*(?:\.[A-Z])?")
_VERBISH = re.compile(r"^(?:" + "|".join(lx.VERB_PREFIXES) + r")[a-z]{3,}$")
_CITED = re.compile(
    r"(?<![\w-])(?i:" + _alt(lx.CITED_CUES) + r")\s+(?i:(?:" + _alt(lx.OUTLET_NOUNS) + r")\s+(?:[a-z]+\s+){0,2})?"
    r"(?P<name>(?:[A-Z][\w.&'’-]*)(?:\s+(?:[A-Z][\w.&'’-]*))*)(?:\s*\((?P<abbr>[A-Z]{2,})\))?")
_ASSERTION = _words(lx.ASSERTION_WORDS)
_STANCE_RES = [(st, _words(lx.STANCE_WORDS[st])) for st in lx.STANCE_ORDER]
_VERB_STANCE = {w: st for st in reversed(lx.STANCE_ORDER) for w in lx.STANCE_WORDS[st]}
_QUOTE_MARKS = "".join(set(lx.QUOTE_PAIRS) | set(lx.QUOTE_PAIRS.values()))


# ----------------------------------------------------------------------------- public helpers
def stance(verb: str, text: str) -> str:
    """confirms | denies | warns | condemns | other: the verb decides when it is a stance word
    (``lexicon.STANCE_WORDS``); otherwise the earliest stance word in ``text`` (ties broken by
    ``lexicon.STANCE_ORDER``, so "tidak mengkonfirmasi" is a denial, not a confirmation); with
    no stance word, text that asserts an event (``lexicon.ASSERTION_WORDS``: "telah mengirim",
    "tewas", not negated) confirms it; else "other"."""
    v = (verb or "").strip().lower()
    if v in _VERB_STANCE:
        return _VERB_STANCE[v]
    best = None
    for rank, (st, rx) in enumerate(_STANCE_RES):
        m = rx.search(text or "")
        if m and (best is None or (m.start(), rank) < best[:2]):
            best = (m.start(), rank, st)
    if best:
        return best[2]
    for m in _ASSERTION.finditer(text or ""):
        if not _NEG_END.search((text or "")[max(0, m.start() - 12):m.start()]):
            return "confirms"
    return "other"


def cited_source(sentence_text: str, exclude=()) -> str | type(NA):
    """The outlet or channel a sentence cites ("dikutip Al Jazeera", "kepada CNN", "di platform
    media sosial X", "dikutip oleh Channel News Asia (CNA)" -> "Channel News Asia"), or NA.
    A name that starts with a role word ("kepada Presiden Yoon") or is in ``exclude`` is not an
    outlet; lower-case continuations ("kepada para wartawan") are not names."""
    for m in _CITED.finditer(sentence_text or ""):
        name = m.group("name").rstrip(".,")
        first = name.split()[0].lower()
        if first in _ROLE_SINGLE or first in lx.SPEAKER_DETERMINERS or name in exclude:
            continue
        return name
    return NA


# ----------------------------------------------------------------------------- speakers
def _kind(sp) -> str:
    k = sp.get("speaker_kind")
    return k if isinstance(k, str) else ""


class _Speakers:
    """Speaker resolution against the gazetteer, with the article's mentions."""

    def __init__(self, gaz, mentions):
        self.gaz = gaz
        self.mentions = mentions  # the article's, sorted by start
        self.history: list[dict] = []  # speakers of earlier rows, in order

    def info(self, actor_id):
        try:
            return self.gaz.get(actor_id) or {}
        except (KeyError, LookupError):
            return {}

    def _listed(self, actor_id, surface):
        inf = self.info(actor_id)
        return dict(speaker_id=actor_id, speaker=inf.get("name") or surface,
                    speaker_kind=inf.get("kind", NA), affiliation=inf.get("affiliation", NA),
                    listed=True, surface=surface)

    @staticmethod
    def _unlisted(surface, named=False):
        return dict(speaker_id=NA, speaker=surface, speaker_kind=NA, affiliation=NA,
                    listed=False, surface=surface, named=named)

    def pronoun(self, plural: bool):
        kinds = ("organization", "government", "group") if plural else ("person",)
        if not plural and self.history and (_kind(self.history[-1]) == "person"
                                            or self.history[-1].get("named")):
            return self.history[-1]
        for sp in reversed(self.history):
            if _kind(sp) in kinds:
                return sp
        if not plural:  # an unlisted named speaker is a person too
            for sp in reversed(self.history):
                if sp.get("named"):
                    return sp
        return None

    def definite(self, organization: bool):
        """The speaker a definite description refers to: the last organisation, government or
        group (listed, or unlisted with an organisation noun first), or the last person."""
        if not organization:
            return self.pronoun(False)
        for sp in reversed(self.history):
            if _kind(sp) in ("organization", "government", "group") or (
                    not sp["listed"] and sp["speaker"].split()[0].lower() in lx.ORGANIZATION_NOUNS):
                return sp
        return None

    def previous(self):
        return self.pronoun(False) or (self.history[-1] if self.history else None)

    def resolve(self, text, a, b) -> list[dict]:
        """Speakers named by ``text[a:b]`` (a speaker phrase), [] when it names nobody."""
        phrase = text[a:b]
        m = _DETERMINERS.match(phrase)
        if m:
            a, phrase = a + m.end(), phrase[m.end():]
        phrase_s = phrase.strip(" ,")
        if not phrase_s:
            return []
        if _PRONOUN.match(phrase_s):
            sp = self.pronoun(bool(_PLURAL_PRONOUN.match(phrase_s)))
            return [sp] if sp else []
        d = _DEFINITE.match(phrase_s)
        if d:
            sp = self.definite(d.group(1).lower() in lx.ORGANIZATION_NOUNS)
            return [sp] if sp else []
        parts, pos = [], a
        for m in _SPLIT_SPEAKERS.finditer(text, a, b):
            parts.append((pos, m.start()))
            pos = m.end()
        parts.append((pos, b))
        if 1 < len(parts) and all(len(text[pa:pb].split()) <= 8 for pa, pb in parts):
            found = [self._one(text, pa, pb) for pa, pb in parts]
            ids = [f["speaker_id"] if f and f["listed"] else (f or {}).get("speaker") for f in found]
            if all(found) and len(set(ids)) == len(ids):
                return found
        one = self._one(text, a, b)
        return [one] if one else []

    def _one(self, text, a, b):
        phrase = text[a:b]
        m = _DETERMINERS.match(phrase)
        if m:
            a, phrase = a + m.end(), phrase[m.end():]
        inside = [x for x in self.mentions if x["start"] >= a and x["end"] <= b]
        persons = [x for x in inside if self.info(x["actor_id"]).get("kind") == "person"]
        named = [x for x in persons if x["surface"].split()[0].lower() not in _ROLE_SINGLE]
        name = self._unlisted_name(text, a, b, inside)
        if named or (persons and not name):  # "juru bicara Pentagon, Pat Ryder": the name wins
            x = (named or persons)[-1]
            return self._listed(x["actor_id"], x["surface"])
        if name:
            for sp in reversed(self.history):  # "Lee" after "Kolonel Lee Sung-jun" spoke
                if ((sp.get("named") or _kind(sp) == "person") and " " not in name
                        and name in re.split(r"[\s-]+", sp["speaker"])):
                    return sp
            if " " not in name:  # "Starmer" after "Perdana Menteri Inggris Keir Starmer"
                covered = [(x["start"], x["end"]) for x in self.mentions]
                for m in re.finditer(r"((?:[A-Z][\w'’-]+\s+){1,2})" + re.escape(name) + r"(?![\w-])", text[:a]):
                    words = [(w.start() + m.start(), w.group()) for w in re.finditer(r"\S+", m.group(1))]
                    words = [w for p, w in words if w.lower() not in _ROLE_SINGLE
                             and not any(cs <= p < ce for cs, ce in covered)]
                    if words and all(_NAME.fullmatch(w) for w in words):
                        name = " ".join(words + [name])
            return self._unlisted(name, named=True)
        one_person = re.search(r"(?<![\w-])seorang\s+$", text[max(0, a - 12):a], re.I)
        if _INDEPENDENT.match(phrase) or (one_person and _PERSON_NOUN.match(phrase)):
            # "analis keamanan di Seoul", "Seorang tentara Korea Utara": not the country named
            return self._unlisted(re.sub(r"\s+", " ", phrase.strip(" ,")))
        clean = phrase.strip(" ,")
        rid = self.gaz.resolve(clean) if clean else None
        if rid:
            return self._listed(rid, clean)
        if inside:
            x = max(inside, key=lambda x: x["end"] - x["start"])
            return self._listed(x["actor_id"], x["surface"])
        if _ROLE.search(clean) and not _VERBISH.match(clean.split()[-1].lower()):
            return self._unlisted(re.sub(r"\s+", " ", clean))
        return None

    @staticmethod
    def _unlisted_name(text, a, b, inside):
        """The last run of capitalised words in text[a:b] that is neither a listed mention
        nor a role/title word ("Andrii Sybiha" in "Menteri Luar Negeri Ukraina Andrii Sybiha")."""
        covered = [(x["start"], x["end"]) for x in inside]
        alone = text[a:b].strip(" ,()")
        if _ACRONYM.fullmatch(alone) and not covered:  # "Menurut SBU,", "SBU menyatakan"
            return alone
        runs, cur, prev_word = [], [], ""
        for m in re.finditer(r"\S+", text[a:b]):
            w = m.group().strip(",.()" + _QUOTE_MARKS)
            s = a + m.start() + len(m.group()) - len(m.group().lstrip(",.()" + _QUOTE_MARKS))
            if cur and re.fullmatch(r"\([A-Z]{2,6}\),?", m.group()):  # "Institut Studi Perang (ISW)"
                cur.append(m.group().rstrip(","))
                runs.append(cur)
                cur = []
                continue
            ok = (bool(_NAME.fullmatch(w)) and w.lower() not in _ROLE_SINGLE
                  and w.lower() not in lx.LEAD_WORDS and w.lower() not in lx.SPEAKER_DETERMINERS
                  and not any(cs <= s < ce for cs, ce in covered)
                  and not (w.isupper() and len(w) <= 4))
            nxt = text[a + m.end():b].split()[:1]
            if ok and not cur and nxt and nxt[0].lower() in lx.NOT_NAME_FOLLOWERS:
                ok = False  # "Laporan itu menyebutkan": a noun with a determiner, not a name
            if ok and not cur and prev_word in lx.NAME_BLOCKING_PREPOSITIONS:
                ok = False  # "Duta Besar Rusia untuk Indonesia": a place, not a name
            prev_word = w.lower()
            if ok:
                cur.append(w)
            elif cur:
                if not _NAME.fullmatch(w):  # a title or listed name after it: part of an institution
                    runs.append(cur)
                cur = []
            if m.group().endswith(",") and cur:
                runs.append(cur)
                cur = []
        if cur:
            runs.append(cur)
        return " ".join(runs[-1]) if runs else None


# ----------------------------------------------------------------------------- extraction
def _strip_right(text, a, b, date_spans):
    """Drop adverbs, commas, dates and (when a name remains before them) frame phrases from
    the end of text[a:b]; returns the new end."""
    while True:
        seg = text[a:b]
        m = _SKIP_END.search(seg)
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


def _strip_frame(text, a, b):
    """Drop a trailing frame phrase (", dalam kunjungannya ke Roma," / "dalam sebuah pernyataan
    email") when what is before it still holds a capitalised name."""
    seg = text[a:b]
    for m in _FRAME_ANY.finditer(seg):  # the first frame phrase after a name runs to the verb
        before = seg[:m.start()]
        if any(_NAME.fullmatch(w.strip(",()")) and w.strip(",()").lower() not in _ROLE_SINGLE
               and w.strip(",()").lower() not in lx.LEAD_WORDS for w in before.split()):
            return a + m.start()
    return b


def _lead_end(text, a, b, date_spans):
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
        if _LEAD.match(head) or is_date:
            pos = pos + comma + 1
            continue
        break
    return pos


def _quote_inside(quotes, a, b):
    return [q for q in quotes if q[0] >= a and q[1] <= b]


def _in_quote(quotes, i):
    return any(qa <= i < qb for qa, qb in quotes)


def _content_end(text, a, b):
    seg = text[a:b]
    seg2 = _CREDIT.sub("", seg)
    e = a + len(seg2.rstrip())
    while e > a and text[e - 1] in ".,;: ":
        e -= 1
    return e


def _trim(text, a, b):
    while a < b and text[a] in " ,:":
        a += 1
    while b > a and text[b - 1] in " ,":
        b -= 1
    return a, b


class _Extractor:
    def __init__(self, article, gaz, ctx=None):
        self.article = article
        self.ctx = ctx or ArticleContext(article, gaz)
        self.text = self.ctx.text
        self.aid = article["article_id"]
        self.published = self.ctx.published
        self.sp = _Speakers(gaz, self.ctx.mentions)
        self.quotes = self.ctx.quotes
        self.rows: list[dict] = []
        self.last_direct = None  # line start, speaker, verb, closed of the last direct row

    # -- rows -------------------------------------------------------------------------------
    def _row(self, speakers, kind, verb, ta, tb, sent, cited=NA):
        ta, tb = _trim(self.text, ta, tb)
        if tb <= ta or not speakers:
            return []
        out = []
        for n, sp in enumerate(speakers, 1):
            row = dict(statement_id=schema.statement_id(self.aid, ta, tb, n), article_id=self.aid,
                       speaker_id=sp["speaker_id"], speaker=sp["speaker"],
                       speaker_kind=sp["speaker_kind"], affiliation=sp["affiliation"],
                       listed=sp["listed"], kind=kind, verb=verb.lower(), text=self.text[ta:tb],
                       sentence=self.text[sent[0]:sent[1]], start=ta, end=tb, cited_source=cited,
                       _sent=sent, _verb_pos=None, _speaker=sp)
            out.append(row)
        return out

    def run(self):
        for sent in self.ctx.sentences:
            self._sentence(sent)
        by_sentence: dict = {}
        for r in self.rows:
            by_sentence.setdefault(r["_sent"], []).append(r)
        for r in self.rows:
            self._finish(r, by_sentence[r["_sent"]])
        return [{k: v for k, v in r.items() if not k.startswith("_")} for r in self.rows]

    def _finish(self, r, same_sentence):
        sa, sb = r["_sent"]
        frame = self.text[sa:r["start"]] + " " * (r["end"] - r["start"]) + self.text[r["end"]:sb]
        blank = [(r["start"], r["end"])]
        for other in same_sentence:  # what others said in the sentence is not the frame either
            if other is not r:
                o0, o1 = other["start"] - sa, other["end"] - sa
                frame = frame[:o0] + " " * (o1 - o0) + frame[o1:]
                blank.append((other["start"], other["end"]))
        found = [dict(d, start=d["start"] - sa, end=d["end"] - sa)
                 for d in self.ctx.dates_within(sa, sb, blank) if not pd.isna(d["date"])]
        vp = (r["_verb_pos"] or r["start"]) - sa
        if found:
            d = min(found, key=lambda d: abs(d["start"] - vp))
            r["stated_on"], r["date_source"] = d["date"], "text"
        elif not pd.isna(self.published):
            r["stated_on"], r["date_source"] = self.published, "published"
        else:
            r["stated_on"], r["date_source"] = pd.NaT, "none"
        if pd.isna(r["cited_source"]):
            names = tuple(m["surface"] for m in self.sp.mentions
                          if sa <= m["start"] < sb and self.sp.info(m["actor_id"]).get("kind") != "organization")
            r["cited_source"] = cited_source(frame, exclude=names)
        r["stance"] = stance(r["verb"], r["text"])

    def _add(self, rows, verb_pos=None):
        for r in rows:
            r["_verb_pos"] = verb_pos
        self.rows.extend(rows)
        if rows:
            self.sp.history.append(rows[0]["_speaker"])
            r = rows[-1]
            if r["kind"] == "direct":
                q = next((q for q in self.quotes if q[0] < r["start"] <= q[1]), None)
                self.last_direct = dict(line=self.text.rfind("\n", 0, r["start"]) + 1, speaker=r["_speaker"],
                                        end=r["end"],
                                        verb=r["verb"], closed=bool(q and self._closed(q)))
            else:
                self.last_direct = None
        return rows

    # -- per sentence -------------------------------------------------------------------------
    def _sentence(self, sent):
        text = self.text
        sa, sb = sent
        m = _DATELINE.match(text[sa:sb])
        if m and sa == text.rfind("\n", 0, sa) + 1 and not _in_quote(self.quotes, sa + m.end() - 1):
            sa = sa + m.end()
        quotes = _quote_inside(self.quotes, sa, sb)
        date_spans = [(d["start"], d["end"]) for d in self.ctx.dates_within(sa, sb)]
        sent_rows: list[dict] = []
        main_subject = None

        # 1. quote-first direct speech, and continuation paragraphs
        if quotes and not text[sa:quotes[0][0]].strip():
            q = quotes[0]
            rows = self._quote_first(sent, sa, sb, q, quotes, date_spans)
            if rows:
                return
            ld = self.last_direct
            line_start = text.rfind("\n", 0, sa) + 1
            line_end = text.find("\n", sb) if text.find("\n", sb) != -1 else len(text)
            prev_line = text.rfind("\n", 0, max(line_start - 1, 0))
            while prev_line > 0 and not text[prev_line + 1:line_start].strip():
                prev_line = text.rfind("\n", 0, prev_line)
            prev_start = 0 if prev_line < 0 else prev_line + 1
            same_para = ld and ld["line"] == line_start and ld["end"] <= sa  # “A,” kata X. “B.”
            next_para = (ld and sa == line_start and ld["line"] == prev_start
                         and (not ld["closed"] or not self._closed(q)))
            if q[1] >= sb - 1 and (same_para or next_para and not text[sb:line_end].strip()):
                self._add(self._row([ld["speaker"]], "direct", ld["verb"], q[0] + 1, self._qend(q), sent), q[0])
                return

        # 2. cues outside quotations, left to right
        cues = []
        for m in _SPEECH.finditer(text, sa, sb):
            if not _in_quote(quotes, m.start()):
                cues.append(("verb", m))
        lead = _lead_end(text, sa, sb, date_spans)
        for m in _AFTER.finditer(text, sa, sb):
            if _in_quote(quotes, m.start()):
                continue
            if re.search(r",\s*$", text[sa:m.start()]):
                cues.append(("after", m))
            elif not text[lead:m.start()].strip() and not m.group("nya") and "," in text[m.end():sb]:
                cues.append(("menurut", m))  # "Kata Kirby, pasukan itu tiba …"
        for m in _ACCORDING.finditer(text, sa, sb):
            if not _in_quote(quotes, m.start()) and not _NOT_SPEAKER_AFTER.match(text[m.end():sb]):
                cues.append(("menurut", m))
        cues.sort(key=lambda c: c[1].start())
        prev_end = None
        for kind, m in cues:
            if kind == "menurut":
                rows = self._menurut(sent, sa, sb, m, lead, quotes, date_spans)
                if rows:
                    sent_rows += self._add(rows, m.start())
                prev_end = m.end()
                continue
            if kind == "after":
                rows = self._post_kata(sent, sa, sb, m, lead, quotes, date_spans)
                if rows:
                    sent_rows += self._add(rows, m.start())
                prev_end = m.end()
                continue
            if prev_end is not None and not text[prev_end:m.start()].strip():
                prev_end = m.end()  # "menolak mengonfirmasi": the second verb is the object
                continue
            rows, subj = self._verb(sent, sa, sb, m, lead, prev_end, quotes, date_spans,
                                    sent_rows, main_subject)
            if main_subject is None and subj:
                main_subject = subj
            prev_end = m.end()
            if rows:
                sent_rows += self._add(rows, m.start())

    def _qend(self, q):
        e = q[1]
        return e - 1 if self.text[e - 1] in _QUOTE_MARKS and e - 1 > q[0] else e

    def _closed(self, q):
        return self.text[q[1] - 1] in _QUOTE_MARKS and q[1] - 1 > q[0]

    def _quote_first(self, sent, sa, sb, q, quotes, date_spans):
        text = self.text
        after = q[1]
        m = re.compile(r"[\s,.]*").match(text, after)
        pos = m.end()
        ma = _AFTER.match(text, pos)
        rows = []
        if ma:
            if ma.group("nya"):
                sp = self.sp.previous()
                speakers = [sp] if sp else []
                np_end = ma.end()
            else:
                np_a = ma.end()
                np_end = self._attribution_np_end(np_a, sb, date_spans)
                speakers = self.sp.resolve(text, np_a, np_end)
            verb = ma.group("v")
        else:
            mv = _SPEECH.search(text, pos, sb)
            if not mv or "," in text[pos:mv.start()] or len(text[pos:mv.start()].split()) > 8:
                return []
            np_end = _strip_right(text, pos, mv.start(), date_spans)
            speakers = self.sp.resolve(text, pos, np_end)
            verb = mv.group()
            np_end = mv.end()
            if text[np_end:sb].strip(" .,") and not re.match(r"\s*[,.]", text[np_end:sb]):
                return []  # the verb takes its own object: not an attribution of the quote
        if not speakers:
            return []
        rows = self._add(self._row(speakers, "direct", verb, q[0] + 1, self._qend(q), sent), q[0])
        for q2 in quotes[1:]:  # “…,” kata Austin …, “…”
            if q2[0] >= np_end and re.search(r",\s*$", text[np_end:q2[0]]):
                rows += self._add(self._row(speakers, "direct", verb, q2[0] + 1, self._qend(q2), sent), q2[0])
        return rows

    def _attribution_np_end(self, a, sb, date_spans):
        """End of the speaker phrase after a post-quote cue, keeping an apposition
        ("juru bicara Dewan Keamanan Nasional AS, John Kirby")."""
        text = self.text
        m = _STOPS.search(text, a, sb)
        end = m.start() if m else sb
        for s, e in date_spans:
            if a <= s < end:
                end = s
        if m and m.group() == ",":
            app = re.compile(r",\s*((?:[A-Z][\w'’-]*\s*){1,4})(?=[.,]|$)").match(text, m.start(), sb)
            if app and _NAME.match(app.group(1)):
                end = m.start() + len(app.group(0))
        return end

    def _post_kata(self, sent, sa, sb, m, lead, quotes, date_spans):
        """<content>, kata X …  (the content is not a quotation: indirect)."""
        text = self.text
        comma = text.rfind(",", sa, m.start())
        ca = max(lead, sa)
        if comma <= ca or _quote_inside(quotes, comma - 2, comma + 2):
            return []
        np_end = m.end()
        if m.group("nya"):
            sp = self.sp.previous()
            speakers = [sp] if sp else []
        else:
            np_end = self._attribution_np_end(m.end(), sb, date_spans)
            speakers = self.sp.resolve(text, m.end(), np_end)
        rest = text[np_end:sb]
        words = rest.strip(" ,.").split()
        cont = np_end + len(rest) - len(rest.lstrip(" ,"))  # where the text after the cue resumes
        if (rest.lstrip().startswith(",") and len(words) >= 3 and words[0].lower() not in lx.LEAD_WORDS
                and words[0].lower() not in lx.ATTRIBUTION_STOPS
                and not any(np_end <= s <= cont for s, _ in date_spans)):  # not ", Senin (28/10)."
            # "Uni Eropa, lanjut Kallas, tengah menyiapkan …": the cue sits inside what was said
            return self._row(speakers, "indirect", m.group("v"), ca, _content_end(text, np_end, sb), sent)
        return self._row(speakers, "indirect", m.group("v"), ca, comma, sent)

    def _menurut(self, sent, sa, sb, m, lead, quotes, date_spans):
        text = self.text
        if m.group("nya"):  # "Menurutnya, …" / "…, menurutnya."
            sp = self.sp.previous()
            if not sp:
                return []
            if text[m.end():sb].lstrip().startswith(","):
                c = text.find(",", m.end()) + 1
                return self._row([sp], "indirect", m.group(), c, _content_end(text, c, sb), sent)
            if text[sa:m.start()].rstrip().endswith(","):
                return self._row([sp], "indirect", m.group(), lead, text.rfind(",", sa, m.start()), sent)
            return []
        comma = text.find(",", m.end(), sb)
        if comma == -1 or text[sa:m.start()].strip(" ,") and m.start() > lead:
            # "<content>, menurut X."
            if text[sa:m.start()].rstrip().endswith(","):
                speakers = self.sp.resolve(text, m.end(), _content_end(text, m.end(), sb))
                return self._row(speakers, "indirect", m.group(), lead, text.rfind(",", sa, m.start()), sent)
            return []
        np_end = comma
        # apposition: "Menurut John Kirby, juru bicara …, <content>"
        nxt = text.find(",", comma + 1, sb)
        app = text[comma + 1:nxt].split() if nxt != -1 else []
        if (app and _ROLE.match(" ".join(app)) and len(app) <= 8 and not _SPEECH.search(text, comma, nxt)
                and not any(_VERBISH.match(w.lower()) for w in app)):
            np_end = nxt
        if _SPEECH.search(text, np_end, sb) and not _in_quote(quotes, _SPEECH.search(text, np_end, sb).start()):
            return []  # "Menurut …, X mengatakan …": the verb's own clause decides
        speakers = self.sp.resolve(text, m.end(), np_end)
        return self._row(speakers, "indirect", m.group(), np_end + 1, _content_end(text, np_end + 1, sb), sent)

    def _subject(self, sa, sb, v, lead, prev_end, date_spans, relative=True):
        """(np_start, np_end, coordinated, negated) for the speech verb at ``v``; with
        ``relative=False`` a "yang" clause is part of the speaker phrase ("Pejabat AS yang enggan
        disebutkan namanya mengatakan")."""
        text = self.text
        a = max(lead, prev_end or sa)
        for mc in _CONTRAST.finditer(text, a, v):  # "…, sementara Moskow membantah"
            a = mc.end()
        rel_cut = None
        for mb in _CLAUSE_BREAK.finditer(text, a, _strip_frame(text, a, v)):
            if not relative and mb.group().lower() == "yang":
                continue
            if mb.group().lower() == "yang" and rel_cut is None and _VERBISH.match(
                    (text[mb.end():v].split() or [""])[0].lower()) and self.sp.resolve(text, a, mb.start()):
                rel_cut = mb.start()  # "ISW yang berbasis di Washington melaporkan": ISW speaks
                continue
            if text[:mb.start()].rstrip().endswith(",") and _PAREN_END.search(text, mb.end(), v):
                continue  # ", saat ditanya wartawan," between speaker and verb
            a = mb.end()
        a = _lead_end(text, a, v, date_spans) if a != lead else a
        for mq in re.finditer(r",[" + _QUOTE_MARKS + r"]", text[a:v]):
            a = a + mq.end()
        if re.match(r"\s*(?:[,.]|$)", text[re.compile(r"\w+").match(text, v).end():sb]):
            lc = text.rfind(",", a, v)
            if lc != -1 and re.search(r"[A-Z]", text[lc:v]):
                a = lc + 1
        b = _strip_right(text, a, v, date_spans)
        if rel_cut is not None and a < rel_cut < b:
            return a, _strip_right(text, a, rel_cut, date_spans), False, None
        neg = _NEG_END.search(text[a:b])
        negated = a + neg.start() if neg else None  # where the negation starts
        if neg:
            b = _strip_right(text, a, a + neg.start(), date_spans)
        coordinated = bool(_COORD_END.search(text[a:b])) or (prev_end is not None and text[a:b].strip() == "")
        if prev_end is not None and "," in text[b:v] and not coordinated:
            coordinated = True
        if not coordinated:
            app = self._apposition(a, b)
            if app:  # "Peneliti Institut Asan di Seoul, Jang Min-ho, mengungkapkan": the name
                a, b = app
            else:
                b = _strip_frame(text, a, b)
                b = _strip_right(text, a, b, date_spans)
        return a, b, coordinated, negated

    def _verb(self, sent, sa, sb, m, lead, prev_end, quotes, date_spans, sent_rows, main_subject):
        text = self.text
        v, ve = m.start(), m.end()
        rel = _YANG_END.search(text, max(lead, prev_end or sa), v)
        if rel:  # "konstitusi yang menganggap …": a relative clause; its head may be a speaker
            ha = max(lead, prev_end or sa)
            for mb in _CLAUSE_BREAK.finditer(text, ha, rel.start()):
                ha = mb.end()
            comma = text.rfind(",", ha, rel.start())
            if comma != -1 and text[comma + 1:rel.start()].strip():
                ha = comma + 1  # the head is the phrase right before "yang"
            speakers = self.sp.resolve(text, ha, _strip_right(text, ha, rel.start(), date_spans))
            if not speakers:
                return [], None
            return self._content_rows(speakers, m, sent, sb, quotes, date_spans, np=(ha, rel.start())), None
        a, b, coordinated, negated = self._subject(sa, sb, v, lead, prev_end, date_spans)
        nested = False
        if coordinated:
            if main_subject is None:
                main_subject = self._main_subject(sa, sb, lead, v, date_spans)
            speakers = main_subject or []
            # the earlier row of this sentence ends where this clause begins
            for r in sent_rows:
                if r["start"] < v <= r["end"] + 1:
                    cut = _COORD_END.search(text[r["start"]:a + len(text[a:b])])
                    new_end = r["start"] + cut.start() if cut else text.rfind(",", r["start"], v)
                    if new_end > r["start"]:
                        self._retext(r, r["start"], new_end)
        else:
            speakers = self.sp.resolve(text, a, b)
            if not speakers and negated is None and re.search(r"(?<!\w)yang(?!\w)", text[sa:v], re.I):
                a2, b2, c2, n2 = self._subject(sa, sb, v, lead, prev_end, date_spans, relative=False)
                yang = re.search(r"\s+yang(?!\w)", text[a2:b2], re.I)
                if not c2 and n2 is None and yang and (_ROLE.search(text[a2:a2 + yang.start()]) or any(
                        a2 <= x["start"] < a2 + yang.start() for x in self.sp.mentions)):
                    speakers = self.sp.resolve(text, a2, a2 + yang.start())
                    a, b = a2, a2 + yang.start()
            for r in sent_rows:  # "X menuduh …, sementara Moskow membantah …": two clauses
                cut = _CONTRAST_END.search(text, r["start"], a) if r["start"] <= v < r["end"] else None
                if cut:
                    self._retext(r, r["start"], cut.start())
            nested = any(r["start"] <= v < r["end"] for r in sent_rows)
        subj = speakers if not coordinated else None
        verb = m.group()
        if negated is not None:  # "tidak mengkonfirmasi" is a denial; "tidak menyebutkan" is nothing
            verb = " ".join(text[negated:ve].split())
            if verb.lower() not in _VERB_STANCE:
                return [], subj
        if not speakers:
            return [], subj
        if nested:
            outer = [r for r in sent_rows if r["start"] <= v < r["end"]]
            if outer and _OUTLET.match(outer[0].get("_np", "")):
                outlet = cited_source("dikutip " + outer[0]["speaker"]) if not outer[0]["listed"] else outer[0]["speaker"]
                for r in outer:
                    self.rows.remove(r)
                    sent_rows.remove(r)
                    if self.sp.history and self.sp.history[-1] is r["_speaker"]:
                        self.sp.history.pop()
                rows = self._content_rows(speakers, m, sent, sb, quotes, date_spans)
                for r in rows:
                    r["cited_source"] = outlet if isinstance(outlet, str) else outer[0]["speaker"]
                return rows, subj
            return [], subj
        rows = self._content_rows(speakers, m, sent, sb, quotes, date_spans, np=(a, b), verb=verb)
        return rows, subj

    def _apposition(self, a, b):
        """Span of a name in apposition at the end of a speaker phrase ("<role>, <Name>"), or
        None: two or more capitalised words that are not role words, or one listed person."""
        m = _APPOSITION.search(self.text, a, b)
        if not m or not self.text[a:m.start()].strip():
            return None
        words = m.group("name").split()
        if any(w.lower() in _ROLE_SINGLE or w.lower() in lx.LEAD_WORDS for w in words):
            return None
        na, nb = m.start("name"), m.end("name")
        person = any(x["start"] <= na and x["end"] >= nb and self.sp.info(x["actor_id"]).get("kind") == "person"
                     for x in self.sp.mentions)
        return (na, nb) if len(words) >= 2 or person else None

    def _main_subject(self, sa, sb, lead, v, date_spans):
        text = self.text
        a = lead
        end = a
        for w in re.finditer(r"\S+", text[a:v]):
            word = w.group().strip(",()").lower()
            if _VERBISH.match(word) and word not in _ROLE_SINGLE or word in lx.NEGATIONS:
                break
            end = a + w.end()
        end = _strip_right(text, a, end, date_spans)
        return self.sp.resolve(text, a, end) or None

    def _retext(self, r, ta, tb):
        ta, tb = _trim(self.text, ta, tb)
        r.update(start=ta, end=tb, text=self.text[ta:tb])
        n = int(r["statement_id"].split("#")[1]) if "#" in r["statement_id"] else 1
        r["statement_id"] = schema.statement_id(self.aid, ta, tb, n)

    def _content_rows(self, speakers, m, sent, sb, quotes, date_spans, np=None, verb=None):
        text = self.text
        verb = verb or m.group()
        ve = m.end()
        rest = text[ve:sb]
        # "<content>, X mengumumkan, …" / "…, kata X." : the verb has no content after it
        ca = _lead_end(text, sent[0], np[0], date_spans) if np is not None else 0
        if (np is not None and re.match(r"\s*(?:[,.]|$)", rest) and text[ca:np[0]].strip(" ,")
                and not re.match(r"\s*,\s*[" + _QUOTE_MARKS + "]", rest)
                and text[sent[0]:np[0]].rstrip().endswith((",", ",\u201d", ',"'))):
            ce = text.rfind(",", ca, np[0])
            rows = self._row(speakers, "indirect", verb, ca, ce + 1 if text[ce + 1:ce + 2] in _QUOTE_MARKS else ce, sent)
            return self._tag(rows, np)
        c = ve
        mb = _BAHWA.search(text, ve, sb)
        if mb and not _in_quote(quotes, mb.start()):
            between = text[ve:mb.start()]
            if not between.strip() or (_FRAME_START.match(between) and not _SPEECH.search(between)
                                       and len(between.split()) <= 12 and not re.search(r"[:\u201c\"]", between)):
                c = mb.end()
        if c == ve:
            mc = re.compile(r"\s*[:,]").match(text, ve)
            if mc:
                c = mc.end()
            else:
                # skip a frame phrase before the content ("kepada CNN,")
                fm = _FRAME_START.match(text[ve:sb])
                if fm and re.search(r"[:,]", text[ve:sb]):
                    colon = re.compile(r"[^:,]*[:,]").match(text, ve)
                    if colon and len(text[ve:colon.end()].split()) <= 8:
                        c = colon.end()
        ce = _content_end(text, c, sb)
        qs = [q for q in self.quotes if c <= q[0] < sb]  # a quotation may run past the sentence
        if qs and not text[c:qs[0][0]].strip() and (qs[0][1] >= sb or not text[qs[0][1]:sb].strip(" .")):
            q = qs[0]
            rows = self._row(speakers, "direct", verb, q[0] + 1, self._qend(q), sent)
            return self._tag(rows, np)
        return self._tag(self._row(speakers, "indirect", verb, c, ce, sent), np)

    def _tag(self, rows, np):
        for r in rows:
            r["_np"] = self.text[np[0]:np[1]] if np else ""
        return rows


def extract_statements(article: dict, gaz, ctx: ArticleContext | None = None) -> list[dict]:
    """Statement rows of one article (see module docstring); ``repeat_group`` is left out.
    ``ctx``: the article's :class:`~helpers.context.ArticleContext` when the caller has one."""
    return _Extractor(article, gaz, ctx).run()
