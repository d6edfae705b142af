"""Statement rules for attributions that are not "<speaker> <verb>": quote first, post-quote
cues, "menurut X" / "according to X", and "<content>, kata X".

A mixin of the statement extractor (``statements._Extractor``): the methods read
``self.text``, ``self.P`` (the language's patterns), ``self.sp`` (the speaker resolver) and
build rows with ``self._row``. Each returns the rows of one cue (a list, possibly empty).
"""
from __future__ import annotations

import functools
import re

from helpers.names import _known_place
from helpers.sources import names_a_document
from helpers.spans import content_end, in_quote, quote_inside, second_verb_at, second_verb_in, strip_right
from helpers.text import is_abbreviation


# an acronym in brackets inside a title: "Kepala Biro Penerangan Masyarakat (Karopenmas) Polri"
_SHORT_BRACKET = re.compile(r"\(\s*[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2}\s*\)")

# a name in apposition after a comma: one to four capitalised words, then a stop or a lowercase word
_APPOSED_NAME = re.compile(r",\s*([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})(?=\s*[.,]|\s*$|\s+[a-z])")


@functools.lru_cache(maxsize=None)
def _comma_list(coordinators: tuple) -> re.Pattern:
    """", Iran, Senegal, and Iraq's Kurdistan region": more capitalised names after a comma,
    the last after a coordinator (a few words, up to the next stop)."""
    item = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}"
    last = r"(?:[a-z]+\s+)?[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,4}?(?=\s*[,.;]|\s*$)"
    return re.compile(r"(?:,\s*" + item + r")*,?\s+(?:" + "|".join(map(re.escape, coordinators))
                      + r")\s+" + last)


@functools.lru_cache(maxsize=None)
def _name_list(coordinators: tuple) -> re.Pattern:
    word = r"[A-Z][\w'’-]*"
    return re.compile(r"(?:,\s*(?:(?:" + "|".join(map(re.escape, coordinators)) + r")\s+)?"
                      + word + r"(?:\s+" + word + r")*)+\s*\([A-Z][\w-]{1,10}\)")


