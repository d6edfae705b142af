"""Robustness at scale: properties that must hold for ANY text, and the bench corpus generator.

* ``annotate_article`` never raises, on arbitrary text over an Indonesian-news alphabet (quotes
  of every kind, digits, dots, commas, brackets, slashes, newlines) and on random
  recombinations of lexicon words, actor aliases, numbers and dates;
* every span slices back to its text: mentions -> ``surface``, statements -> ``text``;
  estimates -> a phrase that holds the digits or the number word;
* the same through ``annotate`` on a one-article table (the tables get built);
* ``bench.synth`` is deterministic and its corpus loads with ``load_corpus``.
"""
from __future__ import annotations

import hashlib
import re
import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from bench import synth
from helpers import lexicon
from helpers.profile import default_profile

lx = lexicon.get("id")
TROOP_UNITS = list(default_profile().measure("troops").units["id"])
from helpers.actors import Gazetteer, load_actors
from helpers.pipeline import annotate
from helpers.extract import annotate_article
from helpers.corpus import load_corpus
from helpers.text import normalise

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ACTORS = load_actors(SEEDS / "actors.yaml")
GAZ = Gazetteer(ACTORS)

ALPHABET = ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
            "éèëöüñłą  \n\n.,;:!?()[]/-–—%$'\"\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb…")

_ALIASES = sorted({a for row in ACTORS.itertuples() for a in [row.name, *str(row.aliases).split("; ")] if a})
_WORDS = sorted(set(
    lx.SPEECH_VERBS + lx.DIRECT_AFTER_VERBS + lx.NEGATIONS + lx.PRONOUNS + lx.LEAD_WORDS
    + lx.SPEAKER_ROLE_WORDS + TROOP_UNITS + lx.NOT_UNITS + list(lx.NUMBER_WORDS)
    + list(lx.MULTIPLIERS) + list(lx.VAGUE_QUANTITIES) + list(lx.MONTHS) + list(lx.WEEKDAYS)
    + list(lx.RELATIVE_DAYS) + list(lx.RELATIVE_WEEKS) + lx.REVISION_CUES
    + [w for ws in lx.QUALIFIERS.values() for w in ws]
    + [w for ws in lx.CATEGORY_CUES.values() for w in ws]
    + ["menurut", "bahwa", "dikutip", "dilansir", "Senin", "Kamis", "Minggu", "pekan", "lalu"]))
_NUMBERS = ["3.000", "10.000", "1.500", "1,5", "10", "2024", "2022", "ke-3", "10.00", "5%",
            "(28/10)", "(24/10/2024)", "24/10/2024", "2024-10-24", "3-5", "3–5", "F-16", "Rp",
            "US$", "s/d", "20-an", "10.000-an", "1.234,5", "3,000", "1.5", "0", "00", "99999999999"]
_PUNCT = [", ", ". ", ".", "\n", "\n\n", ": ", "“", "”", '"', "‘", "’", "'", "(", ")", " — ",
          " - ", "?", "!", "…", ";"]
TOKENS = st.sampled_from(_ALIASES) | st.sampled_from(_WORDS) | st.sampled_from(_NUMBERS) | st.sampled_from(_PUNCT)
RECOMBINED = st.lists(st.tuples(TOKENS, st.sampled_from([" ", " ", "", "\n", ", "])),
                      max_size=80).map(lambda ts: "".join(a + b for a, b in ts))
ARBITRARY = st.text(alphabet=ALPHABET, max_size=400)
# Clause-shaped pieces (speaker + verb + claim, quotation + cue), so the statement and
# estimate paths are reached often; junk tokens are spliced in between the pieces.
_ALIAS, _WORD, _NUM = st.sampled_from(_ALIASES), st.sampled_from(_WORDS), st.sampled_from(_NUMBERS)
_QUOTES = st.sampled_from([("“", "”"), ('"', '"'), ("‘", "’"), ("“", ""), ('"', "")])
CLAUSE = st.one_of(
    st.builds("{} {} bahwa {} {} {} {} ke {}.".format, _ALIAS, st.sampled_from(lx.SPEECH_VERBS),
              _ALIAS, _WORD, _NUM, st.sampled_from(TROOP_UNITS), _ALIAS),
    st.builds(lambda q, body, cue, who, tail: f"{q[0]}{body},{q[1]} {cue} {who}{tail}.", _QUOTES,
              RECOMBINED, st.sampled_from(lx.DIRECT_AFTER_VERBS), _ALIAS,
              st.sampled_from(["", ", Senin (28/10)", " kepada CNN", " dikutip AFP"])),
    st.builds("Menurut {}, {} {} {}.".format, _ALIAS, _WORD, _NUM, _WORD),
    st.builds(lambda w, q: f"{w} mengatakan: {q[0]}Kami {q[1]}", _ALIAS, _QUOTES),
)
SENTENCES = st.lists(st.one_of(CLAUSE, TOKENS), max_size=12).map(" ".join)
TEXTS = (ARBITRARY | RECOMBINED | SENTENCES).map(normalise)
PUBLISHED = st.one_of(st.just(pd.NaT),
                      st.dates(min_value=pd.Timestamp("2000-01-01").date(),
                               max_value=pd.Timestamp("2030-12-31").date()).map(pd.Timestamp))
