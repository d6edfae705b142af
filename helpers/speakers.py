"""One speaker resolver for statements and estimates: who a phrase names.

``Speakers(gaz, mentions, lang)`` resolves a speaker phrase (the words before a reporting
verb, after "menurut"/"according to", after a post-quote cue) to speaker dicts::

    dict(speaker_id, speaker, speaker_kind, affiliation, listed, surface[, named])

Order of preference inside a phrase: a listed person (by a name, not a bare role word) > an
unlisted run of capitalised words that is neither a listed mention nor a title ("Andrii
Sybiha" in "Menteri Luar Negeri Ukraina Andrii Sybiha") > ``gaz.resolve(phrase)`` > the
longest listed actor inside > a role phrase ("pejabat tinggi pemerintah", unlisted) > nobody.

Reference: pronouns (lexicon ``PRONOUNS``) refer to the last person speaker, plural ones
(``PLURAL_PRONOUNS``) to the last organisation/government/group; a definite description
("Lembaga kajian itu", "Pejabat tersebut") to the last organisation or person; a surname alone
("Lee") to an earlier speaker whose name holds it; "X dan Y" gives one speaker each. The
``history`` of earlier speakers is kept by the caller (``statements``) in order.
"""
from __future__ import annotations

import bisect
import re

import pandas as pd

from helpers import coordination, lexicon, roles
from helpers.patterns import speech
from helpers.names import MODIFIER, tail_of_other_name, unlisted_name
from helpers.spans import starting_within

NA = pd.NA
_POSSESSIVE = re.compile(r"['’]s\s")
_OFFICE_OF_AGENCY = re.compile(r"[A-Z][a-z]{3,}\s+[A-Z]{2,8}")  # an office abbreviation, its agency
_ACRONYM_PLACE = re.compile(r"\(([A-Z]{2,8})\)\s+([A-Z][\w' -]{1,40})$")
_GROUPS = roles.GROUPS  # the kinds "they" and "the agency" can refer to


def kind_of(sp) -> str:
    k = sp.get("speaker_kind")
    return k if isinstance(k, str) else ""