class AttributionRules:
    def _passive(self, sent, sa, sb, m, lead, quotes, date_spans):
        """"Hal itu disampaikan (oleh) X" (what was said: the sentence before), "Jumlah itu
        diungkapkan X" (the subject), "…, ditambahkan Herman, <content>", "Dijelaskannya, …"."""
        text, P = self.text, self.P
        if P.YANG_END.search(text, max(lead, sa), m.start()) or P.NEG_END.search(text, max(lead, sa), m.start()):
            return []  # "pasukan yang disebut …", "enggan disebutkan namanya": not an attribution
        before = text[max(sa, m.start() - 40):m.start()].lower().split()[-3:]
        if P.lex.PASSIVE_NEEDS_AGENT and not set(before) & set(P.lex.PASSIVE_AUXILIARIES) \
                and not (before and before[-1] in P.lex.SOURCE_NOUNS):  # "The numbers reported by X"
            return []  # no "was/were/been": "cases reported by X", "Photos released by KCNA" modify a noun
        if m.group("encl"):
            sp = self.sp.previous(m.start())
            speakers, agent_end = ([sp] if sp else []), m.end()
        else:
            a = P.AGENT.match(text, m.end() + len(m.groupdict().get("gap") or "")).end()
            agent_end = self._attribution_np_end(a, sb, date_spans)
            words = text[a:agent_end].split()
            det = P.DETERMINERS.match(text[a:agent_end])  # "by the health ministry"
            head = words[len(det.group().split()):] if det else words
            if not head or len(words) > 10 or not (head[0][:1].isupper() or P.ROLE.search(" ".join(head[:4]))) or any(
                    P.VERBISH.match(w.lower().strip(",.")) and w.lower() not in P.role_single for w in words):
                return []  # "disebutkan korban meninggal bertambah …": what follows is no agent
            speakers = self.sp.resolve(text, a, agent_end)
        if not speakers:
            return []
        subj_a = max(lead, sa)
        subj_b = strip_right(P, text, subj_a, m.start(), date_spans)
        subject = text[subj_a:subj_b].strip(" ,")
        if not subject:  # "Ditambahkan Herman, kondisi di lapangan …"
            rest = text[agent_end:sb]
            if not rest.lstrip().startswith(",") or len(rest.split()) < 3:
                return []
            c = agent_end + len(rest) - len(rest.lstrip(" ,"))
            return self._row(speakers, "indirect", m.group("v"), c, content_end(P, text, c, sb), sent)
        if P.ANAPHOR.match(subject):  # "Hal itu disampaikan X": the sentence before, and "Hal itu"
            before = [s for s in self.ctx.sentences if s[1] <= sent[0]
                      and not any(a <= s[0] < b for a, b in self.ctx.skip)]
            if not before or text.count("\n\n", before[-1][1], sent[0]) > 1:
                return []
            return self._row(speakers, "indirect", m.group("v"), before[-1][0], subj_b, (before[-1][0], sent[1]))
        if len(subject.split()) < (1 if P.lex.PASSIVE_NEEDS_AGENT else 3):
            return []  # "Additional deaths were confirmed by X": the agent marks the passive
        return self._row(speakers, "indirect", m.group("v"), subj_a, subj_b, sent)

    def _attribution_np_end(self, a, sb, date_spans):
        """End of the speaker phrase after a post-quote cue, keeping an apposition
        ("juru bicara Dewan Keamanan Nasional AS, John Kirby")."""
        text, P = self.text, self.P
        m = P.STOPS.search(text, a, sb)
        coordinators = {w.lower() for w in P.lex.SPEAKER_COORDINATORS}
        while m and ((m.group() == "." and is_abbreviation(text, m.start()))  # "Kadinkes Kab. Malang"
                     or (m.group() == "(" and _SHORT_BRACKET.match(text, m.start(), sb))  # "Kabid P2P (P2P)"
                     or (m.group().lower() in coordinators and m.group()[:1].islower()
                         and re.match(r"\s+[A-Z]", text[m.end():sb]) and text[a:m.start()].strip()[:1].isupper())):
            # "Kepala Pusat Data Informasi dan Komunikasi …": a title-case name goes on
            skip = _SHORT_BRACKET.match(text, m.start(), sb) if m.group() == "(" else None
            m = P.STOPS.search(text, skip.end() if skip else m.end(), sb)
        end = m.start() if m else sb
        for s, e in date_spans:
            if a <= s < end:
                end = s
        second = second_verb_in(P, text, a, end)  # "kata polisi dan menambahkan …"
        end = second if second is not None else end
        listed = _comma_list(tuple(P.lex.SPEAKER_COORDINATORS)).match(text, end, sb) if m else None
        if listed and m.group() == ",":  # "confirmed by Indonesia, Iran, Senegal and Tunisia"
            return listed.end()
        if m and m.group() == ",":
            # "…, kata Kepala BPBD Jateng, Muhammad Chomsul(,|.| kepada wartawan)"
            app = _APPOSED_NAME.match(text, m.start(), sb)
            if app and P.NAME.match(app.group(1)):
                end = m.start() + len(app.group(0).rstrip())
        return end

    def _quote_first(self, sent, sa, sb, q, quotes, date_spans):
        """“…,” kata X / “…,” X mengatakan (the quotation opens the sentence)."""
        text, P = self.text, self.P
        after = q[1]
        pos = re.compile(r"[\s,.]*").match(text, after).end()
        ma = P.AFTER.match(text, pos)
        if ma:
            if ma.group("encl"):
                sp = self.sp.previous(q[0])
                speakers = [sp] if sp else []
                np_end = ma.end()
            else:
                np_end = self._attribution_np_end(ma.end(), sb, date_spans)
                speakers = self.sp.resolve(text, ma.end(), np_end)
            verb = ma.group("v")
        else:
            mv = P.SPEECH.search(text, pos, sb)
            words = len(text[pos:mv.start()].split()) if mv else 0
            rc = P.REL_COMMA.search(text, pos, mv.start()) if mv else None
            if rc and text[pos:mv.start()].rstrip().endswith(","):  # "X, who joined a march …, told AFP"
                words -= len(text[rc.start():mv.start()].split())
            if (not mv or ("," in text[pos:mv.start()] and not P.lex.QUOTE_ATTRIBUTION_COMMAS)
                    or words > P.lex.QUOTE_ATTRIBUTION_MAX_WORDS):
                return []
            np_end = strip_right(P, text, pos, mv.start(), date_spans)
            speakers = self.sp.resolve_appositive(text, pos, np_end)  # "Pat Ryder, a Pentagon spokesman,"
            verb = mv.group()
            np_end = mv.end()
            rest = text[np_end:sb]
            if rest.strip(" .,") and not re.match(r"\s*[,.]", rest) and not self._frame_only(mv, rest):
                if not P.FRAME_START.match(rest) or P.BAHWA.search(rest.split(",")[0]):
                    return []  # the verb takes its own object: not an attribution of the quote
                # "“…,” X said at a briefing streamed on …, according to …": a long frame
        self.quote_rest = np_end  # further cues of the sentence may follow the attribution
        if not speakers:
            return []
        rows = self._add(self._row(speakers, "direct", verb, q[0] + 1, self._qend(q), sent), q[0])
        for q2 in quotes[1:]:  # “…,” kata Austin …, “…”
            if q2[0] >= np_end and re.search(r",\s*$", text[np_end:q2[0]]):
                rows += self._add(self._row(speakers, "direct", verb, q2[0] + 1, self._qend(q2), sent), q2[0])
        return rows

    def _continuation(self, sent, sa, sb, q):
        """A quotation continuing the last speaker's, in the same paragraph after the
        attribution or in a paragraph of its own; True when a row was added."""
        text, ld = self.text, self.last_direct
        line_start = text.rfind("\n", 0, sa) + 1
        line_end = text.find("\n", sb) if text.find("\n", sb) != -1 else len(text)
        prev_line = text.rfind("\n", 0, max(line_start - 1, 0))
        while prev_line > 0 and not text[prev_line + 1:line_start].strip():
            prev_line = text.rfind("\n", 0, prev_line)
        prev_start = 0 if prev_line < 0 else prev_line + 1
        same_para = ld and ld["line"] == line_start and ld["end"] <= sa  # “A,” kata X. “B.”
        next_para = ld and sa == line_start and ld["line"] == prev_start  # a quote paragraph of its own
        if q[1] >= sb - 1 and (same_para or next_para and not text[sb:line_end].strip()):
            self._add(self._row([ld["speaker"]], "direct", ld["verb"], q[0] + 1, self._qend(q), sent), q[0])
            return True
        return False

    def _post_kata(self, sent, sa, sb, m, lead, quotes, date_spans, dry=False):
        """<content>, kata X …  (the content is not a quotation: indirect). ``dry``: only
        whether the cue reads this way (a short phrase after it that names a speaker)."""
        text, P = self.text, self.P
        comma = text.rfind(",", sa, m.start())
        ca = max(lead, sa)
        if comma != -1 and comma <= ca and text[sa:comma].strip() and not text[comma + 1:m.start()].strip() \
                and not quote_inside(quotes, comma - 2, comma + 2):
            return self._inside_cue(sent, sa, sb, m, date_spans, dry)  # "Pada pekan lalu, kata X, …"
        if comma <= ca or quote_inside(quotes, comma - 2, comma + 2):
            return []
        np_end = m.end()
        if m.group("encl"):
            sp = self.sp.previous(m.start())
            speakers = [sp] if sp else []
        else:
            np_end = self._attribution_np_end(m.end(), sb, date_spans)
            if len(text[m.end():np_end].split()) > 10:
                return []  # not a speaker phrase: "…, said the local count was higher …"
            speakers = self.sp.resolve(text, m.end(), np_end)
        appositive = self._apposition_tail(np_end, sb)  # "…, said Khanal, a hospital director."
        if dry:  # "…, said Ryder." / "…, said the official." — not "…, Prasetyo, said 350 officers …"
            phrase = text[m.end():np_end].split()
            relative = re.match(r"\s*,\s*(\w+)", text[np_end:sb])  # "…, said Sheriff X, who updated …"
            appositive = appositive or bool(relative and relative.group(1).lower() in P.lex.RELATIVE_PRONOUNS)
            appositive = appositive or second_verb_at(P, text, np_end, sb)  # "…, kata polisi dan menambahkan"
            said_nothing = self._nothing_said(np_end, sb, date_spans)
            return (bool(speakers) and 0 < len(phrase) <= 10 and (said_nothing or appositive)
                    and not any(ch.isdigit() for ch in "".join(phrase))
                    and not any(w.lower() in P.lex.PASSIVE_AUXILIARIES or (w[:1] and w[:1] in P.quote_marks)
                                for w in phrase)  # "…, said the president's comments were “unlawful”"
                    and (phrase[0][:1].isupper() or phrase[0].lower() in P.lex.SPEAKER_DETERMINERS
                         or (len(phrase) == 1 and phrase[0].lower() in P.lex.PRONOUNS)
                         or bool(P.INDEPENDENT.match(" ".join(phrase)))  # "…, said police."
                         or bool(P.ROLE.search(" ".join(phrase)))))  # "said state police chief X"
        rest = text[np_end:sb]
        words = rest.strip(" ,.").split()
        cont = np_end + len(rest) - len(rest.lstrip(" ,"))  # where the text after the cue resumes
        if (not appositive and rest.lstrip().startswith(",") and len(words) >= 3
                and words[0].lower() not in P.lex.LEAD_WORDS
                and words[0].lower() not in P.lex.ATTRIBUTION_STOPS
                and not any(np_end <= s <= cont for s, _ in date_spans)):  # not ", Senin (28/10)."
            # "Uni Eropa, lanjut Kallas, tengah menyiapkan …": the cue sits inside what was said
            return self._row(speakers, "indirect", m.group("v"), ca, content_end(P, text, np_end, sb), sent)
        return self._row(speakers, "indirect", m.group("v"), ca, comma, sent)

    def _nothing_said(self, a, sb, date_spans) -> bool:
        """After the speaker of "…, said X" comes nothing that was said: dates ("… yesterday."),
        an affiliation ("… with the weather service."), or a participle ("…, adding that …")."""
        text, P = self.text, self.P
        if P.PARTICIPLE.match(text, a):
            return True
        rest = text[a:sb]
        for ds, de in sorted(date_spans, reverse=True):
            if a <= ds < sb:
                rest = rest[:ds - a] + rest[de - a:]
        rest = " ".join(w for w in rest.split() if w.lower().strip(" .,") not in P.lex.DATE_PREPOSITIONS)
        return not rest.strip(" .,") or bool(
            P.FRAME_START.match(rest.strip(" ,")) and len(rest.split()) <= 10 and not P.SPEECH.search(rest)
            and "," not in rest.strip(" .,"))

    def _inside_cue(self, sent, sa, sb, m, date_spans, dry):
        """"<lead>, kata X, <content>" ("Pada pekan sebelumnya, kata Nadia, tercatat …"): the
        cue and its speaker between an opening adverbial and what was said."""
        text, P = self.text, self.P
        encl = bool(m.group("encl"))  # "Pada Senin, ujarnya, …"
        np_end = m.end() if encl else self._attribution_np_end(m.end(), sb, date_spans)
        phrase = text[m.end():np_end].split()
        rest = text[np_end:sb]
        if not (encl or 0 < len(phrase) <= 6) or not rest.lstrip().startswith(",") \
                or len(rest.strip(" ,.").split()) < 3:
            return False if dry else []
        prev = self.sp.previous(m.start()) if encl else None
        speakers = ([prev] if prev else []) if encl else self.sp.resolve(text, m.end(), np_end)
        if dry or not speakers:
            return bool(speakers) if dry else []
        cont = np_end + len(rest) - len(rest.lstrip(" ,"))
        return self._row(speakers, "indirect", m.group("v"), cont, content_end(P, text, cont, sb), sent)

    def _listed_name_end(self, comma, sb):
        """The comma after a name whose parts are listed with commas and closed by its acronym
        ("Badan Meteorologi, Klimatologi, dan Geofisika (BMKG), …"), else None."""
        P = self.P
        rx = _name_list(tuple(P.lex.SPEAKER_COORDINATORS))
        m = rx.match(self.text, comma, sb)
        if not m:
            return None
        nxt = self.text.find(",", m.end(), sb)
        return nxt if nxt != -1 and not self.text[m.end():nxt].strip() else None

    def _apposition_tail(self, a, sb) -> bool:
        """The sentence ends with an apposition after ``a``: ", a hospital director." /
        ", juru bicara BNPB." (a few words, a determiner or role word, no digit or verb)."""
        text, P = self.text, self.P
        part = P.PARTICIPLE.search(text, a, sb)  # ", the ministry's spokesman, adding that …"
        rest = text[a:part.start() if part else sb]
        words = rest.strip(" .,").split()
        if not rest.lstrip().startswith(",") or not 0 < len(words) <= 8 or any(c.isdigit() for c in rest):
            return False
        if P.SPEECH.search(rest) or "," in rest.strip(" .,"):
            return False
        first = words[0].lower()
        return (first in P.lex.SPEAKER_DETERMINERS or first in P.lex.RELATIVE_PRONOUNS
                or bool(P.ROLE.match(" ".join(words))))

    def _according(self, sent, sa, sb, m, lead, quotes, date_spans):
        """Menurut X, <content> / <content>, menurut X / Menurutnya, <content>."""
        text, P = self.text, self.P
        if m.group("encl"):  # "Menurutnya, …" / "…, menurutnya." / "…, menurutnya <content>"
            sp = self.sp.previous(m.start())
            if not sp:
                return []
            after = text[m.end():sb].strip(" ,.")
            if len(after.split()) >= 3:
                c = m.end() + len(text[m.end():sb]) - len(text[m.end():sb].lstrip(" ,"))
                return self._row([sp], "indirect", m.group(), c, content_end(P, text, c, sb), sent)
            if text[sa:m.start()].rstrip().endswith(","):
                return self._row([sp], "indirect", m.group(), lead, text.rfind(",", sa, m.start()), sent)
            return []
        comma = text.find(",", m.end(), sb)
        if comma == -1 or text[sa:m.start()].strip(" ,") and m.start() > lead:
            # "<content>, menurut X."
            if text[sa:m.start()].rstrip().endswith(","):
                speakers = self._according_speakers(m.end(), content_end(P, text, m.end(), sb))
                return self._row(speakers, "indirect", m.group(), lead, text.rfind(",", sa, m.start()), sent)
            return []
        np_end = comma
        name = self._listed_name_end(comma, sb)  # "Badan Meteorologi, Klimatologi, dan Geofisika (BMKG)"
        if name:
            np_end = comma = name
        # apposition: "Menurut John Kirby, juru bicara …, <content>"
        nxt = text.find(",", comma + 1, sb)
        app = text[comma + 1:nxt].split() if nxt != -1 else []
        if (app and P.ROLE.match(" ".join(app)) and len(app) <= 8 and not P.SPEECH.search(text, comma, nxt)
                and not any(P.VERBISH.match(w.lower()) for w in app)):
            np_end = nxt
        holder = None
        if np_end == comma and self._role_then_name(m.end(), comma, nxt):
            holder = self.sp.one(text, comma + 1, nxt)  # "Menurut Kepala BNPB, Suharyanto, …"
            np_end = nxt if holder else np_end
        v2 = P.SPEECH.search(text, np_end, sb)
        while v2 and (text[max(np_end, v2.start() - 12):v2.start()].split() or [""])[-1].lower() \
                in P.lex.RELATIVE_PRONOUNS:  # "… tahun 2023 yang mencatat …" is no clause of its own
            v2 = P.SPEECH.search(text, v2.end(), sb)
        if v2 and not in_quote(quotes, v2.start()) and not P.SOURCE.match(text[np_end + 1:v2.start()]) \
                and self.sp.resolve(text, np_end + 1, v2.start()):
            # "Menurut …, X mengatakan …": the verb's own clause decides; not when X is a
            # document ("Menurut X, data terbaru menunjukkan bahwa …": X speaks) or nobody named
            return []
        if holder:  # the person named in apposition speaks, not the office before
            speakers = [holder]
        else:
            speakers = self._according_speakers(m.end(), np_end)
        return self._row(speakers, "indirect", m.group(), np_end + 1, content_end(P, text, np_end + 1, sb), sent)

    def _role_then_name(self, a, comma, nxt) -> bool:
        """``text[a:nxt]`` is a title and then, after ``comma``, the name of its holder
        ("Kepala Kantor Basarnas Banyuwangi, Wahyu Setyabudi"; not a place: "…, Jakarta Utara")."""
        text, P = self.text, self.P
        if nxt == -1 or not _APPOSED_NAME.fullmatch(text, comma, nxt):
            return False
        role = text[a:comma].strip()
        name = text[comma + 1:nxt].strip()
        return (len(role.split()) <= 8 and bool(P.ROLE.search(role)) and bool(P.NAME.match(name))
                and not _known_place(P, name))

    def _according_speakers(self, a, b):
        """The speakers of "according to <phrase>": as resolved, else a short description
        ("according to the rescue operation"), never a document ("according to reports")."""
        speakers = self.sp.resolve(self.text, a, b)
        if speakers:
            return speakers
        phrase = re.sub(r"\s+", " ", self.text[a:b]).strip(" ,.")
        d = self.P.DETERMINERS.match(phrase)
        head = phrase[d.end():] if d else phrase
        words = head.lower().split()
        if not d or not 1 <= len(words) <= 4 or any(c.isdigit() for c in head) \
                or names_a_document(words, self.lang):
            return []
        return [self.sp.unlisted(head)]