OUTLETS = st.sampled_from([None, "Kompas.com", "Antara"])

_NUMBER_WORDS = sorted(set(lx.NUMBER_WORDS) | set(lx.MULTIPLIERS) | set(lx.VAGUE_QUANTITIES)
                       | set(lx.VAGUE_EXTRA), key=len, reverse=True)
_HAS_NUMBER = re.compile(r"\d|" + "|".join(re.escape(w) for w in _NUMBER_WORDS), re.IGNORECASE)


def _article(text, published, outlet):
    return {"article_id": "p", "text": text, "published": published, "outlet": outlet}


def _check_spans(text, res):
    n = len(text)
    for m in res["mentions"]:
        assert 0 <= m["start"] <= m["end"] <= n, m
        assert text[m["start"]:m["end"]] == m["surface"], m
    for s in res["statements"]:
        assert 0 <= s["start"] <= s["end"] <= n, s
        assert text[s["start"]:s["end"]] == s["text"], s
    for e in res["estimates"]:
        assert 0 <= e["start"] <= e["end"] <= n, e
        assert _HAS_NUMBER.search(text[e["start"]:e["end"]]), (text[e["start"]:e["end"]], e)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, PUBLISHED, OUTLETS)
def test_annotate_article_never_raises_and_spans_slice_back(text, published, outlet):
    res = annotate_article(_article(text, published, outlet), GAZ)
    assert set(res) >= {"mentions", "statements", "estimates"}
    for name in ("mentions", "statements", "estimates"):
        event(f"{name}: {'some' if res[name] else 'none'}")
    _check_spans(text, res)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given((RECOMBINED | SENTENCES).map(normalise), PUBLISHED)
def test_recombined_lexicon_text_with_empty_gazetteer(text, published):
    """An empty gazetteer must work too (every speaker unlisted)."""
    res = annotate_article(_article(text, published, None), Gazetteer(ACTORS.iloc[0:0]))
    assert res["mentions"] == []
    _check_spans(text, res)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, PUBLISHED)
def test_annotate_one_article_frame_builds_tables(text, published):
    articles = pd.DataFrame({"article_id": ["p"], "text": [text], "published": [published],
                             "outlet": [pd.NA], "duplicate_of": [pd.NA]})
    ann = annotate(articles, ACTORS, corrections=None)
    for table in (ann.mentions, ann.statements, ann.estimates):
        for row in table.itertuples():
            assert 0 <= row.start <= row.end <= len(text)
    assert (ann.statements["text"] == [text[s:e] for s, e in zip(ann.statements["start"], ann.statements["end"])]).all()


# ----------------------------------------------------------------------------- bench.synth

def _digest(items) -> str:
    h = hashlib.sha256()
    for name, text, meta in items:
        h.update(name.encode() + text.encode() + repr(sorted(meta.items())).encode())
    return h.hexdigest()


def test_synth_is_deterministic():
    assert _digest(synth.generate(40, seed=0)) == _digest(synth.generate(40, seed=0))


def test_synth_seed_changes_output():
    assert _digest(synth.generate(10, seed=0)) != _digest(synth.generate(10, seed=1))


def _tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.iterdir()):
        h.update(p.name.encode() + p.read_bytes())
    return h.hexdigest()


def test_synth_corpus_loads_and_is_identical_twice(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    synth.write_corpus(a, 30)
    synth.write_corpus(b, 30)
    assert _tree_digest(a) == _tree_digest(b)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        articles = load_corpus(a)
    assert len(articles) == 30
    assert articles["language"].eq("id").all()
    assert articles["published"].notna().sum() >= 25  # metadata dates, or read from the text
    n_words = articles.loc[articles["duplicate_of"].isna(), "n_words"]
    assert n_words.min() >= 80 and n_words.max() <= 2500
    actors = load_actors(a / "actors.yaml")
    assert {"penny_wong", "lloyd_austin", "iran"} <= set(actors["actor_id"])
    ann = annotate(articles, actors, corrections=None)
    assert len(ann.statements) > 30 and len(ann.estimates) > 30
    assert ann.statements["listed"].eq(False).any()  # unlisted speakers are in the mix


def test_synth_reuses_an_identical_corpus_and_refuses_foreign_folders(tmp_path):
    first = synth.write_corpus(tmp_path / "c", 5)
    assert first["reused"] is False
    assert synth.write_corpus(tmp_path / "c", 5)["reused"] is True
    foreign = tmp_path / "analyst"
    foreign.mkdir()
    (foreign / "mine.txt").write_text("Artikel analis.", encoding="utf-8")
    with pytest.raises(ValueError, match="did not write"):
        synth.write_corpus(foreign, 5)
    with pytest.raises(ValueError, match="seeds"):
        synth.write_corpus(SEEDS, 5)
    assert (foreign / "mine.txt").read_text(encoding="utf-8") == "Artikel analis."


def test_synth_actor_aliases_do_not_clash_with_the_seed_gazetteer():
    doc = synth.bench_actors()
    ids = [a["id"] for a in doc["actors"]]
    assert len(ids) == len(set(ids))
