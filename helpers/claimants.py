"""Who claims a figure: the claimant of an estimate, through the one speaker resolver.

``Claimants(ctx, gaz, statements).find(n, sent)`` -> (claimant dict, statement or None), in
order of preference:

1. the speaker of a statement whose text contains the figure;
2. the speaker of a statement in the same sentence (denials never count: "Peskov menolak
   mengomentari laporan bahwa 8.000 tentara …" is not Peskov's figure);
3. "menurut X" / "according to X" in the sentence (not "menurut laporan …");
4. a headline "X: …" ("BNPB: 62 Orang Meninggal");
5. the subject of a speech or revision verb in the sentence ("BNPB mencatat …", "AS mengklaim
   …"; headlines also with bare verbs: "AS Sebut 10.000 …");
6. the nearest earlier statement in the same paragraph;
7. nobody (NA) — the outlet's own narration.
Phrases are resolved by :class:`helpers.speakers.Speakers` (the same resolver as statements),
so a claimant is named exactly as the same actor would be as a speaker.
"""
from __future__ import annotations

import bisect
import functools
import re
from types import SimpleNamespace

import pandas as pd

from helpers import lexicon
from helpers.lexicon import alt, words_re
from helpers.sources import names_a_document
from helpers.speakers import Speakers

NA = pd.NA
_LONG_HEAD = re.compile(r"\s*(?P<x>[A-Z][^:\n.!?]{0,80}?)\s*:\s+\S")
NOBODY = dict(claimant_id=NA, claimant=NA, affiliation=NA)


@functools.lru_cache(maxsize=None)
def patterns(lang: str) -> SimpleNamespace:
    lx = lexicon.get(lang)
    return SimpleNamespace(
        speech=words_re(lx.SPEECH_VERBS + lx.CLAIM_VERBS),
        revision=re.compile(r"(?<![\w-])(?:" + alt(lx.REVISION_CUES) + r")(?:" + alt(lx.ENCLITIC_PRONOUNS)
                            + r")?(?![\w-])", re.I),
        verb_prefix=tuple(lx.ACTIVE_PREFIXES),
        headline_verb=words_re(lx.HEADLINE_CLAIM_VERBS),
        according=re.compile(r"(?<![\w-])(?:" + alt(lx.ACCORDING_TO) + r")\s+(?P<x>[^,.;:\"“”]+)", re.I),
        not_claimant=re.compile(r"^\s*(?:" + alt(lx.ACCORDING_NOT_CLAIMANT) + r")(?![\w-])", re.I),
        # "data sementara BPBD", "informasi yang dihimpun dari BPBD …", "figures from the ministry",
        # "yang terdata di BPBD Flores Timur": the actor named after a document or a record
        owned_source=re.compile(r"['’]s\s+(?:(?:" + alt(lx.SOURCE_LINKS) + r")\s+)*(?:" + alt(lx.SOURCE_NOUNS)
                                + r")(?![\w-])", re.I),
        source=re.compile(r"(?<![\w-])(?:(?:" + alt(lx.SOURCE_NOUNS) + r")(?:\s+(?:" + alt(lx.SOURCE_LINKS)
                          + r"))*|" + alt(lx.RECORDED_AT or ["(?!)"]) + r")\s+(?P<x>[^,.;:\"“”()]+)", re.I),
        deny=frozenset(lx.STANCE_WORDS["denies"]),
        headline=re.compile(r"\s*(?P<x>[A-Z][^:\n]{0,40}?)\s*:\s+\S"),
        headline_end=re.compile(r":\s+(?P<x>[A-Z][^:\n.!?]{0,40}?)\s*$"),
    )


def _isna(x) -> bool:
    return x is None or (not isinstance(x, str) and pd.isna(x))


def from_speaker(sp) -> dict:
    return dict(claimant_id=sp["speaker_id"], claimant=sp["speaker"], affiliation=sp["affiliation"])


