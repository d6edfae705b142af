"""The compiled patterns of reported speech, per language, built once from the lexicon.

``speech(lang)`` returns a namespace of regular expressions and word sets that the statement
extractor (``statements``, ``clauses``, ``attribution``), the speaker resolver (``speakers``),
span trimming (``spans``), ``stance`` and ``sources`` share. Each attribute is built from one
or more lists of ``helpers/lexicon/<lang>.yaml`` (named next to it); nothing here holds a
word of any language. Cached per language: compiled once per process.
"""
from __future__ import annotations

import functools
import re
from types import SimpleNamespace

from helpers import lexicon
from helpers.lexicon import NOT_ACRONYM, alt as _alt, optional_re, plain_words_re, words_re as _words


def _start(words) -> re.Pattern:
    """``words`` at the start of a string (after spaces)."""
    return re.compile(r"^\s*(?:" + _alt(words) + r")(?![\w-])", re.I)


@functools.lru_cache(maxsize=None)
def speech(lang: str = lexicon.DEFAULT) -> SimpleNamespace:
    lx = lexicon.get(lang)
    enclitic = "(?P<encl>" + _alt(lx.ENCLITIC_PRONOUNS) + ")?" if lx.ENCLITIC_PRONOUNS else "(?P<encl>(?!))?"
    role_single = frozenset(w for phrase in lx.SPEAKER_ROLE_WORDS for w in phrase.split())
    quote_marks = "".join(set(lx.QUOTE_PAIRS) | set(lx.QUOTE_PAIRS.values()))
    p = SimpleNamespace(
        lex=lx,
        quote_marks=quote_marks,
        role_single=role_single,
        institution_words=frozenset(lx.INSTITUTION_WORDS),
        person_heads=frozenset(lx.PERSON_NOUNS) | (role_single - frozenset(
            w for phrase in lx.ORGANIZATION_NOUNS + lx.OUTLET_NOUNS for w in phrase.split())),
        places=frozenset(re.sub(r"\s+", " ", w) for w in lx.PLACE_NAMES + lx.COUNTRY_NAMES),
        place_words=max((len(w.split()) for w in lx.PLACE_NAMES + lx.COUNTRY_NAMES), default=0),
        SPEECH=re.compile(r"(?<![\w-])(?<!" + r")(?<!".join(re.escape(w + " ") for w in lx.NOMINAL_BEFORE_VERB)
                          + r")(?:" + _alt(lx.SPEECH_VERBS) + r")(?![\w-])", re.I) if lx.NOMINAL_BEFORE_VERB
        else _words(lx.SPEECH_VERBS),
        AFTER=re.compile(r"(?<![\w-])(?P<v>(?:" + _alt(lx.DIRECT_AFTER_VERBS) + r")" + enclitic + r")(?![\w-])", re.I),
        ACCORDING=re.compile(r"(?<![\w-])(?:" + _alt(lx.ACCORDING_TO) + r")" + enclitic + r"(?![\w-])", re.I),
        NEG_END=re.compile(r"(?<![\w-])(?:" + _alt(lx.NEGATIONS) + r")"
                           + (r"(?:\s+(?:" + _alt(lx.NEGATED_MODALS) + r"))*" if lx.NEGATED_MODALS else "")
                           + r"\s*$", re.I),
        COORD_END=re.compile(r"(?:^|\s)(?:" + _alt(lx.COORDINATORS) + r")\s*$", re.I),
        SKIP_END=re.compile(r"(?:[\s,]+|(?<![\w-])(?:" + _alt(lx.SPEAKER_SKIP_WORDS) + r"))\s*$", re.I),
        FRAME_START=re.compile(r"^\s*,?\s*(?:" + _alt(lx.FRAME_PREPOSITIONS) + r")(?![\w-])", re.I),
        CLAUSE_BREAK=plain_words_re(lx.CLAUSE_BREAKS),
        TRAILING=_start(lx.TRAILING_CLAUSES + lx.COORDINATORS) if lx.TRAILING_CLAUSES + lx.COORDINATORS
        else re.compile(r"(?!)"),
        LEAD=_start(lx.LEAD_WORDS),
        STOPS=re.compile(r"[,.;:!?()]|(?<![\w-])(?:" + _alt(lx.ATTRIBUTION_STOPS) + r")(?![\w-])"),
        STATE_AFTER=optional_re(lx.PARTICIPLE_STATES, r"\s+", r"(?![\w-])"),
        DETERMINER_END=optional_re(lx.VERB_NOT_AFTER, r"(?<![\w-])", r"\s+$"),
        DETERMINERS=re.compile(r"^\s*(?:(?:" + _alt(lx.SPEAKER_DETERMINERS) + r")\s+)+", re.I),
        ROLE=_words(lx.SPEAKER_ROLE_WORDS),
        INDEPENDENT=_start(lx.INDEPENDENT_SPEAKER_NOUNS),
        OUTLET=_start(lx.OUTLET_NOUNS),
        PRONOUN=re.compile(r"^\s*(?:" + _alt(lx.PRONOUNS) + r")\s*$", re.I),
        COUNTRY_REFERENCE=optional_re(lx.COUNTRY_REFERENCES, r"^\s*(?:the\s+)?", r"\s+"),
        PRONOUN_WITH=optional_re(lx.COMITATIVES, r"^\s*(?P<p>(?:" + _alt(lx.PRONOUNS) + r"))\s*,?\s*",
                                 r"(?![\w-])"),  # "Dia beserta jajarannya": the pronoun speaks
        PLURAL_PRONOUN=re.compile(r"^\s*(?:" + _alt(lx.PLURAL_PRONOUNS) + r")\s*$", re.I),
        DEFINITE=re.compile(r"^(" + _alt(lx.ORGANIZATION_NOUNS + lx.SPEAKER_ROLE_WORDS)
                            + r")(?:\s+[a-z][\w-]*){0,2}\s+(?:" + _alt(lx.DEFINITE_MARKERS) + r")$", re.I),
        SPLIT_SPEAKERS=re.compile(r"\s*,?\s+(?:" + _alt(lx.SPEAKER_COORDINATORS) + r")\s+", re.I),
        BAHWA=_words(lx.COMPLEMENTIZERS),
        PASSIVE=re.compile(r"(?<![\w-])(?P<v>(?:" + _alt(lx.PASSIVE_SPEECH_VERBS) + r")" + enclitic
                           + r")(?![\w-])" + (r"(?=(?P<gap>(?:\s+[\w'’-]+){0,2}?)\s+(?:"
                                              + _alt(lx.AGENT_MARKERS) + r")\s)"  # "confirmed yesterday by"
                                              if lx.PASSIVE_NEEDS_AGENT else ""), re.I)
        if lx.PASSIVE_SPEECH_VERBS else re.compile(r"(?!)"),
        AGENT=re.compile(r"\s*(?:(?:" + _alt(lx.AGENT_MARKERS) + r")\s+)?", re.I),
        ANAPHOR=optional_re(lx.ANAPHORIC_SUBJECTS, r"^\s*", r"\s*$"),
        SOURCE=re.compile(r"^\s*(?:(?:" + _alt(lx.SOURCE_LINKS) + r")(?![\w-])\s*)*(?:" + _alt(lx.SOURCE_NOUNS)
                          + r")(?![\w-])\s*(?:(?:" + _alt(lx.SOURCE_NOUNS + lx.SOURCE_LINKS) + r")(?![\w-])\s*)*",
                          re.I),  # "data resmi dari", "the latest figures from": a noun of its own, not "The official"
        FRAME_ANY=re.compile(r"(?:,\s*)?(?<![\w-])(?:" + _alt(lx.FRAME_PREPOSITIONS) + r")(?![\w-])", re.I),
        YANG=plain_words_re(lx.RELATIVE_PRONOUNS),
        YANG_END=re.compile(r"(?<![\w-])" + NOT_ACRONYM + r"(?:" + _alt(lx.RELATIVE_PRONOUNS) + r")\s+(?:(?:"
                            + _alt(lx.SPEAKER_SKIP_WORDS) + r")\s+)*$", re.I),
        YANG_SPACE=re.compile(r"\s+" + NOT_ACRONYM + r"(?:" + _alt(lx.RELATIVE_PRONOUNS) + r")(?!\w)", re.I),
        ONE_PERSON_END=re.compile(r"(?<![\w-])(?:" + _alt(lx.ONE_PERSON) + r")\s+$", re.I),
        PERSON_NOUN=_start(lx.PERSON_NOUNS),
        CONTRAST=re.compile(r"[,;]\s*(?:" + _alt(lx.CONTRAST_BREAKS) + r")(?![\w-])", re.I),
        CONTRAST_END=re.compile(r"[,;]\s*(?:" + _alt(lx.CONTRAST_BREAKS) + r")\s*$", re.I),
        PAREN_END=re.compile(r",\s*(?:(?:" + _alt(lx.SPEAKER_SKIP_WORDS) + r")\s*)*$", re.I),
        VERBISH=re.compile(r"^(?:" + "|".join(lx.VERB_PREFIXES) + r")[a-z]{3,}$") if lx.VERB_PREFIXES
        else re.compile(r"(?!)"),
        CITED=re.compile(
            r"(?<![\w-])(?i:" + _alt(lx.CITED_CUES) + r")\s+(?i:(?:" + _alt(lx.OUTLET_NOUNS)
            + r")\s+(?:[a-z]+\s+){0,2})?"
            r"(?P<name>(?:[A-Z][\w.&'’-]*)(?:\s+(?:[A-Z][\w.&'’-]*))*)(?:\s*\((?P<abbr>[A-Z]{2,})\))?"),
        OUTLET_NAME=re.compile(
            r"\s*(?i:(?:" + _alt(lx.OUTLET_NOUNS) + r")\s+(?:[a-z]+\s+){0,2})?"
            r"(?P<name>(?:[A-Z][\w.&'’-]*)(?:\s+(?:[A-Z][\w.&'’-]*))*)"),
        ASSERTION=_words(lx.ASSERTION_WORDS),
        STANCE_RES=[(st, _words(lx.STANCE_WORDS[st])) for st in lx.STANCE_ORDER],
        VERB_STANCE={w: st for st in reversed(lx.STANCE_ORDER) for w in lx.STANCE_WORDS[st]},
    )
    p.__dict__.update(_shapes(lx, quote_marks))
    return p