class Speakers:
    """Speaker resolution against the gazetteer, with the article's mentions."""

    def __init__(self, gaz, mentions, lang: str = lexicon.DEFAULT):
        self.gaz = gaz
        self.P = speech(lang)
        self.mentions = mentions  # the article's, sorted by start
        self._starts = [x["start"] for x in mentions]
        self.history: list[dict] = []  # speakers of earlier rows, in order

    def within(self, a, b):
        """The article's mentions that start in ``[a, b)`` (a bisect, not a scan)."""
        return starting_within(self.mentions, self._starts, a, b)

    def before(self, a, limit: int = 400):
        """The article's mentions that end before ``a``, nearest first, at most ``limit``."""
        i = bisect.bisect_left(self._starts, a)
        return [x for x in reversed(self.mentions[max(0, i - limit):i]) if x["end"] <= a]

    def info(self, actor_id):
        try:
            return self.gaz.get(actor_id) or {}
        except (KeyError, LookupError):
            return {}

    def listed(self, actor_id, surface):
        inf = self.info(actor_id)
        return dict(speaker_id=actor_id, speaker=inf.get("name") or surface,
                    speaker_kind=inf.get("kind", NA), affiliation=inf.get("affiliation", NA),
                    listed=True, surface=surface)

    @staticmethod
    def unlisted(surface, named=False):
        return dict(speaker_id=NA, speaker=surface, speaker_kind=NA, affiliation=NA,
                    listed=False, surface=surface, named=named)

    def _home_government(self):
        """The gazetteer's government actor of the lexicon's HOME_COUNTRY names ("Indonesia"), if
        any: Indonesian news says "pemerintah" for its own government."""
        for name in self.P.lex.HOME_COUNTRY:
            rid = self.gaz.resolve(name)
            if rid and (self.info(rid).get("kind") == "government"):
                return rid
        return None

    # -- reference ------------------------------------------------------------------------
    def pronoun(self, plural: bool, before: int | None = None):
        """The speaker a pronoun refers to: the last person (or, plural, the last organisation,
        government or group) who spoke; with nobody such yet, the last such actor mentioned
        before ``before`` ("Budi tiba di lokasi. Dirinya mengatakan …")."""
        found = self._pronoun(plural)
        if found is None and before is not None:
            kinds = _GROUPS if plural else ("person",)
            for x in self.before(before):
                if self.info(x["actor_id"]).get("kind") in kinds:
                    return self.listed(x["actor_id"], x["surface"])
        return found

    def _pronoun(self, plural: bool):
        kinds = _GROUPS if plural else ("person",)
        if not plural and self.history and (kind_of(self.history[-1]) == "person"
                                            or self._named_person(self.history[-1])
                                            or self._described_person(self.history[-1])):
            return self.history[-1]
        for sp in reversed(self.history):
            if kind_of(sp) in kinds:
                return sp
        if not plural:  # an unlisted named speaker is a person too
            for sp in reversed(self.history):
                if self._named_person(sp):
                    return sp
        return None

    def _named_person(self, sp) -> bool:
        """An unlisted name that can be a person's ("Emy Freezer"), not a newspaper's or an
        acronym's ("Jakarta Globe", "SBU")."""
        if not sp.get("named"):
            return False
        words = sp["speaker"].split()
        return not (set(words) & set(self.P.lex.NAME_CONTINUATIONS)) and not sp["speaker"].isupper()

    def _described_person(self, sp) -> bool:
        """An unlisted description of one person ("a rescue worker from …", "a rescue official"):
        "he" can refer to it; "the local disaster agency" is no person."""
        if sp["listed"] or sp.get("named"):
            return False
        words = {w.lower() for w in re.findall(r"[^\W\d_]+", sp["speaker"])}
        lx = self.P.lex
        return bool(words & self.P.person_heads) and not words & set(lx.ORGANIZATION_NOUNS)

    def definite(self, organization: bool):
        """The speaker a definite description refers to: the last organisation, government or
        group (listed, or unlisted with an organisation noun first), or the last person."""
        if not organization:
            return self.pronoun(False)
        for sp in reversed(self.history):
            if kind_of(sp) in _GROUPS or (
                    not sp["listed"] and sp["speaker"].split()[0].lower() in self.P.lex.ORGANIZATION_NOUNS):
                return sp
        return None

    def previous(self, before: int | None = None):
        """The speaker of "katanya", "menurutnya", "Dijelaskannya": the last person who spoke,
        else the last speaker, else the last person mentioned before ``before``."""
        return self._pronoun(False) or (self.history[-1] if self.history else None) or \
            self.pronoun(False, before)

    # -- phrases ----------------------------------------------------------------------------
    def resolve(self, text, a, b) -> list[dict]:
        """Speakers named by ``text[a:b]`` (a speaker phrase), [] when it names nobody."""
        P = self.P
        phrase = text[a:b]
        d = P.DETERMINERS.match(phrase)
        if d and phrase[d.end():].strip(" ,").lower() in P.lex.SOURCE_NOUNS:
            # "the report said" after "according to a BBC report": the source that spoke last
            sp = self.definite(True)
            return [sp] if sp else []
        for rx in (P.SOURCE, P.DETERMINERS):  # "data resmi dari BNPB", "para pejabat"
            m = rx.match(phrase)
            if m:
                a, phrase = a + m.end(), phrase[m.end():]
        lead = len(phrase) - len(phrase.lstrip(" -\u2013\u2022*·"))  # a list bullet: "- Polisi mengimbau"
        a, phrase = a + lead, phrase[lead:]
        phrase_s = phrase.strip(" ,")
        if not phrase_s:
            return []
        last = phrase_s.split()[-1]
        if (P.PRONOUN.match(last) and " " in phrase_s
                and not any(w[:1].isupper() for w in phrase_s.split()[1:-1])):
            phrase_s = last  # "Secara rinci dia menjelaskan": an adverb, then the pronoun
        w = P.PRONOUN_WITH.match(phrase_s)
        if w:
            phrase_s = w.group("p")  # "Dia beserta seluruh jajaran Pertamina": she speaks
        if P.PRONOUN.match(phrase_s):
            sp = self.pronoun(bool(P.PLURAL_PRONOUN.match(phrase_s)), a)
            return [sp] if sp else []

        d = P.DEFINITE.match(phrase_s)
        if d:
            sp = self.definite(d.group(1).lower() in P.lex.ORGANIZATION_NOUNS)
            return [sp] if sp else []
        holder = coordination.title_holder(self, text, a, b)
        if holder:
            return [holder]
        parts, pos = [], a
        names = [(x["start"], x["end"]) for x in self.within(a, b)]
        for m in P.SPLIT_SPEAKERS.finditer(text, a, b):
            if any(s <= m.start() < e for s, e in names):
                continue  # "Badan Meteorologi, Klimatologi, dan Geofisika": inside one listed name
            parts.append((pos, m.start()))
            pos = m.end()
        parts.append((pos, b))
        if 1 < len(parts):
            parts = coordination.comma_items(self, text, parts[0]) + parts[1:]  # "Iran, Senegal and Tunisia"
        if 1 < len(parts) and all(len(text[pa:pb].split()) <= 8 for pa, pb in parts) \
                and not coordination.shared_head(self, text, parts):
            found = [self.one(text, pa, pb) for pa, pb in parts]
            ids = [f["speaker_id"] if f and f["listed"] else (f or {}).get("speaker") for f in found]
            if len(parts) > 2 and sum(map(bool, found)) >= 2:  # a list: who of it can be named
                found = [f for f in found if f]
                ids = [i for i in ids if i]
            if all(found) and len(set(ids)) == len(ids):
                return found
        one = self.one(text, a, b)
        return [one] if one else []

    def resolve_appositive(self, text, a, b) -> list[dict]:
        """Speakers of a phrase with appositions ("Pat Ryder, a Pentagon spokesman," or "acting
        head of the agency's data centre, Abdul Muhari,"): the part that is a listed person, else
        the part that is a full name, else the whole phrase."""
        if "," not in text[a:b]:
            return self.resolve(text, a, b)
        parts, pos = [], a
        for i in [i for i in range(a, b) if text[i] == ","] + [b]:
            if text[pos:i].strip():
                parts.append((pos, i))
            pos = i + 1
        found = [(pa, pb, self.one(text, pa, pb)) for pa, pb in parts]
        for test in (lambda sp: sp["listed"] and kind_of(sp) == "person",
                     lambda sp: sp.get("named") and " " in sp["speaker"]):
            for pa, pb, sp in found:
                if sp and test(sp):
                    return [sp]
        return self.resolve(text, a, b)

    def one(self, text, a, b):
        """The one speaker named by ``text[a:b]``, or None (see module docstring)."""
        P = self.P
        phrase = text[a:b]
        m = P.DETERMINERS.match(phrase)
        if m:
            a, phrase = a + m.end(), phrase[m.end():]
        raw = [x for x in self.within(a, b) if x["end"] <= b]
        inside = [x for x in raw if not tail_of_other_name(self, text, x)]
        persons = [x for x in inside if self.info(x["actor_id"]).get("kind") == "person"]
        named = [x for x in persons if x["surface"].split()[0].lower() not in P.role_single]
        whole = re.sub(r"\s+", " ", phrase.strip(" ,"))
        if inside and _names_own_institution(self, whole, inside):  # "Federation of All India …"
            return self.unlisted(re.sub(r"\s*\([A-Z]{2,8}\)$", "", whole))
        name = unlisted_name(P, text, a, b, inside)
        if name is MODIFIER:  # "a Mandalay resident", "the Moe Saydanar charity group": described
            clean = re.sub(r"\s+", " ", text[a:b].strip(" ,"))
            if len(clean.split()) <= 10 and not inside:
                return self.unlisted(clean)
            name = None
        if name:  # "Dinas Kesehatan": an institution noun opening the name belongs to it
            pw = re.search(r"(\S+)\s+$", text[a:max(a, text.rfind(name, a, b))])
            if pw and pw.group(1)[:1].isupper() and pw.group(1).lower() in P.lex.ORGANIZATION_NOUNS:
                name = f"{pw.group(1)} {name}"
        if named and name and " " in name and text.rfind(name.split()[-1], a, b) > named[-1]["end"] \
                and "," not in text[named[-1]["end"]:text.rfind(name.split()[0], a, b)]:
            named = []  # "Abbott spokesman Andrew Mahaleris": the spokesman speaks, not Abbott
            # (not "John Lee, chief executive of the Hong Kong Special Administrative Region")
        if named or (persons and not name):  # "juru bicara Pentagon, Pat Ryder": the name wins
            x = (named or persons)[-1]
            return self.listed(x["actor_id"], x["surface"])
        last = inside[-1] if inside else None
        if last and text[last["start"] - 1:last["start"]] == "(" and not text[last["end"]:b].strip(" ,)"):
            return self.listed(last["actor_id"], last["surface"])  # "… dan Geofisika (BMKG)"
        if name and last and last["start"] > text.rfind(name.split()[-1], a, b) \
                and "," in text[a:last["start"]] \
                and not text[text.rfind(",", a, last["start"]) + 1:last["start"]].strip():
            # "Bukan hanya itu saja, NIS juga …", "Badan Meteorologi, …, dan Geofisika (BMKG)":
            # the listed actor after the comma, nearest the verb, speaks
            x = inside[-1]
            return self.listed(x["actor_id"], x["surface"])
        if name:
            return self._named(text, a, name)
        one_person = P.ONE_PERSON_END.search(text[max(0, a - 12):a])
        if P.INDEPENDENT.match(phrase) or (one_person and P.PERSON_NOUN.match(phrase)):
            # "analis keamanan di Seoul", "Seorang tentara Korea Utara": not the country named
            return self.unlisted(_without_relative(P, phrase))
        clean = phrase.strip(" ,")
        holder = self._owned(text, b, inside) or (roles.country_office(self, clean, a) if not inside else None)
        if holder:  # "Kenya's Interior Minister", "the country's health minister": the office holder
            return holder
        rid = self.gaz.resolve(clean) if clean and len(raw) == len(inside) else None
        acr = _ACRONYM_PLACE.search(clean) if rid is None else None
        rid = (self.gaz.resolve(f"{acr.group(1)} {acr.group(2)}") if acr else None) or rid
        # ^ "Badan Penanggulangan Bencana Daerah (BPBD) Jawa Tengah": the alias "BPBD Jawa Tengah"
        if rid is None and clean.lower() in P.lex.DOMESTIC_GOVERNMENT:
            rid = self._home_government()  # "pemerintah" alone: the country the outlet writes in
        if rid:
            return self.listed(rid, clean)
        if inside:
            x = max(inside, key=lambda x: x["end"] - x["start"])
            return self.listed(x["actor_id"], x["surface"])
        det = re.search(r"(\w+)\s+$", text[max(0, a - 12):a])  # the word before the phrase
        short = self._shortened(clean, a) or (
            roles.role_reference(self, text, clean, a)
            if det and det.group(1).lower() in P.lex.ROLE_REFERENCE_DETERMINERS else None)
        if short:
            return short
        if clean.lower().rstrip(".").replace(".", "") in P.places or clean.lower() in P.places:
            return self.unlisted(clean)  # "The U.S. has reported": a country speaks (metonymy)
        if clean and (P.ROLE.search(clean) or clean.split()[0].lower() in P.lex.ORGANIZATION_NOUNS) \
                and not P.VERBISH.match(clean.split()[-1].lower()):  # also "Dinas Kesehatan"
            stop = P.STOPS.search(clean)  # "pemerintah sejak Senin (6/4) …": the role phrase only
            clean = clean[:stop.start()].strip(" ,") if stop and stop.start() else clean
            clean = re.split(r"\s(?=\d)", clean)[0]
            if clean and len(clean.split()) <= 8:
                return self.unlisted(re.sub(r"\s+", " ", clean))
        return self.unlisted(clean) if _OFFICE_OF_AGENCY.fullmatch(clean) else None  # "Kapusdatinkom BNPB"

    def _owned(self, text, b, inside):
        """After a possessive ("Tunisia's …", "Kenya’s …"): the listed actor it owns ("Tunisia's
        state news agency TAP": the owner says nothing), or the listed holder of the office
        ("Kenya's Interior Minister"); else None."""
        owner = inside and _POSSESSIVE.match(text, inside[0]["end"])
        if owner and len(inside) > 1 and not text[inside[-1]["end"]:b].strip(" ,"):
            return self.listed(inside[-1]["actor_id"], inside[-1]["surface"])
        if owner and len(inside) == 1:
            return roles.office_holder(self, inside[0], text[inside[0]["end"] + 3:b].strip(" ,"))
        return None

    def _shortened(self, phrase, a):
        """"badan intelijen" after "Badan Intelijen Nasional Korea Selatan" was mentioned: the
        one mentioned actor with an alias that begins with the phrase, else None."""
        completing = getattr(self.gaz, "completing", None)
        ids = completing(phrase) if completing and phrase else set()
        seen = {x["actor_id"] for x in self.before(a)} & ids
        return self.listed(seen.pop(), phrase) if len(seen) == 1 else None

    def _named(self, text, a, name):
        """An unlisted name: an earlier speaker whose name holds it ("Lee" after "Kolonel Lee
        Sung-jun" spoke), else the name completed from an earlier full mention ("Starmer"
        after "Perdana Menteri Inggris Keir Starmer")."""
        P = self.P
        for sp in reversed(self.history):
            if ((sp.get("named") or kind_of(sp) == "person") and " " not in name
                    and name in re.split(r"[\s-]+", sp["speaker"])):
                return sp
        if " " not in name:  # "Lee" after "Lee Seong-kweun" was mentioned: that listed person
            for x in self.before(a):
                if self.info(x["actor_id"]).get("kind") == "person" and name in re.split(r"[\s-]+", x["surface"]):
                    return self.listed(x["actor_id"], x["surface"])
            completing = getattr(self.gaz, "completing", None)
            ids = completing(name) if completing and name.isupper() else set()
            for x in self.before(a):  # "BPBD" after "BPBD Jateng": the nearest such actor mentioned
                if x["actor_id"] in ids:
                    return self.listed(x["actor_id"], name)
        if " " not in name:
            lo = max(0, a - 3000)  # the nearest earlier full mention, within a few paragraphs
            covered = [(x["start"], x["end"]) for x in self.within(lo, a)]
            rx = re.compile(r"((?:[A-Z][\w'’-]+\s+){1,2})" + re.escape(name) + r"(?![\w-])")
            full = name
            for m in rx.finditer(text, lo, a):  # the nearest earlier full mention wins
                words = [(w.start() + m.start(), w.group()) for w in re.finditer(r"\S+", m.group(1))]
                words = [w for p, w in words if w.lower() not in P.role_single
                         and w.lower() not in P.lex.LEAD_WORDS and w.lower() not in P.function_words
                         and not any(cs <= p < ce for cs, ce in covered)]
                if words and all(P.NAME.fullmatch(w) for w in words):
                    full = " ".join(words + [name])
            name = full
        return self.unlisted(name, named=True)


def _names_own_institution(sp, clean: str, inside) -> bool:
    """"Federation of All India Medical Association (FAIMA)": a title-case name ending in an
    institution noun, in which the only listed mentions are countries or places: the
    unlisted institution speaks, not the country its name holds."""
    words = re.sub(r"\([^)]*\)", "", clean).split()
    return (2 <= len(words) <= 10 and all(w[:1].isupper() or w.lower() in sp.P.function_words for w in words)
            and words[-1].lower() in sp.P.lex.ORGANIZATION_NOUNS
            and all(sp.info(x["actor_id"]).get("kind") == "government" for x in inside))


def _without_relative(P, phrase: str) -> str:
    """A description without its relative clause: "doctors there who spoke on condition of
    anonymity" -> "doctors there"."""
    rel = P.YANG.search(phrase)
    phrase = phrase[:rel.start()] if rel and phrase[:rel.start()].strip(" ,") else phrase
    return re.sub(r"\s+", " ", phrase.strip(" ,"))

