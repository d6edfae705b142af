"""Statement rules for "<speaker> [frame] <verb> [kepada …] [bahwa|,|:] <content>" clauses.

A mixin of the statement extractor (``statements._Extractor``). ``_verb`` handles one speech
verb: its subject (``_subject``: after leading adverbials and clause breaks, without adverbs,
dates, negation and frame phrases; a name in apposition wins), coordination with an earlier
verb of the same sentence ("… dan mengatakan bahwa …"), relative clauses ("ISW yang berbasis
di Washington melaporkan"; "konstitusi yang menganggap …" is nobody's statement), contrast
clauses (", sementara Moskow membantah"), verbs nested in what someone else said, and outlet
speakers that become the ``cited_source`` of the statement they report. ``_content_rows``
finds what was said after the verb (or before it: "<content>, X mengumumkan.").
"""
from __future__ import annotations

import re

from helpers import schema
from helpers.sources import outlet_name
from helpers.spans import (content_end, in_quote, lead_end, second_verb_at, starting_within, strip_frame,
                           strip_right, trim)


class ClauseRules:
    def _subject(self, sa, sb, v, lead, prev_end, date_spans, relative=True):
        """(np_start, np_end, coordinated, negated) for the speech verb at ``v``; with
        ``relative=False`` a relative clause is part of the speaker phrase ("Pejabat AS yang
        enggan disebutkan namanya mengatakan")."""
        text, P = self.text, self.P
        a = max(lead, prev_end or sa)
        for mc in P.CONTRAST.finditer(text, a, v):  # "…, sementara Moskow membantah"
            a = mc.end()
        rc = P.REL_COMMA.search(text, a, v)
        if rc and rc.start() > a and text[a:v].rstrip().endswith(",") and not text[a:rc.start()].count(","):
            # "The official, who spoke on condition of anonymity …, said": the head speaks
            return a, strip_right(P, text, a, rc.start(), date_spans), False, None
        rel_cut = None
        for mb in P.CLAUSE_BREAK.finditer(text, a, strip_frame(P, text, a, v)):
            is_rel = P.YANG.fullmatch(mb.group()) is not None
            if not relative and is_rel:
                continue
            if is_rel and rel_cut is None and P.VERBISH.match(
                    (text[mb.end():v].split() or [""])[0].lower()) and self.sp.resolve(text, a, mb.start()):
                rel_cut = mb.start()  # "ISW yang berbasis di Washington melaporkan": ISW speaks
                continue
            before = text[max(0, mb.start() - 40):mb.start()]  # a window: no copy of the text
            if before.rstrip().endswith(",") and P.PAREN_END.search(text, mb.end(), v):
                continue  # ", saat ditanya wartawan," between speaker and verb
            a = mb.end()
        a = lead_end(P, text, a, v, date_spans) if a != lead else a
        for mq in P.QUOTE_COMMA.finditer(text[a:v]):
            a = a + mq.end()
        vm = P.SPEECH.match(text, v) or re.compile(r"\w+").match(text, v)
        if re.match(r"\s*(?:[,.]|$)", text[vm.end():sb]) or self._closes(vm, text[vm.end():sb]) \
                or second_verb_at(P, text, vm.end(), sb):  # "…, the police said and added that …"
            lc = text.rfind(",", a, v)  # "<content>, X said." / "…, X told journalists on Friday."
            det = P.DETERMINERS.match(text[lc + 1:v]) if lc != -1 else None
            head = text[lc + 1 + (det.end() if det else 0):v] if lc != -1 else ""
            if lc != -1 and (re.search(r"[A-Z]", text[lc:v]) or P.ROLE.search(text, lc, v)
                             or P.PRONOUN.match(text[lc + 1:v])  # "…, he said."
                             or (len(head.split()) <= 4 and P.INDEPENDENT.match(head))):  # "…, activists said."
                a = lc + 1
        b = strip_right(P, text, a, v, date_spans)
        if rel_cut is not None and a < rel_cut < b:
            return a, strip_right(P, text, a, rel_cut, date_spans), False, None
        neg = P.NEG_END.search(text[a:b])
        negated = a + neg.start() if neg else None  # where the negation starts
        if neg:
            b = strip_right(P, text, a, a + neg.start(), date_spans)
        coordinated = bool(P.COORD_END.search(text[a:b])) or (prev_end is not None and text[a:b].strip() == "")
        if prev_end is not None and "," in text[b:v] and not coordinated:
            coordinated = True
        if not coordinated:
            app = self._apposition(a, b)
            if app:  # "Peneliti Institut Asan di Seoul, Jang Min-ho, mengungkapkan": the name
                a, b = app
            else:
                b0 = b
                b = strip_right(P, text, a, self._frame_end(a, b), date_spans)
                if P.SOURCE.fullmatch(text[a:b].strip()):
                    b = b0  # "Data dari BNPB menyebut": the source after "dari" is the subject
        return a, b, coordinated, negated

    def _relative_head(self, m, sent, sa, sb, lead, prev_end, quotes, date_spans, rel):
        """"konstitusi yang menganggap …": a relative clause; its head may be a speaker."""
        text, P = self.text, self.P
        ha = max(lead, prev_end or sa)
        for mb in P.CLAUSE_BREAK.finditer(text, ha, rel.start()):
            ha = mb.end()
        comma = text.rfind(",", ha, rel.start())
        if comma != -1 and text[comma + 1:rel.start()].strip():
            ha = comma + 1  # the head is the phrase right before the relative pronoun
        speakers = self.sp.resolve(text, ha, strip_right(P, text, ha, rel.start(), date_spans))
        if not speakers:
            return []
        return self._content_rows(speakers, m, sent, sb, quotes, date_spans, np=(ha, rel.start()))

    def _coordinated(self, sa, sb, v, a, b, lead, date_spans, sent_rows, main_subject):
        """Speakers of a second verb of the sentence's subject; cut the earlier row there."""
        text, P = self.text, self.P
        last = [r for r in sent_rows if r.get("_verb_pos") is not None and r["_verb_pos"] < v]
        if main_subject is None and last and self.P.AFTER.fullmatch(last[-1]["verb"]):
            main_subject = [r["_speaker"] for r in last if r["_verb_pos"] == last[-1]["_verb_pos"]]
            # "…, kata polisi dan menambahkan …": the speaker after the cue goes on speaking
        if main_subject is None:
            main_subject = self._main_subject(sa, sb, lead, v, date_spans)
        for r in sent_rows:  # the earlier row of this sentence ends where this clause begins
            if r["start"] < v <= r["end"] + 1:
                cut = P.COORD_END.search(text[r["start"]:a + len(text[a:b])])
                new_end = r["start"] + cut.start() if cut else text.rfind(",", r["start"], v)
                if new_end > r["start"]:
                    self._retext(r, r["start"], new_end)
        return main_subject or []

    def _own_subject(self, sa, sb, v, a, b, lead, prev_end, negated, date_spans, sent_rows):
        """Speakers of a verb with its own subject; (speakers, a, b, nested)."""
        text, P = self.text, self.P
        speakers = self.sp.resolve(text, a, b)
        if not any(s["listed"] or " " in str(s["speaker"]) and s.get("named") for s in speakers) \
                and "," not in text[b:v]:  # "Confusion emerged after OCHA over the weekend announced"
            for mb in reversed(list(P.CLAUSE_BREAK.finditer(text, b, v))):
                if P.YANG.fullmatch(mb.group()):
                    break  # a relative clause ("tentara yang ditawan pasukan Ukraina") is no subject
                b2 = strip_right(P, text, mb.end(), self._frame_end(mb.end(), v), date_spans)
                found = self.sp.resolve(text, mb.end(), b2) if b2 > mb.end() else []
                if any(f["listed"] for f in found):
                    speakers, a, b = found, mb.end(), b2
                break
        if not speakers and negated is None and P.YANG.search(text[sa:v]):
            a2, b2, c2, n2 = self._subject(sa, sb, v, lead, prev_end, date_spans, relative=False)
            yang = P.YANG_SPACE.search(text[a2:b2])
            if not c2 and n2 is None and yang and (P.ROLE.search(text[a2:a2 + yang.start()]) or any(
                    True for x in self.sp.within(a2, a2 + yang.start()))):
                speakers = self.sp.resolve(text, a2, a2 + yang.start())
                a, b = a2, a2 + yang.start()
        for r in sent_rows:  # "X menuduh …, sementara Moskow membantah …": two clauses
            cut = P.CONTRAST_END.search(text, r["start"], a) if r["start"] <= v < r["end"] else None
            if cut:
                self._retext(r, r["start"], cut.start())
        nested = any(r["start"] <= v < r["end"] for r in sent_rows)
        return speakers, a, b, nested

    def _frame_end(self, a, b):
        """``strip_frame`` of text[a:b], never cutting inside a listed name ("Kenya National
        Commission on Human Rights": its "on" is no frame)."""
        cut = strip_frame(self.P, self.text, a, b)
        return max([cut] + [x["end"] for x in self.sp.within(a, b) if x["start"] < cut < x["end"]])

    def _verb(self, sent, sa, sb, m, lead, prev_end, quotes, date_spans, sent_rows, main_subject):
        text, P = self.text, self.P
        v, ve = m.start(), m.end()
        rel = P.YANG_END.search(text, max(lead, prev_end or sa), v)
        if rel:
            return self._relative_head(m, sent, sa, sb, lead, prev_end, quotes, date_spans, rel), None
        if P.PASSIVE_AUX_END.search(text, max(lead, sa), v):
            return [], None  # "are believed to", "was reported": a passive, nobody's statement
        a, b, coordinated, negated = self._subject(sa, sb, v, lead, prev_end, date_spans)
        nested = False
        if coordinated:
            speakers = self._coordinated(sa, sb, v, a, b, lead, date_spans, sent_rows, main_subject)
        else:
            speakers, a, b, nested = self._own_subject(sa, sb, v, a, b, lead, prev_end, negated,
                                                       date_spans, sent_rows)
        subj = speakers if not coordinated else None
        verb = m.group()
        if negated is not None:  # "tidak mengkonfirmasi" is a denial; "tidak menyebutkan" is nothing
            verb = " ".join(text[negated:ve].split())
            if verb.lower() not in P.VERB_STANCE:
                return [], subj
        if not speakers:
            return [], subj
        if nested:
            return self._nested(m, sent, sb, quotes, date_spans, sent_rows, v, speakers), subj
        return self._content_rows(speakers, m, sent, sb, quotes, date_spans, np=(a, b), verb=verb), subj

    def _nested(self, m, sent, sb, quotes, date_spans, sent_rows, v, speakers):
        """A verb inside what an earlier row of the sentence says: nothing, unless that row's
        speaker is an outlet ("Layanan berita Yonhap mengatakan Presiden Yoon mengatakan …"),
        which then becomes the cited source of this statement."""
        outer = [r for r in sent_rows if r["start"] <= v < r["end"]]
        if not (outer and self.P.OUTLET.match(outer[0].get("_np", ""))):
            return []
        outlet = outlet_name(outer[0]["speaker"], self.lang) if not outer[0]["listed"] else outer[0]["speaker"]
        for r in outer:
            self.rows.remove(r)
            sent_rows.remove(r)
            if self.sp.history and self.sp.history[-1] is r["_speaker"]:
                self.sp.history.pop()
        rows = self._content_rows(speakers, m, sent, sb, quotes, date_spans)
        for r in rows:
            r["cited_source"] = outlet if isinstance(outlet, str) else outer[0]["speaker"]
        return rows

    def _apposition(self, a, b):
        """Span of a name in apposition at the end of a speaker phrase ("<role>, <Name>"), or
        None: two or more capitalised words that are not role words, or one listed person."""
        P = self.P
        m = P.APPOSITION.search(self.text, a, b)
        if not m or not self.text[a:m.start()].strip():
            return None
        words = m.group("name").split()
        if any(w.lower() in P.role_single or w.lower() in P.lex.LEAD_WORDS for w in words):
            return None
        na, nb = m.start("name"), m.end("name")
        person = any(x["start"] <= na and x["end"] >= nb and self.sp.info(x["actor_id"]).get("kind") == "person"
                     for x in self.sp.within(max(0, na - 200), nb))
        return (na, nb) if len(words) >= 2 or person else None

    def _main_subject(self, sa, sb, lead, v, date_spans):
        text, P = self.text, self.P
        a = lead
        end = a
        for w in re.finditer(r"\S+", text[a:v]):
            word = w.group().strip(",()").lower()
            if P.VERBISH.match(word) and word not in P.role_single or word in P.lex.NEGATIONS:
                break
            end = a + w.end()
        end = strip_right(P, text, a, end, date_spans)
        return self.sp.resolve(text, a, end) or None

    def _retext(self, r, ta, tb):
        ta, tb = trim(self.text, ta, tb)
        r.update(start=ta, end=tb, text=self.text[ta:tb])
        n = int(r["statement_id"].split("#")[1]) if "#" in r["statement_id"] else 1
        r["statement_id"] = schema.statement_id(self.aid, ta, tb, n)

    def _content_before(self, speakers, verb, sent, np, date_spans):
        """"<content>, X mengumumkan." / "…, kata X.": what was said precedes the speaker."""
        text, P = self.text, self.P
        ca = lead_end(P, text, max(sent[0], self.sent_start), np[0], date_spans)
        ce = text.rfind(",", ca, np[0])
        rows = self._row(speakers, "indirect", verb, ca, ce + 1 if text[ce + 1:ce + 2] in P.quote_marks else ce, sent)
        return self._tag(rows, np)

    def _content_start(self, ve, sb, quotes):
        """Where what was said begins after the verb: after "bahwa", a colon or comma, or a
        short frame phrase ("kepada CNN,")."""
        text, P = self.text, self.P
        c = ve
        for d in self.ctx.dates_within(ve, sb):  # "said on Wednesday (that) …": the date is no content
            if not text[c:d["start"]].strip(" ,") or P.FRAME_START.fullmatch(text[c:d["start"]] + " "):
                c = d["end"]
            break
        mb = P.BAHWA.search(text, ve, sb)
        if mb and not in_quote(quotes, mb.start()):
            between = text[ve:mb.start()]
            if not between.strip() or (P.FRAME_START.match(between) and not P.SPEECH.search(between)
                                       and len(between.split()) <= 12 and not re.search(r"[:\u201c\"]", between)):
                c = mb.end()
            elif (P.HEARER.fullmatch(text, self._verb_start(ve), ve) and len(between.split()) <= 8
                  and not re.search(r"[,:;\u201c\"]", between)):  # "told reporters on Monday that"
                c = mb.end()
        if c == ve:
            mc = re.compile(r"\s*[:,]").match(text, ve)
            if mc:
                c = mc.end()
            else:
                fm = P.FRAME_START.match(text[ve:sb])
                if fm and re.search(r"[:,]", text[ve:sb]):
                    colon = re.compile(r"[^:,]*[:,]").match(text, ve)
                    if colon and len(text[ve:colon.end()].split()) <= 8:
                        c = colon.end()
        return c

    def _content_rows(self, speakers, m, sent, sb, quotes, date_spans, np=None, verb=None):
        text, P = self.text, self.P
        verb = verb or m.group()
        rest = text[m.end():sb]
        if (np is not None and (re.match(r"\s*[,.]?\s*$", rest) or self._closes(m, rest)
                                or P.PARTICIPLE.match(rest))  # ", adding that …": content before
                and text[lead_end(P, text, max(sent[0], self.sent_start), np[0], date_spans):np[0]].strip(" ,")
                and not re.match(r"\s*,\s*[" + P.quote_marks + "]", rest)
                and text[sent[0]:np[0]].rstrip().endswith((",", ",\u201d", ',"'))):
            return self._content_before(speakers, verb, sent, np, date_spans)
        c = self._content_start(m.end(), sb, quotes)
        ce = content_end(P, text, c, sb)
        qs = starting_within(self.quotes, self.quote_starts, c, sb)  # a quotation may run past the sentence
        if qs and not text[c:qs[0][0]].strip() and (qs[0][1] >= sb or not text[qs[0][1]:sb].strip(" .")):
            q = qs[0]
            return self._tag(self._row(speakers, "direct", verb, q[0] + 1, self._qend(q), sent), np)
        if not text[m.end():c].strip() and self._object_only(verb, c, ce):
            # "menyampaikan belasungkawa", "put down insurgents": an act, not a statement; its
            # doer is still who "ia" refers to next
            self.sp.history.extend(speakers[:1])
            return []
        return self._tag(self._row(speakers, "indirect", verb, c, ce, sent), np)

    def _object_only(self, verb, c, ce) -> bool:
        """The verb takes a short object, not what was said: a verb of OBJECT_VERBS with a few
        lower-case words and no figure ("meminta penanganan cepat"), or a verb of FIGURE_VERBS
        with no figure at all ("put down insurgents"; "put the toll at 30" is a statement)."""
        lx, content = self.P.lex, self.text[c:ce]
        v = verb.lower()
        if v in lx.FIGURE_VERBS:
            return not any(ch.isdigit() for ch in content)
        words = content.split()
        return (v in lx.OBJECT_VERBS and 0 < len(words) <= 3 and not any(ch.isdigit() for ch in content)
                and all(w[:1].islower() for w in words))

    def _closes(self, m, rest) -> bool:
        """Nothing of what was said follows the verb: the sentence ends, or only a frame, or a
        new subordinate clause (", as rescuers searched …") follows."""
        if re.match(r"\s*(?:[,.]\s*$|$)", rest) or re.match(r"\s*[.]", rest):
            return True
        end, pos = m.end() + len(rest), m.end()
        for d in self.ctx.dates_within(pos, end):  # "said Thursday, with …", "said on Monday (Jan 13),"
            between = self.text[pos:d["start"]].strip(" ,()")
            if between and between.lower() not in self.P.lex.DATE_PREPOSITIONS:
                break
            pos = d["end"]
        rest = self.text[pos:end]
        if pos > m.end():
            rest = rest.lstrip(" )")
            if re.match(r"\s*(?:[,.]\s*$|$)", rest) or re.match(r"\s*[.]", rest):
                return True  # "…, the agency said Friday."
        if re.match(r"\s*,\s*", rest) and (self.P.CLAUSE_BREAK.match(rest.lstrip(" ,"))
                                            or self.P.TRAILING.match(rest.lstrip(" ,"))
                                            or self.P.PARTICIPLE.match(rest)):
            return True  # "…, X said Thursday, warning of …": the participle says more, later
        return self._frame_only(m, rest)

    def _frame_only(self, m, rest) -> bool:
        """What follows the verb is only its hearer or a frame ("told journalists on Friday following a
        meeting", "said in a statement"), not what was said: no complementiser, quotation or
        colon, a few words, opening with a frame preposition or after a hearer verb."""
        P = self.P
        part = P.PARTICIPLE.search(rest)  # "told reporters, adding that …": the frame ends there
        tail = (rest[:part.start()] if part else rest).strip(" .")
        if not tail or len(tail.split()) > 14 or re.search(r"[:\"“”]", tail) or P.BAHWA.search(tail):
            return False
        return bool(P.FRAME_START.match(tail) or P.HEARER.fullmatch(m.group()))

    def _verb_start(self, ve):
        """Start of the word ending at ``ve``."""
        i = ve
        while i > 0 and (self.text[i - 1].isalnum() or self.text[i - 1] in "-'"):
            i -= 1
        return i

    def _tag(self, rows, np):
        for r in rows:
            r["_np"] = self.text[np[0]:np[1]] if np else ""
        return rows
