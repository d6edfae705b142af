"""Language knowledge as data: one YAML file per language, loaded and compiled once.

``helpers/lexicon/<lang>.yaml`` holds every word list the extractors read for that language
(reporting verbs, hedges, stance words, number words, months, weekdays, role nouns …), each
list documented once by the comment above it. Story knowledge (actors, what a story counts)
is not here: it lives beside the articles (``actors.yaml``, ``story.yaml``).

    lex = lexicon.get("id")          # cached Lexicon; lex.SPEECH_VERBS, lex.MONTHS …
    lexicon.alt(lex.SPEECH_VERBS)    # regex alternation, longest first, spaces = \\s+
    lexicon.words_re(words)          # compiled, case-insensitive, on word boundaries

Every language file has the same keys (a test checks it), so code reads one key whatever the
article's language; ``LANGUAGES`` lists the files, ``DEFAULT`` is used for an article whose
language is unknown. Modules compile their patterns per language with
``functools.lru_cache`` on the language code: once per process, not per article.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

LANGUAGES = ("id", "en")
DEFAULT = "id"
_DIR = Path(__file__).parent


class LexiconError(ValueError):
    """A lexicon file is missing or malformed (the message names the file)."""


class Lexicon:
    """The word lists of one language, read as attributes (``lex.SPEECH_VERBS``)."""

    def __init__(self, lang: str, data: dict):
        self.lang = lang
        self._data = data

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self._data[name]
        except KeyError:
            raise AttributeError(f"lexicon {self.lang!r} has no list {name!r}") from None

    def keys(self) -> list[str]:
        return list(self._data)

    def vocabulary(self) -> set[str]:
        """Every lower-case word of every list (for the checks in tests/test_lexicon.py)."""
        out: set[str] = set()
        for value in self._data.values():
            for item in _items(value):
                out.update(re.findall(r"[^\W\d_]+", str(item).lower()))
        return out


def _items(value):
    if isinstance(value, dict):
        for k, v in value.items():
            yield k
            if isinstance(v, (list, dict)):
                yield from _items(v)
    elif isinstance(value, list):
        for v in value:
            yield from _items(v) if isinstance(v, (list, dict)) else [v]


def path(lang: str) -> Path:
    return _DIR / f"{lang}.yaml"


def normalize_lang(lang) -> str:
    """A language code Warta has a lexicon for ("id", "en"); anything else -> DEFAULT."""
    return lang if isinstance(lang, str) and lang in LANGUAGES else DEFAULT


@functools.lru_cache(maxsize=None)
def get(lang: str = DEFAULT) -> Lexicon:
    """The cached lexicon of ``lang`` (unknown codes read as ``DEFAULT``)."""
    lang = normalize_lang(lang)
    p = path(lang)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise LexiconError(f"{p.name}: cannot read the lexicon: {exc}") from None
    if not isinstance(data, dict):
        raise LexiconError(f"{p.name}: expected a mapping of list names to lists")
    return Lexicon(lang, data)


def alt(words, space: str = r"\s+") -> str:
    """Regex alternation of ``words``: escaped, longest first, a space matching ``space``."""
    ws = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", space) for w in ws)


def words_re(words, flags=re.I) -> re.Pattern:
    """``words`` as whole words (not inside a longer word or hyphenated compound)."""
    return re.compile(r"(?<![\w-])(?:" + alt(words) + r")(?![\w-])", flags)


# Before a word list that must not match an acronym written the same ("WHO" is no "who").
NOT_ACRONYM = r"(?-i:(?![A-Z]{2,}(?![\w-])))"


def plain_words_re(words, flags=re.I) -> re.Pattern:
    """``words_re`` that leaves acronyms alone: "the World Health Organization (WHO) said"."""
    return re.compile(r"(?<![\w-])" + NOT_ACRONYM + r"(?:" + alt(words) + r")(?![\w-])", flags)


NEVER = re.compile(r"(?!)")  # the pattern of a kind of word a language does not have


def optional_re(words, before: str = "", after: str = "", flags=re.I) -> re.Pattern:
    """``before``, then any of ``words``, then ``after``; ``NEVER`` when ``words`` is empty (a
    lexicon list one language leaves empty: English has no ordinal "hari ke")."""
    return re.compile(before + "(?:" + alt(words) + ")" + after, flags) if words else NEVER
