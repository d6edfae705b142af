"""Text handling with Indonesian specifics: normalisation, sentences, quotation spans.

``normalise`` is applied once, when the corpus is loaded; every character offset in every
table is an offset into the normalised text (``articles.text``).

``split_sentences(text)`` and ``find_quotes(text)`` return ``(start, end)`` spans into the
text they are given (``text[start:end]`` is the sentence / the quotation), found in one
left-to-right pass (no backtracking, no quadratic behaviour):

* A line break always ends a sentence, so headlines and datelines without a full stop are
  sentences of their own; blank lines give no sentence. Spans are trimmed of whitespace.
* Inside a line, a sentence ends at ``.``, ``!``, ``?`` or ``…`` (possibly repeated, possibly
  followed by closing quotes or brackets) that is followed by whitespace and then by an
  upper-case letter, a digit or an opening quote/bracket. So "3.000", "1,5", "(28/10)",
  "Suara.com" and "AS. dan" (lower case after) do not end a sentence.
* No split after an abbreviation in ``lexicon.ABBREVIATIONS`` ("Dr. Budi", "Jl. Sudirman"),
  dotted initials ("J.K. Rowling"), a single capital initial between two capitalised words
  ("Susilo B. Yudhoyono"), or a list marker that opens a sentence ("1. Pertama").
* No split inside a quotation: a quotation of several sentences is one sentence with the
  clause that reports it. A quotation that itself ends a sentence (``… “berita palsu.” Namun``)
  ends the sentence after its closing mark.

Quotations (``find_quotes``): outermost quotations only, marks included. Straight ``"``, curly
“…” (also ”…” as used by some Indonesian outlets, and „…”), guillemets «…», curly single ‘…’
and straight single '…'. A double or curly quotation whose closing mark is missing ends at
the end of its line (paragraph); quotations never cross a line break. Apostrophes inside or
at the end of words ("Jum'at", "Jum’at") are not quotation marks; an unclosed straight
single quote is taken to be an apostrophe, not a quotation.
"""
from __future__ import annotations

import bisect
import re
import unicodedata

from helpers import lexicon as _lexicon

lexicon = _lexicon.get("id")

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")