def _shapes(lx, quote_marks) -> dict:
    """Patterns of the page's shape (datelines, credits, names, acronyms), mostly language-free."""
    return dict(
        DATELINE=re.compile(r"^(?:\S+\s+){0,3}\S+\s+(?:--?|[\u2013\u2014])\s+|^(?:\S+\s+){0,3}\S+\u2014\s*"
                            r"|^[A-Z][A-Z.'’ -]{1,30},[^\n()]{0,25}\([^)\n]{1,30}\)\s*(?:--?|[\u2013\u2014])\s*"
                            r"|^[A-Z][A-Z.'’ -]{1,30}(?:,[^:()\n]{0,30})?(?:\s*\([^)\n]{1,30}\))?\s*:\s+"),
        PASSIVE_AUX_END=optional_re(lx.PASSIVE_AUXILIARIES, r"(?<![\w-])", r"\s+$"),
        DEMONYM=re.compile(r"^[A-Z][a-z]+(?:" + "|".join(lx.DEMONYM_SUFFIXES) + r")$") if lx.DEMONYM_SUFFIXES
        else re.compile(r"(?!)"),
        function_words=frozenset(lx.FUNCTION_WORDS),
        WIRE=re.compile(r"(?:\(|^|\n|,\s*)(?P<wire>(?i:" + _alt([w for w in lx.WIRE_SERVICES if len(w) > 3])
                        + r")|" + _alt([w for w in lx.WIRE_SERVICES if len(w) <= 3]) + r")(?:\)|\s*[-\u2013\u2014:])"),
        HEARER=_words(lx.HEARER_VERBS) if lx.HEARER_VERBS else re.compile(r"(?!)"),
        REL_COMMA=re.compile(r",\s*" + NOT_ACRONYM + r"(?:" + _alt([w for w in lx.RELATIVE_PRONOUNS if w not in lx.COMPLEMENTIZERS])
                             + r")(?![\w-])", re.I),
        PARTICIPLE=optional_re(lx.PARTICIPLE_SPEECH, r",\s*(?P<v>", r")(?![\w-])"),
        APPOSITION=re.compile(r",\s*(?P<name>(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’-]*)\s*$"),
        ACRONYM=re.compile(r"[A-Z]{3,6}"),
        CREDIT=re.compile(r"\s*\(\s*[a-z]{2,5}\s*/\s*[a-z]{2,5}\s*\)\s*$"),
        NAME=re.compile(r"[A-Z][\w'’-]*(?:\.[A-Z])?"),
        QUOTE_COMMA=re.compile(r",[" + re.escape(quote_marks) + r"]"),
    )
