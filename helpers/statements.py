"""Who said what: direct and indirect speech, one row per reporting clause.

``extract_statements(article, gaz, ctx=None)`` returns one row (a dict with the STATEMENTS
columns of ``helpers.schema`` except ``repeat_group``) per reporting clause: one speaker, one
act of saying; ``article["text"][row["start"]:row["end"]] == row["text"]`` for every row. The
article's language (``ctx.lang``) picks the lexicon and patterns (``helpers.patterns``).

This module is the loop over cues; the rules live in their own rooms:

* **quote first** — ``attribution``: a quotation opening its sentence, then a post-quote cue
  (``DIRECT_AFTER_VERBS``: “…,” kata X / said X; ``katanya``: the previous speaker) or
  "X <speech verb>"; a second quotation after the attribution is a second row; a quotation in
  a paragraph of its own that continues the last direct speaker's keeps that speaker.
* **cues outside quotations**, left to right: speech verbs (``clauses``: the clause's subject,
  coordination, relative and contrast clauses, negation, nested verbs), post-quote cues without
  a quotation ("<content>, kata X", "Kata X, …"), and "menurut X" / "according to X"
  (``attribution``). A verb right after another is its object ("menolak mengonfirmasi").
* **speakers** — ``speakers.Speakers`` (one resolver for statements and estimates).
* **finishing** each row: ``stated_on`` from the date phrase of the sentence nearest the verb
  outside what was said (else the publication date), ``cited_source`` (``sources``), ``stance``
  (``stance``).
A dateline at the start of a paragraph ("JAKARTA, KOMPAS.com -") is never a speaker; the headline
line and link lines ("Baca juga: …") give no statements; a statement nested in what someone else
said does not change whom a later "dia" refers to.
"""
from __future__ import annotations

import re

import pandas as pd

from helpers import schema
from helpers.attribution import AttributionRules
from helpers.clauses import ClauseRules
from helpers.context import ArticleContext
from helpers.patterns import speech
from helpers.sources import cited_source
from helpers.spans import content_end, in_quote, lead_end, quote_inside, trim
from helpers.speakers import Speakers, kind_of
from helpers.stance import stance

NA = pd.NA


