"""Language knowledge is data: the lexicon files are well formed, every list is read by code,
no list holds an entry twice, and no Indonesian or English word of the lexicon hides in a code
module's strings (where it would escape review and the other language)."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

from helpers import lexicon

HELPERS = Path(lexicon.__file__).resolve().parents[1]
CODE = sorted(p for p in HELPERS.glob("*.py"))


@pytest.fixture(scope="module", params=lexicon.LANGUAGES)
def lex(request):
    return lexicon.get(request.param)


def _lists(value, path=""):
    """(path, list) for every list inside a lexicon value."""
    if isinstance(value, list):
        yield path, value
    elif isinstance(value, dict):
        yield path, list(value)
        for k, v in value.items():
            yield from _lists(v, f"{path}.{k}")


def test_every_language_file_has_the_same_keys():
    keys = {lang: set(lexicon.get(lang).keys()) for lang in lexicon.LANGUAGES}
    first = keys[lexicon.DEFAULT]
    for lang, ks in keys.items():
        assert ks == first, (lang, sorted(ks ^ first))


def test_no_list_holds_an_entry_twice(lex):
    for key in lex.keys():
        for path, items in _lists(getattr(lex, key), key):
            norm = [re.sub(r"\s+", " ", str(i).strip().lower()) for i in items]
            dup = sorted({i for i in norm if norm.count(i) > 1})
            assert not dup, f"{lex.lang}.yaml {path}: {dup}"


def test_entries_are_text_not_yaml_booleans(lex):
    for key in lex.keys():
        for path, items in _lists(getattr(lex, key), key):
            bad = [i for i in items if isinstance(i, bool) or i is None]
            assert not bad, f"{lex.lang}.yaml {path}: {bad} (quote yes/no/on/off)"


def test_every_list_is_read_by_code():
    source = "\n".join(p.read_text(encoding="utf-8") for p in CODE)
    unread = [k for k in lexicon.get(lexicon.DEFAULT).keys() if not re.search(r"\." + k + r"\b", source)]
    assert not unread, unread


def test_a_duplicate_or_unread_list_is_caught(tmp_path):
    """The two checks above fail on a file that breaks them (they are not vacuous)."""
    data = {"SPEECH_VERBS": ["kata", "kata"], "NEVER_READ_BY_ANY_MODULE": ["x"]}
    items = data["SPEECH_VERBS"]
    assert len(items) != len(set(items))
    source = "\n".join(p.read_text(encoding="utf-8") for p in CODE)
    assert not re.search(r"\.NEVER_READ_BY_ANY_MODULE\b", source)


def _strings(path: Path):
    """String constants of a module that are not docstrings (code, regexes, messages)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docs.add(id(body[0].value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            yield node.lineno, node.value


# Words that are both in a lexicon and everyday identifiers or English messages of the code.
ALLOWED = {"id", "no", "to", "at", "an", "or", "in", "on", "of", "by", "as", "is", "it", "per", "data",
           "total", "exact", "about", "up", "the", "a", "and", "for", "from", "with", "not", "that",
           "this", "more", "than", "be", "was", "are", "has", "have", "had", "one", "two", "all",
           "each", "other", "new", "first", "last", "next", "after", "before", "when", "which",
           "who", "what", "there", "here", "only", "also", "so", "if", "out", "over", "under",
           "into", "its", "their", "they", "he", "she", "we", "you", "i", "may", "will", "can",
           "some", "many", "most", "few", "several", "both", "such", "then", "now", "since",
           "until", "while", "during", "through", "between", "against", "around", "without",
           "within", "near", "above", "same", "any", "every", "rows", "row", "file", "files",
           "text", "name", "names", "kind", "role", "value", "values", "date", "dates", "story",
           "measure", "measures", "label", "source", "sources", "report", "reports", "statement",
           "statements", "estimate", "estimates", "figure", "figures", "count", "counts", "cases",
           "media", "outlet", "news", "killed", "injured", "missing", "displaced", "affected",
           "arrested", "crowd", "recovered", "damaged", "troops", "deployed", "planned", "prepared",
           "reported", "confirms", "denies", "warns", "condemns", "casualties", "least", "says",
           "said", "say", "read", "see", "related", "team", "office", "service", "agency",
           "government", "president", "official", "officials", "source", "press", "chief", "head",
           "member", "staff", "council", "committee", "department", "military", "police",
           "national", "authority", "authorities", "information", "state", "local", "district",
           "single", "hidden", "left", "right", "top", "down", "off", "full", "plain", "style",
           "color", "title", "type", "mode", "stack", "speaker", "claimant", "affiliation",
           "article", "articles", "outlets", "line", "lines", "page", "pages", "link", "week",
           "day", "days", "month", "year", "years", "time", "times", "points", "point", "percent",
           "unit", "units", "level", "grade", "number", "stage", "phase", "item", "section",
           "code", "rank", "route", "flight", "series", "edition", "zone", "sector", "gate",
           "early", "late", "mid", "end", "beginning", "morning", "night", "evening", "afternoon",
           "today", "yesterday", "update", "hasil", "rilis", "pos", "seri", "zona", "dokter",
           "media", "radio", "televisi", "status", "sumber", "total", "hari", "juta", "januari",
           "kode", "video", "oktober", "halaman", "artikel"}  # message examples, a slug


def test_no_indonesian_word_hides_in_code():
    """An Indonesian word of the lexicon (not also an English word of en.yaml) in a code string."""
    vocab = lexicon.get("id").vocabulary() - lexicon.get("en").vocabulary() - ALLOWED
    found = []
    for path in CODE:
        for line, s in _strings(path):
            if s.startswith(("http", "#")) or len(s) > 300:
                continue
            words = re.findall(r"(?<![\\a-z])[a-z]{3,}", s.lower())
            hits = sorted({w for w in words if w in vocab})
            if hits:
                found.append(f"{path.name}:{line} {hits} in {s[:60]!r}")
    assert not found, "\n".join(found)


def test_the_loader_refuses_a_malformed_file(tmp_path, monkeypatch):
    (tmp_path / "id.yaml").write_text("- not a mapping\n", encoding="utf-8")
    monkeypatch.setattr(lexicon, "_DIR", tmp_path)
    lexicon.get.cache_clear()
    try:
        with pytest.raises(lexicon.LexiconError, match="id.yaml"):
            lexicon.get("id")
    finally:
        monkeypatch.undo()
        lexicon.get.cache_clear()


def test_lexicon_files_load_with_safe_yaml():
    for lang in lexicon.LANGUAGES:
        data = yaml.safe_load(lexicon.path(lang).read_text(encoding="utf-8"))
        assert isinstance(data, dict) and "SPEECH_VERBS" in data
