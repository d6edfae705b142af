"""The speed work: the statement pre-filter changes no row, and the bench reports what it
measured (stages in ms per article, verdict against the targets)."""
from __future__ import annotations

from pathlib import Path

import pytest

from bench import __main__ as bench_main
from bench import measure, synth
from helpers import context
from helpers.corpus import load_actors_for, load_corpus
from helpers.pipeline import _article_dicts, _gazetteer
from helpers.statements import extract_statements

ROOT = Path(__file__).resolve().parent.parent
DEVSETS = sorted(p for p in (ROOT / "tests" / "data" / "devsets").iterdir() if p.is_dir())


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bench") / "corpus"
    synth.write_corpus(folder, 120, seed=5)
    return folder


def _contexts(folder):
    gaz = _gazetteer(load_actors_for(folder))
    for a in _article_dicts(load_corpus(folder)):
        yield a, gaz, context.ArticleContext(a, gaz)


@pytest.mark.parametrize("which", ["seeds", "devsets", "english", "synthetic"])
def test_prefilter_changes_no_statement(which, synthetic):
    folders = {"seeds": [ROOT / "seeds"], "devsets": DEVSETS, "english": [ROOT / "tests" / "data" / "english"],
               "synthetic": [synthetic]}[which]
    skipped = 0
    for folder in folders:
        for a, gaz, ctx in _contexts(folder):
            filtered = extract_statements(a, gaz, ctx)
            skipped += len(ctx.sentences) - len(ctx.candidate_sentences)
            ctx.candidate_sentences = ctx.sentences
            assert extract_statements(a, gaz, ctx) == filtered, a["article_id"]
    assert skipped > 0  # the filter does skip sentences


@pytest.mark.parametrize("text, kept", [
    ("Cuaca cerah hari ini. Menteri itu mengatakan pasukan tiba.", [1]),
    ("Pasar ramai. “Kami siap,” katanya. Harga naik.", [1]),
    ("Pasar ramai. Menurut polisi, jalan ditutup.", [1]),
    ("Pasar ramai. Harga beras naik lagi.", []),
    ("MENGATAKAN itu mudah.", [0]),  # case does not matter
])
def test_candidate_sentences(text, kept):
    from helpers.text import find_quotes, split_sentences

    quotes = find_quotes(text)
    sents = split_sentences(text, quotes)
    got = context.candidate_sentences(text, sents, quotes, "id")
    assert got == [sents[i] for i in kept]


def test_text_whose_lower_case_is_longer_keeps_every_sentence():
    text = "İstanbul ramai. Harga naik."  # "İ".lower() is two characters
    sents = [(0, 15), (16, 27)]
    assert context.candidate_sentences(text, sents, [], "id") == sents


def test_stage_breakdown_in_ms_per_article():
    articles = load_corpus(ROOT / "seeds")
    stages = measure.stage_breakdown(articles, load_actors_for(ROOT / "seeds"))
    assert {"context: dates", "statements (candidate sentences)", "estimates",
            "total per article (sum)"} <= set(stages)
    assert all(v["ms_per_article"] >= 0 for v in stages.values())


def test_sample_is_evenly_spaced_and_skips_duplicates(synthetic):
    articles = load_corpus(synthetic)
    sub = measure.sample(articles, 10)
    assert len(sub) == 10 and sub["duplicate_of"].isna().all()
    assert sub.attrs.get("corpus") == articles.attrs.get("corpus")


def test_verdict_and_table_name_the_targets():
    res = {"machine": {"cpu": "x", "cores": 2, "python": "3.11"}, "mode": "sampled",
           "corpus": {"articles": 10, "mb": 0.1, "folder": "f"}, "sample_articles": 10,
           "annotate_jobs1": {"seconds": 1.0, "articles_per_s": 1200.0, "ms_per_article": 0.8},
           "reference": {"seconds": 1, "articles_per_s": 10.0, "sample_articles": 5},
           "ratio_to_reference": 120.0, "bench_seconds": 200.0}
    v = bench_main.verdict(res)
    assert v == {"articles_per_s_per_core_met": True, "ratio_to_reference_met": True,
                 "bench_under_5_min": True}
    assert "ratio ours/reference (same run): 120.0x" in bench_main.table(res)


def test_rows_become_tables_in_batches_with_the_same_result(synthetic, monkeypatch):
    """A large corpus's rows are typed a batch at a time (memory); the tables are those of one
    batch, dtypes and extra columns included, with and without the cache."""
    import pandas as pd

    from helpers import pipeline

    articles, actors = load_corpus(synthetic), load_actors_for(synthetic)
    whole = pipeline.annotate(articles, actors, corrections=None)
    monkeypatch.setattr(pipeline._frames, "__defaults__", (7,))
    batched = pipeline.annotate(articles, actors, corrections=None)
    cached = pipeline.annotate(articles, actors, corrections=None, cache=synthetic.parent / "cache")
    for name in ("mentions", "statements", "estimates"):
        pd.testing.assert_frame_equal(getattr(batched, name), getattr(whole, name))
        pd.testing.assert_frame_equal(getattr(cached, name), getattr(whole, name))


def test_concat_fills_an_extra_column_a_batch_lacks():
    import pandas as pd

    from helpers import pipeline, schema

    rows = [{"article_id": "a", "value": 1.0, "note": "x"}, {"article_id": "b", "value": 2.0}]
    got = pipeline._concat([schema.frame(rows[:1], "estimates"), schema.frame(rows[1:], "estimates")],
                           "estimates")
    pd.testing.assert_frame_equal(got, schema.frame(rows, "estimates"))