class _Extractor(AttributionRules, ClauseRules):
    def __init__(self, article, gaz, ctx=None):
        self.ctx = ctx or ArticleContext(article, gaz)
        self.lang = self.ctx.lang
        self.P = speech(self.lang)
        self.text = self.ctx.text
        self.aid = article["article_id"]
        self.sp = Speakers(gaz, self.ctx.mentions, self.lang)
        self.quotes = self.ctx.quotes
        self.quote_starts = [q[0] for q in self.quotes]
        self.rows: list[dict] = []
        self.last_direct = None  # line start, speaker, verb of the last row (direct or not)
        self.sent_start = 0
        self.quote_rest = None  # where an opening quotation's attribution ends

    # -- rows -------------------------------------------------------------------------------
    def _row(self, speakers, kind, verb, ta, tb, sent, cited=NA):
        ta, tb = trim(self.text, ta, tb)
        if tb <= ta or not speakers:
            return []
        out = []
        for n, sp in enumerate(speakers, 1):
            out.append(dict(
                statement_id=schema.statement_id(self.aid, ta, tb, n), article_id=self.aid,
                speaker_id=sp["speaker_id"], speaker=sp["speaker"], speaker_kind=sp["speaker_kind"],
                affiliation=sp["affiliation"], listed=sp["listed"], kind=kind, verb=verb.lower(),
                text=self.text[ta:tb], sentence=self.text[sent[0]:sent[1]], start=ta, end=tb,
                cited_source=cited, _sent=sent, _verb_pos=None, _speaker=sp))
        return out

    def run(self):
        skip = list(self.ctx.skip)
        if self.ctx.headline:  # a headline summarises; it is not an act of saying
            skip.append(self.ctx.headline)
        for sent in self.ctx.candidate_sentences:
            if not any(a <= sent[0] < b for a, b in skip):
                self._sentence(sent)
        self._name_descriptions()
        by_sentence: dict = {}
        for r in self.rows:
            by_sentence.setdefault(r["_sent"], []).append(r)
        for r in self.rows:
            self._finish(r, by_sentence[r["_sent"]])
        return [{k: v for k, v in r.items() if not k.startswith("_")} for r in self.rows]

    def _name_descriptions(self, window: int = 8):
        """"…, a rescue official said." then "…,” agency official Emy Freezer told AFP": the
        official described first is the person named a few statements later by the same role
        noun (a wire lede names its source further down). Their rows take the person."""
        P, rows = self.P, self.rows
        for i, r in enumerate(rows):
            sp = r["_speaker"]
            words = re.findall(r"[^\W\d_]+", str(sp["speaker"]).lower())
            if sp["listed"] or sp.get("named") or not words or words[-1] not in P.person_heads:
                continue
            head = re.compile(r"(?<![\w-])" + re.escape(words[-1]) + r"(?![\w-])", re.I)
            for r2 in rows[i + 1:i + 1 + window]:
                sp2 = r2["_speaker"]
                if sp2 is sp or not (kind_of(sp2) == "person" or self.sp._named_person(sp2)):
                    continue
                sa, sb = r2["_sent"]
                frame = self.text[sa:r2["start"]] + " " + self.text[r2["end"]:sb]
                if head.search(frame) and re.search(re.escape(str(sp2.get("surface") or sp2["speaker"])), frame):
                    for r3 in rows[:rows.index(r2)]:
                        if r3["_speaker"] is sp:
                            r3.update({k: sp2[k] for k in ("speaker_id", "speaker", "speaker_kind",
                                                           "affiliation", "listed")}, _speaker=sp2)
                    break

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
        elif not pd.isna(self.ctx.published):
            r["stated_on"], r["date_source"] = self.ctx.published, "published"
        else:
            r["stated_on"], r["date_source"] = pd.NaT, "none"
        if pd.isna(r["cited_source"]):
            names = tuple(m["surface"] for m in self.sp.within(sa, sb)
                          if self.sp.info(m["actor_id"]).get("kind") != "organization")
            r["cited_source"] = cited_source(frame, exclude=names, lang=self.lang)
            if pd.isna(r["cited_source"]):
                r["cited_source"] = self.ctx.credit
        r["stance"] = stance(r["verb"], r["text"], self.lang)

    def _add(self, rows, verb_pos=None):
        for r in rows:
            r["_verb_pos"] = verb_pos
        nested = verb_pos is not None and any(r["start"] <= verb_pos < r["end"] for r in self.rows[-50:])
        self.rows.extend(rows)
        if rows and not nested:  # "X membantah klaim Y yang menyebutkan …": Y does not become "dia"
            self.sp.history.append(rows[0]["_speaker"])
            r = rows[-1]  # the speaker an unattributed quotation after this one continues
            self.last_direct = dict(line=self.text.rfind("\n", 0, r["start"]) + 1, speaker=r["_speaker"],
                                    end=r["end"], verb=r["verb"])
        return rows

    def _qend(self, q):
        e = q[1]
        return e - 1 if self.text[e - 1] in self.P.quote_marks and e - 1 > q[0] else e

    def _closed(self, q):
        return self.text[q[1] - 1] in self.P.quote_marks and q[1] - 1 > q[0]

    _NAME_BEFORE = re.compile(r"[A-Z][\w'’.-]*[^\S\n]+$")

    def _in_name(self, pos, sa) -> bool:
        """A capitalised cue right after a capitalised word in a body sentence is part of a
        name ("The United States claims", "United States Geological Survey"), not a verb.
        Headlines capitalise their verbs ("Iran Klaim 500 Tentara Tewas"): not there."""
        text = self.text
        if not text[pos:pos + 1].isupper() or pos <= sa:
            return False
        head = self.ctx.headline
        if head and head[0] <= pos < head[1]:
            return False
        return bool(self._NAME_BEFORE.search(text, max(sa, pos - 40), pos))

    # -- per sentence -------------------------------------------------------------------------
    def _cues(self, sa, sb, quotes, lead):
        """("verb" | "after" | "according" | "passive", match) cues outside quotations, in order."""
        text, P = self.text, self.P
        cues = [("verb", m) for m in P.SPEECH.finditer(text, sa, sb)
                if not in_quote(quotes, m.start()) and not self._in_name(m.start(), sa)
                and not P.DETERMINER_END.search(text, max(sa, m.start() - 12), m.start())  # "the updated number"
                and not P.STATE_AFTER.match(text, m.end())]  # "Twenty people reported missing"
        for m in P.AFTER.finditer(text, sa, sb):
            if in_quote(quotes, m.start()):
                continue
            if re.search(r",\s*$", text[sa:m.start()]):
                verb = next((c for c in cues if c[1].start() == m.start()), None)
                if verb is not None:  # English "said" is both: "…, said Ryder" or "…, Rina Wati, said …"
                    cues.remove(verb)
                    cues.append(("after_or_verb", m))
                    continue
                cues.append(("after", m))
            elif not text[lead:m.start()].strip() and not m.group("encl") and "," in text[m.end():sb]:
                cues.append(("according", m))  # "Kata Kirby, pasukan itu tiba …"
        for m in P.ACCORDING.finditer(text, sa, sb):
            if not in_quote(quotes, m.start()):
                cues.append(("according", m))
        for m in P.PASSIVE.finditer(text, sa, sb):
            if not in_quote(quotes, m.start()):  # "confirmed by X" is no active "confirmed"
                cues = [c for c in cues if c[1].start() != m.start()]
                cues.append(("passive", m))
        cues.sort(key=lambda c: c[1].start())
        return cues

    def _sentence(self, sent):
        text, P = self.text, self.P
        sa, sb = sent
        m = P.DATELINE.match(text[sa:sb])
        if m and sa == text.rfind("\n", 0, sa) + 1 and not in_quote(self.quotes, sa + m.end() - 1):
            sa = sa + m.end()
        self.sent_start = sa  # after the dateline ("SEOUL, Oct 28 (Reuters) -" is nobody's)
        quotes = quote_inside(self.quotes, sa, sb)
        date_spans = [(d["start"], d["end"]) for d in self.ctx.dates_within(sa, sb)]
        sent_rows: list[dict] = []
        after = sa  # cues before this were read with the opening quotation
        if quotes and not text[sa:quotes[0][0]].strip():  # 1. quote first, or a continuation
            self.quote_rest = None
            sent_rows = self._quote_first(sent, sa, sb, quotes[0], quotes, date_spans)
            if sent_rows:
                if not text[self.quote_rest:sb].strip(" .,;"):
                    return
                after = self.quote_rest  # "“…,” X said at …, adding that …": read on
            elif self.last_direct and self._continuation(sent, sa, sb, quotes[0]):
                return
        lead = lead_end(P, text, sa, sb, date_spans)
        main_subject, prev_end = None, None
        for kind, m in self._cues(sa, sb, quotes, lead):  # 2. cues outside quotations
            if m.start() < after:
                continue
            if kind == "according":
                rows = self._according(sent, sa, sb, m, lead, quotes, date_spans)
            elif kind == "passive":
                rows = self._passive(sent, sa, sb, m, lead, quotes, date_spans)
            elif kind == "after" or (kind == "after_or_verb" and self._post_kata(
                    sent, sa, sb, m, lead, quotes, date_spans, dry=True)):
                rows = self._post_kata(sent, sa, sb, m, lead, quotes, date_spans)
            elif prev_end is not None and not text[prev_end:m.start()].strip():
                prev_end = m.end()  # "menolak mengonfirmasi": the second verb is the object
                continue
            else:
                rows, subj = self._verb(sent, sa, sb, m, lead, prev_end, quotes, date_spans,
                                        sent_rows, main_subject)
                if main_subject is None and subj:
                    main_subject = subj
            if kind != "passive" or rows:  # a passive that names nobody does not end a subject
                prev_end = m.end()
            if rows:
                sent_rows += self._add(rows, m.start())
        if sent_rows:
            self._participles(sent, sb, quotes, sent_rows)

    def _participles(self, sent, sb, quotes, sent_rows):
        """"…, the agency said, adding that 80 people were missing": the participle reports one
        more statement of the last speakers of the sentence; their content ends at its comma."""
        text, P = self.text, self.P
        for m in P.PARTICIPLE.finditer(text, sent_rows[0]["_verb_pos"] or sent[0], sb):
            if in_quote(quotes, m.start()):
                continue
            before = [r for r in sent_rows if r["_verb_pos"] is not None and r["_verb_pos"] < m.start()]
            if not before:
                continue
            last = [r for r in before if r["_verb_pos"] == before[-1]["_verb_pos"]]
            for r in last:
                if r["start"] < m.start() < r["end"]:
                    self._retext(r, r["start"], m.start())
            c = self._content_start(m.end("v"), sb, quotes)
            rows = self._row([r["_speaker"] for r in last], "indirect", m.group("v"), c,
                             content_end(P, text, c, sb), sent)
            sent_rows += self._add(rows, m.start("v"))


def extract_statements(article: dict, gaz, ctx: ArticleContext | None = None) -> list[dict]:
    """Statement rows of one article (see module docstring); ``repeat_group`` is left out.
    ``ctx``: the article's :class:`~helpers.context.ArticleContext` when the caller has one."""
    return _Extractor(article, gaz, ctx).run()