def normalise(raw: str) -> str:
    """NFC, LF line endings, no BOM/zero-width characters, plain spaces, stripped line ends.

    Quotation marks and dashes are kept as they are (they carry meaning for speech
    detection); only invisible or layout characters change.
    """
    text = unicodedata.normalize("NFC", raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH.sub("", text)
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return text.strip("\n")


# --------------------------------------------------------------------------- quotations
_STRAIGHT_SINGLE = "'"
_CURLY_SINGLE_OPEN = "\u2018"
_CURLY_DOUBLE_CLOSE = "\u201d"
_CURLY_DOUBLE_OPEN = "\u201c"
_TYPO_CLOSE = re.compile("(?<=[,.!?])\u201c(?=\\s|$)")
# Pairs whose closing mark may be missing (quotation then runs to the end of the line).
_LENIENT = {op for op in lexicon.QUOTE_PAIRS if op != _STRAIGHT_SINGLE} | {"\u201d"}
_QUOTE_CHARS = "".join(sorted(set(lexicon.QUOTE_PAIRS) | set(lexicon.QUOTE_PAIRS.values())))
_QUOTE_CHAR_RE = re.compile("[" + re.escape(_QUOTE_CHARS) + "]")
# Single quotes close only where no letter/digit follows (else they are apostrophes: Jum’at);
# a straight one must also follow a non-space.
_SINGLE_CLOSERS = {"'": re.compile(r"(?<=\S)'(?!\w)"), "\u2018": re.compile("\u2019(?!\\w)")}


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _closing_at(text: str, opener: str, pos: int, line_end: int, closers: dict) -> int:
    """Index of the mark closing ``opener`` (opened at ``pos``) before ``line_end``, or -1.
    Single-quote closers are looked up (bisect) in precomputed lists: no rescanning."""
    if opener in closers:
        found = closers[opener]
        i = bisect.bisect_right(found, pos)
        return found[i] if i < len(found) and found[i] < line_end else -1
    return text.find(lexicon.QUOTE_PAIRS.get(opener, opener), pos + 1, line_end)  # ”…” too


def _opens(text: str, i: int) -> str | None:
    """The opener a quote character at ``i`` stands for, or None when it cannot open."""
    ch = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if ch in (_STRAIGHT_SINGLE, _CURLY_SINGLE_OPEN):
        # apostrophe unless it starts a word: not after a letter/digit, a non-space follows
        return ch if not _is_word(before) and not after.isspace() else None
    if ch == _CURLY_DOUBLE_CLOSE:  # ”…” style: ” opens when it starts a word
        return ch if (before.isspace() or before in "([") and not after.isspace() else None
    if ch == '"' and before.isalnum():  # 12" (inches), or a closing mark without an opener
        return None
    return ch if ch in lexicon.QUOTE_PAIRS else None


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Spans of the outermost quotations in ``text``, marks included (see module docstring)."""
    spans: list[tuple[int, int]] = []
    closers = {op: [m.start() for m in rx.finditer(text)] for op, rx in _SINGLE_CLOSERS.items()}
    pos = 0
    while True:
        m = _QUOTE_CHAR_RE.search(text, pos)
        if m is None:
            return spans
        i = m.start()
        opener = _opens(text, i)
        if opener is None:
            pos = i + 1
            continue
        line_end = text.find("\n", i)
        line_end = len(text) if line_end == -1 else line_end
        close = _closing_at(text, opener, i, line_end, closers)
        if opener == _CURLY_DOUBLE_OPEN:  # “…,“ said X: a mistyped closing mark
            typo = _TYPO_CLOSE.search(text, i + 2, close if close != -1 else line_end)
            close = typo.start() if typo else close
        if close != -1:
            spans.append((i, close + 1))
            pos = close + 1
        elif opener in _LENIENT and not (opener == _CURLY_SINGLE_OPEN and text[i + 1].isdigit()):
            end = len(text[i:line_end].rstrip()) + i
            spans.append((i, end))
            pos = line_end
        else:
            pos = i + 1


# --------------------------------------------------------------------------- sentences
_ABBREVIATIONS = frozenset(a.lower().rstrip(".") for lang in _lexicon.LANGUAGES
                            for a in _lexicon.get(lang).ABBREVIATIONS)  # every language's
_CLOSERS = re.escape("".join(set(lexicon.QUOTE_PAIRS.values())) + ")]")
_OPENERS = "".join(lexicon.QUOTE_PAIRS) + "\u201d(["  # ” opens quotations in some outlets
# terminator run, optional closing quotes/brackets, whitespace, then the next character
# (or no whitespace before an opening quotation of a capitalised sentence: 'masyarakat."Bagi')
_BOUNDARY = re.compile(r"[.!?\u2026]+[" + _CLOSERS + r"]*(?=[ \t]+(\S)|([\"\u201c])(?=[A-Z]))")
_LEAD_TRIM = "([" + "".join(lexicon.QUOTE_PAIRS)
_DOTTED_INITIALS = re.compile(r"^(?:[A-Z]\.)+[A-Z]$")  # "J.K. Rowling", "U.S. Army"
_LIST_MARKER = re.compile(r"\s*(?:\d{1,3}|[a-zA-Z])\s*$")  # a line that opens "1." or "a."


def _word_before(text: str, i: int, line_start: int) -> str:
    """The non-space run ending just before ``i`` (stops at line start)."""
    j = i
    while j > line_start and not text[j - 1].isspace():
        j -= 1
    return text[j:i]


def _is_boundary(text: str, m: re.Match, line_start: int, sentence_start: int) -> bool:
    nxt = m.group(1) or m.group(2)
    if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS):
        return False
    term = m.group(0)
    if term[0] != ".":  # ! ? … always end a sentence (when the next word is capitalised)
        return True
    word = _word_before(text, m.start(), line_start)
    if word.lstrip(_LEAD_TRIM).lower() in _ABBREVIATIONS or _DOTTED_INITIALS.match(word):
        return False
    if _LIST_MARKER.match(text, sentence_start, m.start()) and len(term) == 1:  # "1. Pertama"
        return False
    if len(word) == 1 and word.isupper() and len(term) == 1:  # initial: "Susilo B. Yudhoyono"
        prev = _word_before(text, m.start() - 2, line_start) if m.start() >= 2 else ""
        if prev[:1].isupper() and nxt.isupper():
            return False
    return True


def is_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` ends an abbreviation ("Kab.", "Gen.", "U.S.")."""
    line_start = text.rfind("\n", 0, dot) + 1
    word = _word_before(text, dot, line_start).lstrip(_LEAD_TRIM)
    return word.lower() in _ABBREVIATIONS or bool(_DOTTED_INITIALS.match(word))


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def split_sentences(text: str, quotes=None) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text``, trimmed, in order (see module docstring);
    ``quotes``: ``find_quotes(text)`` when the caller already has it."""
    quotes = find_quotes(text) if quotes is None else quotes
    q = 0  # index of the first quotation that may still contain a candidate boundary
    spans: list[tuple[int, int]] = []
    line_start = 0
    n = len(text)
    while line_start <= n:
        line_end = text.find("\n", line_start)
        line_end = n if line_end == -1 else line_end
        start = line_start
        for m in _BOUNDARY.finditer(text, line_start, line_end):
            cut = m.end()
            while q < len(quotes) and quotes[q][1] < cut:
                q += 1
            if q < len(quotes) and quotes[q][0] < m.start() and cut < quotes[q][1]:
                continue  # inside a quotation that goes on after this point
            if _is_boundary(text, m, line_start, start):
                span = _trimmed(text, start, cut)
                if span:
                    spans.append(span)
                start = cut
        span = _trimmed(text, start, line_end)
        if span:
            spans.append(span)
        line_start = line_end + 1
    return spans


def sentence_at(spans: list[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    """The span in ``spans`` (sorted, non-overlapping) with ``start <= offset < end``, or None."""
    i = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    if i >= 0 and spans[i][0] <= offset < spans[i][1]:
        return spans[i]
    return None
