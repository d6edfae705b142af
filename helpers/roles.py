"""Roles that point to their holder: "the governor", "the commission", "Kenya's Interior Minister".

Used by the speaker resolver (:mod:`helpers.speakers`, passed in as ``sp``):

* ``role_reference``: a short role phrase after "the" is the nearest listed person mentioned
  before whose gazetteer role it is (or who was named right after it), or the nearest listed
  organisation whose name holds the noun;
* ``office_holder``: "<country>'s <office>" is the one listed person of that country whose
  gazetteer role holds the office.
"""
from __future__ import annotations

import re

GROUPS = ("organization", "government", "group")



def role_reference(sp, text, phrase, a):
    """"the governor" after "Texas Gov. Greg Abbott" was mentioned: the nearest listed
    person before ``a`` whose gazetteer role is that role ("Governor of Texas" before
    "Lieutenant Governor of Texas"), or who was named right after it ("Sheriff Larry
    Leitha"); "the commission" after "the Kenya National Commission on Human Rights": the
    nearest listed organisation whose name holds the noun. None for anything but a short
    lowercase role phrase."""
    words = phrase.split()
    org_noun = bool(words) and words[-1] in sp.P.lex.ORGANIZATION_NOUNS
    if not 1 <= len(words) <= 3 or not phrase.islower() or not (sp.P.ROLE.search(phrase) or org_noun):
        return None
    role_rx = re.compile(r"(?<![\w-])" + re.escape(phrase) + r"(?![\w-])", re.I)
    found = []
    for x in sp.before(a, limit=60):
        inf = sp.info(x["actor_id"])
        if inf.get("kind") in GROUPS and org_noun \
                and role_rx.search(f'{inf.get("name") or ""} {x["surface"]} {inf.get("role") or ""}'):
            return sp.listed(x["actor_id"], phrase)  # also "the airline" after "Air India" (its role)
        if inf.get("kind") != "person" or x["actor_id"] in {f["actor_id"] for f in found}:
            continue
        role = str(inf.get("role") or "")
        if role_rx.match(role) or role_rx.search(text[max(0, x["start"] - 40):x["start"]]):
            return sp.listed(x["actor_id"], phrase)
        if role_rx.search(role):
            found.append(x)
    if found:
        return sp.listed(found[0]["actor_id"], phrase)
    # an unlisted person introduced with that role in apposition ("Zunaid Ahmed Palak, state
    # minister for telecommunications, …" then "the state minister said")
    before = text[max(0, a - 800):a]
    named = list(re.finditer(r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3}),\s+(?:the\s+|a\s+)?[^,.;]{0,30}?"
                             + "(?i:" + role_rx.pattern + ")", before))
    if named and sp.P.NAME.fullmatch(named[-1].group(1).split()[0]):
        return sp.unlisted(named[-1].group(1), named=True)
    return None


def office_holder(sp, owner, office):
    """The one listed person of ``owner``'s country whose gazetteer role holds ``office``
    ("Interior Minister" of Kenya: "Interior Cabinet Secretary (interior minister)"), else None."""
    words = []
    for w in office.split():  # the title only: "Interior Minister", not "… fiercely"
        if not (w[:1].isupper() or w.lower() in sp.P.role_single):
            break
        words.append(w.lower())
    if not words:  # lower case: "interior minister accused …" up to its last title word
        low = [w.lower() for w in office.split()[:3]]
        last = max((i for i, w in enumerate(low) if w in sp.P.role_single), default=-1)
        words = low[:last + 1]
    if not 1 <= len(words) <= 3 or not sp.P.ROLE.search(" ".join(words)):
        return None
    rx = re.compile(r"(?<![\w-])" + re.escape(" ".join(words)) + r"(?![\w-])", re.I)
    country = sp.info(owner["actor_id"]).get("affiliation")
    found = [i for i in sp.gaz.actor_ids if (inf := sp.info(i)).get("kind") == "person"
             and inf.get("affiliation") == country and rx.search(str(inf.get("role") or ""))]
    first = [i for i in found if rx.match(str(sp.info(i).get("role")))]  # "President of Kenya"
    best = first if len(first) == 1 else found
    return sp.listed(best[0], office) if len(best) == 1 else None


def country_office(sp, phrase, a):
    """"the country's health minister": the listed holder of that office in the country named
    last before ``a`` (lexicon ``COUNTRY_REFERENCES``), else None."""
    back = sp.P.COUNTRY_REFERENCE.match(phrase)
    if not back:
        return None
    country = next((x for x in sp.before(a) if sp.info(x["actor_id"]).get("kind") == "government"), None)
    return office_holder(sp, country, phrase[back.end():].strip()) if country else None