class Claimants:
    def __init__(self, ctx, gaz, statements):
        self.text, self.ctx = ctx.text, ctx
        self.P = patterns(ctx.lang)
        self.lex = lexicon.get(ctx.lang)
        self.sp = Speakers(gaz, ctx.mentions, ctx.lang)
        # a denial's content is what the speaker rejects, not what they claim
        self.statements = sorted((s for s in statements if not _isna(s.get("start"))
                                  and s.get("stance") != "denies"), key=lambda s: s["start"])
        self._starts = [s["start"] for s in self.statements]
        self.quotes = ctx.quotes

    @staticmethod
    def from_statement(st):
        return dict(claimant_id=st.get("speaker_id", NA), claimant=st.get("speaker", NA),
                    affiliation=st.get("affiliation", NA)), st

    def phrase(self, a, b):
        """The actor a phrase names (the speaker resolver), as a claimant dict, or None."""
        found = self.sp.resolve(self.text, a, b)  # pronouns too ("Ia menyampaikan …")
        return from_speaker(found[0]) if found else None

    def _in_quote(self, i):
        k = bisect.bisect_right(self.quotes, (i, float("inf"))) - 1  # the quotation starting last before i
        return any(a <= i < b for a, b in self.quotes[max(0, k - 2):k + 1])

    def find(self, n, sent):
        s = n["start"]
        sa, sb = sent
        near = self.statements[max(0, bisect.bisect_right(self._starts, s) - 60):bisect.bisect_right(self._starts, s)]
        inside = [st for st in near if st["start"] <= s < st["end"]]
        if inside:
            return self.from_statement(min(inside, key=lambda st: st["end"] - st["start"]))
        same = self.statements[bisect.bisect_left(self._starts, sa):bisect.bisect_left(self._starts, sb)]
        if same:
            return self.from_statement(min(same, key=lambda st: min(abs(st["start"] - s), abs(st["end"] - s))))
        who = (self._according(sa, sb) or self._headline(sa, sb) or self._verb_subject(sa, sb, s)
               or self._source(sa, sb))
        if who:
            return who, None
        para_start = self.text.rfind("\n", 0, s) + 1
        before = [st for st in self.statements[bisect.bisect_left(self._starts, para_start):
                                               bisect.bisect_left(self._starts, s)]
                  if not _isna(st.get("speaker"))]
        if before:
            return self.from_statement(max(before, key=lambda st: st["start"]))
        intro = self._list_intro(para_start)
        if intro is not None:  # "Data BNPB menyebut …, terdiri dari:" then "Aceh: 1,5 juta terdampak"
            own = [st for st in self.statements[bisect.bisect_left(self._starts, intro[0]):
                                                bisect.bisect_left(self._starts, intro[1])]
                   if not _isna(st.get("speaker"))]
            if own:
                return self.from_statement(own[-1])
        return dict(NOBODY), None

    def _list_intro(self, line_start, max_items: int = 20):
        """The (start, end) of the line ending with ":" that opens the list this line belongs to
        (each line up to it a short item), else None."""
        text = self.text
        end = text.find("\n", line_start)
        if len(text[line_start:end if end != -1 else len(text)].split()) > 12:
            return None
        pos = line_start
        for _ in range(max_items):
            prev_end = pos
            while prev_end > 0 and text[prev_end - 1].isspace():  # no copy of the text: linear
                prev_end -= 1
            if prev_end <= 0:
                return None
            prev_start = text.rfind("\n", 0, prev_end) + 1
            line = text[prev_start:prev_end]
            if line.endswith(":"):
                return prev_start, prev_end
            if len(line.split()) > 12:
                return None
            pos = prev_start
        return None

    def _according(self, sa, sb):
        for m in self.P.according.finditer(self.text, sa, sb):
            if self._in_quote(m.start()) or self.P.not_claimant.match(m.group("x")):
                continue
            who = self.phrase(m.start("x"), m.end("x"))
            if who:
                return who
            raw = m.group("x").strip()
            words = [w for w in raw.lower().split() if w not in self.lex.SPEAKER_DETERMINERS]
            if (words and len(raw.split()) <= 6 and not any(c.isdigit() for c in raw)  # a name, not a clause
                    and not names_a_document(words, self.ctx.lang)):  # not "the latest figures"
                return dict(claimant_id=NA, claimant=raw, affiliation=NA)
        return None

    def _source(self, sa, sb):
        """A listed actor named right after a document or a record word in the sentence
        ("berdasarkan data sementara BPBD", "Informasi yang dihimpun dari BPBD DKI Jakarta,
        tercatat …"); only a listed actor: "data dari lapangan" names nobody."""
        for m in self.P.source.finditer(self.text, sa, sb):
            if self._in_quote(m.start()):
                continue
            words = list(re.finditer(r"\S+", m.group("x")))[:6]
            if not words:
                continue
            x0 = m.start("x")
            near = [x for x in self.sp.within(x0, x0 + words[-1].end()) if x["start"] - x0 <= 2]
            if near:
                return from_speaker(self.sp.listed(near[0]["actor_id"], near[0]["surface"]))
            who = self._institution(x0, x0 + words[-1].end())
            if who:  # "provided by the civil defence agency": an unlisted institution
                return who
        for m in self.P.owned_source.finditer(self.text, sa, sb):  # "the health ministry's figures"
            if not self._in_quote(m.start()):
                who = self._institution(max(sa, m.start() - 60), m.start())
                if who:
                    return who
        return None

    def _institution(self, a, b):
        """The institution a phrase ending at ``b`` names: a listed actor, or an unlisted name
        whose last word is an organisation noun ("the civil defence agency"); else None."""
        words = list(re.finditer(r"[\w'’-]+", self.text[a:b]))[-5:]
        for w in words:  # the shortest tail that names someone
            found = self.sp.resolve(self.text, a + w.start(), b)
            if found and (found[0]["listed"] or str(found[0]["speaker"]).split()[-1].lower()
                          in self.lex.ORGANIZATION_NOUNS):
                return from_speaker(found[0])
        return None

    def _headline(self, sa, sb):
        """"BNPB: 62 Orang Meninggal": a listed actor before the colon of a headline claims the
        figures after it ("Gempa Cianjur: 62 …" names no claimant)."""
        head = self.P.headline.match(self.text, sa, sb) or self.P.headline_end.search(self.text, sa, sb)
        if head and len(head.group("x").split()) <= 5:  # also "Over 3,000 … Killed: Zelensky"
            who = self.phrase(head.start("x"), head.end("x"))
            return who if who and not _isna(who["claimant_id"]) else None
        head = head or _LONG_HEAD.match(self.text, sa, sb)
        if head:  # "BNPB soal Korban Banjir Lahar Gunung Marapi: 61 Orang Tewas": the actor it opens with
            first = [x for x in self.sp.within(head.start("x"), head.end("x")) if x["start"] == head.start("x")]
            if first:
                return from_speaker(self.sp.listed(first[0]["actor_id"], first[0]["surface"]))
        return None

    def _verb_subject(self, sa, sb, s):
        text, P = self.text, self.P
        verbs = list(P.speech.finditer(text, sa, sb)) + [
            m for m in P.revision.finditer(text, sa, sb) if m.group().lower().startswith(P.verb_prefix)]
        if not re.search(r"[.!?\"”’]\s*$", text[sa:sb]):  # a headline: bare verbs
            verbs += list(P.headline_verb.finditer(text, sa, sb))
        best = None
        for m in verbs:
            if self._in_quote(m.start()) or m.group().lower() in P.deny:
                continue
            who = self._subject(sa, m.start())
            if who and (best is None or abs(m.start() - s) < best[0]):
                best = (abs(m.start() - s), who)
        return best[1] if best else None

    def _subject(self, sa, v):
        """Actor right before a verb at ``v`` ("AS mengklaim", "Pentagon mengumumkan")."""
        cut = max(self.text.rfind(",", sa, v), self.text.rfind(";", sa, v))
        sa = cut + 1 if cut != -1 and v - cut < 80 else sa  # "…rise to 1,100, Seoul says": after the comma
        ws = [(m.start(), m.end()) for m in re.finditer(r"[\w'’-]+", self.text[sa:v])][-6:]
        if not ws:
            return None
        lo = sa + ws[0][0]
        near = [m for m in self.sp.within(lo, v) if m["end"] <= v]
        if near:
            return from_speaker(self.sp.listed(near[-1]["actor_id"], near[-1]["surface"]))
        pa = sa + ws[max(0, len(ws) - 4)][0]
        if self.sp.P.PRONOUN.match(self.text[sa + ws[-1][0]:v]):  # "Dia menambahkan, …": whom it
            found = self.sp.resolve(self.text, sa + ws[-1][0], v)  # refers to, else nobody
            return from_speaker(found[0]) if found else None
        sp = self.sp.one(self.text, pa, v)
        if sp and names_a_document(str(sp["speaker"]).lower().split(), self.ctx.lang):
            return None  # "Data sementara mencatat …": a tally, no claimant
        return from_speaker(sp) if sp and sp.get("named") else None
